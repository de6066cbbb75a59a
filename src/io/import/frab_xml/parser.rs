//! The streaming parser: one pass of `quick_xml::Reader` over the text, a heap stack of contexts,
//! and an event draft filled field by field and turned into a session at its end tag.

use std::borrow::Cow;
use std::io::BufRead as _;

use chrono::{DateTime, Datelike as _, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{
    ConfField, Ctx, EventField, Field, abstract_text, attribute, child_ctx, ctx_name, invalid, looks_like_video,
    non_empty, parse_clock, parse_date, parse_time_of_day, push_text, quote, reference_text, unescape,
};
use crate::io::import::{ImportError, Progress, common, location_at};
use crate::model::{
    Conference, Link, Location, Rgb, RoomIdx, Schedule, ScheduleBuilder, Session, SessionKind, Track, Zone,
};

/// Progress is reported once per this many events.
const PROGRESS_EVERY: usize = 100;

/// Years outside this range are refused: far beyond any real conference, and kept well away from
/// the limits of date arithmetic elsewhere in lanyard.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

const FLOATING_WARNING: &str =
    "the file names no time zone: times are shown as written (floating); set the conference zone in lanyard";

/// Line and column of byte offsets that mostly arrive in increasing order, in linear total time.
#[derive(Debug)]
pub(super) struct Cursor {
    pub(super) offset: usize,
    pub(super) location: Location,
}

impl Cursor {
    pub(super) fn new() -> Self {
        Self { offset: 0, location: Location { line: 1, col: 1 } }
    }

    pub(super) fn locate(&mut self, text: &str, offset: usize) -> Location {
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
pub(super) enum When {
    /// From `date`: a real instant.
    Instant(DateTime<FixedOffset>),
    /// From `<day date>` plus `start`, in minutes after that day's midnight.
    Local { date: NaiveDate, minutes: u32 },
}

/// A finished event whose start waits for the conference zone and `day_change`.
#[derive(Debug)]
pub(super) struct Pending {
    pub(super) session: Session,
    pub(super) when: When,
    pub(super) location: Location,
}

/// One `<event>` while it is being read.
#[derive(Debug)]
pub(super) struct EventDraft<'a> {
    pub(super) location: Location,
    pub(super) guid: Option<String>,
    pub(super) id: Option<String>,
    pub(super) day_date: Option<NaiveDate>,
    pub(super) enclosing_room: Option<RoomIdx>,
    pub(super) fields: [Cow<'a, str>; EventField::COUNT],
    /// Byte offset of the `<duration>` value, for messages about it.
    pub(super) duration_offset: Option<usize>,
    pub(super) speakers: Vec<String>,
    pub(super) links: Vec<Link>,
    pub(super) attachments: Vec<Link>,
}

impl<'a> EventDraft<'a> {
    pub(super) fn get(&self, field: EventField) -> &str {
        self.fields.get(field as usize).map_or("", |value| value.trim())
    }

    pub(super) fn set(&mut self, field: EventField, value: Cow<'a, str>) {
        if let Some(slot) = self.fields.get_mut(field as usize) {
            *slot = value;
        }
    }

    /// How messages name this event: `event 123`, else its guid, else its title.
    pub(super) fn label(&self) -> String {
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
pub(super) struct Capture {
    pub(super) keeps_markup: bool,
}

/// The state of one streaming pass. Events become [`Pending`] sessions as they close; the
/// conference, its zone and every start time are settled in [`Self::finish`], once the whole file
/// is read, because `time_zone_name` and `day_change` may come after the events that need them.
pub(super) struct Parser<'a, 'p> {
    pub(super) text: &'a str,
    pub(super) reader: Reader<&'a [u8]>,
    pub(super) progress: Progress<'p>,
    pub(super) builder: ScheduleBuilder,
    pub(super) conference: [Cow<'a, str>; ConfField::COUNT],
    pub(super) version: Cow<'a, str>,
    pub(super) stack: Vec<Ctx>,
    pub(super) capture: Option<Capture>,
    pub(super) buf: Cow<'a, str>,
    pub(super) href: Option<String>,
    pub(super) day_date: Option<NaiveDate>,
    pub(super) room: Option<RoomIdx>,
    pub(super) event: Option<EventDraft<'a>>,
    pub(super) pending: Vec<Pending>,
    pub(super) cursor: Cursor,
    pub(super) events_seen: usize,
    pub(super) warned_entities: bool,
}

impl<'a, 'p> Parser<'a, 'p> {
    pub(super) fn new(text: &'a str, progress: Progress<'p>) -> Self {
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

    pub(super) fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// Reads the document up to the end of the root element.
    pub(super) fn run(&mut self) -> Result<(), ImportError> {
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

    pub(super) fn xml_error(&self, err: &quick_xml::Error) -> ImportError {
        let offset = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
        let detail = match err {
            quick_xml::Error::Syntax(e) => e.to_string(),
            quick_xml::Error::IllFormed(e) => e.to_string(),
            other => other.to_string(),
        };
        invalid(Some(location_at(self.text, offset)), format!("malformed XML: {detail}"))
    }

    pub(super) fn unexpected_end(&self) -> ImportError {
        let location = Some(location_at(self.text, self.text.len()));
        match self.stack.iter().rev().find_map(|&ctx| ctx_name(ctx)) {
            Some(name) => invalid(location, format!("the file ends inside <{name}>: it looks truncated")),
            None => invalid(location, "not a frab/Pentabarf schedule (no <schedule> element)"),
        }
    }

    pub(super) fn doctype(&mut self, doctype: &str) {
        if doctype.contains("<!ENTITY") && !self.warned_entities {
            self.warned_entities = true;
            let location = Some(self.cursor.locate(self.text, self.position()));
            self.builder.warn("the file declares DTD entities; lanyard does not expand them", location);
        }
    }

    /// Handles a start tag (or an empty element, which is opened and closed at once).
    pub(super) fn open(&mut self, element: &BytesStart<'a>, offset: usize, is_empty: bool) -> Result<(), ImportError> {
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

    pub(super) fn declare_track(&mut self, element: &BytesStart<'_>) {
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

    pub(super) fn open_event(&mut self, element: &BytesStart<'_>, offset: usize) {
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

    pub(super) fn open_field(&mut self, element: &BytesStart<'_>, field: Field, is_empty: bool) {
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
    pub(super) fn read_plain_text(&mut self) {
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
    pub(super) fn close(&mut self, name: &str) -> Result<bool, ImportError> {
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

    pub(super) fn close_ctx(&mut self, ctx: Ctx) -> Result<(), ImportError> {
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

    pub(super) fn store(&mut self, field: Field, value: Cow<'a, str>) {
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
    pub(super) fn finish_event(&mut self, mut draft: EventDraft<'a>) -> Result<(), ImportError> {
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
    pub(super) fn event_start(&mut self, draft: &EventDraft<'_>) -> Result<When, ImportError> {
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
    pub(super) fn event_duration(&mut self, draft: &EventDraft<'_>) -> Result<u32, ImportError> {
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

    pub(super) fn conference_text(&self, field: ConfField) -> &str {
        self.conference.get(field as usize).map_or("", |value| value.trim())
    }

    /// The conference as the file describes it, zone and day change included.
    pub(super) fn conference(&mut self) -> Conference {
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
    pub(super) fn zone(&mut self) -> Zone {
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
    pub(super) fn finish(mut self) -> Schedule {
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
