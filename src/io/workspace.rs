//! One attendee's workspace as lanyard opens it from disk: the schedule, their plan, and
//! optionally a roster, found the way the app finds them. The headless commands (`timeline`,
//! `export-ics`) open it here, and build the timeline from it with the model's one function
//! ([`Workspace::timeline`], i.e. [`Timeline::for_attendee`]), so they show what the app shows.
//!
//! Where each piece comes from:
//!
//! - the **schedule**: the given file, else the one last opened in the app (from the settings in
//!   the data folder), else the bundled sample; the time zone the user chose in the app for a
//!   file that names none is applied;
//! - the **plan**: the given file, else the conference's plan in the data folder;
//! - the **roster**: only when a file is given.
//!
//! Problems that stop the opening are [`WorkspaceError`]s; anything the user should know but that
//! does not stop it (import warnings, a plan or roster for another conference id, a roster that
//! adds nothing) is a [`WorkspaceWarning`], reported in the order it was found. Nothing here
//! prints or logs: the caller reports each problem once.

use std::path::{Path, PathBuf};

use super::import::{self, ImportError};
use super::paths;
use super::samples;
use super::settings::Settings;
use super::store::{self, Loaded, StoreError};
use crate::model::roster::Roster;
use crate::model::schedule::Warning;
use crate::model::{ConferenceId, Plan, Schedule, Timeline, Zone};

/// Where [`Workspace::open`] looks; `None` means the default (see the module docs).
#[derive(Clone, Copy, Debug, Default)]
pub struct WorkspaceSources<'a> {
    /// The data folder, already resolved ([`paths::data_dir`]); `None` when there is none.
    pub data_dir: Option<&'a Path>,
    /// The schedule file; else the last one opened in the app, else the bundled sample.
    pub schedule: Option<&'a Path>,
    /// The plan file; else the conference's plan in the data folder.
    pub plan: Option<&'a Path>,
    /// A booth or volunteer roster to open beside the plan; none by default.
    pub roster: Option<&'a Path>,
}

/// A schedule, a plan and maybe a roster, opened together.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub schedule: Schedule,
    /// The schedule's file; `None` for the bundled sample.
    pub schedule_path: Option<PathBuf>,
    pub plan: Plan,
    pub plan_path: PathBuf,
    pub roster: Option<Roster>,
}

/// Why a workspace could not be opened. Paths come last in the messages.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The settings are unreadable, and no schedule was given, so which one to open is unknown.
    #[error("{0}")]
    Settings(Box<StoreError>),
    #[error("the bundled sample does not load: {0}")]
    Sample(Box<ImportError>),
    #[error("{source}: {}", path.display())]
    Schedule { source: Box<ImportError>, path: PathBuf },
    /// No plan file was given and there is no data folder to find one in.
    #[error("there is no data folder to find the plan in")]
    NoDataDir,
    #[error("there is no plan file here: {}", path.display())]
    NoPlan { path: PathBuf },
    #[error("{0}")]
    Plan(Box<StoreError>),
    #[error("there is no roster file here: {}", path.display())]
    NoRoster { path: PathBuf },
    #[error("{0}")]
    Roster(Box<StoreError>),
}

/// Something worth knowing about an opened workspace.
#[derive(Debug)]
pub enum WorkspaceWarning {
    /// The settings are unreadable; a schedule was given, so they were not needed.
    SettingsIgnored(StoreError),
    /// The schedule's importer noticed something (see [`Schedule::warnings`]).
    Import { path: PathBuf, warning: Warning },
    /// The plan was made for another conference id. Kept: a renamed conference keeps its session
    /// ids, so the picks may still be right.
    PlanForAnotherConference { path: PathBuf, plan: ConferenceId, schedule: ConferenceId },
    /// The roster is for another conference id.
    RosterForAnotherConference { path: PathBuf, roster: ConferenceId, schedule: ConferenceId },
    /// A roster was opened, but the plan does not say whose it is (`me`), so the roster adds
    /// nothing to the timeline. `path` is the plan's.
    PlanNamesNobody { path: PathBuf },
    /// The plan's `me` has no booth shift or volunteer slot in the roster at `path`.
    NotOnRoster { path: PathBuf, me: String },
}

impl Workspace {
    /// Opens the schedule, plan and roster `sources` name (see the module docs), pushing what is
    /// worth knowing onto `warnings` as it is found, so warnings found before an error are kept.
    ///
    /// # Errors
    /// [`WorkspaceError`] when a piece cannot be found or read: a missing plan or roster file, an
    /// unreadable schedule, settings that must name the schedule and cannot be read.
    pub fn open(sources: &WorkspaceSources<'_>, warnings: &mut Vec<WorkspaceWarning>) -> Result<Self, WorkspaceError> {
        let settings = settings(sources.data_dir, sources.schedule.is_some(), warnings)?;
        let schedule_path = sources.schedule.map(Path::to_owned).or(settings.last_schedule);
        let mut schedule = match &schedule_path {
            Some(path) => import::load(path)
                .map_err(|source| WorkspaceError::Schedule { source: Box::new(source), path: path.clone() })?,
            None => samples::sample_schedule().map_err(|source| WorkspaceError::Sample(Box::new(source)))?,
        };
        if let Some(path) = &schedule_path {
            warnings.extend(
                schedule.warnings().iter().map(|w| WorkspaceWarning::Import { path: path.clone(), warning: w.clone() }),
            );
        }
        // The zone the user chose in the app for a file that names none, as the app shows it.
        if let Some(zone) = settings.zone_overrides.get(&schedule.conference().id).and_then(|z| Zone::from_iana(z)) {
            schedule.set_zone(zone);
        }
        let conference_id = schedule.conference().id.clone();
        let plan_path = match (sources.plan, sources.data_dir) {
            (Some(path), _) => path.to_owned(),
            (None, Some(dir)) => paths::plan_path(dir, &conference_id),
            (None, None) => return Err(WorkspaceError::NoDataDir),
        };
        let plan = match store::load::<Plan>(&plan_path) {
            Ok(Loaded { document: Some(plan), .. }) => plan,
            Ok(Loaded { document: None, .. }) => return Err(WorkspaceError::NoPlan { path: plan_path }),
            Err(error) => return Err(WorkspaceError::Plan(Box::new(error))),
        };
        if plan.conference != conference_id {
            warnings.push(WorkspaceWarning::PlanForAnotherConference {
                path: plan_path.clone(),
                plan: plan.conference.clone(),
                schedule: conference_id.clone(),
            });
        }
        let roster = match sources.roster {
            Some(path) => Some(roster(path, &conference_id, &plan, &plan_path, warnings)?),
            None => None,
        };
        Ok(Self { schedule, schedule_path, plan, plan_path, roster })
    }

    /// The attendee's timeline: their plan, plus their shifts and volunteer slots in the roster
    /// ([`Timeline::for_attendee`], as the app builds it).
    pub fn timeline(&self) -> Timeline {
        Timeline::for_attendee(&self.schedule, &self.plan, self.roster.as_ref())
    }
}

/// The app's settings from the data folder (defaults when there are none). Unreadable settings
/// are an error when they must name the schedule, and only a warning otherwise.
fn settings(
    data_dir: Option<&Path>,
    has_explicit_schedule: bool,
    warnings: &mut Vec<WorkspaceWarning>,
) -> Result<Settings, WorkspaceError> {
    let Some(dir) = data_dir else {
        return Ok(Settings::default());
    };
    match store::load::<Settings>(&paths::settings_path(dir)) {
        Ok(loaded) => Ok(loaded.document.unwrap_or_default()),
        Err(error) if has_explicit_schedule => {
            warnings.push(WorkspaceWarning::SettingsIgnored(error));
            Ok(Settings::default())
        }
        Err(error) => Err(WorkspaceError::Settings(Box::new(error))),
    }
}

/// The roster at `path`, with warnings when it is for another conference or adds nothing for
/// the plan's owner.
fn roster(
    path: &Path,
    conference_id: &ConferenceId,
    plan: &Plan,
    plan_path: &Path,
    warnings: &mut Vec<WorkspaceWarning>,
) -> Result<Roster, WorkspaceError> {
    let roster = match store::load::<Roster>(path) {
        Ok(Loaded { document: Some(roster), .. }) => roster,
        Ok(Loaded { document: None, .. }) => return Err(WorkspaceError::NoRoster { path: path.to_owned() }),
        Err(error) => return Err(WorkspaceError::Roster(Box::new(error))),
    };
    if roster.conference() != conference_id {
        warnings.push(WorkspaceWarning::RosterForAnotherConference {
            path: path.to_owned(),
            roster: roster.conference().clone(),
            schedule: conference_id.clone(),
        });
    }
    match plan.me.as_deref() {
        None => warnings.push(WorkspaceWarning::PlanNamesNobody { path: plan_path.to_owned() }),
        Some(me) if roster.timeline_items(me).is_empty() && roster.slot_items(me).is_empty() => {
            warnings.push(WorkspaceWarning::NotOnRoster { path: path.to_owned(), me: me.to_owned() });
        }
        Some(_) => {}
    }
    Ok(roster)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::store::Fingerprint;
    use crate::model::ItemKind;

    /// A data folder holding the sample plan as the sample conference's plan.
    fn data_dir_with_sample_plan() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let plan = samples::sample_plan().unwrap();
        store::save(&paths::plan_path(dir.path(), &plan.conference), &plan, Fingerprint::Missing).unwrap();
        dir
    }

    #[test]
    fn with_nothing_named_it_opens_the_sample_and_the_data_folders_plan() {
        let dir = data_dir_with_sample_plan();
        let sources = WorkspaceSources { data_dir: Some(dir.path()), ..WorkspaceSources::default() };
        let mut warnings = Vec::new();
        let workspace = Workspace::open(&sources, &mut warnings).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(workspace.schedule_path, None, "the bundled sample");
        assert_eq!(workspace.plan, samples::sample_plan().unwrap());
        assert_eq!(workspace.plan_path, paths::plan_path(dir.path(), &workspace.plan.conference));
        assert!(workspace.roster.is_none());
        assert_eq!(
            workspace.timeline().items().len(),
            Timeline::build(&workspace.schedule, &workspace.plan).items().len()
        );
    }

    #[test]
    fn a_roster_adds_the_plans_shifts_and_slots() {
        let dir = data_dir_with_sample_plan();
        let roster_path = dir.path().join("roster.ron");
        store::write_atomic(&roster_path, samples::SAMPLE_ROSTER).unwrap();
        let sources =
            WorkspaceSources { data_dir: Some(dir.path()), roster: Some(&roster_path), ..WorkspaceSources::default() };
        let mut warnings = Vec::new();
        let workspace = Workspace::open(&sources, &mut warnings).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let timeline = workspace.timeline();
        assert!(timeline.items().iter().any(|i| i.kind == ItemKind::Shift), "the sample plan's me has booth shifts");
    }

    #[test]
    fn missing_pieces_are_errors_naming_them_and_earlier_warnings_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut warnings = Vec::new();
        let sources = WorkspaceSources { data_dir: Some(dir.path()), ..WorkspaceSources::default() };
        let error = Workspace::open(&sources, &mut warnings).unwrap_err();
        assert!(matches!(&error, WorkspaceError::NoPlan { path } if path.starts_with(dir.path())), "{error}");
        let error = Workspace::open(&WorkspaceSources::default(), &mut warnings).unwrap_err();
        assert!(matches!(error, WorkspaceError::NoDataDir), "{error}");

        // A plan for another conference is a warning, kept when the roster then is missing.
        let plan_path = dir.path().join("plan.ron");
        store::save(&plan_path, &Plan::new("another-conference"), Fingerprint::Missing).unwrap();
        let missing = dir.path().join("no-roster.ron");
        let sources =
            WorkspaceSources { plan: Some(&plan_path), roster: Some(&missing), ..WorkspaceSources::default() };
        let error = Workspace::open(&sources, &mut warnings).unwrap_err();
        assert!(matches!(&error, WorkspaceError::NoRoster { path } if *path == missing), "{error}");
        assert!(
            matches!(&warnings[..], [WorkspaceWarning::PlanForAnotherConference { plan, .. }] if plan.as_str() == "another-conference"),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_roster_that_adds_nothing_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let roster_path = dir.path().join("roster.ron");
        store::write_atomic(&roster_path, samples::SAMPLE_ROSTER).unwrap();
        let plan_path = dir.path().join("plan.ron");
        let mut plan = samples::sample_plan().unwrap();
        plan.me = None;
        store::save(&plan_path, &plan, Fingerprint::Missing).unwrap();
        let sources =
            WorkspaceSources { plan: Some(&plan_path), roster: Some(&roster_path), ..WorkspaceSources::default() };
        let mut warnings = Vec::new();
        Workspace::open(&sources, &mut warnings).unwrap();
        assert!(matches!(&warnings[..], [WorkspaceWarning::PlanNamesNobody { path }] if *path == plan_path));

        plan.me = Some("Nobody Known".into());
        let stranger_path = dir.path().join("stranger.ron");
        store::save(&stranger_path, &plan, Fingerprint::Missing).unwrap();
        let sources = WorkspaceSources { plan: Some(&stranger_path), ..sources };
        warnings.clear();
        Workspace::open(&sources, &mut warnings).unwrap();
        assert!(
            matches!(&warnings[..], [WorkspaceWarning::NotOnRoster { me, .. }] if me == "Nobody Known"),
            "{warnings:?}"
        );
    }
}
