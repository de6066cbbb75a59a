//! Nothing a user wrote is ever lost, tried as a second window, a sync tool or an unlucky user
//! would: items added in two processes at once, recovery that keeps the last good copy, a plan
//! file deleted while the app runs, a lost conflict that the losing window shows and says, and
//! settings changed in two windows.

use std::path::Path;
use std::time::Duration;

use egui_kittest::kittest::Queryable as _;
use lanyard::LanyardApp;
use lanyard::command::{Command, PlanCommand, SettingsCommand};
use lanyard::io::store;
use lanyard::model::{
    Block, BlockKind, CustomEvent, CustomKind, Dinner, Edit, ItemId, PersonalItem, Plan, Priority, Reservation,
    SessionId,
};

use crate::common::{self, at, plan_on_disk as on_disk};

fn dinner(title: &str) -> PersonalItem {
    PersonalItem::Dinner(Dinner {
        id: ItemId::default(),
        title: title.to_owned(),
        venue: "Old Port Bistro".into(),
        address: String::new(),
        starts_at: at("2027-04-16 19:30"),
        duration_mins: 120,
        party: vec!["Ana".into()],
        reservation: Reservation::None,
        cost_per_head: None,
        notes: String::new(),
    })
}

fn meeting(title: &str) -> PersonalItem {
    PersonalItem::Custom(CustomEvent {
        id: ItemId::default(),
        kind: CustomKind::Meeting,
        title: title.to_owned(),
        starts_at: at("2027-04-16 12:00"),
        duration_mins: 30,
        place: "hallway".into(),
        people: Vec::new(),
        note: String::new(),
    })
}

fn block(note: &str) -> PersonalItem {
    PersonalItem::Block(Block {
        id: ItemId::default(),
        kind: BlockKind::Busy,
        starts_at: at("2027-04-17 08:00"),
        duration_mins: 60,
        note: note.to_owned(),
    })
}

fn add(app: &mut LanyardApp, item: PersonalItem) {
    app.execute(Command::Plan(PlanCommand::AddItem(Box::new(item))), 0.0);
}

fn titles(plan: &Plan) -> Vec<String> {
    let mut titles: Vec<String> = plan
        .dinners
        .iter()
        .map(|d| d.title.clone())
        .chain(plan.custom_events.iter().map(|c| c.title.clone()))
        .chain(plan.blocks.iter().map(|b| b.note.clone()))
        .collect();
    titles.sort();
    titles
}

#[test]
fn two_windows_adding_items_of_every_kind_keep_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = common::app_in(dir.path());
    let mut b = common::app_in(dir.path());
    // Before: both numbered their first dinner `d1`, and the merge kept one of the two.
    add(&mut a, dinner("A's dinner"));
    add(&mut b, dinner("B's dinner"));
    add(&mut a, meeting("A's meeting"));
    add(&mut b, meeting("B's meeting"));
    add(&mut a, block("A's block"));
    add(&mut b, block("B's block"));
    a.flush();
    b.flush();
    let expected = ["A's block", "A's dinner", "A's meeting", "B's block", "B's dinner", "B's meeting"];
    assert_eq!(titles(&on_disk(dir.path())), expected);
    assert_eq!(titles(b.plan()), expected, "B shows A's items too");
    // New ids are not numbered per plan any more.
    assert!(on_disk(dir.path()).dinners.iter().all(|d| d.id.as_str().len() > 30), "{:?}", on_disk(dir.path()).dinners);
}

/// Run by [`two_processes_adding_dinners_at_once_lose_none`] in child processes; does nothing
/// when run on its own.
#[test]
fn child_process_adds_dinners() {
    let (Ok(dir), Ok(who)) = (std::env::var("LANYARD_TEST_CHILD_DIR"), std::env::var("LANYARD_TEST_CHILD_NAME")) else {
        return;
    };
    let mut app = common::app_in(Path::new(&dir));
    for n in 0..15 {
        add(&mut app, dinner(&format!("{who} {n:02}")));
        app.flush();
    }
}

#[test]
fn two_processes_adding_dinners_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    // Settings first, so the children do not race to write them.
    drop(common::app_in(dir.path()));
    let exe = std::env::current_exe().unwrap();
    // The child test's name in this binary: its module path without the crate's name.
    let child_test = format!("{}::child_process_adds_dinners", module_path!().split_once("::").unwrap().1);
    let children: Vec<_> = ["left", "right"]
        .iter()
        .map(|who| {
            std::process::Command::new(&exe)
                .args(["--exact", &child_test, "--test-threads=1"])
                .env("LANYARD_TEST_CHILD_DIR", dir.path())
                .env("LANYARD_TEST_CHILD_NAME", who)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let plan = on_disk(dir.path());
    let mut expected: Vec<String> =
        ["left", "right"].iter().flat_map(|who| (0..15).map(move |n| format!("{who} {n:02}"))).collect();
    expected.sort();
    assert_eq!(titles(&plan), expected, "every dinner either process added is on disk");
}

fn corrupt_plan_with_good_backup(dir: &Path) -> std::path::PathBuf {
    let mut app = common::app_in(dir);
    common::pick(&mut app, "cpc27-003", Priority::Must);
    app.flush();
    common::pick(&mut app, "cpc27-004", Priority::Maybe);
    app.flush();
    drop(app);
    let path = common::sample_plan_path(dir);
    // The backup holds the first pick; the plan itself is damaged.
    common::write_raw(&path, "(version: 2, conference: \"cascadia-py-2027\", picks: {\"cpc27-003\": (priority: Mu");
    path
}

fn restore_action(app: &LanyardApp) -> Option<Command> {
    app.ui_state().banners.iter().find_map(|b| b.action.as_ref().map(|(_, command)| command.clone()))
}

#[test]
fn a_damaged_plan_offers_its_backup_and_no_save_destroys_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = corrupt_plan_with_good_backup(dir.path());
    let backup = std::fs::read(store::backup_path(&path)).unwrap();

    let mut app = common::app_in(dir.path());
    let Some(Command::Plan(PlanCommand::Restore(copy))) = restore_action(&app) else {
        panic!("no offer to restore: {:?}", app.ui_state().banners)
    };
    let banner = app.ui_state().banners.iter().find(|b| b.action.is_some()).unwrap();
    assert!(banner.text.contains(&copy.display().to_string()), "{}", banner.text);
    assert!(banner.text.contains("1 picks"), "{}", banner.text);
    assert_eq!(std::fs::read(&copy).unwrap(), backup);
    // Edits and saves rotate plan.ron.bak; the kept copy stays.
    for id in ["cpc27-010", "cpc27-011", "cpc27-012"] {
        common::pick(&mut app, id, Priority::Maybe);
        app.flush();
    }
    assert_ne!(std::fs::read(store::backup_path(&path)).unwrap(), backup);
    assert_eq!(std::fs::read(&copy).unwrap(), backup);

    // Restoring merges the copy in: the picks made since stay.
    app.execute(Command::Plan(PlanCommand::Restore(copy.clone())), 0.0);
    let picks: Vec<&str> = app.plan().picks.keys().map(SessionId::as_str).collect();
    assert_eq!(picks, ["cpc27-003", "cpc27-010", "cpc27-011", "cpc27-012"]);
    app.execute(Command::Plan(PlanCommand::Undo), 0.0);
    assert_eq!(app.plan().picks.len(), 3, "one undo step");
}

#[test]
fn only_a_backup_left_is_offered_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = corrupt_plan_with_good_backup(dir.path());
    std::fs::remove_file(&path).unwrap();
    let mut app = common::app_in(dir.path());
    let Some(command) = restore_action(&app) else { panic!("no offer: {:?}", app.ui_state().banners) };
    app.execute(command, 0.0);
    assert_eq!(app.plan().priority(&SessionId::new("cpc27-003")), Some(Priority::Must));
    app.flush();
    assert_eq!(on_disk(dir.path()).priority(&SessionId::new("cpc27-003")), Some(Priority::Must));
}

#[test]
fn a_plan_deleted_while_the_app_runs_is_written_again_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_in(dir.path());
    for id in ["cpc27-003", "cpc27-004", "cpc27-005"] {
        common::pick(&mut app, id, Priority::Must);
    }
    add(&mut app, dinner("Team dinner"));
    app.flush();
    let path = common::sample_plan_path(dir.path());
    std::fs::remove_file(&path).unwrap();

    common::pick(&mut app, "cpc27-010", Priority::Maybe);
    app.flush();
    let plan = on_disk(dir.path());
    assert_eq!(plan.picks.len(), 4, "the deletion is not merged as 'everything was removed'");
    assert_eq!(titles(&plan), ["Team dinner"]);
    assert!(app.ui_state().banners.iter().any(|b| b.text.contains("removed by another program")));
    // Undo history survives.
    app.execute(Command::Plan(PlanCommand::Undo), 0.0);
    assert_eq!(app.plan().picks.len(), 3);
}

#[test]
fn a_plan_deleted_while_nothing_is_being_edited_comes_back_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_in(dir.path());
    common::pick(&mut app, "cpc27-003", Priority::Must);
    app.flush();
    let path = common::sample_plan_path(dir.path());
    let mut harness = common::harness(app, common::eve_of_the_conference());
    harness.run_steps(2);
    // Polling sees states, not events: let it see the file before it goes.
    std::thread::sleep(lanyard::io::watch::POLL_INTERVAL * 3);
    harness.step();
    std::fs::remove_file(&path).unwrap();
    let removed = |h: &egui_kittest::Harness<'_, LanyardApp>| {
        h.state().ui_state().banners.iter().any(|b| b.text.contains("removed by another program"))
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !removed(&harness) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        harness.step();
    }
    assert!(removed(&harness), "the watcher noticed: {:?}", harness.state().ui_state().banners);
    harness.state_mut().flush();
    assert_eq!(on_disk(dir.path()).picks.len(), 1, "written again from the window");
}

#[test]
fn the_window_that_loses_a_conflict_shows_the_winner_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let a = common::app_in(dir.path());
    let mut b = common::app_in(dir.path());
    let mut a = common::harness(a, common::eve_of_the_conference());
    let talk = SessionId::new("cpc27-003");
    a.state_mut().execute(
        Command::Plan(PlanCommand::Edit(Edit::Pick { session_id: talk.clone(), priority: Priority::Must })),
        0.0,
    );
    b.execute(
        Command::Plan(PlanCommand::Edit(Edit::Pick { session_id: talk.clone(), priority: Priority::Maybe })),
        0.0,
    );
    a.state_mut().flush();
    b.flush(); // B merges: changed on both sides, B keeps its own and writes it.
    assert_eq!(on_disk(dir.path()).priority(&talk), Some(Priority::Maybe));

    // A learns of it from its watcher, without editing anything.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while a.state().plan().priority(&talk) != Some(Priority::Maybe) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        a.step();
    }
    assert_eq!(a.state().plan().priority(&talk), Some(Priority::Maybe), "A shows what is on disk");
    let said = a.state().ui_state().banners.iter().any(|b| b.text.contains("this window now shows it"));
    assert!(said, "{:?}", a.state().ui_state().banners);
}

#[test]
fn settings_changed_in_two_windows_are_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = common::app_in(dir.path());
    let mut b = common::app_in(dir.path());
    a.execute(Command::Settings(SettingsCommand::ShowLaptopTime(true)), 0.0);
    b.execute(Command::Settings(SettingsCommand::ConferenceZone(Some("Europe/Brussels".into()))), 0.0);
    let settings =
        store::load::<lanyard::io::settings::Settings>(&lanyard::io::paths::settings_path(dir.path())).unwrap();
    let settings = settings.document.unwrap();
    assert!(settings.show_laptop_time, "A's change survives B's save");
    assert_eq!(settings.zone_overrides.values().collect::<Vec<_>>(), ["Europe/Brussels"]);
    assert!(b.settings().show_laptop_time, "B took A's change in");
}

#[test]
fn a_termination_signal_saves_edits_younger_than_the_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let app = common::app_in(dir.path());
    let mut harness = common::harness(app, common::eve_of_the_conference());
    harness.run_steps(2);
    harness.state_mut().execute(
        Command::Plan(PlanCommand::Edit(Edit::Pick {
            session_id: SessionId::new("cpc27-007"),
            priority: Priority::Must,
        })),
        0.0,
    );
    harness.state().termination_flag().store(true, std::sync::atomic::Ordering::SeqCst);
    harness.step();
    assert_eq!(on_disk(dir.path()).priority(&SessionId::new("cpc27-007")), Some(Priority::Must));
}

#[test]
fn the_restore_button_on_the_banner_brings_the_backup_back() {
    let dir = tempfile::tempdir().unwrap();
    corrupt_plan_with_good_backup(dir.path());
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label("Restore the backup").click();
    harness.run();
    assert_eq!(harness.state().plan().priority(&SessionId::new("cpc27-003")), Some(Priority::Must));
    assert!(harness.query_by_label("Restore the backup").is_none(), "the offer goes once taken");
    assert!(harness.query_by_label_contains("Restored your plan from").is_some());
}
