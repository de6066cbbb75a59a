//! The auto-roster's [`Solver`]: steps 1–6 of the algorithm in the `autoroster` module docs
//! (keep, anchor, fill, repair, release) over a [`State`], and the result as assignments. Greedy
//! and deterministic; the repair search is bounded by a fixed budget.

use std::collections::BTreeSet;

use super::problem::{Conflict, Problem};
use super::state::{Origin, State};
use crate::model::roster::Assignment;
use crate::model::time::NANOS_PER_MINUTE;

/// Extra cost, as time worked (nanoseconds, two hours), of sending someone to a booth they are
/// not at yet.
const NEW_BOOTH_PENALTY: i128 = 120 * NANOS_PER_MINUTE;
/// How deep the repair looks: a chain of at most this many shifts.
const REPAIR_DEPTH: u32 = 3;
/// Feasibility checks one open seat's repair may spend.
const REPAIR_BUDGET_PER_SEAT: u64 = 20_000;
/// Feasibility checks the whole repair may spend.
const REPAIR_BUDGET_TOTAL: u64 = 4_000_000;

pub(super) struct Solver<'p, 'a> {
    problem: &'p Problem<'a>,
    pub(super) state: State,
    /// Feasibility checks the repair may still spend.
    budget: u64,
}

impl<'p, 'a> Solver<'p, 'a> {
    pub(super) fn new(problem: &'p Problem<'a>) -> Self {
        Self { problem, state: State::new(problem), budget: REPAIR_BUDGET_TOTAL }
    }

    /// Step 1: locked assignments, then (optionally) the unlocked ones that break no hard rule.
    pub(super) fn keep(&mut self, keep_unlocked: bool) {
        let problem = self.problem;
        let index = |a: &Assignment| {
            Some((*problem.person_ix.get(a.person.as_str())?, *problem.shift_ix.get(a.shift.as_str())?))
        };
        let assignments = problem.roster.assignments();
        for (p, s) in assignments.iter().filter(|a| a.locked).filter_map(index) {
            self.state.assign(problem, p, s, Origin::Locked);
        }
        if !keep_unlocked {
            return;
        }
        let mut unlocked: Vec<(usize, usize)> = assignments.iter().filter(|a| !a.locked).filter_map(index).collect();
        // Experienced people first, so newcomers see their partners; then in shift order, people
        // with a skill the shift requires first, so the seats kept for it are theirs.
        let brings = |p: usize, s: usize| problem.skills.required(s).iter().any(|&k| problem.skills.has(p, k));
        unlocked.sort_by_key(|&(p, s)| (problem.is_newcomer(p), s, !brings(p, s), p));
        for (p, s) in unlocked {
            let conflict = problem.conflicts(&self.state, p, s);
            // The partner rule is settled at the end (step 6): a partner may still come.
            let fits = conflict.iter().all(|c| *c == Conflict::NeedsPartner);
            if fits && problem.fixed(p, s).is_none() {
                self.state.assign(problem, p, s, Origin::Kept);
            }
        }
    }

    /// The best person for a seat on `s` who breaks no rule, if any. `experienced_only` for
    /// anchoring; otherwise newcomers come first (they can only be used where a partner is).
    /// Before either: whoever brings most of the skills the shift still misses.
    fn best(&self, s: usize, experienced_only: bool) -> Option<usize> {
        let problem = self.problem;
        let needs_skills = !problem.skills.required(s).is_empty();
        let mut best: Option<((u32, u32, bool, i128), usize)> = None;
        for p in problem.candidates(s) {
            if experienced_only && problem.is_newcomer(p) {
                continue;
            }
            if problem.first_conflict(&self.state, p, s).is_some() {
                continue;
            }
            let maybe_clashes = problem.soft[p].count_overlaps(problem.start[s], problem.end[s]);
            let booths = &self.state.booths[p];
            let new_booth = !booths.is_empty() && !booths.iter().any(|&(b, _)| b == problem.booth[s]);
            let cost = self.state.total[p].saturating_add(if new_booth { NEW_BOOTH_PENALTY } else { 0 });
            let brought = if needs_skills { problem.skills_brought(&self.state, p, s) } else { 0 };
            let key = (maybe_clashes, u32::MAX - brought, !problem.is_newcomer(p), cost);
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, p));
            }
        }
        best.map(|(_, p)| p)
    }

    /// Step 3.
    pub(super) fn anchor(&mut self, order: &[usize]) {
        for &s in order {
            if self.state.experienced[s] == 0
                && let Some(p) = self.best(s, true)
            {
                self.state.assign(self.problem, p, s, Origin::New);
            }
        }
    }

    /// Step 4.
    pub(super) fn fill(&mut self, order: &[usize]) {
        for &s in order {
            while let Some(p) = self.best(s, false) {
                self.state.assign(self.problem, p, s, Origin::New);
            }
        }
    }

    /// Step 5.
    pub(super) fn repair(&mut self, order: &[usize]) {
        let problem = self.problem;
        for &s in order {
            while self.state.on[s].len() < problem.seats[s] as usize && self.budget > 0 {
                let allowance = REPAIR_BUDGET_PER_SEAT.min(self.budget);
                let mut left = allowance;
                let found = self.augment(s, REPAIR_DEPTH, &mut vec![s], &mut left);
                self.budget -= allowance - left;
                if !found {
                    break;
                }
            }
        }
    }

    /// Fills one seat on `s`, moving solver-made assignments along a chain of at most `depth`
    /// shifts. Leaves the state unchanged when it fails.
    fn augment(&mut self, s: usize, depth: u32, visited: &mut Vec<usize>, budget: &mut u64) -> bool {
        let problem = self.problem;
        *budget = budget.saturating_sub(problem.candidate_count(s));
        if let Some(p) = self.best(s, false) {
            self.state.assign(problem, p, s, Origin::New);
            return true;
        }
        if depth <= 1 || *budget == 0 {
            return false;
        }
        for p in problem.candidates(s) {
            let conflicts = problem.conflicts(&self.state, p, s);
            let Some(movable) = self.movable_for(p, s, &conflicts, visited) else { continue };
            for t in movable {
                if *budget == 0 {
                    return false;
                }
                *budget -= 1;
                if self.state.unassign(problem, p, t).is_none() {
                    continue;
                }
                if problem.first_conflict(&self.state, p, s).is_none() {
                    self.state.assign(problem, p, s, Origin::New);
                    visited.push(t);
                    if self.augment(t, depth - 1, visited, budget) {
                        return true;
                    }
                    visited.pop();
                    self.state.unassign(problem, p, s);
                }
                self.state.assign(problem, p, t, Origin::New);
            }
        }
        false
    }

    /// The solver-made shifts of `p` whose removal could let `p` take `s`, given why `p`
    /// cannot now; `None` when moving one shift cannot help.
    fn movable_for(&self, p: usize, s: usize, conflicts: &[Conflict], visited: &[usize]) -> Option<Vec<usize>> {
        let problem = self.problem;
        let mut pair: Option<usize> = None;
        let (mut day_bound, mut total_bound, mut stretch_bound) = (false, false, false);
        for conflict in conflicts {
            match *conflict {
                Conflict::AlreadyOn | Conflict::Full | Conflict::NeedsPartner | Conflict::LacksSkill(_) => return None,
                Conflict::Overlap(t) | Conflict::Rest(t) => {
                    if pair.is_some_and(|u| u != t) {
                        return None; // Two shifts in the way.
                    }
                    pair = Some(t);
                }
                Conflict::Stretch { .. } => stretch_bound = true,
                Conflict::Day { .. } => day_bound = true,
                Conflict::Total { .. } => total_bound = true,
            }
        }
        let movable = |t: usize| self.state.origin(p, t) == Some(Origin::New) && !visited.contains(&t);
        let list: Vec<usize> = match pair {
            Some(t) => vec![t],
            None if stretch_bound => {
                let (lo, hi) = problem.stretch_with(&self.state, p, s);
                let gap = problem.min_rest.max(1);
                self.state.mine[p]
                    .iter()
                    .copied()
                    .filter(|&t| problem.start[t] < hi + gap && problem.end[t] > lo - gap)
                    .collect()
            }
            None if day_bound => {
                self.state.mine[p].iter().copied().filter(|&t| problem.day[t] == problem.day[s]).collect()
            }
            None if total_bound => self.state.mine[p].clone(),
            None => return None,
        };
        let list: Vec<usize> = list.into_iter().filter(|&t| movable(t)).collect();
        (!list.is_empty()).then_some(list)
    }

    /// Step 6.
    pub(super) fn release_lonely_newcomers(&mut self) {
        let problem = self.problem;
        for s in 0..problem.shifts.len() {
            if self.state.experienced[s] > 0 {
                continue;
            }
            let lonely: Vec<usize> =
                self.state.on[s].iter().filter(|&&(_, origin)| origin == Origin::Kept).map(|&(p, _)| p).collect();
            for p in lonely {
                self.state.unassign(problem, p, s);
            }
            debug_assert!(self.state.on[s].iter().all(|&(_, o)| o == Origin::Locked), "solver left a newcomer alone");
        }
    }

    /// (all, added, released) as assignments.
    pub(super) fn result(&self) -> (Vec<Assignment>, Vec<Assignment>, Vec<Assignment>) {
        let problem = self.problem;
        let mut present: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (s, on) in self.state.on.iter().enumerate() {
            for &(p, _) in on {
                present.insert((s, p));
            }
        }
        let mut all = Vec::new();
        let mut released = Vec::new();
        let mut old: BTreeSet<(usize, usize)> = BTreeSet::new();
        for a in problem.roster.assignments() {
            let key = problem.shift_ix.get(a.shift.as_str()).zip(problem.person_ix.get(a.person.as_str()));
            match key {
                Some((&s, &p)) if present.contains(&(s, p)) => {
                    old.insert((s, p));
                    all.push(a.clone());
                }
                _ => released.push(a.clone()),
            }
        }
        let added: Vec<Assignment> = present
            .iter()
            .filter(|key| !old.contains(key))
            .map(|&(s, p)| Assignment {
                shift: problem.shifts[s].id.clone(),
                person: problem.people[p].name.clone(),
                locked: false,
            })
            .collect();
        all.extend(added.iter().cloned());
        (all, added, released)
    }
}
