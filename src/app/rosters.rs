//! The roster a booth captain or volunteer coordinator has open: its file, its staff's busy
//! times (from their plan files, never modified), the auto-roster and the roster's saves. Roster
//! edits go through the same
//! undo history as plan edits. The roster is the captain's own file: if another program changed
//! it, this window stops saving rather than merging.

use crate::model::roster::AssignEdit;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::doc_slot::{DocSlot, Settled};
use super::documents::{Changed, Documents};
use super::persistence::report_save_error;
use super::tasks::{Task, Tasks};
use crate::command::{Command, Done, Parcel};
use crate::io::samples::{SAMPLE_ROSTER, SAMPLE_STAFF_PLANS};
use crate::io::store;
use crate::model::autoroster::AutoRoster;
use crate::model::busy::StaffBusy;
use crate::model::roster::{Roster, RosterEdit, StaffEdit};
use crate::ui::Banner;

/// The roster's file and what is read beside it; the roster itself is in the workspace, so undo
/// covers it. What is derived from it (violations, hours, coverage) is in `app/derived.rs`.
pub(super) struct RosterFile {
    pub slot: DocSlot<Roster>,
    /// Staff members' busy times, from the folder of their plan files.
    pub busy: StaffBusy,
    pub staff_folder: Option<PathBuf>,
    /// The last auto-roster's report (seats, filled, bound, unfilled explained).
    pub last_auto: Option<AutoRoster>,
}

impl Documents {
    /// Opens a roster file (the captain's own), with the staff plans folder remembered for it.
    pub(super) fn open_roster(&mut self, path: &Path, tasks: &mut Tasks) {
        self.save_roster_now(tasks);
        let (roster, slot) = match store::load::<Roster>(path) {
            Ok(loaded) => match loaded.document {
                Some(roster) => (
                    roster,
                    super::persistence::slot_with_extras(
                        path.to_owned(),
                        loaded.fingerprint,
                        loaded.extras,
                        &mut self.notices.banners,
                    ),
                ),
                None => {
                    self.banner(Banner::error(format!("There is no roster at {}.", path.display())));
                    return;
                }
            },
            Err(err) => {
                // The captain chose this file: if it cannot be read, say why and leave it alone.
                log::warn!("{err}");
                self.banner(Banner::error(format!("{err}\nThe roster was not opened and is left untouched.")));
                return;
            }
        };
        if roster.conference() != &self.ws.schedule.conference().id {
            self.banner(Banner::warning(format!(
                "The roster \"{}\" is for conference \"{}\", not the one open; its shifts are shown as they are.",
                roster.name(),
                roster.conference()
            )));
        }
        let conference = self.ws.schedule.conference().id.clone();
        let staff_folder = self.settings.value.staff_plans.get(&conference).cloned();
        self.ws.roster = Some(Arc::new(roster));
        self.roster = Some(RosterFile { slot, busy: StaffBusy::default(), staff_folder: None, last_auto: None });
        self.settings.value.rosters.insert(conference, std::path::absolute(path).unwrap_or_else(|_| path.to_owned()));
        self.save_settings();
        if let Some(folder) = staff_folder {
            self.load_staff_folder(&folder);
        }
        self.revisions.roster += 1;
        self.forget_history();
    }

    /// Opens the sample roster: copied into the data folder on first use (with its staff plans),
    /// so the bundled file is never edited.
    pub(super) fn open_sample_roster(&mut self, tasks: &mut Tasks) {
        let Some(dir) = self.data_dir.clone() else {
            self.banner(Banner::error("There is no data folder to keep the sample roster in."));
            return;
        };
        let plan = crate::io::paths::plan_path(&dir, &self.ws.schedule.conference().id);
        let folder = plan.parent().map_or_else(|| dir.clone(), Path::to_path_buf);
        let roster_path = folder.join("sample-roster.ron");
        let staff = folder.join("staff-plans");
        let copy = || -> std::io::Result<()> {
            std::fs::create_dir_all(&staff)?;
            if !roster_path.exists() {
                store::write_atomic(&roster_path, SAMPLE_ROSTER)?;
            }
            for (name, bytes) in SAMPLE_STAFF_PLANS {
                let path = staff.join(name);
                if !path.exists() {
                    store::write_atomic(&path, bytes)?;
                }
            }
            Ok(())
        };
        if let Err(err) = copy() {
            self.banner(Banner::error(format!("Could not copy the sample roster: {err}")));
            return;
        }
        self.settings.value.staff_plans.insert(self.ws.schedule.conference().id.clone(), staff);
        self.open_roster(&roster_path, tasks);
    }

    /// Where a new roster is suggested: `ROSTER-roster.ron` in the conference's folder of the data
    /// folder, beside the plan (or the working folder without a data folder), numbered if taken.
    pub(super) fn new_roster_path(&self) -> PathBuf {
        let conference = &self.ws.schedule.conference().id;
        let folder = self
            .data_dir
            .as_deref()
            .and_then(|dir| crate::io::paths::plan_path(dir, conference).parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let stem = crate::io::paths::safe_folder_name(conference.as_str());
        (1..100)
            .map(|n| {
                if n == 1 {
                    folder.join(format!("{stem}-roster.ron"))
                } else {
                    folder.join(format!("{stem}-roster-{n}.ron"))
                }
            })
            .find(|path| !path.exists())
            .unwrap_or_else(|| folder.join(format!("{stem}-roster.ron")))
    }

    /// Starts an empty roster for the open conference at `path` and opens it. An existing file is
    /// never overwritten: a roster already there is opened instead, anything else is refused.
    pub(super) fn create_roster(&mut self, path: &Path, tasks: &mut Tasks) {
        if path.exists() {
            match store::load::<Roster>(path) {
                Ok(loaded) if loaded.document.is_some() => {
                    self.banner(Banner::info(format!(
                        "There is a roster at {} already; it is open now, unchanged.",
                        path.display()
                    )));
                    self.open_roster(path, tasks);
                }
                _ => self.banner(Banner::error(format!(
                    "{} exists and is not a roster; choose another name. The file is left untouched.",
                    path.display()
                ))),
            }
            return;
        }
        let conference = self.ws.schedule.conference();
        let stem = path.file_stem().map_or_else(|| "roster".to_owned(), |s| s.to_string_lossy().into_owned());
        let parts = crate::model::roster::RosterParts {
            id: crate::io::paths::safe_folder_name(&stem),
            conference: conference.id.clone(),
            name: format!("{} booths", conference.name),
            zone: conference.zone,
            // A conference day ends when the conference says it does (after the late talks).
            rules: crate::model::roster::RosterRules {
                day_change: conference.day_change,
                ..crate::model::roster::RosterRules::default()
            },
            ..crate::model::roster::RosterParts::default()
        };
        let created = Roster::from_parts(parts).map_err(|e| e.to_string()).and_then(|roster| {
            if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
            }
            store::save(path, &roster, store::Fingerprint::Missing).map_err(|e| e.to_string())
        });
        match created {
            Ok(_) => {
                self.open_roster(path, tasks);
                // What to add first is on the roster itself, and goes as the steps are done.
                self.banner(Banner::info(format!("New roster saved at {}.", path.display())));
            }
            Err(err) => self.banner(Banner::error(format!("Could not create the roster: {err}"))),
        }
    }

    pub(super) fn close_roster(&mut self, tasks: &mut Tasks) {
        self.save_roster_now(tasks);
        self.ws.roster = None;
        self.roster = None;
        self.settings.value.rosters.remove(&self.ws.schedule.conference().id);
        self.save_settings();
        self.forget_history();
        self.revisions.roster += 1;
    }

    /// Applies one roster edit as an undoable step.
    pub(super) fn edit_roster(&mut self, edit: RosterEdit, time: f64) {
        let Some(current) = self.ws.roster.clone() else { return };
        if let Some(reason) = self.roster.as_ref().and_then(|r| r.slot.read_only.clone()) {
            self.banner(Banner::warning(format!("The roster is read-only: {reason}")));
            return;
        }
        let mut roster = (*current).clone();
        match roster.apply(edit) {
            Ok(()) if roster != *current => {
                let before = self.ws.clone();
                self.ws.roster = Some(Arc::new(roster));
                self.commit(before, Changed::ROSTER, time);
            }
            Ok(()) => {}
            Err(err) => self.banner(Banner::warning(err.to_string())),
        }
    }

    /// After the roster changed (edit, undo, load): derived data, the timeline, autosave.
    pub(super) fn load_staff_folder(&mut self, folder: &Path) {
        let Some(roster) = &self.ws.roster else { return };
        match crate::io::staff_plans::load_folder(folder, roster, Some(&self.ws.schedule)) {
            Ok(files) => {
                for problem in &files.problems {
                    log::warn!("{problem}");
                    self.banner(if problem.is_error {
                        Banner::error(problem.to_string())
                    } else {
                        Banner::warning(problem.to_string())
                    });
                }
                self.banner(Banner::info(format!(
                    "Read {} staff plans from {}: their must-see picks now count.",
                    files.matched.len(),
                    folder.display()
                )));
                let Some(open) = &mut self.roster else { return };
                open.busy = files.busy;
                open.staff_folder = Some(folder.to_owned());
                self.settings.value.staff_plans.insert(self.ws.schedule.conference().id.clone(), folder.to_owned());
                self.save_settings();
                self.revisions.roster += 1;
            }
            Err(err) => self.banner(Banner::error(err.to_string())),
        }
    }

    /// Starts the auto-roster on the roster as it is now; its result comes back as a command.
    pub(super) fn start_auto_roster(&mut self, tasks: &mut Tasks) {
        let (Some(roster), Some(open)) = (&self.ws.roster, &self.roster) else { return };
        if tasks.is_running(Task::AutoRoster) {
            return;
        }
        let (roster, busy, revision) = (Arc::clone(roster), roster.busy_with_slots(&open.busy), self.revisions.roster);
        let started = tasks.spawn(Task::AutoRoster, move || {
            let options = crate::model::autoroster::AutoRosterOptions { keep_unlocked: true };
            let result = Parcel::new(crate::model::autoroster::auto_roster(&roster, &busy, options));
            Some(Command::Done(Done::AutoRostered { revision, result }))
        });
        if let Err(message) = started {
            self.banner(Banner::error(message));
        }
    }

    /// Takes in the auto-roster's result, as one undoable edit, unless the roster changed while
    /// it ran.
    pub(super) fn finish_auto_roster(&mut self, revision: u64, result: &Parcel<AutoRoster>, time: f64) {
        let Some(result) = result.take() else { return };
        if revision != self.revisions.roster {
            self.banner(Banner::warning("The roster changed while the auto-roster ran; run it again."));
            return;
        }
        let summary = if result.filled == result.seats {
            format!("Auto-roster: every seat filled ({}); {} added.", result.seats, result.added.len())
        } else {
            format!(
                "Auto-roster: {} of {} seats filled (no roster could fill more than {}); {} added.",
                result.filled,
                result.seats,
                result.bound,
                result.added.len()
            )
        };
        self.edit_roster(RosterEdit::Assign(AssignEdit::SetAll(result.assignments.clone())), time);
        self.banner(Banner::info(summary));
        if let Some(open) = &mut self.roster {
            open.last_auto = Some(result);
        }
    }

    /// Starts the roster's save when due; returns the seconds until a retry is due.
    pub(super) fn autosave_roster(&mut self, tasks: &mut Tasks, time: f64) -> Option<f64> {
        let (Some(open), Some(roster)) = (&mut self.roster, &self.ws.roster) else { return None };
        if open.slot.is_saving() && !tasks.is_running(Task::SaveDocument(<Roster as store::Document>::KIND)) {
            open.slot.lost();
        }
        let due = open.slot.due_in(time)?;
        if due > 0.0 {
            return Some(due);
        }
        if let Some(done) = open.slot.start_background_save(roster, time, tasks) {
            self.settle_roster(done);
        }
        None
    }

    /// A background save of the roster finished.
    pub(super) fn roster_saved(&mut self, parcel: &Parcel<Settled<Roster>>) {
        let Some(open) = &mut self.roster else { return };
        if let Some(done) = open.slot.landed(parcel) {
            self.settle_roster(done);
        }
    }

    fn settle_roster(&mut self, done: Settled<Roster>) {
        let Some(open) = &mut self.roster else { return };
        match done.result {
            Ok(fingerprint) => open.slot.saved(done.revision, fingerprint),
            Err(err) => {
                if err.is_read_only() {
                    open.slot.read_only = Some(err.to_string());
                }
                report_save_error(&mut self.notices.banners, &mut open.slot.last_error, &err);
            }
        }
    }

    pub(super) fn save_roster_now(&mut self, tasks: &mut Tasks) {
        let Some(open) = &mut self.roster else { return };
        if let Some(done) = open.slot.wait(tasks) {
            self.settle_roster(done);
        }
        let (Some(open), Some(roster)) = (&mut self.roster, &self.ws.roster) else { return };
        if open.slot.is_dirty()
            && let Some(done) = open.slot.save_blocking(roster)
        {
            self.settle_roster(done);
        }
    }
}

impl Documents {
    /// Adds the people in a staff CSV to the open roster as one undoable step. Rows that cannot be
    /// read are skipped and listed (file and line); the rows that can are added whole.
    pub(super) fn import_staff(&mut self, path: &Path, time: f64) {
        let Some(roster) = self.ws.roster.clone() else {
            self.banner(Banner::warning("Open or start a roster before importing staff."));
            return;
        };
        let import = match crate::io::staff_csv::read_staff_csv(path, &roster) {
            Ok(import) => import,
            Err(err) => {
                self.banner(Banner::error(format!("{err}\nNobody was imported.")));
                return;
            }
        };
        let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let added = import.staff.len();
        if added > 0 {
            let before = roster.staff().len();
            self.edit_roster(RosterEdit::Staff(StaffEdit::AddMany(import.staff)), time);
            if self.ws.roster.as_ref().is_none_or(|r| r.staff().len() == before) {
                return; // refused; edit_roster said why
            }
        }
        let mut message = match added {
            0 => format!("Nobody was imported from {file}."),
            1 => format!("Imported 1 person from {file}."),
            n => format!("Imported {n} people from {file}."),
        };
        if !import.skipped.is_empty() {
            message.push_str(&format!(" {} rows skipped:", import.skipped.len()));
            for problem in import.skipped.iter().take(8) {
                message.push_str(&format!("\n{file}:{}: {}", problem.line, problem.message));
            }
            if import.skipped.len() > 8 {
                message.push_str(&format!("\n… and {} more", import.skipped.len() - 8));
            }
        }
        self.banner(if import.skipped.is_empty() && added > 0 {
            Banner::info(message)
        } else {
            Banner::warning(message)
        });
    }
}
