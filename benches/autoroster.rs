//! Auto-roster benchmark (issue: booth staffing): 500 staff × 2,000 shifts over three days,
//! generated deterministically (`model::synthetic::generate_roster`, also `lanyard gen-roster`),
//! with availability windows, unavailable blocks, hour limits, must-see and maybe picks, a quarter
//! newcomers and a few locked assignments. Prints the seats, filled seats and bound once, then times the whole auto-roster (bound and explanations
//! included), the bound alone, and a full violation check of its result.

use criterion::{Criterion, criterion_group, criterion_main};
use lanyard::model::autoroster::{AutoRosterOptions, auto_roster, seat_bound};
use lanyard::model::busy::StaffBusy;
use lanyard::model::roster::AssignEdit;
use lanyard::model::roster::{Roster, RosterEdit};
use lanyard::model::synthetic::{SyntheticRosterParams, generate_roster};

const STAFF: usize = 500;
const SHIFTS: usize = 2_000;

/// The synthetic roster (`model::synthetic::generate_roster`, also `lanyard gen-roster`).
fn generate() -> (Roster, StaffBusy) {
    match generate_roster(SyntheticRosterParams { staff: STAFF, shifts: SHIFTS }) {
        Ok(generated) => generated,
        Err(err) => panic!("the generated roster is invalid: {err}"),
    }
}

fn autoroster(c: &mut Criterion) {
    let (roster, busy) = generate();
    let result = auto_roster(&roster, &busy, AutoRosterOptions::default());
    let mut after = roster.clone();
    after.apply(RosterEdit::Assign(AssignEdit::SetAll(result.assignments.clone()))).ok();
    #[expect(clippy::print_stdout, reason = "the benchmark reports the quality it measures once")]
    {
        println!(
            "autoroster {STAFF} staff x {SHIFTS} shifts: seats={} filled={} bound={} violations={} (all from locked)",
            result.seats,
            result.filled,
            result.bound,
            after.violations(&busy).len()
        );
    }
    let mut group = c.benchmark_group("autoroster");
    group.sample_size(10);
    group.bench_function("auto_roster, 500 staff x 2,000 shifts", |b| {
        b.iter(|| auto_roster(std::hint::black_box(&roster), &busy, AutoRosterOptions::default()).filled);
    });
    group.bench_function("seat_bound alone, 500 staff x 2,000 shifts", |b| {
        b.iter(|| seat_bound(std::hint::black_box(&roster), &busy));
    });
    group.bench_function("violations, 500 staff x 2,000 shifts", |b| {
        b.iter(|| std::hint::black_box(&after).violations(&busy).len());
    });
    group.finish();
}

criterion_group!(benches, autoroster);
criterion_main!(benches);
