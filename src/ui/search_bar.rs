//! The search box and the filters above the schedule list.
//!
//! Typing searches the whole conference (every day) through the schedule's
//! [`SearchIndex`](crate::model::search::SearchIndex); hits are recomputed only when the text, the
//! filter, the schedule or (for filters that depend on them) the picks or the minute change, and
//! typing on from the last text only re-checks the last hits. Highlights are computed for the rows
//! drawn, once per query. The filter itself belongs to the app (remembered per conference); this
//! view edits a copy and emits [`Command::SetFilter`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDateTime, Timelike as _};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Ui};

use super::{Memo, ViewCtx};
use crate::command::{Command, SettingsCommand};
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
    facets: Memo<u64, Facets>,
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
        // The filter is copied only when the user changes it, not every frame.
        let current = ctx.filter;
        let mut quick = [current.picks_only, current.recorded_only, current.captioned_only, current.hide_past];
        let mut cleared = false;
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
            let labels = ["My picks", "Recorded", "Captioned", "Hide past"];
            let hovers = [
                "Only sessions you picked",
                "Only sessions that are recorded",
                "Only sessions with live captions",
                "Hide sessions that are over",
            ];
            for ((on, label), hover) in quick.iter_mut().zip(labels).zip(hovers) {
                ui.toggle_value(on, label).on_hover_text(hover);
            }
            let narrowing = narrowing_count(current);
            let more = if narrowing > 0 { format!("More filters ({narrowing})") } else { "More filters".to_owned() };
            ui.toggle_value(&mut self.filters_open, more).on_hover_text("Day, track, room, kind and language");
            if current.is_active() && ui.button("Clear filters").clicked() {
                cleared = true;
            }
            let total = ctx.schedule.sessions().len();
            if self.is_searching() || current.is_active() {
                ui.label(RichText::new(format!("{shown} of {total} sessions")).weak());
            }
        });
        let mut edited = if cleared {
            Some(Filter::default())
        } else if quick != [current.picks_only, current.recorded_only, current.captioned_only, current.hide_past] {
            let [picks_only, recorded_only, captioned_only, hide_past] = quick;
            Some(Filter { picks_only, recorded_only, captioned_only, hide_past, ..current.clone() })
        } else {
            None
        };
        if self.filters_open
            && let Some(change) = self.filter_panel_ui(ui, ctx, edited.as_ref().unwrap_or(current))
        {
            change.apply(edited.get_or_insert_with(|| current.clone()));
        }
        if let Some(filter) = edited
            && filter != *current
        {
            commands.push(Command::Settings(SettingsCommand::Filter(filter)));
        }
        outcome
    }

    /// The panel of days, tracks, rooms, kinds and languages; returns what was clicked.
    fn filter_panel_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, filter: &Filter) -> Option<PanelChange> {
        let facets = self.facets.get(ctx.revisions.schedule, || Filter::facets(ctx.schedule));
        let mut change = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt("filter_panel").max_height(180.0).show(ui, |ui| {
                egui::Grid::new("filter_grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                    let days = facet_row(ui, "Days", &facets.days, &filter.days).map(PanelChange::Days);
                    let tracks = facet_row(ui, "Tracks", &facets.tracks, &filter.tracks).map(PanelChange::Tracks);
                    let rooms = facet_row(ui, "Rooms", &facets.rooms, &filter.rooms).map(PanelChange::Rooms);
                    let kinds = facet_row(ui, "Kinds", &facets.kinds, &filter.kinds).map(PanelChange::Kinds);
                    let languages = (!facets.languages.is_empty())
                        .then(|| facet_row(ui, "Languages", &facets.languages, &filter.languages))
                        .flatten()
                        .map(PanelChange::Languages);
                    change = days.or(tracks).or(rooms).or(kinds).or(languages);
                });
            });
        });
        change
    }

    /// The hits for the typed text and the filter, best first; `None` while the index is built.
    pub fn hits(&mut self, ctx: &ViewCtx<'_>) -> Option<&[Hit]> {
        let index = ctx.search.index?;
        let now = KeyNow {
            generation: ctx.revisions.schedule,
            text: self.text.trim(),
            filter: ctx.filter,
            picks: filter_picks(ctx.filter, ctx.revisions.plan),
            minute: filter_minute(ctx.filter, ctx.now),
        };
        if !self.key.as_ref().is_some_and(|key| key.matches(&now)) {
            let query = Query { text: now.text.to_owned(), filter: ctx.filter.clone() };
            let at = now.minute.unwrap_or(ctx.now);
            self.hits.clear();
            self.hits.extend_from_slice(self.live.search(index, ctx.schedule, ctx.plan, &query, at, ctx.search.fork));
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

/// A click in one row of the filter panel.
enum FacetClick<K> {
    /// Add the value, or remove it when chosen.
    Toggle(K),
    /// Any value again.
    Clear,
}

impl<K: Ord> FacetClick<K> {
    fn apply(self, chosen: &mut BTreeSet<K>) {
        match self {
            Self::Toggle(key) => {
                if !chosen.remove(&key) {
                    chosen.insert(key);
                }
            }
            Self::Clear => chosen.clear(),
        }
    }
}

/// A click in the filter panel, by dimension.
enum PanelChange {
    Days(FacetClick<chrono::NaiveDate>),
    Tracks(FacetClick<String>),
    Rooms(FacetClick<crate::model::RoomKey>),
    Kinds(FacetClick<crate::model::SessionKind>),
    Languages(FacetClick<String>),
}

impl PanelChange {
    fn apply(self, filter: &mut Filter) {
        match self {
            Self::Days(click) => click.apply(&mut filter.days),
            Self::Tracks(click) => click.apply(&mut filter.tracks),
            Self::Rooms(click) => click.apply(&mut filter.rooms),
            Self::Kinds(click) => click.apply(&mut filter.kinds),
            Self::Languages(click) => click.apply(&mut filter.languages),
        }
    }
}

/// One dimension of the filter panel: a toggle per value, with its session count.
fn facet_row<K: Ord + Clone>(
    ui: &mut Ui,
    name: &str,
    facets: &[crate::model::filter::Facet<K>],
    chosen: &BTreeSet<K>,
) -> Option<FacetClick<K>> {
    let mut click = None;
    ui.label(RichText::new(name).strong());
    ui.horizontal_wrapped(|ui| {
        for facet in facets {
            let text = format!("{} ({})", facet.label, facet.count);
            if ui.selectable_label(chosen.contains(&facet.key), text).clicked() {
                click = Some(FacetClick::Toggle(facet.key.clone()));
            }
        }
        if !chosen.is_empty() && ui.small_button(format!("Any {}", name.to_lowercase())).clicked() {
            click = Some(FacetClick::Clear);
        }
    });
    ui.end_row();
    click
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
        filter.rooms.insert("a".into());
        filter.days.insert(chrono::NaiveDate::from_ymd_opt(2027, 4, 16).unwrap());
        assert_eq!(narrowing_count(&filter), 2);
    }
}
