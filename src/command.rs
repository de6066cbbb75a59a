//! Every change the UI can ask for. Views push commands; `LanyardApp::execute` applies them after
//! the frame, in one place.

use std::path::PathBuf;

use crate::model::{Edit, SessionId};

#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Command {
    /// Change the plan (undoable).
    Edit(Edit),
    /// Add a new item of your own (undoable). Its id is ignored: the app gives it one that no
    /// other window or laptop will ever give, so merging two copies of the plan keeps both.
    AddItem(Box<crate::model::PersonalItem>),
    Undo,
    Redo,
    /// Save the plan now instead of waiting for autosave.
    SaveNow,
    /// Show the session's details (or close them with `None`).
    Select(Option<SessionId>),
    /// Ask for a schedule file with the system dialog.
    OpenScheduleDialog,
    /// Import a schedule file in the background and switch to it.
    OpenSchedule(PathBuf),
    /// Switch back to the bundled sample conference.
    OpenSample,
    /// Remove the message banner at this index.
    DismissBanner(usize),
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
    /// Choose a roster file (a booth captain's or volunteer coordinator's) with the system dialog.
    OpenRosterDialog,
    OpenRoster(PathBuf),
    /// Open the bundled sample roster (copied into the data folder on first use).
    OpenSampleRoster,
    /// Replace the plan with a kept copy of it (a backup set aside by recovery), as one undoable
    /// step.
    RestorePlan(PathBuf),
    /// Replace the plan with the bundled sample plan (undoable); only for the sample conference.
    LoadSamplePlan,
    CloseRoster,
    /// Change the open roster (undoable).
    EditRoster(Box<crate::model::roster::RosterEdit>),
    /// Fill open seats without breaking a hard rule, off the UI thread.
    AutoRoster,
    /// Choose the folder of staff members' plan files (read, never written).
    LoadStaffPlansDialog,
    /// Write per-person calendars, a CSV and a printable roster into a chosen folder.
    ExportRosterDialog,
    /// Close the "What changed" list of the last schedule update.
    DismissChanges,
    /// Choose a picture of the venue for the map with the system dialog.
    LoadMapDialog,
    /// Make this picture the plan's venue map (undoable) and show the map.
    LoadMapImage(PathBuf),
    /// Set the conference's IANA time zone (for files that name none), or `None` to forget it.
    SetConferenceZone(Option<String>),
    /// Also show times in the laptop's zone.
    SetShowLaptopTime(bool),
    /// Theme, text size and contrast.
    SetLooks(crate::io::settings::Looks),
    /// Replace the schedule filter; it is remembered for this conference.
    SetFilter(crate::model::filter::Filter),
    /// The first-run welcome was read.
    DismissWelcome,
}
