//! Friends' picks, shown beside the attendee's own: "Ana is going" markers and where their plans
//! overlap. A friend's picks are theirs: they are read from a file the friend shared and are
//! never merged into the attendee's plan unless the attendee copies one on purpose.

use std::collections::BTreeMap;

use super::ids::{ConferenceId, SessionId};
use super::plan::{Plan, Priority};
use super::schedule::Schedule;

/// One friend's shared picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Friend {
    pub name: String,
    pub conference: ConferenceId,
    pub picks: BTreeMap<SessionId, Priority>,
}

impl Friend {
    /// What the attendee shares: their name and picks, never their notes or private plans.
    pub fn from_plan(name: &str, plan: &Plan) -> Self {
        Self {
            name: name.trim().to_owned(),
            conference: plan.conference.clone(),
            picks: plan
                .picks
                .iter()
                .filter(|(_, pick)| !pick.watch_later)
                .map(|(id, pick)| (id.clone(), pick.priority))
                .collect(),
        }
    }
}

/// Everyone's picks, indexed by session for markers in lists (built when friends change).
#[derive(Clone, Debug, Default)]
pub struct FriendIndex {
    /// For each session, who is going and how sure they are, in friend order.
    going: BTreeMap<SessionId, Vec<(usize, Priority)>>,
    names: Vec<String>,
}

impl FriendIndex {
    pub fn new(friends: &[Friend]) -> Self {
        let mut going: BTreeMap<SessionId, Vec<(usize, Priority)>> = BTreeMap::new();
        for (i, friend) in friends.iter().enumerate() {
            for (id, &priority) in &friend.picks {
                going.entry(id.clone()).or_default().push((i, priority));
            }
        }
        Self { going, names: friends.iter().map(|f| f.name.clone()).collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Friends going to a session: `(name, priority)`.
    pub fn going(&self, session_id: &SessionId) -> impl Iterator<Item = (&str, Priority)> + '_ {
        self.going
            .get(session_id)
            .into_iter()
            .flatten()
            .filter_map(|&(i, priority)| self.names.get(i).map(|name| (name.as_str(), priority)))
    }

    /// The names of the friends going to a session, in friend order.
    pub fn going_names(&self, session_id: &SessionId) -> impl Iterator<Item = &str> + '_ {
        self.going(session_id).map(|(name, _)| name)
    }

    /// How many friends are going to a session. Counted, never read back from a label: a name
    /// may itself contain ", " ("Smith, Jane").
    pub fn going_count(&self, session_id: &SessionId) -> usize {
        self.going.get(session_id).map_or(0, Vec::len)
    }

    /// "Ana, Ben" for a marker, or `None` when no friend is going. For showing only; count with
    /// [`Self::going_count`].
    pub fn going_label(&self, session_id: &SessionId) -> Option<String> {
        let names: Vec<&str> = self.going_names(session_id).collect();
        (!names.is_empty()).then(|| names.join(", "))
    }
}

/// A session both the attendee and at least one friend picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap {
    pub session_id: SessionId,
    pub mine: Priority,
    pub friends: Vec<(String, Priority)>,
}

/// Where the attendee's picks overlap their friends', in schedule order; sessions no longer in
/// the schedule are left out.
pub fn overlaps(schedule: &Schedule, plan: &Plan, index: &FriendIndex) -> Vec<Overlap> {
    let mut out: Vec<(usize, Overlap)> = plan
        .picks
        .iter()
        .filter_map(|(id, pick)| {
            let position = schedule.find(id)?.index();
            let friends: Vec<(String, Priority)> = index.going(id).map(|(n, p)| (n.to_owned(), p)).collect();
            (!friends.is_empty()).then(|| (position, Overlap { session_id: id.clone(), mine: pick.priority, friends }))
        })
        .collect();
    out.sort_by_key(|(position, _)| *position);
    out.into_iter().map(|(_, overlap)| overlap).collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::model::plan::Edit;
    use crate::model::schedule::{Conference, ScheduleBuilder, Session};

    fn schedule() -> Schedule {
        let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
        for (id, start) in [("a", "2027-04-16 10:00"), ("b", "2027-04-16 09:00"), ("c", "2027-04-16 11:00")] {
            let t = NaiveDateTime::parse_from_str(start, "%Y-%m-%d %H:%M").unwrap();
            b.add_session(Session::new(id, id, t, 30), None);
        }
        b.build()
    }

    fn friend(name: &str, picks: &[(&str, Priority)]) -> Friend {
        Friend {
            name: name.into(),
            conference: "c".into(),
            picks: picks.iter().map(|&(id, p)| (SessionId::new(id), p)).collect(),
        }
    }

    #[test]
    fn markers_and_overlaps() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        for id in ["a", "b"] {
            plan.apply(&schedule, Edit::Pick { session_id: SessionId::new(id), priority: Priority::Must }).unwrap();
        }
        let friends = [
            friend("Ana", &[("a", Priority::Must), ("c", Priority::Maybe)]),
            friend("Ben", &[("a", Priority::Maybe), ("b", Priority::Must)]),
        ];
        let index = FriendIndex::new(&friends);
        assert_eq!(index.going_label(&SessionId::new("a")).as_deref(), Some("Ana, Ben"));
        assert_eq!(index.going_label(&SessionId::new("c")).as_deref(), Some("Ana"));
        assert_eq!(index.going_label(&SessionId::new("zz")), None);
        let overlaps = overlaps(&schedule, &plan, &index);
        let ids: Vec<&str> = overlaps.iter().map(|o| o.session_id.as_str()).collect();
        assert_eq!(ids, ["b", "a"], "schedule order: b is at 09:00");
        assert_eq!(overlaps[1].friends, [("Ana".to_owned(), Priority::Must), ("Ben".to_owned(), Priority::Maybe)]);
        // Their picks never enter my plan.
        assert!(!plan.picks.contains_key(&SessionId::new("c")));
    }

    #[test]
    fn a_comma_in_a_name_is_one_friend() {
        let friends = [
            friend("Smith, Jane", &[("a", Priority::Must)]),
            friend("Ana", &[("a", Priority::Maybe), ("b", Priority::Must)]),
        ];
        let index = FriendIndex::new(&friends);
        let a = SessionId::new("a");
        assert_eq!(index.going_count(&a), 2, "two friends, though the label has two commas");
        assert_eq!(index.going_names(&a).collect::<Vec<_>>(), ["Smith, Jane", "Ana"]);
        assert_eq!(index.going_label(&a).as_deref(), Some("Smith, Jane, Ana"));
        assert_eq!(index.going_count(&SessionId::new("b")), 1);
        assert_eq!(index.going_count(&SessionId::new("zz")), 0);
        assert_eq!(index.going_names(&SessionId::new("zz")).count(), 0);
    }

    #[test]
    fn sharing_leaves_out_notes_and_watch_later() {
        let schedule = schedule();
        let mut plan = Plan::new("c");
        plan.apply(&schedule, Edit::Pick { session_id: SessionId::new("a"), priority: Priority::Must }).unwrap();
        plan.apply(&schedule, Edit::SetNote { session_id: SessionId::new("a"), note: "private".into() }).unwrap();
        let shared = Friend::from_plan(" Ana ", &plan);
        assert_eq!(shared.name, "Ana");
        assert_eq!(shared.picks.len(), 1);
    }
}
