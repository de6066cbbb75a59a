//! Why seats stay open: [`UnfilledShift`] and its [`Candidate`]s, and the [`Problem`] methods that
//! turn internal conflicts into public [`Blocker`]s. Read-only over a solver state.

use std::collections::BTreeMap;

use super::problem::{Conflict, Fixed, Problem};
use super::state::State;
use super::{Blocker, BlockerKind};
use crate::model::busy::{BusyTime, Commitment};
use crate::model::roster::{PersonName, Roster, ShiftId, shift_label};

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
    /// People whose own time allows the shift, with what stops them (fewest blockers first, at
    /// most [`MAX_CANDIDATES`]).
    pub candidates: Vec<Candidate>,
    /// How many people were ruled out by their own time, by the first reason found.
    pub ruled_out: BTreeMap<BlockerKind, u32>,
}

/// At most this many candidates are listed per unfilled shift.
pub const MAX_CANDIDATES: usize = 8;

impl UnfilledShift {
    /// One line: `sat-psf-3 (PSF booth, Sat 17 Apr 14:00–16:00): 1 open seat; could have: …`.
    pub fn describe(&self, roster: &Roster) -> String {
        let seats = if self.open_seats == 1 { "seat" } else { "seats" };
        let mut line = format!("{}: {} open {seats}", shift_label(roster, self.shift.as_str()), self.open_seats);
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
            Conflict::Overlap(t) => Blocker::OnOverlappingShift { shift: shift_id(t) },
            Conflict::Rest(t) => Blocker::TooLittleRest { shift: shift_id(t) },
            Conflict::Day { would_be, max } => {
                let date = self.day.get(s).and_then(|&d| self.days.get(d)).copied().unwrap_or_default();
                Blocker::DailyHours { date, would_be_mins: would_be, max_mins: max }
            }
            Conflict::Total { would_be, max } => Blocker::TotalHours { would_be_mins: would_be, max_mins: max },
        })
    }

    fn fixed_blocker(&self, p: usize, fixed: Fixed) -> Blocker {
        let Some(staff) = self.people.get(p) else { return Blocker::OutsideAvailability };
        match fixed {
            Fixed::Outside => Blocker::OutsideAvailability,
            Fixed::Unavailable(i) => {
                Blocker::Unavailable { note: staff.unavailable.get(i).map(|w| w.note.clone()).unwrap_or_default() }
            }
            Fixed::Hard(i) => match self.busy.of(staff.name.as_str()).get(i) {
                Some(BusyTime { commitment: Commitment::MustSee(session), title, .. }) => {
                    Blocker::MustSee { session: session.clone(), title: title.clone() }
                }
                Some(time) => Blocker::Busy { title: time.title.clone() },
                None => Blocker::Busy { title: String::new() },
            },
        }
    }

    /// Every shift with open seats in `state`, explained.
    pub(super) fn explain(&self, state: &State) -> Vec<UnfilledShift> {
        let mut out = Vec::new();
        for s in 0..self.shifts.len() {
            let filled = u32::try_from(state.on[s].len()).unwrap_or(u32::MAX);
            let open_seats = self.seats[s].saturating_sub(filled);
            if open_seats == 0 {
                continue;
            }
            let mut candidates = Vec::new();
            let mut ruled_out: BTreeMap<BlockerKind, u32> = BTreeMap::new();
            for p in 0..self.people.len() {
                if state.on[s].iter().any(|&(q, _)| q == p) {
                    continue;
                }
                if let Some(fixed) = self.fixed(p, s) {
                    *ruled_out.entry(self.fixed_blocker(p, fixed).kind()).or_insert(0) += 1;
                    continue;
                }
                let blockers: Vec<Blocker> =
                    self.conflicts(state, p, s).into_iter().filter_map(|c| self.blocker(s, c)).collect();
                candidates.push(Candidate { person: self.people[p].name.clone(), blockers });
            }
            candidates.sort_by(|a, b| (a.blockers.len(), &a.person).cmp(&(b.blockers.len(), &b.person)));
            candidates.truncate(MAX_CANDIDATES);
            out.push(UnfilledShift { shift: self.shifts[s].id.clone(), open_seats, candidates, ruled_out });
        }
        out
    }
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
