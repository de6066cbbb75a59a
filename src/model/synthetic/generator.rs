//! The synthetic conference's [`Generator`]: tracks, rooms (named by `room_name`), a speaker pool,
//! and each room's sessions day by day, with breaks, socials, after-midnight events and a few
//! repeats. Titles and abstracts come from `text`; all randomness from one [`Rng`].

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::SyntheticParams;
use super::rng::Rng;
use super::words::{BUILDINGS, FIRST_NAMES, HALLS, LAST_NAMES, PATRONS, SUBTITLES, TOPICS, TRACKS};
use crate::model::ids::{RoomIdx, TrackIdx};
use crate::model::schedule::{
    Conference, Link, Room, Schedule, ScheduleBuilder, Session, SessionKind, Track, palette_colour,
};
use crate::model::time::Zone;

/// One room and how its days run.
#[derive(Clone, Debug)]
struct RoomPlan {
    idx: RoomIdx,
    /// Ends its days with an evening social and an event after midnight.
    is_night: bool,
    /// Lists lunch and coffee breaks as events.
    lists_breaks: bool,
    home_track: Option<TrackIdx>,
}

pub(super) struct Generator {
    pub(super) rng: Rng,
    params: SyntheticParams,
    builder: ScheduleBuilder,
    rooms: Vec<RoomPlan>,
    tracks: Vec<TrackIdx>,
    speakers: Vec<String>,
    sessions: Vec<Session>,
    acronym: String,
}

const START_DATE: (i32, u32, u32) = (2027, 2, 6);

fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
}

fn minutes(n: u32) -> Duration {
    Duration::minutes(i64::from(n))
}

impl Generator {
    pub(super) fn new(params: &SyntheticParams) -> Self {
        let acronym = format!("synth{}", params.seed);
        let mut conference = Conference::named(acronym.clone(), format!("Synthetic Conference {}", params.seed));
        conference.acronym = Some(acronym.clone());
        conference.zone = Zone::from_iana("Europe/Brussels").unwrap_or_default();
        conference.day_change = NaiveTime::from_hms_opt(4, 0, 0).unwrap_or(NaiveTime::MIN);
        conference.venue = Some("Synthetic Campus, Brussels".to_owned());
        conference.url = Some(format!("https://{acronym}.example.org/2027"));
        conference.version = Some(format!("synthetic-1 (seed {}, {} events)", params.seed, params.events));
        let start = NaiveDate::from_ymd_opt(START_DATE.0, START_DATE.1, START_DATE.2).unwrap_or(NaiveDate::MIN);
        conference.start_date = start;
        conference.end_date = start + Duration::days(i64::from(params.days) - 1);
        Self {
            rng: Rng::new(params.seed),
            params: *params,
            builder: ScheduleBuilder::new(conference),
            rooms: Vec::new(),
            tracks: Vec::new(),
            speakers: Vec::new(),
            sessions: Vec::with_capacity(params.events),
            acronym,
        }
    }

    pub(super) fn run(mut self) -> Schedule {
        self.add_tracks();
        self.add_rooms();
        self.add_speakers();
        let (days, rooms) = (self.params.days as usize, self.rooms.len());
        let slots = days * rooms;
        let (base, extra) = (self.params.events / slots, self.params.events % slots);
        let start = self.builder.conference_mut().start_date;
        for day in 0..days {
            let date = start + Duration::days(i64::try_from(day).unwrap_or(0));
            for room in 0..rooms {
                let count = base + usize::from(day * rooms + room < extra);
                self.room_day(date, room, count);
            }
        }
        self.add_repeats();
        let Self { mut builder, sessions, .. } = self;
        for session in sessions {
            builder.add_session(session, None);
        }
        builder.build()
    }

    fn add_tracks(&mut self) {
        let count = (self.params.rooms * 2 / 3).clamp(3, 120);
        for i in 0..count {
            let base = TRACKS.get(i % TRACKS.len()).copied().unwrap_or("Misc");
            let name = match i / TRACKS.len() {
                0 => base.to_owned(),
                round => format!("{base} ({})", round + 1),
            };
            let idx = self.builder.add_track(Track { key: name.clone(), name, colour: palette_colour(i) });
            self.tracks.push(idx);
        }
    }

    fn add_rooms(&mut self) {
        let count = self.params.rooms;
        for i in 0..count {
            let (name, location) = room_name(i);
            let capacity = if i < 3 { self.rng.range(800, 1500) } else { self.rng.range(5, 40) * 10 };
            let idx =
                self.builder.add_room(Room { key: name.as_str().into(), name, capacity: Some(capacity), location });
            self.rooms.push(RoomPlan {
                idx,
                is_night: i % 10 == 9 || i + 1 == count,
                lists_breaks: i.is_multiple_of(5),
                home_track: self.tracks.get(i % self.tracks.len().max(1)).copied(),
            });
        }
    }

    fn add_speakers(&mut self) {
        let pool = (self.params.events * 3 / 4).max(10);
        self.speakers = (0..pool)
            .map(|_| {
                let first = self.rng.pick(FIRST_NAMES);
                let last = self.rng.pick(LAST_NAMES);
                if self.rng.chance(50) {
                    let initial = char::from(b'A' + u8::try_from(self.rng.below(26)).unwrap_or(0));
                    format!("{first} {initial}. {last}")
                } else {
                    format!("{first} {last}")
                }
            })
            .collect();
    }

    /// Lays out `count` sessions in one room on one conference day.
    fn room_day(&mut self, date: NaiveDate, room: usize, count: usize) {
        let Some(plan) = self.rooms.get(room).cloned() else { return };
        let day_start =
            if plan.is_night { at(date, 11, 0) } else { at(date, 9, 0) + minutes(self.rng.range(0, 3) * 30) };
        let last_start = if plan.is_night { at(date, 23, 59) + minutes(210) } else { at(date, 22, 0) };
        let mut cursor = day_start;
        let (mut had_lunch, mut had_coffee, mut wraps) = (false, false, 0);
        for k in 0..count {
            let left = count - k;
            let (kind, mut starts_at, duration) = if plan.is_night && left == 1 && count >= 2 {
                let after_midnight = at(date, 23, 59) + minutes(1 + self.rng.range(0, 10) * 15);
                (SessionKind::Social, cursor.max(after_midnight).min(at(date, 23, 59) + minutes(181)), 0)
            } else if plan.is_night && left == 2 && count >= 3 {
                (SessionKind::Social, cursor.max(at(date, 20, self.rng.range(0, 3) * 15)), 0)
            } else if room == 0 && k == 0 {
                (SessionKind::Keynote, cursor, 0)
            } else if !had_lunch && cursor >= at(date, 12, 15) {
                had_lunch = true;
                if !plan.lists_breaks {
                    cursor += minutes(60);
                }
                (if plan.lists_breaks { SessionKind::Break } else { self.kind() }, cursor, 60)
            } else if plan.lists_breaks && !had_coffee && cursor >= at(date, 15, 30) {
                had_coffee = true;
                (SessionKind::Break, cursor, self.rng.range(2, 3) * 10)
            } else {
                (self.kind(), cursor, 0)
            };
            let duration = if duration > 0 && kind == SessionKind::Break { duration } else { self.duration(kind) };
            if starts_at + minutes(duration) > last_start + minutes(240) || starts_at > last_start {
                // Full: wrap to the morning rather than spill into the next conference day.
                wraps += 1;
                starts_at = day_start + minutes(5 * (wraps % 24));
            }
            let session = self.session(kind, date, starts_at, duration, &plan);
            self.sessions.push(session);
            cursor = starts_at + minutes(duration + self.rng.pick(&[0, 0, 5, 5, 10, 15]));
        }
    }

    fn kind(&mut self) -> SessionKind {
        match self.rng.weighted(&[(0, 81), (1, 8), (2, 7), (3, 4)]) {
            1 => SessionKind::Lightning,
            2 => SessionKind::Tutorial,
            3 => SessionKind::OpenSpace,
            _ => SessionKind::Talk,
        }
    }

    fn duration(&mut self, kind: SessionKind) -> u32 {
        match kind {
            SessionKind::Talk => {
                self.rng.weighted(&[(20, 5), (25, 20), (30, 20), (40, 20), (45, 10), (50, 15), (55, 3), (60, 7)])
            }
            SessionKind::Keynote => self.rng.pick(&[45, 50, 60]),
            SessionKind::Lightning => self.rng.pick(&[5, 5, 10, 15]),
            SessionKind::Tutorial => self.rng.range(6, 16) * 15,
            SessionKind::OpenSpace => self.rng.pick(&[30, 45, 60]),
            SessionKind::Social => self.rng.range(2, 6) * 30,
            SessionKind::Break => self.rng.pick(&[20, 30, 60]),
        }
    }

    fn session(
        &mut self,
        kind: SessionKind,
        date: NaiveDate,
        starts_at: NaiveDateTime,
        duration: u32,
        plan: &RoomPlan,
    ) -> Session {
        let title = self.title(kind, starts_at.date() > date);
        let mut session = Session::new(self.rng.uuid(), title, starts_at, duration);
        session.kind = kind;
        session.room = Some(plan.idx);
        if kind == SessionKind::Break {
            return session;
        }
        session.track = if self.rng.chance(80) {
            plan.home_track
        } else {
            self.tracks.get(self.rng.below(self.tracks.len())).copied()
        };
        if self.rng.chance(30) {
            session.subtitle = self.fill_from(SUBTITLES);
        }
        session.speakers = self.speakers_for(kind);
        session.abstract_text = self.abstract_text(kind);
        if let Some((cut, _)) = self.params.abstract_chars.and_then(|n| session.abstract_text.char_indices().nth(n)) {
            session.abstract_text.truncate(cut);
        }
        session.language = Some(self.rng.weighted(&[("en", 85), ("de", 10), ("fr", 3), ("nl", 2)]).to_owned());
        session.tags = (0..self.rng.range(0, 2)).map(|_| self.rng.pick(TOPICS).to_lowercase()).collect();
        session.is_recorded = kind != SessionKind::Social && self.rng.chance(70);
        session.is_captioned = session.is_recorded && self.rng.chance(10);
        session.links = self.links(&session);
        session
    }

    fn speakers_for(&mut self, kind: SessionKind) -> Vec<String> {
        let count = match kind {
            SessionKind::Social => self.rng.range(0, 1),
            _ => self.rng.weighted(&[(1, 70), (2, 22), (3, 8)]),
        };
        let regulars = (self.speakers.len() / 20).max(1);
        let mut names: Vec<String> = Vec::with_capacity(count as usize);
        for _ in 0..count {
            // One pick in ten goes to the regulars at the start of the pool: a few people give
            // several talks, most give one.
            let range = if self.rng.chance(10) { regulars } else { self.speakers.len() };
            let Some(name) = self.speakers.get(self.rng.below(range)) else { continue };
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }

    fn links(&mut self, session: &Session) -> Vec<Link> {
        let serial = self.sessions.len() + 1;
        let acronym = &self.acronym;
        let mut links = Vec::new();
        if self.rng.chance(30) {
            links.push(Link {
                title: "Slides".to_owned(),
                url: format!("https://{acronym}.example.org/slides/{serial}.pdf"),
            });
        }
        if session.is_recorded && self.rng.chance(50) {
            links.push(Link {
                title: "Video".to_owned(),
                url: format!("https://video.example.org/{acronym}/{serial}.webm"),
            });
        }
        if self.rng.chance(15) {
            let project = self.rng.pick(TOPICS).to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "");
            links.push(Link {
                title: "Code".to_owned(),
                url: format!("https://git.example.org/{project}/{project}-{serial}"),
            });
        }
        // The event page last: it is what frab writes as `url`, which importers add after `links`.
        let page = format!("https://{acronym}.example.org/2027/schedule/event/{serial}/");
        links.push(Link { title: "Event page".to_owned(), url: page });
        links
    }

    /// Makes a few later sessions repeats of earlier ones (same id, title, speakers and text at
    /// another time), as real merged files have.
    fn add_repeats(&mut self) {
        let total = self.sessions.len();
        if total < 30 {
            return;
        }
        for _ in 0..(total / 300).max(1) {
            let target = total / 2 + self.rng.below(total - total / 2);
            let source = self.rng.below(total / 2);
            let Some(original) = self.sessions.get(source).cloned() else { continue };
            if !matches!(original.kind, SessionKind::Talk | SessionKind::Tutorial) {
                continue;
            }
            if let Some(repeat) = self.sessions.get_mut(target) {
                let (starts_at, room, duration) = (repeat.starts_at, repeat.room, repeat.duration_mins);
                *repeat = Session { starts_at, room, duration_mins: duration, ..original };
            }
        }
    }
}

/// Room `i`'s name and building: named halls first, then numbered rooms, all distinct.
fn room_name(i: usize) -> (String, Option<String>) {
    if let Some(&(name, building)) = HALLS.get(i) {
        return (name.to_owned(), Some(building.to_owned()));
    }
    let n = i - HALLS.len();
    let building = BUILDINGS.get(n % BUILDINGS.len()).copied().unwrap_or("K");
    let rest = n / BUILDINGS.len();
    let (floor, number) = (rest % 5 + 1, 101 + rest / 5);
    let name = match PATRONS.get(n / 3 % PATRONS.len()) {
        Some(patron) if n.is_multiple_of(3) => format!("{building}.{floor}.{number} ({patron})"),
        _ => format!("{building}.{floor}.{number}"),
    };
    (name, Some(format!("Building {building}")))
}
