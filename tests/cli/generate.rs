//! `lanyard gen`: deterministic synthetic schedules that every importer reads back exactly.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::Path;

use chrono::{Duration, NaiveTime};

use crate::common::lanyard;

/// Runs `lanyard gen` and returns the bytes written.
fn generate(dir: &Path, name: &str, extra: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    let path_text = path.to_str().unwrap();
    let mut args = vec!["gen", "-o", path_text];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = lanyard(&args);
    assert_eq!(code, 0, "gen {extra:?}: {stderr}");
    assert!(stdout.starts_with(&format!("{path_text}: events=")), "{stdout}");
    std::fs::read(&path).unwrap()
}

/// The `key=value` counts of `lanyard check FILE`'s summary line.
fn check_counts(path: &Path) -> Vec<(String, usize)> {
    let (code, stdout, stderr) = lanyard(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{}: {stderr}", path.display());
    let (_, counts) = stdout.trim_end().rsplit_once(": ").unwrap();
    counts
        .split(' ')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            (key.to_owned(), value.parse().unwrap())
        })
        .collect()
}

fn count(counts: &[(String, usize)], key: &str) -> usize {
    counts.iter().find(|(k, _)| k == key).map(|&(_, v)| v).unwrap()
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["ron", "xml", "json", "ics"] {
        let a = generate(dir.path(), &format!("a.{format}"), &["--events", "120", "--seed", "7"]);
        let b = generate(dir.path(), &format!("b.{format}"), &["--events", "120", "--seed", "7"]);
        let c = generate(dir.path(), &format!("c.{format}"), &["--events", "120", "--seed", "8"]);
        assert!(a == b, "{format}: the same seed must give the same bytes");
        assert!(a != c, "{format}: another seed must give another file");
    }
    // `--format` wins over the extension.
    let xml = generate(dir.path(), "x.txt", &["--events", "5", "--format", "xml"]);
    assert!(xml.starts_with(b"<?xml"));
}

#[test]
fn check_reads_back_exactly_n_events_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for (n, extra) in [("1", &[][..]), ("457", &["--rooms", "9", "--days", "3"][..])] {
        for format in ["ron", "xml", "json", "ics"] {
            let name = format!("s{n}.{format}");
            let mut args = vec!["--events", n, "--seed", "3"];
            args.extend_from_slice(extra);
            generate(dir.path(), &name, &args);
            let counts = check_counts(&dir.path().join(&name));
            assert_eq!(count(&counts, "events"), n.parse::<usize>().unwrap(), "{name}: {counts:?}");
        }
    }
}

#[test]
fn xml_to_ron_and_back_keeps_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "s.xml", &["--events", "900", "--seed", "11"]);
    let (xml, ron) = (dir.path().join("s.xml"), dir.path().join("s.ron"));
    let (code, stdout, stderr) = lanyard(&["convert", xml.to_str().unwrap(), "-o", ron.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, format!("{}: events=900\n", ron.display()));
    let (from_xml, from_ron) = (check_counts(&xml), check_counts(&ron));
    for key in ["events", "rooms", "days", "tracks"] {
        assert_eq!(count(&from_xml, key), count(&from_ron, key), "{key}: {from_xml:?} vs {from_ron:?}");
    }
    assert_eq!((count(&from_xml, "events"), count(&from_xml, "rooms"), count(&from_xml, "days")), (900, 30, 2));
    // A few repeated ids, as in real merged files: each one warned about in the XML.
    let repeats = count(&from_xml, "warnings");
    assert!((1..=3).contains(&repeats), "{from_xml:?}");
    // The generator's own RON names the same conference with the same ids.
    let direct = generate(dir.path(), "direct.ron", &["--events", "900", "--seed", "11"]);
    let converted = std::fs::read(&ron).unwrap();
    let direct = lanyard::io::import::parse(&direct, "direct.ron").unwrap();
    let converted = lanyard::io::import::parse(&converted, "s.ron").unwrap();
    let ids = |s: &lanyard::model::Schedule| s.sessions().iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&direct), ids(&converted));
}

#[test]
fn generated_xml_is_fosdem_sized_and_after_midnight_events_stay_on_the_previous_day() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = generate(dir.path(), "fosdem.xml", &["--events", "900"]);
    assert!((2_400_000..=3_200_000).contains(&bytes.len()), "{} bytes for 900 events", bytes.len());
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("<day_change>04:00:00</day_change>"));
    let schedule = lanyard::io::import::load(&dir.path().join("fosdem.xml")).unwrap();
    let day_change = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
    assert_eq!(schedule.conference().day_change, day_change);
    let late: Vec<_> = schedule.sessions().iter().filter(|s| s.starts_at.time() < day_change).collect();
    assert!(late.len() >= 3, "only {} after-midnight events", late.len());
    for session in late {
        let day = schedule.day(session.day).unwrap();
        assert_eq!(day.date + Duration::days(1), session.starts_at.date(), "{}", session.title);
        // In the file it is listed under that day, with its early-morning start.
        let date_line = format!("<date>{}+01:00</date>", session.starts_at.format("%Y-%m-%dT%H:%M:%S"));
        let at = text.find(&date_line).unwrap();
        let listed_under = text.get(..at).unwrap().rfind("<day index=").unwrap();
        let day_tag = text.get(listed_under..at).unwrap();
        assert!(day_tag.contains(&format!("date=\"{}\"", day.date)), "{}", session.title);
    }
}

#[test]
fn bad_arguments_fail_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let (code, stdout, stderr) = lanyard(&["gen", "--events", "10", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.starts_with(&format!("{}: error: unknown output format", out.display())), "{stderr}");
    assert!(!out.exists());
    let (code, _, _) = lanyard(&["gen", "--events", "0", "-o", dir.path().join("x.xml").to_str().unwrap()]);
    assert_eq!(code, 2, "clap refuses 0 events");
}

#[test]
fn abstract_chars_cuts_only_the_abstracts() {
    let dir = tempfile::tempdir().unwrap();
    let whole = generate(dir.path(), "whole.ron", &["--events", "300"]);
    let cut = generate(dir.path(), "cut.ron", &["--events", "300", "--abstract-chars", "50"]);
    assert!(cut.len() * 2 < whole.len(), "{} vs {} bytes", cut.len(), whole.len());
    assert_eq!(check_counts(&dir.path().join("cut.ron")), check_counts(&dir.path().join("whole.ron")));
    let whole = lanyard::io::import::load(&dir.path().join("whole.ron")).unwrap();
    let cut = lanyard::io::import::load(&dir.path().join("cut.ron")).unwrap();
    assert_eq!(whole.sessions().len(), cut.sessions().len());
    for (w, c) in whole.sessions().iter().zip(cut.sessions()) {
        assert_eq!((&w.id, &w.title, &w.speakers, w.starts_at), (&c.id, &c.title, &c.speakers, c.starts_at));
        assert!(c.abstract_text.chars().count() <= 50, "{:?}", c.abstract_text);
        assert!(w.abstract_text.trim_end().starts_with(c.abstract_text.trim_end()), "{:?}", c.abstract_text);
    }
    // Small files get no size warning.
    let (code, _, stderr) = lanyard(&["gen", "--events", "10", "-o", dir.path().join("x.xml").to_str().unwrap()]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}
