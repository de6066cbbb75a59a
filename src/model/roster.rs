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
//! Known limitations: skills are information for the captain, not a constraint; a shift over
//! midnight counts wholly towards the day it starts on.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::busy::{BusyTime, Commitment, StaffBusy};
use super::ids::SessionId;
use super::personal::{Signup, SlotKey};
use super::schedule::{Schedule, SessionKind};
use super::time::{Zone, add_minutes, conference_date, format_day, format_hm, format_minutes, minutes_between};
use super::timeline::{ItemKind, ItemSource, ShiftKey, TimelineItem};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        // Lets maps keyed by the id be queried with a `&str`.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id!(
    /// A booth's id, unique within a roster.
    BoothId
);
string_id!(
    /// A shift's id, unique within a roster.
    ShiftId
);
string_id!(
    /// A staff member's name, the key of staff in a roster: spelled as in their plan's `me`.
    PersonName
);
string_id!(
    /// A volunteer task's id, unique within a roster.
    VolunteerTaskId
);
string_id!(
    /// A volunteer slot's id, unique within a roster.
    VolunteerSlotId
);

/// A company or foundation booth that must be staffed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booth {
    pub id: BoothId,
    pub name: String,
    /// Where it is, e.g. `Expo Hall, stand 12`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
}

impl Booth {
    /// The name, or the id when the name is blank.
    pub fn label(&self) -> &str {
        if self.name.trim().is_empty() { self.id.as_str() } else { &self.name }
    }
}

/// The default number of people on a shift: two, so nobody works alone.
pub const DEFAULT_SEATS: u32 = 2;

/// The most seats a shift can have: far more than any booth, and small enough that every seat
/// can be listed (exports print one row per seat).
pub const MAX_SEATS: u32 = 1_000;

fn default_seats() -> u32 {
    DEFAULT_SEATS
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
fn is_default_seats(seats: &u32) -> bool {
    *seats == DEFAULT_SEATS
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
fn is_false(value: &bool) -> bool {
    !*value
}

/// A stretch of time a booth needs people, `[starts_at, ends_at)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub id: ShiftId,
    pub booth: BoothId,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// People needed, 1 to [`MAX_SEATS`].
    #[serde(default = "default_seats", skip_serializing_if = "is_default_seats")]
    pub seats: u32,
    /// The role or notes: `demo station`, `opens the booth`, …
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

impl Shift {
    /// Length in minutes (0 for a malformed interval; validation refuses those).
    pub fn duration_mins(&self) -> u32 {
        u32::try_from(minutes_between(self.starts_at, self.ends_at).max(0)).unwrap_or(u32::MAX)
    }
}

/// How much booth experience someone has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Experience {
    /// Never works a shift without an experienced partner.
    Newcomer,
    Experienced,
}

/// A stretch of time, `[starts_at, ends_at)`, with an optional note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Window {
    pub fn new(starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> Self {
        Self { starts_at, ends_at, note: String::new() }
    }

    pub fn overlaps(&self, starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> bool {
        self.starts_at < ends_at && starts_at < self.ends_at
    }
}

/// A person who can staff booths.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub name: PersonName,
    /// E-mail, phone, chat handle: free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    pub experience: Experience,
    /// At most this many hours of shifts on one conference day; `None`: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours_per_day: Option<u32>,
    /// At most this many hours of shifts in all; `None`: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours_total: Option<u32>,
    /// When they can work. Empty: any time (minus `unavailable` and their own plan).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Window>,
    /// When they cannot work, whatever `availability` says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<Window>,
    /// Skills or languages, e.g. `es`, `demo`, `sign language`. Information only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
}

impl Staff {
    /// A staff member with no limits and no windows.
    pub fn new(name: impl Into<String>, experience: Experience) -> Self {
        Self {
            name: PersonName::new(name),
            contact: String::new(),
            experience,
            max_hours_per_day: None,
            max_hours_total: None,
            availability: Vec::new(),
            unavailable: Vec::new(),
            skills: Vec::new(),
        }
    }

    pub fn is_newcomer(&self) -> bool {
        self.experience == Experience::Newcomer
    }

    /// `max_hours_per_day` in minutes (`u32::MAX`: no limit).
    pub fn max_minutes_per_day(&self) -> u32 {
        self.max_hours_per_day.map_or(u32::MAX, |h| h.saturating_mul(60))
    }

    /// `max_hours_total` in minutes (`u32::MAX`: no limit).
    pub fn max_minutes_total(&self) -> u32 {
        self.max_hours_total.map_or(u32::MAX, |h| h.saturating_mul(60))
    }

    /// Whether `[starts_at, ends_at)` lies inside their availability (the union of its windows;
    /// touching windows join). Always true when they gave no availability.
    pub fn is_available(&self, starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> bool {
        self.availability.is_empty() || covered(&merged_windows(&self.availability), starts_at, ends_at)
    }
}

/// The windows as disjoint intervals sorted by start; overlapping and touching windows join.
pub fn merged_windows(windows: &[Window]) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut spans: Vec<(NaiveDateTime, NaiveDateTime)> =
        windows.iter().filter(|w| w.ends_at > w.starts_at).map(|w| (w.starts_at, w.ends_at)).collect();
    spans.sort_unstable();
    let mut out: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// Whether `[starts_at, ends_at)` lies inside one of `merged` (sorted, disjoint, non-touching).
pub fn covered(merged: &[(NaiveDateTime, NaiveDateTime)], starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> bool {
    let after = merged.partition_point(|&(start, _)| start <= starts_at);
    after > 0 && merged.get(after - 1).is_some_and(|&(_, end)| end >= ends_at)
}

/// One person on one shift.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Assignment {
    pub shift: ShiftId,
    pub person: PersonName,
    /// The auto-roster never moves or removes a locked assignment.
    #[serde(default, skip_serializing_if = "is_false")]
    pub locked: bool,
}

impl Assignment {
    pub fn new(shift: impl Into<String>, person: impl Into<String>) -> Self {
        Self { shift: ShiftId::new(shift), person: PersonName::new(person), locked: false }
    }
}

/// Roster-wide rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RosterRules {
    /// The least rest between two shifts of one person, in minutes (0: back to back is fine).
    pub min_rest_mins: u32,
    /// Shifts starting before this wall-clock time count towards the previous conference day.
    pub day_change: NaiveTime,
}

impl Default for RosterRules {
    fn default() -> Self {
        Self { min_rest_mins: 0, day_change: NaiveTime::MIN }
    }
}

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
            let minutes = slot.worked_minutes.get(name).copied().unwrap_or_else(|| slot.duration_mins());
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
    let room_idx = super::ids::RoomIdx(u32::try_from(room_idx).unwrap_or(u32::MAX));
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

/// Everything in a roster, unvalidated: what `io` reads from disk and what tests build. Turn it
/// into a [`Roster`] with [`Roster::from_parts`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterParts {
    /// Names the roster in [`ShiftKey`]s and [`SlotKey`]s; non-blank.
    pub id: String,
    /// The conference id this roster is for.
    pub conference: String,
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

/// Why a roster or an edit is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("the roster needs an id")]
    BlankRosterId,
    #[error("a {0} needs an id")]
    BlankId(&'static str),
    #[error("a staff member needs a name")]
    BlankName,
    #[error("there is already a booth \"{0}\"")]
    DuplicateBooth(BoothId),
    #[error("there is no booth \"{0}\"")]
    UnknownBooth(BoothId),
    #[error("booth \"{0}\" still has shifts; remove them first")]
    BoothInUse(BoothId),
    #[error("there is already a shift \"{0}\"")]
    DuplicateShift(ShiftId),
    #[error("there is no shift \"{0}\"")]
    UnknownShift(ShiftId),
    #[error("shift \"{0}\" must end after it starts")]
    EmptyShift(ShiftId),
    #[error("shift \"{0}\" needs at least one seat")]
    NoSeats(ShiftId),
    #[error("shift \"{0}\" has more than {MAX_SEATS} seats")]
    TooManySeats(ShiftId),
    #[error("shift \"{shift}\" has {assigned} people assigned, more than its {seats} seats")]
    TooFewSeats { shift: ShiftId, seats: u32, assigned: u32 },
    #[error("there is already a staff member \"{0}\"")]
    DuplicateStaff(PersonName),
    #[error("there is no staff member \"{0}\"")]
    UnknownStaff(PersonName),
    #[error("a time window of \"{0}\" must end after it starts")]
    EmptyWindow(PersonName),
    #[error("\"{person}\" is already on shift \"{shift}\"")]
    AlreadyAssigned { shift: ShiftId, person: PersonName },
    #[error("\"{person}\" is not on shift \"{shift}\"")]
    NotAssigned { shift: ShiftId, person: PersonName },
    #[error("\"{person}\" is locked on shift \"{shift}\"; unlock it first")]
    AssignmentLocked { shift: ShiftId, person: PersonName },
    #[error("shift \"{shift}\" is full ({seats} seats)")]
    ShiftFull { shift: ShiftId, seats: u32 },
    #[error("there is already a volunteer task \"{0}\"")]
    DuplicateTask(VolunteerTaskId),
    #[error("there is no volunteer task \"{0}\"")]
    UnknownTask(VolunteerTaskId),
    #[error("volunteer task \"{0}\" still has slots; remove them first")]
    TaskInUse(VolunteerTaskId),
    #[error("there is already a volunteer slot \"{0}\"")]
    DuplicateSlot(VolunteerSlotId),
    #[error("there is no volunteer slot \"{0}\"")]
    UnknownSlot(VolunteerSlotId),
    #[error("volunteer slot \"{0}\" must end after it starts")]
    EmptySlot(VolunteerSlotId),
    #[error("volunteer slot \"{slot}\" is full ({needed} needed)")]
    SlotFull { slot: VolunteerSlotId, needed: u32 },
    #[error("\"{name}\" is already signed up for slot \"{slot}\"")]
    AlreadySignedUp { slot: VolunteerSlotId, name: String },
    #[error("\"{name}\" is not signed up for slot \"{slot}\"")]
    NotSignedUp { slot: VolunteerSlotId, name: String },
}

/// One undoable change to a [`Roster`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum RosterEdit {
    /// The roster's title.
    SetName(String),
    SetRules(RosterRules),
    AddBooth(Booth),
    /// Replace the booth with the same id.
    UpdateBooth(Booth),
    /// Refused while shifts use the booth.
    RemoveBooth(BoothId),
    AddShift(Shift),
    /// Replace the shift with the same id; seats may not drop below the people assigned.
    UpdateShift(Shift),
    /// Removes the shift and its assignments.
    RemoveShift(ShiftId),
    AddStaff(Staff),
    /// Replace the staff member with the same name.
    UpdateStaff(Staff),
    /// Renames a staff member everywhere in the roster (assignments included).
    RenameStaff {
        from: PersonName,
        to: PersonName,
    },
    /// Removes the staff member and their assignments.
    RemoveStaff(PersonName),
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
    SetAssignments(Vec<Assignment>),
    AddTask(VolunteerTask),
    UpdateTask(VolunteerTask),
    /// Refused while slots use the task.
    RemoveTask(VolunteerTaskId),
    /// Add slots (e.g. from [`generate_chair_slots`]); all or none.
    AddSlots(Vec<VolunteerSlot>),
    UpdateSlot(VolunteerSlot),
    RemoveSlot(VolunteerSlotId),
    SignUpForSlot {
        slot: VolunteerSlotId,
        name: String,
    },
    /// Also forgets their no-show mark and worked minutes.
    LeaveSlot {
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

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn check_booth(booth: &Booth) -> Result<(), RosterError> {
    if is_blank(booth.id.as_str()) {
        return Err(RosterError::BlankId("booth"));
    }
    Ok(())
}

fn check_shift(shift: &Shift, booths: &[Booth]) -> Result<(), RosterError> {
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

fn check_staff(staff: &Staff) -> Result<(), RosterError> {
    if is_blank(staff.name.as_str()) {
        return Err(RosterError::BlankName);
    }
    if staff.availability.iter().chain(&staff.unavailable).any(|w| w.ends_at <= w.starts_at) {
        return Err(RosterError::EmptyWindow(staff.name.clone()));
    }
    Ok(())
}

fn check_task(task: &VolunteerTask) -> Result<(), RosterError> {
    if is_blank(task.id.as_str()) {
        return Err(RosterError::BlankId("volunteer task"));
    }
    Ok(())
}

fn check_slot(slot: &VolunteerSlot, tasks: &[VolunteerTask]) -> Result<(), RosterError> {
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
fn check_assignments(assignments: &[Assignment], shifts: &[Shift], staff: &[Staff]) -> Result<(), RosterError> {
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

impl Roster {
    /// An empty roster.
    ///
    /// # Errors
    /// [`RosterError::BlankRosterId`] if `id` is blank.
    pub fn new(id: impl Into<String>, conference: impl Into<String>) -> Result<Self, RosterError> {
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

    pub fn conference(&self) -> &str {
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

    /// Seats over all shifts.
    pub fn seats_total(&self) -> u32 {
        self.parts.shifts.iter().map(|s| s.seats).fold(0, u32::saturating_add)
    }

    /// Seats with someone in them.
    pub fn filled(&self) -> u32 {
        count_u32(self.parts.assignments.len())
    }

    /// Applies one edit.
    ///
    /// # Errors
    /// Returns [`RosterError`] and leaves `self` untouched if the edit is invalid.
    pub fn apply(&mut self, edit: RosterEdit) -> Result<(), RosterError> {
        match edit {
            RosterEdit::SetName(name) => self.parts.name = name,
            RosterEdit::SetRules(rules) => self.parts.rules = rules,
            RosterEdit::AddBooth(booth) => {
                check_booth(&booth)?;
                if self.booth(booth.id.as_str()).is_some() {
                    return Err(RosterError::DuplicateBooth(booth.id));
                }
                self.parts.booths.push(booth);
            }
            RosterEdit::UpdateBooth(booth) => {
                let Some(old) = self.parts.booths.iter_mut().find(|b| b.id == booth.id) else {
                    return Err(RosterError::UnknownBooth(booth.id));
                };
                *old = booth;
            }
            RosterEdit::RemoveBooth(id) => {
                if self.booth(id.as_str()).is_none() {
                    return Err(RosterError::UnknownBooth(id));
                }
                if self.parts.shifts.iter().any(|s| s.booth == id) {
                    return Err(RosterError::BoothInUse(id));
                }
                self.parts.booths.retain(|b| b.id != id);
            }
            RosterEdit::AddShift(shift) => {
                check_shift(&shift, &self.parts.booths)?;
                if self.shift(shift.id.as_str()).is_some() {
                    return Err(RosterError::DuplicateShift(shift.id));
                }
                self.parts.shifts.push(shift);
            }
            RosterEdit::UpdateShift(shift) => self.update_shift(shift)?,
            RosterEdit::RemoveShift(id) => {
                if self.shift(id.as_str()).is_none() {
                    return Err(RosterError::UnknownShift(id));
                }
                self.parts.shifts.retain(|s| s.id != id);
                self.parts.assignments.retain(|a| a.shift != id);
            }
            RosterEdit::AddStaff(staff) => {
                check_staff(&staff)?;
                if self.staff_member(staff.name.as_str()).is_some() {
                    return Err(RosterError::DuplicateStaff(staff.name));
                }
                self.parts.staff.push(staff);
            }
            RosterEdit::UpdateStaff(staff) => {
                check_staff(&staff)?;
                let Some(old) = self.parts.staff.iter_mut().find(|s| s.name == staff.name) else {
                    return Err(RosterError::UnknownStaff(staff.name));
                };
                *old = staff;
            }
            RosterEdit::RenameStaff { from, to } => self.rename_staff(&from, to)?,
            RosterEdit::RemoveStaff(name) => {
                if self.staff_member(name.as_str()).is_none() {
                    return Err(RosterError::UnknownStaff(name));
                }
                self.parts.staff.retain(|s| s.name != name);
                self.parts.assignments.retain(|a| a.person != name);
            }
            RosterEdit::Assign { shift, person, locked } => self.assign(shift, person, locked)?,
            edit @ (RosterEdit::Unassign { .. } | RosterEdit::SetLocked { .. } | RosterEdit::SetAssignments(_)) => {
                self.apply_assignments(edit)?;
            }
            edit => self.apply_volunteer(edit)?,
        }
        Ok(())
    }

    fn apply_assignments(&mut self, edit: RosterEdit) -> Result<(), RosterError> {
        match edit {
            RosterEdit::Unassign { shift, person } => {
                let Some(pos) = self.assignment_position(&shift, &person) else {
                    return Err(RosterError::NotAssigned { shift, person });
                };
                if self.parts.assignments.get(pos).is_some_and(|a| a.locked) {
                    return Err(RosterError::AssignmentLocked { shift, person });
                }
                self.parts.assignments.remove(pos);
            }
            RosterEdit::SetLocked { shift, person, locked } => {
                let Some(pos) = self.assignment_position(&shift, &person) else {
                    return Err(RosterError::NotAssigned { shift, person });
                };
                if let Some(a) = self.parts.assignments.get_mut(pos) {
                    a.locked = locked;
                }
            }
            RosterEdit::SetAssignments(assignments) => {
                check_assignments(&assignments, &self.parts.shifts, &self.parts.staff)?;
                self.parts.assignments = assignments;
            }
            _ => {}
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

    fn apply_volunteer(&mut self, edit: RosterEdit) -> Result<(), RosterError> {
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

    fn apply_signup(&mut self, edit: RosterEdit) -> Result<(), RosterError> {
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

/// A rule the roster breaks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ViolationKind {
    /// On two shifts that overlap; reported once per pair, on the earlier shift.
    DoubleBooked { other: ShiftId },
    /// Less rest than `rules.min_rest_mins` between two shifts; once per pair, on the earlier.
    TooLittleRest { other: ShiftId, rest_mins: u32, min_rest_mins: u32 },
    /// The shift is not inside their availability.
    OutsideAvailability,
    /// The shift overlaps one of their unavailable blocks.
    DuringUnavailable { note: String },
    /// The shift overlaps a must-see pick in their plan.
    DuringMustSee { session: SessionId, title: String },
    /// The shift overlaps another hard commitment: a block, event or dinner in their plan, a
    /// volunteer slot, an event in their calendar.
    DuringCommitment { title: String },
    /// More minutes on one conference day than their maximum.
    OverDailyHours { date: NaiveDate, minutes: u32, max_minutes: u32 },
    /// More minutes in all than their maximum.
    OverTotalHours { minutes: u32, max_minutes: u32 },
    /// A newcomer on a shift with no experienced person.
    NewcomerAlone,
    /// Soft, never in [`Roster::violations`]: the shift overlaps a maybe pick.
    DuringMaybe { session: SessionId, title: String },
}

impl ViolationKind {
    /// Everything but [`Self::DuringMaybe`].
    pub fn is_hard(&self) -> bool {
        !matches!(self, Self::DuringMaybe { .. })
    }
}

/// One broken rule: who, on which shift (`None` for the hour limits), and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub person: PersonName,
    pub shift: Option<ShiftId>,
    pub kind: ViolationKind,
}

impl Violation {
    /// One line for the captain, e.g.
    /// `fri-psf-1 (PSF booth, Fri 16 Apr 09:00–11:00): Ana Lima would miss must-see "…" (cpc27-003)`.
    pub fn describe(&self, roster: &Roster) -> String {
        let who = self.person.as_str();
        let message = match &self.kind {
            ViolationKind::DoubleBooked { other } => {
                format!("{who} is double-booked with {}", shift_label(roster, other.as_str()))
            }
            ViolationKind::TooLittleRest { other, rest_mins, min_rest_mins } => format!(
                "{who} has {rest_mins} min rest before {}, less than the {min_rest_mins} min the roster asks for",
                shift_label(roster, other.as_str())
            ),
            ViolationKind::OutsideAvailability => format!("{who} is not available then"),
            ViolationKind::DuringUnavailable { note } if note.trim().is_empty() => format!("{who} is unavailable then"),
            ViolationKind::DuringUnavailable { note } => format!("{who} is unavailable then ({})", note.trim()),
            ViolationKind::DuringMustSee { session, title } => {
                format!("{who} would miss must-see \"{title}\" ({session})")
            }
            ViolationKind::DuringCommitment { title } => format!("{who} is busy then: {title}"),
            ViolationKind::OverDailyHours { date, minutes, max_minutes } => format!(
                "{who} works {} on {}, more than their {} a day",
                format_minutes(i64::from(*minutes)),
                format_day(*date),
                format_minutes(i64::from(*max_minutes))
            ),
            ViolationKind::OverTotalHours { minutes, max_minutes } => format!(
                "{who} works {} in all, more than their {}",
                format_minutes(i64::from(*minutes)),
                format_minutes(i64::from(*max_minutes))
            ),
            ViolationKind::NewcomerAlone => format!("{who} is a newcomer with no experienced partner"),
            ViolationKind::DuringMaybe { session, title } => {
                format!("{who} would miss maybe pick \"{title}\" ({session})")
            }
        };
        match &self.shift {
            Some(shift) => format!("{}: {message}", shift_label(roster, shift.as_str())),
            None => message,
        }
    }
}

/// `fri-psf-1 (PSF booth, Fri 16 Apr 09:00–11:00)`.
pub fn shift_label(roster: &Roster, shift_id: &str) -> String {
    match roster.shift(shift_id) {
        Some(shift) => {
            let booth = roster.booth(shift.booth.as_str()).map_or(shift.booth.as_str(), Booth::label);
            format!(
                "{shift_id} ({booth}, {} {}–{})",
                format_day(roster.day_of(shift)),
                format_hm(shift.starts_at),
                format_hm(shift.ends_at)
            )
        }
        None => shift_id.to_owned(),
    }
}

/// Hours worked by one person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonHours {
    pub shifts: u32,
    pub total_mins: u32,
    /// Minutes per conference day.
    pub by_day: BTreeMap<NaiveDate, u32>,
    /// Booths they work at.
    pub booths: BTreeSet<BoothId>,
}

/// How full one shift is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftCoverage {
    pub shift: ShiftId,
    pub seats: u32,
    pub assigned: u32,
    pub experienced: u32,
    pub newcomers: u32,
}

impl ShiftCoverage {
    pub fn open_seats(&self) -> u32 {
        self.seats.saturating_sub(self.assigned)
    }
}

impl Roster {
    /// The busy times the rules see: `busy` (from staff plans and calendars) plus the volunteer
    /// slots of this roster each staff member signed up for and did not miss. Sign-ups to this
    /// roster that came from a plan are replaced by the roster's own (which is the truth).
    pub fn busy_with_slots(&self, busy: &StaffBusy) -> StaffBusy {
        let mut out = busy.clone();
        out.remove_where(|t| matches!(&t.commitment, Commitment::Volunteer(key) if key.roster == self.parts.id));
        for slot in &self.parts.slots {
            let title = self.task(slot.task.as_str()).map_or_else(|| slot.task.to_string(), |t| t.name.clone());
            for name in slot.signups.iter().filter(|n| !slot.no_shows.contains(n)) {
                if self.staff_member(name).is_some() {
                    let time = BusyTime {
                        starts_at: slot.starts_at,
                        ends_at: slot.ends_at,
                        title: format!("Volunteer: {title}"),
                        commitment: Commitment::Volunteer(SlotKey {
                            roster: self.parts.id.clone(),
                            slot: slot.id.to_string(),
                        }),
                    };
                    out.add(PersonName::new(name.clone()), [time]);
                }
            }
        }
        out
    }

    /// Every hard rule the roster breaks, given when staff are busy. Sorted by shift (start, id),
    /// person-wide hour limits last; deterministic.
    pub fn violations(&self, busy: &StaffBusy) -> Vec<Violation> {
        let mut out = self.check(busy);
        out.retain(|v| v.kind.is_hard());
        out
    }

    /// Shifts that overlap a staff member's maybe pick: allowed, but worth knowing.
    pub fn soft_clashes(&self, busy: &StaffBusy) -> Vec<Violation> {
        let mut out = self.check(busy);
        out.retain(|v| !v.kind.is_hard());
        out
    }

    /// The `(shift, newcomer)` pairs with no experienced person on the shift.
    pub fn newcomers_alone(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        self.check_newcomers(&mut out);
        out
    }

    fn check(&self, busy: &StaffBusy) -> Vec<Violation> {
        let busy = self.busy_with_slots(busy);
        let shifts: BTreeMap<&str, &Shift> = self.parts.shifts.iter().map(|s| (s.id.as_str(), s)).collect();
        let mut by_person: BTreeMap<&str, Vec<&Shift>> = BTreeMap::new();
        for a in &self.parts.assignments {
            if let Some(&shift) = shifts.get(a.shift.as_str()) {
                by_person.entry(a.person.as_str()).or_default().push(shift);
            }
        }
        let staff: BTreeMap<&str, &Staff> = self.parts.staff.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut out = Vec::new();
        for (person, own) in &mut by_person {
            let Some(staff) = staff.get(person) else { continue };
            own.sort_by(|a, b| (a.starts_at, a.ends_at, &a.id).cmp(&(b.starts_at, b.ends_at, &b.id)));
            self.check_person(staff, own, busy.of(person), &mut out);
        }
        self.check_newcomers(&mut out);
        let order: BTreeMap<&str, (NaiveDateTime, NaiveDateTime)> =
            self.parts.shifts.iter().map(|s| (s.id.as_str(), (s.starts_at, s.ends_at))).collect();
        out.sort_by(|a, b| {
            let key = |v: &Violation| {
                let at = v.shift.as_ref().and_then(|s| order.get(s.as_str()).copied());
                (at.is_none(), at, v.shift.clone(), v.person.clone(), v.kind.clone())
            };
            key(a).cmp(&key(b))
        });
        out
    }

    fn check_person(&self, staff: &Staff, own: &[&Shift], busy: &[BusyTime], out: &mut Vec<Violation>) {
        let person = &staff.name;
        let at = |shift: &Shift, kind| Violation { person: person.clone(), shift: Some(shift.id.clone()), kind };
        let min_rest = i64::from(self.parts.rules.min_rest_mins);
        for (i, a) in own.iter().enumerate() {
            for b in own.iter().skip(i + 1) {
                if b.starts_at < a.ends_at && a.starts_at < b.ends_at {
                    out.push(at(a, ViolationKind::DoubleBooked { other: b.id.clone() }));
                } else if min_rest > 0 {
                    // Not overlapping: one ends before the other starts.
                    let (first, second) = if a.ends_at <= b.starts_at { (a, b) } else { (b, a) };
                    let rest = minutes_between(first.ends_at, second.starts_at);
                    if rest < min_rest {
                        out.push(at(
                            first,
                            ViolationKind::TooLittleRest {
                                other: second.id.clone(),
                                rest_mins: u32::try_from(rest.max(0)).unwrap_or(0),
                                min_rest_mins: self.parts.rules.min_rest_mins,
                            },
                        ));
                    }
                }
            }
        }
        let available = merged_windows(&staff.availability);
        let mut by_day: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        let mut total: u32 = 0;
        for shift in own {
            if !staff.availability.is_empty() && !covered(&available, shift.starts_at, shift.ends_at) {
                out.push(at(shift, ViolationKind::OutsideAvailability));
            }
            for block in staff.unavailable.iter().filter(|w| w.overlaps(shift.starts_at, shift.ends_at)) {
                out.push(at(shift, ViolationKind::DuringUnavailable { note: block.note.clone() }));
            }
            for time in busy.iter().filter(|t| t.overlaps(shift.starts_at, shift.ends_at)) {
                let kind = match &time.commitment {
                    Commitment::MustSee(session) => {
                        ViolationKind::DuringMustSee { session: session.clone(), title: time.title.clone() }
                    }
                    Commitment::Maybe(session) => {
                        ViolationKind::DuringMaybe { session: session.clone(), title: time.title.clone() }
                    }
                    _ => ViolationKind::DuringCommitment { title: time.title.clone() },
                };
                out.push(at(shift, kind));
            }
            let minutes = shift.duration_mins();
            let day = by_day.entry(self.day_of(shift)).or_insert(0);
            *day = day.saturating_add(minutes);
            total = total.saturating_add(minutes);
        }
        let max_day = staff.max_minutes_per_day();
        for (&date, &minutes) in by_day.iter().filter(|&(_, &m)| m > max_day) {
            let kind = ViolationKind::OverDailyHours { date, minutes, max_minutes: max_day };
            out.push(Violation { person: person.clone(), shift: None, kind });
        }
        if total > staff.max_minutes_total() {
            let kind = ViolationKind::OverTotalHours { minutes: total, max_minutes: staff.max_minutes_total() };
            out.push(Violation { person: person.clone(), shift: None, kind });
        }
    }

    fn check_newcomers(&self, out: &mut Vec<Violation>) {
        let staff: BTreeMap<&str, &Staff> = self.parts.staff.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut on: BTreeMap<&str, Vec<&Staff>> = BTreeMap::new();
        for a in &self.parts.assignments {
            if let Some(&person) = staff.get(a.person.as_str()) {
                on.entry(a.shift.as_str()).or_default().push(person);
            }
        }
        for shift in &self.parts.shifts {
            let Some(people) = on.get(shift.id.as_str()) else { continue };
            if people.iter().any(|s| !s.is_newcomer()) {
                continue;
            }
            for newcomer in people {
                out.push(Violation {
                    person: newcomer.name.clone(),
                    shift: Some(shift.id.clone()),
                    kind: ViolationKind::NewcomerAlone,
                });
            }
        }
    }

    /// Hours per staff member (everyone, including those with no shift), by name.
    pub fn hours(&self) -> BTreeMap<PersonName, PersonHours> {
        let mut out: BTreeMap<PersonName, PersonHours> =
            self.parts.staff.iter().map(|s| (s.name.clone(), PersonHours::default())).collect();
        let shifts: BTreeMap<&str, &Shift> = self.parts.shifts.iter().map(|s| (s.id.as_str(), s)).collect();
        for a in &self.parts.assignments {
            let (Some(&shift), Some(hours)) = (shifts.get(a.shift.as_str()), out.get_mut(a.person.as_str())) else {
                continue;
            };
            let minutes = shift.duration_mins();
            hours.shifts += 1;
            hours.total_mins = hours.total_mins.saturating_add(minutes);
            let day = hours.by_day.entry(self.day_of(shift)).or_insert(0);
            *day = day.saturating_add(minutes);
            hours.booths.insert(shift.booth.clone());
        }
        out
    }

    /// Coverage of every shift, in shift order (start, end, id).
    pub fn coverage(&self) -> Vec<ShiftCoverage> {
        let staff: BTreeMap<&str, &Staff> = self.parts.staff.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut counts: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
        for a in &self.parts.assignments {
            let (assigned, newcomers) = counts.entry(a.shift.as_str()).or_insert((0, 0));
            *assigned += 1;
            if staff.get(a.person.as_str()).is_some_and(|s| s.is_newcomer()) {
                *newcomers += 1;
            }
        }
        self.shifts_in_order()
            .into_iter()
            .map(|shift| {
                let (assigned, newcomers) = counts.get(shift.id.as_str()).copied().unwrap_or((0, 0));
                ShiftCoverage {
                    shift: shift.id.clone(),
                    seats: shift.seats,
                    assigned,
                    experienced: assigned - newcomers,
                    newcomers,
                }
            })
            .collect()
    }

    /// Coverage of this roster's volunteer tasks; see [`volunteer_coverage`].
    pub fn volunteer_coverage(&self) -> Vec<TaskCoverage> {
        volunteer_coverage(&self.parts.tasks, &self.parts.slots)
    }

    /// Volunteer minutes worked per person; see [`worked_minutes`].
    pub fn worked_minutes(&self) -> BTreeMap<String, u32> {
        worked_minutes(&self.parts.slots)
    }

    /// `person`'s booth shifts (name compared after trimming) as timeline items, for
    /// `Timeline::build_with`: titled `Booth: <booth name>`, placed at the booth's location.
    pub fn timeline_items(&self, person: &str) -> Vec<TimelineItem> {
        let person = person.trim();
        let mut items: Vec<TimelineItem> = self
            .parts
            .assignments
            .iter()
            .filter(|a| a.person.as_str() == person)
            .filter_map(|a| self.shift(a.shift.as_str()))
            .map(|shift| {
                let booth = self.booth(shift.booth.as_str());
                let mut item = TimelineItem::new(
                    ItemSource::Shift(ShiftKey { roster: self.parts.id.clone(), shift: shift.id.to_string() }),
                    ItemKind::Shift,
                    format!("Booth: {}", booth.map_or(shift.booth.as_str(), Booth::label)),
                    shift.starts_at,
                    shift.ends_at,
                );
                item.place = booth.map(|b| b.location.clone()).unwrap_or_default();
                item.date = self.day_of(shift);
                item
            })
            .collect();
        items.sort_by(|a, b| (a.starts_at, a.ends_at, &a.source).cmp(&(b.starts_at, b.ends_at, &b.source)));
        items
    }

    /// The plan-side [`Signup`] for a volunteer slot: what an attendee's plan remembers when they
    /// sign up. `None` if there is no such slot.
    pub fn slot_signup(&self, slot_id: &str) -> Option<Signup> {
        let slot = self.slot(slot_id)?;
        let task = self.task(slot.task.as_str());
        Some(Signup {
            key: SlotKey { roster: self.parts.id.clone(), slot: slot.id.to_string() },
            title: task.map_or_else(|| slot.task.to_string(), |t| t.name.clone()),
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
            place: task.map(|t| t.location.clone()).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::busy::BusyTime;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn shift(id: &str, booth: &str, start: &str, end: &str) -> Shift {
        Shift {
            id: ShiftId::new(id),
            booth: BoothId::new(booth),
            starts_at: dt(start),
            ends_at: dt(end),
            seats: 2,
            role: String::new(),
        }
    }

    fn booth(id: &str) -> Booth {
        Booth { id: BoothId::new(id), name: format!("{id} booth"), location: format!("Hall {id}") }
    }

    fn task(id: &str) -> VolunteerTask {
        VolunteerTask {
            id: VolunteerTaskId::new(id),
            name: format!("Task {id}"),
            description: String::new(),
            location: "Foyer".into(),
            skills: Vec::new(),
        }
    }

    fn slot(id: &str, task: &str, needed: u32) -> VolunteerSlot {
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

    fn roster() -> Roster {
        let mut parts = RosterParts {
            id: "r".into(),
            conference: "c".into(),
            name: "Booths".into(),
            rules: RosterRules { min_rest_mins: 30, day_change: NaiveTime::MIN },
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

    fn assign(shift: &str, person: &str) -> RosterEdit {
        RosterEdit::Assign { shift: ShiftId::new(shift), person: PersonName::new(person), locked: false }
    }

    /// Every edit in `refused` is an error and leaves the roster as it was.
    fn assert_refused(roster: &mut Roster, refused: Vec<(RosterEdit, RosterError)>) {
        let before = roster.clone();
        for (edit, expected) in refused {
            assert_eq!(roster.apply(edit.clone()), Err(expected), "{edit:?}");
            assert_eq!(*roster, before, "{edit:?} changed the roster");
        }
    }

    #[test]
    fn booth_edits() {
        let mut r = roster();
        r.apply(RosterEdit::AddBooth(booth("c"))).unwrap();
        let mut renamed = booth("c");
        renamed.name = "Sea booth".into();
        r.apply(RosterEdit::UpdateBooth(renamed)).unwrap();
        assert_eq!(r.booth("c").unwrap().label(), "Sea booth");
        r.apply(RosterEdit::RemoveBooth(BoothId::new("c"))).unwrap();
        assert!(r.booth("c").is_none());
        let mut blank = booth("x");
        blank.id = BoothId::new(" ");
        assert_refused(
            &mut r,
            vec![
                (RosterEdit::AddBooth(booth("a")), RosterError::DuplicateBooth(BoothId::new("a"))),
                (RosterEdit::AddBooth(blank), RosterError::BlankId("booth")),
                (RosterEdit::UpdateBooth(booth("zz")), RosterError::UnknownBooth(BoothId::new("zz"))),
                (RosterEdit::RemoveBooth(BoothId::new("a")), RosterError::BoothInUse(BoothId::new("a"))),
                (RosterEdit::RemoveBooth(BoothId::new("zz")), RosterError::UnknownBooth(BoothId::new("zz"))),
            ],
        );
    }

    #[test]
    fn shift_edits() {
        let mut r = roster();
        r.apply(RosterEdit::AddShift(shift("b2", "b", "2027-04-16 13:00", "2027-04-16 15:00"))).unwrap();
        let mut longer = shift("b2", "b", "2027-04-16 13:00", "2027-04-16 16:00");
        longer.seats = 1;
        r.apply(RosterEdit::UpdateShift(longer)).unwrap();
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
                    RosterEdit::AddShift(shift("a1", "a", "2027-04-17 09:00", "2027-04-17 10:00")),
                    RosterError::DuplicateShift(ShiftId::new("a1")),
                ),
                (
                    RosterEdit::AddShift(shift("x", "zz", "2027-04-17 09:00", "2027-04-17 10:00")),
                    RosterError::UnknownBooth(BoothId::new("zz")),
                ),
                (
                    RosterEdit::AddShift(shift("x", "a", "2027-04-17 09:00", "2027-04-17 09:00")),
                    RosterError::EmptyShift(ShiftId::new("x")),
                ),
                (RosterEdit::UpdateShift(no_seats), RosterError::NoSeats(ShiftId::new("b2"))),
                (RosterEdit::UpdateShift(too_many), RosterError::TooManySeats(ShiftId::new("b2"))),
                (
                    RosterEdit::UpdateShift(shift("nope", "a", "2027-04-17 09:00", "2027-04-17 10:00")),
                    RosterError::UnknownShift(ShiftId::new("nope")),
                ),
                (
                    RosterEdit::UpdateShift(one_seat),
                    RosterError::TooFewSeats { shift: ShiftId::new("a1"), seats: 1, assigned: 2 },
                ),
                (RosterEdit::RemoveShift(ShiftId::new("nope")), RosterError::UnknownShift(ShiftId::new("nope"))),
            ],
        );
        r.apply(RosterEdit::RemoveShift(ShiftId::new("a1"))).unwrap();
        assert!(r.assignments().is_empty(), "removing a shift removes its assignments");
    }

    #[test]
    fn staff_edits() {
        let mut r = roster();
        let mut dee = Staff::new("Dee", Experience::Newcomer);
        r.apply(RosterEdit::AddStaff(dee.clone())).unwrap();
        dee.max_hours_total = Some(4);
        r.apply(RosterEdit::UpdateStaff(dee.clone())).unwrap();
        assert_eq!(r.staff_member("Dee").unwrap().max_minutes_total(), 240);
        r.apply(assign("a1", "Dee")).unwrap();
        r.apply(RosterEdit::RenameStaff { from: PersonName::new("Dee"), to: PersonName::new("Dee Dee") }).unwrap();
        assert!(r.is_assigned("a1", "Dee Dee"), "renaming follows into assignments");
        let mut bad_window = Staff::new("Eli", Experience::Experienced);
        bad_window.unavailable.push(Window::new(dt("2027-04-16 10:00"), dt("2027-04-16 09:00")));
        assert_refused(
            &mut r,
            vec![
                (
                    RosterEdit::AddStaff(Staff::new("Ana", Experience::Newcomer)),
                    RosterError::DuplicateStaff(PersonName::new("Ana")),
                ),
                (RosterEdit::AddStaff(Staff::new("  ", Experience::Newcomer)), RosterError::BlankName),
                (RosterEdit::AddStaff(bad_window), RosterError::EmptyWindow(PersonName::new("Eli"))),
                (RosterEdit::UpdateStaff(dee), RosterError::UnknownStaff(PersonName::new("Dee"))),
                (
                    RosterEdit::RenameStaff { from: PersonName::new("Ana"), to: PersonName::new("Ben") },
                    RosterError::DuplicateStaff(PersonName::new("Ben")),
                ),
                (
                    RosterEdit::RenameStaff { from: PersonName::new("Zed"), to: PersonName::new("Zoe") },
                    RosterError::UnknownStaff(PersonName::new("Zed")),
                ),
                (
                    RosterEdit::RenameStaff { from: PersonName::new("Ana"), to: PersonName::new("") },
                    RosterError::BlankName,
                ),
                (RosterEdit::RemoveStaff(PersonName::new("Zed")), RosterError::UnknownStaff(PersonName::new("Zed"))),
            ],
        );
        r.apply(RosterEdit::RemoveStaff(PersonName::new("Dee Dee"))).unwrap();
        assert!(r.assignments().is_empty(), "removing staff removes their assignments");
    }

    #[test]
    fn assignment_edits() {
        let mut r = roster();
        r.apply(assign("a1", "Ana")).unwrap();
        r.apply(RosterEdit::Assign { shift: ShiftId::new("a1"), person: PersonName::new("Ben"), locked: true })
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
                    RosterEdit::Unassign { shift: a1.clone(), person: ben.clone() },
                    RosterError::AssignmentLocked { shift: a1.clone(), person: ben.clone() },
                ),
                (
                    RosterEdit::Unassign { shift: ShiftId::new("a2"), person: ben.clone() },
                    RosterError::NotAssigned { shift: ShiftId::new("a2"), person: ben.clone() },
                ),
                (
                    RosterEdit::SetLocked { shift: ShiftId::new("a2"), person: ben.clone(), locked: false },
                    RosterError::NotAssigned { shift: ShiftId::new("a2"), person: ben.clone() },
                ),
                (
                    RosterEdit::SetAssignments(vec![Assignment::new("a1", "Ana"), Assignment::new("a1", "Ana")]),
                    RosterError::AlreadyAssigned { shift: a1.clone(), person: "Ana".into() },
                ),
                (
                    RosterEdit::SetAssignments(vec![
                        Assignment::new("b1", "Ana"),
                        Assignment::new("b1", "Ben"),
                        Assignment::new("b1", "Chen"),
                    ]),
                    RosterError::ShiftFull { shift: ShiftId::new("b1"), seats: 2 },
                ),
                (
                    RosterEdit::SetAssignments(vec![Assignment::new("b1", "Zed")]),
                    RosterError::UnknownStaff(PersonName::new("Zed")),
                ),
            ],
        );
        r.apply(RosterEdit::SetLocked { shift: a1.clone(), person: ben.clone(), locked: false }).unwrap();
        r.apply(RosterEdit::Unassign { shift: a1, person: ben }).unwrap();
        assert_eq!(r.assignments(), [Assignment::new("a1", "Ana")]);
        r.apply(RosterEdit::SetAssignments(vec![Assignment::new("b1", "Chen")])).unwrap();
        assert_eq!(r.filled(), 1);
        assert_eq!(r.seats_total(), 6);
        r.apply(RosterEdit::SetName("New title".into())).unwrap();
        r.apply(RosterEdit::SetRules(RosterRules { min_rest_mins: 15, day_change: NaiveTime::MIN })).unwrap();
        assert_eq!((r.name(), r.rules().min_rest_mins), ("New title", 15));
    }

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

    fn busy_at(start: &str, end: &str, commitment: Commitment) -> BusyTime {
        BusyTime { starts_at: dt(start), ends_at: dt(end), title: "Talk".into(), commitment }
    }

    #[test]
    fn each_rule_is_detected() {
        let mut parts = roster().into_parts();
        parts.staff[0].max_hours_per_day = Some(3);
        parts.staff[0].max_hours_total = Some(3);
        parts.staff[0].availability.push(Window::new(dt("2027-04-16 09:00"), dt("2027-04-16 11:30")));
        parts.shifts.push(shift("b2", "b", "2027-04-16 13:00", "2027-04-16 15:00"));
        parts.staff[2].unavailable.push(Window {
            starts_at: dt("2027-04-16 11:30"),
            ends_at: dt("2027-04-16 12:00"),
            note: "call".into(),
        });
        parts.assignments = vec![
            Assignment::new("a1", "Ana"),
            Assignment::new("b1", "Ana"), // double-booked with a1; outside availability (till 11:30 only)
            Assignment::new("b2", "Ben"), // a newcomer alone
            Assignment::new("a1", "Chen"), // a1 ends 11:00, a2 starts 11:00: no rest
            Assignment::new("a2", "Chen"), // unavailable 11:30–12:00; during the must-see
        ];
        parts.slots[0].signups = vec!["Chen".into()];
        parts.slots[0].starts_at = dt("2027-04-16 12:30");
        parts.slots[0].ends_at = dt("2027-04-16 14:00");
        let r = Roster::from_parts(parts).unwrap();
        let mut busy = StaffBusy::new();
        busy.add("Chen".into(), [busy_at("2027-04-16 11:00", "2027-04-16 11:30", Commitment::MustSee("t".into()))]);
        busy.add("Ana".into(), [busy_at("2027-04-16 09:30", "2027-04-16 10:00", Commitment::Maybe("m".into()))]);
        let violations = r.violations(&busy);
        let kinds: Vec<(Option<&str>, &str, ViolationKind)> = violations
            .iter()
            .map(|v| (v.shift.as_ref().map(ShiftId::as_str), v.person.as_str(), v.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Some("a1"), "Ana", ViolationKind::DoubleBooked { other: "b1".into() }),
                (
                    Some("a1"),
                    "Chen",
                    ViolationKind::TooLittleRest { other: "a2".into(), rest_mins: 0, min_rest_mins: 30 }
                ),
                (Some("b1"), "Ana", ViolationKind::OutsideAvailability),
                (Some("a2"), "Chen", ViolationKind::DuringUnavailable { note: "call".into() }),
                (Some("a2"), "Chen", ViolationKind::DuringMustSee { session: "t".into(), title: "Talk".into() }),
                (Some("a2"), "Chen", ViolationKind::DuringCommitment { title: "Volunteer: Task swag".into() }),
                (Some("b2"), "Ben", ViolationKind::NewcomerAlone),
                (
                    None,
                    "Ana",
                    ViolationKind::OverDailyHours {
                        date: dt("2027-04-16 00:00").date(),
                        minutes: 240,
                        max_minutes: 180
                    }
                ),
                (None, "Ana", ViolationKind::OverTotalHours { minutes: 240, max_minutes: 180 }),
            ]
        );
        let soft = r.soft_clashes(&busy);
        assert_eq!(soft.len(), 1);
        assert_eq!(
            soft[0].describe(&r),
            "a1 (a booth, Fri 16 Apr 09:00–11:00): Ana would miss maybe pick \"Talk\" (m)"
        );
        let lines: Vec<String> = r.violations(&busy).iter().map(|v| v.describe(&r)).collect();
        assert_eq!(lines[6], "b2 (b booth, Fri 16 Apr 13:00–15:00): Ben is a newcomer with no experienced partner");
        assert_eq!(lines[8], "Ana works 4 h in all, more than their 3 h");
        assert_eq!(r.newcomers_alone().len(), 1);
    }

    #[test]
    fn windows_merge_and_cover() {
        let mut staff = Staff::new("Ana", Experience::Experienced);
        assert!(staff.is_available(dt("2027-04-16 00:00"), dt("2027-04-19 00:00")), "no windows: any time");
        staff.availability = vec![
            Window::new(dt("2027-04-16 12:00"), dt("2027-04-16 15:00")),
            Window::new(dt("2027-04-16 09:00"), dt("2027-04-16 12:00")),
            Window::new(dt("2027-04-16 16:00"), dt("2027-04-16 18:00")),
        ];
        assert!(staff.is_available(dt("2027-04-16 11:00"), dt("2027-04-16 13:00")), "touching windows join");
        assert!(!staff.is_available(dt("2027-04-16 14:00"), dt("2027-04-16 16:30")));
        assert!(!staff.is_available(dt("2027-04-16 08:00"), dt("2027-04-16 10:00")));
        assert!(staff.is_available(dt("2027-04-16 16:00"), dt("2027-04-16 18:00")));
    }

    #[test]
    fn hours_coverage_and_timeline() {
        let mut r = roster();
        r.apply(assign("a1", "Ana")).unwrap();
        r.apply(assign("b1", "Ben")).unwrap();
        r.apply(assign("a2", "Ana")).unwrap();
        let hours = r.hours();
        assert_eq!(hours["Ana"].total_mins, 240);
        assert_eq!(hours["Ana"].booths.len(), 1);
        assert_eq!(hours["Chen"], PersonHours::default());
        let coverage = r.coverage();
        assert_eq!(coverage.iter().map(|c| c.shift.as_str()).collect::<Vec<_>>(), ["a1", "b1", "a2"]);
        assert_eq!((coverage[1].newcomers, coverage[1].open_seats()), (1, 1));
        let items = r.timeline_items(" Ana ");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title, "Booth: a booth");
        assert_eq!(items[0].place, "Hall a");
        assert_eq!(items[0].kind, ItemKind::Shift);
        assert_eq!(items[0].source, ItemSource::Shift(ShiftKey { roster: "r".into(), shift: "a1".into() }));
        assert!(r.timeline_items("Nobody").is_empty());
    }

    #[test]
    fn slot_signup_and_coverage() {
        let mut r = roster();
        r.apply(RosterEdit::SignUpForSlot { slot: "swag-1".into(), name: "Ana".into() }).unwrap();
        let signup = r.slot_signup("swag-1").unwrap();
        assert_eq!(signup.key, SlotKey { roster: "r".into(), slot: "swag-1".into() });
        assert_eq!((signup.title.as_str(), signup.place.as_str()), ("Task swag", "Foyer"));
        assert_eq!(signup.ends_at, dt("2027-04-15 19:00"));
        assert!(r.slot_signup("nope").is_none());
        let coverage = r.volunteer_coverage();
        assert_eq!((coverage[0].signed_up, coverage[0].needed), (1, 2));
        assert_eq!(coverage[0].slots[0].slot.as_str(), "swag-1");
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
        r.apply(RosterEdit::AddTask(VolunteerTask {
            id: task_id,
            name: "Session chair".into(),
            description: String::new(),
            location: String::new(),
            skills: Vec::new(),
        }))
        .unwrap();
        r.apply(RosterEdit::AddSlots(slots)).unwrap();
        assert_eq!(r.slots().len(), 4);
    }
}
