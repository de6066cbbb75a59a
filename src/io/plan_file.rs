//! `plan.ron`: the attendee's document on disk. The on-disk shape ([`PlanFileV1`]) is private and
//! versioned, apart from the model's [`Plan`], so old files keep loading as the model grows.
//!
//! Version history:
//! - 1: conference, picks (priority, watch_later, remembered title and start), notes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::store::{Document, from_ron, ron_options, ron_pretty};
use crate::model::{Pick, Plan, SessionId};

/// The newest plan format.
pub const PLAN_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct PlanFileV1 {
    version: u32,
    conference: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    picks: BTreeMap<SessionId, Pick>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    notes: BTreeMap<SessionId, String>,
}

impl Document for Plan {
    const KIND: &'static str = "plan";
    const VERSION: u32 = PLAN_VERSION;

    fn from_ron(text: &str, _version: u32) -> Result<Self, ron::error::SpannedError> {
        let file: PlanFileV1 = from_ron(text)?;
        Ok(Self { conference: file.conference, picks: file.picks, notes: file.notes })
    }

    fn to_ron(&self) -> Result<String, ron::Error> {
        let file = PlanFileV1 {
            version: PLAN_VERSION,
            conference: self.conference.clone(),
            picks: self.picks.clone(),
            notes: self.notes.clone(),
        };
        let mut text = String::from("// Lanyard plan: your picks and notes for one conference.\n");
        text.push_str(&ron_options().to_string_pretty(&file, ron_pretty(2))?);
        text.push('\n');
        Ok(text)
    }
}
