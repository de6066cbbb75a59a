//! A deterministic synthetic conference, for large test fixtures and benchmarks (`lanyard gen`).
//!
//! [`generate`] turns a seed and a few sizes into a [`Schedule`] shaped like the big real ones
//! (FOSDEM: ~900 events in ~30 rooms over 2 days; CCC: 1,000–1,400 events over 4 days). It owns a
//! small PRNG (SplitMix64) and uses no clock, no hashing with random keys and no global state, so
//! the same parameters always give the same schedule, and so the same bytes from every writer.
//!
//! The distributions, chosen to match published schedules:
//! - **Rooms** each hold about the same number of events per day, laid out back to back from a
//!   morning start (09:00–10:30) with 0–15 minute gaps and a lunch gap. Every fifth room lists its
//!   lunch and coffee breaks as events. Every tenth room (and the last) is a night room: it starts
//!   at 11:00 and ends its day with an evening social and an event after midnight (00:00–03:00),
//!   which belongs to the previous conference day under the `day_change` of 04:00.
//! - **Durations** run from 5 to 240 minutes: talks mostly 25–50 (median 40), lightning talks
//!   5–15, workshops 90–240, socials 60–180, breaks 20–60.
//! - **Kinds**: about 77 % talks, 8 % lightning talks, 7 % workshops, 4 % open spaces, plus a
//!   keynote opening each day in the first room, breaks and socials.
//! - **Speakers**: 1 speaker (70 %), 2 (22 %) or 3 (8 %) from a pool of ¾ as many people as
//!   events; one pick in ten goes to the first 5 % of the pool, so a few regulars give several
//!   talks, as in real schedules. Names include non-ASCII letters and repeat now and then.
//! - **Text**: titles from templates over real project names (some with `&`, `<`, quotes); abstracts
//!   of 1–6 paragraphs (workshops longer, breaks empty), some with bullet lists, which the frab
//!   writers turn into HTML.
//! - **Identity**: every session has a UUID, like c3voc's `guid`. About one event in 300 is a
//!   repeat of an earlier workshop or talk with the same id, as in real merged files: the builder
//!   keeps both (the second becomes `id#2`) and warns.
//!
//! The conference is in `Europe/Brussels`, starts on Saturday 2027-02-06 and has a `day_change`
//! of 04:00. Known limitation: when a room holds more events than fit between its start and
//! 03:30, the rest wrap around to the morning and overlap; the default sizes never do this.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::ids::{RoomIdx, TrackIdx};
use super::schedule::{Conference, Link, Room, Schedule, ScheduleBuilder, Session, SessionKind, Track, palette_colour};
use super::time::Zone;

/// The most days [`generate`] spreads a conference over; larger values are clamped.
pub const MAX_DAYS: u32 = 31;

/// What to generate. [`Self::new`] picks realistic room and day counts for a number of events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntheticParams {
    /// Exactly this many sessions are generated.
    pub events: usize,
    /// Rooms; 0 is taken as 1.
    pub rooms: usize,
    /// Conference days, 1 to [`MAX_DAYS`]; values outside are clamped.
    pub days: u32,
    /// Same seed, same schedule.
    pub seed: u64,
}

impl SyntheticParams {
    /// FOSDEM-like sizes for up to 1,000 events (2 days), CCC-like above (4 days), with about 15
    /// events per room and day: 900 events give 30 rooms.
    pub fn new(events: usize, seed: u64) -> Self {
        let days = if events <= 1000 { 2 } else { 4 };
        let rooms = events.div_ceil(15 * days as usize).max(1);
        Self { events, rooms, days, seed }
    }
}

/// Generates the conference. Deterministic: equal parameters give equal schedules.
pub fn generate(params: &SyntheticParams) -> Schedule {
    let params = SyntheticParams { rooms: params.rooms.max(1), days: params.days.clamp(1, MAX_DAYS), ..*params };
    Generator::new(&params).run()
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for test data.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next_u64()) * n as u128;
        usize::try_from(wide >> 64).unwrap_or(0)
    }

    /// Uniform in `low..=high`.
    fn range(&mut self, low: u32, high: u32) -> u32 {
        let span = high.saturating_sub(low) as usize + 1;
        low + u32::try_from(self.below(span)).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        items.get(self.below(items.len())).copied().unwrap_or_default()
    }

    /// One of `items`, with probability proportional to its weight.
    fn weighted<T: Copy + Default>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|&(_, w)| w).sum();
        let mut roll = self.range(0, total.saturating_sub(1));
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        T::default()
    }

    /// A random (version 4) UUID.
    fn uuid(&mut self) -> String {
        let (hi, lo) = (self.next_u64(), self.next_u64());
        let hi = (hi & !0xf000) | 0x4000;
        let lo = (lo & !(0b11 << 62)) | (0b10 << 62);
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            hi >> 32,
            (hi >> 16) & 0xffff,
            hi & 0xffff,
            lo >> 48,
            lo & 0xffff_ffff_ffff
        )
    }
}

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

struct Generator {
    rng: Rng,
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
    fn new(params: &SyntheticParams) -> Self {
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

    fn run(mut self) -> Schedule {
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
            let idx = self.builder.add_room(Room { key: name.clone(), name, capacity: Some(capacity), location });
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

    fn title(&mut self, kind: SessionKind, after_midnight: bool) -> String {
        match kind {
            SessionKind::Break => self.rng.pick(&["Lunch", "Coffee break"]).to_owned(),
            SessionKind::Social if after_midnight => self.fill_from(LATE_NIGHT),
            SessionKind::Social => self.fill_from(SOCIALS),
            SessionKind::Keynote => format!("Keynote: {}", self.fill_from(TITLES)),
            SessionKind::Tutorial => format!("Workshop: {}", self.fill_from(TITLES)),
            SessionKind::OpenSpace => self.fill_from(&["{t} BoF", "{t} community meetup", "Ask the {t} maintainers"]),
            SessionKind::Talk | SessionKind::Lightning => self.fill_from(TITLES),
        }
    }

    fn fill_from(&mut self, templates: &[&'static str]) -> String {
        let template = self.rng.pick(templates);
        self.fill(template)
    }

    /// Fills `{t}`, `{u}` (topics) and `{n}` (a noun) in a template.
    fn fill(&mut self, template: &str) -> String {
        let mut out = template.to_owned();
        for (key, list) in [("{t}", TOPICS), ("{u}", TOPICS), ("{n}", NOUNS)] {
            if out.contains(key) {
                out = out.replace(key, self.rng.pick(list));
            }
        }
        out
    }

    fn abstract_text(&mut self, kind: SessionKind) -> String {
        let paragraphs = match kind {
            SessionKind::Break => 0,
            SessionKind::Social | SessionKind::Lightning => self.rng.range(1, 2),
            SessionKind::Tutorial => self.rng.range(3, 6),
            _ => self.rng.weighted(&[(1, 5), (2, 15), (3, 30), (4, 30), (5, 20)]),
        };
        let mut text = String::new();
        for p in 0..paragraphs {
            if p > 0 {
                text.push_str("\n\n");
            }
            if p > 0 && self.rng.chance(15) {
                self.bullet_list(&mut text);
            } else {
                for s in 0..self.rng.range(3, 9) {
                    if s > 0 {
                        text.push(' ');
                    }
                    self.sentence(&mut text);
                }
            }
        }
        text
    }

    fn bullet_list(&mut self, text: &mut String) {
        for i in 0..self.rng.range(3, 5) {
            if i > 0 {
                text.push('\n');
            }
            text.push_str("• ");
            let words = self.rng.range(3, 8);
            self.words(text, words);
        }
    }

    fn sentence(&mut self, text: &mut String) {
        let start = text.len();
        let words = self.rng.range(7, 22);
        self.words(text, words);
        if let Some(first) = text.get(start..).and_then(|s| s.chars().next()) {
            let upper: String = first.to_uppercase().collect();
            text.replace_range(start..start + first.len_utf8(), &upper);
        }
        text.push(if self.rng.chance(5) { '?' } else { '.' });
    }

    fn words(&mut self, text: &mut String, count: u32) {
        let comma_at = if self.rng.chance(30) { self.rng.range(2, count.max(3) - 1) } else { u32::MAX };
        for w in 0..count {
            if w > 0 {
                text.push(' ');
            }
            let word = match self.rng.below(100) {
                0..=9 => self.rng.pick(TOPICS),
                10..=12 => self.rng.pick(SPECIAL),
                _ => self.rng.pick(WORDS),
            };
            text.push_str(word);
            if w == comma_at {
                text.push(',');
            }
        }
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

const HALLS: &[(&str, &str)] = &[
    ("Janson", "Building J"),
    ("Saal 1", "Congress Centre"),
    ("K.1.105 (La Fontaine)", "Building K"),
    ("H.2215 (Ferrer)", "Building H"),
    ("Saal GLITCH", "Congress Centre"),
    ("UB2.252A (Lameere)", "Building U"),
    ("AW1.120", "Building AW"),
    ("Saal ZIGZAG", "Congress Centre"),
    ("UD2.218A", "Building U"),
    ("Club Stage", "Hall 3"),
];

const BUILDINGS: &[&str] = &["K", "H", "UA", "UB", "UD", "AW", "J"];

const PATRONS: &[&str] = &["Rolin", "Depage", "Lameere", "Chavanne", "Ferrer", "Brüll", "Gödel", "Noether"];

const TRACKS: &[&str] = &[
    "Security",
    "Hardware & Making",
    "Ethics, Society & Politics",
    "Rust",
    "Go",
    "Embedded, Mobile and Automotive",
    "Containers",
    "Databases",
    "Free Java",
    "Web Performance",
    "Open Media",
    "Legal and Policy",
    "Science",
    "Art & Beauty",
    "Microkernels and Component-based OS",
    "Python",
    "Kernel",
    "Distributions",
    "Graphics",
    "Networking",
    "Open Hardware & CAD/CAM",
    "Community",
    "Testing and Automation",
    "Energy",
    "Geospatial",
    "Retrocomputing",
    "LLVM",
    "Collaboration and Content Management",
    "Translations",
    "Entertainment",
];

const TOPICS: &[&str] = &[
    "Rust",
    "Linux",
    "Kubernetes",
    "WebAssembly",
    "PostgreSQL",
    "LLVM",
    "GNOME",
    "KDE",
    "Debian",
    "NixOS",
    "RISC-V",
    "OpenStreetMap",
    "Matrix",
    "Python",
    "Go",
    "C++",
    "eBPF",
    "Wayland",
    "Mesa",
    "FreeBSD",
    "Firefox",
    "LibreOffice",
    "Jupyter",
    "Tor",
    "GnuPG",
    "SQLite",
    "Zig",
    "Haskell",
    "OCaml",
    "Erlang",
    "Julia",
    "Fortran",
    "systemd",
    "GStreamer",
    "FFmpeg",
    "Blender",
    "KiCad",
    "Zephyr",
    "coreboot",
    "QEMU",
    "Ceph",
    "OpenZFS",
    "Nextcloud",
    "Mastodon",
    "Jitsi",
    "AT&T",
    "Guix",
    "Kotlin",
];

const NOUNS: &[&str] = &[
    "schedulers",
    "memory allocators",
    "build systems",
    "package managers",
    "compilers",
    "file systems",
    "protocols",
    "drivers",
    "text editors",
    "type systems",
    "CI pipelines",
    "accessibility",
    "maps",
    "fonts",
    "bootloaders",
];

const TITLES: &[&str] = &[
    "{t}: the good, the bad and the ugly",
    "What's new in {t}",
    "Scaling {t} to a million users",
    "{t} on {u}",
    "Lessons from ten years of {t}",
    "Fuzzing {t} for fun & profit",
    "Porting {t} to {u}",
    "Why {t} is <finally> fast",
    "A gentle introduction to {t}",
    "{t} internals: a deep dive into {n}",
    "Securing the {t} supply chain",
    "\"It works on my machine\": {t} in practice",
    "Debugging {t} at scale",
    "Building {n} with {t}",
    "The state of {t} in 2027",
    "Reproducible builds for {t}",
    "{t} für Einsteiger",
    "Zero-copy {n} in {t}",
    "How we replaced {u} with {t}",
    "Rethinking {n}",
    "{n} without tears",
    "Writing {n} in {t}",
    "Formal verification of {n}",
    "Energy-efficient {n} on {t}",
    "Making {t} accessible to everyone",
];

const SUBTITLES: &[&str] = &[
    "How {n} work under the hood",
    "From prototype to production",
    "A case study from the {t} community",
    "Lessons learned the hard way",
    "And what comes next",
    "Ten things we wish we had known",
    "An experience report",
];

const SOCIALS: &[&str] =
    &["{t} community dinner", "Evening concert", "Pub quiz: {n}", "Hackers' social", "{t} party", "Board game night"];

const LATE_NIGHT: &[&str] =
    &["Late-night DJ set", "Midnight hacking session", "After-party", "Night owls' {t} meetup", "Chiptune concert"];

const FIRST_NAMES: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hiroshi", "Ines", "Jonas", "Kai", "Lena", "Mateo",
    "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Søren", "Tomasz", "Ute", "Vikram", "Wen", "Xavier", "Yuki", "Zoë",
    "Łukasz", "José", "Ayşe", "Björn", "Chiara", "Duc", "Emeka", "Fatima", "Gérard", "Hanna", "Ivan", "Jana", "Kofi",
    "Leila",
];

const LAST_NAMES: &[&str] = &[
    "Müller",
    "Nguyễn",
    "Okafor",
    "Peeters",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Van den Berg",
    "Wójcik",
    "Yılmaz",
    "Andersson",
    "Bianchi",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fernández",
    "García",
    "Horvat",
    "Ivanova",
    "Janssens",
    "Kowalski",
    "Larsen",
    "Martin",
    "Novak",
    "O'Brien",
    "Papadopoulos",
    "Quispe",
    "Richter",
    "Sato",
    "Thompson",
];

const SPECIAL: &[&str] =
    &["C++", "AT&T", "<stdio.h>", "\"zero-trust\"", "O'Reilly", "naïve", "Zürich", "façade", "→", "≥ 99.9 %", "a < b"];

const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "we",
    "this",
    "talk",
    "will",
    "show",
    "how",
    "our",
    "project",
    "community",
    "developers",
    "users",
    "code",
    "system",
    "kernel",
    "memory",
    "performance",
    "security",
    "design",
    "open",
    "source",
    "free",
    "software",
    "hardware",
    "data",
    "network",
    "build",
    "release",
    "upstream",
    "downstream",
    "maintainers",
    "contributors",
    "years",
    "experience",
    "approach",
    "problem",
    "solution",
    "tools",
    "library",
    "framework",
    "runtime",
    "compiler",
    "interface",
    "protocol",
    "standard",
    "implementation",
    "testing",
    "continuous",
    "integration",
    "deployment",
    "migration",
    "legacy",
    "modern",
    "fast",
    "safe",
    "simple",
    "complex",
    "scalable",
    "reliable",
    "distributed",
    "embedded",
    "mobile",
    "cloud",
    "local-first",
    "privacy",
    "encryption",
    "latency",
    "throughput",
    "benchmarks",
    "results",
    "lessons",
    "learned",
    "future",
    "roadmap",
    "why",
    "what",
    "when",
    "after",
    "before",
    "between",
    "across",
    "without",
    "every",
    "many",
    "some",
    "new",
    "old",
    "first",
    "second",
    "finally",
    "also",
    "then",
    "because",
    "while",
    "explain",
    "discuss",
    "present",
    "demonstrate",
    "explore",
    "compare",
    "measure",
    "improve",
    "replace",
    "ship",
    "debug",
    "profile",
    "packaging",
    "documentation",
    "accessibility",
    "governance",
    "funding",
    "volunteers",
    "students",
    "researchers",
    "companies",
    "foundations",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::conference_date;

    fn fosdem() -> Schedule {
        generate(&SyntheticParams::new(900, 7))
    }

    #[test]
    fn exactly_the_requested_number_of_events() {
        for events in [0, 1, 5, 29, 30, 31, 299, 900, 2000] {
            let schedule = generate(&SyntheticParams::new(events, 3));
            assert_eq!(schedule.sessions().len(), events, "{events} events");
        }
        let odd = generate(&SyntheticParams { events: 77, rooms: 1, days: 5, seed: 1 });
        assert_eq!(odd.sessions().len(), 77);
        let clamped = generate(&SyntheticParams { events: 10, rooms: 0, days: 0, seed: 1 });
        assert_eq!(clamped.sessions().len(), 10);
    }

    #[test]
    fn fosdem_size_defaults() {
        let params = SyntheticParams::new(900, 1);
        assert_eq!((params.rooms, params.days), (30, 2));
        let schedule = fosdem();
        let stats = schedule.stats();
        assert_eq!((stats.events, stats.rooms, stats.days), (900, 30, 2));
        assert!(stats.tracks >= 15, "{stats:?}");
        assert_eq!(SyntheticParams::new(1200, 1).days, 4);
    }

    #[test]
    fn deterministic_per_seed() {
        let (a, b) = (fosdem(), fosdem());
        assert_eq!(a.sessions(), b.sessions());
        assert_eq!(a.rooms(), b.rooms());
        assert_eq!(a.conference(), b.conference());
        let c = generate(&SyntheticParams::new(900, 8));
        assert_ne!(a.sessions(), c.sessions());
    }

    #[test]
    fn durations_are_realistic() {
        let schedule = fosdem();
        let mut durations: Vec<u32> = schedule.sessions().iter().map(|s| s.duration_mins).collect();
        durations.sort_unstable();
        assert!(durations.iter().all(|d| (5..=240).contains(d)), "{:?}", (durations.first(), durations.last()));
        let median = durations.get(durations.len() / 2).copied().unwrap_or(0);
        assert!((25..=50).contains(&median), "median {median}");
        let typical = durations.iter().filter(|d| (25..=50).contains(*d)).count();
        assert!(typical * 2 > durations.len(), "most are 25–50 minutes: {typical}");
        assert!(durations.iter().any(|&d| d <= 15) && durations.iter().any(|&d| d >= 120));
    }

    #[test]
    fn kinds_speakers_and_text_look_real() {
        let schedule = fosdem();
        let sessions = schedule.sessions();
        for kind in SessionKind::ALL {
            assert!(sessions.iter().any(|s| s.kind == kind), "no {kind:?}");
        }
        let talks: Vec<&Session> = sessions.iter().filter(|s| s.kind == SessionKind::Talk).collect();
        assert!(talks.len() * 10 > sessions.len() * 6, "mostly talks");
        assert!(talks.iter().all(|s| (1..=3).contains(&s.speakers.len())));
        let mut per_speaker = std::collections::BTreeMap::<&str, usize>::new();
        for name in sessions.iter().flat_map(|s| &s.speakers) {
            *per_speaker.entry(name).or_default() += 1;
        }
        assert!(per_speaker.values().any(|&n| n >= 4), "some people give several talks");
        let mean = talks.iter().map(|s| s.abstract_text.len()).sum::<usize>() / talks.len();
        assert!((1000..=3000).contains(&mean), "mean abstract {mean} bytes");
        assert!(sessions.iter().any(|s| s.abstract_text.contains("\n• ")), "some bullet lists");
        assert!(sessions.iter().any(|s| s.title.contains('&') || s.abstract_text.contains('<')));
        assert!(sessions.iter().all(|s| s.links.last().is_none_or(|l| l.title == "Event page")));
    }

    #[test]
    fn after_midnight_events_belong_to_the_previous_day() {
        let schedule = fosdem();
        let day_change = schedule.conference().day_change;
        assert_eq!(day_change, NaiveTime::from_hms_opt(4, 0, 0).unwrap());
        let late: Vec<&Session> = schedule.sessions().iter().filter(|s| s.starts_at.time() < day_change).collect();
        assert!(late.len() >= 4, "{} after-midnight events", late.len());
        for session in late {
            let day = schedule.day(session.day).unwrap();
            assert_eq!(day.date, session.starts_at.date().pred_opt().unwrap());
            assert_eq!(conference_date(session.starts_at, day_change), day.date);
        }
    }

    #[test]
    fn a_few_repeats_like_merged_files() {
        let schedule = fosdem();
        let repeats = schedule.sessions().iter().filter(|s| s.id.as_str().contains('#')).count();
        assert!((1..=3).contains(&repeats), "{repeats}");
        assert_eq!(schedule.warnings().len(), repeats);
        let repeat = schedule.sessions().iter().find(|s| s.id.as_str().ends_with("#2")).unwrap();
        let original = schedule.session_by_id(&repeat.id.as_str().trim_end_matches("#2").into()).unwrap();
        assert_eq!((&original.title, &original.speakers), (&repeat.title, &repeat.speakers));
        assert_ne!(original.starts_at, repeat.starts_at);
    }

    #[test]
    fn ids_are_uuids_and_rooms_distinct() {
        let schedule = generate(&SyntheticParams { events: 3000, rooms: 200, days: 3, seed: 5 });
        let names: std::collections::BTreeSet<&str> = schedule.rooms().iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), 200);
        for session in schedule.sessions() {
            let id = session.id.as_str().split('#').next().unwrap();
            let groups: Vec<usize> = id.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
            assert_eq!(id.chars().nth(14), Some('4'));
        }
    }
}
