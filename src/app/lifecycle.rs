//! The app's life outside its documents: starting the window ([`run_native`]), eframe's hooks,
//! the per-run options (`--screenshot`, `--now`, the frame limit), the looks applied to egui,
//! and the termination signal (SIGTERM, SIGINT, SIGHUP), which makes the next frame save
//! everything and close the window.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{APP_ID, AppConfig, LanyardApp};
use crate::command::{Command, Done};

/// Converts an instant to the laptop's wall-clock time.
pub type LaptopClock = fn(DateTime<Utc>) -> NaiveDateTime;

fn system_laptop_clock(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&chrono::Local).naive_local()
}

/// Per-run state of the window, never saved.
pub(super) struct Shell {
    pub laptop_clock: LaptopClock,
    /// A picture of the next frame was asked for (the screenshot needs the egui context).
    pub picture_requested: bool,
    /// `--screenshot`: where to save a picture of an early frame.
    pub screenshot_to: Option<PathBuf>,
    /// `--view` chose the starting tab; keep it.
    pub forced_view: bool,
    /// `--now`: the clock, pinned.
    pub pinned_now: Option<NaiveDateTime>,
    /// The looks last applied to the egui context, to re-apply only on change.
    pub looks_applied: Option<crate::io::settings::Looks>,
    pub frames_drawn: u64,
    pub quit_after_frames: Option<u64>,
    /// The schedule file being imported and its progress (`f32` bits, written by the task).
    pub importing: Option<(PathBuf, Arc<AtomicU32>)>,
    /// Set by a termination signal: save everything and close the window.
    pub terminate: Arc<AtomicBool>,
}

impl Shell {
    pub fn new(config: &AppConfig) -> Self {
        Self {
            laptop_clock: system_laptop_clock,
            picture_requested: false,
            screenshot_to: config.screenshot.clone(),
            forced_view: config.view.is_some(),
            pinned_now: config.now,
            looks_applied: None,
            frames_drawn: 0,
            quit_after_frames: config.quit_after_frames,
            importing: None,
            terminate: Arc::default(),
        }
    }
}

impl LanyardApp {
    /// Work before drawing: the termination signal, the looks, the first frame's tab.
    pub(super) fn begin_frame(&mut self, ui: &egui::Ui, now: NaiveDateTime) {
        self.tasks.set_context(ui.ctx());
        if self.shell.terminate.load(Ordering::Relaxed) {
            // SIGTERM, SIGINT or SIGHUP (logout, shutdown): nothing may wait for the autosave.
            self.flush();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.shell.frames_drawn == 0 && !self.shell.forced_view && self.docs.ws.schedule.day_of(now).is_some() {
            // Opened during the conference: what is on now matters most.
            self.ui.tab = crate::ui::Tab::Now;
        }
        let looks = self.docs.settings.value.looks;
        if self.shell.looks_applied.is_none() {
            crate::ui::theme::install_fonts(ui.ctx());
        }
        if self.shell.looks_applied != Some(looks) {
            crate::ui::theme::apply_looks(ui.ctx(), looks);
            self.shell.looks_applied = Some(looks);
        }
        let plan_dir = self.docs.plan.slot.path.as_deref().and_then(std::path::Path::parent);
        let visible = self.ui.tab == crate::ui::Tab::Map;
        let conference = &self.docs.ws.schedule.conference().id;
        self.map.sync(ui.ctx(), &mut self.tasks, &self.docs.ws.plan, conference, plan_dir, visible);
    }

    /// Work after drawing: screenshots, pictures, the autosave and the frame limit.
    pub(super) fn end_frame(&mut self, ui: &egui::Ui, time: f64) {
        // A few frames in, so fonts and layout have settled.
        if self.shell.frames_drawn == 5
            && let Some(path) = self.shell.screenshot_to.take()
        {
            ui.ctx().request_screenshot(move |image| {
                let [width, height] = image.size;
                if let Err(err) = crate::io::export::picture::save_png(&path, width, height, image.as_raw()) {
                    log::error!("{err}");
                }
            });
        }
        if std::mem::take(&mut self.shell.picture_requested) {
            let name =
                format!("{}.png", crate::io::paths::safe_folder_name(self.docs.ws.schedule.conference().id.as_str()));
            let inbox = self.tasks.inbox();
            ui.ctx().request_screenshot(move |image| {
                inbox.send(Command::Done(Done::Pictured { image, name }));
            });
        }
        if let Some(due) = self.docs.autosave(&mut self.tasks, time) {
            // A failed save is retried then.
            ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(due));
        }
        self.shell.frames_drawn += 1;
        if let Some(limit) = self.shell.quit_after_frames {
            if self.shell.frames_drawn >= limit {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                // An idle window draws no frames; keep drawing until the count is reached.
                ui.ctx().request_repaint();
            }
        }
    }

    /// Conference-local "now", from the real instant.
    pub(super) fn conference_now(&self) -> NaiveDateTime {
        if let Some(now) = self.shell.pinned_now {
            return now;
        }
        #[expect(clippy::disallowed_methods, reason = "the one place that reads the clock")]
        let local = chrono::Local::now();
        self.docs.ws.schedule.conference().zone.local_now(local.to_utc(), local.naive_local())
    }

    /// The flag a termination signal sets (`listen_for_termination`); setting it by hand does
    /// the same (tests).
    pub fn termination_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.shell.terminate)
    }
}

/// Saves and closes on SIGTERM, SIGINT and SIGHUP (logout, shutdown, Ctrl+C): the signal sets
/// the flag and asks for a frame, and that frame saves every document and closes the window. A
/// second signal leaves at once. Installed before the window opens, so a signal that arrives
/// while the app is still being built is not lost: the first frame sees the flag.
fn listen_for_termination() -> (Arc<AtomicBool>, Arc<std::sync::OnceLock<egui::Context>>) {
    let flag = Arc::new(AtomicBool::new(false));
    let window = Arc::new(std::sync::OnceLock::<egui::Context>::new());
    let (handler_flag, handler_window) = (Arc::clone(&flag), Arc::clone(&window));
    let installed = ctrlc::set_handler(move || {
        if handler_flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        if let Some(ctx) = handler_window.get() {
            ctx.request_repaint();
        }
    });
    if let Err(err) = installed {
        log::warn!("cannot save on termination signals: {err}");
    }
    (flag, window)
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

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        cap_texture_side(raw_input);
    }
}

/// Tells egui of at most [`MAX_TEXTURE_SIDE`], keeping a smaller GPU limit as it is.
pub fn cap_texture_side(raw_input: &mut egui::RawInput) {
    if let Some(side) = &mut raw_input.max_texture_side {
        *side = (*side).min(MAX_TEXTURE_SIDE);
    }
}

/// The largest texture side lanyard asks for, whatever the GPU allows: sharper than any screen
/// shows a whole venue map, and within what every graphics card takes. It also sets the width
/// of egui's glyph atlas, which is as wide as the largest texture side: at Mesa's 16,384 px
/// that is 2 MB before the first glyph and as much again in the driver. At 4,096 px a row holds
/// a few hundred glyphs, and the atlas grows downwards as needed.
pub const MAX_TEXTURE_SIDE: usize = 4096;

/// Opens the window and runs until it is closed.
///
/// # Errors
/// If eframe cannot create a window.
pub fn run_native(config: AppConfig) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Lanyard")
        .with_app_id(APP_ID)
        .with_inner_size([1200.0, 800.0])
        .with_min_inner_size([640.0, 420.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, persist_window: true, ..Default::default() };
    let (terminate, window) = listen_for_termination();
    // The schedule imports while eframe creates the window and its GL context.
    let preload = super::schedules::preload(&config);
    eframe::run_native(
        "lanyard",
        options,
        Box::new(|cc| {
            crate::ui::theme::install(&cc.egui_ctx);
            let preloaded = preload.and_then(|handle| handle.join().ok()).flatten();
            let mut app = LanyardApp::with_preloaded(config, preloaded);
            app.shell.terminate = terminate;
            window.get_or_init(|| cc.egui_ctx.clone());
            Ok(Box::new(app))
        }),
    )
}
