//! What a roster comes to, for the views: its violations, each person's hours, each shift's
//! coverage and how many newcomers work alone. Computed when the roster or the staff's busy
//! times change, never per frame.

use std::collections::BTreeMap;

use super::busy::StaffBusy;
use super::roster::{PersonHours, PersonName, Roster, ShiftCoverage, Violation};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterReport {
    pub violations: Vec<Violation>,
    pub hours: BTreeMap<PersonName, PersonHours>,
    pub coverage: Vec<ShiftCoverage>,
    pub newcomers_alone: usize,
}

impl RosterReport {
    /// Everything about `roster` against its staff's busy times (their plans, and the roster's
    /// own volunteer sign-ups).
    pub fn of(roster: &Roster, busy: &StaffBusy) -> Self {
        let busy = roster.busy_with_slots(busy);
        Self {
            violations: roster.violations(&busy),
            hours: roster.hours(),
            coverage: roster.coverage(),
            newcomers_alone: roster.newcomers_alone().len(),
        }
    }

    /// The violations that involve one shift.
    pub fn violations_on<'a>(&'a self, shift: &'a str) -> impl Iterator<Item = &'a Violation> + 'a {
        self.violations.iter().filter(move |v| v.shift.as_ref().is_some_and(|s| s.as_str() == shift))
    }

    pub fn coverage_of(&self, shift: &str) -> Option<&ShiftCoverage> {
        self.coverage.iter().find(|c| c.shift.as_str() == shift)
    }
}
