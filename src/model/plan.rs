//! The attendee's plan: picks, notes and watch-later marks. Owned by one person, saved to their
//! `plan.ron` by `io`. Every change goes through [`Plan::apply`], which is all-or-nothing.
//!
//! Picks are keyed by the stable [`SessionId`], so they survive newer schedule versions. A pick
//! remembers the title and start time it last saw, so a pick whose session disappeared (an
//! orphan) can still be shown and is never dropped silently.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ids::SessionId;
use super::schedule::Schedule;

/// How much the attendee wants to be at a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    Must,
    Maybe,
}

impl Priority {
    pub fn label(self) -> &'static str {
        match self {
            Self::Must => "Must",
            Self::Maybe => "Maybe",
        }
    }
}

/// One picked session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub priority: Priority,
    /// The attendee will watch the recording instead of being in the room: it no longer clashes.
    #[serde(default)]
    pub watch_later: bool,
    /// The session's title when last seen, shown if the session disappears from the schedule.
    #[serde(default)]
    pub title: String,
    /// The session's start when last seen.
    #[serde(default)]
    pub starts_at: Option<NaiveDateTime>,
}

/// Everything one attendee decides about one conference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The [`crate::model::Conference::id`] this plan belongs to.
    pub conference: String,
    pub picks: BTreeMap<SessionId, Pick>,
    /// Notes per session; a note stays when its session is unpicked.
    pub notes: BTreeMap<SessionId, String>,
}

/// One undoable change to a [`Plan`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Edit {
    /// Pick a session, or change the priority of an existing pick.
    Pick {
        session_id: SessionId,
        priority: Priority,
    },
    Unpick {
        session_id: SessionId,
    },
    /// Set the note; an empty or blank note removes it.
    SetNote {
        session_id: SessionId,
        note: String,
    },
    SetWatchLater {
        session_id: SessionId,
        watch_later: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("there is no session \"{0}\" in this schedule")]
    UnknownSession(SessionId),
    #[error("session \"{0}\" is not picked")]
    NotPicked(SessionId),
    #[error("\"{0}\" is not recorded, so it cannot be watched later")]
    NotRecorded(String),
}

impl Plan {
    pub fn new(conference: impl Into<String>) -> Self {
        Self { conference: conference.into(), ..Self::default() }
    }

    pub fn pick(&self, session_id: &SessionId) -> Option<&Pick> {
        self.picks.get(session_id)
    }

    pub fn priority(&self, session_id: &SessionId) -> Option<Priority> {
        self.picks.get(session_id).map(|p| p.priority)
    }

    pub fn note(&self, session_id: &SessionId) -> Option<&str> {
        self.notes.get(session_id).map(String::as_str)
    }

    /// Picks whose session is not in `schedule`, in id order.
    pub fn orphans<'a>(&'a self, schedule: &'a Schedule) -> impl Iterator<Item = (&'a SessionId, &'a Pick)> + 'a {
        self.picks.iter().filter(|(id, _)| schedule.find(id).is_none())
    }

    /// Applies one edit.
    ///
    /// # Errors
    /// Returns [`PlanError`] and leaves `self` untouched if the edit is invalid for `schedule`.
    pub fn apply(&mut self, schedule: &Schedule, edit: Edit) -> Result<(), PlanError> {
        match edit {
            Edit::Pick { session_id, priority } => {
                let session = schedule.session_by_id(&session_id);
                match (self.picks.get_mut(&session_id), session) {
                    (Some(pick), _) => pick.priority = priority,
                    (None, Some(session)) => {
                        let pick = Pick {
                            priority,
                            watch_later: false,
                            title: session.title.clone(),
                            starts_at: Some(session.starts_at),
                        };
                        self.picks.insert(session_id, pick);
                    }
                    (None, None) => return Err(PlanError::UnknownSession(session_id)),
                }
            }
            Edit::Unpick { session_id } => {
                if self.picks.remove(&session_id).is_none() {
                    return Err(PlanError::NotPicked(session_id));
                }
            }
            Edit::SetNote { session_id, note } => {
                if note.trim().is_empty() {
                    self.notes.remove(&session_id);
                } else if schedule.find(&session_id).is_some() || self.notes.contains_key(&session_id) {
                    self.notes.insert(session_id, note);
                } else {
                    return Err(PlanError::UnknownSession(session_id));
                }
            }
            Edit::SetWatchLater { session_id, watch_later } => {
                let session = schedule.session_by_id(&session_id);
                if watch_later && session.is_some_and(|s| !s.is_recorded) {
                    let title = session.map(|s| s.title.clone()).unwrap_or_default();
                    return Err(PlanError::NotRecorded(title));
                }
                let Some(pick) = self.picks.get_mut(&session_id) else {
                    return Err(PlanError::NotPicked(session_id));
                };
                pick.watch_later = watch_later;
            }
        }
        Ok(())
    }

    /// Refreshes the remembered title and start of every pick whose session is in `schedule`.
    /// Returns whether anything changed. Not an undoable edit: it only caches what is shown for
    /// orphans.
    pub fn remember(&mut self, schedule: &Schedule) -> bool {
        let mut changed = false;
        for (id, pick) in &mut self.picks {
            if let Some(session) = schedule.session_by_id(id)
                && (pick.title != session.title || pick.starts_at != Some(session.starts_at))
            {
                pick.title.clone_from(&session.title);
                pick.starts_at = Some(session.starts_at);
                changed = true;
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schedule::{Conference, ScheduleBuilder, Session};

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn schedule() -> Schedule {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        let mut recorded = Session::new("rec", "Recorded talk", dt("2027-04-16 10:00"), 30);
        recorded.is_recorded = true;
        b.add_session(recorded, None);
        b.add_session(Session::new("live", "Live only", dt("2027-04-16 10:00"), 30), None);
        b.build()
    }

    fn id(s: &str) -> SessionId {
        SessionId::new(s)
    }

    #[test]
    fn pick_change_priority_and_unpick() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::Pick { session_id: id("rec"), priority: Priority::Maybe }).unwrap();
        assert_eq!(plan.priority(&id("rec")), Some(Priority::Maybe));
        assert_eq!(plan.pick(&id("rec")).unwrap().title, "Recorded talk");
        plan.apply(&schedule, Edit::Pick { session_id: id("rec"), priority: Priority::Must }).unwrap();
        assert_eq!(plan.priority(&id("rec")), Some(Priority::Must));
        plan.apply(&schedule, Edit::Unpick { session_id: id("rec") }).unwrap();
        assert_eq!(plan, Plan::new("c"));
    }

    #[test]
    fn refused_edits_leave_the_plan_unchanged() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::Pick { session_id: id("live"), priority: Priority::Must }).unwrap();
        let before = plan.clone();
        let refused = [
            Edit::Pick { session_id: id("nope"), priority: Priority::Must },
            Edit::Unpick { session_id: id("rec") },
            Edit::SetNote { session_id: id("nope"), note: "x".into() },
            Edit::SetWatchLater { session_id: id("live"), watch_later: true },
            Edit::SetWatchLater { session_id: id("rec"), watch_later: true },
        ];
        for edit in refused {
            assert!(plan.apply(&schedule, edit.clone()).is_err(), "{edit:?} should be refused");
            assert_eq!(plan, before, "{edit:?} changed the plan");
        }
    }

    #[test]
    fn notes_outlive_picks_and_blank_removes() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::SetNote { session_id: id("live"), note: "ask about cells".into() }).unwrap();
        assert_eq!(plan.note(&id("live")), Some("ask about cells"));
        plan.apply(&schedule, Edit::SetNote { session_id: id("live"), note: "  ".into() }).unwrap();
        assert_eq!(plan.note(&id("live")), None);
    }

    #[test]
    fn watch_later_only_for_recorded_picks() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::Pick { session_id: id("rec"), priority: Priority::Must }).unwrap();
        plan.apply(&schedule, Edit::SetWatchLater { session_id: id("rec"), watch_later: true }).unwrap();
        assert!(plan.pick(&id("rec")).unwrap().watch_later);
    }

    #[test]
    fn orphans_are_kept_and_listed() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.picks.insert(
            id("gone"),
            Pick { priority: Priority::Must, watch_later: false, title: "Cancelled".into(), starts_at: None },
        );
        assert_eq!(plan.orphans(&schedule).map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["gone"]);
        // An orphan can still change priority and be unpicked.
        plan.apply(&schedule, Edit::Pick { session_id: id("gone"), priority: Priority::Maybe }).unwrap();
        plan.apply(&schedule, Edit::Unpick { session_id: id("gone") }).unwrap();
        assert!(plan.picks.is_empty());
    }

    #[test]
    fn remember_refreshes_titles_and_times() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.picks.insert(
            id("rec"),
            Pick { priority: Priority::Must, watch_later: false, title: "old".into(), starts_at: None },
        );
        assert!(plan.remember(&schedule));
        assert_eq!(plan.pick(&id("rec")).unwrap().title, "Recorded talk");
        assert!(!plan.remember(&schedule));
    }
}
