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

    /// The file being imported and the fraction done, if an import is running.
    pub fn import_in_progress(&self) -> Option<(&Path, f32)> {
        self.import.as_ref().map(|job| (job.path.as_path(), f32::from_bits(job.progress.load(Ordering::Relaxed))))
    }

    fn is_busy(&self) -> bool {
        self.import.is_some() || self.dialog.is_some() || self.export.is_some() || self.friend.is_some()
    }
}

impl LanyardApp {
    /// Collects finished background work. Called at the start of every frame.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context, time: f64, commands: &mut Vec<Command>) {
        if let Some(message) = self.jobs.failure.take() {
            log::error!("{message}");
            self.ui.banners.push(Banner::error(message));
        }
        if let Some(rx) = &self.jobs.dialog {
            match rx.try_recv() {
                Ok(picked) => {
                    self.jobs.dialog = None;
                    commands.extend(picked.map(Command::OpenSchedule));
                }
                Err(TryRecvError::Disconnected) => self.jobs.dialog = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some(rx) = &self.jobs.export {
            match rx.try_recv() {
                Ok(result) => {
                    self.jobs.export = None;
                    match result {
                        Some(Ok(message)) => self.ui.banners.push(Banner::info(message)),
                        Some(Err(message)) => {
                            log::error!("{message}");
                            self.ui.banners.push(Banner::error(message));
                        }
                        None => {}
                    }
                }
                Err(TryRecvError::Disconnected) => self.jobs.export = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some(rx) = &self.jobs.friend {
            match rx.try_recv() {
                Ok(result) => {
                    self.jobs.friend = None;
                    match result {
                        Some(Ok(friend)) => {
                            let message = format!("Added {}'s picks ({}).", friend.name, friend.picks.len());
                            self.ui.banners.push(Banner::info(message));
                            self.reload_friends();
                        }
                        Some(Err(message)) => {
                            log::warn!("{message}");
                            self.ui.banners.push(Banner::error(message));
                        }
                        None => {}
                    }
                }
                Err(TryRecvError::Disconnected) => self.jobs.friend = None,
                Err(TryRecvError::Empty) => {}
            }
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
