//! What a roster comes to, for the views: its violations, each person's hours, each shift's
//! coverage and how many newcomers work alone ([`RosterReport`], computed when the roster or the
//! staff's busy times change, never per frame); each person's load against their limit
//! ([`StaffLoad`]); and each booth's seats needed against people on, over one day
//! ([`booth_coverage`], for the coverage chart). Plain data: the views only draw it.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::busy::StaffBusy;
use super::roster::{BoothId, PersonHours, PersonName, Roster, ShiftCoverage, Staff, Violation};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterReport {
    pub violations: Vec<Violation>,
    pub hours: BTreeMap<PersonName, PersonHours>,
    pub coverage: Vec<ShiftCoverage>,
    pub newcomers_alone: usize,
}

/// One staff member's rostered minutes against their total limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffLoad<'a> {
    /// Borrowed: the staff panel asks for every visible row's load every frame.
    pub name: &'a PersonName,
    pub minutes: u32,
    /// `max_hours_total` in minutes; `None` when they gave no limit.
    pub limit_mins: Option<u32>,
}

impl StaffLoad<'_> {
    /// Rostered for longer than they said they can work.
    pub fn is_over_limit(&self) -> bool {
        self.limit_mins.is_some_and(|limit| self.minutes > limit)
    }
}

/// One stretch of a booth's day in which the same shifts are on: the seats they need and the
/// people rostered on them. Half-open `[from, to)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoverageStep {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub seats: u32,
    pub people: u32,
}

/// One booth's day, as steps in time order from its first shift's start to its last one's end.
/// A stretch between shifts is a step with nothing needed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoothCoverage {
    pub booth: BoothId,
    pub name: String,
    pub steps: Vec<CoverageStep>,
}

impl RosterReport {
    /// Everything about `roster` against its staff's busy times (their plans, and the roster's
    /// own volunteer sign-ups).
    pub fn of(roster: &Roster, busy: &StaffBusy) -> Self {
        let busy = roster.busy_with_slots(busy);
        Self {
            violations: roster.violations(&busy),
            hours: roster.hours(),
            coverage: roster.coverage(),
            newcomers_alone: roster.newcomers_alone().len(),
        }
    }

    /// The violations that involve one shift.
    pub fn violations_on<'a>(&'a self, shift: &'a str) -> impl Iterator<Item = &'a Violation> + 'a {
        self.violations.iter().filter(move |v| v.shift.as_ref().is_some_and(|s| s.as_str() == shift))
    }

    pub fn coverage_of(&self, shift: &str) -> Option<&ShiftCoverage> {
        self.coverage.iter().find(|c| c.shift.as_str() == shift)
    }

    /// One person's rostered minutes (0 if the report does not know them) and limit.
    pub fn load_of<'a>(&self, staff: &'a Staff) -> StaffLoad<'a> {
        StaffLoad {
            name: &staff.name,
            minutes: self.hours.get(staff.name.as_str()).map_or(0, |h| h.total_mins),
            limit_mins: staff.max_hours_total.map(|h| h.saturating_mul(60)),
        }
    }

    /// Every staff member's load, most minutes first (then by name): the hours chart.
    pub fn loads_busiest_first<'a>(&self, roster: &'a Roster) -> Vec<StaffLoad<'a>> {
        let mut loads: Vec<StaffLoad<'a>> = roster.staff().iter().map(|s| self.load_of(s)).collect();
        loads.sort_by(|a, b| b.minutes.cmp(&a.minutes).then_with(|| a.name.cmp(b.name)));
        loads
    }

    /// Who could be assigned to `shift_id` by hand: staff not already on it, fewest minutes first
    /// (then by name), so the work spreads. Rules a choice would break are shown once assigned,
    /// as violations; they do not hide anyone here.
    pub fn assign_candidates<'a>(&self, roster: &'a Roster, shift_id: &str) -> Vec<StaffLoad<'a>> {
        let mut loads: Vec<StaffLoad<'a>> = roster
            .staff()
            .iter()
            .filter(|s| !roster.is_assigned(shift_id, s.name.as_str()))
            .map(|s| self.load_of(s))
            .collect();
        loads.sort_by(|a, b| (a.minutes, &a.name).cmp(&(b.minutes, &b.name)));
        loads
    }
}

/// Each booth's seats needed against people on over the conference day `date` (shifts counted on
/// the day they count towards), in booth order; a booth with no shift that day has no steps.
pub fn booth_coverage(roster: &Roster, date: NaiveDate) -> Vec<BoothCoverage> {
    roster
        .booths()
        .iter()
        .map(|booth| {
            let shifts: Vec<_> =
                roster.shifts().iter().filter(|s| s.booth == booth.id && roster.day_of(s) == date).collect();
            let mut edges: Vec<NaiveDateTime> = shifts.iter().flat_map(|s| [s.starts_at, s.ends_at]).collect();
            edges.sort_unstable();
            edges.dedup();
            let steps = edges
                .windows(2)
                .filter_map(|pair| {
                    let (&from, &to) = (pair.first()?, pair.get(1)?);
                    let on = shifts.iter().filter(|s| s.starts_at <= from && s.ends_at >= to);
                    let (seats, people) = on.fold((0u32, 0u32), |(seats, people), s| {
                        let here = u32::try_from(roster.people_on(s.id.as_str()).len()).unwrap_or(u32::MAX);
                        (seats.saturating_add(s.seats), people.saturating_add(here))
                    });
                    Some(CoverageStep { from, to, seats, people })
                })
                .collect();
            BoothCoverage { booth: booth.id.clone(), name: booth.name.clone(), steps }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::{Assignment, Booth, Experience, RosterEdit, RosterParts, Shift, ShiftId, Staff};

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn shift(id: &str, booth: &str, from: &str, to: &str, seats: u32) -> Shift {
        Shift {
            requires: Vec::new(),
            id: ShiftId::new(id),
            booth: BoothId::new(booth),
            starts_at: dt(from),
            ends_at: dt(to),
            seats,
            role: String::new(),
        }
    }

    /// Booth `a`: 09–11 (two seats, Ana and Ben), 10–12 (one seat, empty), a gap, 13–14 (two
    /// seats, Chen); booth `b`: nothing on the 16th, one shift on the 17th.
    fn roster() -> Roster {
        let mut ana = Staff::new("Ana", Experience::Experienced);
        ana.max_hours_total = Some(1);
        let mut ben = Staff::new("Ben", Experience::Newcomer);
        ben.max_hours_total = Some(8);
        let parts = RosterParts {
            id: "r".into(),
            conference: "c".into(),
            booths: ["a", "b"]
                .map(|id| Booth { id: BoothId::new(id), name: format!("Booth {id}"), location: String::new() })
                .to_vec(),
            shifts: vec![
                shift("a1", "a", "2027-04-16 09:00", "2027-04-16 11:00", 2),
                shift("a2", "a", "2027-04-16 10:00", "2027-04-16 12:00", 1),
                shift("a3", "a", "2027-04-16 13:00", "2027-04-16 14:00", 2),
                shift("b1", "b", "2027-04-17 10:00", "2027-04-17 11:00", 2),
            ],
            staff: vec![ana, ben, Staff::new("Chen", Experience::Experienced), Staff::new("Dee", Experience::Newcomer)],
            assignments: vec![
                Assignment::new("a1", "Ana"),
                Assignment::new("a1", "Ben"),
                Assignment::new("a3", "Chen"),
            ],
            ..RosterParts::default()
        };
        Roster::from_parts(parts).unwrap()
    }

    fn report(roster: &Roster) -> RosterReport {
        RosterReport::of(roster, &StaffBusy::default())
    }

    /// A step on 16 April.
    fn step(from: &str, to: &str, seats: u32, people: u32) -> CoverageStep {
        CoverageStep { from: dt(&format!("2027-04-16 {from}")), to: dt(&format!("2027-04-16 {to}")), seats, people }
    }

    #[test]
    fn coverage_steps_follow_the_shifts_of_the_day() {
        let roster = roster();
        let day = booth_coverage(&roster, dt("2027-04-16 00:00").date());
        assert_eq!(day.len(), 2, "every booth, in booth order");
        assert_eq!((day[0].booth.as_str(), day[0].name.as_str()), ("a", "Booth a"));
        assert_eq!(
            day[0].steps,
            [
                step("09:00", "10:00", 2, 2),
                step("10:00", "11:00", 3, 2),
                step("11:00", "12:00", 1, 0),
                step("12:00", "13:00", 0, 0),
                step("13:00", "14:00", 2, 1),
            ],
            "overlapping shifts add up; the gap between shifts needs nothing"
        );
        assert!(day[1].steps.is_empty(), "booth b has nothing on the 16th");
        let next = booth_coverage(&roster, dt("2027-04-17 00:00").date());
        let b1 = CoverageStep { from: dt("2027-04-17 10:00"), to: dt("2027-04-17 11:00"), seats: 2, people: 0 };
        assert_eq!(next[1].steps, [b1]);
    }

    #[test]
    fn loads_against_limits() {
        let roster = roster();
        let report = report(&roster);
        let ana = report.load_of(roster.staff_member("Ana").unwrap());
        assert_eq!((ana.minutes, ana.limit_mins), (120, Some(60)));
        assert!(ana.is_over_limit(), "two hours rostered, one allowed");
        let ben = report.load_of(roster.staff_member("Ben").unwrap());
        assert!(!ben.is_over_limit());
        let chen = report.load_of(roster.staff_member("Chen").unwrap());
        assert_eq!((chen.minutes, chen.limit_mins), (60, None));
        assert!(!chen.is_over_limit(), "no limit is never over it");
        let loads = report.loads_busiest_first(&roster);
        let order: Vec<(&str, u32)> = loads.iter().map(|l| (l.name.as_str(), l.minutes)).collect();
        assert_eq!(order, [("Ana", 120), ("Ben", 120), ("Chen", 60), ("Dee", 0)]);
    }

    #[test]
    fn assign_candidates_leave_out_who_is_on_and_spread_the_work() {
        let mut roster = roster();
        let names = |loads: Vec<StaffLoad<'_>>| loads.into_iter().map(|l| l.name.to_string()).collect::<Vec<String>>();
        let report = report(&roster);
        assert_eq!(
            names(report.assign_candidates(&roster, "a1")),
            ["Dee", "Chen"],
            "Ana and Ben are on it; fewest minutes first"
        );
        assert_eq!(
            names(report.assign_candidates(&roster, "a2")),
            ["Dee", "Chen", "Ana", "Ben"],
            "fewest minutes first"
        );
        roster
            .apply(RosterEdit::Assign(crate::model::roster::AssignEdit::Assign {
                shift: "a2".into(),
                person: "Dee".into(),
                locked: false,
            }))
            .unwrap();
        let report = RosterReport::of(&roster, &StaffBusy::default());
        assert_eq!(names(report.assign_candidates(&roster, "a2")), ["Chen", "Ana", "Ben"]);
    }
}
