//! Pure domain data and rules: the schedule, a person's plan, their timeline and its clashes.
//!
//! No egui, no file system, no clock. Time comes in as a parameter (`now`), bytes come in through
//! the io layer. Everything here is unit-tested without a window.

pub mod diff;
pub mod ids;
pub mod plan;
pub mod schedule;
pub mod time;
pub mod timeline;
pub mod undo;

pub use diff::{Change, ChangeKind, ScheduleDiff, SessionSummary};
pub use ids::{DayIdx, RoomIdx, SessionId, SessionIdx, TrackIdx};
pub use plan::{Edit, Pick, Plan, PlanError, Priority};
pub use schedule::{
    Conference, Day, Link, Location, Rgb, Room, Schedule, ScheduleBuilder, ScheduleStats, Session, SessionKind, Track,
    Warning,
};
pub use time::Zone;
pub use timeline::{Clash, ItemSource, Timeline, TimelineItem};
pub use undo::UndoStack;
