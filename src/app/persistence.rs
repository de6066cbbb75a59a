//! Loading and saving the user's documents from the app: which file, whether it may be written,
//! whether it has unsaved changes, and the background save that keeps disk I/O off the frame path.
//!
//! Autosave: an edit marks the plan dirty; about [`AUTOSAVE_DELAY_S`] later a save starts on a
//! named background thread. One save is in flight at a time. Exit and schedule switches flush
//! synchronously.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::LanyardApp;
use crate::io::settings::Settings;
use crate::io::store::{self, Document, Fingerprint, StoreError};
use crate::model::Plan;
use crate::ui::{Banner, SaveState};

/// Seconds between an edit and its autosave.
pub const AUTOSAVE_DELAY_S: f64 = 1.5;
/// Seconds before retrying a save that failed (disk full, folder read-only).
const RETRY_DELAY_S: f64 = 10.0;

type SaveResult = Result<Fingerprint, StoreError>;
/// A finished background save: its result, and the plan it wrote.
type SaveOutcome = (SaveResult, Plan);

/// One document file as the app sees it.
#[derive(Debug)]
pub(super) struct DocSlot {
    /// `None` when there is no data folder: nothing is saved.
    pub path: Option<PathBuf>,
    pub fingerprint: Fingerprint,
    /// Why the file must not be written, if it must not.
    pub read_only: Option<String>,
    /// Bumped on every change; the document is dirty while it differs from `saved_revision`.
    revision: u64,
    saved_revision: u64,
    /// egui time of the first unsaved change (or of the last failure, for the retry).
    due_from: f64,
    in_flight: Option<(Receiver<SaveOutcome>, u64)>,
    last_error: Option<String>,
}

impl DocSlot {
    pub fn detached() -> Self {
        Self::at(None, Fingerprint::Missing)
    }

    fn at(path: Option<PathBuf>, fingerprint: Fingerprint) -> Self {
        Self {
            path,
            fingerprint,
            read_only: None,
            revision: 0,
            saved_revision: 0,
            due_from: 0.0,
            in_flight: None,
            last_error: None,
        }
    }

    fn read_only(path: PathBuf, reason: String) -> Self {
        Self { read_only: Some(reason), ..Self::at(Some(path), Fingerprint::Missing) }
    }

    pub fn mark_dirty(&mut self, time: f64) {
        if self.read_only.is_some() {
            return;
        }
        if !self.is_dirty() {
            self.due_from = time;
        }
        self.revision += 1;
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision && self.read_only.is_none() && self.path.is_some()
    }

    pub fn state(&self) -> SaveState {
        if let Some(reason) = &self.read_only {
            SaveState::ReadOnly(reason.clone())
        } else if self.path.is_none() {
            SaveState::NotSaved
        } else if self.in_flight.is_some() {
            SaveState::Saving
        } else if let (true, Some(err)) = (self.is_dirty(), &self.last_error) {
            SaveState::Failed(err.clone())
        } else if self.is_dirty() {
            SaveState::Pending
        } else {
            SaveState::Saved
        }
    }
}

/// Loads the plan for `conference_id` from `path`, turning every problem into a banner and a
/// safe state: a corrupt file is set aside and an empty plan started; a newer or unreadable file
/// is shown read-only and never written.
pub(super) fn load_plan(path: Option<PathBuf>, conference_id: &str, banners: &mut Vec<Banner>) -> (Plan, DocSlot) {
    let Some(path) = path else {
        banners.push(Banner::warning("There is no data folder, so your picks will not be saved."));
        return (Plan::new(conference_id), DocSlot::detached());
    };
    match store::load::<Plan>(&path) {
        Ok(loaded) => {
            let plan = loaded.document.unwrap_or_else(|| Plan::new(conference_id));
            (plan, DocSlot::at(Some(path), loaded.fingerprint))
        }
        Err(err) => recover::<Plan>(path, &err, banners, || Plan::new(conference_id)),
    }
}

/// What to do with a document that failed to load.
fn recover<D: Document>(
    path: PathBuf,
    err: &StoreError,
    banners: &mut Vec<Banner>,
    empty: impl FnOnce() -> D,
) -> (D, DocSlot) {
    match err {
        StoreError::Corrupt { .. } | StoreError::TooLarge { .. } => match store::set_aside(&path) {
            Ok(aside) => {
                log::warn!("{err}; set aside as {}", aside.display());
                banners.push(Banner::error(format!(
                    "{err}\nThe file was kept as {} and lanyard started a new, empty {}.",
                    aside.display(),
                    D::KIND
                )));
                (empty(), DocSlot::at(Some(path), Fingerprint::Missing))
            }
            Err(io) => {
                log::error!("{err}; could not set it aside: {io}");
                banners.push(Banner::error(format!(
                    "{err}\nIt could not be moved aside ({io}), so it is left untouched."
                )));
                (empty(), DocSlot::read_only(path, "the file could not be read".to_owned()))
            }
        },
        StoreError::TooNew { .. } => {
            log::warn!("{err}");
            banners.push(Banner::error(format!("{err}\nIt is shown read-only: update lanyard to edit it.")));
            let document = store::load_newer_for_viewing::<D>(&path).unwrap_or_else(empty);
            (document, DocSlot::read_only(path, "it was written by a newer lanyard".to_owned()))
        }
        StoreError::Read { .. }
        | StoreError::Write { .. }
        | StoreError::ChangedOnDisk { .. }
        | StoreError::Serialise { .. } => {
            log::warn!("{err}");
            banners.push(Banner::error(format!("{err}\nIt is left untouched and nothing will be saved over it.")));
            (empty(), DocSlot::read_only(path, "the file could not be read".to_owned()))
        }
    }
}

pub(super) fn load_settings(data_dir: Option<&Path>, banners: &mut Vec<Banner>) -> (Settings, DocSlot) {
    let Some(path) = data_dir.map(crate::io::paths::settings_path) else {
        return (Settings::default(), DocSlot::detached());
    };
    match store::load::<Settings>(&path) {
        Ok(loaded) => (loaded.document.unwrap_or_default(), DocSlot::at(Some(path), loaded.fingerprint)),
        Err(err) => recover::<Settings>(path, &err, banners, Settings::default),
    }
}

impl LanyardApp {
    /// Saves the plan on the calling thread (exit, schedule switch, Ctrl+S).
    pub(super) fn save_blocking(&mut self) {
        let Some(path) = self.plan_slot.path.clone() else { return };
        let revision = self.plan_slot.revision;
        let result = store::save(&path, &self.ws.plan, self.plan_slot.fingerprint);
        self.settle_save(revision, self.ws.plan.clone(), result);
    }

    /// Records the outcome of a save of `saved` made at `revision`. A file changed by another
    /// program is merged with ours by id, never written over.
    fn settle_save(&mut self, revision: u64, saved: Plan, result: SaveResult) {
        match result {
            Ok(fingerprint) => {
                let slot = &mut self.plan_slot;
                slot.fingerprint = fingerprint;
                slot.saved_revision = revision;
                slot.last_error = None;
                self.plan_base = saved;
            }
            Err(StoreError::ChangedOnDisk { .. }) => self.merge_from_disk(),
            Err(err) => {
                if err.is_read_only() {
                    self.plan_slot.read_only = Some(err.to_string());
                }
                self.report_save_error(&err);
            }
        }
    }

    /// Another lanyard window or a sync tool changed the plan file: read theirs, merge it with
    /// ours by id against the version both started from, and save the result. If theirs cannot
    /// be read (newer version, damaged), it is left alone and this window stops saving.
    fn merge_from_disk(&mut self) {
        let Some(path) = self.plan_slot.path.clone() else { return };
        match store::load::<Plan>(&path) {
            Ok(loaded) => {
                let theirs = loaded.document.unwrap_or_else(|| Plan::new(self.ws.plan.conference.clone()));
                let merged = crate::model::merge::merge(&self.plan_base, &self.ws.plan, &theirs);
                log::warn!(
                    "plan changed on disk: merged ({} from there, {} conflicts kept ours): {}",
                    merged.taken_from_theirs,
                    merged.conflicts,
                    path.display()
                );
                let mut message = format!(
                    "Your plan was also changed in another window or by a sync tool. Lanyard merged both: \
                     {} changes came from there",
                    merged.taken_from_theirs
                );
                if merged.conflicts > 0 {
                    message
                        .push_str(&format!("; {} edited on both sides kept this window's version", merged.conflicts));
                }
                message.push('.');
                self.ui.banners.push(Banner::info(message));
                self.plan_base = theirs;
                self.plan_slot.fingerprint = loaded.fingerprint;
                self.ws.plan = merged.plan;
                // Undo steps from before the merge would drop the other side's changes.
                self.undo.clear();
                self.timeline = crate::model::Timeline::build(&self.ws.schedule, &self.ws.plan);
                self.plan_revision += 1;
                self.plan_slot.mark_dirty(self.plan_slot.due_from);
            }
            Err(err) => {
                self.plan_slot.read_only = Some(err.to_string());
                self.report_save_error(&err);
            }
        }
    }

    /// Starts a background save when the plan has been dirty long enough, and collects a finished one.
    pub(super) fn autosave(&mut self, ctx: &egui::Context, time: f64) {
        self.poll_save();
        let slot = &self.plan_slot;
        if !slot.is_dirty() || slot.in_flight.is_some() {
            if slot.in_flight.is_some() {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
            return;
        }
        let delay = if slot.last_error.is_some() { RETRY_DELAY_S } else { AUTOSAVE_DELAY_S };
        let due = slot.due_from + delay;
        if time >= due {
            self.start_background_save(time);
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - time));
        }
    }

    fn start_background_save(&mut self, time: f64) {
        let slot = &mut self.plan_slot;
        let Some(path) = slot.path.clone() else { return };
        let (tx, rx) = std::sync::mpsc::channel();
        let plan = self.ws.plan.clone();
        let expected = slot.fingerprint;
        let spawned = std::thread::Builder::new().name("lanyard-save".to_owned()).spawn(move || {
            let result = store::save(&path, &plan, expected);
            tx.send((result, plan)).ok();
        });
        match spawned {
            Ok(_) => slot.in_flight = Some((rx, slot.revision)),
            Err(err) => {
                // No thread: save right here rather than not at all.
                log::warn!("could not start the save thread: {err}");
                self.save_blocking();
            }
        }
        self.plan_slot.due_from = time;
    }

    fn poll_save(&mut self) {
        let Some((rx, revision)) = &self.plan_slot.in_flight else { return };
        let revision = *revision;
        let outcome = match rx.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => (Err(self.save_thread_stopped()), self.ws.plan.clone()),
        };
        self.plan_slot.in_flight = None;
        self.settle_save(revision, outcome.1, outcome.0);
    }

    /// Blocks until a save in flight has finished.
    pub(super) fn wait_for_save(&mut self) {
        if let Some((rx, revision)) = self.plan_slot.in_flight.take() {
            let (result, saved) = rx.recv().unwrap_or_else(|_| (Err(self.save_thread_stopped()), self.ws.plan.clone()));
            self.settle_save(revision, saved, result);
        }
    }

    fn save_thread_stopped(&self) -> StoreError {
        StoreError::Write {
            kind: "plan",
            source: std::io::Error::other("the save thread stopped"),
            path: self.plan_slot.path.clone().unwrap_or_default(),
        }
    }

    /// Shows a failed save once per distinct message.
    fn report_save_error(&mut self, err: &StoreError) {
        let message = err.to_string();
        if self.plan_slot.last_error.as_deref() != Some(message.as_str()) {
            log::error!("{message}");
            let advice = if err.is_read_only() {
                "Your changes are kept in this window but not written over the other version."
            } else {
                "Your changes are kept in this window; lanyard will try again."
            };
            self.ui.banners.push(Banner::error(format!("{message}\n{advice}")));
        }
        self.plan_slot.last_error = Some(message);
    }

    /// Saves now and waits, merging with another window's changes if need be (Ctrl+S, exit,
    /// switching schedules).
    pub(super) fn save_plan_now(&mut self) {
        self.wait_for_save();
        // A save refused because the file changed merges; the merged plan then needs one more.
        for _ in 0..3 {
            if !self.plan_slot.is_dirty() {
                break;
            }
            self.save_blocking();
        }
    }

    /// Records the current schedule file in settings, so the next start opens it again.
    pub(super) fn remember_source(&mut self) {
        let last = match &self.ws.source {
            super::ScheduleSource::Sample => None,
            super::ScheduleSource::File(path) => Some(std::path::absolute(path).unwrap_or_else(|_| path.clone())),
        };
        if self.settings.last_schedule != last {
            self.settings.last_schedule = last;
            self.save_settings();
        }
    }

    /// Saves the settings now: they are tiny and change rarely.
    pub(super) fn save_settings(&mut self) {
        let slot = &mut self.settings_slot;
        let (Some(path), None) = (&slot.path, &slot.read_only) else { return };
        match store::save(path, &self.settings, slot.fingerprint) {
            Ok(fingerprint) => slot.fingerprint = fingerprint,
            Err(err) => {
                log::warn!("could not save settings: {err}");
                if err.is_read_only() {
                    slot.read_only = Some(err.to_string());
                }
            }
        }
    }
}
