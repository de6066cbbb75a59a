//! One person's timeline: everything they plan to be at, merged, with every clash found.
//!
//! It holds picked sessions, the attendee's own custom events, blocks and dinners, the volunteer
//! slots they signed up for, and booth shifts from any roster they opened (passed in by the
//! caller). Derived, never stored: [`Timeline::build`] runs when the plan or schedule changes, not
//! per frame. Clashes come from one sweep over all items ([`overlapping_pairs`]), which also
//! catches a long item overlapping several non-adjacent ones.

use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime};

use super::ids::SessionId;
use super::personal::{BlockKind, CustomKind, ItemId, SlotKey};
use super::plan::{Plan, Priority};
use super::schedule::{Schedule, SessionKind};
use super::time::{add_minutes, conference_date};

/// A booth shift in a roster, by roster and shift id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShiftKey {
    pub roster: String,
    pub shift: String,
}

/// Where a timeline item comes from, so the UI can act on it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemSource {
    /// A picked session that is in the schedule.
    Session(SessionId),
    /// A custom event, block or dinner in the plan.
    Personal(ItemId),
    /// A volunteer slot the attendee signed up for.
    Signup(SlotKey),
    /// A booth shift the attendee is assigned in a roster.
    Shift(ShiftKey),
}

/// What sort of item it is, for labels, icons and the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Session(SessionKind),
    Custom(CustomKind),
    Block(BlockKind),
    Dinner,
    Volunteer,
    Shift,
}

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Session(kind) => kind.label(),
            Self::Custom(kind) => kind.label(),
            Self::Block(kind) => kind.label(),
            Self::Dinner => "Dinner",
            Self::Volunteer => "Volunteer slot",
            Self::Shift => "Booth shift",
        }
    }

    /// A short, stable, lower-case token for scripts: `talk`, `keynote`, `meeting`, `departure`,
    /// `dinner`, `volunteer`, `shift`, …
    pub fn token(self) -> &'static str {
        match self {
            Self::Session(kind) => kind.token(),
            Self::Custom(kind) => match kind {
                CustomKind::Meeting => "meeting",
                CustomKind::Group => "group",
                CustomKind::Whiteboard => "whiteboard",
                CustomKind::Review => "review",
                CustomKind::Other => "event",
            },
            Self::Block(kind) => match kind {
                BlockKind::Arrival => "arrival",
                BlockKind::Departure => "departure",
                BlockKind::Holiday => "holiday",
                BlockKind::Busy => "busy",
            },
            Self::Dinner => "dinner",
            Self::Volunteer => "volunteer",
            Self::Shift => "shift",
        }
    }
}

/// One thing on a person's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineItem {
    pub source: ItemSource,
    pub kind: ItemKind,
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
    /// Something to know about the item itself, e.g. a party larger than its reservation.
    pub warning: Option<String>,
}

impl TimelineItem {
    /// An item with the common fields set; the rest default to "not a pick".
    pub fn new(
        source: ItemSource,
        kind: ItemKind,
        title: String,
        starts_at: NaiveDateTime,
        ends_at: NaiveDateTime,
    ) -> Self {
        Self {
            source,
            kind,
            title,
            place: String::new(),
            starts_at,
            ends_at,
            date: starts_at.date(),
            priority: None,
            is_recorded: false,
            is_watch_later: false,
            warning: None,
        }
    }

    /// Whether this item occupies the person's time.
    pub fn is_attended(&self) -> bool {
        !self.is_watch_later
    }

    /// A maybe pick gives way: its clashes are soft.
    pub fn is_soft(&self) -> bool {
        self.priority == Some(Priority::Maybe)
    }

    pub fn session_id(&self) -> Option<&SessionId> {
        match &self.source {
            ItemSource::Session(id) => Some(id),
            _ => None,
        }
    }
}

/// How bad a clash is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// One side is a maybe pick: worth knowing, easy to give up.
    Soft,
    /// Two commitments at once.
    Hard,
}

/// Two items that overlap in time; indexes into [`Timeline::items`], `a < b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clash {
    pub a: usize,
    pub b: usize,
    pub severity: Severity,
}

/// One way out of a clash, offered next to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Downgrade a must-see pick to a maybe.
    MakeMaybe(SessionId),
    /// Watch a recorded session later instead of attending.
    WatchLater(SessionId),
    /// Move or shorten a custom event, block or dinner.
    Move(ItemId),
    /// Leave a volunteer slot.
    LeaveSlot(SlotKey),
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
    /// The timeline of `plan` against `schedule`. Orphaned picks (no longer in the schedule) are
    /// not on it; see [`Plan::orphans`].
    pub fn build(schedule: &Schedule, plan: &Plan) -> Self {
        Self::build_with(schedule, plan, Vec::new())
    }

    /// [`Self::build`] plus `extra` items, such as booth shifts from open rosters.
    pub fn build_with(schedule: &Schedule, plan: &Plan, extra: Vec<TimelineItem>) -> Self {
        let day_change = schedule.conference().day_change;
        let mut items = plan_items(schedule, plan);
        items.extend(extra);
        for item in &mut items {
            item.date = conference_date(item.starts_at, day_change);
        }
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
                let (a, b) = (attended[x].min(attended[y]), attended[x].max(attended[y]));
                let severity = if items[a].is_soft() || items[b].is_soft() { Severity::Soft } else { Severity::Hard };
                Clash { a, b, severity }
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

    /// Clashes where both sides are commitments (no maybe pick involved).
    pub fn hard_clash_count(&self) -> usize {
        self.clashes.iter().filter(|c| c.severity == Severity::Hard).count()
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

    /// The ways out of a clash involving item `i`, for that item: make it a maybe, watch it
    /// later, move it or leave it. Booth shifts belong to the captain and offer none.
    pub fn resolutions_for(&self, i: usize) -> Vec<Resolution> {
        let Some(item) = self.items.get(i) else { return Vec::new() };
        if !self.has_clash(i) {
            return Vec::new();
        }
        let mut out = Vec::new();
        match &item.source {
            ItemSource::Session(id) => {
                if item.priority == Some(Priority::Must) {
                    out.push(Resolution::MakeMaybe(id.clone()));
                }
                if item.is_recorded {
                    out.push(Resolution::WatchLater(id.clone()));
                }
            }
            ItemSource::Personal(id) => out.push(Resolution::Move(id.clone())),
            ItemSource::Signup(key) => out.push(Resolution::LeaveSlot(key.clone())),
            ItemSource::Shift(_) => {}
        }
        out
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

/// The plan's own items: picks in the schedule, custom events, blocks, dinners, sign-ups.
fn plan_items(schedule: &Schedule, plan: &Plan) -> Vec<TimelineItem> {
    let mut items = Vec::with_capacity(plan.picks.len() + plan.custom_events.len() + plan.dinners.len());
    for (id, pick) in &plan.picks {
        let Some(session) = schedule.session_by_id(id) else { continue };
        let mut item = TimelineItem::new(
            ItemSource::Session(id.clone()),
            ItemKind::Session(session.kind),
            session.title.clone(),
            session.starts_at,
            session.ends_at(),
        );
        item.place = schedule.room_name(session).to_owned();
        item.priority = Some(pick.priority);
        item.is_recorded = session.is_recorded;
        item.is_watch_later = pick.watch_later;
        items.push(item);
    }
    for c in &plan.custom_events {
        let mut item = TimelineItem::new(
            ItemSource::Personal(c.id.clone()),
            ItemKind::Custom(c.kind),
            c.title.clone(),
            c.starts_at,
            add_minutes(c.starts_at, c.duration_mins),
        );
        item.place.clone_from(&c.place);
        items.push(item);
    }
    for b in &plan.blocks {
        let title = if b.note.trim().is_empty() {
            b.kind.label().to_owned()
        } else {
            format!("{}: {}", b.kind.label(), b.note.trim())
        };
        let end = add_minutes(b.starts_at, b.duration_mins);
        items.push(TimelineItem::new(
            ItemSource::Personal(b.id.clone()),
            ItemKind::Block(b.kind),
            title,
            b.starts_at,
            end,
        ));
    }
    for d in &plan.dinners {
        let title = if d.title.trim().is_empty() { d.venue.clone() } else { d.title.clone() };
        let mut item = TimelineItem::new(
            ItemSource::Personal(d.id.clone()),
            ItemKind::Dinner,
            title,
            d.starts_at,
            add_minutes(d.starts_at, d.duration_mins),
        );
        item.place.clone_from(&d.venue);
        item.warning = d.reservation_warning();
        items.push(item);
    }
    for s in &plan.signups {
        let mut item = TimelineItem::new(
            ItemSource::Signup(s.key.clone()),
            ItemKind::Volunteer,
            s.title.clone(),
            s.starts_at,
            s.ends_at,
        );
        item.place.clone_from(&s.place);
        items.push(item);
    }
    items
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
        let hard = Severity::Hard;
        assert_eq!(timeline.clashes(), [Clash { a: 0, b: 1, severity: hard }, Clash { a: 0, b: 2, severity: hard }]);
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

    use crate::model::personal::{Block, CustomEvent, Dinner, PersonalItem, Reservation, Signup};

    fn personal_plan(schedule: &Schedule) -> Plan {
        let mut plan = plan_with(schedule, &["a", "b", "c"]);
        plan.apply(schedule, Edit::Pick { session_id: SessionId::new("b"), priority: Priority::Maybe }).unwrap();
        // A departure at 13:30 runs over the 14:00 talk.
        plan.apply(
            schedule,
            Edit::add(PersonalItem::Block(Block {
                id: ItemId::new("b1"),
                kind: BlockKind::Departure,
                starts_at: dt("2027-04-16 13:30"),
                duration_mins: 240,
                note: "airport".into(),
            })),
        )
        .unwrap();
        // A hallway meeting over the maybe-pick at 11:00.
        plan.apply(
            schedule,
            Edit::add(PersonalItem::Custom(CustomEvent {
                id: ItemId::new("c1"),
                kind: CustomKind::Meeting,
                title: "Scheduler chat".into(),
                starts_at: dt("2027-04-16 11:15"),
                duration_mins: 30,
                place: "hallway".into(),
                people: vec![],
                note: String::new(),
            })),
        )
        .unwrap();
        // Dinner for five with a table for four, during a volunteer slot.
        plan.apply(
            schedule,
            Edit::add(PersonalItem::Dinner(Dinner {
                id: ItemId::new("d1"),
                title: "Team dinner".into(),
                venue: "Old Port Bistro".into(),
                address: String::new(),
                starts_at: dt("2027-04-17 19:00"),
                duration_mins: 120,
                party: ["Ana", "Ben", "Chen", "Dee", "Eli"].map(String::from).to_vec(),
                notes: String::new(),
                cost_per_head: None,
                reservation: Reservation::Booked { name: "Ana".into(), size: 4, confirmation: "X1".into() },
            })),
        )
        .unwrap();
        plan.apply(
            schedule,
            Edit::sign_up(Signup {
                key: SlotKey { roster: "r".into(), slot: "chair-1".into() },
                title: "Session chair".into(),
                starts_at: dt("2027-04-17 20:00"),
                ends_at: dt("2027-04-17 21:00"),
                place: "Hall".into(),
            }),
        )
        .unwrap();
        plan
    }

    #[test]
    fn clashes_across_every_kind() {
        let schedule = schedule();
        let plan = personal_plan(&schedule);
        let shift = TimelineItem::new(
            ItemSource::Shift(ShiftKey { roster: "booth".into(), shift: "s1".into() }),
            ItemKind::Shift,
            "Booth: PSF".into(),
            dt("2027-04-16 09:15"),
            dt("2027-04-16 10:00"),
        );
        let timeline = Timeline::build_with(&schedule, &plan, vec![shift]);
        let title = |i: usize| timeline.items()[i].title.as_str();
        let pairs: Vec<(&str, &str, Severity)> =
            timeline.clashes().iter().map(|c| (title(c.a), title(c.b), c.severity)).collect();
        assert_eq!(
            pairs,
            [
                ("Booth: PSF", "A", Severity::Hard),
                ("B", "Scheduler chat", Severity::Soft),
                ("Departure: airport", "C", Severity::Hard),
                ("Team dinner", "Session chair", Severity::Hard),
            ]
        );
        assert_eq!(timeline.hard_clash_count(), 3);
        let dinner = timeline.items().iter().find(|i| i.kind == ItemKind::Dinner).unwrap();
        assert_eq!(dinner.warning.as_deref(), Some("Party of 5, but the reservation is for 4"));
        assert_eq!(dinner.place, "Old Port Bistro");
        assert_eq!(ItemKind::Block(BlockKind::Departure).token(), "departure");
    }

    #[test]
    fn each_clash_offers_its_way_out() {
        let schedule = schedule();
        let plan = personal_plan(&schedule);
        let timeline = Timeline::build(&schedule, &plan);
        let at = |title: &str| timeline.items().iter().position(|i| i.title == title).unwrap();
        assert_eq!(timeline.resolutions_for(at("C")), [Resolution::MakeMaybe(SessionId::new("c"))]);
        assert_eq!(timeline.resolutions_for(at("Departure: airport")), [Resolution::Move(ItemId::new("b1"))]);
        assert_eq!(
            timeline.resolutions_for(at("Session chair")),
            [Resolution::LeaveSlot(SlotKey { roster: "r".into(), slot: "chair-1".into() })]
        );
        // "B" is a maybe and not recorded: nothing more to offer than what it already is.
        assert!(timeline.resolutions_for(at("B")).is_empty());
        // A recorded must-see offers both.
        let plan = plan_with(&schedule, &["tut", "a"]);
        let timeline = Timeline::build(&schedule, &plan);
        let a = timeline.position_of(&SessionId::new("a")).unwrap();
        assert_eq!(
            timeline.resolutions_for(a),
            [Resolution::MakeMaybe(SessionId::new("a")), Resolution::WatchLater(SessionId::new("a"))]
        );
        assert!(timeline.resolutions_for(99).is_empty());
    }

    proptest! {
        /// The timeline's clashes over mixed kinds equal a brute-force check of every pair.
        #[test]
        fn cross_kind_clashes_equal_brute_force(raw in prop::collection::vec((0u32..4, 0i64..600, 0u32..240, any::<bool>()), 0..40)) {
            let base = dt("2027-04-16 08:00");
            let kinds = [ItemKind::Block(BlockKind::Busy), ItemKind::Dinner, ItemKind::Volunteer, ItemKind::Shift];
            let mut items: Vec<TimelineItem> = raw
                .iter()
                .enumerate()
                .map(|(n, &(k, start, mins, later))| {
                    let starts_at = base + chrono::Duration::minutes(start);
                    let mut item = TimelineItem::new(
                        ItemSource::Personal(ItemId::new(format!("i{n}"))),
                        kinds[k as usize],
                        format!("item {n}"),
                        starts_at,
                        add_minutes(starts_at, mins),
                    );
                    item.is_watch_later = later && k == 0;
                    item
                })
                .collect();
            let timeline = Timeline::from_items(&mut items);
            let items = timeline.items();
            let mut expected = Vec::new();
            for i in 0..items.len() {
                for j in i + 1..items.len() {
                    let (x, y) = (&items[i], &items[j]);
                    if x.is_attended() && y.is_attended() && x.starts_at < y.ends_at && y.starts_at < x.ends_at {
                        expected.push((i, j));
                    }
                }
            }
            let found: Vec<(usize, usize)> = timeline.clashes().iter().map(|c| (c.a, c.b)).collect();
            prop_assert_eq!(found, expected);
        }
    }
}
