//! Issue 12's whole walk, as a new booth captain would take it on a fresh data folder, without
//! writing a file by hand: New roster → two booths → a repeat pattern over the sample
//! conference's three days, cut at its breaks → 12 staff from a spreadsheet (four newcomers) and
//! three by hand → auto-roster → every seat filled, no rule broken → per-person calendars. Then a
//! volunteer coordinator sizes swag-bag stuffing for 3,000 bags from the task's throughput. And a
//! spreadsheet with bad rows: the good rows in one undo step, each bad one named by its line.
//!
//! The two system dialogs (where to save the roster, which CSV to read) are the only steps not
//! clicked: the test executes the command each dialog answers with.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::Path;

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lanyard::LanyardApp;
use lanyard::command::{Command, RosterCommand};
use lanyard::model::roster::Roster;

use crate::common;
use crate::roster_editor::{click, fill};

fn mode(harness: &mut Harness<'_, LanyardApp>, name: &str) {
    harness.get_by_role_and_label(Role::Button, name).click();
    harness.run();
}

fn roster<'h>(harness: &'h Harness<'_, LanyardApp>) -> &'h Roster {
    harness.state().roster().unwrap()
}

/// Adds a booth from Setup's form.
fn add_booth(harness: &mut Harness<'_, LanyardApp>, name: &str, location: &str) {
    mode(harness, "Setup");
    click(harness, "+ Add booth");
    fill(harness, "Booth name", name);
    fill(harness, "Location", location);
    click(harness, "Add booth");
}

/// The repeat pattern as the dialog opens: 09:00–18:00 in blocks up to two hours, every
/// conference day, cut at the breaks, at the first booth without shifts.
fn repeat_pattern(harness: &mut Harness<'_, LanyardApp>) -> usize {
    mode(harness, "Shifts");
    click(harness, "Repeat pattern…");
    let makes = harness.get_by_label_contains("Makes ").value().unwrap();
    let count: usize = makes.trim_start_matches("Makes ").trim_end_matches(" shifts").parse().unwrap();
    click(harness, &format!("Add {count} shifts"));
    count
}

fn add_person(harness: &mut Harness<'_, LanyardApp>, name: &str, newcomer: bool) {
    mode(harness, "Staff");
    click(harness, "+ Add staff");
    fill(harness, "Name", name);
    if newcomer {
        click(harness, "Newcomer");
    }
    click(harness, "Add staff member");
}

fn auto_roster(harness: &mut Harness<'_, LanyardApp>) {
    mode(harness, "Shifts");
    let before = roster(harness).filled();
    click(harness, "⚡ Auto-roster");
    for _ in 0..1000 {
        harness.step();
        if roster(harness).filled() > before {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}

#[test]
fn a_captain_builds_a_roster_from_nothing_and_rosters_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut harness = common::harness(common::first_run_app_in(&data), common::eve_of_the_conference());
    harness.run();
    assert!(harness.query_by_label("Welcome to Lanyard").is_some(), "a first run");
    harness.get_by_role_and_label(Role::Button, "Roster").click();
    harness.run();
    assert!(harness.query_by_label("Welcome to Lanyard").is_none(), "the roster gets the height");
    assert!(harness.query_by_label("No roster open").is_some());
    assert!(harness.query_by_label("➕ New roster…").is_some(), "the empty state offers a new roster");

    // New roster: the save dialog's answer, in the data folder as it suggests.
    let path = data.join("cascadia-py-2027").join("cascadia-py-2027-roster.ron");
    harness.state_mut().execute(Command::Roster(RosterCommand::Create(path.clone())), 0.0);
    harness.run();
    assert!(path.exists(), "the new roster is saved at once");
    assert!(harness.query_by_label("What to add first").is_some());
    assert!(roster(&harness).booths().is_empty());

    add_booth(&mut harness, "Cascadia Python Foundation", "Harbour Foyer, stand 1");
    add_booth(&mut harness, "Tidewater Data", "Harbour Foyer, stand 7");
    assert_eq!(roster(&harness).booths().len(), 2);

    let first = repeat_pattern(&mut harness);
    let second = repeat_pattern(&mut harness);
    let r = roster(&harness);
    assert_eq!(r.shifts().len(), first + second);
    let at_booth = |id: &str| r.shifts().iter().filter(|s| s.booth.as_str() == id).count();
    assert_eq!((at_booth("cascadia-python-foundation"), at_booth("tidewater-data")), (first, second), "booth by booth");
    assert!(r.shifts().iter().any(|s| s.ends_at == common::at("2027-04-16 18:00")), "closes at 18:00");
    let days: std::collections::BTreeSet<_> = r.shifts().iter().map(|s| s.starts_at.date()).collect();
    assert_eq!(days.len(), 3, "every conference day");
    // Cut at the breaks: Friday's lunch (12:15–13:30) is a shift of its own at each booth.
    let lunch = |s: &&lanyard::model::roster::Shift| {
        s.starts_at == common::at("2027-04-16 12:15") && s.ends_at == common::at("2027-04-16 13:30")
    };
    assert_eq!(r.shifts().iter().filter(lunch).count(), 2, "{:?}", r.shifts());

    // Twelve people from the captain's spreadsheet, then three by hand.
    let csv = common::repo_path("tests/fixtures/roster/staff.csv");
    harness.state_mut().execute(Command::Roster(RosterCommand::ImportStaff(csv)), 0.0);
    harness.run();
    assert!(harness.query_by_label_contains("Imported 12 people from staff.csv").is_some());
    assert_eq!(roster(&harness).staff().iter().filter(|s| s.is_newcomer()).count(), 4);
    add_person(&mut harness, "Mo Rahman", false);
    add_person(&mut harness, "Noor Aziz", false);
    add_person(&mut harness, "Oscar Lind", true);
    assert_eq!(roster(&harness).staff().len(), 15);

    auto_roster(&mut harness);
    let r = roster(&harness);
    assert_eq!(r.filled(), r.seats_total(), "every seat filled");
    let report = harness.state().roster_report().unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.newcomers_alone, 0);

    // Per-person calendars: what the export folder dialog's answer leads to.
    let out = dir.path().join("export");
    std::fs::create_dir_all(&out).unwrap();
    lanyard::io::export::roster::export_all(r, &report.violations, &out).unwrap();
    let calendars = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "ics"))
        .count();
    assert!(calendars >= 15, "a calendar per person: {calendars}");

    // Everything was saved to the captain's file, not only shown.
    harness.state_mut().flush();
    let on_disk = lanyard::io::store::load::<Roster>(&path).unwrap().document.unwrap();
    assert_eq!(&on_disk, roster(&harness));
    assert_no_stray_files(&data);
}

/// Nothing but the roster, its backup and lanyard's own files were written.
fn assert_no_stray_files(data: &Path) {
    let folder = data.join("cascadia-py-2027");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.contains(".tmp"), "a temporary file was left: {name}");
    }
}

#[test]
fn a_coordinator_sizes_swag_bag_stuffing_from_its_throughput() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut harness = common::harness(common::app_in(&data), common::eve_of_the_conference());
    harness.run();
    let path = data.join("volunteers.ron");
    harness.state_mut().execute(Command::Roster(RosterCommand::Create(path)), 0.0);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Roster").click();
    harness.run();
    mode(&mut harness, "Volunteers");
    click(&mut harness, "+ Add volunteer task");
    fill(&mut harness, "Task name", "Swag-bag stuffing");
    click(&mut harness, "Assembly line (swag bags and the like)");
    click(&mut harness, "Add task");
    let task = roster(&harness).task("swag-bag-stuffing").unwrap();
    let numbers = task.throughput.unwrap();
    assert_eq!((numbers.units, numbers.stations, numbers.units_per_volunteer_hour), (3000, 10, 100));

    click(&mut harness, "Propose slots for Swag-bag stuffing");
    // 3,000 bags at 1,000 an hour with every station filled: three one-hour slots of ten.
    assert!(harness.query_by_label("3 slots, 30 volunteer places in all").is_some());
    click(&mut harness, "Add 3 slots");
    let slots: Vec<_> = roster(&harness).slots().iter().filter(|s| s.task.as_str() == "swag-bag-stuffing").collect();
    assert_eq!(slots.len(), 3);
    assert!(slots.iter().all(|s| s.needed == 10 && s.duration_mins() == 60), "{slots:?}");
    // On the eve of the conference, when bags are stuffed; each slot judged on its own share.
    assert_eq!(slots[0].starts_at, common::at("2027-04-15 09:00"));
    assert!(harness.query_by_label_contains("With every seat filled: 3000 of 3000 done by Thu 15 Apr 12:00").is_some());
    assert!(harness.query_by_label_contains("With the people signed up now: 0 of 3000 done not within").is_some());
    assert!(harness.query_by_label_contains("Thu 15 Apr 10:00–11:00: 0 of 10 signed up make 0 of its 1000").is_some());
    assert!(harness.query_by_label_contains("too short").is_none(), "no slot is judged on the whole job");
}

#[test]
fn a_staff_csv_with_bad_rows_adds_the_good_ones_in_one_step_and_lists_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness =
        common::harness(crate::roster_flows::app_with_roster(dir.path()), common::eve_of_the_conference());
    harness.run();
    let before = roster(&harness).staff().len();
    let csv = common::repo_path("tests/fixtures/roster/staff_bad_rows.csv");
    harness.state_mut().execute(Command::Roster(RosterCommand::ImportStaff(csv)), 0.0);
    harness.run();
    // Ola and Rui are read; the blank name, "expert", "lots", Ola again and Ana Lima (already on
    // the roster) are skipped, each named by its line.
    assert_eq!(roster(&harness).staff().len(), before + 2);
    assert!(roster(&harness).staff_member("Rui Costa").unwrap().is_newcomer());
    let banner = harness.state().ui_state().banners.iter().map(|b| b.text.clone()).collect::<Vec<_>>().join("\n");
    assert!(banner.contains("Imported 2 people from staff_bad_rows.csv. 5 rows skipped"), "{banner}");
    for line in
        ["staff_bad_rows.csv:3:", "staff_bad_rows.csv:4:", "staff_bad_rows.csv:5:", "staff_bad_rows.csv:8: Ana Lima"]
    {
        assert!(banner.contains(line), "{line} in {banner}");
    }
    harness.state_mut().execute(Command::Plan(lanyard::command::PlanCommand::Undo), 0.0);
    harness.run();
    assert_eq!(roster(&harness).staff().len(), before, "one undo takes the whole import back");

    // A file that is not a staff list at all adds nobody and says why, naming the file.
    let junk = dir.path().join("notes.csv");
    common::write_raw(&junk, "when,what\n09:00,coffee\n");
    harness.state_mut().execute(Command::Roster(RosterCommand::ImportStaff(junk)), 0.0);
    harness.run();
    assert_eq!(roster(&harness).staff().len(), before);
    let said = harness
        .state()
        .ui_state()
        .banners
        .iter()
        .any(|b| b.text.contains("notes.csv") && b.text.contains("Nobody was imported"));
    assert!(said, "{:?}", harness.state().ui_state().banners);
}
