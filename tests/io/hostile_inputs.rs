//! Hostile inputs for every importer (lanyard RON, frab XML, schedule.json, iCalendar) and every
//! document loader (plan, roster, settings): entity expansion, 200,000-deep nesting, NUL bytes
//! and invalid UTF-8, year 9999 and 999-hour durations, negative durations, huge single lines
//! and repeating events. Each is refused, or read, without a panic, a hang or a stack overflow.
//!
//! Every input also goes through the fuzz targets' checks (`fuzz/checks.rs`), so what is read
//! must survive the native and .ics round trips. Parsing runs on a thread with the 2 MiB stack
//! the app's import thread has, under a time limit. Big files and memory are measured in
//! `tests/hostile_big_files.rs`; images and paths in `tests/io/hostile_images.rs`.
//!
//! Regression tests for what fuzzing found are at the end.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::Path;
use std::time::{Duration, Instant};

use lanyard::io::export::ical;
use lanyard::io::import::{self, ImportError};
use lanyard::io::settings::Settings;
use lanyard::io::store::{Document, StoreError, parse_document};
use lanyard::model::roster::Roster;
use lanyard::model::{Edit, Plan, Priority, Schedule, Timeline};

use crate::checks;

/// The stack of a thread spawned with `std::thread::Builder` and no size: what the app's
/// import, export and save threads have.
const APP_THREAD_STACK: usize = 2 * 1024 * 1024;

/// Runs `f` on a thread with the app's stack, failing the test if it takes more than `limit`.
fn bounded<T: Send + 'static>(what: &str, limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(format!("hostile {what}"))
        .stack_size(APP_THREAD_STACK)
        .spawn(move || send.send(f()).ok())
        .unwrap();
    match receive.recv_timeout(limit) {
        Ok(value) => value,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("{what} did not finish within {limit:?}"),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{what} panicked after {:?} (its message is above)", start.elapsed())
        }
    }
}

const LIMIT: Duration = Duration::from_secs(60);

/// Parses `bytes` as a schedule (format detected from the content) on a bounded thread, then runs
/// every fuzz check that applies, and returns the result.
fn schedule(what: &str, bytes: Vec<u8>) -> Result<Schedule, String> {
    bounded(what, LIMIT, move || {
        for target in ["schedule_native", "schedule_xml", "schedule_json", "schedule_ical", "ics_roundtrip"] {
            checks::run(target, &bytes);
        }
        let result = import::parse(&bytes, "hostile").map_err(|e| e.to_string());
        if let Ok(schedule) = &result {
            exercise(schedule);
        }
        result
    })
}

/// What the app does with a schedule once it is open: pick everything, build the timeline, export
/// the schedule and the picks. None of it may panic, whatever the times.
fn exercise(schedule: &Schedule) {
    let mut plan = Plan::new(schedule.conference().id.clone());
    for session in schedule.sessions() {
        plan.apply(schedule, Edit::Pick { session_id: session.id.clone(), priority: Priority::Must }).unwrap();
    }
    let timeline = Timeline::build(schedule, &plan);
    assert_eq!(timeline.items().len(), schedule.sessions().len());
    for session in schedule.sessions() {
        assert!(session.ends_at() >= session.starts_at, "{} ends before it starts", session.id);
    }
    let ics = ical::schedule_to_ics(schedule);
    let picks = ical::plan_to_ics(schedule, &plan);
    for text in [&ics, &picks] {
        // iCalendar cannot write years past 9999; the export clamps rather than overflows.
        assert!(!text.contains("DTSTART:1000") && !text.contains("DTEND:1000"), "a five-digit year was written");
    }
}

/// Loads `bytes` as a document of type `D` on a bounded thread, with the fuzz check for it.
fn document<D: Document + Send + 'static>(what: &str, bytes: Vec<u8>) -> Result<D, StoreError> {
    bounded(what, LIMIT, move || {
        for target in ["plan_loader", "settings_loader", "roster_loader"] {
            checks::run(target, &bytes);
        }
        parse_document::<D>(&bytes, Path::new("hostile.ron"))
    })
}

/// Every document type on the same bytes; returns whether each loaded.
fn all_documents(what: &str, bytes: &[u8]) -> [bool; 3] {
    [
        document::<Plan>(what, bytes.to_vec()).is_ok(),
        document::<Roster>(what, bytes.to_vec()).is_ok(),
        document::<Settings>(what, bytes.to_vec()).is_ok(),
    ]
}

fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

/// One valid input per importer and per document type, to corrupt.
fn valid_schedules() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("ron", fixture("tests/fixtures/updates/minicon-v1.ron")),
        ("xml", fixture("tests/fixtures/xml/fosdem_guid.xml")),
        ("json", fixture("tests/fixtures/json/pretalx.json")),
        ("ics", fixture("tests/fixtures/ics/pretalx.ics")),
    ]
}

fn valid_documents() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("plan", fixture("tests/fixtures/plan_v1.ron")),
        ("roster", fixture("tests/fixtures/roster/roster_v1.ron")),
        ("settings", fixture("tests/fixtures/settings_v1.ron")),
    ]
}

// ---- Entity expansion ----

#[test]
fn billion_laughs_is_not_expanded() {
    let bytes = fixture("tests/fixtures/xml/billion_laughs.xml");
    let result = schedule("billion laughs", bytes);
    if let Ok(schedule) = &result {
        for session in schedule.sessions() {
            assert!(session.title.len() < 10_000 && session.abstract_text.len() < 100_000, "{}", session.id);
        }
    }
}

#[test]
fn quadratic_blowup_and_external_entities_are_not_expanded() {
    // One 100 kB entity referenced 20,000 times would be 2 GB expanded.
    let big = "x".repeat(100_000);
    let refs = "&big;".repeat(20_000);
    let quadratic = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE schedule [<!ENTITY big \"{big}\">]>\
         <schedule><conference><title>Q</title></conference><day index=\"1\" date=\"2027-04-16\">\
         <room name=\"A\"><event guid=\"e1\"><date>2027-04-16T10:00:00+02:00</date><start>10:00</start>\
         <duration>00:30</duration><title>{refs}</title></event></room></day></schedule>"
    );
    let result = schedule("quadratic blowup", quadratic.into_bytes());
    if let Ok(schedule) = &result {
        assert!(schedule.sessions().iter().all(|s| s.title.len() <= 200_000), "the entity was expanded");
    }
    // An external entity must never be read (XXE).
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE schedule [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\
               <schedule><conference><title>&xxe;</title></conference><day index=\"1\" date=\"2027-04-16\">\
               <room name=\"A\"><event guid=\"e1\"><date>2027-04-16T10:00:00+02:00</date><start>10:00</start>\
               <duration>00:30</duration><title>T &xxe;</title><abstract>&xxe;</abstract></event></room></day></schedule>";
    if let Ok(schedule) = schedule("external entity", xxe.as_bytes().to_vec()) {
        let text = lanyard::io::import::native::write(&schedule).unwrap();
        assert!(!text.contains("root:"), "the external entity was read");
    }
}

// ---- 200,000-deep nesting ----

const DEEP: usize = 200_000;

#[test]
fn nesting_200000_deep_is_refused_without_overflowing_the_stack() {
    let nested = |prefix: &str, open: &str, close: &str, suffix: &str| {
        format!("{prefix}{}{}{suffix}", open.repeat(DEEP), close.repeat(DEEP)).into_bytes()
    };
    let unclosed = |prefix: &str, open: &str| format!("{prefix}{}", open.repeat(DEEP)).into_bytes();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("ron parentheses", unclosed("", "(")),
        ("ron lists", unclosed("(version: 1, conference: (id: \"a\", name: \"b\"), sessions: ", "[")),
        ("ron closed", nested("(version: 1, conference: (id: \"a\", name: \"b\"), rooms: ", "[", "]", ")")),
        ("ron options", unclosed("(version: 1, conference: (id: \"a\", name: \"b\", venue: ", "Some(")),
        ("xml elements", nested("<schedule>", "<a>", "</a>", "</schedule>")),
        ("xml unclosed", unclosed("<schedule><conference>", "<title>")),
        ("json arrays", nested("", "[", "]", "")),
        ("json objects", unclosed("{\"schedule\":", "{\"a\":")),
        ("json in events", unclosed("{\"schedule\":{\"conference\":{\"days\":[{\"rooms\":{\"A\":", "[")),
        ("ics components", unclosed("BEGIN:VCALENDAR\r\n", "BEGIN:VEVENT\r\n")),
        ("ics closed", nested("BEGIN:VCALENDAR\r\n", "BEGIN:X-A\r\n", "END:X-A\r\n", "END:VCALENDAR\r\n")),
    ];
    for (what, bytes) in cases {
        let result = schedule(what, bytes);
        assert!(result.is_err() || result.as_ref().is_ok_and(|s| s.sessions().is_empty()), "{what}");
    }
    for (what, bytes) in [
        ("document parentheses", unclosed("", "(")),
        ("plan picks", unclosed("(version: 1, conference: \"c\", picks: ", "{")),
        ("roster booths", unclosed("(version: 1, id: \"r\", booths: ", "[")),
        ("settings", nested("(version: 1, zone_overrides: ", "{", "}", ")")),
    ] {
        assert_eq!(all_documents(what, &bytes), [false; 3], "{what}");
    }
}

// ---- NUL bytes and invalid UTF-8 ----

const BAD_BYTES: &[&[u8]] = &[
    b"\0",
    b"\0\0\0\0",
    b"\xff",
    b"\xfe\xff",
    b"\xc3\x28",         // a broken two-byte sequence
    b"\xc0\xaf",         // an overlong '/'
    b"\xed\xa0\x80",     // a UTF-16 surrogate
    b"\xf4\x90\x80\x80", // past U+10FFFF
    b"\xe2\x82",         // truncated
];

/// Positions to corrupt: the start, the end, and inside titles, ids and times.
fn positions(bytes: &[u8]) -> Vec<usize> {
    let text = String::from_utf8_lossy(bytes);
    let mut at = vec![0, bytes.len(), bytes.len() / 2];
    for needle in ["title", "id", "2027", "SUMMARY", "DTSTART", "version", "\"", ">", ":"] {
        if let Some(i) = text.find(needle) {
            at.push(i + needle.len() / 2);
        }
    }
    at.retain(|&i| i <= bytes.len());
    at
}

#[test]
fn nul_bytes_and_invalid_utf8_never_panic() {
    for (format, valid) in valid_schedules() {
        for bad in BAD_BYTES {
            for at in positions(&valid) {
                let mut bytes = valid.clone();
                bytes.splice(at..at, bad.iter().copied());
                schedule(&format!("{format} with {bad:?} at {at}"), bytes).ok();
            }
        }
    }
    for (kind, valid) in valid_documents() {
        for bad in BAD_BYTES {
            for at in positions(&valid) {
                let mut bytes = valid.clone();
                bytes.splice(at..at, bad.iter().copied());
                let [plan, roster, settings] = all_documents(&format!("{kind} with {bad:?} at {at}"), &bytes);
                // A document that is not UTF-8 is refused, never half-read.
                if std::str::from_utf8(&bytes).is_err() {
                    assert!(!plan && !roster && !settings, "{kind} with {bad:?} at {at} loaded");
                }
            }
        }
    }
}

#[test]
fn a_document_that_is_not_utf8_names_the_line_and_column() {
    let mut bytes = fixture("tests/fixtures/plan_v1.ron");
    let at = String::from_utf8_lossy(&bytes).find("Life after").unwrap();
    bytes.splice(at..at, b"\xff".iter().copied());
    let err = document::<Plan>("plan with 0xff", bytes).unwrap_err();
    assert!(matches!(&err, StoreError::Corrupt { location, .. } if location.line == 6), "{err}");
}

// ---- Year 9999, 999-hour and negative durations ----

fn native_with(start: &str, minutes: &str) -> Vec<u8> {
    format!(
        "(version: 1, conference: (id: \"far\", name: \"Far\", time_zone: \"Europe/Brussels\"), \
         rooms: [(id: \"a\", name: \"A\")], \
         sessions: [(id: \"s1\", title: \"T\", room: \"a\", start: \"{start}\", minutes: {minutes})])"
    )
    .into_bytes()
}

fn xml_with(date: &str, start: &str, duration: &str) -> Vec<u8> {
    format!(
        "<schedule><conference><title>Far</title><time_zone_name>Europe/Brussels</time_zone_name></conference>\
         <day index=\"1\" date=\"{}\"><room name=\"A\"><event guid=\"e1\" id=\"1\"><date>{date}</date>\
         <start>{start}</start><duration>{duration}</duration><title>T</title></event></room></day></schedule>",
        date.get(..10).unwrap_or(date)
    )
    .into_bytes()
}

fn json_with(date: &str, start: &str, duration: &str) -> Vec<u8> {
    format!(
        "{{\"schedule\":{{\"conference\":{{\"title\":\"Far\",\"time_zone_name\":\"Europe/Brussels\",\"days\":[\
         {{\"index\":1,\"date\":\"{}\",\"rooms\":{{\"A\":[{{\"guid\":\"e1\",\"id\":1,\"date\":\"{date}\",\
         \"start\":\"{start}\",\"duration\":\"{duration}\",\"title\":\"T\",\"room\":\"A\"}}]}}}}]}}}}}}",
        date.get(..10).unwrap_or(date)
    )
    .into_bytes()
}

fn ics_with(lines: &str) -> Vec<u8> {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e1\r\nSUMMARY:T\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n")
        .into_bytes()
}

#[test]
fn year_9999_and_999_hour_durations_are_read_or_refused_without_overflow() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("ron 9999 + 999 h", native_with("9999-12-31T23:00", "59940")),
        ("ron 9999 + max minutes", native_with("9999-12-31T23:59", "4294967295")),
        ("ron year 1", native_with("0001-01-01T00:00", "59940")),
        ("xml 9999 + 999 h", xml_with("9999-12-31T23:00:00+01:00", "23:00", "999:00")),
        ("xml 9999 + 999:59", xml_with("9999-12-31T23:59:59+14:00", "23:59", "999:59")),
        ("xml year 0", xml_with("0000-01-01T00:00:00-12:00", "00:00", "999:00")),
        ("json 9999 + 999 h", json_with("9999-12-31T23:00:00+01:00", "23:00", "999:00")),
        ("json 9999 + days", json_with("9999-12-31T23:59:59+14:00", "23:59", "99:23:59:00")),
        ("ics 9999 + 999 h", ics_with("DTSTART:99991231T230000Z\r\nDURATION:PT999H\r\n")),
        ("ics 9999 + weeks", ics_with("DTSTART;TZID=Europe/Brussels:99991231T235959\r\nDURATION:P9999W\r\n")),
        ("ics 9999 end", ics_with("DTSTART:99991231T000000\r\nDTEND:99991231T235959\r\n")),
        ("ics year 0", ics_with("DTSTART:00000101T000000Z\r\nDURATION:PT999H\r\n")),
        ("ics all-day 9999", ics_with("DTSTART;VALUE=DATE:99991231\r\nDTEND;VALUE=DATE:99991231\r\n")),
    ];
    for (what, bytes) in cases {
        if let Ok(schedule) = schedule(what, bytes) {
            for session in schedule.sessions() {
                assert!(
                    session.duration_mins <= 999 * 60 + 59 || what.contains("max") || what.contains("weeks"),
                    "{what}"
                );
            }
        }
    }
    // The user's own documents far in the future.
    let plan = "(version: 1, conference: \"c\", \
        picks: {\"s\": (priority: Must, title: \"T\", starts_at: \"9999-12-31T23:59:59\")}, \
        custom_events: [(id: \"c1\", title: \"Late\", starts_at: \"9999-12-31T23:00:00\", duration_mins: 59940)], \
        blocks: [(id: \"b1\", kind: Busy, starts_at: \"9999-12-31T23:00:00\", duration_mins: 4294967295)], \
        dinners: [(id: \"d1\", title: \"D\", starts_at: \"9999-12-31T23:30:00\", duration_mins: 59940)])";
    let plan = document::<Plan>("plan in 9999", plan.as_bytes().to_vec()).unwrap();
    let schedule = import::parse(&native_with("9999-12-31T23:00", "59940"), "far.ron").unwrap();
    let timeline = Timeline::build(&schedule, &plan);
    assert!(!timeline.items().is_empty());
    ical::items_to_ics("far", &"far".into(), schedule.conference().zone, timeline.items());
    let roster = "(version: 1, id: \"r\", booths: [(id: \"b\", name: \"B\")], \
        shifts: [(id: \"s\", booth: \"b\", starts_at: \"9999-12-31T00:00:00\", ends_at: \"9999-12-31T23:59:59\")], \
        staff: [(name: \"Ann\", experience: Experienced, max_hours_per_day: 4294967295, \
                 availability: [(starts_at: \"0001-01-01T00:00:00\", ends_at: \"9999-12-31T23:59:59\")])], \
        assignments: [(shift: \"s\", person: \"Ann\")])";
    let roster = document::<Roster>("roster in 9999", roster.as_bytes().to_vec()).unwrap();
    assert_eq!(roster.shifts().len(), 1);
    roster.violations(&lanyard::model::busy::StaffBusy::default());
}

#[test]
fn negative_durations_are_refused_or_clamped() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("ron", native_with("2027-04-16T10:00", "-30")),
        ("xml fixture", fixture("tests/fixtures/xml/negative_duration.xml")),
        ("xml", xml_with("2027-04-16T10:00:00+02:00", "10:00", "-01:00")),
        ("json fixture", fixture("tests/fixtures/json/negative_duration.json")),
        ("json", json_with("2027-04-16T10:00:00+02:00", "10:00", "-01:00")),
        ("ics duration", ics_with("DTSTART:20270416T100000Z\r\nDURATION:-PT1H\r\n")),
        ("ics end first", ics_with("DTSTART:20270416T100000Z\r\nDTEND:20270416T090000Z\r\n")),
        ("ics weeks", ics_with("DTSTART:20270416T100000Z\r\nDURATION:-P9999W\r\n")),
    ];
    for (what, bytes) in cases {
        // `exercise` asserts every session read ends at or after its start.
        schedule(what, bytes).ok();
    }
    let plan = "(version: 1, conference: \"c\", custom_events: [(id: \"c1\", title: \"T\", \
                starts_at: \"2027-04-16T10:00:00\", duration_mins: -5)])";
    assert!(document::<Plan>("negative plan item", plan.as_bytes().to_vec()).is_err());
    let roster = "(version: 1, id: \"r\", booths: [(id: \"b\", name: \"B\")], shifts: [(id: \"s\", booth: \"b\", \
                  starts_at: \"2027-04-16T10:00:00\", ends_at: \"2027-04-16T09:00:00\")])";
    let err = document::<Roster>("backwards shift", roster.as_bytes().to_vec()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

// ---- Long lines, repetition, odd sizes ----

#[test]
fn huge_lines_and_repeating_events_stay_fast() {
    let line = "x".repeat(10 * 1024 * 1024);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("ron 10 MB string", format!("(version: 1, conference: (id: \"a\", name: \"{line}\"))").into_bytes()),
        ("xml 10 MB text", format!("<schedule><conference><title>{line}</title></conference></schedule>").into_bytes()),
        ("xml 10 MB attribute", format!("<schedule><day date=\"{line}\"/></schedule>").into_bytes()),
        ("json 10 MB string", format!("{{\"schedule\":{{\"conference\":{{\"title\":\"{line}\"}}}}}}").into_bytes()),
        ("ics 10 MB line", ics_with(&format!("DTSTART:20270416T100000Z\r\nDESCRIPTION:{line}\r\n"))),
        (
            "ics folded 1M times",
            ics_with(&format!("DTSTART:20270416T100000Z\r\nDESCRIPTION:{}\r\n", "ab\r\n ".repeat(1_000_000))),
        ),
        (
            "ics RRULE",
            ics_with("DTSTART:20270416T100000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=SECONDLY;COUNT=2000000000\r\n"),
        ),
        ("ics 100k events", {
            let event = "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270416T100000Z\r\nSUMMARY:s\r\nEND:VEVENT\r\n";
            format!("BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n", event.repeat(100_000)).into_bytes()
        }),
        (
            "json 1M empty days",
            format!("{{\"schedule\":{{\"conference\":{{\"days\":[{}{{}}]}}}}}}", "{},".repeat(1_000_000)).into_bytes(),
        ),
    ];
    for (what, bytes) in cases {
        let start = Instant::now();
        bounded(what, LIMIT, move || import::parse(&bytes, "hostile").map(|s| s.sessions().len()).ok());
        assert!(start.elapsed() < Duration::from_secs(30), "{what} took {:?}", start.elapsed());
    }
}

#[test]
fn empty_and_whitespace_inputs_are_refused() {
    for bytes in [&b""[..], b" ", b"\r\n\t", b"\xef\xbb\xbf", b"\xef\xbb\xbf   \n"] {
        assert!(matches!(import::parse(bytes, "x.ron"), Err(ImportError::Empty)), "{bytes:?}");
        assert_eq!(all_documents("empty", bytes), [false; 3]);
    }
}

// ---- Regression tests: inputs that fuzzing broke, now fixed ----

/// A start with seconds (an .ics `DTSTART:…T235959`) lost its seconds when written as lanyard
/// RON, so `lanyard convert` moved the session. Found by `fuzz_equivalent` (mutated seeds).
#[test]
fn regression_seconds_survive_the_native_round_trip() {
    let bytes = ics_with("DTSTART:99991231T155959\r\nDURATION:PT0M\r\n");
    checks::schedule_ical(&bytes);
    let bytes = ics_with("DTSTART:20270416T100030\r\nDURATION:PT30M\r\n");
    checks::schedule_ical(&bytes);
    let schedule = import::parse(&bytes, "x.ics").unwrap();
    let text = lanyard::io::import::native::write(&schedule).unwrap();
    assert!(text.contains("2027-04-16T10:00:30"), "{text}");
}

/// A session ending inside the skipped spring-forward hour reads back from our own .ics export
/// as a longer wall-clock span ending at the same instant: that is the right reading, and the
/// round-trip check compares end instants. Found by `fuzz_equivalent` on `dst_brussels.ics`.
#[test]
fn regression_a_session_ending_in_the_dst_gap_keeps_its_end_instant() {
    checks::ics_roundtrip(&fixture("tests/fixtures/ics/dst_brussels.ics"));
}

/// A guid with a control character (`\x18`) was kept as the session id; the .ics export drops
/// control characters from text, so the session came back under another id and was lost. Ids are
/// now cleaned on import by every importer (`import::common::clean_id`), and a blank native id
/// becomes a content hash as in the other formats. Found by cargo-fuzz `ics_roundtrip` (the
/// fixture is the crash input as found).
#[test]
fn regression_control_characters_in_ids_survive_the_ics_round_trip() {
    checks::ics_roundtrip(&fixture("tests/fixtures/fuzz/ics_roundtrip-control-char-in-guid.xml"));
    let schedule =
        import::parse(&fixture("tests/fixtures/fuzz/ics_roundtrip-control-char-in-guid.xml"), "x.xml").unwrap();
    // "ddddd\x18ddd-…-0002" is kept as "dddddddd-…-0002".
    assert!(schedule.session_by_id(&lanyard::model::SessionId::new("dddddddd-0000-4000-8000-000000000002")).is_some());
    assert!(schedule.sessions().iter().all(|s| !s.id.as_str().chars().any(char::is_control)));
    for id in ["a\\u{18}b", "\\u{7}", "", "  ", "tab\\tbed", "line\\nbreak"] {
        let text = format!(
            "(version: 1, conference: (id: \"c\", name: \"C\"), \
             sessions: [(id: \"{id}\", title: \"T\", start: \"2027-04-16T10:00\", minutes: 30)])"
        );
        checks::ics_roundtrip(text.as_bytes());
        checks::schedule_native(text.as_bytes());
        let schedule = import::parse(text.as_bytes(), "x.ron").unwrap();
        let session = &schedule.sessions()[0];
        assert!(!session.id.as_str().is_empty() && !session.id.as_str().chars().any(char::is_control), "{id:?}");
    }
}
