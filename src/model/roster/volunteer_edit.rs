//! [`Roster::apply`]'s volunteer half: adding, changing and removing volunteer tasks and slots,
//! and signing people up, off, as no-shows, or with the minutes they worked. Called only from
//! `edit`; like it, validates before it changes anything.

use std::collections::BTreeSet;

use super::validate::{check_slot, check_task};
use super::{Roster, RosterError, VolunteerEdit, VolunteerSlot, VolunteerSlotId, count_u32};

/// What a sign-up edit does to one person's place on a slot.
enum SignUp {
    Join(String),
    Leave(String),
    NoShow(String, bool),
    Worked(String, Option<u32>),
}

impl Roster {
    pub(super) fn apply_volunteer(&mut self, edit: VolunteerEdit) -> Result<(), RosterError> {
        match edit {
            VolunteerEdit::AddTask(task) => {
                check_task(&task)?;
                if self.task(task.id.as_str()).is_some() {
                    return Err(RosterError::DuplicateTask(task.id));
                }
                self.parts.tasks.push(task);
            }
            VolunteerEdit::UpdateTask(task) => {
                let Some(old) = self.parts.tasks.iter_mut().find(|t| t.id == task.id) else {
                    return Err(RosterError::UnknownTask(task.id));
                };
                *old = task;
            }
            VolunteerEdit::RemoveTask(id) => {
                if self.task(id.as_str()).is_none() {
                    return Err(RosterError::UnknownTask(id));
                }
                if self.parts.slots.iter().any(|s| s.task == id) {
                    return Err(RosterError::TaskInUse(id));
                }
                self.parts.tasks.retain(|t| t.id != id);
            }
            VolunteerEdit::RemoveTaskWithSlots(id) => {
                if self.task(id.as_str()).is_none() {
                    return Err(RosterError::UnknownTask(id));
                }
                self.parts.slots.retain(|s| s.task != id);
                self.parts.tasks.retain(|t| t.id != id);
            }
            VolunteerEdit::AddSlots(slots) => {
                let mut ids: BTreeSet<&VolunteerSlotId> = self.parts.slots.iter().map(|s| &s.id).collect();
                for slot in &slots {
                    check_slot(slot, &self.parts.tasks)?;
                    if !ids.insert(&slot.id) {
                        return Err(RosterError::DuplicateSlot(slot.id.clone()));
                    }
                }
                self.parts.slots.extend(slots);
            }
            VolunteerEdit::UpdateSlot(slot) => {
                check_slot(&slot, &self.parts.tasks)?;
                let Some(old) = self.parts.slots.iter_mut().find(|s| s.id == slot.id) else {
                    return Err(RosterError::UnknownSlot(slot.id));
                };
                *old = slot;
            }
            VolunteerEdit::RemoveSlot(id) => {
                if self.slot(id.as_str()).is_none() {
                    return Err(RosterError::UnknownSlot(id));
                }
                self.parts.slots.retain(|s| s.id != id);
            }
            VolunteerEdit::SignUp { slot, name } => self.sign_up(slot, SignUp::Join(name))?,
            VolunteerEdit::Leave { slot, name } => self.sign_up(slot, SignUp::Leave(name))?,
            VolunteerEdit::SetNoShow { slot, name, no_show } => self.sign_up(slot, SignUp::NoShow(name, no_show))?,
            VolunteerEdit::SetWorkedMinutes { slot, name, minutes } => {
                self.sign_up(slot, SignUp::Worked(name, minutes))?;
            }
        }
        Ok(())
    }

    fn sign_up(&mut self, slot_id: VolunteerSlotId, change: SignUp) -> Result<(), RosterError> {
        let Some(slot) = self.parts.slots.iter_mut().find(|s| s.id == slot_id) else {
            return Err(RosterError::UnknownSlot(slot_id));
        };
        let signed_up = |slot: &VolunteerSlot, name: &str| {
            if slot.signups.iter().any(|n| n == name) {
                Ok(())
            } else {
                Err(RosterError::NotSignedUp { slot: slot.id.clone(), name: name.to_owned() })
            }
        };
        match change {
            SignUp::Join(name) => {
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
            SignUp::Leave(name) => {
                signed_up(slot, &name)?;
                slot.signups.retain(|n| n != &name);
                slot.no_shows.retain(|n| n != &name);
                slot.worked_minutes.remove(&name);
            }
            SignUp::NoShow(name, no_show) => {
                signed_up(slot, &name)?;
                slot.no_shows.retain(|n| n != &name);
                if no_show {
                    slot.no_shows.push(name);
                }
            }
            SignUp::Worked(name, minutes) => {
                signed_up(slot, &name)?;
                match minutes {
                    Some(minutes) => slot.worked_minutes.insert(name, minutes),
                    None => slot.worked_minutes.remove(&name),
                };
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::roster::test_support::{assert_refused, dt, roster, slot, task};
    use crate::model::roster::{RosterEdit, VolunteerTaskId};

    #[test]
    #[expect(clippy::too_many_lines, reason = "one walk through every volunteer edit, in order")]
    fn volunteer_edits() {
        let mut r = roster();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::AddTask(task("desk")))).unwrap();
        let mut desk = task("desk");
        desk.location = "Registration".into();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::UpdateTask(desk))).unwrap();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::AddSlots(vec![
            slot("desk-1", "desk", 1),
            slot("desk-2", "desk", 1),
        ])))
        .unwrap();
        let mut longer = slot("desk-2", "desk", 2);
        longer.ends_at = dt("2027-04-15 20:00");
        r.apply(RosterEdit::Volunteer(VolunteerEdit::UpdateSlot(longer))).unwrap();
        let (swag, sign_up) = (VolunteerSlotId::new("swag-1"), |name: &str| {
            RosterEdit::Volunteer(VolunteerEdit::SignUp { slot: VolunteerSlotId::new("swag-1"), name: name.into() })
        });
        r.apply(sign_up(" Ana ")).unwrap();
        r.apply(sign_up("Dee")).unwrap();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::SetNoShow {
            slot: swag.clone(),
            name: "Dee".into(),
            no_show: true,
        }))
        .unwrap();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::SetWorkedMinutes {
            slot: swag.clone(),
            name: "Ana".into(),
            minutes: Some(150),
        }))
        .unwrap();
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
                (
                    RosterEdit::Volunteer(VolunteerEdit::AddTask(task("desk"))),
                    RosterError::DuplicateTask(VolunteerTaskId::new("desk")),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::UpdateTask(task("zz"))),
                    RosterError::UnknownTask(VolunteerTaskId::new("zz")),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::RemoveTask(VolunteerTaskId::new("desk"))),
                    RosterError::TaskInUse("desk".into()),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::RemoveTask(VolunteerTaskId::new("zz"))),
                    RosterError::UnknownTask("zz".into()),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::AddSlots(vec![
                        slot("ok", "desk", 1),
                        slot("desk-1", "desk", 1),
                    ])),
                    RosterError::DuplicateSlot(VolunteerSlotId::new("desk-1")),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::AddSlots(vec![slot("new", "zz", 1)])),
                    RosterError::UnknownTask(VolunteerTaskId::new("zz")),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::AddSlots(vec![blank_slot])),
                    RosterError::BlankId("volunteer slot"),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::AddSlots(vec![empty_slot])),
                    RosterError::EmptySlot(VolunteerSlotId::new("x")),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::UpdateSlot(overfull)),
                    RosterError::SlotFull { slot: "desk-1".into(), needed: 1 },
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::UpdateSlot(slot("zz", "desk", 1))),
                    RosterError::UnknownSlot("zz".into()),
                ),
                (RosterEdit::Volunteer(VolunteerEdit::RemoveSlot("zz".into())), RosterError::UnknownSlot("zz".into())),
                (sign_up("Ana"), RosterError::AlreadySignedUp { slot: swag.clone(), name: "Ana".into() }),
                (sign_up("Eli"), RosterError::SlotFull { slot: swag.clone(), needed: 2 }),
                (sign_up(" "), RosterError::BlankName),
                (
                    RosterEdit::Volunteer(VolunteerEdit::SignUp { slot: "zz".into(), name: "Ana".into() }),
                    RosterError::UnknownSlot("zz".into()),
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::Leave { slot: swag.clone(), name: "Eli".into() }),
                    RosterError::NotSignedUp { slot: swag.clone(), name: "Eli".into() },
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::SetNoShow {
                        slot: swag.clone(),
                        name: "Eli".into(),
                        no_show: true,
                    }),
                    RosterError::NotSignedUp { slot: swag.clone(), name: "Eli".into() },
                ),
                (
                    RosterEdit::Volunteer(VolunteerEdit::SetWorkedMinutes {
                        slot: swag.clone(),
                        name: "Eli".into(),
                        minutes: None,
                    }),
                    RosterError::NotSignedUp { slot: swag.clone(), name: "Eli".into() },
                ),
            ],
        );
        r.apply(RosterEdit::Volunteer(VolunteerEdit::Leave { slot: swag.clone(), name: "Dee".into() })).unwrap();
        assert!(r.slot("swag-1").unwrap().no_shows.is_empty(), "leaving forgets the no-show mark");
        r.apply(RosterEdit::Volunteer(VolunteerEdit::SetWorkedMinutes {
            slot: swag.clone(),
            name: "Ana".into(),
            minutes: None,
        }))
        .unwrap();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::SetNoShow { slot: swag, name: "Ana".into(), no_show: false }))
            .unwrap();
        assert_eq!(r.worked_minutes(), BTreeMap::from([("Ana".to_owned(), 180)]));
        r.apply(RosterEdit::Volunteer(VolunteerEdit::RemoveSlot("desk-1".into()))).unwrap();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::RemoveSlot("desk-2".into()))).unwrap();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::RemoveTask("desk".into()))).unwrap();
        assert!(r.task("desk").is_none());
    }

    #[test]
    fn removing_a_task_with_its_slots_is_one_edit() {
        let mut r = roster();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::SignUp { slot: "swag-1".into(), name: "Ana".into() })).unwrap();
        let swag = r.slot("swag-1").unwrap().task.clone();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::RemoveTaskWithSlots(swag.clone()))).unwrap();
        assert!(r.task(swag.as_str()).is_none());
        assert!(r.slots().iter().all(|s| s.task != swag), "its slots and their sign-ups went with it");
        assert_eq!(
            r.apply(RosterEdit::Volunteer(VolunteerEdit::RemoveTaskWithSlots(swag.clone()))),
            Err(RosterError::UnknownTask(swag))
        );
    }
}
