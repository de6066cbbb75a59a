//! Throughput planning for assembly-line volunteer tasks, such as stuffing swag bags: one
//! volunteer per station along a table, the bags walked down the line.
//!
//! The numbers from a real conference: 3,000 bags at about 1,000 an hour is three hours. With ten
//! stations that is 100 bags per volunteer-hour. More volunteers than stations do not make the
//! line faster: the line runs at the rate of its stations. [`propose_slots`] turns a task's
//! numbers into the slots to ask volunteers for.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};

use crate::model::roster::{Roster, VolunteerSlot, VolunteerTask, next_slot_id};

/// An assembly-line task's numbers as the roster stores them with the task (whole numbers, so a
/// task stays comparable and its file diffs cleanly).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Throughput {
    /// Units to produce (bags).
    pub units: u32,
    /// Places along the line where one volunteer works.
    pub stations: u32,
    /// Units one volunteer produces per hour.
    pub units_per_volunteer_hour: u32,
}

impl Throughput {
    pub fn line(self) -> AssemblyLine {
        AssemblyLine {
            units: self.units,
            stations: self.stations,
            units_per_volunteer_hour: f64::from(self.units_per_volunteer_hour),
        }
    }
}

/// An assembly-line job.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AssemblyLine {
    /// Units to produce (bags).
    pub units: u32,
    /// Places along the line where one volunteer works.
    pub stations: u32,
    /// Units one volunteer produces per hour while the line runs.
    pub units_per_volunteer_hour: f64,
}

/// What a plan for the line comes to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineEstimate {
    /// Volunteers actually working (never more than stations).
    pub working: u32,
    /// Units per hour of the whole crew.
    pub crew_rate: f64,
    /// Hours until every unit is done; infinite with nobody working.
    pub hours: f64,
}

impl AssemblyLine {
    /// How the line runs with `volunteers` people.
    pub fn with_crew(&self, volunteers: u32) -> LineEstimate {
        let working = volunteers.min(self.stations);
        let crew_rate = f64::from(working) * self.units_per_volunteer_hour.max(0.0);
        let hours = if self.units == 0 {
            0.0
        } else if crew_rate > 0.0 {
            f64::from(self.units) / crew_rate
        } else {
            f64::INFINITY
        };
        LineEstimate { working, crew_rate, hours }
    }

    /// When the line finishes if it starts at `start` with `volunteers`; `None` if it never does.
    pub fn finish(&self, start: NaiveDateTime, volunteers: u32) -> Option<NaiveDateTime> {
        let hours = self.with_crew(volunteers).hours;
        if !hours.is_finite() {
            return None;
        }
        // Rounded up to the minute: a plan should not promise a finish it cannot meet.
        let minutes = (hours * 60.0).ceil();
        start.checked_add_signed(Duration::minutes(minutes as i64))
    }

    /// Volunteers needed to finish within `hours`. `Err(needed)` when that is more than the line
    /// has stations: more stations (or more time) are needed.
    ///
    /// # Errors
    /// `Err(n)` with the number of volunteers the deadline would take.
    pub fn volunteers_needed(&self, hours: f64) -> Result<u32, u32> {
        if self.units == 0 {
            return Ok(0);
        }
        if hours <= 0.0 || self.units_per_volunteer_hour <= 0.0 {
            return Err(u32::MAX);
        }
        let exact = f64::from(self.units) / (self.units_per_volunteer_hour * hours);
        // Tolerate floating-point noise: 3000 / (100 × 3) must be 10, not 11.
        let needed = (exact - 1e-9).ceil().max(1.0);
        let needed = if needed >= f64::from(u32::MAX) { u32::MAX } else { needed as u32 };
        if needed > self.stations { Err(needed) } else { Ok(needed) }
    }
}

/// The most slots [`propose_slots`] proposes: a job that needs more is not one to plan slot by
/// slot (the numbers are probably wrong).
pub const MAX_PROPOSED_SLOTS: usize = 500;

/// Slots for the whole job of `task`, back to back from `start`, each `slot_mins` long: as many
/// as a full line (every station manned) needs to finish, each needing the stations, or fewer
/// when fewer people finish that slot's share in time (the last slot's rest). "3,000 bags at 100
/// per volunteer-hour with 10 stations (1,000 an hour): 3 slots of 1 h, 10 people each"; 2,500
/// bags make the third slot 5 people. Ids as [`next_slot_id`] makes them, unique against
/// `existing` (slots start at different minutes, so they differ from each other). Empty when
/// there is nothing to do, or a full line does not finish one unit in a slot; at most
/// [`MAX_PROPOSED_SLOTS`].
pub fn propose_slots(
    task: &VolunteerTask,
    throughput: Throughput,
    start: NaiveDateTime,
    slot_mins: u32,
    existing: &Roster,
) -> Vec<VolunteerSlot> {
    let line = throughput.line();
    let hours = f64::from(slot_mins) / 60.0;
    // Units a full line does in one slot, whole units (a slot cannot promise a fraction).
    let per_slot = (line.with_crew(line.stations).crew_rate * hours + 1e-9).floor();
    if throughput.units == 0 || per_slot < 1.0 {
        return Vec::new();
    }
    let per_slot = if per_slot >= f64::from(u32::MAX) { u32::MAX } else { per_slot as u32 };
    let mut left = throughput.units;
    let mut at = start;
    let mut out: Vec<VolunteerSlot> = Vec::new();
    while left > 0 && out.len() < MAX_PROPOSED_SLOTS {
        let share = left.min(per_slot);
        let needed = AssemblyLine { units: share, ..line }.volunteers_needed(hours).unwrap_or(line.stations);
        let ends_at = at + Duration::minutes(i64::from(slot_mins));
        out.push(VolunteerSlot {
            id: next_slot_id(existing, &task.id, at),
            task: task.id.clone(),
            starts_at: at,
            ends_at,
            needed: needed.clamp(1, line.stations),
            signups: Vec::new(),
            no_shows: Vec::new(),
            worked_minutes: BTreeMap::new(),
        });
        left -= share;
        at = ends_at;
    }
    out
}

/// One slot's part in an assembly-line job: what it makes, with its crew now and with every
/// seat it needs filled, taking only what earlier slots left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotRun {
    /// Units this slot makes with the people signed up who came (at most `stations` work).
    pub units: u32,
    /// Units it would make with every seat it needs filled.
    pub planned_units: u32,
}

/// How a task's slots, in start order, carry the whole job: each slot takes what the slots
/// before it left, at its own crew's rate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinePlan {
    /// One per slot, in the order given.
    pub slots: Vec<SlotRun>,
    /// Units made with the crews signed up now.
    pub done: u32,
    /// When the last unit is made with the crews signed up now; `None` if it never is.
    pub finish: Option<NaiveDateTime>,
    /// Units made with every needed seat filled.
    pub planned: u32,
    /// When the last unit is made with every needed seat filled.
    pub planned_finish: Option<NaiveDateTime>,
}

/// The job `throughput` run over `slots` (sorted by start), as staffed now and as planned.
pub fn line_plan(throughput: Throughput, slots: &[&VolunteerSlot]) -> LinePlan {
    let line = throughput.line();
    let (now, now_finish) = run(line, slots, VolunteerSlot::crew);
    let (planned, planned_finish) = run(line, slots, |s| s.needed);
    LinePlan {
        done: now.iter().fold(0, |a, &u| a.saturating_add(u)),
        planned: planned.iter().fold(0, |a, &u| a.saturating_add(u)),
        slots: now.iter().zip(&planned).map(|(&units, &planned_units)| SlotRun { units, planned_units }).collect(),
        finish: now_finish,
        planned_finish,
    }
}

/// Units each slot makes with `crew(slot)` people, and when the job is done (if it is).
fn run(
    line: AssemblyLine,
    slots: &[&VolunteerSlot],
    crew: impl Fn(&VolunteerSlot) -> u32,
) -> (Vec<u32>, Option<NaiveDateTime>) {
    let mut left = line.units;
    let mut finish = (left == 0).then(|| slots.first().map(|s| s.starts_at)).flatten();
    let mut out = Vec::with_capacity(slots.len());
    for slot in slots {
        let rate = line.with_crew(crew(slot)).crew_rate;
        let hours = (slot.ends_at - slot.starts_at).num_seconds().max(0) as f64 / 3600.0;
        // Whole units: a slot cannot promise a fraction of a bag.
        let capacity = (rate * hours + 1e-9).floor();
        let made = if capacity >= f64::from(left) { left } else { capacity as u32 };
        if made > 0 && made == left && rate > 0.0 {
            let minutes = (f64::from(made) / rate * 60.0).ceil() as i64;
            finish = Some(slot.starts_at + Duration::minutes(minutes));
        }
        left -= made;
        out.push(made);
    }
    (out, finish)
}

/// The reverse: what rate a crew achieved. `units` done by `volunteers` in `hours` is this many
/// units per volunteer-hour. `None` for an empty crew or no time.
pub fn observed_rate(units: u32, volunteers: u32, hours: f64) -> Option<f64> {
    (volunteers > 0 && hours > 0.0).then(|| f64::from(units) / (f64::from(volunteers) * hours))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bags() -> AssemblyLine {
        AssemblyLine { units: 3000, stations: 10, units_per_volunteer_hour: 100.0 }
    }

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn three_thousand_bags_at_a_thousand_an_hour_is_three_hours() {
        let full = bags().with_crew(10);
        assert_eq!(full, LineEstimate { working: 10, crew_rate: 1000.0, hours: 3.0 });
        assert_eq!(bags().finish(dt("2027-04-15 16:00"), 10), Some(dt("2027-04-15 19:00")));
    }

    #[test]
    fn extra_volunteers_do_not_speed_up_a_full_line() {
        assert_eq!(bags().with_crew(25).working, 10);
        assert_eq!(bags().with_crew(25).hours, 3.0);
        let half = bags().with_crew(5);
        assert_eq!((half.crew_rate, half.hours), (500.0, 6.0));
    }

    #[test]
    fn volunteers_needed_for_a_deadline() {
        assert_eq!(bags().volunteers_needed(3.0), Ok(10));
        assert_eq!(bags().volunteers_needed(6.0), Ok(5));
        assert_eq!(bags().volunteers_needed(4.0), Ok(8), "7.5 rounds up");
        assert_eq!(bags().volunteers_needed(2.0), Err(15), "more than the 10 stations");
        assert_eq!(bags().volunteers_needed(0.0), Err(u32::MAX));
        let nothing = AssemblyLine { units: 0, ..bags() };
        assert_eq!(nothing.volunteers_needed(1.0), Ok(0));
        assert_eq!(nothing.with_crew(0).hours, 0.0);
    }

    #[test]
    fn finish_rounds_up_to_the_minute_and_never_for_no_crew() {
        let odd = AssemblyLine { units: 1000, stations: 7, units_per_volunteer_hour: 100.0 };
        // 1000 / 700 h = 85.7 minutes → 86.
        assert_eq!(odd.finish(dt("2027-04-15 16:00"), 7), Some(dt("2027-04-15 17:26")));
        assert_eq!(bags().finish(dt("2027-04-15 16:00"), 0), None);
    }

    fn swag() -> VolunteerTask {
        VolunteerTask {
            id: "swag".into(),
            name: "Swag bags".into(),
            description: String::new(),
            location: String::new(),
            skills: Vec::new(),
            throughput: None,
        }
    }

    #[test]
    fn three_thousand_bags_take_three_full_one_hour_slots() {
        let roster = Roster::new("r", "c").unwrap();
        let numbers = Throughput { units: 3000, stations: 10, units_per_volunteer_hour: 100 };
        let slots = propose_slots(&swag(), numbers, dt("2027-04-15 16:00"), 60, &roster);
        let got: Vec<(&str, NaiveDateTime, NaiveDateTime, u32)> =
            slots.iter().map(|s| (s.id.as_str(), s.starts_at, s.ends_at, s.needed)).collect();
        assert_eq!(
            got,
            [
                ("swag-2027-04-15-1600", dt("2027-04-15 16:00"), dt("2027-04-15 17:00"), 10),
                ("swag-2027-04-15-1700", dt("2027-04-15 17:00"), dt("2027-04-15 18:00"), 10),
                ("swag-2027-04-15-1800", dt("2027-04-15 18:00"), dt("2027-04-15 19:00"), 10),
            ]
        );
        let needed = |units: u32, slot_mins: u32| -> Vec<u32> {
            let numbers = Throughput { units, ..numbers };
            propose_slots(&swag(), numbers, dt("2027-04-15 16:00"), slot_mins, &roster)
                .iter()
                .map(|s| s.needed)
                .collect()
        };
        assert_eq!(needed(2500, 60), [10, 10, 5], "the last slot's 500 bags take 5 people");
        assert_eq!(needed(2500, 90), [10, 7], "1,000 bags in 90 min: 6.7 people");
        assert_eq!(needed(50, 60), [1]);
        assert_eq!(needed(3000, 1).len(), 188, "16 whole bags a minute, not 16.7");
        let slow = Throughput { units: 10, stations: 1, units_per_volunteer_hour: 1 };
        assert!(propose_slots(&swag(), slow, dt("2027-04-15 16:00"), 30, &roster).is_empty(), "under a bag a slot");
        let endless = Throughput { units: u32::MAX, ..slow };
        assert_eq!(propose_slots(&swag(), endless, dt("2027-04-15 16:00"), 60, &roster).len(), MAX_PROPOSED_SLOTS);
        let mut taken = roster.clone();
        taken
            .apply(crate::model::roster::RosterEdit::Volunteer(crate::model::roster::VolunteerEdit::AddTask(swag())))
            .unwrap();
        taken
            .apply(crate::model::roster::RosterEdit::Volunteer(crate::model::roster::VolunteerEdit::AddSlots(
                slots.clone(),
            )))
            .unwrap();
        let again = propose_slots(&swag(), numbers, dt("2027-04-15 16:00"), 60, &taken);
        assert_eq!(again[0].id.as_str(), "swag-2027-04-15-1600-2");
        assert!(
            propose_slots(&swag(), Throughput { units: 0, ..numbers }, dt("2027-04-15 16:00"), 60, &roster).is_empty()
        );
        assert!(
            propose_slots(&swag(), Throughput { stations: 0, ..numbers }, dt("2027-04-15 16:00"), 60, &roster)
                .is_empty()
        );
    }

    #[test]
    fn observed_rate_is_the_reverse() {
        assert_eq!(observed_rate(3000, 10, 3.0), Some(100.0));
        assert_eq!(observed_rate(3000, 0, 3.0), None);
        assert_eq!(observed_rate(3000, 10, 0.0), None);
        let line =
            AssemblyLine { units: 3000, stations: 10, units_per_volunteer_hour: observed_rate(3000, 10, 3.0).unwrap() };
        assert_eq!(line.with_crew(10).hours, 3.0);
    }

    /// The walkthrough's contradiction: three proposed one-hour slots of ten make the whole
    /// 3,000 between them, and each is judged on its own share, not on all 3,000.
    #[test]
    fn slots_share_the_job_in_start_order() {
        let numbers = Throughput { units: 3000, stations: 10, units_per_volunteer_hour: 100 };
        let roster = crate::model::roster::Roster::new("r", "c").unwrap();
        let mut slots = propose_slots(&swag(), numbers, dt("2027-04-15 09:00"), 60, &roster);
        let plan = line_plan(numbers, &slots.iter().collect::<Vec<_>>());
        assert_eq!((plan.planned, plan.planned_finish), (3000, Some(dt("2027-04-15 12:00"))));
        assert_eq!(plan.slots.iter().map(|s| s.planned_units).collect::<Vec<_>>(), [1000, 1000, 1000]);
        assert_eq!((plan.done, plan.finish), (0, None), "nobody signed up yet");

        // Five in the first slot, ten in the second: 500 + 1,000, and the third is not enough
        // alone with nobody in it.
        slots[0].signups = (0..5).map(|i| format!("v{i}")).collect();
        slots[1].signups = (0..10).map(|i| format!("w{i}")).collect();
        let plan = line_plan(numbers, &slots.iter().collect::<Vec<_>>());
        assert_eq!(plan.slots.iter().map(|s| s.units).collect::<Vec<_>>(), [500, 1000, 0]);
        assert_eq!((plan.done, plan.finish), (1500, None));

        // A crew larger than the job finishes early, inside its slot.
        slots[2].signups = (0..10).map(|i| format!("x{i}")).collect();
        let small = Throughput { units: 2200, ..numbers };
        let plan = line_plan(small, &slots.iter().collect::<Vec<_>>());
        assert_eq!(plan.slots.iter().map(|s| s.units).collect::<Vec<_>>(), [500, 1000, 700]);
        assert_eq!(plan.finish, Some(dt("2027-04-15 11:42")), "700 at 1,000 an hour: 42 minutes");
    }
}
