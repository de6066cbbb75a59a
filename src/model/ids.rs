//! Typed identifiers. Every id in lanyard is a newtype so a room index can never be passed where a
//! track index is expected, and so RON files stay readable (`#[serde(transparent)]`).

use serde::{Deserialize, Serialize};

/// The stable identity of a session across schedule versions.
///
/// Importers derive it from the frab `guid` when present, else the event `id`, else a content hash
/// of (title, first speaker). Duplicates inside one file are made unique with a `#2`, `#3`, …
/// suffix in file order, so the same file always yields the same ids.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(pub String);

impl SessionId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SessionId {
    fn from(id: &str) -> Self {
        Self(id.to_owned())
    }
}

/// Index of a room inside one [`crate::model::Schedule`]. Not stable across versions: use the
/// room's name for that.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoomIdx(pub u32);

/// Index of a track inside one [`crate::model::Schedule`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TrackIdx(pub u32);

/// Index of a session inside one [`crate::model::Schedule`] (its position in time order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SessionIdx(pub u32);

/// Index of a conference day inside one [`crate::model::Schedule`], from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayIdx(pub u32);

impl RoomIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl TrackIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl SessionIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl DayIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
