//! The roster's string ids: booth, shift, person, volunteer task and slot. Plain newtypes over
//! `String`, saved transparently; they check nothing (the roster validates ids on the way in).

use crate::model::ids::string_id;

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
