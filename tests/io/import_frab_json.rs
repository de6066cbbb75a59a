//! The frab / pretalx / c3voc `schedule.json` importer, through the real loaders: one hand-written
//! fixture per quirk under `tests/fixtures/json/`, generated 1,000- and 100,000-event files, hostile
//! input (truncation, NUL bytes, invalid UTF-8, deep nesting, year 9999, huge and negative
//! durations) and property tests that feed arbitrary bytes and mutations of a valid file.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns; a panic is the right failure")]

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use lanyard::io::import::common::content_id;
use lanyard::io::import::{self, ImportError, frab_json, load, parse};
use lanyard::model::{DayIdx, Link, Location, Rgb, Schedule, SessionKind, Zone, schedule::palette_colour};
use proptest::prelude::*;

use crate::common::{self, at, ids, load_schedule, loc, session, stats, warnings};

fn fixture(name: &str) -> PathBuf {
    common::fixture_path("json").join(name)
}

fn load_fixture(name: &str) -> Schedule {
    load_schedule(&fixture(name))
}

fn fixture_error(name: &str) -> ImportError {
    match load(&fixture(name)) {
        Ok(schedule) => panic!("{name} should be refused, got {:?}", schedule.stats()),
        Err(err) => err,
    }
}

fn text_error(text: &[u8]) -> ImportError {
    match parse(text, "schedule.json") {
        Ok(schedule) => panic!("should be refused, got {:?}", schedule.stats()),
        Err(err) => err,
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-written fixtures.

#[test]
fn c3voc_file_with_day_change_after_midnight_and_at_four() {
    let schedule = load_fixture("c3voc.json");
    assert_eq!(schedule.stats(), stats(6, 2, 2, 2, 0), "{:?}", warnings(&schedule));
    let base = "3b3a1f6e-0c8e-4b8a-9d4e-2c7f1a5b6c0";
    let expected: Vec<String> = (1..=6).map(|n| format!("{base}{n}")).collect();
    assert_eq!(ids(&schedule), expected);

    let conference = schedule.conference();
    assert_eq!(conference.id, "39c3");
    assert_eq!(conference.name, "39th Chaos Communication Congress");
    assert_eq!(conference.acronym.as_deref(), Some("39c3"));
    assert_eq!(conference.version.as_deref(), Some("1.4 Zwieback"));
    assert_eq!(conference.url.as_deref(), Some("https://fahrplan.example.org/39c3/"));
    assert_eq!(conference.zone, Zone::from_iana("Europe/Berlin").unwrap());
    assert_eq!(conference.day_change, NaiveTime::from_hms_opt(4, 0, 0).unwrap());
    assert_eq!(conference.start_date, NaiveDate::from_ymd_opt(2027, 12, 27).unwrap());
    assert_eq!(conference.end_date, NaiveDate::from_ymd_opt(2027, 12, 28).unwrap());

    let party = session(&schedule, &format!("{base}3"));
    assert_eq!(party.starts_at, at("2027-12-28 01:30"));
    assert_eq!(party.day, DayIdx(0), "01:30 belongs to the evening before");
    assert_eq!(party.kind, SessionKind::Social);
    assert!(!party.is_recorded, "do_not_record: true");
    let early = session(&schedule, &format!("{base}4"));
    assert_eq!(early.starts_at, at("2027-12-28 04:00"));
    assert_eq!(early.day, DayIdx(1), "exactly 04:00 starts the new day");
    assert!(!early.is_recorded, "no do_not_record and no licence");
    assert_eq!(early.abstract_text, "Soldering at dawn.", "an identical description is not repeated");

    let locks = session(&schedule, &format!("{base}2"));
    assert_eq!(locks.starts_at, at("2027-12-27 11:00"));
    assert_eq!(locks.duration_mins, 60);
    assert_eq!(locks.subtitle, "A tale of three vendors");
    assert_eq!(locks.speakers, ["Mira Keller", "Jon Bauer"]);
    assert_eq!(locks.abstract_text, "We looked at three smart locks.\n\nAll of them opened.");
    assert_eq!(locks.language.as_deref(), Some("de"));
    assert!(locks.is_recorded);
    assert!(!locks.is_captioned);
    assert_eq!(schedule.track_name(locks), "Security");
    assert_eq!(schedule.room_name(locks), "Saal 1");
    assert_eq!(
        locks.links,
        [
            Link { title: "Project page".into(), url: "https://example.org/locks".into() },
            Link { title: "Event page".into(), url: "https://fahrplan.example.org/39c3/talk/LOCK02/".into() },
            Link { title: "Slides".into(), url: "https://fahrplan.example.org/system/attachments/slides.pdf".into() },
        ]
    );
    let workshop = session(&schedule, &format!("{base}6"));
    assert_eq!((workshop.kind, workshop.day, workshop.duration_mins), (SessionKind::Tutorial, DayIdx(1), 120));
    assert_eq!(session(&schedule, &format!("{base}5")).speakers, ["Ada Nguyen"], "empty names are skipped");
    assert_eq!(session(&schedule, &format!("{base}1")).track, None, "track: null");

    let rooms: Vec<&str> = schedule.rooms().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rooms, ["Saal 1", "Saal GLITCH", "Saal ZIGZAG"], "declared order, empty room kept");
    let tracks: Vec<(&str, Rgb)> = schedule.tracks().iter().map(|t| (t.name.as_str(), t.colour)).collect();
    assert_eq!(tracks, [("Security", Rgb([0xd7, 0x28, 0x22])), ("Hardware", Rgb([0x2f, 0x80, 0xed]))]);
    assert_eq!(schedule.day_sessions(DayIdx(0)).len(), 3);
    assert_eq!(schedule.day_sessions(DayIdx(1)).len(), 3);
}

#[test]
fn pretalx_file_with_declared_rooms_tracks_numeric_ids_and_zone() {
    let schedule = load_fixture("pretalx.json");
    assert_eq!(schedule.stats(), stats(5, 2, 2, 3, 0), "{:?}", warnings(&schedule));
    assert_eq!(ids(&schedule), ["101", "102", "103", "104", "105"]);
    let conference = schedule.conference();
    assert_eq!(conference.id, "cascadia-2027");
    assert_eq!(conference.zone.name(), Some("America/Vancouver"));
    assert_eq!(conference.day_change, NaiveTime::from_hms_opt(4, 0, 0).unwrap());

    let keynote = session(&schedule, "101");
    assert_eq!(keynote.starts_at, at("2027-04-16 09:00"), "a UTC `date` is shown in the conference zone");
    assert_eq!(keynote.kind, SessionKind::Keynote);
    assert_eq!(keynote.speakers, ["Priya Raman"]);
    assert_eq!(schedule.track_name(keynote), "Community");
    let web = session(&schedule, "102");
    assert_eq!(web.speakers, ["Tom Okafor", "Lea Wong"], "public_name, else name");
    assert_eq!(web.abstract_text, "Lessons from production.\n\nLonger text.");
    assert_eq!(web.links.iter().map(|l| l.title.as_str()).collect::<Vec<_>>(), ["Repository", "Event page"]);
    let workshop = session(&schedule, "103");
    assert_eq!((workshop.kind, workshop.duration_mins, workshop.is_recorded), (SessionKind::Tutorial, 180, false));
    assert_eq!(schedule.room_name(workshop), "Workshop Room");
    let lightning = session(&schedule, "104");
    assert_eq!(
        (lightning.kind, lightning.day, lightning.starts_at),
        (SessionKind::Lightning, DayIdx(1), at("2027-04-17 09:00"))
    );
    let lunch = session(&schedule, "105");
    assert_eq!(lunch.kind, SessionKind::Break);
    assert!(lunch.links.is_empty(), "an empty url is no link");

    let rooms: Vec<&str> = schedule.rooms().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rooms, ["Main Hall", "Workshop Room", "Quiet Room"]);
    let tracks: Vec<(&str, Rgb)> = schedule.tracks().iter().map(|t| (t.name.as_str(), t.colour)).collect();
    assert_eq!(
        tracks,
        [("Web", Rgb([0x2f, 0x80, 0xed])), ("Data", Rgb([0x27, 0xa0, 0x6b])), ("Community", Rgb([0xc2, 0x3b, 0x7a])),]
    );
}

#[test]
fn no_zone_name_uses_the_shared_offset_with_a_warning() {
    let schedule = load_fixture("no_zone.json");
    assert_eq!(schedule.stats(), stats(2, 1, 2, 0, 1));
    assert_eq!(schedule.conference().zone.name(), Some("Etc/GMT-2"));
    let warning = &schedule.warnings()[0];
    assert!(warning.message.contains("names no time zone") && warning.message.contains("+02:00"), "{warning}");
    assert_eq!(warning.location, loc(5, 19), "points at the conference");
    assert_eq!(session(&schedule, "fest-1").starts_at, at("2027-06-10 18:00"));
    assert_eq!(session(&schedule, "fest-1").kind, SessionKind::Social);
    let morning = session(&schedule, "fest-2");
    assert_eq!((morning.starts_at, morning.day), (at("2027-06-11 09:30"), DayIdx(1)));
    assert_eq!(morning.speakers, ["Bo Berg"], "bare-string persons");
    assert_eq!(
        morning.links,
        [Link { title: "https://example.org/slides".into(), url: "https://example.org/slides".into() }],
        "bare-string links"
    );
}

/// Decision: a file without a zone name whose dates use several offsets (here across the end of
/// summer time) is floating, every event keeping the wall-clock time its `date` was written in,
/// with a warning asking the user to set the zone. Guessing a named zone from offsets is unsafe.
#[test]
fn mixed_offsets_across_a_dst_change_are_floating_with_a_warning() {
    let schedule = load_fixture("mixed_offsets.json");
    assert_eq!(schedule.stats(), stats(3, 1, 2, 0, 1));
    assert_eq!(schedule.conference().zone, Zone::Floating);
    let warning = &schedule.warnings()[0].message;
    assert!(warning.contains("several UTC offsets (+01:00, +02:00)") && warning.contains("floating"), "{warning}");
    assert_eq!(schedule.conference().day_change, NaiveTime::from_hms_opt(4, 0, 0).unwrap());
    let starts: Vec<(NaiveDateTime, DayIdx)> = ["a-1", "a-2", "a-3"]
        .iter()
        .map(|id| {
            let s = session(&schedule, id);
            (s.starts_at, s.day)
        })
        .collect();
    assert_eq!(
        starts,
        [(at("2027-10-30 10:00"), DayIdx(0)), (at("2027-10-31 01:30"), DayIdx(0)), (at("2027-10-31 10:00"), DayIdx(1)),]
    );
}

#[test]
fn duplicate_guids_and_ids_are_all_kept_and_warned() {
    let schedule = load_fixture("duplicates.json");
    assert_eq!(schedule.stats(), stats(5, 1, 2, 0, 3));
    let titles = |id: &str| session(&schedule, id).title.clone();
    assert_eq!(titles("dup-guid"), "Rust Workshop (morning)");
    assert_eq!(titles("dup-guid#2"), "Rust Workshop (afternoon)");
    assert_eq!(titles("dup-guid#3"), "Rust Workshop (Sunday)");
    assert_eq!(titles("9"), "Same id A");
    assert_eq!(titles("9#2"), "Same id B", "a string id equals the same number");
    let locations: Vec<Option<Location>> = schedule.warnings().iter().map(|w| w.location).collect();
    assert_eq!(locations, [loc(12, 12), loc(14, 12), loc(18, 12)], "each duplicate at its event");
    assert!(schedule.warnings().iter().all(|w| w.message.contains("duplicate session id")));
}

#[test]
fn null_fields_are_defaults() {
    let schedule = load_fixture("nulls.json");
    assert_eq!(schedule.stats(), stats(2, 1, 1, 0, 1));
    let conference = schedule.conference();
    assert_eq!(
        (conference.id.as_str(), conference.acronym.as_deref(), conference.version.as_deref()),
        ("null-conf", None, None)
    );
    assert_eq!(conference.zone.name(), Some("Europe/Lisbon"));
    let all_null = session(&schedule, "501");
    assert_eq!(all_null.starts_at, at("2027-05-01 10:00"));
    assert_eq!((all_null.track, all_null.language.as_deref(), all_null.is_recorded), (None, None, false));
    assert!(all_null.speakers.is_empty() && all_null.links.is_empty() && all_null.abstract_text.is_empty());
    assert_eq!(schedule.room_name(all_null), "Sala A", "room: null takes the room list's name");
    let untitled = session(&schedule, "n-2");
    assert_eq!(untitled.title, "Untitled event");
    assert_eq!(untitled.speakers, ["Only Name", "Full Name"]);
    assert_eq!(untitled.links, [Link { title: "https://example.org/x".into(), url: "https://example.org/x".into() }]);
    assert_eq!(schedule.warnings()[0].message, "event \"n-2\" has no title");
    assert_eq!(schedule.warnings()[0].location, loc(23, 13));
}

#[test]
fn ids_may_be_numbers_or_strings_and_fall_back_to_a_content_hash() {
    let schedule = load_fixture("ids.json");
    assert_eq!(schedule.stats(), stats(7, 1, 1, 0, 0));
    assert_eq!(schedule.conference().id, "identity-crisis-conf", "no acronym: slug of the title");
    assert_eq!(schedule.conference().zone.name(), Some("UTC"));
    let no_id = content_id("No id at all", "Kim Lee");
    let null_ids = content_id("Null ids, numeric duration", "");
    assert!(no_id.starts_with("h-") && no_id.len() == 18);
    assert_eq!(ids(&schedule), ["42", "43", "44", "45", "46", no_id.as_str(), null_ids.as_str()]);
    assert_eq!(session(&schedule, &null_ids).duration_mins, 30, "a numeric duration is minutes");
    assert_eq!(session(&schedule, "44").starts_at, at("2027-03-01 10:00"));
}

#[test]
fn html_abstracts_become_text_and_translations_pick_english() {
    let schedule = load_fixture("html.json");
    assert_eq!(schedule.stats(), stats(4, 1, 1, 0, 0));
    assert_eq!(session(&schedule, "h-1").title, "Café & Code");
    assert_eq!(session(&schedule, "h-1").abstract_text, "First & bold.\n\nSecond\nline\n\n• one\n• two");
    assert_eq!(session(&schedule, "h-2").abstract_text, "Identical");
    assert_eq!(session(&schedule, "h-3").abstract_text, "Plain <text> – — done");
    let translated = session(&schedule, "h-4");
    assert_eq!(translated.title, "Translated title");
    assert_eq!(translated.abstract_text, "Résumé\n\na < b and <unclosed");
}

#[test]
fn empty_rooms_and_days_hold_no_sessions() {
    let schedule = load_fixture("empty_rooms.json");
    assert_eq!(schedule.stats(), stats(1, 1, 1, 0, 0));
    let rooms: Vec<&str> = schedule.rooms().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rooms, ["Declared Only", "Empty One", "Busy", "Empty Two"]);
    assert_eq!(session(&schedule, "e-1").starts_at, at("2027-01-31 10:00"));
    assert_eq!(schedule.conference().start_date, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap());
}

#[test]
fn long_missing_and_unreadable_durations() {
    let schedule = load_fixture("long_durations.json");
    assert_eq!(schedule.stats(), stats(7, 1, 1, 0, 3));
    let minutes: Vec<(&str, u32)> = ["d-1", "d-2", "d-3", "d-4", "d-5", "d-6", "d-7"]
        .iter()
        .map(|id| (*id, session(&schedule, id).duration_mins))
        .collect();
    assert_eq!(
        minutes,
        [("d-1", 1560), ("d-2", 59_940), ("d-3", 31), ("d-4", 1590), ("d-5", 0), ("d-6", 0), ("d-7", 0)]
    );
    assert_eq!(session(&schedule, "d-2").ends_at(), at("2027-08-12 01:00"), "999 h later");
    assert_eq!(
        warnings(&schedule),
        [
            "14:11: event \"d-5\" has no duration: shown as 0 minutes",
            "15:11: event \"d-6\" has duration \"ab:cd\", not HH:MM: shown as 0 minutes",
            "16:11: event \"d-7\" has duration \"99999999999:00\", not HH:MM: shown as 0 minutes",
        ]
    );
}

#[test]
fn legacy_frab_without_dates_uses_day_date_start_and_day_change() {
    let schedule = load_fixture("frab_legacy.json");
    assert_eq!(schedule.stats(), stats(5, 1, 2, 0, 2), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().start_date, NaiveDate::from_ymd_opt(2027, 8, 12).unwrap(), "date-time start");
    let placed: Vec<(&str, NaiveDateTime, DayIdx)> =
        schedule.sessions().iter().map(|s| (s.id.as_str(), s.starts_at, s.day)).collect();
    assert_eq!(
        placed,
        [
            ("1", at("2027-08-12 20:00"), DayIdx(0)),
            ("2", at("2027-08-13 01:30"), DayIdx(0)),
            ("3", at("2027-08-13 02:00"), DayIdx(0)),
            ("4", at("2027-08-13 04:00"), DayIdx(1)),
            ("5", at("2027-08-13 10:00"), DayIdx(1)),
        ]
    );
    assert_eq!(
        warnings(&schedule),
        [
            "18:12: event \"3\" has date \"not a date\", not an ISO date-time: the day's date and \"start\" are used",
            "23:12: event \"5\" is listed under room \"Village\" but names room \"Lagerfeuer\": shown in \"Village\"",
        ]
    );
}

#[test]
fn a_day_start_at_the_first_slot_is_not_taken_as_the_day_change() {
    let schedule = load_fixture("day_start_first_event.json");
    assert_eq!(schedule.stats(), stats(3, 1, 2, 0, 0));
    assert_eq!(schedule.conference().day_change, NaiveTime::MIN);
    assert_eq!(session(&schedule, "f-2").day, DayIdx(1), "08:30 stays on the day the file lists it under");
}

#[test]
fn valid_json_that_is_not_a_schedule_is_refused_at_the_start() {
    for (name, expected) in [
        ("not_schedule_empty_object.json", "not a schedule.json: there is no \"schedule\" object"),
        ("not_schedule_array.json", "not a schedule.json: the file is a list, not an object"),
        ("not_schedule_number.json", "not a schedule.json: \"schedule\" is a number, not an object"),
        ("no_conference.json", "not a schedule.json: \"schedule\" has no \"conference\" object"),
    ] {
        let err = fixture_error(name);
        assert_eq!(err.to_string(), expected, "{name}");
        assert_eq!(err.location(), loc(1, 1), "{name}");
    }
    let err = fixture_error("pretalx_api_response.json");
    assert!(err.to_string().contains("pretalx API response"), "{err}");
    let err = text_error(br#"{"schedule": {"conference": {"title": "No days"}}}"#);
    assert_eq!(err.to_string(), "not a schedule.json: \"conference\" has no \"days\" list");
    let err = text_error(br#"{"schedule": {"conference": "x"}}"#);
    assert_eq!(err.to_string(), "not a schedule.json: \"conference\" is a string, not an object");
    assert!(matches!(text_error(b"  \n"), ImportError::Empty));
}

#[test]
fn truncated_json_is_an_error_at_the_end() {
    let err = fixture_error("truncated.json");
    assert!(err.to_string().contains("ends too early"), "{err}");
    assert_eq!(err.location(), loc(37, 22));
    // Every prefix of a valid file is refused or read, never a panic.
    let bytes = std::fs::read(fixture("c3voc.json")).unwrap();
    for cut in (0..bytes.len()).step_by(7) {
        frab_json::parse(bytes.get(..cut).unwrap(), &|_| {}).ok();
    }
}

#[test]
fn nul_bytes_and_invalid_utf8_are_located_errors() {
    let err = fixture_error("nul_byte.json");
    assert!(err.to_string().contains("control character"), "{err}");
    assert_eq!(err.location(), loc(1, 59));
    let err = text_error(b"{\"schedule\": \x00}");
    assert!(err.to_string().starts_with("invalid JSON"), "{err}");
    let err = text_error(b"{\"schedule\": {\n  \"version\": \"caf\xC3\xA9 \xFF\"}}");
    assert_eq!((err.to_string().as_str(), err.location()), ("the file is not UTF-8 text", loc(2, 20)));
    // An escaped NUL is valid JSON and is kept.
    let text = br#"{"schedule": {"conference": {"days": [{"date": "2027-01-01", "rooms": {"R": [
        {"guid": "g", "start": "10:00", "duration": "00:10", "title": "a\u0000b"}]}}]}}}"#;
    assert_eq!(parse(text, "x.json").unwrap().sessions()[0].title, "a\0b");
}

#[test]
fn syntax_errors_carry_character_columns() {
    let text = "{\"schedule\": {\"version\": \"ééé\",\n  \"conference\": {\"title\": \"ü\" \"x\"}}}";
    let err = text_error(text.as_bytes());
    assert_eq!(err.location(), loc(2, 31));
    assert!(err.to_string().starts_with("invalid JSON: expected `,` or `}`"), "{err}");
    let path = PathBuf::from("s.json");
    assert!(err.display_with_path(&path).starts_with("s.json:2:31: error: invalid JSON"));
}

#[test]
fn per_event_errors_point_at_the_event() {
    let err = fixture_error("negative_duration.json");
    assert_eq!(
        (err.to_string().as_str(), err.location()),
        ("event \"neg\" has a negative duration \"-00:30\"", loc(4, 5))
    );
    let err = fixture_error("no_start.json");
    assert!(err.to_string().starts_with("event \"nowhen\" has no usable start"), "{err}");
    assert_eq!(err.location(), loc(4, 7));
    let err = text_error(
        br#"{"schedule": {"conference": {"time_zone_name": "UTC", "days": [{"date": "2027-01-01", "rooms": {"R": [
  {"guid": "a", "date": "2027-01-01T10:00:00Z", "end": "2027-01-01T09:00:00Z", "title": "Backwards"}]}}]}}}"#,
    );
    assert_eq!(err.location(), loc(2, 3));
    assert!(err.to_string().contains("ends before it starts"), "{err}");
    let err = text_error(br#"{"schedule": {"conference": {"days": [{"rooms": {"R": [5]}}]}}}"#);
    assert!(err.to_string().contains("expected an event object"), "{err}");
    assert_eq!(err.location(), loc(1, 56), "at the 5");
}

#[test]
fn unknown_zone_and_bad_colours_and_dates_are_warnings() {
    let text = br##"{"schedule": {"conference": {"title": "W", "time_zone_name": "Mars/Olympus",
        "start": "someday", "day_change": "late", "tracks": [{"name": "T", "color": "orange"}, {"name": "U"}],
        "days": [{"date": "2027-01-01", "day_start": "x", "rooms": {"R": [
        {"guid": "g", "date": "2027-01-01T10:00:00+05:30", "duration": "00:10", "title": "a", "track": "T"}]}}]}}}"##;
    let schedule = parse(text, "x.json").unwrap();
    let messages = warnings(&schedule);
    assert_eq!(
        messages,
        [
            "2:18: conference start \"someday\" is not a date (YYYY-MM-DD): ignored",
            "2:61: track \"T\" has colour \"orange\", not #rrggbb: a palette colour is used",
            "1:62: \"Mars/Olympus\" is not an IANA time zone name: ignored",
            "1:62: the file names no time zone: times are shown as written (floating); set the conference zone in lanyard",
            "2:43: day_change \"late\" is not a time of day (HH:MM): ignored",
        ]
    );
    assert_eq!(schedule.conference().zone, Zone::Floating, "+05:30 has no Etc zone");
    assert_eq!(schedule.sessions()[0].starts_at, at("2027-01-01 10:00"));
    assert_eq!(schedule.tracks()[0].colour, palette_colour(0));
    assert_eq!(schedule.tracks()[1].colour, palette_colour(1));
}

#[test]
fn year_9999_and_hostile_durations_do_not_panic() {
    let text = br#"{"schedule": {"conference": {"time_zone_name": "Europe/Brussels", "days": [{"date": "9999-12-31", "rooms": {"R": [
        {"guid": "end-of-time", "date": "9999-12-31T23:30:00+01:00", "duration": "999:00", "title": "Last"},
        {"guid": "late", "start": "23:59", "duration": "4294967295", "title": "Max minutes"},
        {"guid": "early", "date": "0000-01-01T00:00:00-12:00", "duration": "00:10", "title": "First"}]}}]}}}"#;
    let schedule = parse(text, "x.json").unwrap();
    assert_eq!(schedule.stats().events, 3);
    let last = session(&schedule, "end-of-time");
    assert_eq!((last.starts_at, last.duration_mins), (at("9999-12-31 23:30"), 59_940));
    assert!(last.ends_at() > last.starts_at);
    assert_eq!(session(&schedule, "late").duration_mins, u32::MAX);
}

#[test]
fn progress_is_reported_after_parsing_and_while_building() {
    let calls = RefCell::new(Vec::new());
    let bytes = generated(500, 2, 3);
    import::parse_with_progress(bytes.as_bytes(), "schedule.json", &|p| calls.borrow_mut().push(p)).unwrap();
    let calls = calls.into_inner();
    assert!(calls.contains(&0.5), "{calls:?}");
    assert!(calls.iter().any(|&p| p > 0.5 && p < 1.0), "{calls:?}");
    assert!(calls.windows(2).all(|w| w[0] <= w[1]), "monotonic: {calls:?}");
    assert!(calls.len() <= 60, "a few dozen calls, not one per event: {}", calls.len());
}

// ---------------------------------------------------------------------------------------------
// Deep nesting.

const DEEP: usize = 200_000;

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let open = "[".repeat(DEEP);
    assert!(frab_json::parse(open.as_bytes(), &|_| {}).is_err());
    let under_schedule = format!("{{\"schedule\": {open}");
    assert!(frab_json::parse(under_schedule.as_bytes(), &|_| {}).is_err());
    let in_days = format!("{{\"schedule\": {{\"conference\": {{\"days\": {open}");
    assert!(frab_json::parse(in_days.as_bytes(), &|_| {}).is_err());
    let objects = format!("{{\"schedule\": {{\"conference\": {{\"title\": {}", "{\"en\": ".repeat(DEEP));
    let err = frab_json::parse(objects.as_bytes(), &|_| {}).unwrap_err();
    assert_eq!(err.to_string(), "the JSON is nested too deeply");
}

#[test]
fn deep_but_closed_nesting_in_an_ignored_field_is_read() {
    let deep = format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let text = format!(
        "{{\"schedule\": {{\"conference\": {{\"meta\": {deep}, \"days\": [{{\"date\": \"2027-01-01\", \"rooms\": {{\"R\": [\
         {{\"guid\": \"g\", \"start\": \"10:00\", \"duration\": \"00:10\", \"title\": \"t\", \"x\": {deep}}}]}}}}]}}}}}}"
    );
    let schedule = frab_json::parse(text.as_bytes(), &|_| {}).unwrap();
    assert_eq!(schedule.stats().events, 1);
    // Scanning deep text still locates warnings.
    let warned = text.replace("\"00:10\"", "\"later\"");
    let schedule = frab_json::parse(warned.as_bytes(), &|_| {}).unwrap();
    assert_eq!(schedule.warnings().len(), 2, "no zone, bad duration");
    let event_col = u32::try_from(warned.find("{\"guid\"").unwrap() + 1).unwrap();
    assert_eq!(schedule.warnings()[1].location, loc(1, event_col));
}

// ---------------------------------------------------------------------------------------------
// Generated files.

/// A schedule.json with `events` events spread over `days` days and `rooms` rooms. Each room's
/// events start a minute apart from 08:00, so large files run past midnight: the file's 04:00
/// `day_start` keeps those on their day. Ids encode the listed day: `d{day}-r{room}-k{n}`.
fn generated(events: usize, days: usize, rooms: usize) -> String {
    let first_day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let mut out = String::with_capacity(events * 260 + 1024);
    out.push_str(
        r##"{"$schema": "https://c3voc.de/schedule/schema.json", "schedule": {"version": "gen", "base_url": "https://example.org/",
"conference": {"acronym": "gen", "title": "Generated", "time_zone_name": "Europe/Brussels", "tracks": [{"name": "T0", "color": "#112233"}],
"days": ["##,
    );
    let buckets = days * rooms;
    for day in 0..days {
        let date = first_day + Duration::days(i64::try_from(day).unwrap());
        if day > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "\n{{\"index\": {}, \"date\": \"{date}\", \"day_start\": \"{date}T04:00:00+01:00\", \"rooms\": {{",
            day + 1
        ));
        for room in 0..rooms {
            let bucket = day * rooms + room;
            let count = events / buckets + usize::from(bucket < events % buckets);
            if room > 0 {
                out.push(',');
            }
            out.push_str(&format!("\"Room {room}\": ["));
            for n in 0..count {
                let start = date.and_hms_opt(8, 0, 0).unwrap() + Duration::minutes(i64::try_from(n).unwrap());
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&format!(
                    "\n{{\"guid\": \"d{day}-r{room}-k{n}\", \"id\": {}, \"date\": \"{}+01:00\", \"start\": \"{}\", \
                     \"duration\": \"00:20\", \"room\": \"Room {room}\", \"title\": \"Talk {n}\", \"track\": \"T{}\", \
                     \"type\": \"lecture\", \"persons\": [{{\"public_name\": \"Speaker {n}\"}}], \"links\": []}}",
                    bucket * events + n,
                    start.format("%Y-%m-%dT%H:%M:%S"),
                    start.format("%H:%M"),
                    n % 7,
                ));
            }
            out.push(']');
        }
        out.push_str("}}");
    }
    out.push_str("]}}}\n");
    out
}

/// Checks counts, and that every session is where its id says, by parsing the id back.
fn check_generated(events: usize, days: usize, rooms: usize) -> std::time::Duration {
    let text = generated(events, days, rooms);
    let started = Instant::now();
    let schedule = parse(text.as_bytes(), "generated.json").unwrap();
    let took = started.elapsed();
    assert_eq!(schedule.stats(), stats(events, rooms, days, 7.min(events), 0));
    let first_day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    for session in schedule.sessions() {
        let parts: Vec<usize> =
            session.id.as_str().split('-').map(|part| part.get(1..).unwrap().parse().unwrap()).collect();
        let [day, room, n] = parts.as_slice() else { panic!("{}", session.id) };
        let start = (first_day + Duration::days(i64::try_from(*day).unwrap())).and_hms_opt(8, 0, 0).unwrap()
            + Duration::minutes(i64::try_from(*n).unwrap());
        assert_eq!(
            (session.starts_at, session.day, session.duration_mins),
            (start, DayIdx(u32::try_from(*day).unwrap()), 20)
        );
        assert_eq!(schedule.room_name(session), format!("Room {room}"));
    }
    took
}

#[test]
fn generated_1k_events() {
    let took = check_generated(1_000, 3, 4);
    eprintln!("1,000 events imported in {took:?}");
}

#[test]
fn generated_100k_events_past_midnight() {
    // 100,000 events in 5 days × 20 rooms: each room runs from 08:00 to 00:39 the next morning.
    let took = check_generated(100_000, 5, 20);
    eprintln!("100,000 events imported in {took:?}");
}

// ---------------------------------------------------------------------------------------------
// Properties.

/// Values that have broken importers before, put in place of one field.
fn hostile_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    prop::sample::select(vec![
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1e308),
        json!(u64::MAX),
        json!(""),
        json!("9999-12-31T23:59:59+14:00"),
        json!("0000-01-01T00:00:00-12:00"),
        json!("2027-12-28T25:61:00+01:00"),
        json!("2027-12-28T10:00:00+23:59"),
        json!("999:00"),
        json!("-00:30"),
        json!("4294967295:59"),
        json!("25:61"),
        json!("\u{0}"),
        json!("💥"),
        json!("Europe/Atlantis"),
        json!([]),
        json!({}),
        json!([[[[]]]]),
        json!({"en": {"de": "x"}}),
        json!([null, 1, "a", {}]),
        json!("12345678901234567890123456789"),
    ])
}

fn mutate(original: &[u8], ops: &[(prop::sample::Index, u8, u8)]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for (index, kind, byte) in ops {
        let i = index.index(bytes.len().max(1));
        match kind % 4 {
            0 if i < bytes.len() => bytes[i] = *byte,
            1 => bytes.insert(i.min(bytes.len()), *byte),
            2 if i < bytes.len() => {
                bytes.remove(i);
            }
            _ => bytes.truncate(i),
        }
    }
    bytes
}

fn json_byte() -> impl Strategy<Value = u8> {
    prop_oneof![any::<u8>(), prop::sample::select(b"{}[]\":,-0123456789.eE\\ntfu \n\x00".to_vec())]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        frab_json::parse(&bytes, &|_| {}).ok();
    }

    #[test]
    fn arbitrary_json_like_text_never_panics(bytes in prop::collection::vec(json_byte(), 0..512)) {
        frab_json::parse(&bytes, &|_| {}).ok();
    }

    #[test]
    fn byte_mutations_of_a_valid_file_never_panic(
        ops in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), json_byte()), 1..6),
    ) {
        let original = std::fs::read(fixture("c3voc.json")).unwrap();
        let bytes = mutate(&original, &ops);
        if let Ok(schedule) = frab_json::parse(&bytes, &|_| {}) {
            prop_assert!(schedule.sessions().iter().all(|s| s.day.index() < schedule.days().len()));
        }
    }

    #[test]
    fn hostile_event_fields_keep_every_event_or_fail_cleanly(
        event in 0..6_usize,
        field in prop::sample::select(vec![
            "guid", "id", "date", "start", "end", "duration", "room", "title", "track", "type", "language",
            "abstract", "description", "persons", "links", "attachments", "do_not_record", "recording_license", "url",
        ]),
        value in hostile_value(),
    ) {
        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(fixture("c3voc.json")).unwrap()).unwrap();
        let days = json.pointer_mut("/schedule/conference/days").unwrap().as_array_mut().unwrap();
        let mut all_events: Vec<&mut serde_json::Value> = days
            .iter_mut()
            .flat_map(|day| day["rooms"].as_object_mut().unwrap().values_mut())
            .flat_map(|room| room.as_array_mut().unwrap().iter_mut())
            .collect();
        all_events[event][field] = value;
        let text = serde_json::to_vec_pretty(&json).unwrap();
        if let Ok(schedule) = frab_json::parse(&text, &|_| {}) {
            prop_assert_eq!(schedule.stats().events, 6, "every event becomes exactly one session");
        }
    }

    #[test]
    fn hostile_conference_and_day_fields_never_panic(
        pointer in prop::sample::select(vec![
            "/schedule/conference/time_zone_name", "/schedule/conference/start", "/schedule/conference/day_change",
            "/schedule/conference/rooms", "/schedule/conference/tracks", "/schedule/conference/title",
            "/schedule/conference/days/0/date", "/schedule/conference/days/1/day_start",
            "/schedule/conference/days/0/rooms", "/schedule/version", "/schedule/base_url",
        ]),
        value in hostile_value(),
    ) {
        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(fixture("c3voc.json")).unwrap()).unwrap();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        match json.pointer_mut(parent).unwrap() {
            serde_json::Value::Object(map) => {
                map.insert(key.to_owned(), value);
            }
            other => other[key.parse::<usize>().unwrap()] = value,
        }
        let text = serde_json::to_vec(&json).unwrap();
        frab_json::parse(&text, &|_| {}).ok();
    }
}
