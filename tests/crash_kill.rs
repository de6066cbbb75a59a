//! Crash-kill test of every save: a child process (`lanyard stress-save`) saves numbered plan and
//! roster states through the real store in a loop, and this test SIGKILLs it at random moments,
//! then checks what is on disk before starting the next child on the same folder.
//!
//! After every kill, for each document:
//! - the file parses and equals, byte for byte in meaning, the state the child's last printed line
//!   allows: `saved N` → exactly state N; `saving N` → the state before it or state N; no line →
//!   the state left by the previous kill;
//! - `NAME.bak`, when present, parses to a complete earlier state (never newer than the file),
//!   and it is present whenever the file has been saved more than once;
//! - the next child starts, loads both files and saves again (checked by the next round, and by
//!   a final run that must exit successfully). Stray temp files left by kills are counted.
//!
//! `LANYARD_CRASH_KILLS` sets the number of kills (default 1,000), `LANYARD_CRASH_SEED` the seed
//! of the kill timing and of the document contents (default: derived from the clock, printed).
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]
#![expect(clippy::print_stdout, reason = "the test reports its figures")]

use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lanyard::cli::stress::{StressDocument, StressState};
use lanyard::io::store;
use lanyard::model::Plan;
use lanyard::model::roster::Roster;

const DEFAULT_KILLS: u64 = 1_000;

/// xorshift64*: deterministic kill timing from a printed seed, no extra crates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// What the test knows about one document file across kills.
#[derive(Default)]
struct Track {
    /// The state on disk after the last check (0: no file yet).
    on_disk: u64,
    /// Every state that has been complete on disk: the only states a `.bak` may hold.
    complete: BTreeSet<u64>,
}

/// The last `saving`/`saved` line about `kind` in the child's output.
fn last_line(output: &str, kind: &str) -> Option<(bool, u64)> {
    output.lines().rev().find_map(|line| {
        let (done, rest) = if let Some(rest) = line.strip_prefix("saved ") {
            (true, rest)
        } else {
            (false, line.strip_prefix("saving ")?)
        };
        let (k, n) = rest.split_once(' ')?;
        (k == kind).then(|| n.parse().ok()).flatten().map(|n| (done, n))
    })
}

/// The last `saved N` about `kind`, if any.
fn last_saved(output: &str, kind: &str) -> Option<u64> {
    output.lines().rev().find_map(|line| {
        let (k, n) = line.strip_prefix("saved ")?.split_once(' ')?;
        (k == kind).then(|| n.parse().ok()).flatten()
    })
}

/// Every `saved N` about `kind`.
fn saved_numbers<'a>(output: &'a str, kind: &'a str) -> impl Iterator<Item = u64> + 'a {
    output.lines().filter_map(move |line| {
        let (k, n) = line.strip_prefix("saved ")?.split_once(' ')?;
        (k == kind).then(|| n.parse().ok()).flatten()
    })
}

/// The state number of the document at `path` (0 if missing), checking it is exactly that state.
fn state_on_disk<D: StressState + PartialEq + std::fmt::Debug>(path: &Path, seed: u64) -> Result<u64, String> {
    let loaded = store::load::<D>(path).map_err(|e| format!("does not load: {e}"))?;
    let Some(document) = loaded.document else { return Ok(0) };
    let n = document.number().ok_or("is not a stress state")?;
    let expected = D::state(seed, n).map_err(|e| format!("state {n}: {e}"))?;
    if document != expected {
        return Err(format!("claims to be state {n} but differs from it"));
    }
    Ok(n)
}

/// Checks one document after a kill; returns a description of what is wrong, if anything.
fn check_document<D: StressState + PartialEq + std::fmt::Debug>(
    dir: &Path,
    file: &str,
    seed: u64,
    output: &str,
    track: &mut Track,
) -> Result<(), String> {
    let kind = D::KIND;
    let path = dir.join(file);
    let before = track.on_disk;
    let allowed: Vec<u64> = match last_line(output, kind) {
        Some((true, n)) => vec![n],
        Some((false, n)) => vec![last_saved(output, kind).unwrap_or(before), n],
        None => vec![before],
    };
    let now = state_on_disk::<D>(&path, seed).map_err(|e| format!("{file} {e}"))?;
    if !allowed.contains(&now) {
        return Err(format!("{file} holds state {now}; after this output only {allowed:?} are possible"));
    }
    // Everything this child saved completely, and what is there now, was on disk at some point.
    track.complete.extend(saved_numbers(output, kind));
    if now > 0 {
        track.complete.insert(now);
    }
    let backup = store::backup_path(&path);
    if backup.exists() {
        let bak = state_on_disk::<D>(&backup, seed).map_err(|e| format!("{file}.bak {e}"))?;
        if bak == 0 || bak > now || !track.complete.contains(&bak) {
            return Err(format!("{file}.bak holds state {bak}, not an earlier complete state (file: {now})"));
        }
    } else if track.complete.len() >= 2 {
        // A second state only gets on disk by replacing the first, and the backup is written first.
        return Err(format!("{file} has been replaced but there is no {file}.bak"));
    }
    track.on_disk = now;
    Ok(())
}

fn spawn(bin: &str, dir: &Path, seed: u64, stdout: &Path, stderr: &Path, rounds: Option<u64>) -> std::process::Child {
    let mut command = Command::new(bin);
    command
        .args(["stress-save", "--documents", "plan,roster", "--seed", &seed.to_string(), "--dir"])
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(stdout).unwrap())
        .stderr(std::fs::File::create(stderr).unwrap());
    if let Some(rounds) = rounds {
        command.args(["--rounds", &rounds.to_string()]);
    }
    command.spawn().unwrap()
}

/// Files in `dir` that are neither a document nor its backup (temp files left by kills).
fn strays(dir: &Path) -> Vec<PathBuf> {
    let known = ["plan.ron", "plan.ron.bak", "roster.ron", "roster.ron.bak"];
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !known.iter().any(|k| p.file_name().is_some_and(|n| n == *k)))
        .collect()
}

#[test]
#[expect(clippy::too_many_lines, reason = "one loop: spawn, kill, check, report")]
fn crash_kill_every_save_leaves_the_old_or_the_new_state() {
    let bin = env!("CARGO_BIN_EXE_lanyard");
    let kills = env_u64("LANYARD_CRASH_KILLS").unwrap_or(DEFAULT_KILLS);
    let seed = env_u64("LANYARD_CRASH_SEED").unwrap_or_else(|| {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        u64::from(nanos.subsec_nanos()) | 1
    });
    println!("crash-kill: {kills} kills, seed {seed} (LANYARD_CRASH_KILLS, LANYARD_CRASH_SEED)");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let stdout = tmp.path().join("stdout.txt");
    let stderr = tmp.path().join("stderr.txt");
    let mut rng = Rng(seed);
    let doc_seed = seed % 1_000;

    // Calibrate: how long does a start plus two rounds take on this machine? Kills are then
    // spread over that window, so they land in start-up, loading, and every step of a save.
    let calibration = Instant::now();
    let status = spawn(bin, &tmp.path().join("calibration"), doc_seed, &stdout, &stderr, Some(2)).wait().unwrap();
    assert!(status.success(), "stress-save failed: {}", std::fs::read_to_string(&stderr).unwrap());
    let window_us = u64::try_from(calibration.elapsed().as_micros()).unwrap_or(u64::MAX).clamp(2_000, 200_000);
    println!("crash-kill: a start and 2 rounds take {window_us} µs; kills land in 0..{window_us} µs");

    let mut plan = Track::default();
    let mut roster = Track::default();
    let (mut mid_save, mut between, mut before_first_line, mut max_strays) = (0_u64, 0_u64, 0_u64, 0_usize);
    let mut bad: Vec<String> = Vec::new();
    let started = Instant::now();
    for kill in 0..kills {
        let mut child = spawn(bin, &dir, doc_seed, &stdout, &stderr, None);
        std::thread::sleep(Duration::from_micros(rng.below(window_us)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if status.signal() != Some(9) {
            bad.push(format!(
                "kill {kill}: the child exited by itself ({status}): {}",
                std::fs::read_to_string(&stderr).unwrap()
            ));
            break;
        }
        let output = std::fs::read_to_string(&stdout).unwrap();
        match output.lines().last() {
            None => before_first_line += 1,
            Some(line) if line.starts_with("saving ") => mid_save += 1,
            Some(_) => between += 1,
        }
        for result in [
            check_document::<Plan>(&dir, StressDocument::Plan.file_name(), doc_seed, &output, &mut plan),
            check_document::<Roster>(&dir, StressDocument::Roster.file_name(), doc_seed, &output, &mut roster),
        ] {
            if let Err(problem) = result {
                bad.push(format!("kill {kill}: {problem}\n--- child output (tail) ---\n{}", tail(&output)));
            }
        }
        if dir.exists() {
            max_strays = max_strays.max(strays(&dir).len());
        }
        if bad.len() > 5 {
            break;
        }
    }
    // After all that, a normal start must load both files and save again.
    let status = spawn(bin, &dir, doc_seed, &stdout, &stderr, Some(1)).wait().unwrap();
    if !status.success() {
        bad.push(format!("the start after the last kill failed: {}", std::fs::read_to_string(&stderr).unwrap()));
    }
    let output = std::fs::read_to_string(&stdout).unwrap();
    for result in [
        check_document::<Plan>(&dir, "plan.ron", doc_seed, &output, &mut plan),
        check_document::<Roster>(&dir, "roster.ron", doc_seed, &output, &mut roster),
    ] {
        if let Err(problem) = result {
            bad.push(format!("after the final save: {problem}"));
        }
    }
    let stray_files = if dir.exists() { strays(&dir).len() } else { 0 };
    println!(
        "crash-kill: {kills} kills, {} bad files in {:.1} s ({mid_save} mid-save, {between} between saves, \
         {before_first_line} before the first line); plan reached state {}, roster state {}; \
         {stray_files} stray temp files left (at most {max_strays} at once)",
        bad.len(),
        started.elapsed().as_secs_f64(),
        plan.on_disk,
        roster.on_disk,
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(mid_save > 0, "no kill landed inside a save");
}

fn tail(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    lines[lines.len().saturating_sub(6)..].join("\n")
}
