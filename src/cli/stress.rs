//! `lanyard stress-save` (hidden): saves a deterministic sequence of document states in a loop,
//! through the real store, so `tests/crash_kill.rs` can kill it at random moments and check what
//! is left on disk.
//!
//! State `N` of each document is a pure function of `(seed, N)` ([`StressState::state`]) and
//! records `N` in itself ([`StressState::number`]), so a file on disk names the state it holds.
//! The loop picks up where the files on disk left off: it loads each one (a failed load is an
//! error, exit status 1), then saves states `N+1`, `N+2`, … with the fingerprint chained from
//! the previous save, exactly as the app's autosave does. Around every save it prints, flushing
//! each line before going on:
//!
//! ```text
//! saving plan 7
//! saved plan 7
//! saving roster 7
//! saved roster 7
//! ```
//!
//! Adding a document type: implement [`StressState`] for it and add one variant to
//! [`StressDocument`] (with its arm in `StressDocument::open`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::io::store::{self, Document, Fingerprint, StoreError};
use crate::model::roster::{
    Assignment, Booth, BoothId, Experience, Roster, RosterParts, RosterRules, Shift, ShiftId, Staff, VolunteerSlot,
    VolunteerSlotId, VolunteerTask, VolunteerTaskId,
};
use crate::model::{
    Block, BlockKind, CustomEvent, CustomKind, Dinner, ItemId, Pick, Plan, Priority, Reservation, SessionId, Signup,
    SlotKey, Zone,
};

/// Arguments of `lanyard stress-save`.
#[derive(Debug, clap::Args)]
pub struct StressArgs {
    /// Folder the documents are saved in (created if missing).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Which documents to save each round, in this order.
    #[arg(long, value_delimiter = ',', default_value = "plan,roster")]
    pub documents: Vec<StressDocument>,
    /// Varies the content of every state.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Stop after this many rounds (default: save until killed).
    #[arg(long, value_name = "N")]
    pub rounds: Option<u64>,
}

/// A document type the stress loop can save.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum StressDocument {
    Plan,
    Roster,
}

impl StressDocument {
    /// The file it is saved to inside `--dir`.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Plan => "plan.ron",
            Self::Roster => "roster.ron",
        }
    }

    fn open(self, dir: &Path, seed: u64) -> Result<Box<dyn Saver>, StoreError> {
        let path = dir.join(self.file_name());
        Ok(match self {
            Self::Plan => Box::new(Tracked::<Plan>::open(path, seed)?),
            Self::Roster => Box::new(Tracked::<Roster>::open(path, seed)?),
        })
    }
}

/// A document with a deterministic numbered sequence of states.
pub trait StressState: Document {
    /// State `n` (from 1) for `seed`: a pure function of both.
    ///
    /// # Errors
    /// If the state breaks the document's invariants (a bug in the generator).
    fn state(seed: u64, n: u64) -> Result<Self, String>;
    /// The `n` this document is the state of; `None` if it is not a stress state.
    fn number(&self) -> Option<u64>;
}

/// One document file being saved over and over, with the fingerprint of the last save.
struct Tracked<D> {
    path: PathBuf,
    seed: u64,
    fingerprint: Fingerprint,
    number: u64,
    document: std::marker::PhantomData<D>,
}

impl<D: StressState> Tracked<D> {
    fn open(path: PathBuf, seed: u64) -> Result<Self, StoreError> {
        let loaded = store::load::<D>(&path)?;
        let number = match &loaded.document {
            None => 0,
            Some(document) => document.number().ok_or_else(|| StoreError::Corrupt {
                kind: D::KIND,
                location: crate::model::Location { line: 1, col: 1 },
                message: "not a file written by stress-save".to_owned(),
                path: path.clone(),
            })?,
        };
        Ok(Self { path, seed, fingerprint: loaded.fingerprint, number, document: std::marker::PhantomData })
    }
}

/// Object-safe view of a [`Tracked`] document, so one loop saves every type.
trait Saver {
    fn kind(&self) -> &'static str;
    /// The state on disk (0: no file yet).
    fn number(&self) -> u64;
    fn save(&mut self, n: u64) -> Result<(), String>;
}

impl<D: StressState> Saver for Tracked<D> {
    fn kind(&self) -> &'static str {
        D::KIND
    }

    fn number(&self) -> u64 {
        self.number
    }

    fn save(&mut self, n: u64) -> Result<(), String> {
        let document = D::state(self.seed, n)?;
        self.fingerprint = store::save(&self.path, &document, self.fingerprint).map_err(|e| e.to_string())?;
        self.number = n;
        Ok(())
    }
}

/// Runs the loop. Exit status 1 (with the error on `err`) if a file does not load or a save fails.
pub fn run(args: &StressArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    match run_inner(args, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            writeln!(err, "error: {message}").ok();
            ExitCode::FAILURE
        }
    }
}

fn run_inner(args: &StressArgs, out: &mut impl Write) -> Result<(), String> {
    std::fs::create_dir_all(&args.dir).map_err(|e| format!("could not create {}: {e}", args.dir.display()))?;
    let mut documents = Vec::new();
    for document in &args.documents {
        documents.push(document.open(&args.dir, args.seed).map_err(|e| e.to_string())?);
    }
    let first = documents.iter().map(|d| d.number()).max().unwrap_or(0).saturating_add(1);
    let last = args.rounds.map_or(u64::MAX, |rounds| first.saturating_add(rounds));
    for n in first..last {
        for document in &mut documents {
            let kind = document.kind();
            line(out, &format!("saving {kind} {n}"))?;
            document.save(n)?;
            line(out, &format!("saved {kind} {n}"))?;
        }
    }
    Ok(())
}

/// Writes one line and flushes it, so a reader sees it even if the process is killed next.
fn line(out: &mut impl Write, text: &str) -> Result<(), String> {
    writeln!(out, "{text}").and_then(|()| out.flush()).map_err(|e| format!("could not write to stdout: {e}"))
}

fn base_time() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, 4, 16).unwrap_or_default().and_time(NaiveTime::MIN) + Duration::hours(8)
}

/// `base_time() + minutes`.
fn at(minutes: u64) -> NaiveDateTime {
    base_time() + Duration::minutes(i64::try_from(minutes % 100_000).unwrap_or(0))
}

fn minutes(value: u64) -> u32 {
    u32::try_from(value % 1_000).unwrap_or(0)
}

impl StressState for Plan {
    fn state(seed: u64, n: u64) -> Result<Self, String> {
        let mut plan = Self::new(format!("stress-{n}"));
        plan.me = (n % 2 == 1).then(|| format!("Tester {seed}"));
        for i in 0..n % 23 {
            let pick = Pick {
                priority: if (n + i).is_multiple_of(2) { Priority::Must } else { Priority::Maybe },
                watch_later: i % 3 == 0,
                title: format!("Session {i} of state {n}, \"quoted\" and ünïcode"),
                starts_at: (i % 5 != 0).then(|| at(i * 45)),
            };
            plan.picks.insert(SessionId::new(format!("s{}", i.wrapping_mul(7).wrapping_add(seed) % 1_000)), pick);
        }
        for i in 0..n % 7 {
            // Notes of varying length, so consecutive states differ in size as well as content.
            let note = format!(
                "note {i} of state {n}:\nsecond line {}",
                "·".repeat(usize::try_from((n * 37 + i) % 400).unwrap_or(0))
            );
            plan.notes.insert(SessionId::new(format!("s{}", i.wrapping_add(seed) % 1_000)), note);
        }
        for i in 0..n % 4 {
            plan.custom_events.push(CustomEvent {
                id: ItemId(format!("c{i}")),
                kind: CustomKind::Meeting,
                title: format!("Hallway meeting {i} ({n})"),
                starts_at: at(i * 60 + n),
                duration_mins: minutes(30 + i),
                place: "by the coffee".to_owned(),
                people: vec!["Ana".to_owned(), format!("Guest {n}")],
                note: String::new(),
            });
        }
        for i in 0..n % 3 {
            plan.blocks.push(Block {
                id: ItemId(format!("b{i}")),
                kind: BlockKind::Busy,
                starts_at: at(i * 120),
                duration_mins: minutes(n),
                note: format!("busy {n}"),
            });
        }
        if n.is_multiple_of(5) {
            plan.dinners.push(Dinner {
                id: ItemId("d1".to_owned()),
                title: format!("Dinner {n}"),
                venue: "Old Port Bistro".to_owned(),
                address: String::new(),
                starts_at: at(660),
                duration_mins: 120,
                party: vec!["Ana".to_owned(), "Ben".to_owned()],
                notes: String::new(),
                cost_per_head: None,
                reservation: Reservation::Requested { name: "Ana".to_owned(), size: 2 },
            });
        }
        for i in 0..n % 2 {
            plan.signups.push(Signup {
                key: SlotKey { roster: "stress".to_owned(), slot: format!("slot{i}") },
                title: format!("Door duty {n}"),
                starts_at: at(i * 30),
                ends_at: at(i * 30 + 30),
                place: String::new(),
            });
        }
        Ok(plan)
    }

    fn number(&self) -> Option<u64> {
        self.conference.as_str().strip_prefix("stress-")?.parse().ok()
    }
}

impl StressState for Roster {
    fn state(seed: u64, n: u64) -> Result<Self, String> {
        let names = ["Ana", "Ben", "Chen"];
        let booths: Vec<Booth> = (0..1 + n % 3)
            .map(|i| Booth {
                id: BoothId(format!("b{i}")),
                name: format!("Booth {i}"),
                location: format!("Hall {seed}"),
            })
            .collect();
        let shifts: Vec<Shift> = (0..n % 11)
            .map(|i| Shift {
                requires: Vec::new(),
                id: ShiftId(format!("s{i}")),
                booth: BoothId(format!("b{}", i % (1 + n % 3))),
                starts_at: at(i * 120),
                ends_at: at(i * 120 + 120),
                seats: 2,
                role: format!("state {n}"),
            })
            .collect();
        let assignments = shifts
            .iter()
            .zip(names.iter().cycle().skip(usize::try_from(n % 3).unwrap_or(0)))
            .map(|(shift, name)| Assignment {
                locked: n.is_multiple_of(2),
                ..Assignment::new(shift.id.as_str(), *name)
            })
            .collect();
        let staff = names
            .iter()
            .map(|name| Staff {
                max_hours_per_day: Some(4 + u32::try_from(n % 5).unwrap_or(0)),
                ..Staff::new(*name, if *name == "Ben" { Experience::Newcomer } else { Experience::Experienced })
            })
            .collect();
        let task = VolunteerTask {
            throughput: None,
            id: VolunteerTaskId("door".to_owned()),
            name: "Door".to_owned(),
            description: format!("state {n}"),
            location: String::new(),
            skills: Vec::new(),
        };
        let slots = (0..n % 4)
            .map(|i| VolunteerSlot {
                id: VolunteerSlotId(format!("slot{i}")),
                task: task.id.clone(),
                starts_at: at(i * 30),
                ends_at: at(i * 30 + 30),
                needed: 2,
                signups: if i % 2 == 0 { vec![format!("Volunteer {n}")] } else { Vec::new() },
                no_shows: Vec::new(),
                worked_minutes: BTreeMap::new(),
            })
            .collect();
        let parts = RosterParts {
            id: "stress".to_owned(),
            conference: "stress".into(),
            name: format!("stress state {n}"),
            zone: Zone::Floating,
            rules: RosterRules {
                min_rest_mins: minutes(n % 60),
                day_change: NaiveTime::MIN,
                max_consecutive_mins: None,
            },
            booths,
            shifts,
            staff,
            assignments,
            tasks: vec![task],
            slots,
        };
        Self::from_parts(parts).map_err(|e| format!("stress roster state {n} is invalid: {e}"))
    }

    fn number(&self) -> Option<u64> {
        self.name().strip_prefix("stress state ")?.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::store::parse_document;

    #[test]
    fn states_round_trip_and_name_their_number() {
        for n in 1..60 {
            let plan = Plan::state(3, n).unwrap();
            assert_eq!(plan.number(), Some(n));
            let back: Plan = parse_document(plan.to_ron().unwrap().as_bytes(), Path::new("p.ron")).unwrap();
            assert_eq!(back, plan);
            let roster = Roster::state(3, n).unwrap();
            assert_eq!(roster.number(), Some(n));
            let back: Roster = parse_document(roster.to_ron().unwrap().as_bytes(), Path::new("r.ron")).unwrap();
            assert_eq!(back, roster);
        }
    }

    #[test]
    fn the_loop_continues_from_the_files_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let args = |rounds| StressArgs {
            dir: dir.path().to_owned(),
            documents: vec![StressDocument::Plan, StressDocument::Roster],
            seed: 1,
            rounds: Some(rounds),
        };
        let mut out = Vec::new();
        assert_eq!(run(&args(2), &mut out, &mut Vec::new()), ExitCode::SUCCESS);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "saving plan 1\nsaved plan 1\nsaving roster 1\nsaved roster 1\n\
             saving plan 2\nsaved plan 2\nsaving roster 2\nsaved roster 2\n"
        );
        let mut out = Vec::new();
        assert_eq!(run(&args(1), &mut out, &mut Vec::new()), ExitCode::SUCCESS);
        assert!(String::from_utf8(out).unwrap().starts_with("saving plan 3\n"));
        let plan = store::load::<Plan>(&dir.path().join("plan.ron")).unwrap().document.unwrap();
        assert_eq!(plan, Plan::state(1, 3).unwrap());
        let bak = store::load::<Roster>(&store::backup_path(&dir.path().join("roster.ron"))).unwrap();
        assert_eq!(bak.document.unwrap(), Roster::state(1, 2).unwrap());
    }
}
