//! The auto-roster and `--check` (`Roster::violations`) share one notion of time: random rosters
//! whose shift times, availability, blocks and busy times fall on arbitrary seconds (a few on
//! milliseconds), with zero-length commitments, rest, stretch and hour limits. Whatever the
//! auto-roster writes, the check finds no hard rule broken.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns; panicking is fine in tests")]

use chrono::{Duration, NaiveDateTime, NaiveTime};
use lanyard::model::SessionId;
use lanyard::model::autoroster::{AutoRosterOptions, auto_roster};
use lanyard::model::busy::{BusyTime, Commitment, StaffBusy};
use lanyard::model::roster::{
    AssignEdit, Assignment, Booth, BoothId, Experience, PersonName, Roster, RosterEdit, RosterParts, RosterRules,
    Shift, ShiftId, Staff, Window,
};
use proptest::prelude::*;

/// An instant near a quarter-hour grid: `quarter` quarter-hours after the base, moved by
/// `jitter_ms` (often 0, often whole seconds, sometimes milliseconds), so shifts touch, overlap
/// by seconds and leave rests just short of (or just over) the limit.
fn at(quarter: i64, jitter_ms: i64) -> NaiveDateTime {
    let base = NaiveDateTime::parse_from_str("2027-04-16 06:00", "%Y-%m-%d %H:%M").unwrap();
    base + Duration::minutes(quarter * 15) + Duration::milliseconds(jitter_ms)
}

fn jitter() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => Just(0i64),
        4 => (-120i64..120).prop_map(|s| s * 1_000),
        1 => -90_000i64..90_000,
    ]
}

/// A grid start, a length in quarter-hours and a jitter for each end; [`window`] makes it a
/// `[start, end)` that is never empty (lengths are at least a quarter-hour).
fn span(quarters: std::ops::Range<i64>, lengths: std::ops::Range<i64>) -> impl Strategy<Value = (i64, i64, i64, i64)> {
    (quarters, lengths, jitter(), jitter())
}

fn window((start, len, j1, j2): (i64, i64, i64, i64)) -> (NaiveDateTime, NaiveDateTime) {
    (at(start, j1), at(start + len, j2.abs() + 1_000))
}

#[derive(Clone, Debug)]
struct RawStaff {
    newcomer: bool,
    max_day: Option<u32>,
    max_total: Option<u32>,
    windows: Vec<(i64, i64, i64, i64)>,
    unavailable: Vec<(i64, i64, i64, i64)>,
    /// Start, length (0: a zero-length commitment), jitter, hard.
    busy: Vec<(i64, i64, i64, bool)>,
}

fn raw_staff() -> impl Strategy<Value = RawStaff> {
    (
        any::<bool>(),
        prop::option::of(1u32..6),
        prop::option::of(1u32..10),
        prop::collection::vec(span(0..150, 4..60), 0..3),
        prop::collection::vec(span(0..150, 1..12), 0..2),
        prop::collection::vec((0i64..150, prop_oneof![Just(0i64), 1i64..8], jitter(), any::<bool>()), 0..4),
    )
        .prop_map(|(newcomer, max_day, max_total, windows, unavailable, busy)| RawStaff {
            newcomer,
            max_day,
            max_total,
            windows,
            unavailable,
            busy,
        })
}

fn build_staff(raw: &[RawStaff]) -> (Vec<Staff>, StaffBusy) {
    let mut busy = StaffBusy::new();
    let staff = raw
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let name = format!("p{i}");
            let mut staff =
                Staff::new(name.clone(), if raw.newcomer { Experience::Newcomer } else { Experience::Experienced });
            staff.max_hours_per_day = raw.max_day;
            staff.max_hours_total = raw.max_total;
            staff.availability = raw.windows.iter().map(|&w| window(w)).map(|(a, b)| Window::new(a, b)).collect();
            staff.unavailable = raw.unavailable.iter().map(|&w| window(w)).map(|(a, b)| Window::new(a, b)).collect();
            busy.add(
                PersonName::new(name),
                raw.busy.iter().map(|&(start, len, j, hard)| {
                    let starts_at = at(start, j);
                    let ends_at = if len == 0 { starts_at } else { at(start + len, j) };
                    let session = SessionId::new("t");
                    BusyTime {
                        starts_at,
                        ends_at,
                        title: "talk".into(),
                        commitment: if hard { Commitment::MustSee(session) } else { Commitment::Maybe(session) },
                    }
                }),
            );
            staff
        })
        .collect();
    (staff, busy)
}

/// A random roster on two booths over about two days, times on arbitrary seconds, with random
/// unlocked assignments (which may break any rule) and random rules.
fn random_roster() -> impl Strategy<Value = (Roster, StaffBusy)> {
    (
        prop::collection::vec((span(0..150, 1..16), 1u32..4), 1..14),
        prop::collection::vec(raw_staff(), 1..8),
        prop::collection::vec((0usize..14, 0usize..8), 0..12),
        prop::sample::select(vec![0u32, 1, 30, 60]),
        prop::option::of(prop::sample::select(vec![60u32, 150, 240])),
        any::<bool>(),
    )
        .prop_map(|(raw_shifts, raw_staff, raw_assignments, min_rest, max_stretch, late_day_change)| {
            let booths: Vec<Booth> = ["a", "b"]
                .iter()
                .map(|id| Booth { id: BoothId::new(*id), name: (*id).into(), location: String::new() })
                .collect();
            let shifts: Vec<Shift> = raw_shifts
                .iter()
                .enumerate()
                .map(|(i, &(w, seats))| {
                    let (starts_at, ends_at) = window(w);
                    Shift {
                        id: ShiftId::new(format!("s{i:02}")),
                        booth: BoothId::new(if i % 2 == 0 { "a" } else { "b" }),
                        starts_at,
                        ends_at,
                        seats,
                        role: String::new(),
                        requires: Vec::new(),
                    }
                })
                .collect();
            let (staff, busy) = build_staff(&raw_staff);
            let mut assignments: Vec<Assignment> = Vec::new();
            for (s, p) in raw_assignments {
                let (shift, person) = (&shifts[s % shifts.len()], &staff[p % staff.len()]);
                let on = assignments.iter().filter(|a| a.shift == shift.id).count() as u32;
                if on < shift.seats && !assignments.iter().any(|a| a.shift == shift.id && a.person == person.name) {
                    assignments.push(Assignment::new(shift.id.as_str(), person.name.as_str()));
                }
            }
            let rules = RosterRules {
                min_rest_mins: min_rest,
                max_consecutive_mins: max_stretch,
                day_change: if late_day_change { NaiveTime::from_hms_opt(4, 0, 0).unwrap() } else { NaiveTime::MIN },
            };
            let parts =
                RosterParts { id: "r".into(), rules, booths, shifts, staff, assignments, ..RosterParts::default() };
            (Roster::from_parts(parts).unwrap(), busy)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// No locked assignments, so nothing excuses a violation: every roster the auto-roster
    /// writes passes `--check`, to the second.
    #[test]
    fn every_roster_the_auto_roster_writes_passes_the_check((roster, busy) in random_roster(), keep in any::<bool>()) {
        let result = auto_roster(&roster, &busy, AutoRosterOptions { keep_unlocked: keep });
        let mut after = roster.clone();
        after.apply(RosterEdit::Assign(AssignEdit::SetAll(result.assignments.clone()))).unwrap();
        let found = after.violations(&busy);
        prop_assert!(found.is_empty(), "{:?}", found.iter().map(|v| v.describe(&after)).collect::<Vec<_>>());
        prop_assert!(result.filled <= result.bound, "filled {} > bound {}", result.filled, result.bound);
    }
}
