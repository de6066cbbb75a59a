//! Exporters: a [`Schedule`] (and a person's [`Plan`](crate::model::Plan)) out as bytes in another format, written to
//! disk atomically.
//!
//! Rendering ([`ical::schedule_to_ics`], [`ical::plan_to_ics`], [`native::write`]) is pure and
//! deterministic: the same data gives the same bytes, with no clock and no randomness, so files
//! diff cleanly and calendar programs recognise re-imported events. Only [`write_file`] touches the
//! disk. Exporters never modify the schedule file they were given.
//!
//! [`native::write`]: crate::io::import::native::write

pub mod frab_json;
pub mod frab_xml;
pub mod ical;
pub mod picture;
pub mod roster;

use std::path::{Path, PathBuf};

use crate::io::import::native;
use crate::io::store;
use crate::model::Schedule;

/// The formats a schedule can be exported to, chosen by the output file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Lanyard's own RON format (`.ron`).
    Native,
    /// iCalendar, RFC 5545 (`.ics`).
    ICalendar,
}

impl ExportFormat {
    /// The format for an output path, from its extension (case-insensitive): `.ron` or `.ics`.
    /// `None` for anything else, including no extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "ron" => Some(Self::Native),
            "ics" => Some(Self::ICalendar),
            _ => None,
        }
    }
}

/// Why an export failed. Paths come last in messages.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not serialise the schedule as RON: {0}")]
    Serialise(#[from] ron::Error),
    #[error("could not write the export: {source}: {}", path.display())]
    Write { source: std::io::Error, path: PathBuf },
}

/// Renders the whole schedule in `format`.
///
/// # Errors
/// [`ExportError::Serialise`] if RON serialisation fails (it should not for a built schedule).
pub fn render_schedule(schedule: &Schedule, format: ExportFormat) -> Result<String, ExportError> {
    match format {
        ExportFormat::Native => Ok(native::write(schedule)?),
        ExportFormat::ICalendar => Ok(ical::schedule_to_ics(schedule)),
    }
}

/// Writes an export to `path` atomically, replacing any file there. The folder must exist.
///
/// # Errors
/// [`ExportError::Write`]; the file at `path` is then left as it was.
pub fn write_file(path: &Path, contents: &str) -> Result<(), ExportError> {
    store::write_atomic(path, contents.as_bytes())
        .map_err(|source| ExportError::Write { source, path: path.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_extension() {
        assert_eq!(ExportFormat::from_path(Path::new("out/x.ron")), Some(ExportFormat::Native));
        assert_eq!(ExportFormat::from_path(Path::new("x.ICS")), Some(ExportFormat::ICalendar));
        assert_eq!(ExportFormat::from_path(Path::new("x.txt")), None);
        assert_eq!(ExportFormat::from_path(Path::new("ics")), None);
        assert_eq!(ExportFormat::from_path(Path::new("x.ics.bak")), None);
    }

    #[test]
    fn write_file_replaces_atomically_and_reports_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ics");
        write_file(&path, "one").unwrap();
        write_file(&path, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let missing = dir.path().join("no-such-folder").join("out.ics");
        let err = write_file(&missing, "x").unwrap_err();
        assert!(err.to_string().ends_with(&missing.display().to_string()), "{err}");
    }
}
