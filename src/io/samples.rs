//! The samples bundled into the binary: the sample conference, an attendee's plan for it, a booth
//! and volunteer roster, and the staff plans that roster's captain reads. They are the files in
//! `assets/`, embedded as they are, and read through the same loaders as the user's own files, so
//! a sample that stops loading fails the tests rather than surprising a user.

use std::path::Path;

use super::import::{self, ImportError};
use super::store::{self, StoreError};
use crate::model::{Plan, Schedule};

/// The bundled sample conference (lanyard RON), shown until the user opens their own schedule.
pub const SAMPLE_SCHEDULE: &[u8] = include_bytes!("../../assets/sample-conference.ron");

/// The file name the sample conference is read as (for messages and format detection).
pub const SAMPLE_SCHEDULE_NAME: &str = "sample-conference.ron";

/// The bundled sample plan for the sample conference, in the plan file format: picks with
/// clashes, own events, a dinner, a volunteer sign-up and the name the sample roster knows.
pub const SAMPLE_PLAN: &str = include_str!("../../assets/sample-plan.ron");

/// The bundled sample roster for the sample conference.
pub const SAMPLE_ROSTER: &[u8] = include_bytes!("../../assets/sample-roster.ron");

/// The staff plans beside the sample roster, as `(file name, bytes)`: what its captain reads to
/// learn when the staff are busy.
pub const SAMPLE_STAFF_PLANS: [(&str, &[u8]); 4] = [
    ("ana-lima.ron", include_bytes!("../../assets/staff-plans/ana-lima.ron")),
    ("ben-ortiz.ron", include_bytes!("../../assets/staff-plans/ben-ortiz.ron")),
    ("chen-wei.ron", include_bytes!("../../assets/staff-plans/chen-wei.ron")),
    ("kai-tanaka.ron", include_bytes!("../../assets/staff-plans/kai-tanaka.ron")),
];

/// The sample conference through the real importer.
///
/// # Errors
/// The importer's error, if the bundled file does not load (a test keeps it loading).
pub fn sample_schedule() -> Result<Schedule, ImportError> {
    import::parse(SAMPLE_SCHEDULE, SAMPLE_SCHEDULE_NAME)
}

/// The sample plan through the real plan loader.
///
/// # Errors
/// The loader's error, if the bundled file does not load (a test keeps it loading).
pub fn sample_plan() -> Result<Plan, StoreError> {
    store::parse_document::<Plan>(SAMPLE_PLAN.as_bytes(), Path::new("sample-plan.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::Roster;

    #[test]
    fn every_sample_loads_and_belongs_to_the_sample_conference() {
        let schedule = sample_schedule().unwrap();
        let conference = schedule.conference().id.clone();
        assert!(!schedule.sessions().is_empty());
        assert_eq!(sample_plan().unwrap().conference, conference);
        let roster = store::parse_document::<Roster>(SAMPLE_ROSTER, Path::new("sample-roster.ron")).unwrap();
        assert_eq!(roster.conference(), &conference);
        for (name, bytes) in SAMPLE_STAFF_PLANS {
            let plan = store::parse_document::<Plan>(bytes, Path::new(name)).unwrap();
            assert_eq!(plan.conference, conference, "{name}");
        }
    }
}
