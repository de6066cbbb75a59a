//! `lanyard timeline`: one line per item in time order naming its kind, then `items=N clashes=N`.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use lanyard::io::store::{self, Fingerprint};
use lanyard::model::{Block, BlockKind, Dinner, Edit, ItemId, PersonalItem, Plan, Priority, Reservation, SessionId};

use crate::common::{self, lanyard as run};

/// A file the test writes whole; nothing reads it while it is written.
fn write(path: &std::path::Path, text: &str) {
    store::write_atomic(path, text.as_bytes()).unwrap();
}

fn plan() -> Plan {
    let schedule = common::sample();
    let mut plan = Plan::new("cascadia-py-2027");
    let pick = |plan: &mut Plan, id: &str, priority| {
        plan.apply(&schedule, Edit::Pick { session_id: SessionId::new(id), priority }).unwrap();
    };
    pick(&mut plan, "cpc27-074", Priority::Must); // Harbour Night, Sat 20:00–00:30
    pick(&mut plan, "cpc27-101", Priority::Maybe); // Closing session, Sun 16:30
    plan.apply(
        &schedule,
        Edit::add(PersonalItem::Dinner(Dinner {
            id: ItemId::new("d1"),
            title: "Team dinner".into(),
            venue: "Old Port Bistro".into(),
            address: String::new(),
            starts_at: common::at("2027-04-17 19:00"),
            duration_mins: 150,
            party: vec!["Ana".into()],
            notes: String::new(),
            cost_per_head: None,
            reservation: Reservation::None,
        })),
    )
    .unwrap();
    plan.apply(
        &schedule,
        Edit::add(PersonalItem::Block(Block {
            id: ItemId::new("b1"),
            kind: BlockKind::Departure,
            starts_at: common::at("2027-04-18 13:00"),
            duration_mins: 240,
            note: "flight home".into(),
        })),
    )
    .unwrap();
    plan
}

#[test]
fn prints_every_item_in_time_order_with_its_kind_and_clashes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    store::save(&path, &plan(), Fingerprint::Missing).unwrap();
    let (code, stdout, stderr) =
        run(&["timeline", "--plan", path.to_str().unwrap(), "--data-dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "2027-04-17 19:00-21:30 dinner Team dinner @ Old Port Bistro [clash]\n\
         2027-04-17 20:00-00:30 social Harbour Night: conference social @ Waterfront Terrace [must] [clash]\n\
         2027-04-18 13:00-17:00 departure Departure: flight home [clash]\n\
         2027-04-18 16:30-17:00 talk Closing session @ Grand Ballroom [maybe] [clash]\n\
         items=4 clashes=2\n"
    );
    let (_, one_day, _) = run(&[
        "timeline",
        "--plan",
        path.to_str().unwrap(),
        "--date",
        "2027-04-18",
        "--data-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert!(one_day.ends_with("items=2 clashes=1\n"), "{one_day}");
}

#[test]
fn a_missing_plan_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.ron");
    let (code, _, stderr) =
        run(&["timeline", "--plan", path.to_str().unwrap(), "--data-dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
}

#[test]
fn a_roster_adds_my_shifts_and_slots_to_the_timeline_and_the_clash_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let schedule = common::sample();
    let mut plan = plan();
    // Ana's must-see talk on Friday at 10:00, during her booth shift 09:45–12:00.
    plan.apply(&schedule, Edit::Pick { session_id: SessionId::new("cpc27-003"), priority: Priority::Must }).unwrap();
    plan.apply(&schedule, Edit::SetMyName(Some("Ana Lima".into()))).unwrap();
    store::save(&path, &plan, Fingerprint::Missing).unwrap();
    let roster = common::repo_path("assets/sample-roster.ron");
    let data = dir.path().to_str().unwrap();
    let (code, stdout, stderr) =
        run(&["timeline", "--plan", path.to_str().unwrap(), "--roster", roster.to_str().unwrap(), "--data-dir", data]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(
        stdout,
        "2027-04-15 16:00-19:00 volunteer Swag-bag stuffing @ Harbour Foyer, loading bay\n\
         2027-04-16 09:45-12:00 shift Booth: Cascadia Python Foundation @ Harbour Foyer, stand 3 [clash]\n\
         2027-04-16 10:00-10:40 talk Life after the GIL: porting a C extension to free-threaded Python @ Grand Ballroom [must] [clash]\n\
         2027-04-17 14:15-17:00 shift Booth: Cascadia Python Foundation @ Harbour Foyer, stand 3\n\
         2027-04-17 19:00-21:30 dinner Team dinner @ Old Port Bistro [clash]\n\
         2027-04-17 20:00-00:30 social Harbour Night: conference social @ Waterfront Terrace [must] [clash]\n\
         2027-04-18 13:00-17:00 departure Departure: flight home [clash]\n\
         2027-04-18 16:30-17:00 talk Closing session @ Grand Ballroom [maybe] [clash]\n\
         items=8 clashes=3\n",
        "two shifts and the swag-bag slot the roster lists her in join; the first shift clashes with the talk"
    );
    // Only Friday: the shift and the talk, and their clash.
    let (_, friday, _) = run(&[
        "timeline",
        "--plan",
        path.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        "--date",
        "2027-04-16",
        "--data-dir",
        data,
    ]);
    assert!(friday.ends_with("items=2 clashes=1\n"), "{friday}");

    // A plan that names nobody gets nothing from the roster, and is told why.
    plan.apply(&schedule, Edit::SetMyName(None)).unwrap();
    store::save(&path, &plan, store::fingerprint("plan", &path).unwrap()).unwrap();
    let (code, stdout, stderr) =
        run(&["timeline", "--plan", path.to_str().unwrap(), "--roster", roster.to_str().unwrap(), "--data-dir", data]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.ends_with("items=5 clashes=2\n"), "{stdout}");
    assert!(stderr.contains("the plan does not say whose it is"), "{stderr}");
}

#[test]
fn a_bad_roster_is_an_error_naming_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    store::save(&path, &plan(), Fingerprint::Missing).unwrap();
    let data = dir.path().to_str().unwrap();

    let missing = dir.path().join("no-roster.ron");
    let (code, stdout, stderr) =
        run(&["timeline", "--plan", path.to_str().unwrap(), "--roster", missing.to_str().unwrap(), "--data-dir", data]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(stderr.starts_with(&format!("{}: error: ", missing.display())), "{stderr}");

    // A syntax error on line 3.
    let broken = dir.path().join("broken.ron");
    write(&broken, "(\n    version: 1,\n    id: @oops,\n)\n");
    let (code, stdout, stderr) =
        run(&["timeline", "--plan", path.to_str().unwrap(), "--roster", broken.to_str().unwrap(), "--data-dir", data]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(stderr.starts_with(&format!("{}:3:", broken.display())), "{stderr}");
    assert!(stderr.contains(": error: roster file is not valid"), "{stderr}");

    // Valid RON, broken rule: an assignment naming nobody on the staff, pointed at.
    let sample = std::fs::read_to_string(common::repo_path("assets/sample-roster.ron")).unwrap();
    let unknown = dir.path().join("unknown.ron");
    write(&unknown, &sample.replace("person: \"Kai Tanaka\"", "person: \"Zed\""));
    let (code, _, stderr) = run(&[
        "export-ics",
        "--plan",
        path.to_str().unwrap(),
        "--roster",
        unknown.to_str().unwrap(),
        "-o",
        dir.path().join("out.ics").to_str().unwrap(),
        "--data-dir",
        data,
    ]);
    assert_eq!(code, 1);
    let line = sample.lines().position(|l| l.contains("person: \"Kai Tanaka\"")).unwrap() + 1;
    assert!(stderr.starts_with(&format!("{}:{line}:", unknown.display())), "{stderr}");
    assert!(stderr.contains("\"Zed\""), "{stderr}");
    assert!(!dir.path().join("out.ics").exists());
}
