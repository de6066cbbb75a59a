//! Command-line interface (clap). With no subcommand lanyard starts the GUI; subcommands do
//! headless work for scripts. `check` is a stable contract: one summary line per readable file on
//! stdout, `FILE:LINE:COL: error: MESSAGE` on stderr for a bad one, exit status 1 if any was bad.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::import;

#[derive(Debug, Parser)]
#[command(name = "lanyard", version, about = "An offline conference companion", args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A schedule to open: lanyard RON, frab/Pentabarf XML, schedule.json or iCalendar.
    pub schedule: Option<PathBuf>,

    /// Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Quit after drawing this many frames (smoke tests and start-up measurements).
    #[arg(long, value_name = "N")]
    pub quit_after_frames: Option<u64>,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Parse schedule files and print one summary line per file.
    Check {
        /// Schedule files in any supported format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs a headless subcommand. Returns `None` when the GUI should start instead.
pub fn run_headless(cli: &Cli) -> Option<ExitCode> {
    let command = cli.command.as_ref()?;
    Some(match command {
        CliCommand::Check { files } => check(files, &mut std::io::stdout().lock(), &mut std::io::stderr().lock()),
    })
}

/// `lanyard check FILE...`.
pub fn check(files: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let mut all_ok = true;
    for path in files {
        if !check_one(path, out, err) {
            all_ok = false;
        }
    }
    if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn check_one(path: &Path, out: &mut impl Write, err: &mut impl Write) -> bool {
    match import::load(path) {
        Ok(schedule) => {
            for warning in schedule.warnings() {
                let (line, col) = warning.location.map_or((1, 1), |l| (l.line, l.col));
                writeln!(err, "{}:{line}:{col}: warning: {}", path.display(), warning.message).ok();
            }
            let s = schedule.stats();
            writeln!(
                out,
                "{}: events={} rooms={} days={} tracks={} warnings={}",
                path.display(),
                s.events,
                s.rooms,
                s.days,
                s.tracks,
                s.warnings
            )
            .ok();
            true
        }
        Err(error) => {
            writeln!(err, "{}", error.display_with_path(path)).ok();
            false
        }
    }
}
