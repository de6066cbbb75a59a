//! [`Blocker`]: why one person cannot take one seat, and its [`BlockerKind`] for counting. Public
//! data with short descriptions; finding blockers is `explain`'s job.

use chrono::NaiveDate;

use crate::model::ids::SessionId;
use crate::model::roster::ShiftId;
use crate::model::time::{format_day, format_minutes};

/// Why one person cannot take one seat.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Blocker {
    /// The shift is outside their availability.
    OutsideAvailability,
    /// The shift overlaps one of their unavailable blocks.
    Unavailable { note: String },
    /// The shift overlaps a must-see pick in their plan.
    MustSee { session: SessionId, title: String },
    /// The shift overlaps another hard commitment of theirs.
    Busy { title: String },
    /// They are on an overlapping shift.
    OnOverlappingShift { shift: ShiftId },
    /// They are on a shift too close to this one for the minimum rest.
    TooLittleRest { shift: ShiftId },
    /// It would take them over their hours on that day.
    DailyHours { date: NaiveDate, would_be_mins: u32, max_mins: u32 },
    /// It would take them over their hours in all.
    TotalHours { would_be_mins: u32, max_mins: u32 },
    /// They are a newcomer and nobody experienced is on the shift.
    NeedsExperiencedPartner,
    /// The seats left are kept for people with the shift's missing required skills, and they do
    /// not have this one.
    LacksSkill { skill: String },
    /// It would make a stretch of work without a break longer than the roster allows.
    LongStretch { would_be_mins: u32, max_mins: u32 },
}

/// The kind of a [`Blocker`], for counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockerKind {
    OutsideAvailability,
    Unavailable,
    MustSee,
    Busy,
    OnOverlappingShift,
    TooLittleRest,
    DailyHours,
    TotalHours,
    NeedsExperiencedPartner,
    LacksSkill,
    LongStretch,
}

impl BlockerKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::OutsideAvailability => "not available",
            Self::Unavailable => "unavailable",
            Self::MustSee => "at a must-see talk",
            Self::Busy => "busy",
            Self::OnOverlappingShift => "on another shift",
            Self::TooLittleRest => "too little rest",
            Self::DailyHours => "out of hours that day",
            Self::TotalHours => "out of hours",
            Self::NeedsExperiencedPartner => "newcomer without a partner",
            Self::LacksSkill => "without a needed skill",
            Self::LongStretch => "would work too long without a break",
        }
    }
}

impl Blocker {
    /// Fixed blockers come from the person's own time (availability, blocks, plan) and no
    /// change to the roster removes them; the others depend on the rest of the roster.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Self::OutsideAvailability | Self::Unavailable { .. } | Self::MustSee { .. } | Self::Busy { .. })
    }

    pub fn kind(&self) -> BlockerKind {
        match self {
            Self::OutsideAvailability => BlockerKind::OutsideAvailability,
            Self::Unavailable { .. } => BlockerKind::Unavailable,
            Self::MustSee { .. } => BlockerKind::MustSee,
            Self::Busy { .. } => BlockerKind::Busy,
            Self::OnOverlappingShift { .. } => BlockerKind::OnOverlappingShift,
            Self::TooLittleRest { .. } => BlockerKind::TooLittleRest,
            Self::DailyHours { .. } => BlockerKind::DailyHours,
            Self::TotalHours { .. } => BlockerKind::TotalHours,
            Self::NeedsExperiencedPartner => BlockerKind::NeedsExperiencedPartner,
            Self::LacksSkill { .. } => BlockerKind::LacksSkill,
            Self::LongStretch { .. } => BlockerKind::LongStretch,
        }
    }

    /// A short phrase: `on sat-psf-2 at the same time`, `would work 7 h on Sat 17 Apr (max 6 h)`.
    pub fn describe(&self) -> String {
        match self {
            Self::OutsideAvailability => "not available then".to_owned(),
            Self::Unavailable { note } if note.trim().is_empty() => "unavailable then".to_owned(),
            Self::Unavailable { note } => format!("unavailable ({})", note.trim()),
            Self::MustSee { title, .. } => format!("must-see \"{title}\""),
            Self::Busy { title } => format!("busy: {title}"),
            Self::OnOverlappingShift { shift } => format!("on {shift} at the same time"),
            Self::TooLittleRest { shift } => format!("not enough rest between this and {shift}"),
            Self::DailyHours { date, would_be_mins, max_mins } => format!(
                "would work {} on {} (max {})",
                format_minutes(i64::from(*would_be_mins)),
                format_day(*date),
                format_minutes(i64::from(*max_mins))
            ),
            Self::TotalHours { would_be_mins, max_mins } => format!(
                "would work {} in all (max {})",
                format_minutes(i64::from(*would_be_mins)),
                format_minutes(i64::from(*max_mins))
            ),
            Self::NeedsExperiencedPartner => "a newcomer, and nobody experienced is on it".to_owned(),
            Self::LacksSkill { skill } => format!("the seat is kept for someone with skill {skill}"),
            Self::LongStretch { would_be_mins, max_mins } => format!(
                "would work {} without a break (max {})",
                format_minutes(i64::from(*would_be_mins)),
                format_minutes(i64::from(*max_mins))
            ),
        }
    }
}
