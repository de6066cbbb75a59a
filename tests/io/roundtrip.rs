//! Round trips between formats keep what matters: RON → ICS → RON gives the same instants,
//! titles, ids, kinds and tracks, so picks made on one still match the other.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use lanyard::io::export::ical::schedule_to_ics;
use lanyard::io::import::{self, native};
use lanyard::model::Schedule;

use crate::common;

fn ics_round_trip(schedule: &Schedule) -> Schedule {
    import::parse(schedule_to_ics(schedule).as_bytes(), "export.ics").unwrap()
}

#[test]
fn ron_to_ics_to_ron_keeps_instants_titles_and_ids() {
    let original = common::sample();
    let back = ics_round_trip(&original);
    assert_eq!(back.stats().events, original.stats().events);
    assert_eq!(back.stats().rooms, original.stats().rooms);
    assert_eq!(back.stats().days, original.stats().days);
    assert_eq!(back.stats().tracks, original.stats().tracks, "kinds are not mistaken for tracks");
    let zone = original.conference().zone;
    assert_eq!(back.conference().zone, zone);
    for session in original.sessions() {
        let copy = back.session_by_id(&session.id).unwrap_or_else(|| panic!("{} lost its id", session.id));
        assert_eq!(copy.title, session.title);
        assert_eq!(zone.to_utc(copy.starts_at), zone.to_utc(session.starts_at), "{}", session.id);
        assert_eq!(copy.duration_mins, session.duration_mins, "{}", session.id);
        assert_eq!(copy.kind, session.kind, "{}", session.id);
        assert_eq!(back.track_name(copy), original.track_name(session), "{}", session.id);
        assert_eq!(back.room_name(copy), original.room_name(session), "{}", session.id);
        assert_eq!((copy.is_recorded, copy.is_captioned), (session.is_recorded, session.is_captioned));
    }
    // And on to RON again: the native file reads back to the same sessions.
    let ron = native::write(&back).unwrap();
    let again = import::parse(ron.as_bytes(), "again.ron").unwrap();
    assert_eq!(again.stats(), back.stats());
    for (a, b) in again.sessions().iter().zip(back.sessions()) {
        assert_eq!((&a.id, &a.title, a.starts_at, a.duration_mins), (&b.id, &b.title, b.starts_at, b.duration_mins));
    }
}

#[test]
fn a_brussels_schedule_across_dst_round_trips_through_ics() {
    let text = std::fs::read_to_string(common::repo_path("tests/fixtures/updates/minicon-v1.ron")).unwrap();
    // Move MiniCon onto the spring-forward weekend: 02:30 does not exist on 2027-03-28.
    let text = text.replace("2027-02-06T09:00", "2027-03-28T01:30").replace("2027-02-06T10:00", "2027-03-28T03:00");
    let original = import::parse(text.as_bytes(), "dst.ron").unwrap();
    let back = ics_round_trip(&original);
    let zone = original.conference().zone;
    for session in original.sessions() {
        let copy = back.session_by_id(&session.id).unwrap();
        assert_eq!(zone.to_utc(copy.starts_at), zone.to_utc(session.starts_at), "{}", session.id);
    }
}
