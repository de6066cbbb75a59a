//! The attendee's side of a roster: a person's booth shifts as timeline items, and the plan-side
//! [`Signup`] for a volunteer slot. Read-only; the timeline itself lives in `model::timeline`.

use super::{Booth, Roster};
use crate::model::personal::{Signup, SlotKey};
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
    use crate::model::roster::test_support::{dt, roster};

    #[test]
    fn slot_signup_and_coverage() {
        let mut r = roster();
        r.apply(RosterEdit::SignUpForSlot { slot: "swag-1".into(), name: "Ana".into() }).unwrap();
        let signup = r.slot_signup("swag-1").unwrap();
        assert_eq!(signup.key, SlotKey { roster: "r".into(), slot: "swag-1".into() });
        assert_eq!((signup.title.as_str(), signup.place.as_str()), ("Task swag", "Foyer"));
        assert_eq!(signup.ends_at, dt("2027-04-15 19:00"));
        assert!(r.slot_signup("nope").is_none());
        let coverage = r.volunteer_coverage();
        assert_eq!((coverage[0].signed_up, coverage[0].needed), (1, 2));
        assert_eq!(coverage[0].slots[0].slot.as_str(), "swag-1");
    }
}
