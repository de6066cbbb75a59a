//! File commands: opening a schedule, the system dialogs and every export. Each dialog, and the
//! write after it, runs as a background task (`app/tasks.rs`); the answer comes back as the
//! command that carries it out, or as a banner saying what was written where.

use std::path::PathBuf;
use std::sync::Arc;

use super::LanyardApp;
use super::tasks::Task;
use crate::command::{Choice, Command, Done, FileCommand, Parcel, PlanCommand, RosterCommand};
use crate::io::paths::safe_folder_name;
use crate::ui::Banner;

/// A finished write: what to tell the user, or why it failed.
fn report(result: Result<String, String>) -> Command {
    Command::show(match result {
        Ok(message) => Banner::info(message),
        Err(message) => {
            log::error!("{message}");
            Banner::error(message)
        }
    })
}

impl LanyardApp {
    pub(super) fn file_command(&mut self, command: FileCommand, time: f64) {
        match command {
            FileCommand::OpenSchedule(path) => self.import(path),
            FileCommand::OpenSample => {
                let schedule = super::schedules::sample();
                self.docs.open_schedule(schedule, super::ScheduleSource::Sample, time, &mut self.tasks);
            }
            FileCommand::Choose(choice) => self.choose(choice),
            FileCommand::ExportCalendar => self.export_calendar(),
            FileCommand::SavePicture => self.shell.picture_requested = true,
            FileCommand::ShareMyPicks => self.share_picks(),
            FileCommand::AddFriend => self.add_friend(),
            FileCommand::RemoveFriend(name) => self.docs.remove_friend(&name),
            FileCommand::ExportRoster => self.export_roster(),
        }
    }

    fn export_calendar(&mut self) {
        // The timeline as shown, booth shifts from an open roster included.
        let ws = &self.docs.ws;
        let ics = crate::io::export::ical::timeline_to_ics(&ws.schedule, &ws.plan, &self.derived.timeline);
        let events = ics.matches("\r\nBEGIN:VEVENT\r\n").count();
        let name = format!("{}-agenda.ics", safe_folder_name(ws.schedule.conference().id.as_str()));
        self.dialog(move || {
            let path = rfd::FileDialog::new()
                .set_title("Export your agenda as a calendar")
                .set_file_name(name)
                .add_filter("iCalendar", &["ics"])
                .save_file()?;
            Some(report(
                crate::io::export::write_file(&path, &ics)
                    .map(|()| format!("Exported {events} events to {}.", path.display()))
                    .map_err(|err| err.to_string()),
            ))
        });
    }

    fn share_picks(&mut self) {
        let name = self.docs.ws.plan.me.clone().unwrap_or_else(|| "Me".to_owned());
        let me = crate::model::friends::Friend::from_plan(&name, &self.docs.ws.plan);
        let file = format!("{}.picks.ron", safe_folder_name(&name));
        self.dialog(move || {
            let path = rfd::FileDialog::new()
                .set_title("Share your picks with friends")
                .set_file_name(file)
                .add_filter("Lanyard shared picks", &["ron"])
                .save_file()?;
            let count = me.picks.len();
            Some(report(
                crate::io::friends::share(&path, &me)
                    .map(|()| {
                        format!("Saved your {count} picks to {}. Send that file to your friends.", path.display())
                    })
                    .map_err(|err| err.to_string()),
            ))
        });
    }

    fn add_friend(&mut self) {
        let Some(dir) = self.docs.friends_dir() else {
            self.docs.banner(Banner::error("There is no data folder to keep friends' picks in."));
            return;
        };
        let schedule = Arc::clone(&self.docs.ws.schedule);
        self.dialog(move || {
            let path = rfd::FileDialog::new()
                .set_title("Add a friend's picks")
                .add_filter("Shared picks, plans and calendars", &["ron", "ics"])
                .pick_file()?;
            let added = crate::io::friends::add_friend(&dir, &path, &schedule)
                .map(|friend| (friend.name, friend.picks.len()))
                .map_err(|err| err.to_string());
            Some(Command::Done(Done::FriendAdded(added)))
        });
    }

    fn export_roster(&mut self) {
        let (Some(roster), Some(report_of)) = (&self.docs.ws.roster, &self.derived.roster_report) else {
            return;
        };
        let (roster, violations) = (Arc::clone(roster), report_of.violations.clone());
        self.dialog(move || {
            let dir = rfd::FileDialog::new().set_title("Export the roster into a folder").pick_folder()?;
            Some(report(
                crate::io::export::roster::export_all(&roster, &violations, &dir)
                    .map(|_| {
                        format!("Exported each person's shifts, a CSV and a printable roster to {}.", dir.display())
                    })
                    .map_err(|err| err.to_string()),
            ))
        });
    }

    /// Asks the system dialog for a file or folder; the answer comes back as the command to open
    /// it.
    fn choose(&mut self, choice: Choice) {
        let suggested = self.docs.new_roster_path();
        self.dialog(move || {
            let dialog = rfd::FileDialog::new();
            Some(match choice {
                Choice::Schedule => {
                    let path = dialog
                        .set_title("Open a conference schedule")
                        .add_filter("Schedules", &["ron", "xml", "json", "ics", "ical"])
                        .add_filter("All files", &["*"])
                        .pick_file()?;
                    Command::File(FileCommand::OpenSchedule(path))
                }
                Choice::Roster => {
                    let path = dialog.set_title("Open a roster").add_filter("Lanyard rosters", &["ron"]).pick_file()?;
                    Command::Roster(RosterCommand::Open(path))
                }
                Choice::NewRoster => {
                    let mut dialog = dialog.set_title("Save the new roster as").add_filter("Lanyard rosters", &["ron"]);
                    if let Some(folder) = suggested.parent() {
                        dialog = dialog.set_directory(folder);
                    }
                    if let Some(name) = suggested.file_name() {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                    Command::Roster(RosterCommand::Create(dialog.save_file()?))
                }
                Choice::StaffCsv => {
                    let path = dialog
                        .set_title("Import staff from a spreadsheet (CSV)")
                        .add_filter("CSV files", &["csv", "txt"])
                        .add_filter("All files", &["*"])
                        .pick_file()?;
                    Command::Roster(RosterCommand::ImportStaff(path))
                }
                Choice::StaffPlans => {
                    let folder = dialog.set_title("The folder of your staff's plan files").pick_folder()?;
                    Command::Roster(RosterCommand::LoadStaffPlans(folder))
                }
                Choice::MapImage => {
                    let path = dialog
                        .set_title("Choose a map of the venue")
                        .add_filter("Pictures", &["png", "jpg", "jpeg"])
                        .pick_file()?;
                    Command::Plan(PlanCommand::SetMapImage(path))
                }
            })
        });
    }

    /// Runs a system dialog (and the write after it) as a background task. One dialog at a time:
    /// a second request while one is open is ignored, as a second click on a menu would be.
    pub(super) fn dialog(&mut self, work: impl FnOnce() -> Option<Command> + Send + 'static) {
        if self.tasks.is_running(Task::Dialog) {
            return;
        }
        let timed = move || {
            let started = std::time::Instant::now();
            let answer = work();
            dialog_answer(answer, started.elapsed())
        };
        if let Err(message) = self.tasks.spawn(Task::Dialog, timed) {
            self.docs.banner(Banner::error(message));
        }
    }

    /// Imports a schedule file in the background; the result arrives as [`Done::Imported`]. A
    /// second import waits for the first to finish.
    fn import(&mut self, path: PathBuf) {
        if self.tasks.is_running(Task::Import) {
            let message = format!("Still opening another schedule; try {} again in a moment.", path.display());
            self.docs.banner(Banner::warning(message));
            return;
        }
        let progress = Arc::new(std::sync::atomic::AtomicU32::new(0.0_f32.to_bits()));
        let (job_path, job_progress, inbox) = (path.clone(), Arc::clone(&progress), self.tasks.inbox());
        let started = self.tasks.spawn(Task::Import, move || {
            let last_shown = std::sync::atomic::AtomicU32::new(0);
            let report = |fraction: f32| {
                job_progress.store(fraction.clamp(0.0, 1.0).to_bits(), std::sync::atomic::Ordering::Relaxed);
                // A frame per percent, for the progress bar.
                let percent = (fraction.clamp(0.0, 1.0) * 100.0) as u32;
                if last_shown.swap(percent, std::sync::atomic::Ordering::Relaxed) != percent {
                    inbox.wake();
                }
            };
            let result = crate::io::import::load_with_progress(&job_path, &report);
            Some(Command::Done(Done::Imported { path: job_path, result: Parcel::new(result) }))
        });
        match started {
            Ok(()) => self.shell.importing = Some((path, progress)),
            Err(message) => self.docs.banner(Banner::error(message)),
        }
    }

    /// The file being imported and the fraction done, if an import is running.
    pub(super) fn import_progress(&self) -> Option<(&std::path::Path, f32)> {
        // A task that died sends no result; its banner says so, and the bar goes.
        let (path, progress) = self.shell.importing.as_ref().filter(|_| self.tasks.is_running(Task::Import))?;
        Some((path.as_path(), f32::from_bits(progress.load(std::sync::atomic::Ordering::Relaxed))))
    }
}

/// Sooner than anyone can close a dialog: a "cancel" this fast means it never opened.
const NO_DIALOG: std::time::Duration = std::time::Duration::from_millis(250);

/// A dialog's answer, or, when it came back empty faster than a person could have cancelled it,
/// a banner saying that the system could not show one. The dialog crate reports a missing
/// xdg-desktop-portal (and no zenity) the same way as a cancel, which would leave the click
/// without any visible effect.
fn dialog_answer(answer: Option<Command>, took: std::time::Duration) -> Option<Command> {
    if answer.is_some() || took >= NO_DIALOG {
        return answer;
    }
    Some(Command::show(Banner::error(
        "The system's file dialog could not be opened: lanyard asks xdg-desktop-portal for it (or zenity), \
         and neither answered. Install xdg-desktop-portal with a backend for your desktop (for example \
         xdg-desktop-portal-gtk), or open files from the command line: lanyard SCHEDULE, lanyard --roster FILE.",
    )))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_dialog_that_never_opened_says_so_and_a_cancel_stays_quiet() {
        let said = dialog_answer(None, Duration::from_millis(3));
        assert!(
            matches!(&said, Some(Command::Ui(crate::command::UiCommand::Show(b))) if b.text.contains("xdg-desktop-portal")),
            "{said:?}"
        );
        assert_eq!(dialog_answer(None, Duration::from_secs(2)), None, "a person cancelled: nothing to say");
        let open = Command::Roster(RosterCommand::Close);
        assert_eq!(dialog_answer(Some(open.clone()), Duration::from_millis(3)), Some(open), "an answer is an answer");
    }
}
