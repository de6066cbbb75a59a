//! The command line as scripts rely on it, run as the real binary: `check`, `convert`,
//! `export-ics`, `timeline`, `gen` and `roster`; and the packaging generated from the clap
//! definitions (man page, shell completions). One test binary of modules, so a change to the
//! crate is linked once here, not once a file.

#[path = "../common/mod.rs"]
mod common;

mod check;
mod convert;
mod generate;
mod packaging;
mod roster;
mod timeline;
