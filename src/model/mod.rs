//! Pure domain data and rules: the schedule, a person's plan, their timeline and its clashes.
//!
//! No egui, no file system, no clock. Time comes in as a parameter (`now`), bytes come in through
//! the io layer. Everything here is unit-tested without a window.

pub mod autoroster;
pub mod busy;
pub mod diff;
pub mod filter;
pub mod friends;
pub mod ids;
pub mod merge;
pub mod personal;
pub mod plan;
pub mod roster;
pub mod roster_report;
pub mod schedule;
pub mod search;
pub mod synthetic;
pub mod throughput;
pub mod time;
pub mod timeline;
pub mod undo;
pub mod venue_map;

pub use diff::{Change, ChangeKind, ScheduleDiff, SessionSummary};
pub use ids::{ConferenceId, DayIdx, RoomIdx, RoomKey, SessionId, SessionIdx, TrackIdx};
pub use personal::{
    Block, BlockKind, CustomEvent, CustomKind, Dinner, ItemId, Money, PersonalItem, Reservation, Signup, SlotKey,
};
pub use plan::{Edit, Pick, PickToggle, Plan, PlanError, Priority};
pub use schedule::{
    Conference, Day, Link, Location, Rgb, Room, RoomNow, Schedule, ScheduleBuilder, ScheduleStats, Session,
    SessionKind, Track, Warning,
};
pub use throughput::AssemblyLine;
pub use time::Zone;
pub use timeline::{Clash, ItemKind, ItemSource, Resolution, Severity, ShiftKey, Timeline, TimelineItem};
pub use undo::UndoStack;
pub use venue_map::{MapPoint, RoomDay, VenueMap};
