//! [`RosterEdit`]: one undoable change to a roster, and [`Roster::apply`], which validates an
//! edit before it changes anything (all-or-nothing). Booth, shift, staff and assignment edits are
//! applied here; volunteer task, slot and sign-up edits in `volunteer_edit`.

use super::validate::{check_assignments, check_booth, check_shift, check_staff};
use super::{
    Assignment, Booth, BoothId, PersonName, Roster, RosterError, RosterRules, Shift, ShiftId, Staff, VolunteerSlot,
    VolunteerSlotId, VolunteerTask, VolunteerTaskId, count_u32, is_blank,
};

/// One undoable change to a [`Roster`], by the part of it that changes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum RosterEdit {
    Details(DetailsEdit),
    Booth(BoothEdit),
    Shift(ShiftEdit),
    Staff(StaffEdit),
    Assign(AssignEdit),
    Volunteer(VolunteerEdit),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailsEdit {
    /// The roster's title.
    Name(String),
    Rules(RosterRules),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoothEdit {
    Add(Booth),
    /// Replace the booth with the same id.
    Update(Booth),
    /// Refused while shifts use the booth.
    Remove(BoothId),
    /// Removes the booth with its shifts and their assignments (the UI asks first).
    RemoveWithShifts(BoothId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShiftEdit {
    Add(Shift),
    /// Adds several shifts in one step (a repeat pattern, a duplicate to other days); all or none.
    AddMany(Vec<Shift>),
    /// Replace the shift with the same id; seats may not drop below the people assigned.
    Update(Shift),
    /// Removes the shift and its assignments.
    Remove(ShiftId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffEdit {
    Add(Staff),
    /// Adds several people in one step (an import); all or none.
    AddMany(Vec<Staff>),
    /// Replace the staff member with the same name.
    Update(Staff),
    /// Renames a staff member everywhere in the roster (assignments included).
    Rename {
        from: PersonName,
        to: PersonName,
    },
    /// The editor's Save: replaces `from` with `staff`, renaming them everywhere when the name
    /// changed, in one step.
    Replace {
        from: PersonName,
        staff: Staff,
    },
    /// Removes the staff member and their assignments.
    Remove(PersonName),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignEdit {
    Assign {
        shift: ShiftId,
        person: PersonName,
        locked: bool,
    },
    /// Refused for a locked assignment: unlock it first.
    Unassign {
        shift: ShiftId,
        person: PersonName,
    },
    SetLocked {
        shift: ShiftId,
        person: PersonName,
        locked: bool,
    },
    /// Replace every assignment at once, e.g. with an auto-roster result: one undo step.
    SetAll(Vec<Assignment>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VolunteerEdit {
    AddTask(VolunteerTask),
    UpdateTask(VolunteerTask),
    /// Refused while slots use the task.
    RemoveTask(VolunteerTaskId),
    /// Removes the task with its slots and their sign-ups (the UI asks first).
    RemoveTaskWithSlots(VolunteerTaskId),
    /// Add slots (e.g. from [`generate_chair_slots`](super::generate_chair_slots)); all or none.
    AddSlots(Vec<VolunteerSlot>),
    UpdateSlot(VolunteerSlot),
    RemoveSlot(VolunteerSlotId),
    SignUp {
        slot: VolunteerSlotId,
        name: String,
    },
    /// Also forgets their no-show mark and worked minutes.
    Leave {
        slot: VolunteerSlotId,
        name: String,
    },
    SetNoShow {
        slot: VolunteerSlotId,
        name: String,
        no_show: bool,
    },
    /// Minutes actually worked; `None` means "the slot's length".
    SetWorkedMinutes {
        slot: VolunteerSlotId,
        name: String,
        minutes: Option<u32>,
    },
}

impl Roster {
    /// Applies one edit.
    ///
    /// # Errors
    /// Returns [`RosterError`] and leaves `self` untouched if the edit is invalid.
    pub fn apply(&mut self, edit: RosterEdit) -> Result<(), RosterError> {
        match edit {
            RosterEdit::Details(edit) => self.apply_details(edit),
            RosterEdit::Booth(edit) => self.apply_booth(edit)?,
            RosterEdit::Shift(edit) => self.apply_shift(edit)?,
            RosterEdit::Staff(edit) => self.apply_staff(edit)?,
            RosterEdit::Assign(edit) => self.apply_assignment(edit)?,
            RosterEdit::Volunteer(edit) => self.apply_volunteer(edit)?,
        }
        Ok(())
    }

    fn apply_details(&mut self, edit: DetailsEdit) {
        match edit {
            DetailsEdit::Name(name) => self.parts.name = name,
            DetailsEdit::Rules(rules) => self.parts.rules = rules,
        }
    }

    fn apply_booth(&mut self, edit: BoothEdit) -> Result<(), RosterError> {
        match edit {
            BoothEdit::Add(booth) => {
                check_booth(&booth)?;
                if self.booth(booth.id.as_str()).is_some() {
                    return Err(RosterError::DuplicateBooth(booth.id));
                }
                self.parts.booths.push(booth);
            }
            BoothEdit::Update(booth) => {
                let Some(old) = self.parts.booths.iter_mut().find(|b| b.id == booth.id) else {
                    return Err(RosterError::UnknownBooth(booth.id));
                };
                *old = booth;
            }
            BoothEdit::Remove(id) => {
                if self.booth(id.as_str()).is_none() {
                    return Err(RosterError::UnknownBooth(id));
                }
                if self.parts.shifts.iter().any(|s| s.booth == id) {
                    return Err(RosterError::BoothInUse(id));
                }
                self.parts.booths.retain(|b| b.id != id);
            }
            BoothEdit::RemoveWithShifts(id) => {
                if self.booth(id.as_str()).is_none() {
                    return Err(RosterError::UnknownBooth(id));
                }
                let gone: std::collections::BTreeSet<ShiftId> =
                    self.parts.shifts.iter().filter(|s| s.booth == id).map(|s| s.id.clone()).collect();
                self.parts.assignments.retain(|a| !gone.contains(&a.shift));
                self.parts.shifts.retain(|s| s.booth != id);
                self.parts.booths.retain(|b| b.id != id);
            }
        }
        Ok(())
    }

    fn apply_shift(&mut self, edit: ShiftEdit) -> Result<(), RosterError> {
        match edit {
            ShiftEdit::Add(shift) => {
                check_shift(&shift, &self.parts.booths)?;
                if self.shift(shift.id.as_str()).is_some() {
                    return Err(RosterError::DuplicateShift(shift.id));
                }
                self.parts.shifts.push(shift);
            }
            ShiftEdit::AddMany(shifts) => {
                let mut ids: std::collections::BTreeSet<&ShiftId> = self.parts.shifts.iter().map(|s| &s.id).collect();
                for shift in &shifts {
                    check_shift(shift, &self.parts.booths)?;
                    if !ids.insert(&shift.id) {
                        return Err(RosterError::DuplicateShift(shift.id.clone()));
                    }
                }
                self.parts.shifts.extend(shifts);
            }
            ShiftEdit::Update(shift) => self.update_shift(shift)?,
            ShiftEdit::Remove(id) => {
                if self.shift(id.as_str()).is_none() {
                    return Err(RosterError::UnknownShift(id));
                }
                self.parts.shifts.retain(|s| s.id != id);
                self.parts.assignments.retain(|a| a.shift != id);
            }
        }
        Ok(())
    }

    fn apply_staff(&mut self, edit: StaffEdit) -> Result<(), RosterError> {
        match edit {
            StaffEdit::Add(staff) => {
                check_staff(&staff)?;
                if self.staff_member(staff.name.as_str()).is_some() {
                    return Err(RosterError::DuplicateStaff(staff.name));
                }
                self.parts.staff.push(staff);
            }
            StaffEdit::AddMany(people) => {
                let mut names: std::collections::BTreeSet<&PersonName> =
                    self.parts.staff.iter().map(|s| &s.name).collect();
                for staff in &people {
                    check_staff(staff)?;
                    if !names.insert(&staff.name) {
                        return Err(RosterError::DuplicateStaff(staff.name.clone()));
                    }
                }
                self.parts.staff.extend(people);
            }
            StaffEdit::Update(staff) => {
                check_staff(&staff)?;
                let Some(old) = self.parts.staff.iter_mut().find(|s| s.name == staff.name) else {
                    return Err(RosterError::UnknownStaff(staff.name));
                };
                *old = staff;
            }
            StaffEdit::Rename { from, to } => self.rename_staff(&from, to)?,
            StaffEdit::Replace { from, staff } => {
                // Both steps are checked before either changes anything: the rename validates
                // first, and the update of a checked person who was just renamed cannot fail.
                check_staff(&staff)?;
                self.rename_staff(&from, staff.name.clone())?;
                self.apply_staff(StaffEdit::Update(staff))?;
            }
            StaffEdit::Remove(name) => {
                if self.staff_member(name.as_str()).is_none() {
                    return Err(RosterError::UnknownStaff(name));
                }
                self.parts.staff.retain(|s| s.name != name);
                self.parts.assignments.retain(|a| a.person != name);
            }
        }
        Ok(())
    }

    fn apply_assignment(&mut self, edit: AssignEdit) -> Result<(), RosterError> {
        match edit {
            AssignEdit::Assign { shift, person, locked } => self.assign(shift, person, locked)?,
            AssignEdit::Unassign { shift, person } => {
                let Some(pos) = self.assignment_position(&shift, &person) else {
                    return Err(RosterError::NotAssigned { shift, person });
                };
                if self.parts.assignments.get(pos).is_some_and(|a| a.locked) {
                    return Err(RosterError::AssignmentLocked { shift, person });
                }
                self.parts.assignments.remove(pos);
            }
            AssignEdit::SetLocked { shift, person, locked } => {
                let Some(pos) = self.assignment_position(&shift, &person) else {
                    return Err(RosterError::NotAssigned { shift, person });
                };
                if let Some(a) = self.parts.assignments.get_mut(pos) {
                    a.locked = locked;
                }
            }
            AssignEdit::SetAll(assignments) => {
                check_assignments(&assignments, &self.parts.shifts, &self.parts.staff)?;
                self.parts.assignments = assignments;
            }
        }
        Ok(())
    }

    fn assignment_position(&self, shift: &ShiftId, person: &PersonName) -> Option<usize> {
        self.parts.assignments.iter().position(|a| &a.shift == shift && &a.person == person)
    }

    fn update_shift(&mut self, shift: Shift) -> Result<(), RosterError> {
        check_shift(&shift, &self.parts.booths)?;
        let assigned = count_u32(self.people_on(shift.id.as_str()).len());
        let Some(old) = self.parts.shifts.iter_mut().find(|s| s.id == shift.id) else {
            return Err(RosterError::UnknownShift(shift.id));
        };
        if assigned > shift.seats {
            return Err(RosterError::TooFewSeats { shift: shift.id, seats: shift.seats, assigned });
        }
        *old = shift;
        Ok(())
    }

    fn rename_staff(&mut self, from: &PersonName, to: PersonName) -> Result<(), RosterError> {
        if is_blank(to.as_str()) {
            return Err(RosterError::BlankName);
        }
        if self.staff_member(from.as_str()).is_none() {
            return Err(RosterError::UnknownStaff(from.clone()));
        }
        if from != &to && self.staff_member(to.as_str()).is_some() {
            return Err(RosterError::DuplicateStaff(to));
        }
        for staff in self.parts.staff.iter_mut().filter(|s| &s.name == from) {
            staff.name = to.clone();
        }
        for a in self.parts.assignments.iter_mut().filter(|a| &a.person == from) {
            a.person = to.clone();
        }
        Ok(())
    }

    fn assign(&mut self, shift: ShiftId, person: PersonName, locked: bool) -> Result<(), RosterError> {
        let Some(seats) = self.shift(shift.as_str()).map(|s| s.seats) else {
            return Err(RosterError::UnknownShift(shift));
        };
        if self.staff_member(person.as_str()).is_none() {
            return Err(RosterError::UnknownStaff(person));
        }
        if self.is_assigned(shift.as_str(), person.as_str()) {
            return Err(RosterError::AlreadyAssigned { shift, person });
        }
        if count_u32(self.people_on(shift.as_str()).len()) >= seats {
            return Err(RosterError::ShiftFull { shift, seats });
        }
        self.parts.assignments.push(Assignment { shift, person, locked });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;
    use crate::model::roster::test_support::{assert_refused, assign, booth, dt, roster, shift};
    use crate::model::roster::{Experience, MAX_SEATS, Window};

    #[test]
    fn booth_edits() {
        let mut r = roster();
        r.apply(RosterEdit::Booth(BoothEdit::Add(booth("c")))).unwrap();
        let mut renamed = booth("c");
        renamed.name = "Sea booth".into();
        r.apply(RosterEdit::Booth(BoothEdit::Update(renamed))).unwrap();
        assert_eq!(r.booth("c").unwrap().label(), "Sea booth");
        r.apply(RosterEdit::Booth(BoothEdit::Remove(BoothId::new("c")))).unwrap();
        assert!(r.booth("c").is_none());
        let mut blank = booth("x");
        blank.id = BoothId::new(" ");
        assert_refused(
            &mut r,
            vec![
                (RosterEdit::Booth(BoothEdit::Add(booth("a"))), RosterError::DuplicateBooth(BoothId::new("a"))),
                (RosterEdit::Booth(BoothEdit::Add(blank)), RosterError::BlankId("booth")),
                (RosterEdit::Booth(BoothEdit::Update(booth("zz"))), RosterError::UnknownBooth(BoothId::new("zz"))),
                (RosterEdit::Booth(BoothEdit::Remove(BoothId::new("a"))), RosterError::BoothInUse(BoothId::new("a"))),
                (
                    RosterEdit::Booth(BoothEdit::Remove(BoothId::new("zz"))),
                    RosterError::UnknownBooth(BoothId::new("zz")),
                ),
            ],
        );
    }

    #[test]
    fn shift_edits() {
        let mut r = roster();
        r.apply(RosterEdit::Shift(ShiftEdit::Add(shift("b2", "b", "2027-04-16 13:00", "2027-04-16 15:00")))).unwrap();
        let mut longer = shift("b2", "b", "2027-04-16 13:00", "2027-04-16 16:00");
        longer.seats = 1;
        r.apply(RosterEdit::Shift(ShiftEdit::Update(longer))).unwrap();
        assert_eq!(r.shift("b2").unwrap().duration_mins(), 180);
        r.apply(assign("a1", "Ana")).unwrap();
        r.apply(assign("a1", "Ben")).unwrap();
        let mut one_seat = shift("a1", "a", "2027-04-16 09:00", "2027-04-16 11:00");
        one_seat.seats = 1;
        let mut no_seats = shift("b2", "b", "2027-04-16 13:00", "2027-04-16 15:00");
        no_seats.seats = 0;
        let mut too_many = shift("b2", "b", "2027-04-16 13:00", "2027-04-16 15:00");
        too_many.seats = MAX_SEATS + 1;
        assert_refused(
            &mut r,
            vec![
                (
                    RosterEdit::Shift(ShiftEdit::Add(shift("a1", "a", "2027-04-17 09:00", "2027-04-17 10:00"))),
                    RosterError::DuplicateShift(ShiftId::new("a1")),
                ),
                (
                    RosterEdit::Shift(ShiftEdit::Add(shift("x", "zz", "2027-04-17 09:00", "2027-04-17 10:00"))),
                    RosterError::UnknownBooth(BoothId::new("zz")),
                ),
                (
                    RosterEdit::Shift(ShiftEdit::Add(shift("x", "a", "2027-04-17 09:00", "2027-04-17 09:00"))),
                    RosterError::EmptyShift(ShiftId::new("x")),
                ),
                (RosterEdit::Shift(ShiftEdit::Update(no_seats)), RosterError::NoSeats(ShiftId::new("b2"))),
                (RosterEdit::Shift(ShiftEdit::Update(too_many)), RosterError::TooManySeats(ShiftId::new("b2"))),
                (
                    RosterEdit::Shift(ShiftEdit::Update(shift("nope", "a", "2027-04-17 09:00", "2027-04-17 10:00"))),
                    RosterError::UnknownShift(ShiftId::new("nope")),
                ),
                (
                    RosterEdit::Shift(ShiftEdit::Update(one_seat)),
                    RosterError::TooFewSeats { shift: ShiftId::new("a1"), seats: 1, assigned: 2 },
                ),
                (
                    RosterEdit::Shift(ShiftEdit::Remove(ShiftId::new("nope"))),
                    RosterError::UnknownShift(ShiftId::new("nope")),
                ),
            ],
        );
        r.apply(RosterEdit::Shift(ShiftEdit::Remove(ShiftId::new("a1")))).unwrap();
        assert!(r.assignments().is_empty(), "removing a shift removes its assignments");
    }

    #[test]
    fn staff_edits() {
        let mut r = roster();
        let mut dee = Staff::new("Dee", Experience::Newcomer);
        r.apply(RosterEdit::Staff(StaffEdit::Add(dee.clone()))).unwrap();
        dee.max_hours_total = Some(4);
        r.apply(RosterEdit::Staff(StaffEdit::Update(dee.clone()))).unwrap();
        assert_eq!(r.staff_member("Dee").unwrap().max_minutes_total(), 240);
        r.apply(assign("a1", "Dee")).unwrap();
        r.apply(RosterEdit::Staff(StaffEdit::Rename { from: PersonName::new("Dee"), to: PersonName::new("Dee Dee") }))
            .unwrap();
        assert!(r.is_assigned("a1", "Dee Dee"), "renaming follows into assignments");
        let mut bad_window = Staff::new("Eli", Experience::Experienced);
        bad_window.unavailable.push(Window::new(dt("2027-04-16 10:00"), dt("2027-04-16 09:00")));
        assert_refused(
            &mut r,
            vec![
                (
                    RosterEdit::Staff(StaffEdit::Add(Staff::new("Ana", Experience::Newcomer))),
                    RosterError::DuplicateStaff(PersonName::new("Ana")),
                ),
                (RosterEdit::Staff(StaffEdit::Add(Staff::new("  ", Experience::Newcomer))), RosterError::BlankName),
                (RosterEdit::Staff(StaffEdit::Add(bad_window)), RosterError::EmptyWindow(PersonName::new("Eli"))),
                (RosterEdit::Staff(StaffEdit::Update(dee)), RosterError::UnknownStaff(PersonName::new("Dee"))),
                (
                    RosterEdit::Staff(StaffEdit::Rename { from: PersonName::new("Ana"), to: PersonName::new("Ben") }),
                    RosterError::DuplicateStaff(PersonName::new("Ben")),
                ),
                (
                    RosterEdit::Staff(StaffEdit::Rename { from: PersonName::new("Zed"), to: PersonName::new("Zoe") }),
                    RosterError::UnknownStaff(PersonName::new("Zed")),
                ),
                (
                    RosterEdit::Staff(StaffEdit::Rename { from: PersonName::new("Ana"), to: PersonName::new("") }),
                    RosterError::BlankName,
                ),
                (
                    RosterEdit::Staff(StaffEdit::Remove(PersonName::new("Zed"))),
                    RosterError::UnknownStaff(PersonName::new("Zed")),
                ),
            ],
        );
        r.apply(RosterEdit::Staff(StaffEdit::Remove(PersonName::new("Dee Dee")))).unwrap();
        assert!(r.assignments().is_empty(), "removing staff removes their assignments");
    }

    /// The editor's bigger steps (a repeat pattern, an import, removing a booth or a person with
    /// everything that hangs on them) are single edits: all or nothing, one undo step.
    #[test]
    fn batch_edits_are_all_or_nothing() {
        let mut r = roster();
        let before = r.clone();
        let pattern = vec![
            shift("p1", "b", "2027-04-17 09:00", "2027-04-17 11:00"),
            shift("p1", "b", "2027-04-17 11:00", "2027-04-17 13:00"),
        ];
        assert_eq!(
            r.apply(RosterEdit::Shift(ShiftEdit::AddMany(pattern))),
            Err(RosterError::DuplicateShift(ShiftId::new("p1")))
        );
        let clash = vec![
            shift("p1", "b", "2027-04-17 09:00", "2027-04-17 11:00"),
            shift("a1", "b", "2027-04-17 11:00", "2027-04-17 13:00"),
        ];
        assert_eq!(
            r.apply(RosterEdit::Shift(ShiftEdit::AddMany(clash))),
            Err(RosterError::DuplicateShift(ShiftId::new("a1")))
        );
        let people = vec![Staff::new("Dee", Experience::Newcomer), Staff::new("Ana", Experience::Newcomer)];
        assert_eq!(
            r.apply(RosterEdit::Staff(StaffEdit::AddMany(people))),
            Err(RosterError::DuplicateStaff(PersonName::new("Ana")))
        );
        assert_eq!(r, before, "a refused batch changes nothing");

        let pattern = vec![
            shift("p1", "b", "2027-04-17 09:00", "2027-04-17 11:00"),
            shift("p2", "b", "2027-04-17 11:00", "2027-04-17 13:00"),
        ];
        r.apply(RosterEdit::Shift(ShiftEdit::AddMany(pattern))).unwrap();
        let people = vec![Staff::new("Dee", Experience::Newcomer), Staff::new("Eli", Experience::Experienced)];
        r.apply(RosterEdit::Staff(StaffEdit::AddMany(people))).unwrap();
        assert_eq!((r.shifts().len(), r.staff().len()), (before.shifts().len() + 2, before.staff().len() + 2));

        // Replace: a rename and new details in one step, following the person into assignments.
        r.apply(assign("p1", "Dee")).unwrap();
        let mut dee = Staff::new("Dee Dee", Experience::Experienced);
        dee.max_hours_per_day = Some(6);
        r.apply(RosterEdit::Staff(StaffEdit::Replace { from: PersonName::new("Dee"), staff: dee })).unwrap();
        assert!(r.is_assigned("p1", "Dee Dee"));
        assert_eq!(r.staff_member("Dee Dee").unwrap().max_minutes_per_day(), 360);
        let taken = Staff::new("Ana", Experience::Experienced);
        let refused = RosterEdit::Staff(StaffEdit::Replace { from: PersonName::new("Eli"), staff: taken });
        assert_eq!(r.apply(refused), Err(RosterError::DuplicateStaff(PersonName::new("Ana"))));
        assert!(r.staff_member("Eli").is_some(), "a refused replace leaves them as they were");

        // Removing a booth with its shifts takes their assignments too.
        r.apply(RosterEdit::Booth(BoothEdit::RemoveWithShifts(BoothId::new("b")))).unwrap();
        assert!(r.booth("b").is_none() && r.shift("p1").is_none() && r.shift("b1").is_none());
        assert!(!r.assignments().iter().any(|a| a.shift.as_str() == "p1"));
        assert_eq!(
            r.apply(RosterEdit::Booth(BoothEdit::RemoveWithShifts(BoothId::new("b")))),
            Err(RosterError::UnknownBooth(BoothId::new("b")))
        );
    }

    #[test]
    fn assignment_edits() {
        let mut r = roster();
        r.apply(assign("a1", "Ana")).unwrap();
        r.apply(RosterEdit::Assign(AssignEdit::Assign {
            shift: ShiftId::new("a1"),
            person: PersonName::new("Ben"),
            locked: true,
        }))
        .unwrap();
        let (a1, ben) = (ShiftId::new("a1"), PersonName::new("Ben"));
        assert_refused(
            &mut r,
            vec![
                (assign("a1", "Chen"), RosterError::ShiftFull { shift: a1.clone(), seats: 2 }),
                (assign("a1", "Ana"), RosterError::AlreadyAssigned { shift: a1.clone(), person: "Ana".into() }),
                (assign("zz", "Ana"), RosterError::UnknownShift(ShiftId::new("zz"))),
                (assign("a2", "Zed"), RosterError::UnknownStaff(PersonName::new("Zed"))),
                (
                    RosterEdit::Assign(AssignEdit::Unassign { shift: a1.clone(), person: ben.clone() }),
                    RosterError::AssignmentLocked { shift: a1.clone(), person: ben.clone() },
                ),
                (
                    RosterEdit::Assign(AssignEdit::Unassign { shift: ShiftId::new("a2"), person: ben.clone() }),
                    RosterError::NotAssigned { shift: ShiftId::new("a2"), person: ben.clone() },
                ),
                (
                    RosterEdit::Assign(AssignEdit::SetLocked {
                        shift: ShiftId::new("a2"),
                        person: ben.clone(),
                        locked: false,
                    }),
                    RosterError::NotAssigned { shift: ShiftId::new("a2"), person: ben.clone() },
                ),
                (
                    RosterEdit::Assign(AssignEdit::SetAll(vec![
                        Assignment::new("a1", "Ana"),
                        Assignment::new("a1", "Ana"),
                    ])),
                    RosterError::AlreadyAssigned { shift: a1.clone(), person: "Ana".into() },
                ),
                (
                    RosterEdit::Assign(AssignEdit::SetAll(vec![
                        Assignment::new("b1", "Ana"),
                        Assignment::new("b1", "Ben"),
                        Assignment::new("b1", "Chen"),
                    ])),
                    RosterError::ShiftFull { shift: ShiftId::new("b1"), seats: 2 },
                ),
                (
                    RosterEdit::Assign(AssignEdit::SetAll(vec![Assignment::new("b1", "Zed")])),
                    RosterError::UnknownStaff(PersonName::new("Zed")),
                ),
            ],
        );
        r.apply(RosterEdit::Assign(AssignEdit::SetLocked { shift: a1.clone(), person: ben.clone(), locked: false }))
            .unwrap();
        r.apply(RosterEdit::Assign(AssignEdit::Unassign { shift: a1, person: ben })).unwrap();
        assert_eq!(r.assignments(), [Assignment::new("a1", "Ana")]);
        r.apply(RosterEdit::Assign(AssignEdit::SetAll(vec![Assignment::new("b1", "Chen")]))).unwrap();
        assert_eq!(r.filled(), 1);
        assert_eq!(r.seats_total(), 6);
        r.apply(RosterEdit::Details(DetailsEdit::Name("New title".into()))).unwrap();
        r.apply(RosterEdit::Details(DetailsEdit::Rules(RosterRules {
            min_rest_mins: 15,
            day_change: NaiveTime::MIN,
            max_consecutive_mins: None,
        })))
        .unwrap();
        assert_eq!((r.name(), r.rules().min_rest_mins), ("New title", 15));
    }
}
