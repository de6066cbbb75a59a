//! Every change the app can be asked for, grouped by the part of the app that carries it out.
//! Views push commands; background tasks send theirs to the app's inbox; `LanyardApp::execute`
//! routes each to its owner. Every dispatch matches exhaustively, with no catch-all arm, so a new
//! command cannot fall through unnoticed.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::model::roster::RosterEdit;
use crate::model::{Edit, PersonalItem, SessionId};

#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Command {
    /// The attendee's plan and the undo history.
    Plan(PlanCommand),
    /// The booth captain's roster.
    Roster(RosterCommand),
    /// Opening, exporting and sharing files.
    File(FileCommand),
    /// Preferences kept in the settings file.
    Settings(SettingsCommand),
    /// What the window shows; nothing is saved.
    Ui(UiCommand),
    /// A background task finished (`app/tasks.rs`).
    Done(Done),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanCommand {
    /// Change the plan (undoable).
    Edit(Edit),
    /// Add a new item of your own (undoable). Its id is ignored: the app gives it one that no
    /// other window or laptop will ever give, so merging two copies of the plan keeps both.
    AddItem(Box<PersonalItem>),
    Undo,
    Redo,
    /// Save the plan (and roster) now instead of waiting for autosave.
    SaveNow,
    /// Replace the plan with a kept copy of it (a backup set aside by recovery), as one undoable
    /// step.
    Restore(PathBuf),
    /// Replace the plan with the bundled sample plan (undoable); only for the sample conference.
    LoadSample,
    /// Make this picture the plan's venue map (undoable) and show the map.
    SetMapImage(PathBuf),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterCommand {
    /// Change the open roster (undoable).
    Edit(Box<RosterEdit>),
    Open(PathBuf),
    /// Start an empty roster for the open conference in this new file, and open it.
    Create(PathBuf),
    /// Add the people in this CSV file (a captain's spreadsheet) to the open roster, as one
    /// undoable step; rows that cannot be read are reported and skipped.
    ImportStaff(PathBuf),
    /// Open the bundled sample roster (copied into the data folder on first use).
    OpenSample,
    Close,
    /// Fill open seats without breaking a hard rule, off the UI thread.
    AutoRoster,
    /// Read the staff members' plan files in this folder (never written).
    LoadStaffPlans(PathBuf),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileCommand {
    /// Import a schedule file in the background and switch to it.
    OpenSchedule(PathBuf),
    /// Switch back to the bundled sample conference.
    OpenSample,
    /// Ask for a file or folder with the system dialog.
    Choose(Choice),
    /// Export the attendee's timeline to an .ics file chosen with the system dialog.
    ExportCalendar,
    /// Save the current view as a PNG picture.
    SavePicture,
    /// Save the attendee's picks (not their notes) to a small file to send to friends.
    ShareMyPicks,
    /// Choose a friend's shared picks, plan or calendar file and keep a copy.
    AddFriend,
    /// Forget a friend's picks (by name).
    RemoveFriend(String),
    /// Write per-person calendars, a CSV and a printable roster into a chosen folder.
    ExportRoster,
}

/// What a system dialog is asked to choose; the answer comes back as the command to carry it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Schedule,
    Roster,
    /// Where to save a new, empty roster (suggested: the conference's folder in the data folder).
    NewRoster,
    /// A CSV file of staff to import into the open roster.
    StaffCsv,
    /// The folder of staff members' plan files.
    StaffPlans,
    /// A picture of the venue for the map.
    MapImage,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsCommand {
    /// Set the conference's IANA time zone (for files that name none), or `None` to forget it.
    ConferenceZone(Option<String>),
    /// Also show times in the laptop's zone.
    ShowLaptopTime(bool),
    /// Theme, text size and contrast.
    Looks(crate::io::settings::Looks),
    /// Replace the schedule filter; it is remembered for this conference.
    Filter(crate::model::filter::Filter),
    /// The first-run welcome was read.
    DismissWelcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UiCommand {
    /// Show the session's details (or close them with `None`).
    Select(Option<SessionId>),
    /// Remove the message banner at this index.
    DismissBanner(usize),
    /// Show a message banner.
    Show(Box<crate::ui::Banner>),
    /// Close the "What changed" list of the last schedule update.
    DismissChanges,
}

/// What a background task hands back: the result travels in a [`Parcel`], taken out once by the
/// part of the app that started the task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Done {
    /// A schedule file was imported (or failed to).
    Imported { path: PathBuf, result: Parcel<Result<crate::model::Schedule, crate::io::import::ImportError>> },
    /// The auto-roster ran on the roster as it was at `revision`.
    AutoRostered { revision: u64, result: Parcel<crate::model::autoroster::AutoRoster> },
    /// A friend's file was read and kept (their name and number of picks), or why not.
    FriendAdded(Result<(String, usize), String>),
    /// A background save of the plan finished.
    PlanSaved(Parcel<crate::app::Settled<crate::model::Plan>>),
    /// A background save of the roster finished.
    RosterSaved(Parcel<crate::app::Settled<crate::model::roster::Roster>>),
    /// Another program changed the plan file at `path`; this is what is there now.
    PlanOnDisk { path: PathBuf, found: Parcel<crate::io::watch::Found<crate::model::Plan>> },
    /// The search index of the schedule at `revision` is built.
    Indexed { revision: u64, index: Parcel<crate::model::search::SearchIndex> },
    /// A picture of the window was taken, to be saved as `name` (suggested) with a dialog.
    Pictured { image: Arc<egui::ColorImage>, name: String },
    /// The venue map picture for `key` is decoded (or failed to).
    MapDecoded { key: crate::app::MapKey, result: Parcel<Result<egui::ColorImage, String>> },
}

/// A task's result on its way back to the UI thread. Cloning shares it; the first
/// [`Parcel::take`] gets it. Two parcels are equal when they are the same parcel.
pub struct Parcel<T>(Arc<Mutex<Option<T>>>);

impl<T> Parcel<T> {
    pub fn new(value: T) -> Self {
        Self(Arc::new(Mutex::new(Some(value))))
    }

    /// The value, if no one has taken it yet.
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok()?.take()
    }
}

impl<T> Clone for Parcel<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Parcel<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Parcel<T> {}

impl<T> std::fmt::Debug for Parcel<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Parcel<{}>", std::any::type_name::<T>())
    }
}

impl Command {
    /// A roster edit.
    pub fn roster(edit: RosterEdit) -> Self {
        Self::Roster(RosterCommand::Edit(Box::new(edit)))
    }

    /// Show or close a session's details.
    pub fn select(session: Option<SessionId>) -> Self {
        Self::Ui(UiCommand::Select(session))
    }

    /// Show a banner.
    pub fn show(banner: crate::ui::Banner) -> Self {
        Self::Ui(UiCommand::Show(Box::new(banner)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parcel_is_taken_once_and_equal_only_to_itself() {
        let parcel = Parcel::new(7);
        let copy = parcel.clone();
        assert_eq!(parcel, copy);
        assert_ne!(parcel, Parcel::new(7));
        assert_eq!(copy.take(), Some(7));
        assert_eq!(parcel.take(), None);
    }
}
