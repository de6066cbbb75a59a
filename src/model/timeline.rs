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
use super::plan::{Edit, Plan, Priority};
use super::roster::Roster;
use super::schedule::{Schedule, SessionKind};
use super::time::{add_minutes, conference_date};

mod sweep;

pub use sweep::overlapping_pairs;

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
    /// A volunteer slot the attendee signed up for (in their plan): theirs to leave.
    Signup(SlotKey),
    /// A volunteer slot an open roster lists the attendee in, with no sign-up in their plan: the
    /// coordinator put them there, so only the roster can take them off.
    RosterSlot(SlotKey),
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

    /// The edit that takes this item off the attendee's timeline: unpick the session, remove
    /// their own item, leave the slot they signed up for. `None` for what is not theirs to
    /// remove: a booth shift, or a slot a roster put them on.
    pub fn removal(&self) -> Option<Edit> {
        match &self.source {
            ItemSource::Session(id) => Some(Edit::Unpick { session_id: id.clone() }),
            ItemSource::Personal(id) => Some(Edit::RemoveItem(id.clone())),
            ItemSource::Signup(key) => Some(Edit::LeaveSlot(key.clone())),
            ItemSource::RosterSlot(_) | ItemSource::Shift(_) => None,
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

    /// The timeline of the attendee whose `plan` it is: [`Self::build`], plus what an open
    /// `roster` lists for the plan's `me` ([`Roster::items_for_plan`]): their booth shifts and the
    /// volunteer slots the coordinator signed them up for (a slot the plan holds as its own
    /// sign-up comes once). A volunteer put on a slot by the coordinator is expected there, so it
    /// is on their timeline and in their clashes even before they sign up themselves. With no
    /// roster, or a plan that names nobody, it is the plan's own timeline.
    pub fn for_attendee(schedule: &Schedule, plan: &Plan, roster: Option<&Roster>) -> Self {
        let extra = roster.map_or_else(Vec::new, |roster| roster.items_for_plan(plan));
        Self::build_with(schedule, plan, extra)
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

    /// Clashes where one side is a maybe pick: worth knowing, easy to give up.
    pub fn soft_clash_count(&self) -> usize {
        self.clashes.len() - self.hard_clash_count()
    }

    /// Clashes that start among the items in `range` (one day of [`Self::days`]): each clash is
    /// counted once, on the day of its earlier item.
    pub fn clash_count_in(&self, range: Range<usize>) -> usize {
        self.clashes.iter().filter(|c| range.contains(&c.a)).count()
    }

    /// Whether item `i` is in at least one hard clash (two commitments at once), rather than only
    /// in soft ones or none.
    pub fn has_hard_clash(&self, i: usize) -> bool {
        self.clashes.iter().any(|c| (c.a == i || c.b == i) && c.severity == Severity::Hard)
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
    /// later, move it or leave it. Booth shifts and slots the roster put them on belong to the
    /// captain or coordinator and offer none.
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
            ItemSource::RosterSlot(_) | ItemSource::Shift(_) => {}
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

#[cfg(test)]
mod tests;
