//! The eframe application, as owned parts with one job each:
//!
//! - [`Documents`](documents::Documents) (`app/documents.rs`): the schedule, plan, roster and
//!   settings; loading, saving, merging and undo. Its `commit` is the only place an undo step is
//!   pushed.
//! - [`Derived`](derived::Derived) (`app/derived.rs`): the timeline, roster report, search index
//!   and friends index, rebuilt by one `refresh` when the documents' revisions move.
//! - [`Tasks`](tasks::Tasks) (`app/tasks.rs`): background work; every result comes back to one
//!   inbox as a [`Command`].
//! - `UiState` (`ui/mod.rs`): what the window shows; views draw from [`ViewCtx`] and push
//!   commands.
//!
//! A frame ([`LanyardApp::ui_at`]) takes in the inbox, draws, and hands every command to
//! [`LanyardApp::execute`], which routes it to its owner.

mod derived;
mod doc_slot;
mod documents;
mod files;
pub mod ids;
mod lifecycle;
mod persistence;
mod rosters;
mod sample_plan;
mod schedules;
mod search;
mod tasks;
mod venue_map;
mod view;

use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::command::{Command, Done, PlanCommand, RosterCommand, UiCommand};
use crate::ui::{self, UiState};
pub use doc_slot::Settled;
use documents::Documents;
pub use lifecycle::{LaptopClock, MAX_TEXTURE_SIDE, cap_texture_side, run_native};
pub use search::SecondThread;
pub use venue_map::MapKey;

/// The window's application id (Wayland app id, X11 `WM_CLASS`): the name of the desktop entry
/// and the icon the package installs, so launchers and task bars show lanyard's.
pub const APP_ID: &str = "org.lanyard.Lanyard";

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

pub struct LanyardApp {
    docs: Documents,
    derived: derived::Derived,
    tasks: tasks::Tasks,
    ui: UiState,
    shell: lifecycle::Shell,
    /// The venue map's picture, loaded in the background when the Map tab needs it.
    map: venue_map::MapPictureSlot,
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
    pub fn with_schedule(config: AppConfig, schedule: crate::model::Schedule) -> Self {
        let path = config.schedule_path.clone().unwrap_or_default();
        Self::with_preloaded(config, Some(schedules::Preloaded::loaded(path, schedule)))
    }

    /// [`Self::new`] with the schedule possibly already imported on another thread.
    fn with_preloaded(config: AppConfig, preloaded: Option<schedules::Preloaded>) -> Self {
        let shell = lifecycle::Shell::new(&config);
        let mut tasks = tasks::Tasks::default();
        let mut docs = Documents::new(config.data_dir, tasks.inbox());
        let (schedule, source) = schedules::initial_schedule(
            config.schedule_path,
            &docs.settings.value,
            preloaded,
            &mut docs.notices.banners,
        );
        docs.install_schedule(schedule, source, &mut tasks);
        if let Some(roster) = config.roster {
            docs.open_roster(&roster, &mut tasks);
        }
        let mut app = Self {
            docs,
            derived: derived::Derived::default(),
            tasks,
            ui: UiState::default(),
            shell,
            map: venue_map::MapPictureSlot::default(),
        };
        app.take_notices();
        app.derived.refresh(&app.docs, &mut app.tasks);
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
        self.shell.forced_view = view.is_some();
        let looks = &mut self.docs.settings.value.looks;
        match theme {
            None => {}
            Some(ui::StartTheme::Light) => looks.theme = crate::io::settings::ThemeChoice::Light,
            Some(ui::StartTheme::Dark) => looks.theme = crate::io::settings::ThemeChoice::Dark,
        }
    }

    /// Draws one frame. `now` is conference-local wall-clock time, a parameter so tests can pin it.
    pub fn ui_at(&mut self, ui: &mut egui::Ui, now: NaiveDateTime) {
        let time = ui.input(|i| i.time);
        let mut commands = Vec::new();
        self.tasks.drain(&mut commands);
        for command in commands.drain(..) {
            self.execute(command, time);
        }
        self.begin_frame(ui, now);
        ui::shortcuts(ui, &mut self.ui, &mut commands);
        ui::file_drop(ui, &mut commands);
        self.draw(ui, now, &mut commands);
        for command in commands {
            self.execute(command, time);
        }
        self.end_frame(ui, time);
    }

    /// Carries out one command, routed to the part that owns it; what it changed is rebuilt
    /// before this returns. `time` is egui's clock, used to schedule the autosave.
    pub fn execute(&mut self, command: Command, time: f64) {
        match command {
            Command::Plan(command) => self.plan_command(command, time),
            Command::Roster(command) => self.roster_command(command, time),
            Command::File(command) => self.file_command(command, time),
            Command::Settings(command) => self.docs.settings_command(command),
            Command::Ui(command) => self.ui_command(command),
            Command::Done(done) => self.done(done, time),
        }
        self.take_notices();
        self.derived.refresh(&self.docs, &mut self.tasks);
    }

    fn plan_command(&mut self, command: PlanCommand, time: f64) {
        match command {
            PlanCommand::Edit(edit) => self.docs.edit_plan(edit, time),
            PlanCommand::AddItem(item) => {
                let id = ids::fresh_item_id(item.id_prefix());
                self.docs.edit_plan(crate::model::Edit::add(item.with_id(id)), time);
            }
            PlanCommand::Undo => self.docs.step(false, time),
            PlanCommand::Redo => self.docs.step(true, time),
            PlanCommand::SaveNow => self.flush(),
            PlanCommand::Restore(copy) => self.docs.restore_plan(&copy, time),
            PlanCommand::LoadSample => self.docs.load_sample_plan(time),
            PlanCommand::SetMapImage(path) => {
                self.map.reload();
                self.docs.set_map_image(&path, time);
            }
        }
    }

    fn roster_command(&mut self, command: RosterCommand, time: f64) {
        match command {
            RosterCommand::Edit(edit) => self.docs.edit_roster(*edit, time),
            RosterCommand::Open(path) => self.docs.open_roster(&path, &mut self.tasks),
            RosterCommand::Create(path) => self.docs.create_roster(&path, &mut self.tasks),
            RosterCommand::ImportStaff(path) => self.docs.import_staff(&path, time),
            RosterCommand::OpenSample => self.docs.open_sample_roster(&mut self.tasks),
            RosterCommand::Close => self.docs.close_roster(&mut self.tasks),
            RosterCommand::AutoRoster => self.docs.start_auto_roster(&mut self.tasks),
            RosterCommand::LoadStaffPlans(folder) => self.docs.load_staff_folder(&folder),
        }
    }

    fn ui_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::Select(session) => self.ui.selected = session,
            UiCommand::DismissBanner(index) => {
                if index < self.ui.banners.len() {
                    self.ui.banners.remove(index);
                }
            }
            UiCommand::Show(banner) => self.ui.banners.push(*banner),
            UiCommand::DismissChanges => {
                self.docs.ws.changes = None;
                self.ui.tab = ui::Tab::Schedule;
            }
        }
    }

    /// A background task's result.
    fn done(&mut self, done: Done, time: f64) {
        match done {
            Done::Imported { path, result } => {
                self.shell.importing = None;
                if let Some(result) = result.take() {
                    self.docs.finish_import(path, result, time, &mut self.tasks);
                }
            }
            Done::AutoRostered { revision, result } => self.docs.finish_auto_roster(revision, &result, time),
            Done::FriendAdded(Ok((name, picks))) => {
                self.docs.banner(ui::Banner::info(format!("Added {name}'s picks ({picks}).")));
                self.docs.reload_friends();
            }
            Done::FriendAdded(Err(message)) => {
                log::warn!("{message}");
                self.docs.banner(ui::Banner::error(message));
            }
            Done::PlanSaved(parcel) => self.docs.plan_saved(&parcel),
            Done::RosterSaved(parcel) => self.docs.roster_saved(&parcel),
            Done::PlanOnDisk { path, found } => self.docs.plan_on_disk(&path, &found),
            Done::Indexed { revision, index } => self.derived.indexed(revision, &index),
            Done::MapDecoded { key, result } => self.map.decoded(&key, &result),
            Done::Pictured { image, name } => self.save_picture(image, name),
        }
    }

    /// Moves what the documents want shown into the window's state.
    fn take_notices(&mut self) {
        let notices = std::mem::take(&mut self.docs.notices);
        self.ui.banners.extend(notices.banners);
        if notices.deselect {
            self.ui.selected = None;
        }
        if notices.leave_changes && self.ui.tab == ui::Tab::Changes {
            self.ui.tab = ui::Tab::Schedule;
        }
        if let Some(tab) = notices.tab {
            self.ui.tab = tab;
        }
    }

    /// Saves everything that is unsaved and waits for it. Called on exit and before switching
    /// schedules.
    pub fn flush(&mut self) {
        self.docs.flush(&mut self.tasks);
        self.take_notices();
    }
}
