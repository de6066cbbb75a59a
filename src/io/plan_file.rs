//! `plan.ron`: the attendee's document on disk. The on-disk shape ([`PlanFileV1`]) is private and
//! versioned, apart from the model's [`Plan`], so old files keep loading as the model grows.
//!
//! Version history:
//! - 1: conference, picks (priority, watch_later, remembered title and start), notes, `me`,
//!   custom events, blocks, dinners, volunteer sign-ups.
//!
//! Adding a field that an older lanyard would drop on save needs a new version (an old lanyard
//! refuses newer files, so it can never lose what it does not know).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::store::{Document, from_ron, ron_options, ron_pretty};
use crate::model::{Block, CustomEvent, Dinner, Pick, Plan, SessionId, Signup};

/// The newest plan format.
pub const PLAN_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct PlanFileV1 {
    version: u32,
    conference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    me: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    picks: BTreeMap<SessionId, Pick>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    notes: BTreeMap<SessionId, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    custom_events: Vec<CustomEvent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dinners: Vec<Dinner>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    signups: Vec<Signup>,
}

impl Document for Plan {
    const KIND: &'static str = "plan";
    const VERSION: u32 = PLAN_VERSION;

    fn from_ron(text: &str, _version: u32) -> Result<Self, ron::error::SpannedError> {
        let file: PlanFileV1 = from_ron(text)?;
        Ok(Self {
            conference: file.conference,
            picks: file.picks,
            notes: file.notes,
            me: file.me,
            custom_events: file.custom_events,
            blocks: file.blocks,
            dinners: file.dinners,
            signups: file.signups,
        })
    }

    fn to_ron(&self) -> Result<String, ron::Error> {
        let file = PlanFileV1 {
            version: PLAN_VERSION,
            conference: self.conference.clone(),
            me: self.me.clone(),
            picks: self.picks.clone(),
            notes: self.notes.clone(),
            custom_events: self.custom_events.clone(),
            blocks: self.blocks.clone(),
            dinners: self.dinners.clone(),
            signups: self.signups.clone(),
        };
        let mut text = String::from("// Lanyard plan: your picks, notes and your own time for one conference.\n");
        text.push_str(&ron_options().to_string_pretty(&file, ron_pretty(3))?);
        text.push('\n');
        Ok(text)
    }
}
