//! Two lanyard windows on one data folder, and a sync tool replacing the plan file underneath:
//! neither ever clobbers the other; their changes are merged by id.

use lanyard::command::{Command, PlanCommand};
use lanyard::io::store;
use lanyard::model::{Edit, Plan, Priority, SessionId};

use crate::common::{self, pick, plan_on_disk as on_disk};

fn ids(plan: &Plan) -> Vec<&str> {
    plan.picks.keys().map(SessionId::as_str).collect()
}

#[test]
fn two_windows_on_one_folder_merge_instead_of_clobbering() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = common::app_in(dir.path());
    let mut b = common::app_in(dir.path());

    pick(&mut a, "cpc27-003", Priority::Must);
    a.flush();
    assert_eq!(ids(&on_disk(dir.path())), ["cpc27-003"]);

    // B never saw A's pick; its save finds the file changed and merges.
    pick(&mut b, "cpc27-004", Priority::Maybe);
    b.flush();
    assert_eq!(ids(&on_disk(dir.path())), ["cpc27-003", "cpc27-004"]);
    assert_eq!(ids(b.plan()), ["cpc27-003", "cpc27-004"], "B now shows A's pick too");
    assert!(b.ui_state().banners.iter().any(|banner| banner.text.contains("this window now shows it")));
    assert!(!b.is_plan_read_only());

    // A unpicks a talk B never touched and picks another: both changes land, B's pick stays.
    pick(&mut a, "cpc27-005", Priority::Must);
    a.execute(Command::Plan(PlanCommand::Edit(Edit::Unpick { session_id: SessionId::new("cpc27-003") })), 0.0);
    a.flush();
    let plan = on_disk(dir.path());
    assert_eq!(ids(&plan), ["cpc27-004", "cpc27-005"], "A's unpick is a change, B's pick of 004 stays");
    drop(a);
    drop(b);
    let c = common::app_in(dir.path());
    assert_eq!(ids(c.plan()), ["cpc27-004", "cpc27-005"]);
}

#[test]
fn a_sync_tool_replacing_the_file_is_merged_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_in(dir.path());
    pick(&mut app, "cpc27-003", Priority::Must);
    app.flush();
    // The laptop's copy arrives through a sync tool: a whole new file renamed over ours.
    let path = common::sample_plan_path(dir.path());
    let mut theirs = on_disk(dir.path());
    theirs.notes.insert(SessionId::new("cpc27-003"), "from the laptop".into());
    let incoming = dir.path().join("incoming.ron");
    store::save(&incoming, &theirs, store::Fingerprint::Missing).unwrap();
    std::fs::rename(&incoming, &path).unwrap();

    pick(&mut app, "cpc27-010", Priority::Maybe);
    app.flush();
    let merged = on_disk(dir.path());
    assert_eq!(merged.note(&SessionId::new("cpc27-003")), Some("from the laptop"));
    assert_eq!(merged.priority(&SessionId::new("cpc27-010")), Some(Priority::Maybe));
}

#[test]
fn a_newer_file_written_by_another_window_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_in(dir.path());
    pick(&mut app, "cpc27-003", Priority::Must);
    app.flush();
    // A newer lanyard in the other window rewrote the plan in a format we cannot read.
    let path = common::sample_plan_path(dir.path());
    let newer = "(version: 9, conference: \"cascadia-py-2027\", hovercraft: true)";
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, newer.as_bytes())).unwrap();
    pick(&mut app, "cpc27-004", Priority::Must);
    app.flush();
    assert!(app.is_plan_read_only());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}
