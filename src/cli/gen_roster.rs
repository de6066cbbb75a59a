//! `lanyard gen-roster --staff N --shifts N -o OUT.ron`: writes a deterministic synthetic booth
//! roster ([`crate::model::synthetic::generate_roster`]) for measuring `lanyard roster --auto` and
//! `--check` at sizes no real file has (issue 13: 10,000 staff × 10,000 shifts).
//!
//! The staff's picks, which the benchmark feeds the solver as busy times, are not written: a roster
//! file holds none (they come from `--plans`). Prints one `OUT: staff=N shifts=N seats=N` line on
//! stdout; the file is written atomically.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::io::store::{self, Document as _};
use crate::model::synthetic::{SyntheticRosterParams, generate_roster};

/// The most staff or shifts `gen-roster` writes.
pub const MAX_ROSTER_SIZE: u32 = 100_000;

/// Arguments of `lanyard gen-roster`.
#[derive(Clone, Debug, Args)]
pub struct GenRosterArgs {
    /// Staff members.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_ROSTER_SIZE)))]
    pub staff: u32,
    /// Shifts (over three days, at one booth per 20 shifts).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_ROSTER_SIZE)))]
    pub shifts: u32,
    /// The roster file to write.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

/// Runs `lanyard gen-roster`; see the module docs.
pub fn run(args: &GenRosterArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let params = SyntheticRosterParams { staff: args.staff as usize, shifts: args.shifts as usize };
    let written = generate_roster(params).map_err(|e| e.to_string()).and_then(|(roster, _picks)| {
        let text = roster.to_ron().map_err(|e| e.to_string())?;
        store::write_atomic(&args.output, text.as_bytes()).map_err(|e| format!("could not write the file: {e}"))?;
        Ok(roster)
    });
    match written {
        Ok(roster) => {
            let (staff, shifts) = (roster.staff().len(), roster.shifts_in_order().len());
            writeln!(out, "{}: staff={staff} shifts={shifts} seats={}", args.output.display(), roster.seats_total())
                .ok();
            ExitCode::SUCCESS
        }
        Err(message) => {
            writeln!(err, "{}: error: {message}", args.output.display()).ok();
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roster::Roster;

    #[test]
    fn writes_a_roster_lanyard_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("r.ron");
        let args = GenRosterArgs { staff: 12, shifts: 40, output: output.clone() };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &mut out, &mut err), ExitCode::SUCCESS, "{}", String::from_utf8_lossy(&err));
        let roster = store::load::<Roster>(&output).unwrap().document.unwrap();
        assert_eq!((roster.staff().len(), roster.shifts_in_order().len()), (12, 40));
        assert!(
            String::from_utf8(out).unwrap().ends_with(&format!("staff=12 shifts=40 seats={}\n", roster.seats_total()))
        );
    }
}
