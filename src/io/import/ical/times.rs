//! Section 6 of the iCalendar reader: dates, times and durations.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use super::lines::short;
use super::zones::ZoneResolver;
use super::{RawEvent, RawTime};
use crate::io::import::common;

// ---------------------------------------------------------------------------------------------
// 6. Dates, times and durations.

/// A `DTSTART`/`DTEND` value, interpreted.
#[derive(Clone, Debug)]
pub(super) enum TimeValue {
    /// `VALUE=DATE`: an all-day date.
    Date(NaiveDate),
    /// No zone: wall-clock time wherever the conference is.
    Floating(NaiveDateTime),
    /// `…Z`.
    Utc(NaiveDateTime),
    /// `TZID=` a zone we know.
    Zoned(NaiveDateTime, Tz),
    /// `TZID=` a zone we could not recover: read as floating.
    UnknownZone(NaiveDateTime),
    /// ISO 8601 with an offset, which sloppy generators write.
    Offset(DateTime<FixedOffset>),
}

/// The parsed times of one event; `Err` holds a value that could not be read.
#[derive(Debug)]
pub(super) struct EventTimes {
    pub(super) start: Option<Result<TimeValue, String>>,
    pub(super) start_tzid: Option<String>,
    pub(super) end: Option<Result<TimeValue, String>>,
    pub(super) duration: Option<Result<i64, String>>,
}

impl EventTimes {
    pub(super) fn read(event: &RawEvent, zones: &mut ZoneResolver) -> Self {
        let mut time = |raw: &Option<RawTime>| {
            raw.as_ref().map(|raw| read_time(raw, zones, event.line).ok_or_else(|| short(raw.value.trim())))
        };
        let start = time(&event.start);
        let end = time(&event.end);
        let duration = event.duration.as_deref().map(|d| parse_duration_minutes(d).ok_or_else(|| short(d.trim())));
        let start_tzid = event.start.as_ref().and_then(|s| s.tzid.clone());
        Self { start, start_tzid, end, duration }
    }
}

pub(super) fn read_time(raw: &RawTime, zones: &mut ZoneResolver, line: u32) -> Option<TimeValue> {
    let value = raw.value.trim();
    // A list (`RDATE`-style) in DTSTART: the first value counts.
    let value = value.split(',').next().unwrap_or(value).trim();
    // Only extended ISO 8601 (with `-`) can carry an offset; RFC 5545 values skip the slow path.
    if let Some(instant) = value.contains('-').then(|| common::parse_datetime_with_offset(value)).flatten() {
        return Some(if instant.offset().local_minus_utc() == 0 {
            TimeValue::Utc(instant.naive_utc())
        } else {
            TimeValue::Offset(instant)
        });
    }
    Some(match parse_basic(value)? {
        Basic::Date(date) => TimeValue::Date(date),
        Basic::DateTime(time, true) => TimeValue::Utc(time),
        Basic::DateTime(time, false) => match raw.tzid.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => TimeValue::Floating(time),
            Some(tzid) => match zones.lookup(tzid) {
                Some(tz) => TimeValue::Zoned(time, tz),
                None => {
                    zones.note_unknown(tzid, line);
                    TimeValue::UnknownZone(time)
                }
            },
        },
    })
}

pub(super) enum Basic {
    Date(NaiveDate),
    /// The time and whether it is UTC.
    DateTime(NaiveDateTime, bool),
}

/// `20270206`, `20270206T103000`, `20270206T103000Z`, and sloppy variants: lower case, no
/// seconds, `2027-02-06T10:30:00`, fractional seconds, `T240000` for the next midnight.
pub(super) fn parse_basic(value: &str) -> Option<Basic> {
    let cleaned: String = value.chars().filter(|c| !matches!(c, '-' | ':')).collect::<String>().to_ascii_uppercase();
    let (cleaned, is_utc) = match cleaned.strip_suffix('Z') {
        Some(rest) => (rest, true),
        None => (cleaned.as_str(), false),
    };
    let (date_part, time_part) = match cleaned.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (cleaned, None),
    };
    if date_part.len() != 8 {
        return None;
    }
    let number = |range: std::ops::Range<usize>, text: &str| -> Option<u32> {
        let digits = text.get(range)?;
        if digits.bytes().all(|b| b.is_ascii_digit()) { digits.parse().ok() } else { None }
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4, date_part)?).ok()?,
        number(4..6, date_part)?,
        number(6..8, date_part)?,
    )?;
    let Some(time_part) = time_part else { return Some(Basic::Date(date)) };
    let time_part = time_part.split_once('.').map_or(time_part, |(whole, _)| whole);
    let (hour, minute, second) = match time_part.len() {
        4 => (number(0..2, time_part)?, number(2..4, time_part)?, 0),
        6 => (number(0..2, time_part)?, number(2..4, time_part)?, number(4..6, time_part)?),
        _ => return None,
    };
    let time = if (hour, minute, second) == (24, 0, 0) {
        date.succ_opt()?.and_time(NaiveTime::MIN)
    } else {
        // Second 60 is a leap second (RFC 5545 §3.3.12).
        date.and_time(NaiveTime::from_hms_opt(hour, minute, second.min(59))?)
    };
    Some(Basic::DateTime(time, is_utc))
}

/// An RFC 5545 duration in minutes, seconds rounded up: `PT45M`, `PT1H30M`, `P1D`, `P1DT2H`,
/// `P2W`, `-PT15M`. Also accepts the sloppy `P1H` and `PT1H30M0S`. `None` if unreadable or
/// absurdly large.
pub(super) fn parse_duration_minutes(text: &str) -> Option<i64> {
    let text = text.trim().to_ascii_uppercase();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(&text)),
    };
    let rest = rest.strip_prefix('P')?;
    let mut seconds: i64 = 0;
    let mut number: Option<i64> = None;
    let mut in_time = false;
    let mut has_unit = false;
    for c in rest.chars() {
        if let Some(digit) = c.to_digit(10) {
            number = Some(number.unwrap_or(0).checked_mul(10)?.checked_add(i64::from(digit))?);
            continue;
        }
        let unit = match (c, in_time) {
            ('T', false) if number.is_none() => {
                in_time = true;
                continue;
            }
            ('W', false) => 7 * 86_400,
            ('D', false) => 86_400,
            ('H', _) => 3_600,
            ('M', _) => 60,
            ('S', _) => 1,
            _ => return None,
        };
        seconds = seconds.checked_add(number.take()?.checked_mul(unit)?)?;
        has_unit = true;
    }
    if number.is_some() || !has_unit {
        return None;
    }
    Some(sign * (seconds / 60 + i64::from(seconds % 60 != 0)))
}
