//! One person's timeline: everything they plan to be at, merged, with every clash found.
//!
//! Derived, never stored: [`Timeline::build`] runs when the plan or schedule changes, not per
//! frame. Clashes come from one sweep over all items ([`overlapping_pairs`]), which also catches a
//! long session overlapping several non-adjacent ones.

use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime};

use super::ids::SessionId;
use super::plan::{Plan, Priority};
use super::schedule::Schedule;
use super::time::{add_minutes, conference_date};

/// Where a timeline item comes from, so the UI can act on it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemSource {
    /// A picked session that is in the schedule.
    Session(SessionId),
}

/// One thing on a person's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineItem {
    pub source: ItemSource,
    pub title: String,
    pub place: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// The conference day it belongs to (honours `day_change`).
    pub date: NaiveDate,
    /// For picked sessions.
    pub priority: Option<Priority>,
    pub is_recorded: bool,
    /// Not attended in person (watch the recording): shown, but never clashes.
    pub is_watch_later: bool,
}

impl TimelineItem {
    /// Whether this item occupies the person's time.
    pub fn is_attended(&self) -> bool {
        !self.is_watch_later
    }

    pub fn session_id(&self) -> Option<&SessionId> {
        match &self.source {
            ItemSource::Session(id) => Some(id),
        }
    }
}

/// Two items that overlap in time; indexes into [`Timeline::items`], `a < b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clash {
    pub a: usize,
    pub b: usize,
}

/// A person's merged timeline, sorted by start.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    items: Vec<TimelineItem>,
    clashes: Vec<Clash>,
    /// For each item, the indexes of the items it clashes with.
    partners: Vec<Vec<usize>>,
}

impl Timeline {
    /// Builds the timeline of `plan` against `schedule`. Orphaned picks (no longer in the
    /// schedule) are not on the timeline; see [`Plan::orphans`].
    pub fn build(schedule: &Schedule, plan: &Plan) -> Self {
        let day_change = schedule.conference().day_change;
        let mut items: Vec<TimelineItem> = plan
            .picks
            .iter()
            .filter_map(|(id, pick)| {
                let session = schedule.session_by_id(id)?;
                Some(TimelineItem {
                    source: ItemSource::Session(id.clone()),
                    title: session.title.clone(),
                    place: schedule.room_name(session).to_owned(),
                    starts_at: session.starts_at,
                    ends_at: session.ends_at(),
                    date: conference_date(session.starts_at, day_change),
                    priority: Some(pick.priority),
                    is_recorded: session.is_recorded,
                    is_watch_later: pick.watch_later,
                })
            })
            .collect();
        Self::from_items(&mut items)
    }

    /// Sorts `items` and finds clashes among the attended ones.
    pub fn from_items(items: &mut Vec<TimelineItem>) -> Self {
        items.sort_by(|a, b| (a.starts_at, a.ends_at, &a.source).cmp(&(b.starts_at, b.ends_at, &b.source)));
        let items = std::mem::take(items);
        let attended: Vec<usize> = (0..items.len()).filter(|&i| items[i].is_attended()).collect();
        let intervals: Vec<(NaiveDateTime, NaiveDateTime)> =
            attended.iter().map(|&i| (items[i].starts_at, items[i].ends_at)).collect();
        let mut clashes: Vec<Clash> = overlapping_pairs(&intervals)
            .into_iter()
            .map(|(x, y)| {
                let (a, b) = (attended[x], attended[y]);
                Clash { a: a.min(b), b: a.max(b) }
            })
            .collect();
        clashes.sort_unstable();
        let mut partners = vec![Vec::new(); items.len()];
        for clash in &clashes {
            partners[clash.a].push(clash.b);
            partners[clash.b].push(clash.a);
        }
        Self { items, clashes, partners }
    }

    pub fn items(&self) -> &[TimelineItem] {
        &self.items
    }

    pub fn clashes(&self) -> &[Clash] {
        &self.clashes
    }

    /// Indexes of the items that clash with item `i`.
    pub fn clashes_with(&self, i: usize) -> &[usize] {
        self.partners.get(i).map_or(&[], Vec::as_slice)
    }

    pub fn has_clash(&self, i: usize) -> bool {
        !self.clashes_with(i).is_empty()
    }

    /// The index of the item for a session, if it is on the timeline.
    pub fn position_of(&self, session_id: &SessionId) -> Option<usize> {
        self.items.iter().position(|item| item.session_id() == Some(session_id))
    }

    /// Items grouped by conference day: `(date, range into items)`, in date order.
    pub fn days(&self) -> Vec<(NaiveDate, Range<usize>)> {
        let mut days: Vec<(NaiveDate, Range<usize>)> = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            match days.last_mut() {
                Some((date, range)) if *date == item.date => range.end = i + 1,
                _ => days.push((item.date, i..i + 1)),
            }
        }
        days
    }

    /// Free time between attended items in `range` (one day), at least `min_minutes` long.
    pub fn gaps(&self, range: Range<usize>, min_minutes: u32) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let mut gaps = Vec::new();
        let mut busy_until: Option<NaiveDateTime> = None;
        for item in self.items.get(range).unwrap_or(&[]).iter().filter(|i| i.is_attended()) {
            if let Some(end) = busy_until
                && add_minutes(end, min_minutes) <= item.starts_at
            {
                gaps.push((end, item.starts_at));
            }
            busy_until = Some(busy_until.map_or(item.ends_at, |end| end.max(item.ends_at)));
        }
        gaps
    }

    /// The first attended item that has not ended at `now`: what the person does now or next.
    pub fn current_or_next(&self, now: NaiveDateTime) -> Option<&TimelineItem> {
        self.items.iter().find(|item| item.is_attended() && item.ends_at > now)
    }
}

/// Every pair `(i, j)`, `i != j`, of half-open intervals `[start, end)` that overlap, i.e.
/// `a.start < b.end && b.start < a.end`. Each pair is reported once, in no particular order.
///
/// A sweep in start order keeps the set of intervals still open; each new interval clashes with
/// every open one. That finds a long interval overlapping many short, non-adjacent ones, and costs
/// O(n log n + k) for k clashes.
pub fn overlapping_pairs<T: Ord + Copy>(intervals: &[(T, T)]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..intervals.len()).collect();
    // Ties on start: shorter first, so an empty interval [s, s) leaves before [s, e) arrives.
    order.sort_unstable_by_key(|&i| (intervals[i].0, intervals[i].1, i));
    let mut open: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for &i in &order {
        let (start, end) = intervals[i];
        if end < start {
            continue; // Not an interval; importers refuse these, but never panic on them.
        }
        open.retain(|&j| intervals[j].1 > start);
        for &j in &open {
            // `j` started at or before `start` and ends after it. It overlaps unless `i` is empty
            // and starts exactly where `j` starts.
            if intervals[j].0 < end {
                pairs.push((j, i));
            }
        }
        open.push(i);
    }
    pairs
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::plan::Edit;
    use crate::model::schedule::{Conference, ScheduleBuilder, Session};

    fn brute_force(intervals: &[(i64, i64)]) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for i in 0..intervals.len() {
            for j in i + 1..intervals.len() {
                let (a, b) = (intervals[i], intervals[j]);
                if a.0 <= a.1 && b.0 <= b.1 && a.0 < b.1 && b.0 < a.1 {
                    pairs.push((i, j));
                }
            }
        }
        pairs
    }

    fn normalised(mut pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
        for p in &mut pairs {
            *p = (p.0.min(p.1), p.0.max(p.1));
        }
        pairs.sort_unstable();
        pairs
    }

    #[test]
    fn long_interval_overlapping_non_adjacent_ones() {
        // One all-day tutorial against three talks that do not touch each other.
        let intervals = [(0, 600), (60, 90), (200, 240), (500, 530), (700, 720)];
        assert_eq!(normalised(overlapping_pairs(&intervals)), [(0, 1), (0, 2), (0, 3)]);
    }

    #[test]
    fn touching_intervals_do_not_clash() {
        assert!(overlapping_pairs(&[(0, 30), (30, 60)]).is_empty());
        assert!(overlapping_pairs(&[(10, 10), (10, 20)]).is_empty());
        assert_eq!(normalised(overlapping_pairs(&[(0, 30), (15, 15)])), [(0, 1)]);
    }

    proptest! {
        #[test]
        fn sweep_equals_brute_force(raw in prop::collection::vec((0i64..200, 0i64..120), 0..80)) {
            let intervals: Vec<(i64, i64)> = raw.iter().map(|&(s, d)| (s, s + d)).collect();
            prop_assert_eq!(normalised(overlapping_pairs(&intervals)), brute_force(&intervals));
        }

        #[test]
        fn sweep_equals_brute_force_with_many_ties(raw in prop::collection::vec((0i64..6, 0i64..4), 0..40)) {
            let intervals: Vec<(i64, i64)> = raw.iter().map(|&(s, d)| (s * 10, s * 10 + d * 10)).collect();
            prop_assert_eq!(normalised(overlapping_pairs(&intervals)), brute_force(&intervals));
        }
    }

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn schedule() -> Schedule {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        let hall = b.room_named("Hall");
        let side = b.room_named("Side");
        for (id, start, mins, room, rec) in [
            ("tut", "2027-04-16 09:00", 180, side, false),
            ("a", "2027-04-16 09:30", 30, hall, true),
            ("b", "2027-04-16 11:00", 30, hall, false),
            ("c", "2027-04-16 14:00", 30, hall, false),
            ("d", "2027-04-17 10:00", 30, hall, false),
        ] {
            let mut s = Session::new(id, id.to_uppercase(), dt(start), mins);
            s.room = room;
            s.is_recorded = rec;
            b.add_session(s, None);
        }
        b.build()
    }

    fn plan_with(schedule: &Schedule, ids: &[&str]) -> Plan {
        let mut plan = Plan::new("c");
        for id in ids {
            plan.apply(schedule, Edit::Pick { session_id: SessionId::new(*id), priority: Priority::Must }).unwrap();
        }
        plan
    }

    #[test]
    fn timeline_finds_clashes_and_gaps() {
        let schedule = schedule();
        let plan = plan_with(&schedule, &["tut", "a", "b", "c", "d"]);
        let timeline = Timeline::build(&schedule, &plan);
        let titles: Vec<_> = timeline.items().iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["TUT", "A", "B", "C", "D"]);
        assert_eq!(timeline.clashes(), [Clash { a: 0, b: 1 }, Clash { a: 0, b: 2 }]);
        assert_eq!(timeline.clashes_with(0), [1, 2]);
        let days = timeline.days();
        assert_eq!(days.len(), 2);
        assert_eq!(timeline.gaps(days[0].1.clone(), 15), [(dt("2027-04-16 12:00"), dt("2027-04-16 14:00"))]);
        assert_eq!(timeline.items()[0].place, "Side");
    }

    #[test]
    fn watch_later_removes_the_clash() {
        let schedule = schedule();
        let mut plan = plan_with(&schedule, &["tut", "a"]);
        plan.apply(&schedule, Edit::SetWatchLater { session_id: SessionId::new("a"), watch_later: true }).unwrap();
        let timeline = Timeline::build(&schedule, &plan);
        assert!(timeline.clashes().is_empty());
        assert_eq!(timeline.items().len(), 2, "watch-later items stay on the timeline");
    }

    #[test]
    fn current_or_next_skips_finished_items() {
        let schedule = schedule();
        let plan = plan_with(&schedule, &["b", "c"]);
        let timeline = Timeline::build(&schedule, &plan);
        assert_eq!(timeline.current_or_next(dt("2027-04-16 11:10")).unwrap().title, "B");
        assert_eq!(timeline.current_or_next(dt("2027-04-16 11:30")).unwrap().title, "C");
        assert!(timeline.current_or_next(dt("2027-04-16 15:00")).is_none());
    }
}
