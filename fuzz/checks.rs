//! The properties every fuzz target checks, shared by the cargo-fuzz targets in
//! `fuzz/fuzz_targets/` (each includes this file) and by `tests/fuzz_equivalent.rs`, which runs
//! the same checks on arbitrary and mutated bytes inside `cargo test`.
//!
//! Each check takes arbitrary bytes, must never panic, hang or allocate without bound, and panics
//! (with a message) only when a property that lanyard promises is broken:
//! - importers return a schedule or an error; a schedule they return can be written as lanyard
//!   RON and read back with the same sessions (what `lanyard convert` relies on);
//! - a plan, roster or settings document that loads saves to text that loads back equal
//!   (nothing the user owns is lost by a load/save cycle);
//! - a schedule exported as iCalendar reads back with the same ids, start and end instants.

use std::path::Path;

use lanyard::io::export::ical::schedule_to_ics;
use lanyard::io::import::{self, ImportError, frab_json, frab_xml, ical, native};
use lanyard::io::settings::Settings;
use lanyard::io::store::{Document, parse_document};
use lanyard::model::roster::Roster;
use lanyard::model::{Plan, Schedule};

/// The fuzz targets, by name (the file names in `fuzz/fuzz_targets/`).
pub const TARGETS: [&str; 8] = [
    "schedule_native",
    "schedule_xml",
    "schedule_json",
    "schedule_ical",
    "plan_loader",
    "settings_loader",
    "roster_loader",
    "ics_roundtrip",
];

/// Runs the check of the target called `name` on `bytes`. Unknown names panic.
pub fn run(name: &str, bytes: &[u8]) {
    match name {
        "schedule_native" => schedule_native(bytes),
        "schedule_xml" => schedule_xml(bytes),
        "schedule_json" => schedule_json(bytes),
        "schedule_ical" => schedule_ical(bytes),
        "plan_loader" => plan_loader(bytes),
        "settings_loader" => settings_loader(bytes),
        "roster_loader" => roster_loader(bytes),
        "ics_roundtrip" => ics_roundtrip(bytes),
        other => panic!("no fuzz target called {other}"),
    }
}

fn no_progress(_: f32) {}

/// The lanyard RON schedule importer.
pub fn schedule_native(bytes: &[u8]) {
    if let Ok(schedule) = native::parse(bytes) {
        native_round_trip(&schedule);
    }
}

/// The frab/Pentabarf XML importer.
pub fn schedule_xml(bytes: &[u8]) {
    if let Ok(schedule) = frab_xml::parse(bytes, &no_progress) {
        native_round_trip(&schedule);
    }
}

/// The frab/pretalx `schedule.json` importer.
pub fn schedule_json(bytes: &[u8]) {
    if let Ok(schedule) = frab_json::parse(bytes, &no_progress) {
        native_round_trip(&schedule);
    }
}

/// The iCalendar importer.
pub fn schedule_ical(bytes: &[u8]) {
    if let Ok(schedule) = ical::parse(bytes, &no_progress) {
        native_round_trip(&schedule);
    }
}

/// Invariants of any schedule an importer returns, and its trip through the native format.
fn native_round_trip(schedule: &Schedule) {
    let sessions = schedule.sessions();
    assert!(sessions.windows(2).all(|w| w[0].starts_at <= w[1].starts_at), "sessions are not sorted by start");
    let mut ids: Vec<&str> = sessions.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    assert!(ids.windows(2).all(|w| w[0] != w[1]), "session ids are not unique");
    let text = native::write(schedule).unwrap_or_else(|err| panic!("an imported schedule does not serialise: {err}"));
    let again = native::parse(text.as_bytes())
        .unwrap_or_else(|err| panic!("lanyard RON written from an imported schedule does not load: {err}\n{text}"));
    assert_eq!(again.sessions().len(), sessions.len(), "the native round trip changed the number of sessions");
    for session in sessions {
        let copy = again
            .session_by_id(&session.id)
            .unwrap_or_else(|| panic!("session {:?} lost in the native round trip", session.id.as_str()));
        assert_eq!(
            (&copy.title, copy.starts_at, copy.duration_mins),
            (&session.title, session.starts_at, session.duration_mins),
            "session {:?} changed in the native round trip",
            session.id.as_str()
        );
    }
    assert_eq!(again.conference().zone, schedule.conference().zone, "the zone changed in the native round trip");
}

/// A document that loads must save to text that loads back equal.
fn document_round_trip<D: Document + PartialEq + std::fmt::Debug>(bytes: &[u8]) {
    let path = Path::new("fuzz.ron");
    let Ok(document) = parse_document::<D>(bytes, path) else { return };
    let text = document.to_ron().unwrap_or_else(|err| panic!("a loaded {} does not serialise: {err}", D::KIND));
    let again = parse_document::<D>(text.as_bytes(), path)
        .unwrap_or_else(|err| panic!("a saved {} does not load back: {err}\n{text}", D::KIND));
    assert_eq!(again, document, "a {} changed in a save/load round trip", D::KIND);
}

/// `plan.ron`.
pub fn plan_loader(bytes: &[u8]) {
    document_round_trip::<Plan>(bytes);
}

/// `settings.ron`.
pub fn settings_loader(bytes: &[u8]) {
    document_round_trip::<Settings>(bytes);
}

/// `roster.ron`.
pub fn roster_loader(bytes: &[u8]) {
    document_round_trip::<Roster>(bytes);
}

/// Whether the .ics exporter writes `t` unclamped: a day inside the years 0001–9999.
fn writable_in_ics(t: chrono::NaiveDateTime) -> bool {
    let earliest = chrono::NaiveDate::from_ymd_opt(1, 1, 2).and_then(|d| d.and_hms_opt(0, 0, 0));
    let latest = chrono::NaiveDate::from_ymd_opt(9999, 12, 30).and_then(|d| d.and_hms_opt(23, 59, 59));
    earliest.is_some_and(|e| t >= e) && latest.is_some_and(|l| t <= l)
}

/// Any schedule (format detected as `lanyard check` does), exported as iCalendar and imported
/// again: the same sessions, starting and ending at the same instants.
pub fn ics_roundtrip(bytes: &[u8]) {
    let Ok(schedule) = import::parse(bytes, "fuzz") else { return };
    let text = schedule_to_ics(&schedule);
    let back = match import::parse(text.as_bytes(), "export.ics") {
        Ok(back) => back,
        // A schedule with no sessions exports a calendar with no events, which is refused.
        Err(ImportError::Invalid { .. }) if schedule.sessions().is_empty() => return,
        Err(err) => panic!("our own .ics export does not import: {err}\n{text}"),
    };
    assert_eq!(back.sessions().len(), schedule.sessions().len(), "the .ics round trip changed the number of sessions");
    let zone = schedule.conference().zone;
    let back_zone = back.conference().zone;
    for session in schedule.sessions() {
        let copy = back
            .session_by_id(&session.id)
            .unwrap_or_else(|| panic!("session {:?} lost in the .ics round trip\n{text}", session.id.as_str()));
        // iCalendar writes years 0001–9999 only; the exporter clamps times to a day inside that
        // range (a documented limitation), so instants are compared only within it.
        if !writable_in_ics(session.starts_at) || !writable_in_ics(session.ends_at()) {
            continue;
        }
        // Each schedule's times are wall-clock times in its own zone; compare the instants.
        assert_eq!(
            back_zone.to_utc(copy.starts_at),
            zone.to_utc(session.starts_at),
            "session {:?} moved in the .ics round trip\n{text}",
            session.id.as_str()
        );
        // A session that starts inside a skipped DST hour and ends before the clocks catch up
        // (02:30 for 30 minutes when 02:00 jumps to 03:00) ends, as instants, before it starts:
        // no calendar can say that, so only its start is compared (found by this fuzz target).
        if zone.to_utc(session.ends_at()) <= zone.to_utc(session.starts_at) {
            continue;
        }
        // The end is compared as an instant, not as wall-clock minutes: a session ending inside
        // a skipped DST hour ends at the first valid instant after it (RFC 5545 §3.3.5), which
        // reads back as a longer wall-clock span ending at the same moment.
        assert_eq!(
            back_zone.to_utc(copy.ends_at()),
            zone.to_utc(session.ends_at()),
            "session {:?} ends at another moment after the .ics round trip \
             ({} + {} min in {zone:?} became {} + {} min in {back_zone:?})\n{text}",
            session.id.as_str(),
            session.starts_at,
            session.duration_mins,
            copy.starts_at,
            copy.duration_mins,
        );
    }
}
