//! [`Shift`]: a stretch of time a booth needs people, its seat limits, and the [`Assignment`] of
//! one person to one shift. Plain data; the roster validates intervals, seats and references.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{BoothId, PersonName, ShiftId};
use crate::model::time::{instant_ns, minutes_between};

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
    /// Skills or languages at least one person on the shift must have, e.g. `de` for "one German
    /// speaker". Compared case-insensitively with [`Staff::skills`](super::Staff::skills).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
}

impl Shift {
    /// Length in whole minutes, rounded down, for display (0 for a malformed interval; validation
    /// refuses those). Rules sum [`Self::length_ns`] instead, so seconds are never lost.
    pub fn duration_mins(&self) -> u32 {
        u32::try_from(minutes_between(self.starts_at, self.ends_at).max(0)).unwrap_or(u32::MAX)
    }

    /// Exact length in nanoseconds ([`instant_ns`]), what hour limits and stretches add up.
    pub fn length_ns(&self) -> i128 {
        (instant_ns(self.ends_at) - instant_ns(self.starts_at)).max(0)
    }
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
