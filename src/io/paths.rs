//! Where lanyard keeps its files: the platform data folder (`directories`), overridable with
//! `--data-dir` or `LANYARD_DATA_DIR`. One sub-folder per conference holds its `plan.ron`.

use std::path::{Path, PathBuf};

use crate::model::ConferenceId;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "LANYARD_DATA_DIR";

/// The data folder: `explicit` if given, else `$LANYARD_DATA_DIR`, else the platform's
/// (`~/.local/share/lanyard` on Linux). `None` only if the platform has no home folder.
pub fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_owned());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "lanyard", "lanyard").map(|dirs| dirs.data_dir().to_owned())
}

/// A conference id made safe as one folder name: ASCII letters, digits, `.`, `_` and `-` are
/// kept, anything else becomes `-`; never empty, never `.` or `..`, at most 80 bytes.
pub fn safe_folder_name(id: &str) -> String {
    let mut name: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' })
        .take(80)
        .collect();
    if name.trim_matches('.').is_empty() {
        name = format!("conference{name}");
    }
    name
}

/// `DATA/CONFERENCE/plan.ron`.
pub fn plan_path(data_dir: &Path, conference_id: &ConferenceId) -> PathBuf {
    data_dir.join(safe_folder_name(conference_id.as_str())).join("plan.ron")
}

/// `DATA/settings.ron`.
pub fn settings_path(data_dir: &Path) -> PathBuf {
    data_dir.join("settings.ron")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_safe() {
        assert_eq!(safe_folder_name("fosdem-2027"), "fosdem-2027");
        assert_eq!(safe_folder_name("../../etc"), "..-..-etc");
        assert_eq!(safe_folder_name(".."), "conference..");
        assert_eq!(safe_folder_name(""), "conference");
        assert_eq!(safe_folder_name("36C3 / Leipzig"), "36C3---Leipzig");
        assert_eq!(safe_folder_name(&"x".repeat(500)).len(), 80);
    }
}
