//! Opening and replacing files the way every path in lanyard must: only regular files are read
//! (opening a named pipe would block the app for good, a device could be endless), and a write
//! through a symbolic link replaces the link's target, keeping the link and the target's
//! permission bits.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// How many links in a row are followed before giving up (Linux's own limit is 40).
const MAX_LINK_HOPS: usize = 40;

/// What kind of thing is at a path that is not a regular file, for messages.
fn kind_name(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

fn not_a_file(file_type: std::fs::FileType) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("it is {}, not a file lanyard can read", kind_name(file_type)))
}

/// Opens `path` for reading if it is a regular file (after following links). Anything else is
/// refused at once with an error naming what it is, before it is opened: opening a FIFO for
/// reading blocks until a writer comes, which may be never.
///
/// # Errors
/// The I/O error, or [`io::ErrorKind::InvalidInput`] for a folder, FIFO, socket or device.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(not_a_file(metadata.file_type()));
    }
    let file = File::open(path)?;
    // Swapped between the two calls: refuse it all the same.
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(not_a_file(metadata.file_type()));
    }
    Ok(file)
}

/// Whether `path` is something other than a regular file (a folder, FIFO, socket or device).
/// A missing path, or one that cannot be examined, is not.
///
/// # Errors
/// [`io::ErrorKind::InvalidInput`] naming what it is.
pub fn refuse_special(path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => Err(not_a_file(metadata.file_type())),
        _ => Ok(()),
    }
}

/// The file a write to `path` should replace: `path` itself, or, if it is a symbolic link (or a
/// chain of them), the file the last one points to, which may not exist yet. Replacing that file
/// keeps the link working and keeps the target's permissions; replacing the link itself would
/// cut it and leave a file with the link's mode (0777).
///
/// # Errors
/// A loop of links, or an unreadable link.
pub fn write_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINK_HOPS {
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::new(io::ErrorKind::InvalidInput, "too many levels of symbolic links"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = open_regular(dir.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("a folder"), "{err}");
        assert!(refuse_special(dir.path()).is_err());
        assert!(refuse_special(&dir.path().join("missing")).is_ok());
    }

    #[test]
    fn links_are_followed_to_their_target_even_when_it_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        let link2 = dir.path().join("link2.ron");
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        std::os::unix::fs::symlink(&link, &link2).unwrap();
        assert_eq!(write_target(&link2).unwrap(), real);
        assert_eq!(write_target(&real).unwrap(), real);
        let looped = dir.path().join("loop");
        std::os::unix::fs::symlink("loop", &looped).unwrap();
        assert!(write_target(&looped).is_err());
    }
}
