//! The bundled samples: a conference, a plan for it, a roster and its staff's plan files. The app
//! shows them until the user opens their own, and the CLI and tests use them too.

use std::path::Path;

use crate::io::store;
use crate::model::Plan;

/// The bundled sample conference.
pub const SAMPLE_SCHEDULE: &[u8] = include_bytes!("../../assets/sample-conference.ron");
/// An attendee's plan for the sample conference.
pub const SAMPLE_PLAN: &str = include_str!("../../assets/sample-plan.ron");
/// A booth captain's roster for the sample conference.
pub const SAMPLE_ROSTER: &[u8] = include_bytes!("../../assets/sample-roster.ron");
/// The plan files of the sample roster's staff.
pub const SAMPLE_STAFF_PLANS: [(&str, &[u8]); 4] = [
    ("ana-lima.ron", include_bytes!("../../assets/staff-plans/ana-lima.ron")),
    ("ben-ortiz.ron", include_bytes!("../../assets/staff-plans/ben-ortiz.ron")),
    ("chen-wei.ron", include_bytes!("../../assets/staff-plans/chen-wei.ron")),
    ("kai-tanaka.ron", include_bytes!("../../assets/staff-plans/kai-tanaka.ron")),
];

/// The bundled sample plan.
///
/// # Errors
/// Only if the bundled file is broken (tested in CI).
pub fn sample_plan() -> Result<Plan, store::StoreError> {
    store::parse_document::<Plan>(SAMPLE_PLAN.as_bytes(), Path::new("sample-plan.ron"))
}
