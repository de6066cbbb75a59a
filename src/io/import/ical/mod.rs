//! Importer for iCalendar (RFC 5545) files: exports from pretalx, Google Calendar, Outlook,
//! Thunderbird and hand-written scripts. Every `BEGIN:VEVENT` in the file becomes exactly one
//! session; `VTODO`, `VJOURNAL`, `VALARM`, `VTIMEZONE` and unknown components are skipped.
//!
//! The reader is our own: line-oriented, non-recursive and linear in the input. The `icalendar`
//! crate's parser was tried first and rejects or mangles files that real calendars produce (see
//! "Why not the icalendar crate" below), so it is not used here.
//!
//! Pipeline:
//! 1. `unfold` splits the bytes into content lines (CRLF, LF, or bare CR files), joins folded
//!    lines *as bytes* (so a fold inside a multi-byte UTF-8 sequence heals) and remembers the line
//!    each content line starts on in the original file.
//! 2. `Reader` tracks `BEGIN`/`END` with an explicit stack and keeps only the properties the
//!    schedule needs. Sloppy structure is repaired with a warning: a missing `END:VEVENT`, stray
//!    `END` lines, raw line breaks inside a `DESCRIPTION`, lines outside the calendar.
//! 3. `Converter` picks the conference zone, turns every event into a [`Session`] with
//!    conference-local wall-clock times, and reports oddities as warnings that point at the event's
//!    `BEGIN:VEVENT` line.
//!
//! Fields: `UID` → id (else a hash of the title), `SUMMARY` → title, `DESCRIPTION` → abstract
//! (HTML turned into text), `LOCATION` → room, `CATEGORIES` → tags (the first is the track),
//! `URL` and `ATTACH` URLs → links, `ORGANIZER`/`ATTENDEE` `CN` → speakers,
//! `X-LANYARD-RECORDED`/`X-RECORDED`/`X-IS-RECORDED` and the `…-CAPTIONED` equivalents
//! (`TRUE`, `YES` or `1`) → the recorded and captioned flags.
//!
//! What it must not do: expand recurrences (`RRULE` keeps its first occurrence, with a warning),
//! drop or merge events (duplicate `UID`s are renamed by [`ScheduleBuilder::build`]), recurse,
//! panic, or hold more than a small constant factor of the input in memory.
//!
//! Why not the icalendar crate (0.17.17): its `parser::unfold` works on `&str`, so a fold inside
//! a multi-byte character cannot be healed; its recursive-descent component parser overflows the
//! stack (aborting the process) on 200,000 nested `BEGIN` lines; it fails the whole file on a
//! missing `END:VEVENT`, an `END:vevent` closing a `BEGIN:VEVENT`, two concatenated calendars, any
//! byte after `END:VCALENDAR`, or a raw line break in a `DESCRIPTION` followed by punctuation; it
//! unescapes text only for upper-case property names; and its error positions refer to the
//! unfolded text.
//!
//! Known limitations: `VTIMEZONE` rules are not evaluated; a `TZID` that is neither IANA nor
//! recoverable (prefix, Windows name, `X-LIC-LOCATION`, a city in an Outlook display name) is
//! read as floating time. `DURATION` is applied as nominal minutes, so an event spanning a DST
//! change shows its elapsed length rather than its wall-clock end.
//!
//! Layout, in the order a file is read: `lines.rs` unfolds physical lines and splits content
//! lines (sections 1–2); this file reads components and gathers warnings (3–4); `zones.rs` maps
//! `TZID`s to zones (5); `times.rs` parses dates, times and durations (6); `convert.rs` turns
//! what was read into the model (7).

use std::collections::BTreeMap;

use super::{Format, ImportError, Progress};
use crate::model::{Link, Location, Schedule, ScheduleBuilder, Warning};
use convert::Converter;
use lines::{ContentLine, is_true, one_line, short, split_list, unescape, unfold};

/// Files with more events than this are refused: conference calendars hold a few thousand, and
/// the cap bounds memory on hostile input.
pub const MAX_EVENTS: usize = 200_000;

/// Deepest component nesting accepted. Real calendars nest three deep
/// (`VCALENDAR` > `VTIMEZONE` > `STANDARD`).
pub const MAX_DEPTH: usize = 64;

/// At most this many categories, attachments and people are kept per event.
const MAX_LIST_ITEMS: usize = 256;

/// Per-event warnings of one kind beyond this are summarised in a single warning.
const WARNINGS_PER_KIND: u32 = 20;

/// `progress` is called after every this many events.
const PROGRESS_EVERY: usize = 200;

/// Distinct `TZID`s that get the heuristics of [`recover_zone`]; later ones must be exact.
const MAX_ZONE_GUESSES: usize = 256;

/// Longest zone name the heuristics in [`recover_zone`] look at; longer ones are not zones.
const MAX_ZONE_NAME: usize = 128;

/// Parses an iCalendar file into a schedule. The conference zone comes from `X-WR-TIMEZONE`,
/// else the most common `TZID`, else it is floating (with a warning); every time is converted
/// to that zone's wall clock. `progress` receives the fraction of events converted.
///
/// # Errors
/// [`ImportError::Invalid`] when the file is not a calendar (no `BEGIN:VCALENDAR`), ends before
/// its `END:VCALENDAR` (truncated), nests components more than [`MAX_DEPTH`] deep or holds more
/// than [`MAX_EVENTS`] events. Everything else is repaired with a warning.
pub fn parse(bytes: &[u8], progress: Progress<'_>) -> Result<Schedule, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = Reader::default();
    let last_line = unfold(bytes, |line, raw| reader.content_line(line, raw))?;
    let file = reader.finish(last_line)?;
    Ok(Converter::convert(file, progress))
}

fn invalid(location: Location, message: impl Into<String>) -> ImportError {
    ImportError::Invalid { format: Format::ICalendar, location: Some(location), message: message.into() }
}

fn at_line(line: u32) -> Location {
    Location { line, col: 1 }
}

mod convert;
mod lines;
mod times;
mod zones;

// ---------------------------------------------------------------------------------------------
// 3. Reading components.

/// A date or date-time property as written: the value and its `TZID` parameter.
#[derive(Debug)]
struct RawTime {
    value: String,
    tzid: Option<String>,
}

/// Which text property the previous content line of an event was, so a raw (unescaped) line
/// break in it can be repaired.
#[derive(Clone, Copy, Debug)]
enum TextField {
    Summary,
    Description,
    Location,
}

/// The properties of one `VEVENT` that the schedule uses, still escaped.
#[derive(Debug, Default)]
struct RawEvent {
    line: u32,
    uid: Option<String>,
    summary: Option<String>,
    description: Option<String>,
    location: Option<String>,
    url: Option<String>,
    status: Option<String>,
    start: Option<RawTime>,
    end: Option<RawTime>,
    duration: Option<String>,
    categories: Vec<String>,
    links: Vec<Link>,
    people: Vec<String>,
    repeats: bool,
    is_recorded: bool,
    is_captioned: bool,
    /// `X-LANYARD-ID`: the stable session id of a lanyard export (wins over `UID`).
    lanyard_id: Option<String>,
    lanyard_kind: Option<String>,
    /// `X-LANYARD-TRACK`: present (possibly empty) only in lanyard's own exports.
    lanyard_track: Option<String>,
    last_text: Option<TextField>,
    joined_lines: u32,
}

impl RawEvent {
    fn new(line: u32) -> Self {
        Self { line, ..Self::default() }
    }

    fn property(&mut self, content: &ContentLine<'_>) {
        let value = content.value;
        let set = |slot: &mut Option<String>| {
            if slot.is_none() {
                *slot = Some(value.to_owned());
            }
        };
        self.last_text = None;
        match content.name.as_str() {
            "UID" => set(&mut self.uid),
            "SUMMARY" => {
                set(&mut self.summary);
                self.last_text = Some(TextField::Summary);
            }
            "DESCRIPTION" => {
                set(&mut self.description);
                self.last_text = Some(TextField::Description);
            }
            "LOCATION" => {
                set(&mut self.location);
                self.last_text = Some(TextField::Location);
            }
            "URL" => set(&mut self.url),
            "STATUS" => set(&mut self.status),
            "DURATION" => set(&mut self.duration),
            "DTSTART" | "DTEND" => {
                let slot = if content.name == "DTSTART" { &mut self.start } else { &mut self.end };
                if slot.is_none() {
                    *slot = Some(RawTime { value: value.to_owned(), tzid: content.param("TZID") });
                }
            }
            "RRULE" | "RDATE" => self.repeats = true,
            "CATEGORIES" => split_list(value, &mut self.categories),
            "ATTACH" => self.attach(content),
            "ORGANIZER" | "ATTENDEE" => {
                if let Some(name) = content.param("CN").map(|n| one_line(&n)).filter(|n| !n.is_empty())
                    && !self.people.contains(&name)
                    && self.people.len() < MAX_LIST_ITEMS
                {
                    self.people.push(name);
                }
            }
            "X-LANYARD-ID" => set(&mut self.lanyard_id),
            "X-LANYARD-KIND" => set(&mut self.lanyard_kind),
            "X-LANYARD-TRACK" => set(&mut self.lanyard_track),
            "X-LANYARD-RECORDED" | "X-RECORDED" | "X-IS-RECORDED" => self.is_recorded = is_true(value),
            "X-LANYARD-CAPTIONED" | "X-CAPTIONED" | "X-IS-CAPTIONED" => self.is_captioned = is_true(value),
            _ => {}
        }
    }

    /// `ATTACH` with a URL becomes a link; inline (base64) attachments are skipped.
    fn attach(&mut self, content: &ContentLine<'_>) {
        let url = content.value.trim();
        if !url.contains("://") || self.links.len() >= MAX_LIST_ITEMS {
            return;
        }
        let title = ["FILENAME", "X-FILENAME", "LABEL"]
            .iter()
            .find_map(|key| content.param(key))
            .map(|t| one_line(&t))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "Attachment".to_owned());
        self.links.push(Link { title, url: url.to_owned() });
    }

    /// Appends a line that is not a content line to the text property before it: calendars
    /// written without escaping put raw line breaks in descriptions. `false` if there is none.
    fn join_line(&mut self, text: &str) -> bool {
        let slot = match self.last_text {
            Some(TextField::Summary) => &mut self.summary,
            Some(TextField::Description) => &mut self.description,
            Some(TextField::Location) => &mut self.location,
            None => return false,
        };
        if let Some(value) = slot {
            value.push('\n');
            value.push_str(text);
            self.joined_lines += 1;
        }
        true
    }
}

/// A component that has begun and not yet ended.
#[derive(Debug)]
struct Open {
    name: String,
    line: u32,
}

/// Everything [`Reader`] keeps from a file.
#[derive(Debug)]
struct CalendarFile {
    name: Option<String>,
    wr_timezone: Option<String>,
    events: Vec<RawEvent>,
    /// `TZID` → `X-LIC-LOCATION` from `VTIMEZONE` blocks (Thunderbird, Evolution).
    vtimezones: BTreeMap<String, String>,
    warner: Warner,
}

/// The component state machine. Non-recursive: nesting is an explicit stack capped at
/// [`MAX_DEPTH`].
#[derive(Debug, Default)]
struct Reader {
    stack: Vec<Open>,
    has_calendar: bool,
    wr_calname: Option<String>,
    rfc7986_name: Option<String>,
    wr_timezone: Option<String>,
    events: Vec<RawEvent>,
    event: Option<RawEvent>,
    /// `(TZID, X-LIC-LOCATION)` of the open `VTIMEZONE`.
    vtimezone: Option<(Option<String>, Option<String>)>,
    vtimezones: BTreeMap<String, String>,
    /// Lines before, between or after calendars.
    outside: Tally,
    /// Lines that are not `NAME:value` and follow no text property.
    ignored: Tally,
    bad_utf8: Tally,
    nul_bytes: Tally,
    warner: Warner,
}

/// How often something happened and where first.
#[derive(Debug, Default)]
struct Tally {
    count: u32,
    first: Option<Location>,
}

impl Tally {
    fn add(&mut self, line: u32) {
        self.count = self.count.saturating_add(1);
        self.first.get_or_insert(at_line(line));
    }
}

impl Reader {
    fn content_line(&mut self, line: u32, raw: &[u8]) -> Result<(), ImportError> {
        let without_nul: Vec<u8>;
        let raw = if raw.contains(&0) {
            self.nul_bytes.add(line);
            without_nul = raw.iter().copied().filter(|&b| b != 0).collect();
            &without_nul
        } else {
            raw
        };
        let text = String::from_utf8_lossy(raw);
        if matches!(text, std::borrow::Cow::Owned(_)) {
            self.bad_utf8.add(line);
        }
        let Some(content) = ContentLine::parse(&text) else {
            self.not_content(line, &text);
            return Ok(());
        };
        match content.name.as_str() {
            "BEGIN" => self.begin(line, content.value),
            "END" => {
                self.end(line, content.value);
                Ok(())
            }
            _ => {
                self.property(line, &content);
                Ok(())
            }
        }
    }

    fn top(&self) -> Option<&str> {
        self.stack.last().map(|open| open.name.as_str())
    }

    fn begin(&mut self, line: u32, name: &str) -> Result<(), ImportError> {
        let name = name.trim().to_ascii_uppercase();
        // Events and calendars do not nest: a second BEGIN means the END of the first is missing.
        let unclosed = (name == "VEVENT" && self.event.is_some())
            || (name == "VCALENDAR" && self.stack.iter().any(|open| open.name == name));
        if unclosed {
            self.close_through(&name, line, &format!("BEGIN:{}", short(&name)));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(invalid(at_line(line), format!("components are nested more than {MAX_DEPTH} deep")));
        }
        if self.stack.is_empty() && name != "VCALENDAR" {
            self.outside.add(line);
        }
        match name.as_str() {
            "VCALENDAR" => self.has_calendar = true,
            "VTIMEZONE" => self.vtimezone = Some((None, None)),
            "VEVENT" => {
                if self.events.len() >= MAX_EVENTS {
                    return Err(invalid(at_line(line), format!("the calendar has more than {MAX_EVENTS} events")));
                }
                self.event = Some(RawEvent::new(line));
            }
            _ => {}
        }
        self.stack.push(Open { name, line });
        Ok(())
    }

    fn end(&mut self, line: u32, name: &str) {
        let name = name.trim().to_ascii_uppercase();
        if self.stack.iter().any(|open| open.name == name) {
            self.close_through(&name, line, &format!("END:{}", short(&name)));
        } else {
            self.warner.add(Kind::StrayEnd, at_line(line), || format!("END:{} without BEGIN: ignored", short(&name)));
        }
    }

    /// Pops components up to and including the innermost one named `name`; the ones above it
    /// lacked their `END` and were closed by `closed_by` at `line`.
    fn close_through(&mut self, name: &str, line: u32, closed_by: &str) {
        while let Some(open) = self.stack.pop() {
            let is_target = open.name == name;
            let implicit = !is_target || !closed_by.starts_with("END:");
            self.finish_component(&open, implicit.then_some((line, closed_by)));
            if is_target {
                break;
            }
        }
    }

    fn finish_component(&mut self, open: &Open, implicit: Option<(u32, &str)>) {
        match open.name.as_str() {
            "VEVENT" => {
                if let Some(event) = self.event.take() {
                    if let Some((line, by)) = implicit {
                        self.warner.add(Kind::Unclosed, at_line(event.line), || {
                            format!("event has no END:VEVENT: it ends at {by} on line {line}")
                        });
                    }
                    self.events.push(event);
                }
            }
            "VTIMEZONE" => {
                if let Some((Some(tzid), Some(iana))) = self.vtimezone.take() {
                    self.vtimezones.entry(tzid.trim().to_owned()).or_insert(iana);
                }
            }
            other => {
                if let Some((line, by)) = implicit {
                    self.warner.add(Kind::Unclosed, at_line(open.line), || {
                        format!("BEGIN:{} has no END: it ends at {by} on line {line}", short(other))
                    });
                }
            }
        }
    }

    fn property(&mut self, line: u32, content: &ContentLine<'_>) {
        let set = |slot: &mut Option<String>| {
            if slot.is_none() {
                *slot = Some(content.value.to_owned());
            }
        };
        match self.stack.last().map(|open| open.name.as_str()) {
            Some("VEVENT") => {
                if let Some(event) = &mut self.event {
                    event.property(content);
                }
            }
            Some("VCALENDAR") => match content.name.as_str() {
                "X-WR-CALNAME" => set(&mut self.wr_calname),
                "NAME" => set(&mut self.rfc7986_name),
                "X-WR-TIMEZONE" => set(&mut self.wr_timezone),
                _ => {}
            },
            Some("VTIMEZONE") => {
                if let Some((tzid, iana)) = &mut self.vtimezone {
                    match content.name.as_str() {
                        "TZID" => set(tzid),
                        "X-LIC-LOCATION" => set(iana),
                        _ => {}
                    }
                }
            }
            Some(_) => {}
            None => self.outside.add(line),
        }
    }

    fn not_content(&mut self, line: u32, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        if self.stack.is_empty() {
            self.outside.add(line);
            return;
        }
        let joined = self.top() == Some("VEVENT") && self.event.as_mut().is_some_and(|event| event.join_line(text));
        if !joined {
            self.ignored.add(line);
        }
    }

    /// Checks the file was a complete calendar and hands over what was read.
    fn finish(mut self, last_line: u32) -> Result<CalendarFile, ImportError> {
        if !self.has_calendar {
            return Err(invalid(at_line(1), "not an iCalendar file: there is no BEGIN:VCALENDAR"));
        }
        if let Some(open) = self.stack.last() {
            let (location, what) = match &self.event {
                Some(event) => (at_line(event.line), "END:VEVENT".to_owned()),
                None => (at_line(last_line.max(1)), format!("END:{}", short(&open.name))),
            };
            return Err(invalid(location, format!("the file ends before {what}: is it truncated?")));
        }
        self.warn_about_lines();
        let name = self.wr_calname.or(self.rfc7986_name).map(|n| one_line(&unescape(&n))).filter(|n| !n.is_empty());
        Ok(CalendarFile {
            name,
            wr_timezone: self.wr_timezone,
            events: self.events,
            vtimezones: self.vtimezones,
            warner: self.warner,
        })
    }

    fn warn_about_lines(&mut self) {
        // "1 line is" or "3 lines are".
        let lines = |n: u32| if n == 1 { "1 line is".to_owned() } else { format!("{n} lines are") };
        if let Some(first) = self.bad_utf8.first {
            let lines = lines(self.bad_utf8.count);
            self.warner.add(Kind::Other, first, || format!("{lines} not valid UTF-8: bad bytes shown as �"));
        }
        if let Some(first) = self.nul_bytes.first {
            let count = self.nul_bytes.count;
            let lines = if count == 1 { "1 line".to_owned() } else { format!("{count} lines") };
            self.warner.add(Kind::Other, first, || format!("NUL bytes removed from {lines}"));
        }
        if let Some(first) = self.outside.first {
            let lines = lines(self.outside.count);
            self.warner.add(Kind::Other, first, || format!("{lines} outside BEGIN:VCALENDAR…END:VCALENDAR"));
        }
        if let Some(first) = self.ignored.first {
            let lines = lines(self.ignored.count);
            self.warner.add(Kind::Other, first, || format!("{lines} not NAME:value: ignored"));
        }
        for event in &self.events {
            if event.joined_lines > 0 {
                let lines = lines(event.joined_lines);
                self.warner.add(Kind::JoinedLines, at_line(event.line), || {
                    format!("{lines} not NAME:value: joined to the text above (a line break left unescaped)")
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Warnings.

/// Kinds of per-event warning; each kind is reported for the first [`WARNINGS_PER_KIND`] events
/// and then summarised, so a calendar of 900 repeating events gives 21 warnings, not 900.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Untitled,
    Cancelled,
    Repeats,
    NoEnd,
    EndsBeforeStart,
    BadStart,
    BadEnd,
    Unclosed,
    StrayEnd,
    JoinedLines,
    UnknownZone,
    /// One-off, file-level warnings: never summarised.
    Other,
}

impl Kind {
    fn summary(self) -> &'static str {
        match self {
            Self::Untitled => "events without SUMMARY",
            Self::Cancelled => "cancelled events",
            Self::Repeats => "repeating events (RRULE) not expanded",
            Self::NoEnd => "events without DTEND or DURATION",
            Self::EndsBeforeStart => "events that end before they start",
            Self::BadStart => "events without a usable DTSTART",
            Self::BadEnd => "events with an unreadable DTEND or DURATION",
            Self::Unclosed => "components without END",
            Self::StrayEnd => "END lines without BEGIN",
            Self::JoinedLines => "events with lines that are not NAME:value",
            Self::UnknownZone => "unknown time zones",
            Self::Other => "other problems",
        }
    }
}

#[derive(Debug, Default)]
struct Warner {
    warnings: Vec<Warning>,
    counts: BTreeMap<Kind, u32>,
}

impl Warner {
    /// Records a warning; `message` is only built if it will be kept.
    fn add(&mut self, kind: Kind, location: Location, message: impl FnOnce() -> String) {
        self.add_at(kind, Some(location), message);
    }

    fn add_at(&mut self, kind: Kind, location: Option<Location>, message: impl FnOnce() -> String) {
        let count = self.counts.entry(kind).or_insert(0);
        *count = count.saturating_add(1);
        if kind == Kind::Other || *count <= WARNINGS_PER_KIND {
            self.warnings.push(Warning { message: message(), location });
        }
    }

    fn flush(self, builder: &mut ScheduleBuilder) {
        for warning in self.warnings {
            builder.warn(warning.message, warning.location);
        }
        for (kind, count) in self.counts {
            if kind != Kind::Other && count > WARNINGS_PER_KIND {
                builder.warn(format!("… and {} more {}", count - WARNINGS_PER_KIND, kind.summary()), None);
            }
        }
    }
}

#[cfg(test)]
mod tests;
