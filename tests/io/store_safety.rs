//! What the store does with files a user, another tool or a newer lanyard left: unknown fields
//! carried through saves, comments kept in a copy, writes through symbolic links, permission
//! bits, special files refused at once, and no stray files after failed saves.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use lanyard::io::settings::Settings;
use lanyard::io::store::{self, Document, Fingerprint};
use lanyard::model::Plan;
use lanyard::model::friends::Friend;
use lanyard::model::roster::Roster;

use crate::common;

/// Loads `text` as a `D`, changes nothing, saves it with its extras and returns the new text.
fn round_trip<D: Document + std::fmt::Debug>(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    common::write_raw(&path, text);
    let loaded = store::load::<D>(&path).unwrap();
    let document = loaded.document.unwrap();
    // A save that changes something, so the file is really rewritten.
    let mut rewritten = D::to_ron(&document).unwrap();
    rewritten.push_str("\n// touched\n");
    store::save_bytes(D::KIND, &path, rewritten.as_bytes(), loaded.fingerprint).unwrap();
    let fingerprint = store::fingerprint(D::KIND, &path).unwrap();
    store::save_with_extras(&path, &document, fingerprint, &loaded.extras).unwrap();
    std::fs::read_to_string(&path).unwrap()
}

const FUTURE: &str = "hovercraft: (lift: 2.5, crew: [\"Ana\", \"Ben\"], note: \"a ) in a string\")";

fn with_future_field(text: &str) -> String {
    let close = text.rfind(')').unwrap();
    let head = text[..close].trim_end();
    let comma = if head.ends_with(',') { "" } else { "," };
    format!("{head}{comma}\n    {FUTURE},\n    zeppelin: Some(3),\n{}", &text[close..])
}

#[test]
fn unknown_top_level_fields_survive_a_load_and_a_save_of_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let plan = with_future_field(&std::fs::read_to_string(common::repo_path("assets/sample-plan.ron")).unwrap());
    let roster = with_future_field(&std::fs::read_to_string(common::repo_path("assets/sample-roster.ron")).unwrap());
    let settings = with_future_field("(version: 1, show_laptop_time: true)\n");
    let friend = with_future_field("(version: 1, name: \"Ben\", conference: \"cascadia-py-2027\", picks: {})\n");
    for saved in [
        round_trip::<Plan>(dir.path(), "plan.ron", &plan),
        round_trip::<Roster>(dir.path(), "roster.ron", &roster),
        round_trip::<Settings>(dir.path(), "settings.ron", &settings),
        round_trip::<Friend>(dir.path(), "ben.ron", &friend),
    ] {
        assert!(saved.contains(FUTURE), "{saved}");
        assert!(saved.contains("zeppelin: Some(3),"), "{saved}");
        // And the result still loads, with the fields still there.
        assert!(!saved.contains("touched"));
    }
    let loaded = store::load::<Roster>(&dir.path().join("roster.ron")).unwrap();
    assert_eq!(loaded.extras.fields.len(), 2);
}

#[test]
fn the_app_carries_unknown_fields_of_the_plan_and_settings_through_its_saves() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_in(dir.path());
    common::pick(&mut app, "cpc27-003", lanyard::model::Priority::Must);
    app.flush();
    drop(app);
    let plan_path = common::sample_plan_path(dir.path());
    let settings_path = lanyard::io::paths::settings_path(dir.path());
    for path in [&plan_path, &settings_path] {
        let text = with_future_field(&std::fs::read_to_string(path).unwrap());
        common::write_raw(path, &text);
    }
    let mut app = common::app_in(dir.path());
    common::pick(&mut app, "cpc27-004", lanyard::model::Priority::Maybe);
    app.execute(lanyard::command::Command::Settings(lanyard::command::SettingsCommand::ShowLaptopTime(true)), 0.0);
    app.flush();
    for path in [&plan_path, &settings_path] {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(FUTURE) && text.contains("zeppelin"), "{}: {text}", path.display());
    }
    assert!(std::fs::read_to_string(&plan_path).unwrap().contains("cpc27-004"));
}

#[test]
fn a_hand_written_roster_with_comments_is_kept_as_written_before_the_first_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.ron");
    let original = std::fs::read_to_string(common::repo_path("assets/sample-roster.ron")).unwrap();
    let written = original.replacen(
        "\n(\n",
        "\n// Booth plan for 2027, agreed with Kai.\n(\n    /* keep two at the door */\n",
        1,
    );
    assert_ne!(written, original);
    common::write_raw(&roster, &written);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["roster", roster.to_str().unwrap(), "--auto", "-o", roster.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kept = dir.path().join("roster.original-1.ron");
    assert!(stderr.contains("roster.original-1.ron") && stderr.contains(" comments"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), written);

    // In the app: opening it keeps it once, and says so.
    common::write_raw(&roster, &written.replace("Kai", "Kai and Ana"));
    let dir2 = tempfile::tempdir().unwrap();
    let app = lanyard::LanyardApp::new(lanyard::app::AppConfig {
        data_dir: Some(dir2.path().to_owned()),
        roster: Some(roster.clone()),
        ..Default::default()
    });
    let said = app.ui_state().banners.iter().any(|b| b.text.contains("roster.original-2.ron"));
    assert!(said, "{:?}", app.ui_state().banners);
    assert!(std::fs::read_to_string(dir.path().join("roster.original-2.ron")).unwrap().contains("Kai and Ana"));
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn saving_through_a_symbolic_link_updates_its_target_and_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("synced");
    std::fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("plan.ron");
    let link = dir.path().join("plan.ron");
    let mut plan = Plan::new("c");
    let first = store::save(&target, &plan, Fingerprint::Missing).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();

    plan.me = Some("Ana".into());
    store::save(&link, &plan, first).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
    assert_eq!(store::load::<Plan>(&target).unwrap().document.unwrap().me.as_deref(), Some("Ana"));
    assert_eq!(mode(&target), 0o600);
    assert!(store::backup_path(&target).exists(), "the backup sits beside the real file");
    assert!(!store::backup_path(&link).exists());

    // Exports (and `convert -o`) through a link too.
    let export_target = real_dir.join("agenda.ics");
    common::write_raw(&export_target, "old");
    std::fs::set_permissions(&export_target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let export_link = dir.path().join("agenda.ics");
    std::os::unix::fs::symlink("synced/agenda.ics", &export_link).unwrap();
    store::write_atomic(&export_link, b"new").unwrap();
    assert_eq!(std::fs::read_to_string(&export_target).unwrap(), "new");
    assert_eq!(mode(&export_target), 0o640);
    assert!(std::fs::symlink_metadata(&export_link).unwrap().file_type().is_symlink());
}

#[test]
fn new_files_are_never_world_writable() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    store::save(&plan, &Plan::new("c"), Fingerprint::Missing).unwrap();
    assert_eq!(mode(&plan) & 0o077, 0, "a plan is its owner's alone: {:o}", mode(&plan));
    let export = dir.path().join("out.ics");
    store::write_atomic(&export, b"x").unwrap();
    assert_eq!(mode(&export) & 0o022, 0, "{:o}", mode(&export));
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success());
    path
}

/// Runs `f` on a thread and fails the test if it takes over ten seconds (it would hang for good
/// on a FIFO opened for reading).
fn within_ten_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new().name("special-file-probe".into()).spawn(move || tx.send(f()).ok()).unwrap();
    rx.recv_timeout(Duration::from_secs(10)).expect("hung on a special file")
}

#[test]
fn special_files_are_refused_at_once_on_every_open_path() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(dir.path(), "pipe.ron");
    let p = pipe.clone();
    let err = within_ten_seconds(move || store::load::<Plan>(&p).unwrap_err().to_string());
    assert!(err.contains("named pipe") && err.contains("pipe.ron"), "{err}");
    let p = pipe.clone();
    let err = within_ten_seconds(move || lanyard::io::import::load(&p).unwrap_err().to_string());
    assert!(err.contains("named pipe"), "{err}");
    let p = pipe.clone();
    let err =
        within_ten_seconds(move || store::save(&p, &Plan::new("c"), Fingerprint::Missing).unwrap_err().to_string());
    assert!(err.contains("named pipe"), "{err}");
    let err = store::write_atomic(&pipe, b"BEGIN:VCALENDAR").unwrap_err();
    assert!(err.to_string().contains("named pipe"), "{err}");
    assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo(), "an export never replaces a FIFO");
    let folder = dir.path().join("folder.ron");
    std::fs::create_dir(&folder).unwrap();
    assert!(store::load::<Roster>(&folder).unwrap_err().to_string().contains("a folder"));
    let p = pipe.clone();
    let out = within_ten_seconds(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_lanyard")).arg("check").arg(&p).output().unwrap()
    });
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("named pipe"));
}

#[test]
fn the_app_starts_with_a_fifo_as_its_plan_schedule_and_roster() {
    let data = tempfile::tempdir().unwrap();
    let plan_path = common::sample_plan_path(data.path());
    std::fs::create_dir_all(plan_path.parent().unwrap()).unwrap();
    fifo(plan_path.parent().unwrap(), "plan.ron");
    let roster = fifo(data.path(), "roster.ron");
    let dir = data.path().to_owned();
    let banners = within_ten_seconds(move || {
        let app = lanyard::LanyardApp::new(lanyard::app::AppConfig {
            data_dir: Some(dir),
            roster: Some(roster),
            ..Default::default()
        });
        (app.is_plan_read_only(), app.ui_state().banners.iter().map(|b| b.text.clone()).collect::<Vec<_>>())
    });
    assert!(banners.0, "a plan that is a FIFO is never written");
    assert!(banners.1.iter().filter(|text| text.contains("named pipe")).count() >= 2, "{:?}", banners.1);

    // The schedule remembered from last time, now a FIFO.
    let data = tempfile::tempdir().unwrap();
    let schedule = fifo(data.path(), "schedule.xml");
    let settings = Settings { welcomed: true, last_schedule: Some(schedule), ..Settings::default() };
    store::save(&lanyard::io::paths::settings_path(data.path()), &settings, Fingerprint::Missing).unwrap();
    let dir = data.path().to_owned();
    let banners = within_ten_seconds(move || {
        let app = lanyard::LanyardApp::new(lanyard::app::AppConfig { data_dir: Some(dir), ..Default::default() });
        app.ui_state().banners.iter().map(|b| b.text.clone()).collect::<Vec<_>>()
    });
    assert!(banners.iter().any(|text| text.contains("named pipe")), "{banners:?}");
}

#[test]
fn a_backup_that_cannot_be_made_leaves_no_stray_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let first = store::save(&path, &Plan::new("c"), Fingerprint::Missing).unwrap();
    // The backup's place is taken by a folder that is not empty: every way of making it fails.
    let backup = store::backup_path(&path);
    std::fs::create_dir(&backup).unwrap();
    common::write_raw(&backup.join("x"), "x");
    let mut plan = Plan::new("c");
    for n in 0..3 {
        plan.me = Some(format!("Ana {n}"));
        assert!(store::save(&path, &plan, first).is_err());
    }
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["plan.ron", "plan.ron.bak"], "nothing hidden left behind");
    assert_eq!(store::load::<Plan>(&path).unwrap().document.unwrap().me, None, "the file is as it was");
}
