//! Search as you type and filters, on the bundled sample conference: what a few typed letters
//! find, how hits are ordered, every filter alone and combined, the filter menus' counts, the
//! remembered filter's RON form, and properties over arbitrary queries and filters.
//!
//! Expected sets and counts are computed here, independently, by iterating the sessions.
#![expect(clippy::unwrap_used, reason = "helpers outside #[test] fns; panicking is fine in tests")]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use lanyard::app::SecondThread;
use lanyard::model::filter::Filter;
use lanyard::model::search::{Field, Highlighter, Hit, LiveSearch, Query, SearchIndex};
use lanyard::model::{Edit, Plan, Priority, RoomKey, Schedule, Session, SessionId, SessionKind};
use proptest::prelude::*;

use crate::common::{at, date, eve_of_the_conference as eve, sample};

fn title(schedule: &Schedule, hit: &Hit) -> String {
    schedule.session(hit.session).unwrap().title.clone()
}

fn search(schedule: &Schedule, index: &SearchIndex, text: &str) -> Vec<Hit> {
    index.run(schedule, &Plan::default(), &Query::text(text), eve())
}

#[test]
fn three_letters_find_the_talk() {
    let schedule = sample();
    let index = SearchIndex::new(&schedule);
    let first = |text: &str| {
        let hits = search(&schedule, &index, text);
        (title(&schedule, &hits[0]), hits[0].field)
    };
    // A speaker's surname.
    let gil = "Life after the GIL: porting a C extension to free-threaded Python".to_owned();
    assert_eq!(first("wie"), (gil, Some(Field::Speaker)));
    // Letters of a surname with one left out.
    assert_eq!(first("okf"), ("The long tail of Python".to_owned(), Some(Field::Speaker)));
    // The start of a title word, and letters skipped inside one.
    assert_eq!(first("duc"), ("DuckDB is the pocket knife your data team needs".to_owned(), Some(Field::Title)));
    assert_eq!(first("hmx").0, "HTMX and Django: a year of shipping with less JavaScript");
    assert_eq!(first("pdn").0, "From 40 ms to 4: profiling a Pydantic-heavy endpoint");
    // Accents and case do not matter.
    assert_eq!(first("JARV").0, "Subinterpreters for the rest of us");
    // Two short words, each matching somewhere.
    assert_eq!(first("salm riv").0, "Counting salmon with computer vision at a river weir");
    // A word only the abstract has.
    let hits = search(&schedule, &index, "tracemalloc");
    let titles: Vec<_> = hits.iter().map(|h| title(&schedule, h)).collect();
    assert_eq!(titles, ["Finding the leak: memory profiling long-running services"]);
    assert_eq!(hits[0].field, Some(Field::Abstract));
}

#[test]
fn a_room_lists_its_sessions_first() {
    let schedule = sample();
    let index = SearchIndex::new(&schedule);
    let hits = search(&schedule, &index, "hem");
    let in_room = |hit: &Hit| schedule.room_name(schedule.session(hit.session).unwrap()) == "Hemlock Room (103)";
    let expected = schedule.sessions().iter().filter(|s| schedule.room_name(s) == "Hemlock Room (103)").count();
    assert!(expected > 5);
    assert!(hits[..expected].iter().all(in_room), "every Hemlock session ranks before the rest");
    assert!(hits[expected..].iter().all(|h| !in_room(h)));
    // Within equal scores, schedule order.
    let firsts: Vec<_> = hits[..expected].iter().map(|h| h.session).collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]));
}

/// Lower-case with the common Latin accents removed, as the search folds text.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ę' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ư' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ş' => 's',
            other => other,
        })
        .collect()
}

/// Whether `needle` (folded, letters only) matches `text` fuzzily: its first letter starts a word
/// of `text` (after a non-letter, or a capital after a small letter in ASCII text), and the rest
/// follow in order.
fn fuzzy_from_word_start(text: &str, needle: &str) -> bool {
    let cased: Vec<char> = if text.is_ascii() { text.chars().collect() } else { fold(text).chars().collect() };
    let Some(first) = needle.chars().next() else { return true };
    let starts = (0..cased.len()).filter(|&k| {
        let c = cased[k];
        c.is_alphanumeric()
            && (k == 0 || !cased[k - 1].is_alphanumeric() || (cased[k - 1].is_lowercase() && c.is_uppercase()))
    });
    starts.into_iter().any(|k| {
        let mut rest = cased[k..].iter().flat_map(|c| fold(&c.to_string()).chars().collect::<Vec<_>>());
        rest.next() == Some(first) && needle.chars().skip(1).all(|n| rest.any(|h| h == n))
    })
}

/// Whether `word` (folded, letters only) is fuzzily in the title, a speaker or the room.
fn in_primary(schedule: &Schedule, session: &Session, word: &str) -> bool {
    fuzzy_from_word_start(&session.title, word)
        || session.speakers.iter().any(|s| fuzzy_from_word_start(s, word))
        || fuzzy_from_word_start(schedule.room_name(session), word)
}

/// Whether some word of the subtitle, abstract or tags starts with `word`.
fn in_abstract(session: &Session, word: &str) -> bool {
    let texts = [&session.subtitle, &session.abstract_text].into_iter().chain(&session.tags);
    texts
        .flat_map(|t| fold(t).split(|c: char| !c.is_alphanumeric()).map(str::to_owned).collect::<Vec<_>>())
        .any(|w| w.starts_with(word))
}

#[test]
fn title_matches_rank_above_abstract_only_matches() {
    let schedule = sample();
    let index = SearchIndex::new(&schedule);
    for word in ["polars", "pipeline", "async", "testing", "grants", "django"] {
        let hits = search(&schedule, &index, word);
        let found: BTreeSet<_> = hits.iter().map(|h| h.session.index()).collect();
        let (mut primary, mut abstract_only) = (BTreeSet::new(), BTreeSet::new());
        for (i, session) in schedule.sessions().iter().enumerate() {
            if in_primary(&schedule, session, word) {
                primary.insert(i);
            } else if in_abstract(session, word) {
                abstract_only.insert(i);
            }
        }
        assert!(!primary.is_empty() && !abstract_only.is_empty(), "{word}: pick a word with both kinds of hit");
        assert_eq!(found, &primary | &abstract_only, "{word}: exactly the sessions that hold it");
        let ranks: Vec<bool> = hits.iter().map(|h| primary.contains(&h.session.index())).collect();
        assert!(ranks.windows(2).all(|w| w[0] || !w[1]), "{word}: a primary hit after an abstract-only one");
        assert!(hits.iter().all(|h| (h.field == Some(Field::Abstract)) == abstract_only.contains(&h.session.index())));
    }
    // A title that holds the word itself beats one that only has its letters scattered.
    let hits = search(&schedule, &index, "polars");
    assert!(title(&schedule, &hits[0]).contains("Polars"));
    assert!(title(&schedule, &hits[1]).contains("Polars"));
}

/// The filter, applied by hand.
fn passes(schedule: &Schedule, session: &Session, filter: &Filter, plan: &Plan, now: NaiveDateTime) -> bool {
    let day = schedule.day(session.day).unwrap().date;
    let track = session.track.map(|t| schedule.track(t).unwrap().key.as_str());
    let room = session.room.map(|r| schedule.room(r).unwrap().key.as_str());
    let language = session.language.as_deref().map(|l| l.trim().to_lowercase());
    (filter.days.is_empty() || filter.days.contains(&day))
        && (filter.tracks.is_empty() || track.is_some_and(|t| filter.tracks.contains(t)))
        && (filter.rooms.is_empty() || room.is_some_and(|r| filter.rooms.contains(r)))
        && (filter.kinds.is_empty() || filter.kinds.contains(&session.kind))
        && (filter.languages.is_empty()
            || language.is_some_and(|l| filter.languages.iter().any(|w| w.trim().to_lowercase() == l)))
        && (!filter.recorded_only || session.is_recorded)
        && (!filter.captioned_only || session.is_captioned)
        && (!filter.picks_only || plan.picks.contains_key(&session.id))
        && (!filter.hide_past || session.ends_at() > now)
}

fn expected(schedule: &Schedule, filter: &Filter, plan: &Plan, now: NaiveDateTime) -> Vec<usize> {
    let sessions = schedule.sessions().iter().enumerate();
    sessions.filter(|(_, s)| passes(schedule, s, filter, plan, now)).map(|(i, _)| i).collect()
}

fn plan_with_picks(schedule: &Schedule) -> Plan {
    let mut plan = Plan::new(schedule.conference().id.clone());
    for id in ["cpc27-004", "cpc27-010", "cpc27-050"] {
        plan.apply(schedule, Edit::Pick { session_id: SessionId::new(id), priority: Priority::Must }).unwrap();
    }
    plan
}

#[test]
fn every_filter_alone_and_combined() {
    let schedule = sample();
    let index = SearchIndex::new(&schedule);
    let plan = plan_with_picks(&schedule);
    let now = at("2027-04-17 12:00");
    let f = Filter::default;
    let cases: Vec<(&str, Filter, Option<usize>)> = vec![
        ("nothing", f(), Some(schedule.sessions().len())),
        ("day", Filter { days: [date("2027-04-17")].into(), ..f() }, None),
        ("two days", Filter { days: [date("2027-04-16"), date("2027-04-18")].into(), ..f() }, None),
        ("track", Filter { tracks: ["web".into()].into(), ..f() }, None),
        ("room", Filter { rooms: ["ballroom".into()].into(), ..f() }, None),
        ("kind", Filter { kinds: [SessionKind::Keynote].into(), ..f() }, Some(3)),
        ("kinds", Filter { kinds: [SessionKind::Talk, SessionKind::Tutorial].into(), ..f() }, None),
        ("language", Filter { languages: ["es".into()].into(), ..f() }, Some(1)),
        ("language, any case", Filter { languages: [" EN ".into()].into(), ..f() }, None),
        ("recorded", Filter { recorded_only: true, ..f() }, None),
        ("captioned", Filter { captioned_only: true, ..f() }, None),
        ("picks", Filter { picks_only: true, ..f() }, Some(3)),
        ("hide past", Filter { hide_past: true, ..f() }, None),
        ("unknown track", Filter { tracks: ["gone".into()].into(), ..f() }, Some(0)),
        (
            "day, track, recorded, hide past",
            Filter {
                days: [date("2027-04-17")].into(),
                tracks: ["data".into(), "ml".into()].into(),
                recorded_only: true,
                hide_past: true,
                ..f()
            },
            None,
        ),
        (
            "room, kind, captioned, language",
            Filter {
                rooms: ["ballroom".into(), "r101".into()].into(),
                kinds: [SessionKind::Talk].into(),
                captioned_only: true,
                languages: ["en".into()].into(),
                ..f()
            },
            None,
        ),
        ("picks, hide past", Filter { picks_only: true, hide_past: true, ..f() }, None),
    ];
    for (name, filter, literal) in cases {
        let want = expected(&schedule, &filter, &plan, now);
        if let Some(count) = literal {
            assert_eq!(want.len(), count, "{name}: the hand-made filter disagrees with the sample");
        }
        assert!(name == "nothing" || want.len() < schedule.sessions().len(), "{name}: narrows nothing");
        let query = Query { text: String::new(), filter: filter.clone() };
        let got: Vec<usize> = index.run(&schedule, &plan, &query, now).iter().map(|h| h.session.index()).collect();
        assert_eq!(got, want, "{name}: empty query lists the passing sessions in schedule order");
        let compiled = filter.compile(&schedule, &plan, now);
        let one_by_one = (0..schedule.sessions().len())
            .filter(|&i| compiled.matches(&schedule, lanyard::model::SessionIdx(u32::try_from(i).unwrap())))
            .count();
        assert_eq!(one_by_one, want.len(), "{name}: CompiledFilter::matches");
        // With text, every hit still passes.
        let query = Query { text: "py".into(), filter };
        for hit in index.run(&schedule, &plan, &query, now) {
            assert!(want.contains(&hit.session.index()), "{name}: a text hit outside the filter");
        }
    }
}

#[test]
fn facets_count_every_value() {
    let schedule = sample();
    let facets = Filter::facets(&schedule);
    let sessions = schedule.sessions();
    assert_eq!(facets.total, sessions.len());
    let count = |pred: &dyn Fn(&Session) -> bool| sessions.iter().filter(|s| pred(s)).count();
    let days: Vec<_> = facets.days.iter().map(|f| (f.key, f.count)).collect();
    let want_days: Vec<_> =
        schedule.days().iter().map(|d| (d.date, count(&|s| schedule.day(s.day).unwrap().date == d.date))).collect();
    assert_eq!(days, want_days);
    assert_eq!(days.len(), 3);
    for track in &facets.tracks {
        assert_eq!(track.count, count(&|s| s.track.is_some_and(|t| schedule.track(t).unwrap().key == track.key)));
        assert_eq!(track.label, schedule.tracks().iter().find(|t| t.key == track.key).unwrap().name);
    }
    assert_eq!(facets.tracks.len(), 6);
    for room in &facets.rooms {
        assert_eq!(room.count, count(&|s| s.room.is_some_and(|r| schedule.room(r).unwrap().key == room.key)));
    }
    let rooms_used: BTreeSet<_> = sessions.iter().filter_map(|s| s.room).collect();
    assert_eq!(facets.rooms.len(), rooms_used.len());
    let kinds: BTreeMap<SessionKind, usize> = facets.kinds.iter().map(|f| (f.key, f.count)).collect();
    for kind in SessionKind::ALL {
        assert_eq!(kinds.get(&kind).copied().unwrap_or(0), count(&|s| s.kind == kind), "{kind:?}");
    }
    let languages: Vec<_> = facets.languages.iter().map(|f| (f.key.as_str(), f.count)).collect();
    assert_eq!(
        languages,
        [
            ("en", count(&|s| s.language.as_deref() == Some("en"))),
            ("es", count(&|s| s.language.as_deref() == Some("es")))
        ]
    );
    assert_eq!(facets.recorded, count(&|s| s.is_recorded));
    assert_eq!(facets.captioned, count(&|s| s.is_captioned));
    // Picking any one value shows exactly its count.
    let index = SearchIndex::new(&schedule);
    let shown =
        |filter: Filter| index.run(&schedule, &Plan::default(), &Query { text: String::new(), filter }, eve()).len();
    for room in &facets.rooms {
        assert_eq!(shown(Filter { rooms: [room.key.clone()].into(), ..Filter::default() }), room.count);
    }
    for kind in &facets.kinds {
        assert_eq!(shown(Filter { kinds: [kind.key].into(), ..Filter::default() }), kind.count);
    }
}

#[test]
fn filter_round_trips_through_ron() {
    let filter = Filter {
        days: [date("2027-04-16"), date("2027-04-18")].into(),
        tracks: ["web".into(), "Web & APIs".into()].into(),
        rooms: ["r101".into()].into(),
        kinds: [SessionKind::Talk, SessionKind::OpenSpace].into(),
        languages: ["en".into()].into(),
        recorded_only: true,
        captioned_only: true,
        picks_only: true,
        hide_past: true,
    };
    let text = ron::to_string(&filter).unwrap();
    assert_eq!(ron::from_str::<Filter>(&text).unwrap(), filter);
    assert_eq!(ron::from_str::<Filter>(&ron::to_string(&Filter::default()).unwrap()).unwrap(), Filter::default());
    // Settings written by an older version, or by hand, may leave fields out.
    let partial: Filter = ron::from_str("(hide_past: true, days: [\"2027-04-17\"])").unwrap();
    assert_eq!(partial, Filter { hide_past: true, days: [date("2027-04-17")].into(), ..Filter::default() });
    assert!(partial.is_active() && !Filter::default().is_active());
}

#[test]
fn highlights_point_at_matching_letters() {
    let schedule = sample();
    let mut highlighter = Highlighter::new("duck pedro");
    let hit = search(&schedule, &SearchIndex::new(&schedule), "duck pedro")[0];
    let marks = highlighter.highlight(&schedule, hit.session);
    let session = schedule.session(hit.session).unwrap();
    let marked = |text: &str, indices: &[u32]| -> String {
        indices.iter().map(|&i| text.chars().nth(i as usize).unwrap()).collect()
    };
    assert_eq!(marked(&session.title, &marks.title), "Duck");
    assert_eq!(marked(&session.speakers[0], &marks.speakers[0]), "Pedro");
    // Char indices, not bytes: "Sofía Villalobos" has a two-byte letter before the match.
    let mut highlighter = Highlighter::new("villa");
    let htmx = search(&schedule, &SearchIndex::new(&schedule), "sofia villa")[0];
    let marks = highlighter.highlight(&schedule, htmx.session);
    assert_eq!(marks.speakers, [vec![6, 7, 8, 9, 10]]);
}

#[test]
fn typing_a_query_letter_by_letter() {
    let schedule = sample();
    let index = SearchIndex::new(&schedule);
    let plan = Plan::default();
    let mut live = LiveSearch::default();
    let mut query = Query::text("");
    for c in "pagination keys".chars() {
        query.text.push(c);
        let hits = live.search(&index, &schedule, &plan, &query, eve(), &SecondThread::new()).to_vec();
        assert_eq!(hits, index.run(&schedule, &plan, &query, eve()), "{:?}", query.text);
    }
    let hits = live.search(&index, &schedule, &plan, &query, eve(), &SecondThread::new());
    assert_eq!(title(&schedule, &hits[0]), "Pagination that survives 100× data growth");
}

/// Any filter over the sample's own keys, plus a key no schedule has.
fn filters() -> impl Strategy<Value = Filter> {
    let schedule = sample();
    let days: Vec<NaiveDate> = schedule.days().iter().map(|d| d.date).collect();
    let mut tracks: Vec<String> = schedule.tracks().iter().map(|t| t.key.clone()).collect();
    let mut rooms: Vec<RoomKey> = schedule.rooms().iter().map(|r| r.key.clone()).collect();
    tracks.push("gone".into());
    rooms.push("gone".into());
    (
        proptest::sample::subsequence(days.clone(), 0..=days.len()),
        proptest::sample::subsequence(tracks.clone(), 0..=2),
        proptest::sample::subsequence(rooms.clone(), 0..=3),
        proptest::sample::subsequence(SessionKind::ALL.to_vec(), 0..=3),
        proptest::sample::subsequence(vec!["en".to_owned(), "ES".to_owned(), "xx".to_owned()], 0..=2),
        any::<[bool; 4]>(),
    )
        .prop_map(|(days, tracks, rooms, kinds, languages, [recorded, captioned, picks, past])| Filter {
            days: days.into_iter().collect(),
            tracks: tracks.into_iter().collect(),
            rooms: rooms.into_iter().collect(),
            kinds: kinds.into_iter().collect(),
            languages: languages.into_iter().collect(),
            recorded_only: recorded,
            captioned_only: captioned,
            picks_only: picks,
            hide_past: past,
        })
}

/// Query text: ordinary letters and words, odd characters, emoji, regex syntax and long runs.
fn texts() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        "\\PC{0,40}",
        "[.*+?()\\[\\]{}|^$\\\\]{1,10}",
        "(py|data|ä|é|🎉|C\\+\\+|  ){1,6}",
        "[a-z]{1,3}".prop_map(|s| s.repeat(3_000)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hits_always_pass_the_filter_in_order(text in texts(), filter in filters(), minutes in 0i64..5_000) {
        let schedule = sample();
        let index = SearchIndex::new(&schedule);
        let plan = plan_with_picks(&schedule);
        let now = at("2027-04-15 12:00") + chrono::Duration::minutes(minutes);
        let query = Query { text: text.clone(), filter: filter.clone() };
        let hits = index.run(&schedule, &plan, &query, now);
        let allowed = expected(&schedule, &filter, &plan, now);
        let mut seen = BTreeSet::new();
        for hit in &hits {
            prop_assert!(allowed.contains(&hit.session.index()));
            prop_assert!(seen.insert(hit.session));
        }
        prop_assert!(hits.windows(2).all(|w| (w[0].score, w[1].session) > (w[1].score, w[0].session)));
        if text.trim().is_empty() {
            prop_assert_eq!(hits.iter().map(|h| h.session.index()).collect::<Vec<_>>(), allowed);
        }
        // Typing the text letter by letter gives the same answer at every step.
        let mut live = LiveSearch::default();
        let mut typed = Query { text: String::new(), filter };
        for c in text.chars().take(24) {
            typed.text.push(c);
            let incremental = live.search(&index, &schedule, &plan, &typed, now, &SecondThread::new()).to_vec();
            prop_assert_eq!(incremental, index.run(&schedule, &plan, &typed, now));
        }
        let mut highlighter = Highlighter::new(&text);
        for hit in hits.iter().take(5) {
            let marks = highlighter.highlight(&schedule, hit.session);
            let chars = schedule.session(hit.session).unwrap().title.chars().count();
            prop_assert!(marks.title.iter().all(|&i| (i as usize) < chars));
        }
    }
}
