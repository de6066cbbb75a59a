//! Loading and saving the attendee's documents from the app: the plan (with its merge when
//! another program changed the file) and the settings. The save mechanics themselves live in
//! [`super::doc_slot`].

use std::path::{Path, PathBuf};

use super::doc_slot::{DocSlot, Settled};
use super::documents::{Changed, Documents};
use super::tasks::Tasks;
use crate::command::{Command, PlanCommand};
use crate::io::settings::Settings;
use crate::io::store::{self, Document, Fingerprint, Loaded, StoreError};
use crate::io::watch::Found;
use crate::model::{ConferenceId, Plan};
use crate::ui::Banner;

/// Loads the plan for `conference_id` from `path`, turning every problem into a banner and a
/// safe state: a corrupt file is set aside and an empty plan started; a newer or unreadable file
/// is shown read-only and never written. Whenever `plan.ron` is damaged or missing while its
/// backup is there, the backup is kept where no save replaces it and offered for restoring.
pub(super) fn load_plan(
    path: Option<PathBuf>,
    conference_id: &ConferenceId,
    banners: &mut Vec<Banner>,
) -> (Plan, DocSlot<Plan>) {
    let Some(path) = path else {
        banners.push(Banner::warning("There is no data folder, so your picks will not be saved."));
        return (Plan::new(conference_id.clone()), DocSlot::detached());
    };
    match store::load::<Plan>(&path) {
        Ok(loaded) => {
            let plan = loaded.document.unwrap_or_else(|| {
                // No plan file, yet a backup of one: it was deleted or lost while no lanyard ran.
                offer_backup(&path, "There is no plan file, but lanyard found a backup of one.", banners);
                Plan::new(conference_id.clone())
            });
            (plan, slot_with_extras(path, loaded.fingerprint, loaded.extras, banners))
        }
        Err(err) => {
            let recovered = recover::<Plan>(path.clone(), &err, banners, || Plan::new(conference_id.clone()));
            if matches!(err, StoreError::Corrupt { .. } | StoreError::TooLarge { .. }) {
                offer_backup(&path, "Lanyard found a backup of the plan from before it was damaged.", banners);
            }
            recovered
        }
    }
}

/// A writable slot for a document just loaded. If a save would drop something the file holds
/// (comments, unknown fields deep inside), the file as written is kept beside it first, and a
/// banner says where; unknown top-level fields are carried by every save.
pub(super) fn slot_with_extras<D: Document + Clone + Send + 'static>(
    path: PathBuf,
    fingerprint: Fingerprint,
    extras: store::Extras,
    banners: &mut Vec<Banner>,
) -> DocSlot<D> {
    if extras.lost_on_save() {
        match store::keep_original(D::KIND, &path) {
            Ok(Some((copy, true))) => {
                log::info!("kept {} as written: {}", path.display(), copy.display());
                banners.push(Banner::info(format!(
                    "{} has {} that lanyard cannot keep when it saves the {}; the file as written is kept as {}.",
                    path.display(),
                    extras.describe_lost(),
                    D::KIND,
                    copy.display()
                )));
            }
            Ok(_) => {}
            Err(err) => {
                // Without the copy, saving would lose what the user wrote: do not save.
                log::error!("{err}");
                banners.push(Banner::error(format!(
                    "{} has {} that a save would drop, and it could not be kept aside ({err}); lanyard will not \
                     write over it.",
                    path.display(),
                    extras.describe_lost()
                )));
                return DocSlot::read_only(path, "it could not be kept as written".to_owned());
            }
        }
    }
    let mut slot = DocSlot::at(Some(path), fingerprint);
    slot.extras = extras;
    slot
}

/// If `path` has a backup, keeps a copy of it that no save will replace and offers to restore it
/// with a banner naming both files. Without a backup, nothing happens.
fn offer_backup(path: &Path, why: &str, banners: &mut Vec<Banner>) {
    match store::keep_backup_copy(Plan::KIND, path) {
        Ok(None) => {}
        Ok(Some(copy)) => match store::load::<Plan>(&copy) {
            Ok(Loaded { document: Some(plan), .. }) => {
                let items = plan.custom_events.len() + plan.blocks.len() + plan.dinners.len();
                log::warn!("kept the backup of {} as {}", path.display(), copy.display());
                banners.push(
                    Banner::warning(format!(
                        "{why} It has {} picks, {} notes and {items} items of your own, and is kept as {}.",
                        plan.picks.len(),
                        plan.notes.len(),
                        copy.display()
                    ))
                    .with_action("Restore the backup", Command::Plan(PlanCommand::Restore(copy))),
                );
            }
            Ok(Loaded { document: None, .. }) => {}
            Err(err) => {
                log::warn!("the backup of {} does not load either: {err}", path.display());
                banners.push(Banner::error(format!(
                    "{why} It does not load either ({err}); it is kept as {} for you to look at.",
                    copy.display()
                )));
            }
        },
        Err(err) => {
            log::error!("could not keep the backup of {}: {err}", path.display());
            banners.push(Banner::error(format!("{why} It could not be kept aside: {err}")));
        }
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
        Ok(loaded) => {
            (loaded.document.unwrap_or_default(), slot_with_extras(path, loaded.fingerprint, loaded.extras, banners))
        }
        Err(err) => {
            if matches!(err, StoreError::Corrupt { .. } | StoreError::TooLarge { .. })
                && let Ok(Some(copy)) = store::keep_backup_copy(Settings::KIND, &path)
            {
                banners.push(Banner::info(format!("The settings' backup is kept as {}.", copy.display())));
            }
            recover::<Settings>(path, &err, banners, Settings::default)
        }
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

impl Documents {
    /// Starts the saves that are due, and takes in what another program left in the plan file
    /// once no save of ours is in flight. Returns the seconds until the next save is due (a retry
    /// after a failure), for the caller to ask for a frame then.
    pub(super) fn autosave(&mut self, tasks: &mut Tasks, time: f64) -> Option<f64> {
        if self.plan.slot.is_saving() && !tasks.is_running(super::tasks::Task::SaveDocument(Plan::KIND)) {
            self.plan.slot.lost(); // the task died; its banner is out, and the save is retried
        }
        self.take_disk_changes();
        let mut next = None;
        if let Some(due) = self.plan.slot.due_in(time) {
            if due <= 0.0 {
                if let Some(done) = self.plan.slot.start_background_save(&self.ws.plan, time, tasks) {
                    self.settle_plan(done);
                }
            } else {
                next = Some(due);
            }
        }
        let roster_next = self.autosave_roster(tasks, time);
        next.into_iter().chain(roster_next).reduce(f64::min)
    }

    /// A background save of the plan finished.
    pub(super) fn plan_saved(&mut self, parcel: &crate::command::Parcel<Settled<Plan>>) {
        if let Some(done) = self.plan.slot.landed(parcel) {
            self.settle_plan(done);
        }
        self.take_disk_changes();
    }

    /// Records the outcome of a plan save. A file changed by another program is merged with ours
    /// by id, never written over.
    fn settle_plan(&mut self, done: Settled<Plan>) {
        match done.result {
            Ok(fingerprint) => {
                self.plan.slot.saved(done.revision, fingerprint);
                self.plan.base = done.saved;
                if let Some(watch) = &self.plan.watch {
                    watch.set_known(fingerprint);
                }
            }
            Err(StoreError::ChangedOnDisk { .. }) => self.merge_from_disk(),
            Err(err) => {
                if err.is_read_only() {
                    self.plan.slot.read_only = Some(err.to_string());
                }
                self.report_save_error(&err);
            }
        }
    }

    /// Another lanyard window or a sync tool changed the plan file: read theirs and take it in.
    fn merge_from_disk(&mut self) {
        let Some(path) = self.plan.slot.path.clone() else { return };
        let found = store::load::<Plan>(&path);
        self.take_disk_version(found);
    }

    /// The plan's watcher found the file changed at `path` (an older watcher's news about
    /// another conference's plan is stale, and dropped).
    pub(super) fn plan_on_disk(&mut self, path: &Path, found: &crate::command::Parcel<Found<Plan>>) {
        if self.plan.slot.path.as_deref() != Some(path) {
            return;
        }
        if let Some(found) = found.take() {
            self.plan.found = Some(found);
        }
        self.take_disk_changes();
    }

    /// Takes in what the plan's watcher found on disk, once no save of ours is in flight (our
    /// own write shows up there too, and is recognised by its fingerprint).
    fn take_disk_changes(&mut self) {
        if self.plan.slot.is_saving() || self.plan.slot.read_only.is_some() {
            return;
        }
        if let Some(found) = self.plan.found.take() {
            self.take_disk_version(found);
        }
    }

    /// Takes in the plan as another program left it on disk: merged with ours by id against the
    /// version both started from, shown at once, and said in a banner that names what changed.
    /// A removed file is written again from this window (a sync tool removes and recreates
    /// files; merging that as "everything was removed" would wipe the plan). A file that does
    /// not load is left alone: a newer lanyard's makes this window read-only, a damaged one is
    /// retried later (a sync tool may be halfway through).
    fn take_disk_version(&mut self, found: Found<Plan>) {
        let due = self.plan.slot.due_from;
        match found {
            Ok(loaded) if loaded.fingerprint == self.plan.slot.fingerprint => {}
            Ok(Loaded { document: None, .. }) => {
                let path = self.plan.slot.path.as_deref().map(Path::display);
                log::warn!("plan file removed by another program; writing it again: {path:?}");
                self.banner(Banner::warning(format!(
                    "Your plan file was removed by another program. Lanyard saved it again from this window{}.",
                    path.map(|p| format!(": {p}")).unwrap_or_default()
                )));
                self.plan.slot.fingerprint = Fingerprint::Missing;
                self.plan.slot.mark_dirty(due);
            }
            Ok(Loaded { document: Some(theirs), fingerprint, .. }) => {
                let merged = crate::model::merge::merge(&self.plan.base, &self.ws.plan, &theirs);
                self.plan.base = theirs;
                self.plan.slot.fingerprint = fingerprint;
                if let Some(watch) = &self.plan.watch {
                    watch.set_known(fingerprint);
                }
                if merged.plan != self.ws.plan {
                    let (lines, total) = crate::model::merge::describe_changes(&self.ws.plan, &merged.plan, 3);
                    let mut message = format!(
                        "Your plan was changed in another window or by a sync tool, and this window now shows it: {}",
                        lines.join("; ")
                    );
                    if total > lines.len() {
                        message.push_str(&format!(" and {} more", total - lines.len()));
                    }
                    message.push('.');
                    if merged.conflicts > 0 {
                        message.push_str(&format!(
                            " {} changed in both places kept this window's version.",
                            merged.conflicts
                        ));
                    }
                    log::warn!("plan changed on disk: {message}");
                    self.banner(Banner::info(message));
                    self.ws.plan = merged.plan;
                    // Undo steps from before the merge would drop the other side's changes.
                    self.forget_history();
                    self.revisions.plan += 1;
                } else if merged.conflicts > 0 {
                    self.banner(Banner::info(format!(
                        "Your plan was also changed in another window or by a sync tool; {} changed in both \
                         places kept this window's version.",
                        merged.conflicts
                    )));
                }
                if self.ws.plan != self.plan.base {
                    self.plan.slot.mark_dirty(due);
                }
            }
            Err(err @ StoreError::TooNew { .. }) => {
                self.plan.slot.read_only = Some(err.to_string());
                self.report_save_error(&err);
            }
            Err(err) => self.report_save_error(&err),
        }
    }

    /// Brings back a kept copy of the plan (a backup recovery set aside) as one undoable step.
    /// It is merged with what this window has, so anything added since the plan was lost stays.
    pub(super) fn restore_plan(&mut self, copy: &Path, time: f64) {
        if let Some(reason) = &self.plan.slot.read_only {
            self.banner(Banner::warning(format!("Your plan is read-only: {reason}")));
            return;
        }
        let restored = match store::load::<Plan>(copy) {
            Ok(Loaded { document: Some(plan), .. }) => plan,
            Ok(Loaded { document: None, .. }) => {
                self.banner(Banner::error(format!("The copy is no longer there: {}", copy.display())));
                return;
            }
            Err(err) => {
                self.banner(Banner::error(format!("The copy could not be restored: {err}")));
                return;
            }
        };
        if restored.conference != self.ws.plan.conference {
            self.banner(Banner::warning(format!(
                "That copy belongs to conference \"{}\", not the one open; it was not restored.",
                restored.conference
            )));
            return;
        }
        let empty = Plan::new(self.ws.plan.conference.clone());
        let merged = crate::model::merge::merge(&empty, &self.ws.plan, &restored);
        if merged.plan == self.ws.plan {
            self.banner(Banner::info("Everything in that copy is already in your plan."));
            return;
        }
        let before = self.ws.clone();
        self.ws.plan = merged.plan;
        self.commit(before, Changed::PLAN, time);
        self.banner(Banner::info(format!(
            "Restored your plan from {}: {} picks now. Undo (Ctrl+Z) takes it back; the copy stays where it is.",
            copy.display(),
            self.ws.plan.picks.len()
        )));
    }

    /// Shows a failed save once per distinct message.
    fn report_save_error(&mut self, err: &StoreError) {
        report_save_error(&mut self.notices.banners, &mut self.plan.slot.last_error, err);
    }

    /// Saves now and waits, merging with another window's changes if need be (Ctrl+S, exit,
    /// switching schedules).
    pub(super) fn save_plan_now(&mut self, tasks: &mut Tasks) {
        if let Some(done) = self.plan.slot.wait(tasks) {
            self.settle_plan(done);
        }
        // A save refused because the file changed merges; the merged plan then needs one more
        // (and another, if yet another window saved in between).
        for _ in 0..10 {
            if !self.plan.slot.is_dirty() {
                break;
            }
            match self.plan.slot.save_blocking(&self.ws.plan) {
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
        if self.settings.value.last_schedule != last {
            self.settings.value.last_schedule = last;
            self.save_settings();
        }
    }

    /// Saves the settings now: they are tiny and change rarely. If another window saved them
    /// meanwhile, both are merged field by field and saved again, never written over.
    pub(super) fn save_settings(&mut self) {
        for _ in 0..3 {
            let slot = &mut self.settings.slot;
            let (Some(path), None) = (&slot.path, &slot.read_only) else { return };
            match store::save_with_extras(path, &self.settings.value, slot.fingerprint, &slot.extras) {
                Ok(fingerprint) => {
                    slot.fingerprint = fingerprint;
                    self.settings.base = self.settings.value.clone();
                    return;
                }
                Err(StoreError::ChangedOnDisk { .. }) => match store::load::<Settings>(path) {
                    Ok(loaded) => {
                        let theirs = loaded.document.unwrap_or_default();
                        self.settings.value = Settings::merge(&self.settings.base, &self.settings.value, &theirs);
                        self.settings.base = theirs;
                        slot.fingerprint = loaded.fingerprint;
                        slot.extras = loaded.extras;
                    }
                    Err(err) => {
                        self.report_settings_error(&err);
                        return;
                    }
                },
                Err(err) => {
                    self.report_settings_error(&err);
                    return;
                }
            }
        }
    }

    /// Says once that the settings could not be saved (they stay as set in this window).
    fn report_settings_error(&mut self, err: &StoreError) {
        let slot = &mut self.settings.slot;
        if err.is_read_only() {
            slot.read_only = Some(err.to_string());
        }
        if slot.last_error.as_deref() != Some(err.to_string().as_str()) {
            log::warn!("could not save settings: {err}");
            let message = format!("Settings could not be saved: {err}\nThey stay as set in this window.");
            self.notices.banners.push(Banner::warning(message));
        }
        slot.last_error = Some(err.to_string());
    }
}
