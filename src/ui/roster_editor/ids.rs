//! Ids for what the editor adds: a readable slug of a name (`Tidewater Data` → `tidewater-data`),
//! made unique against the ids already in the roster by a numeric suffix. The roster checks
//! uniqueness again when the edit is applied; these only pick a good first guess.

use chrono::NaiveDate;

use crate::model::roster::{BoothId, Roster, ShiftId, VolunteerSlotId, VolunteerTaskId};

/// Lower-case letters and digits of `name`, other runs of characters turned into one `-`;
/// `fallback` when nothing is left.
pub fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { fallback.to_owned() } else { out }
}

/// `base`, or `base-2`, `base-3`, … : the first that `taken` says is free.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_else(|| base.to_owned())
}

/// A new booth's id, from its name.
pub fn booth_id(roster: &Roster, name: &str) -> BoothId {
    BoothId::new(unique(&slug(name, "booth"), |id| roster.booth(id).is_some()))
}

/// A new shift's id: booth, date and start, e.g. `found-0416-0945`.
pub fn shift_id(roster: &Roster, booth: &BoothId, day: NaiveDate, start: chrono::NaiveTime) -> ShiftId {
    let base = format!("{booth}-{}-{}", day.format("%m%d"), start.format("%H%M"));
    ShiftId::new(unique(&base, |id| roster.shift(id).is_some()))
}

/// A new volunteer task's id, from its name.
pub fn task_id(roster: &Roster, name: &str) -> VolunteerTaskId {
    VolunteerTaskId::new(unique(&slug(name, "task"), |id| roster.task(id).is_some()))
}

/// A new slot's id for `task`: the task's id, the date and start.
pub fn slot_id(roster: &Roster, task: &VolunteerTaskId, day: NaiveDate, start: chrono::NaiveTime) -> VolunteerSlotId {
    let base = format!("{task}-{}-{}", day.format("%m%d"), start.format("%H%M"));
    VolunteerSlotId::new(unique(&base, |id| roster.slot(id).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_unique() {
        assert_eq!(slug("Tidewater Data (sponsor)", "booth"), "tidewater-data-sponsor");
        assert_eq!(slug("  ¡Olé!  ", "booth"), "olé");
        assert_eq!(slug("!!!", "booth"), "booth");
        assert_eq!(unique("a", |id| id == "a" || id == "a-2"), "a-3");
        assert_eq!(unique("b", |_| false), "b");
    }
}
