//! Work that must not block a frame: importing a schedule file and the system file dialog. Each
//! runs on a named thread and reports back through a channel that the app polls every frame
//! while something is in progress.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::LanyardApp;
use crate::command::Command;
use crate::io::import::{self, ImportError};
use crate::model::Schedule;
use crate::model::friends::Friend;
use crate::ui::Banner;

type ImportResult = Result<Schedule, ImportError>;

/// A schedule import running on its own thread.
struct ImportJob {
    path: PathBuf,
    result: Receiver<ImportResult>,
    /// Fraction done, as `f32` bits (written by the import thread).
    progress: Arc<AtomicU32>,
}

/// What a roster dialog chose.
enum RosterPick {
    Roster(PathBuf),
    StaffFolder(PathBuf),
}

/// What a finished export reports: the message to show, or why it failed (`None`: cancelled).
type ExportResult = Option<Result<String, String>>;

#[derive(Default)]
pub(super) struct Jobs {
    import: Option<ImportJob>,
    dialog: Option<Receiver<Option<PathBuf>>>,
    /// A save dialog and the write after it; `None` inside means the user cancelled.
    export: Option<Receiver<ExportResult>>,
    /// Choosing and importing a friend's file; `None` inside means the user cancelled.
    friend: Option<Receiver<Option<Result<Friend, String>>>>,
    /// A roster file or staff-plans folder chosen in a dialog.
    roster_dialog: Option<Receiver<Option<RosterPick>>>,
    /// A venue map picture chosen in a dialog.
    map_dialog: Option<Receiver<Option<PathBuf>>>,
    /// An auto-roster running: the roster revision it started from, and its result.
    auto_roster: Option<(u64, Receiver<crate::model::autoroster::AutoRoster>)>,
    /// A thread could not be started; shown once as a banner.
    failure: Option<String>,
}

impl Jobs {
    /// Starts importing `path` in the background. A second import waits for the first to finish.
    pub fn start_import(&mut self, path: PathBuf) {
        if self.import.is_some() {
            self.failure = Some(format!("Still opening another schedule; try {} again in a moment.", path.display()));
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let progress = Arc::new(AtomicU32::new(0.0_f32.to_bits()));
        let (job_path, job_progress) = (path.clone(), Arc::clone(&progress));
        let spawned = std::thread::Builder::new().name("lanyard-import".to_owned()).spawn(move || {
            let report = |fraction: f32| job_progress.store(fraction.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed);
            tx.send(import::load_with_progress(&job_path, &report)).ok();
        });
        match spawned {
            Ok(_) => self.import = Some(ImportJob { path, result: rx, progress }),
            Err(err) => self.failure = Some(format!("Could not start importing {}: {err}", path.display())),
        }
    }

    pub fn open_dialog(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("lanyard-file-dialog".to_owned()).spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Open a conference schedule")
                .add_filter("Schedules", &["ron", "xml", "json", "ics", "ical"])
                .add_filter("All files", &["*"])
                .pick_file();
            tx.send(picked).ok();
        });
        match spawned {
            Ok(_) => self.dialog = Some(rx),
            Err(err) => self.failure = Some(format!("Could not open the file dialog: {err}")),
        }
    }

    /// Asks where to save `ics` (an iCalendar text with `events` events) and writes it there
    /// atomically, all on a background thread.
    pub fn export_calendar(&mut self, ics: String, events: usize, suggested_name: String) {
        if self.export.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("lanyard-export".to_owned()).spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Export your agenda as a calendar")
                .set_file_name(suggested_name)
                .add_filter("iCalendar", &["ics"])
                .save_file();
            let result = picked.map(|path| {
                crate::io::export::write_file(&path, &ics)
                    .map(|()| format!("Exported {events} events to {}.", path.display()))
                    .map_err(|err| err.to_string())
            });
            tx.send(result).ok();
        });
        match spawned {
            Ok(_) => self.export = Some(rx),
            Err(err) => self.failure = Some(format!("Could not open the save dialog: {err}")),
        }
    }

    /// Lets the user pick a friend's file and imports it into `friends_dir`, on a background thread.
    pub fn add_friend(&mut self, friends_dir: PathBuf, schedule: std::sync::Arc<Schedule>) {
        if self.friend.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("lanyard-friend".to_owned()).spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Add a friend's picks")
                .add_filter("Shared picks, plans and calendars", &["ron", "ics"])
                .pick_file();
            let result = picked.map(|path| {
                crate::io::friends::add_friend(&friends_dir, &path, &schedule).map_err(|err| err.to_string())
            });
            tx.send(result).ok();
        });
        match spawned {
            Ok(_) => self.friend = Some(rx),
            Err(err) => self.failure = Some(format!("Could not open the file dialog: {err}")),
        }
    }

    /// Asks where to save the attendee's shared picks and writes them, on a background thread.
    pub fn share_picks(&mut self, me: Friend, suggested_name: String) {
        if self.export.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("lanyard-share".to_owned()).spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Share your picks with friends")
                .set_file_name(suggested_name)
                .add_filter("Lanyard shared picks", &["ron"])
                .save_file();
            let count = me.picks.len();
            let result = picked.map(|path| {
                crate::io::friends::share(&path, &me)
                    .map(|()| {
                        format!("Saved your {count} picks to {}. Send that file to your friends.", path.display())
                    })
                    .map_err(|err| err.to_string())
            });
            tx.send(result).ok();
        });
        match spawned {
            Ok(_) => self.export = Some(rx),
            Err(err) => self.failure = Some(format!("Could not open the save dialog: {err}")),
        }
    }

    /// Takes a screenshot of the next frame, then asks where to save it and writes a PNG, on a
    /// background thread.
    pub fn save_picture(&mut self, ctx: &egui::Context, suggested_name: String) {
        if self.export.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let spawned = std::thread::Builder::new().name("lanyard-picture".to_owned()).spawn(move || {
                let picked = rfd::FileDialog::new()
                    .set_title("Save this view as a picture")
                    .set_file_name(suggested_name)
                    .add_filter("PNG picture", &["png"])
                    .save_file();
                let result = picked.map(|path| {
                    let [width, height] = image.size;
                    crate::io::export::picture::save_png(&path, width, height, image.as_raw())
                        .map(|()| format!("Saved the picture to {}.", path.display()))
                        .map_err(|err| err.to_string())
                });
                tx.send(result).ok();
                repaint.request_repaint();
            });
            if let Err(err) = spawned {
                log::error!("could not start saving the picture: {err}");
            }
        });
        self.export = Some(rx);
    }

    /// Asks for a picture of the venue for the map, on a background thread.
    pub fn pick_map(&mut self) {
        if self.map_dialog.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("lanyard-map-dialog".to_owned()).spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Choose a map of the venue")
                .add_filter("Pictures", &["png", "jpg", "jpeg"])
                .pick_file();
            tx.send(picked).ok();
        });
        match spawned {
            Ok(_) => self.map_dialog = Some(rx),
            Err(err) => self.failure = Some(format!("Could not open the file dialog: {err}")),
        }
    }

    pub fn pick_roster(&mut self) {
        self.pick(|| {
            rfd::FileDialog::new()
                .set_title("Open a roster")
                .add_filter("Lanyard rosters", &["ron"])
                .pick_file()
                .map(RosterPick::Roster)
        });
    }

    pub fn pick_staff_folder(&mut self) {
        self.pick(|| {
            rfd::FileDialog::new()
                .set_title("The folder of your staff's plan files")
                .pick_folder()
                .map(RosterPick::StaffFolder)
        });
    }

    fn pick(&mut self, dialog: impl FnOnce() -> Option<RosterPick> + Send + 'static) {
        if self.roster_dialog.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("lanyard-roster-dialog".to_owned()).spawn(move || {
            tx.send(dialog()).ok();
        });
        match spawned {
            Ok(_) => self.roster_dialog = Some(rx),
            Err(err) => self.failure = Some(format!("Could not open the file dialog: {err}")),
        }
    }

    /// Runs the auto-roster on a named thread; the result comes back with `revision`.
    pub fn auto_roster(
        &mut self,
        roster: std::sync::Arc<crate::model::roster::Roster>,
        busy: crate::model::busy::StaffBusy,
        revision: u64,
    ) {
        if self.auto_roster.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("lanyard-auto-roster".to_owned()).spawn(move || {
            let options = crate::model::autoroster::AutoRosterOptions { keep_unlocked: true };
            tx.send(crate::model::autoroster::auto_roster(&roster, &busy, options)).ok();
        });
        match spawned {
            Ok(_) => self.auto_roster = Some((revision, rx)),
            Err(err) => self.failure = Some(format!("Could not start the auto-roster: {err}")),
        }
    }

    /// Asks for a folder and writes every person's calendar, a CSV and a printable roster there.
    pub fn export_roster(
        &mut self,
        roster: std::sync::Arc<crate::model::roster::Roster>,
        violations: Vec<crate::model::roster::Violation>,
    ) {
        if self.export.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("lanyard-roster-export".to_owned()).spawn(move || {
            let folder = rfd::FileDialog::new().set_title("Export the roster into a folder").pick_folder();
            let result = folder.map(|dir| {
                crate::io::export::roster::export_all(&roster, &violations, &dir)
                    .map(|_| {
                        format!("Exported each person's shifts, a CSV and a printable roster to {}.", dir.display())
                    })
                    .map_err(|err| err.to_string())
            });
            tx.send(result).ok();
        });
        match spawned {
            Ok(_) => self.export = Some(rx),
            Err(err) => self.failure = Some(format!("Could not open the export dialog: {err}")),
        }
    }

    /// Whether an auto-roster is running.
    pub fn auto_roster_running(&self) -> bool {
        self.auto_roster.is_some()
    }

    /// The file being imported and the fraction done, if an import is running.
    pub fn import_in_progress(&self) -> Option<(&Path, f32)> {
        self.import.as_ref().map(|job| (job.path.as_path(), f32::from_bits(job.progress.load(Ordering::Relaxed))))
    }

    fn is_busy(&self) -> bool {
        self.import.is_some()
            || self.dialog.is_some()
            || self.export.is_some()
            || self.friend.is_some()
            || self.roster_dialog.is_some()
            || self.map_dialog.is_some()
            || self.auto_roster.is_some()
    }
}

impl LanyardApp {
    /// Collects finished background work. Called at the start of every frame.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context, time: f64, commands: &mut Vec<Command>) {
        if let Some(message) = self.jobs.failure.take() {
            log::error!("{message}");
            self.ui.banners.push(Banner::error(message));
        }
        if let Some(picked) = poll(&mut self.jobs.dialog) {
            commands.extend(picked.map(Command::OpenSchedule));
        }
        if let Some(picked) = poll(&mut self.jobs.map_dialog) {
            commands.extend(picked.map(Command::LoadMapImage));
        }
        match poll(&mut self.jobs.export) {
            Some(Some(Ok(message))) => self.ui.banners.push(Banner::info(message)),
            Some(Some(Err(message))) => {
                log::error!("{message}");
                self.ui.banners.push(Banner::error(message));
            }
            Some(None) | None => {}
        }
        match poll(&mut self.jobs.roster_dialog) {
            Some(Some(RosterPick::Roster(path))) => commands.push(Command::OpenRoster(path)),
            Some(Some(RosterPick::StaffFolder(folder))) => self.load_staff_folder(&folder),
            Some(None) | None => {}
        }
        if let Some((revision, rx)) = &self.jobs.auto_roster {
            let revision = *revision;
            match rx.try_recv() {
                Ok(result) => {
                    self.jobs.auto_roster = None;
                    self.finish_auto_roster(revision, result, time);
                }
                Err(TryRecvError::Disconnected) => {
                    self.jobs.auto_roster = None;
                    self.ui.banners.push(Banner::error("The auto-roster stopped unexpectedly."));
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        match poll(&mut self.jobs.friend) {
            Some(Some(Ok(friend))) => {
                let message = format!("Added {}'s picks ({}).", friend.name, friend.picks.len());
                self.ui.banners.push(Banner::info(message));
                self.reload_friends();
            }
            Some(Some(Err(message))) => {
                log::warn!("{message}");
                self.ui.banners.push(Banner::error(message));
            }
            Some(None) | None => {}
        }
        if let Some(job) = &self.jobs.import {
            let finished = match job.result.try_recv() {
                Ok(result) => Some(result),
                Err(TryRecvError::Disconnected) => {
                    Some(Err(ImportError::Read(std::io::Error::other("the import stopped unexpectedly"))))
                }
                Err(TryRecvError::Empty) => None,
            };
            if let Some(result) = finished
                && let Some(job) = self.jobs.import.take()
            {
                self.finish_import(job.path, result, time);
            }
        }
        if self.jobs.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}

/// Takes the result of a finished one-shot job, clearing the slot when it is done or gone.
fn poll<T>(slot: &mut Option<Receiver<T>>) -> Option<T> {
    let rx = slot.as_ref()?;
    match rx.try_recv() {
        Ok(value) => {
            *slot = None;
            Some(value)
        }
        Err(TryRecvError::Disconnected) => {
            *slot = None;
            None
        }
        Err(TryRecvError::Empty) => None,
    }
}
