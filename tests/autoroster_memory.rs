//! The auto-roster's memory grows with staff + shifts, not with their product (issue 13): a test
//! binary of its own, because it counts every allocation through a global allocator.
//!
//! A roster where everyone may take every shift has staff × shifts eligible pairs. Lists of
//! indexes per pair (8 bytes each) and a flow network with an edge record per pair (about 40
//! bytes) made 10,000 × 10,000 take 5.8 GB; the auto-roster now keeps one bit per pair. This
//! counts the bytes it allocates in all (a bound on its peak), and fails if that comes near one
//! byte per pair.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::alloc::System;

use chrono::{Duration, NaiveDate, NaiveTime};
use lanyard::model::autoroster::{AutoRosterOptions, auto_roster, explain_unfilled, seat_bound};
use lanyard::model::busy::StaffBusy;
use lanyard::model::roster::{Booth, BoothId, Experience, Roster, RosterParts, RosterRules, Shift, ShiftId, Staff};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const STAFF: usize = 1_000;
const SHIFTS: usize = 1_000;

/// `STAFF` people with no limits and `SHIFTS` two-seat shifts, ten at a time, an hour apart:
/// everyone is eligible for everything, so the eligible pairs are the whole product.
fn dense_roster() -> Roster {
    let day = NaiveDate::from_ymd_opt(2027, 4, 16).unwrap().and_time(NaiveTime::MIN);
    let shifts = (0..SHIFTS)
        .map(|i| {
            let starts_at = day + Duration::hours(i64::try_from(i / 10).unwrap());
            Shift {
                requires: Vec::new(),
                id: ShiftId::new(format!("s{i:04}")),
                booth: BoothId::new(format!("b{}", i % 10)),
                starts_at,
                ends_at: starts_at + Duration::minutes(50),
                seats: 2,
                role: String::new(),
            }
        })
        .collect();
    let staff = (0..STAFF)
        .map(|p| {
            let experience = if p % 4 == 3 { Experience::Newcomer } else { Experience::Experienced };
            Staff::new(format!("p{p:04}"), experience)
        })
        .collect();
    let booths = (0..10)
        .map(|b| Booth { id: BoothId::new(format!("b{b}")), name: format!("Booth {b}"), location: String::new() })
        .collect();
    let parts = RosterParts {
        id: "dense".into(),
        conference: "dense".into(),
        rules: RosterRules {
            min_rest_mins: 0,
            day_change: NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
            max_consecutive_mins: None,
        },
        booths,
        shifts,
        staff,
        ..RosterParts::default()
    };
    Roster::from_parts(parts).unwrap()
}

#[test]
fn auto_roster_allocates_far_less_than_a_word_per_eligible_pair() {
    let roster = dense_roster();
    let busy = StaffBusy::new();
    let pairs = STAFF * SHIFTS;
    let region = Region::new(GLOBAL);
    let bound = seat_bound(&roster, &busy);
    let bound_bytes = region.change().bytes_allocated;
    assert_eq!(bound, 2 * SHIFTS as u32);
    let region = Region::new(GLOBAL);
    let result = auto_roster(&roster, &busy, AutoRosterOptions::default());
    let auto_bytes = region.change().bytes_allocated;
    assert_eq!((result.filled, result.bound), (2 * SHIFTS as u32, 2 * SHIFTS as u32));
    // As the roster stands (nobody on any shift) every seat is open, and every person is a
    // candidate for it: only a few are listed, the rest counted.
    let region = Region::new(GLOBAL);
    let unfilled = explain_unfilled(&roster, &busy);
    let explain_bytes = region.change().bytes_allocated;
    assert_eq!(unfilled.len(), SHIFTS);
    assert!(unfilled.iter().all(|u| u.candidates.len() <= lanyard::model::autoroster::MAX_CANDIDATES));
    assert_eq!(unfilled[0].candidates.len() + unfilled[0].more_candidates as usize, STAFF);
    for (what, bytes) in [("seat_bound", bound_bytes), ("auto_roster", auto_bytes), ("explain_unfilled", explain_bytes)]
    {
        // Now about one byte a pair in all (two bit matrices and everything else); before, at
        // least 56 (two index lists and an edge record per pair).
        assert!(bytes < pairs * 4, "{what} allocated {bytes} bytes for {pairs} eligible pairs");
    }
}
