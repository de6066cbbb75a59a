//! `lanyard check` is a contract scripts rely on: exact summary lines and error positions.

use crate::common::{self, lanyard};

#[test]
fn check_prints_the_summary_line_for_the_sample() {
    let sample = common::repo_path("assets/sample-conference.ron");
    let sample = sample.to_str().unwrap();
    let (code, stdout, stderr) = lanyard(&["check", sample]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("{sample}: events=103 rooms=10 days=3 tracks=6 warnings=0\n"));
}

#[test]
fn check_reports_file_line_col_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = "(\n    version: 1,\n    conference: (id: \"x\", name: \"X\"),\n    sessions: [(id: \"a\", title: \"A\", room: \"nowhere\", start: \"2027-01-01T10:00\", minutes: 5)],\n)\n";
    std::fs::File::create(&bad).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())).unwrap();
    let sample = common::repo_path("assets/sample-conference.ron");
    let (code, stdout, stderr) = lanyard(&["check", bad.to_str().unwrap(), sample.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "the good file still gets its line: {stdout}");
    assert_eq!(
        stderr.trim_end(),
        format!("{}:4:44: error: session \"a\" is in unknown room \"nowhere\"", bad.display())
    );
}

#[test]
fn check_never_panics_on_junk() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 6] = [
        ("empty.ron", b""),
        ("nul.xml", b"\x00\x00\x00"),
        ("utf8.ron", b"(version: 1, conference: (id: \"\xff\xfe\", name: \"x\"))"),
        ("truncated.ron", b"(version: 1, conference: (id: \"x\", name: \"X\"), sessions: [(id: \"a\","),
        ("random.bin", &[0x9c, 0x11, 0xfe, 0x00, 0x42, 0x07]),
        ("negative.ron", b"(version: 1, conference: (id: \"x\", name: \"X\"), sessions: [(id: \"a\", title: \"A\", start: \"2027-01-01T10:00\", minutes: -5)])"),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, bytes)).unwrap();
        let (code, stdout, stderr) = lanyard(&["check", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {stdout}{stderr}");
        let prefix = format!("{}:", path.display());
        assert!(stderr.starts_with(&prefix) && stderr.contains(": error: "), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn year_9999_and_long_durations_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.ron");
    let text = "(version: 1, conference: (id: \"x\", name: \"X\"), sessions: [(id: \"a\", title: \"A\", start: \"9999-12-31T23:00\", minutes: 59940)])";
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())).unwrap();
    let (code, stdout, _) = lanyard(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("events=1 rooms=0 days=1 tracks=0 warnings=1"), "{stdout}");
}

#[test]
fn data_dir_may_come_before_or_after_a_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::repo_path("assets/sample-conference.ron");
    let (sample, data) = (sample.to_str().unwrap(), dir.path().to_str().unwrap());
    for args in [["--data-dir", data, "check", sample], ["check", sample, "--data-dir", data]] {
        let (code, stdout, stderr) = lanyard(&args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stdout.contains("events=103"), "{args:?}: {stdout}");
    }
}

#[test]
fn a_mistyped_start_view_or_theme_is_refused_with_the_valid_values() {
    // Refused while parsing the arguments, before any window could open.
    let (code, stdout, stderr) = lanyard(&["--view", "nowhere"]);
    assert_ne!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("invalid value 'nowhere' for '--view <VIEW>'"), "{stderr}");
    for view in ["now", "schedule", "grid", "agenda", "roster", "map"] {
        assert!(stderr.contains(view), "the message names `{view}`: {stderr}");
    }
    let (code, _, stderr) = lanyard(&["--theme", "purple"]);
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("'purple'") && stderr.contains("light") && stderr.contains("dark"), "{stderr}");
}
