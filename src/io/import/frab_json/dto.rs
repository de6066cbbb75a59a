//! The lenient DTOs `schedule.json` is read into: every field optional, strings or numbers where
//! either appears in the wild, a single object where a list is expected.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, de};

use super::{NOT_A_SCHEDULE, START_OF_FILE, invalid};
use crate::io::import::ImportError;

// ---------------------------------------------------------------------------------------------
// Lenient DTOs.

/// A string field that also accepts numbers, booleans, `null` (none) and pretalx-style
/// translation objects (`{"en": "…", "de": "…"}`: English, else the first non-empty value).
/// Borrows from the input when the string holds no escapes, so large files are not copied.
#[derive(Debug, Default)]
pub(super) struct Text<'a>(pub(super) Option<Cow<'a, str>>);

impl Text<'_> {
    /// The trimmed value, `""` when absent.
    pub(super) fn get(&self) -> &str {
        self.0.as_deref().map_or("", str::trim)
    }

    pub(super) fn non_empty(&self) -> Option<&str> {
        Some(self.get()).filter(|s| !s.is_empty())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor(PhantomData))
    }
}

pub(super) struct TextVisitor<'a>(pub(super) PhantomData<&'a str>);

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
pub(super) struct Flag(pub(super) Option<bool>);

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
pub(super) struct List<T>(pub(super) Vec<T>);

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

pub(super) struct ListVisitor<T>(pub(super) PhantomData<T>);

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
pub(super) trait FromBare<'a>: Default {
    fn from_bare(text: Cow<'a, str>) -> Self;
}

/// An object, or a bare string/number turned into one by [`FromBare`], or `null` (default).
#[derive(Debug, Default)]
pub(super) struct Flex<T>(pub(super) T);

impl<'de, T: Deserialize<'de> + FromBare<'de>> Deserialize<'de> for Flex<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FlexVisitor(PhantomData))
    }
}

pub(super) struct FlexVisitor<T>(pub(super) PhantomData<T>);

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
pub(super) trait Level {
    const WHAT: &'static str;
}

/// A JSON object holding `T`, refusing every other kind of value without reading into it.
pub(super) struct Object<T>(pub(super) T);

impl<'de, T: Deserialize<'de> + Level> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ObjectVisitor(PhantomData))
    }
}

pub(super) struct ObjectVisitor<T>(pub(super) PhantomData<T>);

impl<T: Level> ObjectVisitor<T> {
    pub(super) fn refuse<E: de::Error>(kind: &str) -> E {
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
pub(super) struct RootDto<'a> {
    #[serde(default)]
    pub(super) schedule: Option<Object<ScheduleDto<'a>>>,
    /// Present in pretalx API responses (`results`) and the pretalx API schedule (`slots`).
    #[serde(default)]
    pub(super) results: Option<IgnoredAny>,
    #[serde(default)]
    pub(super) slots: Option<IgnoredAny>,
}

impl Level for RootDto<'_> {
    const WHAT: &'static str = "the file";
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
pub(super) struct ScheduleDto<'a> {
    #[serde(default)]
    pub(super) version: Text<'a>,
    #[serde(default)]
    pub(super) base_url: Text<'a>,
    #[serde(default)]
    pub(super) conference: Option<Object<ConferenceDto<'a>>>,
}

impl Level for ScheduleDto<'_> {
    const WHAT: &'static str = "\"schedule\"";
}

/// `schedule.version` and `schedule.base_url`.
pub(super) struct Meta<'a> {
    pub(super) version: Text<'a>,
    pub(super) base_url: Text<'a>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
pub(super) struct ConferenceDto<'a> {
    #[serde(default)]
    pub(super) acronym: Text<'a>,
    #[serde(default)]
    pub(super) title: Text<'a>,
    #[serde(default)]
    pub(super) start: Text<'a>,
    #[serde(default)]
    pub(super) end: Text<'a>,
    #[serde(default)]
    pub(super) time_zone_name: Text<'a>,
    #[serde(default)]
    pub(super) day_change: Text<'a>,
    #[serde(default)]
    pub(super) url: Text<'a>,
    #[serde(default)]
    pub(super) rooms: List<Flex<NamedDto<'a>>>,
    #[serde(default)]
    pub(super) tracks: List<Flex<NamedDto<'a>>>,
    #[serde(default)]
    pub(super) days: Option<List<DayDto<'a>>>,
}

impl Level for ConferenceDto<'_> {
    const WHAT: &'static str = "\"conference\"";
}

/// A room or track declared in `conference`.
#[derive(Debug, Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default)]
pub(super) struct NamedDto<'a> {
    pub(super) name: Text<'a>,
    pub(super) color: Text<'a>,
}

impl<'b: 'a, 'a> FromBare<'b> for NamedDto<'a> {
    fn from_bare(text: Cow<'b, str>) -> Self {
        Self { name: Text(Some(text)), color: Text(None) }
    }
}

#[derive(Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default, expecting = "a day object")]
pub(super) struct DayDto<'a> {
    pub(super) date: Text<'a>,
    pub(super) day_start: Text<'a>,
    pub(super) rooms: RoomMap<'a>,
}

/// `{"<room name>": [event, …]}`, in file order (a `BTreeMap` would sort the rooms).
#[derive(Default)]
pub(super) struct RoomMap<'a>(pub(super) Vec<(Cow<'a, str>, List<EventDto<'a>>)>);

impl<'de: 'a, 'a> Deserialize<'de> for RoomMap<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RoomMapVisitor(PhantomData))
    }
}

pub(super) struct RoomMapVisitor<'a>(pub(super) PhantomData<&'a str>);

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
pub(super) struct EventDto<'a> {
    pub(super) guid: Text<'a>,
    pub(super) id: Text<'a>,
    pub(super) date: Text<'a>,
    pub(super) start: Text<'a>,
    pub(super) end: Text<'a>,
    pub(super) duration: Text<'a>,
    pub(super) room: Text<'a>,
    pub(super) url: Text<'a>,
    pub(super) title: Text<'a>,
    pub(super) subtitle: Text<'a>,
    pub(super) track: Text<'a>,
    #[serde(rename = "type")]
    pub(super) kind: Text<'a>,
    pub(super) language: Text<'a>,
    #[serde(rename = "abstract")]
    pub(super) abstract_text: Text<'a>,
    pub(super) description: Text<'a>,
    pub(super) recording_license: Text<'a>,
    pub(super) do_not_record: Flag,
    pub(super) persons: List<Flex<PersonDto<'a>>>,
    pub(super) links: List<Flex<LinkDto<'a>>>,
    pub(super) attachments: List<Flex<LinkDto<'a>>>,
}

#[derive(Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default)]
pub(super) struct PersonDto<'a> {
    pub(super) public_name: Text<'a>,
    pub(super) name: Text<'a>,
    pub(super) full_public_name: Text<'a>,
}

impl<'b: 'a, 'a> FromBare<'b> for PersonDto<'a> {
    fn from_bare(text: Cow<'b, str>) -> Self {
        Self { name: Text(Some(text)), ..Self::default() }
    }
}

#[derive(Default, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
#[serde(default)]
pub(super) struct LinkDto<'a> {
    pub(super) url: Text<'a>,
    pub(super) title: Text<'a>,
}

impl<'b: 'a, 'a> FromBare<'b> for LinkDto<'a> {
    fn from_bare(text: Cow<'b, str>) -> Self {
        Self { url: Text(Some(text)), title: Text(None) }
    }
}

impl<'a> RootDto<'a> {
    /// The parts that make a schedule, or a [`NOT_A_SCHEDULE`] error at 1:1 naming what is missing.
    pub(super) fn into_parts(self) -> Result<(Meta<'a>, ConferenceDto<'a>, Vec<DayDto<'a>>), ImportError> {
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
