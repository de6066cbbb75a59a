//! Auto-roster: fills a roster's open seats without breaking a hard rule, says how close that is
//! to the best any roster could do, and explains every seat it leaves open.
//!
//! **Hard rules** (never broken by what the solver adds): availability windows, unavailable
//! blocks, no two overlapping shifts, maximum hours per day and in total, the staff member's
//! must-see picks and other commitments (`model::busy`), locked assignments (kept as they are),
//! the newcomer rule (a newcomer only joins a shift that has an experienced person) and the
//! minimum rest between shifts. **Preferences**, within those: an even spread of hours, not
//! clashing with maybe picks, and each person at fewer booths.
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
//! a flow in this network, so `filled ≤ bound`; no roster respecting the locked assignments and
//! the hard rules can fill more than `bound` seats.
//!
//! **Cost**, for P staff, S shifts, E eligible (person, shift) pairs and k shifts per person:
//! eligibility O(P·S·log b) for b busy times per person; greedy O(seats · candidates · k);
//! repair bounded by a fixed budget; the bound O(E·√(P+S)) (Dinic on a unit-capacity-like
//! network). For 500 staff × 2,000 shifts (4,022 seats) a release build takes about 0.9 s, the
//! bound about 0.16 s of it (`benches/autoroster.rs`, a 2-core machine busy with other builds).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::busy::{BusyTime, Commitment, StaffBusy};
use super::ids::SessionId;
use super::roster::{Assignment, PersonName, Roster, Shift, ShiftId, Staff, merged_windows, shift_label};
use super::time::{format_day, format_minutes};

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

/// Why one person cannot take one seat.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Blocker {
    /// The shift is outside their availability.
    OutsideAvailability,
    /// The shift overlaps one of their unavailable blocks.
    Unavailable { note: String },
    /// The shift overlaps a must-see pick in their plan.
    MustSee { session: SessionId, title: String },
    /// The shift overlaps another hard commitment of theirs.
    Busy { title: String },
    /// They are on an overlapping shift.
    OnOverlappingShift { shift: ShiftId },
    /// They are on a shift too close to this one for the minimum rest.
    TooLittleRest { shift: ShiftId },
    /// It would take them over their hours on that day.
    DailyHours { date: NaiveDate, would_be_mins: u32, max_mins: u32 },
    /// It would take them over their hours in all.
    TotalHours { would_be_mins: u32, max_mins: u32 },
    /// They are a newcomer and nobody experienced is on the shift.
    NeedsExperiencedPartner,
}

/// The kind of a [`Blocker`], for counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockerKind {
    OutsideAvailability,
    Unavailable,
    MustSee,
    Busy,
    OnOverlappingShift,
    TooLittleRest,
    DailyHours,
    TotalHours,
    NeedsExperiencedPartner,
}

impl BlockerKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::OutsideAvailability => "not available",
            Self::Unavailable => "unavailable",
            Self::MustSee => "at a must-see talk",
            Self::Busy => "busy",
            Self::OnOverlappingShift => "on another shift",
            Self::TooLittleRest => "too little rest",
            Self::DailyHours => "out of hours that day",
            Self::TotalHours => "out of hours",
            Self::NeedsExperiencedPartner => "newcomer without a partner",
        }
    }
}

impl Blocker {
    /// Fixed blockers come from the person's own time (availability, blocks, plan) and no
    /// change to the roster removes them; the others depend on the rest of the roster.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Self::OutsideAvailability | Self::Unavailable { .. } | Self::MustSee { .. } | Self::Busy { .. })
    }

    pub fn kind(&self) -> BlockerKind {
        match self {
            Self::OutsideAvailability => BlockerKind::OutsideAvailability,
            Self::Unavailable { .. } => BlockerKind::Unavailable,
            Self::MustSee { .. } => BlockerKind::MustSee,
            Self::Busy { .. } => BlockerKind::Busy,
            Self::OnOverlappingShift { .. } => BlockerKind::OnOverlappingShift,
            Self::TooLittleRest { .. } => BlockerKind::TooLittleRest,
            Self::DailyHours { .. } => BlockerKind::DailyHours,
            Self::TotalHours { .. } => BlockerKind::TotalHours,
            Self::NeedsExperiencedPartner => BlockerKind::NeedsExperiencedPartner,
        }
    }

    /// A short phrase: `on sat-psf-2 at the same time`, `would work 7 h on Sat 17 Apr (max 6 h)`.
    pub fn describe(&self) -> String {
        match self {
            Self::OutsideAvailability => "not available then".to_owned(),
            Self::Unavailable { note } if note.trim().is_empty() => "unavailable then".to_owned(),
            Self::Unavailable { note } => format!("unavailable ({})", note.trim()),
            Self::MustSee { title, .. } => format!("must-see \"{title}\""),
            Self::Busy { title } => format!("busy: {title}"),
            Self::OnOverlappingShift { shift } => format!("on {shift} at the same time"),
            Self::TooLittleRest { shift } => format!("not enough rest between this and {shift}"),
            Self::DailyHours { date, would_be_mins, max_mins } => format!(
                "would work {} on {} (max {})",
                format_minutes(i64::from(*would_be_mins)),
                format_day(*date),
                format_minutes(i64::from(*max_mins))
            ),
            Self::TotalHours { would_be_mins, max_mins } => format!(
                "would work {} in all (max {})",
                format_minutes(i64::from(*would_be_mins)),
                format_minutes(i64::from(*max_mins))
            ),
            Self::NeedsExperiencedPartner => "a newcomer, and nobody experienced is on it".to_owned(),
        }
    }
}

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

/// What the auto-roster did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoRoster {
    /// The complete new set of assignments: those kept, in their old order, then those added, in
    /// shift order. Apply it with `RosterEdit::SetAssignments`.
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

// ---------------------------------------------------------------------------------------------
// The problem: indexes built once.

/// Minutes since the Unix epoch: cheap to compare and subtract.
fn minute(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp().div_euclid(60)
}

/// Intervals `[start, end)` in minutes with a payload, sorted by start, with the running maximum
/// of ends so "does anything overlap?" is a binary search.
#[derive(Debug, Default)]
struct Intervals {
    spans: Vec<(i64, i64, usize)>,
    max_end: Vec<i64>,
}

impl Intervals {
    fn new(mut spans: Vec<(i64, i64, usize)>) -> Self {
        spans.retain(|&(s, e, _)| e > s);
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut running = i64::MIN;
        for &(_, end, _) in &spans {
            running = running.max(end);
            max_end.push(running);
        }
        Self { spans, max_end }
    }

    /// The payload of the first (by start) interval overlapping `[start, end)`.
    fn first_overlap(&self, start: i64, end: i64) -> Option<usize> {
        let before = self.spans.partition_point(|&(s, _, _)| s < end);
        if before == 0 || self.max_end.get(before - 1).is_none_or(|&m| m <= start) {
            return None;
        }
        self.spans.get(..before)?.iter().find(|&&(_, e, _)| e > start).map(|&(_, _, payload)| payload)
    }

    fn count_overlaps(&self, start: i64, end: i64) -> u32 {
        let before = self.spans.partition_point(|&(s, _, _)| s < end);
        if before == 0 || self.max_end.get(before - 1).is_none_or(|&m| m <= start) {
            return 0;
        }
        let n = self.spans.get(..before).map_or(0, |spans| spans.iter().filter(|&&(_, e, _)| e > start).count());
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

/// A fixed reason, by index into the person's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fixed {
    Outside,
    Unavailable(usize),
    Hard(usize),
}

/// A reason that depends on the roster, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Conflict {
    AlreadyOn,
    Full,
    NeedsPartner,
    Overlap(usize),
    Rest(usize),
    Day { would_be: u32, max: u32 },
    Total { would_be: u32, max: u32 },
}

/// Extra cost, in minutes of work, of sending someone to a booth they are not at yet.
const NEW_BOOTH_PENALTY_MINS: u64 = 120;
/// How deep the repair looks: a chain of at most this many shifts.
const REPAIR_DEPTH: u32 = 3;
/// Feasibility checks one open seat's repair may spend.
const REPAIR_BUDGET_PER_SEAT: u64 = 20_000;
/// Feasibility checks the whole repair may spend.
const REPAIR_BUDGET_TOTAL: u64 = 4_000_000;

struct Problem<'a> {
    roster: &'a Roster,
    shifts: Vec<&'a Shift>,
    shift_ix: BTreeMap<&'a str, usize>,
    booth: Vec<usize>,
    start: Vec<i64>,
    end: Vec<i64>,
    mins: Vec<u32>,
    day: Vec<usize>,
    days: Vec<NaiveDate>,
    seats: Vec<u32>,
    people: Vec<&'a Staff>,
    person_ix: BTreeMap<&'a str, usize>,
    newcomer: Vec<bool>,
    max_day: Vec<u32>,
    max_total: Vec<u32>,
    /// Merged availability in minutes; `None`: any time.
    available: Vec<Option<Vec<(i64, i64)>>>,
    unavailable: Vec<Intervals>,
    hard: Vec<Intervals>,
    soft: Vec<Intervals>,
    busy: StaffBusy,
    min_rest: i64,
    /// Statically eligible people per shift, in name order.
    candidates: Vec<Vec<usize>>,
}

impl<'a> Problem<'a> {
    fn new(roster: &'a Roster, busy: &StaffBusy) -> Self {
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
        let windows = |list: &[super::roster::Window]| {
            Intervals::new(list.iter().enumerate().map(|(i, w)| (minute(w.starts_at), minute(w.ends_at), i)).collect())
        };
        let busy_of = |staff: &Staff, hard: bool| {
            Intervals::new(
                busy.of(staff.name.as_str())
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.is_hard() == hard)
                    .map(|(i, t)| (minute(t.starts_at), minute(t.ends_at), i))
                    .collect(),
            )
        };
        let hard = people.iter().map(|s| busy_of(s, true)).collect();
        let soft = people.iter().map(|s| busy_of(s, false)).collect();
        let mut problem = Self {
            roster,
            booth: shifts.iter().map(|s| booth_ix.get(s.booth.as_str()).copied().unwrap_or(0)).collect(),
            start: shifts.iter().map(|s| minute(s.starts_at)).collect(),
            end: shifts.iter().map(|s| minute(s.ends_at)).collect(),
            mins: shifts.iter().map(|s| s.duration_mins()).collect(),
            seats: shifts.iter().map(|s| s.seats).collect(),
            day,
            days,
            shift_ix,
            newcomer: people.iter().map(|s| s.is_newcomer()).collect(),
            max_day: people.iter().map(|s| s.max_minutes_per_day()).collect(),
            max_total: people.iter().map(|s| s.max_minutes_total()).collect(),
            available: people
                .iter()
                .map(|s| {
                    (!s.availability.is_empty()).then(|| {
                        merged_windows(&s.availability).into_iter().map(|(a, b)| (minute(a), minute(b))).collect()
                    })
                })
                .collect(),
            unavailable: people.iter().map(|s| windows(&s.unavailable)).collect(),
            hard,
            soft,
            person_ix,
            people,
            min_rest: i64::from(roster.rules().min_rest_mins),
            shifts,
            candidates: Vec::new(),
            busy,
        };
        problem.candidates = (0..problem.shifts.len())
            .map(|s| (0..problem.people.len()).filter(|&p| problem.is_eligible(p, s)).collect())
            .collect();
        problem
    }

    /// The first reason from the person's own time that rules them out of shift `s`.
    fn fixed(&self, p: usize, s: usize) -> Option<Fixed> {
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

    /// Free of fixed reasons, and the shift alone fits their hour limits.
    fn is_eligible(&self, p: usize, s: usize) -> bool {
        let mins = self.mins.get(s).copied().unwrap_or(u32::MAX);
        self.fixed(p, s).is_none()
            && mins <= self.max_day.get(p).copied().unwrap_or(0)
            && mins <= self.max_total.get(p).copied().unwrap_or(0)
    }

    fn is_newcomer(&self, p: usize) -> bool {
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
    fn first_conflict(&self, state: &State, p: usize, s: usize) -> Option<Conflict> {
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
        if let Some(conflict) = state.mine[p].iter().find_map(|&t| self.pair_conflict(s, t)) {
            return Some(conflict);
        }
        let day_mins = state.day_minutes(p, self.day[s]).saturating_add(self.mins[s]);
        if day_mins > self.max_day[p] {
            return Some(Conflict::Day { would_be: day_mins, max: self.max_day[p] });
        }
        let total = state.total[p].saturating_add(self.mins[s]);
        (total > self.max_total[p]).then_some(Conflict::Total { would_be: total, max: self.max_total[p] })
    }

    /// Every reason from the roster that stops `p` taking a seat on `s`.
    fn conflicts(&self, state: &State, p: usize, s: usize) -> Vec<Conflict> {
        let mut out = Vec::new();
        let on = &state.on[s];
        if on.iter().any(|&(q, _)| q == p) {
            return vec![Conflict::AlreadyOn];
        }
        if u32::try_from(on.len()).unwrap_or(u32::MAX) >= self.seats[s] {
            out.push(Conflict::Full);
        }
        if self.newcomer[p] && state.experienced[s] == 0 {
            out.push(Conflict::NeedsPartner);
        }
        for &t in &state.mine[p] {
            if let Some(conflict) = self.pair_conflict(s, t) {
                out.push(conflict);
            }
        }
        let day_mins = state.day_minutes(p, self.day[s]).saturating_add(self.mins[s]);
        if day_mins > self.max_day[p] {
            out.push(Conflict::Day { would_be: day_mins, max: self.max_day[p] });
        }
        let total = state.total[p].saturating_add(self.mins[s]);
        if total > self.max_total[p] {
            out.push(Conflict::Total { would_be: total, max: self.max_total[p] });
        }
        out
    }

    /// Shifts with open seats, hardest first: fewest eligible people per seat at stake, where a
    /// newcomer already on a shift without a partner counts as a seat at stake too (an anchor
    /// there saves it).
    fn difficulty_order(&self, state: &State) -> Vec<usize> {
        let at_stake = |s: usize| {
            let on = u32::try_from(state.on[s].len()).unwrap_or(u32::MAX);
            let waiting = if state.experienced[s] == 0 { on } else { 0 };
            u64::from(self.seats[s].saturating_sub(on)) + u64::from(waiting)
        };
        let open = |s: usize| self.seats[s] > u32::try_from(state.on[s].len()).unwrap_or(u32::MAX);
        let mut order: Vec<usize> = (0..self.shifts.len()).filter(|&s| open(s)).collect();
        order.sort_by(|&a, &b| {
            let (ca, cb) = (self.candidates[a].len() as u64, self.candidates[b].len() as u64);
            (ca * at_stake(b)).cmp(&(cb * at_stake(a))).then(a.cmp(&b))
        });
        order
    }

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
    fn explain(&self, state: &State) -> Vec<UnfilledShift> {
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

    /// See the module docs.
    fn bound(&self) -> u32 {
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

// ---------------------------------------------------------------------------------------------
// The state: who is where, with running totals.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Locked,
    /// Was in the roster and breaks no hard rule.
    Kept,
    /// Added by the solver; the only kind the repair moves.
    New,
}

#[derive(Clone, Debug)]
struct State {
    /// Per shift: (person, origin).
    on: Vec<Vec<(usize, Origin)>>,
    experienced: Vec<u32>,
    /// Per person: their shifts.
    mine: Vec<Vec<usize>>,
    /// Per person: (day, minutes).
    day_mins: Vec<Vec<(usize, u32)>>,
    total: Vec<u32>,
    /// Per person: (booth, shifts there).
    booths: Vec<Vec<(usize, u32)>>,
}

impl State {
    fn new(problem: &Problem<'_>) -> Self {
        let (n_people, n_shifts) = (problem.people.len(), problem.shifts.len());
        Self {
            on: vec![Vec::new(); n_shifts],
            experienced: vec![0; n_shifts],
            mine: vec![Vec::new(); n_people],
            day_mins: vec![Vec::new(); n_people],
            total: vec![0; n_people],
            booths: vec![Vec::new(); n_people],
        }
    }

    fn day_minutes(&self, p: usize, day: usize) -> u32 {
        self.day_mins[p].iter().find(|&&(d, _)| d == day).map_or(0, |&(_, m)| m)
    }

    fn assign(&mut self, problem: &Problem<'_>, p: usize, s: usize, origin: Origin) {
        self.on[s].push((p, origin));
        if !problem.is_newcomer(p) {
            self.experienced[s] += 1;
        }
        self.mine[p].push(s);
        let (day, mins, booth) = (problem.day[s], problem.mins[s], problem.booth[s]);
        match self.day_mins[p].iter_mut().find(|(d, _)| *d == day) {
            Some((_, m)) => *m = m.saturating_add(mins),
            None => self.day_mins[p].push((day, mins)),
        }
        self.total[p] = self.total[p].saturating_add(mins);
        match self.booths[p].iter_mut().find(|(b, _)| *b == booth) {
            Some((_, n)) => *n += 1,
            None => self.booths[p].push((booth, 1)),
        }
    }

    /// Exactly undoes [`Self::assign`]. Returns the origin, `None` if `p` was not on `s`.
    fn unassign(&mut self, problem: &Problem<'_>, p: usize, s: usize) -> Option<Origin> {
        let pos = self.on[s].iter().position(|&(q, _)| q == p)?;
        let (_, origin) = self.on[s].remove(pos);
        if !problem.is_newcomer(p) {
            self.experienced[s] = self.experienced[s].saturating_sub(1);
        }
        self.mine[p].retain(|&t| t != s);
        let (day, mins, booth) = (problem.day[s], problem.mins[s], problem.booth[s]);
        if let Some((_, m)) = self.day_mins[p].iter_mut().find(|(d, _)| *d == day) {
            *m = m.saturating_sub(mins);
        }
        self.total[p] = self.total[p].saturating_sub(mins);
        if let Some((_, n)) = self.booths[p].iter_mut().find(|(b, _)| *b == booth) {
            *n = n.saturating_sub(1);
        }
        self.booths[p].retain(|&(_, n)| n > 0);
        Some(origin)
    }

    fn origin(&self, p: usize, s: usize) -> Option<Origin> {
        self.on[s].iter().find(|&&(q, _)| q == p).map(|&(_, o)| o)
    }
}

// ---------------------------------------------------------------------------------------------
// The solver.

struct Solver<'p, 'a> {
    problem: &'p Problem<'a>,
    state: State,
    /// Feasibility checks the repair may still spend.
    budget: u64,
}

impl<'p, 'a> Solver<'p, 'a> {
    fn new(problem: &'p Problem<'a>) -> Self {
        Self { problem, state: State::new(problem), budget: REPAIR_BUDGET_TOTAL }
    }

    /// Step 1: locked assignments, then (optionally) the unlocked ones that break no hard rule.
    fn keep(&mut self, keep_unlocked: bool) {
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
        // Experienced people first, so newcomers see their partners; then in shift order.
        unlocked.sort_by_key(|&(p, s)| (problem.is_newcomer(p), s, p));
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
    fn best(&self, s: usize, experienced_only: bool) -> Option<usize> {
        let problem = self.problem;
        let mut best: Option<((u32, bool, u64), usize)> = None;
        for &p in &problem.candidates[s] {
            if experienced_only && problem.is_newcomer(p) {
                continue;
            }
            if problem.first_conflict(&self.state, p, s).is_some() {
                continue;
            }
            let maybe_clashes = problem.soft[p].count_overlaps(problem.start[s], problem.end[s]);
            let booths = &self.state.booths[p];
            let new_booth = !booths.is_empty() && !booths.iter().any(|&(b, _)| b == problem.booth[s]);
            let cost = u64::from(self.state.total[p]) + if new_booth { NEW_BOOTH_PENALTY_MINS } else { 0 };
            let key = (maybe_clashes, !problem.is_newcomer(p), cost);
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, p));
            }
        }
        best.map(|(_, p)| p)
    }

    /// Step 3.
    fn anchor(&mut self, order: &[usize]) {
        for &s in order {
            if self.state.experienced[s] == 0
                && let Some(p) = self.best(s, true)
            {
                self.state.assign(self.problem, p, s, Origin::New);
            }
        }
    }

    /// Step 4.
    fn fill(&mut self, order: &[usize]) {
        for &s in order {
            while let Some(p) = self.best(s, false) {
                self.state.assign(self.problem, p, s, Origin::New);
            }
        }
    }

    /// Step 5.
    fn repair(&mut self, order: &[usize]) {
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
        *budget = budget.saturating_sub(problem.candidates[s].len() as u64);
        if let Some(p) = self.best(s, false) {
            self.state.assign(problem, p, s, Origin::New);
            return true;
        }
        if depth <= 1 || *budget == 0 {
            return false;
        }
        for &p in &problem.candidates[s] {
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
        let (mut day_bound, mut total_bound) = (false, false);
        for conflict in conflicts {
            match *conflict {
                Conflict::AlreadyOn | Conflict::Full | Conflict::NeedsPartner => return None,
                Conflict::Overlap(t) | Conflict::Rest(t) => {
                    if pair.is_some_and(|u| u != t) {
                        return None; // Two shifts in the way.
                    }
                    pair = Some(t);
                }
                Conflict::Day { .. } => day_bound = true,
                Conflict::Total { .. } => total_bound = true,
            }
        }
        let movable = |t: usize| self.state.origin(p, t) == Some(Origin::New) && !visited.contains(&t);
        let list: Vec<usize> = match pair {
            Some(t) => vec![t],
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
    fn release_lonely_newcomers(&mut self) {
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
    fn result(&self) -> (Vec<Assignment>, Vec<Assignment>, Vec<Assignment>) {
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

// ---------------------------------------------------------------------------------------------
// Maximum flow (Dinic), iterative so deep residual paths cannot overflow the stack.

const NONE: usize = usize::MAX;

struct Flow {
    head: Vec<usize>,
    next: Vec<usize>,
    to: Vec<usize>,
    cap: Vec<u32>,
}

impl Flow {
    fn new(nodes: usize) -> Self {
        Self { head: vec![NONE; nodes], next: Vec::new(), to: Vec::new(), cap: Vec::new() }
    }

    /// Adds `u → v` with capacity `c` and its residual twin (edge index ^ 1).
    fn edge(&mut self, u: usize, v: usize, c: u32) {
        for (from, target, capacity) in [(u, v, c), (v, u, 0)] {
            self.to.push(target);
            self.cap.push(capacity);
            self.next.push(self.head[from]);
            self.head[from] = self.to.len() - 1;
        }
    }

    fn max_flow(&mut self, source: usize, sink: usize) -> u64 {
        let n = self.head.len();
        let mut total = 0_u64;
        loop {
            let mut level = vec![u32::MAX; n];
            level[source] = 0;
            let mut queue = std::collections::VecDeque::from([source]);
            while let Some(u) = queue.pop_front() {
                let mut e = self.head[u];
                while e != NONE {
                    let v = self.to[e];
                    if self.cap[e] > 0 && level[v] == u32::MAX {
                        level[v] = level[u] + 1;
                        queue.push_back(v);
                    }
                    e = self.next[e];
                }
            }
            if level[sink] == u32::MAX {
                return total;
            }
            let mut it = self.head.clone();
            loop {
                let pushed = self.augment_path(source, sink, &mut level, &mut it);
                if pushed == 0 {
                    break;
                }
                total += u64::from(pushed);
            }
        }
    }

    /// One augmenting path in the level graph; dead ends are cut off as they are found.
    fn augment_path(&mut self, source: usize, sink: usize, level: &mut [u32], it: &mut [usize]) -> u32 {
        let mut path: Vec<usize> = Vec::new();
        let mut u = source;
        loop {
            if u == sink {
                let pushed = path.iter().map(|&e| self.cap[e]).min().unwrap_or(0);
                for &e in &path {
                    self.cap[e] -= pushed;
                    self.cap[e ^ 1] = self.cap[e ^ 1].saturating_add(pushed);
                }
                return pushed;
            }
            let mut advanced = false;
            while it[u] != NONE {
                let e = it[u];
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == level[u].wrapping_add(1) {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                it[u] = self.next[e];
            }
            if !advanced {
                level[u] = u32::MAX; // A dead end: never enter it again in this phase.
                let Some(e) = path.pop() else { return 0 };
                u = self.to[e ^ 1];
                it[u] = self.next[e];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::{Booth, BoothId, Experience, RosterParts, RosterRules, Window};
    use chrono::NaiveTime;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn shift(id: &str, start: &str, end: &str, seats: u32) -> Shift {
        Shift {
            id: ShiftId::new(id),
            booth: BoothId::new("a"),
            starts_at: dt(start),
            ends_at: dt(end),
            seats,
            role: String::new(),
        }
    }

    fn roster(shifts: Vec<Shift>, staff: Vec<Staff>, assignments: Vec<Assignment>) -> Roster {
        Roster::from_parts(RosterParts {
            id: "r".into(),
            booths: vec![Booth { id: BoothId::new("a"), name: "A".into(), location: String::new() }],
            rules: RosterRules { min_rest_mins: 0, day_change: NaiveTime::MIN },
            shifts,
            staff,
            assignments,
            ..RosterParts::default()
        })
        .unwrap()
    }

    #[test]
    fn flow_finds_a_maximum_matching() {
        // 0 = source, 1 = sink, 2..5 left, 5..8 right; a greedy matching would get 2.
        let mut flow = Flow::new(8);
        for l in 2..5 {
            flow.edge(0, l, 1);
        }
        for r in 5..8 {
            flow.edge(r, 1, 1);
        }
        for (l, r) in [(2, 5), (2, 6), (3, 5), (4, 6), (4, 7)] {
            flow.edge(l, r, 1);
        }
        assert_eq!(flow.max_flow(0, 1), 3);
    }

    #[test]
    fn intervals_answer_overlaps() {
        let spans = Intervals::new(vec![(0, 100, 7), (10, 20, 8), (200, 300, 9), (400, 400, 10)]);
        assert_eq!(spans.first_overlap(50, 60), Some(7));
        assert_eq!(spans.first_overlap(100, 200), None);
        assert_eq!(spans.count_overlaps(15, 210), 3);
        assert_eq!(spans.first_overlap(399, 401), None, "empty intervals never overlap");
    }

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
        after.apply(crate::model::roster::RosterEdit::SetAssignments(result.assignments)).unwrap();
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
