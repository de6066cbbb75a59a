//! `lanyard timeline`: one line per item in time order naming its kind, then `items=N clashes=N`.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

mod common;

use std::process::Command;

use lanyard::io::store::{self, Fingerprint};
use lanyard::model::{Block, BlockKind, Dinner, Edit, ItemId, PersonalItem, Plan, Priority, Reservation, SessionId};

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lanyard")).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
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
