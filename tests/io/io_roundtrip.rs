//! The store on real files: save→load round trips, backups, every past plan version, corrupt
//! and newer files, and a file changed behind our back.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::Path;

use lanyard::io::store::{self, Fingerprint, StoreError};
use lanyard::model::{Edit, Plan, Priority, SessionId};

use crate::common;

fn plan_with_picks() -> Plan {
    let schedule = common::sample();
    let mut plan = Plan::new("cascadia-py-2027");
    for (id, priority) in [("cpc27-003", Priority::Must), ("cpc27-004", Priority::Maybe)] {
        plan.apply(&schedule, Edit::Pick { session_id: SessionId::new(id), priority }).unwrap();
    }
    plan.apply(
        &schedule,
        Edit::SetNote { session_id: SessionId::new("cpc27-003"), note: "say \"hi\"\nline two".into() },
    )
    .unwrap();
    plan
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn save_then_load_gives_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("conf/plan.ron");
    let plan = plan_with_picks();
    let fingerprint = store::save(&path, &plan, Fingerprint::Missing).unwrap();
    let loaded = store::load::<Plan>(&path).unwrap();
    assert_eq!(loaded.document.as_ref(), Some(&plan));
    assert_eq!(loaded.fingerprint, fingerprint);
    assert!(read(&path).contains(&format!("version: {}", lanyard::io::plan_file::PLAN_VERSION)));
}

#[test]
fn every_save_keeps_the_previous_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let first = Plan::new("c");
    let mut fingerprint = store::save(&path, &first, Fingerprint::Missing).unwrap();
    assert!(!store::backup_path(&path).exists(), "nothing to back up on the first save");
    let second = plan_with_picks();
    fingerprint = store::save(&path, &second, fingerprint).unwrap();
    let backup = store::load::<Plan>(&store::backup_path(&path)).unwrap();
    assert_eq!(backup.document, Some(first));
    let third = Plan::new("third");
    store::save(&path, &third, fingerprint).unwrap();
    assert_eq!(store::load::<Plan>(&store::backup_path(&path)).unwrap().document, Some(second));
    // No temp files are left behind.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn plan_v1_fixture_loads_forever() {
    let loaded = store::load::<Plan>(&common::repo_path("tests/fixtures/plan_v1.ron")).unwrap();
    let plan = loaded.document.unwrap();
    assert_eq!(plan.conference, "cascadia-py-2027");
    assert_eq!(plan.picks.len(), 3);
    assert_eq!(plan.priority(&SessionId::new("cpc27-003")), Some(Priority::Must));
    assert!(plan.pick(&SessionId::new("cpc27-004")).unwrap().watch_later);
    assert_eq!(plan.note(&SessionId::new("cpc27-003")), Some("ask about the limited C API"));
    // The cancelled talk is an orphan against the sample, and is kept.
    let schedule = common::sample();
    let orphans: Vec<_> = plan.orphans(&schedule).map(|(id, _)| id.as_str()).collect();
    assert_eq!(orphans, ["gone-talk"]);
}

#[test]
fn corrupt_plan_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::copy(common::repo_path("tests/fixtures/plan_v1.ron"), &path).unwrap();
    let text = read(&path).replace("priority: Maybe", "priority: Perhaps");
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())).unwrap();
    let err = store::load::<Plan>(&path).unwrap_err();
    let StoreError::Corrupt { location, .. } = &err else { panic!("expected Corrupt, got {err}") };
    assert_eq!(location.line, 7, "{err}");
    let message = err.to_string();
    assert!(message.contains(&format!("{}:7:33:", path.display())), "{message}");
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    for bytes in
        [&b""[..], b"\x00\xff\xfe garbage", b"(version: 1", b"[1, 2, 3]", b"(version: \"one\")", b"((((((((((("]
    {
        std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, bytes)).unwrap();
        assert!(store::load::<Plan>(&path).is_err(), "{bytes:?} loaded");
    }
    let deep = "(".repeat(200_000);
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, deep.as_bytes())).unwrap();
    assert!(store::load::<Plan>(&path).is_err());
}

#[test]
fn newer_version_is_refused_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let text = "(version: 99, conference: \"c\", picks: {}, flying_cars: true)";
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())).unwrap();
    let err = store::load::<Plan>(&path).unwrap_err();
    let supported_now = lanyard::io::plan_file::PLAN_VERSION;
    assert!(matches!(err, StoreError::TooNew { found: 99, supported, .. } if supported == supported_now), "{err}");
    assert!(err.is_read_only());
    // Best-effort viewing still reads what it can.
    assert_eq!(store::load_newer_for_viewing::<Plan>(&path).unwrap().conference, "c");
    assert_eq!(read(&path), text);
}

#[test]
fn a_file_changed_on_disk_is_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let fingerprint = store::save(&path, &Plan::new("mine"), Fingerprint::Missing).unwrap();
    // Another program (a second window, a sync tool) replaces the file.
    store::save(&path, &Plan::new("theirs"), fingerprint).unwrap();
    let err = store::save(&path, &plan_with_picks(), fingerprint).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(store::load::<Plan>(&path).unwrap().document.unwrap().conference, "theirs");
    // A file that appeared since we saw it missing is not clobbered either.
    let fresh = dir.path().join("new.ron");
    store::save(&fresh, &Plan::new("first"), Fingerprint::Missing).unwrap();
    assert!(store::save(&fresh, &Plan::new("second"), Fingerprint::Missing).is_err());
}

#[test]
fn set_aside_keeps_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, b"junk")).unwrap();
    let first = store::set_aside(&path).unwrap();
    assert_eq!(first.file_name().unwrap(), "plan.corrupt-1.ron");
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, b"more junk")).unwrap();
    let second = store::set_aside(&path).unwrap();
    assert_eq!(second.file_name().unwrap(), "plan.corrupt-2.ron");
    assert_eq!(read(&first), "junk");
    assert!(!path.exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_an_error_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let fingerprint = store::save(&path, &Plan::new("good"), Fingerprint::Missing).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let result = store::save(&path, &plan_with_picks(), fingerprint);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root ignores permissions; only assert the failure where the OS enforces them.
    if let Err(err) = result {
        assert!(matches!(err, StoreError::Write { .. }), "{err}");
        assert_eq!(store::load::<Plan>(&path).unwrap().document.unwrap().conference, "good");
    }
}
