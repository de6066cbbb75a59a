//! frab / c3voc `schedule.json` export of any [`Schedule`] (`schedule.schema.json`).
//!
//! The same frab shape as the XML writer ([`super::frab_xml`], which documents ids, guids, times
//! and text): `{"$schema", "generator", "schedule": {"version", "base_url", "conference":
//! {acronym, title, start, end, daysCount, timeslot_duration, time_zone_name, url, rooms, tracks,
//! days: [{index, date, day_start, day_end, rooms: {"<room>": [event, …]}}]}}}`. Events carry
//! `guid`, `id`, `date`, `start`, `duration`, `room`, `slug`, `url`, `title`, `subtitle`, `track`,
//! `type`, `language`, `abstract`, `description`, `recording_license`, `do_not_record`,
//! `persons` (`id`, `public_name`), `links` (`url`, `title`) and `attachments`.
//!
//! `day_change` is not a field of the format: it is written, as frab does, as the time of day of
//! every `day_start`, which is where importers read it from. A floating conference writes `date`
//! without an offset. Events are serialised one at a time, straight from the schedule, so a
//! 100,000-event export holds no second copy of the schedule in memory.

use serde::Serialize;
use serde::ser::{SerializeMap as _, SerializeSeq as _, Serializer};

use super::frab_xml::{FrabDay, FrabLayout, FrabRoom};
use crate::model::{Schedule, Session};

const SCHEMA: &str = "https://c3voc.de/schedule/schema.json";

/// Renders `schedule` as a frab `schedule.json`, pretty-printed with two-space indents.
///
/// # Errors
/// Only if JSON serialisation fails, which it does not for a built schedule.
pub fn schedule_to_frab_json(schedule: &Schedule) -> Result<String, serde_json::Error> {
    let layout = FrabLayout::new(schedule);
    let conference = schedule.conference();
    let root = Root {
        schema: SCHEMA,
        generator: Generator { name: "lanyard", version: env!("CARGO_PKG_VERSION") },
        schedule: ScheduleJson {
            version: conference.version.as_deref().unwrap_or(""),
            base_url: conference.url.as_deref(),
            conference: ConferenceJson {
                acronym: &layout.acronym,
                title: &conference.name,
                start: layout.dates.map(|(start, _)| start.to_string()),
                end: layout.dates.map(|(_, end)| end.to_string()),
                days_count: layout.dates.map_or(0, |(start, end)| (end - start).num_days() + 1),
                timeslot_duration: "00:05",
                time_zone_name: conference.zone.name(),
                url: conference.url.as_deref(),
                rooms: layout.rooms.iter().map(|(name, guid)| RoomJson { name, guid }).collect(),
                tracks: schedule
                    .tracks()
                    .iter()
                    .map(|t| TrackJson { name: &t.name, color: t.colour.to_hex() })
                    .collect(),
                days: Days(&layout),
            },
        },
    };
    let mut text = serde_json::to_string_pretty(&root)?;
    text.push('\n');
    Ok(text)
}

#[derive(Serialize)]
struct Root<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    generator: Generator,
    schedule: ScheduleJson<'a>,
}

#[derive(Serialize)]
struct Generator {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct ScheduleJson<'a> {
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<&'a str>,
    conference: ConferenceJson<'a>,
}

#[derive(Serialize)]
struct ConferenceJson<'a> {
    acronym: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(rename = "daysCount")]
    days_count: i64,
    timeslot_duration: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_zone_name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    rooms: Vec<RoomJson<'a>>,
    tracks: Vec<TrackJson<'a>>,
    days: Days<'a>,
}

#[derive(Serialize)]
struct RoomJson<'a> {
    name: &'a str,
    guid: &'a str,
}

#[derive(Serialize)]
struct TrackJson<'a> {
    name: &'a str,
    color: String,
}

/// The days, serialised from the layout.
struct Days<'a>(&'a FrabLayout<'a>);

impl Serialize for Days<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.days.len()))?;
        for day in &self.0.days {
            seq.serialize_element(&DayJson { layout: self.0, day })?;
        }
        seq.end()
    }
}

struct DayJson<'a> {
    layout: &'a FrabLayout<'a>,
    day: &'a FrabDay<'a>,
}

impl Serialize for DayJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shape<'a> {
            index: usize,
            date: String,
            day_start: &'a str,
            day_end: &'a str,
            rooms: RoomMap<'a>,
        }
        let day = self.day;
        Shape {
            index: day.index,
            date: day.date.to_string(),
            day_start: &day.start,
            day_end: &day.end,
            rooms: RoomMap { layout: self.layout, rooms: &day.rooms },
        }
        .serialize(serializer)
    }
}

/// `{"<room name>": [event, …]}` in the schedule's room order (a JSON map from a `BTreeMap`
/// would sort the rooms by name).
struct RoomMap<'a> {
    layout: &'a FrabLayout<'a>,
    rooms: &'a [FrabRoom<'a>],
}

impl Serialize for RoomMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.rooms.len()))?;
        for room in self.rooms {
            map.serialize_entry(room.name, &Events { layout: self.layout, sessions: &room.sessions })?;
        }
        map.end()
    }
}

struct Events<'a> {
    layout: &'a FrabLayout<'a>,
    sessions: &'a [&'a Session],
}

impl Serialize for Events<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.sessions.len()))?;
        for &session in self.sessions {
            let event = self.layout.event(session);
            seq.serialize_element(&EventJson {
                guid: &event.guid,
                id: event.id,
                date: &event.date,
                start: &event.start,
                duration: &event.duration,
                room: event.room,
                slug: &event.slug,
                url: event.url.unwrap_or(""),
                title: event.title,
                subtitle: event.subtitle,
                track: (!event.track.is_empty()).then_some(event.track),
                kind: event.kind,
                language: (!event.language.is_empty()).then_some(event.language),
                abstract_text: &event.abstract_html,
                description: &event.description_html,
                recording_license: event.recording_license,
                do_not_record: !event.is_recorded,
                persons: event.persons.iter().map(|&(id, public_name)| PersonJson { id, public_name }).collect(),
                links: event.links.iter().map(|l| LinkJson { url: &l.url, title: &l.title }).collect(),
                attachments: [],
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct EventJson<'a> {
    guid: &'a str,
    id: u64,
    date: &'a str,
    start: &'a str,
    duration: &'a str,
    room: &'a str,
    slug: &'a str,
    url: &'a str,
    title: &'a str,
    subtitle: &'a str,
    track: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'a str,
    language: Option<&'a str>,
    #[serde(rename = "abstract")]
    abstract_text: &'a str,
    description: &'a str,
    recording_license: &'a str,
    do_not_record: bool,
    persons: Vec<PersonJson<'a>>,
    links: Vec<LinkJson<'a>>,
    attachments: [LinkJson<'a>; 0],
}

#[derive(Serialize)]
struct PersonJson<'a> {
    id: u32,
    public_name: &'a str,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    url: &'a str,
    title: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import;
    use crate::model::synthetic::{SyntheticParams, generate};

    #[test]
    fn writes_the_c3voc_shape() {
        let schedule = generate(&SyntheticParams { events: 40, rooms: 3, days: 2, seed: 3, abstract_chars: None });
        let text = schedule_to_frab_json(&schedule).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let conference = &value["schedule"]["conference"];
        assert_eq!(value["$schema"], SCHEMA);
        assert_eq!(conference["acronym"], "synth3");
        assert_eq!(conference["daysCount"], 2);
        assert_eq!(conference["time_zone_name"], "Europe/Brussels");
        assert_eq!(conference["rooms"].as_array().unwrap().len(), 3);
        let day = &conference["days"][0];
        assert_eq!(day["day_start"], "2027-02-06T04:00:00+01:00");
        assert_eq!(day["rooms"].as_object().unwrap().len(), 3);
        let at = |name: &str| text.find(&format!("\"{name}\": [")).unwrap();
        assert!(at("Janson") < at("Saal 1") && at("Saal 1") < at("K.1.105 (La Fontaine)"), "rooms in schedule order");
        let event = &day["rooms"]["Janson"][0];
        for key in ["guid", "id", "date", "start", "duration", "room", "slug", "url", "title", "type", "persons"] {
            assert!(!event[key].is_null(), "{key} in {event}");
        }
        assert!(event["date"].as_str().unwrap().ends_with("+01:00"));
        assert_eq!(event["type"], "keynote");
    }

    #[test]
    fn round_trips_through_the_importer() {
        let schedule = generate(&SyntheticParams::new(600, 5));
        let text = schedule_to_frab_json(&schedule).unwrap();
        assert_eq!(text, schedule_to_frab_json(&schedule).unwrap());
        let again = import::parse(text.as_bytes(), "s.json").unwrap();
        assert_eq!(again.stats(), schedule.stats());
        assert_eq!(again.conference().day_change, schedule.conference().day_change);
        for (a, b) in schedule.sessions().iter().zip(again.sessions()) {
            assert_eq!(
                (&a.id, &a.title, a.starts_at, a.duration_mins, a.kind),
                (&b.id, &b.title, b.starts_at, b.duration_mins, b.kind)
            );
            assert_eq!((&a.abstract_text, &a.speakers, &a.links), (&b.abstract_text, &b.speakers, &b.links));
            assert_eq!((a.day, a.is_recorded, &a.language), (b.day, b.is_recorded, &b.language));
        }
    }
}
