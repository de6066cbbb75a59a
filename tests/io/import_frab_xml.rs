//! The frab/Pentabarf/c3voc XML importer, through the real loaders: one hand-written fixture per
//! quirk real files have (`tests/fixtures/xml/`), generated large and hostile files, and a
//! property test that no input makes the parser panic.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns: a panic is the right failure")]

use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use lanyard::io::import::{ImportError, common, frab_xml, load, parse};
use lanyard::model::{DayIdx, Location, Rgb, Schedule, SessionKind, Zone};
use proptest::prelude::*;

use crate::common::{at, ids, load_schedule, loc, session, warnings};

fn fixture_path(name: &str) -> PathBuf {
    crate::common::fixture_path("xml").join(name)
}

fn load_fixture(name: &str) -> Schedule {
    load_schedule(&fixture_path(name))
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap()
}

fn parse_text(text: &str) -> Result<Schedule, ImportError> {
    parse(text.as_bytes(), "schedule.xml")
}

/// The error a fixture must produce, as (location, message).
fn error_of(name: &str) -> (Option<Location>, String) {
    match load(&fixture_path(name)) {
        Err(err) => (err.location(), err.to_string()),
        Ok(_) => panic!("{name}: expected an error"),
    }
}

fn text_error(text: &str) -> (Option<Location>, String) {
    match parse_text(text) {
        Err(err) => (err.location(), err.to_string()),
        Ok(_) => panic!("expected an error"),
    }
}

/// (events, rooms, days, tracks, warnings), the numbers `lanyard check` prints.
fn counts(schedule: &Schedule) -> (usize, usize, usize, usize, usize) {
    let s = schedule.stats();
    (s.events, s.rooms, s.days, s.tracks, s.warnings)
}

/// Start, day index and room name of a session.
fn placed<'a>(schedule: &'a Schedule, id: &str) -> (NaiveDateTime, u32, &'a str) {
    let s = session(schedule, id);
    (s.starts_at, s.day.0, schedule.room_name(s))
}

#[test]
fn fosdem_without_guid_date_or_zone_is_floating_with_a_warning() {
    let schedule = load_fixture("fosdem_no_guid.xml");
    assert_eq!(counts(&schedule), (6, 2, 2, 3, 1));
    let conference = schedule.conference();
    assert_eq!(conference.zone, Zone::Floating);
    assert!(schedule.warnings()[0].message.contains("floating"), "{:?}", warnings(&schedule));
    assert_eq!(
        (conference.id.as_str(), conference.name.as_str(), conference.acronym.as_deref()),
        ("fosdem-2027", "FOSDEM 2027", None)
    );
    // FOSDEM writes 09:00, the start of its programme; lanyard caps a day change at 06:00 so an
    // 08:30 event stays that morning while a 01:30 one still belongs to the evening before.
    assert_eq!(conference.day_change, NaiveTime::from_hms_opt(6, 0, 0).unwrap());
    assert_eq!(ids(&schedule), ["1001", "1002", "1003", "1004", "2002", "2001"]);

    assert_eq!(placed(&schedule, "1001"), (at("2027-02-06 09:30"), 0, "Janson"));
    // Before day_change (09:00) means after midnight: the evening of day 1.
    assert_eq!(placed(&schedule, "1004"), (at("2027-02-07 01:30"), 0, "H.2215 (Ferrer)"));
    // Exactly at the day change opens the next day.
    assert_eq!(placed(&schedule, "2002"), (at("2027-02-07 09:00"), 1, "H.2215 (Ferrer)"));

    let welcome = session(&schedule, "1001");
    assert_eq!(welcome.kind, SessionKind::Keynote);
    assert_eq!(welcome.duration_mins, 25);
    assert_eq!(welcome.language, None);
    assert_eq!(welcome.abstract_text, "FOSDEM welcome and opening talk.");
    assert!(welcome.is_recorded, "a .webm link means a recording");
    assert_eq!(welcome.links.len(), 2);
    assert_eq!(welcome.links[1].title, "Video recording (WebM/VP9)");

    let rust = session(&schedule, "1002");
    assert_eq!(rust.title, "Rust in Space");
    assert_eq!(rust.subtitle, "Flight software without fear");
    assert_eq!(rust.kind, SessionKind::Talk);
    assert_eq!(rust.language.as_deref(), Some("en"));
    assert_eq!(rust.speakers, ["Ana Ruiz", "Ben Okafor"]);
    assert_eq!(rust.abstract_text, "How we fly Rust.\n\nA longer story about ownership in orbit.");
    assert_eq!(schedule.track_name(rust), "Main Track");
    assert!(!rust.is_recorded && !rust.is_captioned && rust.tags.is_empty());
    assert_eq!(rust.links.len(), 1);
    assert_eq!(
        (rust.links[0].title.as_str(), rust.links[0].url.as_str()),
        ("Slides", "https://fosdem.org/2027/slides/rust_in_space.pdf")
    );
    assert_eq!(session(&schedule, "2002").kind, SessionKind::Tutorial);
}

#[test]
fn fosdem_with_guid_uses_guids_and_the_named_zone() {
    let schedule = load_fixture("fosdem_guid.xml");
    assert_eq!(counts(&schedule), (4, 2, 2, 3, 0));
    let conference = schedule.conference();
    assert_eq!(conference.zone.name(), Some("Europe/Brussels"));
    assert_eq!(conference.id, "fosdem2027");
    assert_eq!(conference.acronym.as_deref(), Some("fosdem2027"));
    assert_eq!(conference.version.as_deref(), Some("Schedule for FOSDEM 2027, rev 42"));
    assert_eq!(conference.url.as_deref(), Some("https://fosdem.org/2027/schedule/"));
    assert_eq!(
        (conference.start_date, conference.end_date),
        (at("2027-02-06 00:00").date(), at("2027-02-07 00:00").date())
    );
    assert_eq!(
        ids(&schedule),
        [
            "5f0d5ae8-8a1b-5b6e-a7c4-5d2f1e0b9c01",
            "5f0d5ae8-8a1b-5b6e-a7c4-5d2f1e0b9c02",
            "5f0d5ae8-8a1b-5b6e-a7c4-5d2f1e0b9c03",
            "5f0d5ae8-8a1b-5b6e-a7c4-5d2f1e0b9c04",
        ]
    );
    assert_eq!(
        placed(&schedule, "5f0d5ae8-8a1b-5b6e-a7c4-5d2f1e0b9c03"),
        (at("2027-02-06 11:00"), 0, "K.1.105 (La Fontaine)")
    );
    assert_eq!(placed(&schedule, "5f0d5ae8-8a1b-5b6e-a7c4-5d2f1e0b9c04"), (at("2027-02-07 17:45"), 1, "Janson"));
    assert_eq!(session(&schedule, "5f0d5ae8-8a1b-5b6e-a7c4-5d2f1e0b9c03").kind, SessionKind::Lightning);
    let welcome = session(&schedule, "5f0d5ae8-8a1b-5b6e-a7c4-5d2f1e0b9c01");
    assert_eq!(welcome.links.len(), 1);
    assert_eq!(
        (welcome.links[0].title.as_str(), welcome.links[0].url.as_str()),
        ("Event page", "https://fosdem.org/2027/schedule/event/welcome/")
    );
}

#[test]
fn ccc_dates_with_offsets_guids_and_a_0400_day_change() {
    let schedule = load_fixture("ccc_day_change.xml");
    assert_eq!(counts(&schedule), (4, 2, 3, 4, 0), "{:?}", warnings(&schedule));
    let conference = schedule.conference();
    assert_eq!(conference.zone.name(), Some("Europe/Berlin"));
    assert_eq!((conference.id.as_str(), conference.name.as_str()), ("41c3", "41st Chaos Communication Congress"));
    assert_eq!(conference.version.as_deref(), Some("Zuckerguss 1.3"));
    assert_eq!(conference.day_change, NaiveTime::from_hms_opt(4, 0, 0).unwrap());
    assert_eq!(
        (conference.start_date, conference.end_date),
        (at("2027-12-27 00:00").date(), at("2027-12-30 00:00").date())
    );

    let opening = "6b8f1c52-9a0e-5c7b-b1d4-0e2a9f3c7d01";
    let fahrplan = "6b8f1c52-9a0e-5c7b-b1d4-0e2a9f3c7d02";
    let party = "6b8f1c52-9a0e-5c7b-b1d4-0e2a9f3c7d03";
    let early = "6b8f1c52-9a0e-5c7b-b1d4-0e2a9f3c7d04";
    assert_eq!(ids(&schedule), [opening, fahrplan, party, early]);
    assert_eq!(placed(&schedule, opening), (at("2027-12-27 10:30"), 0, "Saal 1"));
    assert_eq!(placed(&schedule, fahrplan), (at("2027-12-28 21:00"), 1, "Saal 1"));
    assert_eq!(placed(&schedule, party), (at("2027-12-29 01:30"), 1, "Club Stage"), "01:30 is day 2's night");
    assert_eq!(placed(&schedule, early), (at("2027-12-29 04:00"), 2, "Saal 1"), "04:00 opens day 3");

    assert!(session(&schedule, opening).is_recorded, "optout false");
    assert!(!session(&schedule, fahrplan).is_recorded, "optout true");
    assert!(session(&schedule, party).is_recorded, "media.ccc.de link");
    assert!(!session(&schedule, early).is_recorded, "nothing said");
    assert_eq!(session(&schedule, party).kind, SessionKind::Social);
    assert_eq!(session(&schedule, party).duration_mins, 150);
    assert_eq!(session(&schedule, opening).language.as_deref(), Some("de"));
    // Declared tracks come first, with the file's colours.
    let tracks: Vec<&str> = schedule.tracks().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tracks, ["Hardware", "Security", "CCC", "Entertainment"]);
    assert_eq!(schedule.tracks()[0].colour, Rgb([0xe6, 0xa0, 0x00]));
}

#[test]
fn wafer_dates_in_utc_land_at_local_wall_clock() {
    let schedule = load_fixture("wafer_debconf.xml");
    assert_eq!(counts(&schedule), (3, 2, 1, 2, 0), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().zone.name(), Some("America/Argentina/Buenos_Aires"));
    assert_eq!(schedule.conference().id, "debconf27");
    let opening = "0a1b2c3d-1111-4222-8333-444455556601";
    assert_eq!(placed(&schedule, opening), (at("2027-07-12 10:00"), 0, "Auditorium"));
    assert_eq!(placed(&schedule, "0a1b2c3d-1111-4222-8333-444455556603"), (at("2027-07-12 14:00"), 0, "Workshop Room"));
    // 01:30 UTC on the 13th is 22:30 on the 12th in Buenos Aires.
    assert_eq!(placed(&schedule, "0a1b2c3d-1111-4222-8333-444455556602"), (at("2027-07-12 22:30"), 0, "Auditorium"));
    assert_eq!(session(&schedule, opening).abstract_text, "Welcome to DebConf!", "a repeated description is dropped");
    assert_eq!(session(&schedule, opening).track, None, "empty track");
    assert_eq!(session(&schedule, "0a1b2c3d-1111-4222-8333-444455556602").kind, SessionKind::Social);
    assert_eq!(session(&schedule, "0a1b2c3d-1111-4222-8333-444455556603").kind, SessionKind::Tutorial);
}

#[test]
fn duplicate_ids_and_guids_are_all_kept_and_warned() {
    let schedule = load_fixture("duplicates.xml");
    assert_eq!(counts(&schedule), (5, 1, 1, 0, 2), "{:?}", warnings(&schedule));
    let hashed = common::stable_id(None, None, "Unnumbered meetup", Some("Sam"));
    assert!(hashed.starts_with("h-"));
    let guid = "c0ffee00-0000-4000-8000-000000000001";
    assert_eq!(ids(&schedule), ["77", guid, "77#2", format!("{guid}#2").as_str(), hashed.as_str()]);
    assert_eq!(session(&schedule, "77").title, "Soldering workshop (morning)");
    assert_eq!(session(&schedule, "77#2").title, "Soldering workshop (afternoon)");
    assert_eq!(session(&schedule, &format!("{guid}#2")).title, "Repair café (again)");
    assert_eq!(session(&schedule, &hashed).kind, SessionKind::OpenSpace);
    // Each warning points at the second occurrence's <event> tag.
    let locations: Vec<_> = schedule.warnings().iter().map(|w| w.location).collect();
    assert_eq!(locations, [loc(19, 7), loc(31, 7)]);
    assert!(schedule.warnings().iter().all(|w| w.message.contains("duplicate session id")));
    // The same file gives the same ids every time.
    assert_eq!(ids(&load_fixture("duplicates.xml")), ids(&schedule));
}

#[test]
fn html_in_abstracts_becomes_text() {
    let schedule = load_fixture("html_abstracts.xml");
    assert_eq!(counts(&schedule), (4, 1, 1, 0, 0));
    let text = |id: &str| session(&schedule, id).abstract_text.clone();
    assert_eq!(text("1"), "First & bold.\n\nSecond\nline\n\n• one\n• two");
    assert_eq!(text("2"), "Café – talk");
    assert_eq!(text("3"), "Para one.\n\nPara two\ncontinues", "real child elements, description repeats it");
    assert_eq!(text("4"), "## Heading\n\n* item & more\n* AT&T – — &unknown;\n\nDifferent description.");
    assert_eq!(session(&schedule, "4").title, "Markdown and AT&T", "a lone & is kept as text");
}

#[test]
fn persons_without_names_empty_rooms_and_event_rooms() {
    let schedule = load_fixture("persons_and_rooms.xml");
    assert_eq!(counts(&schedule), (3, 2, 2, 0, 1));
    assert_eq!(schedule.conference().name, "Rooms & People");
    assert_eq!(schedule.conference().id, "rooms-people");
    let rooms: Vec<&str> = schedule.rooms().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rooms, ["Empty Hall A", "Hall B", "Hall C (moved)", "Empty Hall D"], "file order, empty ones too");
    assert_eq!(session(&schedule, "1").speakers, ["Dana Kim"]);
    assert!(session(&schedule, "2").speakers.is_empty());
    assert_eq!(placed(&schedule, "2"), (at("2027-06-01 11:00"), 0, "Hall C (moved)"), "<room> wins");
    assert_eq!(placed(&schedule, "3"), (at("2027-06-02 12:00"), 1, ""), "no room at all");
    assert_eq!(session(&schedule, "3").room, None);
}

#[test]
fn long_and_unreadable_durations() {
    let schedule = load_fixture("long_durations.xml");
    assert_eq!(counts(&schedule), (5, 1, 1, 0, 2), "{:?}", warnings(&schedule));
    let minutes = |n: u32| session(&schedule, &format!("11111111-2222-4333-8444-55555555550{n}")).duration_mins;
    assert_eq!([minutes(1), minutes(2), minutes(3), minutes(4), minutes(5)], [72 * 60, 26 * 60 + 30, 999 * 60, 0, 0]);
    let village = session(&schedule, "11111111-2222-4333-8444-555555555501");
    assert_eq!(village.ends_at(), at("2027-08-14 10:00"));
    // The unreadable one points at its value; the missing one at its event.
    assert_eq!(schedule.warnings()[0].location, loc(24, 19));
    assert!(schedule.warnings()[0].message.contains("unreadable duration \"soon\""), "{:?}", warnings(&schedule));
    assert_eq!(schedule.warnings()[1].location, loc(27, 7));
    assert!(schedule.warnings()[1].message.contains("event 5 has no duration"), "{:?}", warnings(&schedule));
}

#[test]
fn eight_day_conference() {
    let schedule = load_fixture("eight_days.xml");
    assert_eq!(counts(&schedule), (12, 2, 8, 2, 0));
    assert_eq!(schedule.conference().zone.name(), Some("Europe/London"));
    let dates: Vec<NaiveDate> = schedule.days().iter().map(|d| d.date).collect();
    let expected: Vec<NaiveDate> = (1..=8).map(|d| NaiveDate::from_ymd_opt(2027, 7, d).unwrap()).collect();
    assert_eq!(dates, expected);
    assert_eq!(placed(&schedule, "800"), (at("2027-07-08 10:00"), 7, "Stage A"));
    assert_eq!(placed(&schedule, "701"), (at("2027-07-08 02:00"), 6, "Bar"), "the late set is day 7's night");
    assert_eq!(session(&schedule, "701").kind, SessionKind::Social);
    assert_eq!(schedule.day_sessions(DayIdx(6)).len(), 2);
}

#[test]
fn dst_change_lands_every_event_at_its_wall_clock_time() {
    let expected = [
        ("dddddddd-0000-4000-8000-000000000001", "2027-03-27 10:00", 0),
        ("dddddddd-0000-4000-8000-000000000002", "2027-03-28 01:30", 0),
        ("dddddddd-0000-4000-8000-000000000003", "2027-03-28 03:30", 0),
        ("dddddddd-0000-4000-8000-000000000004", "2027-03-28 10:00", 1),
        ("dddddddd-0000-4000-8000-000000000005", "2027-03-29 09:00", 2),
    ];
    let check = |schedule: &Schedule, what: &str| {
        for (id, start, day) in expected {
            let s = session(schedule, id);
            assert_eq!((s.starts_at, s.day.0), (at(start), day), "{what}: {id}");
        }
    };
    let named = load_fixture("dst_brussels.xml");
    assert_eq!(counts(&named), (5, 1, 3, 0, 0));
    assert_eq!(named.conference().zone.name(), Some("Europe/Brussels"));
    check(&named, "offsets as written");

    // The same instants written in UTC, as wafer does: +01:00 before the change, +02:00 after.
    let text = fixture_text("dst_brussels.xml");
    let utc = [
        ("2027-03-27T10:00:00+01:00", "2027-03-27T09:00:00Z"),
        ("2027-03-28T01:30:00+01:00", "2027-03-28T00:30:00+00:00"),
        ("2027-03-28T03:30:00+02:00", "2027-03-28T01:30:00Z"),
        ("2027-03-28T10:00:00+02:00", "2027-03-28T08:00:00+00:00"),
        ("2027-03-29T09:00:00+02:00", "2027-03-29T07:00:00Z"),
    ]
    .iter()
    .fold(text.clone(), |text, (from, to)| text.replace(from, to));
    check(&parse_text(&utc).unwrap(), "instants in UTC");

    // Without a zone name the offsets differ, so the zone is floating, yet wall clocks hold.
    let floating = parse_text(&text.replace("<time_zone_name>Europe/Brussels</time_zone_name>", "")).unwrap();
    assert_eq!(floating.conference().zone, Zone::Floating);
    assert_eq!(counts(&floating), (5, 1, 3, 0, 1));
    check(&floating, "floating");
}

#[test]
fn one_shared_offset_without_a_zone_name_becomes_the_zone() {
    let schedule = load_fixture("fixed_offset.xml");
    assert_eq!(counts(&schedule), (2, 1, 1, 0, 1));
    assert_eq!(schedule.conference().zone.name(), Some("Etc/GMT+5"));
    assert!(schedule.warnings()[0].message.contains("no time zone"), "{:?}", warnings(&schedule));
    assert_eq!(placed(&schedule, "aaaaaaaa-0000-4000-8000-000000000002"), (at("2027-11-06 01:00"), 0, "Stage"));
}

#[test]
fn a_file_with_no_events_is_an_empty_schedule_with_a_warning() {
    let schedule = load_fixture("zero_events.xml");
    assert_eq!(counts(&schedule), (0, 0, 0, 0, 1));
    assert!(schedule.warnings()[0].message.contains("no events"));
    assert_eq!(schedule.rooms().len(), 1);
    assert_eq!(schedule.conference().version.as_deref(), Some("0.1"));
    assert_eq!(schedule.conference().start_date, NaiveDate::from_ymd_opt(2028, 3, 1).unwrap());
    assert_eq!(schedule.conference().end_date, NaiveDate::from_ymd_opt(2028, 3, 2).unwrap());
}

#[test]
fn billion_laughs_is_never_expanded() {
    let started = Instant::now();
    let schedule = load_fixture("billion_laughs.xml");
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(counts(&schedule), (1, 1, 1, 0, 1));
    assert!(schedule.warnings()[0].message.contains("DTD entities"), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().name, "&lol9;");
    let s = session(&schedule, "1");
    assert_eq!(s.title, "Laughing &lol9; matter");
    assert_eq!(s.abstract_text, "&lol9;&lol9;&lol9;");
    assert_eq!(schedule.room_name(s), "&lol9;");
}

#[test]
fn nested_markup_and_unknown_elements() {
    let schedule = load_fixture("deep_abstract.xml");
    assert_eq!(counts(&schedule), (1, 1, 1, 0, 0), "an <event> inside an unknown element is not an event");
    let s = session(&schedule, "1");
    assert_eq!(s.title, "Nested markup in a title");
    assert!(s.abstract_text.contains("deep") && s.abstract_text.ends_with("• shallow"), "{:?}", s.abstract_text);
}

#[test]
fn deep_nesting_neither_recurses_nor_fails() {
    const DEPTH: usize = 200_000;
    let mut text = String::from("<schedule>");
    text.push_str(&"<a>".repeat(DEPTH));
    text.push_str(&"</a>".repeat(DEPTH));
    text.push_str("</schedule>");
    let schedule = parse_text(&text).unwrap();
    assert_eq!(counts(&schedule), (0, 0, 0, 0, 2));

    // The same depth inside an abstract, where nested markup is kept.
    let event = format!(
        "<schedule><day date=\"2027-01-01\"><room name=\"R\"><event id=\"1\"><start>10:00</start><title>Deep</title><abstract>{}x{}</abstract></event></room></day></schedule>",
        "<div>".repeat(DEPTH),
        "</div>".repeat(DEPTH)
    );
    let schedule = parse_text(&event).unwrap();
    assert_eq!(schedule.stats().events, 1);
    assert_eq!(session(&schedule, "1").abstract_text, "x");

    // Never closed: an error, not a crash.
    let (location, message) = text_error(&format!("<schedule><day>{}", "<a>".repeat(DEPTH)));
    assert!(message.contains("ends inside <day>"), "{message}");
    assert_eq!(location.map(|l| l.line), Some(1));
}

#[test]
fn truncated_files_are_refused_with_a_position() {
    let (location, message) = error_of("truncated.xml");
    assert_eq!(message, "the file ends inside <event>: it looks truncated");
    assert_eq!(location, loc(8, 1));
    let (location, message) = error_of("truncated_mid_tag.xml");
    assert!(message.starts_with("malformed XML"), "{message}");
    assert_eq!(location, loc(6, 41));
    // Cut anywhere, a valid file never panics; cut before the root closes, it is refused.
    let text = fixture_text("ccc_day_change.xml");
    let root_end = text.rfind("</schedule>").unwrap();
    for cut in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
        let result = frab_xml::parse(&text.as_bytes()[..cut], &|_| {});
        if cut <= root_end {
            assert!(result.is_err(), "cut at {cut} accepted");
        }
    }
}

#[test]
fn nul_bytes_invalid_utf8_and_wrong_roots_are_refused() {
    let (location, message) = error_of("nul_bytes.xml");
    assert!(message.contains("NUL byte"), "{message}");
    assert_eq!(location, loc(3, 25));
    let (location, message) = error_of("latin1.xml");
    assert!(message.contains("not UTF-8"), "{message}");
    assert_eq!(location, loc(3, 25));
    let (location, message) = error_of("wrong_root.xml");
    assert_eq!(message, "not a frab/Pentabarf schedule (root element is <rss>)");
    assert_eq!(location, loc(3, 1));
    let (_, message) = text_error("<?xml version=\"1.0\"?>\n<!-- nothing else -->\n");
    assert!(message.contains("not a frab/Pentabarf schedule"), "{message}");
    let (location, message) = text_error("<schedule>\n  <day><room></day>\n</schedule>");
    assert!(message.starts_with("malformed XML"), "{message}");
    assert_eq!(location.map(|l| l.line), Some(2));
}

#[test]
fn events_without_a_start_and_negative_durations_are_located_errors() {
    let (location, message) = error_of("no_start.xml");
    assert_eq!(message, "event 123 has no start time");
    assert_eq!(location, loc(7, 7));
    let (location, message) = error_of("negative_duration.xml");
    assert_eq!(message, "event 2 has a negative duration \"-00:30\"");
    assert_eq!(location, loc(7, 51));
    let (_, message) =
        text_error("<schedule><day><room><event id=\"9\"><start>10:00</start></event></room></day></schedule>");
    assert!(message.contains("event 9 has a start time but no date"), "{message}");
    let (_, message) = text_error(
        "<schedule><day date=\"2027-01-01\"><event><title>T</title><start>31:99</start></event></day></schedule>",
    );
    assert_eq!(message, "event \"T\" has an unreadable start time \"31:99\"");
    let (_, message) = text_error("<schedule><event guid=\"g-1\"><date>soon</date></event></schedule>");
    assert_eq!(message, "event g-1 has an unreadable date \"soon\"");
}

#[test]
fn hostile_dates_and_sizes_do_not_break_anything() {
    let event = |body: &str| {
        format!(
            "<schedule><day date=\"9999-12-31\"><room name=\"R\"><event id=\"1\">{body}<title>T</title></event></room></day></schedule>"
        )
    };
    let schedule = parse_text(&event("<date>9999-12-31T23:30:00+01:00</date><duration>999:00</duration>")).unwrap();
    assert_eq!(session(&schedule, "1").starts_at, at("9999-12-31 23:30"));
    assert_eq!(session(&schedule, "1").duration_mins, 999 * 60);
    let schedule = parse_text(&event("<start>23:00</start><duration>4294967295</duration>")).unwrap();
    assert_eq!(session(&schedule, "1").starts_at, at("9999-12-31 23:00"));
    let (_, message) = text_error(&event("<date>0000-01-01T10:00:00+00:00</date>"));
    assert!(message.contains("year 0"), "{message}");
    let (_, message) = text_error(&event("<start>10:00</start><duration>-999:00</duration>"));
    assert!(message.contains("negative duration"), "{message}");

    // A tag with very many attributes stays linear.
    let attributes: String = (0..100_000).fold(String::new(), |mut s, i| {
        write!(s, " a{i}=\"x\"").unwrap();
        s
    });
    let text = format!(
        "<schedule><day date=\"2027-01-01\"><event{attributes} id=\"7\"><start>10:00</start></event></day></schedule>"
    );
    let started = Instant::now();
    assert_eq!(ids(&parse_text(&text).unwrap()), ["7"]);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

#[test]
fn byte_order_mark_and_crlf_are_fine() {
    let text = fixture_text("fosdem_guid.xml").replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let schedule = parse(&bytes, "schedule.xml").unwrap();
    assert_eq!(counts(&schedule), (4, 2, 2, 3, 0));
    let (location, _) = text_error(&fixture_text("negative_duration.xml").replace('\n', "\r\n"));
    assert_eq!(location, loc(7, 51));
}

const WORDS: [&str; 16] = [
    "kernel",
    "community",
    "packaging",
    "rust",
    "compiler",
    "federation",
    "embedded",
    "testing",
    "security",
    "database",
    "browser",
    "firmware",
    "graphics",
    "accessibility",
    "observability",
    "licensing",
];

/// A tiny deterministic generator (xorshift), so generated files are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap()
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::from("This");
        for _ in 1..words {
            s.push(' ');
            s.push_str(self.word());
        }
        s.push('.');
        s
    }
}

/// A FOSDEM-sized file: `rooms` devrooms over two days, `per_room` events each per day, with
/// abstracts and descriptions of realistic length. Deterministic.
fn fosdem_sized(rooms: usize, per_room: usize) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n  <conference>\n    <title>FOSDEM 2027</title>\n    <start>2027-02-06</start>\n    <end>2027-02-07</end>\n    <days>2</days>\n    <day_change>09:00:00</day_change>\n    <timeslot_duration>00:05:00</timeslot_duration>\n    <time_zone_name>Europe/Brussels</time_zone_name>\n  </conference>\n",
    );
    let mut id = 0;
    for day in 0..2 {
        writeln!(out, "  <day index=\"{}\" date=\"2027-02-0{}\">", day + 1, day + 6).unwrap();
        for room in 0..rooms {
            writeln!(out, "    <room name=\"Room {room:02}\">").unwrap();
            let mut minutes = 9 * 60 + 30;
            for _ in 0..per_room {
                id += 1;
                let duration = 20 + 5 * rng.below(7);
                let abstract_html: String =
                    (0..3).map(|_| format!("&lt;p&gt;{}&lt;/p&gt;", rng.sentence(40))).collect();
                let description: String = (0..3).map(|_| format!("&lt;p&gt;{}&lt;/p&gt;", rng.sentence(40))).collect();
                write!(
                    out,
                    "      <event id=\"{id}\">\n        <start>{:02}:{:02}</start>\n        <duration>00:{duration:02}</duration>\n        <room>Room {room:02}</room>\n        <slug>event_{id}</slug>\n        <title>Talk {id} about {}</title>\n        <subtitle/>\n        <track>Devroom {room:02}</track>\n        <type>devroom</type>\n        <language/>\n        <abstract>{abstract_html}</abstract>\n        <description>{description}</description>\n        <persons>\n          <person id=\"{}\">Speaker {}</person>\n        </persons>\n        <attachments>\n        </attachments>\n        <links>\n          <link href=\"https://fosdem.org/2027/schedule/event/event_{id}/\">Event page</link>\n          <link href=\"https://video.fosdem.org/2027/room{room:02}/event_{id}.webm\">Video recording (WebM/VP9)</link>\n        </links>\n      </event>\n",
                    minutes / 60,
                    minutes % 60,
                    rng.word(),
                    5000 + id,
                    5000 + id,
                )
                .unwrap();
                minutes += duration + 5;
            }
            out.push_str("    </room>\n");
        }
        out.push_str("  </day>\n");
    }
    out.push_str("</schedule>\n");
    out
}

#[test]
fn fosdem_sized_file_imports_every_event_quickly() {
    let text = fosdem_sized(30, 15);
    assert!((2_500_000..3_200_000).contains(&text.len()), "{} bytes", text.len());
    let calls = RefCell::new(Vec::new());
    let started = Instant::now();
    let schedule = frab_xml::parse(text.as_bytes(), &|fraction| calls.borrow_mut().push(fraction)).unwrap();
    let elapsed = started.elapsed();
    eprintln!("fosdem-sized: {} bytes, {} events in {elapsed:?}", text.len(), schedule.stats().events);
    assert_eq!(counts(&schedule), (900, 30, 2, 30, 0));
    assert_eq!(schedule.sessions().iter().filter(|s| s.is_recorded).count(), 900);
    assert_eq!(placed(&schedule, "1"), (at("2027-02-06 09:30"), 0, "Room 00"));
    assert_eq!(placed(&schedule, "451"), (at("2027-02-07 09:30"), 1, "Room 00"));
    assert_eq!(schedule.room_sessions(schedule.sessions()[0].room.unwrap()).len(), 30);
    let calls = calls.into_inner();
    assert_eq!(calls.len(), 9, "every 100 events");
    assert!(calls.windows(2).all(|w| w[0] < w[1]) && calls.iter().all(|&f| f > 0.0 && f <= 1.0), "{calls:?}");
    // Generous even for an unoptimised build; the release figure is in the report.
    assert!(elapsed.as_secs() < 5, "{elapsed:?}");
}

const FIXTURES: [&[u8]; 3] = [
    include_bytes!("../fixtures/xml/ccc_day_change.xml"),
    include_bytes!("../fixtures/xml/fosdem_no_guid.xml"),
    include_bytes!("../fixtures/xml/html_abstracts.xml"),
];

const TOKENS: [&str; 16] = [
    "<event id=\"1\">",
    "</event>",
    "<date>9999-12-31T23:59:59+14:00</date>",
    "<start>47:59</start>",
    "<duration>-99:99</duration>",
    "&lol;",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE x [<!ENTITY a \"&a;\">]>",
    "\u{0}",
    "\u{FFFF}é",
    "<day date=\"0001-01-01\">",
    "<room name=\"",
    "<person/>",
    "<day_change>04:00</day_change>",
    "<time_zone_name>Mars/Olympus</time_zone_name>",
];

/// Applies one edit: (position, operation, byte, length).
fn mutate(bytes: &mut Vec<u8>, (position, op, byte, len): (usize, u8, u8, usize)) {
    let at = position % (bytes.len() + 1);
    let end = (at + len).min(bytes.len());
    match op {
        0 => {
            bytes.drain(at..end);
        }
        1 => bytes.insert(at, byte),
        2 => {
            if let Some(b) = bytes.get_mut(at) {
                *b = byte;
            }
        }
        3 => bytes.truncate(at),
        4 => {
            let chunk = bytes[at..end].to_vec();
            let to = usize::from(byte) * bytes.len() / 256;
            bytes.splice(to..to, chunk);
        }
        _ => {
            let token = TOKENS[usize::from(byte) % TOKENS.len()].as_bytes();
            bytes.splice(at..at, token.iter().copied());
        }
    }
}

fn check_result(bytes: &[u8], result: &Result<Schedule, ImportError>) {
    match result {
        Ok(schedule) => {
            // Counts are a contract: never more sessions than <event tags.
            let tags = bytes.windows(6).filter(|w| w == b"<event").count();
            assert!(schedule.stats().events <= tags);
        }
        Err(ImportError::Invalid { location: Some(location), .. }) => {
            assert!(location.line >= 1 && location.col >= 1);
        }
        Err(ImportError::Invalid { location: None, .. }) => panic!("errors from this importer carry a position"),
        Err(_) => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let result = frab_xml::parse(&bytes, &|_| {});
        check_result(&bytes, &result);
    }

    #[test]
    fn xml_like_text_never_panics(body in "[<>/=\"' a-z&;#!?\\[\\]-]{0,400}") {
        let text = format!("<schedule>{body}");
        let result = frab_xml::parse(text.as_bytes(), &|_| {});
        check_result(text.as_bytes(), &result);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<usize>(), 0u8..6, any::<u8>(), 0usize..200), 1..10),
    ) {
        let mut bytes = FIXTURES[which].to_vec();
        for edit in edits {
            mutate(&mut bytes, edit);
        }
        let result = frab_xml::parse(&bytes, &|_| {});
        check_result(&bytes, &result);
    }
}
