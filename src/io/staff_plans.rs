//! A folder of staff members' own files, read to learn when they are busy: their `plan.ron`
//! documents and calendar files (`.ics`). These files belong to the staff; lanyard only reads
//! them and never writes, moves or renames them.
//!
//! **Matching a file to a staff member.** A plan whose `me` names a staff member (exactly, else
//! ignoring case and spacing) is theirs. Otherwise, and for calendars, the file stem is compared
//! with the staff names ignoring case and treating `-`, `_` and `.` as spaces: `ana-lima.ron`
//! and `Ana_Lima.ics` both belong to "Ana Lima". Files matching nobody are skipped with a warning;
//! several files for one person are all used.
//!
//! **Times.** A plan's picks only remember their start, so the schedule given by the caller gives
//! start and end; a plan with picks and no schedule is an error for that file. Calendar events
//! are moved into the roster's zone; a calendar that names no zone is read in the roster's zone
//! (UTC times converted, floating times taken as local).
//!
//! Other files (including `.bak` copies) and sub-folders are ignored. Files are read in name
//! order, so the result is deterministic.

use std::path::{Path, PathBuf};

use super::import;
use super::store::{self, Loaded, StoreError};
use crate::model::busy::{StaffBusy, busy_from_calendar, busy_from_plan};
use crate::model::roster::{PersonName, Roster};
use crate::model::{Conference, Location, Plan, Schedule, ScheduleBuilder, Zone};

/// Something wrong with one file in the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    pub location: Option<Location>,
    pub message: String,
    /// Errors mean the person's busy times are unknown; warnings are worth knowing.
    pub is_error: bool,
}

impl std::fmt::Display for FileProblem {
    /// `FILE:LINE:COL: error: MESSAGE`, or `FILE: warning: MESSAGE` without a position.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = if self.is_error { "error" } else { "warning" };
        match self.location {
            Some(Location { line, col }) => {
                write!(f, "{}:{line}:{col}: {severity}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {severity}: {}", self.path.display(), self.message),
        }
    }
}

/// What a folder of staff files says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaffFiles {
    /// Busy times per staff member (names as in the roster).
    pub busy: StaffBusy,
    /// Each file used, and whose it is, in file-name order.
    pub matched: Vec<(PathBuf, PersonName)>,
    /// Warnings and errors, in file-name order.
    pub problems: Vec<FileProblem>,
}

impl StaffFiles {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.is_error)
    }
}

/// The folder could not be listed.
#[derive(Debug, thiserror::Error)]
#[error("could not read the folder of staff plans: {source}: {}", path.display())]
pub struct StaffFolderError {
    pub source: std::io::Error,
    pub path: PathBuf,
}

/// `Ana-Lima` → `ana lima`.
fn normalise(name: &str) -> String {
    let spaced: String = name.chars().map(|c| if matches!(c, '-' | '_' | '.') { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The staff member a file belongs to; see the module docs.
pub fn match_staff(roster: &Roster, me: Option<&str>, file_stem: &str) -> Option<PersonName> {
    let by_exact = |name: &str| roster.staff_member(name.trim()).map(|s| s.name.clone());
    let by_loose = |name: &str| {
        let wanted = normalise(name);
        (!wanted.is_empty())
            .then(|| roster.staff().iter().find(|s| normalise(s.name.as_str()) == wanted).map(|s| s.name.clone()))
            .flatten()
    };
    me.and_then(|me| by_exact(me).or_else(|| by_loose(me))).or_else(|| by_loose(file_stem))
}

/// Reads every `.ron` plan and `.ics` calendar in `dir`. `schedule` resolves plan picks.
///
/// # Errors
/// [`StaffFolderError`] if the folder cannot be listed. Problems with single files are collected
/// in [`StaffFiles::problems`] instead.
pub fn load_folder(dir: &Path, roster: &Roster, schedule: Option<&Schedule>) -> Result<StaffFiles, StaffFolderError> {
    let folder_err = |source| StaffFolderError { source, path: dir.to_owned() };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(folder_err)? {
        let path = entry.map_err(folder_err)?.path();
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if path.is_file() && matches!(extension.as_deref(), Some("ron" | "ics")) {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(load_files(&paths, roster, schedule))
}

/// Reads the given plan (`.ron`) and calendar (`.ics`) files, in the order given, e.g. from a
/// file dialog. Problems are collected per file; nothing is written.
pub fn load_files(paths: &[PathBuf], roster: &Roster, schedule: Option<&Schedule>) -> StaffFiles {
    let mut out = StaffFiles::default();
    for path in paths {
        load_file(path, roster, schedule, &mut out);
    }
    out
}

fn load_file(path: &Path, roster: &Roster, schedule: Option<&Schedule>, out: &mut StaffFiles) {
    let problem =
        |location, message: String, is_error| FileProblem { path: path.to_owned(), location, message, is_error };
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let is_calendar = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ics"));
    if is_calendar {
        let calendar = match read_calendar(path, roster.zone()) {
            Ok(calendar) => calendar,
            Err(err) => {
                out.problems.push(problem(err.location(), calendar_message(&err), true));
                return;
            }
        };
        let Some(person) = match_staff(roster, None, &stem) else {
            out.problems.push(problem(
                None,
                format!("no staff member is called \"{stem}\"; the file is skipped"),
                false,
            ));
            return;
        };
        out.busy.add(person.clone(), busy_from_calendar(&calendar, roster.zone()));
        out.matched.push((path.to_owned(), person));
        return;
    }
    let plan = match store::load::<Plan>(path) {
        Ok(Loaded { document: Some(plan), .. }) => plan,
        Ok(Loaded { document: None, .. }) => return, // Gone since the folder was listed.
        Err(StoreError::Corrupt { location, message, .. }) => {
            out.problems.push(problem(Some(location), format!("plan file is not valid: {message}"), true));
            return;
        }
        Err(err) => {
            out.problems.push(problem(None, store_message(&err), true));
            return;
        }
    };
    let Some(person) = match_staff(roster, plan.me.as_deref(), &stem) else {
        let who = plan.me.as_deref().map_or_else(|| format!("\"{stem}\""), |me| format!("\"{me}\" or \"{stem}\""));
        out.problems.push(problem(None, format!("no staff member is called {who}; the file is skipped"), false));
        return;
    };
    if !roster.conference().as_str().is_empty()
        && !plan.conference.as_str().is_empty()
        && &plan.conference != roster.conference()
    {
        let message = format!(
            "the plan is for conference \"{}\" but the roster is for \"{}\"",
            plan.conference,
            roster.conference()
        );
        out.problems.push(problem(None, message, false));
    }
    let busy = match schedule {
        Some(schedule) => busy_from_plan(&plan, schedule),
        // Without picks the schedule is not needed: an empty one resolves nothing.
        None if plan.picks.is_empty() => {
            busy_from_plan(&plan, &ScheduleBuilder::new(Conference::named("", "")).build())
        }
        None => {
            let message = format!(
                "{person}'s plan has picks, but there is no schedule to find their times in; pass --schedule FILE"
            );
            out.problems.push(problem(None, message, true));
            return;
        }
    };
    if !busy.unresolved.is_empty() {
        let ids: Vec<&str> = busy.unresolved.iter().map(|id| id.as_str()).collect();
        let message = format!("{} pick(s) are not in the schedule and were left out: {}", ids.len(), ids.join(", "));
        out.problems.push(problem(None, message, false));
    }
    out.busy.add(person.clone(), busy.times);
    out.matched.push((path.to_owned(), person));
}

/// Imports a calendar. One that names no zone (`X-WR-TIMEZONE`) is read in the roster's zone:
/// UTC and zoned times are converted into it and floating times are taken as the roster's local
/// time, which is what a person's own calendar means. The zone is added to the bytes in memory
/// only; error positions are those of the file.
fn read_calendar(path: &Path, zone: Zone) -> Result<Schedule, import::ImportError> {
    let file = super::files::open_regular(path).map_err(import::ImportError::Read)?;
    let size = file.metadata().map_err(import::ImportError::Read)?.len();
    if size > import::MAX_SCHEDULE_BYTES {
        return Err(import::ImportError::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, import::MAX_SCHEDULE_BYTES + 1), &mut bytes)
        .map_err(import::ImportError::Read)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let upper = bytes.to_ascii_uppercase();
    let names_a_zone = upper.windows(13).any(|w| w == b"X-WR-TIMEZONE");
    let after_begin = find(&upper, b"BEGIN:VCALENDAR")
        .and_then(|at| upper.get(at..)?.iter().position(|&b| b == b'\n').map(|nl| at + nl + 1));
    let (Some(zone_name), Some(insert_at), false) = (zone.name(), after_begin, names_a_zone) else {
        return import::parse(&bytes, &name);
    };
    let inserted_line = bytes.get(..insert_at).map_or(1, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
    let mut zoned = Vec::with_capacity(bytes.len() + 40);
    zoned.extend_from_slice(bytes.get(..insert_at).unwrap_or_default());
    zoned.extend_from_slice(format!("X-WR-TIMEZONE:{zone_name}\r\n").as_bytes());
    zoned.extend_from_slice(bytes.get(insert_at..).unwrap_or_default());
    import::parse(&zoned, &name).map_err(|err| match err {
        import::ImportError::Invalid { format, location, message } => {
            let location = location.map(|mut l| {
                if l.line as usize > inserted_line {
                    l.line -= 1;
                }
                l
            });
            import::ImportError::Invalid { format, location, message }
        }
        other => other,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The message of an import error, without the path (the problem carries it).
fn calendar_message(err: &import::ImportError) -> String {
    format!("calendar file could not be read: {err}")
}

fn store_message(err: &StoreError) -> String {
    match err {
        StoreError::TooNew { found, supported, .. } => {
            format!("plan file has format version {found}, this lanyard reads up to {supported}")
        }
        StoreError::TooLarge { size, .. } => format!("plan file is {size} bytes, too large for a plan"),
        StoreError::Read { source, .. } => format!("could not read the plan file: {source}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::StaffEdit;
    use crate::model::roster::{Experience, RosterEdit, Staff};

    fn roster() -> Roster {
        let mut roster = Roster::new("r", "c").unwrap();
        for name in ["Ana Lima", "Ben Ortiz"] {
            roster.apply(RosterEdit::Staff(StaffEdit::Add(Staff::new(name, Experience::Experienced)))).unwrap();
        }
        roster
    }

    #[test]
    fn matching_prefers_me_then_the_file_stem() {
        let r = roster();
        let name = |s: &str| Some(PersonName::new(s));
        assert_eq!(match_staff(&r, Some("Ana Lima"), "whatever"), name("Ana Lima"));
        assert_eq!(match_staff(&r, Some(" ana  LIMA "), "whatever"), name("Ana Lima"));
        assert_eq!(match_staff(&r, Some("Someone"), "ben-ortiz"), name("Ben Ortiz"));
        assert_eq!(match_staff(&r, None, "Ben_Ortiz"), name("Ben Ortiz"));
        assert_eq!(match_staff(&r, None, "plan"), None);
        assert_eq!(match_staff(&r, None, "---"), None);
    }

    #[test]
    fn problems_print_like_compiler_messages() {
        let problem = FileProblem {
            path: PathBuf::from("plans/ana.ron"),
            location: Some(Location { line: 3, col: 7 }),
            message: "plan file is not valid: x".into(),
            is_error: true,
        };
        assert_eq!(problem.to_string(), "plans/ana.ron:3:7: error: plan file is not valid: x");
        let warning = FileProblem { location: None, is_error: false, ..problem };
        assert_eq!(warning.to_string(), "plans/ana.ron: warning: plan file is not valid: x");
    }
}
