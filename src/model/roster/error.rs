//! [`RosterError`]: why a roster or an edit is refused. Only the error type; the checks that
//! raise it live in `validate` and `edit`.

use super::{BoothId, MAX_SEATS, PersonName, ShiftId, VolunteerSlotId, VolunteerTaskId};

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
