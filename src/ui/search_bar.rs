//! The search box and the filters above the schedule list.
//!
//! Typing searches the whole conference (every day) through the schedule's
//! [`SearchIndex`](crate::model::search::SearchIndex); hits are recomputed only when the text, the
//! filter, the schedule or (for filters that depend on them) the picks or the minute change, and
//! typing on from the last text only re-checks the last hits. Highlights are computed for the rows
//! drawn, once per query. The filter itself belongs to the app (remembered per conference); this
//! view edits a copy and emits [`Command::SetFilter`].

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, Timelike as _};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Ui};

use super::ViewCtx;
use crate::command::Command;
use crate::model::SessionIdx;
use crate::model::filter::{Facets, Filter};
use crate::model::search::{Highlighter, Highlights, Hit, LiveSearch, Query};

/// Opens the search box.
pub const FIND: egui::KeyboardShortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);

/// What the hits were computed for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct HitsKey {
    generation: u64,
    text: String,
    filter: Filter,
    /// The plan revision, when the filter depends on the picks.
    picks: Option<u64>,
    /// The minute, when the filter hides what is over.
    minute: Option<NaiveDateTime>,
}

/// What the key of the current frame would be, borrowed, to compare without allocating.
struct KeyNow<'a> {
    generation: u64,
    text: &'a str,
    filter: &'a Filter,
    picks: Option<u64>,
    minute: Option<NaiveDateTime>,
}

impl HitsKey {
    fn matches(&self, now: &KeyNow<'_>) -> bool {
        self.generation == now.generation
            && self.text == now.text
            && self.filter == *now.filter
            && self.picks == now.picks
            && self.minute == now.minute
    }
}

/// What the user did in the search bar this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BarOutcome {
    /// Enter or Down in the search box: go to the first hit.
    pub go_to_first: bool,
}

#[derive(Default)]
pub struct SearchBar {
    text: String,
    focus_requested: bool,
    filters_open: bool,
    /// The schedule generation and what it offers to filter on.
    facets: Option<(u64, Facets)>,
    live: LiveSearch,
    key: Option<HitsKey>,
    hits: Vec<Hit>,
    highlighter: Option<Highlighter>,
    highlights: BTreeMap<SessionIdx, Highlights>,
    /// Bumped whenever `hits` are recomputed.
    revision: u64,
}

/// The filter's effect on `now`: the minute when it hides past sessions, so results change once
/// a minute, not every frame.
pub fn filter_minute(filter: &Filter, now: NaiveDateTime) -> Option<NaiveDateTime> {
    filter.hide_past.then(|| now.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(now))
}

/// The plan revision, when `filter` depends on the picks.
pub fn filter_picks(filter: &Filter, plan_revision: u64) -> Option<u64> {
    filter.picks_only.then_some(plan_revision)
}

impl SearchBar {
    /// Puts the keyboard in the search box on the next frame (Ctrl+F or `/`).
    pub fn request_focus(&mut self) {
        self.focus_requested = true;
    }

    /// Whether a search is typed: the list then shows hits from every day, best first.
    pub fn is_searching(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// The search box, the quick filters, the filter panel, and how many sessions are shown.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, shown: usize, commands: &mut Vec<Command>) -> BarOutcome {
        let mut outcome = BarOutcome::default();
        let mut filter = ctx.filter.clone();
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let edit = egui::TextEdit::singleline(&mut self.text)
                .id_salt("schedule_search")
                .hint_text("title, speaker, room or abstract  (Ctrl+F or /)")
                .desired_width(320.0_f32.min(ui.available_width() * 0.4));
            let response = ui.add(edit).labelled_by(label.id);
            if std::mem::take(&mut self.focus_requested) {
                response.request_focus();
            }
            if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::ArrowDown)) {
                outcome.go_to_first = true;
                response.surrender_focus();
            }
            if response.lost_focus() {
                let (enter, escape) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
                outcome.go_to_first |= enter;
                if escape {
                    self.text.clear();
                }
            }
            if !self.text.is_empty() && ui.small_button("Clear search").clicked() {
                self.text.clear();
            }
            ui.separator();
            ui.toggle_value(&mut filter.picks_only, "My picks").on_hover_text("Only sessions you picked");
            ui.toggle_value(&mut filter.recorded_only, "Recorded").on_hover_text("Only sessions that are recorded");
            ui.toggle_value(&mut filter.captioned_only, "Captioned").on_hover_text("Only sessions with live captions");
            ui.toggle_value(&mut filter.hide_past, "Hide past").on_hover_text("Hide sessions that are over");
            let narrowing = narrowing_count(&filter);
            let more = if narrowing > 0 { format!("More filters ({narrowing})") } else { "More filters".to_owned() };
            ui.toggle_value(&mut self.filters_open, more).on_hover_text("Day, track, room, kind and language");
            if filter.is_active() && ui.button("Clear filters").clicked() {
                filter = Filter::default();
            }
            let total = ctx.schedule.sessions().len();
            if self.is_searching() || filter.is_active() {
                ui.label(RichText::new(format!("{shown} of {total} sessions")).weak());
            }
        });
        if self.filters_open {
            self.filter_panel_ui(ui, ctx, &mut filter);
        }
        if filter != *ctx.filter {
            commands.push(Command::SetFilter(filter));
        }
        outcome
    }

    fn filter_panel_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, filter: &mut Filter) {
        if self.facets.as_ref().is_none_or(|(generation, _)| *generation != ctx.generation) {
            self.facets = Some((ctx.generation, Filter::facets(ctx.schedule)));
        }
        let Some((_, facets)) = &self.facets else { return };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt("filter_panel").max_height(180.0).show(ui, |ui| {
                egui::Grid::new("filter_grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                    facet_row(ui, "Days", &facets.days, &mut filter.days);
                    facet_row(ui, "Tracks", &facets.tracks, &mut filter.tracks);
                    facet_row(ui, "Rooms", &facets.rooms, &mut filter.rooms);
                    facet_row(ui, "Kinds", &facets.kinds, &mut filter.kinds);
                    if !facets.languages.is_empty() {
                        facet_row(ui, "Languages", &facets.languages, &mut filter.languages);
                    }
                });
            });
        });
    }

    /// The hits for the typed text and the filter, best first; `None` while the index is built.
    pub fn hits(&mut self, ctx: &ViewCtx<'_>) -> Option<&[Hit]> {
        let index = ctx.search?;
        let now = KeyNow {
            generation: ctx.generation,
            text: self.text.trim(),
            filter: ctx.filter,
            picks: filter_picks(ctx.filter, ctx.plan_revision),
            minute: filter_minute(ctx.filter, ctx.now),
        };
        if !self.key.as_ref().is_some_and(|key| key.matches(&now)) {
            let query = Query { text: now.text.to_owned(), filter: ctx.filter.clone() };
            let at = now.minute.unwrap_or(ctx.now);
            self.hits.clear();
            self.hits.extend_from_slice(self.live.search(index, ctx.schedule, ctx.plan, &query, at));
            self.revision += 1;
            self.highlighter = Some(Highlighter::new(&query.text));
            self.highlights.clear();
            self.key = Some(HitsKey {
                generation: now.generation,
                text: query.text,
                filter: query.filter,
                picks: now.picks,
                minute: now.minute,
            });
        }
        Some(&self.hits)
    }

    /// Changes whenever the hits do.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Where the typed text matches in one session, computed once per query.
    pub fn highlights(&mut self, ctx: &ViewCtx<'_>, idx: SessionIdx) -> Option<&Highlights> {
        let highlighter = self.highlighter.as_mut()?;
        Some(self.highlights.entry(idx).or_insert_with(|| highlighter.highlight(ctx.schedule, idx)))
    }
}

/// How many of the panel's dimensions narrow the list.
fn narrowing_count(filter: &Filter) -> usize {
    [
        filter.days.is_empty(),
        filter.tracks.is_empty(),
        filter.rooms.is_empty(),
        filter.kinds.is_empty(),
        filter.languages.is_empty(),
    ]
    .into_iter()
    .filter(|empty| !empty)
    .count()
}

/// One dimension of the filter panel: a toggle per value, with its session count.
fn facet_row<K: Ord + Clone>(
    ui: &mut Ui,
    name: &str,
    facets: &[crate::model::filter::Facet<K>],
    chosen: &mut std::collections::BTreeSet<K>,
) {
    ui.label(RichText::new(name).strong());
    ui.horizontal_wrapped(|ui| {
        for facet in facets {
            let mut on = chosen.contains(&facet.key);
            let text = format!("{} ({})", facet.label, facet.count);
            if ui.toggle_value(&mut on, text).changed() {
                if on {
                    chosen.insert(facet.key.clone());
                } else {
                    chosen.remove(&facet.key);
                }
            }
        }
        if !chosen.is_empty() && ui.small_button(format!("Any {}", name.to_lowercase())).clicked() {
            chosen.clear();
        }
    });
    ui.end_row();
}

/// One line of text with the characters at `marked` (char indices, sorted) highlighted, cut with
/// an ellipsis at `max_width`.
pub fn highlighted_line(
    ui: &Ui,
    parts: &[(&str, &[u32])],
    font: &FontId,
    colour: Color32,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let plain = TextFormat::simple(font.clone(), colour);
    let marked = TextFormat {
        background: ui.visuals().selection.bg_fill.gamma_multiply(0.6),
        color: ui.visuals().strong_text_color(),
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    let format = |is_marked: bool| if is_marked { marked.clone() } else { plain.clone() };
    for &(text, indices) in parts {
        let (mut start, mut run_marked) = (0, false);
        for (i, (byte, _)) in text.char_indices().enumerate() {
            let is_marked = u32::try_from(i).is_ok_and(|i| indices.binary_search(&i).is_ok());
            if is_marked != run_marked {
                if byte > start {
                    job.append(&text[start..byte], 0.0, format(run_marked));
                }
                (start, run_marked) = (byte, is_marked);
            }
        }
        if start < text.len() {
            job.append(&text[start..], 0.0, format(run_marked));
        }
    }
    job.wrap =
        egui::text::TextWrapping { max_width, max_rows: 1, break_anywhere: true, overflow_character: Some('…') };
    ui.fonts_mut(|f| f.layout_job(job))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minute_only_matters_when_past_sessions_are_hidden() {
        let now = chrono::NaiveDate::from_ymd_opt(2027, 4, 16).unwrap().and_hms_opt(10, 17, 42).unwrap();
        assert_eq!(filter_minute(&Filter::default(), now), None);
        let hide = Filter { hide_past: true, ..Filter::default() };
        assert_eq!(filter_minute(&hide, now), now.with_second(0));
        assert_eq!(filter_picks(&Filter::default(), 7), None);
        assert_eq!(filter_picks(&Filter { picks_only: true, ..Filter::default() }, 7), Some(7));
    }

    #[test]
    fn the_count_names_the_dimensions_narrowed() {
        let mut filter = Filter { recorded_only: true, ..Filter::default() };
        assert_eq!(narrowing_count(&filter), 0);
        filter.rooms.insert("a".to_owned());
        filter.days.insert(chrono::NaiveDate::from_ymd_opt(2027, 4, 16).unwrap());
        assert_eq!(narrowing_count(&filter), 2);
    }
}
