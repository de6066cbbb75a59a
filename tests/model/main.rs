//! The core without a window: booth rosters and the auto-roster's promises, search and filters,
//! and the layering rules that keep the model pure. One test binary of modules, so a change to
//! the crate is linked once here, not once a file.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod roster_model;
mod roster_seconds;
mod search;
mod shift_patterns;
