//! [`Roster::apply`]'s volunteer half: adding, changing and removing volunteer tasks and slots,
//! and signing people up, off, as no-shows, or with the minutes they worked. Called only from
//! `edit`; like it, validates before it changes anything.

use std::collections::BTreeSet;

use super::validate::{check_slot, check_task};
use super::{Roster, RosterEdit, RosterError, VolunteerSlot, VolunteerSlotId, count_u32};

impl Roster {
    pub(super) fn apply_volunteer(&mut self, edit: RosterEdit) -> Result<(), RosterError> {
        match edit {
            RosterEdit::AddTask(task) => {
                check_task(&task)?;
                if self.task(task.id.as_str()).is_some() {
                    return Err(RosterError::DuplicateTask(task.id));
                }
                self.parts.tasks.push(task);
            }
            RosterEdit::UpdateTask(task) => {
                let Some(old) = self.parts.tasks.iter_mut().find(|t| t.id == task.id) else {
                    return Err(RosterError::UnknownTask(task.id));
                };
                *old = task;
            }
            RosterEdit::RemoveTask(id) => {
                if self.task(id.as_str()).is_none() {
                    return Err(RosterError::UnknownTask(id));
                }
                if self.parts.slots.iter().any(|s| s.task == id) {
                    return Err(RosterError::TaskInUse(id));
                }
                self.parts.tasks.retain(|t| t.id != id);
            }
            RosterEdit::AddSlots(slots) => {
                let mut ids: BTreeSet<&VolunteerSlotId> = self.parts.slots.iter().map(|s| &s.id).collect();
                for slot in &slots {
                    check_slot(slot, &self.parts.tasks)?;
                    if !ids.insert(&slot.id) {
                        return Err(RosterError::DuplicateSlot(slot.id.clone()));
                    }
                }
                self.parts.slots.extend(slots);
            }
            RosterEdit::UpdateSlot(slot) => {
                check_slot(&slot, &self.parts.tasks)?;
                let Some(old) = self.parts.slots.iter_mut().find(|s| s.id == slot.id) else {
                    return Err(RosterError::UnknownSlot(slot.id));
                };
                *old = slot;
            }
            RosterEdit::RemoveSlot(id) => {
                if self.slot(id.as_str()).is_none() {
                    return Err(RosterError::UnknownSlot(id));
                }
                self.parts.slots.retain(|s| s.id != id);
            }
            edit => self.apply_signup(edit)?,
        }
        Ok(())
    }

    pub(super) fn apply_signup(&mut self, edit: RosterEdit) -> Result<(), RosterError> {
        let slot_id = match &edit {
            RosterEdit::SignUpForSlot { slot, .. }
            | RosterEdit::LeaveSlot { slot, .. }
            | RosterEdit::SetNoShow { slot, .. }
            | RosterEdit::SetWorkedMinutes { slot, .. } => slot.clone(),
            // Every other edit is handled before this point.
            _ => return Ok(()),
        };
        let Some(slot) = self.parts.slots.iter_mut().find(|s| s.id == slot_id) else {
            return Err(RosterError::UnknownSlot(slot_id));
        };
        let not_signed_up = |slot: &VolunteerSlot, name: &str| {
            (!slot.signups.iter().any(|n| n == name))
                .then(|| RosterError::NotSignedUp { slot: slot.id.clone(), name: name.to_owned() })
        };
        match edit {
            RosterEdit::SignUpForSlot { name, .. } => {
                let name = name.trim().to_owned();
                if name.is_empty() {
                    return Err(RosterError::BlankName);
                }
                if slot.signups.contains(&name) {
                    return Err(RosterError::AlreadySignedUp { slot: slot_id, name });
                }
                if count_u32(slot.signups.len()) >= slot.needed {
                    return Err(RosterError::SlotFull { slot: slot_id, needed: slot.needed });
                }
                slot.signups.push(name);
            }
            RosterEdit::LeaveSlot { name, .. } => {
                if let Some(err) = not_signed_up(slot, &name) {
                    return Err(err);
                }
                slot.signups.retain(|n| n != &name);
                slot.no_shows.retain(|n| n != &name);
                slot.worked_minutes.remove(&name);
            }
            RosterEdit::SetNoShow { name, no_show, .. } => {
                if let Some(err) = not_signed_up(slot, &name) {
                    return Err(err);
                }
                slot.no_shows.retain(|n| n != &name);
                if no_show {
                    slot.no_shows.push(name);
                }
            }
            RosterEdit::SetWorkedMinutes { name, minutes, .. } => {
                if let Some(err) = not_signed_up(slot, &name) {
                    return Err(err);
                }
                match minutes {
                    Some(minutes) => slot.worked_minutes.insert(name, minutes),
                    None => slot.worked_minutes.remove(&name),
                };
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::roster::VolunteerTaskId;
    use crate::model::roster::test_support::{assert_refused, dt, roster, slot, task};

    #[test]
    fn volunteer_edits() {
        let mut r = roster();
        r.apply(RosterEdit::AddTask(task("desk"))).unwrap();
        let mut desk = task("desk");
        desk.location = "Registration".into();
        r.apply(RosterEdit::UpdateTask(desk)).unwrap();
        r.apply(RosterEdit::AddSlots(vec![slot("desk-1", "desk", 1), slot("desk-2", "desk", 1)])).unwrap();
        let mut longer = slot("desk-2", "desk", 2);
        longer.ends_at = dt("2027-04-15 20:00");
        r.apply(RosterEdit::UpdateSlot(longer)).unwrap();
        let (swag, sign_up) = (VolunteerSlotId::new("swag-1"), |name: &str| RosterEdit::SignUpForSlot {
            slot: VolunteerSlotId::new("swag-1"),
            name: name.into(),
        });
        r.apply(sign_up(" Ana ")).unwrap();
        r.apply(sign_up("Dee")).unwrap();
        r.apply(RosterEdit::SetNoShow { slot: swag.clone(), name: "Dee".into(), no_show: true }).unwrap();
        r.apply(RosterEdit::SetWorkedMinutes { slot: swag.clone(), name: "Ana".into(), minutes: Some(150) }).unwrap();
        assert_eq!(r.slot("swag-1").unwrap().signups, ["Ana", "Dee"]);
        assert_eq!(r.worked_minutes(), BTreeMap::from([("Ana".to_owned(), 150)]));
        let mut blank_slot = slot("x", "desk", 1);
        blank_slot.id = VolunteerSlotId::new("");
        let mut empty_slot = slot("x", "desk", 1);
        empty_slot.ends_at = empty_slot.starts_at;
        let mut overfull = slot("desk-1", "desk", 1);
        overfull.signups = vec!["A".into(), "B".into()];
        assert_refused(
            &mut r,
            vec![
                (RosterEdit::AddTask(task("desk")), RosterError::DuplicateTask(VolunteerTaskId::new("desk"))),
                (RosterEdit::UpdateTask(task("zz")), RosterError::UnknownTask(VolunteerTaskId::new("zz"))),
                (RosterEdit::RemoveTask(VolunteerTaskId::new("desk")), RosterError::TaskInUse("desk".into())),
                (RosterEdit::RemoveTask(VolunteerTaskId::new("zz")), RosterError::UnknownTask("zz".into())),
                (
                    RosterEdit::AddSlots(vec![slot("ok", "desk", 1), slot("desk-1", "desk", 1)]),
                    RosterError::DuplicateSlot(VolunteerSlotId::new("desk-1")),
                ),
                (
                    RosterEdit::AddSlots(vec![slot("new", "zz", 1)]),
                    RosterError::UnknownTask(VolunteerTaskId::new("zz")),
                ),
                (RosterEdit::AddSlots(vec![blank_slot]), RosterError::BlankId("volunteer slot")),
                (RosterEdit::AddSlots(vec![empty_slot]), RosterError::EmptySlot(VolunteerSlotId::new("x"))),
                (RosterEdit::UpdateSlot(overfull), RosterError::SlotFull { slot: "desk-1".into(), needed: 1 }),
                (RosterEdit::UpdateSlot(slot("zz", "desk", 1)), RosterError::UnknownSlot("zz".into())),
                (RosterEdit::RemoveSlot("zz".into()), RosterError::UnknownSlot("zz".into())),
                (sign_up("Ana"), RosterError::AlreadySignedUp { slot: swag.clone(), name: "Ana".into() }),
                (sign_up("Eli"), RosterError::SlotFull { slot: swag.clone(), needed: 2 }),
                (sign_up(" "), RosterError::BlankName),
                (
                    RosterEdit::SignUpForSlot { slot: "zz".into(), name: "Ana".into() },
                    RosterError::UnknownSlot("zz".into()),
                ),
                (
                    RosterEdit::LeaveSlot { slot: swag.clone(), name: "Eli".into() },
                    RosterError::NotSignedUp { slot: swag.clone(), name: "Eli".into() },
                ),
                (
                    RosterEdit::SetNoShow { slot: swag.clone(), name: "Eli".into(), no_show: true },
                    RosterError::NotSignedUp { slot: swag.clone(), name: "Eli".into() },
                ),
                (
                    RosterEdit::SetWorkedMinutes { slot: swag.clone(), name: "Eli".into(), minutes: None },
                    RosterError::NotSignedUp { slot: swag.clone(), name: "Eli".into() },
                ),
            ],
        );
        r.apply(RosterEdit::LeaveSlot { slot: swag.clone(), name: "Dee".into() }).unwrap();
        assert!(r.slot("swag-1").unwrap().no_shows.is_empty(), "leaving forgets the no-show mark");
        r.apply(RosterEdit::SetWorkedMinutes { slot: swag.clone(), name: "Ana".into(), minutes: None }).unwrap();
        r.apply(RosterEdit::SetNoShow { slot: swag, name: "Ana".into(), no_show: false }).unwrap();
        assert_eq!(r.worked_minutes(), BTreeMap::from([("Ana".to_owned(), 180)]));
        r.apply(RosterEdit::RemoveSlot("desk-1".into())).unwrap();
        r.apply(RosterEdit::RemoveSlot("desk-2".into())).unwrap();
        r.apply(RosterEdit::RemoveTask("desk".into())).unwrap();
        assert!(r.task("desk").is_none());
    }
}
