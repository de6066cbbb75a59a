//! The attendee's plan: picks, notes and watch-later marks, and their own time: custom events,
//! blocks, dinners and volunteer sign-ups. Owned by one person, saved to their `plan.ron` by `io`.
//! Every change goes through [`Plan::apply`], which is all-or-nothing.
//!
//! Picks are keyed by the stable [`SessionId`], so they survive newer schedule versions. A pick
//! remembers the title and start time it last saw, so a pick whose session disappeared (an
//! orphan) can still be shown and is never dropped silently.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ids::{ConferenceId, RoomKey, SessionId};
use super::personal::{Block, CustomEvent, Dinner, ItemId, PersonalItem, Signup, SlotKey};
use super::schedule::{Schedule, Session};
use super::venue_map::{MapPoint, VenueMap};

/// How much the attendee wants to be at a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    Must,
    Maybe,
}

impl Priority {
    pub fn label(self) -> &'static str {
        match self {
            Self::Must => "Must",
            Self::Maybe => "Maybe",
        }
    }
}

/// One picked session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub priority: Priority,
    /// The attendee will watch the recording instead of being in the room: it no longer clashes.
    #[serde(default)]
    pub watch_later: bool,
    /// The session's title when last seen, shown if the session disappears from the schedule.
    #[serde(default)]
    pub title: String,
    /// The session's start when last seen.
    #[serde(default)]
    pub starts_at: Option<NaiveDateTime>,
}

/// Everything one attendee decides about one conference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The [`crate::model::Conference::id`] this plan belongs to.
    pub conference: ConferenceId,
    pub picks: BTreeMap<SessionId, Pick>,
    /// Notes per session; a note stays when its session is unpicked.
    pub notes: BTreeMap<SessionId, String>,
    /// The attendee's name as booth and volunteer rosters spell it, to find their shifts.
    pub me: Option<String>,
    pub custom_events: Vec<CustomEvent>,
    pub blocks: Vec<Block>,
    pub dinners: Vec<Dinner>,
    /// Volunteer slots signed up for, in the order signed up.
    pub signups: Vec<Signup>,
    /// The attendee's venue map and room pins, if they made one.
    pub map: Option<VenueMap>,
}

/// One undoable change to a [`Plan`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Edit {
    /// Pick a session, or change the priority of an existing pick.
    Pick {
        session_id: SessionId,
        priority: Priority,
    },
    Unpick {
        session_id: SessionId,
    },
    /// Set the note; an empty or blank note removes it.
    SetNote {
        session_id: SessionId,
        note: String,
    },
    SetWatchLater {
        session_id: SessionId,
        watch_later: bool,
    },
    /// Add a custom event, block or dinner; its id must be new (see [`ItemId::unique`]).
    AddItem(Box<PersonalItem>),
    /// Replace the item with the same id (and kind).
    UpdateItem(Box<PersonalItem>),
    RemoveItem(ItemId),
    SignUp(Box<Signup>),
    LeaveSlot(SlotKey),
    /// The attendee's name as rosters spell it; `None` or blank forgets it.
    SetMyName(Option<String>),
    /// Replace the venue map and its pins (a new picture), or forget it with `None`.
    SetMap(Option<Box<VenueMap>>),
    /// Put a room's pin on the map, or move it there. The plan must have a map.
    PlacePin {
        room: RoomKey,
        at: MapPoint,
    },
    /// Take a room's pin off the map.
    RemovePin {
        room: RoomKey,
    },
}

/// A pick control pressed on a session: what [`Edit::toggle_pick`] turns into an edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickToggle {
    /// Space in the list: pick as a maybe; a session picked at all (must or maybe) is unpicked.
    Any,
    /// A "★ Must" or "☆ Maybe" button, or `m` for must: pick with this priority, or change the
    /// pick to it; pressed on the priority the pick already has, unpick.
    As(Priority),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("there is no session \"{0}\" in this schedule")]
    UnknownSession(SessionId),
    #[error("session \"{0}\" is not picked")]
    NotPicked(SessionId),
    #[error("\"{0}\" is not recorded, so it cannot be watched later")]
    NotRecorded(String),
    #[error("cannot save this: {0}")]
    InvalidItem(String),
    #[error("there is no item \"{0}\" in your plan")]
    UnknownItem(ItemId),
    #[error("an item \"{0}\" is already in your plan")]
    DuplicateItem(ItemId),
    #[error("you are already signed up for \"{0}\"")]
    AlreadySignedUp(String),
    #[error("you are not signed up for that slot")]
    NotSignedUp,
    #[error("there is no venue map in your plan to place rooms on")]
    NoMap,
    #[error("there is no room \"{0}\" in this schedule")]
    UnknownRoom(RoomKey),
    #[error("room \"{0}\" has no pin on the map")]
    NotPlaced(RoomKey),
    #[error("cannot use this map: {0}")]
    InvalidMap(String),
}

impl Edit {
    /// [`Edit::AddItem`].
    pub fn add(item: PersonalItem) -> Self {
        Self::AddItem(Box::new(item))
    }

    /// [`Edit::UpdateItem`].
    pub fn update(item: PersonalItem) -> Self {
        Self::UpdateItem(Box::new(item))
    }

    /// [`Edit::SignUp`].
    pub fn sign_up(signup: Signup) -> Self {
        Self::SignUp(Box::new(signup))
    }

    /// What pressing a pick control on `session` does, given its current pick (`None`: not
    /// picked): see [`PickToggle`]. `None` for a session nobody picks (a break), which offers no
    /// pick controls and ignores the keys.
    pub fn toggle_pick(session: &Session, current: Option<Priority>, toggle: PickToggle) -> Option<Self> {
        if !session.kind.is_programme() {
            return None;
        }
        let session_id = session.id.clone();
        Some(match (toggle, current) {
            (PickToggle::Any, Some(_)) => Self::Unpick { session_id },
            (PickToggle::Any, None) => Self::Pick { session_id, priority: Priority::Maybe },
            (PickToggle::As(priority), Some(current)) if priority == current => Self::Unpick { session_id },
            (PickToggle::As(priority), _) => Self::Pick { session_id, priority },
        })
    }
}

impl Plan {
    pub fn new(conference: impl Into<ConferenceId>) -> Self {
        Self { conference: conference.into(), ..Self::default() }
    }

    pub fn pick(&self, session_id: &SessionId) -> Option<&Pick> {
        self.picks.get(session_id)
    }

    pub fn priority(&self, session_id: &SessionId) -> Option<Priority> {
        self.picks.get(session_id).map(|p| p.priority)
    }

    pub fn note(&self, session_id: &SessionId) -> Option<&str> {
        self.notes.get(session_id).map(String::as_str)
    }

    /// The item with this id, whatever its kind.
    pub fn item(&self, id: &ItemId) -> Option<PersonalItem> {
        let custom = self.custom_events.iter().find(|c| &c.id == id).cloned().map(PersonalItem::Custom);
        custom
            .or_else(|| self.blocks.iter().find(|b| &b.id == id).cloned().map(PersonalItem::Block))
            .or_else(|| self.dinners.iter().find(|d| &d.id == id).cloned().map(PersonalItem::Dinner))
    }

    pub fn is_signed_up(&self, key: &SlotKey) -> bool {
        self.signups.iter().any(|s| &s.key == key)
    }

    /// Picks whose session is not in `schedule`, in id order.
    pub fn orphans<'a>(&'a self, schedule: &'a Schedule) -> impl Iterator<Item = (&'a SessionId, &'a Pick)> + 'a {
        self.picks.iter().filter(|(id, _)| schedule.find(id).is_none())
    }

    /// Applies one edit.
    ///
    /// # Errors
    /// Returns [`PlanError`] and leaves `self` untouched if the edit is invalid for `schedule`.
    pub fn apply(&mut self, schedule: &Schedule, edit: Edit) -> Result<(), PlanError> {
        match edit {
            Edit::Pick { session_id, priority } => {
                let session = schedule.session_by_id(&session_id);
                match (self.picks.get_mut(&session_id), session) {
                    (Some(pick), _) => pick.priority = priority,
                    (None, Some(session)) => {
                        let pick = Pick {
                            priority,
                            watch_later: false,
                            title: session.title.clone(),
                            starts_at: Some(session.starts_at),
                        };
                        self.picks.insert(session_id, pick);
                    }
                    (None, None) => return Err(PlanError::UnknownSession(session_id)),
                }
            }
            Edit::Unpick { session_id } => {
                if self.picks.remove(&session_id).is_none() {
                    return Err(PlanError::NotPicked(session_id));
                }
            }
            Edit::SetNote { session_id, note } => {
                if note.trim().is_empty() {
                    self.notes.remove(&session_id);
                } else if schedule.find(&session_id).is_some() || self.notes.contains_key(&session_id) {
                    self.notes.insert(session_id, note);
                } else {
                    return Err(PlanError::UnknownSession(session_id));
                }
            }
            Edit::SetWatchLater { session_id, watch_later } => {
                let session = schedule.session_by_id(&session_id);
                if watch_later && session.is_some_and(|s| !s.is_recorded) {
                    let title = session.map(|s| s.title.clone()).unwrap_or_default();
                    return Err(PlanError::NotRecorded(title));
                }
                let Some(pick) = self.picks.get_mut(&session_id) else {
                    return Err(PlanError::NotPicked(session_id));
                };
                pick.watch_later = watch_later;
            }
            Edit::AddItem(item) => self.add_item(*item)?,
            Edit::UpdateItem(item) => self.update_item(*item)?,
            Edit::RemoveItem(id) => {
                let count = |p: &Self| p.custom_events.len() + p.blocks.len() + p.dinners.len();
                let before = count(self);
                self.custom_events.retain(|c| c.id != id);
                self.blocks.retain(|b| b.id != id);
                self.dinners.retain(|d| d.id != id);
                if count(self) == before {
                    return Err(PlanError::UnknownItem(id));
                }
            }
            Edit::SignUp(signup) => {
                if self.is_signed_up(&signup.key) {
                    return Err(PlanError::AlreadySignedUp(signup.title));
                }
                self.signups.push(*signup);
            }
            Edit::LeaveSlot(key) => {
                let before = self.signups.len();
                self.signups.retain(|s| s.key != key);
                if self.signups.len() == before {
                    return Err(PlanError::NotSignedUp);
                }
            }
            Edit::SetMyName(name) => {
                self.me = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
            }
            Edit::SetMap(map) => self.set_map(map.map(|m| *m))?,
            Edit::PlacePin { room, at } => self.place_pin(schedule, room, at)?,
            Edit::RemovePin { room } => {
                if self.map.as_mut().and_then(|m| m.pins.remove(&room)).is_none() {
                    return Err(PlanError::NotPlaced(room));
                }
            }
        }
        Ok(())
    }

    fn set_map(&mut self, map: Option<VenueMap>) -> Result<(), PlanError> {
        if let Some(problem) = map.as_ref().and_then(VenueMap::problem) {
            return Err(PlanError::InvalidMap(problem));
        }
        self.map = map;
        Ok(())
    }

    /// A room of `schedule`, or one already pinned (its room may have left a newer schedule).
    fn place_pin(&mut self, schedule: &Schedule, room: RoomKey, at: MapPoint) -> Result<(), PlanError> {
        let Some(map) = &mut self.map else {
            return Err(PlanError::NoMap);
        };
        if !map.pins.contains_key(&room) && !schedule.rooms().iter().any(|r| r.key == room) {
            return Err(PlanError::UnknownRoom(room));
        }
        map.pins.insert(room, at);
        Ok(())
    }

    fn add_item(&mut self, item: PersonalItem) -> Result<(), PlanError> {
        if let Some(problem) = item.problem() {
            return Err(PlanError::InvalidItem(problem));
        }
        if self.item(item.id()).is_some() {
            return Err(PlanError::DuplicateItem(item.id().clone()));
        }
        match item {
            PersonalItem::Custom(c) => self.custom_events.push(c),
            PersonalItem::Block(b) => self.blocks.push(b),
            PersonalItem::Dinner(d) => self.dinners.push(d),
        }
        Ok(())
    }

    fn update_item(&mut self, item: PersonalItem) -> Result<(), PlanError> {
        if let Some(problem) = item.problem() {
            return Err(PlanError::InvalidItem(problem));
        }
        let id = item.id().clone();
        let found = match item {
            PersonalItem::Custom(new) => self.custom_events.iter_mut().find(|x| x.id == id).map(|old| *old = new),
            PersonalItem::Block(new) => self.blocks.iter_mut().find(|x| x.id == id).map(|old| *old = new),
            PersonalItem::Dinner(new) => self.dinners.iter_mut().find(|x| x.id == id).map(|old| *old = new),
        };
        found.ok_or(PlanError::UnknownItem(id))
    }

    /// Refreshes the remembered title and start of every pick whose session is in `schedule`.
    /// Returns whether anything changed. Not an undoable edit: it only caches what is shown for
    /// orphans.
    pub fn remember(&mut self, schedule: &Schedule) -> bool {
        let mut changed = false;
        for (id, pick) in &mut self.picks {
            if let Some(session) = schedule.session_by_id(id)
                && (pick.title != session.title || pick.starts_at != Some(session.starts_at))
            {
                pick.title.clone_from(&session.title);
                pick.starts_at = Some(session.starts_at);
                changed = true;
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schedule::{Conference, ScheduleBuilder, Session};

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn schedule() -> Schedule {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        let mut recorded = Session::new("rec", "Recorded talk", dt("2027-04-16 10:00"), 30);
        recorded.is_recorded = true;
        b.add_session(recorded, None);
        b.add_session(Session::new("live", "Live only", dt("2027-04-16 10:00"), 30), None);
        b.build()
    }

    fn id(s: &str) -> SessionId {
        SessionId::new(s)
    }

    #[test]
    fn pick_change_priority_and_unpick() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::Pick { session_id: id("rec"), priority: Priority::Maybe }).unwrap();
        assert_eq!(plan.priority(&id("rec")), Some(Priority::Maybe));
        assert_eq!(plan.pick(&id("rec")).unwrap().title, "Recorded talk");
        plan.apply(&schedule, Edit::Pick { session_id: id("rec"), priority: Priority::Must }).unwrap();
        assert_eq!(plan.priority(&id("rec")), Some(Priority::Must));
        plan.apply(&schedule, Edit::Unpick { session_id: id("rec") }).unwrap();
        assert_eq!(plan, Plan::new("c"));
    }

    #[test]
    fn pick_controls_toggle() {
        let schedule = schedule();
        let talk = schedule.session_by_id(&id("rec")).unwrap();
        let toggle = |current, toggle| Edit::toggle_pick(talk, current, toggle);
        let pick = |priority| Some(Edit::Pick { session_id: id("rec"), priority });
        let unpick = Some(Edit::Unpick { session_id: id("rec") });
        let (must, maybe) = (PickToggle::As(Priority::Must), PickToggle::As(Priority::Maybe));
        // Space: a maybe, or off whatever it was.
        assert_eq!(toggle(None, PickToggle::Any), pick(Priority::Maybe));
        assert_eq!(toggle(Some(Priority::Maybe), PickToggle::Any), unpick);
        assert_eq!(toggle(Some(Priority::Must), PickToggle::Any), unpick);
        // `m` and the Must button: a must, or off when it already is one.
        assert_eq!(toggle(None, must), pick(Priority::Must));
        assert_eq!(toggle(Some(Priority::Maybe), must), pick(Priority::Must));
        assert_eq!(toggle(Some(Priority::Must), must), unpick);
        // The Maybe button: a maybe, or off when it already is one.
        assert_eq!(toggle(None, maybe), pick(Priority::Maybe));
        assert_eq!(toggle(Some(Priority::Must), maybe), pick(Priority::Maybe));
        assert_eq!(toggle(Some(Priority::Maybe), maybe), unpick);
        // A break is never picked.
        let mut lunch = Session::new("lunch", "Lunch", dt("2027-04-16 12:00"), 60);
        lunch.kind = crate::model::schedule::SessionKind::Break;
        assert_eq!(Edit::toggle_pick(&lunch, None, PickToggle::Any), None);
        assert_eq!(Edit::toggle_pick(&lunch, None, must), None);
    }

    #[test]
    fn refused_edits_leave_the_plan_unchanged() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::Pick { session_id: id("live"), priority: Priority::Must }).unwrap();
        let before = plan.clone();
        let refused = [
            Edit::Pick { session_id: id("nope"), priority: Priority::Must },
            Edit::Unpick { session_id: id("rec") },
            Edit::SetNote { session_id: id("nope"), note: "x".into() },
            Edit::SetWatchLater { session_id: id("live"), watch_later: true },
            Edit::SetWatchLater { session_id: id("rec"), watch_later: true },
        ];
        for edit in refused {
            assert!(plan.apply(&schedule, edit.clone()).is_err(), "{edit:?} should be refused");
            assert_eq!(plan, before, "{edit:?} changed the plan");
        }
    }

    #[test]
    fn notes_outlive_picks_and_blank_removes() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::SetNote { session_id: id("live"), note: "ask about cells".into() }).unwrap();
        assert_eq!(plan.note(&id("live")), Some("ask about cells"));
        plan.apply(&schedule, Edit::SetNote { session_id: id("live"), note: "  ".into() }).unwrap();
        assert_eq!(plan.note(&id("live")), None);
    }

    #[test]
    fn watch_later_only_for_recorded_picks() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::Pick { session_id: id("rec"), priority: Priority::Must }).unwrap();
        plan.apply(&schedule, Edit::SetWatchLater { session_id: id("rec"), watch_later: true }).unwrap();
        assert!(plan.pick(&id("rec")).unwrap().watch_later);
    }

    #[test]
    fn orphans_are_kept_and_listed() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.picks.insert(
            id("gone"),
            Pick { priority: Priority::Must, watch_later: false, title: "Cancelled".into(), starts_at: None },
        );
        assert_eq!(plan.orphans(&schedule).map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["gone"]);
        // An orphan can still change priority and be unpicked.
        plan.apply(&schedule, Edit::Pick { session_id: id("gone"), priority: Priority::Maybe }).unwrap();
        plan.apply(&schedule, Edit::Unpick { session_id: id("gone") }).unwrap();
        assert!(plan.picks.is_empty());
    }

    fn hallway(id: &str) -> PersonalItem {
        PersonalItem::Custom(CustomEvent {
            id: ItemId::new(id),
            kind: crate::model::personal::CustomKind::Meeting,
            title: "Nova scheduler whiteboard".into(),
            starts_at: dt("2027-04-17 14:00"),
            duration_mins: 60,
            place: "hallway".into(),
            people: vec!["Ana".into()],
            note: String::new(),
        })
    }

    #[test]
    fn personal_items_add_update_remove() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::add(hallway("c1"))).unwrap();
        assert_eq!(plan.apply(&schedule, Edit::add(hallway("c1"))), Err(PlanError::DuplicateItem(ItemId::new("c1"))));
        let PersonalItem::Custom(mut moved) = hallway("c1") else { unreachable!() };
        moved.starts_at = dt("2027-04-17 16:00");
        plan.apply(&schedule, Edit::update(PersonalItem::Custom(moved.clone()))).unwrap();
        assert_eq!(plan.item(&ItemId::new("c1")), Some(PersonalItem::Custom(moved)));
        plan.apply(&schedule, Edit::RemoveItem(ItemId::new("c1"))).unwrap();
        assert!(plan.custom_events.is_empty());
    }

    #[test]
    fn refused_item_edits_leave_the_plan_unchanged() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::add(hallway("c1"))).unwrap();
        let signup = Signup {
            key: SlotKey { roster: "r".into(), slot: "s1".into() },
            title: "Swag bags".into(),
            starts_at: dt("2027-04-15 16:00"),
            ends_at: dt("2027-04-15 19:00"),
            place: "Hall B".into(),
        };
        plan.apply(&schedule, Edit::sign_up(signup.clone())).unwrap();
        let before = plan.clone();
        let PersonalItem::Custom(mut untitled) = hallway("c9") else { unreachable!() };
        untitled.title = " ".into();
        let refused = [
            Edit::add(hallway("c1")),
            Edit::add(PersonalItem::Custom(untitled)),
            Edit::update(hallway("c7")),
            Edit::RemoveItem(ItemId::new("nope")),
            Edit::sign_up(signup),
            Edit::LeaveSlot(SlotKey { roster: "r".into(), slot: "other".into() }),
        ];
        for edit in refused {
            assert!(plan.apply(&schedule, edit.clone()).is_err(), "{edit:?} should be refused");
            assert_eq!(plan, before, "{edit:?} changed the plan");
        }
        plan.apply(&schedule, Edit::LeaveSlot(SlotKey { roster: "r".into(), slot: "s1".into() })).unwrap();
        assert!(plan.signups.is_empty());
    }

    #[test]
    fn my_name_is_trimmed_and_blank_forgets() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::SetMyName(Some("  Ana Lima ".into()))).unwrap();
        assert_eq!(plan.me.as_deref(), Some("Ana Lima"));
        plan.apply(&schedule, Edit::SetMyName(Some(" ".into()))).unwrap();
        assert_eq!(plan.me, None);
    }

    #[test]
    fn remember_refreshes_titles_and_times() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.picks.insert(
            id("rec"),
            Pick { priority: Priority::Must, watch_later: false, title: "old".into(), starts_at: None },
        );
        assert!(plan.remember(&schedule));
        assert_eq!(plan.pick(&id("rec")).unwrap().title, "Recorded talk");
        assert!(!plan.remember(&schedule));
    }

    fn schedule_with_rooms() -> Schedule {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        for key in ["hall", "studio"] {
            b.add_room(crate::model::Room { key: key.into(), name: key.into(), capacity: None, location: None });
        }
        b.build()
    }

    fn point(x: f32, y: f32) -> MapPoint {
        MapPoint::new(x, y).unwrap()
    }

    #[test]
    fn pins_are_placed_moved_and_removed_on_a_map() {
        let schedule = schedule_with_rooms();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::SetMap(Some(Box::new(VenueMap::of_picture("/maps/venue.png"))))).unwrap();
        plan.apply(&schedule, Edit::PlacePin { room: "hall".into(), at: point(0.25, 0.4) }).unwrap();
        plan.apply(&schedule, Edit::PlacePin { room: "studio".into(), at: point(0.9, 0.1) }).unwrap();
        plan.apply(&schedule, Edit::PlacePin { room: "hall".into(), at: point(0.3, 0.45) }).unwrap();
        let map = plan.map.as_ref().unwrap();
        assert_eq!(map.pin("hall"), Some(point(0.3, 0.45)));
        assert_eq!(map.pins.len(), 2);
        plan.apply(&schedule, Edit::RemovePin { room: "studio".into() }).unwrap();
        assert_eq!(plan.map.as_ref().unwrap().pin("studio"), None);
        // A pin whose room left the schedule can still be moved and removed, like an orphan pick.
        plan.map.as_mut().unwrap().pins.insert("gone".into(), point(0.5, 0.5));
        plan.apply(&schedule, Edit::PlacePin { room: "gone".into(), at: point(0.6, 0.5) }).unwrap();
        plan.apply(&schedule, Edit::RemovePin { room: "gone".into() }).unwrap();
        plan.apply(&schedule, Edit::SetMap(None)).unwrap();
        assert_eq!(plan, Plan::new("c"));
    }

    #[test]
    fn refused_map_edits_leave_the_plan_unchanged() {
        let schedule = schedule_with_rooms();
        let mut plan = Plan::new("c");
        let no_map =
            [Edit::PlacePin { room: "hall".into(), at: MapPoint::CENTRE }, Edit::RemovePin { room: "hall".into() }];
        for edit in no_map {
            assert!(plan.apply(&schedule, edit.clone()).is_err(), "{edit:?} should be refused");
            assert_eq!(plan, Plan::new("c"));
        }
        plan.apply(&schedule, Edit::SetMap(Some(Box::new(VenueMap::of_picture("venue.png"))))).unwrap();
        let before = plan.clone();
        let refused = [
            Edit::PlacePin { room: "nope".into(), at: MapPoint::CENTRE },
            Edit::RemovePin { room: "hall".into() },
            Edit::SetMap(Some(Box::new(VenueMap::of_picture("")))),
        ];
        for edit in refused {
            assert!(plan.apply(&schedule, edit.clone()).is_err(), "{edit:?} should be refused");
            assert_eq!(plan, before, "{edit:?} changed the plan");
        }
    }
}
