//! Sharing picks with friends: export a small file without notes, add a friend's file in any form
//! people send (shared picks, a whole plan, an .ics), see "a friend is going" markers and where
//! plans overlap, and never get their picks merged into yours unless you pick one yourself.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::Path;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lanyard::io::friends::{self, FriendError};
use lanyard::io::store::{self, Fingerprint};
use lanyard::model::friends::Friend;
use lanyard::model::{Edit, Plan, Priority, SessionId};

use crate::common;

const GIL: &str = "Life after the GIL: porting a C extension to free-threaded Python";

fn anas_plan() -> Plan {
    let schedule = common::sample();
    let mut plan = Plan::new("cascadia-py-2027");
    plan.apply(&schedule, Edit::SetMyName(Some("Ana".into()))).unwrap();
    for (id, priority) in [("cpc27-003", Priority::Must), ("cpc27-010", Priority::Maybe)] {
        plan.apply(&schedule, Edit::Pick { session_id: SessionId::new(id), priority }).unwrap();
    }
    plan.apply(&schedule, Edit::SetNote { session_id: SessionId::new("cpc27-003"), note: "private thought".into() })
        .unwrap();
    plan
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn shared_picks_leave_notes_out_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ana.picks.ron");
    friends::share(&path, &Friend::from_plan("Ana", &anas_plan())).unwrap();
    let text = String::from_utf8(read(&path)).unwrap();
    assert!(!text.contains("private thought"), "notes are never shared:\n{text}");
    let back = store::load::<Friend>(&path).unwrap().document.unwrap();
    assert_eq!(back.name, "Ana");
    assert_eq!(back.picks.get(&SessionId::new("cpc27-010")), Some(&Priority::Maybe));
}

#[test]
fn a_friend_can_send_shared_picks_a_plan_or_a_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let schedule = common::sample();
    let kept = dir.path().join("kept");
    let plan = anas_plan();
    // A whole plan.ron: name from `me`, notes not kept.
    let plan_file = dir.path().join("plan.ron");
    store::save(&plan_file, &plan, Fingerprint::Missing).unwrap();
    let before = read(&plan_file);
    let friend = friends::add_friend(&kept, &plan_file, &schedule).unwrap();
    assert_eq!((friend.name.as_str(), friend.picks.len()), ("Ana", 2));
    assert_eq!(read(&plan_file), before, "the friend's file is never modified");
    // Their calendar export from lanyard: sessions found by id, priorities kept.
    let ics = dir.path().join("ben.ics");
    let mut bens = plan.clone();
    bens.me = None;
    lanyard::io::export::write_file(&ics, &lanyard::io::export::ical::plan_to_ics(&schedule, &bens)).unwrap();
    let ben = friends::add_friend(&kept, &ics, &schedule).unwrap();
    assert_eq!(ben.name, "ben");
    assert_eq!(ben.picks.get(&SessionId::new("cpc27-003")), Some(&Priority::Must));
    assert_eq!(ben.picks.get(&SessionId::new("cpc27-010")), Some(&Priority::Maybe));
    let (all, problems) = friends::load_friends(&kept);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(all.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Ana", "ben"]);
}

#[test]
fn picks_for_another_conference_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.picks.ron");
    let mut friend = Friend::from_plan("Chen", &anas_plan());
    friend.conference = "fosdem-2027".into();
    friends::share(&path, &friend).unwrap();
    let err = friends::add_friend(&dir.path().join("kept"), &path, &common::sample()).unwrap_err();
    assert!(matches!(err, FriendError::OtherConference { .. }), "{err}");
    assert!(err.to_string().contains("fosdem-2027"));
}

#[test]
fn friends_show_as_markers_and_are_never_merged_into_my_plan() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ana.picks.ron");
    friends::share(&source, &Friend::from_plan("Ana", &anas_plan())).unwrap();
    let data = dir.path().join("data");
    friends::add_friend(&friends::friends_dir(&data, &"cascadia-py-2027".into()), &source, &common::sample()).unwrap();

    let mut harness = common::harness(common::app_in(&data), common::eve_of_the_conference());
    harness.run();
    assert!(harness.state().plan().picks.is_empty(), "Ana's picks are not mine");
    let label = format!("{GIL}, Grand Ballroom, friends going: Ana");
    harness.get_by_label_contains(&label).click();
    harness.run();
    assert!(harness.query_by_label("👥 Going: Ana").is_some());
    harness.get_by_label("Pick it too").click();
    harness.run();
    assert_eq!(harness.state().plan().priority(&SessionId::new("cpc27-003")), Some(Priority::Maybe));
    assert_eq!(harness.state().plan().picks.len(), 1, "only the one I chose");
    // The Friends window lists where we overlap.
    harness.get_by_label("Friends").click();
    harness.run();
    let overlap = harness.get_by_label_contains("Where you overlap: 1 sessions");
    assert!(overlap.accesskit_node().value().is_some());
    assert!(harness.query_by_label_contains(&format!("{GIL} · with Ana")).is_some());
}
