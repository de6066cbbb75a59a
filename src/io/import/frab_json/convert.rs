//! From the DTOs to the model.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

use super::dto::{ConferenceDto, DayDto, EventDto, Flex, Meta, Text};
use super::{PROGRESS_STEPS, invalid};
use crate::io::import::common::{
    fixed_offset_zone, html_to_text, parse_datetime_with_offset, parse_duration_mins, slug, stable_id, wall_clock,
};
use crate::io::import::{ImportError, Progress, location_at};
use crate::model::schedule::palette_colour;
use crate::model::time::conference_date;
use crate::model::{Conference, Link, Location, Rgb, Schedule, ScheduleBuilder, Session, SessionKind, Track, Zone};

// ---------------------------------------------------------------------------------------------
// DTOs to model.

/// An event's `date`, parsed once.
#[derive(Clone, Copy, Debug)]
pub(super) enum EventDate {
    /// With an offset: a real instant.
    Zoned(DateTime<FixedOffset>),
    /// Without an offset: wall-clock time in the conference zone.
    Local(NaiveDateTime),
    Missing,
    Invalid,
}

impl EventDate {
    pub(super) fn parse(text: &Text<'_>) -> Self {
        let Some(text) = text.non_empty() else { return Self::Missing };
        if let Some(instant) = parse_datetime_with_offset(text) {
            return Self::Zoned(instant);
        }
        parse_naive_datetime(text).map_or(Self::Invalid, Self::Local)
    }

    /// The conference-local wall-clock time, if the date was usable.
    pub(super) fn wall_clock(self, zone: Zone) -> Option<NaiveDateTime> {
        match self {
            Self::Zoned(instant) => Some(wall_clock(instant, zone)),
            Self::Local(local) => Some(local),
            Self::Missing | Self::Invalid => None,
        }
    }
}

/// One event with what the surrounding structure says about it.
pub(super) struct Item<'a> {
    pub(super) event: &'a EventDto<'a>,
    /// The key of the room list the event sits in.
    pub(super) room: &'a str,
    /// The `date` of the day the event is listed under.
    pub(super) day_date: Option<NaiveDate>,
    pub(super) date: EventDate,
    pub(super) location: Option<Location>,
}

impl Item<'_> {
    /// How messages name the event: its guid or id, else its title.
    pub(super) fn label(&self) -> String {
        let event = self.event;
        match event.guid.non_empty().or_else(|| event.id.non_empty()) {
            Some(id) => format!("event \"{id}\""),
            None => format!("event \"{}\"", event.title.get()),
        }
    }
}

/// Builds the model from the DTOs, collecting warnings in the builder.
pub(super) struct Importer<'a> {
    pub(super) builder: ScheduleBuilder,
    pub(super) base_url: Option<String>,
    pub(super) text: &'a str,
    /// Byte offsets, turned into locations only for the few warnings that need them.
    pub(super) conference_at: Option<usize>,
    pub(super) conference_fields: BTreeMap<String, usize>,
    /// Tracks declared in `conference`, for palette colours of those without one.
    pub(super) tracks_added: usize,
}

impl Importer<'_> {
    /// Where a conference field's value starts, else where the conference starts.
    pub(super) fn field_at(&self, key: &str) -> Option<Location> {
        self.conference_fields.get(key).copied().or(self.conference_at).map(|offset| location_at(self.text, offset))
    }

    pub(super) fn run(
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
        let day_change = crate::io::import::common::night_day_change(self.day_change(dto, days, &items, zone));
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

    pub(super) fn conference(&mut self, meta: &Meta<'_>, dto: &ConferenceDto<'_>) {
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
    pub(super) fn rooms_and_tracks(&mut self, dto: &ConferenceDto<'_>, days: &[DayDto<'_>]) {
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
    pub(super) fn items<'a>(
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
    pub(super) fn zone(&mut self, dto: &ConferenceDto<'_>, items: &[Item<'_>]) -> Zone {
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
    pub(super) fn day_change(
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

    pub(super) fn session(
        &mut self,
        item: &Item<'_>,
        zone: Zone,
        day_change: NaiveTime,
    ) -> Result<Session, ImportError> {
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
    pub(super) fn room(&mut self, item: &Item<'_>) -> Option<crate::model::RoomIdx> {
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
    pub(super) fn starts_at(
        &mut self,
        item: &Item<'_>,
        zone: Zone,
        day_change: NaiveTime,
    ) -> Result<NaiveDateTime, ImportError> {
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
    pub(super) fn duration(
        &mut self,
        item: &Item<'_>,
        zone: Zone,
        starts_at: NaiveDateTime,
    ) -> Result<u32, ImportError> {
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
pub(super) fn abstract_text(event: &EventDto<'_>) -> String {
    let first = html_to_text(event.abstract_text.get());
    let second = html_to_text(event.description.get());
    match (first.is_empty(), second.is_empty()) {
        (_, true) => first,
        (true, false) => second,
        (false, false) if first == second => first,
        // `join` sizes the text exactly; `format!` doubles its buffer as it goes, and abstracts
        // are most of a schedule's memory.
        (false, false) => [first, second].join("\n\n"),
    }
}

/// `links`, then the event page (`url`), then `attachments`; empty and repeated URLs skipped.
pub(super) fn links(event: &EventDto<'_>, base_url: Option<&str>) -> Vec<Link> {
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

pub(super) fn push_link(out: &mut Vec<Link>, title: &str, url: &str, base_url: Option<&str>) {
    let url = absolute_url(url, base_url);
    if url.is_empty() || out.iter().any(|l: &Link| l.url == url) {
        return;
    }
    let title = if title.is_empty() { url.clone() } else { title.to_owned() };
    out.push(Link { title, url });
}

/// frab writes attachment paths relative to the host (`/system/…`): join them to `base_url`'s
/// scheme and host. Anything else is kept as written.
pub(super) fn absolute_url(url: &str, base_url: Option<&str>) -> String {
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
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (date, rest) = (text.get(..10)?, text.get(10..)?);
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// A date-time without an offset: `2027-02-06T10:30[:00[.000]]`, or with a space.
pub(super) fn parse_naive_datetime(text: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text.trim(), format).ok())
}

/// `HH:MM` or `HH:MM:SS`.
pub(super) fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M").or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S")).ok()
}

/// The conference-local time of day of a `day_start`-like value: a date-time with an offset, one
/// without, or a bare time.
pub(super) fn time_of(text: &str, zone: Zone) -> Option<NaiveTime> {
    if let Some(instant) = parse_datetime_with_offset(text) {
        return Some(wall_clock(instant, zone).time());
    }
    parse_naive_datetime(text).map(|t| t.time()).or_else(|| parse_time_of_day(text))
}
