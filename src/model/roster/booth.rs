//! [`Booth`]: a booth that must be staffed. Plain data; the roster checks ids and references.

use serde::{Deserialize, Serialize};

use super::BoothId;

/// A company or foundation booth that must be staffed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booth {
    pub id: BoothId,
    pub name: String,
    /// Where it is, e.g. `Expo Hall, stand 12`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
}

impl Booth {
    /// The name, or the id when the name is blank.
    pub fn label(&self) -> &str {
        if self.name.trim().is_empty() { self.id.as_str() } else { &self.name }
    }
}
