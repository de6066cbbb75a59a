//! iCalendar export, checked with parsers that share no code with lanyard: the `icalendar`
//! crate's parser, and (when installed) Python's `icalendar` package. Every event must land at
//! its true instant, computed here independently from the wall-clock time and the IANA zone.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns; panicking is fine in tests")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset as _, TimeZone as _, Utc};
use chrono_tz::Tz;
use icalendar::parser::{ParseString, read_calendar, unfold};
use lanyard::io::export::ical::{plan_to_ics, schedule_to_ics};
use lanyard::model::{
    Conference, Edit, Link, Plan, Priority, Schedule, ScheduleBuilder, Session, SessionId, SessionKind, Zone,
};

use crate::common::{at, sample};

// ---------------------------------------------------------------------------------------------
// Fixtures

const LONG_TITLE: &str = "Überlänge — ünïcödé everywhere: 日本語のタイトルはとても長いです, \
                          emoji 😀🎉 and more «quotes» to push this well past seventy-five octets";
const TRICKY_TEXT: &str =
    "Commas, semicolons; backslashes \\ and \\n (literal), newlines\nsecond line\n\nthird; done, ok";

/// A conference in Europe/Brussels whose sessions straddle both 2027 DST transitions
/// (spring forward 2027-03-28 02:00 → 03:00, autumn back 2027-10-31 03:00 → 02:00), including a
/// time inside the skipped hour and one inside the repeated hour, plus duplicates and awkward text.
fn brussels() -> Schedule {
    let mut conference = Conference::named("dst-fest 2027", "DST Fest, Brussels; 2027");
    conference.zone = Zone::from_iana("Europe/Brussels").unwrap();
    let mut b = ScheduleBuilder::new(conference);
    let room = b.room_named("Room A, Level 2; East \\ wing");
    let track = b.track_named("Web, APIs; more");
    let sessions = [
        ("winter", "2027-01-15 10:00", 45),
        ("before-spring", "2027-03-28 01:30", 60), // ends at 02:30, inside the gap
        ("in-gap", "2027-03-28 02:30", 30),        // does not exist: means 03:30 CEST
        ("after-spring", "2027-03-28 03:00", 30),
        ("summer", "2027-07-01 10:00", 90),
        ("before-autumn", "2027-10-31 01:30", 60),
        ("repeated", "2027-10-31 02:30", 20), // happens twice: the first (CEST) is meant
        ("after-autumn", "2027-10-31 03:00", 30),
        ("dup", "2027-07-02 09:00", 30),
        ("dup", "2027-07-02 14:00", 30), // same id twice: kept as dup#2
        ("empty", "2027-07-02 16:00", 0),
    ];
    for (id, start, minutes) in sessions {
        let mut s = Session::new(id, format!("Session {id}"), at(start), minutes);
        s.room = room;
        s.track = track;
        b.add_session(s, None);
    }
    let mut long = Session::new("long/title@x", LONG_TITLE, at("2027-07-03 11:00"), 50);
    long.speakers = vec!["Zoë Ångström".into(), "Łukasz, Jr.".into()];
    long.abstract_text = TRICKY_TEXT.into();
    long.kind = SessionKind::Tutorial;
    long.room = room;
    long.links = vec![Link { title: "Slides".into(), url: "https://example.org/slides?a=1,b=2;c".into() }];
    b.add_session(long, None);
    b.build()
}

fn floating() -> Schedule {
    let mut b = ScheduleBuilder::new(Conference::named("float", "Floating Conf"));
    b.add_session(Session::new("a", "Morning", at("2027-03-28 02:30"), 30), None);
    b.add_session(Session::new("b", "Evening", at("2027-06-01 19:00"), 60), None);
    b.build()
}

// ---------------------------------------------------------------------------------------------
// Independent parsing and time arithmetic

/// One parsed VEVENT: property name → values (TEXT values unescaped by the parser).
type Props = BTreeMap<String, Vec<(Vec<(String, Option<String>)>, String)>>;

struct Parsed {
    calendar: Props,
    events: Vec<Props>,
}

fn props_of(properties: &[icalendar::parser::Property<'_>]) -> Props {
    let mut props = Props::new();
    for p in properties {
        let params = p
            .params
            .iter()
            .map(|param| (param.key.as_str().to_owned(), param.val.as_ref().map(|v| v.as_str().to_owned())))
            .collect();
        props.entry(p.name.as_str().to_owned()).or_default().push((params, p.val.as_str().to_owned()));
    }
    props
}

fn parse(text: &str) -> Parsed {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).unwrap();
    let events: Vec<Props> =
        calendar.components.iter().filter(|c| c.name.as_str() == "VEVENT").map(|c| props_of(&c.properties)).collect();
    assert_eq!(events.len(), calendar.components.len(), "only VEVENTs are written");
    Parsed { calendar: props_of(&calendar.properties), events }
}

/// The single value of a property, which must occur exactly once.
fn one<'a>(props: &'a Props, name: &str) -> &'a str {
    let values = props.get(name).unwrap_or_else(|| panic!("{name} missing in {props:?}"));
    assert_eq!(values.len(), 1, "{name} occurs {} times", values.len());
    assert!(values[0].0.is_empty(), "{name} has parameters {:?}", values[0].0);
    &values[0].1
}

fn maybe<'a>(props: &'a Props, name: &str) -> Option<&'a str> {
    props.contains_key(name).then(|| one(props, name))
}

/// CATEGORIES is a list: split on unescaped commas, then unescape each item.
fn categories(props: &Props) -> Vec<String> {
    let Some(raw) = maybe(props, "CATEGORIES") else { return Vec::new() };
    let mut items = Vec::new();
    let (mut current, mut escaped) = (String::new(), false);
    for c in raw.chars() {
        if escaped {
            current.push('\\');
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ',' {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items.into_iter().map(|item| ParseString::from(item).unescape_text().as_str().to_owned()).collect()
}

fn utc_value(value: &str) -> DateTime<Utc> {
    assert!(value.ends_with('Z'), "expected a UTC time, got {value}");
    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%SZ").unwrap().and_utc()
}

/// The instant RFC 5545 §3.3.5 assigns to a wall-clock time in `tz`: the first of two in a
/// repeated hour; for a time inside a skipped hour, the UTC offset in force before the gap.
fn true_instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.with_timezone(&Utc).min(b.with_timezone(&Utc)),
        LocalResult::None => {
            // Find the offset just before the gap by walking back until the local time exists.
            let mut probe = local;
            let earlier = loop {
                probe -= Duration::minutes(15);
                if let LocalResult::Single(t) = tz.from_local_datetime(&probe) {
                    break t;
                }
            };
            let offset = i64::from(earlier.offset().fix().local_minus_utc());
            (local - Duration::seconds(offset)).and_utc()
        }
    }
}

/// The end RFC 5545 allows: the true instant of the wall-clock end, unless that is not after the
/// start (a session starting inside a skipped hour), when the export keeps the session's length.
/// `None` for an empty session, which has no DTEND.
fn true_end(tz: Tz, session: &Session) -> Option<DateTime<Utc>> {
    let start = true_instant(tz, session.starts_at);
    let end = true_instant(tz, session.ends_at());
    match session.duration_mins {
        0 => None,
        _ if end > start => Some(end),
        minutes => Some(start + Duration::minutes(i64::from(minutes))),
    }
}

/// Checks that every session is exported once, with its UID, at its true instants.
fn assert_every_session_at_true_instant(schedule: &Schedule, tz: Tz) {
    let text = schedule_to_ics(schedule);
    let parsed = parse(&text);
    assert_eq!(parsed.events.len(), schedule.sessions().len());
    assert_eq!(one(&parsed.calendar, "X-WR-TIMEZONE"), tz.name());
    let by_uid: BTreeMap<&str, &Props> = parsed.events.iter().map(|e| (one(e, "UID"), e)).collect();
    assert_eq!(by_uid.len(), parsed.events.len(), "UIDs are unique");
    for session in schedule.sessions() {
        let uid = expected_uid(session.id.as_str(), schedule.conference().id.as_str());
        let event = by_uid.get(uid.as_str()).unwrap_or_else(|| panic!("no event with UID {uid}"));
        let start = true_instant(tz, session.starts_at);
        assert_eq!(utc_value(one(event, "DTSTART")), start, "{}: DTSTART", session.id);
        assert_eq!(maybe(event, "DTEND").map(utc_value), true_end(tz, session), "{}: DTEND", session.id);
        assert_eq!(one(event, "SUMMARY"), session.title);
        assert_eq!(maybe(event, "LOCATION").unwrap_or(""), schedule.room_name(session));
    }
}

/// The UID the export promises, built here from its documented rule.
fn expected_uid(session_id: &str, conference_id: &str) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    format!("{}@{}.lanyard", encode(session_id), encode(conference_id))
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn sample_events_land_at_their_true_instants() {
    let schedule = sample();
    assert_eq!(schedule.conference().zone.name(), Some("America/Vancouver"));
    assert_every_session_at_true_instant(&schedule, chrono_tz::America::Vancouver);
}

#[test]
fn brussels_events_land_at_their_true_instants_across_dst() {
    let schedule = brussels();
    assert_every_session_at_true_instant(&schedule, chrono_tz::Europe::Brussels);
    // The DST cases, worked out by hand from the published 2027 rules.
    let parsed = parse(&schedule_to_ics(&schedule));
    let start_of = |id: &str| {
        let uid = expected_uid(id, "dst-fest 2027");
        let event = parsed.events.iter().find(|e| one(e, "UID") == uid).unwrap();
        (one(event, "DTSTART").to_owned(), maybe(event, "DTEND").map(str::to_owned))
    };
    assert_eq!(start_of("winter").0, "20270115T090000Z"); // CET, +01:00
    assert_eq!(start_of("before-spring"), ("20270328T003000Z".into(), Some("20270328T013000Z".into())));
    assert_eq!(start_of("in-gap").0, "20270328T013000Z"); // 02:30 does not exist: 03:30 CEST
    assert_eq!(start_of("after-spring").0, "20270328T010000Z"); // CEST, +02:00
    assert_eq!(start_of("summer").0, "20270701T080000Z");
    assert_eq!(start_of("before-autumn").0, "20271030T233000Z");
    assert_eq!(start_of("repeated").0, "20271031T003000Z"); // first 02:30, still CEST
    assert_eq!(start_of("after-autumn").0, "20271031T020000Z"); // CET again
    assert_eq!(start_of("empty").1, None, "an empty session has no DTEND");
}

#[test]
fn uids_are_unique_deterministic_and_stable_across_exports() {
    let first = schedule_to_ics(&brussels());
    let second = schedule_to_ics(&brussels());
    assert_eq!(first, second, "the same data gives the same bytes");
    let uids: Vec<String> = parse(&first).events.iter().map(|e| one(e, "UID").to_owned()).collect();
    let unique: BTreeSet<&String> = uids.iter().collect();
    assert_eq!(unique.len(), uids.len(), "{uids:?}");
    assert!(uids.contains(&"dup@dst-fest%202027.lanyard".to_owned()), "{uids:?}");
    assert!(uids.contains(&"dup%232@dst-fest%202027.lanyard".to_owned()), "{uids:?}");
    assert!(uids.contains(&"long%2Ftitle%40x@dst-fest%202027.lanyard".to_owned()), "{uids:?}");
    for uid in &uids {
        assert!(uid.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-@%".contains(&b)), "{uid}");
        assert_eq!(uid.matches('@').count(), 1, "{uid}");
    }
    // The sample exported twice, and after a round through the native writer and importer.
    let sample = sample();
    let again = lanyard::io::import::parse(
        lanyard::io::import::native::write(&sample).unwrap().as_bytes(),
        "sample-conference.ron",
    )
    .unwrap();
    assert_eq!(schedule_to_ics(&sample), schedule_to_ics(&again));
}

#[test]
fn folding_keeps_lines_short_crlf_and_characters_whole() {
    for text in [schedule_to_ics(&brussels()), schedule_to_ics(&sample())] {
        let bytes = text.as_bytes();
        assert!(text.ends_with("\r\n"));
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                assert_eq!(bytes.get(i.wrapping_sub(1)), Some(&b'\r'), "bare LF at byte {i}");
            }
            if b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at byte {i}");
            }
        }
        let mut folded_lines = 0;
        for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let line = line.strip_suffix(b"\r").unwrap();
            assert!(line.len() <= 75, "{} octets: {}", line.len(), String::from_utf8_lossy(line));
            assert!(std::str::from_utf8(line).is_ok(), "a line splits a UTF-8 character: {line:?}");
            if line.first() == Some(&b' ') {
                folded_lines += 1;
            }
        }
        assert!(folded_lines > 0, "the long texts were folded");
    }
    let parsed = parse(&schedule_to_ics(&brussels()));
    let long = parsed.events.iter().find(|e| one(e, "UID").starts_with("long")).unwrap();
    assert_eq!(one(long, "SUMMARY"), LONG_TITLE, "unfolding restores the title exactly");
}

#[test]
fn escaping_round_trips_commas_semicolons_newlines_and_backslashes() {
    let parsed = parse(&schedule_to_ics(&brussels()));
    assert_eq!(
        ParseString::from(one(&parsed.calendar, "X-WR-CALNAME").to_owned()).unescape_text().as_str(),
        "DST Fest, Brussels; 2027"
    );
    let long = parsed.events.iter().find(|e| one(e, "UID").starts_with("long")).unwrap();
    assert_eq!(one(long, "LOCATION"), "Room A, Level 2; East \\ wing");
    assert_eq!(one(long, "DESCRIPTION"), format!("Speakers: Zoë Ångström, Łukasz, Jr.\n\n{}", TRICKY_TEXT.trim()));
    assert_eq!(categories(long), ["Tutorial"]);
    assert_eq!(one(long, "URL"), "https://example.org/slides?a=1,b=2;c");
    let winter = parsed.events.iter().find(|e| one(e, "UID").starts_with("winter")).unwrap();
    assert_eq!(categories(winter), ["Web, APIs; more", "Talk"]);
}

#[test]
fn floating_conferences_write_floating_times() {
    let schedule = floating();
    let text = schedule_to_ics(&schedule);
    let parsed = parse(&text);
    assert!(!parsed.calendar.contains_key("X-WR-TIMEZONE"));
    assert!(!text.contains("TZID"));
    for (event, session) in parsed.events.iter().zip(schedule.sessions()) {
        let start = one(event, "DTSTART");
        assert!(!start.ends_with('Z'), "{start}");
        assert_eq!(NaiveDateTime::parse_from_str(start, "%Y%m%dT%H%M%S").unwrap(), session.starts_at);
        let end = one(event, "DTEND");
        assert_eq!(NaiveDateTime::parse_from_str(end, "%Y%m%dT%H%M%S").unwrap(), session.ends_at());
        // DTSTAMP is always UTC (RFC 5545 §3.8.7.2).
        assert!(one(event, "DTSTAMP").ends_with('Z'));
    }
}

#[test]
fn calendar_header_and_required_properties() {
    let text = schedule_to_ics(&sample());
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//lanyard//lanyard "));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let parsed = parse(&text);
    assert_eq!(one(&parsed.calendar, "VERSION"), "2.0");
    assert_eq!(one(&parsed.calendar, "PRODID"), format!("-//lanyard//lanyard {}//EN", env!("CARGO_PKG_VERSION")));
    assert_eq!(one(&parsed.calendar, "X-WR-CALNAME"), "Cascadia PyConf 2027");
    let stamps: BTreeSet<&str> = parsed.events.iter().map(|e| one(e, "DTSTAMP")).collect();
    // Fixed and derived from the data: the first day at midnight in Vancouver (PDT, -07:00).
    assert_eq!(stamps.into_iter().collect::<Vec<_>>(), ["20270416T070000Z"]);
}

fn sample_plan(schedule: &Schedule) -> (Plan, [SessionId; 4]) {
    let recorded = schedule.sessions().iter().find(|s| s.is_recorded).unwrap().id.clone();
    let talks: Vec<SessionId> =
        schedule.sessions().iter().filter(|s| s.id != recorded && !s.links.is_empty()).map(|s| s.id.clone()).collect();
    let (must, maybe, noted) = (talks[0].clone(), talks[1].clone(), talks[2].clone());
    let mut plan = Plan::new(schedule.conference().id.clone());
    let edits = [
        Edit::Pick { session_id: must.clone(), priority: Priority::Must },
        Edit::Pick { session_id: maybe.clone(), priority: Priority::Maybe },
        Edit::Pick { session_id: noted.clone(), priority: Priority::Must },
        Edit::SetNote { session_id: noted.clone(), note: "Ask about cells v2, and; the \\ thing\nsecond line".into() },
        Edit::Pick { session_id: recorded.clone(), priority: Priority::Maybe },
        Edit::SetWatchLater { session_id: recorded.clone(), watch_later: true },
    ];
    for edit in edits {
        plan.apply(schedule, edit).unwrap();
    }
    // An orphan: picked in an older schedule version, gone now. It must not be exported.
    plan.picks.insert(
        SessionId::new("gone"),
        lanyard::model::Pick { priority: Priority::Must, watch_later: false, title: "Gone".into(), starts_at: None },
    );
    (plan, [must, maybe, noted, recorded])
}

#[test]
fn plan_export_carries_priorities_watch_later_and_notes() {
    let schedule = sample();
    let (plan, [must, tentative, noted, recorded]) = sample_plan(&schedule);
    let text = plan_to_ics(&schedule, &plan);
    assert_eq!(text, plan_to_ics(&schedule, &plan), "deterministic");
    let parsed = parse(&text);
    assert_eq!(one(&parsed.calendar, "X-WR-CALNAME"), "Cascadia PyConf 2027 — my picks");
    assert_eq!(parsed.events.len(), 4, "one event per pick in the schedule; the orphan is left out");
    let event = |id: &SessionId| {
        let uid = expected_uid(id.as_str(), "cascadia-py-2027");
        parsed.events.iter().find(|e| one(e, "UID") == uid).unwrap_or_else(|| panic!("{id} missing"))
    };
    let tz = chrono_tz::America::Vancouver;
    for id in [&must, &tentative, &noted, &recorded] {
        let session = schedule.session_by_id(id).unwrap();
        assert_eq!(utc_value(one(event(id), "DTSTART")), true_instant(tz, session.starts_at));
        assert_eq!(maybe(event(id), "URL"), session.links.first().map(|l| l.url.as_str()));
    }

    let must_event = event(&must);
    assert_eq!(one(must_event, "PRIORITY"), "1");
    assert_eq!(one(must_event, "STATUS"), "CONFIRMED");
    assert_eq!(one(must_event, "TRANSP"), "OPAQUE");
    assert_eq!(categories(must_event)[0], "Must");
    assert_eq!(one(must_event, "SUMMARY"), schedule.session_by_id(&must).unwrap().title);

    let maybe_event = event(&tentative);
    assert_eq!(one(maybe_event, "PRIORITY"), "5");
    assert_eq!(one(maybe_event, "STATUS"), "TENTATIVE");
    assert!(categories(maybe_event).contains(&"Maybe".to_owned()));

    let noted_event = event(&noted);
    let description = one(noted_event, "DESCRIPTION");
    assert!(
        description.starts_with("Note: Ask about cells v2, and; the \\ thing\nsecond line\n\n"),
        "the note comes first: {description}"
    );
    let speakers = &schedule.session_by_id(&noted).unwrap().speakers;
    assert!(description.contains(&speakers[0]), "{description}");

    let later = event(&recorded);
    let title = &schedule.session_by_id(&recorded).unwrap().title;
    assert_eq!(one(later, "SUMMARY"), format!("Watch later: {title}"));
    assert_eq!(one(later, "TRANSP"), "TRANSPARENT");
    assert_eq!(one(later, "PRIORITY"), "5");
    assert!(categories(later).contains(&"Watch later".to_owned()));
}

#[test]
fn schedule_uids_match_plan_uids_so_picks_update_the_same_events() {
    let schedule = sample();
    let (plan, _) = sample_plan(&schedule);
    let all: BTreeSet<String> =
        parse(&schedule_to_ics(&schedule)).events.iter().map(|e| one(e, "UID").to_owned()).collect();
    for event in parse(&plan_to_ics(&schedule, &plan)).events {
        assert!(all.contains(one(&event, "UID")));
    }
}

/// Runs Python's `icalendar` over exported files and compares its instants, texts and
/// categories with ours. Skips itself (with a note) where Python or the package is missing.
#[test]
fn python_icalendar_agrees_on_instants_and_text() {
    let probe = std::process::Command::new("python3").args(["-c", "import icalendar"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "note: skipping the Python cross-check: `python3 -c \"import icalendar\"` failed (pip install icalendar)"
        );
        return;
    }
    let script = r#"
import json, sys, datetime
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
def when(ev, name):
    if ev.get(name) is None:
        return None
    value = ev.decoded(name)
    if value.tzinfo is None:
        return 'floating ' + value.strftime('%Y-%m-%dT%H:%M:%S')
    return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
for ev in cal.walk('VEVENT'):
    cats = ev.get('CATEGORIES')
    cats = [] if cats is None else [str(c) for c in cats.cats]
    out.append({'uid': str(ev['UID']), 'start': when(ev, 'DTSTART'), 'end': when(ev, 'DTEND'),
                'summary': str(ev.get('SUMMARY', '')), 'location': str(ev.get('LOCATION', '')),
                'description': str(ev.get('DESCRIPTION', '')), 'categories': cats})
print(json.dumps(out))
"#;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (sample(), Some(chrono_tz::America::Vancouver)),
        (brussels(), Some(chrono_tz::Europe::Brussels)),
        (floating(), None),
    ];
    for (schedule, tz) in cases {
        let path = dir.path().join("export.ics");
        std::fs::File::create(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, schedule_to_ics(&schedule).as_bytes()))
            .unwrap();
        let output = std::process::Command::new("python3").args(["-c", script]).arg(&path).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let events: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(events.len(), schedule.sessions().len());
        let ours = parse(&schedule_to_ics(&schedule));
        for (theirs, session) in events.iter().zip(schedule.sessions()) {
            let (start, end) = match tz {
                Some(tz) => {
                    let utc = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
                    (utc(true_instant(tz, session.starts_at)), true_end(tz, session).map(utc))
                }
                None => {
                    let local = |t: NaiveDateTime| format!("floating {}", t.format("%Y-%m-%dT%H:%M:%S"));
                    (local(session.starts_at), Some(local(session.ends_at())))
                }
            };
            let uid = expected_uid(session.id.as_str(), schedule.conference().id.as_str());
            assert_eq!(theirs["uid"], uid.as_str());
            assert_eq!(theirs["start"], start.as_str(), "{uid}");
            assert_eq!(theirs["end"], serde_json::json!(end), "{uid}");
            assert_eq!(theirs["summary"], session.title.as_str());
            assert_eq!(theirs["location"], schedule.room_name(session));
            let event = ours.events.iter().find(|e| one(e, "UID") == uid).unwrap();
            assert_eq!(theirs["description"], maybe(event, "DESCRIPTION").unwrap_or(""), "{uid}");
            assert_eq!(theirs["categories"], serde_json::json!(categories(event)), "{uid}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A whole timeline: the sample plan with the sample roster, through `lanyard export-ics`

/// Runs `lanyard export-ics` on the bundled sample plan and roster; returns the .ics text.
fn export_sample_timeline(dir: &Path) -> String {
    let out = dir.join("ana.ics");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["export-ics", "--plan"])
        .arg(repo.join("assets/sample-plan.ron"))
        .arg("--roster")
        .arg(repo.join("assets/sample-roster.ron"))
        .arg("-o")
        .arg(&out)
        .arg("--data-dir")
        .arg(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "");
    let text = std::fs::read_to_string(&out).unwrap();
    let events = text.matches("\r\nBEGIN:VEVENT\r\n").count();
    assert_eq!(String::from_utf8_lossy(&output.stdout), format!("{}: events={events}\n", out.display()));
    text
}

/// The sample plan's timeline with the sample roster's shifts and slots, built by the library.
fn sample_timeline() -> (Schedule, Plan, lanyard::model::Timeline) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan: Plan = lanyard::io::store::load(&repo.join("assets/sample-plan.ron")).unwrap().document.unwrap();
    let roster: lanyard::model::roster::Roster =
        lanyard::io::store::load(&repo.join("assets/sample-roster.ron")).unwrap().document.unwrap();
    let schedule = sample();
    let timeline = lanyard::model::Timeline::build_with(&schedule, &plan, roster.items_for_plan(&plan));
    (schedule, plan, timeline)
}

/// The UID the export promises for a timeline item.
fn item_uid(item: &lanyard::model::TimelineItem) -> String {
    use lanyard::model::ItemSource;
    let key = match &item.source {
        ItemSource::Session(id) => id.to_string(),
        ItemSource::Personal(id) => format!("item-{id}"),
        ItemSource::Signup(slot) | ItemSource::RosterSlot(slot) => format!("slot-{}-{}", slot.roster, slot.slot),
        ItemSource::Shift(shift) => format!("shift-{}-{}", shift.roster, shift.shift),
    };
    expected_uid(&key, "cascadia-py-2027")
}

#[test]
fn export_ics_with_a_roster_writes_every_timeline_item_at_its_true_instant() {
    let dir = tempfile::tempdir().unwrap();
    let text = export_sample_timeline(dir.path());
    let (schedule, plan, timeline) = sample_timeline();
    assert_eq!(text, lanyard::io::export::ical::timeline_to_ics(&schedule, &plan, &timeline));
    let parsed = parse(&text);
    assert_eq!(parsed.events.len(), timeline.items().len(), "one event per item on the timeline");
    assert_eq!(timeline.items().len(), 22);
    assert_eq!(one(&parsed.calendar, "X-WR-TIMEZONE"), "America/Vancouver");
    let by_uid: BTreeMap<&str, &Props> = parsed.events.iter().map(|e| (one(e, "UID"), e)).collect();
    assert_eq!(by_uid.len(), parsed.events.len(), "UIDs are unique");
    let tz = chrono_tz::America::Vancouver;
    for item in timeline.items() {
        let uid = item_uid(item);
        let event = by_uid.get(uid.as_str()).unwrap_or_else(|| panic!("no event {uid} for {}", item.title));
        assert_eq!(utc_value(one(event, "DTSTART")), true_instant(tz, item.starts_at), "{uid}");
        assert_eq!(utc_value(one(event, "DTEND")), true_instant(tz, item.ends_at), "{uid}");
        let title = if item.is_watch_later { format!("Watch later: {}", item.title) } else { item.title.clone() };
        assert_eq!(one(event, "SUMMARY"), title, "{uid}");
        assert_eq!(maybe(event, "LOCATION").unwrap_or(""), item.place, "{uid}");
        if item.session_id().is_none() {
            assert_eq!(categories(event), [item.kind.label()], "{uid}");
            assert_eq!(one(event, "TRANSP"), "OPAQUE", "{uid}: the attendee's own time is busy time");
        }
    }
    let event = |uid: &str| *by_uid.get(expected_uid(uid, "cascadia-py-2027").as_str()).unwrap();
    // Every kind: the booth shifts, the volunteer slot, the attendee's own items.
    let shift = event("shift-cpc27-booths-fri-found-am");
    assert_eq!(one(shift, "SUMMARY"), "Booth: Cascadia Python Foundation");
    assert_eq!(one(shift, "DTSTART"), "20270416T164500Z", "09:45 PDT");
    assert_eq!(one(event("slot-cpc27-booths-swag-thu"), "SUMMARY"), "Swag-bag stuffing");
    assert_eq!(one(event("item-b2"), "SUMMARY"), "Departure: leave for the airport (YVR, 17:45 flight)");
    assert_eq!(one(event("item-b2"), "DTEND"), "20270419T010000Z", "18:00 PDT on Sunday");
    // What the plan knows beyond title and time travels in the description.
    let meeting = one(event("item-c1"), "DESCRIPTION");
    assert!(meeting.starts_with("With: Sam Okoro, Priya Raman\n\n"), "{meeting}");
    let dinner = one(event("item-d1"), "DESCRIPTION");
    for part in [
        "Party of 5, but the reservation is for 4",
        "Party of 5: Ana Lima, Ben Ortiz, Chen Wei, Kai Tanaka, Farah Haddad",
        "Reservation booked: 4 under Ana Lima (confirmation SC-2741)",
        "212 Wharf Street",
        "Chen is vegetarian",
    ] {
        assert!(dinner.contains(part), "{part:?} missing from {dinner:?}");
    }
    assert_eq!(one(event("item-d1"), "LOCATION"), "Salt & Cedar Kitchen");
    // Picks keep what plan_to_ics gives them: note first, priority, watch later.
    let gil = event("cpc27-003");
    assert_eq!(one(gil, "PRIORITY"), "1");
    assert!(one(gil, "DESCRIPTION").starts_with("Note: Ask about the limited C API"));
    assert_eq!(one(event("cpc27-045"), "TRANSP"), "TRANSPARENT");
    // Exported twice, the same bytes: UIDs and stamps are stable.
    assert_eq!(text, export_sample_timeline(dir.path()));
}

/// Python's `icalendar` reads the whole-timeline export the same way (skipped without it).
#[test]
fn python_icalendar_agrees_on_the_whole_timeline_export() {
    let probe = std::process::Command::new("python3").args(["-c", "import icalendar"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("note: skipping the Python cross-check: `python3 -c \"import icalendar\"` failed");
        return;
    }
    let script = r#"
import json, sys, datetime
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = {}
for ev in cal.walk('VEVENT'):
    utc = lambda name: ev.decoded(name).astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    out[str(ev['UID'])] = {'start': utc('DTSTART'), 'end': utc('DTEND'), 'summary': str(ev['SUMMARY']),
                           'location': str(ev.get('LOCATION', '')), 'description': str(ev.get('DESCRIPTION', ''))}
print(json.dumps(out))
"#;
    let dir = tempfile::tempdir().unwrap();
    let text = export_sample_timeline(dir.path());
    let path = dir.path().join("ana.ics");
    let output = std::process::Command::new("python3").args(["-c", script]).arg(&path).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let theirs: BTreeMap<String, serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let (_, _, timeline) = sample_timeline();
    assert_eq!(theirs.len(), timeline.items().len());
    let ours = parse(&text);
    let tz = chrono_tz::America::Vancouver;
    let utc = |t: NaiveDateTime| true_instant(tz, t).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    for item in timeline.items() {
        let uid = item_uid(item);
        let event = &theirs[&uid];
        assert_eq!(event["start"], utc(item.starts_at).as_str(), "{uid}");
        assert_eq!(event["end"], utc(item.ends_at).as_str(), "{uid}");
        assert_eq!(event["location"], item.place.as_str(), "{uid}");
        let mine = ours.events.iter().find(|e| one(e, "UID") == uid).unwrap();
        assert_eq!(event["summary"], one(mine, "SUMMARY"), "{uid}");
        assert_eq!(event["description"], maybe(mine, "DESCRIPTION").unwrap_or(""), "{uid}");
    }
}
