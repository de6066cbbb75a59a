//! iCalendar import through the real loaders: one hand-written fixture per quirk real calendars
//! have (`tests/fixtures/ics/`), calendars generated here, DST in two zones, hostile input, and
//! property tests that no input panics.
#![expect(clippy::unwrap_used, reason = "test helpers: a panic is the right failure")]

use std::cell::RefCell;
use std::path::PathBuf;

use lanyard::io::import::{ImportError, parse, parse_with_progress};
use lanyard::model::{Location, Schedule, SessionKind, Zone};

use crate::common::{self, at, ids, load_schedule, session, stats, warnings};

fn fixture_path(name: &str) -> PathBuf {
    common::fixture_path("ics").join(name)
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

fn fixture(name: &str) -> Schedule {
    load_schedule(&fixture_path(name))
}

fn parse_ics(bytes: &[u8]) -> Result<Schedule, ImportError> {
    parse(bytes, "calendar.ics")
}

fn parse_text(text: &str) -> Schedule {
    parse_ics(text.as_bytes()).unwrap_or_else(|err| panic!("{err}\n{text}"))
}

fn zone(name: &str) -> Zone {
    Zone::from_iana(name).unwrap()
}

/// `(start, minutes)` of a session, start as `YYYY-MM-DD HH:MM`.
fn timing(schedule: &Schedule, id: &str) -> (String, u32) {
    let s = session(schedule, id);
    (s.starts_at.format("%Y-%m-%d %H:%M").to_string(), s.duration_mins)
}

fn error_of(bytes: &[u8]) -> (Option<Location>, String) {
    match parse_ics(bytes) {
        Err(err) => (err.location(), err.to_string()),
        Ok(schedule) => panic!("expected an error, got {:?}", schedule.stats()),
    }
}

fn line(n: u32) -> Option<Location> {
    Some(Location { line: n, col: 1 })
}

// ---------------------------------------------------------------------------------------------
// Fixtures, one per quirk.

#[test]
fn pretalx_export_with_vtimezone() {
    let schedule = fixture("pretalx.ics");
    assert_eq!(schedule.stats(), stats(6, 3, 2, 4, 0), "{:?}", warnings(&schedule));
    let conf = schedule.conference();
    assert_eq!((conf.name.as_str(), conf.id.as_str()), ("FOSDEM 2027", "fosdem-2027"));
    assert_eq!(conf.zone, zone("Europe/Brussels"));
    assert_eq!((conf.start_date, conf.end_date), (at("2027-02-06 00:00").date(), at("2027-02-07 00:00").date()));
    assert_eq!(
        ids(&schedule),
        [
            "pretalx-fosdem2027-WELCOME@pretalx.example.org",
            "pretalx-fosdem2027-RUST01@pretalx.example.org",
            "pretalx-fosdem2027-RUST02@pretalx.example.org",
            "pretalx-fosdem2027-WEB01@pretalx.example.org",
            "pretalx-fosdem2027-LT@pretalx.example.org",
            "pretalx-fosdem2027-CLOSE@pretalx.example.org",
        ]
    );
    let expected = [
        ("WELCOME", "Welcome to FOSDEM 2027 - FOSDEM Staff", "Janson", "Keynotes", "2027-02-06 09:30", 25),
        ("RUST01", "Ownership in practice - Ana Ng", "H.2215 (Ferrer)", "Rust", "2027-02-06 10:00", 30),
        ("RUST02", "Async without tears - Ben Okafor", "H.2215 (Ferrer)", "Rust", "2027-02-06 10:30", 30),
        ("WEB01", "Accessible forms - Chloé Martin", "UD2.120 (Chavanne)", "Web", "2027-02-07 11:00", 45),
        ("LT", "Lightning talks", "Janson", "Lightning Talks", "2027-02-07 12:00", 60),
        ("CLOSE", "Closing FOSDEM 2027 - FOSDEM Staff", "Janson", "Keynotes", "2027-02-07 17:30", 20),
    ];
    for (key, title, room, track, start, minutes) in expected {
        let id = format!("pretalx-fosdem2027-{key}@pretalx.example.org");
        let s = session(&schedule, &id);
        assert_eq!(s.title, title);
        assert_eq!(schedule.room_name(s), room);
        assert_eq!(schedule.track_name(s), track);
        assert_eq!(s.tags, [track]);
        assert_eq!(timing(&schedule, &id), (start.to_owned(), minutes));
        assert_eq!(s.links.len(), 1);
        assert_eq!(s.links[0].title, "Event page");
        assert!(s.links[0].url.starts_with("https://fosdem.example.org/2027/schedule/event/"));
        assert!(s.speakers.is_empty(), "no ORGANIZER/ATTENDEE, so no speakers");
        assert!(!s.is_recorded && !s.is_captioned);
    }
    let welcome = session(&schedule, "pretalx-fosdem2027-WELCOME@pretalx.example.org");
    assert_eq!(welcome.abstract_text, "Welcome to FOSDEM 2027!\n\nGrab a coffee & enjoy.");
    assert_eq!(welcome.kind, SessionKind::Keynote);
    let rust = session(&schedule, "pretalx-fosdem2027-RUST01@pretalx.example.org");
    assert_eq!(rust.abstract_text, "Borrowing, lifetimes and the patterns that keep large codebases sane.");
    assert_eq!(rust.kind, SessionKind::Talk);
    assert_eq!(session(&schedule, "pretalx-fosdem2027-LT@pretalx.example.org").kind, SessionKind::Lightning);
}

#[test]
fn check_prints_the_contract_line() {
    let path = fixture_path("pretalx.ics");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = lanyard::cli::check(std::slice::from_ref(&path), &mut out, &mut err);
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out, format!("{}: events=6 rooms=3 days=2 tracks=4 warnings=0\n", path.display()));
    assert!(err.is_empty());
}

#[test]
fn utc_times_land_on_the_x_wr_timezone_wall_clock_across_dst() {
    let schedule = fixture("utc_wr_timezone.ics");
    assert_eq!(schedule.stats(), stats(3, 1, 2, 0, 0), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().zone, zone("Europe/Brussels"));
    assert_eq!(schedule.conference().name, "DST Weekend");
    // CET (+1) on Saturday, CEST (+2) from 03:00 on Sunday.
    assert_eq!(timing(&schedule, "sat-morning@google.example.com"), ("2027-03-27 09:00".to_owned(), 60));
    assert_eq!(timing(&schedule, "sun-morning@google.example.com"), ("2027-03-28 10:00".to_owned(), 60));
    // 00:30Z is 01:30 CET; 01:30Z is 03:30 CEST. Lengths are wall-clock, so the grid shows the
    // real end: 01:30 to 03:30.
    assert_eq!(timing(&schedule, "night-of-change@google.example.com"), ("2027-03-28 01:30".to_owned(), 120));
}

#[test]
fn floating_times_are_kept_as_written_with_a_warning() {
    let schedule = fixture("floating.ics");
    assert_eq!(schedule.stats(), stats(3, 2, 2, 2, 1));
    assert_eq!(schedule.conference().zone, Zone::Floating);
    assert_eq!(
        warnings(&schedule),
        ["the calendar names no time zone: times are shown as written; set the conference zone in the app"]
    );
    assert_eq!(timing(&schedule, "float-1"), ("2027-04-10 09:00".to_owned(), 30));
    assert_eq!(timing(&schedule, "float-2"), ("2027-04-10 09:30".to_owned(), 60));
    assert_eq!(timing(&schedule, "float-3"), ("2027-04-11 14:00".to_owned(), 60));
    assert_eq!(session(&schedule, "float-2").kind, SessionKind::Keynote);
    assert_eq!(session(&schedule, "float-3").kind, SessionKind::Break);
}

#[test]
fn durations_instead_of_dtend() {
    let schedule = fixture("durations.ics");
    assert_eq!(schedule.stats(), stats(9, 0, 4, 0, 2), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().zone, zone("America/Vancouver"));
    let expected = [
        ("d-45m", "2027-05-10 09:00", 45),
        ("d-1h30m", "2027-05-10 10:00", 90),
        ("d-1d", "2027-05-11 00:00", 1440),
        ("d-1d2h", "2027-05-12 08:00", 1560),
        ("d-2w", "2027-05-13 00:00", 20160),
        ("d-90s", "2027-05-10 12:00", 2),
        ("d-zero", "2027-05-10 13:00", 0),
        ("d-negative", "2027-05-10 14:00", 0),
        // 22:00Z is 15:00 PDT.
        ("d-999h", "2027-05-10 15:00", 999 * 60),
    ];
    for (id, start, minutes) in expected {
        assert_eq!(timing(&schedule, id), (start.to_owned(), minutes), "{id}");
    }
    assert_eq!(
        warnings(&schedule),
        [
            "48:1: \"Negative\" ends before it starts: shown with no length",
            "18:1: 1 all-day event kept: shown from 00:00 for whole days",
        ]
    );
}

#[test]
fn missing_dtend_gives_zero_length_or_one_day() {
    let schedule = fixture("missing_dtend.ics");
    assert_eq!(schedule.stats(), stats(3, 0, 2, 0, 2));
    assert_eq!(timing(&schedule, "no-end-timed"), ("2027-02-06 10:00".to_owned(), 0));
    assert_eq!(timing(&schedule, "no-end-date"), ("2027-02-07 00:00".to_owned(), 1440));
    assert_eq!(timing(&schedule, "with-end"), ("2027-02-06 11:00".to_owned(), 30));
    assert_eq!(
        warnings(&schedule),
        [
            "6:1: \"Timed without an end\" has no DTEND or DURATION: shown with no length",
            "11:1: 1 all-day event kept: shown from 00:00 for whole days",
        ]
    );
}

#[test]
fn folded_lines_heal_even_inside_multibyte_characters() {
    let bytes = fixture_bytes("folded.ics");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture splits characters across folds");
    let schedule = fixture("folded.ics");
    assert_eq!(schedule.stats(), stats(3, 1, 1, 0, 2), "{:?}", warnings(&schedule));
    let first = session(&schedule, "fold-1");
    assert_eq!(first.title, "Café crème für Ünïcödé 🎉");
    assert_eq!(
        first.abstract_text,
        "This description is folded over several lines because it is long, and the fold can fall anywhere: \
         even in the middle of a word.\nSecond paragraph with an emoji split 🎉 across the fold."
    );
    assert_eq!(schedule.room_name(first), "Salle Polyvalente");
    assert_eq!(timing(&schedule, "fold-1"), ("2027-02-06 10:00".to_owned(), 60));
    assert_eq!(session(&schedule, "fold-2").title, "Second", "UID folded in the middle");
    assert_eq!(timing(&schedule, "fold-3"), ("2027-02-06 14:00".to_owned(), 60), "DTSTART folded in the middle");
    // Per-event warnings point at BEGIN:VEVENT in the original, folded file.
    assert_eq!(
        warnings(&schedule),
        [
            "22:1: \"Second\" has no DTEND or DURATION: shown with no length",
            "28:1: event has no SUMMARY: titled \"(untitled)\"",
        ]
    );
    assert_eq!(session(&schedule, "fold-3").title, "(untitled)");
}

#[test]
fn escaped_text_is_unescaped() {
    let schedule = fixture("escaped.ics");
    assert_eq!(schedule.stats(), stats(1, 1, 1, 1, 0));
    assert_eq!(
        (schedule.conference().name.as_str(), schedule.conference().id.as_str()),
        ("Escapes, Inc.", "escapes-inc")
    );
    let s = session(&schedule, "esc-1");
    assert_eq!(s.title, "Rust, WebAssembly; and you");
    assert_eq!(s.abstract_text, "Line one\nLine two\nLine three\\n is not a line break, really");
    assert_eq!(schedule.room_name(s), "Room 1, 2nd floor");
    assert_eq!(schedule.track_name(s), "Web, Mobile");
    assert_eq!(s.tags, ["Web, Mobile", "Rust"]);
}

#[test]
fn a_reused_uid_keeps_every_event_with_warnings() {
    let schedule = fixture("reused_uid.ics");
    assert_eq!(schedule.stats(), stats(12, 2, 3, 0, 11));
    assert_eq!(schedule.conference().zone, zone("Europe/Berlin"));
    assert_eq!(session(&schedule, "same-uid@example.org").title, "Session 01");
    for n in 2..=12 {
        let id = format!("same-uid@example.org#{n}");
        assert_eq!(session(&schedule, &id).title, format!("Session {n:02}"));
    }
    // Session 06 is the second of day two, in room B, at 09:00Z = 11:00 CEST.
    assert_eq!(timing(&schedule, "same-uid@example.org#6"), ("2027-06-11 11:00".to_owned(), 60));
    assert_eq!(schedule.room_name(session(&schedule, "same-uid@example.org#6")), "Room B");
    let duplicate_lines: Vec<u32> = schedule.warnings().iter().filter_map(|w| w.location.map(|l| l.line)).collect();
    assert_eq!(duplicate_lines, (1..12).map(|i| 6 + 7 * i).collect::<Vec<u32>>());
    assert!(schedule.warnings().iter().all(|w| w.message.starts_with("duplicate session id \"same-uid@example.org\"")));
}

#[test]
fn all_day_events_mixed_with_timed_ones() {
    let schedule = fixture("all_day_mixed.ics");
    assert_eq!(schedule.stats(), stats(5, 1, 3, 1, 1));
    assert_eq!(timing(&schedule, "registration"), ("2027-05-01 00:00".to_owned(), 1440));
    assert_eq!(timing(&schedule, "sprints"), ("2027-05-02 00:00".to_owned(), 3 * 1440));
    assert_eq!(timing(&schedule, "same-day-end"), ("2027-05-03 00:00".to_owned(), 1440));
    assert_eq!(timing(&schedule, "talk-1"), ("2027-05-01 09:00".to_owned(), 45));
    assert_eq!(timing(&schedule, "talk-2"), ("2027-05-02 10:00".to_owned(), 45));
    assert_eq!(warnings(&schedule), ["6:1: 3 all-day events kept: shown from 00:00 for whole days"]);
}

#[test]
fn lower_case_property_and_component_names() {
    let schedule = fixture("lowercase.ics");
    assert_eq!(schedule.stats(), stats(2, 1, 2, 1, 1), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().name, "lower case conf");
    assert_eq!(schedule.conference().zone, zone("Europe/Brussels"));
    let s = session(&schedule, "lc-1");
    assert_eq!(s.title, "Hello, lower case");
    assert_eq!(s.abstract_text, "Two\nlines");
    assert_eq!(timing(&schedule, "lc-1"), ("2027-02-06 10:00".to_owned(), 30));
    assert_eq!(schedule.room_name(s), "Room ;B");
    assert_eq!(s.tags, ["quiet", "loud"]);
    assert_eq!(s.links[0].url, "https://example.org/lc-1");
    assert_eq!(timing(&schedule, "lc-2"), ("2027-02-07 00:00".to_owned(), 1440));
}

#[test]
fn crlf_lf_and_cr_line_endings_read_the_same() {
    let crlf = fixture_bytes("pretalx.ics");
    assert!(crlf.windows(2).any(|w| w == b"\r\n"));
    let text = String::from_utf8(crlf.clone()).unwrap();
    let lf = text.replace("\r\n", "\n");
    let cr = text.replace("\r\n", "\r");
    let reference = parse_ics(&crlf).unwrap();
    for variant in [lf, cr] {
        let schedule = parse_ics(variant.as_bytes()).unwrap();
        assert_eq!(schedule.sessions(), reference.sessions());
        assert_eq!(schedule.stats(), reference.stats());
    }
    let floating = fixture_bytes("floating.ics");
    assert!(!floating.contains(&b'\r'), "an LF-only fixture");
}

#[test]
fn windows_and_other_non_iana_tzids_are_recovered() {
    let schedule = fixture("windows_tzid.ics");
    assert_eq!(schedule.stats(), stats(6, 1, 2, 0, 1), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().zone, zone("Europe/Berlin"), "W. Europe Standard Time is the most common");
    assert_eq!(timing(&schedule, "win-1"), ("2027-06-15 09:00".to_owned(), 60));
    assert_eq!(timing(&schedule, "win-2"), ("2027-06-15 11:00".to_owned(), 60));
    assert_eq!(timing(&schedule, "win-3"), ("2027-06-15 13:00".to_owned(), 60));
    assert_eq!(timing(&schedule, "win-4"), ("2027-06-15 15:00".to_owned(), 60));
    // 09:00 in Lisbon (WEST, +1) is 10:00 in Berlin (CEST, +2).
    assert_eq!(timing(&schedule, "win-5"), ("2027-06-15 10:00".to_owned(), 30));
    // Unknown: floating, as written.
    assert_eq!(timing(&schedule, "win-6"), ("2027-06-16 09:00".to_owned(), 60));
    assert_eq!(
        warnings(&schedule),
        ["65:1: unknown time zone \"Customized Time Zone\": 2 times read as written in the conference zone"]
    );
}

#[test]
fn rrule_keeps_the_first_occurrence_and_overrides_are_separate_sessions() {
    let schedule = fixture("rrule.ics");
    assert_eq!(schedule.stats(), stats(2, 0, 2, 0, 2));
    assert_eq!(ids(&schedule), ["standup@example.org", "standup@example.org#2"]);
    assert_eq!(timing(&schedule, "standup@example.org"), ("2027-03-01 09:15".to_owned(), 15));
    let moved = session(&schedule, "standup@example.org#2");
    assert_eq!(moved.title, "Standup (moved)");
    assert_eq!(timing(&schedule, "standup@example.org#2"), ("2027-03-15 10:00".to_owned(), 15));
    assert_eq!(
        warnings(&schedule),
        [
            "6:1: \"Standup\" repeats (RRULE): only its first occurrence is shown",
            "14:1: duplicate session id \"standup@example.org\" (\"Standup (moved)\"): kept as \"standup@example.org#2\"",
        ]
    );
}

#[test]
fn cancelled_events_are_kept_and_marked() {
    let schedule = fixture("cancelled.ics");
    assert_eq!(schedule.stats(), stats(2, 0, 1, 0, 1));
    assert_eq!(session(&schedule, "gone").title, "Cancelled: Quantum breakfast");
    assert_eq!(session(&schedule, "on").title, "Classical lunch");
    assert_eq!(
        warnings(&schedule),
        ["6:1: \"Quantum breakfast\" is cancelled (STATUS:CANCELLED): kept, titled \"Cancelled: …\""]
    );
    // The id does not depend on the cancellation, so picks survive it.
    let without_uid = String::from_utf8(fixture_bytes("cancelled.ics")).unwrap().replace("UID:gone\n", "");
    let hashed = parse_text(&without_uid);
    let uncancelled = parse_text(&without_uid.replace("STATUS:CANCELLED", "STATUS:CONFIRMED"));
    assert_eq!(hashed.sessions()[0].id, uncancelled.sessions()[0].id);
    assert!(hashed.sessions()[0].id.as_str().starts_with("h-"));
}

#[test]
fn valarm_vtodo_and_vjournal_are_ignored() {
    let schedule = fixture("valarm.ics");
    assert_eq!(schedule.stats(), stats(2, 1, 1, 0, 0), "{:?}", warnings(&schedule));
    assert_eq!(ids(&schedule), ["with-alarm", "after-alarm"]);
    let talk = session(&schedule, "with-alarm");
    assert_eq!(talk.title, "Talk with a reminder");
    assert_eq!(talk.abstract_text, "The talk itself.");
    assert_eq!(timing(&schedule, "with-alarm"), ("2027-02-06 10:00".to_owned(), 45), "DTEND after the VALARM counts");
    assert_eq!(schedule.room_name(talk), "Room A");
    assert_eq!(timing(&schedule, "after-alarm"), ("2027-02-06 11:00".to_owned(), 45));
}

#[test]
fn people_links_and_flags() {
    let schedule = fixture("people_and_links.ics");
    assert_eq!(schedule.stats(), stats(2, 0, 1, 1, 0));
    let workshop = session(&schedule, "people-1");
    assert_eq!(workshop.speakers, ["Ng, Ana", "Ben Okafor"]);
    assert_eq!(workshop.kind, SessionKind::Tutorial);
    assert_eq!(schedule.track_name(workshop), "Workshops");
    assert_eq!(workshop.tags, ["Workshops", "Parsing", "Rust"]);
    let links: Vec<(&str, &str)> = workshop.links.iter().map(|l| (l.title.as_str(), l.url.as_str())).collect();
    assert_eq!(
        links,
        [
            ("Event page", "https://example.org/workshop"),
            ("slides.pdf", "https://example.org/slides.pdf"),
            ("Attachment", "https://example.org/notes"),
        ]
    );
    assert!(workshop.is_recorded && workshop.is_captioned);
    let lunch = session(&schedule, "people-2");
    assert_eq!(lunch.kind, SessionKind::Break);
    assert!(lunch.speakers.is_empty() && !lunch.is_recorded && !lunch.is_captioned);
}

#[test]
fn a_truncated_file_is_an_error_at_the_open_event() {
    let (location, message) = error_of(&fixture_bytes("truncated.ics"));
    assert_eq!(location, line(34));
    assert_eq!(message, "the file ends before END:VEVENT: is it truncated?");
    // Cut between events: the error is at the end of the file.
    let text = String::from_utf8(fixture_bytes("floating.ics")).unwrap();
    let cut = text.find("BEGIN:VEVENT\nUID:float-3").unwrap();
    let (location, message) = error_of(&text.as_bytes()[..cut]);
    assert_eq!(location, line(20));
    assert_eq!(message, "the file ends before END:VCALENDAR: is it truncated?");
}

#[test]
fn every_truncation_of_a_calendar_is_an_error_and_never_a_panic() {
    let bytes = fixture_bytes("folded.ics");
    let end = bytes.windows(13).rposition(|w| w == b"END:VCALENDAR").unwrap() + 13;
    for cut in 0..end {
        assert!(parse_ics(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    assert!(parse_ics(&bytes[..end]).is_ok());
}

#[test]
fn nul_bytes_are_removed_with_a_warning() {
    let schedule = fixture("nul_bytes.ics");
    assert_eq!(schedule.stats(), stats(2, 0, 1, 0, 1));
    assert_eq!(schedule.conference().name, "Nul Bytes");
    assert_eq!(session(&schedule, "nul-1").title, "Null island");
    assert_eq!(warnings(&schedule), ["3:1: NUL bytes removed from 4 lines"]);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let text = b"BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/Paris\nBEGIN:VEVENT\nUID:latin1\nSUMMARY:Caf\xe9\nDTSTART:20270206T100000Z\nDURATION:PT1H\nEND:VEVENT\nEND:VCALENDAR\n";
    let schedule = parse_ics(text).unwrap();
    assert_eq!(session(&schedule, "latin1").title, "Caf\u{fffd}");
    assert_eq!(warnings(&schedule), ["5:1: 1 line is not valid UTF-8: bad bytes shown as �"]);
}

#[test]
fn not_a_calendar_is_an_error_with_a_location() {
    let (location, message) = error_of(&fixture_bytes("not_a_calendar.ics"));
    assert_eq!(location, line(1));
    assert_eq!(message, "not an iCalendar file: there is no BEGIN:VCALENDAR");
    let (location, _) = error_of(b"BEGIN:VEVENT\nUID:x\nEND:VEVENT\n");
    assert_eq!(location, line(1));
    assert!(matches!(parse_ics(b""), Err(ImportError::Empty)));
}

#[test]
fn an_empty_calendar_is_a_valid_empty_schedule_with_a_warning() {
    let schedule = fixture("empty.ics");
    assert_eq!(schedule.stats(), stats(0, 0, 0, 0, 1));
    assert_eq!(schedule.conference().name, "Nothing Yet");
    assert_eq!(warnings(&schedule), ["the calendar has no events"]);
    let unnamed = parse_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    assert_eq!((unnamed.conference().name.as_str(), unnamed.conference().id.as_str()), ("Calendar", "calendar"));
}

#[test]
fn sloppy_structure_is_repaired_with_warnings() {
    // Each of these made the icalendar 0.17 parser reject the whole file.
    let schedule = fixture("sloppy.ics");
    assert_eq!(schedule.stats(), stats(4, 0, 2, 0, 4), "{:?}", warnings(&schedule));
    assert_eq!(ids(&schedule), ["sloppy-1", "sloppy-2", "sloppy-3", "sloppy-4"]);
    assert_eq!(schedule.conference().name, "Sloppy Summit");
    assert_eq!(
        session(&schedule, "sloppy-1").abstract_text,
        "First line of the abstract.\nBring a laptop (charged).\nThird line, with a comma."
    );
    assert_eq!(timing(&schedule, "sloppy-2"), ("2027-02-06 12:00".to_owned(), 60));
    assert_eq!(timing(&schedule, "sloppy-4"), ("2027-02-07 10:00".to_owned(), 60));
    assert_eq!(
        warnings(&schedule),
        [
            "14:1: event has no END:VEVENT: it ends at BEGIN:VEVENT on line 19",
            "24:1: END:VALARM without BEGIN: ignored",
            "37:1: 1 line is outside BEGIN:VCALENDAR…END:VCALENDAR",
            "5:1: 2 lines are not NAME:value: joined to the text above (a line break left unescaped)",
        ]
    );
}

#[test]
fn stray_lines_and_unclosed_components_are_reported() {
    let schedule = parse_text(
        "Warning: headers already sent\n\
         BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/Brussels\nthis calendar line is junk\n\
         BEGIN:VEVENT\nUID:alarm-open\nSUMMARY:Alarm never closed\nDTSTART:20270206T090000Z\nDURATION:PT1H\n\
         BEGIN:VALARM\nTRIGGER:-PT5M\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:junk\nDTSTART:20270206T100000Z\nDURATION:PT1H\njunk after a time\nSUMMARY:Junk inside\nEND:VEVENT\n\
         END:VCALENDAR\n\
         BEGIN:VEVENT\nUID:outside\nSUMMARY:Outside the calendar\nDTSTART:20270206T110000Z\nDURATION:PT1H\nEND:VEVENT\n",
    );
    assert_eq!(schedule.stats(), stats(3, 0, 1, 0, 3), "{:?}", warnings(&schedule));
    assert_eq!(ids(&schedule), ["alarm-open", "junk", "outside"]);
    assert_eq!(session(&schedule, "junk").title, "Junk inside");
    assert_eq!(
        warnings(&schedule),
        [
            "10:1: BEGIN:VALARM has no END: it ends at END:VEVENT on line 12",
            "1:1: 2 lines are outside BEGIN:VCALENDAR…END:VCALENDAR",
            "4:1: 2 lines are not NAME:value: ignored",
        ]
    );
}

#[test]
fn missing_or_unreadable_dtstart_keeps_the_event() {
    let schedule = parse_text(
        "BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/Brussels\n\
         BEGIN:VEVENT\nUID:ok\nSUMMARY:Fine\nDTSTART:20270206T090000Z\nDURATION:PT1H\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:no-start\nSUMMARY:No start\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:bad-start\nSUMMARY:Bad start\nDTSTART:tomorrow\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:end-only\nSUMMARY:End only\nDTEND:20270207T090000Z\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:bad-end\nSUMMARY:Bad end\nDTSTART:20270206T090000Z\nDTEND:later\nEND:VEVENT\n\
         END:VCALENDAR\n",
    );
    assert_eq!(schedule.stats(), stats(5, 0, 2, 0, 4), "{:?}", warnings(&schedule));
    assert_eq!(timing(&schedule, "no-start"), ("2027-02-06 10:00".to_owned(), 0));
    assert_eq!(timing(&schedule, "bad-start"), ("2027-02-06 10:00".to_owned(), 0));
    assert_eq!(timing(&schedule, "end-only"), ("2027-02-07 10:00".to_owned(), 0));
    assert_eq!(timing(&schedule, "bad-end"), ("2027-02-06 10:00".to_owned(), 0));
    assert_eq!(
        warnings(&schedule),
        [
            "9:1: \"No start\": no DTSTART: placed at 2027-02-06 10:00 with no length",
            "13:1: \"Bad start\": DTSTART \"tomorrow\" is not a date or date-time: placed at 2027-02-06 10:00 with no length",
            "18:1: \"End only\": no DTSTART: placed at 2027-02-07 10:00 with no length",
            "23:1: \"Bad end\": DTEND \"later\" is not understood: length taken as 0 min",
        ]
    );
}

#[test]
fn sloppy_time_forms_are_read() {
    let schedule = parse_text(
        "\u{feff}BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/Brussels\n\
         BEGIN:VEVENT\nUID:iso-offset\nSUMMARY:a\nDTSTART:2027-02-06T10:30:00+01:00\nDTEND:2027-02-06T11:00:00+01:00\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:iso-z\nSUMMARY:b\nDTSTART:2027-02-06T09:30:00Z\nDURATION:PT30M\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:no-seconds\nSUMMARY:c\nDTSTART:20270206t0930z\nDURATION:P30M\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:vancouver-offset\nSUMMARY:d\nDTSTART:2027-02-06T01:30:00-08:00\nDURATION:PT1H\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:midnight\nSUMMARY:e\nDTSTART:20270206T240000\nDURATION:PT1H\nEND:VEVENT\n\
         END:VCALENDAR\n",
    );
    assert_eq!(schedule.stats(), stats(5, 0, 2, 0, 0), "{:?}", warnings(&schedule));
    assert_eq!(timing(&schedule, "iso-offset"), ("2027-02-06 10:30".to_owned(), 30));
    assert_eq!(timing(&schedule, "iso-z"), ("2027-02-06 10:30".to_owned(), 30));
    assert_eq!(timing(&schedule, "no-seconds"), ("2027-02-06 10:30".to_owned(), 30));
    assert_eq!(timing(&schedule, "vancouver-offset"), ("2027-02-06 10:30".to_owned(), 60));
    assert_eq!(timing(&schedule, "midnight"), ("2027-02-07 00:00".to_owned(), 60));
}

#[test]
fn all_utc_without_a_zone_is_floating_utc_with_a_warning() {
    let text = String::from_utf8(fixture_bytes("utc_wr_timezone.ics"))
        .unwrap()
        .replace("X-WR-TIMEZONE:Europe/Brussels\r\n", "");
    let schedule = parse_text(&text);
    assert_eq!(schedule.conference().zone, Zone::Floating);
    assert_eq!(timing(&schedule, "sun-morning@google.example.com"), ("2027-03-28 08:00".to_owned(), 60));
    assert_eq!(
        warnings(&schedule),
        [
            "the calendar names no time zone and all times are UTC: times are shown in UTC; set the conference zone in the app"
        ]
    );
    // An X-WR-TIMEZONE that is not a zone is reported and ignored.
    let bogus = parse_text(&text.replace("X-WR-CALNAME", "X-WR-TIMEZONE:Mars/Olympus_Mons\r\nX-WR-CALNAME"));
    assert_eq!(bogus.conference().zone, Zone::Floating);
    assert_eq!(bogus.stats().warnings, 2);
    assert_eq!(bogus.warnings()[0].message, "X-WR-TIMEZONE \"Mars/Olympus_Mons\" is not a known time zone");
}

// ---------------------------------------------------------------------------------------------
// Daylight-saving time in two zones, with UTC and TZID times on either side of each change.

#[test]
fn dst_in_brussels() {
    let schedule = fixture("dst_brussels.ics");
    assert_eq!(schedule.stats(), stats(10, 0, 4, 0, 0), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().zone, zone("Europe/Brussels"));
    let expected = [
        // Spring: 2027-03-28 02:00 CET → 03:00 CEST (01:00Z).
        ("b-utc-spring-before", "2027-03-28 01:30"),
        ("b-utc-spring-after", "2027-03-28 03:30"),
        ("b-tz-spring-before", "2027-03-28 01:30"),
        ("b-tz-spring-after", "2027-03-28 03:30"),
        // 02:30 does not exist: RFC 5545 moves it forward by the gap.
        ("b-tz-spring-gap", "2027-03-28 03:30"),
        // Autumn: 2027-10-31 03:00 CEST → 02:00 CET (01:00Z); 02:30 happens twice.
        ("b-utc-autumn-first", "2027-10-31 02:30"),
        ("b-utc-autumn-second", "2027-10-31 02:30"),
        ("b-tz-autumn-repeated", "2027-10-31 02:30"),
        // Vancouver springs forward two weeks before Brussels: PST (-8) then PDT (-7), while
        // Brussels is still on CET (+1).
        ("b-vancouver-before", "2027-03-13 18:00"),
        ("b-vancouver-after", "2027-03-14 17:00"),
    ];
    for (id, start) in expected {
        assert_eq!(timing(&schedule, id), (start.to_owned(), 30), "{id}");
    }
}

#[test]
fn dst_in_vancouver() {
    let schedule = fixture("dst_vancouver.ics");
    assert_eq!(schedule.stats(), stats(8, 0, 4, 0, 0), "{:?}", warnings(&schedule));
    assert_eq!(schedule.conference().zone, zone("America/Vancouver"));
    let expected = [
        // Spring: 2027-03-14 02:00 PST → 03:00 PDT (10:00Z).
        ("v-utc-spring-before", "2027-03-14 01:30"),
        ("v-utc-spring-after", "2027-03-14 03:30"),
        ("v-tz-spring-before", "2027-03-14 01:30"),
        ("v-tz-spring-after", "2027-03-14 03:30"),
        // Autumn: 2027-11-07 02:00 PDT → 01:00 PST (09:00Z); 01:30 happens twice.
        ("v-utc-autumn-first", "2027-11-07 01:30"),
        ("v-utc-autumn-second", "2027-11-07 01:30"),
        // Brussels CET (+1) on the 27th, CEST (+2) on the 28th; Vancouver already on PDT (-7).
        ("v-brussels-before", "2027-03-27 02:30"),
        ("v-brussels-after", "2027-03-28 01:30"),
    ];
    for (id, start) in expected {
        assert_eq!(timing(&schedule, id), (start.to_owned(), 30), "{id}");
    }
}

// ---------------------------------------------------------------------------------------------
// Generated calendars.

/// A calendar of `events` talks over 10 days in 10 rooms and 7 tracks, CRLF, with folded
/// summaries; `extra` is added to every event.
fn generated_calendar(events: usize, extra: &str) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Generated Conf\r\n");
    text.push_str("X-WR-TIMEZONE:Europe/Brussels\r\n");
    for i in 0..events {
        let (day, slot, room, track) = (1 + (i / 100) % 10, (i % 100) / 10, i % 10, i % 7);
        let summary = format!("SUMMARY:Generated talk number {i} with a title long enough that it must be folded");
        let (head, tail) = summary.split_at(60);
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:gen-{i}@example.org\r\n{head}\r\n {tail}\r\n\
             DTSTART;TZID=Europe/Brussels:202706{day:02}T{:02}0000\r\nDURATION:PT50M\r\n\
             LOCATION:Room {room}\r\nCATEGORIES:Track {track}\r\n{extra}END:VEVENT\r\n",
            8 + slot
        ));
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

#[test]
fn a_generated_thousand_event_calendar() {
    let text = generated_calendar(1000, "");
    let calls = RefCell::new(Vec::new());
    let schedule = parse_with_progress(text.as_bytes(), "gen.ics", &|f| calls.borrow_mut().push(f)).unwrap();
    assert_eq!(schedule.stats(), stats(1000, 10, 10, 7, 0));
    let s = session(&schedule, "gen-437@example.org");
    assert_eq!(s.title, "Generated talk number 437 with a title long enough that it must be folded");
    assert_eq!(timing(&schedule, "gen-437@example.org"), ("2027-06-05 11:00".to_owned(), 50));
    assert_eq!(schedule.room_name(s), "Room 7");
    assert_eq!(schedule.track_name(s), "Track 3");
    let calls = calls.into_inner();
    assert_eq!(calls, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0], "every 200 events, then done");
}

#[test]
fn warnings_of_one_kind_are_summarised_after_twenty() {
    let schedule = parse_text(&generated_calendar(50, "RRULE:FREQ=DAILY;COUNT=3\r\n"));
    assert_eq!(schedule.stats(), stats(50, 10, 1, 7, 21));
    assert_eq!(schedule.warnings()[20].message, "… and 30 more repeating events (RRULE) not expanded");
    assert_eq!(schedule.warnings()[20].location, None);
}

// ---------------------------------------------------------------------------------------------
// Hostile input, and agreement with the `icalendar` crate.

mod hostile;
