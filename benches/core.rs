//! Core benchmarks (see BENCHMARKS.md): the clash sweep at 100k intervals.

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use lanyard::model::timeline::overlapping_pairs;

/// 100,000 deterministic intervals over a week: talks of 25–90 minutes, starting every few minutes.
fn intervals(n: usize) -> Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime)> {
    let base = NaiveDate::from_ymd_opt(2027, 2, 6).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let start = base + Duration::minutes((state % (7 * 24 * 60)) as i64);
            (start, start + Duration::minutes(25 + (state >> 20) as i64 % 66))
        })
        .collect()
}

fn clash_sweep(c: &mut Criterion) {
    let data = intervals(100_000);
    c.bench_function("clash sweep, 100k intervals", |b| b.iter(|| overlapping_pairs(std::hint::black_box(&data)).len()));
}

criterion_group!(benches, clash_sweep);
criterion_main!(benches);
