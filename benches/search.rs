//! Search benchmarks: the search box at 100,000 sessions.
//!
//! Target (issue "An attendee's daily driver"): one search per keystroke takes at most 5 ms at
//! 100k sessions, release build, 2-core machine. The search is single-threaded, so the core count
//! only matters for what else runs.
//!
//! The schedule is synthetic and deterministic, built here with `ScheduleBuilder`: titles from a
//! word list, 1–3 speakers from a pool of 20,000 names (some non-ASCII), 80 rooms, 20 tracks, 4
//! days, and abstracts of 300–800 characters drawn from a word list with a long tail of invented
//! project names, as real abstracts have. Measured:
//! - building the index;
//! - the keystrokes `p`, `pl`, `pla`, `plac`, `place`, each as a full search;
//! - the same keystrokes refined from the previous keystroke's hits (what `LiveSearch` does);
//! - an empty query with a day and a track filter (the filter-only path).
//!
//! Before measuring it prints the index size and the hit count of each query. Afterwards it
//! times each query again outside criterion and prints the median wall time next to the median
//! time the thread actually ran on a CPU (Linux `schedstat`): on a shared, busy machine the wall
//! time includes waiting for a core, the on-CPU time does not.

use std::hint::black_box;
use std::time::Instant;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use lanyard::app::SecondThread;
use lanyard::model::filter::Filter;
use lanyard::model::schedule::palette_colour;
use lanyard::model::search::{Hit, Query, SearchIndex};
use lanyard::model::{Conference, Plan, Room, Schedule, ScheduleBuilder, Session, SessionKind, Track};

const SESSIONS: usize = 100_000;
const KEYSTROKES: [&str; 5] = ["p", "pl", "pla", "plac", "place"];

/// SplitMix64: deterministic and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

const TITLE_WORDS: &str = "Rust|Python|placement|API|scheduler|kernel|compiler|database|streaming|testing|observability|\
security|graphics|network|storage|embedded|WebAssembly|async|memory|performance|Kubernetes|\
containers|packaging|types|parsers|caching|queues|search|machine learning|data pipelines|\
accessibility|documentation|community|open source|distributed systems|consensus|GPU|audio|video|\
maps|browsers|editors|terminals|filesystems|firmware|robots|satellites|compilers|linkers|debuggers|\
profilers";
const TITLE_TEMPLATES: &str = "{} in production|A gentle introduction to {}|{} and {}: lessons learned|\
Scaling {} to a million users|What we got wrong about {}|Building {} with {}|{} for the rest of us|\
The state of {} in 2027|Debugging {} at 3 a.m.|Zero-copy {}";
const FIRST_NAMES: &str = "Ada|Amara|Björn|Camila|Chen|Diego|Elif|Ewa|Fatima|Felix|Grace|Hannah|Hiroshi|Ibrahim|Ingrid|Jae-won|\
Kofi|Lars|Lucía|Mateus|Mei|Nadia|Noor|Olivier|Paulina|Priya|Rafael|Rania|Saoirse|Sofía|Tomasz|Wen|\
Yuki|Zanele|Ayşe|Mikael|Oluwaseun|Kateryna|Santiago|Leilani|Tariq|Manon|Arjun|Beatriz|Connor|Divya|\
Emeka|Gwen|Hugo|Irene";
const LAST_NAMES: &str = "Okafor|Wieczorek|Villalobos|Albuquerque|Solberg|Carvalho|Whitcombe|Matsuda|Adebayo|Park|Mwangi|\
Raghunathan|Kowalczyk|de Vries|Karaca|Tanabe|Al-Hakim|Haddadi|Lindqvist|Achieng|Balogun|\
Chandrasekar|Lemieux|Saleh|Benali|Ní Bhriain|Baumann|Ong|Lin|Dlamini|McAllister|Bianchi|Nowak|Ngata|\
Petrova|Tremblay|Bondar|Maldonado|Yiling|Boateng|Marchetti|Han|Malhotra|Thapa|Moreira|Wright|Rojas|\
Järvinen|Horváth|Diallo|Shimizu|Obi|Nwosu|Salgado|Ortega|Hrytsenko|Zając|Kim|Hussain|Okonkwo|\
Qureshi|Iyer|Kahananui|Quispe|Okabe|Dubois|Fifita|Tadesse|Domínguez|Mackenzie|Trần|Mokoena|Girard|\
Papadopoulou|Fonoti|Demir|Farouk|Herrera|Pryce|Kallio|Eze|Eriksen|Goldberg|Deshpande|Abernathy|\
Asante|Tupou|Lee|Garcia|Müller|Rossi|Silva|Jensen|Novak|Popescu|Kovács|Yilmaz|Cohen|Singh|Sato|\
Nakamura";
const ABSTRACT_WORDS: &str = "the a and of to in we our this talk will how with for you your is that on from by it as at an be \
are can what which system systems code team teams production years users data service services \
build building built library libraries tooling tools release releases performance latency \
throughput memory allocation allocator scheduler scheduling placement placements planning platform \
platforms plugin plugins pipeline pipelines parser parsing protocol protocols process processes \
practice practical problem problems project projects public python rust kernel driver drivers \
compiler compile runtime garbage collector database databases query queries index indexes storage \
replication consensus cluster clusters node nodes network networking packet packets security \
vulnerability fuzzing testing tests benchmark benchmarks profiling tracing logging metrics \
dashboard alerting incident incidents outage migration migrations refactoring design architecture \
interface interfaces api apis client clients server servers browser frontend backend mobile \
embedded firmware hardware open source community maintainers contributors governance funding \
documentation tutorial workshop hands live demo demos lessons learned mistakes surprising simple \
complex fast faster slow safe safety correctness verification formal proofs types generic generics \
traits closures async await threads concurrency parallelism locks atomics channels actors events \
streams batch realtime cache caches invalidation consistency availability partition latency tail \
percentile capacity cost cloud edge devices sensors robots satellite orbit ground station audio \
video codec graphics shader rendering layout fonts text unicode accessibility screen reader \
keyboard editor terminal shell filesystem containers kubernetes orchestration deployment rollout \
rollback configuration secrets identity authentication authorization privacy compliance regulation \
education students teaching";
const SYLLABLES: &str = "ka lo mi zu ber tan qua ri plo vex dor sil nym tor gra fen pli cas mon urd";

/// The word lists above, split.
struct Words {
    titles: Vec<&'static str>,
    templates: Vec<&'static str>,
    first_names: Vec<&'static str>,
    last_names: Vec<&'static str>,
    abstracts: Vec<&'static str>,
    syllables: Vec<&'static str>,
}

impl Words {
    fn new() -> Self {
        let bars = |text: &'static str| text.split('|').collect();
        Self {
            titles: bars(TITLE_WORDS),
            templates: bars(TITLE_TEMPLATES),
            first_names: bars(FIRST_NAMES),
            last_names: bars(LAST_NAMES),
            abstracts: ABSTRACT_WORDS.split_whitespace().collect(),
            syllables: SYLLABLES.split_whitespace().collect(),
        }
    }

    /// An abstract of 300–800 characters: sentences of words drawn uniformly from the list (a
    /// pessimistic choice: every word is common, so prefixes hit many abstracts), and now and then
    /// an invented project name, the long tail of real vocabularies.
    fn abstract_text(&self, rng: &mut Rng) -> String {
        let target = 300 + rng.below(501);
        let mut text = String::with_capacity(target + 40);
        let mut sentence_start = true;
        while text.len() < target {
            let word = if rng.below(12) == 0 {
                let parts = 2 + rng.below(2);
                (0..parts).map(|_| rng.pick(&self.syllables)).collect::<String>()
            } else {
                rng.pick(&self.abstracts).to_owned()
            };
            if sentence_start {
                let mut chars = word.chars();
                text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                text.push_str(chars.as_str());
            } else {
                text.push_str(&word);
            }
            sentence_start = rng.below(12) == 0;
            text.push_str(if sentence_start { ". " } else { " " });
        }
        text
    }

    fn title(&self, rng: &mut Rng) -> String {
        let template = rng.pick(&self.templates);
        let mut out = String::new();
        for (i, part) in template.split("{}").enumerate() {
            if i > 0 {
                out.push_str(rng.pick(&self.titles));
            }
            out.push_str(part);
        }
        out
    }

    /// 20,000 distinct names: every first × last name, then the same with a middle initial.
    fn speakers(&self) -> Vec<String> {
        let (firsts, lasts) = (&self.first_names, &self.last_names);
        (0..20_000)
            .map(|i| {
                let first = firsts[i % firsts.len()];
                let last = lasts[(i / firsts.len()) % lasts.len()];
                match i / (firsts.len() * lasts.len()) {
                    0 => format!("{first} {last}"),
                    n => format!("{first} {}. {last}", char::from(b'A' + (n % 26) as u8)),
                }
            })
            .collect()
    }
}

fn at(day: u32, minutes: usize) -> NaiveDateTime {
    let date = NaiveDate::from_ymd_opt(2027, 2, 6).unwrap_or_default() + Duration::days(i64::from(day));
    date.and_hms_opt(8, 0, 0).unwrap_or_default() + Duration::minutes(minutes as i64)
}

/// The 100k-session schedule described in the module docs.
fn schedule() -> Schedule {
    let words = Words::new();
    let mut rng = Rng(2027);
    let mut builder = ScheduleBuilder::new(Conference::named("bench", "Bench Conf"));
    let rooms: Vec<_> = (0..80)
        .map(|i| {
            let name = format!("{} {}", ["Hall", "Room", "Studio", "Lab"][i % 4], 100 + i);
            builder.add_room(Room { key: format!("r{i}").into(), name, capacity: None, location: None })
        })
        .collect();
    let tracks: Vec<_> = (0..20)
        .map(|i| {
            let name = format!("{} track", words.titles[i % words.titles.len()]);
            builder.add_track(Track { key: format!("t{i}"), name, colour: palette_colour(i) })
        })
        .collect();
    let speakers = words.speakers();
    for i in 0..SESSIONS {
        let day = (i * 4 / SESSIONS) as u32;
        let mut session = Session::new(format!("s{i}"), words.title(&mut rng), at(day, rng.below(14 * 12) * 5), 0);
        session.duration_mins = [20, 25, 30, 40, 45, 50, 60][rng.below(7)];
        session.kind = [SessionKind::Talk, SessionKind::Talk, SessionKind::Talk, SessionKind::Tutorial][rng.below(4)];
        session.room = Some(rooms[rng.below(rooms.len())]);
        session.track = Some(tracks[rng.below(tracks.len())]);
        session.speakers = (0..1 + rng.below(3)).map(|_| speakers[rng.below(speakers.len())].clone()).collect();
        session.abstract_text = words.abstract_text(&mut rng);
        session.language = Some(["en", "en", "en", "en", "de", "fr"][rng.below(6)].to_owned());
        session.is_recorded = rng.below(10) < 7;
        session.is_captioned = session.is_recorded && rng.below(10) == 0;
        builder.add_session(session, None);
    }
    builder.build()
}

fn search(c: &mut Criterion) {
    let schedule = schedule();
    let plan = Plan::default();
    let now = at(0, 0);
    let text_bytes: usize = schedule.sessions().iter().map(|s| s.title.len() + s.abstract_text.len()).sum();
    let index = SearchIndex::new(&schedule);
    // What the app lends its searches: a second thread for large ones.
    let fork = SecondThread::new();
    eprintln!(
        "{} sessions, {} MB of titles and abstracts; index holds {:.1} MB",
        schedule.sessions().len(),
        text_bytes / 1_000_000,
        index.heap_bytes() as f64 / 1e6
    );

    let mut group = c.benchmark_group("search 100k");
    group.sample_size(10);
    group.bench_function("index build", |b| b.iter(|| SearchIndex::new(black_box(&schedule))));
    group.sample_size(30);

    let mut previous: Vec<Hit> = Vec::new();
    for (k, text) in KEYSTROKES.into_iter().enumerate() {
        let query = Query::text(text);
        let hits = index.run_with(&schedule, &plan, &query, now, &fork);
        eprintln!("{text:>6}: {} hits", hits.len());
        group.bench_function(format!("full {text}"), |b| {
            b.iter(|| index.run_with(&schedule, &plan, black_box(&query), now, &fork));
        });
        if k > 0 {
            let refined = index.refine(&schedule, &plan, &query, now, &previous, &fork);
            assert_eq!(refined, hits, "refining must give the full search's hits");
            group.bench_function(format!("refine {text}"), |b| {
                b.iter(|| index.refine(&schedule, &plan, black_box(&query), now, &previous, &fork));
            });
        }
        previous = hits;
    }

    let filter =
        Filter { days: [schedule.days()[1].date].into(), tracks: ["t3".to_owned()].into(), ..Filter::default() };
    let query = Query { text: String::new(), filter };
    eprintln!("day + track filter: {} hits", index.run_with(&schedule, &plan, &query, now, &fork).len());
    group.bench_function("filter only: day + track", |b| {
        b.iter(|| index.run_with(&schedule, &plan, black_box(&query), now, &fork));
    });
    group.finish();
    report(&index, &schedule, &plan, now, &query);
}

/// Nanoseconds this thread has run on a CPU, from Linux's `/proc/thread-self/schedstat`.
fn cpu_nanos() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// Median wall and on-CPU milliseconds per call, over batches of `per_batch` calls (the kernel may
/// update its CPU-time count only every scheduler tick, so single calls are too short to time).
fn medians(batches: usize, per_batch: usize, mut f: impl FnMut()) -> (f64, Option<f64>) {
    let mut wall = Vec::with_capacity(batches);
    let mut cpu = Vec::with_capacity(batches);
    for _ in 0..batches {
        let (start, cpu_start) = (Instant::now(), cpu_nanos());
        for _ in 0..per_batch {
            f();
        }
        wall.push(start.elapsed().as_secs_f64() * 1e3 / per_batch as f64);
        if let (Some(a), Some(b)) = (cpu_start, cpu_nanos()) {
            cpu.push(b.saturating_sub(a) as f64 / 1e6 / per_batch as f64);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    };
    (median(&mut wall).unwrap_or(f64::NAN), median(&mut cpu))
}

fn report(index: &SearchIndex, schedule: &Schedule, plan: &Plan, now: NaiveDateTime, filter_query: &Query) {
    let fork = SecondThread::new();
    let (build, build_cpu) = medians(3, 1, || drop(black_box(SearchIndex::new(schedule))));
    let line = |name: &str, (wall, cpu): (f64, Option<f64>)| {
        let cpu = cpu.map_or_else(|| "n/a".to_owned(), |ms| format!("{ms:.2}"));
        eprintln!("{name:<28} {wall:>9.2} {cpu:>9}");
    };
    eprintln!("\nmedians in ms (target: 5 ms per keystroke)\n{:<28} {:>9} {:>9}", "", "wall", "on-CPU");
    line("index build", (build, build_cpu));
    let mut previous: Vec<Hit> = Vec::new();
    for text in KEYSTROKES {
        let query = Query::text(text);
        line(
            &format!("full {text}"),
            medians(9, 20, || drop(black_box(index.run_with(schedule, plan, &query, now, &fork)))),
        );
        if !previous.is_empty() {
            let refine = || drop(black_box(index.refine(schedule, plan, &query, now, &previous, &fork)));
            line(&format!("refine {text}"), medians(9, 20, refine));
        }
        previous = index.run_with(schedule, plan, &query, now, &fork);
    }
    line(
        "filter only: day + track",
        medians(9, 20, || drop(black_box(index.run_with(schedule, plan, filter_query, now, &fork)))),
    );
}

criterion_group!(benches, search);
criterion_main!(benches);
