//! The fuzz targets' checks (`fuzz/checks.rs`) inside `cargo test`, so CI catches a regression
//! without cargo-fuzz: every seed in `fuzz/seeds/<target>/` passes, then proptest feeds each
//! target arbitrary bytes and mutated seeds (byte flips, insertions, deletions, splices between
//! seeds, and format tokens such as `BEGIN:VEVENT`, `</event>`, `version: 2` or `9999`).
//!
//! `LANYARD_FUZZ_CASES` sets the cases per target and strategy (default 512: a few seconds per
//! target in a debug build). A failure prints the target and a minimal input; add it to
//! `tests/io/hostile_inputs.rs` as a regression test once fixed.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;

use crate::checks;

/// Every file in `fuzz/seeds/<target>/`, in name order.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(target);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn cases() -> u32 {
    std::env::var("LANYARD_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
}

/// The random seed of the generated cases: fixed unless `LANYARD_FUZZ_SEED` gives another.
fn fuzz_seed() -> u64 {
    std::env::var("LANYARD_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(20_261_126)
}

/// Pieces of every format that random bytes rarely hit.
const TOKENS: &[&str] = &[
    "BEGIN:VEVENT\r\n",
    "END:VEVENT\r\n",
    "BEGIN:VCALENDAR\r\n",
    "DTSTART:99991231T235959Z\r\n",
    "DTSTART;TZID=Europe/Brussels:20270328T023000\r\n",
    "DURATION:PT999H\r\n",
    "DURATION:-P1W\r\n",
    "RRULE:FREQ=DAILY;COUNT=99999\r\n",
    "\r\n ",
    "<event id=\"1\">",
    "</event>",
    "<day date=\"9999-12-31\" index=\"1\">",
    "<room name=\"\">",
    "<duration>999:59</duration>",
    "<start>25:61</start>",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
    "&a;",
    "<![CDATA[",
    "{\"schedule\":{\"conference\":{\"days\":[{\"rooms\":{\"A\":[{\"id\":1,\"date\":\"9999-12-31T23:00:00+14:00\",\"duration\":\"999:00\"}]}}]}}}",
    "\"duration\": \"-01:00\"",
    "\"date\": \"0000-01-01T00:00:00-12:00\"",
    "version: 2",
    "version: 4294967295",
    "minutes: 4294967295",
    "start: \"9999-12-31T23:59\"",
    "starts_at: \"9999-12-31T23:59:00\"",
    "ends_at: \"0001-01-01T00:00:00\"",
    "Some(",
    "[(",
    "#![enable(implicit_some)]",
    "\0",
    "\u{feff}",
    "\u{2028}",
    "\\u0000",
    "9999",
    "-1",
];

#[derive(Clone, Debug)]
enum Edit {
    Set(Index, u8),
    Insert(Index, u8),
    Remove(Index),
    Token(Index, Index),
    Splice(Index, Index, Index),
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<Index>().prop_map(Edit::Remove),
        (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Edit::Token(i, t)),
        (any::<Index>(), any::<Index>(), any::<Index>()).prop_map(|(i, s, r)| Edit::Splice(i, s, r)),
        any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// Applies `edits` to a copy of `seed`; `others` are the target's seeds, for splicing.
fn mutate(seed: &[u8], edits: &[Edit], others: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for edit in edits {
        let len = bytes.len();
        match edit {
            Edit::Set(i, b) if len > 0 => bytes[i.index(len)] = *b,
            Edit::Insert(i, b) => bytes.insert(i.index(len + 1), *b),
            Edit::Remove(i) if len > 0 => {
                bytes.remove(i.index(len));
            }
            Edit::Token(i, t) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, t.get(TOKENS).as_bytes().iter().copied());
            }
            Edit::Splice(i, s, r) => {
                let other = s.get(others);
                if !other.is_empty() {
                    let start = r.index(other.len());
                    let end = (start + 64).min(other.len());
                    let at = i.index(len + 1);
                    bytes.splice(at..at, other[start..end].iter().copied());
                }
            }
            Edit::Truncate(i) if len > 0 => bytes.truncate(i.index(len)),
            _ => {}
        }
    }
    bytes
}

#[test]
fn every_target_has_seeds_and_every_seed_passes() {
    for target in checks::TARGETS {
        let seeds = seeds(target);
        assert!(!seeds.is_empty(), "fuzz/seeds/{target} is empty");
        for seed in &seeds {
            checks::run(target, seed);
        }
    }
}

/// Each fuzz target also has its cargo-fuzz entry point.
#[test]
fn every_target_has_a_cargo_fuzz_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    for target in checks::TARGETS {
        let source = std::fs::read_to_string(root.join(format!("fuzz_targets/{target}.rs"))).unwrap();
        assert!(source.contains(&format!("checks::{target}(")), "{target}.rs does not call its check");
        assert!(manifest.contains(&format!("name = \"{target}\"")), "{target} is not a [[bin]] in fuzz/Cargo.toml");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases() * u32::try_from(checks::TARGETS.len()).unwrap(),
        failure_persistence: None,
        // The same cases on every run, so CI is repeatable; LANYARD_FUZZ_SEED explores others.
        rng_seed: proptest::test_runner::RngSeed::Fixed(fuzz_seed()),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_break_a_target(
        target in 0..checks::TARGETS.len(),
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let name = checks::TARGETS[target];
        checks::run(name, &bytes);
        // With each format's first bytes in front, the random bytes reach past detection.
        for prefix in [&b"BEGIN:VCALENDAR\r\n"[..], b"<schedule>", b"{\"schedule\":", b"(version: 1, "] {
            checks::run(name, &[prefix, &bytes].concat());
        }
    }

    #[test]
    fn mutated_seeds_never_break_a_target(
        target in 0..checks::TARGETS.len(),
        seed in any::<Index>(),
        edits in proptest::collection::vec(edit(), 1..12),
    ) {
        let name = checks::TARGETS[target];
        let seeds = seeds(name);
        let bytes = mutate(seed.get(seeds.as_slice()).as_slice(), &edits, &seeds);
        checks::run(name, &bytes);
    }
}
