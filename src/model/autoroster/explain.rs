//! Why seats stay open: [`UnfilledShift`] and its [`Candidate`]s, and the [`Problem`] methods that
//! turn internal conflicts into public [`Blocker`]s. Read-only over a solver state.

use std::collections::BTreeMap;

use super::problem::{Conflict, Fixed, Problem};
use super::state::State;
use super::{Blocker, BlockerKind};
use crate::model::busy::{BusyTime, Commitment};
use crate::model::roster::{PersonName, Roster, ShiftId, shift_label};
use crate::model::time::{ceil_minutes, floor_minutes};

/// Someone who could have taken an open seat but for the roster as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub person: PersonName,
    /// Empty when nothing stops them (only possible for a roster the solver did not produce).
    pub blockers: Vec<Blocker>,
}

/// A shift with open seats, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnfilledShift {
    pub shift: ShiftId,
    pub open_seats: u32,
    /// People whose own time allows the shift, with what stops them (fewest blockers first, then
    /// by name; at most [`MAX_CANDIDATES`]).
    pub candidates: Vec<Candidate>,
    /// How many more people's own time allows the shift, beyond those listed.
    pub more_candidates: u32,
    /// How many people were ruled out by their own time, by the first reason found.
    pub ruled_out: BTreeMap<BlockerKind, u32>,
    /// Skills the shift requires that nobody on it has and nobody free could bring (free: their
    /// own time allows the shift, and only the seats kept for skills stop them), spelt as the
    /// shift spells them.
    pub missing_skills: Vec<String>,
}

/// At most this many candidates are listed per unfilled shift.
pub const MAX_CANDIDATES: usize = 8;

impl UnfilledShift {
    /// One line: `sat-psf-3 (PSF booth, Sat 17 Apr 14:00–16:00): 1 open seat; nobody free with
    /// skill de; could have: …`.
    pub fn describe(&self, roster: &Roster) -> String {
        let seats = if self.open_seats == 1 { "seat" } else { "seats" };
        let mut line = format!("{}: {} open {seats}", shift_label(roster, self.shift.as_str()), self.open_seats);
        if !self.missing_skills.is_empty() {
            line.push_str(&format!("; nobody free with skill {}", self.missing_skills.join(", ")));
        }
        if !self.candidates.is_empty() {
            let people: Vec<String> = self
                .candidates
                .iter()
                .map(|c| {
                    let why: Vec<String> = c.blockers.iter().map(Blocker::describe).collect();
                    if why.is_empty() {
                        format!("{} (free)", c.person)
                    } else {
                        format!("{} ({})", c.person, why.join("; "))
                    }
                })
                .collect();
            line.push_str("; could have: ");
            line.push_str(&people.join(", "));
            if self.more_candidates > 0 {
                line.push_str(&format!(" and {} more", self.more_candidates));
            }
        }
        if !self.ruled_out.is_empty() {
            let counts: Vec<String> = self.ruled_out.iter().map(|(k, n)| format!("{n} {}", k.label())).collect();
            line.push_str("; ruled out: ");
            line.push_str(&counts.join(", "));
        }
        line
    }
}

impl Problem<'_> {
    /// The public form of a conflict over seat `s`; `None` for those that are not about the person.
    fn blocker(&self, s: usize, conflict: Conflict) -> Option<Blocker> {
        let shift_id = |t: usize| self.shifts.get(t).map(|shift| shift.id.clone()).unwrap_or_default();
        Some(match conflict {
            Conflict::AlreadyOn | Conflict::Full => return None,
            Conflict::NeedsPartner => Blocker::NeedsExperiencedPartner,
            Conflict::LacksSkill(k) => Blocker::LacksSkill { skill: self.skills.name(k).to_owned() },
            Conflict::Stretch { would_be, max } => {
                Blocker::LongStretch { would_be_mins: ceil_minutes(would_be), max_mins: floor_minutes(max) }
            }
            Conflict::Overlap(t) => Blocker::OnOverlappingShift { shift: shift_id(t) },
            Conflict::Rest(t) => Blocker::TooLittleRest { shift: shift_id(t) },
            Conflict::Day { would_be, max } => {
                let date = self.day.get(s).and_then(|&d| self.days.get(d)).copied().unwrap_or_default();
                Blocker::DailyHours { date, would_be_mins: ceil_minutes(would_be), max_mins: floor_minutes(max) }
            }
            Conflict::Total { would_be, max } => {
                Blocker::TotalHours { would_be_mins: ceil_minutes(would_be), max_mins: floor_minutes(max) }
            }
        })
    }

    /// The kind of blocker a fixed reason is, for counting (no text is copied).
    fn fixed_kind(&self, p: usize, fixed: Fixed) -> BlockerKind {
        match fixed {
            Fixed::Outside => BlockerKind::OutsideAvailability,
            Fixed::Unavailable(_) => BlockerKind::Unavailable,
            Fixed::Hard(i) => {
                let time = self.people.get(p).and_then(|staff| self.busy.of(staff.name.as_str()).get(i));
                match time {
                    Some(BusyTime { commitment: Commitment::MustSee(_), .. }) => BlockerKind::MustSee,
                    _ => BlockerKind::Busy,
                }
            }
        }
    }

    /// Every shift with open seats in `state`, explained. Keeps only the best
    /// [`MAX_CANDIDATES`] candidates of a shift as it goes (the rest are counted), so a shift
    /// costs the same memory whatever the staff's size.
    pub(super) fn explain(&self, state: &State) -> Vec<UnfilledShift> {
        let mut out = Vec::new();
        for s in 0..self.shifts.len() {
            let filled = u32::try_from(state.on[s].len()).unwrap_or(u32::MAX);
            let open_seats = self.seats[s].saturating_sub(filled);
            if open_seats == 0 {
                continue;
            }
            // (blockers, person), sorted: people are in name order, so this is the listed order.
            let mut best: Vec<(Vec<Blocker>, usize)> = Vec::with_capacity(MAX_CANDIDATES + 1);
            let mut considered = 0_u32;
            let mut ruled_out: BTreeMap<BlockerKind, u32> = BTreeMap::new();
            let mut missing: Vec<u32> =
                self.skills.required(s).iter().copied().filter(|&k| self.skill_missing(state, s, k)).collect();
            for p in 0..self.people.len() {
                if state.on[s].iter().any(|&(q, _)| q == p) {
                    continue;
                }
                if let Some(fixed) = self.fixed(p, s) {
                    *ruled_out.entry(self.fixed_kind(p, fixed)).or_insert(0) += 1;
                    continue;
                }
                considered += 1;
                let (mut count, mut held_back) = (0, false);
                self.each_conflict(state, p, s, |c| {
                    count += usize::from(names_a_blocker(c));
                    held_back |= !matches!(c, Conflict::Full | Conflict::LacksSkill(_));
                });
                if !held_back {
                    missing.retain(|&k| !self.skills.has(p, k));
                }
                // Later people lose ties (name order), so only strictly fewer blockers get in.
                if best.len() == MAX_CANDIDATES && best.last().is_some_and(|(b, _)| b.len() <= count) {
                    continue;
                }
                let blockers: Vec<Blocker> =
                    self.conflicts(state, p, s).into_iter().filter_map(|c| self.blocker(s, c)).collect();
                let at = best.partition_point(|(b, _)| b.len() <= count);
                best.insert(at, (blockers, p));
                best.truncate(MAX_CANDIDATES);
            }
            let candidates: Vec<Candidate> = best
                .into_iter()
                .map(|(blockers, p)| Candidate { person: self.people[p].name.clone(), blockers })
                .collect();
            let more_candidates = considered.saturating_sub(u32::try_from(candidates.len()).unwrap_or(u32::MAX));
            out.push(UnfilledShift {
                shift: self.shifts[s].id.clone(),
                open_seats,
                candidates,
                more_candidates,
                ruled_out,
                missing_skills: missing.iter().map(|&k| self.skills.name(k).to_owned()).collect(),
            });
        }
        out
    }
}

/// Whether [`Problem::blocker`] makes a blocker of `conflict`: all but those about the shift.
fn names_a_blocker(conflict: Conflict) -> bool {
    !matches!(conflict, Conflict::AlreadyOn | Conflict::Full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::autoroster::test_support::{dt, roster, shift};
    use crate::model::autoroster::{AutoRosterOptions, auto_roster, explain_unfilled, seat_bound};
    use crate::model::busy::StaffBusy;
    use crate::model::ids::SessionId;
    use crate::model::roster::{Assignment, Experience, Staff, Window};

    #[test]
    fn explanations_name_who_could_have_and_why_not() {
        use crate::model::busy::{BusyTime, Commitment};
        let shifts = vec![
            shift("s1", "2027-04-16 09:00", "2027-04-16 11:00", 1),
            shift("s2", "2027-04-16 10:00", "2027-04-16 12:00", 1),
        ];
        let mut ben = Staff::new("Ben", Experience::Experienced);
        ben.availability = vec![Window::new(dt("2027-04-17 09:00"), dt("2027-04-17 17:00"))];
        let staff = vec![Staff::new("Ana", Experience::Experienced), ben, Staff::new("Cy", Experience::Experienced)];
        let r = roster(shifts, staff, vec![Assignment { locked: true, ..Assignment::new("s1", "Ana") }]);
        let mut busy = StaffBusy::new();
        busy.add(
            PersonName::new("Cy"),
            [BusyTime {
                starts_at: dt("2027-04-16 09:30"),
                ends_at: dt("2027-04-16 12:00"),
                title: "Keynote".into(),
                commitment: Commitment::MustSee(SessionId::new("k")),
            }],
        );
        let result = auto_roster(&r, &busy, AutoRosterOptions::default());
        assert_eq!((result.filled, result.bound), (1, 1));
        let unfilled = &result.unfilled[0];
        assert_eq!(unfilled.shift.as_str(), "s2");
        assert_eq!(
            unfilled.candidates,
            [Candidate { person: "Ana".into(), blockers: vec![Blocker::OnOverlappingShift { shift: "s1".into() }] }]
        );
        assert_eq!(
            unfilled.ruled_out,
            BTreeMap::from([(BlockerKind::OutsideAvailability, 1), (BlockerKind::MustSee, 1)])
        );
        assert_eq!(
            unfilled.describe(&r),
            "s2 (A, Fri 16 Apr 10:00–12:00): 1 open seat; could have: Ana (on s1 at the same time); \
             ruled out: 1 not available, 1 at a must-see talk"
        );
        assert_eq!(explain_unfilled(&r, &busy), result.unfilled);
        assert_eq!(seat_bound(&r, &busy), 1);
    }
}
