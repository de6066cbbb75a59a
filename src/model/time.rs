//! Conference time. Sessions carry conference-local wall-clock times (`NaiveDateTime`); the zone
//! lives once on the conference. Conversions to real instants happen only at the edges: import of
//! zoned formats, export to calendars, and computing "now".
//!
//! Daylight-saving rules, per RFC 5545 §3.3.5: a wall-clock time that occurs twice (autumn) means
//! the first occurrence; a time that does not exist (spring gap) is moved forward by the gap.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _, Utc};
use chrono_tz::Tz;

/// The zone a conference's wall-clock times are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Zone {
    /// An IANA zone, e.g. `Europe/Brussels`.
    Named(Tz),
    /// The file never named a zone: times are wall-clock times wherever the attendee is.
    #[default]
    Floating,
}

impl Zone {
    /// Parses an IANA zone name such as `America/Vancouver`. `None` for unknown names.
    pub fn from_iana(name: &str) -> Option<Self> {
        name.trim().parse::<Tz>().ok().map(Self::Named)
    }

    pub fn tz(self) -> Option<Tz> {
        match self {
            Self::Named(tz) => Some(tz),
            Self::Floating => None,
        }
    }

    /// The IANA name, or `None` for floating time.
    pub fn name(self) -> Option<&'static str> {
        self.tz().map(|tz| tz.name())
    }

    /// The real instant of a conference-local wall-clock time. Floating times are taken as UTC,
    /// which is only meaningful for ordering; exporters write floating times as floating.
    pub fn to_utc(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Self::Named(tz) => resolve_local(tz, local).with_timezone(&Utc),
            Self::Floating => local.and_utc(),
        }
    }

    /// The conference-local wall-clock time of an instant. For a floating zone the laptop's own
    /// wall-clock time is the best answer there is, so the caller passes it in.
    pub fn local_now(self, instant: DateTime<Utc>, laptop_local: NaiveDateTime) -> NaiveDateTime {
        match self {
            Self::Named(tz) => instant.with_timezone(&tz).naive_local(),
            Self::Floating => laptop_local,
        }
    }
}

/// Resolves a wall-clock time in `tz` to one instant: the earlier of two in a repeated hour, and
/// the time shifted forward by the gap when it falls inside a skipped hour.
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
        LocalResult::None => {
            // Inside a gap: the offset before the gap applied to the wall-clock time gives the
            // instant RFC 5545 asks for (e.g. 02:30 on a spring-forward night becomes 03:30).
            let before = local - Duration::hours(24);
            let offset = match tz.from_local_datetime(&before) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.offset().fix().local_minus_utc(),
                LocalResult::None => 0,
            };
            let utc = local - Duration::seconds(i64::from(offset));
            tz.from_utc_datetime(&utc)
        }
    }
}

use chrono::Offset as _;

/// The conference day a session starting at `starts_at` belongs to: events that start before
/// `day_change` (e.g. 04:00) belong to the day that began the evening before.
pub fn conference_date(starts_at: NaiveDateTime, day_change: NaiveTime) -> NaiveDate {
    let since_midnight = day_change.signed_duration_since(NaiveTime::MIN);
    (starts_at - since_midnight).date()
}

/// `starts_at + minutes`, saturating at the largest representable time instead of panicking on
/// hostile durations.
pub fn add_minutes(starts_at: NaiveDateTime, minutes: u32) -> NaiveDateTime {
    starts_at.checked_add_signed(Duration::minutes(i64::from(minutes))).unwrap_or(NaiveDateTime::MAX)
}

/// Minutes from `a` to `b` (negative if `b` is earlier), saturating.
pub fn minutes_between(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    b.signed_duration_since(a).num_minutes()
}

/// Nanoseconds in a minute and in an hour, the units [`instant_ns`] is counted in.
pub const NANOS_PER_MINUTE: i128 = 60_000_000_000;
pub const NANOS_PER_HOUR: i128 = 60 * NANOS_PER_MINUTE;

/// `t` as an exact instant for rule arithmetic: nanoseconds since the Unix epoch (of the
/// wall-clock time read as UTC). An `i128` holds every `NaiveDateTime`, so nothing is floored:
/// the auto-roster and the roster check both compare and subtract these, never whole minutes.
pub fn instant_ns(t: NaiveDateTime) -> i128 {
    let utc = t.and_utc();
    i128::from(utc.timestamp()) * 1_000_000_000 + i128::from(utc.timestamp_subsec_nanos())
}

/// Whole minutes in `nanos`, rounded down (0 if negative, saturating): for showing a length
/// under a limit, such as a rest that is too short, so it never shows as long enough.
pub fn floor_minutes(nanos: i128) -> u32 {
    u32::try_from(nanos.max(0) / NANOS_PER_MINUTE).unwrap_or(u32::MAX)
}

/// Whole minutes in `nanos`, rounded up (0 if negative, saturating): for showing a length over a
/// limit, so an overrun of seconds never shows as the limit itself.
pub fn ceil_minutes(nanos: i128) -> u32 {
    let nanos = nanos.max(0);
    let whole = nanos / NANOS_PER_MINUTE;
    let up = if nanos % NANOS_PER_MINUTE == 0 { whole } else { whole + 1 };
    u32::try_from(up).unwrap_or(u32::MAX)
}

/// `09:05`.
pub fn format_hm(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

/// `Fri 16 Apr`.
pub fn format_day(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// A human duration: `45 min`, `1 h`, `1 h 30 min`.
pub fn format_minutes(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn after_midnight_belongs_to_previous_day() {
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        assert_eq!(conference_date(dt("2027-04-18 01:30"), four), dt("2027-04-17 00:00").date());
        assert_eq!(conference_date(dt("2027-04-18 03:59"), four), dt("2027-04-17 00:00").date());
        // Just after the day change it is the new day.
        assert_eq!(conference_date(dt("2027-04-18 04:00"), four), dt("2027-04-18 00:00").date());
        assert_eq!(conference_date(dt("2027-04-18 04:01"), four), dt("2027-04-18 00:00").date());
        assert_eq!(conference_date(dt("2027-04-18 00:30"), NaiveTime::MIN), dt("2027-04-18 00:00").date());
    }

    #[test]
    fn dst_spring_forward_gap_moves_forward_in_two_zones() {
        // Brussels: 2027-03-28 02:00 → 03:00. Vancouver: 2027-03-14 02:00 → 03:00.
        let brussels = Zone::from_iana("Europe/Brussels").unwrap();
        let in_gap = brussels.to_utc(dt("2027-03-28 02:30"));
        assert_eq!(in_gap.to_rfc3339(), "2027-03-28T01:30:00+00:00"); // 03:30 CEST
        let vancouver = Zone::from_iana("America/Vancouver").unwrap();
        assert_eq!(
            vancouver.to_utc(dt("2027-03-14 02:30")).to_rfc3339(),
            "2027-03-14T10:30:00+00:00" // 03:30 PDT
        );
        // Either side of the gap keeps its own offset.
        assert_eq!(brussels.to_utc(dt("2027-03-28 01:59")).to_rfc3339(), "2027-03-28T00:59:00+00:00");
        assert_eq!(brussels.to_utc(dt("2027-03-28 03:00")).to_rfc3339(), "2027-03-28T01:00:00+00:00");
    }

    #[test]
    fn dst_autumn_repeated_hour_takes_first_occurrence() {
        let brussels = Zone::from_iana("Europe/Brussels").unwrap();
        // 2027-10-31 03:00 CEST → 02:00 CET; 02:30 happens twice.
        assert_eq!(brussels.to_utc(dt("2027-10-31 02:30")).to_rfc3339(), "2027-10-31T00:30:00+00:00");
        let vancouver = Zone::from_iana("America/Vancouver").unwrap();
        assert_eq!(vancouver.to_utc(dt("2027-11-07 01:30")).to_rfc3339(), "2027-11-07T08:30:00+00:00");
    }

    #[test]
    fn now_in_conference_zone() {
        let zone = Zone::from_iana("Europe/Brussels").unwrap();
        let instant = dt("2027-02-06 08:00").and_utc();
        assert_eq!(zone.local_now(instant, dt("2000-01-01 00:00")), dt("2027-02-06 09:00"));
        assert_eq!(Zone::Floating.local_now(instant, dt("2000-01-01 00:00")), dt("2000-01-01 00:00"));
    }

    #[test]
    fn hostile_durations_saturate() {
        assert_eq!(add_minutes(NaiveDateTime::MAX, 10), NaiveDateTime::MAX);
        assert_eq!(minutes_between(dt("2027-01-01 10:00"), dt("2027-01-01 11:30")), 90);
        assert_eq!(format_minutes(90), "1 h 30 min");
        assert_eq!(format_minutes(45), "45 min");
        let rest = instant_ns(dt("2027-01-01 10:30")) - instant_ns(dt("2027-01-01 10:00")) - 20 * 1_000_000_000;
        assert_eq!((floor_minutes(rest), ceil_minutes(rest)), (29, 30), "29 min 40 s");
        assert_eq!((floor_minutes(-5), ceil_minutes(NANOS_PER_HOUR)), (0, 60));
        assert_eq!(format_minutes(120), "2 h");
    }
}
