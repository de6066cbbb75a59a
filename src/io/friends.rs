//! Friends' shared picks on disk. Sharing writes a small `*.picks.ron` (name, conference, picks:
//! never notes). Adding a friend reads their file (a shared-picks file, a whole `plan.ron`, or an
//! `.ics` calendar) and keeps a copy in `DATA/<conference>/friends/`, so it stays when the
//! original moves; the friend's own file is never modified.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::paths;
use super::store::{self, Document, StoreError, from_ron_noting, ron_options, ron_pretty};
use crate::model::friends::Friend;
use crate::model::{ConferenceId, Plan, Priority, Schedule, SessionId};

pub const SHARED_PICKS_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct SharedPicksFileV1 {
    version: u32,
    name: String,
    conference: ConferenceId,
    #[serde(default)]
    picks: BTreeMap<SessionId, Priority>,
}

impl Document for Friend {
    const KIND: &'static str = "shared picks";
    const VERSION: u32 = SHARED_PICKS_VERSION;

    fn from_ron_noting(text: &str, _version: u32, ignored: &mut Vec<String>) -> Result<Self, ron::error::SpannedError> {
        let file: SharedPicksFileV1 = from_ron_noting(text, ignored)?;
        Ok(Self { name: file.name, conference: file.conference, picks: file.picks })
    }

    fn to_ron(&self) -> Result<String, ron::Error> {
        let file = SharedPicksFileV1 {
            version: SHARED_PICKS_VERSION,
            name: self.name.clone(),
            conference: self.conference.clone(),
            picks: self.picks.clone(),
        };
        let mut text = format!("// Lanyard shared picks: what {} plans to attend.\n", self.name);
        text.push_str(&ron_options().to_string_pretty(&file, ron_pretty(2))?);
        text.push('\n');
        Ok(text)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FriendError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}: error: {message}", path.display())]
    Unreadable { message: String, path: PathBuf },
    #[error("{}: error: it holds picks for \"{found}\", not for this conference (\"{expected}\")", path.display())]
    OtherConference { found: ConferenceId, expected: ConferenceId, path: PathBuf },
    #[error("{}: error: none of its events are sessions of this schedule", path.display())]
    NothingMatched { path: PathBuf },
    #[error("there is no data folder to keep friends' picks in")]
    NoDataFolder,
}

/// `DATA/<conference>/friends/`.
pub fn friends_dir(data_dir: &Path, conference_id: &ConferenceId) -> PathBuf {
    paths::plan_path(data_dir, conference_id).with_file_name("friends")
}

/// Every friend kept for a conference, by name; unreadable files are reported, not fatal.
pub fn load_friends(dir: &Path) -> (Vec<Friend>, Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return (Vec::new(), Vec::new()) };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    let (mut friends, mut problems) = (Vec::new(), Vec::new());
    for path in paths {
        match store::load::<Friend>(&path) {
            Ok(loaded) => friends.extend(loaded.document),
            Err(err) => problems.push(err.to_string()),
        }
    }
    friends.sort_by_key(|f| f.name.to_lowercase());
    (friends, problems)
}

/// Writes the attendee's shared picks to `path` (chosen by them), atomically.
///
/// # Errors
/// If the file cannot be written.
pub fn share(path: &Path, me: &Friend) -> Result<(), StoreError> {
    let text = me.to_ron().map_err(|source| StoreError::Serialise { kind: Friend::KIND, source })?;
    store::write_atomic(path, text.as_bytes()).map_err(|source| StoreError::Write {
        kind: Friend::KIND,
        source,
        path: path.to_owned(),
    })
}

/// Reads a friend's file in any of the forms people send, checks it belongs to `schedule`'s
/// conference, and keeps a copy under `friends_dir`. Returns the friend.
///
/// # Errors
/// [`FriendError`]; the friend's file is never modified.
pub fn add_friend(friends_dir: &Path, source: &Path, schedule: &Schedule) -> Result<Friend, FriendError> {
    let (friend, extras) = read_friend(source, schedule)?;
    let expected = &schedule.conference().id;
    if &friend.conference != expected {
        return Err(FriendError::OtherConference {
            found: friend.conference,
            expected: expected.clone(),
            path: source.to_owned(),
        });
    }
    let copy = friends_dir.join(format!("{}.ron", paths::safe_folder_name(&friend.name)));
    // Adding the same friend again replaces their picks with the newer file.
    let current = store::fingerprint(Friend::KIND, &copy)?;
    store::save_with_extras(&copy, &friend, current, &extras)?;
    Ok(friend)
}

/// The friend in `source`, and what a shared-picks file holds beyond what this lanyard reads
/// (carried into the copy).
fn read_friend(source: &Path, schedule: &Schedule) -> Result<(Friend, store::Extras), FriendError> {
    let unreadable = |message: String| FriendError::Unreadable { message, path: source.to_owned() };
    let stem =
        source.file_stem().map(|s| s.to_string_lossy().trim_end_matches(".picks").to_owned()).unwrap_or_default();
    let bytes = match store::read_limited(Friend::KIND, source) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(unreadable("the file does not exist".to_owned())),
        Err(err) => return Err(unreadable(err.to_string())),
    };
    let text = String::from_utf8_lossy(&bytes);
    if text.trim_start().to_ascii_uppercase().starts_with("BEGIN:VCALENDAR") {
        return Ok((from_calendar(&bytes, source, &stem, schedule)?, store::Extras::default()));
    }
    // A shared-picks file, or a whole plan.ron (its notes are not kept).
    if let Ok(found) = store::parse_with_extras::<Friend>(&bytes, source) {
        return Ok(found);
    }
    let plan = store::parse_document::<Plan>(&bytes, source)?;
    let name = plan.me.clone().unwrap_or(stem);
    Ok((Friend::from_plan(&name, &plan), store::Extras::default()))
}

/// A calendar: lanyard's own export names each session (`X-LANYARD-ID`); other calendars are
/// matched to sessions by title and start time.
fn from_calendar(bytes: &[u8], source: &Path, name: &str, schedule: &Schedule) -> Result<Friend, FriendError> {
    let calendar = super::import::parse(bytes, "friend.ics")
        .map_err(|err| FriendError::Unreadable { message: err.to_string(), path: source.to_owned() })?;
    let zone = schedule.conference().zone;
    let mut picks = BTreeMap::new();
    for event in calendar.sessions() {
        let by_id = schedule.find(&event.id).and_then(|idx| schedule.session(idx));
        let by_time = || {
            let instant = calendar.conference().zone.to_utc(event.starts_at);
            let title = event.title.trim_start_matches("Watch later: ");
            schedule.sessions().iter().find(|s| s.title == title && zone.to_utc(s.starts_at) == instant)
        };
        if let Some(session) = by_id.or_else(by_time) {
            let maybe = event.tags.iter().any(|t| t.eq_ignore_ascii_case("Maybe"));
            picks.insert(session.id.clone(), if maybe { Priority::Maybe } else { Priority::Must });
        }
    }
    if picks.is_empty() {
        return Err(FriendError::NothingMatched { path: source.to_owned() });
    }
    Ok(Friend { name: name.to_owned(), conference: schedule.conference().id.clone(), picks })
}

/// Removes a friend's kept copy.
///
/// # Errors
/// If the file exists but cannot be removed.
pub fn remove_friend(friends_dir: &Path, name: &str) -> std::io::Result<()> {
    match std::fs::remove_file(friends_dir.join(format!("{}.ron", paths::safe_folder_name(name)))) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}
