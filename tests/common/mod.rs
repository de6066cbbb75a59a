//! Fixtures and helpers shared by the integration tests, loaded through the real loaders. Each
//! test binary (`tests/app`, `tests/cli`, `tests/io`, `tests/model`) includes this module once; a
//! helper that two test files need lives here, not in both.
#![allow(dead_code, reason = "each test binary uses a different subset")]
#![expect(clippy::unwrap_used, reason = "test helpers: a panic is the right failure")]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use egui_kittest::Harness;
use lanyard::LanyardApp;
use lanyard::app::AppConfig;
use lanyard::io::store;
use lanyard::model::roster::Roster;
use lanyard::model::{Location, Plan, Schedule, ScheduleStats, Session, SessionId};

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The bundled sample conference, through the real importer.
pub fn sample() -> Schedule {
    lanyard::io::import::load(&repo_path("assets/sample-conference.ron")).unwrap()
}

/// The bundled sample roster (`assets/sample-roster.ron`), through the store.
pub fn sample_roster() -> Roster {
    store::load::<Roster>(&repo_path("assets/sample-roster.ron")).unwrap().document.unwrap()
}

/// A file under `tests/fixtures/`.
pub fn fixture_path(relative: &str) -> PathBuf {
    repo_path("tests/fixtures").join(relative)
}

/// A schedule through the real importer; a failure names the file and the place in it.
pub fn load_schedule(path: &Path) -> Schedule {
    lanyard::io::import::load(path).unwrap_or_else(|err| panic!("{}", err.display_with_path(path)))
}

/// A local date and time written `YYYY-MM-DD HH:MM`.
pub fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// A date written `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The evening before the sample conference opens: the app starts on the schedule.
pub fn eve_of_the_conference() -> NaiveDateTime {
    at("2027-04-15 18:00")
}

/// Saturday 17 April, 10:15 in Vancouver: the sample conference's 10:00 talks are on, the 10:45
/// ones are next.
pub fn saturday_morning() -> NaiveDateTime {
    at("2027-04-17 10:15")
}

pub fn id(s: &str) -> SessionId {
    SessionId::new(s)
}

/// The ids of a schedule's sessions, in its order.
pub fn ids(schedule: &Schedule) -> Vec<&str> {
    schedule.sessions().iter().map(|s| s.id.as_str()).collect()
}

pub fn session<'a>(schedule: &'a Schedule, id: &str) -> &'a Session {
    schedule.session_by_id(&id.into()).unwrap_or_else(|| panic!("no session {id:?} in {:?}", ids(schedule)))
}

/// Warnings as `lanyard check` prints them: `LINE:COL: message`.
pub fn warnings(schedule: &Schedule) -> Vec<String> {
    schedule.warnings().iter().map(ToString::to_string).collect()
}

/// The counts `lanyard check` prints.
pub fn stats(events: usize, rooms: usize, days: usize, tracks: usize, warnings: usize) -> ScheduleStats {
    ScheduleStats { events, rooms, days, tracks, warnings }
}

pub fn loc(line: u32, col: u32) -> Option<Location> {
    Some(Location { line, col })
}

/// Runs the real `lanyard` binary with `args` and no `LANYARD_DATA_DIR`: (exit code, stdout,
/// stderr).
pub fn lanyard(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(args)
        .env_remove(lanyard::io::paths::DATA_DIR_ENV)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
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
    lanyard::io::paths::plan_path(dir, &"cascadia-py-2027".into())
}

/// The sample conference's plan as saved in `dir`, read through the store.
pub fn plan_on_disk(dir: &Path) -> Plan {
    store::load::<Plan>(&sample_plan_path(dir)).unwrap().document.unwrap()
}

/// Writes `bytes` to `path` as another program would: plainly, not through lanyard's store.
pub fn write_raw(path: &Path, bytes: &(impl AsRef<[u8]> + ?Sized)) {
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

/// Presses the primary button at `from`, moves to `to` in `steps` frames and lets go: a drag
/// as a hand makes it, for drag-and-drop and edge-drag flows.
pub fn drag(harness: &mut Harness<'_, LanyardApp>, from: egui::Pos2, to: egui::Pos2, steps: u16) {
    use egui::{Event, Modifiers, PointerButton};
    harness.event(Event::PointerMoved(from));
    harness.step();
    harness.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    for step in 1..=steps {
        harness.event(Event::PointerMoved(from + (to - from) * (f32::from(step) / f32::from(steps))));
        harness.step();
    }
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
}
