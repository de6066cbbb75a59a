//! Frame CPU time and per-frame allocations of the whole app, headless (issue #7: "Fast at FOSDEM
//! and CCC scale").
//!
//! Targets: the median steady frame takes at most 1 ms with 1,000 sessions, and at most twice the
//! 1k figure with 100,000 sessions; a frame allocates about as much at 100k as at 1k ("no
//! per-frame allocation proportional to the schedule").
//!
//! For 1k and 100k sessions it writes a synthetic conference (`model::synthetic`, seed 1, the
//! same as `lanyard gen --abstract-chars 280`: abstracts cut to 280 characters so that 100k
//! sessions stay under the importer's 100 MiB limit) in lanyard's own RON format into a temporary folder, with a data
//! folder holding a plan of 60 picks (30 on each of the first two days, so some clash) and a roster of
//! 30 booths × 8 shifts × 2 days and 120 staff (the same for both sizes: its size is not what
//! this measures). Then, for each of four views (the schedule list, the room grid, My agenda and
//! the roster's shift grid) it starts the real app with `LanyardApp::new` and `--view`, and drives
//! it with `egui::Context::run_ui` at 1280×860 points, no GPU: exactly what eframe's `App::ui`
//! does, with `now` pinned to the conference's first afternoon. A frame here is the UI pass plus
//! `Context::tessellate` (the CPU work eframe does before handing triangles to the GPU);
//! `textures_delta` is cleared every frame. 30 frames warm up fonts, galleys and caches first.
//!
//! Measured per view and size: a steady frame (no input) and a frame while the mouse wheel
//! scrolls the view (60 frames down, 60 up, 50 points a frame). Criterion times both; then the
//! bench runs the 1k and the 100k app of a view side by side, alternating frame by frame so that
//! other work on a shared machine weighs on both alike, and prints for each the median wall time
//! of 400 frames, the median on-CPU time of 9 batches of 100 frames (Linux `schedstat`: wall time
//! also counts waiting for a core) and the allocations and bytes allocated per frame, counted by a
//! global allocator over 120 frames, with the 100k/1k ratios and a verdict.
//!
//! `FRAMES_SIZES=100000 FRAMES_VIEWS=grid` (comma-separated lists) limits a run to some cases, for
//! profiling.
//!
//! `FRAMES_SIZES=1000,1000000 FRAMES_VIEWS=grid` adds (it is never in the default run: making it
//! takes about a minute) a room grid of a million sessions in one day and 100 rooms, 10,000 a
//! room, most of them piled into the morning (issue 13): the grid must cost what is on screen,
//! not what the day holds. Its schedule is too big for the importer's 100 MiB limit even without
//! abstracts (about 570 MB of RON), so it is generated in memory and handed to
//! `LanyardApp::with_schedule`; the summary compares it with the 1k grid.

use std::alloc::System;
use std::path::{Path, PathBuf};
use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, pos2, vec2};
use lanyard::LanyardApp;
use lanyard::app::AppConfig;
use lanyard::io::store::{self, Fingerprint};
use lanyard::model::roster::{
    Assignment, Booth, BoothId, Experience, Roster, RosterParts, RosterRules, Shift, ShiftId, Staff,
};
use lanyard::model::synthetic::{self, SyntheticParams};
use lanyard::model::{Edit, Plan, Priority, Schedule};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const SIZES: [usize; 2] = [1_000, 100_000];
/// A million sessions in one day: only on request (`FRAMES_SIZES`), only for the grid.
const DENSE_DAY: usize = 1_000_000;
const DENSE_ROOMS: usize = 100;
const VIEWS: [&str; 4] = ["schedule", "grid", "agenda", "roster"];
const SCREEN: [f32; 2] = [1280.0, 860.0];
const WARM_UP_FRAMES: usize = 30;
const TIMED_FRAMES: usize = 400;
const COUNTED_FRAMES: usize = 120;
/// Frames of wheel scrolling in one direction before turning back.
const SCROLL_LEG: usize = 60;
const SCROLL_STEP: f32 = 50.0;
const ABSTRACT_CHARS: usize = 280;
/// Frames per on-CPU measurement: the kernel counts a running thread's CPU time in scheduler
/// ticks (4 ms here), so a batch must last many ticks.
const CPU_BATCH: usize = 100;
const CPU_BATCHES: usize = 9;

/// The conference's first afternoon (the synthetic conference starts on 2027-02-06).
fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, 2, 6)
        .unwrap_or_default()
        .and_time(NaiveTime::from_hms_opt(14, 0, 0).unwrap_or_default())
}

/// A conference on disk with a data folder: settings (welcome seen), a plan and a roster.
struct Fixture {
    _dir: tempfile::TempDir,
    schedule_path: PathBuf,
    data_dir: PathBuf,
    roster_path: PathBuf,
    sessions: usize,
    /// A schedule too big to import, handed to the app in memory (taken by the first app).
    in_memory: Option<Schedule>,
}

fn fixture(events: usize) -> Fixture {
    let started = Instant::now();
    // The same as `lanyard gen --events N --abstract-chars 280`: whole abstracts would make 262 MB
    // of RON at 100k, over the importer's limit; no view measured here shows an abstract.
    let params = SyntheticParams { abstract_chars: Some(ABSTRACT_CHARS), ..SyntheticParams::new(events, 1) };
    let schedule = synthetic::generate(&params);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let schedule_path = dir.path().join("conference.ron");
    let text = lanyard::io::import::native::write(&schedule).unwrap_or_else(|e| panic!("could not write RON: {e}"));
    let bytes = text.len();
    store::write_atomic(&schedule_path, text.as_bytes())
        .unwrap_or_else(|e| panic!("could not write the schedule: {e}"));
    let (data_dir, roster_path) = data_folder(dir.path(), &schedule);
    report(format_args!(
        "fixture {events} sessions: {:.1} MB of RON, made in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    ));
    Fixture { _dir: dir, schedule_path, data_dir, roster_path, sessions: events, in_memory: None }
}

/// A returning user's data folder in `dir` for `schedule`: settings, a plan and a roster. Returns
/// the data folder and the roster's path.
fn data_folder(dir: &Path, schedule: &Schedule) -> (PathBuf, PathBuf) {
    let data_dir = dir.join("data");
    std::fs::create_dir_all(&data_dir).unwrap_or_else(|e| panic!("{e}"));
    let welcomed = lanyard::io::settings::Settings { welcomed: true, ..Default::default() };
    save(&lanyard::io::paths::settings_path(&data_dir), &welcomed);
    let conference = schedule.conference().id.clone();
    save(&lanyard::io::paths::plan_path(&data_dir, &conference), &plan(schedule));
    let roster_path = dir.join("roster.ron");
    save(&roster_path, &roster(conference.as_str()));
    (data_dir, roster_path)
}

/// [`DENSE_DAY`] sessions in one day, kept in memory: what `lanyard gen --events 1000000 --rooms
/// 100 --days 1 --abstract-chars 0` writes, 570 MB of RON that the importer would refuse.
fn dense_fixture() -> Fixture {
    let started = Instant::now();
    let params = SyntheticParams { events: DENSE_DAY, rooms: DENSE_ROOMS, days: 1, seed: 1, abstract_chars: Some(0) };
    let schedule = synthetic::generate(&params);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let (data_dir, roster_path) = data_folder(dir.path(), &schedule);
    report(format_args!(
        "fixture {DENSE_DAY} sessions in one day, {DENSE_ROOMS} rooms: made in memory in {:.1} s; {}",
        started.elapsed().as_secs_f64(),
        memory()
    ));
    // From here on the peak is the app's: what generating the schedule took is forgotten.
    reset_peak_memory();
    Fixture {
        schedule_path: dir.path().join("never-read.ron"),
        _dir: dir,
        data_dir,
        roster_path,
        sessions: DENSE_DAY,
        in_memory: Some(schedule),
    }
}

fn save<D: store::Document>(path: &Path, document: &D) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    store::save(path, document, Fingerprint::Missing)
        .unwrap_or_else(|e| panic!("could not save {}: {e}", path.display()));
}

/// 30 picks spread over each of the first two days, alternately must and maybe: some clash.
fn plan(schedule: &Schedule) -> Plan {
    let mut plan = Plan::default();
    for day in schedule.days().iter().take(2) {
        let range = day.sessions.clone();
        let step = (range.len() / 30).max(1);
        for (k, i) in range.step_by(step).take(30).enumerate() {
            let Some(session) = schedule.sessions().get(i) else { continue };
            if !session.kind.is_programme() {
                continue;
            }
            let priority = if k % 2 == 0 { Priority::Must } else { Priority::Maybe };
            plan.apply(schedule, Edit::Pick { session_id: session.id.clone(), priority }).ok();
        }
    }
    plan
}

/// 30 booths, 8 shifts a day over two days, 120 staff (a quarter newcomers); most seats filled
/// round-robin, so everyone works every other slot, with some seats open and a few rule breaks.
fn roster(conference: &str) -> Roster {
    const BOOTHS: usize = 30;
    const SLOTS: usize = 8;
    const STAFF: usize = 120;
    let booths = (0..BOOTHS)
        .map(|b| Booth {
            id: BoothId::new(format!("booth-{b:02}")),
            name: format!("Project booth {b}"),
            location: format!("Building {}, stand {}", ["H", "K", "AW"][b % 3], b + 1),
        })
        .collect();
    let staff: Vec<Staff> = (0..STAFF)
        .map(|p| {
            let experience = if p % 4 == 3 { Experience::Newcomer } else { Experience::Experienced };
            let mut staff = Staff::new(format!("Volunteer {p:03}"), experience);
            staff.max_hours_per_day = Some(4 + (p % 3) as u32);
            staff
        })
        .collect();
    let mut shifts = Vec::new();
    let mut assignments = Vec::new();
    for day in 0..2 {
        let date = NaiveDate::from_ymd_opt(2027, 2, 6).unwrap_or_default() + Duration::days(day);
        for slot in 0..SLOTS {
            let starts_at = date.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default())
                + Duration::minutes(75 * slot as i64);
            for b in 0..BOOTHS {
                let i = shifts.len();
                let id = ShiftId::new(format!("d{day}-s{slot}-b{b:02}"));
                let seats: u32 = if b % 10 == 0 { 3 } else { 2 };
                for seat in 0..2 {
                    if (i + seat) % 7 == 0 {
                        continue;
                    }
                    let person = (slot * BOOTHS * 2 + b * 2 + seat) % STAFF;
                    assignments.push(Assignment::new(id.as_str(), format!("Volunteer {person:03}")));
                }
                shifts.push(Shift {
                    requires: Vec::new(),
                    id,
                    booth: BoothId::new(format!("booth-{b:02}")),
                    starts_at,
                    ends_at: starts_at + Duration::minutes(75),
                    seats,
                    role: if slot == 0 { "open the booth".to_owned() } else { String::new() },
                });
            }
        }
    }
    let parts = RosterParts {
        id: "bench-booths".into(),
        conference: conference.into(),
        name: "Synthetic booths".into(),
        rules: RosterRules {
            min_rest_mins: 15,
            day_change: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default(),
            max_consecutive_mins: None,
        },
        booths,
        shifts,
        staff,
        assignments,
        ..RosterParts::default()
    };
    Roster::from_parts(parts).unwrap_or_else(|e| panic!("the generated roster is invalid: {e}"))
}

/// The app in one view, and the egui context that drives it.
struct Frames {
    ctx: egui::Context,
    app: LanyardApp,
    time: f64,
    now: NaiveDateTime,
    /// Frames scrolled so far, to turn back every `SCROLL_LEG` frames.
    scrolled: usize,
}

impl Frames {
    fn new(fixture: &mut Fixture, view: &str) -> Self {
        let started = Instant::now();
        let ctx = egui::Context::default();
        lanyard::ui::theme::install(&ctx);
        let config = AppConfig {
            data_dir: Some(fixture.data_dir.clone()),
            schedule_path: Some(fixture.schedule_path.clone()),
            roster: (view == "roster").then(|| fixture.roster_path.clone()),
            view: Some(clap::ValueEnum::from_str(view, false).expect("every bench view is a --view value")),
            ..AppConfig::default()
        };
        let app = match fixture.in_memory.take() {
            Some(schedule) => LanyardApp::with_schedule(config, schedule),
            None => LanyardApp::new(config),
        };
        let loaded = started.elapsed();
        let sessions = app.schedule().sessions().len();
        assert!(
            sessions >= fixture.sessions,
            "the app opened {sessions} sessions, not the {} written",
            fixture.sessions
        );
        let mut frames = Self { ctx, app, time: 0.0, now: now(), scrolled: 0 };
        for _ in 0..WARM_UP_FRAMES {
            frames.frame(Vec::new());
        }
        report(format_args!(
            "  {view}: app started in {:.2} s, {} sessions, {} primitives a frame; {}",
            loaded.as_secs_f64(),
            sessions,
            frames.frame(Vec::new()),
            memory()
        ));
        frames
    }

    /// One frame: the UI pass and tessellation. Returns the number of clipped primitives.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN[0], SCREEN[1]))),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            focused: true,
            events,
            ..RawInput::default()
        };
        let (app, now) = (&mut self.app, self.now);
        let mut output = self.ctx.run_ui(input, |ui| app.ui_at(ui, now));
        output.textures_delta.clear();
        let shapes = std::mem::take(&mut output.shapes);
        self.ctx.tessellate(shapes, output.pixels_per_point).len()
    }

    /// A frame with one wheel step over the middle of the view.
    fn scroll_frame(&mut self) -> usize {
        let down = (self.scrolled / SCROLL_LEG).is_multiple_of(2);
        self.scrolled += 1;
        let events = vec![
            Event::PointerMoved(pos2(SCREEN[0] * 0.55, SCREEN[1] * 0.6)),
            Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: vec2(0.0, if down { -SCROLL_STEP } else { SCROLL_STEP }),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Wheel,
                modifiers: Modifiers::NONE,
            },
        ];
        self.frame(events)
    }

    fn step(&mut self, scrolling: bool) -> usize {
        if scrolling { self.scroll_frame() } else { self.frame(Vec::new()) }
    }
}

/// What one view costs at one size, steady or scrolling.
#[derive(Clone, Copy, Debug)]
struct Figures {
    wall_ms: f64,
    cpu_ms: Option<f64>,
    allocs: f64,
    bytes: f64,
}

/// Times the apps of one view side by side, alternating frame by frame (and batch by batch for
/// the on-CPU time), so that other work on the machine weighs on every size alike; then counts
/// each one's allocations.
fn measure(apps: &mut [(usize, Frames)], scrolling: bool) -> Vec<Figures> {
    let mut wall = vec![Vec::with_capacity(TIMED_FRAMES); apps.len()];
    let mut cpu = vec![Vec::with_capacity(CPU_BATCHES); apps.len()];
    for _ in 0..TIMED_FRAMES {
        for ((_, frames), wall) in apps.iter_mut().zip(&mut wall) {
            let start = Instant::now();
            std::hint::black_box(frames.step(scrolling));
            wall.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    for _ in 0..CPU_BATCHES {
        for ((_, frames), cpu) in apps.iter_mut().zip(&mut cpu) {
            let before = cpu_nanos();
            for _ in 0..CPU_BATCH {
                std::hint::black_box(frames.step(scrolling));
            }
            if let (Some(a), Some(b)) = (before, cpu_nanos()) {
                cpu.push(b.saturating_sub(a) as f64 / 1e6 / CPU_BATCH as f64);
            }
        }
    }
    let mut figures = Vec::with_capacity(apps.len());
    for (((_, frames), wall), cpu) in apps.iter_mut().zip(&mut wall).zip(&mut cpu) {
        let region = Region::new(GLOBAL);
        for _ in 0..COUNTED_FRAMES {
            std::hint::black_box(frames.step(scrolling));
        }
        let change = region.change();
        figures.push(Figures {
            wall_ms: median(wall).unwrap_or(f64::NAN),
            cpu_ms: median(cpu),
            allocs: change.allocations as f64 / COUNTED_FRAMES as f64,
            bytes: change.bytes_allocated as f64 / COUNTED_FRAMES as f64,
        });
    }
    figures
}

fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// Nanoseconds this thread has run on a CPU, from Linux's `/proc/thread-self/schedstat`.
fn cpu_nanos() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// Resident memory now and at its peak, from `/proc/self/status` (Linux; empty elsewhere).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status.lines().find_map(|l| l.strip_prefix(name)).map_or_else(String::new, |v| v.trim().to_owned())
    };
    format!("resident {}, peak {}", field("VmRSS:"), field("VmHWM:"))
}

/// Makes the process's peak resident memory its current one (Linux: `clear_refs` with 5), so a
/// later peak measures what came after.
fn reset_peak_memory() {
    use std::io::Write as _;
    if let Ok(mut file) = std::fs::OpenOptions::new().write(true).open("/proc/self/clear_refs") {
        file.write_all(b"5").ok();
    }
}

#[expect(clippy::print_stdout, reason = "a benchmark reports what it measured")]
fn report(line: std::fmt::Arguments<'_>) {
    println!("{line}");
}

fn frames(c: &mut Criterion) {
    let mut results: Vec<(usize, &str, bool, Figures)> = Vec::new();
    let mut group = c.benchmark_group("frames");
    group.sample_size(20).warm_up_time(StdDuration::from_secs(1)).measurement_time(StdDuration::from_secs(3));
    let sizes = chosen("FRAMES_SIZES", &SIZES.map(|s| s.to_string()));
    let views = chosen("FRAMES_VIEWS", &VIEWS.map(str::to_owned));
    let mut fixtures: Vec<(usize, Fixture)> =
        SIZES.into_iter().filter(|s| sizes.contains(&s.to_string())).map(|size| (size, fixture(size))).collect();
    let dense = sizes.contains(&DENSE_DAY.to_string()) && views.iter().any(|v| v == "grid");
    if dense {
        fixtures.push((DENSE_DAY, dense_fixture()));
    }
    for view in VIEWS.into_iter().filter(|v| views.iter().any(|c| c == v)) {
        let mut apps: Vec<(usize, Frames)> = fixtures
            .iter_mut()
            .filter(|(size, _)| *size != DENSE_DAY || view == "grid")
            .map(|(size, fixture)| (*size, Frames::new(fixture, view)))
            .collect();
        for scrolling in [false, true] {
            let kind = if scrolling { "scrolling" } else { "steady" };
            for (size, frames) in &mut apps {
                group.bench_function(format!("{view} {kind}, {size} sessions"), |b| {
                    b.iter(|| frames.step(scrolling));
                });
            }
            let figures = measure(&mut apps, scrolling);
            for ((size, _), figures) in apps.iter().zip(figures) {
                results.push((*size, view, scrolling, figures));
            }
        }
    }
    group.finish();
    summary(&results);
}

/// The sizes or views named in the environment variable `name` (comma-separated), else all: for
/// profiling one case, e.g. `FRAMES_SIZES=100000 FRAMES_VIEWS=grid`.
fn chosen(name: &str, all: &[String]) -> Vec<String> {
    match std::env::var(name) {
        Ok(list) if !list.trim().is_empty() => list.split(',').map(|s| s.trim().to_owned()).collect(),
        _ => all.to_vec(),
    }
}

fn summary(results: &[(usize, &str, bool, Figures)]) {
    report(format_args!(
        "\nframe = UI pass + tessellation, {}x{} points; medians of {TIMED_FRAMES} frames (wall) and {CPU_BATCHES}x{CPU_BATCH} frames (cpu); allocations per frame over \
         {COUNTED_FRAMES} frames",
        SCREEN[0], SCREEN[1]
    ));
    report(format_args!(
        "{:<9} {:<9} | {:>8} {:>8} {:>8} {:>9} | {:>8} {:>8} {:>8} {:>9} | {:>6} {:>6} | verdict",
        "view",
        "frame",
        "1k ms",
        "1k cpu",
        "1k alc",
        "1k bytes",
        "100k ms",
        "100k cpu",
        "100k alc",
        "100k byt",
        "time×",
        "alloc×"
    ));
    for view in VIEWS {
        for scrolling in [false, true] {
            let find =
                |size: usize| results.iter().find(|r| r.0 == size && r.1 == view && r.2 == scrolling).map(|r| r.3);
            if let (Some(small), Some(dense)) = (find(SIZES[0]), find(DENSE_DAY)) {
                report(format_args!(
                    "{view} {}: 1M in one day {:.3} ms ({:.3} cpu), {:.0} allocations, {:.0} bytes a frame; \
                     x{:.2} the 1k time, x{:.2} its bytes",
                    if scrolling { "scrolling" } else { "steady" },
                    dense.wall_ms,
                    dense.cpu_ms.unwrap_or(f64::NAN),
                    dense.allocs,
                    dense.bytes,
                    dense.wall_ms / small.wall_ms,
                    dense.bytes / small.bytes.max(1.0)
                ));
            }
            let (Some(small), Some(large)) = (find(SIZES[0]), find(SIZES[1])) else {
                for (size, figures) in SIZES.iter().filter_map(|&size| Some((size, find(size)?))) {
                    report(format_args!("{view} {scrolling}, {size} sessions: {figures:?}"));
                }
                continue;
            };
            // The verdict is on the wall-time medians; the on-CPU time beside them shows how
            // much of a frame was waiting for a core on a shared machine.
            let time_ratio = large.wall_ms / small.wall_ms;
            let alloc_ratio = large.bytes / small.bytes.max(1.0);
            let met = small.wall_ms <= 1.0 && time_ratio <= 2.0 && (0.8..=1.25).contains(&alloc_ratio);
            report(format_args!(
                "{:<9} {:<9} | {:>8.3} {:>8.3} {:>8.0} {:>9.0} | {:>8.3} {:>8.3} {:>8.0} {:>9.0} | {:>6.2} {:>6.2} | {}",
                view,
                if scrolling { "scrolling" } else { "steady" },
                small.wall_ms,
                small.cpu_ms.unwrap_or(f64::NAN),
                small.allocs,
                small.bytes,
                large.wall_ms,
                large.cpu_ms.unwrap_or(f64::NAN),
                large.allocs,
                large.bytes,
                time_ratio,
                alloc_ratio,
                if met { "met" } else { "MISSED" }
            ));
        }
    }
}

criterion_group!(benches, frames);
criterion_main!(benches);
