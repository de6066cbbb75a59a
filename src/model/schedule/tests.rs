use super::*;

pub(crate) fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn builder() -> ScheduleBuilder {
    let mut conf = Conference::named("test-conf", "Test Conf");
    conf.day_change = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
    ScheduleBuilder::new(conf)
}

#[test]
fn sorts_by_time_and_groups_days_with_day_change() {
    let mut b = builder();
    let hall = b.room_named("Hall").unwrap();
    for (id, start) in [("c", "2027-04-17 09:00"), ("a", "2027-04-16 10:00"), ("party", "2027-04-17 01:30")] {
        let mut s = Session::new(id, id, dt(start), 30);
        s.room = Some(hall);
        b.add_session(s, None);
    }
    let schedule = b.build();
    let ids: Vec<_> = schedule.sessions().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "party", "c"]);
    assert_eq!(schedule.days().len(), 2, "the 01:30 party belongs to the first day");
    assert_eq!(schedule.day_sessions(DayIdx(0)).len(), 2);
    assert_eq!(schedule.session_by_id(&"party".into()).unwrap().day, DayIdx(0));
    assert_eq!(schedule.conference().start_date, dt("2027-04-16 00:00").date());
    assert_eq!(schedule.conference().end_date, dt("2027-04-17 00:00").date());
    assert_eq!(schedule.room_sessions(hall).len(), 3);
}

#[test]
fn duplicate_ids_are_kept_renamed_deterministically_and_warned() {
    let mut b = builder();
    b.add_session(Session::new("w", "Workshop (morning)", dt("2027-04-16 09:00"), 60), None);
    b.add_session(Session::new("w#2", "Real w#2", dt("2027-04-16 09:00"), 60), None);
    b.add_session(
        Session::new("w", "Workshop (afternoon)", dt("2027-04-16 14:00"), 60),
        Some(Location { line: 9, col: 3 }),
    );
    let schedule = b.build();
    assert_eq!(schedule.stats().events, 3);
    assert_eq!(schedule.session_by_id(&"w".into()).unwrap().title, "Workshop (morning)");
    assert_eq!(schedule.session_by_id(&"w#2".into()).unwrap().title, "Real w#2");
    assert_eq!(schedule.session_by_id(&"w#3".into()).unwrap().title, "Workshop (afternoon)");
    assert_eq!(schedule.warnings().len(), 1);
    assert_eq!(schedule.warnings()[0].location, Some(Location { line: 9, col: 3 }));
}

#[test]
fn stats_count_only_used_rooms_and_tracks() {
    let mut b = builder();
    let used_room = b.room_named("Used").unwrap();
    b.room_named("Empty");
    let used_track = b.track_named("Web").unwrap();
    b.track_named("Unused");
    let mut s = Session::new("1", "One", dt("2027-04-16 09:00"), 30);
    s.room = Some(used_room);
    s.track = Some(used_track);
    b.add_session(s, None);
    b.add_session(Session::new("2", "No room", dt("2027-04-18 09:00"), 30), None);
    let stats = b.build().stats();
    assert_eq!(stats, ScheduleStats { events: 2, rooms: 1, days: 2, tracks: 1, warnings: 0 });
}

#[test]
fn rooms_and_tracks_are_interned_by_name() {
    let mut b = builder();
    assert_eq!(b.room_named(" A "), b.room_named("A"));
    assert_eq!(b.room_named("  "), None);
    assert_eq!(b.track_named("T"), b.track_named("T"));
    assert_ne!(b.track_named("T"), b.track_named("U"));
}

#[test]
fn now_and_next_per_room() {
    let mut b = builder();
    let hall = b.room_named("Hall").unwrap();
    let side = b.room_named("Side").unwrap();
    b.room_named("Empty");
    for (id, room, start, mins) in [
        ("h1", hall, "2027-04-16 09:00", 60),
        ("h2", hall, "2027-04-16 10:30", 30),
        ("s1", side, "2027-04-16 09:30", 30),
        ("h3", hall, "2027-04-17 09:00", 30),
    ] {
        let mut s = Session::new(id, id, dt(start), mins);
        s.room = Some(room);
        b.add_session(s, None);
    }
    let schedule = b.build();
    let id = |i: Option<SessionIdx>| i.and_then(|i| schedule.session(i)).map(|s| s.id.as_str());
    let board = schedule.now_and_next(dt("2027-04-16 09:45"));
    let view: Vec<_> = board.iter().map(|r| (r.room, id(r.now), id(r.next))).collect();
    assert_eq!(view, [(hall, Some("h1"), Some("h2")), (side, Some("s1"), None)]);
    // Between sessions: nothing on, next shown; tomorrow's session is not "next".
    let board = schedule.now_and_next(dt("2027-04-16 10:15"));
    let view: Vec<_> = board.iter().map(|r| (r.room, id(r.now), id(r.next))).collect();
    assert_eq!(view, [(hall, None, Some("h2"))]);
    assert!(schedule.now_and_next(dt("2027-04-16 23:00")).is_empty());
}

#[test]
fn kind_guessing() {
    assert_eq!(SessionKind::guess("lecture", "Rust in space"), SessionKind::Talk);
    assert_eq!(SessionKind::guess("Workshop", ""), SessionKind::Tutorial);
    assert_eq!(SessionKind::guess("lightning_talk", ""), SessionKind::Lightning);
    assert_eq!(SessionKind::guess("", "Lunch"), SessionKind::Break);
    assert_eq!(SessionKind::guess("Keynote", ""), SessionKind::Keynote);
    assert_eq!(SessionKind::guess("", "Keynote: the future"), SessionKind::Keynote);
}

#[test]
fn colours_parse_and_print() {
    assert_eq!(Rgb::from_hex("#2f80ED"), Some(Rgb([0x2f, 0x80, 0xed])));
    assert_eq!(Rgb::from_hex("2f80ed").unwrap().to_hex(), "#2f80ed");
    assert_eq!(Rgb::from_hex("#2f80e"), None);
    assert_eq!(Rgb::from_hex("#ééé"), None);
}

#[test]
fn same_conference_by_id_or_acronym_and_name() {
    let a = builder().build();
    let mut other = Conference::named("other-id", "Test Conf");
    let b = ScheduleBuilder::new(other.clone()).build();
    assert!(!a.is_same_conference(&b));
    other.acronym = Some("tc".into());
    let mut with_acronym = Conference::named("x", "Test Conf");
    with_acronym.acronym = Some("tc".into());
    let c = ScheduleBuilder::new(other).build();
    let d = ScheduleBuilder::new(with_acronym).build();
    assert!(c.is_same_conference(&d));
}

#[test]
fn a_session_is_on_from_its_start_until_its_end() {
    let talk = Session::new("t", "T", dt("2027-04-16 10:00"), 30);
    let on = |at: &str| (talk.is_on_at(dt(at)), talk.has_ended_at(dt(at)));
    assert_eq!(on("2027-04-16 09:59"), (false, false), "not yet");
    assert_eq!(on("2027-04-16 10:00"), (true, false), "from its first minute");
    assert_eq!(on("2027-04-16 10:29"), (true, false));
    assert_eq!(on("2027-04-16 10:30"), (false, true), "half-open: over at its end");
    let empty = Session::new("e", "E", dt("2027-04-16 10:00"), 0);
    assert!(!empty.is_on_at(dt("2027-04-16 10:00")) && empty.has_ended_at(dt("2027-04-16 10:00")));
}
