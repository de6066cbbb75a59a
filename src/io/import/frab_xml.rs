//! Importer for frab/Pentabarf/c3voc `schedule.xml`. (Being written: this placeholder refuses every file.)

use super::{Format, ImportError, Progress};
use crate::model::Schedule;

/// Parses the format.
///
/// # Errors
/// [`ImportError::Invalid`] with the position of the first problem.
pub fn parse(_bytes: &[u8], _progress: Progress<'_>) -> Result<Schedule, ImportError> {
    Err(ImportError::Invalid {
        format: Format::FrabXml,
        location: None,
        message: "this format is not supported yet".to_owned(),
    })
}
