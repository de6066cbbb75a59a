//! The room grid: rooms as columns, time running down, blocks coloured by track. Virtualised in
//! both directions: only the columns and time range in view are laid out and drawn, so 90 rooms
//! and thousands of sessions cost what is on screen. Room headers and time labels stay put while
//! the grid scrolls under them.

use chrono::{Duration, NaiveDateTime, Timelike as _};
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, WidgetInfo, pos2, vec2};

use super::grid_column::{Block, GridColumn};
use super::{Memo, ViewCtx, search_bar, theme};
use crate::command::{Command, UiCommand};
use crate::model::filter::{CompiledFilter, Filter};
use crate::model::time::{format_hm, minutes_between};
use crate::model::{DayIdx, Priority, Schedule, SessionId, SessionIdx};

const HEADER_HEIGHT: f32 = 30.0;
const TIME_WIDTH: f32 = 56.0;
const COLUMN_WIDTH: f32 = 170.0;
const MIN_ZOOM: f32 = 0.75;
const MAX_ZOOM: f32 = 6.0;
/// Sessions in one room starting within this many pixels of each other are drawn as one block:
/// shorter than a line of text, they could not show a title anyway.
const BAND_PX: f32 = 8.0;

/// Layout of one day, rebuilt when the day or the schedule changes.
#[derive(Default)]
struct DayLayout {
    columns: Vec<GridColumn>,
    /// Top of the grid, on a half hour.
    starts_at: NaiveDateTime,
    total_mins: i64,
}

pub struct RoomGrid {
    /// Pixels per minute.
    zoom: f32,
    /// The day's columns, for `(schedule revision, day)`.
    layout: Memo<(u64, DayIdx), DayLayout>,
    /// The attendee's filter compiled for this schedule (`None` when no filter is on): sessions
    /// it hides are drawn faded, so the grid keeps its shape. Rebuilt when the filter, schedule,
    /// picks or minute change.
    filter: Memo<FilterKey, Option<CompiledFilter>>,
}

/// What [`RoomGrid::filter`] was compiled for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FilterKey {
    generation: u64,
    filter: Filter,
    picks: Option<u64>,
    minute: Option<NaiveDateTime>,
}

impl Default for RoomGrid {
    fn default() -> Self {
        Self { zoom: 2.0, layout: Memo::default(), filter: Memo::default() }
    }
}

impl RoomGrid {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        day: DayIdx,
        selected: Option<&SessionId>,
        commands: &mut Vec<Command>,
    ) {
        self.layout.refresh((ctx.revisions.schedule, day), || build_layout(ctx.schedule, day));
        self.refresh_filter(ctx);
        ui.horizontal(|ui| {
            ui.label("Zoom");
            if ui.small_button("−").on_hover_text("Zoom out").clicked() {
                self.zoom = (self.zoom / 1.25).max(MIN_ZOOM);
            }
            if ui.small_button("+").on_hover_text("Zoom in").clicked() {
                self.zoom = (self.zoom * 1.25).min(MAX_ZOOM);
            }
            ui.label(egui::RichText::new("Ctrl+scroll also zooms").weak());
        });
        if ui.rect_contains_pointer(ui.max_rect()) {
            let zoom_delta = ui.input(|i| i.zoom_delta());
            if zoom_delta != 1.0 {
                self.zoom = (self.zoom * zoom_delta).clamp(MIN_ZOOM, MAX_ZOOM);
            }
        }
        let layout = self.layout.value();
        let zoom = self.zoom;
        let size = vec2(
            TIME_WIDTH + COLUMN_WIDTH * layout.columns.len() as f32,
            HEADER_HEIGHT + layout.total_mins as f32 * zoom,
        );
        egui::ScrollArea::both().id_salt("room_grid").auto_shrink(false).show_viewport(ui, |ui, viewport| {
            ui.set_width(size.x);
            ui.set_height(size.y);
            let origin = ui.max_rect().min;
            let filter = self.filter.value().as_ref();
            let grid = GridPainter { ctx, layout, zoom, origin, viewport, filter };
            grid.time_lines(ui);
            grid.blocks(ui, selected, commands);
            grid.time_labels(ui);
            grid.now_line(ui);
            grid.headers(ui);
        });
    }
}

impl RoomGrid {
    fn refresh_filter(&mut self, ctx: &ViewCtx<'_>) {
        let picks = search_bar::filter_picks(ctx.filter, ctx.revisions.plan);
        let minute = search_bar::filter_minute(ctx.filter, ctx.now);
        let generation = ctx.revisions.schedule;
        self.filter.refresh_with(
            |key| {
                key.generation == generation && key.filter == *ctx.filter && key.picks == picks && key.minute == minute
            },
            || FilterKey { generation, filter: ctx.filter.clone(), picks, minute },
            || ctx.filter.is_active().then(|| ctx.filter.compile(ctx.schedule, ctx.plan, minute.unwrap_or(ctx.now))),
        );
    }
}

fn build_layout(schedule: &Schedule, day: DayIdx) -> DayLayout {
    let sessions = schedule.day_sessions(day);
    let first = schedule.day(day).map_or(0, |d| d.sessions.start);
    let start = sessions.first().map_or(NaiveDateTime::MIN, |s| s.starts_at);
    let end = sessions.iter().map(crate::model::Session::ends_at).max().unwrap_or(start);
    let start = start - Duration::minutes(i64::from(start.minute() % 30));
    // At most four days tall, whatever a hostile file says.
    let total_mins = minutes_between(start, end).clamp(30, 4 * 24 * 60) + 30;
    let minute_of = |t: NaiveDateTime| u32::try_from(minutes_between(start, t).max(0)).unwrap_or(u32::MAX);
    let rooms = schedule.rooms();
    // Per room (the last for "Elsewhere"): (session, start, end) in start order.
    let mut spans: Vec<Vec<(SessionIdx, u32, u32)>> = vec![Vec::new(); rooms.len() + 1];
    for (offset, session) in sessions.iter().enumerate() {
        let idx = SessionIdx(u32::try_from(first + offset).unwrap_or(u32::MAX));
        let room = session.room.map(|r| r.index()).filter(|&r| r < rooms.len()).unwrap_or(rooms.len());
        if let Some(list) = spans.get_mut(room) {
            list.push((idx, minute_of(session.starts_at), minute_of(session.ends_at())));
        }
    }
    let names = rooms.iter().map(|r| r.name.clone()).chain(std::iter::once("Elsewhere".to_owned()));
    let columns = names
        .zip(spans)
        .filter(|(_, list)| !list.is_empty())
        .map(|(name, list)| GridColumn::new(name, &list))
        .collect();
    DayLayout { columns, starts_at: start, total_mins }
}

struct GridPainter<'a, 'b> {
    ctx: &'a ViewCtx<'b>,
    layout: &'a DayLayout,
    zoom: f32,
    /// Screen position of the grid's top-left corner (moves as it scrolls).
    origin: egui::Pos2,
    /// The visible part, in grid coordinates.
    viewport: Rect,
    /// Sessions it does not pass are faded.
    filter: Option<&'a CompiledFilter>,
}

impl GridPainter<'_, '_> {
    fn y_of(&self, t: NaiveDateTime) -> f32 {
        self.origin.y + HEADER_HEIGHT + minutes_between(self.layout.starts_at, t) as f32 * self.zoom
    }

    /// `y_of` for minutes from the top of the grid.
    fn y_of_minute(&self, minute: u32) -> f32 {
        self.origin.y + HEADER_HEIGHT + minute as f32 * self.zoom
    }

    fn visible_columns(&self) -> std::ops::Range<usize> {
        let first = ((self.viewport.min.x - TIME_WIDTH) / COLUMN_WIDTH).floor().max(0.0) as usize;
        let last = ((self.viewport.max.x - TIME_WIDTH) / COLUMN_WIDTH).ceil().max(0.0) as usize;
        first.min(self.layout.columns.len())..last.min(self.layout.columns.len())
    }

    /// The visible time range, as minutes from the top of the grid.
    fn visible_minutes(&self) -> (i64, i64) {
        let top = ((self.viewport.min.y - HEADER_HEIGHT) / self.zoom).floor() as i64;
        let bottom = ((self.viewport.max.y - HEADER_HEIGHT) / self.zoom).ceil() as i64;
        (top, bottom)
    }

    /// The area blocks may use on screen: below the headers, right of the time labels.
    fn body_clip(&self) -> Rect {
        let screen = self.viewport.translate(self.origin.to_vec2());
        Rect::from_min_max(pos2(screen.min.x + TIME_WIDTH, screen.min.y + HEADER_HEIGHT), screen.max)
    }

    fn blocks(&self, ui: &mut Ui, selected: Option<&SessionId>, commands: &mut Vec<Command>) {
        let (top, bottom) = self.visible_minutes();
        let clip = self.body_clip();
        let visuals = ui.visuals().clone();
        for c in self.visible_columns() {
            let Some(column) = self.layout.columns.get(c) else { continue };
            let x = self.origin.x + TIME_WIDTH + c as f32 * COLUMN_WIDTH;
            // Only the blocks in view, a bounded number of them however full the room's day is.
            column.blocks(top, bottom, BAND_PX / self.zoom, |block| {
                let rect = Rect::from_min_max(
                    pos2(x + 2.0, self.y_of_minute(block.starts_min) + 1.0),
                    pos2(x + COLUMN_WIDTH - 2.0, self.y_of_minute(block.ends_min) - 1.0),
                );
                if !rect.intersect(clip).is_positive() {
                    return;
                }
                let Some(idx) = column.session(block.first) else { return };
                if block.count == 1 {
                    self.session_block(ui, &visuals, (column, idx, rect), selected, commands);
                } else {
                    self.crowd_block(ui, &visuals, (column, idx, rect), block, commands);
                }
            });
        }
    }

    /// One session's block.
    fn session_block(
        &self,
        ui: &mut Ui,
        visuals: &egui::Visuals,
        (column, idx, rect): (&GridColumn, SessionIdx, Rect),
        selected: Option<&SessionId>,
        commands: &mut Vec<Command>,
    ) {
        let schedule = self.ctx.schedule;
        let Some(session) = schedule.session(idx) else { return };
        let clip = self.body_clip();
        let response = ui.interact(rect.intersect(clip), ui.scope_id().with(("block", idx)), Sense::click());
        let faded = self.filter.is_some_and(|f| !f.matches(schedule, idx));
        let mut label = format!("{} {}, {}", format_hm(session.starts_at), session.title, column.name);
        if faded {
            label.push_str(" (outside your filter)");
        }
        let is_selected = selected == Some(&session.id);
        response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, is_selected, &label));
        let response = response.on_hover_text(format!(
            "{}–{}  {}\n{}",
            format_hm(session.starts_at),
            format_hm(session.ends_at()),
            session.title,
            session.speakers.join(", ")
        ));
        if response.clicked() {
            commands.push(Command::Ui(UiCommand::Select(if is_selected { None } else { Some(session.id.clone()) })));
        }
        let track = session.track.and_then(|t| schedule.track(t));
        let fill = track.map_or(theme::no_track(visuals), |t| theme::track_fill(t.colour, visuals));
        let edge = track.map_or(visuals.weak_text_color(), |t| theme::track(t.colour));
        let mut painter = ui.painter().with_clip_rect(clip);
        if faded {
            painter.multiply_opacity(0.25);
        }
        painter.rect_filled(rect, 3.0, fill);
        painter.rect_filled(Rect::from_min_size(rect.min, vec2(4.0, rect.height())), 2.0, edge);
        let priority = self.ctx.plan.priority(&session.id);
        let outline = match priority {
            Some(Priority::Must) => Stroke::new(2.0, theme::must(visuals)),
            Some(Priority::Maybe) => Stroke::new(2.0, theme::maybe(visuals)),
            None if is_selected || response.hovered() => Stroke::new(1.5, visuals.strong_text_color()),
            None => Stroke::NONE,
        };
        painter.rect_stroke(rect, 3.0, outline, egui::StrokeKind::Inside);
        let star = match priority {
            Some(Priority::Must) => Some(("★ ", theme::must(visuals))),
            Some(Priority::Maybe) => Some(("☆ ", theme::maybe(visuals))),
            None => None,
        };
        self.block_text(ui, &painter, rect, star, session.starts_at, &session.title);
    }

    /// Several sessions starting too close together to draw apart (only in a room far fuller
    /// than any real one): one neutral block saying how many; a click selects the first.
    fn crowd_block(
        &self,
        ui: &mut Ui,
        visuals: &egui::Visuals,
        (column, idx, rect): (&GridColumn, SessionIdx, Rect),
        block: Block,
        commands: &mut Vec<Command>,
    ) {
        let Some(session) = self.ctx.schedule.session(idx) else { return };
        let clip = self.body_clip();
        let response = ui.interact(rect.intersect(clip), ui.scope_id().with(("crowd", idx)), Sense::click());
        let what = format!("{} sessions", block.count);
        let label = format!("{} {what}, {}", format_hm(session.starts_at), column.name);
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let response = response.on_hover_text(format!("{label}: zoom in to tell them apart"));
        if response.clicked() {
            commands.push(Command::Ui(UiCommand::Select(Some(session.id.clone()))));
        }
        let painter = ui.painter().with_clip_rect(clip);
        painter.rect_filled(rect, 3.0, theme::no_track(visuals));
        let outline = if response.hovered() { Stroke::new(1.5, visuals.strong_text_color()) } else { Stroke::NONE };
        painter.rect_stroke(rect, 3.0, outline, egui::StrokeKind::Inside);
        self.block_text(ui, &painter, rect, None, session.starts_at, &what);
    }

    fn block_text(
        &self,
        ui: &Ui,
        painter: &egui::Painter,
        rect: Rect,
        star: Option<(&str, Color32)>,
        starts_at: NaiveDateTime,
        title: &str,
    ) {
        let visuals = ui.visuals();
        let inner = rect.shrink2(vec2(8.0, 3.0));
        let mut job = egui::text::LayoutJob::default();
        if let Some((star, colour)) = star {
            job.append(star, 0.0, egui::TextFormat::simple(FontId::proportional(12.0), colour));
        }
        job.append(
            &format!("{} ", format_hm(starts_at)),
            0.0,
            egui::TextFormat::simple(FontId::proportional(11.0), visuals.weak_text_color()),
        );
        job.append(title, 0.0, egui::TextFormat::simple(FontId::proportional(13.0), visuals.strong_text_color()));
        job.wrap = egui::text::TextWrapping {
            max_width: inner.width().max(10.0),
            max_rows: ((inner.height() / 15.0).floor() as usize).max(1),
            break_anywhere: false,
            overflow_character: Some('…'),
        };
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        painter.with_clip_rect(rect.intersect(painter.clip_rect())).galley(inner.min, galley, Color32::PLACEHOLDER);
    }

    /// Minutes from the top of the grid of every visible half hour.
    fn visible_half_hours(&self) -> impl Iterator<Item = i64> + use<> {
        let (top, bottom) = self.visible_minutes();
        let first = (top.max(0) / 30) * 30;
        (first..=bottom.min(self.layout.total_mins)).step_by(30)
    }

    /// Hour and half-hour lines, under the blocks.
    fn time_lines(&self, ui: &Ui) {
        let visuals = ui.visuals();
        let body = self.body_clip();
        let painter = ui.painter().with_clip_rect(body);
        let hour = visuals.widgets.noninteractive.bg_stroke;
        let half = Stroke::new(0.5, hour.color.gamma_multiply(0.5));
        for m in self.visible_half_hours() {
            let y = self.y_of(self.layout.starts_at + Duration::minutes(m));
            painter.hline(body.x_range(), y, if m % 60 == 0 { hour } else { half });
        }
    }

    /// The time column, over the blocks so it stays put while the grid scrolls sideways.
    fn time_labels(&self, ui: &Ui) {
        let visuals = ui.visuals();
        let screen = self.viewport.translate(self.origin.to_vec2());
        let strip = Rect::from_min_max(screen.min, pos2(screen.min.x + TIME_WIDTH, screen.max.y));
        let painter = ui.painter();
        painter.rect_filled(strip, 0.0, visuals.panel_fill);
        let body = self.body_clip();
        for m in self.visible_half_hours() {
            let t = self.layout.starts_at + Duration::minutes(m);
            let y = self.y_of(t);
            if y >= body.top() {
                let colour = if m % 60 == 0 { visuals.text_color() } else { visuals.weak_text_color() };
                painter.text(
                    pos2(strip.right() - 6.0, y),
                    Align2::RIGHT_CENTER,
                    format_hm(t),
                    FontId::proportional(12.0),
                    colour,
                );
            }
        }
    }

    fn now_line(&self, ui: &Ui) {
        let now = self.ctx.now;
        let end = self.layout.starts_at + Duration::minutes(self.layout.total_mins);
        if now < self.layout.starts_at || now > end {
            return;
        }
        let y = self.y_of(now);
        let body = self.body_clip();
        if body.y_range().contains(y) {
            ui.painter().with_clip_rect(body).hline(body.x_range(), y, Stroke::new(2.0, theme::now_line(ui.visuals())));
        }
    }

    fn headers(&self, ui: &Ui) {
        let visuals = ui.visuals();
        let screen = self.viewport.translate(self.origin.to_vec2());
        let bar = Rect::from_min_max(screen.min, pos2(screen.max.x, screen.min.y + HEADER_HEIGHT));
        let painter = ui.painter();
        painter.rect_filled(bar, 0.0, visuals.panel_fill);
        painter.hline(bar.x_range(), bar.bottom(), visuals.widgets.noninteractive.bg_stroke);
        let clip = Rect::from_min_max(pos2(bar.min.x + TIME_WIDTH, bar.min.y), bar.max);
        for c in self.visible_columns() {
            let Some(column) = self.layout.columns.get(c) else { continue };
            let x = self.origin.x + TIME_WIDTH + c as f32 * COLUMN_WIDTH;
            let cell = Rect::from_min_size(pos2(x, bar.min.y), vec2(COLUMN_WIDTH, HEADER_HEIGHT));
            let galley = super::widgets::one_line(
                ui,
                &column.name,
                FontId::proportional(13.0),
                visuals.strong_text_color(),
                COLUMN_WIDTH - 12.0,
            );
            let pos = pos2(cell.center().x - galley.size().x / 2.0, cell.center().y - galley.size().y / 2.0);
            painter.with_clip_rect(clip).galley(pos, galley, visuals.strong_text_color());
        }
    }
}
