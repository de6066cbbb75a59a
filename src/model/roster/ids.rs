//! The roster's string ids: booth, shift, person, volunteer task and slot. Plain newtypes over
//! `String`, saved transparently; they check nothing (the roster validates ids on the way in).

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

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
