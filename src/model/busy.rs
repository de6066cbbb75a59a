//! When staff members are busy, learned from their own files: the captain imports a staff
//! member's `plan.ron` (or a calendar) to see their must-see talks, blocks, dinners and sign-ups.
//!
//! Pure: [`busy_from_plan`] takes a [`Plan`] and the [`Schedule`] that resolves its picks (a pick
//! only remembers its start; the schedule gives start and end). Must-see picks and the person's own
//! commitments are hard: a shift may not overlap them. Maybe picks are soft: the auto-roster avoids
//! them when it can. Watch-later picks do not make anyone busy. Nothing here reads or writes files;
//! `io::staff_plans` does that, and never modifies a staff member's files.
//!
//! **Overlap**, one rule for the roster check and the auto-roster alike ([`spans_overlap`]): two
//! half-open spans `[a, b)` and `[c, d)` overlap when `a < d && c < b`, compared exactly (to the
//! nanosecond, never floored to minutes). So a zero-length commitment at instant `t` (a 0-minute
//! must-see talk or block) blocks a shift exactly when `t` lies strictly inside it; at the shift's
//! start or end it does not, just as a shift ending when the next begins does not overlap it.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::ids::SessionId;
use super::personal::{BlockKind, SlotKey};
use super::plan::{Plan, Priority};
use super::roster::PersonName;
use super::schedule::Schedule;
use super::time::{Zone, add_minutes};

/// Why a person is busy.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Commitment {
    /// A must-see pick: hard.
    MustSee(SessionId),
    /// A maybe pick: soft, the only kind a shift may overlap.
    Maybe(SessionId),
    /// A block in their plan (arrival, departure, holiday, busy): hard.
    Block(BlockKind),
    /// A custom event in their plan (a meeting, a group): hard.
    Event,
    /// A dinner in their plan: hard.
    Dinner,
    /// A volunteer slot they signed up for: hard.
    Volunteer(SlotKey),
    /// An event from a calendar file they handed in: hard.
    Calendar,
}

/// One stretch of time a person is not free, `[starts_at, ends_at)`, conference-local.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusyTime {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// What it is, for messages: the talk's title, `Departure: airport`, the dinner's title, …
    pub title: String,
    pub commitment: Commitment,
}

impl BusyTime {
    /// Whether a shift must not overlap it (everything but maybe picks).
    pub fn is_hard(&self) -> bool {
        !matches!(self.commitment, Commitment::Maybe(_))
    }

    /// Whether it overlaps the half-open interval `[starts_at, ends_at)` ([`spans_overlap`]).
    pub fn overlaps(&self, starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> bool {
        spans_overlap((self.starts_at, self.ends_at), (starts_at, ends_at))
    }
}

/// Whether half-open spans `a` and `b` overlap: each starts before the other ends. A zero-length
/// span overlaps exactly the spans it lies strictly inside (see the module docs). The
/// auto-roster's interval index applies the same comparison to exact instants.
pub fn spans_overlap<T: PartialOrd + Copy>(a: (T, T), b: (T, T)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Busy times per staff member, each person's list sorted by start then end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaffBusy {
    by_person: BTreeMap<PersonName, Vec<BusyTime>>,
}

impl StaffBusy {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds busy times for `person`, keeping their list sorted.
    pub fn add(&mut self, person: PersonName, times: impl IntoIterator<Item = BusyTime>) {
        let list = self.by_person.entry(person).or_default();
        list.extend(times);
        list.sort_by(|a, b| (a.starts_at, a.ends_at, &a.title).cmp(&(b.starts_at, b.ends_at, &b.title)));
    }

    /// Removes every busy time of every person for which `drop` is true.
    pub fn remove_where(&mut self, mut drop: impl FnMut(&BusyTime) -> bool) {
        for list in self.by_person.values_mut() {
            list.retain(|t| !drop(t));
        }
        self.by_person.retain(|_, list| !list.is_empty());
    }

    /// The busy times of `person` (exact name), sorted by start; empty if none are known.
    pub fn of(&self, person: &str) -> &[BusyTime] {
        self.by_person.get(person).map_or(&[], Vec::as_slice)
    }

    /// Everyone with at least one busy time, in name order.
    pub fn people(&self) -> impl Iterator<Item = &PersonName> {
        self.by_person.keys()
    }

    pub fn is_empty(&self) -> bool {
        self.by_person.is_empty()
    }
}

/// What a plan says about when its owner is busy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanBusy {
    /// Sorted by start.
    pub times: Vec<BusyTime>,
    /// Picks whose session is not in the schedule, so their time is unknown (in id order).
    pub unresolved: Vec<SessionId>,
}

/// The busy times in a staff member's plan: picks (resolved through `schedule`; must = hard,
/// maybe = soft, watch-later = not busy), blocks, custom events, dinners and volunteer sign-ups
/// (all hard).
pub fn busy_from_plan(plan: &Plan, schedule: &Schedule) -> PlanBusy {
    let mut out = PlanBusy::default();
    for (session_id, pick) in &plan.picks {
        let Some(session) = schedule.session_by_id(session_id) else {
            out.unresolved.push(session_id.clone());
            continue;
        };
        if pick.watch_later {
            continue;
        }
        let commitment = match pick.priority {
            Priority::Must => Commitment::MustSee(session_id.clone()),
            Priority::Maybe => Commitment::Maybe(session_id.clone()),
        };
        out.times.push(BusyTime {
            starts_at: session.starts_at,
            ends_at: session.ends_at(),
            title: session.title.clone(),
            commitment,
        });
    }
    for block in &plan.blocks {
        let title = if block.note.trim().is_empty() {
            block.kind.label().to_owned()
        } else {
            format!("{}: {}", block.kind.label(), block.note.trim())
        };
        out.times.push(BusyTime {
            starts_at: block.starts_at,
            ends_at: add_minutes(block.starts_at, block.duration_mins),
            title,
            commitment: Commitment::Block(block.kind),
        });
    }
    for event in &plan.custom_events {
        out.times.push(BusyTime {
            starts_at: event.starts_at,
            ends_at: add_minutes(event.starts_at, event.duration_mins),
            title: event.title.clone(),
            commitment: Commitment::Event,
        });
    }
    for dinner in &plan.dinners {
        let title = if dinner.title.trim().is_empty() { dinner.venue.clone() } else { dinner.title.clone() };
        out.times.push(BusyTime {
            starts_at: dinner.starts_at,
            ends_at: add_minutes(dinner.starts_at, dinner.duration_mins),
            title,
            commitment: Commitment::Dinner,
        });
    }
    for signup in &plan.signups {
        out.times.push(BusyTime {
            starts_at: signup.starts_at,
            ends_at: signup.ends_at,
            title: signup.title.clone(),
            commitment: Commitment::Volunteer(signup.key.clone()),
        });
    }
    out.times.sort_by(|a, b| (a.starts_at, a.ends_at, &a.title).cmp(&(b.starts_at, b.ends_at, &b.title)));
    out
}

/// Every event of a calendar (imported as a [`Schedule`]) as hard busy time, moved from the
/// calendar's zone into `zone` (the roster's). When either is floating, wall-clock times are kept.
pub fn busy_from_calendar(calendar: &Schedule, zone: Zone) -> Vec<BusyTime> {
    let from = calendar.conference().zone;
    let convert = |t: NaiveDateTime| match (from, zone) {
        (Zone::Named(a), Zone::Named(b)) if a != b => from.to_utc(t).with_timezone(&b).naive_local(),
        _ => t,
    };
    calendar
        .sessions()
        .iter()
        .map(|session| BusyTime {
            starts_at: convert(session.starts_at),
            ends_at: convert(session.ends_at()),
            title: session.title.clone(),
            commitment: Commitment::Calendar,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::personal::{Block, ItemId, Signup};
    use crate::model::plan::Pick;
    use crate::model::schedule::{Conference, ScheduleBuilder, Session};

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn schedule() -> Schedule {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        b.add_session(Session::new("must", "Must talk", dt("2027-04-16 10:00"), 40), None);
        b.add_session(Session::new("maybe", "Maybe talk", dt("2027-04-16 11:00"), 30), None);
        b.add_session(Session::new("later", "Watched later", dt("2027-04-16 12:00"), 30), None);
        b.build()
    }

    fn pick(priority: Priority, watch_later: bool) -> Pick {
        Pick { priority, watch_later, title: String::new(), starts_at: None }
    }

    #[test]
    fn plan_picks_and_own_time_become_busy_times() {
        let mut plan = Plan::new("c");
        plan.picks.insert(SessionId::new("must"), pick(Priority::Must, false));
        plan.picks.insert(SessionId::new("maybe"), pick(Priority::Maybe, false));
        plan.picks.insert(SessionId::new("later"), pick(Priority::Must, true));
        plan.picks.insert(SessionId::new("gone"), pick(Priority::Must, false));
        plan.blocks.push(Block {
            id: ItemId::new("b1"),
            kind: BlockKind::Departure,
            starts_at: dt("2027-04-18 13:00"),
            duration_mins: 60,
            note: "airport".into(),
        });
        plan.signups.push(Signup {
            key: SlotKey { roster: "r".into(), slot: "s".into() },
            title: "Swag bags".into(),
            starts_at: dt("2027-04-15 16:00"),
            ends_at: dt("2027-04-15 19:00"),
            place: String::new(),
        });
        let busy = busy_from_plan(&plan, &schedule());
        let got: Vec<(&str, bool)> = busy.times.iter().map(|t| (t.title.as_str(), t.is_hard())).collect();
        assert_eq!(
            got,
            [("Swag bags", true), ("Must talk", true), ("Maybe talk", false), ("Departure: airport", true)]
        );
        assert_eq!(busy.times[1].ends_at, dt("2027-04-16 10:40"), "the schedule gives the end");
        assert_eq!(busy.unresolved, [SessionId::new("gone")]);
    }

    #[test]
    fn staff_busy_sorts_and_filters() {
        let mut busy = StaffBusy::new();
        let time = |h: &str, title: &str| BusyTime {
            starts_at: dt(h),
            ends_at: add_minutes(dt(h), 30),
            title: title.into(),
            commitment: Commitment::Event,
        };
        busy.add(PersonName::new("Ana"), [time("2027-04-16 12:00", "b"), time("2027-04-16 09:00", "a")]);
        assert_eq!(busy.of("Ana")[0].title, "a");
        assert!(busy.of("Ana")[0].overlaps(dt("2027-04-16 09:29"), dt("2027-04-16 10:00")));
        assert!(!busy.of("Ana")[0].overlaps(dt("2027-04-16 09:30"), dt("2027-04-16 10:00")));
        assert!(busy.of("Ben").is_empty());
        let talk = time("2027-04-16 10:00", "zero");
        let zero = BusyTime { ends_at: talk.starts_at, ..talk };
        assert!(zero.overlaps(dt("2027-04-16 09:00"), dt("2027-04-16 11:00")), "strictly inside: blocks");
        assert!(!zero.overlaps(dt("2027-04-16 10:00"), dt("2027-04-16 11:00")), "at the start: does not");
        assert!(!zero.overlaps(dt("2027-04-16 09:00"), dt("2027-04-16 10:00")), "at the end: does not");
        busy.remove_where(|t| t.title == "a" || t.title == "b");
        assert!(busy.is_empty());
    }

    #[test]
    fn calendar_times_move_into_the_roster_zone() {
        let mut conf = Conference::named("cal", "Cal");
        conf.zone = Zone::from_iana("Europe/Brussels").unwrap();
        let mut b = ScheduleBuilder::new(conf);
        b.add_session(Session::new("e", "Call", dt("2027-04-16 18:00"), 60), None);
        let calendar = b.build();
        let vancouver = Zone::from_iana("America/Vancouver").unwrap();
        let busy = busy_from_calendar(&calendar, vancouver);
        assert_eq!((busy[0].starts_at, busy[0].ends_at), (dt("2027-04-16 09:00"), dt("2027-04-16 10:00")));
        assert!(busy[0].is_hard());
        assert_eq!(busy_from_calendar(&calendar, Zone::Floating)[0].starts_at, dt("2027-04-16 18:00"));
    }
}
