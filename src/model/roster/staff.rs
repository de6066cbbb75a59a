//! [`Staff`]: a person who can staff booths, their [`Experience`], and their availability as
//! [`Window`]s (with [`merged_windows`] and [`covered`] to test a shift against them). Plain data
//! and pure interval helpers; rule checking lives in `violation`.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::PersonName;
use crate::model::busy::spans_overlap;
use crate::model::time::NANOS_PER_HOUR;

/// How much booth experience someone has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Experience {
    /// Never works a shift without an experienced partner.
    Newcomer,
    Experienced,
}

/// A stretch of time, `[starts_at, ends_at)`, with an optional note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Window {
    pub fn new(starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> Self {
        Self { starts_at, ends_at, note: String::new() }
    }

    /// Whether it overlaps `[starts_at, ends_at)`, by the one rule of [`spans_overlap`].
    pub fn overlaps(&self, starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> bool {
        spans_overlap((self.starts_at, self.ends_at), (starts_at, ends_at))
    }
}

/// A person who can staff booths.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub name: PersonName,
    /// E-mail, phone, chat handle: free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    pub experience: Experience,
    /// At most this many hours of shifts on one conference day; `None`: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours_per_day: Option<u32>,
    /// At most this many hours of shifts in all; `None`: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours_total: Option<u32>,
    /// When they can work. Empty: any time (minus `unavailable` and their own plan).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Window>,
    /// When they cannot work, whatever `availability` says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<Window>,
    /// Skills or languages, e.g. `es`, `demo`, `sign language`. A shift's
    /// [`requires`](super::Shift::requires) is checked against them ([`Self::has_skill`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
}

impl Staff {
    /// A staff member with no limits and no windows.
    pub fn new(name: impl Into<String>, experience: Experience) -> Self {
        Self {
            name: PersonName::new(name),
            contact: String::new(),
            experience,
            max_hours_per_day: None,
            max_hours_total: None,
            availability: Vec::new(),
            unavailable: Vec::new(),
            skills: Vec::new(),
        }
    }

    /// Whether they list `skill`, compared trimmed and case-insensitively (`DE` is `de`).
    pub fn has_skill(&self, skill: &str) -> bool {
        let skill = skill.trim().to_lowercase();
        self.skills.iter().any(|s| s.trim().to_lowercase() == skill)
    }

    pub fn is_newcomer(&self) -> bool {
        self.experience == Experience::Newcomer
    }

    /// `max_hours_per_day` in minutes (`u32::MAX`: no limit).
    pub fn max_minutes_per_day(&self) -> u32 {
        self.max_hours_per_day.map_or(u32::MAX, |h| h.saturating_mul(60))
    }

    /// `max_hours_total` in minutes (`u32::MAX`: no limit).
    pub fn max_minutes_total(&self) -> u32 {
        self.max_hours_total.map_or(u32::MAX, |h| h.saturating_mul(60))
    }

    /// `max_hours_per_day` in nanoseconds, what worked time is compared with (`i128::MAX`: no
    /// limit).
    pub fn max_ns_per_day(&self) -> i128 {
        self.max_hours_per_day.map_or(i128::MAX, |h| i128::from(h) * NANOS_PER_HOUR)
    }

    /// `max_hours_total` in nanoseconds (`i128::MAX`: no limit).
    pub fn max_ns_total(&self) -> i128 {
        self.max_hours_total.map_or(i128::MAX, |h| i128::from(h) * NANOS_PER_HOUR)
    }

    /// Whether `[starts_at, ends_at)` lies inside their availability (the union of its windows;
    /// touching windows join). Always true when they gave no availability.
    pub fn is_available(&self, starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> bool {
        self.availability.is_empty() || covered(&merged_windows(&self.availability), starts_at, ends_at)
    }
}

/// The windows as disjoint intervals sorted by start; overlapping and touching windows join.
pub fn merged_windows(windows: &[Window]) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut spans: Vec<(NaiveDateTime, NaiveDateTime)> =
        windows.iter().filter(|w| w.ends_at > w.starts_at).map(|w| (w.starts_at, w.ends_at)).collect();
    spans.sort_unstable();
    let mut out: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// Whether `[starts_at, ends_at)` lies inside one of `merged` (sorted, disjoint, non-touching).
pub fn covered(merged: &[(NaiveDateTime, NaiveDateTime)], starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> bool {
    let after = merged.partition_point(|&(start, _)| start <= starts_at);
    after > 0 && merged.get(after - 1).is_some_and(|&(_, end)| end >= ends_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::test_support::dt;

    #[test]
    fn windows_merge_and_cover() {
        let mut staff = Staff::new("Ana", Experience::Experienced);
        assert!(staff.is_available(dt("2027-04-16 00:00"), dt("2027-04-19 00:00")), "no windows: any time");
        staff.availability = vec![
            Window::new(dt("2027-04-16 12:00"), dt("2027-04-16 15:00")),
            Window::new(dt("2027-04-16 09:00"), dt("2027-04-16 12:00")),
            Window::new(dt("2027-04-16 16:00"), dt("2027-04-16 18:00")),
        ];
        assert!(staff.is_available(dt("2027-04-16 11:00"), dt("2027-04-16 13:00")), "touching windows join");
        assert!(!staff.is_available(dt("2027-04-16 14:00"), dt("2027-04-16 16:30")));
        assert!(!staff.is_available(dt("2027-04-16 08:00"), dt("2027-04-16 10:00")));
        assert!(staff.is_available(dt("2027-04-16 16:00"), dt("2027-04-16 18:00")));
    }
}
