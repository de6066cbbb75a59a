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

use std::borrow::Cow;
use std::io::BufRead as _;

use chrono::{DateTime, Datelike as _, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{Format, ImportError, Progress, common, location_at};
use crate::model::{
    Conference, Link, Location, Rgb, RoomIdx, Schedule, ScheduleBuilder, Session, SessionKind, Track, Zone,
};

/// Progress is reported once per this many events.
const PROGRESS_EVERY: usize = 100;

/// Values quoted in messages are cut to this many characters, so hostile values keep them short.
const QUOTE_CHARS: usize = 40;

/// Years outside this range are refused: far beyond any real conference, and kept well away from
/// the limits of date arithmetic elsewhere in lanyard.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

const FLOATING_WARNING: &str =
    "the file names no time zone: times are shown as written (floating); set the conference zone in lanyard";

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

/// Line and column of byte offsets that mostly arrive in increasing order, in linear total time.
#[derive(Debug)]
struct Cursor {
    offset: usize,
    location: Location,
}

impl Cursor {
    fn new() -> Self {
        Self { offset: 0, location: Location { line: 1, col: 1 } }
    }

    fn locate(&mut self, text: &str, offset: usize) -> Location {
        let Some(segment) = text.get(self.offset..offset) else {
            // Backwards or not on a character boundary: answer from the start, leave the cursor.
            return location_at(text, offset);
        };
        let step = location_at(segment, segment.len());
        self.location = if step.line > 1 {
            Location { line: self.location.line.saturating_add(step.line - 1), col: step.col }
        } else {
            Location { line: self.location.line, col: self.location.col.saturating_add(step.col - 1) }
        };
        self.offset = offset;
        self.location
    }
}

/// When an event starts, before the conference zone is known.
#[derive(Clone, Copy, Debug)]
enum When {
    /// From `date`: a real instant.
    Instant(DateTime<FixedOffset>),
    /// From `<day date>` plus `start`, in minutes after that day's midnight.
    Local { date: NaiveDate, minutes: u32 },
}

/// A finished event whose start waits for the conference zone and `day_change`.
#[derive(Debug)]
struct Pending {
    session: Session,
    when: When,
    location: Location,
}

/// One `<event>` while it is being read.
#[derive(Debug)]
struct EventDraft<'a> {
    location: Location,
    guid: Option<String>,
    id: Option<String>,
    day_date: Option<NaiveDate>,
    enclosing_room: Option<RoomIdx>,
    fields: [Cow<'a, str>; EventField::COUNT],
    /// Byte offset of the `<duration>` value, for messages about it.
    duration_offset: Option<usize>,
    speakers: Vec<String>,
    links: Vec<Link>,
    attachments: Vec<Link>,
}

impl<'a> EventDraft<'a> {
    fn get(&self, field: EventField) -> &str {
        self.fields.get(field as usize).map_or("", |value| value.trim())
    }

    fn set(&mut self, field: EventField, value: Cow<'a, str>) {
        if let Some(slot) = self.fields.get_mut(field as usize) {
            *slot = value;
        }
    }

    /// How messages name this event: `event 123`, else its guid, else its title.
    fn label(&self) -> String {
        let title = self.get(EventField::Title);
        match (self.id.as_deref().and_then(non_empty), self.guid.as_deref().and_then(non_empty)) {
            (Some(id), _) | (None, Some(id)) => format!("event {}", quote(&id)),
            (None, None) if !title.is_empty() => format!("event \"{}\"", quote(title)),
            (None, None) => "an untitled event".to_owned(),
        }
    }
}

/// The field element open right now, whose text is being collected into `Parser::buf`.
#[derive(Clone, Copy, Debug)]
struct Capture {
    keeps_markup: bool,
}

/// The state of one streaming pass. Events become [`Pending`] sessions as they close; the
/// conference, its zone and every start time are settled in [`Self::finish`], once the whole file
/// is read, because `time_zone_name` and `day_change` may come after the events that need them.
struct Parser<'a, 'p> {
    text: &'a str,
    reader: Reader<&'a [u8]>,
    progress: Progress<'p>,
    builder: ScheduleBuilder,
    conference: [Cow<'a, str>; ConfField::COUNT],
    version: Cow<'a, str>,
    stack: Vec<Ctx>,
    capture: Option<Capture>,
    buf: Cow<'a, str>,
    href: Option<String>,
    day_date: Option<NaiveDate>,
    room: Option<RoomIdx>,
    event: Option<EventDraft<'a>>,
    pending: Vec<Pending>,
    cursor: Cursor,
    events_seen: usize,
    warned_entities: bool,
}

impl<'a, 'p> Parser<'a, 'p> {
    fn new(text: &'a str, progress: Progress<'p>) -> Self {
        let mut reader = Reader::from_str(text);
        // Real files contain "AT&T": keep a lone ampersand as text rather than refusing the file.
        reader.config_mut().allow_dangling_amp = true;
        Self {
            text,
            reader,
            progress,
            builder: ScheduleBuilder::new(Conference::named("conference", "")),
            conference: Default::default(),
            version: Cow::Borrowed(""),
            stack: Vec::new(),
            capture: None,
            buf: Cow::Borrowed(""),
            href: None,
            day_date: None,
            room: None,
            event: None,
            pending: Vec::new(),
            cursor: Cursor::new(),
            events_seen: 0,
            warned_entities: false,
        }
    }

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// Reads the document up to the end of the root element.
    fn run(&mut self) -> Result<(), ImportError> {
        loop {
            let offset = self.position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => return Err(self.xml_error(&err)),
            };
            match event {
                Event::Start(element) => self.open(&element, offset, false)?,
                Event::Empty(element) => self.open(&element, offset, true)?,
                Event::End(element) => {
                    if self.close(element.local_name().as_ref())? {
                        return Ok(());
                    }
                }
                Event::Text(text) if self.capture.is_some() => push_text(&mut self.buf, text.xml10_content()),
                Event::CData(text) if self.capture.is_some() => push_text(&mut self.buf, text.xml10_content()),
                Event::GeneralRef(reference) if self.capture.is_some() => {
                    push_text(&mut self.buf, reference_text(&reference));
                }
                Event::DocType(doctype) => self.doctype(&doctype),
                Event::Eof => return Err(self.unexpected_end()),
                Event::Text(_)
                | Event::CData(_)
                | Event::GeneralRef(_)
                | Event::Comment(_)
                | Event::Decl(_)
                | Event::PI(_) => {}
            }
        }
    }

    fn xml_error(&self, err: &quick_xml::Error) -> ImportError {
        let offset = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
        let detail = match err {
            quick_xml::Error::Syntax(e) => e.to_string(),
            quick_xml::Error::IllFormed(e) => e.to_string(),
            other => other.to_string(),
        };
        invalid(Some(location_at(self.text, offset)), format!("malformed XML: {detail}"))
    }

    fn unexpected_end(&self) -> ImportError {
        let location = Some(location_at(self.text, self.text.len()));
        match self.stack.iter().rev().find_map(|&ctx| ctx_name(ctx)) {
            Some(name) => invalid(location, format!("the file ends inside <{name}>: it looks truncated")),
            None => invalid(location, "not a frab/Pentabarf schedule (no <schedule> element)"),
        }
    }

    fn doctype(&mut self, doctype: &str) {
        if doctype.contains("<!ENTITY") && !self.warned_entities {
            self.warned_entities = true;
            let location = Some(self.cursor.locate(self.text, self.position()));
            self.builder.warn("the file declares DTD entities; lanyard does not expand them", location);
        }
    }

    /// Handles a start tag (or an empty element, which is opened and closed at once).
    fn open(&mut self, element: &BytesStart<'a>, offset: usize, is_empty: bool) -> Result<(), ImportError> {
        let local = element.local_name();
        let name: &str = local.as_ref();
        let ctx = match self.stack.last() {
            Some(&parent) => child_ctx(parent, name),
            None if name == "schedule" => Ctx::Schedule,
            None => {
                let location = Some(location_at(self.text, offset));
                return Err(invalid(
                    location,
                    format!("not a frab/Pentabarf schedule (root element is <{}>)", quote(name)),
                ));
            }
        };
        if let Some(capture) = self.capture
            && capture.keeps_markup
        {
            let buf = self.buf.to_mut();
            buf.push('<');
            buf.push_str(name);
            buf.push_str(if is_empty { "/>" } else { ">" });
        }
        match ctx {
            Ctx::Day => {
                self.day_date = attribute(element, "date")
                    .and_then(|d| parse_date(&d))
                    .or_else(|| attribute(element, "start").and_then(|d| parse_date(&d)));
            }
            Ctx::Room => self.room = attribute(element, "name").and_then(|n| self.builder.room_named(&n)),
            Ctx::ConferenceTrack => self.declare_track(element),
            Ctx::Event => self.open_event(element, offset),
            Ctx::Field(field) => self.open_field(element, field, is_empty),
            _ => {}
        }
        if is_empty {
            self.close_ctx(ctx)
        } else {
            self.stack.push(ctx);
            Ok(())
        }
    }

    fn declare_track(&mut self, element: &BytesStart<'_>) {
        let Some(name) = attribute(element, "name").and_then(|n| non_empty(&n)) else { return };
        match attribute(element, "color").and_then(|c| Rgb::from_hex(&c)) {
            Some(colour) => {
                self.builder.add_track(Track { key: name.clone(), name, colour });
            }
            None => {
                self.builder.track_named(&name);
            }
        }
    }

    fn open_event(&mut self, element: &BytesStart<'_>, offset: usize) {
        self.events_seen += 1;
        if self.events_seen.is_multiple_of(PROGRESS_EVERY) {
            (self.progress)(offset as f32 / self.text.len().max(1) as f32);
        }
        self.event = Some(EventDraft {
            location: self.cursor.locate(self.text, offset),
            guid: attribute(element, "guid"),
            id: attribute(element, "id").or_else(|| attribute(element, "code")),
            day_date: self.day_date,
            enclosing_room: self.room,
            fields: Default::default(),
            duration_offset: None,
            speakers: Vec::new(),
            links: Vec::new(),
            attachments: Vec::new(),
        });
    }

    fn open_field(&mut self, element: &BytesStart<'_>, field: Field, is_empty: bool) {
        self.buf = Cow::Borrowed("");
        let keeps_markup = matches!(field, Field::Event(f) if f.keeps_markup());
        self.capture = Some(Capture { keeps_markup });
        match field {
            Field::Link | Field::Attachment => self.href = attribute(element, "href"),
            Field::Event(EventField::Duration) => {
                let after_tag = self.position();
                if let Some(event) = &mut self.event {
                    event.duration_offset = Some(after_tag);
                }
            }
            _ => {}
        }
        if !is_empty {
            self.read_plain_text();
        }
    }

    /// Fast path for a field whose text runs straight to an end tag (no child elements, comments
    /// or CDATA): the text is taken from the input in one piece, borrowed when it has no entities.
    /// Escaped-HTML abstracts are most of a schedule's bytes, and the reader would otherwise hand
    /// them over as a long run of tiny text and entity events. The reader is moved past the text
    /// through its own stream, so its positions stay right, and it still checks the end tag.
    fn read_plain_text(&mut self) {
        let start = self.position();
        let Some(rest) = self.text.get(start..) else { return };
        let Some(end) = memchr::memchr(b'<', rest.as_bytes()) else { return };
        let (Some(raw), Some(markup)) = (rest.get(..end), rest.get(end..)) else { return };
        if !markup.starts_with("</") {
            return;
        }
        self.buf = unescape(raw);
        self.reader.stream().consume(end);
    }

    /// Handles an end tag. `true` when the root element closed.
    fn close(&mut self, name: &str) -> Result<bool, ImportError> {
        let Some(ctx) = self.stack.pop() else { return Ok(true) };
        if ctx == Ctx::Other
            && let Some(capture) = self.capture
            && capture.keeps_markup
        {
            let buf = self.buf.to_mut();
            buf.push_str("</");
            buf.push_str(name);
            buf.push('>');
        }
        self.close_ctx(ctx)?;
        Ok(self.stack.is_empty())
    }

    fn close_ctx(&mut self, ctx: Ctx) -> Result<(), ImportError> {
        match ctx {
            Ctx::Field(field) => {
                let value = std::mem::take(&mut self.buf);
                self.capture = None;
                self.store(field, value);
            }
            Ctx::Event => {
                if let Some(draft) = self.event.take() {
                    self.finish_event(draft)?;
                }
            }
            Ctx::Room => self.room = None,
            Ctx::Day => self.day_date = None,
            _ => {}
        }
        Ok(())
    }

    fn store(&mut self, field: Field, value: Cow<'a, str>) {
        match field {
            Field::Version => self.version = value,
            Field::Conference(f) => {
                if let Some(slot) = self.conference.get_mut(f as usize) {
                    *slot = value;
                }
            }
            Field::Event(f) => {
                if let Some(event) = &mut self.event {
                    event.set(f, value);
                }
            }
            Field::Person => {
                if let (Some(event), Some(name)) = (&mut self.event, non_empty(&value)) {
                    event.speakers.push(name);
                }
            }
            Field::Link | Field::Attachment => {
                let href = self.href.take().and_then(|h| non_empty(&h));
                if let (Some(event), Some(url)) = (&mut self.event, href) {
                    let title = non_empty(&value).unwrap_or_else(|| url.clone());
                    let list = if field == Field::Link { &mut event.links } else { &mut event.attachments };
                    list.push(Link { title, url });
                }
            }
        }
    }

    /// Turns a complete `<event>` into a session waiting for its start to be resolved.
    fn finish_event(&mut self, mut draft: EventDraft<'a>) -> Result<(), ImportError> {
        let when = self.event_start(&draft)?;
        let duration_mins = self.event_duration(&draft)?;
        // Look names up before `*_named`, which allocates even for a known name.
        let room = match draft.get(EventField::Room) {
            "" => draft.enclosing_room,
            name => self.builder.room_by_key(name).or_else(|| self.builder.room_named(name)),
        };
        let track = match draft.get(EventField::Track) {
            "" => None,
            name => self.builder.track_by_key(name).or_else(|| self.builder.track_named(name)),
        };
        let title = draft.get(EventField::Title);
        if title.is_empty() {
            self.builder.warn(format!("{} has no title", draft.label()), Some(draft.location));
        }
        let first_speaker = draft.speakers.first().map(String::as_str);
        let id = common::stable_id(draft.guid.as_deref(), draft.id.as_deref(), title, first_speaker);
        let mut session = Session::new(id, title, NaiveDateTime::MIN, duration_mins);
        session.subtitle = draft.get(EventField::Subtitle).to_owned();
        session.kind = SessionKind::guess(draft.get(EventField::Type), title);
        session.room = room;
        session.track = track;
        session.language = non_empty(draft.get(EventField::Language));
        session.abstract_text = abstract_text(draft.get(EventField::Abstract), draft.get(EventField::Description));
        let mut links = std::mem::take(&mut draft.links);
        if let Some(url) = non_empty(draft.get(EventField::Url)) {
            links.push(Link { title: "Event page".to_owned(), url });
        }
        if let Some(url) = non_empty(draft.get(EventField::VideoUrl)) {
            links.push(Link { title: "Video".to_owned(), url });
        }
        links.append(&mut draft.attachments);
        let optout = draft.get(EventField::Optout).to_ascii_lowercase();
        session.is_recorded =
            matches!(optout.as_str(), "false" | "0" | "no") || links.iter().any(|link| looks_like_video(&link.url));
        session.links = links;
        session.speakers = draft.speakers;
        self.pending.push(Pending { session, when, location: draft.location });
        Ok(())
    }

    /// The event's start: its `date` when readable, else its day plus `start`.
    fn event_start(&mut self, draft: &EventDraft<'_>) -> Result<When, ImportError> {
        let location = Some(draft.location);
        let date_text = draft.get(EventField::Date);
        let start_text = draft.get(EventField::Start);
        let out_of_range = |year: i32| {
            invalid(location, format!("{} starts in year {year}; lanyard reads years 1 to 9999", draft.label()))
        };
        if let Some(instant) = common::parse_datetime_with_offset(date_text) {
            let year = instant.naive_utc().year();
            return if YEARS.contains(&year) { Ok(When::Instant(instant)) } else { Err(out_of_range(year)) };
        }
        let clock = parse_clock(start_text);
        if let (Some(date), Some(minutes)) = (draft.day_date, clock) {
            if !YEARS.contains(&date.year()) {
                return Err(out_of_range(date.year()));
            }
            if !date_text.is_empty() {
                let message = format!(
                    "{} has an unreadable date \"{}\"; its day and start are used",
                    draft.label(),
                    quote(date_text)
                );
                self.builder.warn(message, location);
            }
            return Ok(When::Local { date, minutes });
        }
        // Some generators put a full date-time into `start`.
        if date_text.is_empty()
            && let Some(instant) = common::parse_datetime_with_offset(start_text)
            && YEARS.contains(&instant.naive_utc().year())
        {
            return Ok(When::Instant(instant));
        }
        let label = draft.label();
        let message = if !date_text.is_empty() {
            format!("{label} has an unreadable date \"{}\"", quote(date_text))
        } else if start_text.is_empty() {
            format!("{label} has no start time")
        } else if clock.is_none() {
            format!("{label} has an unreadable start time \"{}\"", quote(start_text))
        } else {
            format!("{label} has a start time but no date (no <date>, and no <day date> around it)")
        };
        Err(invalid(location, message))
    }

    /// The event's duration in minutes; unreadable ones count as 0 with a warning.
    fn event_duration(&mut self, draft: &EventDraft<'_>) -> Result<u32, ImportError> {
        let text = draft.get(EventField::Duration);
        if let Some(minutes) = common::parse_duration_mins(text) {
            return Ok(minutes);
        }
        let location = match draft.duration_offset {
            Some(offset) => self.cursor.locate(self.text, offset),
            None => draft.location,
        };
        let label = draft.label();
        if text.starts_with('-') {
            return Err(invalid(Some(location), format!("{label} has a negative duration \"{}\"", quote(text))));
        }
        let message = if text.is_empty() {
            format!("{label} has no duration: counted as 0 minutes")
        } else {
            format!("{label} has an unreadable duration \"{}\": counted as 0 minutes", quote(text))
        };
        self.builder.warn(message, Some(location));
        Ok(0)
    }

    fn conference_text(&self, field: ConfField) -> &str {
        self.conference.get(field as usize).map_or("", |value| value.trim())
    }

    /// The conference as the file describes it, zone and day change included.
    fn conference(&mut self) -> Conference {
        let title = self.conference_text(ConfField::Title);
        let acronym = self.conference_text(ConfField::Acronym);
        let id = common::slug(if acronym.is_empty() { title } else { acronym });
        let name = [title, acronym].into_iter().find(|s| !s.is_empty()).unwrap_or("Unnamed conference");
        let mut conference = Conference::named(id, name);
        conference.acronym = non_empty(acronym);
        conference.url = non_empty(self.conference_text(ConfField::BaseUrl));
        conference.version = non_empty(&self.version);
        let mut warnings = Vec::new();
        let day_change = self.conference_text(ConfField::DayChange);
        if !day_change.is_empty() {
            match parse_time_of_day(day_change) {
                Some(time) => conference.day_change = common::night_day_change(time),
                None => {
                    warnings.push(format!("day_change \"{}\" is not a time of day; 00:00 is used", quote(day_change)));
                }
            }
        }
        for (field, slot) in
            [(ConfField::Start, &mut conference.start_date), (ConfField::End, &mut conference.end_date)]
        {
            let text = self.conference_text(field);
            match parse_date(text) {
                Some(date) if YEARS.contains(&date.year()) => *slot = date,
                _ if text.is_empty() => {}
                _ => warnings.push(format!("conference date \"{}\" is not a date (YYYY-MM-DD)", quote(text))),
            }
        }
        for message in warnings {
            self.builder.warn(message, None);
        }
        conference.zone = self.zone();
        conference
    }

    /// `time_zone_name` if it is a real zone; else the one offset every `date` shares; else floating.
    fn zone(&mut self) -> Zone {
        let name = self.conference_text(ConfField::TimeZoneName).to_owned();
        if !name.is_empty() {
            if let Some(zone) = Zone::from_iana(&name) {
                return zone;
            }
            self.builder.warn(format!("time_zone_name \"{}\" is not an IANA time zone", quote(&name)), None);
        }
        let mut offsets = self.pending.iter().filter_map(|p| match p.when {
            When::Instant(instant) => Some(*instant.offset()),
            When::Local { .. } => None,
        });
        if let Some(first) = offsets.next()
            && offsets.all(|offset| offset == first)
            && let Some(zone) = common::fixed_offset_zone(first)
        {
            let zone_name = zone.name().unwrap_or("a fixed offset");
            self.builder.warn(
                format!("the file names no time zone: every event date is at UTC{first}, so times are in {zone_name}"),
                None,
            );
            return zone;
        }
        self.builder.warn(FLOATING_WARNING, None);
        Zone::Floating
    }

    /// Resolves every start in the conference zone and builds the schedule.
    fn finish(mut self) -> Schedule {
        let conference = self.conference();
        let zone = conference.zone;
        let day_change_mins = conference.day_change.signed_duration_since(NaiveTime::MIN).num_minutes();
        *self.builder.conference_mut() = conference;
        if self.pending.is_empty() {
            self.builder.warn("the file has no events", None);
        }
        for Pending { mut session, when, location } in std::mem::take(&mut self.pending) {
            session.starts_at = match when {
                When::Instant(instant) => common::wall_clock(instant, zone),
                When::Local { date, minutes } => {
                    // Before the day change means after midnight, at the end of this conference day.
                    let minutes = i64::from(minutes);
                    let shift = if minutes < day_change_mins { 24 * 60 } else { 0 };
                    let midnight = date.and_time(NaiveTime::MIN);
                    midnight.checked_add_signed(Duration::minutes(minutes + shift)).unwrap_or(midnight)
                }
            };
            self.builder.add_session(session, Some(location));
        }
        self.builder.build()
    }
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
        (false, false) => format!("{summary}\n\n{description}"),
    }
}

#[cfg(test)]
mod tests;
