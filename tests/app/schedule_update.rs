//! Opening a newer version of the same conference: every pick, note and watch-later mark
//! survives, cancelled picks stay as orphans, "What changed" lists the differences with picks
//! first, and the whole update is one undoable step.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lanyard::LanyardApp;
use lanyard::app::AppConfig;
use lanyard::command::{Command, FileCommand, PlanCommand, SettingsCommand};
use lanyard::model::{Edit, Priority};

use crate::common::{self, id};

/// Copies both versions into `dir` so the test controls the files the app remembers.
fn fixtures(dir: &Path) -> (PathBuf, PathBuf) {
    let copy = |name: &str| {
        let to = dir.join(name);
        std::fs::copy(common::repo_path(&format!("tests/fixtures/updates/{name}")), &to).unwrap();
        to
    };
    (copy("minicon-v1.ron"), copy("minicon-v2.ron"))
}

fn app_on(data: &Path, schedule: &Path) -> LanyardApp {
    LanyardApp::new(AppConfig {
        data_dir: Some(data.to_owned()),
        schedule_path: Some(schedule.to_owned()),
        ..AppConfig::default()
    })
}

/// Opens a schedule the way the GUI does (a background import) and waits for it.
fn open_and_wait(harness: &mut Harness<'_, LanyardApp>, path: &Path) {
    harness.state_mut().execute(Command::File(FileCommand::OpenSchedule(path.to_owned())), 0.0);
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_importing() {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the import did not finish");
}

fn edit(harness: &mut Harness<'_, LanyardApp>, edit: Edit) {
    harness.state_mut().execute(Command::Plan(PlanCommand::Edit(edit)), 0.0);
    harness.run();
}

fn pick(harness: &mut Harness<'_, LanyardApp>, session: &str, priority: Priority) {
    edit(harness, Edit::Pick { session_id: id(session), priority });
}

#[test]
fn an_update_keeps_every_pick_and_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2) = fixtures(dir.path());
    let data = dir.path().join("data");
    let mut harness = common::harness(app_on(&data, &v1), common::at("2027-02-06 08:00"));
    harness.run();
    for session in ["keep", "moves", "renamed", "cancelled"] {
        pick(&mut harness, session, Priority::Must);
    }
    edit(&mut harness, Edit::SetNote { session_id: id("cancelled"), note: "bring questions".into() });
    edit(&mut harness, Edit::SetWatchLater { session_id: id("moves"), watch_later: true });
    let before = harness.state().plan().clone();

    open_and_wait(&mut harness, &v2);
    let app = harness.state();
    assert_eq!(app.schedule().conference().version.as_deref(), Some("2.0"));
    let plan = app.plan();
    assert_eq!(plan.picks.len(), 4, "every pick is kept");
    assert!(plan.pick(&id("moves")).unwrap().watch_later, "watch-later survives");
    assert_eq!(plan.note(&id("cancelled")), Some("bring questions"), "notes survive");
    assert_eq!(plan.pick(&id("renamed")).unwrap().title, "New, better title", "remembered titles refresh");
    let orphans: Vec<_> = plan.orphans(app.schedule()).map(|(id, _)| id.as_str()).collect();
    assert_eq!(orphans, ["cancelled"]);
    let moved = app.timeline().items().iter().find(|i| i.title == "Talk that moves").unwrap();
    assert_eq!((moved.starts_at, moved.place.as_str()), (common::at("2027-02-06 14:00"), "Room B"));

    // "What changed" opened on its own, picks first.
    let changes = app.changes().unwrap();
    assert_eq!(changes.counts(), (1, 1, 1, 1));
    let order: Vec<&str> = changes.order_for(plan).into_iter().map(|i| changes.changes[i].id.as_str()).collect();
    assert_eq!(order, ["renamed", "cancelled", "moves", "added"]);
    assert!(harness.query_by_label_contains("Cancelled: Talk that gets cancelled, your pick").is_some());
    assert!(harness.query_by_label_contains("Moved: Talk that moves, your pick").is_some());
    assert!(harness.query_by_label_contains("Added: A late addition").is_some());
    let banner = harness.get_by_label_contains("Updated MiniCon 2027");
    assert!(banner.accesskit_node().value().unwrap().contains("1 added, 1 cancelled, 1 moved, 1 changed"));

    // The whole update is one undoable step.
    harness.state_mut().execute(Command::Plan(PlanCommand::Undo), 0.0);
    harness.run();
    assert_eq!(harness.state().schedule().conference().version.as_deref(), Some("1.0"));
    assert_eq!(harness.state().plan(), &before);
    assert!(harness.state().changes().is_none());
    harness.state_mut().execute(Command::Plan(PlanCommand::Redo), 0.0);
    harness.run();
    assert_eq!(harness.state().schedule().conference().version.as_deref(), Some("2.0"));
    assert!(harness.state().changes().is_some());

    // And it survives a restart: the new version is remembered, the orphan too.
    drop(harness);
    let app = LanyardApp::new(AppConfig { data_dir: Some(data), ..AppConfig::default() });
    assert_eq!(app.schedule().conference().version.as_deref(), Some("2.0"));
    assert_eq!(app.plan().picks.len(), 4);
}

#[test]
fn a_bad_file_leaves_schedule_and_plan_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, _) = fixtures(dir.path());
    let data = dir.path().join("data");
    let mut harness = common::harness(app_on(&data, &v1), common::at("2027-02-06 08:00"));
    harness.run();
    pick(&mut harness, "keep", Priority::Must);
    let plan = harness.state().plan().clone();
    let bad = dir.path().join("broken.ron");
    std::fs::copy(&v1, &bad).unwrap();
    let text = std::fs::read_to_string(&bad)
        .unwrap()
        .replace("room: \"b\", start: \"2027-02-06T11:00\"", "room: \"zz\", start: \"2027-02-06T11:00\"");
    std::fs::File::create(&bad).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())).unwrap();

    open_and_wait(&mut harness, &bad);
    assert_eq!(harness.state().plan(), &plan);
    assert_eq!(harness.state().schedule().conference().version.as_deref(), Some("1.0"));
    let banner = harness.get_by_label_contains("unknown room \"zz\"");
    let text = banner.accesskit_node().value().unwrap();
    assert!(text.contains(&format!("{}:", bad.display())) && text.contains(": error: "), "{text}");
}

#[test]
fn opening_another_conference_switches_plans() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, _) = fixtures(dir.path());
    let data = dir.path().join("data");
    let mut harness = common::harness(app_on(&data, &v1), common::at("2027-02-06 08:00"));
    harness.run();
    pick(&mut harness, "keep", Priority::Must);
    harness.state_mut().execute(Command::File(FileCommand::OpenSample), 0.0);
    harness.run();
    assert_eq!(harness.state().schedule().conference().id, "cascadia-py-2027");
    assert!(harness.state().plan().picks.is_empty(), "the sample has its own plan");
    assert!(harness.state().changes().is_none());
    open_and_wait(&mut harness, &v1);
    assert_eq!(harness.state().plan().priority(&id("keep")), Some(Priority::Must), "MiniCon's plan is back");
}

#[test]
fn the_conference_zone_can_be_set_for_a_floating_file_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let floating = dir.path().join("floating.ron");
    let text = std::fs::read_to_string(common::repo_path("tests/fixtures/updates/minicon-v1.ron"))
        .unwrap()
        .replace("time_zone: \"Europe/Brussels\", ", "");
    std::fs::File::create(&floating).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())).unwrap();
    let data = dir.path().join("data");
    let mut harness = common::harness(app_on(&data, &floating), common::at("2027-02-06 08:00"));
    harness.run();
    assert_eq!(harness.state().schedule().conference().zone.name(), None);
    harness.state_mut().execute(Command::Settings(SettingsCommand::ConferenceZone(Some("Europe/Lisbon".into()))), 0.0);
    harness.run();
    assert_eq!(harness.state().schedule().conference().zone.name(), Some("Europe/Lisbon"));
    drop(harness);
    let app = app_on(&data, &floating);
    assert_eq!(app.schedule().conference().zone.name(), Some("Europe/Lisbon"));
    // Wall-clock times are what the programme says, whatever the zone.
    assert_eq!(app.schedule().session_by_id(&id("keep")).unwrap().starts_at, common::at("2027-02-06 09:00"));
}

#[test]
fn laptop_time_is_shown_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (v1, _) = fixtures(dir.path());
    let mut app = app_on(&dir.path().join("data"), &v1);
    // A laptop still on New York time (UTC-5 in February).
    app.set_laptop_clock(|instant| instant.naive_utc() - chrono::Duration::hours(5));
    let mut harness = common::harness(app, common::at("2027-02-06 08:00"));
    harness.run();
    assert!(harness.query_by_label_contains("on your laptop").is_none());
    harness.state_mut().execute(Command::Settings(SettingsCommand::ShowLaptopTime(true)), 0.0);
    harness.run();
    // 08:00 in Brussels (UTC+1) is 02:00 in New York.
    assert!(harness.query_by_label_contains("now 08:00 · 02:00 on your laptop").is_some());
}
