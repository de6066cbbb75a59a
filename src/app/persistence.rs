//! Loading and saving the attendee's documents from the app: the plan (with its merge when
//! another program changed the file) and the settings. The save mechanics themselves live in
//! [`super::doc_slot`].

use std::path::{Path, PathBuf};

use super::LanyardApp;
use super::doc_slot::{DocSlot, Settled};
use crate::io::settings::Settings;
use crate::io::store::{self, Document, Fingerprint, StoreError};
use crate::model::Plan;
use crate::ui::Banner;

/// Loads the plan for `conference_id` from `path`, turning every problem into a banner and a
/// safe state: a corrupt file is set aside and an empty plan started; a newer or unreadable file
/// is shown read-only and never written.
pub(super) fn load_plan(
    path: Option<PathBuf>,
    conference_id: &str,
    banners: &mut Vec<Banner>,
) -> (Plan, DocSlot<Plan>) {
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
pub(super) fn recover<D: Document + Clone + Send + 'static>(
    path: PathBuf,
    err: &StoreError,
    banners: &mut Vec<Banner>,
    empty: impl FnOnce() -> D,
) -> (D, DocSlot<D>) {
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

pub(super) fn load_settings(data_dir: Option<&Path>, banners: &mut Vec<Banner>) -> (Settings, DocSlot<Settings>) {
    let Some(path) = data_dir.map(crate::io::paths::settings_path) else {
        return (Settings::default(), DocSlot::detached());
    };
    match store::load::<Settings>(&path) {
        Ok(loaded) => (loaded.document.unwrap_or_default(), DocSlot::at(Some(path), loaded.fingerprint)),
        Err(err) => recover::<Settings>(path, &err, banners, Settings::default),
    }
}

/// Shows a failed save once per distinct message (a retry that fails the same way stays quiet).
pub(super) fn report_save_error(banners: &mut Vec<Banner>, last_error: &mut Option<String>, err: &StoreError) {
    let message = err.to_string();
    if last_error.as_deref() != Some(message.as_str()) {
        log::error!("{message}");
        let advice = if err.is_read_only() {
            "Your changes are kept in this window but not written over the other version."
        } else {
            "Your changes are kept in this window; lanyard will try again."
        };
        banners.push(Banner::error(format!("{message}\n{advice}")));
    }
    *last_error = Some(message);
}

impl LanyardApp {
    /// Collects finished saves and starts due ones: the plan here, the roster in `app/rosters.rs`.
    pub(super) fn autosave(&mut self, ctx: &egui::Context, time: f64) {
        if let Some(done) = self.plan_slot.poll() {
            self.settle_plan(done);
        }
        if let Some(due) = self.plan_slot.due_in(time) {
            if due <= 0.0 {
                if let Some(done) = self.plan_slot.start_background_save(&self.ws.plan, time) {
                    self.settle_plan(done);
                }
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(due));
            }
        }
        self.autosave_roster(ctx, time);
        if self.plan_slot.is_saving() || self.roster_is_saving() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    /// Records the outcome of a plan save. A file changed by another program is merged with ours
    /// by id, never written over.
    fn settle_plan(&mut self, done: Settled<Plan>) {
        match done.result {
            Ok(fingerprint) => {
                self.plan_slot.saved(done.revision, fingerprint);
                self.plan_base = done.saved;
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
                self.rebuild_timeline();
                self.plan_revision += 1;
                self.plan_slot.mark_dirty(self.plan_slot.due_from);
            }
            Err(err) => {
                self.plan_slot.read_only = Some(err.to_string());
                self.report_save_error(&err);
            }
        }
    }

    /// Shows a failed save once per distinct message.
    fn report_save_error(&mut self, err: &StoreError) {
        report_save_error(&mut self.ui.banners, &mut self.plan_slot.last_error, err);
    }

    /// Saves now and waits, merging with another window's changes if need be (Ctrl+S, exit,
    /// switching schedules).
    pub(super) fn save_plan_now(&mut self) {
        if let Some(done) = self.plan_slot.wait() {
            self.settle_plan(done);
        }
        // A save refused because the file changed merges; the merged plan then needs one more.
        for _ in 0..3 {
            if !self.plan_slot.is_dirty() {
                break;
            }
            match self.plan_slot.save_blocking(&self.ws.plan) {
                Some(done) => self.settle_plan(done),
                None => break,
            }
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
