//! The invariant checks shared by [`Roster::from_parts`](super::Roster::from_parts) and
//! [`Roster::apply`](super::Roster::apply): one function per kind of part, each returning the
//! first broken invariant. Pure; they never change anything.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    Assignment, Booth, MAX_SEATS, RosterError, Shift, Staff, VolunteerSlot, VolunteerTask, count_u32, is_blank,
};

pub(super) fn check_booth(booth: &Booth) -> Result<(), RosterError> {
    if is_blank(booth.id.as_str()) {
        return Err(RosterError::BlankId("booth"));
    }
    Ok(())
}

pub(super) fn check_shift(shift: &Shift, booths: &[Booth]) -> Result<(), RosterError> {
    if is_blank(shift.id.as_str()) {
        return Err(RosterError::BlankId("shift"));
    }
    if !booths.iter().any(|b| b.id == shift.booth) {
        return Err(RosterError::UnknownBooth(shift.booth.clone()));
    }
    if shift.ends_at <= shift.starts_at {
        return Err(RosterError::EmptyShift(shift.id.clone()));
    }
    if shift.seats == 0 {
        return Err(RosterError::NoSeats(shift.id.clone()));
    }
    if shift.seats > MAX_SEATS {
        return Err(RosterError::TooManySeats(shift.id.clone()));
    }
    Ok(())
}

pub(super) fn check_staff(staff: &Staff) -> Result<(), RosterError> {
    if is_blank(staff.name.as_str()) {
        return Err(RosterError::BlankName);
    }
    if staff.availability.iter().chain(&staff.unavailable).any(|w| w.ends_at <= w.starts_at) {
        return Err(RosterError::EmptyWindow(staff.name.clone()));
    }
    Ok(())
}

pub(super) fn check_task(task: &VolunteerTask) -> Result<(), RosterError> {
    if is_blank(task.id.as_str()) {
        return Err(RosterError::BlankId("volunteer task"));
    }
    Ok(())
}

pub(super) fn check_slot(slot: &VolunteerSlot, tasks: &[VolunteerTask]) -> Result<(), RosterError> {
    if is_blank(slot.id.as_str()) {
        return Err(RosterError::BlankId("volunteer slot"));
    }
    if !tasks.iter().any(|t| t.id == slot.task) {
        return Err(RosterError::UnknownTask(slot.task.clone()));
    }
    if slot.ends_at <= slot.starts_at {
        return Err(RosterError::EmptySlot(slot.id.clone()));
    }
    let mut seen = BTreeSet::new();
    for name in &slot.signups {
        if is_blank(name) {
            return Err(RosterError::BlankName);
        }
        if !seen.insert(name.as_str()) {
            return Err(RosterError::AlreadySignedUp { slot: slot.id.clone(), name: name.clone() });
        }
    }
    if count_u32(slot.signups.len()) > slot.needed {
        return Err(RosterError::SlotFull { slot: slot.id.clone(), needed: slot.needed });
    }
    let not_signed_up = slot.no_shows.iter().chain(slot.worked_minutes.keys()).find(|n| !seen.contains(n.as_str()));
    if let Some(name) = not_signed_up {
        return Err(RosterError::NotSignedUp { slot: slot.id.clone(), name: name.clone() });
    }
    Ok(())
}

/// Checks a whole set of assignments against the shifts and staff.
pub(super) fn check_assignments(
    assignments: &[Assignment],
    shifts: &[Shift],
    staff: &[Staff],
) -> Result<(), RosterError> {
    let seats: BTreeMap<&str, u32> = shifts.iter().map(|s| (s.id.as_str(), s.seats)).collect();
    let names: BTreeSet<&str> = staff.iter().map(|s| s.name.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for a in assignments {
        let Some(&shift_seats) = seats.get(a.shift.as_str()) else {
            return Err(RosterError::UnknownShift(a.shift.clone()));
        };
        if !names.contains(a.person.as_str()) {
            return Err(RosterError::UnknownStaff(a.person.clone()));
        }
        if !seen.insert((a.shift.as_str(), a.person.as_str())) {
            return Err(RosterError::AlreadyAssigned { shift: a.shift.clone(), person: a.person.clone() });
        }
        let count = counts.entry(a.shift.as_str()).or_insert(0);
        *count += 1;
        if *count > shift_seats {
            return Err(RosterError::ShiftFull { shift: a.shift.clone(), seats: shift_seats });
        }
    }
    Ok(())
}
