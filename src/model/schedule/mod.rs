//! The conference schedule: the organiser's data, immutable once built.
//!
//! A [`Schedule`] is built once by an importer through [`ScheduleBuilder`], which keeps the
//! invariants: sessions sorted by start time, every id unique (duplicates renamed
//! deterministically and reported), every session assigned to a conference day honouring
//! `day_change`, and per-room indexes for the room grid. Nothing here touches files or the clock.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::ids::{ConferenceId, DayIdx, RoomIdx, RoomKey, SessionId, SessionIdx, TrackIdx};
use super::time::{Zone, add_minutes, conference_date};

/// An sRGB colour. The model only stores it; `ui::theme` turns it into a paint colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#rrggbb` or `rrggbb`.
    pub fn from_hex(text: &str) -> Option<Self> {
        let hex = text.trim().trim_start_matches('#');
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }

    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// Colours for tracks whose file names none: distinct, mid-saturation, readable on light and dark.
const TRACK_PALETTE: [Rgb; 12] = [
    Rgb([0x2f, 0x80, 0xed]),
    Rgb([0xe0, 0x7a, 0x1f]),
    Rgb([0x27, 0xa0, 0x6b]),
    Rgb([0xc2, 0x3b, 0x7a]),
    Rgb([0x8a, 0x5c, 0xd6]),
    Rgb([0x1f, 0x9e, 0xb5]),
    Rgb([0xc9, 0x4a, 0x3c]),
    Rgb([0x8f, 0x9a, 0x1f]),
    Rgb([0x5b, 0x6b, 0xd9]),
    Rgb([0xb5, 0x7a, 0x3a]),
    Rgb([0x3a, 0x9a, 0x9a]),
    Rgb([0xa8, 0x5a, 0xa8]),
];

/// The colour of the `index`-th track when the file gives none.
pub fn palette_colour(index: usize) -> Rgb {
    TRACK_PALETTE[index % TRACK_PALETTE.len()]
}

/// A position in a source file, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: u32,
    pub col: u32,
}

/// Something odd but survivable found while importing. Reported by `lanyard check` and in the UI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
    pub location: Option<Location>,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.location {
            Some(Location { line, col }) => write!(f, "{line}:{col}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The conference itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conference {
    /// A slug that identifies the conference across schedule versions, e.g. `fosdem-2027`.
    pub id: ConferenceId,
    pub name: String,
    pub acronym: Option<String>,
    pub zone: Zone,
    /// First and last day, inclusive. [`ScheduleBuilder::build`] widens them to cover every session.
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub venue: Option<String>,
    /// Sessions starting before this wall-clock time belong to the previous conference day.
    pub day_change: NaiveTime,
    pub url: Option<String>,
    /// The organiser's version string for this schedule, if the file has one.
    pub version: Option<String>,
}

impl Conference {
    /// A conference with only a name; dates are filled in from the sessions when built.
    pub fn named(id: impl Into<ConferenceId>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            acronym: None,
            zone: Zone::Floating,
            start_date: NaiveDate::MAX,
            end_date: NaiveDate::MIN,
            venue: None,
            day_change: NaiveTime::MIN,
            url: None,
            version: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Room {
    /// Stable key: the native format's room id, or the room name for imported formats.
    pub key: RoomKey,
    pub name: String,
    pub capacity: Option<u32>,
    pub location: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Track {
    pub key: String,
    pub name: String,
    pub colour: Rgb,
}

/// What sort of session this is. Drives icons, filters and how clashes are explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SessionKind {
    Talk,
    Keynote,
    Tutorial,
    Lightning,
    Break,
    Social,
    OpenSpace,
}

impl SessionKind {
    pub const ALL: [Self; 7] =
        [Self::Talk, Self::Keynote, Self::Tutorial, Self::Lightning, Self::Break, Self::Social, Self::OpenSpace];

    pub fn label(self) -> &'static str {
        match self {
            Self::Talk => "Talk",
            Self::Keynote => "Keynote",
            Self::Tutorial => "Tutorial",
            Self::Lightning => "Lightning talks",
            Self::Break => "Break",
            Self::Social => "Social",
            Self::OpenSpace => "Open space",
        }
    }

    /// A short, stable, lower-case token (`talk`, `keynote`, `open-space`, …) for files and scripts.
    pub fn token(self) -> &'static str {
        match self {
            Self::Talk => "talk",
            Self::Keynote => "keynote",
            Self::Tutorial => "tutorial",
            Self::Lightning => "lightning",
            Self::Break => "break",
            Self::Social => "social",
            Self::OpenSpace => "open-space",
        }
    }

    /// The kind a [`Self::token`] names.
    pub fn from_token(token: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.token().eq_ignore_ascii_case(token.trim()))
    }

    /// Best guess from the free-text `type` of frab/pretalx events ("lecture", "workshop",
    /// "Lightning Talk", "Coffee break", …) and their titles. Unknown types are talks.
    pub fn guess(type_text: &str, title: &str) -> Self {
        let t = type_text.to_lowercase();
        let title = title.to_lowercase();
        let has = |needle: &str| t.contains(needle);
        if has("keynote") || title.starts_with("keynote") {
            Self::Keynote
        } else if has("lightning") || title.contains("lightning talk") {
            Self::Lightning
        } else if has("workshop") || has("tutorial") || has("training") || has("hands-on") {
            Self::Tutorial
        } else if has("break") || has("lunch") || has("coffee") || is_break_title(&title) {
            Self::Break
        } else if has("social") || has("party") || has("concert") || has("reception") {
            Self::Social
        } else if has("open space") || has("openspace") || has("bof") || has("meetup") {
            Self::OpenSpace
        } else {
            Self::Talk
        }
    }

    /// Breaks, socials and the like are not talks anyone "attends" in a clash sense.
    pub fn is_programme(self) -> bool {
        !matches!(self, Self::Break)
    }
}

fn is_break_title(title: &str) -> bool {
    matches!(title.trim(), "break" | "lunch" | "coffee break" | "lunch break" | "coffee")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// One event in the schedule. Times are conference-local wall-clock; see [`super::time`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub title: String,
    pub subtitle: String,
    pub kind: SessionKind,
    pub track: Option<TrackIdx>,
    pub room: Option<RoomIdx>,
    pub starts_at: NaiveDateTime,
    pub duration_mins: u32,
    pub speakers: Vec<String>,
    /// Plain text (importers turn HTML into text); paragraphs separated by blank lines.
    pub abstract_text: String,
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub is_recorded: bool,
    pub is_captioned: bool,
    pub links: Vec<Link>,
    /// Set by [`ScheduleBuilder::build`].
    pub day: DayIdx,
}

impl Session {
    /// A talk with only the required fields; convenient for importers and tests.
    pub fn new(id: impl Into<String>, title: impl Into<String>, starts_at: NaiveDateTime, duration_mins: u32) -> Self {
        Self {
            id: SessionId::new(id),
            title: title.into(),
            subtitle: String::new(),
            kind: SessionKind::Talk,
            track: None,
            room: None,
            starts_at,
            duration_mins,
            speakers: Vec::new(),
            abstract_text: String::new(),
            language: None,
            tags: Vec::new(),
            is_recorded: false,
            is_captioned: false,
            links: Vec::new(),
            day: DayIdx(0),
        }
    }

    /// End of the half-open interval `[starts_at, ends_at)`.
    pub fn ends_at(&self) -> NaiveDateTime {
        add_minutes(self.starts_at, self.duration_mins)
    }

    /// On at `now`: `starts_at <= now < ends_at`.
    pub fn is_on_at(&self, now: NaiveDateTime) -> bool {
        self.starts_at <= now && !self.has_ended_at(now)
    }

    /// Over by `now`: it ends at or before it.
    pub fn has_ended_at(&self, now: NaiveDateTime) -> bool {
        self.ends_at() <= now
    }
}

/// One conference day that holds at least one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    /// Indexes into [`Schedule::sessions`]; contiguous because sessions are sorted by start.
    pub sessions: Range<usize>,
}

/// One room's line on the "Now & next" board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoomNow {
    pub room: RoomIdx,
    /// The session on in the room now, if any.
    pub now: Option<SessionIdx>,
    /// The next session in the room later the same conference day, if any.
    pub next: Option<SessionIdx>,
}

/// Counts reported by `lanyard check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduleStats {
    pub events: usize,
    /// Distinct rooms holding at least one session.
    pub rooms: usize,
    /// Conference days holding at least one session.
    pub days: usize,
    /// Distinct tracks holding at least one session.
    pub tracks: usize,
    pub warnings: usize,
}

/// An imported, validated, indexed conference schedule. Read-only.
#[derive(Clone, Debug)]
pub struct Schedule {
    conference: Conference,
    rooms: Vec<Room>,
    tracks: Vec<Track>,
    sessions: Vec<Session>,
    days: Vec<Day>,
    by_id: BTreeMap<SessionId, SessionIdx>,
    /// For each room, its sessions in start order.
    by_room: Vec<Vec<SessionIdx>>,
    warnings: Vec<Warning>,
    /// Counted once when built: the status bar shows them every frame.
    stats: ScheduleStats,
}

impl Schedule {
    pub fn conference(&self) -> &Conference {
        &self.conference
    }

    /// Sets the conference's zone: the user's choice for a file that named none, or a correction.
    /// Wall-clock times are unchanged; only the instants they mean move.
    pub fn set_zone(&mut self, zone: super::time::Zone) {
        self.conference.zone = zone;
    }

    pub fn rooms(&self) -> &[Room] {
        &self.rooms
    }

    pub fn tracks(&self) -> &[Track] {
        &self.tracks
    }

    /// All sessions, sorted by start time, then room, then end, then id.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    /// Days with at least one session, in date order.
    pub fn days(&self) -> &[Day] {
        &self.days
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    pub fn session(&self, idx: SessionIdx) -> Option<&Session> {
        self.sessions.get(idx.index())
    }

    pub fn find(&self, id: &SessionId) -> Option<SessionIdx> {
        self.by_id.get(id).copied()
    }

    pub fn session_by_id(&self, id: &SessionId) -> Option<&Session> {
        self.find(id).and_then(|idx| self.session(idx))
    }

    pub fn room(&self, idx: RoomIdx) -> Option<&Room> {
        self.rooms.get(idx.index())
    }

    pub fn track(&self, idx: TrackIdx) -> Option<&Track> {
        self.tracks.get(idx.index())
    }

    /// The room's name, or `""` for sessions without a room.
    pub fn room_name(&self, session: &Session) -> &str {
        session.room.and_then(|r| self.room(r)).map_or("", |r| r.name.as_str())
    }

    pub fn track_name(&self, session: &Session) -> &str {
        session.track.and_then(|t| self.track(t)).map_or("", |t| t.name.as_str())
    }

    pub fn day(&self, idx: DayIdx) -> Option<&Day> {
        self.days.get(idx.index())
    }

    /// The sessions of one day, in start order.
    pub fn day_sessions(&self, idx: DayIdx) -> &[Session] {
        self.day(idx).and_then(|d| self.sessions.get(d.sessions.clone())).unwrap_or(&[])
    }

    /// The sessions in one room, in start order.
    pub fn room_sessions(&self, idx: RoomIdx) -> &[SessionIdx] {
        self.by_room.get(idx.index()).map_or(&[], Vec::as_slice)
    }

    /// What is on in every room at `now`, and what comes next, for rooms with a session on the
    /// day `now` falls on. A session is on when `starts_at <= now < ends_at`; "next" is the
    /// first session in that room starting after `now` on the same conference day. Rooms in file
    /// order. Costs O(rooms × log sessions per room).
    pub fn now_and_next(&self, now: NaiveDateTime) -> Vec<RoomNow> {
        let today = conference_date(now, self.conference.day_change);
        let day_of =
            |idx: SessionIdx| self.session(idx).map(|s| conference_date(s.starts_at, self.conference.day_change));
        let mut rooms = Vec::new();
        for (r, list) in self.by_room.iter().enumerate() {
            let started = list.partition_point(|&i| self.session(i).is_some_and(|s| s.starts_at <= now));
            let on_now = started
                .checked_sub(1)
                .and_then(|p| list.get(p))
                .copied()
                .filter(|&i| self.session(i).is_some_and(|s| !s.has_ended_at(now)));
            let next = list.get(started).copied().filter(|&i| day_of(i) == Some(today));
            if on_now.is_some() || next.is_some() {
                rooms.push(RoomNow { room: RoomIdx(u32::try_from(r).unwrap_or(u32::MAX)), now: on_now, next });
            }
        }
        rooms
    }

    /// The day a conference-local time falls on, if that day holds sessions.
    pub fn day_of(&self, t: NaiveDateTime) -> Option<DayIdx> {
        let date = conference_date(t, self.conference.day_change);
        self.days.iter().position(|d| d.date == date).map(day_idx)
    }

    /// Counted when the schedule was built, so O(1): views call it every frame.
    pub fn stats(&self) -> ScheduleStats {
        self.stats
    }

    fn count_stats(&self) -> ScheduleStats {
        let rooms = self.by_room.iter().filter(|s| !s.is_empty()).count();
        let mut tracks_used = vec![false; self.tracks.len()];
        for session in &self.sessions {
            if let Some(t) = session.track.and_then(|t| tracks_used.get_mut(t.index())) {
                *t = true;
            }
        }
        ScheduleStats {
            events: self.sessions.len(),
            rooms,
            days: self.days.len(),
            tracks: tracks_used.iter().filter(|&&used| used).count(),
            warnings: self.warnings.len(),
        }
    }

    /// Whether `other` is a newer version of the same conference: the same id, or else the same
    /// acronym and name.
    pub fn is_same_conference(&self, other: &Self) -> bool {
        let (a, b) = (&self.conference, &other.conference);
        a.id == b.id || (a.acronym.is_some() && a.acronym == b.acronym && a.name == b.name)
    }
}

fn day_idx(i: usize) -> DayIdx {
    DayIdx(u32::try_from(i).unwrap_or(u32::MAX))
}

fn session_idx(i: usize) -> SessionIdx {
    SessionIdx(u32::try_from(i).unwrap_or(u32::MAX))
}

/// Collects a schedule from an importer and checks its invariants on [`Self::build`].
#[derive(Debug)]
pub struct ScheduleBuilder {
    conference: Conference,
    rooms: Vec<Room>,
    tracks: Vec<Track>,
    room_keys: BTreeMap<RoomKey, RoomIdx>,
    track_keys: BTreeMap<String, TrackIdx>,
    sessions: Vec<(Session, Option<Location>)>,
    warnings: Vec<Warning>,
}

impl ScheduleBuilder {
    pub fn new(conference: Conference) -> Self {
        Self {
            conference,
            rooms: Vec::new(),
            tracks: Vec::new(),
            room_keys: BTreeMap::new(),
            track_keys: BTreeMap::new(),
            sessions: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn conference_mut(&mut self) -> &mut Conference {
        &mut self.conference
    }

    /// Adds a room under `room.key`, or returns the existing room with that key.
    pub fn add_room(&mut self, room: Room) -> RoomIdx {
        if let Some(&idx) = self.room_keys.get(&room.key) {
            return idx;
        }
        let idx = RoomIdx(u32::try_from(self.rooms.len()).unwrap_or(u32::MAX));
        self.room_keys.insert(room.key.clone(), idx);
        self.rooms.push(room);
        idx
    }

    /// The room named `name`, created on first use. Names are trimmed; empty names give `None`.
    pub fn room_named(&mut self, name: &str) -> Option<RoomIdx> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        Some(self.add_room(Room { key: name.into(), name: name.to_owned(), capacity: None, location: None }))
    }

    pub fn room_by_key(&self, key: &str) -> Option<RoomIdx> {
        self.room_keys.get(key).copied()
    }

    /// Adds a track under `track.key`, or returns the existing track with that key.
    pub fn add_track(&mut self, track: Track) -> TrackIdx {
        if let Some(&idx) = self.track_keys.get(&track.key) {
            return idx;
        }
        let idx = TrackIdx(u32::try_from(self.tracks.len()).unwrap_or(u32::MAX));
        self.track_keys.insert(track.key.clone(), idx);
        self.tracks.push(track);
        idx
    }

    /// The track named `name`, created on first use with a palette colour.
    pub fn track_named(&mut self, name: &str) -> Option<TrackIdx> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let colour = palette_colour(self.tracks.len());
        Some(self.add_track(Track { key: name.to_owned(), name: name.to_owned(), colour }))
    }

    pub fn track_by_key(&self, key: &str) -> Option<TrackIdx> {
        self.track_keys.get(key).copied()
    }

    /// Adds a session. `location` is where it starts in the source file, for warnings.
    pub fn add_session(&mut self, session: Session, location: Option<Location>) {
        self.sessions.push((session, location));
    }

    pub fn warn(&mut self, message: impl Into<String>, location: Option<Location>) {
        self.warnings.push(Warning { message: message.into(), location });
    }

    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    /// Makes ids unique, sorts, assigns days and builds the indexes.
    pub fn build(self) -> Schedule {
        let Self { mut conference, rooms, tracks, sessions, mut warnings, .. } = self;
        let mut sessions = dedupe_ids(sessions, &mut warnings);

        sessions
            .sort_by(|a, b| (a.starts_at, a.room, a.ends_at(), &a.id).cmp(&(b.starts_at, b.room, b.ends_at(), &b.id)));

        let mut days: Vec<Day> = Vec::new();
        for (i, session) in sessions.iter_mut().enumerate() {
            let date = conference_date(session.starts_at, conference.day_change);
            match days.last_mut() {
                Some(day) if day.date == date => day.sessions.end = i + 1,
                _ => days.push(Day { date, sessions: i..i + 1 }),
            }
            session.day = day_idx(days.len() - 1);
        }
        if let (Some(first), Some(last)) = (days.first(), days.last()) {
            conference.start_date = conference.start_date.min(first.date);
            conference.end_date = conference.end_date.max(last.date);
        }
        if conference.start_date > conference.end_date {
            // No sessions and no dates in the file.
            conference.start_date = NaiveDate::MIN;
            conference.end_date = NaiveDate::MIN;
        }

        let mut by_room = vec![Vec::new(); rooms.len()];
        let mut by_id = BTreeMap::new();
        for (i, session) in sessions.iter().enumerate() {
            if let Some(list) = session.room.and_then(|r| by_room.get_mut(r.index())) {
                list.push(session_idx(i));
            }
            by_id.insert(session.id.clone(), session_idx(i));
        }

        let mut schedule = Schedule {
            conference,
            rooms,
            tracks,
            sessions,
            days,
            by_id,
            by_room,
            warnings,
            stats: ScheduleStats { events: 0, rooms: 0, days: 0, tracks: 0, warnings: 0 },
        };
        schedule.stats = schedule.count_stats();
        schedule
    }
}

/// Keeps every session and makes ids unique in file order: the second `x` becomes `x#2`, and so
/// on, skipping suffixes that are themselves real ids.
fn dedupe_ids(sessions: Vec<(Session, Option<Location>)>, warnings: &mut Vec<Warning>) -> Vec<Session> {
    let mut taken: BTreeSet<SessionId> = sessions.iter().map(|(s, _)| s.id.clone()).collect();
    let mut seen: BTreeMap<SessionId, u32> = BTreeMap::new();
    let mut out = Vec::with_capacity(sessions.len());
    for (mut session, location) in sessions {
        let count = seen.entry(session.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let original = session.id.clone();
            let mut n = *count;
            let renamed = loop {
                let candidate = SessionId(format!("{original}#{n}"));
                if !taken.contains(&candidate) {
                    break candidate;
                }
                n += 1;
            };
            *count = n;
            taken.insert(renamed.clone());
            warnings.push(Warning {
                message: format!("duplicate session id \"{original}\" (\"{}\"): kept as \"{renamed}\"", session.title),
                location,
            });
            session.id = renamed;
        }
        out.push(session);
    }
    out
}

#[cfg(test)]
mod tests;
