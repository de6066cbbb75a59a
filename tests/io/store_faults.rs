//! Fault injection and concurrent writers on the store, for every document type.
//!
//! - A save that fails (full disk, a write error in the middle of a file, a read-only folder, a
//!   backup that cannot be written, a folder that is a file) returns the error, and the last good
//!   file stays byte-identical, with no temp file left behind.
//! - Two instances (two [`Fingerprint`] chains on one file): the second save after the first is
//!   refused with [`StoreError::ChangedOnDisk`] and never clobbers the first's bytes; the same when
//!   a sync tool renames a new file over it, rewrites it in place, or deletes it.
//!
//! Failures that need the kernel (a write past a file-size limit, a full tmpfs, permissions that
//! also hold for root) run `lanyard stress-save` in a child process.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]
#![expect(clippy::print_stdout, reason = "the tests report which fault they injected")]

use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use lanyard::cli::stress::StressState;
use lanyard::io::settings::Settings;
use lanyard::io::store::{self, Document, Fingerprint, StoreError};
use lanyard::model::Plan;
use lanyard::model::roster::Roster;

use crate::common::write_raw as write_plain;

const BIN: &str = env!("CARGO_BIN_EXE_lanyard");

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Names in `dir`, sorted (hidden temp files included).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn stress(dir: &Path, documents: &str, rounds: u64) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(["stress-save", "--documents", documents, "--seed", "7", "--rounds", &rounds.to_string(), "--dir"])
        .arg(dir)
        .stdin(Stdio::null());
    command
}

fn run_ok(command: &mut Command) {
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
}

/// A save whose write fails half-way: the kernel's file-size limit (`ulimit -f`, SIGXFSZ ignored
/// so the write returns EFBIG) stops the new `plan.ron` after `limit` bytes, as a disk filling up
/// in the middle of the file would. Holds for root too.
#[test]
fn a_write_error_in_the_middle_of_a_save_keeps_the_last_good_file() {
    // Find two consecutive states where the next is much bigger than the current one, so the
    // backup (a copy of the current file) fits under the limit and the new file does not.
    let size = |n| Plan::state(7, n).unwrap().to_ron().unwrap().len();
    let k = (1..500).find(|&n| size(n + 1) > size(n) + 2_000).unwrap();
    for (case, blocks) in [("the backup", 0), ("the new file", size(k) / 512 + 1)] {
        let dir = tempfile::tempdir().unwrap();
        // States 1..=k, so the next save writes state k+1.
        run_ok(&mut stress(dir.path(), "plan", k));
        let path = dir.path().join("plan.ron");
        let before = read(&path);
        let bak_before = read(&store::backup_path(&path));
        let script = format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\"");
        let output: Output = Command::new("sh")
            .args(["-c", &script, BIN, "stress-save", "--documents", "plan", "--seed", "7", "--rounds", "1", "--dir"])
            .arg(dir.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        println!("write error while writing {case}: exit {}, {}", output.status, stderr.trim());
        assert!(!output.status.success(), "the save past the limit succeeded");
        assert!(stderr.contains("could not save plan file") && stderr.contains("File too large"), "{stderr}");
        assert_eq!(read(&path), before, "{case}: plan.ron changed");
        let bak = read(&store::backup_path(&path));
        assert!(bak == bak_before || bak == before, "{case}: plan.ron.bak is neither the old backup nor the old file");
        assert_eq!(listing(dir.path()), ["plan.ron", "plan.ron.bak"], "{case}: a temp file was left behind");
        // With the limit lifted, the next save goes through.
        run_ok(&mut stress(dir.path(), "plan", 1));
        assert_eq!(store::load::<Plan>(&path).unwrap().document.unwrap(), Plan::state(7, k + 1).unwrap());
    }
}

/// A full disk: a 64 KiB tmpfs in a private mount namespace (`unshare -rm`, which needs no root
/// where unprivileged user namespaces are allowed), filled up, then one more save.
#[test]
fn a_full_disk_keeps_the_last_good_file() {
    let available = Command::new("unshare").args(["-rm", "true"]).status().is_ok_and(|s| s.success());
    if !available {
        println!("full disk: user namespaces are not available here; the ulimit test covers write errors");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mount = tmp.path().join("mnt");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&mount).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    // Inside the namespace: mount, save states 1..=30 of both documents, copy them out, fill the
    // disk, save once more (must fail), copy the files out again.
    let script = r#"
        set -u
        bin="$0"; mnt="$1"; out="$2"
        mount -t tmpfs -o size=64k lanyard-full "$mnt" || exit 90
        "$bin" stress-save --dir "$mnt" --seed 7 --rounds 30 >/dev/null || exit 91
        cp "$mnt/plan.ron" "$out/plan.before"; cp "$mnt/roster.ron" "$out/roster.before"
        head -c 1000000 /dev/zero > "$mnt/filler" 2>/dev/null
        "$bin" stress-save --dir "$mnt" --seed 7 --rounds 1 >"$out/stdout" 2>"$out/stderr"
        echo $? > "$out/status"
        rm -f "$mnt/filler"
        cp "$mnt/plan.ron" "$out/plan.after"; cp "$mnt/roster.ron" "$out/roster.after"
        ls -A "$mnt" > "$out/listing"
        "$bin" stress-save --dir "$mnt" --seed 7 --rounds 1 >/dev/null 2>"$out/stderr.retry"
        echo $? > "$out/status.retry"
    "#;
    let status = Command::new("unshare").args(["-rm", "sh", "-c", script, BIN]).arg(&mount).arg(&out).status().unwrap();
    assert!(status.success(), "the namespace script failed ({status}; 90: mount, 91: first saves)");
    let text = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let stderr = text("stderr");
    println!("full disk: {}", stderr.trim());
    assert_eq!(text("status").trim(), "1", "the save on a full disk did not fail: {stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(read(&out.join("plan.after")), read(&out.join("plan.before")), "plan.ron changed");
    assert_eq!(read(&out.join("roster.after")), read(&out.join("roster.before")), "roster.ron changed");
    assert_eq!(
        text("listing").lines().collect::<Vec<_>>(),
        ["plan.ron", "plan.ron.bak", "roster.ron", "roster.ron.bak"]
    );
    assert_eq!(text("status.retry").trim(), "0", "the save after freeing space failed: {}", text("stderr.retry"));
}

/// A read-only folder. Root ignores permission bits, so as root the saving child runs as
/// `nobody` (uid 65534), for whom they hold.
#[test]
fn a_read_only_folder_keeps_the_last_good_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = tmp.path().join("data");
    run_ok(&mut stress(&dir, "plan,roster", 3));
    let files = ["plan.ron", "plan.ron.bak", "roster.ron", "roster.ron.bak"].map(|name| dir.join(name));
    let before: Vec<Vec<u8>> = files.iter().map(|f| read(f)).collect();
    for file in &files {
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut command = stress(&dir, "plan,roster", 1);
    if is_root() {
        command.uid(65_534).gid(65_534);
    }
    let output = command.output().unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("read-only folder (root: {}): {}", is_root(), stderr.trim());
    assert!(!output.status.success(), "a save into a read-only folder succeeded");
    assert!(stderr.contains("could not save plan file") && stderr.contains("Permission denied"), "{stderr}");
    let after: Vec<Vec<u8>> = files.iter().map(|f| read(f)).collect();
    assert_eq!(after, before, "a file changed");
    assert_eq!(listing(&dir).len(), 4, "{:?}", listing(&dir));
}

/// A backup that cannot be written (here `plan.ron.bak` is a folder) stops the save before the
/// file itself is touched.
#[test]
fn a_backup_that_cannot_be_written_stops_the_save() {
    fn check<D: StressState + PartialEq + std::fmt::Debug>(name: &str) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let fingerprint = store::save(&path, &D::state(1, 1).unwrap(), Fingerprint::Missing).unwrap();
        let before = read(&path);
        let bak = store::backup_path(&path);
        std::fs::create_dir_all(bak.join("in-the-way")).unwrap();
        let err = store::save(&path, &D::state(1, 2).unwrap(), fingerprint).unwrap_err();
        assert!(matches!(err, StoreError::Write { .. }), "{err}");
        assert!(err.to_string().contains(name), "the error names the file: {err}");
        assert_eq!(read(&path), before);
        // Known limitation: atomic-write-file (without its `unnamed-tmpfile` feature) does not
        // remove its temp file when the final rename fails. It is hidden, never read, and does
        // not stop the next save; see RELIABILITY.md.
        let strays: Vec<String> =
            listing(dir.path()).into_iter().filter(|n| n != name && *n != format!("{name}.bak")).collect();
        assert!(strays.iter().all(|n| n.starts_with(&format!(".{name}.bak."))), "{strays:?}");
        // Clear the obstacle and the same fingerprint saves.
        std::fs::remove_dir_all(&bak).unwrap();
        store::save(&path, &D::state(1, 2).unwrap(), fingerprint).unwrap();
        assert_eq!(store::load::<D>(&path).unwrap().document.unwrap(), D::state(1, 2).unwrap());
    }
    check::<Plan>("plan.ron");
    check::<Roster>("roster.ron");
}

/// A data folder whose path runs through a file: the first save fails and creates nothing.
#[test]
fn a_folder_that_is_a_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("conference");
    write_plain(&blocker, b"not a folder");
    let err = store::save(&blocker.join("plan.ron"), &Plan::new("c"), Fingerprint::Missing).unwrap_err();
    // The re-read before writing already fails (ENOTDIR), so nothing is attempted.
    assert!(matches!(err, StoreError::Read { .. } | StoreError::Write { .. }), "{err}");
    assert!(err.to_string().contains("plan.ron"), "{err}");
    assert_eq!(read(&blocker), b"not a folder");
    assert_eq!(listing(dir.path()), ["conference"]);
}

/// One document type through the two-instance and sync-tool cases.
fn two_instances<D: Document + PartialEq + std::fmt::Debug>(name: &str, a_doc: &D, b_doc: &D, c_doc: &D) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);

    // Both start on a missing file; A creates it, B must not clobber it.
    let mut a = store::load::<D>(&path).unwrap().fingerprint;
    let b = store::load::<D>(&path).unwrap().fingerprint;
    a = store::save(&path, a_doc, a).unwrap();
    let err = store::save(&path, b_doc, b).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }) && err.is_read_only(), "{err}");
    let a_bytes = read(&path);

    // Both load the same file; A saves, then B's save is refused and A's bytes stay.
    let b = store::load::<D>(&path).unwrap().fingerprint;
    a = store::save(&path, c_doc, a).unwrap();
    let a_bytes_2 = read(&path);
    assert_ne!(a_bytes_2, a_bytes);
    let err = store::save(&path, b_doc, b).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(read(&path), a_bytes_2, "B clobbered A");
    // B reloads (as the app does before merging) and may then save.
    let reloaded = store::load::<D>(&path).unwrap();
    assert_eq!(reloaded.document.as_ref(), Some(c_doc));
    let b = store::save(&path, b_doc, reloaded.fingerprint).unwrap();
    // Now A is the stale one.
    assert!(matches!(store::save(&path, a_doc, a), Err(StoreError::ChangedOnDisk { .. })));
    let b_bytes = read(&path);

    // A sync tool renames a new version over the file.
    let incoming = dir.path().join(".sync-incoming");
    write_plain(&incoming, c_doc.to_ron().unwrap().as_bytes());
    std::fs::rename(&incoming, &path).unwrap();
    let synced = read(&path);
    assert_ne!(synced, b_bytes);
    assert!(matches!(store::save(&path, b_doc, b), Err(StoreError::ChangedOnDisk { .. })));
    assert_eq!(read(&path), synced);

    // A sync tool rewrites the file in place, keeping its length.
    let fingerprint = store::load::<D>(&path).unwrap().fingerprint;
    let mut rewritten = synced.clone();
    let last_letter = rewritten.iter().rposition(u8::is_ascii_lowercase).unwrap();
    rewritten[last_letter] = if rewritten[last_letter] == b'x' { b'y' } else { b'x' };
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &rewritten))
        .unwrap();
    assert!(matches!(store::save(&path, b_doc, fingerprint), Err(StoreError::ChangedOnDisk { .. })));
    assert_eq!(read(&path), rewritten);

    // A sync tool deletes the file: it is not silently recreated from a stale copy.
    let fingerprint = Fingerprint::of(&rewritten);
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(store::save(&path, b_doc, fingerprint), Err(StoreError::ChangedOnDisk { .. })));
    assert!(!path.exists());

    // Touching the file (same bytes, new mtime) is not a change: fingerprints are of content.
    let fingerprint = store::save(&path, a_doc, Fingerprint::Missing).unwrap();
    let same = read(&path);
    write_plain(&path, &same);
    store::save(&path, b_doc, fingerprint).unwrap();
}

#[test]
fn two_instances_never_clobber_each_other_plan() {
    two_instances::<Plan>(
        "plan.ron",
        &Plan::state(1, 5).unwrap(),
        &Plan::state(2, 9).unwrap(),
        &Plan::state(3, 12).unwrap(),
    );
}

#[test]
fn two_instances_never_clobber_each_other_roster() {
    two_instances::<Roster>(
        "roster.ron",
        &Roster::state(1, 5).unwrap(),
        &Roster::state(2, 9).unwrap(),
        &Roster::state(3, 12).unwrap(),
    );
}

#[test]
fn two_instances_never_clobber_each_other_settings() {
    let settings = |last: &str, laptop| Settings {
        last_schedule: Some(PathBuf::from(last)),
        show_laptop_time: laptop,
        zone_overrides: [("c".into(), "Europe/Brussels".to_owned())].into(),
        ..Settings::default()
    };
    two_instances::<Settings>(
        "settings.ron",
        &settings("/a.xml", true),
        &settings("/b.xml", false),
        &settings("/c.ics", true),
    );
}

/// Two processes saving the same files at once, as fast as they can: without a lock one may
/// replace the other's save between its check and its rename (the app takes a lock for that),
/// but every file on disk is always one complete state, and the loser gets an error, not a
/// corrupt file.
#[test]
fn two_processes_saving_at_once_never_leave_a_torn_file() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..8 {
        let mut a = stress(dir.path(), "plan,roster", 30).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
        let mut b = stress(dir.path(), "plan,roster", 30).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
        for child in [&mut a, &mut b] {
            let status = child.wait().unwrap();
            if !status.success() {
                let mut stderr = String::new();
                std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
                assert!(stderr.contains("was changed by another program"), "{stderr}");
            }
        }
        for (name, check) in [
            ("plan.ron", (|p: &Path| state_matches::<Plan>(p)) as fn(&Path) -> bool),
            ("roster.ron", |p: &Path| state_matches::<Roster>(p)),
        ] {
            let path = dir.path().join(name);
            assert!(check(&path), "{name} is not a complete state");
            // No backup yet when the loser gave up before the winner's second save.
            let backup = store::backup_path(&path);
            assert!(!backup.exists() || check(&backup), "{name}.bak is not a complete state");
        }
    }
}

fn state_matches<D: StressState + PartialEq + std::fmt::Debug>(path: &Path) -> bool {
    let document = store::load::<D>(path).unwrap().document.unwrap();
    document.number().is_some_and(|n| D::state(7, n).unwrap() == document)
}

/// The leftovers of killed saves are swept when a document is opened; anything else in the folder,
/// and a temp file young enough to belong to a save in flight, stays.
#[test]
fn leftovers_of_killed_saves_are_swept_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    store::save(&path, &Plan::default(), Fingerprint::Missing).unwrap();
    let strays = [".plan.ron.a8Zk3Q", ".plan.ron.bak.4242-0", ".plan.ron.bak.17-12"];
    let keep = [".plan.ron.toolong1", "plan.ron.x8Zk3Q", ".plan.ron.bak.me-1", ".roster.ron.a8Zk3Q", "notes.txt"];
    for name in strays.iter().chain(&keep) {
        write_plain(&dir.path().join(name), b"left over");
    }
    // Younger than the minimum age: a save may still be writing them.
    assert_eq!(store::sweep_strays(&path, std::time::Duration::from_secs(3600)), 0);
    assert_eq!(listing(dir.path()).len(), 1 + strays.len() + keep.len());
    assert_eq!(store::sweep_strays(&path, std::time::Duration::ZERO), strays.len());
    let mut expected: Vec<String> = keep.iter().map(ToString::to_string).chain(["plan.ron".to_owned()]).collect();
    expected.sort();
    let mut left = listing(dir.path());
    left.sort();
    assert_eq!(left, expected);
    assert_eq!(store::load::<Plan>(&path).unwrap().document.unwrap(), Plan::default());
}
