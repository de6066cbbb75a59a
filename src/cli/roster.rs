//! `lanyard roster ROSTER.ron [--plans DIR] [--schedule FILE] [--import-staff FILE.csv]
//! (--auto -o OUT.ron | --check)`: the booth captain's headless tools.
//!
//! - `--import-staff FILE.csv -o OUT.ron` adds the people of a spreadsheet's staff list
//!   (`io::staff_csv`) in one step, prints `added: NAME` for each on stdout and each skipped row as
//!   `FILE.csv:LINE: MESSAGE` on stderr, and writes the roster to `OUT` as `--auto` does. Exit
//!   status 1 only if nobody could be added. With `--auto` or `--check`, those see the roster with
//!   the new people.
//! - `--auto` fills open seats ([`auto_roster`]), writes the roster to `OUT` (atomically, through
//!   the document store, with a `.bak`) and prints one summary line on stdout:
//!   `seats=N filled=N bound=N newcomers_alone=N violations=N full=N gap=N spread_h=X` (see
//!   [`Summary`]; new fields are only ever appended). Exit status 0 once written.
//!   `--rebuild` also re-rosters unlocked assignments; `--explain` prints every shift left with
//!   open seats, and why, on stderr.
//! - `--check` prints every violation, one a line, then the same summary line on stdout. Exit
//!   status 1 if there is any violation.
//! - `--export DIR` (with either) writes `roster.csv`, `roster.html` and one `.ics` per person
//!   for the resulting roster.
//!
//! `--plans DIR` holds staff members' plan files (`.ron`) and calendars (`.ics`), matched to staff
//! as `io::staff_plans` documents (a plan's `me`, else the file stem). Their picks are timed with
//! `--schedule FILE`, else with the bundled sample conference when the roster's `conference` is
//! the sample's id; a plan with picks and no schedule is an error. Staff files are only read.
//!
//! Errors go to stderr as `FILE:LINE:COL: error: MESSAGE` (or `FILE: error: MESSAGE`), with exit
//! status 1; a file problem in `--plans` stops the run before anything is written.

use crate::model::roster::AssignEdit;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Args};

use crate::io::export::roster::export_all;
use crate::io::import;
use crate::io::samples::sample_schedule;
use crate::io::staff_csv::read_staff_csv;
use crate::io::staff_plans;
use crate::io::store::{self, Document as _, Loaded, StoreError};
use crate::model::Schedule;
use crate::model::autoroster::{AutoRosterOptions, auto_roster, explain_unfilled, seat_bound};
use crate::model::busy::StaffBusy;
use crate::model::roster::{Roster, RosterEdit, StaffEdit};
use crate::model::time::NANOS_PER_HOUR;

/// Arguments of `lanyard roster`.
#[derive(Clone, Debug, Args)]
#[command(group(ArgGroup::new("mode").required(true).multiple(true).args(["auto", "check", "import_staff"])))]
pub struct RosterArgs {
    /// The roster file (roster.ron).
    pub roster: PathBuf,
    /// A folder of staff members' plan files (.ron) and calendars (.ics); only read.
    #[arg(long, value_name = "DIR")]
    pub plans: Option<PathBuf>,
    /// The schedule that times the picks in staff plans (default: the bundled sample, when the
    /// roster is for its conference).
    #[arg(long, value_name = "FILE")]
    pub schedule: Option<PathBuf>,
    /// Fill open seats and write the roster to OUT.
    #[arg(long, requires = "output", conflicts_with = "check")]
    pub auto: bool,
    /// Add the people of a staff list (CSV with a header row: name, contact/email/phone,
    /// newcomer or experience, max hours per day, max hours, skills/languages) and write the
    /// roster to OUT.
    #[arg(long, value_name = "FILE.csv", requires = "output")]
    pub import_staff: Option<PathBuf>,
    /// With --auto: re-roster every unlocked assignment, not only open seats.
    #[arg(long, requires = "auto")]
    pub rebuild: bool,
    /// The roster file --auto or --import-staff writes (may be ROSTER itself).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Print every violation, one a line, then the summary line; exit status 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// Explain every shift with open seats on stderr: who could have taken it, and why not.
    #[arg(long)]
    pub explain: bool,
    /// Also write roster.csv, roster.html and one .ics per person into DIR.
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
}

/// The summary line both modes end with, for the roster as written (`--auto`) or as it is
/// (`--check`). Scripts read it by field name; fields keep their order and new ones go last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub seats: u32,
    pub filled: u32,
    pub bound: u32,
    pub newcomers_alone: usize,
    pub violations: usize,
    /// `full=`: shifts with every seat filled ([`Roster::full_shifts`]).
    pub full: u32,
    /// `gap=`: `bound − filled`, the seats the best roster within the rules would fill that this
    /// one leaves open (0 when rule-breaking assignments fill more than the bound).
    pub gap: u32,
    /// `spread_h=`: the most hours anyone works minus the least, among staff with at least one
    /// shift, exact then shown to one decimal ([`Roster::hours_spread_ns`]); `0.0` with fewer
    /// than two people working.
    pub spread_ns: i128,
}

impl Summary {
    /// The summary of `roster` given the bound and the number of violations found.
    pub fn of(roster: &Roster, bound: u32, violations: usize) -> Self {
        let filled = roster.filled();
        Self {
            seats: roster.seats_total(),
            filled,
            bound,
            newcomers_alone: roster.newcomers_alone().len(),
            violations,
            full: roster.full_shifts(),
            gap: bound.saturating_sub(filled),
            spread_ns: roster.hours_spread_ns(),
        }
    }
}

/// Hours to one decimal, rounded half up, without floating point: `5400 s` → `1.5`.
fn hours_one_decimal(nanos: i128) -> String {
    let tenth = NANOS_PER_HOUR / 10;
    let tenths = (nanos.max(0) + tenth / 2) / tenth;
    format!("{}.{}", tenths / 10, tenths % 10)
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seats={} filled={} bound={} newcomers_alone={} violations={} full={} gap={} spread_h={}",
            self.seats,
            self.filled,
            self.bound,
            self.newcomers_alone,
            self.violations,
            self.full,
            self.gap,
            hours_one_decimal(self.spread_ns)
        )
    }
}

/// Runs `lanyard roster`; see the module docs.
pub fn run(args: &RosterArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    match run_inner(args, out, err) {
        Ok(code) => code,
        Err(message) => {
            if !message.is_empty() {
                writeln!(err, "{message}").ok();
            }
            ExitCode::FAILURE
        }
    }
}

/// The work of [`run`]; `Err` holds the one line to print (empty if already printed).
fn run_inner(args: &RosterArgs, out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode, String> {
    let loaded = store::load::<Roster>(&args.roster).map_err(|e| store_error_line(&e))?;
    let Some(mut roster) = loaded.document.clone() else {
        return Err(format!("{}: error: there is no roster file here", args.roster.display()));
    };
    if let Some(csv) = &args.import_staff {
        roster = import_staff(csv, roster, out, err)?;
    }
    let busy = busy_for(args, &roster, err)?;
    let (roster, bound) = if args.auto {
        let options = AutoRosterOptions { keep_unlocked: !args.rebuild };
        let result = auto_roster(&roster, &busy, options);
        let mut after = roster;
        after.apply(RosterEdit::Assign(AssignEdit::SetAll(result.assignments))).map_err(|e| format!("error: {e}"))?;
        if args.explain {
            for unfilled in &result.unfilled {
                writeln!(err, "unfilled: {}", unfilled.describe(&after)).ok();
            }
        }
        (after, result.bound)
    } else {
        if args.explain {
            for unfilled in explain_unfilled(&roster, &busy) {
                writeln!(err, "unfilled: {}", unfilled.describe(&roster)).ok();
            }
        }
        let bound = seat_bound(&roster, &busy);
        (roster, bound)
    };
    if args.auto || args.import_staff.is_some() {
        let Some(output) = &args.output else {
            return Err("error: writing the roster needs -o OUT.ron".to_owned());
        };
        write_roster(&args.roster, (loaded.fingerprint, &loaded.extras), output, &roster, err)?;
    } else if args.output.is_some() {
        return Err("error: -o OUT.ron goes with --auto or --import-staff".to_owned());
    }
    let violations = roster.violations(&busy);
    if args.check {
        for violation in &violations {
            writeln!(out, "{}", violation.describe(&roster)).ok();
        }
    }
    if let Some(dir) = &args.export {
        export_all(&roster, &violations, dir).map_err(|e| format!("{}: error: {e}", dir.display()))?;
    }
    writeln!(out, "{}", Summary::of(&roster, bound, violations.len())).ok();
    Ok(if args.check && !violations.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The staff's busy times from `--plans`, or none.
fn busy_for(args: &RosterArgs, roster: &Roster, err: &mut impl Write) -> Result<StaffBusy, String> {
    let Some(dir) = &args.plans else { return Ok(StaffBusy::new()) };
    let schedule = schedule_for(args.schedule.as_deref(), roster)?;
    let files = staff_plans::load_folder(dir, roster, schedule.as_ref())
        .map_err(|e| format!("{}: error: {}", dir.display(), e.source))?;
    for problem in &files.problems {
        writeln!(err, "{problem}").ok();
    }
    if files.has_errors() {
        return Err(String::new());
    }
    Ok(files.busy)
}

/// `--import-staff`: the roster with the staff list's people added (one edit), each reported.
fn import_staff(csv: &Path, roster: Roster, out: &mut impl Write, err: &mut impl Write) -> Result<Roster, String> {
    let import = read_staff_csv(csv, &roster).map_err(|e| e.to_string())?;
    for problem in &import.skipped {
        writeln!(err, "{}:{}: {}", csv.display(), problem.line, problem.message).ok();
    }
    if import.staff.is_empty() {
        return Err(format!("{}: error: nobody to add", csv.display()));
    }
    for staff in &import.staff {
        let newcomer = if staff.is_newcomer() { " (newcomer)" } else { "" };
        writeln!(out, "added: {}{newcomer}", staff.name).ok();
    }
    let mut roster = roster;
    roster
        .apply(RosterEdit::Staff(StaffEdit::AddMany(import.staff)))
        .map_err(|e| format!("{}: error: {e}", csv.display()))?;
    Ok(roster)
}

/// `--schedule`, else the bundled sample if the roster is for its conference, else none.
fn schedule_for(explicit: Option<&Path>, roster: &Roster) -> Result<Option<Schedule>, String> {
    if let Some(path) = explicit {
        return import::load(path).map(Some).map_err(|e| e.display_with_path(path));
    }
    let sample = sample_schedule().map_err(|e| format!("error: the bundled sample does not load: {e}"))?;
    Ok((&sample.conference().id == roster.conference()).then_some(sample))
}

/// Writes the roster to `output` through the store. Over ROSTER itself the fingerprint taken at
/// load guards against a change in between; any other existing file must be a roster lanyard can
/// read, so a plan, a schedule or a newer roster is never replaced.
///
/// Unknown top-level fields of the input are carried into the output. If the input has what a
/// save cannot carry (comments, unknown fields deep inside) and is the output, it is kept as
/// written beside it first (`roster.original-1.ron`), and a note on `err` says so.
fn write_roster(
    input: &Path,
    input_loaded: (store::Fingerprint, &store::Extras),
    output: &Path,
    roster: &Roster,
    err: &mut impl Write,
) -> Result<(), String> {
    let (input_fingerprint, extras) = input_loaded;
    let expected = if is_same_file(input, output) {
        if extras.lost_on_save() {
            match store::keep_original(Roster::KIND, input) {
                Ok(Some((copy, _))) => {
                    writeln!(
                        err,
                        "{}: note: {} cannot be kept in the rewritten roster; the file as written is kept as {}",
                        input.display(),
                        extras.describe_lost(),
                        copy.display()
                    )
                    .ok();
                }
                Ok(None) => {}
                Err(e) => return Err(store_error_line(&e)),
            }
        }
        input_fingerprint
    } else {
        match store::load::<Roster>(output) {
            Ok(Loaded { fingerprint, .. }) => fingerprint,
            Err(e) => {
                return Err(format!(
                    "{}: error: refusing to write over a file that is not a roster this lanyard can read ({})",
                    output.display(),
                    error_without_path(&e)
                ));
            }
        }
    };
    store::save_with_extras(output, roster, expected, extras).map(|_| ()).map_err(|e| store_error_line(&e))
}

fn error_without_path(error: &StoreError) -> String {
    match error {
        StoreError::Corrupt { location, message, .. } => format!("{}:{}: {message}", location.line, location.col),
        StoreError::TooNew { found, supported, .. } => format!("format version {found}, newer than {supported}"),
        other => other.to_string(),
    }
}

/// A store error as one line; corrupt documents as `FILE:LINE:COL: error: …`.
fn store_error_line(error: &StoreError) -> String {
    match error {
        StoreError::Corrupt { kind, location, message, path } => {
            format!("{}:{}:{}: error: {kind} file is not valid: {message}", path.display(), location.line, location.col)
        }
        other => format!("error: {other}"),
    }
}

fn is_same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_show_to_one_decimal_rounded_half_up() {
        let minutes = |m: i128| m * crate::model::time::NANOS_PER_MINUTE;
        assert_eq!(hours_one_decimal(0), "0.0");
        assert_eq!(hours_one_decimal(minutes(90)), "1.5");
        assert_eq!(hours_one_decimal(minutes(2) + 59 * 1_000_000_000), "0.0", "2 min 59 s");
        assert_eq!(hours_one_decimal(minutes(3)), "0.1", "3 min is half a tenth: up");
        assert_eq!(hours_one_decimal(minutes(12 * 60 + 57)), "13.0");
    }
}
