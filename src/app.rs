//! The eframe application: owns the model and the UI state, draws a frame with [`LanyardApp::ui_at`],
//! then applies the frame's [`Command`]s in [`LanyardApp::execute`], the only place the plan
//! changes. Persistence lives in `app/persistence.rs`, background work in `app/jobs.rs`.

mod jobs;
mod persistence;

use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::command::Command;
use crate::io::import::{self, ImportError};
use crate::io::settings::Settings;
use crate::model::{Plan, Schedule, Timeline, UndoStack};
use crate::ui::{self, Banner, UiState, ViewCtx};
use jobs::Jobs;
use persistence::DocSlot;

/// The bundled sample conference, shown until the user opens their own schedule.
pub const SAMPLE_SCHEDULE: &[u8] = include_bytes!("../assets/sample-conference.ron");

/// How lanyard was started.
#[derive(Clone, Debug, Default)]
pub struct AppConfig {
    /// Where plans and settings live. `None` (no home folder) means nothing is saved.
    pub data_dir: Option<PathBuf>,
    /// A schedule given on the command line; otherwise the last one, else the sample.
    pub schedule_path: Option<PathBuf>,
    pub quit_after_frames: Option<u64>,
}

/// Where the current schedule came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleSource {
    Sample,
    File(PathBuf),
}

pub struct LanyardApp {
    schedule: Schedule,
    source: ScheduleSource,
    /// Bumped whenever `schedule` is replaced, so views can rebuild their caches.
    schedule_generation: u64,
    plan: Plan,
    plan_slot: DocSlot,
    /// Bumped on every plan change, so views can rebuild their caches.
    plan_revision: u64,
    undo: UndoStack<Plan>,
    /// Derived from schedule + plan; rebuilt on every change, never per frame.
    timeline: Timeline,
    settings: Settings,
    settings_slot: DocSlot,
    data_dir: Option<PathBuf>,
    ui: UiState,
    jobs: Jobs,
    frames_drawn: u64,
    quit_after_frames: Option<u64>,
}

impl LanyardApp {
    /// Builds the app: loads settings, the schedule (command line, else last opened, else the
    /// sample) and its plan. Problems become banners; the app always starts.
    pub fn new(config: AppConfig) -> Self {
        let mut banners = Vec::new();
        let (settings, settings_slot) = persistence::load_settings(config.data_dir.as_deref(), &mut banners);
        let wanted = config.schedule_path.clone().or_else(|| settings.last_schedule.clone());
        let (schedule, source) = match wanted {
            Some(path) => match import::load(&path) {
                Ok(schedule) => (schedule, ScheduleSource::File(path)),
                Err(err) => {
                    banners.push(Banner::error(format!(
                        "{}\nShowing the sample conference instead.",
                        err.display_with_path(&path)
                    )));
                    (sample_schedule(), ScheduleSource::Sample)
                }
            },
            None => (sample_schedule(), ScheduleSource::Sample),
        };
        let mut app = Self {
            schedule: sample_placeholder(),
            source: ScheduleSource::Sample,
            schedule_generation: 0,
            plan: Plan::default(),
            plan_slot: DocSlot::detached(),
            plan_revision: 0,
            undo: UndoStack::default(),
            timeline: Timeline::default(),
            settings,
            settings_slot,
            data_dir: config.data_dir,
            ui: UiState { banners, ..UiState::default() },
            jobs: Jobs::default(),
            frames_drawn: 0,
            quit_after_frames: config.quit_after_frames,
        };
        app.install_schedule(schedule, source);
        app
    }

    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn ui_state(&self) -> &UiState {
        &self.ui
    }

    pub fn source(&self) -> &ScheduleSource {
        &self.source
    }

    /// Whether the plan file is refused for writing (newer version, changed on disk, unreadable).
    pub fn is_plan_read_only(&self) -> bool {
        self.plan_slot.read_only.is_some()
    }

    /// Draws one frame. `now` is conference-local wall-clock time, a parameter so tests can pin it.
    pub fn ui_at(&mut self, ui: &mut egui::Ui, now: NaiveDateTime) {
        let time = ui.input(|i| i.time);
        let mut commands = Vec::new();
        self.poll_background(ui.ctx(), &mut commands);
        ui::shortcuts(ui, &mut commands);
        ui::file_drop(ui, &mut commands);
        let status = self.status();
        let Self { schedule, schedule_generation, plan, plan_revision, timeline, ui: ui_state, undo, .. } = self;
        let ctx = ViewCtx {
            schedule,
            generation: *schedule_generation,
            plan,
            plan_revision: *plan_revision,
            timeline,
            now,
            status: &status,
        };
        ui::root_ui(ui, &ctx, ui_state, (undo.can_undo(), undo.can_redo()), &mut commands);
        for command in commands {
            self.execute(command, time);
        }
        self.autosave(ui.ctx(), time);
        self.frames_drawn += 1;
        if let Some(limit) = self.quit_after_frames {
            if self.frames_drawn >= limit {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                // An idle window draws no frames; keep drawing until the count is reached.
                ui.ctx().request_repaint();
            }
        }
    }

    /// Applies one command. `time` is egui's clock, used to schedule the autosave.
    pub fn execute(&mut self, command: Command, time: f64) {
        match command {
            Command::Edit(edit) => {
                if let Some(reason) = &self.plan_slot.read_only {
                    self.ui.banners.push(Banner::warning(format!("Your plan is read-only: {reason}")));
                    return;
                }
                let before = self.plan.clone(); // once per edit, never per frame
                match self.plan.apply(&self.schedule, edit) {
                    Ok(()) if self.plan != before => {
                        self.undo.push(before);
                        self.plan_changed(time);
                    }
                    Ok(()) => {}
                    Err(err) => self.ui.banners.push(Banner::warning(err.to_string())),
                }
            }
            Command::Undo => {
                if self.plan_slot.read_only.is_none() && self.undo.undo(&mut self.plan) {
                    self.plan_changed(time);
                }
            }
            Command::Redo => {
                if self.plan_slot.read_only.is_none() && self.undo.redo(&mut self.plan) {
                    self.plan_changed(time);
                }
            }
            Command::SaveNow => self.save_plan_now(),
            Command::Select(session_id) => self.ui.selected = session_id,
            Command::OpenScheduleDialog => self.jobs.open_dialog(),
            Command::OpenSchedule(path) => self.jobs.start_import(path),
            Command::OpenSample => self.install_schedule(sample_schedule(), ScheduleSource::Sample),
            Command::DismissBanner(index) => {
                if index < self.ui.banners.len() {
                    self.ui.banners.remove(index);
                }
            }
        }
    }

    fn plan_changed(&mut self, time: f64) {
        self.timeline = Timeline::build(&self.schedule, &self.plan);
        self.plan_revision += 1;
        self.plan_slot.mark_dirty(time);
    }

    /// Replaces the schedule and loads the plan that belongs to it. The old plan is saved first.
    fn install_schedule(&mut self, schedule: Schedule, source: ScheduleSource) {
        self.flush();
        let plan_path = self.data_dir.as_deref().map(|dir| crate::io::paths::plan_path(dir, &schedule.conference().id));
        let (mut plan, mut slot) = persistence::load_plan(plan_path, &schedule.conference().id, &mut self.ui.banners);
        if plan.remember(&schedule) {
            slot.mark_dirty(0.0);
        }
        self.plan = plan;
        self.plan_slot = slot;
        self.plan_revision += 1;
        if !schedule.warnings().is_empty() {
            log::warn!("{} warnings while importing {}", schedule.warnings().len(), schedule.conference().name);
        }
        self.schedule = schedule;
        self.source = source;
        self.schedule_generation += 1;
        self.undo.clear();
        self.timeline = Timeline::build(&self.schedule, &self.plan);
        self.ui.selected = None;
        self.remember_source();
    }

    fn finish_import(&mut self, path: PathBuf, result: Result<Schedule, ImportError>) {
        match result {
            Ok(schedule) => {
                let name = schedule.conference().name.clone();
                let count = schedule.sessions().len();
                self.install_schedule(schedule, ScheduleSource::File(path));
                self.ui.banners.push(Banner::info(format!("Opened {name}: {count} sessions.")));
            }
            Err(err) => {
                let message = err.display_with_path(&path);
                log::warn!("{message}");
                self.ui.banners.push(Banner::error(format!("{message}\nThe schedule you had open is unchanged.")));
            }
        }
    }

    /// Saves everything that is unsaved and waits for it. Called on exit and before switching
    /// schedules.
    pub fn flush(&mut self) {
        self.wait_for_save();
        if self.plan_slot.is_dirty() {
            let result = persistence::save_plan_blocking(&mut self.plan_slot, &self.plan);
            self.report_save(result);
        }
    }

    fn status(&self) -> ui::Status {
        ui::Status {
            source: match &self.source {
                ScheduleSource::Sample => "Sample conference (bundled)".to_owned(),
                ScheduleSource::File(path) => path.display().to_string(),
            },
            save: self.plan_slot.state(),
            is_importing: self.jobs.import_in_progress().map(std::path::Path::to_path_buf),
        }
    }
}

fn sample_schedule() -> Schedule {
    match import::parse(SAMPLE_SCHEDULE, "sample-conference.ron") {
        Ok(schedule) => schedule,
        Err(err) => {
            // The sample is tested in CI; this only guards against a broken build.
            log::error!("the bundled sample does not load: {err}");
            sample_placeholder()
        }
    }
}

fn sample_placeholder() -> Schedule {
    crate::model::ScheduleBuilder::new(crate::model::Conference::named("empty", "No schedule")).build()
}

impl Drop for LanyardApp {
    fn drop(&mut self) {
        self.flush();
    }
}

impl eframe::App for LanyardApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let now = self.conference_now();
        self.ui_at(ui, now);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
    }
}

impl LanyardApp {
    /// Conference-local "now", from the real instant.
    fn conference_now(&self) -> NaiveDateTime {
        #[expect(clippy::disallowed_methods, reason = "the one place that reads the clock")]
        let local = chrono::Local::now();
        self.schedule.conference().zone.local_now(local.to_utc(), local.naive_local())
    }
}

/// Opens the window and runs until it is closed.
///
/// # Errors
/// If eframe cannot create a window.
pub fn run_native(config: AppConfig) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Lanyard")
        .with_app_id("lanyard")
        .with_inner_size([1200.0, 800.0])
        .with_min_inner_size([640.0, 420.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, persist_window: true, ..Default::default() };
    eframe::run_native(
        "lanyard",
        options,
        Box::new(|cc| {
            ui::theme::install(&cc.egui_ctx);
            Ok(Box::new(LanyardApp::new(config)))
        }),
    )
}
