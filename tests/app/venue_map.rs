//! The Map tab with a pinned clock: the sample conference's bundled map and its pins, what is on
//! in a room now and next, placing rooms on the attendee's own map and undoing it, a picture that
//! does not load, and the empty state of a conference without a map.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::io::Write as _;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lanyard::LanyardApp;
use lanyard::command::{Command, PlanCommand};
use lanyard::model::venue_map::room_day;
use lanyard::model::{MapPoint, RoomIdx};
use lanyard::ui::Tab;

use crate::common::{self, saturday_morning};

/// Steps until `label` shows: the map picture decodes on a background thread.
fn wait_for(harness: &mut Harness<'_, LanyardApp>, label: &str) {
    for _ in 0..500 {
        harness.step();
        if harness.query_all_by_label(label).next().is_some() {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("\"{label}\" never appeared");
}

fn ballroom() -> RoomIdx {
    let sample = common::sample();
    let index = sample.rooms().iter().position(|r| r.key == "ballroom").unwrap();
    RoomIdx(u32::try_from(index).unwrap())
}

fn title(harness: &Harness<'_, LanyardApp>, session: Option<lanyard::model::SessionIdx>) -> String {
    harness.state().schedule().session(session.unwrap()).unwrap().title.clone()
}

#[test]
fn a_pin_shows_what_is_on_in_its_room_now_and_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), saturday_morning());
    harness.run();
    harness.get_by_label("Map").click();
    wait_for(&mut harness, "Pin: Grand Ballroom");
    assert_eq!(harness.state().ui_state().tab, Tab::Map);
    // Every room of the sample has a pin on the bundled map.
    for room in harness.state().schedule().rooms().to_vec() {
        assert!(harness.query_by_label(&format!("Pin: {}", room.name)).is_some(), "no pin for {}", room.name);
    }

    harness.get_by_label("Pin: Grand Ballroom").click();
    harness.run();
    let day = room_day(harness.state().schedule(), ballroom(), saturday_morning());
    let (now, next) = (title(&harness, day.now), title(&harness, day.next));
    assert!(harness.query_by_label_contains(&format!("Now: {now} (")).is_some(), "{now} is on now");
    assert!(harness.query_by_label_contains(&format!("Next: {next} (")).is_some(), "{next} is next");
    assert!(harness.query_by_label_contains("Sat 17 Apr in this room").is_some());

    // The session opens in the details panel.
    harness.get_by_label_contains(&format!("Now: {now} (")).click();
    harness.run();
    let selected = harness.state().ui_state().selected.clone();
    assert_eq!(selected.as_ref(), day.now.map(|i| &harness.state().schedule().session(i).unwrap().id));
    // Viewing the map changed nothing in the plan.
    assert_eq!(harness.state().plan().map, None);
}

#[test]
fn on_the_eve_a_pin_says_what_comes_first_and_pins_work_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.key_press(Key::Num4);
    wait_for(&mut harness, "Pin: Grand Ballroom");
    harness.get_by_label("Pin: Grand Ballroom").focus();
    harness.key_press(Key::Enter);
    harness.run();
    let day = room_day(harness.state().schedule(), ballroom(), common::eve_of_the_conference());
    assert_eq!(day.now, None);
    assert!(harness.query_by_label("Now: nothing on").is_some());
    let first = title(&harness, day.next);
    assert!(harness.query_by_label_contains(&format!("Next: {first} (Fri 16 Apr ")).is_some(), "{first}");
}

fn place_rooms_mode(harness: &mut Harness<'_, LanyardApp>) {
    harness.get_by_label("Place rooms").click();
    harness.run();
}

#[test]
fn a_room_placed_on_your_own_map_is_saved_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let picture = dir.path().join("my venue.png");
    std::fs::copy(common::repo_path("assets/venue-map.png"), &picture).unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.state_mut().execute(Command::Plan(PlanCommand::SetMapImage(picture.clone())), 0.0);
    wait_for(&mut harness, "Venue map");
    assert_eq!(harness.state().ui_state().tab, Tab::Map);
    let map = harness.state().plan().map.clone().unwrap();
    assert_eq!((map.image.as_deref(), map.pins.len()), (Some(picture.as_path()), 0), "a new picture has no pins");
    assert!(harness.query_by_label("Pin: Grand Ballroom").is_none());

    place_rooms_mode(&mut harness);
    harness.get_by_label("Place Grand Ballroom").click();
    harness.run();
    // A click in the middle of the canvas lands in the middle of the (centred) picture.
    harness.get_by_label("Venue map").click();
    harness.run();
    let pin = harness.state().plan().map.as_ref().unwrap().pin("ballroom").unwrap();
    assert!((pin.x() - 0.5).abs() < 0.01 && (pin.y() - 0.5).abs() < 0.01, "{pin:?}");
    assert!(harness.query_by_label("Pin: Grand Ballroom").is_some());

    // Another room goes in the middle from the keyboard's reach, then moves with the arrow keys.
    harness.get_by_label("Put in the middle: Studio 201").click();
    harness.run();
    harness.get_by_label("Pin: Studio 201").focus();
    harness.key_press(Key::ArrowRight);
    harness.run();
    let studio = harness.state().plan().map.as_ref().unwrap().pin("r201").unwrap();
    assert!((studio.x() - 0.504).abs() < 1e-4 && (studio.y() - 0.5).abs() < f32::EPSILON, "{studio:?}");

    // Saved in the plan file, with the picture's path.
    harness.state_mut().flush();
    let saved = lanyard::io::store::load::<lanyard::model::Plan>(&common::sample_plan_path(dir.path()))
        .unwrap()
        .document
        .unwrap();
    assert_eq!(saved.map, harness.state().plan().map);

    // Ctrl+Z takes back the nudge, the second room, the first room, then the picture.
    for pins in [2, 1, 0] {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
        assert_eq!(harness.state().plan().map.as_ref().unwrap().pins.len(), pins);
    }
    assert_eq!(harness.state().plan().map.as_ref().unwrap().pin("r201"), None);
    assert!(harness.query_by_label("Pin: Grand Ballroom").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().plan().map, None, "back to the conference's own map");
}

#[test]
fn removing_a_pin_from_the_bundled_map_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.key_press(Key::Num4);
    wait_for(&mut harness, "Pin: Grand Ballroom");
    place_rooms_mode(&mut harness);
    harness.get_by_label("Remove pin: Waterfront Terrace").click();
    harness.run();
    // The conference's map is copied into the plan in the same step, minus that pin.
    let map = harness.state().plan().map.clone().unwrap();
    assert_eq!(map.image, None);
    assert_eq!(map.pins.len(), harness.state().schedule().rooms().len() - 1);
    assert!(harness.query_by_label("Pin: Waterfront Terrace").is_none());
    assert!(map.pin("ballroom").is_some_and(|p| p != MapPoint::CENTRE));
}

#[test]
fn a_picture_that_does_not_load_is_named_and_nothing_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("floorplan.png");
    std::fs::File::create(&garbage).and_then(|mut f| f.write_all(b"this is not a picture")).unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.state_mut().execute(Command::Plan(PlanCommand::SetMapImage(garbage)), 0.0);
    wait_for(&mut harness, "The venue map could not be shown");
    assert!(harness.query_all_by_label_contains("floorplan.png").next().is_some());
    // The missing file of a plan copied from another computer says so too.
    harness.state_mut().execute(Command::Plan(PlanCommand::SetMapImage(dir.path().join("missing.jpg"))), 0.0);
    wait_for(&mut harness, &dir.path().join("missing.jpg").display().to_string());
    // Forgetting it goes back to the conference's own map.
    harness.get_by_label("Forget this map").click();
    wait_for(&mut harness, "Pin: Grand Ballroom");
}

#[test]
fn a_conference_without_a_map_offers_to_load_one() {
    let dir = tempfile::tempdir().unwrap();
    drop(common::app_in(dir.path()));
    let config = lanyard::app::AppConfig {
        data_dir: Some(dir.path().to_owned()),
        schedule_path: Some(common::repo_path("tests/fixtures/xml/fosdem_guid.xml")),
        ..lanyard::app::AppConfig::default()
    };
    let mut harness = common::harness(LanyardApp::new(config), common::eve_of_the_conference());
    harness.run();
    assert_ne!(harness.state().schedule().conference().id, "cascadia-py-2027");
    harness.key_press(Key::Num4);
    harness.run();
    assert!(harness.query_by_label("No venue map yet").is_some());
    assert!(harness.query_by_label("Load a map image of the venue…").is_some());
}

/// egui makes its glyph atlas as wide as the largest texture side it is told of: 16,384 px on
/// Mesa's software renderer, 2 MB before the first glyph. The app tells it at most 4,096 px,
/// which also bounds the venue map pictures; a smaller GPU limit is kept as it is.
#[test]
fn textures_are_asked_for_at_most_4096_px_wide() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_in(dir.path());
    let ctx = egui::Context::default();
    for (gpu, asked) in [(Some(16_384), Some(4096)), (Some(4096), Some(4096)), (Some(2048), Some(2048)), (None, None)] {
        let mut input = egui::RawInput { max_texture_side: gpu, ..Default::default() };
        eframe::App::raw_input_hook(&mut app, &ctx, &mut input);
        assert_eq!(input.max_texture_side, asked, "for a GPU limit of {gpu:?}");
    }
}
