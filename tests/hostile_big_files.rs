//! Big hostile files and the memory they cost. One test, so nothing else runs in this process
//! while peak memory is measured (`VmHWM` from `/proc/self/status`, reset between cases by
//! writing `5` to `/proc/self/clear_refs`).
//!
//! - A 150 MB schedule is refused by `import::load` before it is read (over `MAX_SCHEDULE_BYTES`),
//!   and a 150 MB plan, roster or settings file by `store::load` (over `MAX_DOCUMENT_BYTES`).
//! - A 90 MB file (under the limit) in each schedule format, made of junk after a valid start,
//!   and a valid schedule that is simply huge (30 MB by default, `LANYARD_BIG_FILES_MB=90` for
//!   90 MB), is refused or read with peak memory far below 1.5 GB. The figures are printed (`cargo test --test hostile_big_files -- --nocapture`) and
//!   recorded in RELIABILITY.md.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]
#![expect(clippy::print_stdout, reason = "the test reports its figures")]

use std::io::Write as _;
use std::path::Path;
use std::time::Instant;

use lanyard::io::import::{self, ImportError, MAX_SCHEDULE_BYTES};
use lanyard::io::settings::Settings;
use lanyard::io::store::{self, MAX_DOCUMENT_BYTES, StoreError};
use lanyard::model::Plan;
use lanyard::model::roster::Roster;

/// The budget for any single input.
const BUDGET_MB: u64 = 1536;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Resets the peak-memory mark to the current resident size; false where the kernel refuses.
fn reset_peak() -> bool {
    std::fs::OpenOptions::new().write(true).open("/proc/self/clear_refs").and_then(|mut f| f.write_all(b"5")).is_ok()
}

/// Runs `f`, returning its result, the peak resident memory above the start in MB, and seconds.
fn measure<T>(f: impl FnOnce() -> T) -> (T, u64, f64) {
    let exact = reset_peak();
    let before = status_kib(if exact { "VmRSS:" } else { "VmHWM:" });
    let start = Instant::now();
    let value = f();
    let seconds = start.elapsed().as_secs_f64();
    let peak = status_kib("VmHWM:").saturating_sub(before) / 1024;
    (value, peak, seconds)
}

fn write_file(path: &Path, parts: &[&[u8]], repeat: &[u8], total: u64, tail: &[u8]) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut written = 0_u64;
    for part in parts {
        file.write_all(part).unwrap();
        written += part.len() as u64;
    }
    while written + (repeat.len() as u64) + (tail.len() as u64) <= total {
        file.write_all(repeat).unwrap();
        written += repeat.len() as u64;
    }
    file.write_all(tail).unwrap();
    file.flush().unwrap();
}

/// One 90 MB case: what it is, its first bytes, the bytes repeated to fill it, its last bytes.
type Case<'a> = (&'a str, Vec<&'a [u8]>, Vec<u8>, &'a [u8]);

/// 90 MB: under the 100 MB limit, so it is read and parsed.
const BIG: u64 = 90 * 1024 * 1024;

/// Size of the valid-but-huge schedules: 30 MB by default so a debug-build `cargo test` stays
/// quick (memory grows linearly with it), `LANYARD_BIG_FILES_MB=90` for the full size.
fn huge_valid() -> u64 {
    std::env::var("LANYARD_BIG_FILES_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(30) * 1024 * 1024
}

fn xml_event(i: usize) -> String {
    format!(
        "<event guid=\"g{i}\" id=\"{i}\"><date>2027-04-16T10:00:00+02:00</date><start>10:00</start>\
         <duration>00:30</duration><room>A</room><title>Talk {i}</title><abstract>An abstract.</abstract>\
         <persons><person id=\"{i}\">Speaker {i}</person></persons></event>\n"
    )
}

#[test]
#[expect(clippy::too_many_lines, reason = "one sequential measurement, case after case")]
fn big_files_are_refused_or_read_within_the_memory_budget() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = Vec::new();

    // 150 MB: refused before reading, for schedules and for every document.
    let huge = dir.path().join("huge.xml");
    write_file(&huge, &[b"<schedule>"], &[b'x'; 65_536], 150 * 1024 * 1024, b"</schedule>");
    let (result, peak, seconds) = measure(|| import::load(&huge));
    assert!(matches!(result, Err(ImportError::TooLarge { size }) if size > MAX_SCHEDULE_BYTES), "{result:?}");
    assert!(peak < 16, "refusing a 150 MB schedule took {peak} MB");
    report.push(format!("150 MB schedule: refused before reading, +{peak} MB, {seconds:.2} s"));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard")).arg("check").arg(&huge).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success() && stderr.contains("schedules over 104857600 bytes are refused"), "{stderr}");
    for name in ["plan.ron", "roster.ron", "settings.ron"] {
        let path = dir.path().join(name);
        write_file(&path, &[b"(version: 1, conference: \""], &[b'x'; 65_536], 150 * 1024 * 1024, b"\")");
        let (too_large, peak, _) = measure(|| {
            [
                matches!(store::load::<Plan>(&path), Err(StoreError::TooLarge { size, .. }) if size > MAX_DOCUMENT_BYTES),
                matches!(store::load::<Roster>(&path), Err(StoreError::TooLarge { .. })),
                matches!(store::load::<Settings>(&path), Err(StoreError::TooLarge { .. })),
            ]
        });
        assert_eq!(too_large, [true; 3], "{name}");
        assert!(peak < 16, "refusing a 150 MB {name} took {peak} MB");
        std::fs::remove_file(&path).unwrap();
    }
    report.push("150 MB plan/roster/settings: refused before reading (TooLarge)".to_owned());
    std::fs::remove_file(&huge).unwrap();

    // 90 MB in every format: junk after a valid start, and a valid but huge schedule.
    let event = "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270416T100000Z\r\nDURATION:PT30M\r\nSUMMARY:Talk\r\n\
                 DESCRIPTION:An abstract\\, with an escaped comma.\r\nLOCATION:Room A\r\nEND:VEVENT\r\n";
    let json_event = "{\"guid\":\"g\",\"id\":1,\"date\":\"2027-04-16T10:00:00+02:00\",\"start\":\"10:00\",\
                      \"duration\":\"00:30\",\"room\":\"A\",\"title\":\"Talk\",\"abstract\":\"An abstract.\"},";
    let ron_session = "(id: \"s\", title: \"Talk\", room: \"a\", start: \"2027-04-16T10:00\", minutes: 30, \
                       abstract: \"An abstract.\"),\n";
    let xml_events: String = (0..1000).map(xml_event).collect();
    let cases: Vec<Case<'_>> = vec![
        ("junk after <schedule>", vec![b"<schedule>"], b"\x00\xff junk <<<>>> &&& ]]> ".repeat(1000), b""),
        ("junk after {", vec![b"{\"schedule\":"], b"\x00\xff junk {{{ ]]] ".repeat(1000), b""),
        // Lines of about 1 kB: the importer works line by line.
        ("junk after BEGIN:VCALENDAR", vec![b"BEGIN:VCALENDAR\r\n"], [&b"\x00\xff junk :;:; ".repeat(60)[..], b"\r\n"].concat().repeat(100), b""),
        ("junk after (", vec![b"(version: 1, "], b"\x00\xff junk ((( ]]] ".repeat(1000), b""),
        (
            "huge frab XML",
            vec![b"<schedule><conference><title>Big</title></conference><day index=\"1\" date=\"2027-04-16\"><room name=\"A\">\n"],
            xml_events.into_bytes(),
            b"</room></day></schedule>\n",
        ),
        (
            "huge schedule.json",
            vec![b"{\"schedule\":{\"conference\":{\"title\":\"Big\",\"days\":[{\"index\":1,\"date\":\"2027-04-16\",\"rooms\":{\"A\":["],
            json_event.repeat(100).into_bytes(),
            b"{\"guid\":\"last\",\"date\":\"2027-04-16T10:00:00+02:00\",\"start\":\"10:00\",\"duration\":\"00:30\",\"title\":\"Last\"}]}}]}}}",
        ),
        (
            "huge iCalendar",
            vec![b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"],
            event.repeat(100).into_bytes(),
            b"END:VCALENDAR\r\n",
        ),
        (
            "huge lanyard RON",
            vec![b"(version: 1, conference: (id: \"big\", name: \"Big\"), rooms: [(id: \"a\", name: \"A\")], sessions: [\n"],
            ron_session.repeat(100).into_bytes(),
            b"])\n",
        ),
    ];
    let mut worst = 0;
    for (what, head, repeat, tail) in cases {
        let path = dir.path().join("big.input");
        let size = if what.starts_with("junk") { BIG } else { huge_valid() };
        write_file(&path, &head, &repeat, size, tail);
        let (result, peak, seconds) = measure(|| import::load(&path).map(|s| s.sessions().len()));
        let mb = size / 1024 / 1024;
        let outcome = match &result {
            Ok(n) => format!("read, {n} sessions"),
            Err(err) => format!("refused: {}", err.to_string().chars().take(70).collect::<String>()),
        };
        println!("{mb} MB {what}: {outcome}; peak +{peak} MB; {seconds:.1} s");
        report.push(format!("{mb} MB {what}: {outcome}; peak +{peak} MB; {seconds:.1} s"));
        assert!(peak < BUDGET_MB, "{what} took {peak} MB");
        worst = worst.max(peak);
        std::fs::remove_file(&path).unwrap();
    }
    println!("big files:\n  {}\n  worst peak: +{worst} MB (budget {BUDGET_MB} MB)", report.join("\n  "));
}
