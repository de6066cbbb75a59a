//! `settings.ron`: what lanyard remembers between runs that is not part of any plan, such as the
//! last schedule opened. Versioned and saved through the store like every other document.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::store::{Document, from_ron_noting, ron_options, ron_pretty};
use crate::model::ConferenceId;
use crate::model::filter::Filter;

pub const SETTINGS_VERSION: u32 = 1;

/// Light, dark, or whatever the desktop uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// How the app looks: theme, text size, contrast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Looks {
    pub theme: ThemeChoice,
    /// Text and control size in percent (80–200).
    pub text_size_percent: u32,
    /// Full-strength text and outlines, for bright rooms and low vision.
    pub high_contrast: bool,
}

impl Default for Looks {
    fn default() -> Self {
        Self { theme: ThemeChoice::System, text_size_percent: 100, high_contrast: false }
    }
}

/// App-wide settings. Missing fields take their defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The schedule file opened last; the app reopens it on start.
    pub last_schedule: Option<PathBuf>,
    /// Also show times in the laptop's own zone, next to conference time.
    pub show_laptop_time: bool,
    /// IANA zones chosen by the user, by conference id (for files that name none).
    ///
    /// Names, not `chrono_tz::Tz`: a name this build's zone database does not know (written by a
    /// newer lanyard, or by hand) would make the whole file fail to parse, and a corrupt settings
    /// file is set aside for an empty one. As text it is kept, saved back unchanged, and ignored
    /// where used ([`crate::model::Zone::from_iana`] gives `None`).
    pub zone_overrides: BTreeMap<ConferenceId, String>,
    pub looks: Looks,
    /// The first-run welcome has been seen.
    pub welcomed: bool,
    /// The roster open for each conference (by id), reopened with it.
    pub rosters: BTreeMap<ConferenceId, PathBuf>,
    /// The folder of staff members' plans read for each conference's roster.
    pub staff_plans: BTreeMap<ConferenceId, PathBuf>,
    /// The schedule filter last chosen for each conference (by id).
    pub filters: BTreeMap<ConferenceId, Filter>,
}

#[derive(Serialize, Deserialize)]
struct SettingsFileV1 {
    version: u32,
    #[serde(default)]
    last_schedule: Option<PathBuf>,
    #[serde(default)]
    show_laptop_time: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    zone_overrides: BTreeMap<ConferenceId, String>,
    #[serde(default)]
    looks: Looks,
    #[serde(default)]
    welcomed: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    rosters: BTreeMap<ConferenceId, PathBuf>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    staff_plans: BTreeMap<ConferenceId, PathBuf>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    filters: BTreeMap<ConferenceId, Filter>,
}

impl Settings {
    /// Merges two windows' settings, both changed from `base`, field by field (and the
    /// per-conference maps key by key): what only one side changed is kept; where both changed
    /// the same thing, ours wins. So a second window saving its filter never undoes the first
    /// window's theme.
    #[must_use]
    pub fn merge(base: &Self, ours: &Self, theirs: &Self) -> Self {
        use crate::model::merge::{merge_map, merge_value};
        Self {
            last_schedule: merge_value(&base.last_schedule, &ours.last_schedule, &theirs.last_schedule),
            show_laptop_time: merge_value(&base.show_laptop_time, &ours.show_laptop_time, &theirs.show_laptop_time),
            zone_overrides: merge_map(&base.zone_overrides, &ours.zone_overrides, &theirs.zone_overrides).0,
            looks: merge_value(&base.looks, &ours.looks, &theirs.looks),
            welcomed: ours.welcomed || theirs.welcomed,
            rosters: merge_map(&base.rosters, &ours.rosters, &theirs.rosters).0,
            staff_plans: merge_map(&base.staff_plans, &ours.staff_plans, &theirs.staff_plans).0,
            filters: merge_map(&base.filters, &ours.filters, &theirs.filters).0,
        }
    }
}

impl Document for Settings {
    const KIND: &'static str = "settings";
    const VERSION: u32 = SETTINGS_VERSION;

    fn from_ron_noting(text: &str, _version: u32, ignored: &mut Vec<String>) -> Result<Self, ron::error::SpannedError> {
        let file: SettingsFileV1 = from_ron_noting(text, ignored)?;
        Ok(Self {
            last_schedule: file.last_schedule,
            show_laptop_time: file.show_laptop_time,
            zone_overrides: file.zone_overrides,
            looks: file.looks,
            welcomed: file.welcomed,
            rosters: file.rosters,
            staff_plans: file.staff_plans,
            filters: file.filters,
        })
    }

    fn to_ron(&self) -> Result<String, ron::Error> {
        let file = SettingsFileV1 {
            version: SETTINGS_VERSION,
            last_schedule: self.last_schedule.clone(),
            show_laptop_time: self.show_laptop_time,
            zone_overrides: self.zone_overrides.clone(),
            looks: self.looks,
            welcomed: self.welcomed,
            rosters: self.rosters.clone(),
            staff_plans: self.staff_plans.clone(),
            filters: self.filters.clone(),
        };
        Ok(ron_options().to_string_pretty(&file, ron_pretty(2))? + "\n")
    }
}
