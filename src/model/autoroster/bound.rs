//! [`Problem::bound`]: the most seats any roster respecting the locked assignments and the hard
//! rules could fill, as locked seats plus a maximum flow (see the `autoroster` module docs), and
//! the per-person capacity it needs. Read-only.

use std::collections::BTreeMap;

use super::flow::Flow;
use super::problem::{Conflict, Problem};
use super::state::{Origin, State};

impl Problem<'_> {
    /// See the module docs.
    pub(super) fn bound(&self) -> u32 {
        let mut locked = State::new(self);
        for a in self.roster.assignments().iter().filter(|a| a.locked) {
            if let (Some(&p), Some(&s)) = (self.person_ix.get(a.person.as_str()), self.shift_ix.get(a.shift.as_str())) {
                locked.assign(self, p, s, Origin::Locked);
            }
        }
        let locked_count: u32 = locked.on.iter().map(|on| u32::try_from(on.len()).unwrap_or(u32::MAX)).sum();
        let (n_people, n_shifts) = (self.people.len(), self.shifts.len());
        // Eligible (person, shift) pairs given the locked shifts.
        let mut eligible: Vec<Vec<usize>> = vec![Vec::new(); n_people];
        for (s, candidates) in self.candidates.iter().enumerate() {
            for &p in candidates {
                let fits =
                    self.conflicts(&locked, p, s).iter().all(|c| matches!(c, Conflict::NeedsPartner | Conflict::Full));
                if fits {
                    eligible[p].push(s);
                }
            }
        }
        let mut flow = Flow::new(2 + n_people + 2 * n_shifts);
        let (source, sink) = (0, 1);
        let person_node = |p: usize| 2 + p;
        let shift_node = |s: usize| 2 + n_people + s;
        let newcomer_node = |s: usize| 2 + n_people + n_shifts + s;
        let mut experienced_can_reach = vec![false; n_shifts];
        for (p, shifts) in eligible.iter().enumerate() {
            let capacity = self.capacity(&locked, p, shifts);
            if capacity == 0 {
                continue;
            }
            flow.edge(source, person_node(p), capacity);
            for &s in shifts {
                if self.newcomer[p] {
                    flow.edge(person_node(p), newcomer_node(s), 1);
                } else {
                    experienced_can_reach[s] = true;
                    flow.edge(person_node(p), shift_node(s), 1);
                }
            }
        }
        for (s, on) in locked.on.iter().enumerate() {
            let open = self.seats[s].saturating_sub(u32::try_from(on.len()).unwrap_or(u32::MAX));
            if open == 0 {
                continue;
            }
            flow.edge(shift_node(s), sink, open);
            if locked.experienced[s] > 0 || experienced_can_reach[s] {
                let locked_newcomers = u32::try_from(on.len()).unwrap_or(0).saturating_sub(locked.experienced[s]);
                let newcomer_cap = self.seats[s].saturating_sub(1).saturating_sub(locked_newcomers);
                if newcomer_cap > 0 {
                    flow.edge(newcomer_node(s), shift_node(s), newcomer_cap);
                }
            }
        }
        let extra = u32::try_from(flow.max_flow(source, sink)).unwrap_or(u32::MAX);
        locked_count.saturating_add(extra)
    }

    /// The most of `shifts` (each eligible alone) that person `p` could hold together with their
    /// locked shifts in `state`: the least of the interval-scheduling maximum under overlap and
    /// rest, the count fitting their total hours, and the count fitting their hours day by day.
    fn capacity(&self, state: &State, p: usize, shifts: &[usize]) -> u32 {
        // Overlap plus rest: shifts conflict exactly when their intervals, each extended by the
        // minimum rest at its end, overlap; greedy by earliest extended end is optimal.
        let mut by_end: Vec<(i64, i64)> =
            shifts.iter().map(|&s| (self.end[s] + self.min_rest, self.start[s])).collect();
        by_end.sort_unstable();
        let mut scheduled = 0_u32;
        let mut free_from = i64::MIN;
        for (extended_end, start) in by_end {
            if start >= free_from {
                scheduled += 1;
                free_from = extended_end;
            }
        }
        let fit = |mut minutes: Vec<u32>, budget: u32| {
            minutes.sort_unstable();
            let mut used = 0_u32;
            let mut count = 0_u32;
            for m in minutes {
                used = used.saturating_add(m);
                if used > budget {
                    break;
                }
                count += 1;
            }
            count
        };
        let total_budget = self.max_total[p].saturating_sub(state.total[p]);
        let by_total = fit(shifts.iter().map(|&s| self.mins[s]).collect(), total_budget);
        let mut per_day: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
        for &s in shifts {
            per_day.entry(self.day[s]).or_default().push(self.mins[s]);
        }
        let by_day: u32 = per_day
            .into_iter()
            .map(|(day, minutes)| fit(minutes, self.max_day[p].saturating_sub(state.day_minutes(p, day))))
            .sum();
        scheduled.min(by_total).min(by_day)
    }
}
