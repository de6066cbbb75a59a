//! Importer for frab / pretalx / c3voc `schedule.json`.
//!
//! The document is deserialised straight into private, lenient DTOs (no `serde_json::Value` tree,
//! so a 100,000-event file stays fast and small): string fields accept numbers, booleans, `null`
//! and pretalx translation objects; lists accept `null`; persons, links, rooms and tracks may be
//! objects or bare strings. What survives that is turned into the model by `Importer`, which
//! warns about messy-but-readable input and refuses only what cannot be placed on a timeline.
//!
//! serde_json does not expose the position of values, so after a successful parse one linear
//! pass (`scan`) walks the text again and records where each day and each event object starts.
//! Warnings and per-event errors carry those line:col positions.
//!
//! Time zones: `time_zone_name` when it names an IANA zone; else one fixed offset shared by every
//! event `date` (as an `Etc/GMT±N` zone, with a warning); else floating time with a warning. A file
//! whose dates use several offsets (a daylight-saving change with no zone name) is read as
//! floating: every event keeps the wall-clock time its `date` was written in, which is what the
//! printed programme shows, and the user is asked to set the real zone.
//!
//! This module must not panic, recurse without bound or allocate in proportion to anything but
//! the input: serde_json's recursion limit (128) guards nesting, and the scanner uses a heap stack.
//!
//! Layout: `dto.rs` holds the lenient DTOs serde fills, `positions.rs` the scanner that finds
//! where each day and event starts (for messages), `convert.rs` the step from DTOs to the model;
//! this file ties them together.

use super::{Format, ImportError, Progress, location_at};
use crate::model::{Conference, Location, Schedule, ScheduleBuilder};
use convert::Importer;
use dto::{Object, RootDto};
use positions::{locate_ascending, scan};

/// Prefix of the errors raised for valid JSON of the wrong shape; they are reported at 1:1.
const NOT_A_SCHEDULE: &str = "not a schedule.json: ";

/// How many times the build phase reports progress, at most.
const PROGRESS_STEPS: usize = 50;

/// Parses a frab / pretalx / c3voc `schedule.json`.
///
/// Every event object in the file becomes exactly one session; duplicate ids are kept and renamed
/// by [`ScheduleBuilder::build`]. Reports `progress` once after parsing (0.5) and while building.
///
/// # Errors
/// [`ImportError::Invalid`] for text that is not UTF-8, JSON syntax errors and truncation (with
/// line and column), valid JSON that is not a schedule (at 1:1), and events that have no usable
/// start time or a negative duration (at the event).
pub fn parse(bytes: &[u8], progress: Progress<'_>) -> Result<Schedule, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = std::str::from_utf8(bytes.get(..err.valid_up_to()).unwrap_or_default()).unwrap_or_default();
        invalid(Some(location_at(valid, valid.len())), "the file is not UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Object(root) = serde_json::from_str::<Object<RootDto<'_>>>(text).map_err(|err| json_error(text, &err))?;
    let (meta, conference, days) = root.into_parts()?;
    progress(0.5);
    let offsets = scan(text);
    let event_count: usize =
        days.iter().map(|d| d.rooms.0.iter().map(|(_, events)| events.0.len()).sum::<usize>()).sum();
    let importer = Importer {
        builder: ScheduleBuilder::new(Conference::named("conference", "Untitled conference")),
        base_url: meta.base_url.non_empty().map(str::to_owned),
        text,
        conference_at: offsets.conference,
        conference_fields: offsets.conference_fields,
        tracks_added: 0,
    };
    let event_at = trusted(&offsets.events, event_count, text);
    let day_at = trusted(&offsets.days, days.len(), text);
    importer.run(&meta, &conference, &days, &event_at, &day_at, progress)
}

/// Positions are only trusted when the scanner saw exactly the objects serde did.
fn trusted(found: &[usize], count: usize, text: &str) -> Vec<Option<Location>> {
    if found.len() == count { locate_ascending(text, found) } else { vec![None; count] }
}

fn invalid(location: Option<Location>, message: impl Into<String>) -> ImportError {
    ImportError::Invalid { format: Format::FrabJson, location, message: message.into() }
}

const START_OF_FILE: Location = Location { line: 1, col: 1 };

/// Turns a serde_json error into an [`ImportError`] with a character-based line:col.
fn json_error(text: &str, err: &serde_json::Error) -> ImportError {
    let full = err.to_string();
    let message = strip_position(&full);
    if let Some(rest) = message.strip_prefix(NOT_A_SCHEDULE) {
        return invalid(Some(START_OF_FILE), format!("{NOT_A_SCHEDULE}{rest}"));
    }
    let location = (err.line() > 0).then(|| json_location(text, err.line(), err.column()));
    let message = match err.classify() {
        serde_json::error::Category::Eof => format!("the file ends too early, in the middle of the JSON ({message})"),
        _ if message.contains("recursion limit exceeded") => "the JSON is nested too deeply".to_owned(),
        serde_json::error::Category::Syntax => format!("invalid JSON: {message}"),
        _ => message.to_owned(),
    };
    invalid(location, message)
}

/// serde_json's messages end in ` at line L column C`; the location travels separately.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message.get(i..).is_some_and(|tail| tail.contains(" column ")) => {
            message.get(..i).unwrap_or(message)
        }
        _ => message,
    }
}

/// serde_json counts columns in bytes; lanyard counts characters.
fn json_location(text: &str, line: usize, byte_col: usize) -> Location {
    let line_start =
        if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1) };
    let line_bytes = text.as_bytes().get(line_start..).unwrap_or_default();
    let prefix = line_bytes.get(..byte_col.min(line_bytes.len())).unwrap_or_default();
    let chars = prefix.iter().filter(|&&b| b & 0xC0 != 0x80).count().max(1);
    Location { line: u32::try_from(line).unwrap_or(u32::MAX), col: u32::try_from(chars).unwrap_or(u32::MAX) }
}

mod convert;
mod dto;
mod positions;

#[cfg(test)]
mod tests;
