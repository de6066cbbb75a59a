//! Importer for frab/Pentabarf/c3voc `schedule.xml` (FOSDEM, CCC, DebConf/wafer, …).
//!
//! One streaming pass of `quick_xml::Reader` over the borrowed input: no DOM, no recursion, and
//! text is borrowed from the input wherever one piece of text makes up a value. Element nesting is
//! tracked on a heap stack of one small enum per level, so 200,000-deep nesting costs a few
//! hundred kilobytes and never the call stack.
//!
//! What it must not do: expand DTD entities (a `<!DOCTYPE>` is read and ignored, and unknown entity
//! references stay in the text as written, so "billion laughs" files stay small), panic on any
//! input, or drop an event: every `<event>` becomes exactly one session, or the import fails with
//! the event's line and column.
//!
//! Times: an event's `date` (ISO 8601 with offset) is the instant to trust and is converted to the
//! conference zone's wall clock; without it, the enclosing `<day date>` plus `start` is used, and a
//! `start` earlier than `day_change` is on the next calendar day. The zone comes from
//! `time_zone_name`, else from one offset shared by every `date`, else it is floating (warned).
//!
//! Known limitation: only UTF-8 files are read; a file in another encoding is refused with the
//! position of the first byte that is not UTF-8.
//!
//! Layout: `parser.rs` is the streaming parser itself; this file holds the entry point, the
//! element contexts and fields it recognises, and the helpers for text, entities and times.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart};

use super::{Format, ImportError, Progress, common, location_at};
use crate::model::{Location, Schedule};
use parser::Parser;

mod parser;

/// Values quoted in messages are cut to this many characters, so hostile values keep them short.
const QUOTE_CHARS: usize = 40;

/// Parses a frab/Pentabarf/c3voc `schedule.xml`.
///
/// `progress` receives the fraction of bytes read, about every 100 events.
///
/// # Errors
/// [`ImportError::Invalid`] with the line and column of the first problem: text that is not UTF-8
/// or holds NUL bytes, broken or truncated XML, a root element other than `<schedule>`, an event
/// without a usable start time, or a negative duration.
pub fn parse(bytes: &[u8], progress: Progress<'_>) -> Result<Schedule, ImportError> {
    let text = decode(bytes)?;
    let mut parser = Parser::new(text, progress);
    parser.run()?;
    Ok(parser.finish())
}

fn invalid(location: Option<Location>, message: impl Into<String>) -> ImportError {
    ImportError::Invalid { format: Format::FrabXml, location, message: message.into() }
}

/// The input as text without its byte-order mark, refusing what no XML parser should see.
fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = bytes.get(..err.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default();
        invalid(Some(location_at(valid, valid.len())), "the file is not UTF-8 text (invalid byte here)")
    })?;
    if let Some(nul) = memchr::memchr(0, text.as_bytes()) {
        return Err(invalid(Some(location_at(text, nul)), "the file contains a NUL byte: it is not an XML text file"));
    }
    Ok(text)
}

/// `value` trimmed and cut to [`QUOTE_CHARS`] characters, for messages.
fn quote(value: &str) -> String {
    let value = value.trim();
    let mut out: String = value.chars().take(QUOTE_CHARS).collect();
    if out.len() < value.len() {
        out.push('…');
    }
    out
}

/// Where each element sits in the schedule's shape. One per open element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    Schedule,
    Conference,
    /// `<conference><track name color>`: a declared track.
    ConferenceTrack,
    Day,
    Room,
    Event,
    Persons,
    Links,
    Attachments,
    Recording,
    /// A leaf whose text is collected.
    Field(Field),
    /// Anything else: ignored, or markup nested inside a field.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Version,
    Conference(ConfField),
    Event(EventField),
    Person,
    Link,
    Attachment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConfField {
    Title,
    Acronym,
    Start,
    End,
    DayChange,
    TimeZoneName,
    BaseUrl,
}

impl ConfField {
    const COUNT: usize = 7;

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "title" => Self::Title,
            "acronym" => Self::Acronym,
            "start" => Self::Start,
            "end" => Self::End,
            "day_change" => Self::DayChange,
            "time_zone_name" => Self::TimeZoneName,
            "base_url" => Self::BaseUrl,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EventField {
    Date,
    Start,
    Duration,
    Room,
    Title,
    Subtitle,
    Track,
    Type,
    Language,
    Abstract,
    Description,
    Url,
    VideoUrl,
    /// `recording/optout`.
    Optout,
}

impl EventField {
    const COUNT: usize = 14;

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "date" => Self::Date,
            "start" => Self::Start,
            "duration" => Self::Duration,
            "room" => Self::Room,
            "title" => Self::Title,
            "subtitle" => Self::Subtitle,
            "track" => Self::Track,
            "type" => Self::Type,
            "language" => Self::Language,
            "abstract" => Self::Abstract,
            "description" => Self::Description,
            "url" => Self::Url,
            "video_download_url" => Self::VideoUrl,
            _ => return None,
        })
    }

    /// Abstracts and descriptions hold HTML; when it arrives as real child elements rather than
    /// escaped text, the tags are kept so `html_to_text` can turn them into line breaks.
    fn keeps_markup(self) -> bool {
        matches!(self, Self::Abstract | Self::Description)
    }
}

/// The context of an element named `name` inside `parent`.
fn child_ctx(parent: Ctx, name: &str) -> Ctx {
    match (parent, name) {
        (Ctx::Schedule, "version") => Ctx::Field(Field::Version),
        (Ctx::Schedule, "conference") => Ctx::Conference,
        (Ctx::Schedule, "day") => Ctx::Day,
        (Ctx::Schedule | Ctx::Day | Ctx::Room, "event") => Ctx::Event,
        (Ctx::Day, "room") => Ctx::Room,
        (Ctx::Conference, "track") => Ctx::ConferenceTrack,
        (Ctx::Conference, _) => ConfField::from_name(name).map_or(Ctx::Other, |f| Ctx::Field(Field::Conference(f))),
        (Ctx::Event, "persons") => Ctx::Persons,
        (Ctx::Event, "links") => Ctx::Links,
        (Ctx::Event, "attachments") => Ctx::Attachments,
        (Ctx::Event, "recording") => Ctx::Recording,
        (Ctx::Event, _) => EventField::from_name(name).map_or(Ctx::Other, |f| Ctx::Field(Field::Event(f))),
        (Ctx::Persons, "person") => Ctx::Field(Field::Person),
        (Ctx::Links, "link") => Ctx::Field(Field::Link),
        (Ctx::Attachments, "attachment") => Ctx::Field(Field::Attachment),
        (Ctx::Recording, "optout") => Ctx::Field(Field::Event(EventField::Optout)),
        _ => Ctx::Other,
    }
}

/// The name of the innermost element that says where a truncated file stopped.
fn ctx_name(ctx: Ctx) -> Option<&'static str> {
    Some(match ctx {
        Ctx::Schedule => "schedule",
        Ctx::Conference => "conference",
        Ctx::Day => "day",
        Ctx::Room => "room",
        Ctx::Event => "event",
        Ctx::Persons => "persons",
        Ctx::Links => "links",
        Ctx::Attachments => "attachments",
        Ctx::Recording => "recording",
        Ctx::ConferenceTrack | Ctx::Field(_) | Ctx::Other => return None,
    })
}

/// Appends a piece of text, borrowing when it is the only piece.
fn push_text<'a>(buf: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if buf.is_empty() {
        *buf = piece;
    } else {
        buf.to_mut().push_str(&piece);
    }
}

/// Appends the text of the entity reference `&name;`. Only the five XML entities and character
/// references are resolved; anything else (a DTD entity, an HTML entity) stays as written, never
/// expanded.
fn push_reference(out: &mut String, name: &str) {
    let predefined = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => name.strip_prefix('#').and_then(char_reference),
    };
    match predefined {
        Some(c) => out.push(c),
        None => {
            out.push('&');
            out.push_str(name);
            out.push(';');
        }
    }
}

/// The character of `#65` or `#x41` (given without the `#`). NUL and surrogates are not characters.
fn char_reference(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.is_empty() || digits.len() > 8 || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u32::from_str_radix(digits, radix).ok().filter(|&code| code != 0).and_then(char::from_u32)
}

fn reference_text<'a>(reference: &BytesRef<'_>) -> Cow<'a, str> {
    let mut out = String::new();
    push_reference(&mut out, reference);
    Cow::Owned(out)
}

/// Text content as the XML reader would deliver it: entity references resolved as in
/// [`push_reference`], a lone `&` kept, and line ends normalised to `\n`. `raw` holds no `<`.
/// Borrows when there is nothing to change.
fn unescape(raw: &str) -> Cow<'_, str> {
    // `memchr` rather than `str::find`: this runs over every abstract, and its vector search is
    // several times faster than the standard library's on text this long.
    let has_cr = memchr::memchr(b'\r', raw.as_bytes()).is_some();
    let Some(first) = memchr::memchr(b'&', raw.as_bytes()) else {
        return if has_cr { Cow::Owned(normalise_line_ends(raw)) } else { Cow::Borrowed(raw) };
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(raw.get(..first).unwrap_or_default());
    let mut rest = raw.get(first..).unwrap_or_default();
    while let Some(after) = rest.strip_prefix('&') {
        // A reference ends at the first `;`, unless another `&` comes first (a lone `&`). Both
        // are ASCII, so the index found is a character boundary.
        match after.bytes().position(|b| b == b';' || b == b'&') {
            Some(end) if after.as_bytes().get(end) == Some(&b';') => {
                push_reference(&mut out, after.get(..end).unwrap_or_default());
                rest = after.get(end + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
        let next = memchr::memchr(b'&', rest.as_bytes()).unwrap_or(rest.len());
        out.push_str(rest.get(..next).unwrap_or_default());
        rest = rest.get(next..).unwrap_or_default();
    }
    Cow::Owned(if has_cr { normalise_line_ends(&out) } else { out })
}

/// `\r\n` and lone `\r` become `\n`, as XML 1.0 requires of parsers.
fn normalise_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The value of attribute `key`, entity references resolved where possible, else as written.
fn attribute(element: &BytesStart<'_>, key: &str) -> Option<String> {
    let mut attributes = element.attributes();
    // The duplicate check compares each attribute with all before it: quadratic on hostile tags.
    attributes.with_checks(false);
    for attr in attributes {
        let Ok(attr) = attr else { break };
        if attr.key.local_name().as_ref() == key {
            let value = attr.normalized_value(XmlVersion::Implicit1_0).unwrap_or_else(|_| attr.value.clone());
            return Some(value.into_owned());
        }
    }
    None
}

/// Minutes after midnight of `HH:MM` or `HH:MM:SS`. Hours up to 47 are accepted for files that
/// write after-midnight times as `25:30`.
fn parse_clock(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let number = |part: Option<&str>| -> Option<u32> {
        let part = part?;
        if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let hours = number(parts.next())?;
    let minutes = number(parts.next())?;
    let seconds = match parts.next() {
        Some(s) => number(Some(s))?,
        None => 0,
    };
    if parts.next().is_some() || hours > 47 || minutes > 59 || seconds > 59 {
        return None;
    }
    Some(hours * 60 + minutes)
}

/// A time of day from `HH:MM`, `HH:MM:SS` or a full date-time (its time part).
fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let clock = text.split_once('T').map_or(text, |(_, time)| time);
    let clock = clock.get(..8.min(clock.len())).unwrap_or(clock);
    let clock = clock.trim_end_matches(|c: char| !c.is_ascii_digit());
    let minutes = parse_clock(clock).filter(|&m| m < 24 * 60)?;
    NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)
}

/// A date from `YYYY-MM-DD`, or the date part of a date-time.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

fn looks_like_video(url: &str) -> bool {
    let url = url.to_ascii_lowercase();
    [".mp4", ".webm", "video.", "media.ccc.de"].iter().any(|needle| url.contains(needle))
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The abstract and the description as plain text, joined by a blank line. Empty parts and a
/// description that repeats the abstract are left out.
fn abstract_text(abstract_html: &str, description_html: &str) -> String {
    let summary = common::html_to_text(abstract_html);
    if description_html == abstract_html {
        return summary;
    }
    let description = common::html_to_text(description_html);
    match (summary.is_empty(), description.is_empty() || description == summary) {
        (_, true) => summary,
        (true, false) => description,
        // `join` sizes the text exactly; `format!` doubles its buffer as it goes, and abstracts
        // are most of a schedule's memory.
        (false, false) => [summary, description].join("\n\n"),
    }
}

#[cfg(test)]
mod tests;
