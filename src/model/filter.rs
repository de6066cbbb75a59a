//! What the attendee wants to see: day, track, room, kind, language, recorded, captioned, only
//! their picks, and whether to hide what is over.
//!
//! A [`Filter`] names things the way they survive a schedule update (dates, track and room keys,
//! language codes), so the app can remember it per conference in its settings. Before use it is
//! compiled against one schedule, plan and `now` into a [`CompiledFilter`], whose per-session check
//! is a handful of array lookups: names are resolved once per query, never per session.
//! [`Filter::facets`] lists what a schedule offers, with counts, for the filter menus.
//!
//! Pure: the clock comes in as `now` (conference-local wall-clock time).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::ids::{RoomKey, SessionIdx};
use super::plan::Plan;
use super::schedule::{Schedule, Session, SessionKind};
use super::time::format_day;

/// The attendee's filter choices. Every empty set means "any"; every `false` means "don't care".
///
/// Dimensions combine with AND; values inside one set combine with OR (days `{Fri, Sat}` shows
/// both days). Sessions without a track, room or language never pass a filter on that dimension.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Conference days (see [`crate::model::Day::date`]).
    pub days: BTreeSet<NaiveDate>,
    /// Track keys ([`crate::model::Track::key`]).
    pub tracks: BTreeSet<String>,
    /// Room keys ([`crate::model::Room::key`]).
    pub rooms: BTreeSet<RoomKey>,
    pub kinds: BTreeSet<SessionKind>,
    /// Language codes as the schedule spells them, compared trimmed and case-insensitively.
    pub languages: BTreeSet<String>,
    pub recorded_only: bool,
    pub captioned_only: bool,
    /// Only sessions in the plan's picks (any priority).
    pub picks_only: bool,
    /// Hide sessions that have ended at `now`.
    pub hide_past: bool,
}

impl Filter {
    /// Whether any choice is made; an inactive filter passes every session.
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// Resolves names to indexes for one schedule, plan and time. Costs O(days + tracks + rooms +
    /// picks + sessions / 64); do it once per query, not per session.
    pub fn compile(&self, schedule: &Schedule, plan: &Plan, now: NaiveDateTime) -> CompiledFilter {
        let sessions = schedule.sessions().len();
        let day_ranges = (!self.days.is_empty()).then(|| {
            schedule.days().iter().filter(|d| self.days.contains(&d.date)).map(|d| d.sessions.clone()).collect()
        });
        let tracks =
            (!self.tracks.is_empty()).then(|| schedule.tracks().iter().map(|t| self.tracks.contains(&t.key)).collect());
        let rooms =
            (!self.rooms.is_empty()).then(|| schedule.rooms().iter().map(|r| self.rooms.contains(&r.key)).collect());
        let kinds = self.kinds.iter().fold(0, |mask, &kind| mask | kind_bit(kind));
        let languages = self.languages.iter().map(|l| language_key(l)).filter(|l| !l.is_empty()).collect::<Vec<_>>();
        let picks = self.picks_only.then(|| {
            let mut bits = Bitset::new(sessions);
            for idx in plan.picks.keys().filter_map(|id| schedule.find(id)) {
                bits.insert(idx.index());
            }
            bits
        });
        CompiledFilter {
            sessions,
            day_ranges,
            tracks,
            rooms,
            kinds,
            languages: (!self.languages.is_empty()).then_some(languages),
            recorded_only: self.recorded_only,
            captioned_only: self.captioned_only,
            picks,
            ends_after: self.hide_past.then_some(now),
        }
    }

    /// Whether one session passes. Compiles the filter first: for many sessions use
    /// [`Self::compile`] once and [`CompiledFilter::matches`].
    pub fn matches(&self, schedule: &Schedule, session: SessionIdx, plan: &Plan, now: NaiveDateTime) -> bool {
        self.compile(schedule, plan, now).matches(schedule, session)
    }

    /// A copy without the days, tracks, rooms and languages `schedule` does not have, e.g. after a
    /// schedule update renamed a track. Unknown names otherwise match nothing.
    pub fn without_unknown(&self, schedule: &Schedule) -> Self {
        let facets = Self::facets(schedule);
        let languages: BTreeSet<String> = facets.languages.iter().map(|f| f.key.clone()).collect();
        Self {
            days: self.days.iter().filter(|d| schedule.days().iter().any(|day| day.date == **d)).copied().collect(),
            tracks: self.tracks.iter().filter(|k| schedule.tracks().iter().any(|t| t.key == **k)).cloned().collect(),
            rooms: self.rooms.iter().filter(|k| schedule.rooms().iter().any(|r| r.key == **k)).cloned().collect(),
            languages: self.languages.iter().filter(|l| languages.contains(&language_key(l))).cloned().collect(),
            ..self.clone()
        }
    }

    /// What `schedule` offers to filter on, with the number of sessions for each value. Only values
    /// held by at least one session are listed: days in date order, tracks and rooms in schedule
    /// order, kinds in [`SessionKind::ALL`] order, languages by key.
    pub fn facets(schedule: &Schedule) -> Facets {
        let sessions = schedule.sessions();
        let mut track_counts = vec![0; schedule.tracks().len()];
        let mut room_counts = vec![0; schedule.rooms().len()];
        let mut kind_counts = [0; SessionKind::ALL.len()];
        let mut languages: BTreeMap<String, usize> = BTreeMap::new();
        let (mut recorded, mut captioned) = (0, 0);
        for session in sessions {
            if let Some(count) = session.track.and_then(|t| track_counts.get_mut(t.index())) {
                *count += 1;
            }
            if let Some(count) = session.room.and_then(|r| room_counts.get_mut(r.index())) {
                *count += 1;
            }
            if let Some(count) = kind_counts.get_mut(kind_index(session.kind)) {
                *count += 1;
            }
            if let Some(key) = session.language.as_deref().map(language_key).filter(|k| !k.is_empty()) {
                *languages.entry(key).or_insert(0) += 1;
            }
            recorded += usize::from(session.is_recorded);
            captioned += usize::from(session.is_captioned);
        }
        // Generic (track keys are `String`s, room keys `RoomKey`s), so a fn, not a closure.
        fn named<K>(counts: Vec<usize>, names: Vec<(K, String)>) -> Vec<Facet<K>> {
            names
                .into_iter()
                .zip(counts)
                .filter(|&(_, count)| count > 0)
                .map(|((key, label), count)| Facet { key, label, count })
                .collect()
        }
        Facets {
            total: sessions.len(),
            days: schedule
                .days()
                .iter()
                .map(|d| Facet { key: d.date, label: format_day(d.date), count: d.sessions.len() })
                .collect(),
            tracks: named(track_counts, schedule.tracks().iter().map(|t| (t.key.clone(), t.name.clone())).collect()),
            rooms: named(room_counts, schedule.rooms().iter().map(|r| (r.key.clone(), r.name.clone())).collect()),
            kinds: SessionKind::ALL
                .into_iter()
                .zip(kind_counts)
                .filter(|&(_, count)| count > 0)
                .map(|(key, count)| Facet { key, label: key.label().to_owned(), count })
                .collect(),
            languages: languages.into_iter().map(|(key, count)| Facet { label: key.clone(), key, count }).collect(),
            recorded,
            captioned,
        }
    }
}

/// One value a filter menu offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facet<K> {
    /// What goes into the [`Filter`] when the attendee picks this value.
    pub key: K,
    /// What the menu shows: a formatted date, a track or room name, a kind label, a language code.
    pub label: String,
    /// Sessions in the whole schedule with this value.
    pub count: usize,
}

/// Everything a schedule offers to filter on; see [`Filter::facets`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// All sessions in the schedule.
    pub total: usize,
    pub days: Vec<Facet<NaiveDate>>,
    pub tracks: Vec<Facet<String>>,
    pub rooms: Vec<Facet<RoomKey>>,
    pub kinds: Vec<Facet<SessionKind>>,
    /// Keys are trimmed and lower-cased.
    pub languages: Vec<Facet<String>>,
    /// Sessions that are recorded.
    pub recorded: usize,
    /// Sessions that are captioned.
    pub captioned: usize,
}

/// A [`Filter`] resolved against one schedule, plan and `now`. Only valid for that schedule.
#[derive(Clone, Debug)]
pub struct CompiledFilter {
    sessions: usize,
    /// `None`: every day.
    day_ranges: Option<Vec<Range<usize>>>,
    /// Indexed by [`crate::model::TrackIdx`]; `None`: any track.
    tracks: Option<Vec<bool>>,
    /// Indexed by [`crate::model::RoomIdx`]; `None`: any room.
    rooms: Option<Vec<bool>>,
    /// Bits by [`kind_bit`]; 0: any kind.
    kinds: u8,
    /// Trimmed, lower-cased codes; `None`: any language.
    languages: Option<Vec<String>>,
    recorded_only: bool,
    captioned_only: bool,
    /// Picked sessions by index; `None`: picked or not.
    picks: Option<Bitset>,
    /// Keep only sessions ending after this time.
    ends_after: Option<NaiveDateTime>,
}

impl CompiledFilter {
    /// Whether the session at `idx` passes. `false` for an index outside the schedule.
    pub fn matches(&self, schedule: &Schedule, idx: SessionIdx) -> bool {
        schedule.session(idx).is_some_and(|session| self.in_days(idx.index()) && self.passes(idx.index(), session))
    }

    /// Whether the filter keeps every session (nothing to check).
    pub fn is_everything(&self) -> bool {
        self.day_ranges.is_none()
            && self.tracks.is_none()
            && self.rooms.is_none()
            && self.kinds == 0
            && self.languages.is_none()
            && !self.recorded_only
            && !self.captioned_only
            && self.picks.is_none()
            && self.ends_after.is_none()
    }

    /// The ranges of session indexes the day filter allows, in order and disjoint; every other
    /// check still applies inside them.
    pub fn ranges(&self) -> Vec<Range<usize>> {
        self.day_ranges.clone().unwrap_or_else(|| std::iter::once(0..self.sessions).collect())
    }

    fn in_days(&self, index: usize) -> bool {
        self.day_ranges.as_ref().is_none_or(|ranges| ranges.iter().any(|r| r.contains(&index)))
    }

    /// Every check; `index` is `session`'s index.
    pub(crate) fn passes_all(&self, index: usize, session: &Session) -> bool {
        self.in_days(index) && self.passes(index, session)
    }

    /// Every check but the day, which [`Self::ranges`] covers. `index` is `session`'s index.
    fn passes(&self, index: usize, session: &Session) -> bool {
        if (self.recorded_only && !session.is_recorded) || (self.captioned_only && !session.is_captioned) {
            return false;
        }
        if self.kinds != 0 && self.kinds & kind_bit(session.kind) == 0 {
            return false;
        }
        if let Some(tracks) = &self.tracks
            && !session.track.and_then(|t| tracks.get(t.index()).copied()).unwrap_or(false)
        {
            return false;
        }
        if let Some(rooms) = &self.rooms
            && !session.room.and_then(|r| rooms.get(r.index()).copied()).unwrap_or(false)
        {
            return false;
        }
        if let Some(now) = self.ends_after
            && session.ends_at() <= now
        {
            return false;
        }
        if let Some(picks) = &self.picks
            && !picks.contains(index)
        {
            return false;
        }
        match (&self.languages, session.language.as_deref()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(wanted), Some(language)) => wanted.iter().any(|w| same_language(language, w)),
        }
    }
}

/// The key languages are compared and counted by: trimmed and lower-cased.
fn language_key(language: &str) -> String {
    language.trim().to_lowercase()
}

/// `language` equals an already normalised `key`, without allocating.
fn same_language(language: &str, key: &str) -> bool {
    language.trim().chars().flat_map(char::to_lowercase).eq(key.chars())
}

fn kind_index(kind: SessionKind) -> usize {
    SessionKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

fn kind_bit(kind: SessionKind) -> u8 {
    1 << kind_index(kind)
}

/// A fixed-size set of small integers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Bitset {
    words: Vec<u64>,
}

impl Bitset {
    /// An empty set for values `0..len`.
    pub(crate) fn new(len: usize) -> Self {
        Self { words: vec![0; len.div_ceil(64)] }
    }

    /// Adds `i`; values outside `0..len` are ignored.
    pub(crate) fn insert(&mut self, i: usize) {
        if let Some(word) = self.words.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    pub(crate) fn contains(&self, i: usize) -> bool {
        self.words.get(i / 64).is_some_and(|word| word & (1 << (i % 64)) != 0)
    }

    /// The values, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + bit
                })
            })
        })
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.words.capacity() * size_of::<u64>()
    }

    /// Keeps only the values also in `other`.
    pub(crate) fn intersect(&mut self, other: &Self) {
        for (word, theirs) in self.words.iter_mut().zip(&other.words) {
            *word &= theirs;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::SessionId;
    use crate::model::plan::{Edit, Priority};
    use crate::model::schedule::{Conference, ScheduleBuilder};

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    /// Three sessions over two days: a recorded talk in a track, a captioned Dutch keynote in
    /// another room, and a break with nothing.
    fn schedule() -> Schedule {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        let hall = b.room_named("Hall").unwrap();
        let side = b.room_named("Side").unwrap();
        let web = b.track_named("Web").unwrap();
        b.track_named("Unused");
        let mut talk = Session::new("talk", "Talk", dt("2027-04-16 10:00"), 30);
        (talk.room, talk.track, talk.is_recorded, talk.language) = (Some(hall), Some(web), true, Some("EN ".into()));
        let mut keynote = Session::new("keynote", "Keynote", dt("2027-04-17 09:00"), 60);
        (keynote.room, keynote.kind, keynote.is_recorded, keynote.is_captioned) =
            (Some(side), SessionKind::Keynote, true, true);
        keynote.language = Some("nl".into());
        let mut lunch = Session::new("lunch", "Lunch", dt("2027-04-16 12:00"), 60);
        lunch.kind = SessionKind::Break;
        for s in [talk, keynote, lunch] {
            b.add_session(s, None);
        }
        b.build()
    }

    fn ids(schedule: &Schedule, filter: &Filter, plan: &Plan, now: NaiveDateTime) -> Vec<String> {
        let compiled = filter.compile(schedule, plan, now);
        (0..schedule.sessions().len())
            .map(|i| SessionIdx(u32::try_from(i).unwrap()))
            .filter(|&i| compiled.matches(schedule, i))
            .map(|i| schedule.session(i).unwrap().id.to_string())
            .collect()
    }

    #[test]
    fn each_dimension_narrows() {
        let s = schedule();
        let plan = Plan::new("c");
        let now = dt("2027-04-16 08:00");
        let check =
            |filter: Filter, expected: &[&str]| assert_eq!(ids(&s, &filter, &plan, now), expected, "{filter:?}");
        check(Filter::default(), &["talk", "lunch", "keynote"]);
        check(Filter { days: [dt("2027-04-17 00:00").date()].into(), ..Filter::default() }, &["keynote"]);
        check(Filter { tracks: ["Web".into()].into(), ..Filter::default() }, &["talk"]);
        check(Filter { rooms: ["Side".into()].into(), ..Filter::default() }, &["keynote"]);
        check(Filter { kinds: [SessionKind::Break].into(), ..Filter::default() }, &["lunch"]);
        check(Filter { languages: ["en".into()].into(), ..Filter::default() }, &["talk"]);
        check(Filter { languages: [" NL".into()].into(), ..Filter::default() }, &["keynote"]);
        check(Filter { recorded_only: true, ..Filter::default() }, &["talk", "keynote"]);
        check(Filter { captioned_only: true, ..Filter::default() }, &["keynote"]);
        check(Filter { tracks: ["Gone".into()].into(), ..Filter::default() }, &[]);
    }

    #[test]
    fn picks_and_past() {
        let s = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&s, Edit::Pick { session_id: SessionId::new("keynote"), priority: Priority::Maybe }).unwrap();
        let picks = Filter { picks_only: true, ..Filter::default() };
        assert_eq!(ids(&s, &picks, &plan, dt("2027-04-16 08:00")), ["keynote"]);
        let future = Filter { hide_past: true, ..Filter::default() };
        // The talk ends at 10:30: at 10:29 it is on, at 10:30 it is over.
        assert_eq!(ids(&s, &future, &plan, dt("2027-04-16 10:29")), ["talk", "lunch", "keynote"]);
        assert_eq!(ids(&s, &future, &plan, dt("2027-04-16 10:30")), ["lunch", "keynote"]);
        assert_eq!(ids(&s, &future, &plan, dt("2027-04-20 00:00")), Vec::<String>::new());
    }

    #[test]
    fn facets_count_what_is_there() {
        let facets = Filter::facets(&schedule());
        assert_eq!(facets.total, 3);
        assert_eq!(facets.days.iter().map(|d| d.count).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(facets.days[0].label, "Fri 16 Apr");
        assert_eq!(facets.tracks, [Facet { key: "Web".into(), label: "Web".into(), count: 1 }]);
        assert_eq!(facets.rooms.len(), 2);
        assert_eq!(
            facets.kinds.iter().map(|k| (k.key, k.count)).collect::<Vec<_>>(),
            [(SessionKind::Talk, 1), (SessionKind::Keynote, 1), (SessionKind::Break, 1)]
        );
        assert_eq!(
            facets.languages.iter().map(|l| (l.key.as_str(), l.count)).collect::<Vec<_>>(),
            [("en", 1), ("nl", 1)]
        );
        assert_eq!((facets.recorded, facets.captioned), (2, 1));
    }

    #[test]
    fn unknown_names_can_be_dropped() {
        let s = schedule();
        let filter = Filter {
            tracks: ["Web".into(), "Gone".into()].into(),
            languages: ["EN".into(), "xx".into()].into(),
            days: [dt("2027-04-16 00:00").date(), dt("2030-01-01 00:00").date()].into(),
            hide_past: true,
            ..Filter::default()
        };
        let kept = filter.without_unknown(&s);
        assert_eq!(kept.tracks, ["Web".to_owned()].into());
        assert_eq!(kept.languages, ["EN".to_owned()].into());
        assert_eq!(kept.days, [dt("2027-04-16 00:00").date()].into());
        assert!(kept.hide_past);
    }

    #[test]
    fn compiled_filter_refuses_indexes_outside_the_schedule() {
        let s = schedule();
        let compiled = Filter::default().compile(&s, &Plan::new("c"), dt("2027-04-16 08:00"));
        assert!(compiled.is_everything());
        assert!(!compiled.matches(&s, SessionIdx(99)));
        assert_eq!(compiled.ranges().first(), Some(&(0..3)));
        assert_eq!(compiled.ranges().len(), 1);
    }
}
