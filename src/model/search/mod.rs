//! Search as you type: a typed query matched over every session's title, speakers, room and
//! abstract, combined with a [`Filter`].
//!
//! [`SearchIndex::new`] prepares a schedule once (off the frame path): titles, the distinct
//! speaker names and the room names as compact, case-folded haystacks for the fuzzy matcher
//! (`nucleo-matcher`, helix's), and an inverted word index over subtitles, abstracts and tags.
//! [`SearchIndex::run`] then answers one query; [`LiveSearch`] remembers the last answer so that
//! typing one more letter only re-checks the previous hits. Highlight indices are computed apart,
//! by [`Highlighter`], for the rows actually drawn.
//!
//! How a query matches:
//! - The text is split on whitespace into words (at most [`MAX_WORDS`], each cut at
//!   [`MAX_WORD_CHARS`] characters). Case and Latin diacritics are ignored (`e` finds `É`).
//! - A session matches when *every* word matches one of its fields: fuzzily (the letters in order,
//!   gaps allowed, as in fzf) in the title, a speaker's name or the room name; or as the start of a
//!   word of the subtitle, abstract or tags. Abstracts are long prose in which almost any three
//!   letters occur in order, so fuzzy matching them would only add noise. Very common English words
//!   (`the`, `and`, …) are not indexed; a query word without letters or digits never matches there.
//!
//! How hits are ordered (see [`Hit::score`]):
//! 1. More query words matched in the title, a speaker or the room beat fewer: a title match always
//!    ranks above a session that only mentions the words in its abstract.
//! 2. Then the quality of the match, summed over the query words: the matcher's score, where
//!    word starts and consecutive letters beat scattered ones, so typing the start of a speaker's
//!    surname beats the same letters strewn through a title. Only between equally good matches does
//!    the field decide: title, then speaker, then room. A word found in the abstract scores
//!    [`ABSTRACT_POINTS_PER_CHAR`] per character.
//! 3. Ties by start time (schedule order). An empty query lists every session passing the filter
//!    in schedule order.
//!
//! Pure: no clock (`now` is a parameter), no threads, no panics on any query text.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use nucleo_matcher::chars::{normalize, to_lower_case};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::filter::{Bitset, CompiledFilter, Filter};
use super::ids::{SessionId, SessionIdx};
use super::plan::Plan;
use super::schedule::Schedule;
use texts::Texts;
use words::WordIndex;

mod texts;
mod words;

/// Query words beyond this many are ignored.
pub const MAX_WORDS: usize = 8;
/// Query words are cut to this many characters.
pub const MAX_WORD_CHARS: usize = 64;
/// Titles, speaker and room names are matched on their first this-many characters.
const MAX_FIELD_CHARS: usize = 512;
/// Words in the word index, and query words looked up there, are cut to this many characters.
const MAX_INDEXED_WORD_CHARS: usize = 24;

/// Matcher scores are scaled by this, leaving room for a field bonus below one matcher point.
const SCALE: u32 = 4;
const BONUS_TITLE: u32 = 3;
const BONUS_SPEAKER: u32 = 2;
const BONUS_ROOM: u32 = 1;
/// Score of a query word found as a word start in the abstract, per character of the query word.
pub const ABSTRACT_POINTS_PER_CHAR: u32 = 32;
/// Added per query word matched in the title, a speaker or the room: above any weighted score sum
/// (at most [`MAX_WORDS`] × (4 × `u16::MAX` + 3) < 2^21).
const PRIMARY_TIER: u32 = 1 << 22;

/// Common English words left out of the word index. Sorted, for binary search.
const STOP_WORDS: [&str; 40] = [
    "about", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for", "from", "has", "have", "how", "if",
    "in", "into", "is", "it", "its", "not", "of", "on", "or", "our", "so", "that", "the", "their", "this", "to", "was",
    "we", "what", "which", "will", "with", "you",
];

/// Which part of a session a query matched best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Speaker,
    Room,
    /// The subtitle, the abstract or a tag.
    Abstract,
}

/// One session that matched, in result order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub session: SessionIdx,
    /// Higher is better; only meaningful within one query. Query words matched in the title, a
    /// speaker or the room each add 2^22, so a hit with more of them always ranks first. 0 for an
    /// empty query.
    pub score: u32,
    /// The field behind the best-scoring query word; `None` for an empty query.
    pub field: Option<Field>,
}

/// What the attendee typed and chose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub filter: Filter,
}

impl Query {
    /// A query for `text` with no filter.
    pub fn text(text: impl Into<String>) -> Self {
        Self { text: text.into(), filter: Filter::default() }
    }
}

/// One schedule prepared for searching. Build it once per schedule, off the frame path; it must
/// only be used with the schedule it was built from (a different one gives no hits).
#[derive(Clone, Debug)]
pub struct SearchIndex {
    sessions: usize,
    fingerprint: u64,
    titles: Texts,
    /// Distinct speaker names.
    speakers: Texts,
    /// Per session `i`: `session_speakers[speaker_starts[i]..speaker_starts[i + 1]]`.
    speaker_starts: Vec<u32>,
    session_speakers: Vec<u32>,
    /// Room names by `RoomIdx`.
    rooms: Texts,
    /// Per session: its `RoomIdx`, or [`NO_ROOM`].
    session_rooms: Vec<u32>,
    words: WordIndex,
}

const NO_ROOM: u32 = u32::MAX;

impl SearchIndex {
    /// Prepares `schedule`. Linear in the schedule's text; about 1 s for 100,000 sessions with
    /// long abstracts (see `benches/search.rs`).
    pub fn new(schedule: &Schedule) -> Self {
        let sessions = schedule.sessions();
        let mut titles = Texts::default();
        let mut speakers = Texts::default();
        let mut speaker_ids: BTreeMap<&str, u32> = BTreeMap::new();
        let mut speaker_starts = Vec::with_capacity(sessions.len() + 1);
        let mut session_speakers = Vec::with_capacity(sessions.len());
        let mut session_rooms = Vec::with_capacity(sessions.len());
        speaker_starts.push(0);
        for session in sessions {
            titles.push(&session.title);
            for name in &session.speakers {
                let next = u32::try_from(speaker_ids.len()).unwrap_or(u32::MAX);
                let id = *speaker_ids.entry(name.as_str()).or_insert_with(|| {
                    speakers.push(name);
                    next
                });
                session_speakers.push(id);
            }
            speaker_starts.push(u32::try_from(session_speakers.len()).unwrap_or(u32::MAX));
            session_rooms.push(session.room.map_or(NO_ROOM, |r| r.0));
        }
        let mut rooms = Texts::default();
        for room in schedule.rooms() {
            rooms.push(&room.name);
        }
        Self {
            sessions: sessions.len(),
            fingerprint: fingerprint(schedule),
            titles,
            speakers,
            speaker_starts,
            session_speakers,
            rooms,
            session_rooms,
            words: WordIndex::new(schedule),
        }
    }

    /// Number of sessions indexed.
    pub fn len(&self) -> usize {
        self.sessions
    }

    /// Whether the schedule had no sessions.
    pub fn is_empty(&self) -> bool {
        self.sessions == 0
    }

    /// A hash of what the index was built from (ids, titles, speakers, rooms, times, kinds,
    /// flags): equal for equal schedules, so a cache can tell a rebuilt index from the same one.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Heap memory the index holds, in bytes (the schedule's own text is not counted).
    pub fn heap_bytes(&self) -> usize {
        self.titles.heap_bytes()
            + self.speakers.heap_bytes()
            + (self.speaker_starts.capacity() + self.session_speakers.capacity() + self.session_rooms.capacity()) * 4
            + self.rooms.heap_bytes()
            + self.words.heap_bytes()
    }

    /// Every session passing `query.filter` and matching `query.text`, best first (see the module
    /// docs for the order). `now` is conference-local; it only matters for `hide_past`.
    pub fn run(&self, schedule: &Schedule, plan: &Plan, query: &Query, now: NaiveDateTime) -> Vec<Hit> {
        if !self.fits(schedule) {
            return Vec::new();
        }
        let filter = query.filter.compile(schedule, plan, now);
        let ranges = filter.ranges();
        let count = ranges.iter().map(ExactSizeIterator::len).sum();
        self.evaluate(schedule, &filter, &query.text, ranges.into_iter().flatten(), count)
    }

    /// Like [`Self::run`], but only considers the sessions in `candidates`. Gives the same hits as
    /// `run` when `candidates` are the hits of an earlier query with the same filter, the same or
    /// an earlier `now`, and a text that `query.text` extends by typing on (see
    /// [`LiveSearch`], which checks this): every hit of the longer text is a hit of the shorter.
    pub fn refine(
        &self,
        schedule: &Schedule,
        plan: &Plan,
        query: &Query,
        now: NaiveDateTime,
        candidates: &[Hit],
    ) -> Vec<Hit> {
        if !self.fits(schedule) {
            return Vec::new();
        }
        let filter = query.filter.compile(schedule, plan, now);
        // Visit the candidates in schedule order: memory is read front to back, and equal scores
        // come out in schedule order without a comparison sort.
        let mut set = Bitset::new(self.sessions);
        for hit in candidates {
            set.insert(hit.session.index());
        }
        self.evaluate(schedule, &filter, &query.text, set.iter(), candidates.len())
    }

    /// Where `text` matches in the session's title, speakers and room, for drawing. Allocates a
    /// matcher; to highlight many rows keep one [`Highlighter`].
    pub fn highlight(&self, schedule: &Schedule, session: SessionIdx, text: &str) -> Highlights {
        Highlighter::new(text).highlight(schedule, session)
    }

    fn fits(&self, schedule: &Schedule) -> bool {
        let fits = schedule.sessions().len() == self.sessions;
        debug_assert!(fits, "search index used with a schedule it was not built from");
        fits
    }

    /// Scores every candidate index passing `filter`, then sorts. `candidates` must ascend.
    fn evaluate(
        &self,
        schedule: &Schedule,
        filter: &CompiledFilter,
        text: &str,
        candidates: impl Iterator<Item = usize>,
        count: usize,
    ) -> Vec<Hit> {
        let words = query_words(text);
        let sessions = schedule.sessions();
        let everything = filter.is_everything();
        let passes = |i: usize| everything || sessions.get(i).is_some_and(|s| filter.passes_all(i, s));
        let mut hits: Vec<Hit> = Vec::with_capacity(count);
        if words.is_empty() {
            hits.extend(candidates.filter(|&i| passes(i)).map(|i| Hit { session: idx(i), score: 0, field: None }));
        } else {
            let mut scorer = Scorer::new(self, &words, count);
            for i in candidates {
                if passes(i)
                    && let Some((score, field)) = scorer.score(i)
                {
                    hits.push(Hit { session: idx(i), score, field: Some(field) });
                }
            }
        }
        sort_by_score(hits)
    }

    fn session_speakers(&self, i: usize) -> &[u32] {
        let start = self.speaker_starts.get(i).copied().unwrap_or(0) as usize;
        let end = self.speaker_starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.session_speakers.get(start..end).unwrap_or(&[])
    }
}

/// Sorts hits that are in schedule order by descending score, keeping schedule order among equal
/// scores: a stable LSD radix sort on the score bytes, skipping bytes all hits share. Linear, which
/// matters when a one-letter query hits every session.
fn sort_by_score(mut hits: Vec<Hit>) -> Vec<Hit> {
    let key = |hit: &Hit| (u32::MAX - hit.score).to_le_bytes();
    let mut counts = [[0usize; 256]; 4];
    for hit in &hits {
        for (count, byte) in counts.iter_mut().zip(key(hit)) {
            count[usize::from(byte)] += 1;
        }
    }
    let mut other = hits.clone();
    for (digit, mut offsets) in counts.into_iter().enumerate() {
        if offsets.contains(&hits.len()) {
            continue;
        }
        let mut sum = 0;
        for offset in &mut offsets {
            (*offset, sum) = (sum, sum + *offset);
        }
        for hit in &hits {
            let byte = key(hit).get(digit).copied().unwrap_or(0);
            let offset = &mut offsets[usize::from(byte)];
            if let Some(slot) = other.get_mut(*offset) {
                *slot = *hit;
            }
            *offset += 1;
        }
        std::mem::swap(&mut hits, &mut other);
    }
    hits
}

fn idx(i: usize) -> SessionIdx {
    SessionIdx(u32::try_from(i).unwrap_or(u32::MAX))
}

/// One query word, prepared.
#[derive(Clone, Debug)]
struct Word {
    needle: Needle,
    /// Letters and digits it needs (see [`char_mask`]).
    mask: u64,
    /// Runs of letters and digits, cut to [`MAX_INDEXED_WORD_CHARS`], for the word index.
    tokens: Vec<String>,
    chars: u32,
}

#[derive(Clone, Debug)]
enum Needle {
    Ascii(Vec<u8>),
    Unicode(Vec<char>),
}

impl Needle {
    fn as_str(&self) -> Utf32Str<'_> {
        match self {
            Self::Ascii(bytes) => Utf32Str::Ascii(bytes),
            Self::Unicode(chars) => Utf32Str::Unicode(chars),
        }
    }
}

fn query_words(text: &str) -> Vec<Word> {
    text.split_whitespace().take(MAX_WORDS).map(Word::new).collect()
}

impl Word {
    fn new(raw: &str) -> Self {
        let folded: Vec<char> = raw.chars().take(MAX_WORD_CHARS).map(fold_char).collect();
        let mut tokens = Vec::new();
        let mut token = String::new();
        for &c in folded.iter().chain(std::iter::once(&' ')) {
            if c.is_alphanumeric() {
                if token.chars().count() < MAX_INDEXED_WORD_CHARS {
                    token.push(c);
                }
            } else if !token.is_empty() {
                tokens.push(std::mem::take(&mut token));
            }
        }
        let needle = if folded.iter().all(char::is_ascii) {
            Needle::Ascii(folded.iter().map(|&c| c as u8).collect())
        } else {
            Needle::Unicode(folded.clone())
        };
        Self {
            mask: char_mask(folded.iter().copied()),
            chars: u32::try_from(folded.len()).unwrap_or(u32::MAX),
            needle,
            tokens,
        }
    }
}

/// Scores sessions against the words of one query.
struct Scorer<'a> {
    index: &'a SearchIndex,
    words: &'a [Word],
    matcher: Matcher,
    /// Per word, the distinct speakers' scores. `None` when there are too few candidates for the
    /// tables to pay off; speakers are then matched one by one.
    speaker_tables: Option<Vec<Table>>,
    /// Per word, the rooms' scores.
    room_tables: Vec<Table>,
    /// Per word: the sessions whose abstract has it; `None` for a word without letters or digits.
    abstract_sets: Vec<Option<Bitset>>,
}

/// One word's scores over all entries of a [`Texts`].
struct Table {
    /// Which entries match: small enough to stay in the fastest cache, so that looking up a
    /// speaker who does not match (most of them) costs no trip to memory.
    matches: Bitset,
    scores: Vec<u16>,
}

impl Table {
    fn new(matcher: &mut Matcher, texts: &Texts, word: &Word) -> Self {
        let mut matches = Bitset::new(texts.len());
        let scores = (0..texts.len())
            .map(|i| {
                let score = texts.score(matcher, i, word);
                if score.is_some() {
                    matches.insert(i);
                }
                score.unwrap_or(0)
            })
            .collect();
        Self { matches, scores }
    }

    fn get(&self, i: usize) -> Option<u16> {
        if self.matches.contains(i) { self.scores.get(i).copied() } else { None }
    }
}

impl<'a> Scorer<'a> {
    fn new(index: &'a SearchIndex, words: &'a [Word], candidates: usize) -> Self {
        let mut matcher = Matcher::new(matcher_config());
        let speaker_tables = (candidates > index.speakers.len())
            .then(|| words.iter().map(|word| Table::new(&mut matcher, &index.speakers, word)).collect());
        let room_tables = words.iter().map(|word| Table::new(&mut matcher, &index.rooms, word)).collect();
        let abstract_sets = words.iter().map(|word| index.words.sessions_with(&word.tokens, index.sessions)).collect();
        Self { index, words, matcher, speaker_tables, room_tables, abstract_sets }
    }

    /// The score and best field of session `i`, or `None` if some word matches nowhere.
    fn score(&mut self, i: usize) -> Option<(u32, Field)> {
        let index = self.index;
        let mut total = 0u32;
        let mut best: Option<(u32, Field)> = None;
        for (w, word) in self.words.iter().enumerate() {
            let mut word_best: Option<(u32, Field)> = None;
            let mut consider = |score: Option<u16>, bonus: u32, field: Field| {
                let Some(score) = score else { return };
                let points = u32::from(score) * SCALE + bonus;
                if word_best.is_none_or(|(p, _)| points > p) {
                    word_best = Some((points, field));
                }
            };
            consider(index.titles.score(&mut self.matcher, i, word), BONUS_TITLE, Field::Title);
            for &speaker in index.session_speakers(i) {
                let score = match &self.speaker_tables {
                    Some(tables) => tables.get(w).and_then(|t| t.get(speaker as usize)),
                    None => index.speakers.score(&mut self.matcher, speaker as usize, word),
                };
                consider(score, BONUS_SPEAKER, Field::Speaker);
            }
            let room = index.session_rooms.get(i).copied().unwrap_or(NO_ROOM) as usize;
            consider(self.room_tables.get(w).and_then(|t| t.get(room)), BONUS_ROOM, Field::Room);
            let points = match word_best {
                Some((points, field)) => {
                    best = best.filter(|&(b, _)| b >= points + PRIMARY_TIER).or(Some((points + PRIMARY_TIER, field)));
                    points + PRIMARY_TIER
                }
                None => {
                    let in_abstract = self.abstract_sets.get(w).and_then(Option::as_ref).is_some_and(|s| s.contains(i));
                    if !in_abstract {
                        return None;
                    }
                    let points = word.chars.saturating_mul(ABSTRACT_POINTS_PER_CHAR);
                    best = best.filter(|&(b, _)| b >= points).or(Some((points, Field::Abstract)));
                    points
                }
            };
            total = total.saturating_add(points);
        }
        Some((total, best.map_or(Field::Abstract, |(_, field)| field)))
    }
}

const GREEDY: bool = true;

/// The matcher's score for `word` in `haystack`, or `None` when its letters are not all there in
/// order.
fn fuzzy_score(matcher: &mut Matcher, haystack: Utf32Str<'_>, word: &Word) -> Option<u16> {
    if GREEDY {
        matcher.fuzzy_match_greedy(haystack, word.needle.as_str())
    } else {
        matcher.fuzzy_match(haystack, word.needle.as_str())
    }
}

/// Haystacks are pre-folded (see [`fold_char`]) and needles fully folded, so the matcher only
/// needs to ignore ASCII case.
fn matcher_config() -> Config {
    let mut config = Config::DEFAULT;
    config.normalize = false;
    config.ignore_case = true;
    config
}

/// Lower-cases and strips Latin diacritics, one char for one char, so match indices in a folded
/// string are char indices in the original.
fn fold_char(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { to_lower_case(normalize(c)) }
}

/// Bit `n` for the `n`-th of `a`–`z`, `0`–`9` among `chars` (already folded); other chars add nothing.
fn char_mask(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0, |mask, c| match c {
        'a'..='z' => mask | 1 << (c as u32 - 'a' as u32),
        '0'..='9' => mask | 1 << (26 + c as u32 - '0' as u32),
        _ => mask,
    })
}

/// Whether the lower-case ASCII `needle` occurs in `haystack` in order, ignoring ASCII case: the
/// matcher's own prefilter without its per-letter `memchr` calls, which cost more than a plain loop
/// on strings this short.
fn contains_in_order(haystack: &[u8], needle: &[u8]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|&n| if n.is_ascii_lowercase() { rest.any(|&h| h | 0x20 == n) } else { rest.any(|&h| h == n) })
}

/// FNV-1a over what search and filters read from each session.
fn fingerprint(schedule: &Schedule) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(&(schedule.sessions().len() as u64).to_le_bytes());
    for s in schedule.sessions() {
        eat(s.id.as_str().as_bytes());
        eat(s.title.as_bytes());
        for name in &s.speakers {
            eat(name.as_bytes());
        }
        eat(&s.starts_at.and_utc().timestamp().to_le_bytes());
        eat(&s.duration_mins.to_le_bytes());
        for n in [s.room.map_or(0, |r| r.0 + 1), s.track.map_or(0, |t| t.0 + 1), s.day.0] {
            eat(&n.to_le_bytes());
        }
        eat(&[s.kind as u8, u8::from(s.is_recorded), u8::from(s.is_captioned)]);
        eat(s.language.as_deref().unwrap_or("").as_bytes());
        eat(&(s.abstract_text.len() as u64).to_le_bytes());
    }
    for room in schedule.rooms() {
        eat(room.name.as_bytes());
    }
    hash
}

/// Whether typing turned `old` into `new` in a way that can only remove hits: `new` continues
/// `old`, and does not give a word without letters or digits its first one (such a word cannot
/// match the abstract, the longer one can).
fn extends(old: &str, new: &str) -> bool {
    let Some(rest) = new.strip_prefix(old) else { return false };
    let continues_last_word = rest.chars().next().is_some_and(|c| !c.is_whitespace())
        && old.chars().next_back().is_some_and(|c| !c.is_whitespace());
    if !continues_last_word {
        return true;
    }
    let last_word = old.split_whitespace().next_back().unwrap_or("");
    last_word.chars().map(fold_char).any(char::is_alphanumeric)
}

/// The search box's memory: the last query and its hits, so that typing one more letter only
/// re-checks the previous hits ([`SearchIndex::refine`]) instead of the whole schedule.
#[derive(Clone, Debug, Default)]
pub struct LiveSearch {
    last: Option<LastSearch>,
}

#[derive(Clone, Debug)]
struct LastSearch {
    fingerprint: u64,
    text: String,
    filter: Filter,
    now: NaiveDateTime,
    /// The plan's picks, when the filter depends on them.
    picks: Vec<SessionId>,
    hits: Vec<Hit>,
}

impl LiveSearch {
    /// The hits for `query`, as [`SearchIndex::run`] gives them, reusing the previous answer when
    /// that is exact: the same index, filter and picks, a `now` not earlier (with `hide_past`), and
    /// a text typed on from the previous one. Otherwise searches the whole schedule.
    pub fn search(
        &mut self,
        index: &SearchIndex,
        schedule: &Schedule,
        plan: &Plan,
        query: &Query,
        now: NaiveDateTime,
    ) -> &[Hit] {
        let picks: Vec<SessionId> =
            if query.filter.picks_only { plan.picks.keys().cloned().collect() } else { Vec::new() };
        let hide_past = query.filter.hide_past;
        let reusable = self.last.take().filter(|last| {
            last.fingerprint == index.fingerprint()
                && last.filter == query.filter
                && last.picks == picks
                && (!hide_past || now >= last.now)
        });
        let hits = match reusable {
            Some(last) if last.text == query.text && (!hide_past || now == last.now) => last.hits,
            Some(last) if extends(&last.text, &query.text) => index.refine(schedule, plan, query, now, &last.hits),
            _ => index.run(schedule, plan, query, now),
        };
        let last = self.last.insert(LastSearch {
            fingerprint: index.fingerprint(),
            text: query.text.clone(),
            filter: query.filter.clone(),
            now,
            picks,
            hits,
        });
        &last.hits
    }

    /// Forgets the previous answer.
    pub fn clear(&mut self) {
        self.last = None;
    }
}

/// Where a query matches in one session's title, speakers and room: sorted, distinct char indices
/// (not byte offsets) into [`crate::model::Session::title`], each of
/// [`crate::model::Session::speakers`], and the room's name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    pub title: Vec<u32>,
    /// One list per speaker, in the session's order.
    pub speakers: Vec<Vec<u32>>,
    pub room: Vec<u32>,
}

/// Computes [`Highlights`] for the rows being drawn. Holds a matcher (about 135 KB), so keep one
/// per query rather than one per row.
#[derive(Debug)]
pub struct Highlighter {
    words: Vec<Word>,
    matcher: Matcher,
    chars: Vec<char>,
}

impl Highlighter {
    /// A highlighter for the query text `text`.
    pub fn new(text: &str) -> Self {
        Self { words: query_words(text), matcher: Matcher::new(matcher_config()), chars: Vec::new() }
    }

    /// Where the query matches in `session`; empty lists for an unknown session or an empty query.
    pub fn highlight(&mut self, schedule: &Schedule, session: SessionIdx) -> Highlights {
        let Some(s) = schedule.session(session) else { return Highlights::default() };
        Highlights {
            title: self.indices(&s.title),
            speakers: s.speakers.iter().map(|name| self.indices(name)).collect(),
            room: self.indices(schedule.room_name(s)),
        }
    }

    fn indices(&mut self, text: &str) -> Vec<u32> {
        let mut indices = Vec::new();
        if self.words.is_empty() {
            return indices;
        }
        let haystack = if text.is_ascii() {
            Utf32Str::Ascii(text.as_bytes().get(..MAX_FIELD_CHARS).unwrap_or(text.as_bytes()))
        } else {
            self.chars.clear();
            self.chars.extend(text.chars().take(MAX_FIELD_CHARS).map(fold_char));
            Utf32Str::Unicode(&self.chars)
        };
        for word in &self.words {
            self.matcher.fuzzy_indices(haystack, word.needle.as_str(), &mut indices);
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

#[cfg(test)]
mod tests;
