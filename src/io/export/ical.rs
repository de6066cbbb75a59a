//! iCalendar (RFC 5545) export of a whole schedule or of one person's picks.
//!
//! Everything that goes into a calendar first becomes an [`IcsEvent`]; one writer turns the list
//! into text. New kinds of timeline item (custom events, dinners, booth shifts, volunteer slots)
//! join by mapping their [`ItemSource`] variant to an [`IcsEvent`] in [`timeline_event`]: the
//! match there is exhaustive, so a new variant does not compile until the export handles it.
//!
//! What the output promises:
//! - **Right instants.** A named zone is written as UTC (`DTSTART:20270416T160000Z`) via
//!   [`Zone::to_utc`], which resolves a wall-clock time in a skipped hour forward and one in a
//!   repeated hour to its first occurrence (RFC 5545 §3.3.5). A floating conference is written
//!   as floating local times (no `Z`, no `TZID`).
//! - **Stable UIDs.** `<session-id>@<conference-id>.lanyard`, so importing a newer export into a
//!   calendar updates events instead of duplicating them. Both parts are percent-encoded outside
//!   `[A-Za-z0-9._-]`; `@` inside a part is encoded too, so the UID stays unambiguous.
//! - **Determinism.** No clock, no randomness: `DTSTAMP` is the conference's first day at 00:00
//!   local time. The same data always gives the same bytes.
//! - **Valid syntax.** CRLF line ends, content lines folded at 75 octets on UTF-8 character
//!   boundaries, TEXT values escaped (`\\`, `\;`, `\,`, `\n`), ASCII control characters other than
//!   tab dropped (TEXT may not hold them).
//!
//! Known limitations: no `SEQUENCE`, so calendar programs that insist on a rising sequence number
//! (some Outlook versions) may ignore an updated re-import; times are clamped to the years
//! 0001–9999 that iCalendar can write.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike as _, NaiveDate, NaiveDateTime, NaiveTime, Timelike as _, Utc};

use crate::model::{
    ConferenceId, ItemSource, PersonalItem, Plan, Priority, Reservation, Schedule, Session, Timeline, TimelineItem,
    Zone,
};

/// RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets, excluding the line break.
const MAX_LINE_OCTETS: usize = 75;

const PRODID: &str = concat!("-//lanyard//lanyard ", env!("CARGO_PKG_VERSION"), "//EN");

/// `STATUS` of a VEVENT (RFC 5545 §3.8.1.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Confirmed,
    Tentative,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "CONFIRMED",
            Self::Tentative => "TENTATIVE",
        }
    }
}

/// One VEVENT, whatever it came from. Text fields are plain (unescaped) text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct IcsEvent {
    uid: String,
    title: String,
    /// Conference-local wall-clock time, like every time in the model.
    starts_at: NaiveDateTime,
    /// Conference-local wall-clock end of `[starts_at, ends_at)`.
    ends_at: NaiveDateTime,
    /// Empty: no `LOCATION`.
    location: String,
    /// Empty: no `DESCRIPTION`.
    description: String,
    /// Empty and repeated entries are left out.
    categories: Vec<String>,
    url: Option<String>,
    status: Option<Status>,
    /// 1 (highest) to 9 (lowest); `None` writes no `PRIORITY` (undefined).
    priority: Option<u8>,
    /// `TRANSP:TRANSPARENT`: shown, but does not make the person busy.
    transparent: bool,
    /// `X-LANYARD-*` properties that let lanyard read its own export back exactly: the stable
    /// session id, kind, track, recorded and captioned flags. Other programs ignore them.
    lanyard: Vec<(&'static str, String)>,
}

/// A calendar ready to write.
#[derive(Clone, Debug)]
struct IcsCalendar {
    name: String,
    zone: Zone,
    /// `DTSTAMP` of every event.
    stamp: DateTime<Utc>,
    events: Vec<IcsEvent>,
}

/// Every session of `schedule` as one VEVENT, in schedule order. Sessions are shown as free time
/// (`TRANSP:TRANSPARENT`): a whole programme in someone's calendar is not a commitment; their
/// picks ([`plan_to_ics`]) are.
pub fn schedule_to_ics(schedule: &Schedule) -> String {
    let events = schedule.sessions().iter().map(|session| session_event(schedule, session)).collect();
    render(&calendar(schedule, schedule.conference().name.clone(), events))
}

/// The picks of `plan` that are in `schedule` as VEVENTs, in timeline order. Orphaned picks
/// (sessions no longer in the schedule) are left out; see [`Plan::orphans`].
///
/// Must picks are `PRIORITY:1` + `STATUS:CONFIRMED`, Maybe picks `PRIORITY:5` +
/// `STATUS:TENTATIVE`, and the priority's label is a category. Watch-later picks are transparent
/// and titled `Watch later: …`. The attendee's note opens the description.
pub fn plan_to_ics(schedule: &Schedule, plan: &Plan) -> String {
    timeline_to_ics(schedule, plan, &Timeline::build(schedule, plan))
}

/// Every item of `timeline` (built from `schedule` and `plan`, perhaps with booth shifts and
/// volunteer slots from a roster) as a VEVENT, in timeline order: picks as in [`plan_to_ics`];
/// custom events, blocks, dinners, volunteer slots and booth shifts as the timeline shows them,
/// confirmed and busy, their kind as the category, with what the plan knows about them (people,
/// party, reservation, address, notes) in the description. UIDs are stable:
/// `item-<id>`, `slot-<roster>-<slot>` and `shift-<roster>-<shift>`, each `@<conference-id>.lanyard`.
pub fn timeline_to_ics(schedule: &Schedule, plan: &Plan, timeline: &Timeline) -> String {
    let events = timeline.items().iter().filter_map(|item| timeline_event(schedule, plan, item)).collect();
    let name = format!("{} — my picks", schedule.conference().name);
    render(&calendar(schedule, name, events))
}

fn calendar(schedule: &Schedule, name: String, events: Vec<IcsEvent>) -> IcsCalendar {
    let conference = schedule.conference();
    IcsCalendar { name, zone: conference.zone, stamp: stamp(conference.zone, conference.start_date), events }
}

/// A fixed `DTSTAMP` derived from the data: the conference's first day at 00:00 local time
/// (1970-01-01 if the schedule has no dates).
fn stamp(zone: Zone, start_date: NaiveDate) -> DateTime<Utc> {
    let midnight = start_date.and_time(NaiveTime::MIN);
    if (1..=9999).contains(&start_date.year()) { zone.to_utc(clamp_local(midnight)) } else { DateTime::UNIX_EPOCH }
}

/// A session's own event, without anything from a plan.
fn session_event(schedule: &Schedule, session: &Session) -> IcsEvent {
    let mut categories = vec![schedule.track_name(session).to_owned(), session.kind.label().to_owned()];
    categories.retain(|c| !c.trim().is_empty());
    IcsEvent {
        uid: uid(session.id.as_str(), schedule.conference().id.as_str()),
        title: session.title.clone(),
        starts_at: session.starts_at,
        ends_at: session.ends_at(),
        location: schedule.room_name(session).to_owned(),
        description: session_description(session),
        categories,
        url: session.links.iter().map(|link| link.url.trim()).find(|url| !url.is_empty()).map(str::to_owned),
        status: None,
        priority: None,
        transparent: true,
        lanyard: session_properties(schedule, session),
    }
}

/// What lanyard needs to read a session back as it was.
fn session_properties(schedule: &Schedule, session: &Session) -> Vec<(&'static str, String)> {
    let mut properties = vec![
        ("X-LANYARD-ID", session.id.to_string()),
        ("X-LANYARD-KIND", session.kind.token().to_owned()),
        ("X-LANYARD-TRACK", schedule.track_name(session).to_owned()),
    ];
    if session.is_recorded {
        properties.push(("X-LANYARD-RECORDED", "TRUE".to_owned()));
    }
    if session.is_captioned {
        properties.push(("X-LANYARD-CAPTIONED", "TRUE".to_owned()));
    }
    properties
}

/// `Speakers: A, B` and the abstract, separated by a blank line; either may be missing.
fn session_description(session: &Session) -> String {
    let speakers: Vec<&str> = session.speakers.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    let mut parts = Vec::new();
    match speakers.as_slice() {
        [] => {}
        [one] => parts.push(format!("Speaker: {one}")),
        many => parts.push(format!("Speakers: {}", many.join(", "))),
    }
    let abstract_text = session.abstract_text.trim();
    if !abstract_text.is_empty() {
        parts.push(abstract_text.to_owned());
    }
    parts.join("\n\n")
}

/// The event for one item of a person's timeline.
fn timeline_event(schedule: &Schedule, plan: &Plan, item: &TimelineItem) -> Option<IcsEvent> {
    match &item.source {
        ItemSource::Session(session_id) => {
            let session = schedule.session_by_id(session_id)?;
            let mut event = session_event(schedule, session);
            if let Some(priority) = item.priority {
                let (level, status) = match priority {
                    Priority::Must => (1, Status::Confirmed),
                    Priority::Maybe => (5, Status::Tentative),
                };
                event.priority = Some(level);
                event.status = Some(status);
                event.categories.insert(0, priority.label().to_owned());
            }
            event.transparent = item.is_watch_later;
            if item.is_watch_later {
                event.title = format!("Watch later: {}", event.title);
                event.categories.push("Watch later".to_owned());
            }
            if let Some(note) = plan.note(session_id).map(str::trim).filter(|n| !n.is_empty()) {
                event.description = if event.description.is_empty() {
                    format!("Note: {note}")
                } else {
                    format!("Note: {note}\n\n{}", event.description)
                };
            }
            Some(event)
        }
        // The attendee's own items, volunteer slots and booth shifts: what the timeline says.
        ItemSource::Personal(_) | ItemSource::Signup(_) | ItemSource::RosterSlot(_) | ItemSource::Shift(_) => {
            let key = match &item.source {
                ItemSource::Personal(id) => format!("item-{id}"),
                // One slot, one UID, however the attendee came to be on it.
                ItemSource::Signup(slot) | ItemSource::RosterSlot(slot) => {
                    format!("slot-{}-{}", slot.roster, slot.slot)
                }
                ItemSource::Shift(shift) => format!("shift-{}-{}", shift.roster, shift.shift),
                ItemSource::Session(id) => id.to_string(),
            };
            let mut parts: Vec<String> = item.warning.iter().cloned().collect();
            if let ItemSource::Personal(id) = &item.source
                && let Some(own) = plan.item(id)
            {
                parts.extend(personal_details(&own));
            }
            let description = parts.join("\n\n");
            Some(IcsEvent {
                uid: uid(&key, schedule.conference().id.as_str()),
                title: item.title.clone(),
                starts_at: item.starts_at,
                ends_at: item.ends_at,
                location: item.place.clone(),
                description,
                categories: vec![item.kind.label().to_owned()],
                url: None,
                status: Some(Status::Confirmed),
                priority: None,
                transparent: false,
                lanyard: Vec::new(),
            })
        }
    }
}

/// What the plan knows about one of the attendee's own items beyond its title, time and place,
/// one paragraph each: who is coming, the reservation, the address, the notes.
fn personal_details(item: &PersonalItem) -> Vec<String> {
    let mut parts = Vec::new();
    let mut push = |text: String| {
        let text = text.trim().to_owned();
        if !text.is_empty() {
            parts.push(text);
        }
    };
    match item {
        PersonalItem::Custom(c) => {
            let people: Vec<&str> = c.people.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
            if !people.is_empty() {
                push(format!("With: {}", people.join(", ")));
            }
            push(c.note.clone());
        }
        // The note is already in the title ("Departure: …").
        PersonalItem::Block(_) => {}
        PersonalItem::Dinner(d) => {
            let party: Vec<&str> = d.party.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
            if !party.is_empty() {
                push(format!("Party of {}: {}", party.len(), party.join(", ")));
            }
            push(match &d.reservation {
                Reservation::None => String::new(),
                Reservation::Requested { name, size } => format!("Reservation requested: {size} under {name}"),
                Reservation::Booked { name, size, confirmation } if confirmation.trim().is_empty() => {
                    format!("Reservation booked: {size} under {name}")
                }
                Reservation::Booked { name, size, confirmation } => {
                    format!("Reservation booked: {size} under {name} (confirmation {})", confirmation.trim())
                }
            });
            push(d.address.clone());
            if let Some(cost) = &d.cost_per_head {
                push(format!("About {cost} a head"));
            }
            push(d.notes.clone());
        }
    }
    parts
}

/// `<session-id>@<conference-id>.lanyard`, each part percent-encoded outside `[A-Za-z0-9._-]`.
fn uid(session_id: &str, conference_id: &str) -> String {
    format!("{}@{}.lanyard", percent_encode(session_id), percent_encode(conference_id))
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'-') {
            out.push(char::from(byte));
        } else {
            write!(out, "%{byte:02X}").ok();
        }
    }
    out
}

/// Writes the calendar: CRLF line ends, folded lines, escaped text.
fn render(calendar: &IcsCalendar) -> String {
    let mut out = ContentLines::default();
    out.line("BEGIN", "VCALENDAR");
    out.line("VERSION", "2.0");
    out.line("PRODID", PRODID);
    out.line("CALSCALE", "GREGORIAN");
    out.line("METHOD", "PUBLISH");
    out.line("X-WR-CALNAME", &escape_text(&calendar.name));
    if let Some(zone_name) = calendar.zone.name() {
        out.line("X-WR-TIMEZONE", zone_name);
    }
    let stamp = format_utc(calendar.stamp);
    for event in &calendar.events {
        write_event(&mut out, calendar.zone, &stamp, event);
    }
    out.line("END", "VCALENDAR");
    out.text
}

fn write_event(out: &mut ContentLines, zone: Zone, stamp: &str, event: &IcsEvent) {
    out.line("BEGIN", "VEVENT");
    out.line("UID", &event.uid);
    out.line("DTSTAMP", stamp);
    let (start, end) = event_times(zone, event.starts_at, event.ends_at);
    out.line("DTSTART", &start);
    if let Some(end) = end {
        out.line("DTEND", &end);
    }
    out.line("SUMMARY", &escape_text(&event.title));
    if !event.location.is_empty() {
        out.line("LOCATION", &escape_text(&event.location));
    }
    if !event.description.is_empty() {
        out.line("DESCRIPTION", &escape_text(&event.description));
    }
    let mut categories: Vec<&str> = Vec::new();
    for category in event.categories.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !categories.contains(&category) {
            categories.push(category);
        }
    }
    if !categories.is_empty() {
        let list: Vec<String> = categories.iter().map(|c| escape_text(c)).collect();
        out.line("CATEGORIES", &list.join(","));
    }
    if let Some(url) = event.url.as_deref().and_then(uri_value) {
        out.line("URL", &url);
    }
    if let Some(status) = event.status {
        out.line("STATUS", status.as_str());
    }
    if let Some(priority) = event.priority {
        out.line("PRIORITY", &priority.to_string());
    }
    out.line("TRANSP", if event.transparent { "TRANSPARENT" } else { "OPAQUE" });
    for (name, value) in &event.lanyard {
        out.line(name, &escape_text(value));
    }
    out.line("END", "VEVENT");
}

/// `DTSTART` and `DTEND` values. `DTEND` must be later than `DTSTART` (RFC 5545 §3.8.2.2), so it
/// is left out for an empty event (which then ends when it starts, §3.6.1). When the wall-clock
/// end resolves to an instant not after the start (a short session starting just before a
/// skipped hour that moves it forward), the end is the start plus the session's length.
fn event_times(zone: Zone, starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> (String, Option<String>) {
    let (local_start, local_end) = (clamp_local(starts_at), clamp_local(ends_at));
    if local_end <= local_start {
        return (format_time(zone, local_start), None);
    }
    match zone {
        Zone::Named(_) => {
            let start = zone.to_utc(local_start);
            let mut end = zone.to_utc(local_end);
            if end <= start {
                end = start.checked_add_signed(local_end - local_start).unwrap_or(end);
            }
            (format_utc(start), (end > start).then(|| format_utc(end)))
        }
        Zone::Floating => (format_floating(local_start), Some(format_floating(local_end))),
    }
}

fn format_time(zone: Zone, local: NaiveDateTime) -> String {
    match zone {
        Zone::Named(_) => format_utc(zone.to_utc(local)),
        Zone::Floating => format_floating(local),
    }
}

/// Keeps a wall-clock time a day away from the ends of the years 0001–9999, so converting it to
/// UTC cannot overflow and the result always has a four-digit year.
fn clamp_local(t: NaiveDateTime) -> NaiveDateTime {
    let earliest = NaiveDate::from_ymd_opt(1, 1, 2).map(|d| d.and_time(NaiveTime::MIN));
    let latest = NaiveDate::from_ymd_opt(9999, 12, 30).and_then(|d| d.and_hms_opt(23, 59, 59));
    match (earliest, latest) {
        (Some(earliest), Some(latest)) => t.clamp(earliest, latest),
        _ => t,
    }
}

/// `20270416T160000Z`.
fn format_utc(t: DateTime<Utc>) -> String {
    format!("{}Z", format_floating(t.naive_utc()))
}

/// `20270416T090000`: a DATE-TIME in form #1 (floating), RFC 5545 §3.3.5.
fn format_floating(t: NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year().clamp(0, 9999),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Escapes a TEXT value (RFC 5545 §3.3.11). CRLF and lone CR count as one line break; ASCII
/// control characters other than tab are dropped because TEXT may not contain them.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            c if c.is_ascii_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: trimmed, with every byte that is not printable ASCII percent-encoded (spaces,
/// control characters, non-ASCII), so it can never break the content line. `None` if empty.
fn uri_value(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic() {
            out.push(char::from(byte));
        } else {
            write!(out, "%{byte:02X}").ok();
        }
    }
    Some(out)
}

/// The output text, one folded content line at a time.
#[derive(Default)]
struct ContentLines {
    text: String,
}

impl ContentLines {
    /// Appends `NAME:VALUE` (the value already escaped), folded, ending in CRLF.
    fn line(&mut self, name: &str, value: &str) {
        let mut used = 0;
        for c in name.chars().chain(std::iter::once(':')).chain(value.chars()) {
            let len = c.len_utf8();
            if used + len > MAX_LINE_OCTETS {
                // The leading space of the continuation line counts towards its 75 octets.
                self.text.push_str("\r\n ");
                used = 1;
            }
            self.text.push(c);
            used += len;
        }
        self.text.push_str("\r\n");
    }
}

/// Timeline items as a calendar named `name`, each event exactly what its item says (title,
/// times, place, its warning as the description, its kind as the category), for calendars of
/// items with no session behind them, such as one person's booth shifts
/// (`Roster::timeline_items`). Times are conference-local in `zone`. UIDs are built as for
/// [`plan_to_ics`] (`shift-<roster>-<shift>@<conference_id>.lanyard`, …), so a shift keeps its UID
/// whichever export it comes from. `DTSTAMP` is the earliest item's day at 00:00 local time:
/// deterministic.
pub fn items_to_ics(name: &str, conference_id: &ConferenceId, zone: Zone, items: &[TimelineItem]) -> String {
    let first_day = items.iter().map(|item| item.date).min().unwrap_or(NaiveDate::MIN);
    let events = items
        .iter()
        .map(|item| {
            let key = match &item.source {
                ItemSource::Personal(id) => format!("item-{id}"),
                ItemSource::Signup(slot) | ItemSource::RosterSlot(slot) => {
                    format!("slot-{}-{}", slot.roster, slot.slot)
                }
                ItemSource::Shift(shift) => format!("shift-{}-{}", shift.roster, shift.shift),
                ItemSource::Session(id) => id.to_string(),
            };
            IcsEvent {
                uid: uid(&key, conference_id.as_str()),
                title: item.title.clone(),
                starts_at: item.starts_at,
                ends_at: item.ends_at,
                location: item.place.clone(),
                description: item.warning.clone().unwrap_or_default(),
                categories: vec![item.kind.label().to_owned()],
                url: None,
                status: Some(Status::Confirmed),
                priority: None,
                transparent: false,
                lanyard: Vec::new(),
            }
        })
        .collect();
    render(&IcsCalendar { name: name.to_owned(), zone, stamp: stamp(zone, first_day), events })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Conference, Link, ScheduleBuilder, SessionId};

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn folded(name: &str, value: &str) -> String {
        let mut out = ContentLines::default();
        out.line(name, value);
        out.text
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(folded("SUMMARY", "Hello"), "SUMMARY:Hello\r\n");
        let exactly = "x".repeat(MAX_LINE_OCTETS - "SUMMARY:".len());
        assert_eq!(folded("SUMMARY", &exactly), format!("SUMMARY:{exactly}\r\n"));
    }

    #[test]
    fn folding_counts_octets_and_keeps_characters_whole() {
        // 3-byte characters: 8 + 3*22 = 74 octets fit, the 23rd character would make 77.
        let value = "語".repeat(60);
        let text = folded("SUMMARY", &value);
        for line in text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= MAX_LINE_OCTETS, "{} octets: {line}", line.len());
        }
        let first = text.split("\r\n").next().unwrap();
        assert_eq!(first.len(), 74);
        assert_eq!(text.replace("\r\n ", ""), format!("SUMMARY:{value}\r\n"));
        // A 4-byte character right at the boundary moves whole to the next line.
        let value = format!("{}😀", "a".repeat(MAX_LINE_OCTETS - "X:".len() - 2));
        let text = folded("X", &value);
        assert_eq!(text, format!("X:{}\r\n 😀\r\n", "a".repeat(71)));
    }

    #[test]
    fn text_escaping() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape_text("one\r\ntwo\rthree"), "one\\ntwo\\nthree");
        assert_eq!(escape_text("tab\there\u{0}\u{7}\u{7f}"), "tab\there");
        assert_eq!(escape_text("Café: ok"), "Café: ok");
    }

    #[test]
    fn uids_are_percent_encoded_and_unambiguous() {
        assert_eq!(uid("cpc27-001", "cascadia-py-2027"), "cpc27-001@cascadia-py-2027.lanyard");
        assert_eq!(uid("w#2", "36C3 / Leipzig"), "w%232@36C3%20%2F%20Leipzig.lanyard");
        assert_ne!(uid("a@b", "c"), uid("a", "b@c"));
        assert_eq!(uid("é", "x"), "%C3%A9@x.lanyard");
    }

    #[test]
    fn urls_cannot_break_the_line() {
        assert_eq!(uri_value(" https://example.org/a b\r\nX:y "), Some("https://example.org/a%20b%0D%0AX:y".into()));
        assert_eq!(uri_value("  "), None);
    }

    #[test]
    fn end_inside_a_skipped_hour_never_precedes_the_start() {
        let brussels = Zone::from_iana("Europe/Brussels").unwrap();
        // 01:55 CET, ending at 02:05 wall-clock, which does not exist and becomes 03:05 CEST.
        let (start, end) = event_times(brussels, dt("2027-03-28 01:55"), dt("2027-03-28 02:05"));
        assert_eq!(start, "20270328T005500Z");
        assert_eq!(end.as_deref(), Some("20270328T010500Z"));
        // Starting inside the gap (02:50 → 03:50 CEST) and ending after it (03:10 CEST): the end
        // would come before the start, so the length is kept instead.
        let (start, end) = event_times(brussels, dt("2027-03-28 02:50"), dt("2027-03-28 03:10"));
        assert_eq!(start, "20270328T015000Z");
        assert_eq!(end.as_deref(), Some("20270328T021000Z"));
        // Empty events have no DTEND.
        assert_eq!(event_times(brussels, dt("2027-03-28 10:00"), dt("2027-03-28 10:00")).1, None);
    }

    #[test]
    fn extreme_times_are_clamped_not_panicking() {
        let brussels = Zone::from_iana("Europe/Brussels").unwrap();
        for zone in [brussels, Zone::Floating] {
            let (start, end) = event_times(zone, NaiveDateTime::MIN, NaiveDateTime::MAX);
            assert_eq!(start.len(), if zone == Zone::Floating { 15 } else { 16 }, "{start}");
            assert!(end.unwrap().starts_with("9999"));
        }
        assert_eq!(stamp(brussels, NaiveDate::MIN), DateTime::UNIX_EPOCH);
    }

    #[test]
    fn session_events_carry_room_track_kind_speakers_and_first_link() {
        let mut b = ScheduleBuilder::new(Conference::named("conf", "Conf"));
        let room = b.room_named("Hall A");
        let track = b.track_named("Web");
        let mut s = Session::new("s1", "Title", dt("2027-04-16 10:00"), 30);
        s.room = room;
        s.track = track;
        s.speakers = vec!["Ana".into(), " ".into(), "Ben".into()];
        s.abstract_text = "About things.\n".into();
        s.links = vec![
            Link { title: "empty".into(), url: " ".into() },
            Link { title: "slides".into(), url: "https://example.org/s".into() },
        ];
        b.add_session(s, None);
        let schedule = b.build();
        let session = schedule.session_by_id(&SessionId::new("s1")).unwrap();
        let event = session_event(&schedule, session);
        assert_eq!(event.location, "Hall A");
        assert_eq!(event.categories, ["Web", "Talk"]);
        assert_eq!(event.description, "Speakers: Ana, Ben\n\nAbout things.");
        assert_eq!(event.url.as_deref(), Some("https://example.org/s"));
        assert_eq!(event.uid, "s1@conf.lanyard");
    }
}
