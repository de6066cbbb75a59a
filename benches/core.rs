//! Core benchmarks (see BENCHMARKS.md): the clash sweep at 100k intervals.
//!
//! The sweep reports every overlapping pair, so its cost is O(n log n + k) for k pairs. The
//! headline case is timeline-shaped: 100,000 items, each overlapping a few neighbours (a heavy
//! multi-day festival plan full of clashes). A second case is schedule-shaped and dense, to show
//! the cost per reported pair.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use lanyard::model::timeline::overlapping_pairs;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn base() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, 2, 6).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
}

/// `n` items starting every ~20 minutes with 25–90 minute lengths: each overlaps 2–4 others.
pub fn timeline_intervals(n: usize) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    (0..n)
        .map(|i| {
            let start = base() + Duration::minutes(i as i64 * 20 + (rng.next() % 30) as i64);
            (start, start + Duration::minutes(25 + (rng.next() % 66) as i64))
        })
        .collect()
}

/// `n` sessions of a huge conference in one week with ~`concurrency` running at once.
fn dense_intervals(n: usize, concurrency: i64) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let span = n as i64 * 57 / concurrency;
    (0..n)
        .map(|_| {
            let start = base() + Duration::minutes((rng.next() % span as u64) as i64);
            (start, start + Duration::minutes(25 + (rng.next() % 66) as i64))
        })
        .collect()
}

fn clash_sweep(c: &mut Criterion) {
    let timeline = timeline_intervals(100_000);
    eprintln!("timeline-shaped: {} clashing pairs", overlapping_pairs(&timeline).len());
    c.bench_function("clash sweep, 100k timeline items", |b| {
        b.iter(|| overlapping_pairs(std::hint::black_box(&timeline)).len());
    });
    let dense = dense_intervals(100_000, 20);
    eprintln!("dense (~20 at once): {} clashing pairs", overlapping_pairs(&dense).len());
    c.bench_function("clash sweep, 100k sessions, ~20 at once", |b| {
        b.iter(|| overlapping_pairs(std::hint::black_box(&dense)).len());
    });
}

criterion_group!(benches, clash_sweep);
criterion_main!(benches);
