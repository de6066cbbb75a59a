//! Noticing that another program changed a document while lanyard has it open: a second lanyard
//! window, a sync tool replacing the file, a user deleting it. A named background thread looks at
//! the file's metadata once per [`POLL_INTERVAL`] (a `stat`, no reading) and, when it changed,
//! reads and parses the document there and hands it over, so the frame path never touches the
//! disk. Polling rather than inotify: it also works on network and sync-tool folders, and a plan
//! is one file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::store::{self, Document, Fingerprint, Loaded, StoreError};

/// How often the file's metadata is looked at.
pub const POLL_INTERVAL: Duration = Duration::from_millis(700);

/// What `stat` says about a file: enough to notice a write or a replacement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt as _;
    let metadata = std::fs::metadata(path).ok()?;
    Some(Stamp { len: metadata.len(), modified: metadata.modified().ok(), inode: metadata.ino() })
}

/// A document as it was found on disk after a change.
pub type Found<D> = Result<Loaded<D>, StoreError>;

/// Watches one document file; dropping it stops the thread (within one poll).
pub struct FileWatch {
    path: PathBuf,
    stop: Arc<AtomicBool>,
    /// What the app itself last wrote or read there: finding that is no news, and wakes nobody.
    known: Arc<Mutex<Fingerprint>>,
}

impl FileWatch {
    /// Starts watching `path` for a `D`. Each change is handed to `found` on the watcher's
    /// thread (the app sends it to its inbox, which asks for a frame); when `found` returns
    /// `false` the watch ends. `None` if no thread could be started; the app then only notices
    /// changes when it saves.
    pub fn start<D: Document + Send + 'static>(
        path: &Path,
        known: Fingerprint,
        found: impl Fn(Found<D>) -> bool + Send + 'static,
    ) -> Option<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let known = Arc::new(Mutex::new(known));
        let thread_known = Arc::clone(&known);
        let thread_stop = Arc::clone(&stop);
        let thread_path = path.to_owned();
        let spawned = super::thread::spawn(&format!("watch-{}", D::KIND), move || {
            let mut last = stamp(&thread_path);
            while !thread_stop.load(Ordering::Relaxed) {
                std::thread::sleep(POLL_INTERVAL);
                let now = stamp(&thread_path);
                if now == last {
                    continue;
                }
                last = now;
                let loaded = store::load::<D>(&thread_path);
                let ours = thread_known.lock().ok().map(|known| *known);
                if loaded.as_ref().ok().map(|loaded| loaded.fingerprint) == ours {
                    continue;
                }
                if thread_stop.load(Ordering::Relaxed) || !found(loaded) {
                    break;
                }
            }
        });
        spawned.ok().map(|_| Self { path: path.to_owned(), stop, known })
    }

    /// Tells the watcher what the file holds after the app's own save or load, so finding it
    /// there is not reported.
    pub fn set_known(&self, fingerprint: Fingerprint) {
        if let Ok(mut known) = self.known.lock() {
            *known = fingerprint;
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
