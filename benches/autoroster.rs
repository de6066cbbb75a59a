//! Auto-roster benchmark (issue: booth staffing): 500 staff × 2,000 shifts over three days,
//! generated deterministically, with availability windows, unavailable blocks, hour limits,
//! must-see and maybe picks, a quarter newcomers and a few locked assignments. Prints the seats,
//! filled seats and bound once, then times the whole auto-roster (bound and explanations
//! included), the bound alone, and a full violation check of its result.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use lanyard::model::SessionId;
use lanyard::model::autoroster::{AutoRosterOptions, auto_roster, seat_bound};
use lanyard::model::busy::{BusyTime, Commitment, StaffBusy};
use lanyard::model::roster::{
    Assignment, Booth, BoothId, Experience, PersonName, Roster, RosterEdit, RosterParts, RosterRules, Shift, ShiftId,
    Staff, Window,
};

const STAFF: usize = 500;
const SHIFTS: usize = 2_000;
const BOOTHS: usize = 100;
const DAYS: i64 = 3;

/// xorshift64: the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn day_start(day: i64) -> NaiveDateTime {
    let date = NaiveDate::from_ymd_opt(2027, 4, 16).unwrap_or_default() + Duration::days(day);
    date.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default())
}

fn at(day: i64, minutes: i64) -> NaiveDateTime {
    day_start(day) + Duration::minutes(minutes)
}

fn generate_shifts(rng: &mut Rng) -> Vec<Shift> {
    (0..SHIFTS)
        .map(|i| {
            let booth = i % BOOTHS;
            let day = ((i / BOOTHS) as i64) % DAYS;
            let slot = (i / (BOOTHS * DAYS as usize)) as i64;
            let start = slot * 100 + 15 * rng.below(3) as i64;
            let length = 90 + 15 * rng.below(5) as i64;
            let seats = match rng.below(10) {
                0 => 1,
                9 => 3,
                _ => 2,
            };
            Shift {
                id: ShiftId::new(format!("s{i:04}")),
                booth: BoothId::new(format!("booth-{booth:03}")),
                starts_at: at(day, start),
                ends_at: at(day, start + length),
                seats,
                role: String::new(),
            }
        })
        .collect()
}

fn generate_staff(rng: &mut Rng) -> (Vec<Staff>, StaffBusy) {
    let mut busy = StaffBusy::new();
    let staff: Vec<Staff> = (0..STAFF)
        .map(|p| {
            let experience = if rng.below(4) == 0 { Experience::Newcomer } else { Experience::Experienced };
            let mut staff = Staff::new(format!("person-{p:03}"), experience);
            staff.max_hours_per_day = Some(4 + rng.below(5) as u32);
            staff.max_hours_total = Some(8 + rng.below(13) as u32);
            if rng.below(10) < 7 {
                for day in 0..DAYS {
                    if rng.below(3) > 0 {
                        let from = 15 * rng.below(12) as i64;
                        staff
                            .availability
                            .push(Window::new(at(day, from), at(day, from + 300 + 15 * rng.below(20) as i64)));
                    }
                }
            }
            for _ in 0..rng.below(3) {
                let day = rng.below(DAYS as u64) as i64;
                let from = 15 * rng.below(36) as i64;
                staff.unavailable.push(Window::new(at(day, from), at(day, from + 30 + 15 * rng.below(8) as i64)));
            }
            let picks = rng.below(10);
            let times: Vec<BusyTime> = (0..picks)
                .map(|k| {
                    let day = rng.below(DAYS as u64) as i64;
                    let from = 15 * rng.below(36) as i64;
                    let session = SessionId::new(format!("talk-{day}-{from}"));
                    BusyTime {
                        starts_at: at(day, from),
                        ends_at: at(day, from + 25 + 15 * rng.below(3) as i64),
                        title: format!("Talk {k}"),
                        commitment: if rng.below(5) < 3 {
                            Commitment::MustSee(session)
                        } else {
                            Commitment::Maybe(session)
                        },
                    }
                })
                .collect();
            busy.add(PersonName::new(format!("person-{p:03}")), times);
            staff
        })
        .collect();
    (staff, busy)
}

fn generate() -> (Roster, StaffBusy) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let booths: Vec<Booth> = (0..BOOTHS)
        .map(|b| Booth {
            id: BoothId::new(format!("booth-{b:03}")),
            name: format!("Booth {b}"),
            location: format!("Hall {}", b / 20),
        })
        .collect();
    let shifts = generate_shifts(&mut rng);
    let (staff, busy) = generate_staff(&mut rng);
    let assignments: Vec<Assignment> = (0..20)
        .map(|k| Assignment {
            shift: shifts[k * 97 % SHIFTS].id.clone(),
            person: staff[k * 31 % STAFF].name.clone(),
            locked: true,
        })
        .collect();
    let rules = RosterRules { min_rest_mins: 30, day_change: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default() };
    let parts = RosterParts {
        id: "bench".into(),
        conference: "bench".into(),
        rules,
        booths,
        shifts,
        staff,
        assignments,
        ..RosterParts::default()
    };
    match Roster::from_parts(parts) {
        Ok(roster) => (roster, busy),
        Err(err) => panic!("the generated roster is invalid: {err}"),
    }
}

fn autoroster(c: &mut Criterion) {
    let (roster, busy) = generate();
    let result = auto_roster(&roster, &busy, AutoRosterOptions::default());
    let mut after = roster.clone();
    after.apply(RosterEdit::SetAssignments(result.assignments.clone())).ok();
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
