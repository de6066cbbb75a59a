//! The conference schedule: the search bar and filters, day tabs, then either a list grouped by
//! time slot or the room grid. With text in the search box the list shows the hits of every day,
//! best first. The list draws only the rows in view (`ScrollArea::show_rows`); its rows are
//! rebuilt when the day, the filter, the hits or the schedule change, never per frame.

use chrono::NaiveDateTime;
use egui::{Align, FontId, Layout, RichText, Sense, Ui};

use super::room_grid::RoomGrid;
use super::search_bar::{self, SearchBar};
use super::widgets::{self, one_line};
use super::{Memo, ViewCtx, theme};
use crate::command::{Choice, Command, FileCommand, PlanCommand, SettingsCommand, UiCommand};
use crate::model::filter::Filter;
use crate::model::search::Highlights;
use crate::model::time::{format_day, format_hm, format_minutes};
use crate::model::{DayIdx, Edit, PickToggle, Priority, SessionId, SessionIdx};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScheduleLayout {
    #[default]
    List,
    Grid,
}

/// One row of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    /// A time-slot header.
    Slot(NaiveDateTime),
    Session(SessionIdx),
}

#[derive(Default)]
struct Rows {
    rows: Vec<Row>,
    /// Session rows among `rows`.
    sessions: usize,
}

/// What the list's rows were built for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum RowsKey {
    /// One day's sessions passing the filter.
    Day { generation: u64, day: usize, filter: Filter, picks: Option<u64>, minute: Option<NaiveDateTime> },
    /// Search hits from every day, by [`SearchBar::revision`].
    Search(u64),
}

#[derive(Default)]
pub struct ScheduleView {
    day: usize,
    layout: ScheduleLayout,
    /// The list's rows (time-slot headers and sessions) and how many are sessions, for a day
    /// and filter or for a search (`None`: a search whose index is not built yet).
    rows: Memo<Option<RowsKey>, Rows>,
    search: SearchBar,
    /// Generation the default day was chosen for.
    day_chosen_for: Option<u64>,
    grid: RoomGrid,
    /// A row to bring into view on the next frame (keyboard moved the selection there).
    scroll_to_row: Option<usize>,
}

/// What a key press in the list asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListKey {
    Down,
    Up,
    PreviousDay,
    NextDay,
    Open,
    TogglePick,
    Must,
}

/// Reads the list's keys, unless a text field has the keyboard.
fn list_key(ui: &Ui) -> Option<ListKey> {
    if ui.ctx().egui_wants_keyboard_input() {
        return None;
    }
    ui.input(|i| {
        let plain = i.modifiers.is_none() || i.modifiers == egui::Modifiers::SHIFT;
        let pressed = |keys: &[egui::Key]| plain && keys.iter().any(|&k| i.key_pressed(k));
        if pressed(&[egui::Key::ArrowDown, egui::Key::J]) {
            Some(ListKey::Down)
        } else if pressed(&[egui::Key::ArrowUp, egui::Key::K]) {
            Some(ListKey::Up)
        } else if pressed(&[egui::Key::ArrowLeft, egui::Key::H]) {
            Some(ListKey::PreviousDay)
        } else if pressed(&[egui::Key::ArrowRight, egui::Key::L]) {
            Some(ListKey::NextDay)
        } else if pressed(&[egui::Key::Enter]) {
            Some(ListKey::Open)
        } else if pressed(&[egui::Key::Space]) {
            Some(ListKey::TogglePick)
        } else if pressed(&[egui::Key::M]) {
            Some(ListKey::Must)
        } else {
            None
        }
    })
}

impl ScheduleView {
    pub fn day(&self) -> usize {
        self.day
    }

    /// Switches to the room grid.
    pub fn show_grid(&mut self) {
        self.layout = ScheduleLayout::Grid;
    }

    /// Puts the keyboard in the search box (Ctrl+F or `/`).
    pub fn focus_search(&mut self) {
        self.search.request_focus();
    }

    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, selected: Option<&SessionId>, commands: &mut Vec<Command>) {
        let days = ctx.schedule.days();
        if days.is_empty() {
            empty_state(ui, commands);
            return;
        }
        if self.day_chosen_for != Some(ctx.revisions.schedule) {
            // A new schedule: start on today if the conference is on, else its first day.
            self.day = ctx.schedule.day_of(ctx.now).map_or(0, DayIdx::index);
            self.day_chosen_for = Some(ctx.revisions.schedule);
        }
        self.day = self.day.min(days.len() - 1);
        let outcome = self.search.ui(ui, ctx, self.rows.value().sessions, commands);
        let searching = self.search.is_searching();
        ui.horizontal(|ui| {
            if searching {
                ui.label(RichText::new("Results from every day, best first").weak());
            } else {
                for (i, day) in days.iter().enumerate() {
                    // A day filter leaves only its days' tabs (the current one stays reachable).
                    if ctx.filter.days.is_empty() || ctx.filter.days.contains(&day.date) || i == self.day {
                        ui.selectable_value(&mut self.day, i, format_day(day.date));
                    }
                }
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                ui.selectable_value(&mut self.layout, ScheduleLayout::Grid, "Room grid");
                ui.selectable_value(&mut self.layout, ScheduleLayout::List, "List");
            });
        });
        ui.separator();
        if outcome.go_to_first {
            self.layout = ScheduleLayout::List;
            self.rebuild_rows(ctx);
            let first = self.rows.value().rows.iter().enumerate().find_map(|(i, row)| match *row {
                Row::Session(idx) => Some((i, idx)),
                Row::Slot(_) => None,
            });
            if let Some((row, idx)) = first
                && let Some(session) = ctx.schedule.session(idx)
            {
                self.scroll_to_row = Some(row);
                commands.push(Command::Ui(UiCommand::Select(Some(session.id.clone()))));
            }
        }
        match self.layout {
            _ if searching => self.list_ui(ui, ctx, selected, commands),
            ScheduleLayout::List => self.list_ui(ui, ctx, selected, commands),
            ScheduleLayout::Grid => {
                self.grid.ui(ui, ctx, DayIdx(u32::try_from(self.day).unwrap_or(0)), selected, commands);
            }
        }
    }

    fn rebuild_rows(&mut self, ctx: &ViewCtx<'_>) {
        if self.search.is_searching() {
            self.rebuild_search_rows(ctx);
            return;
        }
        let picks = search_bar::filter_picks(ctx.filter, ctx.revisions.plan);
        let minute = search_bar::filter_minute(ctx.filter, ctx.now);
        let (generation, day) = (ctx.revisions.schedule, self.day);
        self.rows.refresh_with(
            |key| {
                matches!(key, Some(RowsKey::Day { generation: g, day: d, filter, picks: p, minute: m })
                if *g == generation && *d == day && filter == ctx.filter && *p == picks && *m == minute)
            },
            || Some(RowsKey::Day { generation, day, filter: ctx.filter.clone(), picks, minute }),
            || day_rows(ctx, day, minute),
        );
    }

    /// The rows of a search: every hit, best first, without time-slot headers.
    fn rebuild_search_rows(&mut self, ctx: &ViewCtx<'_>) {
        let key = self.search.hits(ctx).is_some().then(|| RowsKey::Search(self.search.revision()));
        let search = &mut self.search;
        self.rows.refresh(key, || {
            let rows: Vec<Row> =
                search.hits(ctx).unwrap_or_default().iter().map(|hit| Row::Session(hit.session)).collect();
            Rows { sessions: rows.len(), rows }
        });
    }

    /// Keyboard: j/k or arrows move the selection, h/l or arrows change day, Enter opens the
    /// first session, Space picks or unpicks, m makes it a must.
    fn keyboard(&mut self, ui: &Ui, ctx: &ViewCtx<'_>, selected: Option<&SessionId>, commands: &mut Vec<Command>) {
        let Some(key) = list_key(ui) else { return };
        let days = ctx.schedule.days().len();
        let sessions: Vec<(usize, SessionIdx)> = self
            .rows
            .value()
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| match *row {
                Row::Session(idx) => Some((i, idx)),
                Row::Slot(_) => None,
            })
            .collect();
        let position = selected.and_then(|id| {
            sessions.iter().position(|&(_, idx)| ctx.schedule.session(idx).is_some_and(|s| &s.id == id))
        });
        let select = |view: &mut Self, target: Option<&(usize, SessionIdx)>, commands: &mut Vec<Command>| {
            if let Some(&(row, idx)) = target
                && let Some(session) = ctx.schedule.session(idx)
            {
                view.scroll_to_row = Some(row);
                commands.push(Command::Ui(UiCommand::Select(Some(session.id.clone()))));
            }
        };
        match key {
            ListKey::Down => select(self, position.map_or(sessions.first(), |p| sessions.get(p + 1)), commands),
            ListKey::Up => {
                select(self, position.map_or(sessions.last(), |p| sessions.get(p.saturating_sub(1))), commands);
            }
            ListKey::PreviousDay => self.day = self.day.saturating_sub(1),
            ListKey::NextDay => self.day = (self.day + 1).min(days.saturating_sub(1)),
            ListKey::Open if position.is_none() => select(self, sessions.first(), commands),
            ListKey::Open => {}
            ListKey::TogglePick | ListKey::Must => {
                let Some(session) =
                    position.and_then(|p| sessions.get(p)).and_then(|&(_, idx)| ctx.schedule.session(idx))
                else {
                    return;
                };
                let toggle = if key == ListKey::Must { PickToggle::As(Priority::Must) } else { PickToggle::Any };
                if let Some(edit) = Edit::toggle_pick(session, ctx.plan.priority(&session.id), toggle) {
                    commands.push(Command::Plan(PlanCommand::Edit(edit)));
                }
            }
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, selected: Option<&SessionId>, commands: &mut Vec<Command>) {
        self.rebuild_rows(ctx);
        self.keyboard(ui, ctx, selected, commands);
        self.rebuild_rows(ctx);
        let searching = self.search.is_searching();
        if self.rows.value().rows.is_empty() {
            self.nothing_shown_ui(ui, ctx, commands);
            return;
        }
        let row_height = theme::ROW_HEIGHT;
        let salt = if searching { usize::MAX } else { self.day };
        let mut area = egui::ScrollArea::vertical().id_salt(("schedule_list", salt)).auto_shrink(false);
        if let Some(row) = self.scroll_to_row.take() {
            // Keep the selected row in the middle third of the view.
            let offset = (row as f32 * row_height - ui.available_height() / 3.0).max(0.0);
            area = area.vertical_scroll_offset(offset);
        }
        let Self { rows, search, .. } = self;
        let rows = &rows.value().rows;
        ui.spacing_mut().item_spacing.y = 0.0;
        area.show_rows(ui, theme::ROW_HEIGHT, rows.len(), |ui, range| {
            for row in rows.get(range).unwrap_or_default() {
                match *row {
                    Row::Slot(at) => slot_header_ui(ui, at, ctx.now),
                    Row::Session(idx) => {
                        let marks = if searching { search.highlights(ctx, idx) } else { None };
                        session_row_ui(ui, ctx, idx, selected, marks, commands);
                    }
                }
            }
        });
    }

    /// Why the list is empty: nothing matches the search, the filter hides the day, or the index
    /// is still being built.
    fn nothing_shown_ui(&self, ui: &mut Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            if self.search.is_searching() && ctx.search.index.is_none() {
                ui.spinner();
                ui.label("Preparing search for this schedule…");
                return;
            }
            if self.search.is_searching() {
                ui.heading("Nothing matches your search");
                ui.label("Check the spelling, or try a speaker's surname or fewer words.");
            } else {
                ui.heading("No sessions on this day match your filters");
                ui.label("Pick another day, or widen the filters.");
            }
            if ctx.filter.is_active() {
                ui.add_space(8.0);
                if ui.button("Clear filters").clicked() {
                    commands.push(Command::Settings(SettingsCommand::Filter(Filter::default())));
                }
            }
        });
    }
}

fn empty_state(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("This schedule has no sessions");
        ui.label("Open a schedule file (Ctrl+O), drop one on the window, or go back to the sample conference.");
        ui.add_space(8.0);
        if ui.button("Open schedule…").clicked() {
            commands.push(Command::File(FileCommand::Choose(Choice::Schedule)));
        }
        if ui.button("Show the sample conference").clicked() {
            commands.push(Command::File(FileCommand::OpenSample));
        }
    });
}

fn slot_header_ui(ui: &mut Ui, at: NaiveDateTime, now: NaiveDateTime) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), theme::ROW_HEIGHT), Sense::hover());
    let visuals = ui.visuals();
    let y = rect.bottom() - 8.0;
    let mut text = format_hm(at);
    if at.date() == now.date() && at <= now {
        text.push_str("  (started)");
    }
    ui.painter().text(
        egui::pos2(rect.left() + 4.0, y),
        egui::Align2::LEFT_BOTTOM,
        text,
        FontId::proportional(16.0),
        visuals.strong_text_color(),
    );
    ui.painter().hline(rect.x_range(), rect.bottom() - 1.0, visuals.widgets.noninteractive.bg_stroke);
}

fn session_row_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    idx: SessionIdx,
    selected: Option<&SessionId>,
    marks: Option<&Highlights>,
    commands: &mut Vec<Command>,
) {
    let Some(session) = ctx.schedule.session(idx) else { return };
    let schedule = ctx.schedule;
    let room = schedule.room_name(session);
    let is_selected = selected == Some(&session.id);
    let going = ctx.friends.index.going_label(&session.id);
    let mut accessible = format!("{} {}, {}", format_hm(session.starts_at), session.title, room);
    if let Some(names) = &going {
        accessible.push_str(&format!(", friends going: {names}"));
    }
    let response = widgets::row_frame(ui, theme::ROW_HEIGHT, is_selected, &accessible);
    let rect = response.rect;
    if response.clicked() {
        commands.push(Command::Ui(UiCommand::Select(if is_selected { None } else { Some(session.id.clone()) })));
    }
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);

    let bar_colour =
        session.track.and_then(|t| schedule.track(t)).map_or(theme::no_track(&visuals), |t| theme::track(t.colour));
    painter.rect_filled(
        egui::Rect::from_min_size(
            rect.min + egui::vec2(0.0, 3.0),
            egui::vec2(theme::TRACK_BAR_WIDTH, rect.height() - 6.0),
        ),
        2.0,
        bar_colour,
    );

    // Right-hand controls first, so the text knows how much room is left.
    let priority = ctx.plan.priority(&session.id);
    let controls = row_controls_ui(ui, ctx, rect, session, priority, commands);

    let text_left = rect.left() + theme::TRACK_BAR_WIDTH + 10.0;
    let time_width = 86.0;
    let text_width = (controls.left() - text_left - time_width - 8.0).max(40.0);
    let weak = visuals.weak_text_color();
    let time = format!("{}–{}", format_hm(session.starts_at), format_hm(session.ends_at()));
    painter.text(
        egui::pos2(text_left, rect.top() + 6.0),
        egui::Align2::LEFT_TOP,
        time,
        FontId::proportional(13.0),
        visuals.text_color(),
    );
    // Search hits come from every day: say which.
    let second_line = if marks.is_some() {
        format_day(session.starts_at.date())
    } else {
        format_minutes(i64::from(session.duration_mins))
    };
    painter.text(
        egui::pos2(text_left, rect.top() + 24.0),
        egui::Align2::LEFT_TOP,
        second_line,
        FontId::proportional(11.0),
        weak,
    );
    let title_colour = match priority {
        Some(Priority::Must) => theme::must(&visuals),
        Some(Priority::Maybe) => theme::maybe(&visuals),
        None => visuals.strong_text_color(),
    };
    let title_font = FontId::proportional(15.0);
    let title = match marks {
        Some(marks) => {
            search_bar::highlighted_line(ui, &[(&session.title, &marks.title)], &title_font, title_colour, text_width)
        }
        None => one_line(ui, &session.title, title_font, title_colour, text_width),
    };
    painter.galley(egui::pos2(text_left + time_width, rect.top() + 4.0), title, title_colour);
    let meta = match marks {
        Some(marks) => highlighted_meta(ui, ctx, session, marks, weak, text_width),
        None => one_line(ui, &meta_text(ctx, session), FontId::proportional(12.0), weak, text_width),
    };
    painter.galley(egui::pos2(text_left + time_width, rect.top() + 24.0), meta, weak);
}

/// "Kind · Room · Speakers · Track", leaving out what is empty and the kind of plain talks.
fn meta_text(ctx: &ViewCtx<'_>, session: &crate::model::Session) -> String {
    let schedule = ctx.schedule;
    let mut meta = String::from(schedule.room_name(session));
    for part in [session.speakers.join(", ").as_str(), schedule.track_name(session)] {
        if !part.is_empty() {
            if !meta.is_empty() {
                meta.push_str(" · ");
            }
            meta.push_str(part);
        }
    }
    if session.kind != crate::model::SessionKind::Talk {
        meta = format!("{} · {meta}", session.kind.label());
    }
    meta
}

/// [`meta_text`] with the search's matches in the room and speaker names marked.
fn highlighted_meta(
    ui: &Ui,
    ctx: &ViewCtx<'_>,
    session: &crate::model::Session,
    marks: &Highlights,
    colour: egui::Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let schedule = ctx.schedule;
    let kind = if session.kind == crate::model::SessionKind::Talk { "" } else { session.kind.label() };
    let mut parts: Vec<(&str, &[u32])> = Vec::with_capacity(4 + 2 * session.speakers.len());
    for (text, indices) in [(kind, &[][..]), (schedule.room_name(session), &marks.room[..])] {
        if !text.is_empty() {
            if !parts.is_empty() {
                parts.push((" · ", &[]));
            }
            parts.push((text, indices));
        }
    }
    for (i, speaker) in session.speakers.iter().enumerate() {
        parts.push((if i == 0 { if parts.is_empty() { "" } else { " · " } } else { ", " }, &[]));
        parts.push((speaker, marks.speakers.get(i).map_or(&[][..], Vec::as_slice)));
    }
    let track = schedule.track_name(session);
    if !track.is_empty() {
        parts.push((if parts.is_empty() { "" } else { " · " }, &[]));
        parts.push((track, &[]));
    }
    search_bar::highlighted_line(ui, &parts, &FontId::proportional(12.0), colour, width)
}

/// The pick buttons and flags at the right of a schedule row; returns the area they took.
fn row_controls_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    rect: egui::Rect,
    session: &crate::model::Session,
    priority: Option<Priority>,
    commands: &mut Vec<Command>,
) -> egui::Rect {
    let visuals = ui.visuals().clone();
    let controls_width = 260.0_f32.min(rect.width() * 0.45);
    let controls = egui::Rect::from_min_max(egui::pos2(rect.right() - controls_width, rect.top()), rect.max);
    // A child Ui, not a scope: the row is already allocated, and a scope with nothing in it (a
    // break has no buttons) would move the parent's cursor back up into the row.
    {
        let ui =
            &mut ui.new_child(egui::UiBuilder::new().max_rect(controls).layout(Layout::right_to_left(Align::Center)));
        if session.kind.is_programme() {
            widgets::pick_buttons(ui, session, priority, commands);
        }
        if session.is_captioned {
            widgets::chip(ui, "CC", visuals.text_color(), "Live captions");
        }
        if session.is_recorded {
            widgets::chip(ui, "REC", visuals.text_color(), "Recorded");
        }
        if let Some(names) = ctx.friends.index.going_label(&session.id) {
            let count = ctx.friends.index.going_count(&session.id);
            widgets::chip(ui, &format!("👥 {count}"), theme::maybe(&visuals), &format!("Going: {names}"));
        }
        let clashing = ctx.timeline.position_of(&session.id).is_some_and(|i| ctx.timeline.has_clash(i));
        if clashing {
            ui.label(RichText::new("⚠").color(theme::clash(&visuals)))
                .on_hover_text("Clashes with another of your picks");
        }
    }
    controls
}

/// One day's rows: a time-slot header before each new start time, then the sessions the filter
/// lets through.
fn day_rows(ctx: &ViewCtx<'_>, day: usize, minute: Option<NaiveDateTime>) -> Rows {
    let mut out = Rows::default();
    let compiled =
        ctx.filter.is_active().then(|| ctx.filter.compile(ctx.schedule, ctx.plan, minute.unwrap_or(ctx.now)));
    let Some(day) = ctx.schedule.days().get(day) else { return out };
    let mut slot = None;
    for i in day.sessions.clone() {
        let Some(session) = ctx.schedule.sessions().get(i) else { continue };
        let idx = SessionIdx(u32::try_from(i).unwrap_or(u32::MAX));
        if compiled.as_ref().is_some_and(|f| !f.matches(ctx.schedule, idx)) {
            continue;
        }
        if slot != Some(session.starts_at) {
            slot = Some(session.starts_at);
            out.rows.push(Row::Slot(session.starts_at));
        }
        out.rows.push(Row::Session(idx));
        out.sessions += 1;
    }
    out
}
