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

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};

use super::common::{
    fixed_offset_zone, html_to_text, parse_datetime_with_offset, parse_duration_mins, slug, stable_id, wall_clock,
};
use super::{Format, ImportError, Progress, location_at};
use crate::model::schedule::palette_colour;
use crate::model::time::conference_date;
use crate::model::{Conference, Link, Location, Rgb, Schedule, ScheduleBuilder, Session, SessionKind, Track, Zone};

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

// ---------------------------------------------------------------------------------------------
// Lenient DTOs.

/// A string field that also accepts numbers, booleans, `null` (none) and pretalx-style
/// translation objects (`{"en": "…", "de": "…"}`: English, else the first non-empty value).
/// Borrows from the input when the string holds no escapes, so large files are not copied.
#[derive(Debug, Default)]
struct Text<'a>(Option<Cow<'a, str>>);

impl Text<'_> {
    /// The trimmed value, `""` when absent.
    fn get(&self) -> &str {
        self.0.as_deref().map_or("", str::trim)
    }

    fn non_empty(&self) -> Option<&str> {
        Some(self.get()).filter(|s| !s.is_empty())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor(PhantomData))
    }
}

struct TextVisitor<'a>(PhantomData<&'a str>);

impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
    type Value = Text<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'a>, E> {
        Ok(Text(Some(Cow::Borrowed(v))))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'a>, E> {
        Ok(Text(Some(Cow::Owned(v.to_owned()))))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'a>, E> {
        Ok(Text(Some(Cow::Owned(v))))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text<'a>, E> {
        Ok(Text(Some(Cow::Owned(v.to_string()))))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text<'a>, E> {
        Ok(Text(Some(Cow::Owned(v.to_string()))))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text<'a>, E> {
        Ok(Text(Some(Cow::Owned(v.to_string()))))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text<'a>, E> {
        Ok(Text(Some(Cow::Owned(v.to_string()))))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text<'a>, E> {
        Ok(Text(None))
    }

    fn visit_none<E: de::Error>(self) -> Result<Text<'a>, E> {
        Ok(Text(None))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Text<'a>, D::Error> {
        Text::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text<'a>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'a>, A::Error> {
        let (mut english, mut first) = (None, None);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let Text(value) = map.next_value::<Text<'a>>()?;
            let Some(value) = value.filter(|v| !v.trim().is_empty()) else { continue };
            if english.is_none() && (key.eq_ignore_ascii_case("en") || key.starts_with("en-") || key.starts_with("en_"))
            {
                english = Some(value);
            } else if first.is_none() {
                first = Some(value);
            }
        }
        Ok(Text(english.or(first)))
    }
}

/// A yes/no field: booleans, `null` (unknown), 0/1, and the strings `true`/`false`/`yes`/`no`.
#[derive(Debug, Default)]
struct Flag(Option<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Text(text) = Text::<'de>::deserialize(deserializer)?;
        Ok(Self(match text.as_deref().map(|t| t.trim().to_ascii_lowercase()).as_deref() {
            Some("true" | "yes" | "1") => Some(true),
            Some("false" | "no" | "0") => Some(false),
            _ => None,
        }))
    }
}

/// A list that also accepts `null` (empty) and a single object in place of a one-element list.
#[derive(Debug)]
struct List<T>(Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = List<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }

    fn visit_none<E: de::Error>(self) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
        // The hint comes from the input: cap it so a lying file cannot make us preallocate.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|item| List(vec![item]))
    }
}

/// DTOs that may be written as a bare string instead of an object (`"persons": ["Ana"]`).
trait FromBare<'a>: Default {
    fn from_bare(text: Cow<'a, str>) -> Self;
}

/// An object, or a bare string/number turned into one by [`FromBare`], or `null` (default).
#[derive(Debug, Default)]
struct Flex<T>(T);

impl<'de, T: Deserialize<'de> + FromBare<'de>> Deserialize<'de> for Flex<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FlexVisitor(PhantomData))
    }
}

struct FlexVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + FromBare<'de>> Visitor<'de> for FlexVisitor<T> {
    type Value = Flex<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Flex<T>, E> {
        Ok(Flex(T::from_bare(Cow::Borrowed(v))))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Flex<T>, E> {
        Ok(Flex(T::from_bare(Cow::Owned(v.to_owned()))))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flex<T>, E> {
        Ok(Flex(T::from_bare(Cow::Owned(v.to_string()))))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flex<T>, E> {
        Ok(Flex(T::from_bare(Cow::Owned(v.to_string()))))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Flex<T>, E> {
        Ok(Flex(T::default()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Flex<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Flex)
    }
}

/// The three levels that make a file a schedule.json. Anything but an object there is refused
/// with a [`NOT_A_SCHEDULE`] error naming the level.
trait Level {
    const WHAT: &'static str;
}

/// A JSON object holding `T`, refusing every other kind of value without reading into it.
struct Object<T>(T);

impl<'de, T: Deserialize<'de> + Level> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ObjectVisitor(PhantomData))
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<T: Level> ObjectVisitor<T> {
    fn refuse<E: de::Error>(kind: &str) -> E {
        E::custom(format_args!("{NOT_A_SCHEDULE}{} is {kind}, not an object", T::WHAT))
    }
}

impl<'de, T: Deserialize<'de> + Level> Visitor<'de> for ObjectVisitor<T> {
    type Value = Object<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Object<T>, E> {
        Err(Self::refuse("true or false"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Object<T>, E> {
        Err(Self::refuse("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Object<T>, E> {
        Err(Self::refuse("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Object<T>, E> {
        Err(Self::refuse("a number"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Object<T>, E> {
        Err(Self::refuse("a string"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Object<T>, E> {
        Err(Self::refuse("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Object<T>, A::Error> {
        // Refused before reading a single element: `[[[[…` never gets deep.
        Err(Self::refuse("a list"))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Object)
    }
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct RootDto<'a> {
    #[serde(default)]
    schedule: Option<Object<ScheduleDto<'a>>>,
    /// Present in pretalx API responses (`results`) and the pretalx API schedule (`slots`).
    #[serde(default)]
    results: Option<IgnoredAny>,
    #[serde(default)]
    slots: Option<IgnoredAny>,
}

impl Level for RootDto<'_> {
    const WHAT: &'static str = "the file";
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct ScheduleDto<'a> {
    #[serde(default)]
    version: Text<'a>,
    #[serde(default)]
    base_url: Text<'a>,
    #[serde(default)]
    conference: Option<Object<ConferenceDto<'a>>>,
}

impl Level for ScheduleDto<'_> {
    const WHAT: &'static str = "\"schedule\"";
}

/// `schedule.version` and `schedule.base_url`.
struct Meta<'a> {
    version: Text<'a>,
    base_url: Text<'a>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
struct ConferenceDto<'a> {
    #[serde(default)]
    acronym: Text<'a>,
    #[serde(default)]
    title: Text<'a>,
    #[serde(default)]
    start: Text<'a>,
    #[serde(default)]
    end: Text<'a>,
    #[serde(default)]
    time_zone_name: Text<'a>,
    #[serde(default)]
    day_change: Text<'a>,
    #[serde(default)]
    url: Text<'a>,
    #[serde(default)]
    rooms: List<Flex<NamedDto<'a>>>,
    #[serde(default)]
    tracks: List<Flex<NamedDto<'a>>>,
    #[serde(default)]
    days: Option<List<DayDto<'a>>>,
}

impl Level for ConferenceDto<'_> {
    const WHAT: &'static str = "\"conference\"";
}

/// A room or track declared in `conference`.
#[derive(Debug, Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default)]
struct NamedDto<'a> {
    name: Text<'a>,
    color: Text<'a>,
}

impl<'b: 'a, 'a> FromBare<'b> for NamedDto<'a> {
    fn from_bare(text: Cow<'b, str>) -> Self {
        Self { name: Text(Some(text)), color: Text(None) }
    }
}

#[derive(Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default, expecting = "a day object")]
struct DayDto<'a> {
    date: Text<'a>,
    day_start: Text<'a>,
    rooms: RoomMap<'a>,
}

/// `{"<room name>": [event, …]}`, in file order (a `BTreeMap` would sort the rooms).
#[derive(Default)]
struct RoomMap<'a>(Vec<(Cow<'a, str>, List<EventDto<'a>>)>);

impl<'de: 'a, 'a> Deserialize<'de> for RoomMap<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RoomMapVisitor(PhantomData))
    }
}

struct RoomMapVisitor<'a>(PhantomData<&'a str>);

impl<'de: 'a, 'a> Visitor<'de> for RoomMapVisitor<'a> {
    type Value = RoomMap<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object mapping room names to lists of events")
    }

    fn visit_unit<E: de::Error>(self) -> Result<RoomMap<'a>, E> {
        Ok(RoomMap::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RoomMap<'a>, A::Error> {
        let mut rooms = Vec::new();
        while let Some(Text(name)) = map.next_key::<Text<'a>>()? {
            let events = map.next_value()?;
            let name = name.unwrap_or_default();
            rooms.push((name, events));
        }
        Ok(RoomMap(rooms))
    }
}

#[derive(Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default, expecting = "an event object")]
struct EventDto<'a> {
    guid: Text<'a>,
    id: Text<'a>,
    date: Text<'a>,
    start: Text<'a>,
    end: Text<'a>,
    duration: Text<'a>,
    room: Text<'a>,
    url: Text<'a>,
    title: Text<'a>,
    subtitle: Text<'a>,
    track: Text<'a>,
    #[serde(rename = "type")]
    kind: Text<'a>,
    language: Text<'a>,
    #[serde(rename = "abstract")]
    abstract_text: Text<'a>,
    description: Text<'a>,
    recording_license: Text<'a>,
    do_not_record: Flag,
    persons: List<Flex<PersonDto<'a>>>,
    links: List<Flex<LinkDto<'a>>>,
    attachments: List<Flex<LinkDto<'a>>>,
}

#[derive(Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default)]
struct PersonDto<'a> {
    public_name: Text<'a>,
    name: Text<'a>,
    full_public_name: Text<'a>,
}

impl<'b: 'a, 'a> FromBare<'b> for PersonDto<'a> {
    fn from_bare(text: Cow<'b, str>) -> Self {
        Self { name: Text(Some(text)), ..Self::default() }
    }
}

#[derive(Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default)]
struct LinkDto<'a> {
    url: Text<'a>,
    title: Text<'a>,
}

impl<'b: 'a, 'a> FromBare<'b> for LinkDto<'a> {
    fn from_bare(text: Cow<'b, str>) -> Self {
        Self { url: Text(Some(text)), title: Text(None) }
    }
}

impl<'a> RootDto<'a> {
    /// The parts that make a schedule, or a [`NOT_A_SCHEDULE`] error at 1:1 naming what is missing.
    fn into_parts(self) -> Result<(Meta<'a>, ConferenceDto<'a>, Vec<DayDto<'a>>), ImportError> {
        let refuse = |what: &str| invalid(Some(START_OF_FILE), format!("{NOT_A_SCHEDULE}{what}"));
        let Some(Object(schedule)) = self.schedule else {
            if self.results.is_some() || self.slots.is_some() {
                return Err(refuse(
                    "this looks like a pretalx API response; export the schedule as schedule.json instead",
                ));
            }
            return Err(refuse("there is no \"schedule\" object"));
        };
        let Some(Object(mut conference)) = schedule.conference else {
            return Err(refuse("\"schedule\" has no \"conference\" object"));
        };
        let Some(List(days)) = conference.days.take() else {
            return Err(refuse("\"conference\" has no \"days\" list"));
        };
        Ok((Meta { version: schedule.version, base_url: schedule.base_url }, conference, days))
    }
}

// ---------------------------------------------------------------------------------------------
// Positions.

/// Byte offsets of where things start in the text, found by [`scan`].
#[derive(Debug, Default)]
struct Offsets {
    conference: Option<usize>,
    /// The offset of each value directly inside `conference`, by key.
    conference_fields: BTreeMap<String, usize>,
    days: Vec<usize>,
    events: Vec<usize>,
}

/// What a JSON container is, along the path root → schedule → conference → days → day → rooms →
/// room → event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Root,
    Schedule,
    Conference,
    Days,
    Day,
    DayRooms,
    RoomEvents,
    Event,
    Other,
}

struct Frame<'a> {
    role: Role,
    is_object: bool,
    /// The key of the value being read, for objects.
    key: Option<Cow<'a, str>>,
    expects_key: bool,
    awaits_value: bool,
}

impl Frame<'_> {
    /// The role of a container opened by `open` (`{` or `[`) inside this frame.
    fn child_role(&self, open: u8) -> Role {
        let key = self.key.as_deref();
        match (self.role, key, open) {
            (Role::Root, Some("schedule"), b'{') => Role::Schedule,
            (Role::Schedule, Some("conference"), b'{') => Role::Conference,
            (Role::Conference, Some("days"), b'[') => Role::Days,
            (Role::Conference, Some("days"), b'{') | (Role::Days, _, b'{') => Role::Day,
            (Role::Day, Some("rooms"), b'{') => Role::DayRooms,
            (Role::DayRooms, _, b'[') => Role::RoomEvents,
            (Role::DayRooms | Role::RoomEvents, _, b'{') => Role::Event,
            _ => Role::Other,
        }
    }
}

/// One linear pass over JSON that serde_json has already accepted, recording the offsets of the
/// conference, its fields, its days and their events. It never panics on any input, but only
/// gives meaningful answers for valid JSON; callers check the counts against the DTOs.
fn scan(text: &str) -> Offsets {
    let bytes = text.as_bytes();
    let mut offsets = Offsets::default();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let end = string_end(text, i + 1);
                let raw = text.get(i + 1..end).unwrap_or_default();
                match stack.last_mut() {
                    Some(top) if top.is_object && top.expects_key => {
                        top.key = Some(if raw.as_bytes().contains(&b'\\') {
                            serde_json::from_str::<String>(text.get(i..=end).unwrap_or_default())
                                .map_or(Cow::Borrowed(raw), Cow::Owned)
                        } else {
                            Cow::Borrowed(raw)
                        });
                    }
                    _ => value_started(&mut stack, &mut offsets, i),
                }
                i = end;
            }
            b'{' | b'[' => {
                let role = match stack.last() {
                    None if b == b'{' => Role::Root,
                    None => Role::Other,
                    Some(top) => top.child_role(b),
                };
                value_started(&mut stack, &mut offsets, i);
                match role {
                    Role::Conference => offsets.conference = Some(i),
                    Role::Day => offsets.days.push(i),
                    Role::Event => offsets.events.push(i),
                    _ => {}
                }
                let is_object = b == b'{';
                stack.push(Frame { role, is_object, key: None, expects_key: is_object, awaits_value: !is_object });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(top) = stack.last_mut() {
                    top.expects_key = false;
                    top.awaits_value = true;
                }
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.expects_key = top.is_object;
                    top.awaits_value = !top.is_object;
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => value_started(&mut stack, &mut offsets, i),
        }
        i += 1;
    }
    offsets
}

/// The offset of the closing quote of a string whose content starts at `start` (just after an
/// opening quote), or the end of the text. `str::find` keeps this fast on long strings.
fn string_end(text: &str, start: usize) -> usize {
    let mut from = start;
    loop {
        let Some(quote) = text.get(from..).and_then(|rest| rest.find('"')).map(|q| q + from) else {
            return text.len();
        };
        let content = text.as_bytes().get(start..quote).unwrap_or_default();
        let backslashes = content.iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return quote;
        }
        from = quote + 1;
    }
}

/// Notes the first byte of a value: records conference fields, and stops the frame waiting.
fn value_started(stack: &mut [Frame<'_>], offsets: &mut Offsets, at: usize) {
    let Some(top) = stack.last_mut() else { return };
    if !top.awaits_value {
        return;
    }
    top.awaits_value = false;
    if top.role == Role::Conference
        && let Some(key) = &top.key
    {
        offsets.conference_fields.entry(key.clone().into_owned()).or_insert(at);
    }
}

/// Line:col of ascending byte offsets in one forward pass (calling [`location_at`] for each
/// would be quadratic on a 100,000-event file). Offsets out of order or off a character boundary
/// give `None`.
fn locate_ascending(text: &str, offsets: &[usize]) -> Vec<Option<Location>> {
    let (mut at, mut line, mut col) = (0_usize, 1_u32, 1_u32);
    let mut out = Vec::with_capacity(offsets.len());
    for &target in offsets {
        let Some(mut span) = text.get(at..target) else {
            out.push(None);
            continue;
        };
        while let Some(newline) = span.find('\n') {
            line = line.saturating_add(1);
            col = 1;
            span = span.get(newline + 1..).unwrap_or_default();
        }
        col = col.saturating_add(u32::try_from(span.chars().count()).unwrap_or(u32::MAX));
        at = target;
        out.push(Some(Location { line, col }));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// DTOs to model.

/// An event's `date`, parsed once.
#[derive(Clone, Copy, Debug)]
enum EventDate {
    /// With an offset: a real instant.
    Zoned(DateTime<FixedOffset>),
    /// Without an offset: wall-clock time in the conference zone.
    Local(NaiveDateTime),
    Missing,
    Invalid,
}

impl EventDate {
    fn parse(text: &Text<'_>) -> Self {
        let Some(text) = text.non_empty() else { return Self::Missing };
        if let Some(instant) = parse_datetime_with_offset(text) {
            return Self::Zoned(instant);
        }
        parse_naive_datetime(text).map_or(Self::Invalid, Self::Local)
    }

    /// The conference-local wall-clock time, if the date was usable.
    fn wall_clock(self, zone: Zone) -> Option<NaiveDateTime> {
        match self {
            Self::Zoned(instant) => Some(wall_clock(instant, zone)),
            Self::Local(local) => Some(local),
            Self::Missing | Self::Invalid => None,
        }
    }
}

/// One event with what the surrounding structure says about it.
struct Item<'a> {
    event: &'a EventDto<'a>,
    /// The key of the room list the event sits in.
    room: &'a str,
    /// The `date` of the day the event is listed under.
    day_date: Option<NaiveDate>,
    date: EventDate,
    location: Option<Location>,
}

impl Item<'_> {
    /// How messages name the event: its guid or id, else its title.
    fn label(&self) -> String {
        let event = self.event;
        match event.guid.non_empty().or_else(|| event.id.non_empty()) {
            Some(id) => format!("event \"{id}\""),
            None => format!("event \"{}\"", event.title.get()),
        }
    }
}

/// Builds the model from the DTOs, collecting warnings in the builder.
struct Importer<'a> {
    builder: ScheduleBuilder,
    base_url: Option<String>,
    text: &'a str,
    /// Byte offsets, turned into locations only for the few warnings that need them.
    conference_at: Option<usize>,
    conference_fields: BTreeMap<String, usize>,
    /// Tracks declared in `conference`, for palette colours of those without one.
    tracks_added: usize,
}

impl Importer<'_> {
    /// Where a conference field's value starts, else where the conference starts.
    fn field_at(&self, key: &str) -> Option<Location> {
        self.conference_fields.get(key).copied().or(self.conference_at).map(|offset| location_at(self.text, offset))
    }

    fn run(
        mut self,
        meta: &Meta<'_>,
        dto: &ConferenceDto<'_>,
        days: &[DayDto<'_>],
        event_at: &[Option<Location>],
        day_at: &[Option<Location>],
        progress: Progress<'_>,
    ) -> Result<Schedule, ImportError> {
        self.conference(meta, dto);
        self.rooms_and_tracks(dto, days);
        let items = self.items(days, event_at, day_at);
        let zone = self.zone(dto, &items);
        let day_change = super::common::night_day_change(self.day_change(dto, days, &items, zone));
        let conference = self.builder.conference_mut();
        conference.zone = zone;
        conference.day_change = day_change;
        let step = (items.len() / PROGRESS_STEPS).max(1);
        for (n, item) in items.iter().enumerate() {
            if n % step == 0 {
                progress(0.5 + 0.5 * (n as f32 / items.len() as f32));
            }
            let session = self.session(item, zone, day_change)?;
            self.builder.add_session(session, item.location);
        }
        Ok(self.builder.build())
    }

    fn conference(&mut self, meta: &Meta<'_>, dto: &ConferenceDto<'_>) {
        let title = dto.title.non_empty().or_else(|| dto.acronym.non_empty()).unwrap_or("Untitled conference");
        let id = slug(dto.acronym.non_empty().unwrap_or(title));
        let mut conference = Conference::named(id, title);
        conference.acronym = dto.acronym.non_empty().map(str::to_owned);
        conference.version = meta.version.non_empty().map(str::to_owned);
        conference.url = meta.base_url.non_empty().or_else(|| dto.url.non_empty()).map(str::to_owned);
        for (key, text, slot) in
            [("start", &dto.start, &mut conference.start_date), ("end", &dto.end, &mut conference.end_date)]
        {
            let Some(text) = text.non_empty() else { continue };
            match parse_date(text) {
                Some(date) => *slot = date,
                None => self.builder.warn(
                    format!("conference {key} \"{text}\" is not a date (YYYY-MM-DD): ignored"),
                    self.field_at(key),
                ),
            }
        }
        *self.builder.conference_mut() = conference;
    }

    /// Rooms and tracks declared in `conference` first, in their order; then rooms as the days
    /// list them. Tracks only named by events are added as they are met.
    fn rooms_and_tracks(&mut self, dto: &ConferenceDto<'_>, days: &[DayDto<'_>]) {
        for Flex(room) in &dto.rooms.0 {
            self.builder.room_named(room.name.get());
        }
        for Flex(track) in &dto.tracks.0 {
            let Some(name) = track.name.non_empty() else { continue };
            if self.builder.track_by_key(name).is_some() {
                continue;
            }
            let palette = palette_colour(self.tracks_added);
            let colour = match track.color.non_empty() {
                None => palette,
                Some(hex) => Rgb::from_hex(hex).unwrap_or_else(|| {
                    self.builder.warn(
                        format!("track \"{name}\" has colour \"{hex}\", not #rrggbb: a palette colour is used"),
                        self.field_at("tracks"),
                    );
                    palette
                }),
            };
            self.builder.add_track(Track { key: name.to_owned(), name: name.to_owned(), colour });
            self.tracks_added += 1;
        }
        for day in days {
            for (name, _) in &day.rooms.0 {
                self.builder.room_named(name);
            }
        }
    }

    /// Flattens days → rooms → events in file order, parsing each `date` once.
    fn items<'a>(
        &mut self,
        days: &'a [DayDto<'a>],
        event_at: &[Option<Location>],
        day_at: &[Option<Location>],
    ) -> Vec<Item<'a>> {
        let mut items = Vec::with_capacity(event_at.len());
        for (index, day) in days.iter().enumerate() {
            let day_date = day.date.non_empty().and_then(|text| {
                let date = parse_date(text);
                if date.is_none() {
                    self.builder.warn(
                        format!("day {} has date \"{text}\", not YYYY-MM-DD", index + 1),
                        day_at.get(index).copied().flatten(),
                    );
                }
                date
            });
            for (room, events) in &day.rooms.0 {
                for event in &events.0 {
                    let location = event_at.get(items.len()).copied().flatten();
                    items.push(Item { event, room, day_date, date: EventDate::parse(&event.date), location });
                }
            }
        }
        items
    }

    /// The conference zone: `time_zone_name`, else one shared offset, else floating.
    fn zone(&mut self, dto: &ConferenceDto<'_>, items: &[Item<'_>]) -> Zone {
        if let Some(name) = dto.time_zone_name.non_empty() {
            if let Some(zone) = Zone::from_iana(name) {
                return zone;
            }
            self.builder
                .warn(format!("\"{name}\" is not an IANA time zone name: ignored"), self.field_at("time_zone_name"));
        }
        let offsets: BTreeSet<i32> = items
            .iter()
            .filter_map(|item| match item.date {
                EventDate::Zoned(instant) => Some(instant.offset().local_minus_utc()),
                _ => None,
            })
            .collect();
        let at = self.field_at("time_zone_name");
        let only = match offsets.iter().collect::<Vec<_>>().as_slice() {
            [only] => FixedOffset::east_opt(**only),
            _ => None,
        };
        if let Some(offset) = only
            && let Some(zone) = fixed_offset_zone(offset)
        {
            let name = zone.name().unwrap_or_default();
            self.builder.warn(
                format!(
                    "the file names no time zone: using the offset {offset} of its event dates ({name}); \
                     set the conference zone in lanyard if the conference spans a daylight-saving change"
                ),
                at,
            );
            return zone;
        }
        if offsets.len() > 1 {
            // At most a few offsets in the message: a hostile file can hold thousands.
            let mut list: Vec<String> =
                offsets.iter().take(4).filter_map(|&s| FixedOffset::east_opt(s)).map(|o| o.to_string()).collect();
            if offsets.len() > 4 {
                list.push("…".to_owned());
            }
            self.builder.warn(
                format!(
                    "the file names no time zone and its event dates use several UTC offsets ({}): times are \
                     shown as written (floating); set the conference zone in lanyard",
                    list.join(", ")
                ),
                at,
            );
        } else {
            self.builder.warn(
                "the file names no time zone: times are shown as written (floating); set the conference zone in lanyard",
                at,
            );
        }
        Zone::Floating
    }

    /// `conference.day_change`, else the time of day every day's `day_start` shares (frab writes
    /// the day change there), else midnight. A shared `day_start` that would move more dated
    /// events off the day the file lists them under than midnight does is a first-event time
    /// (as some generators write), not a day change, and is ignored.
    fn day_change(
        &mut self,
        dto: &ConferenceDto<'_>,
        days: &[DayDto<'_>],
        items: &[Item<'_>],
        zone: Zone,
    ) -> NaiveTime {
        if let Some(text) = dto.day_change.non_empty() {
            if let Some(time) = parse_time_of_day(text) {
                return time;
            }
            self.builder.warn(
                format!("day_change \"{text}\" is not a time of day (HH:MM): ignored"),
                self.field_at("day_change"),
            );
        }
        let starts: BTreeSet<NaiveTime> =
            days.iter().filter_map(|day| day.day_start.non_empty()).filter_map(|t| time_of(t, zone)).collect();
        let candidate = match starts.iter().collect::<Vec<_>>().as_slice() {
            [only] => **only,
            _ => return NaiveTime::MIN,
        };
        let misplaced = |day_change: NaiveTime| {
            items
                .iter()
                .filter(|item| {
                    matches!((item.day_date, item.date.wall_clock(zone)),
                        (Some(day), Some(start)) if conference_date(start, day_change) != day)
                })
                .count()
        };
        if candidate != NaiveTime::MIN && misplaced(candidate) > misplaced(NaiveTime::MIN) {
            NaiveTime::MIN
        } else {
            candidate
        }
    }

    fn session(&mut self, item: &Item<'_>, zone: Zone, day_change: NaiveTime) -> Result<Session, ImportError> {
        let event = item.event;
        let starts_at = self.starts_at(item, zone, day_change)?;
        let duration_mins = self.duration(item, zone, starts_at)?;
        let speakers: Vec<String> = event
            .persons
            .0
            .iter()
            .filter_map(|Flex(p)| p.public_name.non_empty().or(p.name.non_empty()).or(p.full_public_name.non_empty()))
            .map(str::to_owned)
            .collect();
        let title = match event.title.non_empty() {
            Some(title) => title.to_owned(),
            None => {
                self.builder.warn(format!("{} has no title", item.label()), item.location);
                "Untitled event".to_owned()
            }
        };
        let id = stable_id(event.guid.non_empty(), event.id.non_empty(), &title, speakers.first().map(String::as_str));
        let mut session = Session::new(id, title, starts_at, duration_mins);
        session.subtitle = event.subtitle.get().to_owned();
        session.kind = SessionKind::guess(event.kind.get(), &session.title);
        session.room = self.room(item);
        let track = event.track.get();
        session.track = self.builder.track_by_key(track).or_else(|| self.builder.track_named(track));
        session.speakers = speakers;
        session.abstract_text = abstract_text(event);
        session.language = event.language.non_empty().map(str::to_owned);
        session.is_recorded = match event.do_not_record.0 {
            Some(do_not_record) => !do_not_record,
            None => event.recording_license.non_empty().is_some(),
        };
        session.links = links(event, self.base_url.as_deref());
        Ok(session)
    }

    /// The room list the event sits in; the event's own `room` only when the list has no name.
    fn room(&mut self, item: &Item<'_>) -> Option<crate::model::RoomIdx> {
        let own = item.event.room.get();
        let listed = item.room.trim();
        if listed.is_empty() {
            return self.builder.room_by_key(own).or_else(|| self.builder.room_named(own));
        }
        if !own.is_empty() && own != listed {
            self.builder.warn(
                format!(
                    "{} is listed under room \"{listed}\" but names room \"{own}\": shown in \"{listed}\"",
                    item.label()
                ),
                item.location,
            );
        }
        // Looking the key up first saves two allocations per event on large files.
        self.builder.room_by_key(listed).or_else(|| self.builder.room_named(listed))
    }

    /// The wall-clock start: `date` in the conference zone, else the day's date plus `start`.
    fn starts_at(&mut self, item: &Item<'_>, zone: Zone, day_change: NaiveTime) -> Result<NaiveDateTime, ImportError> {
        let event = item.event;
        if let Some(start) = item.date.wall_clock(zone) {
            if let Some(day) = item.day_date
                && conference_date(start, day_change) != day
            {
                self.builder.warn(
                    format!(
                        "{} is listed under day {day} but starts {}: shown on its own day",
                        item.label(),
                        start.format("%Y-%m-%d %H:%M")
                    ),
                    item.location,
                );
            }
            return Ok(start);
        }
        let fallback = item.day_date.zip(parse_time_of_day(event.start.get())).and_then(|(day, time)| {
            let day = if day_change != NaiveTime::MIN && time < day_change { day.succ_opt()? } else { day };
            Some(day.and_time(time))
        });
        match (fallback, item.date) {
            (Some(start), EventDate::Invalid) => {
                self.builder.warn(
                    format!(
                        "{} has date \"{}\", not an ISO date-time: the day's date and \"start\" are used",
                        item.label(),
                        event.date.get()
                    ),
                    item.location,
                );
                Ok(start)
            }
            (Some(start), _) => Ok(start),
            (None, _) => Err(invalid(
                item.location,
                format!(
                    "{} has no usable start: no ISO \"date\", and no \"start\" (HH:MM) on a dated day",
                    item.label()
                ),
            )),
        }
    }

    /// Minutes from `duration`, else from `end`; missing or unreadable is a warning and 0.
    fn duration(&mut self, item: &Item<'_>, zone: Zone, starts_at: NaiveDateTime) -> Result<u32, ImportError> {
        let event = item.event;
        let text = event.duration.get();
        if text.starts_with('-') {
            return Err(invalid(item.location, format!("{} has a negative duration \"{text}\"", item.label())));
        }
        if let Some(minutes) = parse_duration_mins(text) {
            return Ok(minutes);
        }
        let minutes = match (EventDate::parse(&event.end), item.date) {
            (EventDate::Zoned(end), EventDate::Zoned(start)) => Some((end - start).num_minutes()),
            (end, _) => end.wall_clock(zone).map(|end| (end - starts_at).num_minutes()),
        };
        match minutes {
            Some(m) if m < 0 => Err(invalid(
                item.location,
                format!("{} ends before it starts (\"end\" is {})", item.label(), event.end.get()),
            )),
            Some(m) => Ok(u32::try_from(m).unwrap_or(u32::MAX)),
            None => {
                let message = if text.is_empty() {
                    format!("{} has no duration: shown as 0 minutes", item.label())
                } else {
                    format!("{} has duration \"{text}\", not HH:MM: shown as 0 minutes", item.label())
                };
                self.builder.warn(message, item.location);
                Ok(0)
            }
        }
    }
}

/// `abstract` and `description` as plain text, a blank line apart; empty and repeated parts skipped.
fn abstract_text(event: &EventDto<'_>) -> String {
    let first = html_to_text(event.abstract_text.get());
    let second = html_to_text(event.description.get());
    match (first.is_empty(), second.is_empty()) {
        (_, true) => first,
        (true, false) => second,
        (false, false) if first == second => first,
        (false, false) => format!("{first}\n\n{second}"),
    }
}

/// `links`, then the event page (`url`), then `attachments`; empty and repeated URLs skipped.
fn links(event: &EventDto<'_>, base_url: Option<&str>) -> Vec<Link> {
    let mut out = Vec::new();
    for Flex(link) in &event.links.0 {
        push_link(&mut out, link.title.get(), link.url.get(), base_url);
    }
    push_link(&mut out, "Event page", event.url.get(), base_url);
    for Flex(attachment) in &event.attachments.0 {
        let title = attachment.title.non_empty().unwrap_or("Attachment");
        push_link(&mut out, title, attachment.url.get(), base_url);
    }
    out
}

fn push_link(out: &mut Vec<Link>, title: &str, url: &str, base_url: Option<&str>) {
    let url = absolute_url(url, base_url);
    if url.is_empty() || out.iter().any(|l: &Link| l.url == url) {
        return;
    }
    let title = if title.is_empty() { url.clone() } else { title.to_owned() };
    out.push(Link { title, url });
}

/// frab writes attachment paths relative to the host (`/system/…`): join them to `base_url`'s
/// scheme and host. Anything else is kept as written.
fn absolute_url(url: &str, base_url: Option<&str>) -> String {
    if let Some(rest) = url.strip_prefix("//") {
        return format!("https://{rest}");
    }
    if url.starts_with('/')
        && let Some(base) = base_url
        && let Some(scheme_end) = base.find("://")
    {
        let host_end = base.get(scheme_end + 3..).and_then(|h| h.find('/')).map_or(base.len(), |i| i + scheme_end + 3);
        return format!("{}{url}", base.get(..host_end).unwrap_or(base));
    }
    url.to_owned()
}

/// `YYYY-MM-DD`, or the date part of a date-time.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (date, rest) = (text.get(..10)?, text.get(10..)?);
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// A date-time without an offset: `2027-02-06T10:30[:00[.000]]`, or with a space.
fn parse_naive_datetime(text: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text.trim(), format).ok())
}

/// `HH:MM` or `HH:MM:SS`.
fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M").or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S")).ok()
}

/// The conference-local time of day of a `day_start`-like value: a date-time with an offset, one
/// without, or a bare time.
fn time_of(text: &str, zone: Zone) -> Option<NaiveTime> {
    if let Some(instant) = parse_datetime_with_offset(text) {
        return Some(wall_clock(instant, zone).time());
    }
    parse_naive_datetime(text).map(|t| t.time()).or_else(|| parse_time_of_day(text))
}

#[cfg(test)]
mod tests;
