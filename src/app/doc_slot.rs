//! One document file as the app sees it: where it lives, whether it may be written, whether it
//! has unsaved changes, and the background save that keeps disk I/O off the frame path.
//!
//! Autosave: an edit marks the slot dirty, and at the end of that frame a save starts on a named
//! background thread ([`AUTOSAVE_DELAY_S`] is zero). One save is in flight at a time, so a burst
//! of edits (typing a note) is written as it settles, never more than one save behind; the thread hands back the document
//! it wrote, so the owner knows exactly what is on disk. What to do when a save is refused
//! (another program changed the file) is the owner's decision, per document type.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::io::store::{self, Document, Fingerprint, StoreError};
use crate::ui::SaveState;

/// Seconds between an edit and its autosave: none. A delay would be a window in which an edit
/// lives only in memory, and some endings run no code at all: when the X server goes away
/// (logout, a crashed compositor), Xlib ends the process with `exit()` from inside the event
/// loop, with no destructor and no chance to save (seen under Xvfb: two of three runs lost an
/// edit 1.5 s young). Saving at once leaves only the save in flight, which is atomic.
pub const AUTOSAVE_DELAY_S: f64 = 0.0;
/// Seconds before retrying a save that failed (disk full, folder read-only).
const RETRY_DELAY_S: f64 = 10.0;

pub(super) type SaveResult = Result<Fingerprint, StoreError>;

/// A finished save: the revision it captured, its result, and the document it wrote.
pub(super) struct Settled<D> {
    pub revision: u64,
    pub result: SaveResult,
    pub saved: D,
}

#[derive(Debug)]
pub(super) struct DocSlot<D> {
    /// `None` when there is no data folder: nothing is saved.
    pub path: Option<PathBuf>,
    pub fingerprint: Fingerprint,
    /// Why the file must not be written, if it must not.
    pub read_only: Option<String>,
    /// Bumped on every change; the document is dirty while it differs from `saved_revision`.
    revision: u64,
    saved_revision: u64,
    /// egui time of the first unsaved change (or of the last failure, for the retry).
    pub due_from: f64,
    in_flight: Option<(Receiver<(SaveResult, D)>, u64)>,
    pub last_error: Option<String>,
    /// What the file holds beyond what this lanyard reads; its unknown top-level fields are
    /// written back by every save.
    pub extras: store::Extras,
}

/// How old a temp file must be before it is taken for a leftover rather than a save in flight.
const STRAY_AGE: std::time::Duration = std::time::Duration::from_secs(600);

impl<D: Document + Clone + Send + 'static> DocSlot<D> {
    pub fn detached() -> Self {
        Self::at(None, Fingerprint::Missing)
    }

    pub fn at(path: Option<PathBuf>, fingerprint: Fingerprint) -> Self {
        if let Some(path) = &path {
            // Leftovers of saves killed mid-way, in an earlier run or another instance.
            let removed = crate::io::store::sweep_strays(path, STRAY_AGE);
            if removed > 0 {
                log::info!("removed {removed} temp files left beside {} by interrupted saves", path.display());
            }
        }
        Self {
            path,
            fingerprint,
            read_only: None,
            revision: 0,
            saved_revision: 0,
            due_from: 0.0,
            in_flight: None,
            last_error: None,
            extras: store::Extras::default(),
        }
    }

    pub fn read_only(path: PathBuf, reason: String) -> Self {
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

    pub fn is_saving(&self) -> bool {
        self.in_flight.is_some()
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

    /// Seconds until the next autosave is due (0 when due now), `None` when nothing is to save.
    pub fn due_in(&self, time: f64) -> Option<f64> {
        if !self.is_dirty() || self.in_flight.is_some() {
            return None;
        }
        let delay = if self.last_error.is_some() { RETRY_DELAY_S } else { AUTOSAVE_DELAY_S };
        Some((self.due_from + delay - time).max(0.0))
    }

    /// Starts saving `document` on a named thread, which calls `wake` when it is done so the
    /// status bar tells the truth within a frame. If no thread can be started, saves right here
    /// and returns the outcome.
    pub fn start_background_save(
        &mut self,
        document: &D,
        time: f64,
        wake: impl FnOnce() + Send + 'static,
    ) -> Option<Settled<D>> {
        let path = self.path.clone()?;
        let (tx, rx) = std::sync::mpsc::channel();
        let saved = document.clone();
        let expected = self.fingerprint;
        let extras = self.extras.clone();
        self.due_from = time;
        let spawned = std::thread::Builder::new().name(format!("lanyard-save-{}", D::KIND)).spawn(move || {
            let result = store::save_with_extras(&path, &saved, expected, &extras);
            tx.send((result, saved)).ok();
            wake();
        });
        match spawned {
            Ok(_) => {
                self.in_flight = Some((rx, self.revision));
                None
            }
            Err(err) => {
                log::warn!("could not start the save thread: {err}");
                self.save_blocking(document)
            }
        }
    }

    /// Saves on the calling thread (exit, switching documents, Ctrl+S).
    pub fn save_blocking(&mut self, document: &D) -> Option<Settled<D>> {
        let path = self.path.clone()?;
        let revision = self.revision;
        let result = store::save_with_extras(&path, document, self.fingerprint, &self.extras);
        Some(Settled { revision, result, saved: document.clone() })
    }

    /// A background save that has finished, if any.
    pub fn poll(&mut self) -> Option<Settled<D>> {
        let (rx, revision) = self.in_flight.as_ref()?;
        let revision = *revision;
        let (result, saved) = match rx.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                self.in_flight = None;
                return None;
            }
        };
        self.in_flight = None;
        Some(Settled { revision, result, saved })
    }

    /// Blocks until a save in flight has finished.
    pub fn wait(&mut self) -> Option<Settled<D>> {
        let (rx, revision) = self.in_flight.take()?;
        let (result, saved) = rx.recv().ok()?;
        Some(Settled { revision, result, saved })
    }

    /// Records a successful save of the document as it was at `revision`.
    pub fn saved(&mut self, revision: u64, fingerprint: Fingerprint) {
        self.fingerprint = fingerprint;
        self.saved_revision = revision;
        self.last_error = None;
    }
}
