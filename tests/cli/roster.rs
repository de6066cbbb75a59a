//! `lanyard roster` is a contract scripts rely on: exact violation lines and summary lines, exit
//! status, errors that name the file, and a roster written atomically without touching the staff
//! members' own files.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::{Path, PathBuf};

use lanyard::io::store;
use lanyard::model::roster::Roster;

use crate::common::{self, lanyard, write_raw as write};

fn path(relative: &str) -> String {
    common::repo_path(relative).to_str().unwrap().to_owned()
}

fn fixture() -> String {
    path("tests/fixtures/roster/roster_v1.ron")
}

fn fixture_plans() -> [String; 4] {
    [
        "--plans".into(),
        path("tests/fixtures/roster/plans"),
        "--schedule".into(),
        path("tests/fixtures/roster/schedule.ron"),
    ]
}

fn folder_bytes(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn check_on_the_sample_without_plans() {
    let (code, stdout, stderr) = lanyard(&["roster", &path("assets/sample-roster.ron"), "--check"]);
    assert_eq!(code, 1, "violations make --check fail: {stderr}");
    assert_eq!(
        stdout,
        "sun-spon-pm (Tidewater Data (sponsor), Sun 18 Apr 14:15–16:30): Mo Adeyemi is a newcomer with no experienced partner\n\
         seats=37 filled=25 bound=37 newcomers_alone=1 violations=1 full=9 gap=12 spread_h=5.0\n"
    );
    assert_eq!(stderr, "");
}

#[test]
fn check_on_the_sample_with_staff_plans_and_the_bundled_schedule() {
    let (code, stdout, stderr) =
        lanyard(&["roster", &path("assets/sample-roster.ron"), "--plans", &path("assets/staff-plans"), "--check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        "fri-found-am (Cascadia Python Foundation, Fri 16 Apr 09:45–12:00): Ana Lima would miss must-see \
         \"Life after the GIL: porting a C extension to free-threaded Python\" (cpc27-003)\n\
         sun-spon-pm (Tidewater Data (sponsor), Sun 18 Apr 14:15–16:30): Mo Adeyemi is a newcomer with no experienced partner\n\
         seats=37 filled=25 bound=37 newcomers_alone=1 violations=2 full=9 gap=12 spread_h=5.0\n"
    );
    assert_eq!(stderr, "");
}

#[test]
fn auto_on_the_sample_writes_a_clean_roster_and_touches_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("roster.ron");
    let plans = path("assets/staff-plans");
    let plans_before = folder_bytes(Path::new(&plans));
    let sample_before = std::fs::read(path("assets/sample-roster.ron")).unwrap();
    let (code, stdout, stderr) = lanyard(&[
        "roster",
        &path("assets/sample-roster.ron"),
        "--plans",
        &plans,
        "--auto",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "seats=37 filled=36 bound=37 newcomers_alone=0 violations=0 full=17 gap=1 spread_h=2.8\n");
    assert_eq!(folder_bytes(Path::new(&plans)), plans_before, "staff plans are never written");
    assert_eq!(std::fs::read(path("assets/sample-roster.ron")).unwrap(), sample_before);
    let written = store::load::<Roster>(&out).unwrap().document.unwrap();
    assert_eq!(written.filled(), 36);
    // Checking the written roster agrees with what --auto said, and it passes.
    let (code, stdout, _) = lanyard(&["roster", out.to_str().unwrap(), "--plans", &plans, "--check"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "seats=37 filled=36 bound=37 newcomers_alone=0 violations=0 full=17 gap=1 spread_h=2.8\n")
    );
}

#[test]
fn check_on_the_fixture_with_and_without_plans() {
    let (code, stdout, _) = lanyard(&["roster", &fixture(), "--check"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "s1 (Booth, Fri 16 Apr 09:00–11:00): Cy is a newcomer with no experienced partner\n\
         seats=7 filled=1 bound=7 newcomers_alone=1 violations=1 full=0 gap=6 spread_h=0.0\n"
    );
    let mut args = vec!["roster".to_owned(), fixture(), "--check".to_owned()];
    args.extend(fixture_plans());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = lanyard(&args);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout.lines().last(),
        Some("seats=7 filled=1 bound=6 newcomers_alone=1 violations=1 full=0 gap=5 spread_h=0.0")
    );
}

#[test]
fn auto_on_the_fixture_with_and_without_plans() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let (code, stdout, stderr) = lanyard(&["roster", &fixture(), "--auto", "-o", out.to_str().unwrap()]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "seats=7 filled=7 bound=7 newcomers_alone=0 violations=0 full=4 gap=0 spread_h=4.0\n"),
        "{stderr}"
    );
    // Ann's must-see at 11:45 keeps her off s2; only three experienced seats are left for four
    // shifts, so the one-seat s4 stays open and --explain says why.
    let mut args = vec!["roster".to_owned(), fixture(), "--auto".to_owned(), "--explain".to_owned()];
    args.extend(fixture_plans());
    args.extend(["-o".to_owned(), out.to_str().unwrap().to_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = lanyard(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "seats=7 filled=6 bound=6 newcomers_alone=0 violations=0 full=3 gap=0 spread_h=4.0\n");
    assert_eq!(
        stderr,
        "unfilled: s4 (Booth, Fri 16 Apr 09:00–10:00): 1 open seat; could have: Ann (on s1 at the same time), \
         Bo (would work 3 h in all (max 2 h)), Di (a newcomer, and nobody experienced is on it), \
         Cy (a newcomer, and nobody experienced is on it; on s1 at the same time)\n"
    );
    // Writing over the file it was read from works, with a backup of the old one.
    let again = dir.path().join("again.ron");
    std::fs::copy(fixture(), &again).unwrap();
    let (code, _, stderr) = lanyard(&["roster", again.to_str().unwrap(), "--auto", "-o", again.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read(store::backup_path(&again)).unwrap(), std::fs::read(fixture()).unwrap());
}

#[test]
fn exports_go_where_asked() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    let (code, stdout, stderr) = lanyard(&[
        "roster",
        &fixture(),
        "--auto",
        "-o",
        dir.path().join("out.ron").to_str().unwrap(),
        "--export",
        export.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "seats=7 filled=7 bound=7 newcomers_alone=0 violations=0 full=4 gap=0 spread_h=4.0\n");
    let mut names: Vec<String> =
        std::fs::read_dir(&export).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["Ann.ics", "Bo.ics", "Cy.ics", "roster.csv", "roster.html"], "Di has no shift, so no calendar");
    let csv = std::fs::read_to_string(export.join("roster.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 7);
}

#[test]
fn problems_are_reported_with_the_file_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.ron");
    let out_arg = out.to_str().unwrap();
    // A missing roster.
    let missing = dir.path().join("missing.ron");
    let (code, _, stderr) = lanyard(&["roster", missing.to_str().unwrap(), "--check"]);
    assert_eq!((code, stderr), (1, format!("{}: error: there is no roster file here\n", missing.display())));
    // A roster that breaks an invariant, with its position.
    let bad = dir.path().join("bad.ron");
    write(&bad, "(version: 1, id: \"x\",\n assignments: [(shift: \"nope\", person: \"Ann\")])");
    let (code, _, stderr) = lanyard(&["roster", bad.to_str().unwrap(), "--check"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!("{}:2:24: error: roster file is not valid: there is no shift \"nope\"\n", bad.display())
    );
    // A broken staff plan stops the run before anything is written.
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    write(&plans.join("ann.ron"), "(version: 1, conference: \"fixture-conf\", me: \"Ann\", picks: {");
    write(&plans.join("zed.ron"), "(version: 1, conference: \"fixture-conf\", me: \"Zed\")");
    let (code, stdout, stderr) =
        lanyard(&["roster", &fixture(), "--plans", plans.to_str().unwrap(), "--auto", "-o", out_arg]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with(&format!("{}:1:", plans.join("ann.ron").display())), "{stderr}");
    assert!(lines[0].contains(": error: plan file is not valid: "), "{stderr}");
    assert_eq!(
        lines[1],
        format!(
            "{}: warning: no staff member is called \"Zed\" or \"zed\"; the file is skipped",
            plans.join("zed.ron").display()
        )
    );
    assert!(!out.exists());
    // A plan with picks needs a schedule: the fixture's conference is not the bundled sample's.
    let (code, _, stderr) =
        lanyard(&["roster", &fixture(), "--plans", &path("tests/fixtures/roster/plans"), "--check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("ann.ron: error: Ann's plan has picks, but there is no schedule"), "{stderr}");
    // -o never replaces a file that is not a roster.
    let plan = dir.path().join("plan.ron");
    write(&plan, "(version: 1, conference: \"c\")");
    let (code, _, stderr) = lanyard(&["roster", &fixture(), "--auto", "-o", plan.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("{}: error: refusing to write over", plan.display())), "{stderr}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "(version: 1, conference: \"c\")");
    // --auto needs -o, and one of --auto / --check is required (clap usage errors).
    assert_eq!(lanyard(&["roster", &fixture(), "--auto"]).0, 2);
    assert_eq!(lanyard(&["roster", &fixture()]).0, 2);
}

#[test]
fn import_staff_adds_the_good_rows_and_reports_the_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("roster.ron");
    let sample = path("assets/sample-roster.ron");
    let staff = path("tests/fixtures/roster/staff.csv");
    let (code, stdout, stderr) = lanyard(&["roster", &sample, "--import-staff", &staff, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "", "every row of the good list is read");
    let added: Vec<&str> = stdout.lines().filter(|l| l.starts_with("added: ")).collect();
    assert_eq!(added.len(), 12, "{stdout}");
    assert_eq!(added.iter().filter(|l| l.ends_with(" (newcomer)")).count(), 4);
    assert!(stdout.lines().last().unwrap().starts_with("seats="), "{stdout}");
    let before = common::sample_roster();
    let written = store::load::<Roster>(&out).unwrap().document.unwrap();
    assert_eq!(written.staff().len(), before.staff().len() + 12);
    let dana = written.staff_member("Dana Fischer").unwrap();
    assert_eq!(
        (dana.max_hours_per_day, dana.max_hours_total, dana.skills.as_slice()),
        (Some(5), Some(10), &["de".to_owned()][..])
    );

    // Ana Lima is already on the sample roster; the other bad rows are bad in themselves.
    let bad = path("tests/fixtures/roster/staff_bad_rows.csv");
    let (code, stdout, stderr) = lanyard(&["roster", &sample, "--import-staff", &bad, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let added: Vec<&str> = stdout.lines().filter(|l| l.starts_with("added: ")).collect();
    assert_eq!(added, ["added: Ola Nordmann", "added: Rui Costa (newcomer)"]);
    let lines: Vec<String> = stderr.lines().map(|l| l.replace(&bad, "staff_bad_rows.csv")).collect();
    assert_eq!(
        lines,
        [
            "staff_bad_rows.csv:3: no name",
            "staff_bad_rows.csv:4: experience \"expert\" is neither newcomer nor experienced",
            "staff_bad_rows.csv:5: max hours per day \"lots\" is not a whole number of hours",
            "staff_bad_rows.csv:6: Ola Nordmann is listed twice (first on line 2)",
            "staff_bad_rows.csv:8: Ana Lima is already in the roster",
        ]
    );

    // Nothing to add: exit status 1, and nothing written.
    let none = dir.path().join("none.csv");
    write(&none, b"name\n\n");
    let untouched = dir.path().join("untouched.ron");
    let (code, _, stderr) =
        lanyard(&["roster", &sample, "--import-staff", none.to_str().unwrap(), "-o", untouched.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.ends_with("none.csv: error: nobody to add\n"), "{stderr}");
    assert!(!untouched.exists());
    let (code, _, stderr) = lanyard(&["roster", &sample, "--import-staff", &sample, "-o", untouched.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no name column"), "{stderr}");
}

/// Bo's two shifts of 1 h 0 min 50 s come to 2 h 1 min 40 s, over his 2 h: exact times, summed
/// before rounding.
const SECONDS_ROSTER: &str = r#"(
    version: 1,
    id: "secs",
    conference: "c",
    name: "Seconds",
    rules: (min_rest_mins: 30),
    booths: [(id: "b", name: "Booth")],
    shifts: [
        (id: "a", booth: "b", starts_at: "2027-04-16T09:00:00", ends_at: "2027-04-16T10:00:50", seats: 1),
        (id: "b", booth: "b", starts_at: "2027-04-16T11:00:00", ends_at: "2027-04-16T12:00:50", seats: 1),
        (id: "c", booth: "b", starts_at: "2027-04-16T13:00:00", ends_at: "2027-04-16T14:30:00"),
    ],
    staff: [
        (name: "Ann", experience: Experienced),
        (name: "Bo", experience: Experienced, max_hours_total: 2),
        (name: "Cy", experience: Experienced),
    ],
    assignments: [(shift: "a", person: "Bo"), (shift: "b", person: "Bo"), (shift: "c", person: "Ann")],
)"#;

#[test]
fn the_summary_line_counts_full_shifts_the_gap_to_the_bound_and_the_spread_of_hours() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("roster.ron");
    write(&input, SECONDS_ROSTER);
    // a and b are full, c has one of two seats: full=2; the bound is 4, so gap=1. Bo works
    // 2 h 1 min 40 s and Ann 1 h 30 min; Cy has no shift and is left out: spread_h=0.5.
    let (code, stdout, stderr) = lanyard(&["roster", input.to_str().unwrap(), "--check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        "Bo works 2 h 2 min in all, more than their 2 h\n\
         seats=4 filled=3 bound=4 newcomers_alone=0 violations=1 full=2 gap=1 spread_h=0.5\n"
    );
    // The auto-roster keeps Bo on a only and gives b and c's open seat to Cy (fewest hours):
    // Cy 2 h 30 min 50 s, Bo 1 h 0 min 50 s, so spread_h=1.5.
    let out = dir.path().join("out.ron");
    let (code, stdout, stderr) = lanyard(&["roster", input.to_str().unwrap(), "--auto", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "seats=4 filled=4 bound=4 newcomers_alone=0 violations=0 full=3 gap=0 spread_h=1.5\n");
    let (code, stdout, _) = lanyard(&["roster", out.to_str().unwrap(), "--check"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "seats=4 filled=4 bound=4 newcomers_alone=0 violations=0 full=3 gap=0 spread_h=1.5\n")
    );
}
