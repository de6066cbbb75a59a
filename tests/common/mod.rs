//! Fixtures shared by the integration tests, loaded through the real loaders.
#![allow(dead_code, reason = "each test binary uses a different subset")]
#![expect(clippy::unwrap_used, reason = "test helpers: a panic is the right failure")]

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use egui_kittest::Harness;
use lanyard::LanyardApp;
use lanyard::app::AppConfig;
use lanyard::model::Schedule;

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The bundled sample conference, through the real importer.
pub fn sample() -> Schedule {
    lanyard::io::import::load(&repo_path("assets/sample-conference.ron")).unwrap()
}

pub fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// The evening before the sample conference opens: the app starts on the schedule.
pub fn eve_of_the_conference() -> NaiveDateTime {
    at("2027-04-15 18:00")
}

/// A fresh app on the sample conference with its data in `dir`, as a returning user (the
/// first-run welcome already seen).
pub fn app_in(dir: &Path) -> LanyardApp {
    let settings = lanyard::io::paths::settings_path(dir);
    if !settings.exists() {
        let welcomed = lanyard::io::settings::Settings { welcomed: true, ..Default::default() };
        lanyard::io::store::save(&settings, &welcomed, lanyard::io::store::Fingerprint::Missing).unwrap();
    }
    first_run_app_in(dir)
}

/// A fresh app as on the very first start in `dir`.
pub fn first_run_app_in(dir: &Path) -> LanyardApp {
    LanyardApp::new(AppConfig { data_dir: Some(dir.to_owned()), ..AppConfig::default() })
}

/// A harness drawing the whole app at a pinned time, in a laptop-sized window.
pub fn harness(app: LanyardApp, now: NaiveDateTime) -> Harness<'static, LanyardApp> {
    Harness::builder()
        .with_size([1280.0, 860.0])
        // Every edit is saved at once on a background thread, which asks for one more frame
        // when it is done (so the status bar is true): allow for it when settling.
        .with_max_steps(12)
        .build_ui_state(move |ui, app: &mut LanyardApp| app.ui_at(ui, now), app)
}

/// The plan file of the sample conference inside `dir`.
pub fn sample_plan_path(dir: &Path) -> PathBuf {
    lanyard::io::paths::plan_path(dir, "cascadia-py-2027")
}

/// Writes `bytes` to `path` as another program would: plainly, not through lanyard's store.
pub fn write_raw(path: &Path, bytes: impl AsRef<[u8]>) {
    use std::io::Write as _;
    std::fs::File::create(path).and_then(|mut file| file.write_all(bytes.as_ref())).unwrap();
}

/// Picks session `id` with `priority`, as the Must/Maybe buttons do.
pub fn pick(app: &mut LanyardApp, id: &str, priority: lanyard::model::Priority) {
    let session_id = lanyard::model::SessionId::new(id);
    app.execute(
        lanyard::command::Command::Plan(lanyard::command::PlanCommand::Edit(lanyard::model::Edit::Pick {
            session_id,
            priority,
        })),
        0.0,
    );
}
