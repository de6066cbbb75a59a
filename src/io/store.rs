//! Versioned RON documents on disk: load, refuse newer versions, set corrupt files aside, and
//! save atomically with a backup, never clobbering a file that changed since it was loaded.
//!
//! Every document the user owns (plan, roster, settings) goes through here. A save:
//! 1. serialises the document;
//! 2. re-reads the file on disk and compares it with the [`Fingerprint`] taken at load or at the
//!    last save: if another program (a second lanyard, a sync tool) changed it, the save is refused
//!    with [`StoreError::ChangedOnDisk`];
//! 3. writes the old contents to `NAME.bak` atomically;
//! 4. writes the new contents atomically: a temp file in the same folder, fsync, rename, fsync of
//!    the folder (the `atomic-write-file` crate).
//!
//! A crash at any point leaves either the old or the new file, and a `.bak` that is a complete
//! earlier version.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::model::Location;

/// Documents larger than this are refused: real plans and rosters are kilobytes.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// A document type stored as versioned RON.
pub trait Document: Sized {
    /// Human name used in messages, e.g. `"plan"`.
    const KIND: &'static str;
    /// The newest format version this build reads and writes.
    const VERSION: u32;

    /// Parses a document of format `version` (≤ [`Self::VERSION`]), migrating older versions,
    /// and notes the path of every field it does not know in `ignored` (see [`from_ron_noting`]).
    ///
    /// # Errors
    /// The RON error, with its position, if the text does not match that version's shape.
    fn from_ron_noting(text: &str, version: u32, ignored: &mut Vec<String>) -> Result<Self, ron::error::SpannedError>;

    /// [`Self::from_ron_noting`], not interested in unknown fields.
    ///
    /// # Errors
    /// As there.
    fn from_ron(text: &str, version: u32) -> Result<Self, ron::error::SpannedError> {
        Self::from_ron_noting(text, version, &mut Vec::new())
    }

    /// Serialises the document in the newest format, including `version`.
    ///
    /// # Errors
    /// If serialisation fails (it should not for well-formed documents).
    fn to_ron(&self) -> Result<String, ron::Error>;
}

/// RON options shared by every document: `Some(x)` may be written as plain `x`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Pretty printing shared by every document: one entry per line, small structs inline.
pub fn ron_pretty(depth_limit: usize) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new().depth_limit(depth_limit).indentor("    ".to_owned()).struct_names(false)
}

/// What a file on disk looked like when we last read or wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fingerprint {
    Missing,
    Content { len: u64, hash: u64 },
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Self {
        Self::Content { len: bytes.len() as u64, hash: content_hash(bytes) }
    }
}

/// A hash of a file's bytes, enough to notice that another program changed it. Fingerprints live
/// only in memory, so the std hasher (fast, fixed keys) is enough; it runs on every save.
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher as _;
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not read {kind} file: {source}: {}", path.display())]
    Read { kind: &'static str, source: std::io::Error, path: PathBuf },
    #[error("could not save {kind} file: {source}: {}", path.display())]
    Write { kind: &'static str, source: std::io::Error, path: PathBuf },
    #[error("{}:{}:{}: {kind} file is not valid: {message}", path.display(), location.line, location.col)]
    Corrupt { kind: &'static str, location: Location, message: String, path: PathBuf },
    #[error(
        "{kind} file has format version {found}, this lanyard reads up to {supported}; \
         it was written by a newer lanyard and is left untouched: {}",
        path.display()
    )]
    TooNew { kind: &'static str, found: u32, supported: u32, path: PathBuf },
    #[error("{kind} file is {size} bytes, more than the {MAX_DOCUMENT_BYTES} a {kind} can be: {}", path.display())]
    TooLarge { kind: &'static str, size: u64, path: PathBuf },
    #[error(
        "{kind} file was changed by another program since lanyard loaded it; \
         your changes were not written over it: {}",
        path.display()
    )]
    ChangedOnDisk { kind: &'static str, path: PathBuf },
    #[error("could not serialise {kind}: {source}")]
    Serialise { kind: &'static str, source: ron::Error },
}

impl StoreError {
    /// Whether the document should be treated as read-only (we must never write over it).
    pub fn is_read_only(&self) -> bool {
        matches!(self, Self::TooNew { .. } | Self::ChangedOnDisk { .. })
    }
}

/// A document loaded from disk.
#[derive(Debug)]
pub struct Loaded<D> {
    /// `None` when the file does not exist yet.
    pub document: Option<D>,
    pub fingerprint: Fingerprint,
    /// What the file holds beyond what this lanyard reads.
    pub extras: Extras,
}

/// What a document file holds that this lanyard does not read: fields a newer lanyard, another
/// tool or the file's author added, and comments. Top-level fields are carried through every
/// save byte for byte ([`save_with_extras`]); what a save cannot carry (unknown fields deeper in
/// the document, comments) is listed so the app can keep the file as written beside it
/// ([`keep_original`]) and say so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// Unknown top-level fields: name and value as written.
    pub fields: Vec<(String, String)>,
    /// Unknown fields inside the document (`dinners.0.tip`), which a save drops.
    pub nested: Vec<String>,
    /// Comments of the file's own (not the ones lanyard writes), which a save drops.
    pub comments: usize,
}

impl Extras {
    /// Finds the extras of `text`, given the paths the typed parse ignored and the text lanyard
    /// would write for the same document (whose comments are lanyard's own).
    fn find(text: &str, ignored: Vec<String>, own_text: &str) -> Self {
        let scan = super::ron_fields::scan(text);
        let own_comments: std::collections::BTreeSet<String> =
            super::ron_fields::scan(own_text).comments.into_iter().collect();
        let (top, nested): (Vec<String>, Vec<String>) = ignored.into_iter().partition(|path| !path.contains('.'));
        let fields = scan
            .fields
            .into_iter()
            .filter(|field| top.contains(&field.name))
            .map(|field| (field.name, field.value))
            .collect();
        let comments = scan.comments.iter().filter(|c| !own_comments.contains(*c)).count();
        Self { fields, nested, comments }
    }

    /// Whether a save would drop something the file holds.
    pub fn lost_on_save(&self) -> bool {
        !self.nested.is_empty() || self.comments > 0
    }

    /// What a save would drop, for a message: "2 comments and the fields dinners.0.tip".
    pub fn describe_lost(&self) -> String {
        let mut parts = Vec::new();
        match self.comments {
            0 => {}
            1 => parts.push("a comment".to_owned()),
            n => parts.push(format!("{n} comments")),
        }
        if !self.nested.is_empty() {
            let shown: Vec<&str> = self.nested.iter().take(3).map(String::as_str).collect();
            let more = self.nested.len().saturating_sub(shown.len());
            let mut text = format!("fields this lanyard does not know ({})", shown.join(", "));
            if more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
            parts.push(text);
        }
        parts.join(" and ")
    }

    /// `text` (a document as lanyard writes it) with the unknown top-level fields put back in
    /// before its closing parenthesis.
    fn carry_into(&self, text: String) -> String {
        let Some(close) = text.rfind(')') else { return text };
        if self.fields.is_empty() {
            return text;
        }
        let (head, tail) = text.split_at(close);
        let head = head.trim_end();
        let mut out =
            String::with_capacity(text.len() + self.fields.iter().map(|(n, v)| n.len() + v.len() + 8).sum::<usize>());
        out.push_str(head);
        if !head.ends_with(',') && !head.ends_with('(') {
            out.push(',');
        }
        out.push('\n');
        for (name, value) in &self.fields {
            out.push_str("    ");
            out.push_str(name);
            out.push_str(": ");
            out.push_str(value);
            out.push_str(",\n");
        }
        out.push_str(tail);
        out
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Reads a file, refusing anything over [`MAX_DOCUMENT_BYTES`] and anything that is not a
/// regular file before reading it. `None` when there is no file.
///
/// # Errors
/// [`StoreError::Read`] or [`StoreError::TooLarge`].
pub fn read_limited(kind: &'static str, path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let read_err = |source| StoreError::Read { kind, source, path: path.to_owned() };
    let file = match super::files::open_regular(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(read_err(err)),
    };
    let size = file.metadata().map_err(read_err)?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(StoreError::TooLarge { kind, size, path: path.to_owned() });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_DOCUMENT_BYTES + 1), &mut bytes).map_err(read_err)?;
    Ok(Some(bytes))
}

fn spanned_location(err: &ron::error::SpannedError) -> Location {
    Location {
        line: u32::try_from(err.span.start.line).unwrap_or(u32::MAX),
        col: u32::try_from(err.span.start.col).unwrap_or(u32::MAX),
    }
}

/// Parses the bytes of a document.
///
/// # Errors
/// [`StoreError::Corrupt`] with line and column, or [`StoreError::TooNew`].
pub fn parse_document<D: Document>(bytes: &[u8], path: &Path) -> Result<D, StoreError> {
    parse_noting(bytes, path, &mut Vec::new())
}

/// [`parse_document`], noting the paths of unknown fields in `ignored`.
fn parse_noting<D: Document>(bytes: &[u8], path: &Path, ignored: &mut Vec<String>) -> Result<D, StoreError> {
    let corrupt =
        |location, message: String| StoreError::Corrupt { kind: D::KIND, location, message, path: path.to_owned() };
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let before = bytes.get(..err.valid_up_to()).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let location =
            Location { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX) };
        corrupt(location, "the file is not UTF-8 text".to_owned())
    })?;
    let probe: VersionProbe =
        ron_options().from_str(text).map_err(|err| corrupt(spanned_location(&err), err.code.to_string()))?;
    if probe.version > D::VERSION {
        return Err(StoreError::TooNew {
            kind: D::KIND,
            found: probe.version,
            supported: D::VERSION,
            path: path.to_owned(),
        });
    }
    D::from_ron_noting(text, probe.version, ignored)
        .map_err(|err| corrupt(spanned_location(&err), err.code.to_string()))
}

/// Loads a document. A missing file is not an error: `document` is `None`.
///
/// # Errors
/// See [`StoreError`]. The file is never modified.
pub fn load<D: Document>(path: &Path) -> Result<Loaded<D>, StoreError> {
    let Some(bytes) = read_limited(D::KIND, path)? else {
        return Ok(Loaded { document: None, fingerprint: Fingerprint::Missing, extras: Extras::default() });
    };
    let (document, extras) = parse_with_extras::<D>(&bytes, path)?;
    Ok(Loaded { document: Some(document), fingerprint: Fingerprint::of(&bytes), extras })
}

/// [`parse_document`], with what the text holds beyond what this lanyard reads.
///
/// # Errors
/// See [`parse_document`].
pub fn parse_with_extras<D: Document>(bytes: &[u8], path: &Path) -> Result<(D, Extras), StoreError> {
    let mut ignored = Vec::new();
    let document = parse_noting::<D>(bytes, path, &mut ignored)?;
    // Parsed, so UTF-8; lanyard's own text is only needed to tell its comments from the user's.
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let has_comments = text.contains("//") || text.contains("/*");
    if ignored.is_empty() && !has_comments {
        return Ok((document, Extras::default()));
    }
    let own = if has_comments { document.to_ron().unwrap_or_default() } else { String::new() };
    let extras = Extras::find(text, ignored, &own);
    Ok((document, extras))
}

/// Reads a document written by a newer version as best we can, for showing read-only: the fields
/// we know are read and the rest ignored. `None` if even that fails.
pub fn load_newer_for_viewing<D: Document>(path: &Path) -> Option<D> {
    let bytes = read_limited(D::KIND, path).ok()??;
    let text = std::str::from_utf8(&bytes).ok()?;
    D::from_ron(text, D::VERSION).ok()
}

/// The current fingerprint of a file on disk.
///
/// # Errors
/// If the file exists but cannot be read.
pub fn fingerprint(kind: &'static str, path: &Path) -> Result<Fingerprint, StoreError> {
    Ok(read_limited(kind, path)?.map_or(Fingerprint::Missing, |bytes| Fingerprint::of(&bytes)))
}

/// Saves `document` to `path` if the file on disk still matches `expected`.
///
/// Returns the new fingerprint. Writing identical contents is skipped.
///
/// # Errors
/// [`StoreError::ChangedOnDisk`] if someone else changed the file; I/O errors otherwise. On any
/// error the file on disk is left as it was.
pub fn save<D: Document>(path: &Path, document: &D, expected: Fingerprint) -> Result<Fingerprint, StoreError> {
    save_with_extras(path, document, expected, &Extras::default())
}

/// [`save`], carrying the unknown top-level fields of `extras` into the file as they were written.
///
/// # Errors
/// See [`save`].
pub fn save_with_extras<D: Document>(
    path: &Path,
    document: &D,
    expected: Fingerprint,
    extras: &Extras,
) -> Result<Fingerprint, StoreError> {
    let text = document.to_ron().map_err(|source| StoreError::Serialise { kind: D::KIND, source })?;
    let text = extras.carry_into(text);
    save_bytes(D::KIND, path, text.as_bytes(), expected)
}

/// Keeps the document at `path` as it is now beside it, as `NAME.original-1.ron` (or `-2`, …; a
/// copy with the same bytes already there is reused), before a save drops what it cannot carry
/// (see [`Extras`]). Returns where it is and whether it was written just now.
///
/// # Errors
/// If the file cannot be read or the copy written.
pub fn keep_original(kind: &'static str, path: &Path) -> Result<Option<(PathBuf, bool)>, StoreError> {
    let path =
        &super::files::write_target(path).map_err(|source| StoreError::Read { kind, source, path: path.to_owned() })?;
    let Some(bytes) = read_limited(kind, path)? else { return Ok(None) };
    let write_err = |source| StoreError::Write { kind, source, path: path.clone() };
    let same =
        |candidate: &Path| read_limited(kind, candidate).ok().flatten().is_some_and(|existing| existing == bytes);
    let target = free_name(path, "original", same).map_err(write_err)?;
    if same(&target) {
        return Ok(Some((target, false)));
    }
    write_atomic_with_mode(&target, &bytes, DOCUMENT_MODE).map_err(write_err)?;
    Ok(Some((target, true)))
}

/// [`save`] for bytes already serialised.
///
/// # Errors
/// See [`save`].
pub fn save_bytes(
    kind: &'static str,
    path: &Path,
    bytes: &[u8],
    expected: Fingerprint,
) -> Result<Fingerprint, StoreError> {
    let write_err = |source| StoreError::Write { kind, source, path: path.to_owned() };
    // Through a symbolic link, the file it points to is the document: replace that, keep the
    // link, and keep the backup beside the real file.
    let path = &super::files::write_target(path).map_err(write_err)?;
    // Two lanyards saving the same file at once take turns from the check to the rename, so the
    // second always sees the first one's file and merges it, instead of both passing the check
    // and the later rename silently dropping the other's changes.
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(write_err)?;
    }
    let _turn = lock_folder(path);
    let current = read_limited(kind, path)?;
    let current_fingerprint = current.as_deref().map_or(Fingerprint::Missing, Fingerprint::of);
    if current_fingerprint != expected {
        return Err(StoreError::ChangedOnDisk { kind, path: path.to_owned() });
    }
    let new_fingerprint = Fingerprint::of(bytes);
    if current_fingerprint == new_fingerprint && current.as_deref() == Some(bytes) {
        return Ok(new_fingerprint);
    }
    let written = match &current {
        Some(old) => keep_backup(path, old),
        None => Ok(()),
    }
    .and_then(|()| write_atomic_with_mode(path, bytes, DOCUMENT_MODE));
    if let Err(err) = written {
        // A write that fails at its rename (a full disk, a folder in the way) can leave its
        // temp file linked under a hidden name. This save holds the folder's lock, so no other
        // lanyard's save is in flight here: take every such leftover away now, so failed
        // retries do not pile them up.
        sweep_strays(path, std::time::Duration::ZERO);
        sweep_strays(&backup_path(path), std::time::Duration::ZERO);
        return Err(write_err(err));
    }
    Ok(new_fingerprint)
}

/// An exclusive advisory lock (`flock`) on the folder holding `path`, held until the returned
/// file is dropped (a killed process lets go at once). Saves of documents in one folder take
/// turns; readers never wait. `None` where the folder cannot be locked (some network file
/// systems): saves then rely on the fingerprint check alone.
fn lock_folder(path: &Path) -> Option<std::fs::File> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let folder = std::fs::File::open(dir).ok()?;
    folder.lock().ok()?;
    Some(folder)
}

/// Keeps the file about to be replaced as `NAME.bak`: a hard link to it, renamed into place, so
/// the backup is always a complete file and costs no second write. File systems without hard
/// links get an atomic copy of `old` (the bytes just read) instead.
fn keep_backup(path: &Path, old: &[u8]) -> std::io::Result<()> {
    static STAGED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let backup = backup_path(path);
    // A name no other process or thread uses, so two saving at once never take each other's
    // link away; hidden, like the temp files of the atomic write.
    let n = STAGED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut staging = std::ffi::OsString::from(".");
    staging.push(backup.file_name().unwrap_or_default());
    staging.push(format!(".{}-{n}", std::process::id()));
    let staging = backup.with_file_name(staging);
    match std::fs::hard_link(path, &staging) {
        Ok(()) => std::fs::rename(&staging, &backup).or_else(|err| {
            // Never leave the staging link behind (a full disk fails every save the same way):
            // take it away, then try the plain copy.
            std::fs::remove_file(&staging).ok();
            write_atomic_with_mode(&backup, old, DOCUMENT_MODE).map_err(|_| err)
        }),
        Err(_) => {
            std::fs::remove_file(&staging).ok();
            write_atomic_with_mode(&backup, old, DOCUMENT_MODE)
        }
    }
}

/// Removes the temp files a killed save can leave beside `path`: `.NAME.XXXXXX` from the atomic
/// write and `.NAME.bak.PID-N` from [`keep_backup`], if older than `min_age` (no save takes that
/// long, so one in flight in another process is never touched). Returns how many went.
/// Best effort: errors are ignored, and nothing but those two patterns is ever removed.
pub fn sweep_strays(path: &Path, min_age: std::time::Duration) -> usize {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let prefix = format!(".{name}.");
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else { continue };
        let atomic_temp = rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric());
        let backup_stage = rest.strip_prefix("bak.").and_then(|r| r.split_once('-')).is_some_and(|(pid, n)| {
            !pid.is_empty() && !n.is_empty() && pid.bytes().chain(n.bytes()).all(|b| b.is_ascii_digit())
        });
        let old_enough = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= min_age);
        if (atomic_temp || backup_stage) && old_enough && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// `plan.ron` → `plan.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, fsync, rename, fsync the
/// folder. Readers see either the old file or the complete new one, never a half-written file.
/// Takes no backup and does no change detection; documents go through [`save`] for that.
///
/// # Errors
/// Any I/O error; the file at `path` is then left as it was.
///
/// Through a symbolic link it replaces the link's target, keeping the link. A file that exists
/// keeps its permission bits; a new one gets `0644` (less the umask).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = super::files::write_target(path)?;
    // A named pipe or a device where an export should go is a mistake: never replace it.
    super::files::refuse_special(&target)?;
    write_atomic_with_mode(&target, bytes, EXPORT_MODE)
}

/// Permission bits of a new document the user owns (plan, roster, settings): theirs alone.
pub const DOCUMENT_MODE: u32 = 0o600;
/// Permission bits of a new export (calendar, CSV, converted schedule): readable by others, as
/// files people mean to share usually are.
pub const EXPORT_MODE: u32 = 0o644;

/// [`write_atomic`] to `path` itself (no links followed), with `mode` for a new file.
fn write_atomic_with_mode(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = atomic_write_file::OpenOptions::new().mode(mode).open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Moves a corrupt file out of the way, never deleting it: `plan.ron` → `plan.corrupt-1.ron`
/// (or `-2`, … if taken). Returns the new path.
///
/// # Errors
/// If the rename fails.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let target = free_name(path, "corrupt", |_| false)?;
    std::fs::rename(path, &target)?;
    Ok(target)
}

/// `plan.ron` + `corrupt` → the first of `plan.corrupt-1.ron`, `plan.corrupt-2.ron`, … that does
/// not exist, or the first existing one `reuse` accepts.
fn free_name(path: &Path, tag: &str, reuse: impl Fn(&Path) -> bool) -> std::io::Result<PathBuf> {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
    for n in 1..10_000 {
        let name = match &ext {
            Some(ext) => format!("{stem}.{tag}-{n}.{ext}"),
            None => format!("{stem}.{tag}-{n}"),
        };
        let target = path.with_file_name(name);
        if std::fs::symlink_metadata(&target).is_err() || reuse(&target) {
            return Ok(target);
        }
    }
    Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, format!("too many {tag} copies already")))
}

/// Keeps the backup of a document that failed to load (or vanished) where no save will ever
/// replace it: `plan.ron.bak` is copied to `plan.recovered-1.ron` (or `-2`, …; a copy with the
/// same bytes already there is reused). The next save of the document rotates `plan.ron.bak`,
/// so without this the last good copy would be gone two saves later. Returns `None` when there
/// is no backup.
///
/// # Errors
/// If the backup exists but cannot be read or copied.
pub fn keep_backup_copy(kind: &'static str, path: &Path) -> Result<Option<PathBuf>, StoreError> {
    let backup = backup_path(path);
    let Some(bytes) = read_limited(kind, &backup)? else { return Ok(None) };
    let write_err = |source| StoreError::Write { kind, source, path: backup.clone() };
    let same =
        |candidate: &Path| read_limited(kind, candidate).ok().flatten().is_some_and(|existing| existing == bytes);
    let target = free_name(path, "recovered", same).map_err(write_err)?;
    if !same(&target) {
        write_atomic_with_mode(&target, &bytes, DOCUMENT_MODE).map_err(write_err)?;
    }
    Ok(Some(target))
}

/// Parses a plain RON value with the shared options (used by documents' `from_ron`).
///
/// # Errors
/// The RON error with its position.
pub fn from_ron<T: DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    ron_options().from_str(text)
}

/// [`from_ron`], noting the path of every field the target type does not know in `ignored`
/// (`future_field`, `dinners.0.tip`).
///
/// # Errors
/// The RON error with its position.
pub fn from_ron_noting<T: DeserializeOwned>(
    text: &str,
    ignored: &mut Vec<String>,
) -> Result<T, ron::error::SpannedError> {
    let mut deserializer = ron::Deserializer::from_str_with_options(text, &ron_options())?;
    let value = serde_ignored::deserialize(&mut deserializer, |path| ignored.push(path.to_string()))
        .map_err(|err| deserializer.span_error(err))?;
    deserializer.end().map_err(|err| deserializer.span_error(err))?;
    Ok(value)
}
