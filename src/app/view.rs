//! What the views see: [`LanyardApp::draw`] lends them the documents and derived data through one
//! [`ViewCtx`], and the accessors below lend the same to tests and benchmarks.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::tasks::Task;
use super::{LanyardApp, LaptopClock, ScheduleSource};
use crate::command::Command;
use crate::io::settings::Settings;
use crate::model::friends::Friend;
use crate::model::roster::Roster;
use crate::model::roster_report::RosterReport;
use crate::model::{Plan, Schedule, ScheduleDiff, Timeline};
use crate::ui::{self, UiState, ViewCtx};

impl LanyardApp {
    /// Draws every view from the documents and derived data, collecting their commands.
    pub(super) fn draw(&mut self, ui: &mut egui::Ui, now: NaiveDateTime, commands: &mut Vec<Command>) {
        let status = self.status();
        self.derived.board_at(&self.docs, now);
        let Self { docs, derived, tasks, ui: ui_state, shell, map } = self;
        let roster = match (&docs.ws.roster, &docs.roster, &derived.roster_report) {
            (Some(document), Some(file), Some(report)) => Some(ui::roster_view::RosterCtx {
                roster: document,
                report,
                last_auto: file.last_auto.as_ref(),
                auto_running: tasks.is_running(Task::AutoRoster),
                staff_folder: file.staff_folder.as_deref(),
                save: file.slot.state(),
                revision: docs.revisions.roster,
                volunteer_coverage: &derived.volunteer_coverage,
            }),
            _ => None,
        };
        let settings = &docs.settings.value;
        let ctx = ViewCtx {
            schedule: &docs.ws.schedule,
            plan: &docs.ws.plan,
            revisions: docs.revisions,
            timeline: &derived.timeline,
            board: derived.board.value(),
            changes: docs.ws.changes.as_deref(),
            now,
            status: &status,
            prefs: ui::Prefs {
                show_laptop_time: settings.show_laptop_time,
                looks: settings.looks,
                show_welcome: !settings.welcomed,
                laptop_clock: shell.laptop_clock,
            },
            friends: ui::Friends {
                list: &docs.friends,
                index: &derived.friend_index,
                overlaps: &derived.friend_overlaps,
            },
            roster,
            venue: map.view_ctx(&docs.ws.plan),
            search: ui::Search { index: derived.search.as_deref(), fork: &derived.fork },
            filter: &docs.filter,
        };
        let history = (docs.can_undo(), docs.can_redo());
        ui::root_ui(ui, &ctx, ui_state, history, commands);
    }

    /// Asks where to save a picture of the window, and writes it, as a background task.
    pub(super) fn save_picture(&mut self, image: Arc<egui::ColorImage>, name: String) {
        self.dialog(move || {
            let path = rfd::FileDialog::new()
                .set_title("Save this view as a picture")
                .set_file_name(name)
                .add_filter("PNG picture", &["png"])
                .save_file()?;
            let [width, height] = image.size;
            let saved = crate::io::export::picture::save_png(&path, width, height, image.as_raw());
            Some(Command::show(match saved {
                Ok(()) => ui::Banner::info(format!("Saved the picture to {}.", path.display())),
                Err(err) => ui::Banner::error(err.to_string()),
            }))
        });
    }

    fn status(&self) -> ui::Status {
        ui::Status {
            source: match &self.docs.ws.source {
                ScheduleSource::Sample => "Sample conference (bundled)".to_owned(),
                ScheduleSource::File(path) => path.display().to_string(),
            },
            save: self.docs.plan.slot.state(),
            importing: self.import_progress().map(|(path, fraction)| (path.to_path_buf(), fraction)),
            is_sample: self.docs.ws.source == ScheduleSource::Sample,
        }
    }

    /// Replaces how instants become laptop wall-clock time (tests pin a zone).
    pub fn set_laptop_clock(&mut self, clock: LaptopClock) {
        self.shell.laptop_clock = clock;
    }

    pub fn schedule(&self) -> &Schedule {
        &self.docs.ws.schedule
    }

    pub fn plan(&self) -> &Plan {
        &self.docs.ws.plan
    }

    pub fn timeline(&self) -> &Timeline {
        &self.derived.timeline
    }

    pub fn ui_state(&self) -> &UiState {
        &self.ui
    }

    pub fn source(&self) -> &ScheduleSource {
        &self.docs.ws.source
    }

    pub fn settings(&self) -> &Settings {
        &self.docs.settings.value
    }

    /// What the last schedule update changed, if it has not been dismissed.
    pub fn changes(&self) -> Option<&ScheduleDiff> {
        self.docs.ws.changes.as_deref()
    }

    /// Whether the plan file is refused for writing (newer version, changed on disk, unreadable).
    pub fn is_plan_read_only(&self) -> bool {
        self.docs.plan.slot.read_only.is_some()
    }

    /// Whether a schedule import is still running in the background.
    pub fn is_importing(&self) -> bool {
        self.tasks.is_running(Task::Import)
    }

    /// Friends' shared picks kept for the open conference.
    pub fn friends(&self) -> &[Friend] {
        &self.docs.friends
    }

    /// The open roster, if any.
    pub fn roster(&self) -> Option<&Roster> {
        self.docs.ws.roster.as_deref()
    }

    /// What is derived from the open roster (violations, hours, coverage).
    pub fn roster_report(&self) -> Option<&RosterReport> {
        self.derived.roster_report.as_ref()
    }
}
