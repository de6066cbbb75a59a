//! Making many shifts at once: a [`ShiftPattern`] (a booth's opening hours over several days, cut
//! into blocks, optionally at the schedule's breaks) becomes shifts with [`pattern_shifts`]; the
//! breaks come from a schedule with [`schedule_breaks`]; [`duplicate_shift`] copies one shift to
//! other days. And the readable, unique ids the editor gives new things ([`next_shift_id`],
//! [`next_booth_id`], [`next_task_id`], [`next_slot_id`]). Pure: the results are added with
//! `ShiftEdit::AddMany`, one undoable step.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::{BoothId, MAX_SEATS, Roster, Shift, ShiftId, VolunteerSlotId, VolunteerTaskId};
use crate::model::schedule::{Schedule, SessionKind};
use crate::model::time::minutes_between;

/// No block is shorter than this: a shorter rest is merged into its neighbour.
pub const MIN_BLOCK_MINS: u32 = 15;

/// A break at least this long (lunch) becomes a shift of its own, cut at its start and end; a
/// shorter one (coffee) only ends a shift, so the crew hands over when the talks resume rather
/// than working a half-hour shift.
pub const OWN_SHIFT_BREAK_MINS: i64 = 45;

/// Gaps between sessions shorter than this are not breaks (room changes, not a coffee).
pub const MIN_GAP_MINS: i64 = 10;

/// A booth's opening hours over several days, to be cut into shifts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftPattern {
    pub booth: BoothId,
    /// The days the booth opens (conference-local dates); repeats are ignored.
    pub days: Vec<NaiveDate>,
    pub from: NaiveTime,
    /// `to <= from`: past midnight, on the next day.
    pub to: NaiveTime,
    /// The longest shift, in minutes; at least [`MIN_BLOCK_MINS`].
    pub block_mins: u32,
    pub seats: u32,
    pub role: String,
    pub requires: Vec<String>,
    /// Cut at every break's start and end, so staff can see the talks on either side and the
    /// break (when the booth is busiest) is a shift of its own.
    pub cut_at_breaks: bool,
}

/// Why a pattern makes no shifts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternError {
    NoDays,
    BlockTooShort { block_mins: u32 },
    BadSeats { seats: u32 },
    UnknownBooth(BoothId),
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoDays => write!(f, "pick at least one day"),
            Self::BlockTooShort { block_mins } => {
                write!(f, "shifts of {block_mins} min are too short; at least {MIN_BLOCK_MINS} min")
            }
            Self::BadSeats { seats } => write!(f, "{seats} seats: a shift needs 1 to {MAX_SEATS}"),
            Self::UnknownBooth(id) => write!(f, "there is no booth {id}"),
        }
    }
}

impl std::error::Error for PatternError {}

/// The shifts `pattern` makes, day by day in date order, with ids unique against `roster` and
/// each other (see [`next_shift_id`]). `breaks` are conference-local `[start, end)` spans (any
/// days; see [`schedule_breaks`]), used only with `cut_at_breaks`.
///
/// Each day's span `from..to` is cut at every break overlapping it (at the start and end of a
/// long break, the end of a short one), and
/// each piece into blocks of at most `block_mins`, as even as possible (on 5-minute marks when
/// that keeps them within limits). Without `cut_at_breaks` the span is cut into blocks of exactly
/// `block_mins` and the last one is shorter. A piece or last block under [`MIN_BLOCK_MINS`] joins
/// the one before it (or after it, if it is the first).
///
/// # Errors
/// [`PatternError`] for no days, blocks under [`MIN_BLOCK_MINS`], 0 or more than [`MAX_SEATS`]
/// seats, or a booth not in the roster.
pub fn pattern_shifts(
    roster: &Roster,
    pattern: &ShiftPattern,
    breaks: &[(NaiveDateTime, NaiveDateTime)],
) -> Result<Vec<Shift>, PatternError> {
    if pattern.days.is_empty() {
        return Err(PatternError::NoDays);
    }
    if pattern.block_mins < MIN_BLOCK_MINS {
        return Err(PatternError::BlockTooShort { block_mins: pattern.block_mins });
    }
    if pattern.seats == 0 || pattern.seats > MAX_SEATS {
        return Err(PatternError::BadSeats { seats: pattern.seats });
    }
    if roster.booth(pattern.booth.as_str()).is_none() {
        return Err(PatternError::UnknownBooth(pattern.booth.clone()));
    }
    let days: BTreeSet<NaiveDate> = pattern.days.iter().copied().collect();
    let block = i64::from(pattern.block_mins);
    let mut ids = Ids::new(roster);
    let mut out = Vec::new();
    for day in days {
        let start = day.and_time(pattern.from);
        let mut end = day.and_time(pattern.to);
        if pattern.to <= pattern.from {
            end += Duration::days(1);
        }
        let blocks = if pattern.cut_at_breaks {
            cut_at(start, end, breaks).into_iter().flat_map(|(a, b)| even_blocks(a, b, block)).collect()
        } else {
            fixed_blocks(start, end, block)
        };
        for (starts_at, ends_at) in blocks {
            out.push(Shift {
                id: ids.shift(&pattern.booth, starts_at),
                booth: pattern.booth.clone(),
                starts_at,
                ends_at,
                seats: pattern.seats,
                role: pattern.role.clone(),
                requires: pattern.requires.clone(),
            });
        }
    }
    Ok(out)
}

type Span = (NaiveDateTime, NaiveDateTime);

fn span_mins((a, b): Span) -> i64 {
    minutes_between(a, b)
}

/// `[start, end)` cut at the edges of the breaks that fall inside it (both edges of a long break,
/// only the end of a short one: see [`OWN_SHIFT_BREAK_MINS`]); pieces under [`MIN_BLOCK_MINS`]
/// joined to a neighbour.
fn cut_at(start: NaiveDateTime, end: NaiveDateTime, breaks: &[Span]) -> Vec<Span> {
    let cuts: BTreeSet<NaiveDateTime> = breaks
        .iter()
        .filter(|&&(a, b)| a < end && start < b)
        .flat_map(|&(a, b)| [(span_mins((a, b)) >= OWN_SHIFT_BREAK_MINS).then_some(a), Some(b)])
        .flatten()
        .filter(|&t| start < t && t < end)
        .collect();
    let mut edges = vec![start];
    edges.extend(cuts);
    edges.push(end);
    join_short(edges.windows(2).map(|w| (w[0], w[1])).collect())
}

/// Joins each span shorter than [`MIN_BLOCK_MINS`] to the one before it (the first to the one
/// after it). Spans must be consecutive.
fn join_short(spans: Vec<Span>) -> Vec<Span> {
    let min = i64::from(MIN_BLOCK_MINS);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span_mins(span) < min || span_mins(*last) < min => last.1 = span.1,
            _ => out.push(span),
        }
    }
    out
}

/// Blocks of exactly `block` minutes from `start`; the last one shorter, joined to the one before
/// if under [`MIN_BLOCK_MINS`].
fn fixed_blocks(start: NaiveDateTime, end: NaiveDateTime, block: i64) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let next = (at + Duration::minutes(block)).min(end);
        out.push((at, next));
        at = next;
    }
    join_short(out)
}

/// `[start, end)` in as few blocks of at most `block` minutes as possible, as even as possible:
/// edges on 5-minute marks of the clock when that keeps every block within
/// `MIN_BLOCK_MINS..=block`, else to the minute (which always does).
fn even_blocks(start: NaiveDateTime, end: NaiveDateTime, block: i64) -> Vec<Span> {
    let len = minutes_between(start, end);
    if len <= 0 {
        return Vec::new();
    }
    let min = i64::from(MIN_BLOCK_MINS);
    let count = ((len + block - 1) / block).min(len / min).max(1);
    let skew = i64::from(start.minute() % 5);
    let edges = |step: i64| -> Vec<i64> {
        (0..=count)
            .map(|i| {
                let exact = (i * len + count / 2) / count;
                if i == 0 || i == count { exact } else { (exact + skew + step / 2) / step * step - skew }
            })
            .collect()
    };
    let fits = |edges: &[i64]| count == 1 || edges.windows(2).all(|w| (min..=block).contains(&(w[1] - w[0])));
    let rounded = edges(5);
    let chosen = if fits(&rounded) { rounded } else { edges(1) };
    chosen.windows(2).map(|w| (start + Duration::minutes(w[0]), start + Duration::minutes(w[1]))).collect()
}

/// The breaks of one conference day, conference-local, merged and in order: its sessions of kind
/// [`SessionKind::Break`]; or, when it lists none (imported frab/pentabarf schedules often do
/// not), the gaps of at least [`MIN_GAP_MINS`] between the sessions of all rooms, between the
/// day's first start and last end. Empty for a day without sessions.
pub fn schedule_breaks(schedule: &Schedule, date: NaiveDate) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let Some(day) = schedule.days().iter().find(|d| d.date == date) else { return Vec::new() };
    let sessions = schedule.sessions().get(day.sessions.clone()).unwrap_or(&[]);
    let breaks: Vec<Span> = sessions
        .iter()
        .filter(|s| s.kind == SessionKind::Break)
        .map(|s| (s.starts_at, s.ends_at()))
        .filter(|&(a, b)| b > a)
        .collect();
    if !breaks.is_empty() {
        return merged(breaks);
    }
    let busy = merged(sessions.iter().map(|s| (s.starts_at, s.ends_at())).filter(|&(a, b)| b > a).collect());
    busy.windows(2).map(|w| (w[0].1, w[1].0)).filter(|&gap| span_mins(gap) >= MIN_GAP_MINS).collect()
}

/// Spans sorted, overlapping and touching ones joined.
fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Copies of `shift` at the same wall-clock times on each of `days` (conference days, as
/// [`Roster::day_of`] counts them), with fresh ids unique against `roster` and each other. The
/// shift's own day is skipped; nobody is assigned to the copies.
pub fn duplicate_shift(roster: &Roster, shift: &Shift, days: &[NaiveDate]) -> Vec<Shift> {
    let own = roster.day_of(shift);
    let days: BTreeSet<NaiveDate> = days.iter().copied().filter(|&d| d != own).collect();
    let mut ids = Ids::new(roster);
    days.into_iter()
        .map(|day| {
            let offset = day.signed_duration_since(own);
            let starts_at = shift.starts_at + offset;
            Shift {
                id: ids.shift(&shift.booth, starts_at),
                starts_at,
                ends_at: shift.ends_at + offset,
                ..shift.clone()
            }
        })
        .collect()
}

/// Ids handed out so far, on top of the roster's.
struct Ids<'r> {
    roster: &'r Roster,
    taken: BTreeSet<String>,
}

impl<'r> Ids<'r> {
    fn new(roster: &'r Roster) -> Self {
        Self { roster, taken: BTreeSet::new() }
    }

    fn shift(&mut self, booth: &BoothId, starts_at: NaiveDateTime) -> ShiftId {
        let roster = self.roster;
        let id =
            unique(&timed_base(booth.as_str(), starts_at), |id| self.taken.contains(id) || roster.shift(id).is_some());
        self.taken.insert(id.clone());
        ShiftId::new(id)
    }
}

/// `{prefix}-{yyyy-mm-dd}-{HHMM}`.
fn timed_base(prefix: &str, at: NaiveDateTime) -> String {
    format!("{prefix}-{}", at.format("%Y-%m-%d-%H%M"))
}

/// `base`, or `base-2`, `base-3`, … the first one not `taken`.
fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2_u32..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_else(|| base.to_owned())
}

/// Lower-case ASCII letters and digits of `name`, every other run of characters one `-`;
/// `fallback` when nothing is left.
fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { fallback.to_owned() } else { out.to_owned() }
}

/// A new shift's id: `{booth}-{yyyy-mm-dd}-{HHMM}`, with `-2`, `-3`, … if the roster has it.
pub fn next_shift_id(roster: &Roster, booth: &BoothId, starts_at: NaiveDateTime) -> ShiftId {
    ShiftId::new(unique(&timed_base(booth.as_str(), starts_at), |id| roster.shift(id).is_some()))
}

/// A new booth's id: the slug of its name (`PSF booth` → `psf-booth`; `booth` if nothing is
/// left), made unique.
pub fn next_booth_id(roster: &Roster, name: &str) -> BoothId {
    BoothId::new(unique(&slug(name, "booth"), |id| roster.booth(id).is_some()))
}

/// A new volunteer task's id: the slug of its name (`task` if nothing is left), made unique.
pub fn next_task_id(roster: &Roster, name: &str) -> VolunteerTaskId {
    VolunteerTaskId::new(unique(&slug(name, "task"), |id| roster.task(id).is_some()))
}

/// A new volunteer slot's id: `{task}-{yyyy-mm-dd}-{HHMM}`, made unique.
pub fn next_slot_id(roster: &Roster, task: &VolunteerTaskId, starts_at: NaiveDateTime) -> VolunteerSlotId {
    VolunteerSlotId::new(unique(&timed_base(task.as_str(), starts_at), |id| roster.slot(id).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::test_support::{dt, roster, shift};
    use crate::model::schedule::{Conference, ScheduleBuilder, Session};

    fn time(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn pattern(from: &str, to: &str, block_mins: u32, cut_at_breaks: bool) -> ShiftPattern {
        ShiftPattern {
            booth: BoothId::new("a"),
            days: vec![date("2027-04-16")],
            from: time(from),
            to: time(to),
            block_mins,
            seats: 2,
            role: "demo".into(),
            requires: vec!["de".into()],
            cut_at_breaks,
        }
    }

    fn spans(shifts: &[Shift]) -> Vec<String> {
        shifts.iter().map(|s| format!("{}–{}", s.starts_at.format("%d %H:%M"), s.ends_at.format("%H:%M"))).collect()
    }

    #[test]
    fn blocks_of_the_given_length_and_a_short_rest_joins_the_last() {
        let r = roster();
        let shifts = pattern_shifts(&r, &pattern("09:00", "18:00", 120, false), &[]).unwrap();
        assert_eq!(
            spans(&shifts),
            ["16 09:00–11:00", "16 11:00–13:00", "16 13:00–15:00", "16 15:00–17:00", "16 17:00–18:00"]
        );
        assert_eq!(shifts[0].id.as_str(), "a-2027-04-16-0900");
        assert_eq!(
            (shifts[0].seats, shifts[0].role.as_str(), shifts[0].requires.as_slice()),
            (2, "demo", &["de".to_owned()][..])
        );
        let shifts = pattern_shifts(&r, &pattern("09:00", "17:10", 120, false), &[]).unwrap();
        assert_eq!(spans(&shifts).last().unwrap(), "16 15:00–17:10", "10 min is too short for a shift of its own");
        let night = pattern_shifts(&r, &pattern("22:00", "02:00", 120, false), &[]).unwrap();
        assert_eq!(spans(&night), ["16 22:00–00:00", "17 00:00–02:00"]);
    }

    #[test]
    fn breaks_become_shift_edges_and_shifts_of_their_own() {
        let r = roster();
        let breaks = [
            (dt("2027-04-16 12:15"), dt("2027-04-16 13:30")),
            (dt("2027-04-16 15:00"), dt("2027-04-16 15:30")), // coffee: only ends a shift
            (dt("2027-04-16 17:55"), dt("2027-04-16 19:00")), // leaves 5 min: joined
            (dt("2027-04-17 12:00"), dt("2027-04-17 13:00")), // another day
        ];
        let shifts = pattern_shifts(&r, &pattern("09:00", "18:00", 120, true), &breaks).unwrap();
        assert_eq!(
            spans(&shifts),
            [
                "16 09:00–10:40",
                "16 10:40–12:15",
                "16 12:15–13:30",
                "16 13:30–15:30",
                "16 15:30–16:45",
                "16 16:45–18:00",
            ]
        );
    }

    #[test]
    fn ids_are_unique_against_the_roster_and_each_other() {
        let mut parts = roster().into_parts();
        parts.shifts.push(shift("a-2027-04-16-0900", "a", "2027-04-16 07:00", "2027-04-16 08:00"));
        let r = Roster::from_parts(parts).unwrap();
        let mut p = pattern("09:00", "10:00", 60, false);
        p.days = vec![date("2027-04-17"), date("2027-04-16"), date("2027-04-17")];
        let ids: Vec<String> = pattern_shifts(&r, &p, &[]).unwrap().iter().map(|s| s.id.to_string()).collect();
        assert_eq!(ids, ["a-2027-04-16-0900-2", "a-2027-04-17-0900"]);
        let copies =
            duplicate_shift(&r, r.shift("a1").unwrap(), &[date("2027-04-16"), date("2027-04-18"), date("2027-04-17")]);
        assert_eq!(spans(&copies), ["17 09:00–11:00", "18 09:00–11:00"], "its own day is skipped");
        assert_eq!(copies[0].id.as_str(), "a-2027-04-17-0900");
        assert_eq!(next_shift_id(&r, &BoothId::new("a"), dt("2027-04-16 09:00")).as_str(), "a-2027-04-16-0900-2");
        assert_eq!(next_booth_id(&r, "  A!").as_str(), "a-2", "booth a exists");
        assert_eq!(next_booth_id(&r, "PSF Booth (Hall 2)").as_str(), "psf-booth-hall-2");
        assert_eq!(next_booth_id(&r, "Ωμέγα").as_str(), "booth");
        assert_eq!(next_task_id(&r, "Swag").as_str(), "swag-2");
        let swag = VolunteerTaskId::new("swag");
        assert_eq!(next_slot_id(&r, &swag, dt("2027-04-15 16:00")).as_str(), "swag-2027-04-15-1600");
    }

    #[test]
    fn bad_patterns_are_refused() {
        let r = roster();
        type Breaker = Box<dyn Fn(&mut ShiftPattern)>;
        let cases: [(Breaker, PatternError); 5] = [
            (Box::new(|p| p.days.clear()), PatternError::NoDays),
            (Box::new(|p| p.block_mins = 10), PatternError::BlockTooShort { block_mins: 10 }),
            (Box::new(|p| p.seats = 0), PatternError::BadSeats { seats: 0 }),
            (Box::new(|p| p.seats = MAX_SEATS + 1), PatternError::BadSeats { seats: MAX_SEATS + 1 }),
            (Box::new(|p| p.booth = BoothId::new("zz")), PatternError::UnknownBooth(BoothId::new("zz"))),
        ];
        for (breaker, expected) in cases {
            let mut p = pattern("09:00", "18:00", 120, true);
            breaker(&mut p);
            assert_eq!(pattern_shifts(&r, &p, &[]), Err(expected));
        }
        assert_eq!(PatternError::NoDays.to_string(), "pick at least one day");
    }

    #[test]
    fn breaks_are_the_break_sessions_or_else_the_gaps() {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        for (id, start, minutes, kind) in [
            ("t1", "2027-04-16 09:00", 60, SessionKind::Talk),
            ("t2", "2027-04-16 10:05", 55, SessionKind::Talk),
            ("c1", "2027-04-16 11:00", 30, SessionKind::Break),
            ("c2", "2027-04-16 11:15", 30, SessionKind::Break),
            ("t3", "2027-04-16 12:00", 60, SessionKind::Talk),
            ("u1", "2027-04-17 09:00", 60, SessionKind::Talk),
            ("u2", "2027-04-17 09:30", 60, SessionKind::Tutorial),
            ("u3", "2027-04-17 10:35", 60, SessionKind::Talk),
            ("u4", "2027-04-17 12:00", 60, SessionKind::Talk),
        ] {
            let mut s = Session::new(id, id, dt(start), minutes);
            s.kind = kind;
            b.add_session(s, None);
        }
        let schedule = b.build();
        assert_eq!(schedule_breaks(&schedule, date("2027-04-16")), [(dt("2027-04-16 11:00"), dt("2027-04-16 11:45"))]);
        // No breaks listed: 10:30–10:35 is a room change, 11:35–12:00 a break.
        assert_eq!(schedule_breaks(&schedule, date("2027-04-17")), [(dt("2027-04-17 11:35"), dt("2027-04-17 12:00"))]);
        assert!(schedule_breaks(&schedule, date("2027-04-18")).is_empty());
    }
}
