//! Schedule importers: bytes in, a validated [`Schedule`] out, or an [`ImportError`] that names
//! the line and column wherever the format has them. Importers never panic on any input.
//!
//! The format is detected from the content ([`detect`]), with the file name only as a tie-breaker.

pub mod common;
pub mod frab_json;
pub mod frab_xml;
pub mod ical;
pub mod native;

use std::path::Path;

use crate::model::{Location, Schedule};

/// Schedules larger than this are refused before parsing. The largest real schedules (CCC) are
/// about 3 MB; a merged festival ten times that still fits with room to spare.
pub const MAX_SCHEDULE_BYTES: u64 = 100 * 1024 * 1024;

/// Reports the fraction of the input processed so far, from 0.0 to 1.0. Importers call it at
/// most a few hundred times per file, so it may take a lock or touch an atomic.
pub type Progress<'a> = &'a dyn Fn(f32);

/// The schedule formats lanyard reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Lanyard's own RON format.
    Native,
    /// Pentabarf / frab / c3voc `schedule.xml` (FOSDEM, CCC, DebConf/wafer, …).
    FrabXml,
    /// frab / pretalx / c3voc `schedule.json`.
    FrabJson,
    /// iCalendar (RFC 5545).
    ICalendar,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Self::Native => "lanyard RON",
            Self::FrabXml => "frab/Pentabarf XML",
            Self::FrabJson => "schedule.json",
            Self::ICalendar => "iCalendar",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("could not read the file: {0}")]
    Read(#[source] std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; schedules over {MAX_SCHEDULE_BYTES} bytes are refused")]
    TooLarge { size: u64 },
    #[error("not a schedule lanyard can read (expected lanyard RON, frab/Pentabarf XML, schedule.json or iCalendar)")]
    UnknownFormat,
    #[error("{message}")]
    Invalid { format: Format, location: Option<Location>, message: String },
}

impl ImportError {
    /// Where in the file the problem is, if the format can say.
    pub fn location(&self) -> Option<Location> {
        match self {
            Self::Invalid { location, .. } => *location,
            _ => None,
        }
    }

    /// `FILE:LINE:COL: error: MESSAGE`, the form `lanyard check` prints and editors understand.
    /// Errors without a position point at the start of the file.
    pub fn display_with_path(&self, path: &Path) -> String {
        let Location { line, col } = self.location().unwrap_or(Location { line: 1, col: 1 });
        format!("{}:{line}:{col}: error: {self}", path.display())
    }
}

/// Guesses the format from the first meaningful bytes, using the file name only when the content
/// says nothing.
pub fn detect(bytes: &[u8], file_name: &str) -> Option<Format> {
    let text = skip_bom_and_space(bytes);
    if text.starts_with(b"<") {
        return Some(Format::FrabXml);
    }
    if text.starts_with(b"{") || text.starts_with(b"[") {
        return Some(Format::FrabJson);
    }
    if text.get(..15).is_some_and(|head| head.eq_ignore_ascii_case(b"BEGIN:VCALENDAR")) {
        return Some(Format::ICalendar);
    }
    if text.starts_with(b"(") || text.starts_with(b"//") || text.starts_with(b"#![") || text.starts_with(b"/*") {
        return Some(Format::Native);
    }
    let lower = file_name.to_ascii_lowercase();
    [
        (".ron", Format::Native),
        (".xml", Format::FrabXml),
        (".json", Format::FrabJson),
        (".ics", Format::ICalendar),
        (".ical", Format::ICalendar),
    ]
    .into_iter()
    .find_map(|(ext, format)| lower.ends_with(ext).then_some(format))
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Parses a schedule from bytes. `file_name` helps detection only.
///
/// # Errors
/// [`ImportError`] describing the first problem found.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<Schedule, ImportError> {
    parse_with_progress(bytes, file_name, &|_| {})
}

/// [`parse`], reporting progress for large files.
///
/// # Errors
/// [`ImportError`] describing the first problem found.
pub fn parse_with_progress(bytes: &[u8], file_name: &str, progress: Progress<'_>) -> Result<Schedule, ImportError> {
    if skip_bom_and_space(bytes).is_empty() {
        return Err(ImportError::Empty);
    }
    let schedule = match detect(bytes, file_name) {
        Some(Format::Native) => native::parse(bytes),
        Some(Format::FrabXml) => frab_xml::parse(bytes, progress),
        Some(Format::FrabJson) => frab_json::parse(bytes, progress),
        Some(Format::ICalendar) => ical::parse(bytes, progress),
        None => Err(ImportError::UnknownFormat),
    }?;
    progress(1.0);
    Ok(schedule)
}

/// Reads and parses a schedule file, refusing files over [`MAX_SCHEDULE_BYTES`] before reading.
///
/// # Errors
/// [`ImportError`]; the file is never modified.
pub fn load(path: &Path) -> Result<Schedule, ImportError> {
    load_with_progress(path, &|_| {})
}

/// [`load`], reporting progress for large files.
///
/// # Errors
/// [`ImportError`]; the file is never modified.
pub fn load_with_progress(path: &Path, progress: Progress<'_>) -> Result<Schedule, ImportError> {
    let file = super::files::open_regular(path).map_err(ImportError::Read)?;
    let size = file.metadata().map_err(ImportError::Read)?.len();
    if size > MAX_SCHEDULE_BYTES {
        return Err(ImportError::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_SCHEDULE_BYTES + 1), &mut bytes)
        .map_err(ImportError::Read)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    parse_with_progress(&bytes, &name, progress)
}

/// The 1-based line and column of byte `offset` in `text` (columns count characters).
pub fn location_at(text: &str, offset: usize) -> Location {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    // `memchr` counts lines many times faster than `str::matches`; importers call this for every
    // event (on the stretch since the previous one), so over a whole file.
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    Location { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(col).unwrap_or(u32::MAX) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_one_based_and_count_characters() {
        let text = "ab\ncé d";
        assert_eq!(location_at(text, 0), Location { line: 1, col: 1 });
        assert_eq!(location_at(text, 3), Location { line: 2, col: 1 });
        assert_eq!(location_at(text, text.find('d').unwrap()), Location { line: 2, col: 4 });
        assert_eq!(location_at(text, 999), Location { line: 2, col: 5 });
    }

    #[test]
    fn detection_by_content() {
        assert_eq!(detect(b"\xEF\xBB\xBF  (version: 1)", "x.txt"), Some(Format::Native));
        assert_eq!(detect(b"// comment\n(", "x"), Some(Format::Native));
        assert_eq!(detect(b"\x00\x01", "x.bin"), None);
        assert_eq!(detect(b"<?xml version=\"1.0\"?><schedule>", "x"), Some(Format::FrabXml));
        assert_eq!(detect(b"  {\"schedule\": {}}", "x"), Some(Format::FrabJson));
        assert_eq!(detect(b"begin:vcalendar\r\n", "x"), Some(Format::ICalendar));
        assert_eq!(detect(b"garbage", "fosdem.xml"), Some(Format::FrabXml));
    }

    #[test]
    fn empty_and_garbage_are_refused() {
        assert!(matches!(parse(b"", "x.ron"), Err(ImportError::Empty)));
        assert!(matches!(parse(b"  \n ", "x.ron"), Err(ImportError::Empty)));
        assert!(matches!(parse(b"\x89PNG\r\n", "x.png"), Err(ImportError::UnknownFormat)));
    }
}
