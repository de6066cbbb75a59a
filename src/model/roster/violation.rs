//! The hard rules a roster can break and still be saved: [`ViolationKind`], [`Violation`] with
//! its one-line description, and the checks on [`Roster`] that find them. Derived, never stored;
//! the checks only read the roster.
//!
//! **Time** is exact, as in the auto-roster: overlaps compare instants
//! (`model::busy::spans_overlap`, zero-length commitments included), and rest, stretches and
//! hours are measured in nanoseconds ([`instant_ns`], [`Shift::length_ns`]) against the rules'
//! minutes and hours, hours summed before anything is rounded. Minutes in a [`ViolationKind`] are
//! for display only: a rest is rounded down and a length over a limit up, so neither ever reads
//! as within the limit.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::{Booth, PersonName, Roster, Shift, ShiftId, Staff, count_u32, covered, merged_windows};
use crate::model::busy::{BusyTime, Commitment, StaffBusy};
use crate::model::ids::SessionId;
use crate::model::personal::SlotKey;
use crate::model::time::{
    NANOS_PER_MINUTE, ceil_minutes, floor_minutes, format_day, format_hm, format_minutes, instant_ns,
};

/// A rule the roster breaks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ViolationKind {
    /// On two shifts that overlap; reported once per pair, on the earlier shift.
    DoubleBooked { other: ShiftId },
    /// Less rest than `rules.min_rest_mins` between two shifts; once per pair, on the earlier.
    TooLittleRest { other: ShiftId, rest_mins: u32, min_rest_mins: u32 },
    /// The shift is not inside their availability.
    OutsideAvailability,
    /// The shift overlaps one of their unavailable blocks.
    DuringUnavailable { note: String },
    /// The shift overlaps a must-see pick in their plan.
    DuringMustSee { session: SessionId, title: String },
    /// The shift overlaps another hard commitment: a block, event or dinner in their plan, a
    /// volunteer slot, an event in their calendar.
    DuringCommitment { title: String },
    /// More minutes on one conference day than their maximum.
    OverDailyHours { date: NaiveDate, minutes: u32, max_minutes: u32 },
    /// More minutes in all than their maximum.
    OverTotalHours { minutes: u32, max_minutes: u32 },
    /// A newcomer on a shift with no experienced person.
    NewcomerAlone,
    /// Every seat of the shift is taken and nobody on it has a skill the shift requires
    /// ([`Shift::requires`]). On the shift, attributed to the first person on it. A shift with
    /// an open seat is not reported: that seat can still go to someone with the skill (and the
    /// auto-roster only gives a shift's last seats to someone who brings a missing skill).
    MissingSkill { skill: String },
    /// A stretch of shifts without a break of at least `rules.min_rest_mins` (touching or
    /// overlapping shifts, or closer than the rest) longer than `rules.max_consecutive_mins`. On
    /// the stretch's first shift.
    TooLongStretch { minutes: u32, max_minutes: u32 },
    /// Soft, never in [`Roster::violations`]: the shift overlaps a maybe pick.
    DuringMaybe { session: SessionId, title: String },
}

impl ViolationKind {
    /// Everything but [`Self::DuringMaybe`].
    pub fn is_hard(&self) -> bool {
        !matches!(self, Self::DuringMaybe { .. })
    }
}

/// One broken rule: who, on which shift (`None` for the hour limits), and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub person: PersonName,
    pub shift: Option<ShiftId>,
    pub kind: ViolationKind,
}

impl Violation {
    /// One line for the captain, e.g.
    /// `fri-psf-1 (PSF booth, Fri 16 Apr 09:00–11:00): Ana Lima would miss must-see "…" (cpc27-003)`
    /// or `sat-psf-2 (PSF booth, Sat 17 Apr 10:00–12:00): needs someone who speaks/has 'de', and
    /// nobody on it does` (a shift-wide rule names no person).
    pub fn describe(&self, roster: &Roster) -> String {
        let who = self.person.as_str();
        let message = match &self.kind {
            ViolationKind::DoubleBooked { other } => {
                format!("{who} is double-booked with {}", shift_label(roster, other.as_str()))
            }
            ViolationKind::TooLittleRest { other, rest_mins, min_rest_mins } => format!(
                "{who} has {rest_mins} min rest before {}, less than the {min_rest_mins} min the roster asks for",
                shift_label(roster, other.as_str())
            ),
            ViolationKind::OutsideAvailability => format!("{who} is not available then"),
            ViolationKind::DuringUnavailable { note } if note.trim().is_empty() => format!("{who} is unavailable then"),
            ViolationKind::DuringUnavailable { note } => format!("{who} is unavailable then ({})", note.trim()),
            ViolationKind::DuringMustSee { session, title } => {
                format!("{who} would miss must-see \"{title}\" ({session})")
            }
            ViolationKind::DuringCommitment { title } => format!("{who} is busy then: {title}"),
            ViolationKind::OverDailyHours { date, minutes, max_minutes } => format!(
                "{who} works {} on {}, more than their {} a day",
                format_minutes(i64::from(*minutes)),
                format_day(*date),
                format_minutes(i64::from(*max_minutes))
            ),
            ViolationKind::OverTotalHours { minutes, max_minutes } => format!(
                "{who} works {} in all, more than their {}",
                format_minutes(i64::from(*minutes)),
                format_minutes(i64::from(*max_minutes))
            ),
            ViolationKind::NewcomerAlone => format!("{who} is a newcomer with no experienced partner"),
            ViolationKind::MissingSkill { skill } => {
                format!("needs someone who speaks/has '{skill}', and nobody on it does")
            }
            ViolationKind::TooLongStretch { minutes, max_minutes } => format!(
                "{who} works {} without a break from here, more than the {} the roster allows",
                format_minutes(i64::from(*minutes)),
                format_minutes(i64::from(*max_minutes))
            ),
            ViolationKind::DuringMaybe { session, title } => {
                format!("{who} would miss maybe pick \"{title}\" ({session})")
            }
        };
        match &self.shift {
            Some(shift) => format!("{}: {message}", shift_label(roster, shift.as_str())),
            None => message,
        }
    }
}

/// Whether a shift starting at `next_start` continues a stretch ending at `end`: it overlaps,
/// touches, or follows with less than `min_rest` (nanoseconds) of rest. The auto-roster's
/// `stretch_with` applies the same test.
pub(crate) fn joins_stretch(end: NaiveDateTime, next_start: NaiveDateTime, min_rest: i128) -> bool {
    instant_ns(next_start) - instant_ns(end) < min_rest.max(1)
}

/// The skills `shift` requires that none of `people` has, in the shift's order (blank and
/// repeated requirements left out).
pub fn missing_skills<'s>(shift: &'s Shift, people: &[&Staff]) -> Vec<&'s str> {
    let mut out: Vec<&str> = Vec::new();
    for skill in shift.requires.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !people.iter().any(|p| p.has_skill(skill)) && !out.iter().any(|o| o.eq_ignore_ascii_case(skill)) {
            out.push(skill);
        }
    }
    out
}

/// `fri-psf-1 (PSF booth, Fri 16 Apr 09:00–11:00)`.
pub fn shift_label(roster: &Roster, shift_id: &str) -> String {
    match roster.shift(shift_id) {
        Some(shift) => {
            let booth = roster.booth(shift.booth.as_str()).map_or(shift.booth.as_str(), Booth::label);
            format!(
                "{shift_id} ({booth}, {} {}–{})",
                format_day(roster.day_of(shift)),
                format_hm(shift.starts_at),
                format_hm(shift.ends_at)
            )
        }
        None => shift_id.to_owned(),
    }
}

impl Roster {
    /// The busy times the rules see: `busy` (from staff plans and calendars) plus the volunteer
    /// slots of this roster each staff member signed up for and did not miss. Sign-ups to this
    /// roster that came from a plan are replaced by the roster's own (which is the truth).
    pub fn busy_with_slots(&self, busy: &StaffBusy) -> StaffBusy {
        let mut out = busy.clone();
        out.remove_where(|t| matches!(&t.commitment, Commitment::Volunteer(key) if key.roster == self.parts.id));
        for slot in &self.parts.slots {
            let title = self.task(slot.task.as_str()).map_or_else(|| slot.task.to_string(), |t| t.name.clone());
            for name in slot.signups.iter().filter(|n| !slot.no_shows.contains(n)) {
                if self.staff_member(name).is_some() {
                    let time = BusyTime {
                        starts_at: slot.starts_at,
                        ends_at: slot.ends_at,
                        title: format!("Volunteer: {title}"),
                        commitment: Commitment::Volunteer(SlotKey {
                            roster: self.parts.id.clone(),
                            slot: slot.id.to_string(),
                        }),
                    };
                    out.add(PersonName::new(name.clone()), [time]);
                }
            }
        }
        out
    }

    /// Every hard rule the roster breaks, given when staff are busy. Sorted by shift (start, id),
    /// person-wide hour limits last; deterministic.
    pub fn violations(&self, busy: &StaffBusy) -> Vec<Violation> {
        let mut out = self.check(busy);
        out.retain(|v| v.kind.is_hard());
        out
    }

    /// Shifts that overlap a staff member's maybe pick: allowed, but worth knowing.
    pub fn soft_clashes(&self, busy: &StaffBusy) -> Vec<Violation> {
        let mut out = self.check(busy);
        out.retain(|v| !v.kind.is_hard());
        out
    }

    /// The `(shift, newcomer)` pairs with no experienced person on the shift.
    pub fn newcomers_alone(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        self.check_newcomers(&mut out);
        out
    }

    fn check(&self, busy: &StaffBusy) -> Vec<Violation> {
        let busy = self.busy_with_slots(busy);
        let shifts: BTreeMap<&str, &Shift> = self.parts.shifts.iter().map(|s| (s.id.as_str(), s)).collect();
        let mut by_person: BTreeMap<&str, Vec<&Shift>> = BTreeMap::new();
        for a in &self.parts.assignments {
            if let Some(&shift) = shifts.get(a.shift.as_str()) {
                by_person.entry(a.person.as_str()).or_default().push(shift);
            }
        }
        let staff: BTreeMap<&str, &Staff> = self.parts.staff.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut out = Vec::new();
        for (person, own) in &mut by_person {
            let Some(staff) = staff.get(person) else { continue };
            own.sort_by(|a, b| (a.starts_at, a.ends_at, &a.id).cmp(&(b.starts_at, b.ends_at, &b.id)));
            self.check_person(staff, own, busy.of(person), &mut out);
        }
        self.check_newcomers(&mut out);
        self.check_skills(&mut out);
        let order: BTreeMap<&str, (NaiveDateTime, NaiveDateTime)> =
            self.parts.shifts.iter().map(|s| (s.id.as_str(), (s.starts_at, s.ends_at))).collect();
        out.sort_by(|a, b| {
            let key = |v: &Violation| {
                let at = v.shift.as_ref().and_then(|s| order.get(s.as_str()).copied());
                (at.is_none(), at, v.shift.clone(), v.person.clone(), v.kind.clone())
            };
            key(a).cmp(&key(b))
        });
        out
    }

    fn check_person(&self, staff: &Staff, own: &[&Shift], busy: &[BusyTime], out: &mut Vec<Violation>) {
        let person = &staff.name;
        let at = |shift: &Shift, kind| Violation { person: person.clone(), shift: Some(shift.id.clone()), kind };
        let min_rest = i128::from(self.parts.rules.min_rest_mins) * NANOS_PER_MINUTE;
        for (i, a) in own.iter().enumerate() {
            for b in own.iter().skip(i + 1) {
                if b.starts_at < a.ends_at && a.starts_at < b.ends_at {
                    out.push(at(a, ViolationKind::DoubleBooked { other: b.id.clone() }));
                } else if min_rest > 0 {
                    // Not overlapping: one ends before the other starts.
                    let (first, second) = if a.ends_at <= b.starts_at { (a, b) } else { (b, a) };
                    let rest = instant_ns(second.starts_at) - instant_ns(first.ends_at);
                    if rest < min_rest {
                        out.push(at(
                            first,
                            ViolationKind::TooLittleRest {
                                other: second.id.clone(),
                                rest_mins: floor_minutes(rest),
                                min_rest_mins: self.parts.rules.min_rest_mins,
                            },
                        ));
                    }
                }
            }
        }
        let available = merged_windows(&staff.availability);
        // Exact lengths, summed before anything is rounded.
        let mut by_day: BTreeMap<NaiveDate, i128> = BTreeMap::new();
        let mut total: i128 = 0;
        for shift in own {
            if !staff.availability.is_empty() && !covered(&available, shift.starts_at, shift.ends_at) {
                out.push(at(shift, ViolationKind::OutsideAvailability));
            }
            for block in staff.unavailable.iter().filter(|w| w.overlaps(shift.starts_at, shift.ends_at)) {
                out.push(at(shift, ViolationKind::DuringUnavailable { note: block.note.clone() }));
            }
            for time in busy.iter().filter(|t| t.overlaps(shift.starts_at, shift.ends_at)) {
                let kind = match &time.commitment {
                    Commitment::MustSee(session) => {
                        ViolationKind::DuringMustSee { session: session.clone(), title: time.title.clone() }
                    }
                    Commitment::Maybe(session) => {
                        ViolationKind::DuringMaybe { session: session.clone(), title: time.title.clone() }
                    }
                    _ => ViolationKind::DuringCommitment { title: time.title.clone() },
                };
                out.push(at(shift, kind));
            }
            let length = shift.length_ns();
            let day = by_day.entry(self.day_of(shift)).or_insert(0);
            *day = day.saturating_add(length);
            total = total.saturating_add(length);
        }
        self.check_stretches(staff, own, out);
        let max_day = staff.max_ns_per_day();
        for (&date, &worked) in by_day.iter().filter(|&(_, &w)| w > max_day) {
            let kind = ViolationKind::OverDailyHours {
                date,
                minutes: ceil_minutes(worked),
                max_minutes: staff.max_minutes_per_day(),
            };
            out.push(Violation { person: person.clone(), shift: None, kind });
        }
        if total > staff.max_ns_total() {
            let kind =
                ViolationKind::OverTotalHours { minutes: ceil_minutes(total), max_minutes: staff.max_minutes_total() };
            out.push(Violation { person: person.clone(), shift: None, kind });
        }
    }

    /// [`ViolationKind::TooLongStretch`] over one person's shifts, sorted by start.
    fn check_stretches(&self, staff: &Staff, own: &[&Shift], out: &mut Vec<Violation>) {
        let Some(max_minutes) = self.parts.rules.max_consecutive_mins else { return };
        let min_rest = i128::from(self.parts.rules.min_rest_mins) * NANOS_PER_MINUTE;
        let max = i128::from(max_minutes) * NANOS_PER_MINUTE;
        let mut push = |first: &Shift, start: NaiveDateTime, end: NaiveDateTime| {
            let length = instant_ns(end) - instant_ns(start);
            if length > max {
                let kind = ViolationKind::TooLongStretch { minutes: ceil_minutes(length), max_minutes };
                out.push(Violation { person: staff.name.clone(), shift: Some(first.id.clone()), kind });
            }
        };
        let mut stretch: Option<(&Shift, NaiveDateTime, NaiveDateTime)> = None;
        for &shift in own {
            stretch = match stretch {
                Some((first, start, end)) if joins_stretch(end, shift.starts_at, min_rest) => {
                    Some((first, start, end.max(shift.ends_at)))
                }
                Some((first, start, end)) => {
                    push(first, start, end);
                    Some((shift, shift.starts_at, shift.ends_at))
                }
                None => Some((shift, shift.starts_at, shift.ends_at)),
            };
        }
        if let Some((first, start, end)) = stretch {
            push(first, start, end);
        }
    }

    /// [`ViolationKind::MissingSkill`]: full shifts where nobody has a required skill.
    fn check_skills(&self, out: &mut Vec<Violation>) {
        for shift in self.parts.shifts.iter().filter(|s| !s.requires.is_empty()) {
            let on = self.people_on(shift.id.as_str());
            let Some(first) = on.first() else { continue };
            if count_u32(on.len()) < shift.seats {
                continue;
            }
            let people: Vec<&Staff> = on.iter().filter_map(|a| self.staff_member(a.person.as_str())).collect();
            for skill in missing_skills(shift, &people) {
                out.push(Violation {
                    person: first.person.clone(),
                    shift: Some(shift.id.clone()),
                    kind: ViolationKind::MissingSkill { skill: skill.to_owned() },
                });
            }
        }
    }

    fn check_newcomers(&self, out: &mut Vec<Violation>) {
        let staff: BTreeMap<&str, &Staff> = self.parts.staff.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut on: BTreeMap<&str, Vec<&Staff>> = BTreeMap::new();
        for a in &self.parts.assignments {
            if let Some(&person) = staff.get(a.person.as_str()) {
                on.entry(a.shift.as_str()).or_default().push(person);
            }
        }
        for shift in &self.parts.shifts {
            let Some(people) = on.get(shift.id.as_str()) else { continue };
            if people.iter().any(|s| !s.is_newcomer()) {
                continue;
            }
            for newcomer in people {
                out.push(Violation {
                    person: newcomer.name.clone(),
                    shift: Some(shift.id.clone()),
                    kind: ViolationKind::NewcomerAlone,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::test_support::{dt, roster, shift};
    use crate::model::roster::{Assignment, Window};

    fn busy_at(start: &str, end: &str, commitment: Commitment) -> BusyTime {
        BusyTime { starts_at: dt(start), ends_at: dt(end), title: "Talk".into(), commitment }
    }

    #[test]
    fn each_rule_is_detected() {
        let mut parts = roster().into_parts();
        parts.staff[0].max_hours_per_day = Some(3);
        parts.staff[0].max_hours_total = Some(3);
        parts.staff[0].availability.push(Window::new(dt("2027-04-16 09:00"), dt("2027-04-16 11:30")));
        parts.shifts.push(shift("b2", "b", "2027-04-16 13:00", "2027-04-16 15:00"));
        parts.staff[2].unavailable.push(Window {
            starts_at: dt("2027-04-16 11:30"),
            ends_at: dt("2027-04-16 12:00"),
            note: "call".into(),
        });
        parts.assignments = vec![
            Assignment::new("a1", "Ana"),
            Assignment::new("b1", "Ana"), // double-booked with a1; outside availability (till 11:30 only)
            Assignment::new("b2", "Ben"), // a newcomer alone
            Assignment::new("a1", "Chen"), // a1 ends 11:00, a2 starts 11:00: no rest
            Assignment::new("a2", "Chen"), // unavailable 11:30–12:00; during the must-see
        ];
        parts.slots[0].signups = vec!["Chen".into()];
        parts.slots[0].starts_at = dt("2027-04-16 12:30");
        parts.slots[0].ends_at = dt("2027-04-16 14:00");
        let r = Roster::from_parts(parts).unwrap();
        let mut busy = StaffBusy::new();
        busy.add("Chen".into(), [busy_at("2027-04-16 11:00", "2027-04-16 11:30", Commitment::MustSee("t".into()))]);
        busy.add("Ana".into(), [busy_at("2027-04-16 09:30", "2027-04-16 10:00", Commitment::Maybe("m".into()))]);
        let violations = r.violations(&busy);
        let kinds: Vec<(Option<&str>, &str, ViolationKind)> = violations
            .iter()
            .map(|v| (v.shift.as_ref().map(ShiftId::as_str), v.person.as_str(), v.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Some("a1"), "Ana", ViolationKind::DoubleBooked { other: "b1".into() }),
                (
                    Some("a1"),
                    "Chen",
                    ViolationKind::TooLittleRest { other: "a2".into(), rest_mins: 0, min_rest_mins: 30 }
                ),
                (Some("b1"), "Ana", ViolationKind::OutsideAvailability),
                (Some("a2"), "Chen", ViolationKind::DuringUnavailable { note: "call".into() }),
                (Some("a2"), "Chen", ViolationKind::DuringMustSee { session: "t".into(), title: "Talk".into() }),
                (Some("a2"), "Chen", ViolationKind::DuringCommitment { title: "Volunteer: Task swag".into() }),
                (Some("b2"), "Ben", ViolationKind::NewcomerAlone),
                (
                    None,
                    "Ana",
                    ViolationKind::OverDailyHours {
                        date: dt("2027-04-16 00:00").date(),
                        minutes: 240,
                        max_minutes: 180
                    }
                ),
                (None, "Ana", ViolationKind::OverTotalHours { minutes: 240, max_minutes: 180 }),
            ]
        );
        let soft = r.soft_clashes(&busy);
        assert_eq!(soft.len(), 1);
        assert_eq!(
            soft[0].describe(&r),
            "a1 (a booth, Fri 16 Apr 09:00–11:00): Ana would miss maybe pick \"Talk\" (m)"
        );
        let lines: Vec<String> = r.violations(&busy).iter().map(|v| v.describe(&r)).collect();
        assert_eq!(lines[6], "b2 (b booth, Fri 16 Apr 13:00–15:00): Ben is a newcomer with no experienced partner");
        assert_eq!(lines[8], "Ana works 4 h in all, more than their 3 h");
        assert_eq!(r.newcomers_alone().len(), 1);
    }

    #[test]
    fn a_full_shift_without_a_required_skill_is_reported_once_per_skill() {
        let mut parts = roster().into_parts();
        parts.shifts[0].requires = vec!["DE".into(), "demo".into(), "de".into()];
        parts.staff[0].skills = vec!["de".into()];
        parts.assignments = vec![Assignment::new("a1", "Chen")];
        let r = Roster::from_parts(parts.clone()).unwrap();
        assert!(r.violations(&StaffBusy::new()).is_empty(), "a seat is still open for a German speaker");
        parts.assignments.push(Assignment::new("a1", "Ana"));
        let r = Roster::from_parts(parts.clone()).unwrap();
        let found = r.violations(&StaffBusy::new());
        let kinds: Vec<&ViolationKind> = found.iter().map(|v| &v.kind).collect();
        assert_eq!(kinds, [&ViolationKind::MissingSkill { skill: "demo".into() }], "Ana brings de; case ignored");
        assert_eq!(found[0].person.as_str(), "Chen", "the first person on the shift");
        assert_eq!(
            found[0].describe(&r),
            "a1 (a booth, Fri 16 Apr 09:00–11:00): needs someone who speaks/has 'demo', and nobody on it does"
        );
    }

    #[test]
    fn stretches_join_shifts_closer_than_the_rest_and_are_capped() {
        let mut parts = roster().into_parts();
        parts.rules.min_rest_mins = 0;
        parts.rules.max_consecutive_mins = Some(180);
        parts.shifts.push(shift("b2", "b", "2027-04-16 13:00", "2027-04-16 14:00"));
        parts.shifts.push(shift("b3", "b", "2027-04-16 14:00", "2027-04-16 15:30"));
        // a1 09:00–11:00 and a2 11:00–13:00 touch: one 4 h stretch for Ana. Chen's b2 and b3
        // touch too, but come to only 2 h 30 min.
        parts.assignments = ["a1", "a2"].iter().map(|s| Assignment::new(*s, "Ana")).collect();
        parts.assignments.extend(["b2", "b3"].iter().map(|s| Assignment::new(*s, "Chen")));
        let r = Roster::from_parts(parts.clone()).unwrap();
        let found = r.violations(&StaffBusy::new());
        let got: Vec<(&str, &str, &ViolationKind)> =
            found.iter().map(|v| (v.shift.as_ref().map_or("", ShiftId::as_str), v.person.as_str(), &v.kind)).collect();
        assert_eq!(got, [("a1", "Ana", &ViolationKind::TooLongStretch { minutes: 240, max_minutes: 180 })]);
        assert_eq!(
            found[0].describe(&r),
            "a1 (a booth, Fri 16 Apr 09:00–11:00): Ana works 4 h without a break from here, more than the 3 h \
             the roster allows"
        );
        // With 30 min rest required, 11:00 → 11:00 is too little rest and still one stretch.
        parts.rules.min_rest_mins = 30;
        parts.shifts[1].starts_at = dt("2027-04-16 11:20");
        let r = Roster::from_parts(parts.clone()).unwrap();
        assert!(r.violations(&StaffBusy::new()).iter().any(|v| matches!(v.kind, ViolationKind::TooLongStretch { .. })));
        parts.rules.max_consecutive_mins = None;
        let r = Roster::from_parts(parts).unwrap();
        assert!(
            !r.violations(&StaffBusy::new()).iter().any(|v| matches!(v.kind, ViolationKind::TooLongStretch { .. }))
        );
    }
}
