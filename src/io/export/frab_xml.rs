//! Pentabarf / frab / c3voc `schedule.xml` export of any [`Schedule`], plus the frab shape it
//! shares with the `schedule.json` writer ([`super::frab_json`]): days → rooms → events, with the
//! numeric ids, guids, slugs, persons and HTML text that real frab files carry.
//!
//! What the output promises:
//! - **The shape of real files** (`schedule.xml.xsd`): `<schedule><generator/><version/>
//!   <conference>…</conference><day index date start end><room name guid><event id guid>` with
//!   `date`, `start`, `duration`, `room`, `slug`, `url`, `title`, `subtitle`, `track`, `type`,
//!   `language`, `abstract`, `description`, `recording`, `persons`, `links`, `attachments`.
//!   Every room is listed on every day, empty or not, as frab does.
//! - **Times.** `date` is the ISO 8601 instant with the zone's offset when the conference zone is
//!   named (a wall-clock time in a skipped hour moves forward, one in a repeated hour takes the
//!   first occurrence, as everywhere in lanyard); a floating conference gets no `date`, only
//!   `start` under its `<day>`, as old FOSDEM files. Events before `day_change` (after midnight)
//!   stay under the conference day they belong to, with `start` earlier than the day change.
//! - **Identity.** A session id that is a UUID is the `guid`; any other id gets a guid derived
//!   from it and the conference id (stable, UUID version 8). A numeric id is the `id`; others get
//!   numbers after the largest numeric id, in schedule order. The builder's duplicate suffix
//!   (`x#2`) is taken off again, so a merged file's repeated event comes back with the same
//!   `id` and `guid` as its original, and re-importing renames it the same way.
//! - **Text.** The first paragraph of the abstract is the `abstract` (plain text unless it holds
//!   `<`, `&` or line breaks, then HTML); the other paragraphs are the `description` as HTML
//!   (`<p>`, `<br/>`, and `<ul><li>` for `• ` lists), which importers turn back into the same
//!   text. Everything is escaped for XML; characters XML 1.0 cannot hold are dropped.
//! - **Determinism.** No clock, no randomness: the same schedule gives the same bytes.
//!
//! Known limitations: tags, captions, room capacities and the venue have no place in the format
//! and are not written; rooms that share a name are merged; a link titled `Event page` becomes the
//! event's `url` and not a `<link>`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::io::import::common::slug;
use crate::model::time::resolve_local;
use crate::model::{Link, Schedule, Session, SessionKind, Zone};

/// The title of the link that frab files carry as an event's `url`.
pub const EVENT_PAGE: &str = "Event page";

/// Renders `schedule` as a frab `schedule.xml`.
pub fn schedule_to_frab_xml(schedule: &Schedule) -> String {
    let layout = FrabLayout::new(schedule);
    let mut out = String::with_capacity(1024 + schedule.sessions().len() * 3200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
    writeln!(out, "  <generator name=\"lanyard\" version=\"{}\"/>", env!("CARGO_PKG_VERSION")).ok();
    element(&mut out, 2, "version", schedule.conference().version.as_deref().unwrap_or(""));
    conference_xml(&mut out, &layout);
    for day in &layout.days {
        writeln!(
            out,
            "  <day index=\"{}\" date=\"{}\" start=\"{}\" end=\"{}\">",
            day.index, day.date, day.start, day.end
        )
        .ok();
        for room in &day.rooms {
            out.push_str("    <room name=\"");
            escape_into(&mut out, room.name, true);
            write!(out, "\" guid=\"{}\"", room.guid).ok();
            if room.sessions.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            for session in &room.sessions {
                event_xml(&mut out, &layout.event(session));
            }
            out.push_str("    </room>\n");
        }
        out.push_str("  </day>\n");
    }
    out.push_str("</schedule>\n");
    out
}

fn conference_xml(out: &mut String, layout: &FrabLayout<'_>) {
    let conference = layout.schedule.conference();
    out.push_str("  <conference>\n");
    element(out, 4, "acronym", &layout.acronym);
    element(out, 4, "title", &conference.name);
    if let Some((start, end)) = layout.dates {
        element(out, 4, "start", &start.to_string());
        element(out, 4, "end", &end.to_string());
        element(out, 4, "days", &((end - start).num_days() + 1).to_string());
    }
    element(out, 4, "day_change", &conference.day_change.format("%H:%M:%S").to_string());
    element(out, 4, "timeslot_duration", "00:05");
    if let Some(url) = &conference.url {
        element(out, 4, "base_url", url);
    }
    if let Some(zone) = conference.zone.name() {
        element(out, 4, "time_zone_name", zone);
    }
    for track in layout.schedule.tracks() {
        out.push_str("    <track name=\"");
        escape_into(out, &track.name, true);
        writeln!(out, "\" color=\"{}\"/>", track.colour.to_hex()).ok();
    }
    out.push_str("  </conference>\n");
}

fn event_xml(out: &mut String, event: &FrabEvent<'_>) {
    writeln!(out, "      <event id=\"{}\" guid=\"{}\">", event.id, event.guid).ok();
    if event.date_has_offset {
        element(out, 8, "date", &event.date);
    }
    element(out, 8, "start", &event.start);
    element(out, 8, "duration", &event.duration);
    element(out, 8, "room", event.room);
    element(out, 8, "slug", &event.slug);
    if let Some(url) = event.url {
        element(out, 8, "url", url);
    }
    element(out, 8, "title", event.title);
    element(out, 8, "subtitle", event.subtitle);
    element(out, 8, "track", event.track);
    element(out, 8, "type", event.kind);
    element(out, 8, "language", event.language);
    element(out, 8, "abstract", &event.abstract_html);
    element(out, 8, "description", &event.description_html);
    writeln!(
        out,
        "        <recording>\n          <license>{}</license>\n          <optout>{}</optout>\n        </recording>",
        event.recording_license, !event.is_recorded
    )
    .ok();
    if event.persons.is_empty() {
        out.push_str("        <persons/>\n");
    } else {
        out.push_str("        <persons>\n");
        for &(id, name) in &event.persons {
            write!(out, "          <person id=\"{id}\">").ok();
            escape_into(out, name, false);
            out.push_str("</person>\n");
        }
        out.push_str("        </persons>\n");
    }
    if event.links.is_empty() {
        out.push_str("        <links/>\n");
    } else {
        out.push_str("        <links>\n");
        for link in &event.links {
            out.push_str("          <link href=\"");
            escape_into(out, &link.url, true);
            out.push_str("\">");
            escape_into(out, &link.title, false);
            out.push_str("</link>\n");
        }
        out.push_str("        </links>\n");
    }
    out.push_str("        <attachments/>\n      </event>\n");
}

/// `<name>text</name>` on its own line, indented, text escaped; `<name/>` when empty.
fn element(out: &mut String, indent: usize, name: &str, text: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    if text.is_empty() {
        writeln!(out, "<{name}/>").ok();
        return;
    }
    write!(out, "<{name}>").ok();
    escape_into(out, text, false);
    writeln!(out, "</{name}>").ok();
}

/// Appends `text` escaped for XML character data, or for a double-quoted attribute when
/// `is_attribute`. Characters XML 1.0 cannot hold (most ASCII controls, U+FFFE, U+FFFF) are
/// dropped; carriage returns, and in attributes tabs and line feeds, are written as character
/// references so parsers do not normalise them away.
pub fn escape_into(out: &mut String, text: &str, is_attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if is_attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if is_attribute => out.push_str("&#10;"),
            '\t' if is_attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
}

/// Text escaped for HTML (`&`, `<`, `>`), before it is escaped again for XML or JSON.
fn escape_html_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// One paragraph of plain text as HTML: a `<ul>` when every line is a `• ` item, else a `<p>`
/// with `<br/>` between lines.
fn paragraph_html(out: &mut String, paragraph: &str) {
    let lines: Vec<&str> = paragraph.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if !lines.is_empty() && lines.iter().all(|l| l.starts_with('•')) {
        out.push_str("<ul>");
        for line in lines {
            out.push_str("<li>");
            escape_html_into(out, line.trim_start_matches('•').trim_start());
            out.push_str("</li>");
        }
        out.push_str("</ul>");
        return;
    }
    out.push_str("<p>");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("<br/>");
        }
        escape_html_into(out, line);
    }
    out.push_str("</p>");
}

/// The abstract (first paragraph) and the description (the rest) as frab writes them.
fn split_abstract(text: &str) -> (String, String) {
    let mut paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let summary = match paragraphs.next() {
        Some(first) if first.contains(['<', '&', '\n']) || first.starts_with('•') => {
            let mut html = String::with_capacity(first.len() + 16);
            paragraph_html(&mut html, first);
            html
        }
        Some(first) => first.to_owned(),
        None => String::new(),
    };
    let mut description = String::new();
    for (i, paragraph) in paragraphs.enumerate() {
        if i > 0 {
            description.push('\n');
        }
        paragraph_html(&mut description, paragraph);
    }
    (summary, description)
}

/// frab's `type` for a session kind; importers guess the same kind back from it.
pub fn frab_type(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Talk => "lecture",
        SessionKind::Keynote => "keynote",
        SessionKind::Tutorial => "workshop",
        SessionKind::Lightning => "lightning_talk",
        SessionKind::Break => "break",
        SessionKind::Social => "social",
        SessionKind::OpenSpace => "meetup",
    }
}

/// A session id without the builder's duplicate suffix: `x#2` → `x`.
fn base_id(id: &str) -> &str {
    match id.rsplit_once('#') {
        Some((base, n)) if !base.is_empty() && n.parse::<u32>().is_ok_and(|n| n >= 2) => base,
        _ => id,
    }
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// FNV-1a 64 of the parts, separated so `("ab", "c")` and `("a", "bc")` differ.
fn fnv1a(parts: &[&str], seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for part in parts {
        for b in part.bytes().chain([0x1f]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// A stable UUID (version 8, RFC 9562 "custom") derived from `parts`.
pub fn derived_uuid(parts: &[&str]) -> String {
    let hi = (fnv1a(parts, 0) & !0xf000) | 0x8000;
    let lo = (fnv1a(parts, 0x9e37_79b9_7f4a_7c15) & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

/// `YYYY-MM-DDTHH:MM:SS±HH:MM` in a named zone; `YYYY-MM-DDTHH:MM:SS` (and `false`) when floating.
pub fn frab_datetime(zone: Zone, local: NaiveDateTime) -> (String, bool) {
    match zone.tz() {
        Some(tz) => (resolve_local(tz, local).format("%Y-%m-%dT%H:%M:%S%:z").to_string(), true),
        None => (local.format("%Y-%m-%dT%H:%M:%S").to_string(), false),
    }
}

/// Minutes as frab's `HH:MM` (hours may exceed 24).
fn hours_minutes(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A schedule arranged the way frab files are: conference days, each listing every room.
pub(super) struct FrabLayout<'a> {
    pub schedule: &'a Schedule,
    pub acronym: String,
    /// First and last conference day, if the schedule has dates.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    pub days: Vec<FrabDay<'a>>,
    /// Room names with their guids, in schedule order; rooms that share a name are one.
    pub rooms: Vec<(&'a str, String)>,
    /// Person ids by name, numbered in order of first appearance.
    persons: BTreeMap<&'a str, u32>,
    /// Numeric event ids by base session id.
    ids: BTreeMap<&'a str, u64>,
}

/// One conference day: its 1-based index, date, start and end (`day_change` to `day_change`).
pub(super) struct FrabDay<'a> {
    pub index: usize,
    pub date: NaiveDate,
    pub start: String,
    pub end: String,
    pub rooms: Vec<FrabRoom<'a>>,
}

/// One room on one day, with its sessions in start order. Sessions without a room are listed
/// under a room with an empty name.
pub(super) struct FrabRoom<'a> {
    pub name: &'a str,
    pub guid: String,
    pub sessions: Vec<&'a Session>,
}

/// One session with everything frab writes for it.
pub(super) struct FrabEvent<'a> {
    pub id: u64,
    pub guid: String,
    /// See [`frab_datetime`].
    pub date: String,
    pub date_has_offset: bool,
    /// Wall-clock `HH:MM`.
    pub start: String,
    pub duration: String,
    pub room: &'a str,
    pub slug: String,
    pub url: Option<&'a str>,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub track: &'a str,
    pub kind: &'static str,
    pub language: &'a str,
    pub abstract_html: String,
    pub description_html: String,
    pub is_recorded: bool,
    pub recording_license: &'static str,
    pub persons: Vec<(u32, &'a str)>,
    /// Every link but the event page.
    pub links: Vec<&'a Link>,
}

impl<'a> FrabLayout<'a> {
    pub fn new(schedule: &'a Schedule) -> Self {
        let conference = schedule.conference();
        let acronym = conference.acronym.clone().unwrap_or_else(|| slug(conference.id.as_str()));
        let dates = (conference.start_date <= conference.end_date && conference.start_date != NaiveDate::MIN)
            .then_some((conference.start_date, conference.end_date));
        let mut rooms: Vec<(&str, String)> = Vec::new();
        let mut seen = BTreeSet::new();
        for room in schedule.rooms() {
            if seen.insert(room.name.as_str()) {
                rooms.push((&room.name, derived_uuid(&[conference.id.as_str(), "room", &room.name])));
            }
        }
        if schedule.sessions().iter().any(|s| s.room.is_none()) && seen.insert("") {
            rooms.push(("", derived_uuid(&[conference.id.as_str(), "room", ""])));
        }
        let mut persons = BTreeMap::new();
        for name in schedule.sessions().iter().flat_map(|s| &s.speakers) {
            let next = u32::try_from(persons.len() + 1).unwrap_or(u32::MAX);
            persons.entry(name.as_str()).or_insert(next);
        }
        let mut layout =
            Self { schedule, acronym, dates, days: Vec::new(), rooms, persons, ids: numeric_ids(schedule) };
        layout.days = layout.arrange();
        layout
    }

    fn arrange(&self) -> Vec<FrabDay<'a>> {
        let schedule = self.schedule;
        let conference = schedule.conference();
        let position: BTreeMap<&str, usize> = self.rooms.iter().enumerate().map(|(i, &(n, _))| (n, i)).collect();
        schedule
            .days()
            .iter()
            .enumerate()
            .map(|(i, day)| {
                let mut rooms: Vec<FrabRoom<'a>> = self
                    .rooms
                    .iter()
                    .map(|(name, guid)| FrabRoom { name, guid: guid.clone(), sessions: Vec::new() })
                    .collect();
                for session in schedule.sessions().get(day.sessions.clone()).unwrap_or_default() {
                    let name = schedule.room_name(session);
                    if let Some(room) = position.get(name).and_then(|&p| rooms.get_mut(p)) {
                        room.sessions.push(session);
                    }
                }
                let start = day.date.and_time(conference.day_change);
                FrabDay {
                    index: i + 1,
                    date: day.date,
                    start: frab_datetime(conference.zone, start).0,
                    end: frab_datetime(conference.zone, start + Duration::days(1)).0,
                    rooms,
                }
            })
            .collect()
    }

    /// Everything frab writes for `session`.
    pub fn event(&self, session: &'a Session) -> FrabEvent<'a> {
        let schedule = self.schedule;
        let conference = schedule.conference();
        let base = base_id(session.id.as_str());
        let id = self.ids.get(base).copied().unwrap_or(0);
        let guid = if is_uuid(base) { base.to_owned() } else { derived_uuid(&[conference.id.as_str(), base]) };
        let (date, date_has_offset) = frab_datetime(conference.zone, session.starts_at);
        let (abstract_html, description_html) = split_abstract(&session.abstract_text);
        let url = session.links.iter().find(|l| l.title == EVENT_PAGE).map(|l| l.url.as_str());
        FrabEvent {
            id,
            guid,
            date,
            date_has_offset,
            start: session.starts_at.format("%H:%M").to_string(),
            duration: hours_minutes(session.duration_mins),
            room: schedule.room_name(session),
            slug: format!("{}-{id}-{}", self.acronym, slug(&session.title)),
            url,
            title: &session.title,
            subtitle: &session.subtitle,
            track: schedule.track_name(session),
            kind: frab_type(session.kind),
            language: session.language.as_deref().unwrap_or(""),
            abstract_html,
            description_html,
            is_recorded: session.is_recorded,
            recording_license: if session.is_recorded { "CC BY 4.0" } else { "" },
            persons: session
                .speakers
                .iter()
                .map(|name| (self.persons.get(name.as_str()).copied().unwrap_or(0), name.as_str()))
                .collect(),
            links: session.links.iter().filter(|l| Some(l.url.as_str()) != url || l.title != EVENT_PAGE).collect(),
        }
    }
}

/// Numeric ids for base session ids: numeric ones as they are, the others numbered after the
/// largest, in schedule order. Repeats (`x#2`) share their original's number.
fn numeric_ids(schedule: &Schedule) -> BTreeMap<&str, u64> {
    let mut ids = BTreeMap::new();
    for session in schedule.sessions() {
        let base = base_id(session.id.as_str());
        if let Ok(n) = base.parse::<u64>()
            && n > 0
            && !base.starts_with(['+', '0'])
        {
            ids.insert(base, n);
        }
    }
    let mut next = ids.values().max().copied().unwrap_or(0);
    for session in schedule.sessions() {
        let base = base_id(session.id.as_str());
        ids.entry(base).or_insert_with(|| {
            next += 1;
            next
        });
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import;
    use crate::model::synthetic::{SyntheticParams, generate};

    const SMALL: &str = r##"(
    version: 1,
    conference: (id: "tiny", name: "Tiny & <Conf>", acronym: "tiny", time_zone: "Europe/Brussels", day_change: "04:00"),
    rooms: [(id: "a", name: "Room \"A\""), (id: "b", name: "Room B")],
    tracks: [(id: "rust", name: "Rust & Go", colour: "#dd6600")],
    sessions: [
        (id: "42", title: "Ownership <in> practice & more", track: "rust", room: "a", start: "2027-02-06T10:00", minutes: 30,
         speakers: ["Zoë", "Łukasz"], abstract: "First & only <summary>.\n\nMore text\nover two lines.\n\n• one\n• two & three",
         recorded: true, links: [(title: "Slides", url: "https://x.example/s?a=1&b=2"), (title: "Event page", url: "https://x.example/42")]),
        (id: "party", title: "Party", kind: Social, room: "b", start: "2027-02-07T01:30", minutes: 90),
        (id: "party", title: "Party again", kind: Social, room: "b", start: "2027-02-07T23:00", minutes: 60),
        (id: "nowhere", title: "Hallway track", start: "2027-02-06T12:00", minutes: 300),
    ],
)"##;

    fn small() -> Schedule {
        import::parse(SMALL.as_bytes(), "small.ron").unwrap()
    }

    #[test]
    fn escapes_text_and_attributes() {
        let mut out = String::new();
        escape_into(&mut out, "a&b<c>\"d\"\te\r\n\u{1}\u{fffe}é", true);
        assert_eq!(out, "a&amp;b&lt;c&gt;&quot;d&quot;&#9;e&#13;&#10;é");
        out.clear();
        escape_into(&mut out, "\"q\"\t\n", false);
        assert_eq!(out, "\"q\"\t\n");
    }

    #[test]
    fn ids_guids_and_repeats() {
        assert_eq!(base_id("x#2"), "x");
        assert_eq!(base_id("x#1"), "x#1");
        assert_eq!(base_id("C#"), "C#");
        assert_eq!(base_id("#3"), "#3");
        assert!(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(!is_uuid("0f8fad5b-d9cb-469f-a165-70867728950"));
        let guid = derived_uuid(&["tiny", "party"]);
        assert!(is_uuid(&guid) && guid.chars().nth(14) == Some('8'), "{guid}");
        assert_ne!(guid, derived_uuid(&["tin", "yparty"]));
        let xml = schedule_to_frab_xml(&small());
        assert!(xml.contains("<event id=\"42\" guid=\""), "{xml}");
        assert_eq!(xml.matches(&format!("<event id=\"44\" guid=\"{guid}\">")).count(), 2, "a repeat keeps id and guid");
    }

    #[test]
    fn writes_the_frab_shape_with_offsets_and_after_midnight_under_its_day() {
        let xml = schedule_to_frab_xml(&small());
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n  <generator "), "{xml}");
        assert!(xml.contains("<title>Tiny &amp; &lt;Conf&gt;</title>"));
        assert!(xml.contains("<time_zone_name>Europe/Brussels</time_zone_name>"));
        assert!(xml.contains("<day_change>04:00:00</day_change>"));
        assert!(xml.contains("<track name=\"Rust &amp; Go\" color=\"#dd6600\"/>"));
        assert!(xml.contains(
            "<day index=\"1\" date=\"2027-02-06\" start=\"2027-02-06T04:00:00+01:00\" end=\"2027-02-07T04:00:00+01:00\">"
        ));
        assert!(xml.contains("<room name=\"Room &quot;A&quot;\" guid=\""));
        let day1 = xml.split("<day index=\"2\"").next().unwrap();
        assert!(day1.contains("<date>2027-02-07T01:30:00+01:00</date>\n        <start>01:30</start>"), "{day1}");
        assert!(xml.contains("<duration>05:00</duration>"));
        assert!(xml.contains("<slug>tiny-42-ownership-in-practice-more</slug>"));
        assert!(xml.contains("<url>https://x.example/42</url>"));
        assert!(xml.contains("<link href=\"https://x.example/s?a=1&amp;b=2\">Slides</link>"));
        assert!(xml.contains("<person id=\"1\">Zoë</person>"));
        assert!(xml.contains("<abstract>&lt;p&gt;First &amp;amp; only &amp;lt;summary&amp;gt;.&lt;/p&gt;</abstract>"));
        assert!(xml.contains("&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;"));
        assert!(xml.contains("<optout>false</optout>"));
        assert!(xml.contains("<type>social</type>"));
    }

    #[test]
    fn floating_schedules_have_no_date_and_keep_days_by_start() {
        let text = SMALL.replace("time_zone: \"Europe/Brussels\", ", "");
        let schedule = import::parse(text.as_bytes(), "f.ron").unwrap();
        let xml = schedule_to_frab_xml(&schedule);
        assert!(!xml.contains("<date>"));
        assert!(xml.contains("start=\"2027-02-06T04:00:00\""));
        let again = import::parse(xml.as_bytes(), "f.xml").unwrap();
        assert_eq!(again.sessions().len(), 4);
        assert_eq!(again.days().len(), 2);
        for (a, b) in schedule.sessions().iter().zip(again.sessions()) {
            assert_eq!((a.starts_at, a.day), (b.starts_at, b.day));
        }
    }

    #[test]
    fn round_trips_through_the_importer() {
        let schedule = small();
        let again = import::parse(schedule_to_frab_xml(&schedule).as_bytes(), "x.xml").unwrap();
        assert_eq!(again.sessions().len(), schedule.sessions().len());
        assert_eq!(again.conference().zone, schedule.conference().zone);
        assert_eq!(again.conference().day_change, schedule.conference().day_change);
        let ownership = again.sessions().iter().find(|s| s.title.starts_with("Ownership")).unwrap();
        let original = schedule.session_by_id(&"42".into()).unwrap();
        assert_eq!(ownership.title, original.title);
        assert_eq!(ownership.abstract_text, original.abstract_text);
        assert_eq!(ownership.speakers, original.speakers);
        assert_eq!(ownership.links, original.links);
        assert!(ownership.is_recorded);
        assert_eq!(again.warnings().iter().filter(|w| w.message.contains("duplicate")).count(), 1);
    }

    #[test]
    fn synthetic_schedules_round_trip_and_are_fosdem_sized() {
        let schedule = generate(&SyntheticParams::new(900, 11));
        let xml = schedule_to_frab_xml(&schedule);
        assert_eq!(xml, schedule_to_frab_xml(&schedule));
        assert!((2_400_000..=3_200_000).contains(&xml.len()), "{} bytes", xml.len());
        let again = import::parse(xml.as_bytes(), "s.xml").unwrap();
        assert_eq!(again.stats(), schedule.stats());
        for (a, b) in schedule.sessions().iter().zip(again.sessions()) {
            assert_eq!(
                (&a.id, &a.title, a.starts_at, a.duration_mins, a.kind),
                (&b.id, &b.title, b.starts_at, b.duration_mins, b.kind)
            );
            assert_eq!((&a.abstract_text, &a.speakers, &a.links), (&b.abstract_text, &b.speakers, &b.links));
            assert_eq!(
                (a.day, a.is_recorded, &a.language, &a.subtitle),
                (b.day, b.is_recorded, &b.language, &b.subtitle)
            );
        }
    }
}
