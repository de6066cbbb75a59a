//! The booth captain's flows in the real app, driven by accessible labels: open the sample
//! roster, assign by menu, see a rule break the moment it happens, undo it, auto-roster as one
//! undo step; and the attendee's side: their shifts and volunteer slots on their own timeline.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use lanyard::model::roster::AssignEdit;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lanyard::LanyardApp;
use lanyard::app::AppConfig;
use lanyard::command::{Command, PlanCommand, RosterCommand};
use lanyard::model::roster::{RosterEdit, ShiftId};
use lanyard::model::{Edit, ItemKind, SlotKey};

use crate::common;

/// A copy of the sample roster the test may edit.
fn roster_copy(dir: &Path) -> PathBuf {
    let path = dir.join("roster.ron");
    std::fs::copy(common::repo_path("assets/sample-roster.ron"), &path).unwrap();
    path
}

pub(crate) fn app_with_roster(dir: &Path) -> LanyardApp {
    let data = dir.join("data");
    drop(common::app_in(&data)); // a returning user: settings written
    LanyardApp::new(AppConfig { data_dir: Some(data), roster: Some(roster_copy(dir)), ..AppConfig::default() })
}

fn people_on(harness: &Harness<'_, LanyardApp>, shift: &str) -> Vec<String> {
    harness.state().roster().unwrap().people_on(shift).iter().map(|a| a.person.as_str().to_owned()).collect()
}

#[test]
fn assign_by_menu_see_a_rule_break_and_undo_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(app_with_roster(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label("Roster").click();
    harness.run();
    assert!(harness.query_by_label_contains("25 of 37 seats filled").is_some());

    // Friday's sponsor lunch shift has one of two seats filled.
    harness.get_by_label_contains("Tidewater Data (sponsor) 12:00–14:15 shift, 1 of 2 filled: Gus Moreau").click();
    harness.run();
    harness.get_by_label("Assign someone").click();
    harness.run();
    harness.get_by_label("Ana Lima · 5 h").click();
    harness.run();
    harness.get_by_role_and_label(egui::Role::Button, "Assign").click();
    harness.run();
    assert_eq!(people_on(&harness, "fri-spon-mid"), ["Gus Moreau", "Ana Lima"]);
    assert!(harness.query_by_label_contains("26 of 37 seats filled").is_some());

    // Ana already works the foundation's morning shift, which ends at 12:00: the roster asks for
    // 30 minutes' rest, and the break shows the moment she is assigned.
    assert!(harness.query_by_label_contains("Ana Lima has 0 min rest before").is_some());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.query_by_label_contains("Ana Lima has 0 min rest before").is_none());
    assert_eq!(people_on(&harness, "fri-spon-mid"), ["Gus Moreau"], "undo took the assignment back");
    assert!(harness.query_by_label_contains("25 of 37 seats filled").is_some());

    // Hana works the foundation's Saturday lunch; putting her on the sponsor's at the same time
    // is double-booking, flagged on both shifts.
    let edit = RosterEdit::Assign(AssignEdit::Assign {
        shift: ShiftId::new("sat-spon-mid"),
        person: "Hana Sato".into(),
        locked: false,
    });
    harness.state_mut().execute(Command::Roster(RosterCommand::Edit(Box::new(edit))), 0.0);
    harness.run();
    assert!(harness.query_by_label_contains("Hana Sato is double-booked").is_some());
}

#[test]
fn auto_roster_fills_seats_in_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(app_with_roster(dir.path()), common::eve_of_the_conference());
    harness.run();
    let before = harness.state().roster().unwrap().filled();
    harness.state_mut().execute(Command::Roster(RosterCommand::AutoRoster), 0.0);
    for _ in 0..500 {
        harness.step();
        if harness.state().roster().unwrap().filled() > before {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let after = harness.state().roster().unwrap().filled();
    assert!(after > before, "{before} → {after}");
    assert_eq!(harness.state().roster_report().unwrap().newcomers_alone, 0, "no newcomer left alone");
    harness.state_mut().execute(Command::Plan(PlanCommand::Undo), 0.0);
    harness.run();
    assert_eq!(harness.state().roster().unwrap().filled(), before);
}

#[test]
fn a_staff_member_sees_their_shifts_and_slots_on_their_own_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(app_with_roster(dir.path()), common::eve_of_the_conference());
    harness.run();
    // Ana picked the 10:00 talk in the ballroom, during her Friday morning booth shift.
    let schedule = harness.state().schedule().clone();
    let gil = schedule.sessions().iter().find(|s| s.id.as_str() == "cpc27-003").unwrap().id.clone();
    let pick = Edit::Pick { session_id: gil, priority: lanyard::model::Priority::Must };
    harness.state_mut().execute(Command::Plan(PlanCommand::Edit(pick)), 0.0);
    harness.state_mut().execute(Command::Plan(PlanCommand::Edit(Edit::SetMyName(Some("Ana Lima".into())))), 0.0);
    harness.run();
    let timeline = harness.state().timeline();
    let shifts = timeline.items().iter().filter(|i| i.kind == ItemKind::Shift).count();
    assert_eq!(shifts, 2, "Ana's two booth shifts");
    assert_eq!(timeline.hard_clash_count(), 1, "the booth shift clashes with her must-see talk");

    // Signing up for swag-bag stuffing puts the slot on her timeline too.
    harness.get_by_label("Roster").click();
    harness.run();
    harness.get_by_label("Volunteers").click();
    harness.run();
    harness.get_by_label("Sign me up: Swag-bag stuffing Thu 15 Apr 16:00–19:00").click();
    harness.run();
    let key = SlotKey { roster: harness.state().roster().unwrap().id().to_owned(), slot: "swag-thu".into() };
    assert!(harness.state().plan().is_signed_up(&key));
    harness.get_by_label("My agenda").click();
    harness.run();
    let row = harness.get_by_label_contains("16:00 Swag-bag stuffing");
    assert!(row.accesskit_node().label().unwrap().contains("16:00"));
}

#[test]
fn the_sample_roster_opens_from_the_gui_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label("Roster").click();
    harness.run();
    harness.get_by_label("Try the sample roster").click();
    harness.run();
    assert!(harness.state().roster().is_some());
    // The staff plans beside it were read: Ana's must-see talk now counts against her shift.
    assert!(harness.query_by_label_contains("would miss must-see").is_some());
    drop(harness);
    let app = common::app_in(dir.path());
    assert!(app.roster().is_some(), "reopened with the conference");
}

#[test]
fn drag_a_name_onto_a_shift_to_assign_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(app_with_roster(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label("Roster").click();
    harness.run();
    let from = harness.get_by_label_contains("Chen Wei · 0 min").rect().center();
    let to = harness
        .get_by_label_contains("Tidewater Data (sponsor) 12:00–14:15 shift, 1 of 2 filled: Gus Moreau")
        .rect()
        .center();
    common::drag(&mut harness, from, to, 12);
    assert_eq!(people_on(&harness, "fri-spon-mid"), ["Gus Moreau", "Chen Wei"]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(people_on(&harness, "fri-spon-mid"), ["Gus Moreau"]);
}
