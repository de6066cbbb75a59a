//! Import benchmarks (see BENCHMARKS.md): `io::import::parse` on generated frab XML of 1k, 10k
//! and 100k sessions held in memory, and how the cost per session grows with size.
//!
//! Target: growing from 1k to 100k sessions costs at most 1.5× linear, i.e. the time per session
//! at 100k is at most 1.5× the time per session at 1k. Criterion measures each size; afterwards
//! the bench times each size again (median of several runs, same machine, same process) and prints
//! the per-session costs and their ratio next to the target.
//!
//! The whole-process comparison with Python's ElementTree is `scripts/bench-import.sh`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use lanyard::io::export::frab_xml::schedule_to_frab_xml;
use lanyard::io::import;
use lanyard::model::synthetic::{SyntheticParams, generate};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The most the per-session cost may grow from the smallest to the largest size.
const TARGET_RATIO: f64 = 1.5;

fn xml_for(events: usize) -> Vec<u8> {
    schedule_to_frab_xml(&generate(&SyntheticParams::new(events, 1))).into_bytes()
}

fn parse_sessions(xml: &[u8]) -> usize {
    import::parse(black_box(xml), "bench.xml").map(|s| s.sessions().len()).unwrap_or(0)
}

fn parse_xml(c: &mut Criterion) {
    let inputs: Vec<(usize, Vec<u8>)> = SIZES.iter().map(|&n| (n, xml_for(n))).collect();
    let mut group = c.benchmark_group("import::parse frab XML");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    for (events, xml) in &inputs {
        assert_eq!(parse_sessions(xml), *events, "every generated event must import");
        group.throughput(Throughput::Elements(*events as u64));
        group.bench_with_input(BenchmarkId::from_parameter(events), xml, |b, xml| b.iter(|| parse_sessions(xml)));
    }
    group.finish();
    report_scaling(&inputs);
}

/// Median wall time of `runs` parses.
fn median_parse(xml: &[u8], runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(parse_sessions(xml));
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    times.get(runs / 2).copied().unwrap_or_default()
}

fn report_scaling(inputs: &[(usize, Vec<u8>)]) {
    let per_session: Vec<(usize, usize, f64)> = inputs
        .iter()
        .map(|(events, xml)| {
            let runs = (2_000_000 / events).clamp(5, 200);
            let median = median_parse(xml, runs);
            (*events, xml.len(), median.as_secs_f64() * 1e9 / *events as f64)
        })
        .collect();
    eprintln!("\nimport::parse scaling (median per size, in this process):");
    for (events, bytes, ns) in &per_session {
        eprintln!("  {events:>7} sessions  {:>6.1} MB  {:>8.0} ns/session", *bytes as f64 / 1e6, ns);
    }
    if let (Some((small, _, first)), Some((large, _, last))) = (per_session.first(), per_session.last()) {
        let ratio = last / first;
        let verdict = if ratio <= TARGET_RATIO { "meets" } else { "MISSES" };
        eprintln!(
            "  per-session cost {large} vs {small}: {ratio:.2}× linear ({verdict} the target of ≤ {TARGET_RATIO}×)\n"
        );
    }
}

criterion_group!(benches, parse_xml);
criterion_main!(benches);
