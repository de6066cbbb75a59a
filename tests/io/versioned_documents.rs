//! Every document type has a version. For each: a fixture of every past version that must load
//! forever, and a newer version that is refused read-only and never rewritten.
//!
//! Adding version N+1 of a document: keep the `…FileVN` struct, add `…FileVN+1`, migrate in
//! `from_ron` by `version`, add `tests/fixtures/<kind>_vN+1.ron`, and add it to [`FIXTURES`]
//! (see RELIABILITY.md, "Versioned documents").
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::{Path, PathBuf};

use lanyard::io::settings::Settings;
use lanyard::io::store::{self, Document, Fingerprint, StoreError};
use lanyard::model::roster::Roster;
use lanyard::model::{MapPoint, Plan, Priority, SessionId};

use crate::common;

/// Every past on-disk version of every document type: (kind, version, fixture).
const FIXTURES: &[(&str, u32, &str)] = &[
    ("plan", 1, "tests/fixtures/plan_v1.ron"),
    ("plan", 2, "tests/fixtures/plan_v2.ron"),
    ("roster", 1, "tests/fixtures/roster/roster_v1.ron"),
    ("roster", 2, "tests/fixtures/roster/roster_v2.ron"),
    ("settings", 1, "tests/fixtures/settings_v1.ron"),
];

fn fixture<D: Document>(version: u32) -> PathBuf {
    let (_, _, path) = FIXTURES.iter().find(|(kind, v, _)| *kind == D::KIND && *v == version).unwrap();
    common::repo_path(path)
}

/// Loads every fixture of `D`, and checks that saving what was loaded and loading it again gives
/// the same document (a migrated file is written in the newest version without losing anything).
fn every_version_loads<D: Document + PartialEq + std::fmt::Debug>() -> Vec<D> {
    let versions: Vec<u32> = FIXTURES.iter().filter(|(kind, ..)| *kind == D::KIND).map(|(_, v, _)| *v).collect();
    assert_eq!(
        versions,
        (1..=D::VERSION).collect::<Vec<_>>(),
        "{}: a fixture for every version up to {}",
        D::KIND,
        D::VERSION
    );
    versions
        .into_iter()
        .map(|version| {
            let path = fixture::<D>(version);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(&format!("version: {version}")), "{path:?} is not version {version}");
            let document = store::load::<D>(&path).unwrap_or_else(|e| panic!("{e}")).document.unwrap();
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join("copy.ron");
            store::save(&copy, &document, Fingerprint::Missing).unwrap();
            assert_eq!(store::load::<D>(&copy).unwrap().document.as_ref(), Some(&document), "{path:?}");
            assert!(std::fs::read_to_string(&copy).unwrap().contains(&format!("version: {}", D::VERSION)));
            document
        })
        .collect()
}

#[test]
fn plan_fixtures_of_every_version_load() {
    let plans = every_version_loads::<Plan>();
    let v1 = &plans[0];
    assert_eq!(v1.conference, "cascadia-py-2027");
    assert_eq!(v1.priority(&SessionId::new("cpc27-003")), Some(Priority::Must));
    assert_eq!(v1.note(&SessionId::new("cpc27-003")), Some("ask about the limited C API"));
    assert_eq!(v1.map, None, "version 1 had no venue map");
    let v2 = &plans[1];
    assert_eq!((v2.me.as_deref(), v2.picks.len()), (Some("Ana Lima"), 2));
    let map = v2.map.as_ref().unwrap();
    assert_eq!(map.image.as_deref(), Some(Path::new("/home/ana/maps/harbourside.png")));
    assert_eq!(map.pin("ballroom"), MapPoint::new(0.1969, 0.3875));
    assert_eq!(map.pins.len(), 3, "a pin whose room is gone is kept");
}

#[test]
fn roster_fixtures_of_every_version_load() {
    let rosters = every_version_loads::<Roster>();
    assert_eq!(rosters[0].id(), "fixture");
    assert_eq!(rosters[0].shifts().len(), 4);
    assert_eq!(rosters[0].rules().max_consecutive_mins, None, "version 1 had no consecutive-hours rule");
    let v2 = &rosters[1];
    assert_eq!(v2.rules().max_consecutive_mins, Some(360));
    assert_eq!(v2.shift("s3").unwrap().requires, ["de"]);
    let bags = v2.task("bags").unwrap().throughput.unwrap();
    assert_eq!((bags.units, bags.stations, bags.units_per_volunteer_hour), (3000, 10, 100));
}

#[test]
fn settings_fixtures_of_every_version_load() {
    let settings = every_version_loads::<Settings>();
    assert_eq!(settings[0].last_schedule.as_deref(), Some(Path::new("/home/ana/Downloads/fosdem-2027.xml")));
    assert!(settings[0].show_laptop_time);
    assert_eq!(settings[0].zone_overrides.get("minicon-2027").map(String::as_str), Some("Europe/Brussels"));
}

/// The newest fixture with its version raised by one: what a newer lanyard could write.
fn newer<D: Document>() -> String {
    let text = std::fs::read_to_string(fixture::<D>(D::VERSION)).unwrap();
    // A newer version may also add fields this lanyard does not know.
    let newer = text.replacen(
        &format!("version: {},", D::VERSION),
        &format!("version: {},\n    flying_cars: true,", D::VERSION + 1),
        1,
    );
    assert_ne!(newer, text);
    newer
}

fn newer_version_is_refused_read_only<D: Document + std::fmt::Debug>() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.ron", D::KIND));
    let text = newer::<D>();
    std::fs::File::create(&path).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();

    let err = store::load::<D>(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found, supported, .. } if found == D::VERSION + 1 && supported == D::VERSION),
        "{err}"
    );
    assert!(err.is_read_only());
    assert!(err.to_string().contains("left untouched"), "{err}");
    // Best-effort viewing reads the fields it knows, without touching the file either.
    assert!(store::load_newer_for_viewing::<D>(&path).is_some(), "{} could not be viewed", D::KIND);

    // An older lanyard that loaded the file before a newer one upgraded it cannot save over it.
    let old = std::fs::read_to_string(fixture::<D>(D::VERSION)).unwrap();
    let stale = Fingerprint::of(old.as_bytes());
    let document = store::load::<D>(&fixture::<D>(D::VERSION)).unwrap().document.unwrap();
    assert!(matches!(store::save(&path, &document, stale), Err(StoreError::ChangedOnDisk { .. })));

    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "the newer file was rewritten");
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no backup, temp file or set-aside copy: {names:?}");
}

#[test]
fn a_newer_plan_is_refused_read_only() {
    newer_version_is_refused_read_only::<Plan>();
}

#[test]
fn a_newer_roster_is_refused_read_only() {
    newer_version_is_refused_read_only::<Roster>();
}

#[test]
fn newer_settings_are_refused_read_only() {
    newer_version_is_refused_read_only::<Settings>();
}

/// Version 0 and missing versions are not silently taken for version 1.
#[test]
fn missing_or_zero_versions_are_corrupt_not_guessed() {
    fn check<D: Document + std::fmt::Debug>() {
        let text = std::fs::read_to_string(fixture::<D>(1)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.ron");
        for broken in [text.replacen("version: 1,", "", 1), text.replacen("version: 1", "version: -1", 1)] {
            std::fs::File::create(&path)
                .and_then(|mut f| std::io::Write::write_all(&mut f, broken.as_bytes()))
                .unwrap();
            let err = store::load::<D>(&path).unwrap_err();
            assert!(matches!(err, StoreError::Corrupt { .. }), "{}: {err}", D::KIND);
        }
    }
    check::<Plan>();
    check::<Roster>();
    check::<Settings>();
}
