//! A deterministic synthetic booth roster ([`generate_roster`]), for the auto-roster benchmark and
//! `lanyard gen-roster`: shifts over three days at `shifts / 20` booths, staff with availability
//! windows, unavailable blocks, hour limits and must-see and maybe picks, a quarter newcomers and
//! twenty locked assignments.
//!
//! For 500 staff × 2,000 shifts it is exactly the roster `benches/autoroster.rs` has always
//! measured (the same xorshift64 stream, drawn in the same order), so figures stay comparable.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::busy::{BusyTime, Commitment, StaffBusy};
use crate::model::ids::SessionId;
use crate::model::roster::{
    Assignment, Booth, BoothId, Experience, PersonName, Roster, RosterError, RosterParts, RosterRules, Shift, ShiftId,
    Staff, Window,
};

const DAYS: i64 = 3;
/// Shifts per booth: with 20, every booth has about seven shifts a day.
const SHIFTS_PER_BOOTH: usize = 20;
const LOCKED: usize = 20;

/// How big a roster [`generate_roster`] makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntheticRosterParams {
    /// Staff members; at least 1.
    pub staff: usize,
    /// Shifts; at least 1.
    pub shifts: usize,
}

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

    /// `15 * below(n)` minutes.
    fn quarters(&mut self, n: u64) -> i64 {
        15 * i64::try_from(self.below(n)).unwrap_or(0)
    }
}

fn at(day: i64, minutes: i64) -> NaiveDateTime {
    let date = NaiveDate::from_ymd_opt(2027, 4, 16).unwrap_or_default() + Duration::days(day);
    date.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()) + Duration::minutes(minutes)
}

fn shifts(rng: &mut Rng, count: usize, booths: usize) -> Vec<Shift> {
    let days = usize::try_from(DAYS).unwrap_or(1);
    (0..count)
        .map(|i| {
            let booth = i % booths;
            let day = i64::try_from((i / booths) % days).unwrap_or(0);
            let slot = i64::try_from(i / (booths * days)).unwrap_or(0);
            let start = slot * 100 + rng.quarters(3);
            let length = 90 + rng.quarters(5);
            let seats = match rng.below(10) {
                0 => 1,
                9 => 3,
                _ => 2,
            };
            Shift {
                requires: Vec::new(),
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

fn staff(rng: &mut Rng, count: usize) -> (Vec<Staff>, StaffBusy) {
    let mut busy = StaffBusy::new();
    let staff = (0..count)
        .map(|p| {
            let experience = if rng.below(4) == 0 { Experience::Newcomer } else { Experience::Experienced };
            let mut staff = Staff::new(format!("person-{p:03}"), experience);
            staff.max_hours_per_day = Some(4 + u32::try_from(rng.below(5)).unwrap_or(0));
            staff.max_hours_total = Some(8 + u32::try_from(rng.below(13)).unwrap_or(0));
            if rng.below(10) < 7 {
                for day in 0..DAYS {
                    if rng.below(3) > 0 {
                        let from = rng.quarters(12);
                        staff.availability.push(Window::new(at(day, from), at(day, from + 300 + rng.quarters(20))));
                    }
                }
            }
            for _ in 0..rng.below(3) {
                let day = i64::try_from(rng.below(3)).unwrap_or(0);
                let from = rng.quarters(36);
                staff.unavailable.push(Window::new(at(day, from), at(day, from + 30 + rng.quarters(8))));
            }
            let picks = rng.below(10);
            let times: Vec<BusyTime> = (0..picks)
                .map(|k| {
                    let day = i64::try_from(rng.below(3)).unwrap_or(0);
                    let from = rng.quarters(36);
                    let session = SessionId::new(format!("talk-{day}-{from}"));
                    BusyTime {
                        starts_at: at(day, from),
                        ends_at: at(day, from + 25 + rng.quarters(3)),
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

/// The roster and the staff's picks (which a real captain gets from their plans, not the roster
/// file). Deterministic: the same sizes give the same roster.
///
/// # Errors
/// Never in practice: the generated parts keep every roster invariant.
pub fn generate_roster(params: SyntheticRosterParams) -> Result<(Roster, StaffBusy), RosterError> {
    let (staff_count, shift_count) = (params.staff.max(1), params.shifts.max(1));
    let booth_count = (shift_count / SHIFTS_PER_BOOTH).max(1);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let booths = (0..booth_count)
        .map(|b| Booth {
            id: BoothId::new(format!("booth-{b:03}")),
            name: format!("Booth {b}"),
            location: format!("Hall {}", b / 20),
        })
        .collect();
    let shifts = shifts(&mut rng, shift_count, booth_count);
    let (staff, busy) = staff(&mut rng, staff_count);
    let mut assignments: Vec<Assignment> = Vec::with_capacity(LOCKED);
    for k in 0..LOCKED {
        let (Some(shift), Some(person)) = (shifts.get(k * 97 % shift_count), staff.get(k * 31 % staff_count)) else {
            continue;
        };
        let assignment = Assignment { shift: shift.id.clone(), person: person.name.clone(), locked: true };
        // Small rosters repeat pairs; the roster refuses duplicates.
        if !assignments.contains(&assignment) {
            assignments.push(assignment);
        }
    }
    let rules = RosterRules {
        min_rest_mins: 30,
        day_change: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default(),
        max_consecutive_mins: None,
    };
    let parts = RosterParts {
        id: "bench".into(),
        conference: "bench".into(),
        name: format!("Synthetic booths, {staff_count} staff x {shift_count} shifts"),
        rules,
        booths,
        shifts,
        staff,
        assignments,
        ..RosterParts::default()
    };
    Ok((Roster::from_parts(parts)?, busy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_determinism() {
        let params = SyntheticRosterParams { staff: 50, shifts: 200 };
        let (a, busy_a) = generate_roster(params).unwrap();
        let (b, busy_b) = generate_roster(params).unwrap();
        assert_eq!((a.staff().len(), a.shifts_in_order().len(), a.booths().len()), (50, 200, 10));
        assert_eq!(a, b);
        assert_eq!(busy_a, busy_b);
        assert!(a.assignments().iter().all(|x| x.locked) && !a.assignments().is_empty());
    }
}
