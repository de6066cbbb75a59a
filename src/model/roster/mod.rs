//! The captain's roster: booths, shifts, staff, who works which shift, and the volunteer tasks and
//! slots of the volunteer coordinator. Owned by one person, saved to `roster.ron` by `io`.
//!
//! Lanyard's rule comes from pair development: a shift is staffed by two people (`seats`, default
//! 2) and a newcomer never works a shift without an experienced partner.
//!
//! Invariants, kept by [`Roster::from_parts`] and [`Roster::apply`] (which is all-or-nothing:
//! every edit is validated before anything changes): ids are non-blank and unique per kind; every
//! shift names a booth, every assignment a shift and a staff member, every slot a task; intervals
//! are non-empty (`ends_at > starts_at`); a shift has at least one seat and never more people than
//! seats; a slot never has more sign-ups than it needs.
//!
//! Rules a roster can break, and still be saved, are *violations* ([`Roster::violations`]): derived,
//! never stored, recomputed whenever the roster or the staff's busy times change. The captain may
//! override a rule by hand; the auto-roster (`model::autoroster`) never breaks one.
//!
//! Times are conference-local wall-clock times, half-open `[starts_at, ends_at)`. A shift counts
//! towards the conference day it starts on (honouring `rules.day_change`).
//!
//! A shift's required skills (`Shift::requires`) are a rule only once the shift is full: while a
//! seat is open it can still go to someone with the skill. Known limitation: a shift over
//! midnight counts wholly towards the day it starts on.
//!
//! This module owns the [`Roster`] document itself ([`RosterParts`], [`RosterRules`], validation
//! on the way in, and the read-only queries); the pieces live in submodules, one concern each, and
//! are re-exported here so every item keeps its `model::roster::X` path. Nothing here touches the
//! file system, egui or the clock.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};

use super::ids::ConferenceId;
use super::time::{Zone, conference_date};

mod booth;
mod edit;
mod error;
mod hours;
mod ids;
mod pattern;
mod shift;
mod staff;
#[cfg(test)]
mod test_support;
mod timeline;
mod validate;
mod violation;
mod volunteer;
mod volunteer_edit;

pub use booth::Booth;
pub use edit::{AssignEdit, BoothEdit, DetailsEdit, RosterEdit, ShiftEdit, StaffEdit, VolunteerEdit};
pub use error::RosterError;
pub use hours::{PersonHours, ShiftCoverage};
pub use ids::{BoothId, PersonName, ShiftId, VolunteerSlotId, VolunteerTaskId};
pub use pattern::{
    MIN_BLOCK_MINS, MIN_GAP_MINS, PatternError, ShiftPattern, duplicate_shift, next_booth_id, next_shift_id,
    next_slot_id, next_task_id, pattern_shifts, schedule_breaks,
};
pub use shift::{Assignment, DEFAULT_SEATS, MAX_SEATS, Shift};
pub use staff::{Experience, Staff, Window, covered, merged_windows};
pub use violation::{Violation, ViolationKind, missing_skills, shift_label};
pub use volunteer::{
    SlotCoverage, TaskCoverage, VolunteerSlot, VolunteerTask, generate_chair_slots, volunteer_coverage, worked_minutes,
};

use validate::{check_assignments, check_booth, check_shift, check_slot, check_staff, check_task};

/// Roster-wide rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RosterRules {
    /// The least rest between two shifts of one person, in minutes (0: back to back is fine).
    pub min_rest_mins: u32,
    /// Shifts starting before this wall-clock time count towards the previous conference day.
    pub day_change: NaiveTime,
    /// The longest stretch one person works without a break of at least `min_rest_mins` (shifts
    /// that touch or nearly touch count as one stretch), in minutes; `None`: no limit.
    pub max_consecutive_mins: Option<u32>,
}

impl Default for RosterRules {
    fn default() -> Self {
        Self { min_rest_mins: 0, day_change: NaiveTime::MIN, max_consecutive_mins: None }
    }
}

/// Everything in a roster, unvalidated: what `io` reads from disk and what tests build. Turn it
/// into a [`Roster`] with [`Roster::from_parts`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterParts {
    /// Names the roster in [`ShiftKey`](crate::model::timeline::ShiftKey)s and
    /// [`SlotKey`](crate::model::personal::SlotKey)s; non-blank.
    pub id: String,
    /// The conference id this roster is for.
    pub conference: ConferenceId,
    /// A title for the captain, e.g. `Cascadia PyConf booths`.
    pub name: String,
    /// The zone of every time in the roster (for calendar exports).
    pub zone: Zone,
    pub rules: RosterRules,
    pub booths: Vec<Booth>,
    pub shifts: Vec<Shift>,
    pub staff: Vec<Staff>,
    pub assignments: Vec<Assignment>,
    pub tasks: Vec<VolunteerTask>,
    pub slots: Vec<VolunteerSlot>,
}

/// A validated roster. See the module docs for its invariants. Lists keep the order they were
/// added in (so saved files diff cleanly); views sort as they need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roster {
    parts: RosterParts,
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Roster {
    /// An empty roster.
    ///
    /// # Errors
    /// [`RosterError::BlankRosterId`] if `id` is blank.
    pub fn new(id: impl Into<String>, conference: impl Into<ConferenceId>) -> Result<Self, RosterError> {
        Self::from_parts(RosterParts { id: id.into(), conference: conference.into(), ..RosterParts::default() })
    }

    /// Validates `parts` into a roster.
    ///
    /// # Errors
    /// The first broken invariant (see the module docs), in the order: roster id, booths, shifts,
    /// staff, assignments, tasks, slots.
    pub fn from_parts(parts: RosterParts) -> Result<Self, RosterError> {
        if is_blank(&parts.id) {
            return Err(RosterError::BlankRosterId);
        }
        let mut booth_ids = BTreeSet::new();
        for booth in &parts.booths {
            check_booth(booth)?;
            if !booth_ids.insert(&booth.id) {
                return Err(RosterError::DuplicateBooth(booth.id.clone()));
            }
        }
        let mut shift_ids = BTreeSet::new();
        for shift in &parts.shifts {
            check_shift(shift, &parts.booths)?;
            if !shift_ids.insert(&shift.id) {
                return Err(RosterError::DuplicateShift(shift.id.clone()));
            }
        }
        let mut names = BTreeSet::new();
        for staff in &parts.staff {
            check_staff(staff)?;
            if !names.insert(&staff.name) {
                return Err(RosterError::DuplicateStaff(staff.name.clone()));
            }
        }
        check_assignments(&parts.assignments, &parts.shifts, &parts.staff)?;
        let mut task_ids = BTreeSet::new();
        for task in &parts.tasks {
            check_task(task)?;
            if !task_ids.insert(&task.id) {
                return Err(RosterError::DuplicateTask(task.id.clone()));
            }
        }
        let mut slot_ids = BTreeSet::new();
        for slot in &parts.slots {
            check_slot(slot, &parts.tasks)?;
            if !slot_ids.insert(&slot.id) {
                return Err(RosterError::DuplicateSlot(slot.id.clone()));
            }
        }
        Ok(Self { parts })
    }

    /// Everything in the roster, e.g. for saving.
    pub fn parts(&self) -> &RosterParts {
        &self.parts
    }

    pub fn into_parts(self) -> RosterParts {
        self.parts
    }

    pub fn id(&self) -> &str {
        &self.parts.id
    }

    pub fn conference(&self) -> &ConferenceId {
        &self.parts.conference
    }

    pub fn name(&self) -> &str {
        &self.parts.name
    }

    pub fn zone(&self) -> Zone {
        self.parts.zone
    }

    pub fn rules(&self) -> RosterRules {
        self.parts.rules
    }

    pub fn booths(&self) -> &[Booth] {
        &self.parts.booths
    }

    pub fn shifts(&self) -> &[Shift] {
        &self.parts.shifts
    }

    pub fn staff(&self) -> &[Staff] {
        &self.parts.staff
    }

    pub fn assignments(&self) -> &[Assignment] {
        &self.parts.assignments
    }

    pub fn tasks(&self) -> &[VolunteerTask] {
        &self.parts.tasks
    }

    pub fn slots(&self) -> &[VolunteerSlot] {
        &self.parts.slots
    }

    pub fn booth(&self, id: &str) -> Option<&Booth> {
        self.parts.booths.iter().find(|b| b.id.as_str() == id)
    }

    pub fn shift(&self, id: &str) -> Option<&Shift> {
        self.parts.shifts.iter().find(|s| s.id.as_str() == id)
    }

    pub fn staff_member(&self, name: &str) -> Option<&Staff> {
        self.parts.staff.iter().find(|s| s.name.as_str() == name)
    }

    pub fn task(&self, id: &str) -> Option<&VolunteerTask> {
        self.parts.tasks.iter().find(|t| t.id.as_str() == id)
    }

    pub fn slot(&self, id: &str) -> Option<&VolunteerSlot> {
        self.parts.slots.iter().find(|s| s.id.as_str() == id)
    }

    /// Shifts sorted by start, end, then id.
    pub fn shifts_in_order(&self) -> Vec<&Shift> {
        let mut shifts: Vec<&Shift> = self.parts.shifts.iter().collect();
        shifts.sort_by(|a, b| (a.starts_at, a.ends_at, &a.id).cmp(&(b.starts_at, b.ends_at, &b.id)));
        shifts
    }

    /// The people on a shift, in the order they were assigned.
    pub fn people_on(&self, shift_id: &str) -> Vec<&Assignment> {
        self.parts.assignments.iter().filter(|a| a.shift.as_str() == shift_id).collect()
    }

    pub fn is_assigned(&self, shift_id: &str, person: &str) -> bool {
        self.parts.assignments.iter().any(|a| a.shift.as_str() == shift_id && a.person.as_str() == person)
    }

    /// The conference day a shift counts towards.
    pub fn day_of(&self, shift: &Shift) -> NaiveDate {
        conference_date(shift.starts_at, self.parts.rules.day_change)
    }

    /// The conference days with at least one shift (each shift counted on [`Self::day_of`]), in
    /// order.
    pub fn days(&self) -> Vec<NaiveDate> {
        let days: BTreeSet<NaiveDate> = self.parts.shifts.iter().map(|s| self.day_of(s)).collect();
        days.into_iter().collect()
    }

    /// Seats over all shifts.
    pub fn seats_total(&self) -> u32 {
        self.parts.shifts.iter().map(|s| s.seats).fold(0, u32::saturating_add)
    }

    /// Seats with someone in them.
    pub fn filled(&self) -> u32 {
        count_u32(self.parts.assignments.len())
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{booth, roster, shift, slot, task};
    use super::*;

    #[test]
    fn days_with_shifts_in_order() {
        let mut parts = roster().into_parts();
        // 01:30 counts towards the day before once the day changes at 04:00.
        parts.shifts.push(shift("late", "a", "2027-04-18 01:30", "2027-04-18 03:00"));
        parts.shifts.push(shift("early", "b", "2027-04-15 09:00", "2027-04-15 10:00"));
        parts.rules.day_change = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let roster = Roster::from_parts(parts).unwrap();
        let days: Vec<String> = roster.days().iter().map(ToString::to_string).collect();
        assert_eq!(days, ["2027-04-15", "2027-04-16", "2027-04-17"]);
        assert!(Roster::new("r", "c").unwrap().days().is_empty());
    }

    #[test]
    fn from_parts_refuses_broken_invariants() {
        let good = roster().into_parts();
        type Breaker = Box<dyn Fn(&mut RosterParts)>;
        let broken: Vec<(Breaker, RosterError)> = vec![
            (Box::new(|p| p.id = " ".into()), RosterError::BlankRosterId),
            (Box::new(|p| p.booths.push(booth("a"))), RosterError::DuplicateBooth("a".into())),
            (Box::new(|p| p.shifts[0].booth = "zz".into()), RosterError::UnknownBooth("zz".into())),
            (Box::new(|p| p.shifts[1].id = "a1".into()), RosterError::DuplicateShift("a1".into())),
            (Box::new(|p| p.staff[1].name = "Ana".into()), RosterError::DuplicateStaff("Ana".into())),
            (Box::new(|p| p.assignments.push(Assignment::new("zz", "Ana"))), RosterError::UnknownShift("zz".into())),
            (
                Box::new(|p| p.slots[0].no_shows.push("Ana".into())),
                RosterError::NotSignedUp { slot: "swag-1".into(), name: "Ana".into() },
            ),
            (Box::new(|p| p.slots.push(slot("swag-1", "swag", 1))), RosterError::DuplicateSlot("swag-1".into())),
            (Box::new(|p| p.tasks.push(task("swag"))), RosterError::DuplicateTask("swag".into())),
            (Box::new(|p| p.tasks[0].id = "".into()), RosterError::BlankId("volunteer task")),
        ];
        for (breaker, expected) in broken {
            let mut parts = good.clone();
            breaker(&mut parts);
            assert_eq!(Roster::from_parts(parts), Err(expected));
        }
    }
}
