//! Conference ids and room keys became types in issue 15 (`ConferenceId`, `RoomKey`), both
//! `#[serde(transparent)]` so that no file changes. `tests/fixtures/before_typed_ids/` holds a
//! plan and a settings file saved by lanyard before that change (main at e92b17e, by loading a
//! hand-written file and saving it through the store); they must load, hold typed ids, and save
//! back byte for byte.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use lanyard::io::settings::Settings;
use lanyard::io::store::{self, Document, Fingerprint};
use lanyard::model::{ConferenceId, Plan, RoomKey};

use crate::common;

/// Loads the fixture `name` as a `D`, saves it through the store, and returns the document, the
/// fixture's text and the saved text.
fn load_and_resave<D: Document>(name: &str) -> (D, String, String) {
    let before_path = common::repo_path(&format!("tests/fixtures/before_typed_ids/{name}"));
    let before = std::fs::read_to_string(&before_path).unwrap();
    let document = store::load::<D>(&before_path).unwrap().document.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let after_path = dir.path().join(name);
    store::save(&after_path, &document, Fingerprint::Missing).unwrap();
    let after = std::fs::read_to_string(&after_path).unwrap();
    (document, before, after)
}

#[test]
fn a_plan_saved_before_typed_ids_saves_back_to_the_same_text() {
    let (plan, before, after) = load_and_resave::<Plan>("plan.ron");
    assert_eq!(plan.conference, ConferenceId::new("cascadia-py-2027"));
    let pins = &plan.map.as_ref().unwrap().pins;
    assert!(pins.contains_key(&RoomKey::new("Salle \"Grand\" — Rez/ü")), "quotes and non-ASCII survive as a key");
    assert_eq!(
        pins.keys().map(RoomKey::as_str).collect::<Vec<_>>(),
        ["Salle \"Grand\" — Rez/ü", "ballroom", "closed-room"]
    );
    assert_eq!(after, before);
}

#[test]
fn a_settings_file_saved_before_typed_ids_saves_back_to_the_same_text() {
    let (settings, before, after) = load_and_resave::<Settings>("settings.ron");
    let cascadia = ConferenceId::new("cascadia-py-2027");
    assert_eq!(settings.zone_overrides.get(&cascadia).map(String::as_str), Some("America/Vancouver"));
    assert!(settings.rosters.contains_key(&cascadia) && settings.staff_plans.contains_key(&cascadia));
    let rooms = &settings.filters[&cascadia].rooms;
    assert_eq!(rooms.iter().map(RoomKey::as_str).collect::<Vec<_>>(), ["Salle \"Grand\" — Rez/ü", "ballroom"]);
    assert!(settings.filters["minicon-2027"].hide_past, "maps keyed by a ConferenceId answer a &str");
    assert_eq!(after, before);
}
