//! Lanyard's own schedule format (RON), read and written. The organiser's document: we never
//! modify a schedule file, we only convert into this format on request.
//!
//! The format is documented with a full example in `docs/FORMATS.md`; `assets/sample-conference.ron`
//! is a real one. Times are conference-local (`"2027-04-16T09:00"`); `time_zone` names the IANA
//! zone they are in. Optional values may be written bare (`venue: "Hall"`) or as `Some(..)`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike as _};
use serde::{Deserialize, Serialize};

use super::{Format, ImportError, location_at};
use crate::io::store::{ron_options, ron_pretty};
use crate::model::{
    Conference, ConferenceId, Link, Location, Rgb, Room, Schedule, ScheduleBuilder, Session, SessionKind, Track, Zone,
    schedule::palette_colour,
};

/// The newest native schedule format.
pub const SCHEDULE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct ScheduleFile {
    version: u32,
    conference: ConferenceDto,
    #[serde(default)]
    rooms: Vec<RoomDto>,
    #[serde(default)]
    tracks: Vec<TrackDto>,
    #[serde(default)]
    sessions: Vec<SessionDto>,
}

#[derive(Serialize, Deserialize)]
struct ConferenceDto {
    id: ConferenceId,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    acronym: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    day_change: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    schedule_version: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct RoomDto {
    id: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    location: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct TrackDto {
    id: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    colour: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_talk(kind: &SessionKind) -> bool {
    *kind == SessionKind::Talk
}

#[derive(Serialize, Deserialize)]
struct SessionDto {
    id: String,
    title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    subtitle: String,
    #[serde(default = "talk", skip_serializing_if = "is_talk")]
    kind: SessionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    track: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    room: Option<String>,
    start: String,
    minutes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    speakers: Vec<String>,
    #[serde(default, rename = "abstract", skip_serializing_if = "String::is_empty")]
    abstract_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    recorded: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    captioned: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    links: Vec<LinkDto>,
}

fn talk() -> SessionKind {
    SessionKind::Talk
}

#[derive(Serialize, Deserialize)]
struct LinkDto {
    title: String,
    url: String,
}

/// Parses `2027-04-16T09:00`, `2027-04-16T09:00:00` (seconds may have a fraction) or
/// `2027-04-16 09:00`.
pub fn parse_local_datetime(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

/// `2027-04-16T09:00`, with seconds (and their fraction) only when there are any, so a time
/// read from another format with seconds reads back the same.
fn write_local_datetime(t: NaiveDateTime) -> String {
    if t.second() == 0 && t.nanosecond() == 0 {
        t.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
    }
}

/// `04:00`, or `04:00:30` when there are seconds.
fn write_time_of_day(t: NaiveTime) -> String {
    if t.second() == 0 { t.format("%H:%M").to_string() } else { t.format("%H:%M:%S").to_string() }
}

/// Parses `04:00` or `04:00:00`.
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M").or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S")).ok()
}

/// Parses the native format.
///
/// # Errors
/// Syntax and shape errors carry RON's line and column; semantic errors (unknown room, bad
/// time) point at the offending value.
pub fn parse(bytes: &[u8]) -> Result<Schedule, ImportError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|err| invalid(Some(utf8_location(bytes, &err)), "the file is not UTF-8 text"))?;
    let file: ScheduleFile = ron_options().from_str(text).map_err(|err| {
        let location = Location {
            line: u32::try_from(err.span.start.line).unwrap_or(u32::MAX),
            col: u32::try_from(err.span.start.col).unwrap_or(u32::MAX),
        };
        invalid(Some(location), err.code.to_string())
    })?;
    if file.version > SCHEDULE_VERSION {
        return Err(invalid(
            find(text, 0, "version").map(|o| location_at(text, o)),
            format!("schedule format version {} is newer than this lanyard reads ({SCHEDULE_VERSION})", file.version),
        ));
    }
    Resolver { text }.build(file)
}

fn invalid(location: Option<Location>, message: impl Into<String>) -> ImportError {
    ImportError::Invalid { format: Format::Native, location, message: message.into() }
}

fn utf8_location(bytes: &[u8], err: &std::str::Utf8Error) -> Location {
    let valid = std::str::from_utf8(bytes.get(..err.valid_up_to()).unwrap_or_default()).unwrap_or_default();
    location_at(valid, valid.len())
}

fn find(text: &str, from: usize, needle: &str) -> Option<usize> {
    text.get(from..)?.find(needle).map(|i| i + from)
}

/// Finds quoted values moving only forward through the text, counting lines as it goes, so
/// locating every session of a 100k-session file stays linear.
struct ForwardLocator<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> ForwardLocator<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, offset: 0, line: 1, line_start: 0 }
    }

    /// The next occurrence of `"value"` at or after the last one found.
    fn next(&mut self, value: &str) -> Option<Location> {
        let quoted = format!("\"{value}\"");
        let found = find(self.text, self.offset, &quoted)?;
        let between = self.text.get(self.offset..found).unwrap_or_default();
        let newlines = between.bytes().filter(|&b| b == b'\n').count();
        if newlines > 0 {
            self.line += newlines;
            self.line_start = self.offset + between.rfind('\n').map_or(0, |i| i + 1);
        }
        let col = self.text.get(self.line_start..found).map_or(0, |s| s.chars().count()) + 1;
        // Past this match: a duplicate id must find its own occurrence, not this one again.
        self.offset = found + quoted.len();
        Some(Location {
            line: u32::try_from(self.line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        })
    }
}

/// Turns DTOs into the model, pointing semantic errors at their place in `text`.
struct Resolver<'a> {
    text: &'a str,
}

impl Resolver<'_> {
    /// The location of the quoted `value`, searched after `anchor` (a quoted id) if given.
    fn locate(&self, anchor: Option<&str>, value: &str) -> Option<Location> {
        let start = anchor.and_then(|a| find(self.text, 0, &format!("\"{a}\""))).unwrap_or(0);
        find(self.text, start, &format!("\"{value}\"")).map(|o| location_at(self.text, o))
    }

    fn build(&self, file: ScheduleFile) -> Result<Schedule, ImportError> {
        let conference = self.conference(&file.conference)?;
        let has_zone = file.conference.time_zone.is_some();
        let mut builder = ScheduleBuilder::new(conference);
        if !has_zone {
            builder.warn("no time_zone: times are floating local time; set the zone in the app", None);
        }
        for room in file.rooms {
            let key = room.id.clone();
            let before = builder.room_by_key(&key);
            builder.add_room(Room {
                key: room.id.into(),
                name: room.name,
                capacity: room.capacity,
                location: room.location,
            });
            if before.is_some() {
                builder.warn(format!("room \"{key}\" is declared twice; the first is kept"), self.locate(None, &key));
            }
        }
        for (i, track) in file.tracks.into_iter().enumerate() {
            let colour = match &track.colour {
                Some(hex) => Rgb::from_hex(hex).ok_or_else(|| {
                    invalid(self.locate(Some(&track.id), hex), format!("\"{hex}\" is not a #rrggbb colour"))
                })?,
                None => palette_colour(i),
            };
            builder.add_track(Track { key: track.id, name: track.name, colour });
        }
        // Session ids appear in file order after the rooms and tracks.
        let mut locator = ForwardLocator::new(self.text);
        if let Some(sessions) = find(self.text, 0, "sessions") {
            locator.offset = sessions;
            locator.line = self.text.get(..sessions).map_or(0, |s| s.matches('\n').count()) + 1;
            locator.line_start = self.text.get(..sessions).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
        }
        for dto in file.sessions {
            let location = locator.next(&dto.id);
            let session = self.session(&builder, dto)?;
            builder.add_session(session, location);
        }
        Ok(builder.build())
    }

    fn conference(&self, dto: &ConferenceDto) -> Result<Conference, ImportError> {
        let mut conference = Conference::named(dto.id.clone(), dto.name.clone());
        conference.acronym.clone_from(&dto.acronym);
        conference.venue.clone_from(&dto.venue);
        conference.url.clone_from(&dto.url);
        conference.version.clone_from(&dto.schedule_version);
        if let Some(zone) = &dto.time_zone {
            conference.zone = Zone::from_iana(zone)
                .ok_or_else(|| invalid(self.locate(None, zone), format!("\"{zone}\" is not an IANA time zone")))?;
        }
        let date = |field: &Option<String>| -> Result<Option<NaiveDate>, ImportError> {
            field
                .as_deref()
                .map(|d| {
                    NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                        .map_err(|_| invalid(self.locate(None, d), format!("\"{d}\" is not a date (YYYY-MM-DD)")))
                })
                .transpose()
        };
        if let Some(start) = date(&dto.start)? {
            conference.start_date = start;
        }
        if let Some(end) = date(&dto.end)? {
            conference.end_date = end;
        }
        if let Some(day_change) = &dto.day_change {
            conference.day_change = parse_time_of_day(day_change).ok_or_else(|| {
                invalid(self.locate(None, day_change), format!("\"{day_change}\" is not a time of day (HH:MM)"))
            })?;
        }
        Ok(conference)
    }

    fn session(&self, builder: &ScheduleBuilder, dto: SessionDto) -> Result<Session, ImportError> {
        let id = dto.id.as_str();
        let starts_at = parse_local_datetime(&dto.start).ok_or_else(|| {
            invalid(
                self.locate(Some(id), &dto.start),
                format!("session \"{id}\": \"{}\" is not a date and time (YYYY-MM-DDTHH:MM)", dto.start),
            )
        })?;
        let room = match &dto.room {
            Some(key) => Some(builder.room_by_key(key).ok_or_else(|| {
                invalid(self.locate(Some(id), key), format!("session \"{id}\" is in unknown room \"{key}\""))
            })?),
            None => None,
        };
        let track = match &dto.track {
            Some(key) => Some(builder.track_by_key(key).ok_or_else(|| {
                invalid(self.locate(Some(id), key), format!("session \"{id}\" is in unknown track \"{key}\""))
            })?),
            None => None,
        };
        // As every importer does: no control characters, and a blank id becomes a content hash.
        let id = super::common::stable_id(Some(&dto.id), None, &dto.title, dto.speakers.first().map(String::as_str));
        let mut session = Session::new(id, dto.title, starts_at, dto.minutes);
        session.subtitle = dto.subtitle;
        session.kind = dto.kind;
        session.room = room;
        session.track = track;
        session.speakers = dto.speakers;
        session.abstract_text = dto.abstract_text;
        session.language = dto.language;
        session.tags = dto.tags;
        session.is_recorded = dto.recorded;
        session.is_captioned = dto.captioned;
        session.links = dto.links.into_iter().map(|l| Link { title: l.title, url: l.url }).collect();
        Ok(session)
    }
}

/// Writes `schedule` in the native format. Reading the result back gives the same schedule.
///
/// # Errors
/// Only if RON serialisation fails.
pub fn write(schedule: &Schedule) -> Result<String, ron::Error> {
    let conf = schedule.conference();
    let has_dates = conf.start_date <= conf.end_date && conf.start_date != NaiveDate::MIN;
    let file = ScheduleFile {
        version: SCHEDULE_VERSION,
        conference: ConferenceDto {
            id: conf.id.clone(),
            name: conf.name.clone(),
            acronym: conf.acronym.clone(),
            time_zone: conf.zone.name().map(str::to_owned),
            start: has_dates.then(|| conf.start_date.format("%Y-%m-%d").to_string()),
            end: has_dates.then(|| conf.end_date.format("%Y-%m-%d").to_string()),
            venue: conf.venue.clone(),
            day_change: (conf.day_change != NaiveTime::MIN).then(|| write_time_of_day(conf.day_change)),
            url: conf.url.clone(),
            schedule_version: conf.version.clone(),
        },
        rooms: schedule
            .rooms()
            .iter()
            .map(|r| RoomDto {
                id: r.key.to_string(),
                name: r.name.clone(),
                capacity: r.capacity,
                location: r.location.clone(),
            })
            .collect(),
        tracks: schedule
            .tracks()
            .iter()
            .map(|t| TrackDto { id: t.key.clone(), name: t.name.clone(), colour: Some(t.colour.to_hex()) })
            .collect(),
        sessions: schedule.sessions().iter().map(|s| session_dto(schedule, s)).collect(),
    };
    let mut text = String::from("// Lanyard native schedule format, version 1.\n");
    text.push_str(&ron_options().to_string_pretty(&file, ron_pretty(3))?);
    text.push('\n');
    Ok(text)
}

fn session_dto(schedule: &Schedule, s: &Session) -> SessionDto {
    SessionDto {
        id: s.id.0.clone(),
        title: s.title.clone(),
        subtitle: s.subtitle.clone(),
        kind: s.kind,
        track: s.track.and_then(|t| schedule.track(t)).map(|t| t.key.clone()),
        room: s.room.and_then(|r| schedule.room(r)).map(|r| r.key.to_string()),
        start: write_local_datetime(s.starts_at),
        minutes: s.duration_mins,
        speakers: s.speakers.clone(),
        abstract_text: s.abstract_text.clone(),
        language: s.language.clone(),
        tags: s.tags.clone(),
        recorded: s.is_recorded,
        captioned: s.is_captioned,
        links: s.links.iter().map(|l| LinkDto { title: l.title.clone(), url: l.url.clone() }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r##"// A tiny conference.
(
    version: 1,
    conference: (id: "tiny", name: "Tiny Conf", time_zone: "Europe/Brussels", day_change: "04:00"),
    rooms: [(id: "a", name: "Room A", capacity: 100), (id: "b", name: "Room B")],
    tracks: [(id: "rust", name: "Rust", colour: "#dd6600"), (id: "web", name: "Web")],
    sessions: [
        (id: "s1", title: "Ownership", track: "rust", room: "a", start: "2027-02-06T10:00", minutes: 30, recorded: true),
        (id: "s2", title: "Party", kind: Social, room: Some("b"), start: "2027-02-07T01:00", minutes: 60),
        (id: "s1", title: "Ownership again", room: "a", start: "2027-02-07T10:00", minutes: 30),
    ],
)
"##;

    #[test]
    fn parses_and_round_trips() {
        let schedule = parse(SMALL.as_bytes()).unwrap();
        let stats = schedule.stats();
        assert_eq!((stats.events, stats.rooms, stats.days, stats.tracks, stats.warnings), (3, 2, 2, 1, 1));
        assert_eq!(schedule.conference().zone.name(), Some("Europe/Brussels"));
        let party = schedule.session_by_id(&"s2".into()).unwrap();
        assert_eq!(party.kind, SessionKind::Social);
        assert_eq!(party.day.0, 0, "01:00 belongs to the first day with day_change 04:00");
        assert_eq!(schedule.tracks()[1].colour, palette_colour(1));

        let written = write(&schedule).unwrap();
        let again = parse(written.as_bytes()).unwrap();
        assert_eq!(again.sessions(), schedule.sessions());
        assert_eq!(again.conference(), schedule.conference());
        assert_eq!(again.rooms(), schedule.rooms());
        assert_eq!(again.tracks(), schedule.tracks());
    }

    fn error_of(text: &str) -> (Option<Location>, String) {
        match parse(text.as_bytes()) {
            Err(err) => (err.location(), err.to_string()),
            Ok(_) => panic!("expected an error"),
        }
    }

    #[test]
    fn a_duplicate_id_is_located_at_its_own_line() {
        let schedule = parse(SMALL.as_bytes()).unwrap();
        let warning = &schedule.warnings()[0];
        assert!(warning.message.contains("duplicate"), "{warning}");
        assert_eq!(warning.location, Some(Location { line: 10, col: 14 }));
    }

    #[test]
    fn unknown_room_points_at_the_value() {
        let text = SMALL.replace("room: \"a\", start: \"2027-02-06", "room: \"zz\", start: \"2027-02-06");
        let (location, message) = error_of(&text);
        assert_eq!(location, Some(Location { line: 8, col: 61 }));
        assert!(message.contains("unknown room \"zz\""), "{message}");
    }

    #[test]
    fn unknown_track_and_bad_values_are_located() {
        let (location, message) = error_of(&SMALL.replace("track: \"rust\"", "track: \"go\""));
        assert!(message.contains("unknown track \"go\""), "{message}");
        assert_eq!(location.map(|l| l.line), Some(8));
        let (location, message) = error_of(&SMALL.replace("Europe/Brussels", "Europe/Atlantis"));
        assert_eq!(location.map(|l| l.line), Some(4));
        assert!(message.contains("IANA"), "{message}");
        let (_, message) = error_of(&SMALL.replace("2027-02-06T10:00", "tomorrow"));
        assert!(message.contains("not a date and time"), "{message}");
        let (_, message) = error_of(&SMALL.replace("#dd6600", "orange"));
        assert!(message.contains("colour"), "{message}");
    }

    #[test]
    fn syntax_errors_carry_ron_positions() {
        let (location, _) = error_of(&SMALL.replace("minutes: 30, recorded", "minutes: -30, recorded"));
        assert_eq!(location.map(|l| l.line), Some(8));
        let (location, _) = error_of("(version: 1,\n  conference: (id: \"x\"");
        assert!(location.is_some());
        let (_, message) = error_of("(version: 9, conference: (id: \"x\", name: \"X\"))");
        assert!(message.contains("newer"), "{message}");
    }

    #[test]
    fn no_zone_is_floating_with_a_warning() {
        let schedule = parse(SMALL.replace("time_zone: \"Europe/Brussels\", ", "").as_bytes()).unwrap();
        assert_eq!(schedule.conference().zone, Zone::Floating);
        assert!(schedule.warnings().iter().any(|w| w.message.contains("floating")));
    }
}
