//! The solver's [`State`]: who is on which shift (and whether locked, kept or new), with running
//! totals per person. [`State::assign`] and [`State::unassign`] undo each other exactly; no rule
//! is checked here.

use super::problem::Problem;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    Locked,
    /// Was in the roster and breaks no hard rule.
    Kept,
    /// Added by the solver; the only kind the repair moves.
    New,
}

#[derive(Clone, Debug)]
pub(super) struct State {
    /// Per shift: (person, origin).
    pub(super) on: Vec<Vec<(usize, Origin)>>,
    pub(super) experienced: Vec<u32>,
    /// Per person: their shifts.
    pub(super) mine: Vec<Vec<usize>>,
    /// Per person: (day, nanoseconds worked), exact as the hour limits compare them.
    day_worked: Vec<Vec<(usize, i128)>>,
    /// Per person: nanoseconds worked in all.
    pub(super) total: Vec<i128>,
    /// Per person: (booth, shifts there).
    pub(super) booths: Vec<Vec<(usize, u32)>>,
}

impl State {
    pub(super) fn new(problem: &Problem<'_>) -> Self {
        let (n_people, n_shifts) = (problem.people.len(), problem.shifts.len());
        Self {
            on: vec![Vec::new(); n_shifts],
            experienced: vec![0; n_shifts],
            mine: vec![Vec::new(); n_people],
            day_worked: vec![Vec::new(); n_people],
            total: vec![0; n_people],
            booths: vec![Vec::new(); n_people],
        }
    }

    /// Nanoseconds `p` works on conference day `day`.
    pub(super) fn day_worked(&self, p: usize, day: usize) -> i128 {
        self.day_worked[p].iter().find(|&&(d, _)| d == day).map_or(0, |&(_, m)| m)
    }

    pub(super) fn assign(&mut self, problem: &Problem<'_>, p: usize, s: usize, origin: Origin) {
        self.on[s].push((p, origin));
        if !problem.is_newcomer(p) {
            self.experienced[s] += 1;
        }
        self.mine[p].push(s);
        let (day, len, booth) = (problem.day[s], problem.len[s], problem.booth[s]);
        match self.day_worked[p].iter_mut().find(|(d, _)| *d == day) {
            Some((_, m)) => *m = m.saturating_add(len),
            None => self.day_worked[p].push((day, len)),
        }
        self.total[p] = self.total[p].saturating_add(len);
        match self.booths[p].iter_mut().find(|(b, _)| *b == booth) {
            Some((_, n)) => *n += 1,
            None => self.booths[p].push((booth, 1)),
        }
    }

    /// Exactly undoes [`Self::assign`]. Returns the origin, `None` if `p` was not on `s`.
    pub(super) fn unassign(&mut self, problem: &Problem<'_>, p: usize, s: usize) -> Option<Origin> {
        let pos = self.on[s].iter().position(|&(q, _)| q == p)?;
        let (_, origin) = self.on[s].remove(pos);
        if !problem.is_newcomer(p) {
            self.experienced[s] = self.experienced[s].saturating_sub(1);
        }
        self.mine[p].retain(|&t| t != s);
        let (day, len, booth) = (problem.day[s], problem.len[s], problem.booth[s]);
        if let Some((_, m)) = self.day_worked[p].iter_mut().find(|(d, _)| *d == day) {
            *m = m.saturating_sub(len);
        }
        self.total[p] = self.total[p].saturating_sub(len);
        if let Some((_, n)) = self.booths[p].iter_mut().find(|(b, _)| *b == booth) {
            *n = n.saturating_sub(1);
        }
        self.booths[p].retain(|&(_, n)| n > 0);
        Some(origin)
    }

    pub(super) fn origin(&self, p: usize, s: usize) -> Option<Origin> {
        self.on[s].iter().find(|&&(q, _)| q == p).map(|&(_, o)| o)
    }
}
