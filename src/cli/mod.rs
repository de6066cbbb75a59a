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
use crate::io::samples::sample_schedule;
use crate::io::settings::Settings;
use crate::io::store::{self, Loaded, StoreError};
use crate::model::roster::Roster;
use crate::model::{Plan, Schedule, Timeline, TimelineItem, Zone};
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
            let sources = IcsSources {
                data_dir: cli.data_dir.as_deref(),
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
            let sources = IcsSources {
                data_dir: cli.data_dir.as_deref(),
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

/// Where `export-ics` finds its inputs; `None` means the default.
#[derive(Clone, Copy, Debug, Default)]
pub struct IcsSources<'a> {
    /// `--data-dir`; see [`paths::data_dir`].
    pub data_dir: Option<&'a Path>,
    /// `--schedule`: else the last schedule opened in the app, else the bundled sample.
    pub schedule: Option<&'a Path>,
    /// `--plan`: else the conference's plan in the data folder.
    pub plan: Option<&'a Path>,
    /// `--roster`: a booth or volunteer roster whose shifts and slots for the plan's `me` join the
    /// timeline; none by default.
    pub roster: Option<&'a Path>,
}

/// `lanyard export-ics [--schedule FILE] [--plan FILE] [--roster FILE] -o OUT.ics`: writes every
/// item of the person's timeline as iCalendar (the plan's picks that are in the schedule, custom
/// events, blocks, dinners and volunteer sign-ups, plus the shifts and slots of the plan's `me` in
/// the roster) and prints `OUT: events=N`. A missing plan or roster file is an error naming its
/// path. A plan made for another conference id only earns a warning on `err`, since a
/// renamed conference keeps its session ids; picks not in the schedule are left out with a
/// warning.
pub fn export_ics(sources: &IcsSources<'_>, output: &Path, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
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
fn export_ics_inner(sources: &IcsSources<'_>, output: &Path, err: &mut impl Write) -> Result<usize, String> {
    if ExportFormat::from_path(output) != Some(ExportFormat::ICalendar) {
        return Err(format!("{}: error: the output file name must end in .ics", output.display()));
    }
    let PersonTimeline { schedule, plan, plan_path, timeline } = person_timeline(sources, err)?;
    let orphans = plan.orphans(&schedule).count();
    if orphans > 0 {
        writeln!(
            err,
            "{}: warning: {orphans} picked session(s) are not in this schedule and were left out",
            plan_path.display()
        )
        .ok();
    }
    let text = ical::timeline_to_ics(&schedule, &plan, &timeline);
    export::write_file(output, &text).map_err(|error| export_error_line(output, &error))?;
    // Exact: folded continuation lines start with a space, so only real components match.
    Ok(text.matches("\r\nBEGIN:VEVENT\r\n").count())
}

/// One person's timeline as a headless command sees it, with what it was built from.
pub(crate) struct PersonTimeline {
    pub schedule: Schedule,
    pub plan: Plan,
    pub plan_path: PathBuf,
    pub timeline: Timeline,
}

/// The schedule and plan of [`schedule_and_plan`] and their timeline, as the app builds it: with
/// `--roster`, the shifts and volunteer slots of the plan's `me` in that roster join it
/// ([`Roster::items_for_plan`]). A missing or unreadable roster is an error naming the file (with
/// line and column for a parse error); a roster for another conference, a plan that names nobody
/// and a person the roster does not know are warnings.
pub(crate) fn person_timeline(sources: &IcsSources<'_>, err: &mut impl Write) -> Result<PersonTimeline, String> {
    let (schedule, plan, plan_path) = schedule_and_plan(sources, err)?;
    let extra = match sources.roster {
        Some(path) => roster_items(path, &schedule, &plan, &plan_path, err)?,
        None => Vec::new(),
    };
    let timeline = Timeline::build_with(&schedule, &plan, extra);
    Ok(PersonTimeline { schedule, plan, plan_path, timeline })
}

/// The shifts and slots of the plan's `me` in the roster at `path`.
fn roster_items(
    path: &Path,
    schedule: &Schedule,
    plan: &Plan,
    plan_path: &Path,
    err: &mut impl Write,
) -> Result<Vec<TimelineItem>, String> {
    let roster = match store::load::<Roster>(path) {
        Ok(Loaded { document: Some(roster), .. }) => roster,
        Ok(Loaded { document: None, .. }) => {
            return Err(format!("{}: error: there is no roster file here", path.display()));
        }
        Err(error) => return Err(store_error_line(&error, "error")),
    };
    let conference_id = &schedule.conference().id;
    if roster.conference() != conference_id {
        writeln!(
            err,
            "{}: warning: the roster is for conference \"{}\" but the schedule is \"{conference_id}\"",
            path.display(),
            roster.conference()
        )
        .ok();
    }
    let Some(me) = plan.me.as_deref() else {
        writeln!(
            err,
            "{}: warning: the plan does not say whose it is (`me`), so the roster adds nothing",
            plan_path.display()
        )
        .ok();
        return Ok(Vec::new());
    };
    let items = roster.items_for_plan(plan);
    if roster.timeline_items(me).is_empty() && roster.slot_items(me).is_empty() {
        writeln!(err, "{}: warning: \"{me}\" has no booth shift or volunteer slot in this roster", path.display()).ok();
    }
    Ok(items)
}

/// The schedule and plan a headless command works on, as the app would open them: the schedule
/// from `--schedule`, else the one last opened in the app, else the bundled sample (with the zone
/// the user chose in the app); the plan from `--plan`, else the conference's plan in the data
/// folder. Warns when the plan belongs to another conference.
pub(crate) fn schedule_and_plan(
    sources: &IcsSources<'_>,
    err: &mut impl Write,
) -> Result<(Schedule, Plan, PathBuf), String> {
    let data_dir = paths::data_dir(sources.data_dir);
    let settings = settings_for_export(data_dir.as_deref(), sources.schedule.is_some(), err)?;
    let mut schedule = schedule_for_export(sources.schedule, settings.last_schedule.as_deref(), err)?;
    // The zone the user chose in the app for a file that names none, as the app shows it.
    if let Some(zone) = settings.zone_overrides.get(&schedule.conference().id).and_then(|z| Zone::from_iana(z)) {
        schedule.set_zone(zone);
    }
    let conference_id = &schedule.conference().id;
    let plan_path = match (sources.plan, &data_dir) {
        (Some(path), _) => path.to_owned(),
        (None, Some(dir)) => paths::plan_path(dir, conference_id),
        (None, None) => return Err("error: there is no data folder to find the plan in; pass --plan FILE".to_owned()),
    };
    let plan = match store::load::<Plan>(&plan_path) {
        Ok(Loaded { document: Some(plan), .. }) => plan,
        Ok(Loaded { document: None, .. }) => {
            return Err(format!(
                "{}: error: there is no plan file here (pick sessions in the app first, or pass --plan FILE)",
                plan_path.display()
            ));
        }
        Err(error) => return Err(store_error_line(&error, "error")),
    };
    if plan.conference != *conference_id {
        writeln!(
            err,
            "{}: warning: the plan is for conference \"{}\" but the schedule is \"{conference_id}\"",
            plan_path.display(),
            plan.conference
        )
        .ok();
    }
    Ok((schedule, plan, plan_path))
}

/// The app's settings from the data folder (defaults when there are none). An unreadable
/// settings file is an error when it must name the schedule, and only a warning otherwise.
fn settings_for_export(
    data_dir: Option<&Path>,
    has_explicit_schedule: bool,
    err: &mut impl Write,
) -> Result<Settings, String> {
    let Some(dir) = data_dir else {
        return Ok(Settings::default());
    };
    match store::load::<Settings>(&paths::settings_path(dir)) {
        Ok(loaded) => Ok(loaded.document.unwrap_or_default()),
        Err(error) if has_explicit_schedule => {
            writeln!(err, "{}; it is ignored", store_error_line(&error, "warning")).ok();
            Ok(Settings::default())
        }
        Err(error) => Err(store_error_line(&error, "error")),
    }
}

/// The schedule `export-ics` works on: `--schedule`, else the last one opened in the app, else
/// the bundled sample. A remembered schedule that no longer loads is an error rather than a
/// silent switch to the sample, which would export another conference.
fn schedule_for_export(
    explicit: Option<&Path>,
    remembered: Option<&Path>,
    err: &mut impl Write,
) -> Result<Schedule, String> {
    let Some(path) = explicit.or(remembered) else {
        return sample_schedule().map_err(|error| format!("error: the bundled sample does not load: {error}"));
    };
    let schedule = import::load(path).map_err(|error| error.display_with_path(path))?;
    print_warnings(path, &schedule, err);
    Ok(schedule)
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
