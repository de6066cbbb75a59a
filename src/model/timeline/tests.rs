//! Unit tests of the timeline: clashes and their severity across every kind of item, gaps,
//! days, the ways out of a clash, and what a roster adds for the attendee.

use proptest::prelude::*;

use super::*;
use crate::model::plan::Edit;
use crate::model::schedule::{Conference, ScheduleBuilder, Session};

fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn schedule() -> Schedule {
    let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
    let hall = b.room_named("Hall");
    let side = b.room_named("Side");
    for (id, start, mins, room, rec) in [
        ("tut", "2027-04-16 09:00", 180, side, false),
        ("a", "2027-04-16 09:30", 30, hall, true),
        ("b", "2027-04-16 11:00", 30, hall, false),
        ("c", "2027-04-16 14:00", 30, hall, false),
        ("d", "2027-04-17 10:00", 30, hall, false),
    ] {
        let mut s = Session::new(id, id.to_uppercase(), dt(start), mins);
        s.room = room;
        s.is_recorded = rec;
        b.add_session(s, None);
    }
    b.build()
}

fn plan_with(schedule: &Schedule, ids: &[&str]) -> Plan {
    let mut plan = Plan::new("c");
    for id in ids {
        plan.apply(schedule, Edit::Pick { session_id: SessionId::new(*id), priority: Priority::Must }).unwrap();
    }
    plan
}

#[test]
fn timeline_finds_clashes_and_gaps() {
    let schedule = schedule();
    let plan = plan_with(&schedule, &["tut", "a", "b", "c", "d"]);
    let timeline = Timeline::build(&schedule, &plan);
    let titles: Vec<_> = timeline.items().iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["TUT", "A", "B", "C", "D"]);
    let hard = Severity::Hard;
    assert_eq!(timeline.clashes(), [Clash { a: 0, b: 1, severity: hard }, Clash { a: 0, b: 2, severity: hard }]);
    assert_eq!(timeline.clashes_with(0), [1, 2]);
    let days = timeline.days();
    assert_eq!(days.len(), 2);
    assert_eq!(timeline.gaps(days[0].1.clone(), 15), [(dt("2027-04-16 12:00"), dt("2027-04-16 14:00"))]);
    assert_eq!(timeline.items()[0].place, "Side");
}

#[test]
fn watch_later_removes_the_clash() {
    let schedule = schedule();
    let mut plan = plan_with(&schedule, &["tut", "a"]);
    plan.apply(&schedule, Edit::SetWatchLater { session_id: SessionId::new("a"), watch_later: true }).unwrap();
    let timeline = Timeline::build(&schedule, &plan);
    assert!(timeline.clashes().is_empty());
    assert_eq!(timeline.items().len(), 2, "watch-later items stay on the timeline");
}

#[test]
fn current_or_next_skips_finished_items() {
    let schedule = schedule();
    let plan = plan_with(&schedule, &["b", "c"]);
    let timeline = Timeline::build(&schedule, &plan);
    assert_eq!(timeline.current_or_next(dt("2027-04-16 11:10")).unwrap().title, "B");
    assert_eq!(timeline.current_or_next(dt("2027-04-16 11:30")).unwrap().title, "C");
    assert!(timeline.current_or_next(dt("2027-04-16 15:00")).is_none());
}

use crate::model::personal::{Block, CustomEvent, Dinner, PersonalItem, Reservation, Signup};

fn personal_plan(schedule: &Schedule) -> Plan {
    let mut plan = plan_with(schedule, &["a", "b", "c"]);
    plan.apply(schedule, Edit::Pick { session_id: SessionId::new("b"), priority: Priority::Maybe }).unwrap();
    // A departure at 13:30 runs over the 14:00 talk.
    plan.apply(
        schedule,
        Edit::add(PersonalItem::Block(Block {
            id: ItemId::new("b1"),
            kind: BlockKind::Departure,
            starts_at: dt("2027-04-16 13:30"),
            duration_mins: 240,
            note: "airport".into(),
        })),
    )
    .unwrap();
    // A hallway meeting over the maybe-pick at 11:00.
    plan.apply(
        schedule,
        Edit::add(PersonalItem::Custom(CustomEvent {
            id: ItemId::new("c1"),
            kind: CustomKind::Meeting,
            title: "Scheduler chat".into(),
            starts_at: dt("2027-04-16 11:15"),
            duration_mins: 30,
            place: "hallway".into(),
            people: vec![],
            note: String::new(),
        })),
    )
    .unwrap();
    // Dinner for five with a table for four, during a volunteer slot.
    plan.apply(
        schedule,
        Edit::add(PersonalItem::Dinner(Dinner {
            id: ItemId::new("d1"),
            title: "Team dinner".into(),
            venue: "Old Port Bistro".into(),
            address: String::new(),
            starts_at: dt("2027-04-17 19:00"),
            duration_mins: 120,
            party: ["Ana", "Ben", "Chen", "Dee", "Eli"].map(String::from).to_vec(),
            notes: String::new(),
            cost_per_head: None,
            reservation: Reservation::Booked { name: "Ana".into(), size: 4, confirmation: "X1".into() },
        })),
    )
    .unwrap();
    plan.apply(
        schedule,
        Edit::sign_up(Signup {
            key: SlotKey { roster: "r".into(), slot: "chair-1".into() },
            title: "Session chair".into(),
            starts_at: dt("2027-04-17 20:00"),
            ends_at: dt("2027-04-17 21:00"),
            place: "Hall".into(),
        }),
    )
    .unwrap();
    plan
}

#[test]
fn clashes_across_every_kind() {
    let schedule = schedule();
    let plan = personal_plan(&schedule);
    let shift = TimelineItem::new(
        ItemSource::Shift(ShiftKey { roster: "booth".into(), shift: "s1".into() }),
        ItemKind::Shift,
        "Booth: PSF".into(),
        dt("2027-04-16 09:15"),
        dt("2027-04-16 10:00"),
    );
    let timeline = Timeline::build_with(&schedule, &plan, vec![shift]);
    let title = |i: usize| timeline.items()[i].title.as_str();
    let pairs: Vec<(&str, &str, Severity)> =
        timeline.clashes().iter().map(|c| (title(c.a), title(c.b), c.severity)).collect();
    assert_eq!(
        pairs,
        [
            ("Booth: PSF", "A", Severity::Hard),
            ("B", "Scheduler chat", Severity::Soft),
            ("Departure: airport", "C", Severity::Hard),
            ("Team dinner", "Session chair", Severity::Hard),
        ]
    );
    assert_eq!(timeline.hard_clash_count(), 3);
    let dinner = timeline.items().iter().find(|i| i.kind == ItemKind::Dinner).unwrap();
    assert_eq!(dinner.warning.as_deref(), Some("Party of 5, but the reservation is for 4"));
    assert_eq!(dinner.place, "Old Port Bistro");
    assert_eq!(ItemKind::Block(BlockKind::Departure).token(), "departure");
}

#[test]
fn hard_and_soft_clashes_per_item_and_day() {
    let schedule = schedule();
    let plan = personal_plan(&schedule);
    let shift = TimelineItem::new(
        ItemSource::Shift(ShiftKey { roster: "booth".into(), shift: "s1".into() }),
        ItemKind::Shift,
        "Booth: PSF".into(),
        dt("2027-04-16 09:15"),
        dt("2027-04-16 10:00"),
    );
    let timeline = Timeline::build_with(&schedule, &plan, vec![shift]);
    let at = |title: &str| timeline.items().iter().position(|i| i.title == title).unwrap();
    // A (must) against the booth shift: two commitments at once.
    assert!(timeline.has_hard_clash(at("A")));
    assert!(timeline.has_hard_clash(at("Booth: PSF")));
    // B is a maybe: its clash with the meeting is soft, on both sides.
    assert!(timeline.has_clash(at("B")) && !timeline.has_hard_clash(at("B")));
    assert!(timeline.has_clash(at("Scheduler chat")) && !timeline.has_hard_clash(at("Scheduler chat")));
    // No clash at all, and an index past the end.
    let alone = Timeline::build(&schedule, &plan_with(&schedule, &["d"]));
    assert!(!alone.has_hard_clash(0));
    assert!(!timeline.has_hard_clash(99));
    assert_eq!((timeline.hard_clash_count(), timeline.soft_clash_count()), (3, 1));
    let days = timeline.days();
    let per_day: Vec<usize> = days.iter().map(|(_, range)| timeline.clash_count_in(range.clone())).collect();
    assert_eq!(per_day, [3, 1], "Friday: booth/A, B/chat, departure/C; Saturday: dinner/chair");
}

/// A roster with one booth shift and one volunteer slot, both for Ana, who is put on the slot
/// by the coordinator (the plan has no sign-up of its own).
fn roster_for_ana() -> Roster {
    use crate::model::roster::{
        Assignment, Booth, BoothId, Experience, RosterParts, Shift, ShiftId, Staff, VolunteerSlot, VolunteerSlotId,
        VolunteerTask, VolunteerTaskId,
    };
    let parts = RosterParts {
        id: "r".into(),
        conference: "c".into(),
        booths: vec![Booth { id: BoothId::new("psf"), name: "PSF".into(), location: "Expo hall".into() }],
        shifts: vec![Shift {
            requires: Vec::new(),
            id: ShiftId::new("psf-1"),
            booth: BoothId::new("psf"),
            starts_at: dt("2027-04-16 14:00"),
            ends_at: dt("2027-04-16 15:00"),
            seats: 2,
            role: String::new(),
        }],
        staff: vec![Staff::new("Ana", Experience::Experienced)],
        assignments: vec![Assignment::new("psf-1", "Ana")],
        tasks: vec![VolunteerTask {
            throughput: None,
            id: VolunteerTaskId::new("chairs"),
            name: "Session chair".into(),
            description: String::new(),
            location: "Hall".into(),
            skills: Vec::new(),
        }],
        slots: vec![VolunteerSlot {
            id: VolunteerSlotId::new("chair-b"),
            task: VolunteerTaskId::new("chairs"),
            starts_at: dt("2027-04-16 11:00"),
            ends_at: dt("2027-04-16 11:30"),
            needed: 1,
            signups: vec!["Ana".into()],
            no_shows: Vec::new(),
            worked_minutes: std::collections::BTreeMap::new(),
        }],
        ..RosterParts::default()
    };
    Roster::from_parts(parts).unwrap()
}

#[test]
fn an_attendees_timeline_has_the_slots_a_roster_lists_for_them() {
    let schedule = schedule();
    let roster = roster_for_ana();
    let mut plan = plan_with(&schedule, &["b"]);
    plan.me = Some("Ana".into());
    let timeline = Timeline::for_attendee(&schedule, &plan, Some(&roster));
    let kinds: Vec<(ItemKind, &str)> = timeline.items().iter().map(|i| (i.kind, i.title.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (ItemKind::Session(SessionKind::Talk), "B"),
            (ItemKind::Volunteer, "Session chair"),
            (ItemKind::Shift, "Booth: PSF"),
        ],
        "the slot the coordinator put Ana on is on her timeline, beside her booth shift"
    );
    let slot = timeline.items().iter().position(|i| i.kind == ItemKind::Volunteer).unwrap();
    let key = SlotKey { roster: "r".into(), slot: "chair-b".into() };
    assert_eq!(timeline.items()[slot].source, ItemSource::RosterSlot(key.clone()));
    assert_eq!(timeline.items()[slot].place, "Hall");
    assert!(timeline.has_hard_clash(slot), "chairing at 11:00 clashes with her must-see talk B");
    assert!(timeline.resolutions_for(slot).is_empty(), "the coordinator's to change, not hers to leave");
    assert_eq!(timeline.items()[slot].removal(), None);
    // Signed up in her own plan as well: the slot is there once, hers to leave.
    plan.apply(&schedule, Edit::sign_up(roster.slot_signup("chair-b").unwrap())).unwrap();
    let timeline = Timeline::for_attendee(&schedule, &plan, Some(&roster));
    let slots: Vec<usize> =
        (0..timeline.items().len()).filter(|&i| timeline.items()[i].kind == ItemKind::Volunteer).collect();
    assert_eq!(slots.len(), 1);
    assert_eq!(timeline.items()[slots[0]].source, ItemSource::Signup(key.clone()));
    assert_eq!(timeline.resolutions_for(slots[0]), [Resolution::LeaveSlot(key.clone())]);
    assert_eq!(timeline.items()[slots[0]].removal(), Some(Edit::LeaveSlot(key)));
    let shift = timeline.items().iter().find(|i| i.kind == ItemKind::Shift).unwrap();
    assert_eq!(shift.removal(), None, "a booth shift is the captain's");
    let talk = &timeline.items()[timeline.position_of(&SessionId::new("b")).unwrap()];
    assert_eq!(talk.removal(), Some(Edit::Unpick { session_id: SessionId::new("b") }));
}

#[test]
fn without_a_roster_or_a_name_the_timeline_is_the_plans_own() {
    let schedule = schedule();
    let roster = roster_for_ana();
    let mut plan = plan_with(&schedule, &["b"]);
    assert_eq!(Timeline::for_attendee(&schedule, &plan, Some(&roster)).items().len(), 1, "the plan names nobody");
    plan.me = Some("Ana".into());
    assert_eq!(Timeline::for_attendee(&schedule, &plan, None).items().len(), 1, "no roster open");
    plan.me = Some("Ben".into());
    assert_eq!(Timeline::for_attendee(&schedule, &plan, Some(&roster)).items().len(), 1, "not on this roster");
}

#[test]
fn each_clash_offers_its_way_out() {
    let schedule = schedule();
    let plan = personal_plan(&schedule);
    let timeline = Timeline::build(&schedule, &plan);
    let at = |title: &str| timeline.items().iter().position(|i| i.title == title).unwrap();
    assert_eq!(timeline.resolutions_for(at("C")), [Resolution::MakeMaybe(SessionId::new("c"))]);
    assert_eq!(timeline.resolutions_for(at("Departure: airport")), [Resolution::Move(ItemId::new("b1"))]);
    assert_eq!(timeline.items()[at("Departure: airport")].removal(), Some(Edit::RemoveItem(ItemId::new("b1"))));
    assert_eq!(
        timeline.resolutions_for(at("Session chair")),
        [Resolution::LeaveSlot(SlotKey { roster: "r".into(), slot: "chair-1".into() })]
    );
    // "B" is a maybe and not recorded: nothing more to offer than what it already is.
    assert!(timeline.resolutions_for(at("B")).is_empty());
    // A recorded must-see offers both.
    let plan = plan_with(&schedule, &["tut", "a"]);
    let timeline = Timeline::build(&schedule, &plan);
    let a = timeline.position_of(&SessionId::new("a")).unwrap();
    assert_eq!(
        timeline.resolutions_for(a),
        [Resolution::MakeMaybe(SessionId::new("a")), Resolution::WatchLater(SessionId::new("a"))]
    );
    assert!(timeline.resolutions_for(99).is_empty());
}

proptest! {
    /// The timeline's clashes over mixed kinds equal a brute-force check of every pair.
    #[test]
    fn cross_kind_clashes_equal_brute_force(raw in prop::collection::vec((0u32..4, 0i64..600, 0u32..240, any::<bool>()), 0..40)) {
        let base = dt("2027-04-16 08:00");
        let kinds = [ItemKind::Block(BlockKind::Busy), ItemKind::Dinner, ItemKind::Volunteer, ItemKind::Shift];
        let mut items: Vec<TimelineItem> = raw
            .iter()
            .enumerate()
            .map(|(n, &(k, start, mins, later))| {
                let starts_at = base + chrono::Duration::minutes(start);
                let mut item = TimelineItem::new(
                    ItemSource::Personal(ItemId::new(format!("i{n}"))),
                    kinds[k as usize],
                    format!("item {n}"),
                    starts_at,
                    add_minutes(starts_at, mins),
                );
                item.is_watch_later = later && k == 0;
                item
            })
            .collect();
        let timeline = Timeline::from_items(&mut items);
        let items = timeline.items();
        let mut expected = Vec::new();
        for i in 0..items.len() {
            for j in i + 1..items.len() {
                let (x, y) = (&items[i], &items[j]);
                if x.is_attended() && y.is_attended() && x.starts_at < y.ends_at && y.starts_at < x.ends_at {
                    expected.push((i, j));
                }
            }
        }
        let found: Vec<(usize, usize)> = timeline.clashes().iter().map(|c| (c.a, c.b)).collect();
        prop_assert_eq!(found, expected);
    }
}
