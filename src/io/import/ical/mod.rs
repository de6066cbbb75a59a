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

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::{TZ_VARIANTS, Tz};

use super::{Format, ImportError, Progress, common};
use crate::model::{
    Conference, Link, Location, Schedule, ScheduleBuilder, Session, SessionKind, Warning, Zone,
    time::{minutes_between, resolve_local},
};

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

// ---------------------------------------------------------------------------------------------
// 1. Unfolding.

/// Calls `each(line, bytes)` for every unfolded, non-empty content line, where `line` is the
/// 1-based line of the original file the content line starts on. Returns the number of the last
/// physical line. Folds (a line break followed by a space or tab) are removed byte-wise.
fn unfold(bytes: &[u8], mut each: impl FnMut(u32, &[u8]) -> Result<(), ImportError>) -> Result<u32, ImportError> {
    // Files saved with classic Mac line endings have no `\n` at all.
    let terminator = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    let mut current = Vec::new();
    let mut current_line = 0_u32;
    let mut last_line = 0_u32;
    for (index, raw) in bytes.split(|&b| b == terminator).enumerate() {
        last_line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let physical = trim_trailing_cr(raw);
        if physical.is_empty() {
            // Blank lines are not content; skipping them also heals folds in files with doubled
            // line endings (`\r\r\n`).
            continue;
        }
        match physical.split_first() {
            Some((b' ' | b'\t', rest)) if current_line != 0 => current.extend_from_slice(rest),
            _ => {
                if current_line != 0 {
                    each(current_line, &current)?;
                }
                current.clear();
                current.extend_from_slice(physical);
                current_line = last_line;
            }
        }
    }
    if current_line != 0 {
        each(current_line, &current)?;
    }
    Ok(last_line)
}

fn trim_trailing_cr(mut line: &[u8]) -> &[u8] {
    while let Some(rest) = line.strip_suffix(b"\r") {
        line = rest;
    }
    line
}

// ---------------------------------------------------------------------------------------------
// 2. Content lines and text values.

/// `NAME;PARAM=VALUE;...:VALUE`, split but not yet interpreted.
struct ContentLine<'a> {
    /// Upper-cased: property names are case-insensitive in practice.
    name: String,
    params: &'a str,
    value: &'a str,
}

impl<'a> ContentLine<'a> {
    /// `None` for lines that are not content lines (no colon, or a name with spaces or
    /// punctuation): usually the raw continuation of a value written without escaping.
    fn parse(line: &'a str) -> Option<Self> {
        let name_end = line.find([';', ':'])?;
        let name = line.get(..name_end)?.trim();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return None;
        }
        let rest = line.get(name_end..)?;
        let (params, value) = match rest.strip_prefix(':') {
            Some(value) => ("", value),
            None => {
                let colon = value_colon(rest)?;
                (rest.get(1..colon)?, rest.get(colon + 1..)?)
            }
        };
        Some(Self { name: name.to_ascii_uppercase(), params, value })
    }

    /// The value of parameter `key` (case-insensitive), unquoted and RFC 6868-decoded.
    fn param(&self, key: &str) -> Option<String> {
        let mut in_quotes = false;
        let pieces = self.params.split(|c: char| {
            if c == '"' {
                in_quotes = !in_quotes;
            }
            c == ';' && !in_quotes
        });
        for piece in pieces {
            if let Some((name, value)) = piece.split_once('=')
                && name.trim().eq_ignore_ascii_case(key)
            {
                return Some(decode_param(value));
            }
        }
        None
    }
}

/// The colon that ends the parameters: the first one outside double quotes, or failing that
/// (an unbalanced quote) the first one at all.
fn value_colon(rest: &str) -> Option<usize> {
    let mut in_quotes = false;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b':' if !in_quotes => return Some(i),
            _ => {}
        }
    }
    rest.find(':')
}

fn decode_param(value: &str) -> String {
    let value = value.trim();
    let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    if !value.contains('^') {
        return value.to_owned();
    }
    // RFC 6868: ^n is a line break, ^' a double quote, ^^ a caret.
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '^' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some('\'') => out.push('"'),
            Some('^') | None => out.push('^'),
            Some(other) => {
                out.push('^');
                out.push(other);
            }
        }
    }
    out
}

/// Undoes RFC 5545 TEXT escaping: `\,` `\;` `\\` `\n` `\N`, and the common but invalid `\:`.
/// Unknown escapes are kept as written.
fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ',' | ';' | ':')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a TEXT list (`CATEGORIES:Rust,Web\, Mobile`) on unescaped commas; items are
/// unescaped and trimmed, empty ones dropped.
fn split_list(raw: &str, out: &mut Vec<String>) {
    let mut start = 0;
    let mut escaped = false;
    // Looking at a bounded number of items keeps hostile lists (`a,a,a,…` for megabytes) linear.
    let mut budget = 4 * MAX_LIST_ITEMS;
    let mut push = |piece: &str, out: &mut Vec<String>| {
        budget = budget.saturating_sub(1);
        let item = one_line(&unescape(piece));
        if !item.is_empty() && !out.contains(&item) && out.len() < MAX_LIST_ITEMS {
            out.push(item);
        }
        budget > 0 && out.len() < MAX_LIST_ITEMS
    };
    for (i, c) in raw.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                if !push(raw.get(start..i).unwrap_or_default(), out) {
                    return;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    push(raw.get(start..).unwrap_or_default(), out);
}

/// Text for a single-line field (title, room): control characters become spaces, runs of
/// whitespace collapse, ends are trimmed.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Text for a multi-line field: control characters other than line breaks and tabs are dropped.
fn multi_line(text: &str) -> String {
    text.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect()
}

/// At most 60 characters of `text`, for warning messages.
fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

fn is_true(value: &str) -> bool {
    matches!(value.trim().to_ascii_uppercase().as_str(), "TRUE" | "YES" | "1")
}

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

// ---------------------------------------------------------------------------------------------
// 5. Time zones.

/// Maps `TZID` values to IANA zones, remembering each distinct answer and which unknown zones
/// were used, for one warning per unknown zone.
#[derive(Debug)]
struct ZoneResolver {
    vtimezones: BTreeMap<String, String>,
    cache: BTreeMap<String, Option<Tz>>,
    /// Unknown `TZID` → (times read as floating, first use).
    unknown: BTreeMap<String, Tally>,
}

impl ZoneResolver {
    fn new(vtimezones: BTreeMap<String, String>) -> Self {
        Self { vtimezones, cache: BTreeMap::new(), unknown: BTreeMap::new() }
    }

    fn lookup(&mut self, tzid: &str) -> Option<Tz> {
        let key = tzid.trim();
        if let Some(&tz) = self.cache.get(key) {
            return tz;
        }
        if self.cache.len() >= MAX_ZONE_GUESSES {
            // Real calendars use a handful of zones; thousands of distinct ones are hostile, and
            // only get the cheap exact lookup.
            return key.parse().ok();
        }
        let tz = recover_zone(key, &self.vtimezones);
        self.cache.insert(key.to_owned(), tz);
        tz
    }

    fn note_unknown(&mut self, tzid: &str, line: u32) {
        self.unknown.entry(tzid.trim().to_owned()).or_default().add(line);
    }
}

/// An IANA zone for a `TZID`: the name itself (any case), the `X-LIC-LOCATION` of its
/// `VTIMEZONE`, a Windows zone name, an IANA name after a path prefix
/// (`/mozilla.org/20050126_1/Europe/Berlin`), or a city in an Outlook display name
/// (`(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`).
fn recover_zone(name: &str, vtimezones: &BTreeMap<String, String>) -> Option<Tz> {
    let name = name.trim().trim_matches('"').trim();
    if name.is_empty() || name.len() > MAX_ZONE_NAME {
        return None;
    }
    iana_zone(name)
        .or_else(|| vtimezones.get(name).and_then(|location| iana_zone(location.trim())))
        .or_else(|| windows_zone(name))
        .or_else(|| name.match_indices('/').find_map(|(i, _)| iana_zone(name.get(i + 1..)?)))
        .or_else(|| city_zone(name))
}

fn iana_zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok().or_else(|| TZ_VARIANTS.iter().copied().find(|tz| tz.name().eq_ignore_ascii_case(name)))
}

/// The common Windows zone names (CLDR `windowsZones.xml`, territory 001), as Outlook and
/// Exchange write them in `TZID`.
const WINDOWS_ZONES: [(&str, &str); 70] = [
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("UTC-11", "Etc/GMT+11"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Mountain Standard Time", "America/Denver"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Eastern Standard Time", "America/New_York"),
    ("US Eastern Standard Time", "America/Indiana/Indianapolis"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("Argentina Standard Time", "America/Argentina/Buenos_Aires"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Greenland Standard Time", "America/Nuuk"),
    ("UTC-02", "Etc/GMT+2"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("UTC", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kyiv"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Nepal Standard Time", "Asia/Kathmandu"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("UTC+12", "Etc/GMT-12"),
];

/// A Windows zone name; `… Daylight Time` is accepted for `… Standard Time`.
fn windows_zone(name: &str) -> Option<Tz> {
    let standard = match name.get(name.len().saturating_sub(" Daylight Time".len())..) {
        Some(tail) if tail.eq_ignore_ascii_case(" Daylight Time") => {
            format!("{} Standard Time", name.get(..name.len() - tail.len()).unwrap_or_default())
        }
        _ => name.to_owned(),
    };
    WINDOWS_ZONES
        .iter()
        .find(|(windows, _)| windows.eq_ignore_ascii_case(&standard))
        .and_then(|(_, iana)| iana_zone(iana))
}

/// The first word (or pair of words, joined with `_`) that is the last part of an IANA name:
/// `Amsterdam` → `Europe/Amsterdam`, `Pacific Time (US & Canada)` → `Canada/Pacific`.
fn city_zone(name: &str) -> Option<Tz> {
    const NOT_CITIES: [&str; 6] = ["UTC", "GMT", "Time", "Standard", "Daylight", "Zone"];
    let words: Vec<&str> = name.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 4).collect();
    let pairs = words.windows(2).map(|pair| pair.join("_"));
    let candidates = words.iter().map(|w| (*w).to_owned()).filter(|w| !NOT_CITIES.contains(&w.as_str()));
    pairs.chain(candidates).find_map(|word| {
        TZ_VARIANTS
            .iter()
            .copied()
            .find(|tz| tz.name().contains('/') && tz.name().rsplit('/').next() == Some(word.as_str()))
    })
}

// ---------------------------------------------------------------------------------------------
// 6. Dates, times and durations.

/// A `DTSTART`/`DTEND` value, interpreted.
#[derive(Clone, Debug)]
enum TimeValue {
    /// `VALUE=DATE`: an all-day date.
    Date(NaiveDate),
    /// No zone: wall-clock time wherever the conference is.
    Floating(NaiveDateTime),
    /// `…Z`.
    Utc(NaiveDateTime),
    /// `TZID=` a zone we know.
    Zoned(NaiveDateTime, Tz),
    /// `TZID=` a zone we could not recover: read as floating.
    UnknownZone(NaiveDateTime),
    /// ISO 8601 with an offset, which sloppy generators write.
    Offset(DateTime<FixedOffset>),
}

/// The parsed times of one event; `Err` holds a value that could not be read.
#[derive(Debug)]
struct EventTimes {
    start: Option<Result<TimeValue, String>>,
    start_tzid: Option<String>,
    end: Option<Result<TimeValue, String>>,
    duration: Option<Result<i64, String>>,
}

impl EventTimes {
    fn read(event: &RawEvent, zones: &mut ZoneResolver) -> Self {
        let mut time = |raw: &Option<RawTime>| {
            raw.as_ref().map(|raw| read_time(raw, zones, event.line).ok_or_else(|| short(raw.value.trim())))
        };
        let start = time(&event.start);
        let end = time(&event.end);
        let duration = event.duration.as_deref().map(|d| parse_duration_minutes(d).ok_or_else(|| short(d.trim())));
        let start_tzid = event.start.as_ref().and_then(|s| s.tzid.clone());
        Self { start, start_tzid, end, duration }
    }
}

fn read_time(raw: &RawTime, zones: &mut ZoneResolver, line: u32) -> Option<TimeValue> {
    let value = raw.value.trim();
    // A list (`RDATE`-style) in DTSTART: the first value counts.
    let value = value.split(',').next().unwrap_or(value).trim();
    // Only extended ISO 8601 (with `-`) can carry an offset; RFC 5545 values skip the slow path.
    if let Some(instant) = value.contains('-').then(|| common::parse_datetime_with_offset(value)).flatten() {
        return Some(if instant.offset().local_minus_utc() == 0 {
            TimeValue::Utc(instant.naive_utc())
        } else {
            TimeValue::Offset(instant)
        });
    }
    Some(match parse_basic(value)? {
        Basic::Date(date) => TimeValue::Date(date),
        Basic::DateTime(time, true) => TimeValue::Utc(time),
        Basic::DateTime(time, false) => match raw.tzid.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => TimeValue::Floating(time),
            Some(tzid) => match zones.lookup(tzid) {
                Some(tz) => TimeValue::Zoned(time, tz),
                None => {
                    zones.note_unknown(tzid, line);
                    TimeValue::UnknownZone(time)
                }
            },
        },
    })
}

enum Basic {
    Date(NaiveDate),
    /// The time and whether it is UTC.
    DateTime(NaiveDateTime, bool),
}

/// `20270206`, `20270206T103000`, `20270206T103000Z`, and sloppy variants: lower case, no
/// seconds, `2027-02-06T10:30:00`, fractional seconds, `T240000` for the next midnight.
fn parse_basic(value: &str) -> Option<Basic> {
    let cleaned: String = value.chars().filter(|c| !matches!(c, '-' | ':')).collect::<String>().to_ascii_uppercase();
    let (cleaned, is_utc) = match cleaned.strip_suffix('Z') {
        Some(rest) => (rest, true),
        None => (cleaned.as_str(), false),
    };
    let (date_part, time_part) = match cleaned.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (cleaned, None),
    };
    if date_part.len() != 8 {
        return None;
    }
    let number = |range: std::ops::Range<usize>, text: &str| -> Option<u32> {
        let digits = text.get(range)?;
        if digits.bytes().all(|b| b.is_ascii_digit()) { digits.parse().ok() } else { None }
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4, date_part)?).ok()?,
        number(4..6, date_part)?,
        number(6..8, date_part)?,
    )?;
    let Some(time_part) = time_part else { return Some(Basic::Date(date)) };
    let time_part = time_part.split_once('.').map_or(time_part, |(whole, _)| whole);
    let (hour, minute, second) = match time_part.len() {
        4 => (number(0..2, time_part)?, number(2..4, time_part)?, 0),
        6 => (number(0..2, time_part)?, number(2..4, time_part)?, number(4..6, time_part)?),
        _ => return None,
    };
    let time = if (hour, minute, second) == (24, 0, 0) {
        date.succ_opt()?.and_time(NaiveTime::MIN)
    } else {
        // Second 60 is a leap second (RFC 5545 §3.3.12).
        date.and_time(NaiveTime::from_hms_opt(hour, minute, second.min(59))?)
    };
    Some(Basic::DateTime(time, is_utc))
}

/// An RFC 5545 duration in minutes, seconds rounded up: `PT45M`, `PT1H30M`, `P1D`, `P1DT2H`,
/// `P2W`, `-PT15M`. Also accepts the sloppy `P1H` and `PT1H30M0S`. `None` if unreadable or
/// absurdly large.
fn parse_duration_minutes(text: &str) -> Option<i64> {
    let text = text.trim().to_ascii_uppercase();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(&text)),
    };
    let rest = rest.strip_prefix('P')?;
    let mut seconds: i64 = 0;
    let mut number: Option<i64> = None;
    let mut in_time = false;
    let mut has_unit = false;
    for c in rest.chars() {
        if let Some(digit) = c.to_digit(10) {
            number = Some(number.unwrap_or(0).checked_mul(10)?.checked_add(i64::from(digit))?);
            continue;
        }
        let unit = match (c, in_time) {
            ('T', false) if number.is_none() => {
                in_time = true;
                continue;
            }
            ('W', false) => 7 * 86_400,
            ('D', false) => 86_400,
            ('H', _) => 3_600,
            ('M', _) => 60,
            ('S', _) => 1,
            _ => return None,
        };
        seconds = seconds.checked_add(number.take()?.checked_mul(unit)?)?;
        has_unit = true;
    }
    if number.is_some() || !has_unit {
        return None;
    }
    Some(sign * (seconds / 60 + i64::from(seconds % 60 != 0)))
}

// ---------------------------------------------------------------------------------------------
// 7. Conversion to the model.

/// Turns the events of a [`CalendarFile`] into sessions in one zone.
struct Converter {
    zone: Zone,
    /// Where events without a usable `DTSTART` go: the calendar's earliest start.
    fallback_start: NaiveDateTime,
    builder: ScheduleBuilder,
    warner: Warner,
    all_day: Tally,
}

impl Converter {
    fn convert(file: CalendarFile, progress: Progress<'_>) -> Schedule {
        let CalendarFile { name, wr_timezone, events, vtimezones, mut warner } = file;
        let name = name.unwrap_or_else(|| "Calendar".to_owned());
        let mut builder = ScheduleBuilder::new(Conference::named(common::slug(&name), name));
        let mut zones = ZoneResolver::new(vtimezones);
        let times: Vec<EventTimes> = events.iter().map(|event| EventTimes::read(event, &mut zones)).collect();
        let zone = choose_zone(wr_timezone.as_deref(), &times, &mut zones, &mut warner);
        builder.conference_mut().zone = zone;
        let fallback_start = times
            .iter()
            .filter_map(|t| t.start.as_ref()?.as_ref().ok())
            .map(|value| wall_clock(value, zone))
            .min()
            .unwrap_or(DateTime::<chrono::Utc>::UNIX_EPOCH.naive_utc());
        let mut converter = Self { zone, fallback_start, builder, warner, all_day: Tally::default() };
        let total = events.len();
        for (i, (event, times)) in events.into_iter().zip(times).enumerate() {
            if i % PROGRESS_EVERY == 0 {
                progress(i as f32 / total as f32);
            }
            let location = at_line(event.line);
            let session = converter.session(event, &times);
            converter.builder.add_session(session, Some(location));
        }
        converter.finish(total, &zones)
    }

    fn finish(mut self, total: usize, zones: &ZoneResolver) -> Schedule {
        if total == 0 {
            self.warner.add_at(Kind::Other, None, || "the calendar has no events".to_owned());
        }
        if let Some(first) = self.all_day.first {
            let count = self.all_day.count;
            let events = if count == 1 { "1 all-day event".to_owned() } else { format!("{count} all-day events") };
            self.warner.add(Kind::Other, first, || format!("{events} kept: shown from 00:00 for whole days"));
        }
        for (tzid, tally) in &zones.unknown {
            if let Some(first) = tally.first {
                let count = tally.count;
                self.warner.add(Kind::UnknownZone, first, || {
                    format!(
                        "unknown time zone \"{}\": {count} times read as written in the conference zone",
                        short(tzid)
                    )
                });
            }
        }
        let Self { mut builder, warner, .. } = self;
        warner.flush(&mut builder);
        builder.build()
    }

    fn session(&mut self, event: RawEvent, times: &EventTimes) -> Session {
        let location = at_line(event.line);
        let summary = event.summary.as_deref().map(|s| one_line(&unescape(s))).filter(|s| !s.is_empty());
        let title = summary.unwrap_or_else(|| {
            self.warner.add(Kind::Untitled, location, || "event has no SUMMARY: titled \"(untitled)\"".to_owned());
            "(untitled)".to_owned()
        });
        // Ids are kept as written (bar control characters and the ends, see `stable_id`), as every
        // importer keeps them: collapsing a run of spaces lost an id in the .ics round trip.
        let uid = event.uid.as_deref().map(unescape);
        let lanyard_id = event.lanyard_id.as_deref().map(unescape);
        let id = common::stable_id(lanyard_id.as_deref(), uid.as_deref(), &title, None);
        let (starts_at, duration_mins) = self.timing(&title, times, location);
        let kind = event
            .lanyard_kind
            .as_deref()
            .and_then(SessionKind::from_token)
            .unwrap_or_else(|| SessionKind::guess(&event.categories.join(", "), &title));
        let mut session = Session::new(id, title.clone(), starts_at, duration_mins);
        session.kind = kind;
        // A lanyard export says exactly which track (if any); other calendars put it first in
        // CATEGORIES.
        session.track = match &event.lanyard_track {
            Some(track) => self.builder.track_named(&one_line(&unescape(track))),
            None => event.categories.first().and_then(|c| self.builder.track_named(c)),
        };
        session.room = event.location.as_deref().and_then(|l| self.builder.room_named(&one_line(&unescape(l))));
        session.speakers = event.people;
        session.abstract_text =
            event.description.as_deref().map(|d| common::html_to_text(&multi_line(&unescape(d)))).unwrap_or_default();
        session.tags = event.categories;
        session.is_recorded = event.is_recorded;
        session.is_captioned = event.is_captioned;
        if let Some(url) = event.url.as_deref().map(|u| unescape(u.trim())).filter(|u| !u.is_empty()) {
            session.links.push(Link { title: "Event page".to_owned(), url });
        }
        session.links.extend(event.links);
        if event.repeats {
            self.warner.add(Kind::Repeats, location, || {
                format!("\"{}\" repeats (RRULE): only its first occurrence is shown", short(&title))
            });
        }
        if event
            .status
            .as_deref()
            .is_some_and(|s| matches!(s.trim().to_ascii_uppercase().as_str(), "CANCELLED" | "CANCELED"))
        {
            self.warner.add(Kind::Cancelled, location, || {
                format!("\"{}\" is cancelled (STATUS:CANCELLED): kept, titled \"Cancelled: …\"", short(&title))
            });
            session.title = format!("Cancelled: {title}");
        }
        session
    }

    /// Start (conference wall clock) and length in minutes. Problems give a warning and a zero
    /// length (a day for all-day events) rather than an error: calendars are sloppy.
    fn timing(&mut self, title: &str, times: &EventTimes, location: Location) -> (NaiveDateTime, u32) {
        let start = match &times.start {
            Some(Ok(start)) => start,
            problem => {
                let fallback = match &times.end {
                    Some(Ok(end)) => wall_clock(end, self.zone),
                    _ => self.fallback_start,
                };
                let what = match problem {
                    Some(Err(bad)) => format!("DTSTART \"{bad}\" is not a date or date-time"),
                    _ => "no DTSTART".to_owned(),
                };
                self.warner.add(Kind::BadStart, location, || {
                    format!(
                        "\"{}\": {what}: placed at {} with no length",
                        short(title),
                        fallback.format("%Y-%m-%d %H:%M")
                    )
                });
                return (fallback, 0);
            }
        };
        let starts_at = wall_clock(start, self.zone);
        let is_all_day = matches!(start, TimeValue::Date(_));
        if is_all_day {
            self.all_day.add(location.line);
        }
        let default_mins = if is_all_day { 1440 } else { 0 };
        let minutes = match (&times.end, &times.duration) {
            (Some(Ok(TimeValue::Date(end))), _) if is_all_day && starts_at.date() == *end => 1440,
            (Some(Ok(end)), _) => minutes_between(starts_at, wall_clock(end, self.zone)),
            (None, Some(Ok(minutes))) => *minutes,
            (Some(Err(bad)), _) | (None, Some(Err(bad))) => {
                let which = if times.end.is_some() { "DTEND" } else { "DURATION" };
                self.warner.add(Kind::BadEnd, location, || {
                    format!(
                        "\"{}\": {which} \"{bad}\" is not understood: length taken as {default_mins} min",
                        short(title)
                    )
                });
                default_mins
            }
            (None, None) => {
                if !is_all_day {
                    self.warner.add(Kind::NoEnd, location, || {
                        format!("\"{}\" has no DTEND or DURATION: shown with no length", short(title))
                    });
                }
                default_mins
            }
        };
        if minutes < 0 {
            self.warner.add(Kind::EndsBeforeStart, location, || {
                format!("\"{}\" ends before it starts: shown with no length", short(title))
            });
        }
        (starts_at, u32::try_from(minutes.max(0)).unwrap_or(u32::MAX))
    }
}

/// The conference-local wall clock of a time: instants are converted to `zone`, floating and
/// all-day times stay as written.
fn wall_clock(value: &TimeValue, zone: Zone) -> NaiveDateTime {
    match value {
        TimeValue::Date(date) => date.and_time(NaiveTime::MIN),
        TimeValue::Floating(time) | TimeValue::UnknownZone(time) => *time,
        TimeValue::Utc(time) => common::wall_clock(time.and_utc().fixed_offset(), zone),
        TimeValue::Zoned(time, tz) => common::wall_clock(resolve_local(*tz, *time).fixed_offset(), zone),
        TimeValue::Offset(instant) => common::wall_clock(*instant, zone),
    }
}

/// The conference zone: `X-WR-TIMEZONE` if it is a zone, else the most common `DTSTART` zone if
/// it is known, else floating, with a warning that says how times are shown.
fn choose_zone(wr_timezone: Option<&str>, times: &[EventTimes], zones: &mut ZoneResolver, warner: &mut Warner) -> Zone {
    if let Some(name) = wr_timezone.map(str::trim).filter(|n| !n.is_empty()) {
        if let Some(tz) = zones.lookup(name) {
            return Zone::Named(tz);
        }
        warner.add_at(Kind::Other, None, || format!("X-WR-TIMEZONE \"{}\" is not a known time zone", short(name)));
    }
    // Counted by zone, so `Europe/Berlin` and `/mozilla.org/…/Europe/Berlin` add up; ties go to
    // the zone seen first.
    let mut counts: BTreeMap<String, (usize, usize, Option<Tz>)> = BTreeMap::new();
    for (i, t) in times.iter().enumerate() {
        let key = match (&t.start, &t.start_tzid) {
            (Some(Ok(TimeValue::Zoned(_, tz))), _) => (tz.name().to_owned(), Some(*tz)),
            (Some(Ok(TimeValue::UnknownZone(_))), Some(tzid)) => (format!("?{tzid}"), None),
            _ => continue,
        };
        counts.entry(key.0).or_insert((0, i, key.1)).0 += 1;
    }
    let most_common = counts.values().max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    if let Some(&(_, _, Some(tz))) = most_common {
        return Zone::Named(tz);
    }
    let timed = times
        .iter()
        .flat_map(|t| [&t.start, &t.end])
        .filter_map(|v| v.as_ref()?.as_ref().ok())
        .filter(|v| !matches!(v, TimeValue::Date(_)));
    let (mut count, mut utc) = (0_usize, 0_usize);
    for value in timed {
        count += 1;
        utc += usize::from(matches!(value, TimeValue::Utc(_)));
    }
    if count > 0 && count == utc {
        warner.add_at(Kind::Other, None, || {
            "the calendar names no time zone and all times are UTC: times are shown in UTC; set the conference zone in the app".to_owned()
        });
    } else if count > 0 {
        warner.add_at(Kind::Other, None, || {
            "the calendar names no time zone: times are shown as written; set the conference zone in the app".to_owned()
        });
    }
    Zone::Floating
}

#[cfg(test)]
mod tests;
