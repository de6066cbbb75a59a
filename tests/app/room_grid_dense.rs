//! The room grid costs what is on screen, not what the day holds (issue 13): a day far fuller
//! than any real one draws about as many blocks as a normal day, and every session of a normal
//! day in view still gets a block of its own.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use chrono::{NaiveDate, NaiveTime};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lanyard::LanyardApp;
use lanyard::app::AppConfig;
use lanyard::model::DayIdx;
use lanyard::model::synthetic::{self, SyntheticParams};

use crate::common;

/// The grid's blocks in the accessibility tree: each is a button whose label ends in its room.
fn blocks(app: LanyardApp, rooms: &[String]) -> usize {
    let now = NaiveDate::from_ymd_opt(2027, 2, 6).unwrap().and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap());
    let mut harness = common::harness(app, now);
    harness.run();
    harness
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter(|n| n.accesskit_node().label().is_some_and(|l| rooms.iter().any(|r| l.ends_with(&format!(", {r}")))))
        .count()
}

fn grid_app(dir: &std::path::Path, params: &SyntheticParams) -> (LanyardApp, Vec<String>, usize) {
    std::fs::create_dir_all(dir).unwrap();
    let welcomed = lanyard::io::settings::Settings { welcomed: true, ..Default::default() };
    let settings = lanyard::io::paths::settings_path(dir);
    lanyard::io::store::save(&settings, &welcomed, lanyard::io::store::Fingerprint::Missing).unwrap();
    let schedule = synthetic::generate(params);
    let rooms = schedule.rooms().iter().map(|r| r.name.clone()).collect();
    let day = schedule.day_sessions(DayIdx(0)).len();
    let config = AppConfig {
        data_dir: Some(dir.to_owned()),
        schedule_path: Some(dir.join("never-read.ron")),
        view: Some(lanyard::ui::StartView::Grid),
        ..AppConfig::default()
    };
    (LanyardApp::with_schedule(config, schedule), rooms, day)
}

#[test]
fn a_crowded_day_draws_about_as_many_blocks_as_a_normal_one() {
    let dir = tempfile::tempdir().unwrap();
    let normal = SyntheticParams { events: 60, rooms: 4, days: 1, seed: 3, abstract_chars: Some(0) };
    let (app, rooms, day) = grid_app(&dir.path().join("normal"), &normal);
    let normal_blocks = blocks(app, &rooms);
    assert!(normal_blocks > 10 && normal_blocks <= day, "{normal_blocks} blocks of {day}");
    // 5,000 sessions a room, most of them piled into the morning (the generator wraps a full
    // room's day): drawn one by one, that was thousands of blocks and a frozen window.
    let crowded = SyntheticParams { events: 20_000, rooms: 4, days: 1, seed: 3, abstract_chars: Some(0) };
    let (app, rooms, day) = grid_app(&dir.path().join("crowded"), &crowded);
    assert_eq!(day, 20_000);
    let crowded_blocks = blocks(app, &rooms);
    assert!(crowded_blocks <= 4 * 45, "{crowded_blocks} blocks for a crowded day in four rooms");
    assert!(crowded_blocks >= normal_blocks / 2, "{crowded_blocks} blocks: the crowd is still drawn");
}
