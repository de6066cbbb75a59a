//! Save benchmark (see BENCHMARKS.md): a plan with 10,000 picks saved through
//! `io::store::save::<Plan>` into a temporary folder. Target: ≤ 20 ms.
//!
//! Each save is a real one: serialise, re-read the file for change detection, write the `.bak`
//! and the new file atomically (temp file, fsync, rename, fsync of the folder). Two plans that
//! differ in one pick alternate, because saving unchanged contents is skipped by design.
//!
//! Three more benches split a save into its parts, to show where the time goes: serialising the
//! plan (`Document::to_ron`), one atomic write of the same bytes (`write_atomic`: temp file,
//! fsync, rename, fsync of the folder; a save does two, the `.bak` and the file), and the
//! fingerprint of the bytes (a save takes two, of the file on disk and of the new text).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lanyard::io::store::{self, Document as _, Fingerprint};
use lanyard::model::synthetic::{SyntheticParams, generate};
use lanyard::model::{Pick, Plan, Priority};

const PICKS: usize = 10_000;

/// A plan picking every session of a generated 10,000-session conference, a few with notes.
fn plans() -> (Plan, Plan) {
    let schedule = generate(&SyntheticParams::new(PICKS, 1));
    let mut plan = Plan::new(schedule.conference().id.clone());
    for (i, session) in schedule.sessions().iter().enumerate() {
        let pick = Pick {
            priority: if i.is_multiple_of(3) { Priority::Maybe } else { Priority::Must },
            watch_later: i.is_multiple_of(7),
            title: session.title.clone(),
            starts_at: Some(session.starts_at),
        };
        plan.picks.insert(session.id.clone(), pick);
        if i.is_multiple_of(50) {
            plan.notes.insert(session.id.clone(), format!("ask about {}", session.title));
        }
    }
    let mut other = plan.clone();
    if let Some(pick) = other.picks.values_mut().next() {
        pick.watch_later = !pick.watch_later;
    }
    (plan, other)
}

fn save_plan(c: &mut Criterion) {
    let (a, b) = plans();
    assert_eq!(a.picks.len(), PICKS);
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temp dir: {err}"));
    let path = dir.path().join("synth1").join("plan.ron");
    let mut fingerprint = Fingerprint::Missing;
    let mut flip = false;
    c.bench_function("io::store::save::<Plan>, 10k picks", |bench| {
        bench.iter(|| {
            flip = !flip;
            let plan = if flip { &a } else { &b };
            fingerprint =
                store::save(&path, black_box(plan), fingerprint).unwrap_or_else(|err| panic!("save failed: {err}"));
        });
    });
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!("plan.ron with {PICKS} picks: {size} bytes");

    c.bench_function("save part: Plan::to_ron, 10k picks", |bench| {
        bench.iter(|| black_box(&a).to_ron().map(|t| t.len()));
    });
    let text = a.to_ron().unwrap_or_default();
    let scratch = dir.path().join("scratch.ron");
    c.bench_function("save part: write_atomic of the plan's bytes", |bench| {
        bench.iter(|| store::write_atomic(&scratch, black_box(text.as_bytes())).unwrap_or_else(|err| panic!("{err}")));
    });
    c.bench_function("save part: Fingerprint::of the plan's bytes", |bench| {
        bench.iter(|| Fingerprint::of(black_box(text.as_bytes())));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = save_plan
}
criterion_main!(benches);
