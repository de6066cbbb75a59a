//! My agenda: the attendee's picks by day, with free gaps and every clash highlighted. A clash
//! that involves a recorded session offers "watch later". Picks whose session left the schedule
//! are listed, never hidden. Rows are rebuilt when the plan or schedule changes and only the rows
//! in view are drawn.

use chrono::NaiveDateTime;
use egui::{Align, FontId, Layout, RichText, Sense, Ui};

use super::widgets::{self, one_line};
use super::{ViewCtx, theme};
use crate::command::Command;
use crate::model::time::{format_day, format_hm, format_minutes, minutes_between};
use crate::model::{Edit, Priority, SessionId};

/// Free time shorter than this is not worth a row.
const MIN_GAP_MINUTES: u32 = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Row {
    Day { date: chrono::NaiveDate, items: usize, clashes: usize },
    Item(usize),
    Gap(NaiveDateTime, NaiveDateTime),
    OrphanHeader(usize),
    Orphan(SessionId),
}

#[derive(Default)]
pub struct AgendaView {
    /// `(generation, plan revision)` the rows were built for.
    rows_key: Option<(u64, u64)>,
    rows: Vec<Row>,
}

impl AgendaView {
    fn rebuild(&mut self, ctx: &ViewCtx<'_>) {
        let key = (ctx.generation, ctx.plan_revision);
        if self.rows_key == Some(key) {
            return;
        }
        self.rows.clear();
        let timeline = ctx.timeline;
        let orphans: Vec<SessionId> = ctx.plan.orphans(ctx.schedule).map(|(id, _)| id.clone()).collect();
        if !orphans.is_empty() {
            self.rows.push(Row::OrphanHeader(orphans.len()));
            self.rows.extend(orphans.into_iter().map(Row::Orphan));
        }
        for (date, range) in timeline.days() {
            let clashes = timeline.clashes().iter().filter(|c| range.contains(&c.a)).count();
            self.rows.push(Row::Day { date, items: range.len(), clashes });
            let gaps = timeline.gaps(range.clone(), MIN_GAP_MINUTES);
            let mut gaps = gaps.into_iter().peekable();
            for i in range {
                let Some(item) = timeline.items().get(i) else { continue };
                while let Some(&(from, to)) = gaps.peek() {
                    if from > item.starts_at {
                        break;
                    }
                    self.rows.push(Row::Gap(from, to));
                    gaps.next();
                }
                self.rows.push(Row::Item(i));
            }
        }
        self.rows_key = Some(key);
    }

    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, selected: Option<&SessionId>, commands: &mut Vec<Command>) {
        self.rebuild(ctx);
        if self.rows.is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(60.0);
                ui.heading("No picks yet");
                ui.label(
                    "In the Schedule tab, mark sessions ★ Must or ☆ Maybe. They appear here by day, with any clashes.",
                );
            });
            return;
        }
        let clashes = ctx.timeline.clashes().len();
        ui.horizontal(|ui| {
            ui.heading("My agenda");
            let summary = format!("{} picks", ctx.plan.picks.len());
            ui.label(RichText::new(summary).weak());
            if clashes > 0 {
                ui.label(RichText::new(format!("⚠ {clashes} clashes")).color(theme::clash(ui.visuals())));
            }
        });
        ui.separator();
        ui.spacing_mut().item_spacing.y = 0.0;
        let rows = &self.rows;
        egui::ScrollArea::vertical().id_salt("agenda").auto_shrink(false).show_rows(
            ui,
            theme::ROW_HEIGHT,
            rows.len(),
            |ui, range| {
                for row in rows.get(range).unwrap_or_default() {
                    match row {
                        Row::Day { date, items, clashes } => day_header_ui(ui, *date, *items, *clashes),
                        Row::Item(i) => item_row_ui(ui, ctx, *i, selected, commands),
                        Row::Gap(from, to) => gap_row_ui(ui, *from, *to),
                        Row::OrphanHeader(n) => orphan_header_ui(ui, *n),
                        Row::Orphan(id) => orphan_row_ui(ui, ctx, id, commands),
                    }
                }
            },
        );
    }
}

fn day_header_ui(ui: &mut Ui, date: chrono::NaiveDate, items: usize, clashes: usize) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), theme::ROW_HEIGHT), Sense::hover());
    let visuals = ui.visuals();
    let mut text = format!("{}  ·  {items} items", format_day(date));
    if clashes > 0 {
        text.push_str(&format!("  ·  {clashes} clashes"));
    }
    ui.painter().text(
        egui::pos2(rect.left() + 4.0, rect.bottom() - 8.0),
        egui::Align2::LEFT_BOTTOM,
        text,
        FontId::proportional(17.0),
        visuals.strong_text_color(),
    );
    ui.painter().hline(rect.x_range(), rect.bottom() - 1.0, visuals.widgets.noninteractive.bg_stroke);
}

fn gap_row_ui(ui: &mut Ui, from: NaiveDateTime, to: NaiveDateTime) {
    let text = format!("free {}–{}  ({})", format_hm(from), format_hm(to), format_minutes(minutes_between(from, to)));
    let (rect, response) = ui.allocate_exact_size(egui::vec2(ui.available_width(), theme::ROW_HEIGHT), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    let colour = theme::ok(ui.visuals());
    ui.painter().text(
        egui::pos2(rect.left() + 24.0, rect.center().y),
        egui::Align2::LEFT_CENTER,
        text,
        FontId::proportional(13.0),
        colour,
    );
}

fn orphan_header_ui(ui: &mut Ui, count: usize) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), theme::ROW_HEIGHT), Sense::hover());
    let text = format!(
        "⚠ {count} of your picks are no longer in this schedule (cancelled or removed). They are kept until you remove them."
    );
    let galley = one_line(ui, &text, FontId::proportional(13.0), theme::clash(ui.visuals()), rect.width() - 8.0);
    ui.painter().galley(
        egui::pos2(rect.left() + 4.0, rect.center().y - galley.size().y / 2.0),
        galley,
        theme::clash(ui.visuals()),
    );
}

fn orphan_row_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, session_id: &SessionId, commands: &mut Vec<Command>) {
    let Some(pick) = ctx.plan.pick(session_id) else { return };
    let title = if pick.title.is_empty() { session_id.as_str() } else { pick.title.as_str() };
    let mut details = vec![pick.priority.label().to_owned()];
    if let Some(t) = pick.starts_at {
        details.insert(0, format!("was {} {}", format_day(t.date()), format_hm(t)));
    }
    let response = widgets::row_frame(ui, theme::ROW_HEIGHT, false, &format!("No longer in the schedule: {title}"));
    let rect = response.rect;
    let buttons = egui::Rect::from_min_max(egui::pos2(rect.right() - 120.0, rect.top()), rect.max);
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(buttons.shrink2(egui::vec2(6.0, 0.0)))
            .layout(Layout::right_to_left(Align::Center)),
        |ui| {
            let remove = ui.button("Remove");
            remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove: {title}")));
            if remove.clicked() {
                commands.push(Command::Edit(Edit::Unpick { session_id: session_id.clone() }));
            }
        },
    );
    let visuals = ui.visuals().clone();
    let width = (buttons.left() - rect.left() - 120.0).max(40.0);
    let galley = one_line(ui, title, FontId::proportional(15.0), visuals.weak_text_color(), width);
    let title_pos = egui::pos2(rect.left() + 112.0, rect.top() + 4.0);
    let strike_y = title_pos.y + galley.size().y / 2.0;
    let strike_width = galley.size().x;
    ui.painter().galley(title_pos, galley, visuals.weak_text_color());
    ui.painter().hline(
        title_pos.x..=title_pos.x + strike_width,
        strike_y,
        egui::Stroke::new(1.0, visuals.weak_text_color()),
    );
    let meta = one_line(ui, &details.join(" · "), FontId::proportional(12.0), visuals.weak_text_color(), width);
    ui.painter().galley(egui::pos2(rect.left() + 112.0, rect.top() + 24.0), meta, visuals.weak_text_color());
}

fn item_row_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, i: usize, selected: Option<&SessionId>, commands: &mut Vec<Command>) {
    let timeline = ctx.timeline;
    let Some(item) = timeline.items().get(i) else { return };
    let session_id = item.session_id();
    let is_selected = session_id.is_some() && session_id == selected;
    let partners = timeline.clashes_with(i);
    let partner_titles: Vec<&str> =
        partners.iter().filter_map(|&p| timeline.items().get(p)).map(|p| p.title.as_str()).collect();
    let mut accessible = format!("{} {}, {}", format_hm(item.starts_at), item.title, item.place);
    if item.is_watch_later {
        accessible.push_str(", watch later");
    }
    if !partner_titles.is_empty() {
        accessible.push_str(&format!(", clashes with {}", partner_titles.join("; ")));
    }
    let response = widgets::row_frame(ui, theme::ROW_HEIGHT, is_selected, &accessible);
    let rect = response.rect;
    if let (true, Some(id)) = (response.clicked(), session_id) {
        commands.push(Command::Select(if is_selected { None } else { Some(id.clone()) }));
    }
    let visuals = ui.visuals().clone();
    let clash_colour = theme::clash(&visuals);
    if !partners.is_empty() {
        ui.painter().rect_stroke(rect.shrink(1.0), 3.0, egui::Stroke::new(1.5, clash_colour), egui::StrokeKind::Inside);
    }

    let controls = item_controls_ui(ui, item, rect, session_id, !partners.is_empty(), commands);

    let painter = ui.painter_at(rect);
    let left = rect.left() + 8.0;
    painter.text(
        egui::pos2(left, rect.top() + 6.0),
        egui::Align2::LEFT_TOP,
        format!("{}–{}", format_hm(item.starts_at), format_hm(item.ends_at)),
        FontId::proportional(13.0),
        visuals.text_color(),
    );
    let (badge, badge_colour) = match (item.is_watch_later, item.priority) {
        (true, _) => ("📺 later", visuals.weak_text_color()),
        (false, Some(Priority::Must)) => ("★ Must", theme::must(&visuals)),
        (false, Some(Priority::Maybe)) => ("☆ Maybe", theme::maybe(&visuals)),
        (false, None) => ("", visuals.text_color()),
    };
    painter.text(
        egui::pos2(left, rect.top() + 24.0),
        egui::Align2::LEFT_TOP,
        badge,
        FontId::proportional(11.0),
        badge_colour,
    );
    let text_left = left + 96.0;
    let width = (controls.left() - text_left - 8.0).max(40.0);
    let title_colour = if item.is_watch_later { visuals.weak_text_color() } else { visuals.strong_text_color() };
    let title = one_line(ui, &item.title, FontId::proportional(15.0), title_colour, width);
    painter.galley(egui::pos2(text_left, rect.top() + 4.0), title, title_colour);
    let second = if partner_titles.is_empty() {
        item.place.clone()
    } else {
        format!("⚠ Clashes with {}", partner_titles.join("; "))
    };
    let colour = if partners.is_empty() { visuals.weak_text_color() } else { clash_colour };
    let second = one_line(ui, &second, FontId::proportional(12.0), colour, width);
    painter.galley(egui::pos2(text_left, rect.top() + 24.0), second, colour);
}

/// Remove, and watch-later or attend, at the right of an agenda row; returns the area they took.
fn item_controls_ui(
    ui: &mut Ui,
    item: &crate::model::TimelineItem,
    rect: egui::Rect,
    session_id: Option<&SessionId>,
    has_clash: bool,
    commands: &mut Vec<Command>,
) -> egui::Rect {
    let controls_width = 230.0_f32.min(rect.width() * 0.4);
    let controls = egui::Rect::from_min_max(egui::pos2(rect.right() - controls_width, rect.top()), rect.max);
    let Some(id) = session_id else { return controls };
    let area = controls.shrink2(egui::vec2(6.0, 0.0));
    ui.scope_builder(egui::UiBuilder::new().max_rect(area).layout(Layout::right_to_left(Align::Center)), |ui| {
        let remove = ui.small_button("✖").on_hover_text("Remove from my agenda");
        remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove: {}", item.title)));
        if remove.clicked() {
            commands.push(Command::Edit(Edit::Unpick { session_id: id.clone() }));
        }
        if item.is_watch_later {
            let attend = ui.button("Attend in person");
            let label = format!("Attend in person: {}", item.title);
            attend.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if attend.clicked() {
                commands.push(Command::Edit(Edit::SetWatchLater { session_id: id.clone(), watch_later: false }));
            }
        } else if has_clash && item.is_recorded {
            let later =
                ui.button("📺 Watch later").on_hover_text("It is recorded: watch it afterwards and free this slot");
            let label = format!("Watch later: {}", item.title);
            later.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if later.clicked() {
                commands.push(Command::Edit(Edit::SetWatchLater { session_id: id.clone(), watch_later: true }));
            }
        }
    });
    controls
}
