//! Which schedule is open, and what happens when another one is opened:
//!
//! - a **different conference** switches everything: the current plan is saved, the new
//!   conference's plan is loaded, undo history starts afresh;
//! - a **newer version of the same conference** (same id, or else same acronym and name) is an
//!   update: picks, notes and watch-later marks carry over by stable id, picks of sessions that
//!   disappeared stay as orphans, "What changed" lists the differences, and the whole update is
//!   one undoable step.

use std::path::PathBuf;
use std::sync::Arc;

use super::ScheduleSource;
use super::documents::{Changed, Documents, Workspace};
use super::tasks::Tasks;
use crate::io::import::{self, ImportError};
use crate::io::settings::Settings;
use crate::model::{Conference, Schedule, ScheduleBuilder, ScheduleDiff, Zone};
use crate::ui::{Banner, Tab};

/// The bundled sample conference.
pub(super) fn sample() -> Schedule {
    match import::parse(crate::io::samples::SAMPLE_SCHEDULE, "sample-conference.ron") {
        Ok(schedule) => schedule,
        Err(err) => {
            // The sample is tested in CI; this only guards against a broken build.
            log::error!("the bundled sample does not load: {err}");
            placeholder()
        }
    }
}

/// An empty schedule, shown only if even the sample fails.
pub(super) fn placeholder() -> Schedule {
    ScheduleBuilder::new(Conference::named("empty", "No schedule")).build()
}

/// The schedule to start with: the command line's, else the last one opened, else the sample.
pub(super) fn initial_schedule(
    path: Option<PathBuf>,
    settings: &Settings,
    preloaded: Option<Preloaded>,
    banners: &mut Vec<Banner>,
) -> (Schedule, ScheduleSource) {
    let Some(path) = path.or_else(|| settings.last_schedule.clone()) else {
        return (sample(), ScheduleSource::Sample);
    };
    let result = match preloaded {
        Some(preloaded) if preloaded.path == path => preloaded.result,
        _ => import::load(&path),
    };
    match result {
        Ok(schedule) => (schedule, ScheduleSource::File(path)),
        Err(err) => {
            let message = err.display_with_path(&path);
            log::warn!("{message}");
            banners.push(Banner::error(format!("{message}\nShowing the sample conference instead.")));
            (sample(), ScheduleSource::Sample)
        }
    }
}

/// A schedule imported while the window was being created.
pub struct Preloaded {
    path: PathBuf,
    result: Result<Schedule, ImportError>,
}

impl Preloaded {
    /// A schedule already in memory, standing for the file at `path`.
    pub(super) fn loaded(path: PathBuf, schedule: Schedule) -> Self {
        Self { path, result: Ok(schedule) }
    }
}

/// Starts importing the schedule lanyard will open (the command line's, else the last one) on a
/// named thread, so the import overlaps creating the window. `None` when there is nothing to
/// load or no thread could be started; the app then loads it itself.
pub fn preload(config: &super::AppConfig) -> Option<std::thread::JoinHandle<Option<Preloaded>>> {
    let explicit = config.schedule_path.clone();
    let data_dir = config.data_dir.clone();
    crate::io::thread::spawn("preload", move || {
        let remembered = || {
            let settings = crate::io::paths::settings_path(data_dir.as_deref()?);
            crate::io::store::load::<Settings>(&settings).ok()?.document?.last_schedule
        };
        let path = explicit.or_else(remembered)?;
        let result = import::load(&path);
        Some(Preloaded { path, result })
    })
    .ok()
}

impl Documents {
    /// Opens `schedule`: an update if it is a newer version of the open conference, else a switch.
    pub(super) fn open_schedule(&mut self, schedule: Schedule, source: ScheduleSource, time: f64, tasks: &mut Tasks) {
        let schedule = self.with_zone_override(schedule);
        let same_plan_file = schedule.conference().id == self.ws.schedule.conference().id;
        if same_plan_file && self.ws.schedule.is_same_conference(&schedule) && self.plan.slot.read_only.is_none() {
            self.update_schedule(schedule, source, time);
        } else if self.ws.schedule.is_same_conference(&schedule) && self.plan_would_be_new(&schedule) {
            // Same acronym and name under a new id: carry the plan over to the new id's file.
            self.flush(tasks);
            let mut plan = self.ws.plan.clone();
            plan.conference.clone_from(&schedule.conference().id);
            self.install_schedule(schedule, source, tasks);
            if self.plan.slot.read_only.is_none() {
                plan.remember(&self.ws.schedule);
                self.ws.plan = plan;
                self.changed(Changed::PLAN, time);
            }
        } else {
            self.install_schedule(schedule, source, tasks);
        }
    }

    fn plan_would_be_new(&self, schedule: &Schedule) -> bool {
        self.data_dir
            .as_deref()
            .map(|dir| crate::io::paths::plan_path(dir, &schedule.conference().id))
            .is_some_and(|path| !path.exists())
    }

    /// A newer version of the same conference: one undoable step.
    fn update_schedule(&mut self, schedule: Schedule, source: ScheduleSource, time: f64) {
        let diff = ScheduleDiff::between(&self.ws.schedule, &schedule);
        let before = self.ws.clone();
        let mut plan = self.ws.plan.clone();
        plan.remember(&schedule);
        let (added, cancelled, moved, changed) = diff.counts();
        let orphans = plan.orphans(&schedule).count();
        let name = schedule.conference().name.clone();
        let has_changes = !diff.is_empty();
        let roster = self.ws.roster.clone();
        self.ws = Workspace { schedule: Arc::new(schedule), source, plan, changes: Some(Arc::new(diff)), roster };
        self.commit(before, Changed::SCHEDULE_AND_PLAN, time);
        self.remember_source();
        let mut message = if has_changes {
            format!(
                "Updated {name}: {added} added, {cancelled} cancelled, {moved} moved, {changed} changed. Your picks are kept."
            )
        } else {
            format!("Reloaded {name}: nothing changed.")
        };
        if orphans > 0 {
            message.push_str(&format!(" {orphans} of your picks are no longer in the schedule; see My agenda."));
        }
        self.banner(Banner::info(message));
        if has_changes {
            self.show(Tab::Changes);
        }
    }

    /// Switches to another conference: saves the current plan, loads that conference's plan.
    pub(super) fn install_schedule(&mut self, schedule: Schedule, source: ScheduleSource, tasks: &mut Tasks) {
        self.flush(tasks);
        let schedule = self.with_zone_override(schedule);
        let plan_path = self.data_dir.as_deref().map(|dir| crate::io::paths::plan_path(dir, &schedule.conference().id));
        let (mut plan, mut slot) =
            super::persistence::load_plan(plan_path, &schedule.conference().id, &mut self.notices.banners);
        self.plan.base = plan.clone();
        if plan.remember(&schedule) {
            slot.mark_dirty(0.0);
        }
        if !schedule.warnings().is_empty() {
            log::warn!("{} warnings while importing {}", schedule.warnings().len(), schedule.conference().name);
        }
        self.roster = None;
        self.ws = Workspace { schedule: Arc::new(schedule), source, plan, changes: None, roster: None };
        self.plan.slot = slot;
        self.plan.found = None;
        self.plan.watch = match (&self.plan.slot.path, &self.plan.slot.read_only) {
            (Some(path), None) => {
                let (inbox, watched) = (self.inbox.clone(), path.clone());
                crate::io::watch::FileWatch::start(path, self.plan.slot.fingerprint, move |found| {
                    let found = crate::command::Parcel::new(found);
                    inbox.send(crate::command::Command::Done(crate::command::Done::PlanOnDisk {
                        path: watched.clone(),
                        found,
                    }))
                })
            }
            _ => None,
        };
        self.changed(Changed { schedule: true, plan: false, roster: true }, 0.0);
        self.revisions.plan += 1;
        self.forget_history();
        self.notices.deselect = true;
        self.reload_friends();
        self.restore_filter();
        // The conference's roster, if one was open with it last time.
        if let Some(roster) = self.settings.value.rosters.get(&self.ws.schedule.conference().id).cloned() {
            self.open_roster(&roster, tasks);
        }
        self.notices.leave_changes = true;
        self.remember_source();
    }

    pub(super) fn finish_import(
        &mut self,
        path: PathBuf,
        result: Result<Schedule, ImportError>,
        time: f64,
        tasks: &mut Tasks,
    ) {
        match result {
            Ok(schedule) => {
                let switching = !self.ws.schedule.is_same_conference(&schedule);
                let name = schedule.conference().name.clone();
                let count = schedule.sessions().len();
                let warnings = schedule.warnings().len();
                self.open_schedule(schedule, ScheduleSource::File(path), time, tasks);
                if switching {
                    let mut message = format!("Opened {name}: {count} sessions.");
                    if warnings > 0 {
                        message.push_str(&format!(" {warnings} import warnings (see the status bar)."));
                    }
                    if self.ws.schedule.conference().zone == Zone::Floating {
                        message.push_str(" The file names no time zone; set it in Settings.");
                    }
                    self.banner(Banner::info(message));
                }
            }
            Err(err) => {
                let message = err.display_with_path(&path);
                log::warn!("{message}");
                self.banner(Banner::error(format!("{message}\nThe schedule you had open is unchanged.")));
            }
        }
    }

    /// The user's choice of zone for this conference, remembered in settings.
    pub(super) fn with_zone_override(&self, mut schedule: Schedule) -> Schedule {
        if let Some(zone) =
            self.settings.value.zone_overrides.get(&schedule.conference().id).and_then(|z| Zone::from_iana(z))
        {
            schedule.set_zone(zone);
        }
        schedule
    }

    /// Sets (or with `None` forgets) the zone of the open conference. Wall-clock times stay; the
    /// instants they mean (for "now" and for exports) change.
    pub(super) fn set_conference_zone(&mut self, zone: Option<&str>) {
        let id = self.ws.schedule.conference().id.clone();
        match zone.and_then(Zone::from_iana) {
            Some(parsed) => {
                self.settings.value.zone_overrides.insert(id, parsed.name().unwrap_or_default().to_owned());
                let mut schedule = (*self.ws.schedule).clone();
                schedule.set_zone(parsed);
                self.ws.schedule = Arc::new(schedule);
                self.revisions.schedule += 1;
            }
            None => {
                self.settings.value.zone_overrides.remove(&id);
                self.banner(Banner::info("The conference zone will be read from the file the next time it opens."));
            }
        }
        self.save_settings();
    }

    /// After undo/redo brought back an older schedule: it keeps the zone the user chose since.
    pub(super) fn reapply_zone_override(&mut self) {
        let wanted = self.with_zone_override((*self.ws.schedule).clone()).conference().zone;
        if wanted != self.ws.schedule.conference().zone {
            let mut schedule = (*self.ws.schedule).clone();
            schedule.set_zone(wanted);
            self.ws.schedule = Arc::new(schedule);
        }
    }
}
