//! The app without a mouse, and how it looks: keyboard navigation of the schedule, the shortcut
//! overlay, the first-run welcome, and theme, text size and contrast settings that persist.

use egui::Key;
use egui_kittest::kittest::Queryable as _;
use lanyard::command::{Command, SettingsCommand};
use lanyard::io::settings::{Looks, ThemeChoice};
use lanyard::model::Priority;

use crate::common;

#[test]
fn the_schedule_works_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    let first_day = harness.state().schedule().day_sessions(lanyard::model::DayIdx(0)).to_vec();
    // j selects the first session, j again the next one.
    harness.key_press(Key::J);
    harness.run();
    assert_eq!(harness.state().ui_state().selected.as_ref(), Some(&first_day[0].id));
    harness.key_press(Key::ArrowDown);
    harness.run();
    let second = first_day[1].id.clone();
    assert_eq!(harness.state().ui_state().selected.as_ref(), Some(&second));
    // m makes it a must, Space unpicks, Space again picks as maybe.
    harness.key_press(Key::M);
    harness.run();
    assert_eq!(harness.state().plan().priority(&second), Some(Priority::Must));
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().plan().priority(&second), None);
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().plan().priority(&second), Some(Priority::Maybe));
    // k goes back up; Esc closes the details.
    harness.key_press(Key::K);
    harness.run();
    assert_eq!(harness.state().ui_state().selected.as_ref(), Some(&first_day[0].id));
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().ui_state().selected, None);
    // l moves to the next day; j then selects that day's first session.
    harness.key_press(Key::L);
    harness.run();
    harness.key_press(Key::J);
    harness.run();
    let saturday = harness.state().schedule().day_sessions(lanyard::model::DayIdx(1))[0].id.clone();
    assert_eq!(harness.state().ui_state().selected.as_ref(), Some(&saturday));
    // 3 jumps to My agenda, where the maybe pick is listed.
    harness.key_press(Key::Num3);
    harness.run();
    assert_eq!(harness.state().ui_state().tab, lanyard::ui::Tab::Agenda);
}

#[test]
fn keys_typed_into_a_field_are_not_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.key_press(Key::J);
    harness.run();
    harness.get_by_label("Note").click();
    harness.run();
    harness.get_by_label("Note").type_text("jkm ");
    harness.run();
    assert!(harness.state().plan().picks.is_empty(), "typing m in the note picked nothing");
}

#[test]
fn question_mark_lists_the_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());
    harness.event(egui::Event::Text("?".into()));
    harness.run();
    assert!(harness.query_by_label("Pick as must-see (again: unpick)").is_some());
}

#[test]
fn the_welcome_explains_the_sample_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::first_run_app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    assert!(harness.query_by_label_contains("a made-up sample conference").is_some());
    harness.get_by_label("Explore the sample").click();
    harness.run();
    assert!(harness.query_by_label_contains("a made-up sample conference").is_none());
    drop(harness);
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    assert!(harness.query_by_label("Welcome to Lanyard").is_none(), "seen once, not again");
}

#[test]
fn looks_apply_at_once_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    let looks = Looks { theme: ThemeChoice::Light, text_size_percent: 150, high_contrast: true };
    harness.state_mut().execute(Command::Settings(SettingsCommand::Looks(looks)), 0.0);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.5);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    let style = harness.ctx.style_of(egui::Theme::Light);
    assert_eq!(style.visuals.override_text_color, Some(egui::Color32::BLACK), "high contrast");
    drop(harness);
    let app = common::app_in(dir.path());
    assert_eq!(app.settings().looks, looks);
}
