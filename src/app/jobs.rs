//! Work that must not block a frame: importing a schedule file and the system file dialog. Each
//! runs on a named thread and reports back through a channel that the app polls every frame
//! while something is in progress.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::LanyardApp;
use crate::command::Command;
use crate::io::import::{self, ImportError};
use crate::model::Schedule;
use crate::ui::Banner;

type ImportResult = Result<Schedule, ImportError>;

#[derive(Default)]
pub(super) struct Jobs {
    import: Option<(PathBuf, Receiver<ImportResult>)>,
    dialog: Option<Receiver<Option<PathBuf>>>,
    /// A thread could not be started; shown once as a banner.
    failure: Option<String>,
}

impl Jobs {
    pub fn start_import(&mut self, path: PathBuf) {
        let (tx, rx) = std::sync::mpsc::channel();
        let job_path = path.clone();
        let spawned = std::thread::Builder::new().name("lanyard-import".to_owned()).spawn(move || {
            tx.send(import::load(&job_path)).ok();
        });
        match spawned {
            Ok(_) => self.import = Some((path, rx)),
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

    /// The file being imported, if any.
    pub fn import_in_progress(&self) -> Option<&Path> {
        self.import.as_ref().map(|(path, _)| path.as_path())
    }

    fn is_busy(&self) -> bool {
        self.import.is_some() || self.dialog.is_some()
    }
}

impl LanyardApp {
    /// Collects finished background work. Called at the start of every frame.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
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
        if let Some((path, rx)) = &self.jobs.import {
            let finished = match rx.try_recv() {
                Ok(result) => Some((path.clone(), result)),
                Err(TryRecvError::Disconnected) => Some((
                    path.clone(),
                    Err(ImportError::Read(std::io::Error::other("the import stopped unexpectedly"))),
                )),
                Err(TryRecvError::Empty) => None,
            };
            if let Some((path, result)) = finished {
                self.jobs.import = None;
                self.finish_import(path, result);
            }
        }
        if self.jobs.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
