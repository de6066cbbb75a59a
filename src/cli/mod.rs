//! Command-line interface (clap). With no subcommand lanyard starts the GUI; subcommands do
//! headless work for scripts. `check` is a stable contract: one summary line per readable file on
//! stdout, `FILE:LINE:COL: error: MESSAGE` on stderr for a bad one, exit status 1 if any was bad.
//!
//! `convert` and `export-ics` follow the same shape: one `OUT: events=N` line on stdout on
//! success; errors and warnings on stderr, starting with the file they are about (with line and
//! column where the format has them); exit status 1 on error. Their outputs are written
//! atomically.

pub mod r#gen;
pub mod gen_roster;
pub mod roster;
pub mod stress;

mod timeline;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::export::{self, ExportError, ExportFormat, ical};
use crate::io::import;
use crate::io::paths;
use crate::io::store::StoreError;
use crate::io::workspace::{Workspace, WorkspaceError, WorkspaceSources, WorkspaceWarning};
use crate::model::Schedule;
use crate::ui::{StartTheme, StartView};

/// `lanyard --version`: the version in Cargo.toml and the commit it was built from.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("LANYARD_COMMIT"), ")");

#[derive(Debug, Parser)]
#[command(name = "lanyard", version = VERSION, about = "An offline conference companion")]
pub struct Cli {
    /// A schedule to open: lanyard RON, frab/Pentabarf XML, schedule.json or iCalendar.
    pub schedule: Option<PathBuf>,

    /// Folder for plans and settings (default: the platform data folder, or $LANYARD_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// A roster to open beside the schedule (a booth captain's or volunteer coordinator's).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,

    /// Quit after drawing this many frames (smoke tests and start-up measurements).
    #[arg(long, value_name = "N")]
    pub quit_after_frames: Option<u64>,

    /// Save a PNG of the window once it has drawn, through the same path as "Save as picture"
    /// (documentation screenshots, smoke tests).
    #[arg(long, value_name = "FILE", hide = true)]
    pub screenshot: Option<PathBuf>,

    /// Start on this view.
    #[arg(long, value_name = "VIEW", value_enum, hide = true)]
    pub view: Option<StartView>,

    /// Force the theme for this run (not saved).
    #[arg(long, value_name = "THEME", value_enum, hide = true)]
    pub theme: Option<StartTheme>,

    /// Pin the clock to this conference-local time, e.g. "2027-04-16 10:20" (screenshots, demos).
    #[arg(long, value_name = "TIME", value_parser = parse_local_time, hide = true)]
    pub now: Option<chrono::NaiveDateTime>,

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
    /// Convert a schedule to lanyard RON (.ron) or iCalendar (.ics), chosen by OUT's extension.
    Convert {
        /// A schedule file in any supported format.
        input: PathBuf,
        /// The file to write; its extension (.ron or .ics) picks the format.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Print one person's timeline, one item a line in time order, then `items=N clashes=N`.
    Timeline {
        /// The plan (default: the conference's plan in the data folder).
        #[arg(long, value_name = "FILE")]
        plan: Option<PathBuf>,
        /// The schedule (default: the one last opened in the app, else the bundled sample).
        #[arg(long, value_name = "FILE")]
        schedule: Option<PathBuf>,
        /// A booth or volunteer roster: the shifts and slots of the plan's `me` join the timeline.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// Only this conference day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
    },
    /// Export your timeline (picks, own events, dinners, sign-ups, shifts) as an iCalendar file (.ics).
    ExportIcs {
        /// The schedule (default: the one last opened in the app, else the bundled sample).
        #[arg(long, value_name = "FILE")]
        schedule: Option<PathBuf>,
        /// The plan holding your picks (default: the conference's plan in the data folder).
        #[arg(long, value_name = "FILE")]
        plan: Option<PathBuf>,
        /// A booth or volunteer roster: the shifts and slots of the plan's `me` are exported too.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// The .ics file to write.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Write a deterministic synthetic conference (for tests and benchmarks) as RON, XML, JSON or ICS.
    Gen(r#gen::GenArgs),
    /// Write a deterministic synthetic booth roster (for benchmarks of `roster --auto/--check`).
    #[command(hide = true)]
    GenRoster(gen_roster::GenRosterArgs),
    /// Booth rosters: fill open seats (--auto) or list what breaks the rules (--check).
    Roster(roster::RosterArgs),
    /// Save numbered plan and roster states in a loop, for the crash-kill test (tests/crash_kill.rs).
    #[command(hide = true)]
    StressSave(stress::StressArgs),
}

/// `YYYY-MM-DD HH:MM` (or with a `T`), conference-local.
fn parse_local_time(text: &str) -> Result<chrono::NaiveDateTime, String> {
    let text = text.trim().replacen('T', " ", 1);
    chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M")
        .map_err(|err| format!("expected YYYY-MM-DD HH:MM, conference-local: {err}"))
}

/// Runs a headless subcommand. Returns `None` when the GUI should start instead.
pub fn run_headless(cli: &Cli) -> Option<ExitCode> {
    let command = cli.command.as_ref()?;
    Some(match command {
        CliCommand::Check { files } => check(files, &mut std::io::stdout().lock(), &mut std::io::stderr().lock()),
        CliCommand::Convert { input, output } => {
            convert(input, output, &mut std::io::stdout().lock(), &mut std::io::stderr().lock())
        }
        CliCommand::Timeline { plan, schedule, roster, date } => {
            let data_dir = paths::data_dir(cli.data_dir.as_deref());
            let sources = WorkspaceSources {
                data_dir: data_dir.as_deref(),
                schedule: schedule.as_deref(),
                plan: plan.as_deref(),
                roster: roster.as_deref(),
            };
            timeline::run(&sources, *date, &mut std::io::stdout().lock(), &mut std::io::stderr().lock())
        }
        CliCommand::Gen(args) => r#gen::run(args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock()),
        CliCommand::GenRoster(args) => {
            gen_roster::run(args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock())
        }
        CliCommand::Roster(args) => roster::run(args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock()),
        CliCommand::StressSave(args) => stress::run(args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock()),
        CliCommand::ExportIcs { schedule, plan, roster, output } => {
            let data_dir = paths::data_dir(cli.data_dir.as_deref());
            let sources = WorkspaceSources {
                data_dir: data_dir.as_deref(),
                schedule: schedule.as_deref(),
                plan: plan.as_deref(),
                roster: roster.as_deref(),
            };
            export_ics(&sources, output, &mut std::io::stdout().lock(), &mut std::io::stderr().lock())
        }
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

/// `lanyard convert IN -o OUT`: reads IN in any supported format and writes OUT atomically, as
/// lanyard RON or iCalendar chosen by OUT's extension. Prints `OUT: events=N` on success; on
/// failure prints `FILE:LINE:COL: error: MESSAGE` (or `FILE: error: MESSAGE` when there is no
/// position) on `err` and returns failure. Import warnings go to `err` as in `check`.
pub fn convert(input: &Path, output: &Path, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let Some(format) = ExportFormat::from_path(output) else {
        writeln!(err, "{}: error: unknown output format; the file name must end in .ron or .ics", output.display())
            .ok();
        return ExitCode::FAILURE;
    };
    if is_same_file(input, output) {
        writeln!(err, "{}: error: refusing to write over the schedule being converted", output.display()).ok();
        return ExitCode::FAILURE;
    }
    let schedule = match import::load(input) {
        Ok(schedule) => schedule,
        Err(error) => {
            writeln!(err, "{}", error.display_with_path(input)).ok();
            return ExitCode::FAILURE;
        }
    };
    print_warnings(input, &schedule, err);
    let written = export::render_schedule(&schedule, format).and_then(|text| export::write_file(output, &text));
    if let Err(error) = written {
        writeln!(err, "{}", export_error_line(output, &error)).ok();
        return ExitCode::FAILURE;
    }
    writeln!(out, "{}: events={}", output.display(), schedule.stats().events).ok();
    ExitCode::SUCCESS
}

/// `lanyard export-ics [--schedule FILE] [--plan FILE] [--roster FILE] -o OUT.ics`: writes every
/// item of the person's timeline as iCalendar (the plan's picks that are in the schedule, custom
/// events, blocks, dinners and volunteer sign-ups, plus the shifts and slots of the plan's `me` in
/// the roster) and prints `OUT: events=N`. A missing plan or roster file is an error naming its
/// path. A plan made for another conference id only earns a warning on `err`, since a
/// renamed conference keeps its session ids; picks not in the schedule are left out with a
/// warning.
pub fn export_ics(
    sources: &WorkspaceSources<'_>,
    output: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    match export_ics_inner(sources, output, err) {
        Ok(events) => {
            writeln!(out, "{}: events={events}", output.display()).ok();
            ExitCode::SUCCESS
        }
        Err(message) => {
            writeln!(err, "{message}").ok();
            ExitCode::FAILURE
        }
    }
}

/// The work of [`export_ics`]; `Err` holds the one line to print.
fn export_ics_inner(sources: &WorkspaceSources<'_>, output: &Path, err: &mut impl Write) -> Result<usize, String> {
    if ExportFormat::from_path(output) != Some(ExportFormat::ICalendar) {
        return Err(format!("{}: error: the output file name must end in .ics", output.display()));
    }
    let workspace = open_workspace(sources, err)?;
    let Workspace { schedule, plan, plan_path, .. } = &workspace;
    let orphans = plan.orphans(schedule).count();
    if orphans > 0 {
        writeln!(
            err,
            "{}: warning: {orphans} picked session(s) are not in this schedule and were left out",
            plan_path.display()
        )
        .ok();
    }
    let text = ical::timeline_to_ics(schedule, plan, &workspace.timeline());
    export::write_file(output, &text).map_err(|error| export_error_line(output, &error))?;
    // Exact: folded continuation lines start with a space, so only real components match.
    Ok(text.matches("\r\nBEGIN:VEVENT\r\n").count())
}

/// Opens the workspace a headless command works on, as the app would ([`Workspace::open`]):
/// its warnings go to `err` one a line as they were found; `Err` holds the one error line.
pub(crate) fn open_workspace(sources: &WorkspaceSources<'_>, err: &mut impl Write) -> Result<Workspace, String> {
    let mut warnings = Vec::new();
    let opened = Workspace::open(sources, &mut warnings);
    for warning in &warnings {
        writeln!(err, "{}", workspace_warning_line(warning)).ok();
    }
    opened.map_err(|error| workspace_error_line(&error))
}

/// A workspace warning as one `FILE: warning: MESSAGE` line (with line and column for import
/// warnings, as `check` prints them).
fn workspace_warning_line(warning: &WorkspaceWarning) -> String {
    match warning {
        WorkspaceWarning::SettingsIgnored(error) => format!("{}; it is ignored", store_error_line(error, "warning")),
        WorkspaceWarning::Import { path, warning } => {
            let (line, col) = warning.location.map_or((1, 1), |l| (l.line, l.col));
            format!("{}:{line}:{col}: warning: {}", path.display(), warning.message)
        }
        WorkspaceWarning::PlanForAnotherConference { path, plan, schedule } => format!(
            "{}: warning: the plan is for conference \"{plan}\" but the schedule is \"{schedule}\"",
            path.display()
        ),
        WorkspaceWarning::RosterForAnotherConference { path, roster, schedule } => format!(
            "{}: warning: the roster is for conference \"{roster}\" but the schedule is \"{schedule}\"",
            path.display()
        ),
        WorkspaceWarning::PlanNamesNobody { path } => {
            format!("{}: warning: the plan does not say whose it is (`me`), so the roster adds nothing", path.display())
        }
        WorkspaceWarning::NotOnRoster { path, me } => {
            format!("{}: warning: \"{me}\" has no booth shift or volunteer slot in this roster", path.display())
        }
    }
}

/// A workspace error as the one line a headless command prints: `FILE:LINE:COL: error: MESSAGE`
/// where there is a position, `FILE: error: MESSAGE` where there is a file.
fn workspace_error_line(error: &WorkspaceError) -> String {
    match error {
        WorkspaceError::Settings(error) | WorkspaceError::Plan(error) | WorkspaceError::Roster(error) => {
            store_error_line(error, "error")
        }
        WorkspaceError::Sample(error) => format!("error: the bundled sample does not load: {error}"),
        WorkspaceError::Schedule { source, path } => source.display_with_path(path),
        WorkspaceError::NoDataDir => "error: there is no data folder to find the plan in; pass --plan FILE".to_owned(),
        WorkspaceError::NoPlan { path } => format!(
            "{}: error: there is no plan file here (pick sessions in the app first, or pass --plan FILE)",
            path.display()
        ),
        WorkspaceError::NoRoster { path } => format!("{}: error: there is no roster file here", path.display()),
    }
}

/// A store error as one line, `severity` being `error` or `warning`; corrupt documents in the
/// `FILE:LINE:COL: SEVERITY:` form.
fn store_error_line(error: &StoreError, severity: &str) -> String {
    match error {
        StoreError::Corrupt { kind, location, message, path } => format!(
            "{}:{}:{}: {severity}: {kind} file is not valid: {message}",
            path.display(),
            location.line,
            location.col
        ),
        other => format!("{severity}: {other}"),
    }
}

/// An export error as one line starting with the output path (which the message then omits).
fn export_error_line(output: &Path, error: &ExportError) -> String {
    match error {
        ExportError::Write { source, path } => format!("{}: error: could not write the file: {source}", path.display()),
        ExportError::Serialise(_) => format!("{}: error: {error}", output.display()),
    }
}

/// Import warnings in the form `check` prints them.
fn print_warnings(path: &Path, schedule: &Schedule, err: &mut impl Write) {
    for warning in schedule.warnings() {
        let (line, col) = warning.location.map_or((1, 1), |l| (l.line, l.col));
        writeln!(err, "{}:{line}:{col}: warning: {}", path.display(), warning.message).ok();
    }
}

/// Whether two paths name the same existing file (so `convert` never replaces its own input).
fn is_same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
