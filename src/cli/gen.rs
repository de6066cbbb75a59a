//! `lanyard gen`: writes a deterministic synthetic conference ([`crate::model::synthetic`]) as
//! lanyard RON, frab XML, `schedule.json` or iCalendar, for large test fixtures and benchmarks.
//!
//! The same arguments always write the same bytes. Like `convert`, it prints one
//! `OUT: events=N rooms=R days=D tracks=T` line on stdout on success and `OUT: error: MESSAGE` on
//! stderr with exit status 1 on failure; the file is written atomically, so a failed run leaves
//! whatever was at `OUT` untouched.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::io::export::{frab_json, frab_xml, ical};
use crate::io::import::{self, native};
use crate::io::store;
use crate::model::synthetic::{self, MAX_DAYS, SyntheticParams};

/// The most events `gen` writes: about 3 GB of XML, far beyond any real schedule.
pub const MAX_EVENTS: u32 = 1_000_000;

/// The formats `gen` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GenFormat {
    /// Lanyard's own RON format.
    Ron,
    /// Pentabarf / frab / c3voc `schedule.xml`.
    Xml,
    /// frab / c3voc `schedule.json`.
    Json,
    /// iCalendar (RFC 5545).
    Ics,
}

impl GenFormat {
    /// The format an output file's extension names (case-insensitive), if any.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::from_str(&extension, true).ok()
    }
}

/// Arguments of `lanyard gen`.
#[derive(Clone, Debug, Args)]
pub struct GenArgs {
    /// How many events to generate (exactly).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_EVENTS)))]
    pub events: u32,
    /// Rooms (default: about 15 events per room and day; 30 for 900 events).
    #[arg(long, value_name = "R", value_parser = clap::value_parser!(u32).range(1..))]
    pub rooms: Option<u32>,
    /// Conference days (default: 2 up to 1,000 events, else 4).
    #[arg(long, value_name = "D", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_DAYS)))]
    pub days: Option<u32>,
    /// Output format (default: from OUT's extension: .ron, .xml, .json or .ics).
    #[arg(long, value_enum)]
    pub format: Option<GenFormat>,
    /// Seed of the generator: the same seed gives the same file.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Cut every abstract to this many characters (default: whole, 1–3 KB each). With 280,
    /// 100,000 events make 87 MB of RON instead of 262 MB: under the size lanyard opens.
    #[arg(long, value_name = "N")]
    pub abstract_chars: Option<usize>,
    /// The file to write.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

impl GenArgs {
    /// The generator's parameters: the defaults of [`SyntheticParams::new`] where not given.
    pub fn params(&self) -> SyntheticParams {
        let mut params = SyntheticParams::new(self.events as usize, self.seed);
        if let Some(days) = self.days {
            params.days = days;
            if self.rooms.is_none() {
                params.rooms = params.events.div_ceil(15 * days as usize).max(1);
            }
        }
        if let Some(rooms) = self.rooms {
            params.rooms = rooms as usize;
        }
        params.abstract_chars = self.abstract_chars;
        params
    }
}

/// `lanyard gen --events N [--rooms R] [--days D] [--format F] [--seed S] [--abstract-chars N] -o OUT`.
/// Warns on stderr (and still succeeds) when the file is too big for lanyard to open.
pub fn run(args: &GenArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let output = &args.output;
    let Some(format) = args.format.or_else(|| GenFormat::from_path(output)) else {
        writeln!(
            err,
            "{}: error: unknown output format; pass --format ron|xml|json|ics or end the file name in .ron, .xml, \
             .json or .ics",
            output.display()
        )
        .ok();
        return ExitCode::FAILURE;
    };
    let schedule = synthetic::generate(&args.params());
    let text = match format {
        GenFormat::Ron => native::write(&schedule).map_err(|e| e.to_string()),
        GenFormat::Xml => Ok(frab_xml::schedule_to_frab_xml(&schedule)),
        GenFormat::Json => frab_json::schedule_to_frab_json(&schedule).map_err(|e| e.to_string()),
        GenFormat::Ics => Ok(ical::schedule_to_ics(&schedule)),
    };
    let written = text.and_then(|text| {
        store::write_atomic(output, text.as_bytes()).map_err(|e| format!("could not write the file: {e}"))?;
        Ok(text.len())
    });
    let text_len = match written {
        Ok(len) => len,
        Err(message) => {
            writeln!(err, "{}: error: {message}", output.display()).ok();
            return ExitCode::FAILURE;
        }
    };
    let bytes = text_len as u64;
    if bytes > import::MAX_SCHEDULE_BYTES {
        writeln!(
            err,
            "{}: warning: the file is {bytes} bytes, and lanyard refuses schedules over {} bytes; \
             --abstract-chars 280 makes it about a third of the size",
            output.display(),
            import::MAX_SCHEDULE_BYTES
        )
        .ok();
    }
    let s = schedule.stats();
    writeln!(out, "{}: events={} rooms={} days={} tracks={}", output.display(), s.events, s.rooms, s.days, s.tracks)
        .ok();
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    #[derive(Debug, clap::Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: GenArgs,
    }

    fn parse(args: &[&str]) -> Result<GenArgs, clap::Error> {
        Wrapper::try_parse_from(std::iter::once("gen").chain(args.iter().copied())).map(|w| w.args)
    }

    #[test]
    fn defaults_and_overrides() {
        let args = parse(&["--events", "900", "-o", "x.xml"]).unwrap();
        assert_eq!(args.params(), SyntheticParams { events: 900, rooms: 30, days: 2, seed: 1, abstract_chars: None });
        let args = parse(&["--events", "900", "--days", "3", "-o", "x.xml", "--seed", "9"]).unwrap();
        assert_eq!(args.params(), SyntheticParams { events: 900, rooms: 20, days: 3, seed: 9, abstract_chars: None });
        let args = parse(&["--events", "5", "--abstract-chars", "280", "-o", "x.ron"]).unwrap();
        assert_eq!(args.params().abstract_chars, Some(280));
        let args = parse(&["--events", "10", "--rooms", "4", "-o", "x"]).unwrap();
        assert_eq!((args.params().rooms, args.params().days), (4, 2));
        assert!(parse(&["--events", "0", "-o", "x"]).is_err());
        assert!(parse(&["--events", "5", "--days", "32", "-o", "x"]).is_err());
        assert!(parse(&["--events", "5", "--format", "pdf", "-o", "x"]).is_err());
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(GenFormat::from_path(Path::new("a/b.XML")), Some(GenFormat::Xml));
        assert_eq!(GenFormat::from_path(Path::new("b.json")), Some(GenFormat::Json));
        assert_eq!(GenFormat::from_path(Path::new("b.txt")), None);
        assert_eq!(GenFormat::from_path(Path::new("ron")), None);
    }

    #[test]
    fn unknown_format_and_unwritable_paths_fail_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let args = parse(&["--events", "3", "-o", dir.path().join("x.txt").to_str().unwrap()]).unwrap();
        assert_eq!(run(&args, &mut out, &mut err), ExitCode::FAILURE);
        assert!(String::from_utf8(err).unwrap().contains("x.txt: error: unknown output format"));
        let missing = dir.path().join("no-such-folder").join("x.xml");
        let args = parse(&["--events", "3", "-o", missing.to_str().unwrap()]).unwrap();
        let mut err = Vec::new();
        assert_eq!(run(&args, &mut out, &mut err), ExitCode::FAILURE);
        let err = String::from_utf8(err).unwrap();
        assert!(err.starts_with(&format!("{}: error: could not write", missing.display())), "{err}");
        assert!(out.is_empty());
    }
}
