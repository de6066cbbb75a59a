//! Lanyard: an offline desktop conference companion.
//!
//! Layering, from the bottom up; nothing points upward:
//!
//! - [`model`]: pure data and rules (schedule, plan, timeline, clashes). No egui, no files, no clock.
//! - [`io`]: the only code that touches bytes on disk: importers, exporters, the document store.
//! - `command`: every change the UI can ask for.
//! - `ui`: one file per view; views read state and push commands.
//! - `app`: owns the model and UI state, executes commands after each frame, autosaves.

pub mod app;
pub mod cli;
pub mod command;
pub mod io;
pub mod model;
pub mod ui;

pub use app::LanyardApp;
