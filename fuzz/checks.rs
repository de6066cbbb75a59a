//! The properties every fuzz target checks, shared by the cargo-fuzz targets in
//! `fuzz/fuzz_targets/` (each includes this file) and by `tests/io/fuzz_equivalent.rs`, which runs
//! the same checks on arbitrary and mutated bytes inside `cargo test`.
//!
//! Each check takes arbitrary bytes, must never panic, hang or allocate without bound, and panics
//! (with a message) only when a property that lanyard promises is broken:
//! - importers return a schedule or an error; a schedule they return can be written as lanyard
//!   RON and read back with the same sessions (what `lanyard convert` relies on);
//! - a plan, roster or settings document that loads saves to text that loads back equal
//!   (nothing the user owns is lost by a load/save cycle);
//! - a schedule exported as iCalendar reads back with the same ids, start and end instants;
//! - two writers editing one plan from the same base, merged by id, lose nothing either side
//!   added, and keep every change only one side made.

use std::path::Path;

use lanyard::io::export::ical::schedule_to_ics;
use lanyard::io::import::{self, ImportError, frab_json, frab_xml, ical, native};
use lanyard::io::settings::Settings;
use lanyard::io::store::{Document, parse_document};
use lanyard::model::roster::Roster;
use lanyard::model::{Plan, Schedule};

/// The fuzz targets, by name (the file names in `fuzz/fuzz_targets/`).
pub const TARGETS: [&str; 9] = [
    "schedule_native",
    "schedule_xml",
    "schedule_json",
    "schedule_ical",
    "plan_loader",
    "settings_loader",
    "roster_loader",
    "ics_roundtrip",
    "plan_merge",
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
        "plan_merge" => plan_merge(bytes),
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

/// The sample conference, parsed once: plan edits are checked against a schedule.
fn sample_schedule() -> &'static Schedule {
    static SAMPLE: std::sync::OnceLock<Schedule> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| native::parse(lanyard::io::samples::SAMPLE_SCHEDULE).expect("the bundled sample loads"))
}

/// A new item of kind 0 (dinner), 1 (meeting) or 2 (block) under `id`, its title `text`.
fn new_item(
    kind: u8,
    id: lanyard::model::ItemId,
    text: String,
    starts_at: chrono::NaiveDateTime,
) -> lanyard::model::PersonalItem {
    use lanyard::model::{Block, BlockKind, CustomEvent, CustomKind, Dinner, PersonalItem, Reservation};
    match kind {
        0 => PersonalItem::Dinner(Dinner {
            id,
            title: text,
            venue: String::new(),
            address: String::new(),
            starts_at,
            duration_mins: 90,
            party: Vec::new(),
            reservation: Reservation::None,
            cost_per_head: None,
            notes: String::new(),
        }),
        1 => PersonalItem::Custom(CustomEvent {
            id,
            kind: CustomKind::Meeting,
            title: text,
            starts_at,
            duration_mins: 30,
            place: String::new(),
            people: Vec::new(),
            note: String::new(),
        }),
        _ => PersonalItem::Block(Block { id, kind: BlockKind::Busy, starts_at, duration_mins: 60, note: text }),
    }
}

/// The same item with its title (a block's note) replaced.
fn retitled(item: lanyard::model::PersonalItem, text: String) -> lanyard::model::PersonalItem {
    use lanyard::model::PersonalItem;
    match item {
        PersonalItem::Custom(mut c) => {
            c.title = text;
            PersonalItem::Custom(c)
        }
        PersonalItem::Block(mut x) => {
            x.note = text;
            PersonalItem::Block(x)
        }
        PersonalItem::Dinner(mut d) => {
            d.title = text;
            PersonalItem::Dinner(d)
        }
    }
}

/// Applies one edit decoded from three bytes to `plan`, as the writer `side` (0 or 1) would.
/// New items get ids no other writer makes ([`lanyard::model::ItemId::unique`] with the side and
/// a counter as the token, as the app does with a random time-ordered one). Edits the plan
/// refuses are skipped.
fn apply_op(plan: &mut Plan, schedule: &Schedule, side: u8, counter: &mut u64, op: [u8; 3]) {
    use chrono::NaiveDate;
    use lanyard::model::{Edit, ItemId, Priority, Signup, SlotKey};
    let [kind, a, b] = op;
    let sessions: Vec<&lanyard::model::SessionId> = schedule.sessions().iter().take(12).map(|s| &s.id).collect();
    let session = sessions[usize::from(a) % sessions.len()].clone();
    let starts_at = NaiveDate::from_ymd_opt(2027, 4, 16)
        .and_then(|d| d.and_hms_opt(u32::from(b % 24), 0, 0))
        .expect("a valid time");
    let items: Vec<ItemId> = plan
        .custom_events
        .iter()
        .map(|c| c.id.clone())
        .chain(plan.blocks.iter().map(|x| x.id.clone()))
        .chain(plan.dinners.iter().map(|d| d.id.clone()))
        .collect();
    let text = format!("{side}-{a}-{b}");
    let slot = SlotKey { roster: "r".into(), slot: format!("s{}", a % 6) };
    let edit = match kind % 10 {
        kind @ 0..=2 => {
            *counter += 1;
            let id =
                ItemId::unique(["d", "c", "b"][usize::from(kind)], (u128::from(side) << 64) | u128::from(*counter));
            Edit::add(new_item(kind, id, text, starts_at))
        }
        3 | 4 if items.is_empty() => return,
        3 => match plan.item(&items[usize::from(a) % items.len()]) {
            Some(item) => Edit::update(retitled(item, text)),
            None => return,
        },
        4 => Edit::RemoveItem(items[usize::from(a) % items.len()].clone()),
        5 => Edit::Pick { session_id: session, priority: if b % 2 == 0 { Priority::Must } else { Priority::Maybe } },
        6 => Edit::Unpick { session_id: session },
        7 => Edit::SetNote { session_id: session, note: if b % 3 == 0 { String::new() } else { text } },
        8 => Edit::sign_up(Signup {
            key: slot,
            title: text,
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(1),
            place: String::new(),
        }),
        _ => Edit::LeaveSlot(slot),
    };
    plan.apply(schedule, edit).ok();
}

/// Every entry of a plan by a key that says what it is, for comparing three versions.
fn plan_entries(plan: &Plan) -> std::collections::BTreeMap<String, String> {
    let mut entries = std::collections::BTreeMap::new();
    for (id, pick) in &plan.picks {
        entries.insert(format!("pick {id}"), format!("{pick:?}"));
    }
    for (id, note) in &plan.notes {
        entries.insert(format!("note {id}"), note.clone());
    }
    for c in &plan.custom_events {
        entries.insert(format!("item {}", c.id), format!("{c:?}"));
    }
    for x in &plan.blocks {
        entries.insert(format!("item {}", x.id), format!("{x:?}"));
    }
    for d in &plan.dinners {
        entries.insert(format!("item {}", d.id), format!("{d:?}"));
    }
    for s in &plan.signups {
        entries.insert(format!("signup {}/{}", s.key.roster, s.key.slot), format!("{s:?}"));
    }
    entries
}

/// The three-way merge of two writers' edit sequences from one base (bytes: the base's edits,
/// then ours and theirs, three bytes an edit, split at the positions the first two bytes give).
/// For every entry (pick, note, item, sign-up): what only one side changed is taken from that
/// side, what both changed keeps ours, and so nothing either side added is ever lost.
pub fn plan_merge(bytes: &[u8]) {
    let schedule = sample_schedule();
    let (Some(&cut1), Some(&cut2)) = (bytes.first(), bytes.get(1)) else { return };
    let ops: Vec<[u8; 3]> = bytes[2..].chunks_exact(3).take(300).map(|c| [c[0], c[1], c[2]]).collect();
    let cut1 = usize::from(cut1) % (ops.len() + 1);
    let cut2 = cut1 + usize::from(cut2) % (ops.len() - cut1 + 1);
    let mut base = Plan::new(schedule.conference().id.clone());
    let mut counter = 0;
    for op in &ops[..cut1] {
        apply_op(&mut base, schedule, 2, &mut counter, *op);
    }
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let (mut ours_counter, mut theirs_counter) = (0, 0);
    for op in &ops[cut1..cut2] {
        apply_op(&mut ours, schedule, 0, &mut ours_counter, *op);
    }
    for op in &ops[cut2..] {
        apply_op(&mut theirs, schedule, 1, &mut theirs_counter, *op);
    }
    let merged = lanyard::model::merge::merge(&base, &ours, &theirs);
    let (b, o, t, m) = (plan_entries(&base), plan_entries(&ours), plan_entries(&theirs), plan_entries(&merged.plan));
    let keys: std::collections::BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    for key in keys {
        let (bv, ov, tv, mv) = (b.get(key), o.get(key), t.get(key), m.get(key));
        let expected = if ov == bv { tv } else { ov };
        assert_eq!(mv, expected, "{key}: base {bv:?}, ours {ov:?}, theirs {tv:?}");
        if bv.is_none() {
            assert!(ov.is_none() || mv.is_some(), "{key}: added by ours, lost");
            assert!(tv.is_none() || ov.is_some() || mv.is_some(), "{key}: added by theirs, lost");
        }
    }
    // Merging with a side that changed nothing gives the other side, whichever it is.
    assert_eq!(plan_entries(&lanyard::model::merge::merge(&base, &ours, &base).plan), o);
    assert_eq!(plan_entries(&lanyard::model::merge::merge(&base, &base, &theirs).plan), t);
}
