//! Builders shared by the auto-roster's unit tests: one booth, shifts on it, and a roster around
//! given shifts, staff and assignments. Test-only.

use chrono::{NaiveDateTime, NaiveTime};

use crate::model::roster::{Assignment, Booth, BoothId, Roster, RosterParts, RosterRules, Shift, ShiftId, Staff};

/// `2027-04-16 09:00`, or with seconds, `2027-04-16 09:00:30`.
pub(super) fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .unwrap()
}

pub(super) fn shift(id: &str, start: &str, end: &str, seats: u32) -> Shift {
    Shift {
        requires: Vec::new(),
        id: ShiftId::new(id),
        booth: BoothId::new("a"),
        starts_at: dt(start),
        ends_at: dt(end),
        seats,
        role: String::new(),
    }
}

pub(super) fn roster(shifts: Vec<Shift>, staff: Vec<Staff>, assignments: Vec<Assignment>) -> Roster {
    Roster::from_parts(RosterParts {
        id: "r".into(),
        booths: vec![Booth { id: BoothId::new("a"), name: "A".into(), location: String::new() }],
        rules: RosterRules { min_rest_mins: 0, day_change: NaiveTime::MIN, max_consecutive_mins: None },
        shifts,
        staff,
        assignments,
        ..RosterParts::default()
    })
    .unwrap()
}
