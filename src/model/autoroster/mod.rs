//! Auto-roster: fills a roster's open seats without breaking a hard rule, says how close that is
//! to the best any roster could do, and explains every seat it leaves open.
//!
//! **Hard rules** (never broken by what the solver adds): availability windows, unavailable
//! blocks, no two overlapping shifts, maximum hours per day and in total, the staff member's
//! must-see picks and other commitments (`model::busy`), locked assignments (kept as they are),
//! the newcomer rule (a newcomer only joins a shift that has an experienced person), the
//! minimum rest between shifts, the longest stretch without a break (`max_consecutive_mins`), and
//! required skills: a seat is kept open for every required skill nobody on the shift has yet, so
//! a shift is never completed without one (its last seat goes only to someone who brings it). **Preferences**, within those: an even spread of hours, not
//! clashing with maybe picks, and each person at fewer booths.
//!
//! **Time** is the roster check's (`Roster::violations`), to the nanosecond: instants are
//! `model::time::instant_ns`, never floored to minutes; rest and stretches are measured against
//! the rules' minutes and hours are summed exactly before they are compared with the limits;
//! overlap is `model::busy::spans_overlap`, so a zero-length commitment strictly inside a shift
//! rules it out and one at its edge does not. So a roster this module writes passes `--check`
//! (`tests/model/roster_seconds.rs`). Minutes in blockers are for display only.
//!
//! **Algorithm** (deterministic: ties are broken by shift order, then name):
//! 1. *Keep.* Locked assignments stay, whatever they break. With
//!    [`AutoRosterOptions::keep_unlocked`], the other existing assignments stay too if they break
//!    no hard rule (checked in order, experienced people first); the rest are released. Without
//!    it, every unlocked assignment is released and the roster is rebuilt around the locked ones.
//! 2. *Order.* Shifts are taken hardest first: fewest eligible people per seat at stake (open
//!    seats, plus newcomers already there without a partner).
//! 3. *Anchor.* Every shift with no experienced person gets the best eligible experienced one,
//!    so newcomers have partners and scarce experienced people are spread over shifts.
//!    Someone who brings a skill the shift still misses goes before everyone else (here and in 4).
//! 4. *Fill.* Remaining seats take the best eligible person, newcomers first (they can only be
//!    used where a partner is), then by cost: minutes already worked (even spread) plus a penalty
//!    for a booth they are not at yet; clashing with a maybe pick is avoided before all of that.
//! 5. *Repair.* For each seat still open, a bounded search for an ejection chain: a person who
//!    could take the seat if one of their solver-made shifts went to someone else (up to three
//!    shifts deep, within a fixed budget of checks), which also escapes traps the greedy order
//!    walked into.
//! 6. *Release.* A kept newcomer still without a partner is released.
//!
//! **Bound.** [`AutoRoster::bound`] is the locked seats plus a maximum flow
//! source → person → shift → sink. A person's capacity is the most shifts they could hold under
//! each of overlap-plus-rest (interval scheduling), total hours and hours per day, whichever is
//! least; they have an edge to every shift they are eligible for given their locked shifts.
//! Newcomers reach a shift through a side node of capacity `seats − 1` (fewer locked newcomers),
//! and only when some experienced person could be there. Every roster the solver can produce is
//! a flow in this network, so `filled ≤ bound`; required skills are ignored (which only loosens
//! it); no roster respecting the locked assignments and
//! the hard rules can fill more than `bound` seats.
//!
//! **Cost**, for P staff, S shifts, E eligible (person, shift) pairs and k shifts per person:
//! eligibility O(P·S·log b) for b busy times per person; greedy O(seats · candidates · k);
//! repair bounded by a fixed budget; the bound O(E·√(P+S)) (Dinic on a unit-capacity-like
//! network). For 500 staff × 2,000 shifts (4,022 seats) a release build takes about 0.9 s, the
//! bound about 0.16 s of it (`benches/autoroster.rs`, a 2-core machine busy with other builds).
//!
//! **Memory** is O(P + S) plus one bit per (person, shift) pair: static eligibility is a
//! `bits::BitMatrix`, and so are the bound's person → shift edges, which the flow
//! (`flow::SeatFlow`) never lists; it keeps only who carries flow into each shift. Explanations
//! keep the best [`MAX_CANDIDATES`] candidates of a shift as they go and count the rest. At
//! 10,000 staff × 10,000 shifts that is 12.5 MB a matrix, where lists of indexes and an edge
//! record per pair took gigabytes.
//!
//! This module owns the public entry points ([`auto_roster`], [`seat_bound`],
//! [`explain_unfilled`]) and their result types; the work is split over private submodules:
//! `problem` (indexes and eligibility), `bits` (the bit matrix), `state` (who is where), `solver`
//! (steps 1–6), `bound` and `flow` (the maximum-flow bound), `explain` (why seats stay open) and
//! `blocker`. It never
//! changes the roster it is given.

use super::busy::StaffBusy;
use super::roster::{Assignment, Roster};

mod bits;
mod blocker;
mod bound;
mod explain;
mod flow;
mod intervals;
mod problem;
mod skills;
mod solver;
mod state;
#[cfg(test)]
mod test_support;

pub use blocker::{Blocker, BlockerKind};
pub use explain::{Candidate, MAX_CANDIDATES, UnfilledShift};

use problem::Problem;
use solver::Solver;
use state::{Origin, State};

/// How the auto-roster treats assignments already in the roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutoRosterOptions {
    /// Keep unlocked assignments that break no hard rule and only fill open seats (the default).
    /// `false` rebuilds every unlocked seat from scratch.
    pub keep_unlocked: bool,
}

impl Default for AutoRosterOptions {
    fn default() -> Self {
        Self { keep_unlocked: true }
    }
}

/// What the auto-roster did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoRoster {
    /// The complete new set of assignments: those kept, in their old order, then those added, in
    /// shift order. Apply it with `RosterEdit::Assign(AssignEdit::SetAll)`.
    pub assignments: Vec<Assignment>,
    /// Assignments that are new.
    pub added: Vec<Assignment>,
    /// Old assignments that are gone: they broke a hard rule (or, when rebuilding, were not
    /// chosen again).
    pub released: Vec<Assignment>,
    /// Seats over all shifts.
    pub seats: u32,
    /// Seats filled by `assignments`.
    pub filled: u32,
    /// No roster respecting the locked assignments and the hard rules fills more seats.
    pub bound: u32,
    /// Every shift left with open seats, in shift order.
    pub unfilled: Vec<UnfilledShift>,
}

/// Fills the open seats of `roster`. Pure and deterministic; `roster` is not changed.
pub fn auto_roster(roster: &Roster, busy: &StaffBusy, options: AutoRosterOptions) -> AutoRoster {
    let problem = Problem::new(roster, busy);
    let mut solver = Solver::new(&problem);
    solver.keep(options.keep_unlocked);
    let order = problem.difficulty_order(&solver.state);
    solver.anchor(&order);
    solver.fill(&order);
    solver.repair(&order);
    solver.release_lonely_newcomers();
    let bound = problem.bound();
    let unfilled = problem.explain(&solver.state);
    let (assignments, added, released) = solver.result();
    AutoRoster {
        filled: u32::try_from(assignments.len()).unwrap_or(u32::MAX),
        assignments,
        added,
        released,
        seats: roster.seats_total(),
        bound,
        unfilled,
    }
}

/// The most seats any roster respecting `roster`'s locked assignments and the hard rules could
/// fill (see the module docs).
pub fn seat_bound(roster: &Roster, busy: &StaffBusy) -> u32 {
    Problem::new(roster, busy).bound()
}

/// Why each shift of `roster` with open seats is open, as it stands (no solving).
pub fn explain_unfilled(roster: &Roster, busy: &StaffBusy) -> Vec<UnfilledShift> {
    let problem = Problem::new(roster, busy);
    let mut state = State::new(&problem);
    for a in roster.assignments() {
        if let (Some(&p), Some(&s)) = (problem.person_ix.get(a.person.as_str()), problem.shift_ix.get(a.shift.as_str()))
        {
            state.assign(&problem, p, s, Origin::Kept);
        }
    }
    problem.explain(&state)
}

#[cfg(test)]
mod tests {
    use super::test_support::{dt, roster, shift};
    use super::*;
    use crate::model::ids::SessionId;
    use crate::model::roster::AssignEdit;
    use crate::model::roster::{Experience, PersonName, Shift, Staff, Window};

    #[test]
    fn newcomers_are_paired_and_never_alone() {
        let shifts = vec![
            shift("s1", "2027-04-16 09:00", "2027-04-16 11:00", 2),
            shift("s2", "2027-04-16 09:00", "2027-04-16 11:00", 2),
        ];
        let staff = vec![
            Staff::new("Ana", Experience::Experienced),
            Staff::new("Ben", Experience::Experienced),
            Staff::new("Cy", Experience::Newcomer),
            Staff::new("Di", Experience::Newcomer),
        ];
        let r = roster(shifts, staff, Vec::new());
        let result = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions::default());
        assert_eq!((result.seats, result.filled, result.bound), (4, 4, 4));
        let mut after = r.clone();
        after.apply(crate::model::roster::RosterEdit::Assign(AssignEdit::SetAll(result.assignments))).unwrap();
        assert!(after.violations(&StaffBusy::new()).is_empty());
    }

    #[test]
    fn a_newcomer_alone_cannot_fill_a_shift() {
        let shifts = vec![shift("s1", "2027-04-16 09:00", "2027-04-16 11:00", 2)];
        let r = roster(shifts, vec![Staff::new("Cy", Experience::Newcomer)], vec![Assignment::new("s1", "Cy")]);
        let result = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions::default());
        assert_eq!((result.filled, result.bound), (0, 0));
        assert_eq!(result.released, [Assignment::new("s1", "Cy")], "a kept newcomer without partner is released");
        let unfilled = &result.unfilled[0];
        assert_eq!(unfilled.open_seats, 2);
        assert_eq!(unfilled.candidates[0].blockers, [Blocker::NeedsExperiencedPartner]);
    }

    #[test]
    fn repair_moves_a_shift_to_free_the_only_person_who_can_take_another() {
        // "early" looks harder than "late" (two candidates against four) and goes first: Pia has
        // worked least, so she gets it, and her two-hour limit then keeps her off "late", whose
        // other candidates are all on the locked "meeting". The repair moves Pia to "late" and
        // gives "early" to Rui.
        let shifts = vec![
            shift("pre", "2027-04-16 05:00", "2027-04-16 06:00", 1),
            shift("early", "2027-04-16 07:00", "2027-04-16 09:00", 1),
            shift("late", "2027-04-16 09:30", "2027-04-16 11:30", 1),
            shift("meeting", "2027-04-16 10:00", "2027-04-16 12:00", 3),
        ];
        let mut pia = Staff::new("Pia", Experience::Experienced);
        pia.max_hours_total = Some(2);
        let mut rui = Staff::new("Rui", Experience::Experienced);
        rui.availability = vec![Window::new(dt("2027-04-16 05:00"), dt("2027-04-16 09:00"))];
        let mut staff = vec![pia, rui];
        let mut locked = vec![Assignment { locked: true, ..Assignment::new("pre", "Rui") }];
        for name in ["Q1", "Q2", "Q3"] {
            let mut q = Staff::new(name, Experience::Experienced);
            q.availability = vec![Window::new(dt("2027-04-16 09:00"), dt("2027-04-16 12:00"))];
            staff.push(q);
            locked.push(Assignment { locked: true, ..Assignment::new("meeting", name) });
        }
        let r = roster(shifts, staff, locked);
        let result = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions::default());
        assert_eq!((result.seats, result.filled, result.bound), (6, 6, 6), "{result:?}");
        assert_eq!(result.added, [Assignment::new("early", "Rui"), Assignment::new("late", "Pia")]);
        assert!(result.unfilled.is_empty());
    }

    #[test]
    fn locked_assignments_stay_and_rebuilding_drops_the_rest() {
        let shifts = vec![
            shift("s1", "2027-04-16 09:00", "2027-04-16 11:00", 1),
            shift("s2", "2027-04-16 12:00", "2027-04-16 13:00", 1),
        ];
        let staff = vec![Staff::new("Ana", Experience::Experienced), Staff::new("Ben", Experience::Experienced)];
        let existing = vec![Assignment { locked: true, ..Assignment::new("s1", "Ana") }, Assignment::new("s2", "Ana")];
        let r = roster(shifts, staff, existing.clone());
        let kept = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions::default());
        assert_eq!(kept.assignments, existing, "nothing open, nothing changes");
        assert!(kept.added.is_empty() && kept.released.is_empty());
        let rebuilt = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions { keep_unlocked: false });
        // Ben has fewer hours, so the even spread gives him s2.
        assert_eq!(rebuilt.assignments, [existing[0].clone(), Assignment::new("s2", "Ben")]);
        assert_eq!(rebuilt.released, [Assignment::new("s2", "Ana")]);
    }

    #[test]
    fn unlocked_assignments_that_break_a_rule_are_released() {
        let shifts = vec![
            shift("s1", "2027-04-16 09:00", "2027-04-16 11:00", 1),
            shift("s2", "2027-04-16 10:00", "2027-04-16 12:00", 1),
        ];
        let staff = vec![Staff::new("Ana", Experience::Experienced), Staff::new("Ben", Experience::Experienced)];
        let r = roster(shifts, staff, vec![Assignment::new("s1", "Ana"), Assignment::new("s2", "Ana")]);
        let result = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions::default());
        assert_eq!(result.released, [Assignment::new("s2", "Ana")]);
        assert_eq!(result.added, [Assignment::new("s2", "Ben")]);
        assert_eq!(result.filled, 2);
    }

    #[test]
    fn maybe_picks_are_avoided_when_possible() {
        use crate::model::busy::{BusyTime, Commitment};
        let shifts = vec![shift("s1", "2027-04-16 09:00", "2027-04-16 11:00", 1)];
        let staff = vec![Staff::new("Ana", Experience::Experienced), Staff::new("Ben", Experience::Experienced)];
        let r = roster(shifts, staff, Vec::new());
        let mut busy = StaffBusy::new();
        busy.add(
            PersonName::new("Ana"),
            [BusyTime {
                starts_at: dt("2027-04-16 10:00"),
                ends_at: dt("2027-04-16 10:30"),
                title: "Maybe".into(),
                commitment: Commitment::Maybe(SessionId::new("m")),
            }],
        );
        let result = auto_roster(&r, &busy, AutoRosterOptions::default());
        assert_eq!(result.added, [Assignment::new("s1", "Ben")]);
    }

    fn apply_and_check(r: &Roster, result: &AutoRoster) {
        let mut after = r.clone();
        after.apply(crate::model::roster::RosterEdit::Assign(AssignEdit::SetAll(result.assignments.clone()))).unwrap();
        assert_eq!(after.violations(&StaffBusy::new()), [], "{result:?}");
    }

    #[test]
    fn a_required_skill_gets_someone_who_has_it() {
        let mut de = shift("de", "2027-04-16 09:00", "2027-04-16 11:00", 2);
        de.requires = vec!["de".into()];
        let mut cy = Staff::new("Cy", Experience::Newcomer);
        cy.skills = vec!["DE".into()];
        // Ana and Ben have worked less, but the German-speaking newcomer gets the second seat.
        let staff = vec![Staff::new("Ana", Experience::Experienced), Staff::new("Ben", Experience::Experienced), cy];
        let r = roster(vec![de], staff, Vec::new());
        let result = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions::default());
        assert_eq!(result.added, [Assignment::new("de", "Ana"), Assignment::new("de", "Cy")]);
        apply_and_check(&r, &result);
    }

    #[test]
    fn without_anyone_who_has_the_skill_the_last_seat_stays_open_and_says_why() {
        let mut de = shift("de", "2027-04-16 09:00", "2027-04-16 11:00", 2);
        de.requires = vec!["de".into()];
        let staff = vec![Staff::new("Ana", Experience::Experienced), Staff::new("Ben", Experience::Experienced)];
        let r = roster(vec![de], staff, Vec::new());
        let result = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions::default());
        assert_eq!((result.filled, result.bound), (1, 2), "the bound ignores skills");
        apply_and_check(&r, &result);
        let unfilled = &result.unfilled[0];
        assert_eq!(unfilled.missing_skills, ["de"]);
        assert_eq!(unfilled.candidates[0].blockers, [Blocker::LacksSkill { skill: "de".into() }]);
        assert_eq!(
            unfilled.describe(&r),
            "de (A, Fri 16 Apr 09:00–11:00): 1 open seat; nobody free with skill de; could have: Ben (the seat \
             is kept for someone with skill de)"
        );
    }

    #[test]
    fn nobody_works_longer_than_the_longest_stretch() {
        let shifts = vec![
            shift("s1", "2027-04-16 09:00", "2027-04-16 11:00", 1),
            shift("s2", "2027-04-16 11:00", "2027-04-16 13:00", 1),
            shift("s3", "2027-04-16 13:00", "2027-04-16 15:00", 1),
            shift("long", "2027-04-17 09:00", "2027-04-17 14:00", 1),
        ];
        let mut ana = Staff::new("Ana", Experience::Experienced);
        ana.max_hours_per_day = Some(8);
        let staff = vec![ana, Staff::new("Ben", Experience::Experienced)];
        let locked = vec![
            Assignment { locked: true, ..Assignment::new("s1", "Ana") },
            Assignment { locked: true, ..Assignment::new("s3", "Ana") },
        ];
        let mut parts = roster(shifts, staff, locked).into_parts();
        parts.rules.max_consecutive_mins = Some(4 * 60);
        let r = Roster::from_parts(parts).unwrap();
        let result = auto_roster(&r, &StaffBusy::new(), AutoRosterOptions::default());
        assert_eq!(result.added, [Assignment::new("s2", "Ben")], "Ana on s2 would work 6 h in one go");
        assert_eq!((result.filled, result.bound), (3, 3), "nobody may work the 5 h shift");
        apply_and_check(&r, &result);
        assert_eq!(result.unfilled[0].shift.as_str(), "long");
        let long = Blocker::LongStretch { would_be_mins: 300, max_mins: 240 };
        assert_eq!(result.unfilled[0].candidates[1].blockers, [long]);
        let state_blocker = explain_unfilled(&r, &StaffBusy::new());
        assert_eq!(state_blocker.len(), 2, "s2 and long are open before solving");
        let ana_on_s2 = &state_blocker[0].candidates.iter().find(|c| c.person.as_str() == "Ana").unwrap().blockers;
        assert_eq!(ana_on_s2, &[Blocker::LongStretch { would_be_mins: 360, max_mins: 240 }]);
    }

    /// Ana alone, two one-seat shifts, and what the auto-roster and `--check` make of it.
    fn solve_and_check(shifts: Vec<Shift>, ana: Staff, min_rest: u32, busy: &StaffBusy) -> (AutoRoster, Roster) {
        let mut parts = roster(shifts, vec![ana], Vec::new()).into_parts();
        parts.rules.min_rest_mins = min_rest;
        let r = Roster::from_parts(parts).unwrap();
        let result = auto_roster(&r, busy, AutoRosterOptions::default());
        let mut after = r.clone();
        after.apply(crate::model::roster::RosterEdit::Assign(AssignEdit::SetAll(result.assignments.clone()))).unwrap();
        assert_eq!(after.violations(busy), [], "the auto-roster wrote a roster --check rejects");
        (result, r)
    }

    fn both_assigned(r: &Roster) -> Roster {
        let mut both = r.clone();
        let all = vec![Assignment::new("s1", "Ana"), Assignment::new("s2", "Ana")];
        both.apply(crate::model::roster::RosterEdit::Assign(AssignEdit::SetAll(all))).unwrap();
        both
    }

    #[test]
    fn shifts_overlapping_by_seconds_are_not_touching() {
        let shifts = vec![
            shift("s1", "2027-04-16 09:00:00", "2027-04-16 10:00:30", 1),
            shift("s2", "2027-04-16 10:00:10", "2027-04-16 11:00:00", 1),
        ];
        let (result, r) = solve_and_check(shifts, Staff::new("Ana", Experience::Experienced), 0, &StaffBusy::new());
        assert_eq!((result.filled, result.bound), (1, 1), "20 s of overlap: one person cannot work both");
        assert!(
            both_assigned(&r)
                .violations(&StaffBusy::new())
                .iter()
                .any(|v| matches!(v.kind, crate::model::roster::ViolationKind::DoubleBooked { .. }))
        );
    }

    #[test]
    fn rest_short_by_seconds_is_too_little_rest() {
        let shifts = vec![
            shift("s1", "2027-04-16 09:00:00", "2027-04-16 10:00:20", 1),
            shift("s2", "2027-04-16 10:30:00", "2027-04-16 11:00:00", 1),
        ];
        let (result, r) = solve_and_check(shifts, Staff::new("Ana", Experience::Experienced), 30, &StaffBusy::new());
        assert_eq!((result.filled, result.bound), (1, 1), "29 min 40 s of rest is less than 30 min");
        let found = both_assigned(&r).violations(&StaffBusy::new());
        let rest =
            crate::model::roster::ViolationKind::TooLittleRest { other: "s2".into(), rest_mins: 29, min_rest_mins: 30 };
        assert_eq!(found.iter().map(|v| &v.kind).collect::<Vec<_>>(), [&rest]);
    }

    #[test]
    fn a_zero_length_must_see_inside_a_shift_blocks_it_and_at_its_edge_does_not() {
        use crate::model::busy::{BusyTime, Commitment};
        let zero_at = |t: &str| BusyTime {
            starts_at: dt(t),
            ends_at: dt(t),
            title: "Lightning".into(),
            commitment: Commitment::MustSee(SessionId::new("z")),
        };
        let shifts = vec![
            shift("s1", "2027-04-16 09:00", "2027-04-16 10:00", 1),
            shift("s2", "2027-04-16 11:00", "2027-04-16 12:00", 1),
        ];
        let mut busy = StaffBusy::new();
        busy.add(PersonName::new("Ana"), [zero_at("2027-04-16 09:30"), zero_at("2027-04-16 11:00")]);
        let (result, r) = solve_and_check(shifts, Staff::new("Ana", Experience::Experienced), 0, &busy);
        assert_eq!(result.added, [Assignment::new("s2", "Ana")], "09:30 is inside s1; 11:00 is s2's start");
        assert_eq!(result.unfilled[0].candidates, [], "Ana is ruled out of s1, not a candidate");
        let found = both_assigned(&r).violations(&busy);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].shift.as_ref().map(|s| s.as_str()), Some("s1"));
    }

    #[test]
    fn hours_are_summed_before_rounding() {
        // 1 h 0 min 50 s twice: 2 h 1 min 40 s against a 2 h limit.
        let shifts = vec![
            shift("s1", "2027-04-16 09:00:00", "2027-04-16 10:00:50", 1),
            shift("s2", "2027-04-16 11:00:00", "2027-04-16 12:00:50", 1),
        ];
        let mut ana = Staff::new("Ana", Experience::Experienced);
        ana.max_hours_total = Some(2);
        let (result, r) = solve_and_check(shifts, ana, 0, &StaffBusy::new());
        assert_eq!((result.filled, result.bound), (1, 1));
        let total = Blocker::TotalHours { would_be_mins: 122, max_mins: 120 };
        assert_eq!(result.unfilled[0].candidates[0].blockers, [total], "shown rounded up, never as 2 h");
        let found = both_assigned(&r).violations(&StaffBusy::new());
        let over = crate::model::roster::ViolationKind::OverTotalHours { minutes: 122, max_minutes: 120 };
        assert_eq!(found.iter().map(|v| &v.kind).collect::<Vec<_>>(), [&over]);
        assert_eq!(found[0].describe(&r), "Ana works 2 h 2 min in all, more than their 2 h");
        assert_eq!(r.hours()["Ana"].total_mins, 0, "nobody on a shift yet");
        assert_eq!(both_assigned(&r).hours()["Ana"].total_mins, 121, "2 h 1 min 40 s, rounded down for display");
    }
}
