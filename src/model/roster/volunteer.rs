//! The volunteer coordinator's data: [`VolunteerTask`]s and their [`VolunteerSlot`]s, how full
//! they are ([`volunteer_coverage`]), minutes worked ([`worked_minutes`]), and session-chair slots
//! made from a schedule ([`generate_chair_slots`]). Pure; editing goes through
//! [`RosterEdit`](super::RosterEdit).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Roster, VolunteerSlotId, VolunteerTaskId};
use crate::model::schedule::{Schedule, SessionKind};
use crate::model::time::{add_minutes, minutes_between};

/// A kind of volunteer work: registration desk, session chair, swag-bag stuffing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerTask {
    pub id: VolunteerTaskId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    /// Skills or languages that help. Information only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// For an assembly-line task (swag-bag stuffing and the like): how much there is to do and how
    /// fast, so the planner can size its slots. `None`: not an assembly line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<crate::model::throughput::Throughput>,
}

impl VolunteerTask {
    /// An assembly-line task (swag-bag stuffing and the like): one with [`Self::throughput`]
    /// numbers, whose slots the throughput calculator ([`crate::model::throughput`]) is checked
    /// against and sized by ([`crate::model::throughput::propose_slots`]).
    pub fn is_assembly_line(&self) -> bool {
        self.throughput.is_some()
    }
}

/// One stretch of a volunteer task that needs `needed` people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerSlot {
    pub id: VolunteerSlotId,
    pub task: VolunteerTaskId,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub needed: u32,
    /// Names of the people signed up, in sign-up order; never more than `needed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signups: Vec<String>,
    /// Signed-up people who did not come.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_shows: Vec<String>,
    /// Minutes actually worked, by name, when it differs from the slot's length.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub worked_minutes: BTreeMap<String, u32>,
}

impl VolunteerSlot {
    pub fn duration_mins(&self) -> u32 {
        u32::try_from(minutes_between(self.starts_at, self.ends_at).max(0)).unwrap_or(u32::MAX)
    }

    /// The minutes `name` worked in this slot: what was recorded for them, else the slot's
    /// length. Says nothing about whether they came: see [`Self::no_shows`].
    pub fn minutes_worked_by(&self, name: &str) -> u32 {
        self.worked_minutes.get(name).copied().unwrap_or_else(|| self.duration_mins())
    }

    /// How many of the people signed up came (everyone not marked a no-show).
    pub fn crew(&self) -> u32 {
        let came = self.signups.iter().filter(|name| !self.no_shows.contains(name)).count();
        u32::try_from(came).unwrap_or(u32::MAX)
    }

    /// The minutes recorded as worked by the people signed up, leaving out anyone with nothing
    /// recorded: what a crew's measured rate is taken over (0: nothing measured yet).
    pub fn recorded_minutes(&self) -> u32 {
        self.signups
            .iter()
            .filter_map(|name| self.worked_minutes.get(name))
            .fold(0, |total, &minutes| total.saturating_add(minutes))
    }

    /// Signed up / needed.
    pub fn coverage(&self) -> SlotCoverage {
        SlotCoverage {
            slot: self.id.clone(),
            signed_up: u32::try_from(self.signups.len()).unwrap_or(u32::MAX),
            needed: self.needed,
            no_shows: u32::try_from(self.no_shows.len()).unwrap_or(u32::MAX),
        }
    }
}

/// How full one volunteer slot is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotCoverage {
    pub slot: VolunteerSlotId,
    pub signed_up: u32,
    pub needed: u32,
    pub no_shows: u32,
}

/// How full one volunteer task is, over its slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskCoverage {
    pub task: VolunteerTaskId,
    /// In start order.
    pub slots: Vec<SlotCoverage>,
    pub signed_up: u32,
    pub needed: u32,
}

/// Coverage of every task (in the order given) and each of its slots (in start order).
pub fn volunteer_coverage(tasks: &[VolunteerTask], slots: &[VolunteerSlot]) -> Vec<TaskCoverage> {
    tasks
        .iter()
        .map(|task| {
            let mut own: Vec<&VolunteerSlot> = slots.iter().filter(|s| s.task == task.id).collect();
            own.sort_by(|a, b| (a.starts_at, &a.id).cmp(&(b.starts_at, &b.id)));
            let slots: Vec<SlotCoverage> = own.iter().map(|s| s.coverage()).collect();
            TaskCoverage {
                task: task.id.clone(),
                signed_up: slots.iter().map(|s| s.signed_up).fold(0, u32::saturating_add),
                needed: slots.iter().map(|s| s.needed).fold(0, u32::saturating_add),
                slots,
            }
        })
        .collect()
}

/// Minutes worked per person over `slots`: for each slot they signed up for and came to, the
/// minutes recorded for them, else the slot's length. People with no such slot are left out.
pub fn worked_minutes(slots: &[VolunteerSlot]) -> BTreeMap<String, u32> {
    let mut out: BTreeMap<String, u32> = BTreeMap::new();
    for slot in slots {
        for name in &slot.signups {
            if slot.no_shows.contains(name) {
                continue;
            }
            let minutes = slot.minutes_worked_by(name);
            let total = out.entry(name.clone()).or_insert(0);
            *total = total.saturating_add(minutes);
        }
    }
    out
}

/// One session-chair slot per session in `room` (matched by room key or name), breaks excluded,
/// from `padding_before_mins` before the session to `padding_after_mins` after it, each needing
/// one person. Slot ids are `<task id>-<session id>`. Sessions that would give an empty slot
/// (zero length, no padding) are skipped. In schedule order.
pub fn generate_chair_slots(
    schedule: &Schedule,
    room: &str,
    padding_before_mins: u32,
    padding_after_mins: u32,
    task_id: &VolunteerTaskId,
) -> Vec<VolunteerSlot> {
    let Some(room_idx) = schedule.rooms().iter().position(|r| r.key == room || r.name == room) else {
        return Vec::new();
    };
    let room_idx = crate::model::ids::RoomIdx(u32::try_from(room_idx).unwrap_or(u32::MAX));
    schedule
        .room_sessions(room_idx)
        .iter()
        .filter_map(|&idx| schedule.session(idx))
        .filter(|session| session.kind != SessionKind::Break)
        .filter_map(|session| {
            let starts_at = session
                .starts_at
                .checked_sub_signed(chrono::Duration::minutes(i64::from(padding_before_mins)))
                .unwrap_or(NaiveDateTime::MIN);
            let ends_at = add_minutes(session.ends_at(), padding_after_mins);
            (ends_at > starts_at).then(|| VolunteerSlot {
                id: VolunteerSlotId(format!("{task_id}-{}", session.id)),
                task: task_id.clone(),
                starts_at,
                ends_at,
                needed: 1,
                signups: Vec::new(),
                no_shows: Vec::new(),
                worked_minutes: BTreeMap::new(),
            })
        })
        .collect()
}

impl Roster {
    /// Coverage of this roster's volunteer tasks; see [`volunteer_coverage`].
    pub fn volunteer_coverage(&self) -> Vec<TaskCoverage> {
        volunteer_coverage(&self.parts.tasks, &self.parts.slots)
    }

    /// Volunteer minutes worked per person; see [`worked_minutes`].
    pub fn worked_minutes(&self) -> BTreeMap<String, u32> {
        worked_minutes(&self.parts.slots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::RosterEdit;
    use crate::model::roster::VolunteerEdit;
    use crate::model::roster::test_support::{dt, roster, slot, task};

    #[test]
    fn a_slots_crew_and_minutes() {
        // Three hours, 16:00–19:00; Ana worked two of them, Ben the whole slot, Chen never came.
        let mut swag = slot("swag-1", "swag", 3);
        swag.signups = ["Ana", "Ben", "Chen"].map(String::from).to_vec();
        swag.no_shows = vec!["Chen".into()];
        swag.worked_minutes.insert("Ana".into(), 120);
        assert_eq!(swag.crew(), 2, "the no-show is not crew");
        assert_eq!((swag.minutes_worked_by("Ana"), swag.minutes_worked_by("Ben")), (120, 180));
        assert_eq!(swag.recorded_minutes(), 120, "only what was recorded is measured");
        let worked = worked_minutes(std::slice::from_ref(&swag));
        assert_eq!(worked.get("Ana"), Some(&120));
        assert_eq!(worked.get("Ben"), Some(&180));
        assert_eq!(worked.get("Chen"), None, "a no-show worked nothing");
        let empty = slot("swag-2", "swag", 3);
        assert_eq!((empty.crew(), empty.recorded_minutes()), (0, 0));
    }

    #[test]
    fn assembly_lines_are_the_tasks_with_throughput_numbers() {
        let mut stuffing = task("swag");
        stuffing.name = "Swag-BAG stuffing".into();
        assert!(!stuffing.is_assembly_line(), "the name says nothing");
        stuffing.throughput =
            Some(crate::model::throughput::Throughput { units: 3000, stations: 10, units_per_volunteer_hour: 100 });
        assert!(stuffing.is_assembly_line());
    }

    #[test]
    fn chair_slots_follow_the_room_and_skip_breaks() {
        use crate::model::schedule::{Conference, Room, ScheduleBuilder, Session};
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        let hall = b.add_room(Room { key: "hall".into(), name: "Main Hall".into(), capacity: None, location: None });
        let side = b.room_named("Side").unwrap();
        for (id, start, minutes, room, kind) in [
            ("t1", "2027-04-16 10:00", 40, hall, SessionKind::Talk),
            ("lunch", "2027-04-16 12:00", 60, hall, SessionKind::Break),
            ("k1", "2027-04-16 09:00", 45, hall, SessionKind::Keynote),
            ("s1", "2027-04-16 10:00", 40, side, SessionKind::Talk),
            ("z", "2027-04-16 15:00", 0, hall, SessionKind::Talk),
        ] {
            let mut s = Session::new(id, id, dt(start), minutes);
            s.room = Some(room);
            s.kind = kind;
            b.add_session(s, None);
        }
        let schedule = b.build();
        let task_id = VolunteerTaskId::new("chair");
        let slots = generate_chair_slots(&schedule, "hall", 10, 5, &task_id);
        let got: Vec<(&str, NaiveDateTime, NaiveDateTime, u32)> =
            slots.iter().map(|s| (s.id.as_str(), s.starts_at, s.ends_at, s.needed)).collect();
        assert_eq!(
            got,
            [
                ("chair-k1", dt("2027-04-16 08:50"), dt("2027-04-16 09:50"), 1),
                ("chair-t1", dt("2027-04-16 09:50"), dt("2027-04-16 10:45"), 1),
                ("chair-z", dt("2027-04-16 14:50"), dt("2027-04-16 15:05"), 1),
            ]
        );
        assert_eq!(generate_chair_slots(&schedule, "Main Hall", 0, 0, &task_id).len(), 2, "by name; empty skipped");
        assert!(generate_chair_slots(&schedule, "Nowhere", 0, 0, &task_id).is_empty());
        let mut r = roster();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::AddTask(VolunteerTask {
            throughput: None,
            id: task_id,
            name: "Session chair".into(),
            description: String::new(),
            location: String::new(),
            skills: Vec::new(),
        })))
        .unwrap();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::AddSlots(slots))).unwrap();
        assert_eq!(r.slots().len(), 4);
    }
}
