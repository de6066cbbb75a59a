//! Builders shared by the roster's unit tests: a small three-booth-shift, three-person roster and
//! its parts. Test-only; never compiled into the app.

use crate::model::roster::AssignEdit;
use std::collections::BTreeMap;

use chrono::{NaiveDateTime, NaiveTime};

use super::{
    Booth, BoothId, Experience, PersonName, Roster, RosterEdit, RosterError, RosterParts, RosterRules, Shift, ShiftId,
    Staff, VolunteerSlot, VolunteerSlotId, VolunteerTask, VolunteerTaskId,
};

/// `2027-04-16 09:00`, or with seconds, `2027-04-16 09:00:30`.
pub(super) fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .unwrap()
}

pub(super) fn shift(id: &str, booth: &str, start: &str, end: &str) -> Shift {
    Shift {
        requires: Vec::new(),
        id: ShiftId::new(id),
        booth: BoothId::new(booth),
        starts_at: dt(start),
        ends_at: dt(end),
        seats: 2,
        role: String::new(),
    }
}

pub(super) fn booth(id: &str) -> Booth {
    Booth { id: BoothId::new(id), name: format!("{id} booth"), location: format!("Hall {id}") }
}

pub(super) fn task(id: &str) -> VolunteerTask {
    VolunteerTask {
        throughput: None,
        id: VolunteerTaskId::new(id),
        name: format!("Task {id}"),
        description: String::new(),
        location: "Foyer".into(),
        skills: Vec::new(),
    }
}

pub(super) fn slot(id: &str, task: &str, needed: u32) -> VolunteerSlot {
    VolunteerSlot {
        id: VolunteerSlotId::new(id),
        task: VolunteerTaskId::new(task),
        starts_at: dt("2027-04-15 16:00"),
        ends_at: dt("2027-04-15 19:00"),
        needed,
        signups: Vec::new(),
        no_shows: Vec::new(),
        worked_minutes: BTreeMap::new(),
    }
}

pub(super) fn roster() -> Roster {
    let mut parts = RosterParts {
        id: "r".into(),
        conference: "c".into(),
        name: "Booths".into(),
        rules: RosterRules { min_rest_mins: 30, day_change: NaiveTime::MIN, max_consecutive_mins: None },
        ..RosterParts::default()
    };
    parts.booths = vec![booth("a"), booth("b")];
    parts.shifts = vec![
        shift("a1", "a", "2027-04-16 09:00", "2027-04-16 11:00"),
        shift("a2", "a", "2027-04-16 11:00", "2027-04-16 13:00"),
        shift("b1", "b", "2027-04-16 10:00", "2027-04-16 12:00"),
    ];
    parts.staff = vec![
        Staff::new("Ana", Experience::Experienced),
        Staff::new("Ben", Experience::Newcomer),
        Staff::new("Chen", Experience::Experienced),
    ];
    parts.tasks = vec![task("swag")];
    parts.slots = vec![slot("swag-1", "swag", 2)];
    Roster::from_parts(parts).unwrap()
}

pub(super) fn assign(shift: &str, person: &str) -> RosterEdit {
    RosterEdit::Assign(AssignEdit::Assign {
        shift: ShiftId::new(shift),
        person: PersonName::new(person),
        locked: false,
    })
}

/// Every edit in `refused` is an error and leaves the roster as it was.
pub(super) fn assert_refused(roster: &mut Roster, refused: Vec<(RosterEdit, RosterError)>) {
    let before = roster.clone();
    for (edit, expected) in refused {
        assert_eq!(roster.apply(edit.clone()), Err(expected), "{edit:?}");
        assert_eq!(*roster, before, "{edit:?} changed the roster");
    }
}
