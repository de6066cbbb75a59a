//! One document file as the app sees it: where it lives, whether it may be written, whether it
//! has unsaved changes, and the background save that keeps disk I/O off the frame path.
//!
//! Autosave: an edit marks the slot dirty, and at the end of that frame a save starts as a
//! background task (`app/tasks.rs`; [`AUTOSAVE_DELAY_S`] is zero), whose result comes back to the
//! app's inbox as a command. One save is in flight at a time, so a burst
//! of edits (typing a note) is written as it settles, never more than one save behind; the thread hands back the document
//! it wrote, so the owner knows exactly what is on disk. What to do when a save is refused
//! (another program changed the file) is the owner's decision, per document type.

use std::path::PathBuf;
use std::time::Duration;

use super::tasks::{Task, Tasks};
use crate::command::{Command, Done, Parcel};

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

pub type SaveResult = Result<Fingerprint, StoreError>;

/// A finished save: the revision it captured, its result, and the document it wrote.
#[derive(Debug)]
pub struct Settled<D> {
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
    /// A background save is running; its result arrives in the inbox.
    in_flight: bool,
    pub last_error: Option<String>,
    /// What the file holds beyond what this lanyard reads; its unknown top-level fields are
    /// written back by every save.
    pub extras: store::Extras,
    _document: std::marker::PhantomData<fn() -> D>,
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
            in_flight: false,
            last_error: None,
            extras: store::Extras::default(),
            _document: std::marker::PhantomData,
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
        self.in_flight
    }

    pub fn state(&self) -> SaveState {
        if let Some(reason) = &self.read_only {
            SaveState::ReadOnly(reason.clone())
        } else if self.path.is_none() {
            SaveState::NotSaved
        } else if self.in_flight {
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
        if !self.is_dirty() || self.in_flight {
            return None;
        }
        let delay = if self.last_error.is_some() { RETRY_DELAY_S } else { AUTOSAVE_DELAY_S };
        Some((self.due_from + delay - time).max(0.0))
    }

    /// Saves on the calling thread (exit, switching documents, Ctrl+S).
    pub fn save_blocking(&mut self, document: &D) -> Option<Settled<D>> {
        let path = self.path.clone()?;
        let revision = self.revision;
        let result = store::save_with_extras(&path, document, self.fingerprint, &self.extras);
        Some(Settled { revision, result, saved: document.clone() })
    }

    /// Records a successful save of the document as it was at `revision`.
    pub fn saved(&mut self, revision: u64, fingerprint: Fingerprint) {
        self.fingerprint = fingerprint;
        self.saved_revision = revision;
        self.last_error = None;
    }
}

/// Saving in the background, for the documents whose outcome can travel back to the inbox.
impl<D: Saved> DocSlot<D> {
    /// Starts saving `document` as a background task; the outcome arrives in the inbox as a
    /// [`Done`] command, to be handed to [`Self::landed`]. If no thread can be started, saves
    /// right here and returns the outcome.
    pub fn start_background_save(&mut self, document: &D, time: f64, tasks: &mut Tasks) -> Option<Settled<D>> {
        let path = self.path.clone()?;
        let saved = document.clone();
        let (expected, extras, revision) = (self.fingerprint, self.extras.clone(), self.revision);
        self.due_from = time;
        let spawned = tasks.spawn(Task::SaveDocument(D::KIND), move || {
            let result = store::save_with_extras(&path, &saved, expected, &extras);
            Some(Command::Done(D::deliver(Parcel::new(Settled { revision, result, saved }))))
        });
        match spawned {
            Ok(()) => {
                self.in_flight = true;
                None
            }
            Err(err) => {
                log::warn!("{err}");
                self.save_blocking(document)
            }
        }
    }

    /// The background save's outcome, out of its parcel; the slot is no longer saving.
    pub fn landed(&mut self, parcel: &Parcel<Settled<D>>) -> Option<Settled<D>> {
        self.in_flight = false;
        parcel.take()
    }

    /// The background save ended without an outcome (its task died); the document stays dirty
    /// and is saved again.
    pub fn lost(&mut self) {
        self.in_flight = false;
    }

    /// Blocks until a save in flight has finished (at most a minute), and returns its outcome.
    pub fn wait(&mut self, tasks: &mut Tasks) -> Option<Settled<D>> {
        if !self.in_flight {
            return None;
        }
        let command = tasks.wait_for(Task::SaveDocument(D::KIND), Duration::from_secs(60));
        self.in_flight = false;
        match command {
            Some(Command::Done(done)) => D::receive(&done).and_then(|parcel| parcel.take()),
            other => {
                log::error!("the {} save ended without an outcome: {other:?}", D::KIND);
                None
            }
        }
    }
}

/// A document saved in the background: how its outcome travels in a [`Done`] command.
pub trait Saved: Document + Clone + Send + 'static {
    fn deliver(parcel: Parcel<Settled<Self>>) -> Done;
    fn receive(done: &Done) -> Option<&Parcel<Settled<Self>>>;
}

impl Saved for crate::model::Plan {
    fn deliver(parcel: Parcel<Settled<Self>>) -> Done {
        Done::PlanSaved(parcel)
    }

    fn receive(done: &Done) -> Option<&Parcel<Settled<Self>>> {
        if let Done::PlanSaved(parcel) = done { Some(parcel) } else { None }
    }
}

impl Saved for crate::model::roster::Roster {
    fn deliver(parcel: Parcel<Settled<Self>>) -> Done {
        Done::RosterSaved(parcel)
    }

    fn receive(done: &Done) -> Option<&Parcel<Settled<Self>>> {
        if let Done::RosterSaved(parcel) = done { Some(parcel) } else { None }
    }
}
