//! Typed identifiers. Every id in lanyard is a newtype so a room index can never be passed where a
//! track index is expected, and so RON files stay readable (`#[serde(transparent)]`).
//!
//! Two macros make every id type, so they all behave alike: `string_id!` for ids that are names
//! in files (sessions, items, roster pieces, conferences, rooms) and `index_id!` for positions inside
//! one built [`crate::model::Schedule`]. Use them for any new id.

/// Declares a string id: a transparent newtype over `String` (saved as `"x"`, not `("x")`) with
/// `new`, `as_str`, `Display`, `From<&str>`, `From<String>`, `PartialEq<str>` and `Borrow<str>`
/// (so maps keyed by the id can be queried with a `&str`). It checks nothing: whoever builds
/// documents validates ids.
///
/// ```text
/// string_id!(
///     /// A booth's id, unique within a roster.
///     BoothId
/// );
/// ```
macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        // Lets tests and checks compare an id with the text it should be.
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        // Lets maps keyed by the id be queried with a `&str`. Sound: the derived `Eq`, `Ord` and
        // `Hash` are those of the one `String` inside.
        impl ::std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

/// Declares an index id: a `Copy` newtype over `u32`, a position inside one built document, with
/// `index` (as a `usize`, for slices) and `from_index` (saturating at `u32::MAX`, which no real
/// document reaches and which then finds nothing).
macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of position `index`; `u32::MAX` (found nowhere) past that.
            pub fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }
    };
}

// `index_id!` stays here: every index id is declared in this file.
pub(crate) use string_id;

string_id!(
    /// The stable identity of a session across schedule versions.
    ///
    /// Importers derive it from the frab `guid` when present, else the event `id`, else a content
    /// hash of (title, first speaker). Duplicates inside one file are made unique with a `#2`,
    /// `#3`, … suffix in file order, so the same file always yields the same ids.
    SessionId
);

string_id!(
    /// A conference's id ([`crate::model::Conference::id`]): what a plan, a roster and the
    /// settings name a conference by, and the name of its folder in the data folder.
    ConferenceId
);

string_id!(
    /// A room's stable identity across schedule versions ([`crate::model::Room::key`]): the native
    /// format's room id, else the room's name. What venue-map pins and filters remember a room by;
    /// [`RoomIdx`] is only a position in one built schedule.
    RoomKey
);

index_id!(
    /// Index of a room inside one [`crate::model::Schedule`]. Not stable across versions: use a
    /// [`RoomKey`] for that.
    RoomIdx
);

index_id!(
    /// Index of a track inside one [`crate::model::Schedule`].
    TrackIdx
);

index_id!(
    /// Index of a session inside one [`crate::model::Schedule`] (its position in time order).
    SessionIdx
);

index_id!(
    /// Index of a conference day inside one [`crate::model::Schedule`], from 0.
    DayIdx
);

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn string_ids_are_saved_as_bare_strings() {
        let id = ConferenceId::new("cascadia-py-2027");
        let text = ron::to_string(&id).unwrap();
        assert_eq!(text, "\"cascadia-py-2027\"", "transparent: no tuple parentheses");
        assert_eq!(ron::from_str::<ConferenceId>(&text).unwrap(), id);
        assert_eq!(ron::to_string(&SessionId::new("talk-1")).unwrap(), "\"talk-1\"");
        let pins: BTreeMap<RoomKey, u32> = [(RoomKey::new("Salle \"A\""), 1)].into();
        assert_eq!(ron::to_string(&pins).unwrap(), r#"{"Salle \"A\"":1}"#, "map keys are bare strings too");
    }

    #[test]
    fn string_ids_compare_with_their_text() {
        let key = RoomKey::from(String::from("ballroom"));
        assert!(key == "ballroom" && key == *"ballroom" && key != "studio");
        assert_eq!(key, RoomKey::from("ballroom"));
    }

    #[test]
    fn string_ids_read_as_their_text() {
        let id = ConferenceId::from("pycon-2015");
        assert_eq!(id.as_str(), "pycon-2015");
        assert_eq!(id.to_string(), "pycon-2015");
        assert_eq!(id, ConferenceId::new(String::from("pycon-2015")));
        assert_eq!(ConferenceId::default().as_str(), "");
        // A map keyed by the id answers a plain `&str`.
        let plans: BTreeMap<ConferenceId, u32> = [(id, 1)].into();
        assert_eq!(plans.get("pycon-2015"), Some(&1));
        assert_eq!(plans.get("other"), None);
    }

    #[test]
    fn index_ids_convert_to_and_from_positions() {
        assert_eq!(RoomIdx::from_index(3).index(), 3);
        assert_eq!(DayIdx::from_index(0), DayIdx(0));
        assert_eq!(SessionIdx::from_index(usize::MAX), SessionIdx(u32::MAX), "saturates rather than wraps");
        assert!(TrackIdx(1) < TrackIdx(2));
    }
}
