//! Now & next with a pinned clock: every room's current and next session, the attendee's next
//! item with the time left, and a warning when the laptop's clock says something else.

use egui_kittest::kittest::Queryable as _;
use lanyard::command::{Command, PlanCommand};
use lanyard::model::{Edit, Priority};

use crate::common::{self, saturday_morning};

#[test]
fn during_the_conference_it_opens_on_now_and_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_in(dir.path());
    app.set_laptop_clock(|instant| instant.naive_utc() - chrono::Duration::hours(7));
    let mut harness = common::harness(app, saturday_morning());
    harness.run();
    let schedule = harness.state().schedule().clone();
    let board = schedule.now_and_next(saturday_morning());
    assert!(!board.is_empty());
    // Every room row says what is on now and next, by name.
    for room in &board {
        let name = &schedule.room(room.room).unwrap().name;
        let label = format!("{name}. Now: ");
        assert!(harness.query_by_label_contains(&label).is_some(), "no row for {name}");
    }
    let on_now = board.iter().find_map(|r| r.now).map(|i| schedule.session(i).unwrap().title.clone()).unwrap();
    assert!(harness.query_by_label_contains(&format!("Now: {on_now}")).is_some());
    // The laptop here runs on UTC-7 = Vancouver's PDT: no clock warning.
    assert!(harness.query_by_label_contains("Your laptop's clock says").is_none());
}

#[test]
fn your_next_item_counts_down_and_names_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), saturday_morning());
    harness.run();
    assert!(harness.query_by_label_contains("Nothing more on your agenda").is_some());
    // A talk at 10:45 on Saturday.
    let schedule = harness.state().schedule().clone();
    let talk = schedule
        .sessions()
        .iter()
        .find(|s| s.starts_at == common::at("2027-04-17 10:45") && s.kind == lanyard::model::SessionKind::Talk)
        .unwrap();
    harness.state_mut().execute(
        Command::Plan(PlanCommand::Edit(Edit::Pick { session_id: talk.id.clone(), priority: Priority::Must })),
        0.0,
    );
    harness.run();
    assert!(harness.query_by_label_contains("Your next item · Next").is_some());
    assert!(harness.query_by_label(&talk.title).is_some());
    assert!(harness.query_by_label_contains("· in 30 min").is_some());
    assert!(harness.query_by_label(&format!("📍 {}", schedule.room_name(talk))).is_some());
}

#[test]
fn a_laptop_on_another_clock_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_in(dir.path());
    // Still on Berlin time (UTC+2 in April): nine hours ahead of Vancouver.
    app.set_laptop_clock(|instant| instant.naive_utc() + chrono::Duration::hours(2));
    let mut harness = common::harness(app, saturday_morning());
    harness.run();
    assert!(harness.query_by_label_contains("Your laptop's clock says 19:15 (9 h ahead)").is_some());
}

#[test]
fn before_the_conference_it_opens_on_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::at("2027-03-01 12:00"));
    harness.run();
    assert_eq!(harness.state().ui_state().tab, lanyard::ui::Tab::Schedule);
    harness.get_by_label("Now & next").click();
    harness.run();
    assert!(harness.query_by_label_contains("Nothing is on right now").is_some());
}
