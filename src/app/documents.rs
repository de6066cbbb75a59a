//! The documents the app has open, and the one place they change: the schedule (the organiser's),
//! the plan (the attendee's), the roster (the captain's), the settings, and the friends' picks
//! kept beside the plan. [`Documents::commit`] is the only place an undo step is pushed; it and
//! [`Documents::step`] (undo, redo) are the only places that mark what changed, in
//! [`Revisions`], which everything derived is keyed on (`app/derived.rs`).
//!
//! Loading and saving each document lives beside it: the plan and settings in
//! `app/persistence.rs`, schedule switches and updates in `app/schedules.rs`, the roster in
//! `app/rosters.rs`.

use std::path::PathBuf;
use std::sync::Arc;

use super::ScheduleSource;
use super::doc_slot::DocSlot;
use super::rosters::RosterFile;
use crate::io::settings::Settings;
use crate::model::filter::Filter;
use crate::model::friends::Friend;
use crate::model::roster::Roster;
use crate::model::{Plan, Schedule, ScheduleDiff, UndoStack};
use crate::ui::Revisions;
use crate::ui::{Banner, Tab};

/// What one undo step restores: the plan, the schedule version it goes with and the roster.
/// Cloning is cheap: the schedule and roster are shared.
#[derive(Clone)]
pub(super) struct Workspace {
    pub schedule: Arc<Schedule>,
    pub source: ScheduleSource,
    pub plan: Plan,
    /// What changed in the last schedule update, shown until dismissed.
    pub changes: Option<Arc<ScheduleDiff>>,
    /// The booth or volunteer roster open beside the plan, if any.
    pub roster: Option<Arc<Roster>>,
}

/// Which documents a change touched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Changed {
    pub schedule: bool,
    pub plan: bool,
    pub roster: bool,
}

impl Changed {
    pub const PLAN: Self = Self { schedule: false, plan: true, roster: false };
    pub const ROSTER: Self = Self { schedule: false, plan: false, roster: true };
    /// A schedule update: the plan remembers the new version too.
    pub const SCHEDULE_AND_PLAN: Self = Self { schedule: true, plan: true, roster: false };
}

/// One undo step: the workspace before it, and what it changed.
#[derive(Clone)]
pub(super) struct Step {
    ws: Workspace,
    changed: Changed,
}

/// What the documents want the window to show: banners, and a tab to switch to.
#[derive(Default)]
pub(super) struct Notices {
    pub banners: Vec<Banner>,
    pub tab: Option<Tab>,
    /// Leave the "What changed" tab if it is showing (there is nothing to show there now).
    pub leave_changes: bool,
    /// Close the session details (another schedule is open).
    pub deselect: bool,
}

/// The plan file: where it is, whether it may be written, and the version on disk.
pub(super) struct PlanFile {
    pub slot: DocSlot<Plan>,
    /// The plan as it is on disk (last loaded or saved): the base of a merge when another
    /// program changes the file.
    pub base: Plan,
    /// Notices another program changing the plan file while it is open.
    pub watch: Option<crate::io::watch::FileWatch>,
    /// The newest version another program left on disk, taken in once no save is in flight.
    pub found: Option<crate::io::watch::Found<Plan>>,
}

pub(super) struct SettingsFile {
    pub value: Settings,
    pub slot: DocSlot<Settings>,
    /// The settings as last read or written: the base of a merge with another window's.
    pub base: Settings,
}

pub(super) struct Documents {
    pub ws: Workspace,
    pub plan: PlanFile,
    pub settings: SettingsFile,
    /// The open roster's file and its staff's busy times.
    pub roster: Option<RosterFile>,
    /// Friends' shared picks for this conference (read-only copies in the data folder).
    pub friends: Vec<Friend>,
    /// The attendee's filter for this conference, remembered in the settings.
    pub filter: Filter,
    pub undo: UndoStack<Step>,
    pub revisions: Revisions,
    /// Where plans and settings live; `None` means nothing is saved.
    pub data_dir: Option<PathBuf>,
    pub notices: Notices,
    /// Sends what background threads find (the plan's watcher) to the app.
    pub inbox: super::tasks::Inbox,
}

impl Documents {
    pub fn new(data_dir: Option<PathBuf>, inbox: super::tasks::Inbox) -> Self {
        let mut notices = Notices::default();
        let (settings, slot) = super::persistence::load_settings(data_dir.as_deref(), &mut notices.banners);
        Self {
            ws: Workspace {
                schedule: Arc::new(super::schedules::placeholder()),
                source: ScheduleSource::Sample,
                plan: Plan::default(),
                changes: None,
                roster: None,
            },
            plan: PlanFile { slot: DocSlot::detached(), base: Plan::default(), watch: None, found: None },
            settings: SettingsFile { base: settings.clone(), value: settings, slot },
            roster: None,
            friends: Vec::new(),
            filter: Filter::default(),
            undo: UndoStack::default(),
            revisions: Revisions::default(),
            data_dir,
            notices,
            inbox,
        }
    }

    pub fn banner(&mut self, banner: Banner) {
        self.notices.banners.push(banner);
    }

    pub fn show(&mut self, tab: Tab) {
        self.notices.tab = Some(tab);
    }

    /// Records a change made to `self.ws` since `before`, as one undo step.
    pub fn commit(&mut self, before: Workspace, changed: Changed, time: f64) {
        self.undo.push(Step { ws: before, changed });
        self.changed(changed, time);
    }

    /// Marks what `changed` touched: revisions move, edited documents are due for saving.
    pub fn changed(&mut self, changed: Changed, time: f64) {
        if changed.schedule {
            self.revisions.schedule += 1;
        }
        if changed.plan {
            self.revisions.plan += 1;
            self.plan.slot.mark_dirty(time);
        }
        if changed.roster {
            self.revisions.roster += 1;
            if let Some(open) = &mut self.roster {
                open.slot.mark_dirty(time);
            }
        }
    }

    /// Forgets the undo history: after switching documents, or taking in another program's
    /// version (undoing past it would drop their changes).
    pub fn forget_history(&mut self) {
        self.undo.clear();
    }

    /// Undo (`redo == false`) or redo one step; whatever it changes is saved and rebuilt like
    /// any edit.
    pub fn step(&mut self, redo: bool, time: f64) {
        if let Some(reason) = &self.plan.slot.read_only {
            let message = format!("Your plan is read-only: {reason}");
            self.banner(Banner::warning(message));
            return;
        }
        let next = if redo { self.undo.last_redo() } else { self.undo.last_undo() };
        let Some(changed) = next.map(|step| step.changed) else { return };
        let mut current = Step { ws: self.ws.clone(), changed };
        let moved = if redo { self.undo.redo(&mut current) } else { self.undo.undo(&mut current) };
        if !moved {
            return;
        }
        self.ws = current.ws;
        if changed.schedule {
            self.reapply_zone_override();
            self.remember_source();
            if self.ws.changes.is_some() {
                self.show(Tab::Changes);
            } else {
                self.notices.leave_changes = true;
            }
        }
        self.changed(changed, time);
    }

    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.undo.can_redo()
    }

    /// Applies a plan edit as one undo step; a read-only plan or a refused edit says why.
    pub fn edit_plan(&mut self, edit: crate::model::Edit, time: f64) {
        if let Some(reason) = &self.plan.slot.read_only {
            let message = format!("Your plan is read-only: {reason}");
            self.banner(Banner::warning(message));
            return;
        }
        let before = self.ws.clone(); // once per edit, never per frame
        match self.ws.plan.apply(&self.ws.schedule, edit) {
            Ok(()) if self.ws.plan != before.plan => self.commit(before, Changed::PLAN, time),
            Ok(()) => {}
            Err(err) => self.banner(Banner::warning(err.to_string())),
        }
    }

    /// Where friends' picks for the open conference are kept.
    pub fn friends_dir(&self) -> Option<PathBuf> {
        let conference = &self.ws.schedule.conference().id;
        self.data_dir.as_deref().map(|dir| crate::io::friends::friends_dir(dir, conference))
    }

    /// Reads the friends kept for the open conference.
    pub fn reload_friends(&mut self) {
        let (friends, problems) =
            self.friends_dir().map(|dir| crate::io::friends::load_friends(&dir)).unwrap_or_default();
        for problem in problems {
            log::warn!("{problem}");
            self.banner(Banner::warning(problem));
        }
        self.friends = friends;
        self.revisions.friends += 1;
    }

    pub fn remove_friend(&mut self, name: &str) {
        if let Some(dir) = self.friends_dir()
            && let Err(err) = crate::io::friends::remove_friend(&dir, name)
        {
            self.banner(Banner::error(format!("Could not remove {name}'s picks: {err}")));
        }
        self.reload_friends();
    }

    /// Replaces the schedule filter, remembered per conference in the settings.
    pub fn set_filter(&mut self, filter: Filter) {
        if filter == self.filter {
            return;
        }
        let id = self.ws.schedule.conference().id.clone();
        if filter.is_active() {
            self.settings.value.filters.insert(id, filter.clone());
        } else {
            self.settings.value.filters.remove(&id);
        }
        self.filter = filter;
        self.save_settings();
    }

    /// The filter remembered for the open conference, without names this version no longer has.
    pub fn restore_filter(&mut self) {
        let schedule = &self.ws.schedule;
        let remembered = self.settings.value.filters.get(&schedule.conference().id);
        self.filter = remembered.map(|f| f.without_unknown(schedule)).unwrap_or_default();
    }

    /// Applies a settings command and saves the settings.
    pub fn settings_command(&mut self, command: crate::command::SettingsCommand) {
        use crate::command::SettingsCommand;
        match command {
            SettingsCommand::ConferenceZone(zone) => self.set_conference_zone(zone.as_deref()),
            SettingsCommand::ShowLaptopTime(show) => {
                self.settings.value.show_laptop_time = show;
                self.save_settings();
            }
            SettingsCommand::Looks(looks) => {
                self.settings.value.looks = looks;
                self.save_settings();
            }
            SettingsCommand::Filter(filter) => self.set_filter(filter),
            SettingsCommand::DismissWelcome => {
                self.settings.value.welcomed = true;
                self.save_settings();
            }
        }
    }

    /// Saves everything that is unsaved and waits for it: on exit and before switching.
    pub fn flush(&mut self, tasks: &mut super::tasks::Tasks) {
        self.save_plan_now(tasks);
        self.save_roster_now(tasks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::{DetailsEdit, RosterEdit};
    use crate::model::{Edit, Priority, SessionId};

    fn sample_documents(tasks: &mut super::super::tasks::Tasks) -> Documents {
        let mut docs = Documents::new(None, tasks.inbox());
        docs.install_schedule(super::super::schedules::sample(), ScheduleSource::Sample, tasks);
        let roster = crate::io::store::parse_document::<Roster>(
            crate::io::samples::SAMPLE_ROSTER,
            std::path::Path::new("sample-roster.ron"),
        )
        .expect("the sample roster loads");
        docs.ws.roster = Some(Arc::new(roster));
        docs
    }

    #[test]
    fn undo_and_redo_move_only_what_their_step_changed() {
        let mut tasks = super::super::tasks::Tasks::default();
        let mut docs = sample_documents(&mut tasks);
        let name = docs.ws.roster.as_ref().map(|r| r.name().to_owned());
        let start = docs.revisions;
        docs.edit_roster(RosterEdit::Details(DetailsEdit::Name("Booth crew".into())), 1.0);
        assert_eq!((docs.revisions.roster, docs.revisions.plan), (start.roster + 1, start.plan));
        docs.step(false, 2.0);
        assert_eq!(docs.ws.roster.as_ref().map(|r| r.name().to_owned()), name, "undo brings the name back");
        assert_eq!((docs.revisions.roster, docs.revisions.plan), (start.roster + 2, start.plan));
        docs.step(true, 3.0);
        assert_eq!(docs.ws.roster.as_ref().map(|r| r.name()), Some("Booth crew"));
        assert_eq!(docs.revisions.schedule, start.schedule, "no step touched the schedule");
    }

    #[test]
    fn a_plan_edit_is_one_step_and_a_refused_one_none() {
        let mut tasks = super::super::tasks::Tasks::default();
        let mut docs = sample_documents(&mut tasks);
        let id = docs.ws.schedule.sessions().first().map(|s| s.id.clone()).expect("a session");
        docs.edit_plan(Edit::Pick { session_id: id.clone(), priority: Priority::Must }, 1.0);
        assert!(docs.can_undo());
        let revision = docs.revisions.plan;
        docs.edit_plan(Edit::Pick { session_id: SessionId::new("no-such-session"), priority: Priority::Must }, 2.0);
        assert_eq!(docs.revisions.plan, revision, "a refused edit changes nothing");
        assert!(!docs.notices.banners.is_empty(), "and says why");
        docs.step(false, 3.0);
        assert!(docs.ws.plan.priority(&id).is_none());
        assert!(!docs.can_undo() && docs.can_redo());
    }
}
