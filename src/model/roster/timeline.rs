//! The attendee's side of a roster: a person's booth shifts as timeline items, and the plan-side
//! [`Signup`] for a volunteer slot. Read-only; the timeline itself lives in `model::timeline`.

use super::{Booth, Roster, TaskCoverage, VolunteerSlot};
use crate::model::personal::{Signup, SlotKey};
use crate::model::plan::Plan;
use crate::model::timeline::{ItemKind, ItemSource, ShiftKey, TimelineItem};

impl Roster {
    /// `person`'s booth shifts (name compared after trimming) as timeline items, for
    /// `Timeline::build_with`: titled `Booth: <booth name>`, placed at the booth's location.
    pub fn timeline_items(&self, person: &str) -> Vec<TimelineItem> {
        let person = person.trim();
        let mut items: Vec<TimelineItem> = self
            .parts
            .assignments
            .iter()
            .filter(|a| a.person.as_str() == person)
            .filter_map(|a| self.shift(a.shift.as_str()))
            .map(|shift| {
                let booth = self.booth(shift.booth.as_str());
                let mut item = TimelineItem::new(
                    ItemSource::Shift(ShiftKey { roster: self.parts.id.clone(), shift: shift.id.to_string() }),
                    ItemKind::Shift,
                    format!("Booth: {}", booth.map_or(shift.booth.as_str(), Booth::label)),
                    shift.starts_at,
                    shift.ends_at,
                );
                item.place = booth.map(|b| b.location.clone()).unwrap_or_default();
                item.date = self.day_of(shift);
                item
            })
            .collect();
        items.sort_by(|a, b| (a.starts_at, a.ends_at, &a.source).cmp(&(b.starts_at, b.ends_at, &b.source)));
        items
    }

    /// The volunteer slots that list `person` (name compared after trimming) as signed up, as
    /// timeline items ([`ItemSource::RosterSlot`]) titled after their task and placed at its
    /// location, in start order.
    pub fn slot_items(&self, person: &str) -> Vec<TimelineItem> {
        let person = person.trim();
        let mut items: Vec<TimelineItem> = self
            .parts
            .slots
            .iter()
            .filter(|slot| slot.signups.iter().any(|name| name.trim() == person))
            .filter_map(|slot| self.slot_signup(slot.id.as_str()))
            .map(|signup| {
                let mut item = TimelineItem::new(
                    ItemSource::RosterSlot(signup.key),
                    ItemKind::Volunteer,
                    signup.title,
                    signup.starts_at,
                    signup.ends_at,
                );
                item.place = signup.place;
                item
            })
            .collect();
        items.sort_by(|a, b| (a.starts_at, a.ends_at, &a.source).cmp(&(b.starts_at, b.ends_at, &b.source)));
        items
    }

    /// What this roster adds to the timeline of the plan's owner (`plan.me`): their booth shifts
    /// ([`Self::timeline_items`]) and the volunteer slots the roster lists them in
    /// ([`Self::slot_items`]), except slots the plan already holds as sign-ups (those are on the
    /// timeline from the plan). Empty when the plan names nobody. For `Timeline::build_with`.
    pub fn items_for_plan(&self, plan: &Plan) -> Vec<TimelineItem> {
        let Some(me) = plan.me.as_deref() else { return Vec::new() };
        let mut items = self.timeline_items(me);
        items.extend(self.slot_items(me).into_iter().filter(|item| match &item.source {
            ItemSource::RosterSlot(key) => !plan.is_signed_up(key),
            _ => true,
        }));
        items
    }

    /// Volunteer coverage ([`Self::volunteer_coverage`]) that also counts the plan owner's own
    /// sign-ups: an attendee who signs up records it in their plan, and the slot should show it
    /// at once. A sign-up the roster already lists under the plan's name (`plan.me`) counts once;
    /// a slot never counts more than it needs.
    pub fn coverage_for_plan(&self, plan: &Plan) -> Vec<TaskCoverage> {
        let mut coverage = self.volunteer_coverage();
        for signup in plan.signups.iter().filter(|s| s.key.roster == self.parts.id) {
            let Some(slot) = self.slot(&signup.key.slot) else { continue };
            if !self.counts_own_signup(slot, plan) {
                continue;
            }
            let Some(task) = coverage.iter_mut().find(|t| t.task == slot.task) else { continue };
            if let Some(own) = task.slots.iter_mut().find(|s| s.slot == slot.id)
                && own.signed_up < own.needed
            {
                own.signed_up += 1;
                task.signed_up += 1;
            }
        }
        coverage
    }

    /// Whether the plan's owner signed up for `slot` in their plan and the roster does not list
    /// them (by `plan.me`, trimmed) already: their sign-up then counts once more in the slot.
    pub fn counts_own_signup(&self, slot: &VolunteerSlot, plan: &Plan) -> bool {
        let mine = plan.signups.iter().any(|s| s.key.roster == self.parts.id && s.key.slot == slot.id.as_str());
        let me = plan.me.as_deref().map(str::trim);
        mine && !me.is_some_and(|me| slot.signups.iter().any(|name| name.trim() == me))
    }

    /// The plan-side [`Signup`] for a volunteer slot: what an attendee's plan remembers when they
    /// sign up. `None` if there is no such slot.
    pub fn slot_signup(&self, slot_id: &str) -> Option<Signup> {
        let slot = self.slot(slot_id)?;
        let task = self.task(slot.task.as_str());
        Some(Signup {
            key: SlotKey { roster: self.parts.id.clone(), slot: slot.id.to_string() },
            title: task.map_or_else(|| slot.task.to_string(), |t| t.name.clone()),
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
            place: task.map(|t| t.location.clone()).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::RosterEdit;
    use crate::model::roster::VolunteerEdit;
    use crate::model::roster::test_support::{assign, dt, roster};

    #[test]
    fn slot_signup_and_coverage() {
        let mut r = roster();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::SignUp { slot: "swag-1".into(), name: "Ana".into() })).unwrap();
        let signup = r.slot_signup("swag-1").unwrap();
        assert_eq!(signup.key, SlotKey { roster: "r".into(), slot: "swag-1".into() });
        assert_eq!((signup.title.as_str(), signup.place.as_str()), ("Task swag", "Foyer"));
        assert_eq!(signup.ends_at, dt("2027-04-15 19:00"));
        assert!(r.slot_signup("nope").is_none());
        let slots = r.slot_items(" Ana ");
        assert_eq!(slots.len(), 1);
        assert_eq!(
            (slots[0].kind, slots[0].title.as_str(), slots[0].place.as_str()),
            (ItemKind::Volunteer, "Task swag", "Foyer")
        );
        assert_eq!(slots[0].source, ItemSource::RosterSlot(signup.key.clone()));
        assert!(r.slot_items("Nobody").is_empty());
        let coverage = r.volunteer_coverage();
        assert_eq!((coverage[0].signed_up, coverage[0].needed), (1, 2));
        assert_eq!(coverage[0].slots[0].slot.as_str(), "swag-1");
    }

    #[test]
    fn items_for_plan_adds_shifts_and_slots_once() {
        let mut r = roster();
        r.apply(assign("a1", "Ana")).unwrap();
        r.apply(RosterEdit::Volunteer(VolunteerEdit::SignUp { slot: "swag-1".into(), name: "Ana".into() })).unwrap();
        let mut plan = Plan::new("c");
        assert!(r.items_for_plan(&plan).is_empty(), "a plan that names nobody gets nothing");
        plan.me = Some("Ana".into());
        let kinds: Vec<ItemKind> = r.items_for_plan(&plan).iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [ItemKind::Shift, ItemKind::Volunteer]);
        // Signed up in the plan too: the slot comes from the plan, not twice.
        plan.signups.push(r.slot_signup("swag-1").unwrap());
        let kinds: Vec<ItemKind> = r.items_for_plan(&plan).iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [ItemKind::Shift]);
    }

    #[test]
    fn an_attendees_own_signup_counts_in_the_coverage_once() {
        let r = roster();
        let mut plan = Plan::new("c");
        assert_eq!(r.coverage_for_plan(&plan)[0].signed_up, 0);
        plan.signups.push(r.slot_signup("swag-1").unwrap());
        let coverage = r.coverage_for_plan(&plan);
        assert_eq!((coverage[0].signed_up, coverage[0].slots[0].signed_up), (1, 1), "counted from the plan");

        // The coordinator also wrote the attendee's name into the roster: still one person.
        let mut listed = r.clone();
        listed
            .apply(RosterEdit::Volunteer(VolunteerEdit::SignUp { slot: "swag-1".into(), name: "Ana".into() }))
            .unwrap();
        plan.me = Some(" Ana".into());
        assert_eq!(listed.coverage_for_plan(&plan)[0].signed_up, 1);

        // A sign-up for another roster's slot of the same id does not count here.
        let mut other = Plan::new("c");
        let mut signup = r.slot_signup("swag-1").unwrap();
        signup.key.roster = "someone-elses".into();
        other.signups.push(signup);
        assert_eq!(r.coverage_for_plan(&other)[0].signed_up, 0);
    }
}
