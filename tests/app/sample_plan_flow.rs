//! "Samples > Load the sample plan" in the real app, driven by accessible labels: it replaces the
//! user's plan with the bundled sample plan as one undoable step, shows its items in My agenda and
//! says so in a banner; Ctrl+Z brings the user's plan back. With another conference open the entry
//! is disabled and says why.

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lanyard::LanyardApp;
use lanyard::app::AppConfig;
use lanyard::command::{Command, PlanCommand};
use lanyard::model::{Edit, ItemKind, Priority, SessionId};
use lanyard::ui::{BannerLevel, Tab};

use crate::common;

fn open_samples_menu(harness: &mut egui_kittest::Harness<'_, LanyardApp>) {
    harness.get_by_label("Samples").click();
    harness.run();
}

#[test]
fn load_the_sample_plan_see_its_agenda_and_undo_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    // The user's own plan: one pick.
    let mine = Edit::Pick { session_id: SessionId::new("cpc27-101"), priority: Priority::Must };
    harness.state_mut().execute(Command::Plan(PlanCommand::Edit(mine)), 0.0);
    harness.run();
    let own_plan = harness.state().plan().clone();

    open_samples_menu(&mut harness);
    harness.get_by_label("Load the sample plan").click();
    harness.run();

    let state = harness.state();
    assert_eq!(state.plan(), &lanyard::io::samples::sample_plan().unwrap(), "the plan is the sample plan");
    assert_eq!(state.ui_state().tab, Tab::Agenda, "its agenda is shown");
    let banner = state.ui_state().banners.last().unwrap();
    assert_eq!(banner.level, BannerLevel::Info);
    assert!(banner.text.starts_with("Loaded the sample plan (Ana Lima): 15 picks"), "{}", banner.text);
    assert!(banner.text.contains("Undo (Ctrl+Z) brings your own plan back"), "{}", banner.text);
    // And a copy on disk keeps it beyond this session (the `.bak` would not: the next save of the
    // sample plan replaces it).
    let kept = common::sample_plan_path(dir.path()).with_file_name("plan.before-sample.ron");
    assert!(banner.text.contains(&kept.display().to_string()), "{}", banner.text);
    let copy = lanyard::io::store::load::<lanyard::model::Plan>(&kept).unwrap().document.unwrap();
    assert_eq!(copy, own_plan);
    assert!(state.timeline().items().iter().any(|i| i.kind == ItemKind::Dinner));
    assert!(!state.timeline().clashes().is_empty());
    // The agenda lists its first items: the arrival, the swag-bag slot, the keynote.
    assert!(harness.query_by_label_contains("12:00 Arrival: flight from Toronto").is_some());
    assert!(harness.query_by_label_contains("16:00 Swag-bag stuffing").is_some());
    assert!(harness.query_by_label_contains("09:00 The long tail of Python").is_some());
    assert!(harness.query_by_label_contains("Loaded the sample plan").is_some(), "the banner is on screen");

    // One undo brings the user's plan back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().plan(), &own_plan);
    assert!(harness.query_by_label_contains("12:00 Arrival: flight from Toronto").is_none());
    // And redo loads it again.
    harness.state_mut().execute(Command::Plan(PlanCommand::Redo), 0.0);
    harness.run();
    assert_eq!(harness.state().plan(), &lanyard::io::samples::sample_plan().unwrap());
}

#[test]
fn with_the_sample_roster_open_the_booth_shifts_join_the_sample_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    open_samples_menu(&mut harness);
    harness.get_by_label("Open the sample roster").click();
    harness.run();
    assert!(harness.state().roster().is_some());
    open_samples_menu(&mut harness);
    harness.get_by_label("Load the sample plan").click();
    harness.run();
    let timeline = harness.state().timeline();
    assert_eq!(timeline.items().iter().filter(|i| i.kind == ItemKind::Shift).count(), 2, "Ana Lima's two shifts");
    assert_eq!(timeline.hard_clash_count(), 1, "her Friday shift against her must-see talk");
    let banner = &harness.state().ui_state().banners.last().unwrap().text;
    assert!(!banner.contains("Open the sample roster"), "the roster is open already: {banner}");
}

#[test]
fn another_conference_disables_the_entry_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    drop(common::app_in(&data)); // a returning user: settings written
    let config = AppConfig {
        data_dir: Some(data),
        schedule_path: Some(common::repo_path("tests/fixtures/roster/schedule.ron")),
        ..AppConfig::default()
    };
    let mut harness = common::harness(LanyardApp::new(config), common::eve_of_the_conference());
    harness.run();
    assert_eq!(harness.state().schedule().conference().id, "fixture-conf");
    let before = harness.state().plan().clone();

    open_samples_menu(&mut harness);
    let entry = harness.get_by_label("Load the sample plan");
    assert!(entry.accesskit_node().is_disabled(), "disabled for another conference");
    entry.hover();
    harness.run();
    assert!(harness.query_by_label_contains("another conference is open").is_some(), "the hover text explains why");
    harness.get_by_label("Load the sample plan").click();
    harness.run();
    assert_eq!(harness.state().plan(), &before, "a click on the disabled entry does nothing");

    // The command itself refuses too, with a reason, and changes nothing.
    harness.state_mut().execute(Command::Plan(PlanCommand::LoadSample), 0.0);
    harness.run();
    assert_eq!(harness.state().plan(), &before);
    let banner = harness.state().ui_state().banners.last().unwrap();
    assert_eq!(banner.level, BannerLevel::Warning);
    assert!(banner.text.contains("Show the sample conference first"), "{}", banner.text);
}
