//! The auto-roster's [`Problem`]: every index built once from a roster and the staff's busy times
//! (shifts in order, people by name, their windows and commitments as [`Intervals`], who is
//! statically eligible for what), and the rule checks against a [`State`]. Never mutated after
//! it is built.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::bits::BitMatrix;
use super::intervals::Intervals;
use super::skills::Skills;
use super::state::State;
use crate::model::busy::StaffBusy;
use crate::model::roster::{Roster, Shift, Staff, merged_windows};
use crate::model::time::{NANOS_PER_MINUTE, instant_ns};

/// A fixed reason, by index into the person's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fixed {
    Outside,
    Unavailable(usize),
    Hard(usize),
}

/// A reason that depends on the roster, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Conflict {
    AlreadyOn,
    Full,
    NeedsPartner,
    Overlap(usize),
    Rest(usize),
    /// Taking the seat would leave more required skills missing (this one, by skill id, first)
    /// than seats open after it: the seats left are kept for people who bring them.
    LacksSkill(u32),
    /// The stretch of work the shift would be part of, against `rules.max_consecutive_mins`.
    /// Lengths here and below in nanoseconds.
    Stretch {
        would_be: i128,
        max: i128,
    },
    Day {
        would_be: i128,
        max: i128,
    },
    Total {
        would_be: i128,
        max: i128,
    },
}

pub(super) struct Problem<'a> {
    pub(super) roster: &'a Roster,
    pub(super) shifts: Vec<&'a Shift>,
    pub(super) shift_ix: BTreeMap<&'a str, usize>,
    pub(super) booth: Vec<usize>,
    /// Exact instants (`instant_ns`), as the roster check compares them; never floored.
    pub(super) start: Vec<i128>,
    pub(super) end: Vec<i128>,
    /// Shift lengths in nanoseconds, summed exactly against the hour limits.
    pub(super) len: Vec<i128>,
    pub(super) day: Vec<usize>,
    pub(super) days: Vec<NaiveDate>,
    pub(super) seats: Vec<u32>,
    pub(super) people: Vec<&'a Staff>,
    pub(super) person_ix: BTreeMap<&'a str, usize>,
    pub(super) newcomer: Vec<bool>,
    /// Hour limits in nanoseconds (`i128::MAX`: none).
    pub(super) max_day: Vec<i128>,
    pub(super) max_total: Vec<i128>,
    /// Merged availability as instants; `None`: any time.
    pub(super) available: Vec<Option<Vec<(i128, i128)>>>,
    pub(super) unavailable: Vec<Intervals>,
    pub(super) hard: Vec<Intervals>,
    pub(super) soft: Vec<Intervals>,
    pub(super) busy: StaffBusy,
    /// `rules.min_rest_mins` in nanoseconds.
    pub(super) min_rest: i128,
    /// `rules.max_consecutive_mins` in nanoseconds.
    pub(super) max_stretch: Option<i128>,
    pub(super) skills: Skills,
    /// Row `s`: the people statically eligible for shift `s` (one bit each, in name order).
    /// A bit per pair rather than a list of indexes: 12.5 MB at 10,000 × 10,000, not 800 MB.
    eligible: BitMatrix,
    /// Per shift: how many people are statically eligible.
    candidate_counts: Vec<u32>,
}

impl<'a> Problem<'a> {
    pub(super) fn new(roster: &'a Roster, busy: &StaffBusy) -> Self {
        let shifts = roster.shifts_in_order();
        let shift_ix = shifts.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let booth_ix: BTreeMap<&str, usize> =
            roster.booths().iter().enumerate().map(|(i, b)| (b.id.as_str(), i)).collect();
        let days: Vec<NaiveDate> =
            shifts.iter().map(|s| roster.day_of(s)).collect::<BTreeSet<_>>().into_iter().collect();
        let day = shifts.iter().map(|s| days.binary_search(&roster.day_of(s)).unwrap_or(0)).collect();
        let mut people: Vec<&Staff> = roster.staff().iter().collect();
        people.sort_by(|a, b| a.name.cmp(&b.name));
        let person_ix = people.iter().enumerate().map(|(i, s)| (s.name.as_str(), i)).collect();
        let busy = roster.busy_with_slots(busy);
        let windows = |list: &[crate::model::roster::Window]| {
            Intervals::new(
                list.iter().enumerate().map(|(i, w)| (instant_ns(w.starts_at), instant_ns(w.ends_at), i)).collect(),
            )
        };
        let busy_of = |staff: &Staff, hard: bool| {
            Intervals::new(
                busy.of(staff.name.as_str())
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.is_hard() == hard)
                    .map(|(i, t)| (instant_ns(t.starts_at), instant_ns(t.ends_at), i))
                    .collect(),
            )
        };
        let hard = people.iter().map(|s| busy_of(s, true)).collect();
        let skills = Skills::new(&shifts, &people);
        let soft = people.iter().map(|s| busy_of(s, false)).collect();
        let mut problem = Self {
            roster,
            booth: shifts.iter().map(|s| booth_ix.get(s.booth.as_str()).copied().unwrap_or(0)).collect(),
            start: shifts.iter().map(|s| instant_ns(s.starts_at)).collect(),
            end: shifts.iter().map(|s| instant_ns(s.ends_at)).collect(),
            len: shifts.iter().map(|s| s.length_ns()).collect(),
            seats: shifts.iter().map(|s| s.seats).collect(),
            day,
            days,
            shift_ix,
            newcomer: people.iter().map(|s| s.is_newcomer()).collect(),
            max_day: people.iter().map(|s| s.max_ns_per_day()).collect(),
            max_total: people.iter().map(|s| s.max_ns_total()).collect(),
            available: people
                .iter()
                .map(|s| {
                    (!s.availability.is_empty()).then(|| {
                        merged_windows(&s.availability)
                            .into_iter()
                            .map(|(a, b)| (instant_ns(a), instant_ns(b)))
                            .collect()
                    })
                })
                .collect(),
            unavailable: people.iter().map(|s| windows(&s.unavailable)).collect(),
            hard,
            soft,
            person_ix,
            people,
            min_rest: i128::from(roster.rules().min_rest_mins) * NANOS_PER_MINUTE,
            max_stretch: roster.rules().max_consecutive_mins.map(|m| i128::from(m) * NANOS_PER_MINUTE),
            skills,
            shifts,
            eligible: BitMatrix::default(),
            candidate_counts: Vec::new(),
            busy,
        };
        let (n_shifts, n_people) = (problem.shifts.len(), problem.people.len());
        let mut eligible = BitMatrix::new(n_shifts, n_people);
        let mut counts = vec![0_u32; n_shifts];
        for (s, count) in counts.iter_mut().enumerate() {
            for p in (0..n_people).filter(|&p| problem.is_eligible(p, s)) {
                eligible.set(s, p);
                *count += 1;
            }
        }
        problem.eligible = eligible;
        problem.candidate_counts = counts;
        problem
    }

    /// The people statically eligible for shift `s`, in name order.
    pub(super) fn candidates(&self, s: usize) -> impl Iterator<Item = usize> + '_ {
        self.eligible.row(s)
    }

    /// How many people are statically eligible for shift `s`.
    pub(super) fn candidate_count(&self, s: usize) -> u64 {
        self.candidate_counts.get(s).copied().map_or(0, u64::from)
    }

    /// Bytes the eligibility takes: one bit per (shift, person) pair plus a count per shift.
    #[cfg(test)]
    pub(super) fn eligibility_bytes(&self) -> usize {
        self.eligible.heap_bytes() + self.candidate_counts.capacity() * std::mem::size_of::<u32>()
    }

    /// The first reason from the person's own time that rules them out of shift `s`.
    pub(super) fn fixed(&self, p: usize, s: usize) -> Option<Fixed> {
        let (start, end) = (*self.start.get(s)?, *self.end.get(s)?);
        if let Some(Some(windows)) = self.available.get(p) {
            let after = windows.partition_point(|&(a, _)| a <= start);
            let inside = after > 0 && windows.get(after - 1).is_some_and(|&(_, b)| b >= end);
            if !inside {
                return Some(Fixed::Outside);
            }
        }
        if let Some(i) = self.unavailable.get(p).and_then(|u| u.first_overlap(start, end)) {
            return Some(Fixed::Unavailable(i));
        }
        self.hard.get(p).and_then(|h| h.first_overlap(start, end)).map(Fixed::Hard)
    }

    /// Free of fixed reasons, and the shift alone fits their hour limits and the longest stretch.
    fn is_eligible(&self, p: usize, s: usize) -> bool {
        let len = self.len.get(s).copied().unwrap_or(i128::MAX);
        self.fixed(p, s).is_none()
            && self.max_stretch.is_none_or(|max| len <= max)
            && len <= self.max_day.get(p).copied().unwrap_or(0)
            && len <= self.max_total.get(p).copied().unwrap_or(0)
    }

    pub(super) fn is_newcomer(&self, p: usize) -> bool {
        self.newcomer.get(p).copied().unwrap_or(false)
    }

    /// Whether shifts `s` and `t` cannot both be worked by one person, and why.
    fn pair_conflict(&self, s: usize, t: usize) -> Option<Conflict> {
        let (s_start, s_end, t_start, t_end) = (self.start[s], self.end[s], self.start[t], self.end[t]);
        if s_start < t_end && t_start < s_end {
            return Some(Conflict::Overlap(t));
        }
        let gap = if t_end <= s_start { s_start - t_end } else { t_start - s_end };
        (self.min_rest > 0 && gap < self.min_rest).then_some(Conflict::Rest(t))
    }

    /// The first reason from the roster that stops `p` taking a seat on `s` (ignores fixed ones).
    /// The hot path of the solver: allocation-free, and in the same order as [`Self::conflicts`].
    pub(super) fn first_conflict(&self, state: &State, p: usize, s: usize) -> Option<Conflict> {
        let on = &state.on[s];
        if on.iter().any(|&(q, _)| q == p) {
            return Some(Conflict::AlreadyOn);
        }
        if u32::try_from(on.len()).unwrap_or(u32::MAX) >= self.seats[s] {
            return Some(Conflict::Full);
        }
        if self.newcomer[p] && state.experienced[s] == 0 {
            return Some(Conflict::NeedsPartner);
        }
        if let Some(conflict) = self.skill_conflict(state, p, s) {
            return Some(conflict);
        }
        if let Some(conflict) = state.mine[p].iter().find_map(|&t| self.pair_conflict(s, t)) {
            return Some(conflict);
        }
        if let Some(conflict) = self.stretch_conflict(state, p, s) {
            return Some(conflict);
        }
        let day_worked = state.day_worked(p, self.day[s]).saturating_add(self.len[s]);
        if day_worked > self.max_day[p] {
            return Some(Conflict::Day { would_be: day_worked, max: self.max_day[p] });
        }
        let total = state.total[p].saturating_add(self.len[s]);
        (total > self.max_total[p]).then_some(Conflict::Total { would_be: total, max: self.max_total[p] })
    }

    /// Every reason from the roster that stops `p` taking a seat on `s`.
    pub(super) fn conflicts(&self, state: &State, p: usize, s: usize) -> Vec<Conflict> {
        let mut out = Vec::new();
        self.each_conflict(state, p, s, |c| out.push(c));
        out
    }

    /// Calls `found` with every reason from the roster that stops `p` taking a seat on `s`, in
    /// the order of [`Self::conflicts`]; allocation-free, for checks over every (person, shift).
    pub(super) fn each_conflict(&self, state: &State, p: usize, s: usize, mut found: impl FnMut(Conflict)) {
        let on = &state.on[s];
        if on.iter().any(|&(q, _)| q == p) {
            found(Conflict::AlreadyOn);
            return;
        }
        if u32::try_from(on.len()).unwrap_or(u32::MAX) >= self.seats[s] {
            found(Conflict::Full);
        }
        if self.newcomer[p] && state.experienced[s] == 0 {
            found(Conflict::NeedsPartner);
        }
        if let Some(conflict) = self.skill_conflict(state, p, s) {
            found(conflict);
        }
        for &t in &state.mine[p] {
            if let Some(conflict) = self.pair_conflict(s, t) {
                found(conflict);
            }
        }
        if let Some(conflict) = self.stretch_conflict(state, p, s) {
            found(conflict);
        }
        let day_worked = state.day_worked(p, self.day[s]).saturating_add(self.len[s]);
        if day_worked > self.max_day[p] {
            found(Conflict::Day { would_be: day_worked, max: self.max_day[p] });
        }
        let total = state.total[p].saturating_add(self.len[s]);
        if total > self.max_total[p] {
            found(Conflict::Total { would_be: total, max: self.max_total[p] });
        }
    }

    /// Whether nobody on `s` has `skill`.
    pub(super) fn skill_missing(&self, state: &State, s: usize, skill: u32) -> bool {
        !state.on[s].iter().any(|&(q, _)| self.skills.has(q, skill))
    }

    /// How many of the skills `s` still misses `p` would bring.
    pub(super) fn skills_brought(&self, state: &State, p: usize, s: usize) -> u32 {
        let brought =
            self.skills.required(s).iter().filter(|&&k| self.skills.has(p, k) && self.skill_missing(state, s, k));
        u32::try_from(brought.count()).unwrap_or(u32::MAX)
    }

    /// [`Conflict::LacksSkill`]: with `p` on `s`, more required skills would still be missing
    /// than seats left open. So a shift is never completed without a skill it requires.
    fn skill_conflict(&self, state: &State, p: usize, s: usize) -> Option<Conflict> {
        let required = self.skills.required(s);
        if required.is_empty() {
            return None;
        }
        let on = u32::try_from(state.on[s].len()).unwrap_or(u32::MAX);
        let open_after = self.seats[s].saturating_sub(on).saturating_sub(1);
        let mut missing_after = 0_u32;
        let mut first = None;
        for &k in required.iter().filter(|&&k| !self.skills.has(p, k) && self.skill_missing(state, s, k)) {
            missing_after += 1;
            first.get_or_insert(k);
        }
        first.filter(|_| missing_after > open_after).map(Conflict::LacksSkill)
    }

    /// The stretch `[start, end)` (instants) that `s` would be part of among `p`'s shifts in
    /// `state`: shifts closer than the minimum rest (or touching) join, as in the violation.
    pub(super) fn stretch_with(&self, state: &State, p: usize, s: usize) -> (i128, i128) {
        let (mut lo, mut hi) = (self.start[s], self.end[s]);
        let gap = self.min_rest.max(1);
        loop {
            let mut grew = false;
            for &t in state.mine[p].iter().filter(|&&t| t != s) {
                if self.start[t] < hi + gap && self.end[t] > lo - gap && (self.start[t] < lo || self.end[t] > hi) {
                    (lo, hi, grew) = (lo.min(self.start[t]), hi.max(self.end[t]), true);
                }
            }
            if !grew {
                return (lo, hi);
            }
        }
    }

    fn stretch_conflict(&self, state: &State, p: usize, s: usize) -> Option<Conflict> {
        let max = self.max_stretch?;
        let (lo, hi) = self.stretch_with(state, p, s);
        (hi - lo > max).then_some(Conflict::Stretch { would_be: hi - lo, max })
    }

    /// Shifts with open seats, hardest first: fewest eligible people per seat at stake, where a
    /// newcomer already on a shift without a partner counts as a seat at stake too (an anchor
    /// there saves it).
    pub(super) fn difficulty_order(&self, state: &State) -> Vec<usize> {
        let at_stake = |s: usize| {
            let on = u32::try_from(state.on[s].len()).unwrap_or(u32::MAX);
            let waiting = if state.experienced[s] == 0 { on } else { 0 };
            u64::from(self.seats[s].saturating_sub(on)) + u64::from(waiting)
        };
        let open = |s: usize| self.seats[s] > u32::try_from(state.on[s].len()).unwrap_or(u32::MAX);
        let mut order: Vec<usize> = (0..self.shifts.len()).filter(|&s| open(s)).collect();
        order.sort_by(|&a, &b| {
            let (ca, cb) = (self.candidate_count(a), self.candidate_count(b));
            (ca * at_stake(b)).cmp(&(cb * at_stake(a))).then(a.cmp(&b))
        });
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::autoroster::test_support::{roster, shift};
    use crate::model::roster::Experience;

    #[test]
    fn eligibility_takes_a_bit_per_pair_not_a_word() {
        // 130 people × 3 shifts: 3 rows of 3 words, and a count per shift.
        let shifts = (0..3).map(|i| shift(&format!("s{i}"), "2027-04-16 09:00", "2027-04-16 10:00", 2)).collect();
        let staff = (0..130).map(|p| Staff::new(format!("p{p:03}"), Experience::Experienced)).collect();
        let r = roster(shifts, staff, Vec::new());
        let problem = Problem::new(&r, &StaffBusy::new());
        assert_eq!(problem.candidate_count(1), 130);
        assert_eq!(problem.candidates(1).count(), 130);
        assert_eq!(problem.eligibility_bytes(), 3 * 3 * 8 + 3 * 4);
    }
}
