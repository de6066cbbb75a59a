//! The roster a booth captain or volunteer coordinator has open: its file, its staff's busy
//! times (from their plan files, never modified), and what is derived from it (violations, hours,
//! coverage), recomputed when it changes and never per frame. Roster edits go through the same
//! undo history as plan edits. The roster is the captain's own file: if another program changed
//! it, this window stops saving rather than merging.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::LanyardApp;
use super::doc_slot::{DocSlot, Settled};
use super::persistence::report_save_error;
use crate::io::store;
use crate::model::autoroster::AutoRoster;
use crate::model::busy::StaffBusy;
use crate::model::roster::{Roster, RosterEdit};
use crate::model::roster_report::RosterReport;
use crate::ui::Banner;

pub use crate::io::samples::SAMPLE_ROSTER;
use crate::io::samples::SAMPLE_STAFF_PLANS;

/// An open roster, apart from the document itself (which lives in the undoable workspace).
pub(super) struct OpenRoster {
    pub slot: DocSlot<Roster>,
    /// Staff members' busy times, from the folder of their plan files.
    pub busy: StaffBusy,
    pub staff_folder: Option<PathBuf>,
    pub derived: RosterReport,
    /// The last auto-roster's report (seats, filled, bound, unfilled explained).
    pub last_auto: Option<AutoRoster>,
}

impl LanyardApp {
    /// Opens a roster file (the captain's own), with the staff plans folder remembered for it.
    pub(super) fn open_roster(&mut self, path: &Path) {
        self.save_roster_now();
        let (roster, slot) = match store::load::<Roster>(path) {
            Ok(loaded) => match loaded.document {
                Some(roster) => (
                    roster,
                    super::persistence::slot_with_extras(
                        path.to_owned(),
                        loaded.fingerprint,
                        loaded.extras,
                        &mut self.ui.banners,
                    ),
                ),
                None => {
                    self.ui.banners.push(Banner::error(format!("There is no roster at {}.", path.display())));
                    return;
                }
            },
            Err(err) => {
                // The captain chose this file: if it cannot be read, say why and leave it alone.
                log::warn!("{err}");
                self.ui.banners.push(Banner::error(format!("{err}\nThe roster was not opened and is left untouched.")));
                return;
            }
        };
        if roster.conference() != self.ws.schedule.conference().id {
            self.ui.banners.push(Banner::warning(format!(
                "The roster \"{}\" is for conference \"{}\", not the one open; its shifts are shown as they are.",
                roster.name(),
                roster.conference()
            )));
        }
        let conference = self.ws.schedule.conference().id.clone();
        let staff_folder = self.settings.staff_plans.get(&conference).cloned();
        self.ws.roster = Some(Arc::new(roster));
        self.roster = Some(OpenRoster {
            slot,
            busy: StaffBusy::default(),
            staff_folder: None,
            derived: RosterReport::default(),
            last_auto: None,
        });
        self.settings.rosters.insert(conference, std::path::absolute(path).unwrap_or_else(|_| path.to_owned()));
        self.save_settings();
        if let Some(folder) = staff_folder {
            self.load_staff_folder(&folder);
        }
        self.roster_changed(None);
        self.undo.clear();
    }

    /// Opens the sample roster: copied into the data folder on first use (with its staff plans),
    /// so the bundled file is never edited.
    pub(super) fn open_sample_roster(&mut self) {
        let Some(dir) = self.data_dir.clone() else {
            self.ui.banners.push(Banner::error("There is no data folder to keep the sample roster in."));
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
            self.ui.banners.push(Banner::error(format!("Could not copy the sample roster: {err}")));
            return;
        }
        self.settings.staff_plans.insert(self.ws.schedule.conference().id.clone(), staff);
        self.open_roster(&roster_path);
    }

    pub(super) fn close_roster(&mut self) {
        self.save_roster_now();
        self.ws.roster = None;
        self.roster = None;
        self.settings.rosters.remove(&self.ws.schedule.conference().id);
        self.save_settings();
        self.undo.clear();
        self.rebuild_timeline();
    }

    /// Applies one roster edit as an undoable step.
    pub(super) fn edit_roster(&mut self, edit: RosterEdit, time: f64) {
        let Some(current) = self.ws.roster.clone() else { return };
        if let Some(reason) = self.roster.as_ref().and_then(|r| r.slot.read_only.clone()) {
            self.ui.banners.push(Banner::warning(format!("The roster is read-only: {reason}")));
            return;
        }
        let mut roster = (*current).clone();
        match roster.apply(edit) {
            Ok(()) if roster != *current => {
                let before = self.ws.clone();
                self.ws.roster = Some(Arc::new(roster));
                self.undo.push(before);
                self.roster_changed(Some(time));
            }
            Ok(()) => {}
            Err(err) => self.ui.banners.push(Banner::warning(err.to_string())),
        }
    }

    /// After the roster changed (edit, undo, load): derived data, the timeline, autosave.
    pub(super) fn roster_changed(&mut self, edited_at: Option<f64>) {
        if let (Some(open), Some(roster)) = (&mut self.roster, &self.ws.roster) {
            open.derived = RosterReport::of(roster, &open.busy);
            if let Some(time) = edited_at {
                open.slot.mark_dirty(time);
            }
        }
        self.roster_revision += 1;
        self.rebuild_timeline();
    }

    /// Reads a folder of staff members' plans (never writing them) into busy times.
    pub(super) fn load_staff_folder(&mut self, folder: &Path) {
        let (Some(open), Some(roster)) = (&mut self.roster, &self.ws.roster) else { return };
        match crate::io::staff_plans::load_folder(folder, roster, Some(&self.ws.schedule)) {
            Ok(files) => {
                for problem in &files.problems {
                    log::warn!("{problem}");
                    self.ui.banners.push(if problem.is_error {
                        Banner::error(problem.to_string())
                    } else {
                        Banner::warning(problem.to_string())
                    });
                }
                self.ui.banners.push(Banner::info(format!(
                    "Read {} staff plans from {}: their must-see picks now count.",
                    files.matched.len(),
                    folder.display()
                )));
                open.busy = files.busy;
                open.staff_folder = Some(folder.to_owned());
                self.settings.staff_plans.insert(self.ws.schedule.conference().id.clone(), folder.to_owned());
                self.save_settings();
                self.roster_changed(None);
            }
            Err(err) => self.ui.banners.push(Banner::error(err.to_string())),
        }
    }

    /// Applies an auto-roster result as one undoable step, unless the roster changed meanwhile.
    pub(super) fn finish_auto_roster(&mut self, revision: u64, result: AutoRoster, time: f64) {
        if revision != self.roster_revision {
            self.ui.banners.push(Banner::warning("The roster changed while the auto-roster ran; run it again."));
            return;
        }
        let summary = format!(
            "Auto-roster: {} of {} seats filled (no roster could fill more than {}); {} added.",
            result.filled,
            result.seats,
            result.bound,
            result.added.len()
        );
        self.edit_roster(RosterEdit::SetAssignments(result.assignments.clone()), time);
        self.ui.banners.push(Banner::info(summary));
        if let Some(open) = &mut self.roster {
            open.last_auto = Some(result);
        }
    }

    pub(super) fn autosave_roster(&mut self, ctx: &egui::Context, time: f64) {
        let Some(open) = &mut self.roster else { return };
        let Some(roster) = &self.ws.roster else { return };
        let mut settled = open.slot.poll();
        if settled.is_none()
            && let Some(due) = open.slot.due_in(time)
        {
            if due <= 0.0 {
                let waker = self.waker.clone();
                settled = open.slot.start_background_save(roster, time, move || waker.wake());
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(due));
            }
        }
        if let Some(done) = settled {
            self.settle_roster(done);
        }
    }

    pub(super) fn roster_is_saving(&self) -> bool {
        self.roster.as_ref().is_some_and(|r| r.slot.is_saving())
    }

    fn settle_roster(&mut self, done: Settled<Roster>) {
        let Some(open) = &mut self.roster else { return };
        match done.result {
            Ok(fingerprint) => open.slot.saved(done.revision, fingerprint),
            Err(err) => {
                if err.is_read_only() {
                    open.slot.read_only = Some(err.to_string());
                }
                report_save_error(&mut self.ui.banners, &mut open.slot.last_error, &err);
            }
        }
    }

    /// Saves the roster now and waits (exit, switching rosters).
    pub(super) fn save_roster_now(&mut self) {
        let Some(open) = &mut self.roster else { return };
        let mut settled = open.slot.wait();
        if let Some(done) = settled.take() {
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
