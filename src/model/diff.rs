//! What changed between two versions of a schedule: sessions added, cancelled (gone from the new
//! version), moved (time or room) and otherwise changed (title, duration, speakers). Sessions are
//! matched by their stable id, the same key picks are stored under, so the diff says exactly what
//! happened to each pick.

use chrono::NaiveDateTime;

use super::ids::SessionId;
use super::plan::Plan;
use super::schedule::{Schedule, Session};

/// A session as it was (or is), with its room resolved to a name so it outlives its schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSummary {
    pub id: SessionId,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub duration_mins: u32,
    pub room: String,
}

impl SessionSummary {
    fn of(schedule: &Schedule, session: &Session) -> Self {
        Self {
            id: session.id.clone(),
            title: session.title.clone(),
            starts_at: session.starts_at,
            duration_mins: session.duration_mins,
            room: schedule.room_name(session).to_owned(),
        }
    }
}

/// What happened to one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    /// In the old version, not in the new one.
    Cancelled,
    /// Present in both, with differences.
    Changed {
        moved_time: bool,
        moved_room: bool,
        retitled: bool,
        /// Duration or speakers changed.
        other: bool,
    },
}

/// One line of the "What changed" list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub id: SessionId,
    pub kind: ChangeKind,
    /// The session in the old version (`None` when added).
    pub before: Option<SessionSummary>,
    /// The session in the new version (`None` when cancelled).
    pub after: Option<SessionSummary>,
}

impl Change {
    /// The version shown first: the new one when there is one.
    pub fn current(&self) -> Option<&SessionSummary> {
        self.after.as_ref().or(self.before.as_ref())
    }

    pub fn is_moved(&self) -> bool {
        matches!(self.kind, ChangeKind::Changed { moved_time: true, .. } | ChangeKind::Changed { moved_room: true, .. })
    }
}

/// The differences between `old` and `new`, in the new schedule's time order (cancelled ones at
/// their old time).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScheduleDiff {
    pub changes: Vec<Change>,
}

impl ScheduleDiff {
    /// Compares two schedule versions by session id.
    pub fn between(old: &Schedule, new: &Schedule) -> Self {
        let mut changes = Vec::new();
        for after in new.sessions() {
            match old.session_by_id(&after.id) {
                None => changes.push(Change {
                    id: after.id.clone(),
                    kind: ChangeKind::Added,
                    before: None,
                    after: Some(SessionSummary::of(new, after)),
                }),
                Some(before) => {
                    let (b, a) = (SessionSummary::of(old, before), SessionSummary::of(new, after));
                    let kind = ChangeKind::Changed {
                        moved_time: b.starts_at != a.starts_at,
                        moved_room: b.room != a.room,
                        retitled: b.title != a.title,
                        other: b.duration_mins != a.duration_mins || before.speakers != after.speakers,
                    };
                    if kind
                        != (ChangeKind::Changed { moved_time: false, moved_room: false, retitled: false, other: false })
                    {
                        changes.push(Change { id: after.id.clone(), kind, before: Some(b), after: Some(a) });
                    }
                }
            }
        }
        for before in old.sessions() {
            if new.find(&before.id).is_none() {
                changes.push(Change {
                    id: before.id.clone(),
                    kind: ChangeKind::Cancelled,
                    before: Some(SessionSummary::of(old, before)),
                    after: None,
                });
            }
        }
        changes.sort_by(|x, y| {
            let key = |c: &Change| c.current().map(|s| (s.starts_at, s.id.clone()));
            key(x).cmp(&key(y))
        });
        Self { changes }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Indexes into [`Self::changes`] ordered for one attendee: their picks first, then the rest,
    /// each in time order.
    pub fn order_for(&self, plan: &Plan) -> Vec<usize> {
        let (mut mine, rest): (Vec<usize>, Vec<usize>) =
            (0..self.changes.len()).partition(|&i| plan.picks.contains_key(&self.changes[i].id));
        mine.extend(rest);
        mine
    }

    /// `(added, cancelled, moved, other changes)`.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut counts = (0, 0, 0, 0);
        for change in &self.changes {
            match change.kind {
                ChangeKind::Added => counts.0 += 1,
                ChangeKind::Cancelled => counts.1 += 1,
                _ if change.is_moved() => counts.2 += 1,
                ChangeKind::Changed { .. } => counts.3 += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::{Edit, Priority};
    use crate::model::schedule::{Conference, ScheduleBuilder};

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn build(sessions: &[(&str, &str, &str, &str, u32)]) -> Schedule {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        for &(id, title, start, room, mins) in sessions {
            let mut s = Session::new(id, title, dt(start), mins);
            s.room = b.room_named(room);
            b.add_session(s, None);
        }
        b.build()
    }

    #[test]
    fn finds_every_kind_of_change() {
        let old = build(&[
            ("same", "Same", "2027-01-01 09:00", "A", 30),
            ("moved", "Moved", "2027-01-01 10:00", "A", 30),
            ("room", "Room", "2027-01-01 11:00", "A", 30),
            ("title", "Old title", "2027-01-01 12:00", "A", 30),
            ("longer", "Longer", "2027-01-01 13:00", "A", 30),
            ("gone", "Gone", "2027-01-01 14:00", "A", 30),
        ]);
        let new = build(&[
            ("same", "Same", "2027-01-01 09:00", "A", 30),
            ("moved", "Moved", "2027-01-02 10:00", "A", 30),
            ("room", "Room", "2027-01-01 11:00", "B", 30),
            ("title", "New title", "2027-01-01 12:00", "A", 30),
            ("longer", "Longer", "2027-01-01 13:00", "A", 45),
            ("new", "New", "2027-01-01 15:00", "A", 30),
        ]);
        let diff = ScheduleDiff::between(&old, &new);
        let summary: Vec<(&str, &ChangeKind)> = diff.changes.iter().map(|c| (c.id.as_str(), &c.kind)).collect();
        let changed = |t, r, ti, o| ChangeKind::Changed { moved_time: t, moved_room: r, retitled: ti, other: o };
        assert_eq!(
            summary,
            [
                ("room", &changed(false, true, false, false)),
                ("title", &changed(false, false, true, false)),
                ("longer", &changed(false, false, false, true)),
                ("gone", &ChangeKind::Cancelled),
                ("new", &ChangeKind::Added),
                ("moved", &changed(true, false, false, false)),
            ]
        );
        assert_eq!(diff.counts(), (1, 1, 2, 2));
        assert_eq!(diff.changes[3].before.as_ref().unwrap().room, "A");
    }

    #[test]
    fn identical_schedules_have_no_diff() {
        let a = build(&[("x", "X", "2027-01-01 09:00", "A", 30)]);
        assert!(ScheduleDiff::between(&a, &a.clone()).is_empty());
    }

    #[test]
    fn picks_come_first() {
        let old = build(&[("a", "A", "2027-01-01 09:00", "R", 30), ("b", "B", "2027-01-01 10:00", "R", 30)]);
        let new = build(&[("a", "A2", "2027-01-01 09:00", "R", 30), ("b", "B2", "2027-01-01 10:00", "R", 30)]);
        let mut plan = Plan::new("c");
        plan.apply(&old, Edit::Pick { session_id: SessionId::new("b"), priority: Priority::Must }).unwrap();
        let diff = ScheduleDiff::between(&old, &new);
        let order: Vec<&str> = diff.order_for(&plan).into_iter().map(|i| diff.changes[i].id.as_str()).collect();
        assert_eq!(order, ["b", "a"]);
    }
}
