//! Rows of the virtualised lists keep their height whatever their controls: a row without
//! buttons (a break, a booth shift) once let the next row or time-slot header slide up into it.

use egui_kittest::kittest::Queryable as _;
use lanyard::ui::theme::ROW_HEIGHT;

use crate::common;

#[test]
fn a_break_without_buttons_keeps_its_whole_row_in_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    // 08:00 breakfast (a break: no pick buttons), then the 09:00 slot header, then the keynote.
    let breakfast = harness.get_by_label_contains("08:00 Registration and breakfast").rect();
    let keynote = harness.get_by_label_contains("09:00 The long tail of Python").rect();
    assert!(breakfast.height() >= ROW_HEIGHT - 1.0, "{breakfast:?}");
    assert!(keynote.top() - breakfast.top() >= 2.0 * ROW_HEIGHT - 1.0, "header squeezed: {breakfast:?} {keynote:?}");
}

#[test]
fn a_booth_shift_keeps_its_whole_row_in_my_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.ron");
    std::fs::copy(common::repo_path("assets/sample-roster.ron"), &roster).unwrap();
    let plan = common::sample_plan_path(dir.path());
    std::fs::create_dir_all(plan.parent().unwrap()).unwrap();
    std::fs::copy(common::repo_path("assets/sample-plan.ron"), &plan).unwrap();
    let mut app = common::app_in(dir.path());
    app.execute(lanyard::command::Command::Roster(lanyard::command::RosterCommand::Open(roster)), 0.0);
    let mut harness = common::harness(app, common::eve_of_the_conference());
    harness.key_press(egui::Key::Num3);
    harness.run();
    let mut rows: Vec<egui::Rect> = harness
        .query_all_by_label_contains(" 16 Apr")
        .map(|n| n.rect())
        .chain(harness.query_all_by_role(egui::accesskit::Role::Button).map(|n| n.rect()))
        .filter(|r| (r.height() - ROW_HEIGHT).abs() < 1.0)
        .collect();
    rows.sort_by(|a, b| a.top().total_cmp(&b.top()));
    rows.dedup_by(|a, b| (a.top() - b.top()).abs() < 0.5);
    assert!(rows.len() >= 5, "{rows:?}");
    for pair in rows.windows(2) {
        assert!(pair[1].top() - pair[0].top() >= ROW_HEIGHT - 1.0, "rows overlap: {pair:?}");
    }
    let shift = harness.get_by_label_contains("09:45 Booth: Cascadia Python Foundation").rect();
    assert!(shift.height() >= ROW_HEIGHT - 1.0);
}
