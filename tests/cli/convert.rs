//! `lanyard convert` and `lanyard export-ics`, run as the real binary: exit codes, the one-line
//! summary on stdout, `FILE:LINE:COL: error:` on stderr, and the files they write.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::{Path, PathBuf};

use lanyard::io::paths;
use lanyard::io::settings::Settings;
use lanyard::io::store::{self, Fingerprint};
use lanyard::model::{Edit, Plan, Priority, SessionId};

use crate::common::{lanyard, write_raw as write};

const SAMPLE_ID: &str = "cascadia-py-2027";

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-conference.ron")
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn vevents(text: &str) -> usize {
    text.matches("\r\nBEGIN:VEVENT\r\n").count()
}

/// A small schedule in Brussels with one session inside the 2027 spring-forward gap.
const TINY: &str = r#"(
    version: 1,
    conference: (id: "tiny-2027", name: "Tiny", time_zone: "Europe/Brussels"),
    rooms: [(id: "a", name: "Room A")],
    sessions: [
        (id: "t1", title: "In the gap", room: "a", start: "2027-03-28T02:30", minutes: 30),
        (id: "t2", title: "Later", room: "a", start: "2027-03-28T10:00", minutes: 30),
    ],
)
"#;

fn save_plan(path: &Path, conference: &str, picks: &[(&str, Priority)]) {
    let mut plan = Plan::new(conference);
    for &(id, priority) in picks {
        plan.picks.insert(
            SessionId::new(id),
            lanyard::model::Pick { priority, watch_later: false, title: id.to_owned(), starts_at: None },
        );
    }
    store::save(path, &plan, Fingerprint::Missing).unwrap();
}

#[test]
fn convert_sample_to_ics() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.ics");
    let (code, stdout, stderr) = lanyard(&["convert", s(&sample_path()), "-o", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("{}: events=103\n", out.display()));
    assert_eq!(stderr, "");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(vevents(&text), 103);
    // Byte for byte what the library writes.
    let schedule = lanyard::io::import::load(&sample_path()).unwrap();
    assert_eq!(text, lanyard::io::export::ical::schedule_to_ics(&schedule));
}

#[test]
fn convert_sample_to_ron_rechecks_with_identical_counts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("copy.RON");
    let (code, stdout, stderr) = lanyard(&["convert", s(&sample_path()), "--output", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("{}: events=103\n", out.display()));
    let (code, original, _) = lanyard(&["check", s(&sample_path())]);
    assert_eq!(code, 0);
    let (code, copy, stderr) = lanyard(&["check", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    let counts = |line: &str, path: &Path| line.strip_prefix(&format!("{}: ", path.display())).unwrap().to_owned();
    assert_eq!(counts(&copy, &out), counts(&original, &sample_path()));
    assert_eq!(counts(&copy, &out), "events=103 rooms=10 days=3 tracks=6 warnings=0\n");
}

#[test]
fn convert_refuses_unknown_output_extensions() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["out.txt", "out", "out.ics.tmp"] {
        let out = dir.path().join(name);
        let (code, stdout, stderr) = lanyard(&["convert", s(&sample_path()), "-o", s(&out)]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(stdout, "", "{name}");
        assert!(stderr.starts_with(&format!("{}: error: ", out.display())), "{name}: {stderr}");
        assert!(stderr.contains(".ron or .ics"), "{stderr}");
        assert!(!out.exists(), "{name} was written");
    }
}

#[test]
fn convert_bad_input_prints_file_line_col_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = "(\n    version: 1,\n    conference: (id: \"x\", name: \"X\"),\n    sessions: [(id: \"a\", title: \"A\", room: \"nowhere\", start: \"2027-01-01T10:00\", minutes: 5)],\n)\n";
    write(&bad, text);
    let out = dir.path().join("out.ics");
    let (code, stdout, stderr) = lanyard(&["convert", s(&bad), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(stderr, format!("{}:4:44: error: session \"a\" is in unknown room \"nowhere\"\n", bad.display()));
    assert!(!out.exists());

    let missing = dir.path().join("missing.xml");
    let (code, _, stderr) = lanyard(&["convert", s(&missing), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("{}:1:1: error: could not read the file", missing.display())), "{stderr}");
}

#[test]
fn convert_never_writes_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.ron");
    write(&path, TINY);
    let (code, _, stderr) = lanyard(&["convert", s(&path), "-o", s(&path)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("error: refusing to write over"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TINY);
}

#[test]
fn convert_replaces_an_existing_output_and_reports_write_errors() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tiny.ron");
    write(&input, TINY);
    let out = dir.path().join("tiny.ics");
    write(&out, "old contents");
    let (code, stdout, _) = lanyard(&["convert", s(&input), "-o", s(&out)]);
    assert_eq!((code, stdout), (0, format!("{}: events=2\n", out.display())));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("DTSTART:20270328T013000Z"), "02:30 in the gap is 03:30 CEST: {text}");

    let nowhere = dir.path().join("no-such-folder").join("tiny.ics");
    let (code, _, stderr) = lanyard(&["convert", s(&input), "-o", s(&nowhere)]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("{}: error: could not write the file", nowhere.display())), "{stderr}");
}

#[test]
fn export_ics_writes_one_event_per_pick_from_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let schedule = lanyard::io::import::load(&sample_path()).unwrap();
    let ids: Vec<SessionId> = schedule.sessions().iter().take(3).map(|s| s.id.clone()).collect();
    let mut plan = Plan::new(SAMPLE_ID);
    for (id, priority) in ids.iter().zip([Priority::Must, Priority::Maybe, Priority::Must]) {
        plan.apply(&schedule, Edit::Pick { session_id: id.clone(), priority }).unwrap();
    }
    store::save(&paths::plan_path(data.path(), &SAMPLE_ID.into()), &plan, Fingerprint::Missing).unwrap();

    let out = data.path().join("picks.ics");
    let (code, stdout, stderr) = lanyard(&["export-ics", "-o", s(&out), "--data-dir", s(data.path())]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("{}: events=3\n", out.display()));
    assert_eq!(stderr, "");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(vevents(&text), 3);
    for id in &ids {
        assert!(text.contains(&format!("UID:{id}@{SAMPLE_ID}.lanyard\r\n")), "{id}");
    }
    assert_eq!(text.matches("PRIORITY:1\r\n").count(), 2);
    assert_eq!(text.matches("PRIORITY:5\r\n").count(), 1);
    assert_eq!(text, lanyard::io::export::ical::plan_to_ics(&schedule, &plan));
}

#[test]
fn export_ics_without_a_plan_names_the_missing_path() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("picks.ics");
    let (code, stdout, stderr) = lanyard(&["export-ics", "--data-dir", s(data.path()), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    let plan_path = paths::plan_path(data.path(), &SAMPLE_ID.into());
    assert!(stderr.starts_with(&format!("{}: error: ", plan_path.display())), "{stderr}");
    assert!(!out.exists());

    let explicit = data.path().join("nope.ron");
    let (code, _, stderr) = lanyard(&["export-ics", "--plan", s(&explicit), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("{}: error: ", explicit.display())), "{stderr}");
}

#[test]
fn export_ics_follows_the_last_schedule_and_only_warns_about_another_conference() {
    let data = tempfile::tempdir().unwrap();
    let schedule_path = data.path().join("tiny.ron");
    write(&schedule_path, TINY);
    let settings = Settings { last_schedule: Some(schedule_path.clone()), ..Settings::default() };
    store::save(&paths::settings_path(data.path()), &settings, Fingerprint::Missing).unwrap();
    // The plan sits where the schedule's conference id says, but names another conference.
    let plan_path = paths::plan_path(data.path(), &"tiny-2027".into());
    save_plan(&plan_path, "renamed-conference", &[("t1", Priority::Must), ("gone", Priority::Maybe)]);

    let out = data.path().join("picks.ics");
    let (code, stdout, stderr) = lanyard(&["export-ics", "--data-dir", s(data.path()), "-o", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("{}: events=1\n", out.display()));
    assert!(stderr.contains("warning: the plan is for conference \"renamed-conference\""), "{stderr}");
    assert!(stderr.contains("warning: 1 picked session(s) are not in this schedule"), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("UID:t1@tiny-2027.lanyard\r\nDTSTAMP:"), "{text}");
    assert!(text.contains("DTSTART:20270328T013000Z\r\n"), "{text}");
    assert!(text.contains("X-WR-CALNAME:Tiny — my picks\r\n"), "{text}");

    // Explicit --schedule and --plan win over the data folder.
    let other_plan = data.path().join("mine.ron");
    save_plan(&other_plan, "tiny-2027", &[("t1", Priority::Maybe), ("t2", Priority::Maybe)]);
    let (code, stdout, stderr) =
        lanyard(&["export-ics", "--schedule", s(&schedule_path), "--plan", s(&other_plan), "--output", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(stdout, format!("{}: events=2\n", out.display()));
    assert_eq!(std::fs::read_to_string(&out).unwrap().matches("STATUS:TENTATIVE\r\n").count(), 2);
}

#[test]
fn export_ics_reports_an_unreadable_schedule_or_plan_and_a_wrong_extension() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("picks.ics");
    // The remembered schedule is gone: say so rather than silently exporting another conference.
    let gone = data.path().join("gone.xml");
    let settings = Settings { last_schedule: Some(gone.clone()), ..Settings::default() };
    store::save(&paths::settings_path(data.path()), &settings, Fingerprint::Missing).unwrap();
    let (code, _, stderr) = lanyard(&["export-ics", "--data-dir", s(data.path()), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("{}:1:1: error: ", gone.display())), "{stderr}");

    // A corrupt plan points at its line and column.
    let schedule_path = data.path().join("tiny.ron");
    write(&schedule_path, TINY);
    let plan_path = data.path().join("plan.ron");
    write(&plan_path, "(\n    version: 1,\n    conference: 7,\n)\n");
    let (code, _, stderr) =
        lanyard(&["export-ics", "--schedule", s(&schedule_path), "--plan", s(&plan_path), "-o", s(&out)]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("{}:3:", plan_path.display())), "{stderr}");
    assert!(stderr.contains(": error: plan file is not valid"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&plan_path).unwrap(), "(\n    version: 1,\n    conference: 7,\n)\n");

    let (code, _, stderr) =
        lanyard(&["export-ics", "--schedule", s(&schedule_path), "-o", s(&data.path().join("x.ron"))]);
    assert_eq!(code, 1);
    assert!(stderr.contains("must end in .ics"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn export_ics_applies_the_zone_chosen_in_the_app() {
    let data = tempfile::tempdir().unwrap();
    let schedule_path = data.path().join("floating.ron");
    write(&schedule_path, &TINY.replace(", time_zone: \"Europe/Brussels\"", ""));
    let plan_path = data.path().join("plan.ron");
    save_plan(&plan_path, "tiny-2027", &[("t2", Priority::Must)]);
    let out = data.path().join("picks.ics");
    let args = ["export-ics", "--schedule", s(&schedule_path), "--plan", s(&plan_path), "-o", s(&out)];

    // No zone anywhere: floating wall-clock time.
    let (code, _, stderr) = lanyard(&[&args[..], &["--data-dir", s(data.path())]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("DTSTART:20270328T100000\r\n"));

    // The user picked Brussels in the app: 10:00 CEST is 08:00 UTC.
    let mut settings = Settings::default();
    settings.zone_overrides.insert("tiny-2027".into(), "Europe/Brussels".into());
    store::save(&paths::settings_path(data.path()), &settings, Fingerprint::Missing).unwrap();
    let (code, _, stderr) = lanyard(&[&args[..], &["--data-dir", s(data.path())]].concat());
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("DTSTART:20270328T080000Z\r\n"), "{text}");
    assert!(text.contains("X-WR-TIMEZONE:Europe/Brussels\r\n"), "{text}");
}
