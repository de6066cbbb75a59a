use nucleo_matcher::{Matcher, Utf32Str};

use super::live::extends;
use super::query::{
    ONE_LETTER_SCORE, Word, char_mask, fold_char, fuzzy_score, initials_mask, matcher_config, matches_from_word_start,
};
use super::words::{for_each_varint_sum, push_varint};
use super::*;
use crate::model::ids::SessionId;
use crate::model::plan::{Edit, Priority};
use crate::model::schedule::{Conference, ScheduleBuilder, Session};

fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// Four sessions: the placement talk, one that only mentions placement in its abstract, one by
/// a speaker with a non-ASCII name, and one in a room called Placement Lab.
fn schedule() -> Schedule {
    let mut b = ScheduleBuilder::new(Conference::named("c", "C"));
    let hall = b.room_named("Main Hall").unwrap();
    let lab = b.room_named("Placement Lab").unwrap();
    let mut mention = Session::new("mention", "Scheduling at scale", dt("2027-04-16 09:00"), 30);
    mention.abstract_text = "We rewrote our placement engine; the API stayed.".into();
    (mention.room, mention.speakers) = (Some(hall), vec!["Ana Lima".into()]);
    let mut talk = Session::new("talk", "The placement API, explained", dt("2027-04-16 10:00"), 30);
    (talk.room, talk.speakers) = (Some(hall), vec!["Ben Ortiz".into(), "Chen Wei".into()]);
    talk.subtitle = "Where do pods go?".into();
    let mut accent = Session::new("accent", "Élan vital of compilers", dt("2027-04-16 11:00"), 30);
    (accent.room, accent.speakers) = (Some(hall), vec!["Sofía Núñez".into()]);
    accent.tags = vec!["llvm".into()];
    let mut lab_talk = Session::new("lab", "Robots", dt("2027-04-16 12:00"), 30);
    lab_talk.room = Some(lab);
    for s in [mention, talk, accent, lab_talk] {
        b.add_session(s, None);
    }
    b.build()
}

fn now() -> NaiveDateTime {
    dt("2027-04-16 08:00")
}

fn ids(schedule: &Schedule, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| schedule.session(h.session).unwrap().id.to_string()).collect()
}

fn search(schedule: &Schedule, text: &str) -> Vec<Hit> {
    SearchIndex::new(schedule).run(schedule, &Plan::new("c"), &Query::text(text), now())
}

#[test]
fn folding_ignores_case_and_latin_accents() {
    assert_eq!("ÉlanÑÜ".chars().map(fold_char).collect::<String>(), "elannu");
    let s = schedule();
    // "Élan" at the start of a title beats e-l-a-n scattered through "The placement API, …".
    assert_eq!(ids(&s, &search(&s, "ELAN")), ["accent", "talk"]);
    assert_eq!(ids(&s, &search(&s, "nunez")), ["accent"]);
    assert_eq!(ids(&s, &search(&s, "núñ")), ["accent"]);
}

#[test]
fn title_beats_room_beats_abstract_only() {
    let s = schedule();
    let hits = search(&s, "placement");
    assert_eq!(ids(&s, &hits), ["talk", "lab", "mention"]);
    let fields: Vec<_> = hits.iter().map(|h| h.field).collect();
    assert_eq!(fields, [Some(Field::Title), Some(Field::Room), Some(Field::Abstract)]);
    assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
}

#[test]
fn every_word_must_match_somewhere() {
    let s = schedule();
    // "ben" is a speaker, "api" is in the title: both in one session.
    assert_eq!(ids(&s, &search(&s, "ben api")), ["talk"]);
    assert_eq!(ids(&s, &search(&s, "ben robots")), Vec::<String>::new());
    // Subtitle and tags count as abstract text, by word start.
    assert_eq!(ids(&s, &search(&s, "pods")), ["talk"]);
    assert_eq!(ids(&s, &search(&s, "llv")), ["accent"]);
    // Fuzzy in titles: letters in order with gaps.
    assert_eq!(ids(&s, &search(&s, "rbts")), ["lab"]);
}

#[test]
fn the_first_letter_must_start_a_word() {
    let s = schedule();
    // "p" starts "placement" (title of talk, room of lab, abstract of mention); the "p" inside
    // "compilers" does not count.
    assert_eq!(ids(&s, &search(&s, "p")), ["talk", "lab", "mention"]);
    assert_eq!(ids(&s, &search(&s, "ilers")), Vec::<String>::new());
    let matches = |text: &str, word: &str| {
        let folded: Vec<char> = text.chars().map(fold_char).collect();
        let haystack = if text.is_ascii() { Utf32Str::Ascii(text.as_bytes()) } else { Utf32Str::Unicode(&folded) };
        matches_from_word_start(haystack, &Word::new(word))
    };
    assert!(matches("WebAssembly", "asm") && matches("WebAssembly", "wasm") && !matches("WebAssembly", "sm"));
    assert!(matches("Python3 in 2027", "3") && matches("Python3", "py3") && !matches("Python3", "y"));
    assert!(matches("Sofía Núñez", "NUN") && matches("Sofía Núñez", "sn") && !matches("Sofía Núñez", "fia"));
    assert!(matches("Ünïcode", "uni") && !matches("Ünïcode", "code"));
    // A word starting with a sign may start anywhere; an empty word matches.
    assert!(matches("C++ and Rust", "++") && matches("#rust", "#r") && matches("x.net", ".net"));
    assert!(matches("anything", "") && !matches("", "a"));
    // The earliest start leaves the most room for the rest.
    assert!(matches("pop lamp", "pl") && !matches("lamp pop", "pl"));
    assert_eq!(initials_mask("WebAssembly 3D".chars()), char_mask("wa3".chars()));
}

#[test]
fn one_letter_scores_as_the_matcher_would() {
    let mut matcher = Matcher::new(matcher_config());
    // (Given "ample python", the greedy matcher takes the first `p` and scores 16; the search
    // only counts the one starting a word.)
    for text in ["Python", "a python"] {
        let score = fuzzy_score(&mut matcher, Utf32Str::Ascii(text.as_bytes()), &Word::new("p"));
        assert_eq!(score, Some(ONE_LETTER_SCORE), "{text}");
    }
}

#[test]
fn empty_and_odd_queries() {
    let s = schedule();
    assert_eq!(ids(&s, &search(&s, "")), ["mention", "talk", "accent", "lab"]);
    assert_eq!(ids(&s, &search(&s, " \t ")), ["mention", "talk", "accent", "lab"]);
    assert!(search(&s, "").iter().all(|h| h.score == 0 && h.field.is_none()));
    for odd in ["🎉", "(.*)+[", "\u{0}", "\u{301}", &"x".repeat(10_000), &"a ".repeat(5_000)] {
        assert!(search(&s, odd).len() <= 4);
    }
    // A word with no letters or digits cannot match the abstract, only a title or name.
    assert_eq!(ids(&s, &search(&s, ",")), ["talk"]);
}

#[test]
fn query_words_are_capped() {
    let words = query_words(&format!("{} {}", "a ".repeat(20), "z".repeat(100)));
    assert_eq!(words.len(), MAX_WORDS);
    assert_eq!(query_words(&"q".repeat(100))[0].chars as usize, MAX_WORD_CHARS);
    assert_eq!(query_words("c++ node.js")[1].tokens, ["node", "js"]);
    assert!(query_words("++")[0].tokens.is_empty());
}

#[test]
fn word_index_finds_word_starts_and_skips_stop_words() {
    let s = schedule();
    let words = WordIndex::new(&s);
    let mut all = Vec::new();
    for w in 0..words.len() {
        all.push(words.word(w).to_owned());
    }
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "vocabulary is sorted");
    assert!(all.contains(&"placement".to_owned()) && !all.contains(&"the".to_owned()));
    let sessions = |token: &str| {
        let set = words.sessions_with(&[token.to_owned()], 4).unwrap();
        (0..4).filter(|&i| set.contains(i)).collect::<Vec<_>>()
    };
    assert_eq!(sessions("pla"), [0]);
    // Two letters are answered from a set made when the index was built; the same sessions.
    assert!(words.pairs.iter().any(|(pair, _)| pair == "pl"));
    assert_eq!(sessions("pl"), [0]);
    assert_eq!(sessions("po"), [1]);
    assert_eq!(sessions("ll"), [2]);
    for (pair, set) in &words.pairs {
        assert_eq!(set, &words.prefix_sessions(pair, 4), "{pair}");
    }
    assert_eq!(sessions("engine"), [0]);
    assert_eq!(sessions("ngine"), Vec::<usize>::new());
    assert_eq!(words.sessions_with(&[], 4), None);
}

#[test]
fn varints_round_trip() {
    let mut bytes = Vec::new();
    let values = [0u32, 1, 127, 128, 300, 16_383, 16_384, u32::MAX / 2];
    for v in values {
        push_varint(&mut bytes, v);
    }
    let mut sums = Vec::new();
    for_each_varint_sum(&bytes, |s| sums.push(s));
    let expected: Vec<usize> =
        values.iter().scan(0, |sum, &v| Some(*sum + v as usize).inspect(|s| *sum = *s)).collect();
    assert_eq!(sums, expected);
}

#[test]
fn typing_on_only_removes_hits() {
    assert!(extends("pla", "plac"));
    assert!(extends("pla", "pla api"));
    assert!(extends("", "p"));
    assert!(extends("c", "c++"));
    assert!(!extends("plac", "pla"));
    assert!(!extends("place", "plane"));
    // "+" cannot match an abstract, "+c" can: not a refinement.
    assert!(!extends("+", "+c"));
    assert!(extends("+ ", "+ c"));
}

#[test]
fn refine_matches_run() {
    let s = schedule();
    let index = SearchIndex::new(&s);
    let plan = Plan::new("c");
    let mut previous = index.run(&s, &plan, &Query::text(""), now());
    for text in ["p", "pl", "pla", "plac", "place", "placem", "placement", "placement a", "placement api"] {
        let query = Query::text(text);
        let refined = index.refine(&s, &plan, &query, now(), &previous, &OneThread);
        assert_eq!(refined, index.run(&s, &plan, &query, now()), "{text}");
        previous = refined;
    }
}

#[test]
fn live_search_reuses_only_when_exact() {
    let s = schedule();
    let index = SearchIndex::new(&s);
    let mut plan = Plan::new("c");
    let mut live = LiveSearch::default();
    let mut query = Query::text("pla");
    assert_eq!(ids(&s, live.search(&index, &s, &plan, &query, now(), &SplitAlways)), ["talk", "lab", "mention"]);
    query.text = "plac".into();
    assert_eq!(live.search(&index, &s, &plan, &query, now(), &SplitAlways), index.run(&s, &plan, &query, now()));
    // Deleting a letter searches everything again.
    query.text = "pl".into();
    assert_eq!(live.search(&index, &s, &plan, &query, now(), &SplitAlways), index.run(&s, &plan, &query, now()));
    // A new pick changes a picks-only answer.
    query.filter.picks_only = true;
    assert!(live.search(&index, &s, &plan, &query, now(), &SplitAlways).is_empty());
    plan.apply(&s, Edit::Pick { session_id: SessionId::new("lab"), priority: Priority::Must }).unwrap();
    assert_eq!(ids(&s, live.search(&index, &s, &plan, &query, now(), &SplitAlways)), ["lab"]);
    // Hiding the past: time going backwards brings sessions back.
    query = Query { text: "a".into(), filter: Filter { hide_past: true, ..Filter::default() } };
    let late = dt("2027-04-16 11:00");
    assert_eq!(live.search(&index, &s, &plan, &query, late, &SplitAlways), index.run(&s, &plan, &query, late));
    assert_eq!(live.search(&index, &s, &plan, &query, now(), &SplitAlways), index.run(&s, &plan, &query, now()));
    live.clear();
    assert_eq!(live.search(&index, &s, &plan, &query, now(), &SplitAlways), index.run(&s, &plan, &query, now()));
}

#[test]
fn highlights_are_char_indices() {
    let s = schedule();
    let mut highlighter = Highlighter::new("elan nun");
    let accent = s.find(&SessionId::new("accent")).unwrap();
    let marks = highlighter.highlight(&s, accent);
    assert_eq!(marks.title, [0, 1, 2, 3]);
    assert_eq!(marks.speakers, [vec![6, 7, 8]]);
    assert!(marks.room.is_empty());
    let talk = s.find(&SessionId::new("talk")).unwrap();
    let marks = SearchIndex::new(&s).highlight(&s, talk, "api");
    assert_eq!(marks.title, [14, 15, 16]);
    assert_eq!(
        Highlighter::new("").highlight(&s, talk),
        Highlights { speakers: vec![vec![], vec![]], ..Highlights::default() }
    );
    assert_eq!(Highlighter::new("x").highlight(&s, SessionIdx(99)), Highlights::default());
}

#[test]
fn index_reports_its_size_and_fingerprint() {
    let s = schedule();
    let index = SearchIndex::new(&s);
    assert_eq!(index.len(), 4);
    assert!(index.heap_bytes() > 0);
    assert_eq!(index.fingerprint(), SearchIndex::new(&s).fingerprint());
    let other = ScheduleBuilder::new(Conference::named("c", "C")).build();
    assert_ne!(index.fingerprint(), SearchIndex::new(&other).fingerprint());
    assert!(SearchIndex::new(&other).is_empty());
}

/// A [`Fork`] that splits every search and runs the second half first: the hits must not
/// depend on which half is scored when.
struct SplitAlways;

impl Fork for SplitAlways {
    fn split_from(&self) -> usize {
        0
    }

    fn both(&self, first: &mut (dyn FnMut() + Send), second: &mut (dyn FnMut() + Send)) {
        second();
        first();
    }
}

/// A [`Fork`] that splits every search but drops the second half's work.
struct DropsSecond;

impl Fork for DropsSecond {
    fn split_from(&self) -> usize {
        0
    }

    fn both(&self, first: &mut (dyn FnMut() + Send), _second: &mut (dyn FnMut() + Send)) {
        first();
    }
}

#[test]
fn a_search_split_in_two_halves_gives_the_same_hits() {
    use crate::model::synthetic::{SyntheticParams, generate};
    let schedule = generate(&SyntheticParams { abstract_chars: Some(200), ..SyntheticParams::new(1_500, 7) });
    let plan = Plan::new("c");
    let index = SearchIndex::new(&schedule);
    let day = schedule.days().get(1).map(|d| d.date).into_iter().collect();
    let filters = [
        Filter::default(),
        Filter { days: day, ..Filter::default() },
        Filter { recorded_only: true, ..Filter::default() },
    ];
    let at = schedule.sessions()[700].starts_at;
    let mut split = 0;
    for filter in filters {
        let mut previous: Option<(String, Vec<Hit>)> = None;
        for text in ["", "p", "pl", "pla", "plac", "o", "ok", "rust", "rust ka", "zzz", "#"] {
            let query = Query { text: text.into(), filter: filter.clone() };
            let hits = index.run(&schedule, &plan, &query, at);
            split += usize::from(hits.len() > 1);
            for fork in [&SplitAlways as &dyn Fork, &DropsSecond] {
                assert_eq!(index.run_with(&schedule, &plan, &query, at, fork), hits, "run {text:?}, {filter:?}");
                if let Some((before, candidates)) = &previous
                    && extends(before, text)
                {
                    let refined = index.refine(&schedule, &plan, &query, at, candidates, fork);
                    assert_eq!(refined, hits, "refine {before:?} -> {text:?}, {filter:?}");
                }
            }
            previous = Some((text.to_owned(), hits));
        }
    }
    assert!(split > 15, "only {split} searches had hits to split");
}
