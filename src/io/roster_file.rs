//! `roster.ron`: the captain's document on disk. The on-disk shape ([`RosterFileV1`]) is private
//! and versioned, apart from the model's [`Roster`], so old files keep loading as the model grows.
//! Loading validates the roster ([`Roster::from_parts`]); a broken invariant is reported like a
//! parse error, at the line and column of the offending id where it can be found.
//!
//! Version history:
//! - 1: id, conference, name, time zone, rules (minimum rest, day change), booths, shifts, staff
//!   (experience, hour limits, availability, unavailable blocks, skills), assignments (lockable),
//!   volunteer tasks and slots (sign-ups, no-shows, minutes worked).
//!
//! - 2: a shift's required skills (`requires`), a task's throughput numbers (`throughput`), and
//!   the rule `max_consecutive_mins`. Version 1 files read unchanged (every new field is optional).
//!
//! Adding a field that an older lanyard would drop on save needs a new version.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::import::location_at;
use super::store::{Document, from_ron_noting, ron_options, ron_pretty};
use crate::model::ConferenceId;
use crate::model::roster::{
    Assignment, Booth, Roster, RosterError, RosterParts, RosterRules, Shift, Staff, VolunteerSlot, VolunteerTask,
};
use crate::model::time::Zone;

/// The newest roster format.
pub const ROSTER_VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct RosterFileV1 {
    version: u32,
    id: String,
    #[serde(default)]
    conference: ConferenceId,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    /// IANA zone of every time in the file; absent: floating local time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time_zone: Option<String>,
    #[serde(default)]
    rules: RulesV1,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    booths: Vec<Booth>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    shifts: Vec<Shift>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    staff: Vec<Staff>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    assignments: Vec<Assignment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tasks: Vec<VolunteerTask>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    slots: Vec<VolunteerSlot>,
}

#[derive(Default, Serialize, Deserialize)]
struct RulesV1 {
    #[serde(default)]
    min_rest_mins: u32,
    /// `HH:MM`; absent: midnight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    day_change: Option<String>,
    /// Since version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_consecutive_mins: Option<u32>,
}

/// A validation error as a RON error at `needle`'s position in `text` (1:1 if not found).
fn invalid(text: &str, needle: Option<(String, usize)>, message: String) -> ron::error::SpannedError {
    let offset = needle.and_then(|(needle, nth)| text.match_indices(&needle).nth(nth).map(|(i, _)| i));
    let location = offset.map_or(crate::model::Location { line: 1, col: 1 }, |i| location_at(text, i));
    let position = ron::error::Position { line: location.line as usize, col: location.col as usize };
    ron::error::SpannedError {
        code: ron::Error::Message(message),
        span: ron::error::Span { start: position, end: position },
    }
}

/// Where in the file a roster error is: the quoted id, and which occurrence (0-based).
fn anchor(err: &RosterError) -> Option<(String, usize)> {
    let quoted = |id: &str| format!("\"{id}\"");
    Some(match err {
        RosterError::BlankRosterId | RosterError::BlankId(_) | RosterError::BlankName => return None,
        RosterError::DuplicateBooth(id) => (quoted(id.as_str()), 1),
        RosterError::DuplicateShift(id) => (quoted(id.as_str()), 1),
        RosterError::DuplicateStaff(name) => (quoted(name.as_str()), 1),
        RosterError::DuplicateTask(id) => (quoted(id.as_str()), 1),
        RosterError::DuplicateSlot(id) => (quoted(id.as_str()), 1),
        RosterError::UnknownBooth(id) | RosterError::BoothInUse(id) => (quoted(id.as_str()), 0),
        RosterError::UnknownShift(id)
        | RosterError::EmptyShift(id)
        | RosterError::NoSeats(id)
        | RosterError::TooManySeats(id) => (quoted(id.as_str()), 0),
        RosterError::TooFewSeats { shift, .. } | RosterError::ShiftFull { shift, .. } => (quoted(shift.as_str()), 0),
        RosterError::UnknownStaff(name) | RosterError::EmptyWindow(name) => (quoted(name.as_str()), 0),
        RosterError::AlreadyAssigned { person, .. }
        | RosterError::NotAssigned { person, .. }
        | RosterError::AssignmentLocked { person, .. } => (quoted(person.as_str()), 0),
        RosterError::UnknownTask(id) | RosterError::TaskInUse(id) => (quoted(id.as_str()), 0),
        RosterError::UnknownSlot(slot)
        | RosterError::EmptySlot(slot)
        | RosterError::SlotFull { slot, .. }
        | RosterError::AlreadySignedUp { slot, .. }
        | RosterError::NotSignedUp { slot, .. } => (quoted(slot.as_str()), 0),
    })
}

impl Document for Roster {
    const KIND: &'static str = "roster";
    const VERSION: u32 = ROSTER_VERSION;

    fn from_ron_noting(text: &str, _version: u32, ignored: &mut Vec<String>) -> Result<Self, ron::error::SpannedError> {
        let file: RosterFileV1 = from_ron_noting(text, ignored)?;
        let zone = match file.time_zone.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
            None => Zone::Floating,
            Some(name) => Zone::from_iana(name).ok_or_else(|| {
                invalid(text, Some((format!("\"{name}\""), 0)), format!("unknown time zone \"{name}\""))
            })?,
        };
        let day_change = match file.rules.day_change.as_deref().map(str::trim) {
            None | Some("") => NaiveTime::MIN,
            Some(hm) => NaiveTime::parse_from_str(hm, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(hm, "%H:%M:%S"))
                .map_err(|_| {
                invalid(text, Some((format!("\"{hm}\""), 0)), format!("day_change \"{hm}\" is not a time (HH:MM)"))
            })?,
        };
        let parts = RosterParts {
            id: file.id,
            conference: file.conference,
            name: file.name,
            zone,
            rules: RosterRules {
                min_rest_mins: file.rules.min_rest_mins,
                day_change,
                max_consecutive_mins: file.rules.max_consecutive_mins,
            },
            booths: file.booths,
            shifts: file.shifts,
            staff: file.staff,
            assignments: file.assignments,
            tasks: file.tasks,
            slots: file.slots,
        };
        Self::from_parts(parts).map_err(|err| invalid(text, anchor(&err), err.to_string()))
    }

    fn to_ron(&self) -> Result<String, ron::Error> {
        let parts = self.parts();
        let rules = parts.rules;
        let file = RosterFileV1 {
            version: ROSTER_VERSION,
            id: parts.id.clone(),
            conference: parts.conference.clone(),
            name: parts.name.clone(),
            time_zone: parts.zone.name().map(str::to_owned),
            rules: RulesV1 {
                min_rest_mins: rules.min_rest_mins,
                day_change: (rules.day_change != NaiveTime::MIN).then(|| rules.day_change.format("%H:%M").to_string()),
                max_consecutive_mins: rules.max_consecutive_mins,
            },
            booths: parts.booths.clone(),
            shifts: parts.shifts.clone(),
            staff: parts.staff.clone(),
            assignments: parts.assignments.clone(),
            tasks: parts.tasks.clone(),
            slots: parts.slots.clone(),
        };
        let mut text =
            String::from("// Lanyard roster: booths, shifts, staff and volunteer slots for one conference.\n");
        text.push_str(&ron_options().to_string_pretty(&file, ron_pretty(2))?);
        text.push('\n');
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::store::parse_document;
    use std::path::Path;

    const SMALL: &str = r#"(
    version: 1,
    id: "booths",
    conference: "c",
    time_zone: "America/Vancouver",
    rules: (min_rest_mins: 30, day_change: "04:00"),
    booths: [(id: "psf", name: "PSF")],
    shifts: [(id: "s1", booth: "psf", starts_at: "2027-04-16T09:00:00", ends_at: "2027-04-16T11:00:00")],
    staff: [(name: "Ana", experience: Experienced, max_hours_per_day: 4)],
    assignments: [(shift: "s1", person: "Ana", locked: true)],
)"#;

    #[test]
    fn reads_defaults_and_round_trips() {
        let roster: Roster = parse_document(SMALL.as_bytes(), Path::new("r.ron")).unwrap();
        assert_eq!(roster.shifts()[0].seats, 2, "seats default to two");
        assert_eq!(roster.rules().day_change, NaiveTime::from_hms_opt(4, 0, 0).unwrap());
        assert_eq!(roster.zone().name(), Some("America/Vancouver"));
        let text = roster.to_ron().unwrap();
        let again: Roster = parse_document(text.as_bytes(), Path::new("r.ron")).unwrap();
        assert_eq!(again, roster);
        assert!(text.starts_with("// Lanyard roster"));
    }

    #[test]
    fn broken_invariants_point_at_the_offending_id() {
        let text = SMALL.replace("(shift: \"s1\", person: \"Ana\"", "(shift: \"s1\", person: \"Zed\"");
        let err = parse_document::<Roster>(text.as_bytes(), Path::new("r.ron")).unwrap_err().to_string();
        assert_eq!(err, "r.ron:10:41: roster file is not valid: there is no staff member \"Zed\"");
        let text = SMALL.replace("America/Vancouver", "Mars/Olympus");
        let err = parse_document::<Roster>(text.as_bytes(), Path::new("r.ron")).unwrap_err().to_string();
        assert_eq!(err, "r.ron:5:16: roster file is not valid: unknown time zone \"Mars/Olympus\"");
        let text = SMALL.replace("\"04:00\"", "\"4 am\"");
        assert!(parse_document::<Roster>(text.as_bytes(), Path::new("r.ron")).is_err());
    }
}
