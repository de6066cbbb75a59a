//! The eframe application: owns the model and the UI state, draws a frame with [`LanyardApp::ui_at`],
//! then applies the frame's [`Command`]s in [`LanyardApp::execute`], the only place the plan
//! changes. Persistence lives in `app/persistence.rs`, schedule switching and updates in
//! `app/schedules.rs`, background work in `app/jobs.rs`.

mod doc_slot;
pub mod ids;
mod jobs;
mod lifecycle;
mod persistence;
mod rosters;
mod sample_plan;
mod schedules;
mod search;
pub use search::SecondThread;
mod venue_map;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::command::Command;
use crate::io::settings::Settings;
use crate::model::{Plan, Schedule, ScheduleDiff, Timeline, UndoStack};
use crate::ui::{self, Banner, UiState, ViewCtx};
use doc_slot::DocSlot;
use jobs::Jobs;
use lifecycle::Waker;
pub use rosters::SAMPLE_ROSTER;
pub use sample_plan::{SAMPLE_PLAN, sample_plan};

/// The window's application id (Wayland app id, X11 `WM_CLASS`): the name of the desktop entry
/// and the icon the package installs, so launchers and task bars show lanyard's.
pub const APP_ID: &str = "org.lanyard.Lanyard";

pub use crate::io::samples::SAMPLE_SCHEDULE;

/// How lanyard was started.
#[derive(Clone, Debug, Default)]
pub struct AppConfig {
    /// Where plans and settings live. `None` (no home folder) means nothing is saved.
    pub data_dir: Option<PathBuf>,
    /// A schedule given on the command line; otherwise the last one, else the sample.
    pub schedule_path: Option<PathBuf>,
    pub quit_after_frames: Option<u64>,
    /// Save a PNG of an early frame here (documentation, smoke tests).
    pub screenshot: Option<PathBuf>,
    /// A roster to open at start, beside the schedule.
    pub roster: Option<PathBuf>,
    /// Start on this view.
    pub view: Option<ui::StartView>,
    /// Light or dark for this run only.
    pub theme: Option<ui::StartTheme>,
    /// Pin the clock to this conference-local time (screenshots, demos).
    pub now: Option<NaiveDateTime>,
}

/// Where the current schedule came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleSource {
    Sample,
    File(PathBuf),
}

/// What one undo step restores: the plan, and the schedule version it goes with. Cloning is
/// cheap: the schedule is shared.
#[derive(Clone)]
struct Workspace {
    schedule: Arc<Schedule>,
    source: ScheduleSource,
    plan: Plan,
    /// What changed in the last schedule update, shown until dismissed.
    changes: Option<Arc<ScheduleDiff>>,
    /// The booth or volunteer roster open beside the plan, if any.
    roster: Option<Arc<crate::model::roster::Roster>>,
}

/// Converts an instant to the laptop's wall-clock time.
pub type LaptopClock = fn(DateTime<Utc>) -> NaiveDateTime;

fn system_laptop_clock(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&chrono::Local).naive_local()
}

pub struct LanyardApp {
    ws: Workspace,
    /// Bumped whenever the schedule is replaced, so views can rebuild their caches.
    schedule_generation: u64,
    plan_slot: DocSlot<Plan>,
    /// The plan as it is on disk (last loaded or saved): the base of a merge when another
    /// program changes the file.
    plan_base: Plan,
    /// Bumped on every plan change, so views can rebuild their caches.
    plan_revision: u64,
    undo: UndoStack<Workspace>,
    /// Derived from schedule + plan; rebuilt on every change, never per frame.
    timeline: Timeline,
    settings: Settings,
    settings_slot: DocSlot<Settings>,
    /// The settings as last read or written: the base of a merge with another window's.
    settings_base: Settings,
    /// The open roster's file, staff busy times and derived data.
    roster: Option<rosters::OpenRoster>,
    /// Bumped whenever the roster changes, so views and background jobs can tell.
    roster_revision: u64,
    data_dir: Option<PathBuf>,
    ui: UiState,
    jobs: Jobs,
    /// The venue map's picture, loaded in the background when the Map tab needs it.
    map_picture: venue_map::MapPictureSlot,
    /// The search index and the filter of the open conference.
    search: search::SearchState,
    laptop_clock: LaptopClock,
    /// Friends' shared picks for this conference (read-only copies in the data folder).
    friends: Vec<crate::model::friends::Friend>,
    friend_index: crate::model::friends::FriendIndex,
    /// A picture of the next frame was asked for (the screenshot needs the egui context).
    picture_requested: bool,
    /// `--screenshot`: where to save a picture of an early frame.
    screenshot_to: Option<PathBuf>,
    /// `--view` chose the starting tab; keep it.
    forced_view: bool,
    /// `--now`: the clock, pinned.
    pinned_now: Option<NaiveDateTime>,
    /// The looks last applied to the egui context, to re-apply only on change.
    looks_applied: Option<crate::io::settings::Looks>,
    frames_drawn: u64,
    quit_after_frames: Option<u64>,
    /// Notices another program changing the plan file while it is open.
    plan_watch: Option<crate::io::watch::FileWatch<Plan>>,
    /// The newest version of the plan file the watcher found, taken in once no save is in flight.
    plan_found: Option<crate::io::watch::Found<Plan>>,
    /// Wakes the UI from background threads (a save that finished, a file that changed).
    waker: Waker,
    /// Set by a termination signal: save everything and close the window.
    terminate: Arc<std::sync::atomic::AtomicBool>,
}

impl LanyardApp {
    /// Builds the app: loads settings, the schedule (command line, else last opened, else the
    /// sample) and its plan. Problems become banners; the app always starts.
    pub fn new(config: AppConfig) -> Self {
        Self::with_preloaded(config, None)
    }

    /// [`Self::new`] with `schedule` standing in for the file at `config.schedule_path`, which
    /// is not read: for benchmarks of schedules larger than the importer accepts
    /// (`benches/frames.rs` opens a million sessions in one day this way).
    pub fn with_schedule(config: AppConfig, schedule: Schedule) -> Self {
        let path = config.schedule_path.clone().unwrap_or_default();
        Self::with_preloaded(config, Some(schedules::Preloaded::loaded(path, schedule)))
    }

    /// [`Self::new`] with the schedule possibly already imported on another thread.
    fn with_preloaded(config: AppConfig, preloaded: Option<schedules::Preloaded>) -> Self {
        let mut banners = Vec::new();
        let (settings, settings_slot) = persistence::load_settings(config.data_dir.as_deref(), &mut banners);
        let (schedule, source) =
            schedules::initial_schedule(config.schedule_path.clone(), &settings, preloaded, &mut banners);
        let mut app = Self {
            ws: Workspace {
                schedule: Arc::new(schedules::placeholder()),
                source: ScheduleSource::Sample,
                plan: Plan::default(),
                changes: None,
                roster: None,
            },
            schedule_generation: 0,
            plan_slot: DocSlot::detached(),
            plan_base: Plan::default(),
            plan_revision: 0,
            undo: UndoStack::default(),
            timeline: Timeline::default(),
            settings_base: settings.clone(),
            settings,
            settings_slot,
            roster: None,
            roster_revision: 0,
            data_dir: config.data_dir,
            ui: UiState { banners, ..UiState::default() },
            jobs: Jobs::default(),
            map_picture: venue_map::MapPictureSlot::default(),
            search: search::SearchState::default(),
            laptop_clock: system_laptop_clock,
            friends: Vec::new(),
            friend_index: crate::model::friends::FriendIndex::default(),
            looks_applied: None,
            picture_requested: false,
            screenshot_to: config.screenshot.clone(),
            forced_view: false,
            pinned_now: config.now,
            frames_drawn: 0,
            quit_after_frames: config.quit_after_frames,
            plan_watch: None,
            plan_found: None,
            waker: Waker::default(),
            terminate: Arc::default(),
        };
        app.install_schedule(schedule, source);
        if let Some(roster) = &config.roster {
            app.open_roster(roster);
        }
        app.apply_start_options(config.view, config.theme);
        app
    }

    /// `--view` and `--theme`: for this run only, never saved.
    fn apply_start_options(&mut self, view: Option<ui::StartView>, theme: Option<ui::StartTheme>) {
        match view {
            None => {}
            Some(ui::StartView::Now) => self.ui.tab = ui::Tab::Now,
            Some(ui::StartView::Schedule) => self.ui.tab = ui::Tab::Schedule,
            Some(ui::StartView::Grid) => {
                self.ui.tab = ui::Tab::Schedule;
                self.ui.schedule_view.show_grid();
            }
            Some(ui::StartView::Agenda) => self.ui.tab = ui::Tab::Agenda,
            Some(ui::StartView::Roster) => self.ui.tab = ui::Tab::Roster,
            Some(ui::StartView::Map) => self.ui.tab = ui::Tab::Map,
        }
        self.forced_view = view.is_some();
        match theme {
            None => {}
            Some(ui::StartTheme::Light) => self.settings.looks.theme = crate::io::settings::ThemeChoice::Light,
            Some(ui::StartTheme::Dark) => self.settings.looks.theme = crate::io::settings::ThemeChoice::Dark,
        }
    }

    /// Replaces how instants become laptop wall-clock time (tests pin a zone).
    pub fn set_laptop_clock(&mut self, clock: LaptopClock) {
        self.laptop_clock = clock;
    }

    pub fn schedule(&self) -> &Schedule {
        &self.ws.schedule
    }

    pub fn plan(&self) -> &Plan {
        &self.ws.plan
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn ui_state(&self) -> &UiState {
        &self.ui
    }

    pub fn source(&self) -> &ScheduleSource {
        &self.ws.source
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What the last schedule update changed, if it has not been dismissed.
    pub fn changes(&self) -> Option<&ScheduleDiff> {
        self.ws.changes.as_deref()
    }

    /// Whether the plan file is refused for writing (newer version, changed on disk, unreadable).
    pub fn is_plan_read_only(&self) -> bool {
        self.plan_slot.read_only.is_some()
    }

    /// Whether a schedule import is still running in the background.
    pub fn is_importing(&self) -> bool {
        self.jobs.import_in_progress().is_some()
    }

    /// Draws one frame. `now` is conference-local wall-clock time, a parameter so tests can pin it.
    pub fn ui_at(&mut self, ui: &mut egui::Ui, now: NaiveDateTime) {
        let time = ui.input(|i| i.time);
        self.waker.set(ui.ctx());
        if self.terminate.load(std::sync::atomic::Ordering::Relaxed) {
            // SIGTERM, SIGINT or SIGHUP (logout, shutdown): nothing may wait for the autosave.
            self.flush();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.frames_drawn == 0 && !self.forced_view && self.ws.schedule.day_of(now).is_some() {
            // Opened during the conference: what is on now matters most.
            self.ui.tab = ui::Tab::Now;
        }
        if self.looks_applied.is_none() {
            ui::theme::install_fonts(ui.ctx());
        }
        if self.looks_applied != Some(self.settings.looks) {
            ui::theme::apply_looks(ui.ctx(), self.settings.looks);
            self.looks_applied = Some(self.settings.looks);
        }
        let mut commands = Vec::new();
        self.poll_background(ui.ctx(), time, &mut commands);
        ui::shortcuts(ui, &mut self.ui, &mut commands);
        ui::file_drop(ui, &mut commands);
        self.sync_map_picture(ui.ctx());
        self.refresh_search(ui.ctx());
        let status = self.status();
        let Self {
            ws,
            schedule_generation,
            plan_revision,
            timeline,
            ui: ui_state,
            undo,
            settings,
            laptop_clock,
            friends,
            friend_index,
            roster,
            roster_revision,
            jobs,
            map_picture,
            search,
            ..
        } = self;
        let roster = match (&ws.roster, &*roster) {
            (Some(document), Some(open)) => Some(ui::roster_view::RosterCtx {
                roster: document,
                report: &open.derived,
                last_auto: open.last_auto.as_ref(),
                auto_running: jobs.auto_roster_running(),
                staff_folder: open.staff_folder.as_deref(),
                save: open.slot.state(),
                revision: *roster_revision,
            }),
            _ => None,
        };
        let ctx = ViewCtx {
            schedule: &ws.schedule,
            generation: *schedule_generation,
            plan: &ws.plan,
            plan_revision: *plan_revision,
            timeline,
            changes: ws.changes.as_deref(),
            now,
            status: &status,
            show_laptop_time: settings.show_laptop_time,
            looks: settings.looks,
            friends,
            friend_index,
            roster,
            show_welcome: !settings.welcomed,
            laptop_clock: *laptop_clock,
            venue: map_picture.view_ctx(&ws.plan),
            search: search.index.as_deref(),
            search_fork: &search.fork,
            filter: &search.filter,
        };
        ui::root_ui(ui, &ctx, ui_state, (undo.can_undo(), undo.can_redo()), &mut commands);
        for command in commands {
            self.execute(command, time);
        }
        self.end_frame(ui, time);
    }

    /// Work after drawing: screenshots, pictures, the autosave and the frame limit.
    fn end_frame(&mut self, ui: &egui::Ui, time: f64) {
        // A few frames in, so fonts and layout have settled.
        if self.frames_drawn == 5
            && let Some(path) = self.screenshot_to.take()
        {
            ui.ctx().request_screenshot(move |image| {
                let [width, height] = image.size;
                if let Err(err) = crate::io::export::picture::save_png(&path, width, height, image.as_raw()) {
                    log::error!("{err}");
                }
            });
        }
        if std::mem::take(&mut self.picture_requested) {
            let name = format!("{}.png", crate::io::paths::safe_folder_name(&self.ws.schedule.conference().id));
            self.jobs.save_picture(ui.ctx(), name);
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
                let before = self.ws.clone(); // once per edit, never per frame
                match self.ws.plan.apply(&self.ws.schedule, edit) {
                    Ok(()) if self.ws.plan != before.plan => {
                        self.undo.push(before);
                        self.workspace_changed(time);
                    }
                    Ok(()) => {}
                    Err(err) => self.ui.banners.push(Banner::warning(err.to_string())),
                }
            }
            Command::AddItem(item) => {
                let id = ids::fresh_item_id(item.id_prefix());
                self.execute(Command::Edit(crate::model::Edit::add(item.with_id(id))), time);
            }
            Command::Undo => {
                if self.plan_slot.read_only.is_none() {
                    let before = (Arc::clone(&self.ws.schedule), self.ws.roster.clone());
                    if self.undo.undo(&mut self.ws) {
                        self.after_history_step(&before, time);
                    }
                }
            }
            Command::Redo => {
                if self.plan_slot.read_only.is_none() {
                    let before = (Arc::clone(&self.ws.schedule), self.ws.roster.clone());
                    if self.undo.redo(&mut self.ws) {
                        self.after_history_step(&before, time);
                    }
                }
            }
            Command::SaveNow => self.save_plan_now(),
            Command::Select(session_id) => self.ui.selected = session_id,
            Command::OpenScheduleDialog => self.jobs.open_dialog(),
            Command::OpenSchedule(path) => self.jobs.start_import(path),
            Command::OpenSample => self.open_schedule(schedules::sample(), ScheduleSource::Sample, time),
            Command::EditRoster(edit) => self.edit_roster(*edit, time),
            Command::LoadMapImage(path) => self.load_map_image(&path, time),
            Command::LoadSamplePlan => self.load_sample_plan(time),
            Command::RestorePlan(copy) => self.restore_plan(&copy, time),
            Command::DismissBanner(index) => {
                if index < self.ui.banners.len() {
                    self.ui.banners.remove(index);
                }
            }
            Command::DismissChanges => {
                self.ws.changes = None;
                self.ui.tab = ui::Tab::Schedule;
            }
            other => self.execute_app(other),
        }
    }

    /// Commands about files, friends and settings rather than the plan itself.
    fn execute_app(&mut self, command: Command) {
        match command {
            Command::ExportCalendar => {
                // The timeline as shown, booth shifts from an open roster included.
                let ics = crate::io::export::ical::timeline_to_ics(&self.ws.schedule, &self.ws.plan, &self.timeline);
                let events = ics.matches("\r\nBEGIN:VEVENT\r\n").count();
                let name =
                    format!("{}-agenda.ics", crate::io::paths::safe_folder_name(&self.ws.schedule.conference().id));
                self.jobs.export_calendar(ics, events, name);
            }
            Command::SavePicture => self.picture_requested = true,
            Command::OpenRosterDialog => self.jobs.pick_roster(),
            Command::LoadMapDialog => self.jobs.pick_map(),
            Command::OpenRoster(path) => self.open_roster(&path),
            Command::OpenSampleRoster => self.open_sample_roster(),
            Command::CloseRoster => self.close_roster(),
            Command::LoadStaffPlansDialog => self.jobs.pick_staff_folder(),
            Command::AutoRoster => {
                if let (Some(roster), Some(open)) = (&self.ws.roster, &self.roster) {
                    let busy = roster.busy_with_slots(&open.busy);
                    self.jobs.auto_roster(Arc::clone(roster), busy, self.roster_revision);
                }
            }
            Command::ExportRosterDialog => {
                if let (Some(roster), Some(open)) = (&self.ws.roster, &self.roster) {
                    self.jobs.export_roster(Arc::clone(roster), open.derived.violations.clone());
                }
            }
            Command::ShareMyPicks => {
                let name = self.ws.plan.me.clone().unwrap_or_else(|| "Me".to_owned());
                let me = crate::model::friends::Friend::from_plan(&name, &self.ws.plan);
                let file = format!("{}.picks.ron", crate::io::paths::safe_folder_name(&name));
                self.jobs.share_picks(me, file);
            }
            Command::AddFriend => match self.friends_dir() {
                Some(dir) => self.jobs.add_friend(dir, Arc::clone(&self.ws.schedule)),
                None => self.ui.banners.push(Banner::error("There is no data folder to keep friends' picks in.")),
            },
            Command::RemoveFriend(name) => {
                if let Some(dir) = self.friends_dir()
                    && let Err(err) = crate::io::friends::remove_friend(&dir, &name)
                {
                    self.ui.banners.push(Banner::error(format!("Could not remove {name}'s picks: {err}")));
                }
                self.reload_friends();
            }
            Command::SetConferenceZone(zone) => self.set_conference_zone(zone.as_deref()),
            Command::SetShowLaptopTime(show) => {
                self.settings.show_laptop_time = show;
                self.save_settings();
            }
            Command::SetLooks(looks) => {
                self.settings.looks = looks;
                self.save_settings();
            }
            Command::SetFilter(filter) => self.set_filter(filter),
            Command::DismissWelcome => {
                self.settings.welcomed = true;
                self.save_settings();
            }
            // Handled by `execute`; listed so a new command cannot fall through unnoticed.
            Command::Edit(_)
            | Command::AddItem(_)
            | Command::RestorePlan(_)
            | Command::Undo
            | Command::Redo
            | Command::SaveNow
            | Command::Select(_)
            | Command::OpenScheduleDialog
            | Command::OpenSchedule(_)
            | Command::OpenSample
            | Command::DismissBanner(_)
            | Command::EditRoster(_)
            | Command::LoadSamplePlan
            | Command::LoadMapImage(_)
            | Command::DismissChanges => {}
        }
    }

    /// After any change to the workspace: derived data, caches, autosave.
    fn workspace_changed(&mut self, time: f64) {
        self.rebuild_timeline();
        self.plan_revision += 1;
        self.plan_slot.mark_dirty(time);
    }

    /// The attendee's timeline: their plan, plus their shifts and volunteer slots in the open
    /// roster (found by the name the plan says is theirs).
    fn rebuild_timeline(&mut self) {
        self.timeline = Timeline::for_attendee(&self.ws.schedule, &self.ws.plan, self.ws.roster.as_deref());
    }

    fn after_history_step(
        &mut self,
        (schedule_before, roster_before): &(Arc<Schedule>, Option<Arc<crate::model::roster::Roster>>),
        time: f64,
    ) {
        let roster_moved = match (roster_before, &self.ws.roster) {
            (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
            (None, None) => false,
            _ => true,
        };
        if roster_moved {
            self.roster_changed(Some(time));
        }
        if !Arc::ptr_eq(schedule_before, &self.ws.schedule) {
            self.reapply_zone_override();
            self.schedule_generation += 1;
            self.remember_source();
            if self.ws.changes.is_some() {
                self.ui.tab = ui::Tab::Changes;
            } else if self.ui.tab == ui::Tab::Changes {
                self.ui.tab = ui::Tab::Schedule;
            }
        }
        self.workspace_changed(time);
    }

    fn friends_dir(&self) -> Option<PathBuf> {
        let conference = &self.ws.schedule.conference().id;
        self.data_dir.as_deref().map(|dir| crate::io::friends::friends_dir(dir, conference))
    }

    /// Reads the friends kept for the open conference.
    fn reload_friends(&mut self) {
        let (friends, problems) =
            self.friends_dir().map(|dir| crate::io::friends::load_friends(&dir)).unwrap_or_default();
        for problem in problems {
            log::warn!("{problem}");
            self.ui.banners.push(Banner::warning(problem));
        }
        self.friend_index = crate::model::friends::FriendIndex::new(&friends);
        self.friends = friends;
    }

    pub fn friends(&self) -> &[crate::model::friends::Friend] {
        &self.friends
    }

    /// Saves everything that is unsaved and waits for it. Called on exit and before switching
    /// schedules.
    pub fn flush(&mut self) {
        self.save_plan_now();
        self.save_roster_now();
    }

    /// The open roster, if any.
    pub fn roster(&self) -> Option<&crate::model::roster::Roster> {
        self.ws.roster.as_deref()
    }

    /// What is derived from the open roster (violations, hours, coverage).
    pub fn roster_report(&self) -> Option<&crate::model::roster_report::RosterReport> {
        self.roster.as_ref().map(|r| &r.derived)
    }

    fn status(&self) -> ui::Status {
        ui::Status {
            source: match &self.ws.source {
                ScheduleSource::Sample => "Sample conference (bundled)".to_owned(),
                ScheduleSource::File(path) => path.display().to_string(),
            },
            save: self.plan_slot.state(),
            importing: self.jobs.import_in_progress().map(|(path, fraction)| (path.to_path_buf(), fraction)),
            is_sample: self.ws.source == ScheduleSource::Sample,
        }
    }

    /// Conference-local "now", from the real instant.
    fn conference_now(&self) -> NaiveDateTime {
        if let Some(now) = self.pinned_now {
            return now;
        }
        #[expect(clippy::disallowed_methods, reason = "the one place that reads the clock")]
        let local = chrono::Local::now();
        self.ws.schedule.conference().zone.local_now(local.to_utc(), local.naive_local())
    }
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
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, persist_window: true, ..Default::default() };
    // The schedule imports while eframe creates the window and its GL context.
    let preload = schedules::preload(&config);
    eframe::run_native(
        "lanyard",
        options,
        Box::new(|cc| {
            ui::theme::install(&cc.egui_ctx);
            let preloaded = preload.and_then(|handle| handle.join().ok()).flatten();
            let app = LanyardApp::with_preloaded(config, preloaded);
            app.listen_for_termination(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
}
