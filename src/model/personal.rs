//! The attendee's own time, kept in their plan beside their picks: custom events (hallway
//! meetings, ad-hoc groups, whiteboard sessions, spec reviews), blocks (arrival, departure,
//! holiday, busy), dinner and social plans, and the volunteer slots they signed up for.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ids::string_id;
use super::time::add_minutes;

string_id!(
    /// Id of an item the attendee created, unique within one plan and across every copy of it.
    ///
    /// New items get [`ItemId::unique`] ids (`d-0192f1c4…`): two windows or two laptops adding an
    /// item at the same moment never pick the same id, so a merge by id keeps both. Older plans
    /// numbered items per plan (`c1`, `b2`, `d3`); those ids keep loading and keep working.
    ItemId
);

impl ItemId {
    /// `prefix`, a dash and `token` as 32 hex digits. The caller brings a token no other writer
    /// uses: the app a time-ordered random UUID (`app::ids`), so the model needs no clock or
    /// randomness; tests any distinct numbers.
    pub fn unique(prefix: &str, token: u128) -> Self {
        Self(format!("{prefix}-{token:032x}"))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CustomKind {
    #[default]
    Meeting,
    Group,
    Whiteboard,
    Review,
    Other,
}

impl CustomKind {
    pub const ALL: [Self; 5] = [Self::Meeting, Self::Group, Self::Whiteboard, Self::Review, Self::Other];

    pub fn label(self) -> &'static str {
        match self {
            Self::Meeting => "Hallway meeting",
            Self::Group => "Ad-hoc group",
            Self::Whiteboard => "Whiteboard session",
            Self::Review => "Spec review",
            Self::Other => "Event",
        }
    }
}

/// Something the attendee arranged themselves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomEvent {
    pub id: ItemId,
    #[serde(default)]
    pub kind: CustomKind,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub duration_mins: u32,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BlockKind {
    /// Travelling to the conference.
    Arrival,
    /// Leaving: to the airport, the train.
    Departure,
    /// A day (or days) off.
    Holiday,
    /// Any other time the attendee is not available.
    #[default]
    Busy,
}

impl BlockKind {
    pub const ALL: [Self; 4] = [Self::Arrival, Self::Departure, Self::Holiday, Self::Busy];

    pub fn label(self) -> &'static str {
        match self {
            Self::Arrival => "Arrival",
            Self::Departure => "Departure",
            Self::Holiday => "Holiday",
            Self::Busy => "Busy",
        }
    }
}

/// Time the attendee is away or unavailable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub id: ItemId,
    pub kind: BlockKind,
    pub starts_at: NaiveDateTime,
    pub duration_mins: u32,
    #[serde(default)]
    pub note: String,
}

/// Whether a table is held.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reservation {
    #[default]
    None,
    /// Asked for, not confirmed.
    Requested {
        name: String,
        size: u32,
    },
    Booked {
        name: String,
        size: u32,
        confirmation: String,
    },
}

impl Reservation {
    /// The number of seats asked for or held.
    pub fn size(&self) -> Option<u32> {
        match self {
            Self::None => None,
            Self::Requested { size, .. } | Self::Booked { size, .. } => Some(*size),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Self::None => "No reservation",
            Self::Requested { .. } => "Requested",
            Self::Booked { .. } => "Booked",
        }
    }
}

/// An amount of money in minor units (cents), with its currency code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor_units: u64,
    pub currency: String,
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:02} {}", self.minor_units / 100, self.minor_units % 100, self.currency)
    }
}

/// A dinner or social plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dinner {
    pub id: ItemId,
    pub title: String,
    /// Restaurant or venue.
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub address: String,
    pub starts_at: NaiveDateTime,
    pub duration_mins: u32,
    /// Everyone going, the attendee included.
    #[serde(default)]
    pub party: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub cost_per_head: Option<Money>,
    #[serde(default)]
    pub reservation: Reservation,
}

impl Dinner {
    /// "Party of 6, table for 4" when the party has outgrown the reservation.
    pub fn reservation_warning(&self) -> Option<String> {
        let size = self.reservation.size()?;
        let party = self.party.len();
        (party > size as usize).then(|| format!("Party of {party}, but the reservation is for {size}"))
    }
}

/// A volunteer slot in a roster (the coordinator's document), by roster and slot id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SlotKey {
    pub roster: String,
    pub slot: String,
}

/// A volunteer slot the attendee signed up for. The slot itself lives in the coordinator's roster;
/// what it looked like is remembered so it stays on the timeline when the roster is not open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signup {
    pub key: SlotKey,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    #[serde(default)]
    pub place: String,
}

/// Any item the attendee creates, for adding and updating through one edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersonalItem {
    Custom(CustomEvent),
    Block(Block),
    Dinner(Dinner),
}

impl PersonalItem {
    pub fn id(&self) -> &ItemId {
        match self {
            Self::Custom(c) => &c.id,
            Self::Block(b) => &b.id,
            Self::Dinner(d) => &d.id,
        }
    }

    pub fn starts_at(&self) -> NaiveDateTime {
        match self {
            Self::Custom(c) => c.starts_at,
            Self::Block(b) => b.starts_at,
            Self::Dinner(d) => d.starts_at,
        }
    }

    pub fn ends_at(&self) -> NaiveDateTime {
        let (start, minutes) = match self {
            Self::Custom(c) => (c.starts_at, c.duration_mins),
            Self::Block(b) => (b.starts_at, b.duration_mins),
            Self::Dinner(d) => (d.starts_at, d.duration_mins),
        };
        add_minutes(start, minutes)
    }

    /// The same item under another id.
    #[must_use]
    pub fn with_id(mut self, id: ItemId) -> Self {
        match &mut self {
            Self::Custom(c) => c.id = id,
            Self::Block(b) => b.id = id,
            Self::Dinner(d) => d.id = id,
        }
        self
    }

    /// The id prefix for new items of this kind.
    pub fn id_prefix(&self) -> &'static str {
        match self {
            Self::Custom(_) => "c",
            Self::Block(_) => "b",
            Self::Dinner(_) => "d",
        }
    }

    /// What is wrong with the item, if anything (checked before it enters a plan).
    pub fn problem(&self) -> Option<String> {
        match self {
            Self::Custom(c) if c.title.trim().is_empty() => Some("give the event a title".to_owned()),
            Self::Dinner(d) if d.title.trim().is_empty() && d.venue.trim().is_empty() => {
                Some("give the dinner a title or a venue".to_owned())
            }
            Self::Dinner(Dinner {
                reservation: Reservation::Requested { size: 0, .. } | Reservation::Booked { size: 0, .. },
                ..
            }) => Some("a reservation needs at least one seat".to_owned()),
            _ if self.ends_at() <= self.starts_at() && !matches!(self, Self::Custom(_)) => {
                Some("it needs a duration".to_owned())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn dinner(party: &[&str], reservation: Reservation) -> Dinner {
        Dinner {
            id: ItemId::new("d1"),
            title: "Dinner after closing".into(),
            venue: "Old Port Bistro".into(),
            address: String::new(),
            starts_at: dt("2027-04-18 19:30"),
            duration_mins: 150,
            party: party.iter().map(|s| (*s).to_owned()).collect(),
            notes: String::new(),
            cost_per_head: Some(Money { minor_units: 3550, currency: "CAD".into() }),
            reservation,
        }
    }

    #[test]
    fn party_outgrowing_the_reservation_warns() {
        let booked = Reservation::Booked { name: "Ana".into(), size: 4, confirmation: "X12".into() };
        assert_eq!(dinner(&["Ana", "Ben", "Chen", "Dee"], booked.clone()).reservation_warning(), None);
        assert_eq!(
            dinner(&["Ana", "Ben", "Chen", "Dee", "Eli"], booked).reservation_warning().as_deref(),
            Some("Party of 5, but the reservation is for 4")
        );
        assert_eq!(dinner(&["Ana"; 9], Reservation::None).reservation_warning(), None);
        assert_eq!(dinner(&[], Reservation::None).cost_per_head.unwrap().to_string(), "35.50 CAD");
    }

    #[test]
    fn problems_are_found_before_saving() {
        let ok = PersonalItem::Dinner(dinner(&["Ana"], Reservation::None));
        assert_eq!(ok.problem(), None);
        let mut no_seats = dinner(&["Ana"], Reservation::Requested { name: "Ana".into(), size: 0 });
        assert!(PersonalItem::Dinner(no_seats.clone()).problem().is_some());
        no_seats.reservation = Reservation::None;
        no_seats.duration_mins = 0;
        assert!(PersonalItem::Dinner(no_seats).problem().is_some());
        let block = Block {
            id: ItemId::new("b1"),
            kind: BlockKind::Departure,
            starts_at: dt("2027-04-18 13:00"),
            duration_mins: 240,
            note: String::new(),
        };
        assert_eq!(PersonalItem::Block(block.clone()).ends_at(), dt("2027-04-18 17:00"));
        assert_eq!(PersonalItem::Block(block).problem(), None);
    }
}
