//! The roster's shifts as a grid: booths as columns, time running down, one day at a time. Each
//! shift shows filled/needed and its people; its colour says how full it is and a red outline
//! says a rule is broken. Names dragged from the staff panel drop onto a shift; dragging a shift's
//! top or bottom edge moves its start or end in 15-minute steps, and letting go emits one
//! `ShiftEdit::Update` (one undo step). Only the shifts
//! in view are laid out; the layout, and who is on each shift, are rebuilt when the roster
//! changes, so a frame looks nothing up by id.

use crate::model::roster::AssignEdit;
use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike as _};
use egui::{Align2, FontId, Rect, Sense, Stroke, Ui, WidgetInfo, pos2, vec2};

use std::collections::{BTreeMap, BTreeSet};

use super::roster_view::RosterCtx;
use super::{Memo, theme};
use crate::command::Command;
use crate::model::roster::{PersonName, RosterEdit, Shift, ShiftEdit, ShiftId};
use crate::model::time::{format_day, format_hm, minutes_between};

const HEADER_HEIGHT: f32 = 28.0;
const TIME_WIDTH: f32 = 52.0;
const COLUMN_WIDTH: f32 = 220.0;
/// Pixels per minute: a 09:00–18:00 day fits a laptop screen under the banners.
const ZOOM: f32 = 1.0;
/// Dragged shift edges land on multiples of this many minutes past the hour.
const SNAP_MINS: i64 = 15;
/// How far into a shift from its top or bottom edge the resize handle reaches, in pixels. Inside
/// only: back-to-back shifts' handles must not overlap, or the later one takes both.
const EDGE_GRIP: f32 = 6.0;

/// Which edge of a shift is being dragged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// A shift edge being dragged: the shift (index into `Roster::shifts`), which edge, and where it
/// would land now.
#[derive(Clone, Copy, Debug)]
struct EdgeDrag {
    shift: usize,
    edge: Edge,
    to: NaiveDateTime,
}

/// One day's layout.
struct DayLayout {
    /// Each column's booth as people know it ([`Booth::label`](crate::model::roster::Booth::label)).
    booths: Vec<String>,
    /// Per booth, indexes into `Roster::shifts`, by start.
    columns: Vec<Vec<usize>>,
    starts_at: NaiveDateTime,
    total_mins: i64,
    /// Per shift (index into `Roster::shifts`), its people: indexes into `Roster::assignments`,
    /// in the roster's order.
    people: Vec<Vec<usize>>,
    /// Per shift, how many rule breaks involve it.
    broken: Vec<usize>,
    /// Per assignment, whether the person is a newcomer.
    newcomer: Vec<bool>,
}

#[derive(Default)]
pub struct RosterGrid {
    day: usize,
    /// The roster's days, for its revision.
    days: Memo<u64, Vec<NaiveDate>>,
    /// The day's layout, for `(roster revision, day)`.
    layout: Memo<(u64, usize), Option<DayLayout>>,
    /// The edge being dragged, if any.
    drag: Option<EdgeDrag>,
    /// A day to show once the roster has it (after adding a shift on another day).
    pending_date: Option<NaiveDate>,
}

impl RosterGrid {
    /// The date of the day shown, for the charts.
    pub fn day_date(&self, r: &RosterCtx<'_>) -> Option<NaiveDate> {
        self.days.value().get(self.day).copied().or_else(|| r.roster.days().first().copied())
    }

    /// Shows `date` as soon as the roster has shifts on it.
    pub fn show_date(&mut self, date: Option<NaiveDate>) {
        self.pending_date = date;
    }

    fn rebuild(&mut self, r: &RosterCtx<'_>) {
        let roster = r.roster;
        let days = self.days.get(r.revision, || roster.days());
        if let Some(i) = self.pending_date.and_then(|d| days.iter().position(|&day| day == d)) {
            self.day = i;
            self.pending_date = None;
        }
        self.day = self.day.min(days.len().saturating_sub(1));
        let date = days.get(self.day).copied();
        self.layout.refresh((r.revision, self.day), || {
            date.map(|date| {
                let booths = roster.booths();
                let mut columns = vec![Vec::new(); booths.len()];
                let mut first = NaiveDateTime::MAX;
                let mut last = NaiveDateTime::MIN;
                for (i, shift) in roster.shifts().iter().enumerate() {
                    if roster.day_of(shift) != date {
                        continue;
                    }
                    if let Some(column) =
                        booths.iter().position(|b| b.id == shift.booth).and_then(|c| columns.get_mut(c))
                    {
                        column.push(i);
                        first = first.min(shift.starts_at);
                        last = last.max(shift.ends_at);
                    }
                }
                for column in &mut columns {
                    column.sort_by_key(|&i| roster.shifts().get(i).map(|s| s.starts_at));
                }
                let start =
                    if first == NaiveDateTime::MAX { date.and_hms_opt(8, 0, 0).unwrap_or_default() } else { first };
                let start = start - Duration::minutes(i64::from(start.minute() % 30));
                let total_mins = minutes_between(start, last.max(start)).clamp(60, 3 * 24 * 60) + 30;
                let (people, broken, newcomer) = shift_facts(r);
                DayLayout {
                    booths: booths.iter().map(|b| b.label().to_owned()).collect(),
                    columns,
                    starts_at: start,
                    total_mins,
                    people,
                    broken,
                    newcomer,
                }
            })
        });
    }

    /// Draws the day tabs and the grid. Returns the shift that was clicked, if any.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        r: &RosterCtx<'_>,
        selected: Option<&ShiftId>,
        commands: &mut Vec<Command>,
    ) -> Option<ShiftId> {
        self.rebuild(r);
        if self.days.value().is_empty() {
            ui.label("This roster has no shifts yet.");
            return None;
        }
        let mut day = self.day;
        ui.horizontal(|ui| {
            for (i, date) in self.days.value().iter().enumerate() {
                ui.selectable_value(&mut day, i, format_day(*date));
            }
        });
        if day != self.day {
            self.day = day;
            self.rebuild(r);
        }
        let layout = self.layout.value().as_ref()?;
        let size = vec2(
            TIME_WIDTH + COLUMN_WIDTH * layout.booths.len() as f32,
            HEADER_HEIGHT + layout.total_mins as f32 * ZOOM,
        );
        let mut clicked = None;
        egui::ScrollArea::both().id_salt("roster_grid").auto_shrink(false).show_viewport(ui, |ui, viewport| {
            ui.set_width(size.x);
            ui.set_height(size.y);
            let origin = ui.max_rect().min;
            let screen = viewport.translate(origin.to_vec2());
            let body = Rect::from_min_max(pos2(screen.min.x + TIME_WIDTH, screen.min.y + HEADER_HEIGHT), screen.max);
            let y_of = |t: NaiveDateTime| origin.y + HEADER_HEIGHT + minutes_between(layout.starts_at, t) as f32 * ZOOM;
            // Hour lines under the shifts.
            let painter = ui.painter().with_clip_rect(body);
            let mut m = 0;
            while m <= layout.total_mins {
                let y = y_of(layout.starts_at + Duration::minutes(m));
                painter.hline(body.x_range(), y, ui.visuals().widgets.noninteractive.bg_stroke);
                m += 60;
            }
            for (c, column) in layout.columns.iter().enumerate() {
                let x = origin.x + TIME_WIDTH + c as f32 * COLUMN_WIDTH;
                if x + COLUMN_WIDTH < screen.min.x || x > screen.max.x {
                    continue;
                }
                let booth = layout.booths.get(c).map_or("", String::as_str);
                for &i in column {
                    let Some(saved) = r.roster.shifts().get(i) else { continue };
                    // The one shift being resized is drawn where it would land.
                    let preview = self.drag.filter(|d| d.shift == i).map(|d| resized(saved, d.edge, d.to));
                    let shift = preview.as_ref().unwrap_or(saved);
                    let rect = Rect::from_min_max(
                        pos2(x + 3.0, y_of(shift.starts_at) + 1.0),
                        pos2(x + COLUMN_WIDTH - 3.0, y_of(shift.ends_at) - 1.0),
                    );
                    if !rect.intersects(body) {
                        continue;
                    }
                    let facts = ShiftFacts {
                        shift,
                        booth,
                        people: layout.people.get(i).map_or(&[], Vec::as_slice),
                        broken: layout.broken.get(i).copied().unwrap_or(0),
                        newcomer: &layout.newcomer,
                    };
                    if shift_block_ui(ui, r, &facts, rect.intersect(body), rect, selected, commands) {
                        clicked = Some(shift.id.clone());
                    }
                    let grid = GridGeometry { body, top: origin.y + HEADER_HEIGHT, starts_at: layout.starts_at };
                    edges_ui(ui, &grid, (i, saved, booth), rect, &mut self.drag, commands);
                }
            }
            labels_ui(ui, layout, screen, origin.x, &y_of);
        });
        clicked
    }
}

/// Where the grid's time axis is on screen.
struct GridGeometry {
    /// The visible part of the shifts' area.
    body: Rect,
    /// The screen y of `starts_at`.
    top: f32,
    starts_at: NaiveDateTime,
}

impl GridGeometry {
    /// The time at screen height `y`, snapped to [`SNAP_MINS`] past the hour.
    fn time_at(&self, y: f32) -> NaiveDateTime {
        let t = self.starts_at + Duration::minutes(((y - self.top) / ZOOM).round() as i64);
        let past = i64::from(t.minute()) % SNAP_MINS;
        let t = t - Duration::minutes(past) - Duration::seconds(i64::from(t.second()));
        if past * 2 >= SNAP_MINS { t + Duration::minutes(SNAP_MINS) } else { t }
    }
}

/// `shift` with its `edge` moved to `to`.
fn resized(shift: &Shift, edge: Edge, to: NaiveDateTime) -> Shift {
    let mut shift = shift.clone();
    match edge {
        Edge::Start => shift.starts_at = to,
        Edge::End => shift.ends_at = to,
    }
    shift
}

/// The grips on a shift's top and bottom edges: drag one to move the start or end in 15-minute
/// steps (never closer than 15 minutes to the other end); letting go emits one update.
fn edges_ui(
    ui: &mut Ui,
    grid: &GridGeometry,
    (index, shift, booth): (usize, &Shift, &str),
    rect: Rect,
    drag: &mut Option<EdgeDrag>,
    commands: &mut Vec<Command>,
) {
    let grip_height = EDGE_GRIP.min(rect.height() / 3.0);
    for (edge, y) in [(Edge::Start, rect.top()), (Edge::End, rect.bottom() - grip_height)] {
        let grip = Rect::from_min_max(pos2(rect.left(), y), pos2(rect.right(), y + grip_height));
        if !grip.intersects(grid.body) {
            continue;
        }
        let id = ui.scope_id().with(("roster_shift_edge", shift.id.as_str(), edge == Edge::Start));
        let response = ui.interact(grip.intersect(grid.body), id, Sense::drag());
        response.widget_info(|| {
            let which = if edge == Edge::Start { "Start" } else { "End" };
            let label = format!(
                "{which} of {booth} {}–{} shift: drag to move",
                format_hm(shift.starts_at),
                format_hm(shift.ends_at),
            );
            WidgetInfo::labeled(egui::Role::Slider, true, label)
        });
        if response.hovered() || response.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeVertical);
        }
        if response.dragged()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let step = Duration::minutes(SNAP_MINS);
            let to = match edge {
                Edge::Start => grid.time_at(pointer.y).min(shift.ends_at - step),
                Edge::End => grid.time_at(pointer.y).max(shift.starts_at + step),
            };
            *drag = Some(EdgeDrag { shift: index, edge, to });
        }
        if response.drag_stopped()
            && let Some(done) = drag.take().filter(|d| d.shift == index && d.edge == edge)
        {
            let moved = resized(shift, edge, done.to);
            if moved != *shift {
                commands.push(Command::roster(RosterEdit::Shift(ShiftEdit::Update(moved))));
            }
        }
    }
}

/// Who is on each shift, how many rule breaks involve it, and who is a newcomer: see [`DayLayout`].
fn shift_facts(r: &RosterCtx<'_>) -> (Vec<Vec<usize>>, Vec<usize>, Vec<bool>) {
    let roster = r.roster;
    let index: BTreeMap<&str, usize> = roster.shifts().iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut people = vec![Vec::new(); roster.shifts().len()];
    for (a, assignment) in roster.assignments().iter().enumerate() {
        if let Some(list) = index.get(assignment.shift.as_str()).and_then(|&i| people.get_mut(i)) {
            list.push(a);
        }
    }
    let mut broken = vec![0; roster.shifts().len()];
    for violation in &r.report.violations {
        if let Some(count) =
            violation.shift.as_ref().and_then(|s| index.get(s.as_str())).and_then(|&i| broken.get_mut(i))
        {
            *count += 1;
        }
    }
    let newcomers: BTreeSet<&str> =
        roster.staff().iter().filter(|s| s.is_newcomer()).map(|s| s.name.as_str()).collect();
    let newcomer = roster.assignments().iter().map(|a| newcomers.contains(a.person.as_str())).collect();
    (people, broken, newcomer)
}

/// One shift and what the layout knows about it.
struct ShiftFacts<'a> {
    shift: &'a Shift,
    /// Its booth's name, to tell shifts at the same hours apart.
    booth: &'a str,
    /// Indexes into `Roster::assignments`.
    people: &'a [usize],
    broken: usize,
    /// Per assignment.
    newcomer: &'a [bool],
}

/// One shift: fill by coverage, names, rule breaks; a drop target for staff names.
fn shift_block_ui(
    ui: &mut Ui,
    r: &RosterCtx<'_>,
    facts: &ShiftFacts<'_>,
    visible: Rect,
    rect: Rect,
    selected: Option<&ShiftId>,
    commands: &mut Vec<Command>,
) -> bool {
    let roster = r.roster;
    let (shift, broken) = (facts.shift, facts.broken);
    let shift_id = &shift.id;
    let people: Vec<(&crate::model::roster::Assignment, bool)> = facts
        .people
        .iter()
        .filter_map(|&a| Some((roster.assignments().get(a)?, facts.newcomer.get(a).copied().unwrap_or(false))))
        .collect();
    let filled = people.len() as u32;
    let response = ui.interact(visible, ui.scope_id().with(("roster_shift", shift_id.as_str())), Sense::click());
    let is_selected = selected == Some(shift_id);
    // Built only while accessibility is on (a screen reader, a test), not every frame for nobody.
    response.widget_info(|| {
        let names: Vec<&str> = people.iter().map(|(a, _)| a.person.as_str()).collect();
        let label = format!(
            "{} {}–{} shift, {filled} of {} filled{}{}",
            facts.booth,
            format_hm(shift.starts_at),
            format_hm(shift.ends_at),
            shift.seats,
            if names.is_empty() { String::new() } else { format!(": {}", names.join(", ")) },
            if broken > 0 { format!(", {broken} rule breaks") } else { String::new() }
        );
        WidgetInfo::selected(egui::Role::Button, true, is_selected, label)
    });
    if let Some(person) = response.dnd_release_payload::<PersonName>() {
        let edit = RosterEdit::Assign(AssignEdit::Assign {
            shift: shift_id.clone(),
            person: (*person).clone(),
            locked: false,
        });
        commands.push(Command::roster(edit));
    }
    let visuals = ui.visuals().clone();
    let base = if filled >= shift.seats {
        theme::ok(&visuals)
    } else if filled == 0 {
        theme::clash(&visuals)
    } else {
        theme::must(&visuals)
    };
    let painter = ui.painter().with_clip_rect(visible);
    painter.rect_filled(rect, 4.0, base.gamma_multiply(if visuals.dark_mode { 0.35 } else { 0.22 }));
    let hovered_drop = response.dnd_hover_payload::<PersonName>().is_some();
    let outline = if broken > 0 {
        Stroke::new(2.0, theme::clash(&visuals))
    } else if is_selected || hovered_drop || response.hovered() {
        Stroke::new(1.5, visuals.strong_text_color())
    } else {
        Stroke::new(1.0, base)
    };
    painter.rect_stroke(rect, 4.0, outline, egui::StrokeKind::Inside);
    if shift_text_ui(ui, &painter, rect, facts, &people) {
        // The full names, for a block too short to show them.
        let response = response.on_hover_ui(|ui| {
            for (assignment, _) in &people {
                ui.label(assignment.person.as_str());
            }
        });
        return response.clicked();
    }
    response.clicked()
}

/// Height of the header line ("09:00–10:40  1/2") and of each name line, in pixels.
const HEADER_LINE: f32 = 17.0;
const NAME_LINE: f32 = 15.0;

/// A shift's header and its people: one full name a line when they fit, else their first names
/// run on as "Dana, Elif" in the lines there are (on the header's own line in a short shift).
/// Returns whether the names were shortened.
fn shift_text_ui(
    ui: &Ui,
    painter: &egui::Painter,
    rect: Rect,
    facts: &ShiftFacts<'_>,
    people: &[(&crate::model::roster::Assignment, bool)],
) -> bool {
    let visuals = ui.visuals();
    let shift = facts.shift;
    let header = format!(
        "{}–{}  {}/{}{}",
        format_hm(shift.starts_at),
        format_hm(shift.ends_at),
        people.len(),
        shift.seats,
        if facts.broken > 0 { "  ⚠" } else { "" }
    );
    let top = pos2(rect.left() + 8.0, rect.top() + 4.0);
    let header = painter.layout_no_wrap(header, FontId::proportional(13.0), visuals.strong_text_color());
    let header_width = header.size().x;
    painter.galley(top, header, visuals.strong_text_color());
    let name = |(assignment, newcomer): &(&crate::model::roster::Assignment, bool), first_only: bool| {
        let lock = if assignment.locked { "🔒 " } else { "" };
        let tag = if *newcomer { " (new)" } else { "" };
        let full = assignment.person.as_str();
        let name = if first_only { full.split_whitespace().next().unwrap_or(full) } else { full };
        format!("{lock}{name}{tag}")
    };
    let lines = ((rect.bottom() - top.y - HEADER_LINE) / NAME_LINE).floor().max(0.0) as usize;
    let font = FontId::proportional(12.0);
    // Strong, not the body grey: names sit on a tinted block and must stay readable (WCAG 4.5:1).
    let colour = visuals.strong_text_color();
    if people.len() <= lines {
        for (n, person) in people.iter().enumerate() {
            let at = pos2(rect.left() + 10.0, top.y + HEADER_LINE + n as f32 * NAME_LINE);
            painter.text(at, Align2::LEFT_TOP, name(person, false), font.clone(), colour);
        }
        return false;
    }
    let all = people.iter().map(|p| name(p, true)).collect::<Vec<_>>().join(", ");
    let (at, width, rows) = if lines == 0 {
        let x = top.x + header_width + 10.0;
        (pos2(x, top.y + 1.0), rect.right() - 6.0 - x, 1)
    } else {
        (pos2(rect.left() + 10.0, top.y + HEADER_LINE), rect.width() - 16.0, lines)
    };
    let mut job = egui::text::LayoutJob::single_section(all, egui::TextFormat::simple(font, colour));
    job.wrap = egui::text::TextWrapping {
        max_width: width.max(0.0),
        max_rows: rows,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    painter.galley(at, ui.fonts_mut(|f| f.layout_job(job)), colour);
    true
}

/// Booth names across the top (scrolling sideways with their columns) and hours down the side
/// (scrolling up and down with the shifts), drawn over the shifts.
fn labels_ui(ui: &Ui, layout: &DayLayout, screen: Rect, origin_x: f32, y_of: &dyn Fn(NaiveDateTime) -> f32) {
    let visuals = ui.visuals();
    let painter = ui.painter();
    let strip = Rect::from_min_max(screen.min, pos2(screen.min.x + TIME_WIDTH, screen.max.y));
    painter.rect_filled(strip, 0.0, visuals.panel_fill);
    let mut m = 0;
    while m <= layout.total_mins {
        let t = layout.starts_at + Duration::minutes(m);
        let y = y_of(t);
        if y > screen.min.y + HEADER_HEIGHT {
            painter.text(
                pos2(strip.right() - 6.0, y),
                Align2::RIGHT_CENTER,
                format_hm(t),
                FontId::proportional(12.0),
                visuals.text_color(),
            );
        }
        m += 60;
    }
    let bar = Rect::from_min_max(screen.min, pos2(screen.max.x, screen.min.y + HEADER_HEIGHT));
    painter.rect_filled(bar, 0.0, visuals.panel_fill);
    for (c, name) in layout.booths.iter().enumerate() {
        let x = origin_x + TIME_WIDTH + c as f32 * COLUMN_WIDTH;
        let galley = super::widgets::one_line(
            ui,
            name,
            FontId::proportional(13.0),
            visuals.strong_text_color(),
            COLUMN_WIDTH - 12.0,
        );
        painter.with_clip_rect(Rect::from_min_max(pos2(bar.min.x + TIME_WIDTH, bar.min.y), bar.max)).galley(
            pos2(x + 8.0, bar.center().y - galley.size().y / 2.0),
            galley,
            visuals.strong_text_color(),
        );
    }
}
