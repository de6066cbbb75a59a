//! Three-way merge of a plan by id, for when another program changed the plan file while lanyard
//! had it open (a second lanyard window, a sync tool bringing in the laptop's edits).
//!
//! Every entry is keyed by a stable id (picks and notes by session id, items by item id,
//! sign-ups by slot). For each key, with `base` the version both sides started from: if only one
//! side changed it, that side wins; if both changed it differently, ours wins and it counts as a
//! conflict. A deletion is a change like any other. Nothing either side added is ever lost.

use std::collections::{BTreeMap, BTreeSet};

use super::personal::{ItemId, PersonalItem, Signup, SlotKey};
use super::plan::Plan;
use super::venue_map::VenueMap;

/// The result of a merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub plan: Plan,
    /// Entries both sides changed differently (ours was kept).
    pub conflicts: usize,
    /// Entries only the other side changed (taken from theirs).
    pub taken_from_theirs: usize,
}

/// Merges one keyed collection. Returns the merged map, conflicts, and entries taken from theirs.
pub fn merge_map<K: Ord + Clone, V: PartialEq + Clone>(
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
) -> (BTreeMap<K, V>, usize, usize) {
    let keys: BTreeSet<&K> = base.keys().chain(ours.keys()).chain(theirs.keys()).collect();
    let (mut merged, mut conflicts, mut taken) = (BTreeMap::new(), 0, 0);
    for key in keys {
        let (b, o, t) = (base.get(key), ours.get(key), theirs.get(key));
        let value = if o == b {
            if t != b {
                taken += 1;
            }
            t
        } else if t == b || t == o {
            o
        } else {
            conflicts += 1;
            o
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value.clone());
        }
    }
    (merged, conflicts, taken)
}

fn items_by_id(plan: &Plan) -> BTreeMap<ItemId, PersonalItem> {
    let custom = plan.custom_events.iter().map(|c| (c.id.clone(), PersonalItem::Custom(c.clone())));
    let blocks = plan.blocks.iter().map(|b| (b.id.clone(), PersonalItem::Block(b.clone())));
    let dinners = plan.dinners.iter().map(|d| (d.id.clone(), PersonalItem::Dinner(d.clone())));
    custom.chain(blocks).chain(dinners).collect()
}

fn signups_by_key(plan: &Plan) -> BTreeMap<SlotKey, Signup> {
    plan.signups.iter().map(|s| (s.key.clone(), s.clone())).collect()
}

/// Merges the venue maps: the picture as one value, the pins by room. A map removed on one side
/// while the other placed a pin keeps the map, so no placement is lost.
fn merge_maps(base: &Plan, ours: &Plan, theirs: &Plan) -> (Option<VenueMap>, usize, usize) {
    let picture = |plan: &Plan| plan.map.as_ref().map(|m| m.image.clone());
    let (b, o, t) = (picture(base), picture(ours), picture(theirs));
    let (mut image, conflicts, taken) = match (o == b, t == b || t == o) {
        (true, _) => (t.clone(), 0, usize::from(t != b)),
        (false, true) => (o.clone(), 0, 0),
        (false, false) => (o.clone(), 1, 0),
    };
    let pins = |plan: &Plan| plan.map.as_ref().map(|m| m.pins.clone()).unwrap_or_default();
    let (pins, pin_conflicts, pins_taken) = merge_map(&pins(base), &pins(ours), &pins(theirs));
    if image.is_none() && !pins.is_empty() {
        image = o.or(t);
    }
    let map = image.map(|image| VenueMap { image, pins });
    (map, conflicts + pin_conflicts, taken + pins_taken)
}

/// Merges one value: the side that changed it wins; if both did, ours.
pub fn merge_value<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> T {
    if ours == base { theirs.clone() } else { ours.clone() }
}

/// Merges `ours` and `theirs`, both derived from `base`.
pub fn merge(base: &Plan, ours: &Plan, theirs: &Plan) -> Merged {
    let (picks, c1, t1) = merge_map(&base.picks, &ours.picks, &theirs.picks);
    let (notes, c2, t2) = merge_map(&base.notes, &ours.notes, &theirs.notes);
    let (items, c3, t3) = merge_map(&items_by_id(base), &items_by_id(ours), &items_by_id(theirs));
    let (signups, c4, t4) = merge_map(&signups_by_key(base), &signups_by_key(ours), &signups_by_key(theirs));
    let one = |b: &Option<String>, o: &Option<String>, t: &Option<String>| -> (Option<String>, usize, usize) {
        match (o == b, t == b || t == o) {
            (true, _) => (t.clone(), 0, usize::from(t != b)),
            (false, true) => (o.clone(), 0, 0),
            (false, false) => (o.clone(), 1, 0),
        }
    };
    let (me, c5, t5) = one(&base.me, &ours.me, &theirs.me);
    let (map, c6, t6) = merge_maps(base, ours, theirs);

    let mut plan = Plan { conference: ours.conference.clone(), picks, notes, me, map, ..Plan::default() };
    for item in items.into_values() {
        match item {
            PersonalItem::Custom(c) => plan.custom_events.push(c),
            PersonalItem::Block(b) => plan.blocks.push(b),
            PersonalItem::Dinner(d) => plan.dinners.push(d),
        }
    }
    // Keep the order of sign-ups as ours had them, theirs' new ones after.
    let order: Vec<&SlotKey> = ours.signups.iter().chain(&theirs.signups).map(|s| &s.key).collect();
    let mut seen = BTreeSet::new();
    for key in order {
        if seen.insert(key.clone())
            && let Some(signup) = signups.get(key)
        {
            plan.signups.push(signup.clone());
        }
    }
    Merged { plan, conflicts: c1 + c2 + c3 + c4 + c5 + c6, taken_from_theirs: t1 + t2 + t3 + t4 + t5 + t6 }
}

/// What differs between two versions of a plan, as short lines a person can read ("pick:
/// Rust in space", "dinner: Old Port", "note on talk-12"), at most `limit` of them, and how many
/// there are in all. Used to say what another window or a sync tool changed.
pub fn describe_changes(before: &Plan, after: &Plan, limit: usize) -> (Vec<String>, usize) {
    let mut lines = Vec::new();
    let mut total = 0;
    let mut note = |line: String| {
        total += 1;
        if lines.len() < limit {
            lines.push(line);
        }
    };
    let keys: BTreeSet<_> = before.picks.keys().chain(after.picks.keys()).collect();
    for key in keys {
        match (before.picks.get(key), after.picks.get(key)) {
            (Some(b), Some(a)) if a != b => note(format!("pick \"{}\" is now {:?}", a.title, a.priority)),
            (None, Some(a)) => note(format!("pick \"{}\" added", a.title)),
            (Some(b), None) => note(format!("pick \"{}\" removed", b.title)),
            _ => {}
        }
    }
    let keys: BTreeSet<_> = before.notes.keys().chain(after.notes.keys()).collect();
    for key in keys.into_iter().filter(|k| before.notes.get(*k) != after.notes.get(*k)) {
        let title = after.picks.get(key).or_else(|| before.picks.get(key)).map_or(key.as_str(), |p| p.title.as_str());
        note(format!("note on \"{title}\""));
    }
    let (b, a) = (items_by_id(before), items_by_id(after));
    for id in b.keys().chain(a.keys()).collect::<BTreeSet<_>>() {
        let describe = |item: &PersonalItem| match item {
            PersonalItem::Custom(c) => format!("event \"{}\"", c.title),
            PersonalItem::Block(x) => format!("{} block", x.kind.label()),
            PersonalItem::Dinner(d) => format!("dinner \"{}\"", d.title),
        };
        match (b.get(id), a.get(id)) {
            (Some(x), Some(y)) if x != y => note(format!("{} changed", describe(y))),
            (None, Some(y)) => note(format!("{} added", describe(y))),
            (Some(x), None) => note(format!("{} removed", describe(x))),
            _ => {}
        }
    }
    let (b, a) = (signups_by_key(before), signups_by_key(after));
    for key in b.keys().chain(a.keys()).collect::<BTreeSet<_>>() {
        match (b.get(key), a.get(key)) {
            (None, Some(y)) => note(format!("signed up for \"{}\"", y.title)),
            (Some(x), None) => note(format!("left \"{}\"", x.title)),
            (Some(x), Some(y)) if x != y => note(format!("sign-up \"{}\" changed", y.title)),
            _ => {}
        }
    }
    if before.me != after.me || before.map != after.map {
        note("your name or venue map".to_owned());
    }
    (lines, total)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::ids::SessionId;
    use crate::model::plan::{Pick, Priority};

    fn pick(priority: Priority) -> Pick {
        Pick { priority, watch_later: false, title: String::new(), starts_at: None }
    }

    fn plan(picks: &[(&str, Priority)], notes: &[(&str, &str)]) -> Plan {
        let mut plan = Plan::new("c");
        for &(id, p) in picks {
            plan.picks.insert(SessionId::new(id), pick(p));
        }
        for &(id, note) in notes {
            plan.notes.insert(SessionId::new(id), note.to_owned());
        }
        plan
    }

    #[test]
    fn two_windows_picking_different_talks_keep_both() {
        let base = plan(&[("a", Priority::Must)], &[]);
        let ours = plan(&[("a", Priority::Must), ("b", Priority::Maybe)], &[]);
        let theirs = plan(&[("a", Priority::Must), ("c", Priority::Must)], &[("a", "from the laptop")]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.plan.picks.len(), 3);
        assert_eq!(merged.plan.note(&SessionId::new("a")), Some("from the laptop"));
        assert_eq!((merged.conflicts, merged.taken_from_theirs), (0, 2));
    }

    #[test]
    fn deletions_are_changes_and_conflicts_keep_ours() {
        let base = plan(&[("a", Priority::Must), ("b", Priority::Must)], &[]);
        // We unpicked a; they made b a maybe and also unpicked a.
        let ours = plan(&[("b", Priority::Must)], &[]);
        let theirs = plan(&[("b", Priority::Maybe)], &[]);
        let merged = merge(&base, &ours, &theirs);
        assert!(!merged.plan.picks.contains_key(&SessionId::new("a")));
        assert_eq!(merged.plan.priority(&SessionId::new("b")), Some(Priority::Maybe));
        // Both changed b differently: ours wins, one conflict.
        let ours = plan(&[("b", Priority::Maybe)], &[]);
        let mut theirs = plan(&[], &[]);
        theirs.me = Some("Ana".into());
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.plan.priority(&SessionId::new("b")), Some(Priority::Maybe));
        assert_eq!(merged.conflicts, 1);
        assert_eq!(merged.plan.me.as_deref(), Some("Ana"));
    }

    #[test]
    fn map_pins_merge_by_room_and_survive_a_removed_map() {
        use crate::model::{MapPoint, VenueMap};
        let at = |x| MapPoint::new(x, 0.5).unwrap();
        let mut base = plan(&[], &[]);
        base.map = Some(VenueMap::of_picture("/maps/venue.png"));
        base.map.as_mut().unwrap().pins.insert("hall".into(), at(0.1));
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.map.as_mut().unwrap().pins.insert("studio".into(), at(0.2));
        theirs.map.as_mut().unwrap().pins.insert("hall".into(), at(0.3));
        let merged = merge(&base, &ours, &theirs);
        let map = merged.plan.map.unwrap();
        assert_eq!((map.pin("hall"), map.pin("studio")), (Some(at(0.3)), Some(at(0.2))));
        assert_eq!((merged.conflicts, merged.taken_from_theirs), (0, 1));
        // They forgot the map while we placed a pin: the map and our pin stay.
        theirs.map = None;
        let merged = merge(&base, &ours, &theirs).plan.map.unwrap();
        assert_eq!(merged.image.as_deref(), Some(std::path::Path::new("/maps/venue.png")));
        assert_eq!(merged.pin("studio"), Some(at(0.2)));
    }

    fn arb_plan() -> impl Strategy<Value = Plan> {
        let ids = prop::collection::btree_map(0u8..8, prop::bool::ANY, 0..8);
        let notes = prop::collection::btree_map(0u8..8, "[a-c]{0,2}", 0..4);
        (ids, notes).prop_map(|(ids, notes)| {
            let mut plan = Plan::new("c");
            for (id, must) in ids {
                plan.picks.insert(
                    SessionId::new(format!("s{id}")),
                    pick(if must { Priority::Must } else { Priority::Maybe }),
                );
            }
            for (id, note) in notes {
                plan.notes.insert(SessionId::new(format!("s{id}")), note);
            }
            plan
        })
    }

    proptest! {
        #[test]
        fn merging_with_an_unchanged_side_takes_the_other(base in arb_plan(), other in arb_plan()) {
            prop_assert_eq!(merge(&base, &other, &base).plan, other.clone());
            prop_assert_eq!(merge(&base, &base, &other).plan, other.clone());
            prop_assert_eq!(merge(&base, &other, &other).plan, other);
        }

        #[test]
        fn nothing_added_on_either_side_is_lost(base in arb_plan(), ours in arb_plan(), theirs in arb_plan()) {
            let merged = merge(&base, &ours, &theirs).plan;
            for id in ours.picks.keys().filter(|id| !base.picks.contains_key(*id)) {
                prop_assert!(merged.picks.contains_key(id));
            }
            for id in theirs.picks.keys().filter(|id| !base.picks.contains_key(*id)) {
                prop_assert!(merged.picks.contains_key(id));
            }
        }
    }
}
