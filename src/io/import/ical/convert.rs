//! Section 7 of the iCalendar reader: conversion of the components read to the model.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use super::lines::{multi_line, one_line, short, unescape};
use super::times::{EventTimes, TimeValue};
use super::zones::ZoneResolver;
use super::{CalendarFile, Kind, PROGRESS_EVERY, RawEvent, Tally, Warner, at_line};
use crate::io::import::{Progress, common};
use crate::model::time::{minutes_between, resolve_local};
use crate::model::{Conference, Link, Location, Schedule, ScheduleBuilder, Session, SessionKind, Zone};

// ---------------------------------------------------------------------------------------------
// 7. Conversion to the model.

/// Turns the events of a [`CalendarFile`] into sessions in one zone.
pub(super) struct Converter {
    pub(super) zone: Zone,
    /// Where events without a usable `DTSTART` go: the calendar's earliest start.
    pub(super) fallback_start: NaiveDateTime,
    pub(super) builder: ScheduleBuilder,
    pub(super) warner: Warner,
    pub(super) all_day: Tally,
}

impl Converter {
    pub(super) fn convert(file: CalendarFile, progress: Progress<'_>) -> Schedule {
        let CalendarFile { name, wr_timezone, events, vtimezones, mut warner } = file;
        let name = name.unwrap_or_else(|| "Calendar".to_owned());
        let mut builder = ScheduleBuilder::new(Conference::named(common::slug(&name), name));
        let mut zones = ZoneResolver::new(vtimezones);
        let times: Vec<EventTimes> = events.iter().map(|event| EventTimes::read(event, &mut zones)).collect();
        let zone = choose_zone(wr_timezone.as_deref(), &times, &mut zones, &mut warner);
        builder.conference_mut().zone = zone;
        let fallback_start = times
            .iter()
            .filter_map(|t| t.start.as_ref()?.as_ref().ok())
            .map(|value| wall_clock(value, zone))
            .min()
            .unwrap_or(DateTime::<chrono::Utc>::UNIX_EPOCH.naive_utc());
        let mut converter = Self { zone, fallback_start, builder, warner, all_day: Tally::default() };
        let total = events.len();
        for (i, (event, times)) in events.into_iter().zip(times).enumerate() {
            if i % PROGRESS_EVERY == 0 {
                progress(i as f32 / total as f32);
            }
            let location = at_line(event.line);
            let session = converter.session(event, &times);
            converter.builder.add_session(session, Some(location));
        }
        converter.finish(total, &zones)
    }

    pub(super) fn finish(mut self, total: usize, zones: &ZoneResolver) -> Schedule {
        if total == 0 {
            self.warner.add_at(Kind::Other, None, || "the calendar has no events".to_owned());
        }
        if let Some(first) = self.all_day.first {
            let count = self.all_day.count;
            let events = if count == 1 { "1 all-day event".to_owned() } else { format!("{count} all-day events") };
            self.warner.add(Kind::Other, first, || format!("{events} kept: shown from 00:00 for whole days"));
        }
        for (tzid, tally) in &zones.unknown {
            if let Some(first) = tally.first {
                let count = tally.count;
                self.warner.add(Kind::UnknownZone, first, || {
                    format!(
                        "unknown time zone \"{}\": {count} times read as written in the conference zone",
                        short(tzid)
                    )
                });
            }
        }
        let Self { mut builder, warner, .. } = self;
        warner.flush(&mut builder);
        builder.build()
    }

    pub(super) fn session(&mut self, event: RawEvent, times: &EventTimes) -> Session {
        let location = at_line(event.line);
        let summary = event.summary.as_deref().map(|s| one_line(&unescape(s))).filter(|s| !s.is_empty());
        let title = summary.unwrap_or_else(|| {
            self.warner.add(Kind::Untitled, location, || "event has no SUMMARY: titled \"(untitled)\"".to_owned());
            "(untitled)".to_owned()
        });
        // Ids are kept as written (bar control characters and the ends, see `stable_id`), as every
        // importer keeps them: collapsing a run of spaces lost an id in the .ics round trip.
        let uid = event.uid.as_deref().map(unescape);
        let lanyard_id = event.lanyard_id.as_deref().map(unescape);
        let id = common::stable_id(lanyard_id.as_deref(), uid.as_deref(), &title, None);
        let (starts_at, duration_mins) = self.timing(&title, times, location);
        let kind = event
            .lanyard_kind
            .as_deref()
            .and_then(SessionKind::from_token)
            .unwrap_or_else(|| SessionKind::guess(&event.categories.join(", "), &title));
        let mut session = Session::new(id, title.clone(), starts_at, duration_mins);
        session.kind = kind;
        // A lanyard export says exactly which track (if any); other calendars put it first in
        // CATEGORIES.
        session.track = match &event.lanyard_track {
            Some(track) => self.builder.track_named(&one_line(&unescape(track))),
            None => event.categories.first().and_then(|c| self.builder.track_named(c)),
        };
        session.room = event.location.as_deref().and_then(|l| self.builder.room_named(&one_line(&unescape(l))));
        session.speakers = event.people;
        session.abstract_text =
            event.description.as_deref().map(|d| common::html_to_text(&multi_line(&unescape(d)))).unwrap_or_default();
        session.tags = event.categories;
        session.is_recorded = event.is_recorded;
        session.is_captioned = event.is_captioned;
        if let Some(url) = event.url.as_deref().map(|u| unescape(u.trim())).filter(|u| !u.is_empty()) {
            session.links.push(Link { title: "Event page".to_owned(), url });
        }
        session.links.extend(event.links);
        if event.repeats {
            self.warner.add(Kind::Repeats, location, || {
                format!("\"{}\" repeats (RRULE): only its first occurrence is shown", short(&title))
            });
        }
        if event
            .status
            .as_deref()
            .is_some_and(|s| matches!(s.trim().to_ascii_uppercase().as_str(), "CANCELLED" | "CANCELED"))
        {
            self.warner.add(Kind::Cancelled, location, || {
                format!("\"{}\" is cancelled (STATUS:CANCELLED): kept, titled \"Cancelled: …\"", short(&title))
            });
            session.title = format!("Cancelled: {title}");
        }
        session
    }

    /// Start (conference wall clock) and length in minutes. Problems give a warning and a zero
    /// length (a day for all-day events) rather than an error: calendars are sloppy.
    pub(super) fn timing(&mut self, title: &str, times: &EventTimes, location: Location) -> (NaiveDateTime, u32) {
        let start = match &times.start {
            Some(Ok(start)) => start,
            problem => {
                let fallback = match &times.end {
                    Some(Ok(end)) => wall_clock(end, self.zone),
                    _ => self.fallback_start,
                };
                let what = match problem {
                    Some(Err(bad)) => format!("DTSTART \"{bad}\" is not a date or date-time"),
                    _ => "no DTSTART".to_owned(),
                };
                self.warner.add(Kind::BadStart, location, || {
                    format!(
                        "\"{}\": {what}: placed at {} with no length",
                        short(title),
                        fallback.format("%Y-%m-%d %H:%M")
                    )
                });
                return (fallback, 0);
            }
        };
        let starts_at = wall_clock(start, self.zone);
        let is_all_day = matches!(start, TimeValue::Date(_));
        if is_all_day {
            self.all_day.add(location.line);
        }
        let default_mins = if is_all_day { 1440 } else { 0 };
        let minutes = match (&times.end, &times.duration) {
            (Some(Ok(TimeValue::Date(end))), _) if is_all_day && starts_at.date() == *end => 1440,
            (Some(Ok(end)), _) => minutes_between(starts_at, wall_clock(end, self.zone)),
            (None, Some(Ok(minutes))) => *minutes,
            (Some(Err(bad)), _) | (None, Some(Err(bad))) => {
                let which = if times.end.is_some() { "DTEND" } else { "DURATION" };
                self.warner.add(Kind::BadEnd, location, || {
                    format!(
                        "\"{}\": {which} \"{bad}\" is not understood: length taken as {default_mins} min",
                        short(title)
                    )
                });
                default_mins
            }
            (None, None) => {
                if !is_all_day {
                    self.warner.add(Kind::NoEnd, location, || {
                        format!("\"{}\" has no DTEND or DURATION: shown with no length", short(title))
                    });
                }
                default_mins
            }
        };
        if minutes < 0 {
            self.warner.add(Kind::EndsBeforeStart, location, || {
                format!("\"{}\" ends before it starts: shown with no length", short(title))
            });
        }
        (starts_at, u32::try_from(minutes.max(0)).unwrap_or(u32::MAX))
    }
}

/// The conference-local wall clock of a time: instants are converted to `zone`, floating and
/// all-day times stay as written.
pub(super) fn wall_clock(value: &TimeValue, zone: Zone) -> NaiveDateTime {
    match value {
        TimeValue::Date(date) => date.and_time(NaiveTime::MIN),
        TimeValue::Floating(time) | TimeValue::UnknownZone(time) => *time,
        TimeValue::Utc(time) => common::wall_clock(time.and_utc().fixed_offset(), zone),
        TimeValue::Zoned(time, tz) => common::wall_clock(resolve_local(*tz, *time).fixed_offset(), zone),
        TimeValue::Offset(instant) => common::wall_clock(*instant, zone),
    }
}

/// The conference zone: `X-WR-TIMEZONE` if it is a zone, else the most common `DTSTART` zone if
/// it is known, else floating, with a warning that says how times are shown.
pub(super) fn choose_zone(
    wr_timezone: Option<&str>,
    times: &[EventTimes],
    zones: &mut ZoneResolver,
    warner: &mut Warner,
) -> Zone {
    if let Some(name) = wr_timezone.map(str::trim).filter(|n| !n.is_empty()) {
        if let Some(tz) = zones.lookup(name) {
            return Zone::Named(tz);
        }
        warner.add_at(Kind::Other, None, || format!("X-WR-TIMEZONE \"{}\" is not a known time zone", short(name)));
    }
    // Counted by zone, so `Europe/Berlin` and `/mozilla.org/…/Europe/Berlin` add up; ties go to
    // the zone seen first.
    let mut counts: BTreeMap<String, (usize, usize, Option<Tz>)> = BTreeMap::new();
    for (i, t) in times.iter().enumerate() {
        let key = match (&t.start, &t.start_tzid) {
            (Some(Ok(TimeValue::Zoned(_, tz))), _) => (tz.name().to_owned(), Some(*tz)),
            (Some(Ok(TimeValue::UnknownZone(_))), Some(tzid)) => (format!("?{tzid}"), None),
            _ => continue,
        };
        counts.entry(key.0).or_insert((0, i, key.1)).0 += 1;
    }
    let most_common = counts.values().max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    if let Some(&(_, _, Some(tz))) = most_common {
        return Zone::Named(tz);
    }
    let timed = times
        .iter()
        .flat_map(|t| [&t.start, &t.end])
        .filter_map(|v| v.as_ref()?.as_ref().ok())
        .filter(|v| !matches!(v, TimeValue::Date(_)));
    let (mut count, mut utc) = (0_usize, 0_usize);
    for value in timed {
        count += 1;
        utc += usize::from(matches!(value, TimeValue::Utc(_)));
    }
    if count > 0 && count == utc {
        warner.add_at(Kind::Other, None, || {
            "the calendar names no time zone and all times are UTC: times are shown in UTC; set the conference zone in the app".to_owned()
        });
    } else if count > 0 {
        warner.add_at(Kind::Other, None, || {
            "the calendar names no time zone: times are shown as written; set the conference zone in the app".to_owned()
        });
    }
    Zone::Floating
}
