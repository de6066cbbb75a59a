//! Derived totals over a roster: [`PersonHours`] per staff member and [`ShiftCoverage`] per
//! shift, and the two figures the `lanyard roster` summary line adds from them
//! ([`Roster::full_shifts`], [`Roster::hours_spread_ns`]). Computed on demand, never stored.
//! Worked time is summed exactly ([`Shift::length_ns`]) and only then rounded to minutes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{BoothId, PersonName, Roster, Shift, ShiftId, Staff, count_u32};
use crate::model::time::floor_minutes;

/// Hours worked by one person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonHours {
    pub shifts: u32,
    /// Exact time worked in all, in nanoseconds (`model::time::instant_ns`).
    pub total_ns: i128,
    /// `total_ns` in whole minutes, rounded down, for display.
    pub total_mins: u32,
    /// Minutes per conference day (each day summed exactly, then rounded down).
    pub by_day: BTreeMap<NaiveDate, u32>,
    /// Booths they work at.
    pub booths: BTreeSet<BoothId>,
}

/// How full one shift is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftCoverage {
    pub shift: ShiftId,
    pub seats: u32,
    pub assigned: u32,
    pub experienced: u32,
    pub newcomers: u32,
}

impl ShiftCoverage {
    pub fn open_seats(&self) -> u32 {
        self.seats.saturating_sub(self.assigned)
    }
}

impl Roster {
    /// Hours per staff member (everyone, including those with no shift), by name.
    pub fn hours(&self) -> BTreeMap<PersonName, PersonHours> {
        let mut out: BTreeMap<PersonName, PersonHours> =
            self.parts.staff.iter().map(|s| (s.name.clone(), PersonHours::default())).collect();
        let shifts: BTreeMap<&str, &Shift> = self.parts.shifts.iter().map(|s| (s.id.as_str(), s)).collect();
        let mut by_day: BTreeMap<(&str, NaiveDate), i128> = BTreeMap::new();
        for a in &self.parts.assignments {
            let (Some(&shift), Some(hours)) = (shifts.get(a.shift.as_str()), out.get_mut(a.person.as_str())) else {
                continue;
            };
            hours.shifts += 1;
            hours.total_ns = hours.total_ns.saturating_add(shift.length_ns());
            let day = by_day.entry((a.person.as_str(), self.day_of(shift))).or_insert(0);
            *day = day.saturating_add(shift.length_ns());
            hours.booths.insert(shift.booth.clone());
        }
        for hours in out.values_mut() {
            hours.total_mins = floor_minutes(hours.total_ns);
        }
        for ((person, date), worked) in by_day {
            if let Some(hours) = out.get_mut(person) {
                hours.by_day.insert(date, floor_minutes(worked));
            }
        }
        out
    }

    /// Shifts with every seat taken.
    pub fn full_shifts(&self) -> u32 {
        count_u32(self.coverage().iter().filter(|c| c.open_seats() == 0).count())
    }

    /// How unevenly work is spread: the most time anyone works minus the least, among staff with
    /// at least one shift (exact, in nanoseconds; 0 when fewer than two people work). Staff with
    /// no shift are left out, so a reserve list does not count as unevenness.
    pub fn hours_spread_ns(&self) -> i128 {
        let worked: Vec<i128> = self.hours().values().filter(|h| h.shifts > 0).map(|h| h.total_ns).collect();
        match (worked.iter().max(), worked.iter().min()) {
            (Some(max), Some(min)) => max - min,
            _ => 0,
        }
    }

    /// Coverage of every shift, in shift order (start, end, id).
    pub fn coverage(&self) -> Vec<ShiftCoverage> {
        let staff: BTreeMap<&str, &Staff> = self.parts.staff.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut counts: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
        for a in &self.parts.assignments {
            let (assigned, newcomers) = counts.entry(a.shift.as_str()).or_insert((0, 0));
            *assigned += 1;
            if staff.get(a.person.as_str()).is_some_and(|s| s.is_newcomer()) {
                *newcomers += 1;
            }
        }
        self.shifts_in_order()
            .into_iter()
            .map(|shift| {
                let (assigned, newcomers) = counts.get(shift.id.as_str()).copied().unwrap_or((0, 0));
                ShiftCoverage {
                    shift: shift.id.clone(),
                    seats: shift.seats,
                    assigned,
                    experienced: assigned - newcomers,
                    newcomers,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::test_support::{assign, roster};
    use crate::model::timeline::{ItemKind, ItemSource, ShiftKey};

    #[test]
    fn hours_coverage_and_timeline() {
        let mut r = roster();
        r.apply(assign("a1", "Ana")).unwrap();
        r.apply(assign("b1", "Ben")).unwrap();
        r.apply(assign("a2", "Ana")).unwrap();
        let hours = r.hours();
        assert_eq!(hours["Ana"].total_mins, 240);
        assert_eq!(hours["Ana"].booths.len(), 1);
        assert_eq!(hours["Chen"], PersonHours::default());
        assert_eq!(r.full_shifts(), 0, "every shift has two seats");
        assert_eq!(r.hours_spread_ns(), 2 * crate::model::time::NANOS_PER_HOUR, "Ana 4 h, Ben 2 h; Chen left out");
        let coverage = r.coverage();
        assert_eq!(coverage.iter().map(|c| c.shift.as_str()).collect::<Vec<_>>(), ["a1", "b1", "a2"]);
        assert_eq!((coverage[1].newcomers, coverage[1].open_seats()), (1, 1));
        let items = r.timeline_items(" Ana ");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].title, "Booth: a booth");
        assert_eq!(items[0].place, "Hall a");
        assert_eq!(items[0].kind, ItemKind::Shift);
        assert_eq!(items[0].source, ItemSource::Shift(ShiftKey { roster: "r".into(), shift: "a1".into() }));
        assert!(r.timeline_items("Nobody").is_empty());
    }
}
