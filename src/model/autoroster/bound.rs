//! [`Problem::bound`]: the most seats any roster respecting the locked assignments and the hard
//! rules could fill, as locked seats plus a maximum flow (see the `autoroster` module docs), and
//! the per-person capacity it needs. Read-only.

use super::bits::BitMatrix;
use super::flow::SeatFlow;
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
        // Eligible (person, shift) pairs given the locked shifts: the person → shift edges, one
        // bit each, never a list of edges.
        let mut eligible = BitMatrix::new(n_people, n_shifts);
        for s in 0..n_shifts {
            for p in self.candidates(s) {
                let mut fits = true;
                // Required skills are ignored: a roster may leave a seat open rather than break one.
                self.each_conflict(&locked, p, s, |c| {
                    fits &= matches!(c, Conflict::NeedsPartner | Conflict::Full | Conflict::LacksSkill(_));
                });
                if fits {
                    eligible.set(p, s);
                }
            }
        }
        let mut flow = SeatFlow::new(&eligible, &self.newcomer, n_shifts);
        let mut experienced_can_reach = vec![false; n_shifts];
        let (mut shifts, mut scratch) = (Vec::new(), Scratch::default());
        for p in 0..n_people {
            shifts.clear();
            shifts.extend(eligible.row(p));
            let capacity = self.capacity(&locked, p, &shifts, &mut scratch);
            if capacity == 0 {
                continue;
            }
            flow.person(p, capacity);
            if !self.newcomer[p] {
                for &s in &shifts {
                    experienced_can_reach[s] = true;
                }
            }
        }
        for (s, on) in locked.on.iter().enumerate() {
            let open = self.seats[s].saturating_sub(u32::try_from(on.len()).unwrap_or(u32::MAX));
            if open == 0 {
                continue;
            }
            flow.seats(s, open);
            if locked.experienced[s] > 0 || experienced_can_reach[s] {
                let locked_newcomers = u32::try_from(on.len()).unwrap_or(0).saturating_sub(locked.experienced[s]);
                let newcomer_cap = self.seats[s].saturating_sub(1).saturating_sub(locked_newcomers);
                flow.side(s, newcomer_cap);
            }
        }
        let extra = u32::try_from(flow.max_flow()).unwrap_or(u32::MAX);
        locked_count.saturating_add(extra)
    }

    /// The most of `shifts` (each eligible alone) that person `p` could hold together with their
    /// locked shifts in `state`: the least of the interval-scheduling maximum under overlap and
    /// rest, the count fitting their total hours, and the count fitting their hours day by day.
    /// `scratch` is reused from person to person, so the bound allocates per person only once.
    fn capacity(&self, state: &State, p: usize, shifts: &[usize], scratch: &mut Scratch) -> u32 {
        // Overlap plus rest: shifts conflict exactly when their intervals, each extended by the
        // minimum rest at its end, overlap; greedy by earliest extended end is optimal.
        let by_end = &mut scratch.by_end;
        by_end.clear();
        by_end.extend(shifts.iter().map(|&s| (self.end[s] + self.min_rest, self.start[s])));
        by_end.sort_unstable();
        let mut scheduled = 0_u32;
        let mut free_from = i128::MIN;
        for &(extended_end, start) in by_end.iter() {
            if start >= free_from {
                scheduled += 1;
                free_from = extended_end;
            }
        }
        // The most of `lengths` (sorted) fitting in `budget`: shortest first.
        let fit = |lengths: &[(usize, i128)], budget: i128| {
            let mut used = 0_i128;
            let mut count = 0_u32;
            for &(_, m) in lengths {
                used = used.saturating_add(m);
                if used > budget {
                    break;
                }
                count += 1;
            }
            count
        };
        let lengths = &mut scratch.lengths;
        lengths.clear();
        lengths.extend(shifts.iter().map(|&s| (0, self.len[s])));
        lengths.sort_unstable();
        let by_total = fit(lengths, self.max_total[p].saturating_sub(state.total[p]));
        lengths.clear();
        lengths.extend(shifts.iter().map(|&s| (self.day[s], self.len[s])));
        lengths.sort_unstable();
        let by_day: u32 = lengths
            .chunk_by(|a, b| a.0 == b.0)
            .map(|day| {
                let d = day.first().map_or(0, |&(d, _)| d);
                fit(day, self.max_day[p].saturating_sub(state.day_worked(p, d)))
            })
            .sum();
        scheduled.min(by_total).min(by_day)
    }
}

/// Buffers [`Problem::capacity`] reuses from one person to the next.
#[derive(Default)]
struct Scratch {
    by_end: Vec<(i128, i128)>,
    /// (day, length in nanoseconds) of each shift.
    lengths: Vec<(usize, i128)>,
}
