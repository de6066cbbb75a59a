//! My agenda: the attendee's picks by day, with free gaps and every clash highlighted. A clash
//! that involves a recorded session offers "watch later". Picks whose session left the schedule
//! are listed, never hidden. Rows are rebuilt when the plan or schedule changes and only the rows
//! in view are drawn.

use chrono::NaiveDateTime;
use egui::{Align, FontId, Layout, RichText, Sense, Ui};

use super::item_editor::{DraftKind, ItemDraft, ItemEditor};
use super::widgets::{self, one_line};
use super::{Memo, Revisions, ViewCtx, theme};
use crate::command::{Command, FileCommand, PlanCommand, UiCommand};
use crate::model::time::{format_day, format_hm, format_minutes, minutes_between};
use crate::model::{BlockKind, CustomKind, Edit, ItemKind, ItemSource, Priority, Resolution, SessionId, TimelineItem};

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
    /// The rows, for the documents' revisions (the roster adds shifts and slots too).
    rows: Memo<Revisions, Vec<Row>>,
}

/// The agenda's rows: orphaned picks first, then each day's items with the gaps between them.
fn build_rows(ctx: &ViewCtx<'_>) -> Vec<Row> {
    let mut rows = Vec::new();
    let timeline = ctx.timeline;
    let orphans: Vec<SessionId> = ctx.plan.orphans(ctx.schedule).map(|(id, _)| id.clone()).collect();
    if !orphans.is_empty() {
        rows.push(Row::OrphanHeader(orphans.len()));
        rows.extend(orphans.into_iter().map(Row::Orphan));
    }
    for (date, range) in timeline.days() {
        let clashes = timeline.clash_count_in(range.clone());
        rows.push(Row::Day { date, items: range.len(), clashes });
        let gaps = timeline.gaps(range.clone(), MIN_GAP_MINUTES);
        let mut gaps = gaps.into_iter().peekable();
        for i in range {
            let Some(item) = timeline.items().get(i) else { continue };
            while let Some(&(from, to)) = gaps.peek() {
                if from > item.starts_at {
                    break;
                }
                rows.push(Row::Gap(from, to));
                gaps.next();
            }
            rows.push(Row::Item(i));
        }
    }
    rows
}

impl AgendaView {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        selected: Option<&SessionId>,
        editor: &mut Option<ItemEditor>,
        commands: &mut Vec<Command>,
    ) {
        self.rows.refresh(ctx.revisions, || build_rows(ctx));
        let timeline = ctx.timeline;
        ui.horizontal(|ui| {
            ui.heading("My agenda");
            let summary = format!("{} items", timeline.items().len());
            ui.label(RichText::new(summary).weak());
            let (hard, soft) = (timeline.hard_clash_count(), timeline.soft_clash_count());
            if hard > 0 {
                ui.label(
                    RichText::new(format!("⚠ {hard} {}", if hard == 1 { "clash" } else { "clashes" }))
                        .color(theme::clash(ui.visuals())),
                );
            }
            if soft > 0 {
                ui.label(RichText::new(format!("{soft} with maybes")).color(theme::must(ui.visuals())))
                    .on_hover_text("Clashes where one side is a maybe pick");
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui.button("📅 Export to calendar…").on_hover_text("Save your agenda as an .ics file").clicked() {
                    commands.push(Command::File(FileCommand::ExportCalendar));
                }
                ui.separator();
                add_buttons_ui(ui, ctx, editor);
            });
        });
        if self.rows.value().is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(60.0);
                ui.heading("Nothing planned yet");
                ui.label(
                    "In the Schedule tab, mark sessions ★ Must or ☆ Maybe. Add hallway meetings, dinners and \
                     travel with the buttons above. Everything appears here by day, with any clashes.",
                );
            });
            return;
        }
        ui.separator();
        ui.spacing_mut().item_spacing.y = 0.0;
        let rows = self.rows.value();
        egui::ScrollArea::vertical().id_salt("agenda").auto_shrink(false).show_rows(
            ui,
            theme::ROW_HEIGHT,
            rows.len(),
            |ui, range| {
                for row in rows.get(range).unwrap_or_default() {
                    match row {
                        Row::Day { date, items, clashes } => day_header_ui(ui, *date, *items, *clashes),
                        Row::Item(i) => item_row_ui(ui, ctx, *i, selected, editor, commands),
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
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!("{}  ·  {}", format_day(date), plural(items, "item", "items"));
    if clashes > 0 {
        text.push_str(&format!("  ·  {}", plural(clashes, "clash", "clashes")));
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
    {
        let ui = &mut ui.new_child(
            egui::UiBuilder::new()
                .max_rect(buttons.shrink2(egui::vec2(6.0, 0.0)))
                .layout(Layout::right_to_left(Align::Center)),
        );
        let remove = ui.button("Remove");
        remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove: {title}")));
        if remove.clicked() {
            commands.push(Command::Plan(PlanCommand::Edit(Edit::Unpick { session_id: session_id.clone() })));
        }
    }
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

/// "+ Meeting", "+ Dinner", "+ Travel / busy": open the editor on a new item of the day in view.
fn add_buttons_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, editor: &mut Option<ItemEditor>) {
    let day = ctx
        .schedule
        .day_of(ctx.now)
        .and_then(|d| ctx.schedule.day(d))
        .map_or(ctx.schedule.conference().start_date, |d| d.date);
    let new = [
        ("+ Travel / busy", DraftKind::Block(BlockKind::Departure)),
        ("+ Dinner", DraftKind::Dinner),
        ("+ Meeting", DraftKind::Custom(CustomKind::Meeting)),
    ];
    for (label, kind) in new {
        if ui.button(label).clicked() {
            *editor = Some(ItemEditor::new(ItemDraft::new(kind, day)));
        }
    }
}

/// An icon and short label for an item: its priority for picks, its kind otherwise.
fn badge(item: &TimelineItem, visuals: &egui::Visuals) -> (String, egui::Color32) {
    match (item.kind, item.is_watch_later, item.priority) {
        (_, true, _) => ("📺 later".to_owned(), visuals.weak_text_color()),
        (_, false, Some(Priority::Must)) => ("★ Must".to_owned(), theme::must(visuals)),
        (_, false, Some(Priority::Maybe)) => ("☆ Maybe".to_owned(), theme::maybe(visuals)),
        (ItemKind::Dinner, ..) => ("🍽 Dinner".to_owned(), visuals.text_color()),
        (ItemKind::Block(kind), ..) => {
            let icon = match kind {
                BlockKind::Arrival | BlockKind::Departure => "✈",
                BlockKind::Holiday => "🏠",
                BlockKind::Busy => "⏰",
            };
            (format!("{icon} {}", kind.label()), visuals.text_color())
        }
        (ItemKind::Custom(_), ..) => ("💬 Meeting".to_owned(), visuals.text_color()),
        (ItemKind::Volunteer, ..) => ("📝 Volunteer".to_owned(), visuals.text_color()),
        (ItemKind::Shift, ..) => ("⚑ Booth".to_owned(), visuals.text_color()),
        (ItemKind::Session(kind), ..) => (kind.label().to_owned(), visuals.text_color()),
    }
}

fn item_row_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    i: usize,
    selected: Option<&SessionId>,
    editor: &mut Option<ItemEditor>,
    commands: &mut Vec<Command>,
) {
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
    if let Some(warning) = &item.warning {
        accessible.push_str(&format!(", {warning}"));
    }
    let response = widgets::row_frame(ui, theme::ROW_HEIGHT, is_selected, &accessible);
    let rect = response.rect;
    if response.clicked() {
        match (&item.source, session_id) {
            (_, Some(id)) => {
                commands.push(Command::Ui(UiCommand::Select(if is_selected { None } else { Some(id.clone()) })));
            }
            (ItemSource::Personal(id), None) => {
                *editor = ctx.plan.item(id).map(|item| ItemEditor::new(ItemDraft::from_item(&item)));
            }
            _ => {}
        }
    }
    let visuals = ui.visuals().clone();
    let outline = if timeline.has_hard_clash(i) { theme::clash(&visuals) } else { theme::must(&visuals) };
    if !partners.is_empty() {
        ui.painter().rect_stroke(rect.shrink(1.0), 3.0, egui::Stroke::new(1.5, outline), egui::StrokeKind::Inside);
    }
    let controls = item_controls_ui(ui, ctx, i, rect, editor, commands);

    let painter = ui.painter_at(rect);
    let left = rect.left() + 8.0;
    painter.text(
        egui::pos2(left, rect.top() + 6.0),
        egui::Align2::LEFT_TOP,
        format!("{}–{}", format_hm(item.starts_at), format_hm(item.ends_at)),
        FontId::proportional(13.0),
        visuals.text_color(),
    );
    let (badge, badge_colour) = badge(item, &visuals);
    painter.text(
        egui::pos2(left, rect.top() + 24.0),
        egui::Align2::LEFT_TOP,
        badge,
        FontId::proportional(11.0),
        badge_colour,
    );
    let text_left = left + 104.0;
    let width = (controls.left() - text_left - 8.0).max(40.0);
    let title_colour = if item.is_watch_later { visuals.weak_text_color() } else { visuals.strong_text_color() };
    let title = one_line(ui, &item.title, FontId::proportional(15.0), title_colour, width);
    painter.galley(egui::pos2(text_left, rect.top() + 4.0), title, title_colour);
    let mut problems: Vec<String> = item.warning.iter().cloned().collect();
    if !partner_titles.is_empty() {
        problems.push(format!("Clashes with {}", partner_titles.join("; ")));
    }
    let (second, colour) = match (problems.is_empty(), partners.is_empty()) {
        (true, _) => (item.place.clone(), visuals.weak_text_color()),
        (false, true) => (format!("⚠ {} · {}", problems.join(" · "), item.place), theme::must(&visuals)),
        (false, false) => (format!("⚠ {}", problems.join(" · ")), outline),
    };
    let second = one_line(ui, &second, FontId::proportional(12.0), colour, width);
    painter.galley(egui::pos2(text_left, rect.top() + 24.0), second, colour);
}

/// Remove, edit, and the ways out of a clash, at the right of an agenda row; returns the area
/// they took.
fn item_controls_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    i: usize,
    rect: egui::Rect,
    editor: &mut Option<ItemEditor>,
    commands: &mut Vec<Command>,
) -> egui::Rect {
    let timeline = ctx.timeline;
    let controls_width = 300.0_f32.min(rect.width() * 0.45);
    let controls = egui::Rect::from_min_max(egui::pos2(rect.right() - controls_width, rect.top()), rect.max);
    let Some(item) = timeline.items().get(i) else { return controls };
    let area = controls.shrink2(egui::vec2(6.0, 0.0));
    let button = |ui: &mut Ui, text: &str, label: String| {
        let response = ui.button(text);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        response.clicked()
    };
    // A child Ui, not a scope: the row is already allocated, and a scope with nothing in it (a
    // booth shift has no buttons) would move the parent's cursor back up into the row.
    {
        let ui = &mut ui.new_child(egui::UiBuilder::new().max_rect(area).layout(Layout::right_to_left(Align::Center)));
        if let Some(edit) = item.removal() {
            let response = ui.small_button("✖").on_hover_text("Remove from my agenda");
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove: {}", item.title)));
            if response.clicked() {
                commands.push(Command::Plan(PlanCommand::Edit(edit)));
            }
        }
        if let (ItemSource::Personal(id), false) = (&item.source, timeline.has_clash(i))
            && button(ui, "Edit…", format!("Edit: {}", item.title))
        {
            *editor = ctx.plan.item(id).map(|item| ItemEditor::new(ItemDraft::from_item(&item)));
        }
        if item.is_watch_later
            && let Some(id) = item.session_id()
            && button(ui, "Attend in person", format!("Attend in person: {}", item.title))
        {
            commands.push(Command::Plan(PlanCommand::Edit(Edit::SetWatchLater {
                session_id: id.clone(),
                watch_later: false,
            })));
        }
        for resolution in timeline.resolutions_for(i).into_iter().rev() {
            match resolution {
                Resolution::MakeMaybe(session_id) => {
                    if button(ui, "Make maybe", format!("Make maybe: {}", item.title)) {
                        commands.push(Command::Plan(PlanCommand::Edit(Edit::Pick {
                            session_id,
                            priority: Priority::Maybe,
                        })));
                    }
                }
                Resolution::WatchLater(session_id) => {
                    if button(ui, "📺 Watch later", format!("Watch later: {}", item.title)) {
                        commands.push(Command::Plan(PlanCommand::Edit(Edit::SetWatchLater {
                            session_id,
                            watch_later: true,
                        })));
                    }
                }
                Resolution::Move(id) => {
                    if button(ui, "Move…", format!("Move: {}", item.title)) {
                        *editor = ctx.plan.item(&id).map(|item| ItemEditor::new(ItemDraft::from_item(&item)));
                    }
                }
                Resolution::LeaveSlot(key) => {
                    if button(ui, "Leave slot", format!("Leave slot: {}", item.title)) {
                        commands.push(Command::Plan(PlanCommand::Edit(Edit::LeaveSlot(key))));
                    }
                }
            }
        }
    }
    controls
}
