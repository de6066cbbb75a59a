//! The app as its users drive it: whole flows through the real `LanyardApp` by accessible labels
//! (egui_kittest, no GPU, no display, a pinned clock), and two windows or processes on one data
//! folder. One test binary of modules, so a change to the crate is linked once here, not once a
//! file.

#[path = "../common/mod.rs"]
mod common;

mod friends;
mod keyboard_and_looks;
mod nothing_lost;
mod now_next;
mod room_grid_dense;
mod roster_editor;
mod roster_flows;
mod roster_from_nothing;
mod row_layout;
mod sample_plan_flow;
mod schedule_update;
mod search_flows;
mod timeline_flows;
mod two_instances;
mod ui_flows;
mod venue_map;
