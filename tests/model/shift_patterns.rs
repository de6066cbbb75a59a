//! Shift patterns on the bundled sample conference: a day's opening hours cut at the schedule's
//! real lunch and coffee breaks, added to the sample roster in one step.

use chrono::NaiveDateTime;
use lanyard::model::roster::{
    BoothId, RosterEdit, ShiftEdit, ShiftPattern, duplicate_shift, pattern_shifts, schedule_breaks,
};

use crate::common::{self, at, date, sample_roster};

#[test]
fn a_two_hour_pattern_over_the_sample_conference_cuts_at_lunch_and_coffee() {
    let schedule = common::sample();
    let mut roster = sample_roster();
    let days: Vec<_> = schedule.days().iter().map(|d| d.date).collect();
    assert_eq!(days.len(), 3);
    let breaks: Vec<(NaiveDateTime, NaiveDateTime)> =
        days.iter().flat_map(|&d| schedule_breaks(&schedule, d)).collect();
    let pattern = ShiftPattern {
        booth: BoothId::new("found"),
        days: days.clone(),
        from: at("2027-04-16 09:00").time(),
        to: at("2027-04-16 18:00").time(),
        block_mins: 120,
        seats: 2,
        role: String::new(),
        requires: Vec::new(),
        cut_at_breaks: true,
    };
    let shifts = pattern_shifts(&roster, &pattern, &breaks).unwrap();
    for day in ["2027-04-16", "2027-04-17", "2027-04-18"] {
        let edges: Vec<String> = shifts
            .iter()
            .filter(|s| s.starts_at.date() == date(day))
            .flat_map(|s| [s.starts_at, s.ends_at])
            .map(|t| t.format("%H:%M").to_string())
            .collect();
        // Lunch is a shift of its own; the half-hour coffee break only ends one, at 15:30.
        for edge in ["09:00", "12:15", "13:30", "15:30", "18:00"] {
            assert!(edges.iter().any(|e| e == edge), "{day}: no shift edge at {edge} in {edges:?}");
        }
        let lunch = shifts.iter().find(|s| s.starts_at == at(&format!("{day} 12:15"))).unwrap();
        assert_eq!(lunch.ends_at, at(&format!("{day} 13:30")), "lunch is a shift of its own");
    }
    assert!(shifts.iter().all(|s| s.duration_mins() <= 120 && s.duration_mins() >= 15));
    let before = roster.shifts().len();
    roster.apply(RosterEdit::Shift(ShiftEdit::AddMany(shifts.clone()))).unwrap();
    assert_eq!(roster.shifts().len(), before + shifts.len(), "ids are unique against the sample");
    let copies = duplicate_shift(&roster, &shifts[0], &days);
    assert_eq!(copies.len(), 2);
    roster.apply(RosterEdit::Shift(ShiftEdit::AddMany(copies))).unwrap();
}
