//! The only code that touches bytes on disk: schedule importers and exporters, and the store for
//! the documents the user owns (plan, settings). Functions here are small and return typed
//! errors; they never log and never show anything (the app layer does, once).

pub mod export;
pub mod files;
pub mod friends;
pub mod images;
pub mod import;
pub mod paths;
pub mod plan_file;
pub mod ron_fields;
pub mod roster_file;
pub mod samples;
pub mod settings;
pub mod staff_csv;
pub mod staff_plans;
pub mod store;
pub mod thread;
pub mod venue_map;
pub mod watch;
pub mod workspace;
