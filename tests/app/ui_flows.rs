//! The attendee's main flows, driven through the real app by accessible labels (egui_kittest,
//! no GPU, no display). The clock is pinned.

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lanyard::io::store;
use lanyard::model::{Plan, Priority};

use crate::common::{self, id};

const GIL: &str = "Life after the GIL: porting a C extension to free-threaded Python";
const HTMX: &str = "HTMX and Django: a year of shipping with less JavaScript";
const POLARS: &str = "Hands-on Polars: from messy CSVs to tidy analysis";

#[test]
fn picking_in_the_schedule_puts_it_in_my_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label(&format!("Must: {GIL}")).click();
    harness.run();
    assert_eq!(harness.state().plan().priority(&id("cpc27-003")), Some(Priority::Must));

    harness.get_by_label("My agenda").click();
    harness.run();
    let row_label = format!("{GIL}, Grand Ballroom");
    let row = harness.get_by_label_contains(&row_label);
    assert!(row.accesskit_node().label().unwrap().contains("Grand Ballroom"));
    assert!(harness.query_by_label_contains("clashes with").is_none());
}

#[test]
fn two_overlapping_picks_show_a_clash_and_watch_later_resolves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label(&format!("Must: {GIL}")).click();
    harness.run();
    harness.get_by_label(&format!("Maybe: {HTMX}")).click();
    harness.run();
    assert_eq!(harness.state().timeline().clashes().len(), 1);

    harness.get_by_label("My agenda").click();
    harness.run();
    let gil_label = format!("{GIL}, Grand Ballroom");
    let gil_row = harness.get_by_label_contains(&gil_label);
    assert!(gil_row.accesskit_node().label().unwrap().contains(&format!("clashes with {HTMX}")));

    // Both are recorded, so either can be watched later.
    harness.get_by_label(&format!("Watch later: {HTMX}")).click();
    harness.run();
    assert!(harness.state().timeline().clashes().is_empty());
    assert!(harness.state().plan().pick(&id("cpc27-004")).unwrap().watch_later);
    assert!(harness.query_by_label_contains("clashes with").is_none());
    harness.get_by_label(&format!("Attend in person: {HTMX}")).click();
    harness.run();
    assert_eq!(harness.state().timeline().clashes().len(), 1);
}

#[test]
fn a_long_tutorial_clashes_with_every_talk_it_spans() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label(&format!("Must: {POLARS}")).click();
    harness.run();
    harness.get_by_label(&format!("Must: {GIL}")).click();
    harness.run();
    // Move down to the 11:30 slot with the keyboard and pick a talk there too: not adjacent to
    // the first, still inside the three-hour tutorial.
    let later = "Streaming responses without tears";
    for _ in 0..40 {
        harness.key_press(egui::Key::J);
        harness.run();
        let selected = harness.state().ui_state().selected.clone();
        let title = selected.and_then(|id| harness.state().schedule().session_by_id(&id).map(|s| s.title.clone()));
        if title.is_some_and(|t| t.starts_with(later)) {
            break;
        }
    }
    harness.key_press(egui::Key::M);
    harness.run();
    let timeline = harness.state().timeline();
    assert_eq!(timeline.clashes().len(), 2, "{:?}", timeline.clashes());
    let polars = timeline.position_of(&id("cpc27-006")).unwrap();
    assert_eq!(timeline.clashes_with(polars).len(), 2);
    // The tutorial is not recorded, so it offers no "watch later".
    harness.get_by_label("My agenda").click();
    harness.run();
    assert!(harness.query_by_label(&format!("Watch later: {POLARS}")).is_none());
}

#[test]
fn undo_removes_a_pick_and_redo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label(&format!("Must: {GIL}")).click();
    harness.run();
    assert_eq!(harness.state().plan().picks.len(), 1);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().plan().picks.is_empty(), "Ctrl+Z undoes the pick");

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().plan().picks.len(), 1, "Ctrl+Shift+Z redoes it");

    harness.get_by_label("Undo").click();
    harness.run();
    assert!(harness.state().plan().picks.is_empty(), "the Undo button works too");
}

#[test]
fn picks_survive_a_restart_on_the_same_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
        harness.run();
        harness.get_by_label(&format!("Must: {GIL}")).click();
        harness.run();
        harness.get_by_label(&format!("Maybe: {HTMX}")).click();
        harness.run();
    } // Closing the window flushes.
    let app = common::app_in(dir.path());
    assert_eq!(app.plan().priority(&id("cpc27-003")), Some(Priority::Must));
    assert_eq!(app.plan().priority(&id("cpc27-004")), Some(Priority::Maybe));
    assert_eq!(app.timeline().clashes().len(), 1);
}

#[test]
fn an_edit_reaches_the_disk_at_once_without_closing() {
    // What makes a pick survive `kill -9`, a logout or a lost display: the autosave, not the exit.
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label(&format!("Must: {GIL}")).click();
    // The save starts at the end of the frame that made the edit, on its own thread (write,
    // fsync, rename, fsync of the folder); its end asks for a frame, and the status says so.
    harness.step();
    let path = common::sample_plan_path(dir.path());
    for _ in 0..1000 {
        if path.exists() && harness.query_by_label_contains("Plan saved").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    let on_disk = store::load::<Plan>(&path).unwrap().document.expect("saved without closing");
    assert_eq!(on_disk.priority(&id("cpc27-003")), Some(Priority::Must));
    assert!(harness.query_by_label_contains("Plan saved").is_some());
    assert!(harness.query_by_label_contains("Unsaved changes").is_none());
}

#[test]
fn details_show_the_session_and_keep_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label_contains(&format!("{GIL}, Grand Ballroom")).click();
    harness.run();
    assert!(harness.query_by_label("🎥 Recorded").is_some());
    assert!(harness.query_by_label("💬 Live captions").is_some());
    harness.get_by_label("Note").click();
    harness.run();
    harness.get_by_label("Note").type_text("ask about the limited API");
    harness.run();
    // Closing the details commits the note as one edit.
    harness.get_by_label("✖ Close").click();
    harness.run();
    assert_eq!(harness.state().plan().note(&id("cpc27-003")), Some("ask about the limited API"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().plan().note(&id("cpc27-003")), None);
}

#[test]
fn a_corrupt_plan_is_set_aside_and_the_app_starts_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_plan_path(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, b"(version: 1, picks: {")).unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    assert!(harness.state().plan().picks.is_empty());
    let banner = harness.get_by_label_contains("plan file is not valid");
    assert!(banner.accesskit_node().value().unwrap().contains(":1:"), "the message names line and column");
    assert!(path.with_file_name("plan.corrupt-1.ron").exists());
    // The new plan saves normally.
    harness.get_by_label(&format!("Must: {GIL}")).click();
    harness.run();
    drop(harness);
    assert!(store::load::<Plan>(&path).unwrap().document.unwrap().picks.contains_key(&id("cpc27-003")));
}

#[test]
fn a_plan_from_a_newer_lanyard_is_read_only_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_plan_path(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text =
        "(version: 7, conference: \"cascadia-py-2027\", picks: {\"cpc27-003\": (priority: Must)}, teleports: [])";
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())).unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    assert!(harness.state().is_plan_read_only());
    assert_eq!(harness.state().plan().priority(&id("cpc27-003")), Some(Priority::Must), "shown read-only");
    harness.get_by_label(&format!("Must: {HTMX}")).click();
    harness.run();
    assert!(harness.state().plan().pick(&id("cpc27-004")).is_none(), "edits are refused");
    drop(harness);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
