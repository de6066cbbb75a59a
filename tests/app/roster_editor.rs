//! The booth captain builds and changes a roster in the app, driven by accessible labels: booths
//! (add, undo, remove with its shifts after a question), shifts (add, edit until a rule breaks),
//! staff (add, rename, remove), volunteer tasks with their throughput and slots, forms that Esc
//! cancels, an empty roster's checklist, and an attendee's own sign-up shown where it lands.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lanyard::LanyardApp;
use lanyard::command::{Command, RosterCommand};
use lanyard::model::SlotKey;
use lanyard::model::roster::{AssignEdit, Roster, RosterEdit, ShiftId};

use crate::common;
use crate::roster_flows::app_with_roster;

/// The sample roster open in the Roster tab, in `mode`.
fn roster_in(dir: &std::path::Path, mode: &str) -> Harness<'static, LanyardApp> {
    let mut harness = common::harness(app_with_roster(dir), common::eve_of_the_conference());
    harness.run();
    harness.get_by_label("Roster").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, mode).click();
    harness.run();
    harness
}

/// Focuses the text field labelled `label`, replaces its text, and lets the frame run.
pub(crate) fn fill(harness: &mut Harness<'_, LanyardApp>, label: &str, text: &str) {
    click(harness, label);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Scrolls the control labelled `label` into view (a click lands where it is drawn), clicks it.
pub(crate) fn click(harness: &mut Harness<'_, LanyardApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

fn roster<'h>(harness: &'h Harness<'_, LanyardApp>) -> &'h Roster {
    harness.state().roster().unwrap()
}

#[test]
fn add_a_booth_and_undo_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Setup");
    click(&mut harness, "+ Add booth");
    fill(&mut harness, "Booth name", "Sea Stand");
    fill(&mut harness, "Location", "Harbour Foyer, stand 9");
    click(&mut harness, "Add booth");
    let booth = roster(&harness).booth("sea-stand").unwrap();
    assert_eq!((booth.name.as_str(), booth.location.as_str()), ("Sea Stand", "Harbour Foyer, stand 9"));
    assert!(harness.query_by_label("Sea Stand").is_some(), "the new booth is listed");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(roster(&harness).booth("sea-stand").is_none(), "Ctrl+Z took the booth back");
    assert!(harness.query_by_label("Sea Stand").is_none());
}

#[test]
fn esc_cancels_a_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Setup");
    click(&mut harness, "+ Add booth");
    fill(&mut harness, "Booth name", "Half-typed");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Booth name").is_none(), "the form closed");
    assert_eq!(roster(&harness).booths().len(), 2, "nothing was added");
}

#[test]
fn removing_a_booth_with_shifts_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Setup");
    click(&mut harness, "Remove Cascadia Python Foundation");
    assert!(harness.query_by_label("Remove Cascadia Python Foundation and its 9 shifts?").is_some());
    click(&mut harness, "Cancel");
    assert!(roster(&harness).booth("found").is_some(), "Cancel keeps it");

    click(&mut harness, "Remove Cascadia Python Foundation");
    harness.get_by_role_and_label(Role::Button, "Remove").click();
    harness.run();
    assert!(roster(&harness).booth("found").is_none());
    assert_eq!(roster(&harness).shifts().len(), 9, "its shifts went with it");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(roster(&harness).shifts().len(), 18, "one undo brings booth and shifts back");
}

#[test]
fn add_a_shift_then_stretch_it_into_a_double_booking() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Shifts");
    click(&mut harness, "+ Add shift");
    click(&mut harness, "Booth");
    click(&mut harness, "Tidewater Data (sponsor)");
    fill(&mut harness, "Start", "07:00");
    fill(&mut harness, "End", "08:00");
    click(&mut harness, "Save shift");
    let shift = roster(&harness).shift("spon-2027-04-16-0700").unwrap();
    assert_eq!((shift.seats, shift.starts_at), (2, common::at("2027-04-16 07:00")));

    // Ana opens the foundation's booth at 09:45; put her on the early shift too.
    let edit = RosterEdit::Assign(AssignEdit::Assign {
        shift: ShiftId::new("spon-2027-04-16-0700"),
        person: "Ana Lima".into(),
        locked: false,
    });
    harness.state_mut().execute(Command::Roster(RosterCommand::Edit(Box::new(edit))), 0.0);
    harness.run();
    assert!(harness.query_all_by_label_contains("Ana Lima is double-booked").next().is_none());

    // The new shift's details are open: edit its end past 09:45.
    click(&mut harness, "✏ Edit shift");
    fill(&mut harness, "End", "10:30");
    click(&mut harness, "Save shift");
    assert_eq!(roster(&harness).shift("spon-2027-04-16-0700").unwrap().ends_at, common::at("2027-04-16 10:30"));
    let breaks = harness.query_all_by_label_contains("Ana Lima is double-booked").count();
    assert!(breaks > 0, "the break shows at once");
}

#[test]
fn a_shift_form_refuses_an_end_before_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Shifts");
    click(&mut harness, "+ Add shift");
    fill(&mut harness, "End", "08:00");
    assert!(harness.query_by_label_contains("The end must be after the start").is_some());
    click(&mut harness, "Save shift");
    assert_eq!(roster(&harness).shifts().len(), 18, "Save is disabled");
}

#[test]
fn add_rename_and_remove_a_staff_member() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Staff");
    click(&mut harness, "+ Add staff");
    fill(&mut harness, "Name", "Zoe Park");
    fill(&mut harness, "Max hours per day", "4");
    fill(&mut harness, "Skills, languages", "ko, demo");
    click(&mut harness, "Add staff member");
    let zoe = roster(&harness).staff_member("Zoe Park").unwrap();
    assert_eq!((zoe.max_hours_per_day, zoe.skills.len()), (Some(4), 2));

    click(&mut harness, "Zoe Park · 0 min");
    fill(&mut harness, "Name", "Ana Lima");
    assert!(harness.query_by_label_contains("Ana Lima is already on the staff").is_some());
    fill(&mut harness, "Name", "Zoe Parker");
    click(&mut harness, "Save staff member");
    assert!(roster(&harness).staff_member("Zoe Park").is_none());
    assert_eq!(roster(&harness).staff_member("Zoe Parker").unwrap().max_hours_per_day, Some(4));

    click(&mut harness, "Zoe Parker · 0 min");
    click(&mut harness, "Remove Zoe Parker");
    assert!(roster(&harness).staff_member("Zoe Parker").is_none());
}

#[test]
fn a_new_person_is_listed_by_name_with_their_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Staff");
    click(&mut harness, "+ Add staff");
    fill(&mut harness, "Name", "Aaron Abel");
    fill(&mut harness, "Max hours in all", "12");
    click(&mut harness, "Add staff member");
    let aaron = harness.get_by_label("Aaron Abel · 0 min/12 h").rect();
    let ana = harness.get_by_label_contains("Ana Lima · ").rect();
    assert!(aaron.top() < ana.top(), "added last, listed first: {aaron:?} {ana:?}");
}

#[test]
fn unavailable_rows_are_named_by_row_and_show_whole_times() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Staff");
    click(&mut harness, "+ Add staff");
    fill(&mut harness, "Name", "Zoe Park");
    click(&mut harness, "Add Unavailable window");
    click(&mut harness, "Add Unavailable window");
    fill(&mut harness, "Unavailable 2 from", "13:00");
    fill(&mut harness, "Unavailable 2 to", "15:30");
    fill(&mut harness, "Unavailable 2 note", "talk");
    // The field is wider than its text: "17:00" is not clipped to "17:0".
    let to = harness.get_by_label("Unavailable 1 to").rect();
    let text = harness.ctx.fonts_mut(|f| {
        f.layout_no_wrap("17:00".to_owned(), egui::FontId::proportional(14.0), egui::Color32::WHITE).size().x
    });
    assert!(to.width() > text + 8.0, "{to:?} for {text}");
    click(&mut harness, "Add staff member");
    let zoe = roster(&harness).staff_member("Zoe Park").unwrap();
    let second = &zoe.unavailable[1];
    assert_eq!((second.starts_at.format("%H:%M").to_string(), second.note.as_str()), ("13:00".to_owned(), "talk"));
    assert_eq!(second.ends_at.format("%H:%M").to_string(), "15:30");
}

#[test]
fn add_a_task_with_throughput_and_a_slot() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Volunteers");
    click(&mut harness, "+ Add volunteer task");
    fill(&mut harness, "Task name", "Badge printing");
    click(&mut harness, "Assembly line (swag bags and the like)");
    click(&mut harness, "Add task");
    let task = roster(&harness).task("badge-printing").unwrap();
    assert_eq!(task.throughput.map(|t| t.units), Some(3000));
    assert!(harness.query_by_label_contains("Badge printing: 3000 units; a full line of 10 volunteers").is_some());

    click(&mut harness, "Add slot to badge-printing");
    fill(&mut harness, "From", "13:00");
    fill(&mut harness, "To", "16:00");
    click(&mut harness, "Add slot");
    let slots: Vec<_> = roster(&harness).slots().iter().filter(|s| s.task.as_str() == "badge-printing").collect();
    assert_eq!(slots.len(), 1);
    assert_eq!(slots[0].duration_mins(), 180);
}

#[test]
fn signing_up_shows_where_it_landed_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Volunteers");
    click(&mut harness, "Sign me up: Swag-bag stuffing Thu 15 Apr 16:00–19:00");
    let key = SlotKey { roster: roster(&harness).id().to_owned(), slot: "swag-thu".into() };
    assert!(harness.state().plan().is_signed_up(&key));
    assert!(harness.query_by_label_contains("(you — in your plan)").is_some());
    assert!(harness.query_by_label_contains("7 of 10 needed").is_some(), "the attendee counts");
    assert!(harness.query_by_label_contains("saved in your plan").is_some());

    click(&mut harness, "Undo the sign-up");
    assert!(!harness.state().plan().is_signed_up(&key));
    assert!(harness.query_by_label_contains("(you").is_none());
    assert!(harness.query_by_label_contains("6 of 10 needed").is_some());
}

#[test]
fn an_empty_roster_says_what_to_add_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    let empty = Roster::new("empty", "cascadia-py-2027").unwrap();
    lanyard::io::store::save(&path, &empty, lanyard::io::store::Fingerprint::Missing).unwrap();
    let data = dir.path().join("data");
    drop(common::app_in(&data));
    let app = LanyardApp::new(lanyard::app::AppConfig {
        data_dir: Some(data),
        roster: Some(path),
        ..lanyard::app::AppConfig::default()
    });
    let mut harness = common::harness(app, common::eve_of_the_conference());
    harness.run();
    click(&mut harness, "Roster");
    assert!(harness.query_by_label("What to add first").is_some());
    // Nothing to do before there is a booth: the greyed buttons say so on hover.
    harness.get_by_label("+ Add shift").hover();
    harness.run();
    assert!(harness.query_by_label("Add a booth first (Setup)").is_some());
    click(&mut harness, "Add a booth");
    // The booth form opened in Setup with its name field focused: type straight away.
    harness.get_by_label("Booth name").type_text("Main");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(roster(&harness).booth("main").is_some(), "Enter saved it");
    harness.get_by_role_and_label(Role::Button, "Shifts").click();
    harness.run();
    click(&mut harness, "Add a shift");
    click(&mut harness, "Save shift");
    assert_eq!(roster(&harness).shifts().len(), 1);
    assert!(harness.query_by_label("What to add first").is_some(), "staff and auto-roster are still to do");
    click(&mut harness, "Hide the checklist");
    assert!(harness.query_by_label("What to add first").is_none());
}

#[test]
fn the_pattern_dialog_remembers_its_hours() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Shifts");
    click(&mut harness, "Repeat pattern…");
    assert_eq!(harness.get_by_label("Closes at").value().as_deref(), Some("18:00"));
    fill(&mut harness, "Closes at", "16:30");
    click(&mut harness, "Cancel");
    click(&mut harness, "Repeat pattern…");
    assert_eq!(harness.get_by_label("Closes at").value().as_deref(), Some("16:30"), "kept while the app runs");
}

#[test]
fn repeat_a_pattern_in_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Shifts");
    click(&mut harness, "Repeat pattern…");
    let makes = harness.get_by_label_contains("Makes ").value().unwrap();
    let count: usize = makes.trim_start_matches("Makes ").trim_end_matches(" shifts").parse().unwrap();
    assert!(count > 3, "{makes}");
    click(&mut harness, &format!("Add {count} shifts"));
    assert_eq!(roster(&harness).shifts().len(), 18 + count);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(roster(&harness).shifts().len(), 18, "one step");
}

#[test]
fn duplicate_a_shift_to_the_other_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Shifts");
    click(&mut harness, "Tidewater Data (sponsor) 12:00–14:15 shift, 1 of 2 filled: Gus Moreau");
    click(&mut harness, "Duplicate to…");
    click(&mut harness, "All other days");
    let r = roster(&harness);
    let copies: Vec<_> = r.shifts().iter().filter(|s| s.id.as_str().starts_with("spon-2027-")).collect();
    assert!(copies.len() >= 2, "{copies:?}");
    assert!(
        copies
            .iter()
            .all(|s| s.starts_at.format("%H:%M").to_string() == "12:00" && r.people_on(s.id.as_str()).is_empty())
    );
}

#[test]
fn drag_a_shift_end_to_lengthen_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Shifts");
    let from = harness.get_by_label("End of Tidewater Data (sponsor) 12:00–14:15 shift: drag to move").rect().center();
    // 45 minutes further down, at 1 pixel a minute, and a little: it snaps to 15:00.
    let to = from + egui::vec2(0.0, 45.0 + 4.0);
    common::drag(&mut harness, from, to, 8);
    assert_eq!(roster(&harness).shift("fri-spon-mid").unwrap().ends_at, common::at("2027-04-16 15:00"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(roster(&harness).shift("fri-spon-mid").unwrap().ends_at, common::at("2027-04-16 14:15"), "one step");
}

#[test]
fn propose_slots_from_a_tasks_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = roster_in(dir.path(), "Volunteers");
    let before = roster(&harness).slots().len();
    click(&mut harness, "Propose slots for Swag-bag stuffing");
    // 3,000 bags at 1,000 an hour with every station filled: three one-hour slots of ten.
    assert!(harness.query_by_label("3 slots, 30 volunteer places in all").is_some());
    click(&mut harness, "Add 3 slots");
    assert_eq!(roster(&harness).slots().len(), before + 3);
}
