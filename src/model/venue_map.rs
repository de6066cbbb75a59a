//! The venue map in a plan: which picture the attendee uses, and where each room's pin sits on
//! it. Pins are fractions of the picture's width and height ([`MapPoint`]), so they stay put
//! however large the map is drawn, and are keyed by the room's stable [`Room::key`] (the native
//! format's room id, or the room name for imported formats).
//!
//! Also what the map shows for a room: what is on now and next, and the rest of its day
//! ([`room_day`]).
//!
//! [`Room::key`]: super::schedule::Room::key

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::ids::{DayIdx, RoomIdx, RoomKey, SessionIdx};
use super::plan::Edit;
use super::schedule::Schedule;

/// A point on a map picture: `x` across and `y` down from its top-left corner, each a fraction
/// from 0 to 1. Always finite and in range, and rounded to 1/10,000 (under a pixel on the
/// largest picture lanyard loads) so saved files stay short and round-trip exactly.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(from = "(f32, f32)", into = "(f32, f32)")]
pub struct MapPoint {
    x: f32,
    y: f32,
}

// Sound: the fields are never NaN (see `MapPoint::new`), so `==` is an equivalence.
impl Eq for MapPoint {}

/// Steps per unit: coordinates are kept to four decimals.
const STEPS: f32 = 10_000.0;

fn clean(value: f32) -> Option<f32> {
    value.is_finite().then(|| (value.clamp(0.0, 1.0) * STEPS).round() / STEPS)
}

impl MapPoint {
    /// The middle of the picture.
    pub const CENTRE: Self = Self { x: 0.5, y: 0.5 };

    /// A point from fractions of the picture's width and height. Values outside 0..=1 are
    /// clamped onto the picture's edge; `None` if either is not a number.
    pub fn new(x: f32, y: f32) -> Option<Self> {
        Some(Self { x: clean(x)?, y: clean(y)? })
    }

    pub fn x(self) -> f32 {
        self.x
    }

    pub fn y(self) -> f32 {
        self.y
    }

    /// This point moved by `(dx, dy)` (fractions), kept on the picture.
    pub fn nudged(self, dx: f32, dy: f32) -> Self {
        Self::new(self.x + dx, self.y + dy).unwrap_or(self)
    }
}

/// Reading is lenient, so a hand-edited plan never becomes unreadable over a pin: out-of-range
/// values land on the picture's edge and a NaN in the middle.
impl From<(f32, f32)> for MapPoint {
    fn from((x, y): (f32, f32)) -> Self {
        Self { x: clean(x).unwrap_or(0.5), y: clean(y).unwrap_or(0.5) }
    }
}

impl From<MapPoint> for (f32, f32) {
    fn from(point: MapPoint) -> Self {
        (point.x, point.y)
    }
}

/// The attendee's map of the venue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VenueMap {
    /// The picture (PNG or JPEG): a file the attendee chose, absolute or relative to the plan's
    /// folder. `None` is the map that comes with the conference (the bundled sample's).
    pub image: Option<PathBuf>,
    /// Room key → where its pin sits. A pin whose room is no longer in the schedule is kept.
    pub pins: BTreeMap<RoomKey, MapPoint>,
}

impl VenueMap {
    /// A map of the picture at `image`, with no pins yet.
    pub fn of_picture(image: impl Into<PathBuf>) -> Self {
        Self { image: Some(image.into()), pins: BTreeMap::new() }
    }

    pub fn pin(&self, room_key: &str) -> Option<MapPoint> {
        self.pins.get(room_key).copied()
    }

    /// Why this map cannot be saved in a plan, if it cannot: the picture's path must be
    /// non-empty and valid Unicode (plan files are text).
    pub fn problem(&self) -> Option<String> {
        let image = self.image.as_ref()?;
        if image.as_os_str().is_empty() {
            return Some("the map picture has no file name".to_owned());
        }
        if image.to_str().is_none() {
            return Some(format!("the map picture's file name is not valid Unicode: {}", image.display()));
        }
        None
    }
}

impl Edit {
    /// Puts `room`'s pin at `at` on `map`. On the plan's own map that is [`Edit::PlacePin`]. On
    /// the map that comes with the conference (`from_conference`: not in the plan yet), the map
    /// with the pin moved is copied into the plan ([`Edit::SetMap`]), so the first placement is
    /// one undoable step and the conference's pins come along.
    pub fn place_pin_on(map: &VenueMap, from_conference: bool, room: &RoomKey, at: MapPoint) -> Self {
        if from_conference {
            let mut copy = map.clone();
            copy.pins.insert(room.clone(), at);
            Self::SetMap(Some(Box::new(copy)))
        } else {
            Self::PlacePin { room: room.clone(), at }
        }
    }

    /// Takes `room`'s pin off `map`: [`Edit::RemovePin`] on the plan's own map, the map without
    /// it copied into the plan on the conference's (see [`Self::place_pin_on`]).
    pub fn remove_pin_from(map: &VenueMap, from_conference: bool, room: &RoomKey) -> Self {
        if from_conference {
            let mut copy = map.clone();
            copy.pins.remove(room);
            Self::SetMap(Some(Box::new(copy)))
        } else {
            Self::RemovePin { room: room.clone() }
        }
    }
}

/// What the map shows for one room.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoomDay {
    /// The session on now, if any.
    pub now: Option<SessionIdx>,
    /// The next session in the room, today or on a later day.
    pub next: Option<SessionIdx>,
    /// The day listed: the day of the session on now, else of the next one.
    pub day: Option<DayIdx>,
    /// Every session in the room on [`Self::day`], in start order (earlier ones included).
    pub sessions: Vec<SessionIdx>,
}

/// What is on in `room` at `now`, what comes next, and the rest of that day. "Now" and "next"
/// come from [`Schedule::now_and_next`], as on the Now & next board; when nothing more is on in
/// the room today (the evening before, or between days), "next" is its first session on a later
/// day, so the map can answer "where do I go tomorrow morning".
pub fn room_day(schedule: &Schedule, room: RoomIdx, now: chrono::NaiveDateTime) -> RoomDay {
    let board = schedule.now_and_next(now).into_iter().find(|r| r.room == room);
    let (on_now, next) = board.map_or((None, None), |r| (r.now, r.next));
    let list = schedule.room_sessions(room);
    let next = next.or_else(|| list.iter().copied().find(|&i| schedule.session(i).is_some_and(|s| s.starts_at > now)));
    let day = on_now.or(next).and_then(|i| schedule.session(i)).map(|s| s.day);
    let sessions = day.map_or_else(Vec::new, |day| {
        list.iter().copied().filter(|&i| schedule.session(i).is_some_and(|s| s.day == day)).collect()
    });
    RoomDay { now: on_now, next, day, sessions }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::model::{Conference, Room, ScheduleBuilder, Session};

    fn dt(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn points_are_clamped_rounded_and_never_nan() {
        let p = MapPoint::new(0.123_456, 0.5).unwrap();
        assert_eq!((p.x(), p.y()), (0.1235, 0.5));
        assert_eq!(MapPoint::new(-0.2, 1.7), MapPoint::new(0.0, 1.0));
        assert_eq!(MapPoint::new(f32::NAN, 0.5), None);
        assert_eq!(MapPoint::new(0.5, f32::INFINITY), None);
        // Reading a hand-edited file never fails over a pin.
        assert_eq!(MapPoint::from((f32::NAN, 3.0)), MapPoint::new(0.5, 1.0).unwrap());
        assert_eq!(MapPoint::CENTRE.nudged(0.7, -0.01), MapPoint::new(1.0, 0.49).unwrap());
        assert_eq!(MapPoint::CENTRE.nudged(f32::NAN, 0.0), MapPoint::CENTRE);
    }

    #[test]
    fn a_picture_path_must_be_text() {
        assert_eq!(VenueMap::default().problem(), None, "the bundled picture");
        assert_eq!(VenueMap::of_picture("/maps/venue.png").problem(), None);
        assert!(VenueMap::of_picture("").problem().is_some());
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            let bad = std::ffi::OsStr::from_bytes(b"/maps/\xff.png");
            assert!(VenueMap::of_picture(bad).problem().unwrap().contains("Unicode"));
        }
    }

    fn schedule() -> Schedule {
        let mut conference = Conference::named("c", "C");
        conference.day_change = chrono::NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let mut b = ScheduleBuilder::new(conference);
        for key in ["hall", "studio"] {
            b.add_room(Room { key: key.into(), name: key.to_uppercase(), capacity: None, location: None });
        }
        for (id, room, start) in [
            ("a", "hall", "2027-04-16 09:00"),
            ("b", "hall", "2027-04-16 10:00"),
            ("c", "hall", "2027-04-16 14:00"),
            ("d", "hall", "2027-04-17 09:00"),
            ("e", "studio", "2027-04-17 11:00"),
        ] {
            let mut session = Session::new(id, id.to_uppercase(), dt(start), 45);
            session.room = b.room_by_key(room);
            b.add_session(session, None);
        }
        b.build()
    }

    #[test]
    fn pins_on_the_conferences_map_copy_it_into_the_plan() {
        let schedule = schedule();
        let mut conference_map = VenueMap::default();
        conference_map.pins.insert("studio".into(), MapPoint::CENTRE);
        let at = MapPoint::new(0.25, 0.75).unwrap();
        // The first placement on the conference's map: the plan gets the map, both pins, one edit.
        let mut plan = crate::model::Plan::new("c");
        let edit = Edit::place_pin_on(&conference_map, true, &"hall".into(), at);
        assert!(matches!(edit, Edit::SetMap(_)));
        plan.apply(&schedule, edit).unwrap();
        let own = plan.map.clone().unwrap();
        assert_eq!((own.pin("hall"), own.pin("studio")), (Some(at), Some(MapPoint::CENTRE)));
        // On the plan's own map: plain pin edits.
        let moved = MapPoint::new(0.5, 0.1).unwrap();
        let edit = Edit::place_pin_on(&own, false, &"hall".into(), moved);
        assert_eq!(edit, Edit::PlacePin { room: "hall".into(), at: moved });
        plan.apply(&schedule, edit).unwrap();
        let edit = Edit::remove_pin_from(&own, false, &"studio".into());
        assert_eq!(edit, Edit::RemovePin { room: "studio".into() });
        plan.apply(&schedule, edit).unwrap();
        assert_eq!(plan.map.as_ref().unwrap().pins.keys().collect::<Vec<_>>(), ["hall"]);
        // Removing from the conference's map copies it without that pin.
        let mut fresh = crate::model::Plan::new("c");
        fresh.apply(&schedule, Edit::remove_pin_from(&conference_map, true, &"studio".into())).unwrap();
        assert_eq!(fresh.map, Some(VenueMap::default()));
    }

    fn ids(schedule: &Schedule, list: &[SessionIdx]) -> Vec<String> {
        list.iter().map(|&i| schedule.session(i).unwrap().id.as_str().to_owned()).collect()
    }

    #[test]
    fn a_rooms_day_has_now_next_and_the_rest() {
        let schedule = schedule();
        let hall = RoomIdx(0);
        let id = |i: Option<SessionIdx>| i.map(|i| schedule.session(i).unwrap().id.as_str().to_owned());

        let during = room_day(&schedule, hall, dt("2027-04-16 10:15"));
        assert_eq!((id(during.now), id(during.next)), (Some("b".into()), Some("c".into())));
        assert_eq!(ids(&schedule, &during.sessions), ["a", "b", "c"]);

        // The evening before: nothing today, the first session of the next day is next.
        let eve = room_day(&schedule, hall, dt("2027-04-15 18:00"));
        assert_eq!((id(eve.now), id(eve.next)), (None, Some("a".into())));
        assert_eq!(ids(&schedule, &eve.sessions), ["a", "b", "c"]);

        // After the last talk of Friday: Saturday's is next, and Saturday is listed.
        let night = room_day(&schedule, hall, dt("2027-04-16 20:00"));
        assert_eq!((id(night.now), id(night.next)), (None, Some("d".into())));
        assert_eq!(ids(&schedule, &night.sessions), ["d"]);

        // After the conference: nothing.
        assert_eq!(room_day(&schedule, hall, dt("2027-04-18 12:00")), RoomDay::default());
        // A room with nothing on Friday still says what comes on Saturday.
        assert_eq!(id(room_day(&schedule, RoomIdx(1), dt("2027-04-16 10:15")).next), Some("e".into()));
    }
}
