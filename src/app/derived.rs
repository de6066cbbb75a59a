//! Everything derived from the documents, rebuilt by one [`Derived::refresh`] when the
//! [`Revisions`] it was built from moved, and never per frame: the attendee's timeline (clashes
//! included), the roster's report (violations, hours, coverage), the search index and who of the
//! attendee's friends goes where. Views read these; none of them keeps a copy.

use std::sync::Arc;

use super::documents::{Documents, Workspace};
use super::tasks::{Task, Tasks};
use crate::command::{Command, Done, Parcel};
use crate::ui::Revisions;
use chrono::NaiveDateTime;

use crate::model::friends::FriendIndex;
use crate::model::roster_report::RosterReport;
use crate::model::search::SearchIndex;
use crate::model::{RoomNow, Timeline};
use crate::ui::Memo;

/// Schedules up to this size are indexed on the UI thread (a few milliseconds); larger ones on a
/// background task, while search waits.
const INDEX_INLINE_UP_TO: usize = 5_000;

#[derive(Default)]
pub(super) struct Derived {
    pub timeline: Timeline,
    /// What the open roster breaks and covers; `None` without a roster.
    pub roster_report: Option<RosterReport>,
    /// The schedule's search index; `None` while it is being built.
    pub search: Option<Arc<SearchIndex>>,
    pub friend_index: FriendIndex,
    /// The sessions the attendee and their friends both picked.
    pub friend_overlaps: Vec<crate::model::friends::Overlap>,
    /// Each volunteer task's slots: needed, signed up, covered.
    pub volunteer_coverage: Vec<crate::model::roster::TaskCoverage>,
    /// Lends large searches a second thread.
    pub fork: super::SecondThread,
    /// What is on now and next in each room, for `(schedule revision, minute)`: one board for the
    /// Now & next tab and the map.
    pub board: Memo<(u64, NaiveDateTime), Vec<RoomNow>>,
    /// The revisions all of the above were built from (`None` before the first refresh).
    built: Option<Revisions>,
}

/// The attendee's timeline: their plan, plus the booth shifts and volunteer slots the open roster
/// lists for the name the plan says is theirs (the CLI builds it the same way).
pub(super) fn attendee_timeline(ws: &Workspace) -> Timeline {
    Timeline::for_attendee(&ws.schedule, &ws.plan, ws.roster.as_deref())
}

impl Derived {
    /// Rebuilds what the documents' changes since the last call made stale.
    pub fn refresh(&mut self, docs: &Documents, tasks: &mut Tasks) {
        let now = docs.revisions;
        let before = self.built.replace(now);
        let moved = |field: fn(&Revisions) -> u64| before.is_none_or(|before| field(&before) != field(&now));
        let schedule = moved(|r| r.schedule);
        if schedule || moved(|r| r.plan) || moved(|r| r.roster) {
            self.timeline = attendee_timeline(&docs.ws);
        }
        if schedule || moved(|r| r.roster) {
            self.roster_report = match (&docs.ws.roster, &docs.roster) {
                (Some(roster), Some(file)) => Some(RosterReport::of(roster, &file.busy)),
                _ => None,
            };
        }
        if schedule || moved(|r| r.roster) || moved(|r| r.plan) {
            self.volunteer_coverage =
                docs.ws.roster.as_ref().map(|r| r.coverage_for_plan(&docs.ws.plan)).unwrap_or_default();
        }
        if schedule {
            self.index(docs, tasks);
        }
        if moved(|r| r.friends) {
            self.friend_index = FriendIndex::new(&docs.friends);
        }
        if schedule || moved(|r| r.plan) || moved(|r| r.friends) {
            self.friend_overlaps =
                crate::model::friends::overlaps(&docs.ws.schedule, &docs.ws.plan, &self.friend_index);
        }
    }

    /// The now & next board for `now` (rebuilt once a minute, or when the schedule changes).
    pub fn board_at(&mut self, docs: &Documents, now: NaiveDateTime) -> &[RoomNow] {
        let key = (docs.revisions.schedule, crate::ui::memo::minute_of(now));
        self.board.get(key, || docs.ws.schedule.now_and_next(now))
    }

    /// Indexes the schedule for search: here if small, else on a background task.
    fn index(&mut self, docs: &Documents, tasks: &mut Tasks) {
        let schedule = Arc::clone(&docs.ws.schedule);
        if schedule.sessions().len() <= INDEX_INLINE_UP_TO {
            self.search = Some(Arc::new(SearchIndex::new(&schedule)));
            return;
        }
        self.search = None;
        let revision = docs.revisions.schedule;
        let started = tasks.spawn(Task::SearchIndex, move || {
            let index = Parcel::new(SearchIndex::new(&schedule));
            Some(Command::Done(Done::Indexed { revision, index }))
        });
        if let Err(message) = started {
            log::error!("{message}");
            self.search = Some(Arc::new(SearchIndex::new(&docs.ws.schedule)));
        }
    }

    /// A search index built in the background, kept if the schedule is still the one it indexed.
    pub fn indexed(&mut self, revision: u64, index: &Parcel<SearchIndex>) {
        if self.built.is_some_and(|built| built.schedule == revision) {
            self.search = index.take().map(Arc::new);
        }
    }
}
