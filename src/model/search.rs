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

/// Many short strings packed in two buffers: ASCII ones as bytes, others as folded chars.
#[derive(Clone, Debug, Default)]
struct Texts {
    ascii: Vec<u8>,
    unicode: Vec<char>,
    spans: Vec<Span>,
    /// Per text, which letters and digits it holds (see [`char_mask`]).
    masks: Vec<u64>,
}

#[derive(Clone, Copy, Debug)]
struct Span {
    start: u32,
    len: u16,
    is_unicode: bool,
}

impl Texts {
    /// Adds `text`'s first [`MAX_FIELD_CHARS`] chars. ASCII text keeps its case (the matcher
    /// ignores it and rewards camelCase boundaries); other text is folded.
    fn push(&mut self, text: &str) {
        self.masks.push(char_mask(text.chars().take(MAX_FIELD_CHARS).map(fold_char)));
        let len = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        if text.is_ascii() {
            let bytes = text.as_bytes().get(..MAX_FIELD_CHARS).unwrap_or(text.as_bytes());
            let start = u32::try_from(self.ascii.len()).unwrap_or(u32::MAX);
            self.ascii.extend_from_slice(bytes);
            self.spans.push(Span { start, len: len(bytes.len()), is_unicode: false });
            return;
        }
        let folded = text.chars().take(MAX_FIELD_CHARS).map(fold_char);
        if folded.clone().all(|c| c.is_ascii()) {
            let start = u32::try_from(self.ascii.len()).unwrap_or(u32::MAX);
            self.ascii.extend(folded.map(|c| c as u8));
            let end = self.ascii.len();
            self.spans.push(Span { start, len: len(end - start as usize), is_unicode: false });
        } else {
            let start = u32::try_from(self.unicode.len()).unwrap_or(u32::MAX);
            self.unicode.extend(folded);
            let end = self.unicode.len();
            self.spans.push(Span { start, len: len(end - start as usize), is_unicode: true });
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// The `i`-th text; empty when out of range.
    fn get(&self, i: usize) -> Utf32Str<'_> {
        let Some(span) = self.spans.get(i) else { return Utf32Str::Ascii(&[]) };
        let range = span.start as usize..span.start as usize + usize::from(span.len);
        if span.is_unicode {
            Utf32Str::Unicode(self.unicode.get(range).unwrap_or(&[]))
        } else {
            Utf32Str::Ascii(self.ascii.get(range).unwrap_or(&[]))
        }
    }

    /// The matcher's score for `word` in the `i`-th text, or `None` when its letters are not all
    /// there in order. Cheap checks first: the letters present, then (ASCII) their order.
    fn score(&self, matcher: &mut Matcher, i: usize, word: &Word) -> Option<u16> {
        let mask = self.masks.get(i).copied().unwrap_or(0);
        if mask & word.mask != word.mask {
            return None;
        }
        let haystack = self.get(i);
        // A one-letter word is already known to be there from the mask.
        if let (Utf32Str::Ascii(haystack), Needle::Ascii(needle)) = (haystack, &word.needle)
            && needle.len() > 1
            && !contains_in_order(haystack, needle)
        {
            return None;
        }
        fuzzy_score(matcher, haystack, word)
    }

    fn heap_bytes(&self) -> usize {
        self.ascii.capacity()
            + self.unicode.capacity() * 4
            + self.spans.capacity() * size_of::<Span>()
            + self.masks.capacity() * 8
    }
}

/// Which sessions hold which words in their subtitle, abstract and tags.
#[derive(Clone, Debug, Default)]
struct WordIndex {
    /// The distinct folded words, sorted and concatenated; word `w` is
    /// `text[word_starts[w]..word_starts[w + 1]]`.
    text: String,
    word_starts: Vec<u32>,
    /// Per word, its sessions ascending, as LEB128 deltas: `postings[posting_starts[w]..]`.
    postings: Vec<u8>,
    posting_starts: Vec<u32>,
    /// For each of `a`–`z`, `0`–`9`: the sessions with a word starting with it. One-letter query
    /// words are the most common and would otherwise decode a large part of all postings.
    initials: Vec<Bitset>,
}

/// The characters [`WordIndex::initials`] covers, in order.
const INITIALS: [char; 36] = [
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    'x', 'y', 'z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
];

impl WordIndex {
    fn new(schedule: &Schedule) -> Self {
        // First pass: intern words in order of appearance, and list each session's distinct words.
        let mut interner = Interner::default();
        let mut session_words: Vec<u32> = Vec::new();
        let mut session_starts: Vec<usize> = vec![0];
        let mut scratch: Vec<u32> = Vec::new();
        let mut word = String::new();
        for session in schedule.sessions() {
            scratch.clear();
            let texts = [&session.subtitle, &session.abstract_text].into_iter().chain(&session.tags);
            for text in texts {
                for_each_word(text, &mut word, |w| scratch.push(interner.id(w)));
            }
            scratch.sort_unstable();
            scratch.dedup();
            session_words.extend_from_slice(&scratch);
            session_starts.push(session_words.len());
        }
        // Second pass: number the words in sorted order, so that words sharing a prefix are
        // neighbours, and invert into one posting list per word.
        let mut order: Vec<u32> = (0..interner.len()).filter_map(|id| u32::try_from(id).ok()).collect();
        order.sort_unstable_by(|&a, &b| interner.word(a).cmp(interner.word(b)));
        let mut rank = vec![0u32; order.len()];
        let mut text = String::new();
        let mut word_starts = vec![0u32];
        for (r, &id) in order.iter().enumerate() {
            if let Some(slot) = rank.get_mut(id as usize) {
                *slot = u32::try_from(r).unwrap_or(u32::MAX);
            }
            text.push_str(interner.word(id));
            word_starts.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        drop(interner);
        let mut counts = vec![0usize; order.len() + 1];
        for &id in &session_words {
            if let Some(count) = rank.get(id as usize).and_then(|&r| counts.get_mut(r as usize + 1)) {
                *count += 1;
            }
        }
        for r in 1..counts.len() {
            counts[r] += counts[r - 1];
        }
        let mut by_word = vec![0u32; session_words.len()];
        for (s, pair) in session_starts.windows(2).enumerate() {
            let (Some(&start), Some(&end)) = (pair.first(), pair.get(1)) else { continue };
            for &id in session_words.get(start..end).unwrap_or(&[]) {
                let Some(next) = rank.get(id as usize).and_then(|&r| counts.get_mut(r as usize)) else { continue };
                if let Some(slot) = by_word.get_mut(*next) {
                    *slot = u32::try_from(s).unwrap_or(u32::MAX);
                }
                *next += 1;
            }
        }
        drop(session_words);
        // `counts[r]` now ends word r's sessions, which ascend.
        let mut postings = Vec::with_capacity(by_word.len() * 2);
        let mut posting_starts = vec![0u32];
        let mut from = 0;
        for &to in counts.iter().take(order.len()) {
            let mut previous = 0;
            for &s in by_word.get(from..to).unwrap_or(&[]) {
                push_varint(&mut postings, s - previous);
                previous = s;
            }
            posting_starts.push(u32::try_from(postings.len()).unwrap_or(u32::MAX));
            from = to;
        }
        postings.shrink_to_fit();
        let mut index = Self { text, word_starts, postings, posting_starts, initials: Vec::new() };
        let sessions = schedule.sessions().len();
        index.initials = INITIALS.iter().map(|c| index.prefix_sessions(c.encode_utf8(&mut [0; 4]), sessions)).collect();
        index
    }

    fn len(&self) -> usize {
        self.word_starts.len().saturating_sub(1)
    }

    fn word(&self, w: usize) -> &str {
        let start = self.word_starts.get(w).copied().unwrap_or(0) as usize;
        let end = self.word_starts.get(w + 1).copied().unwrap_or(0) as usize;
        self.text.get(start..end).unwrap_or("")
    }

    /// The sessions holding, for every token, a word starting with it; `None` without tokens.
    fn sessions_with(&self, tokens: &[String], sessions: usize) -> Option<Bitset> {
        let mut result: Option<Bitset> = None;
        for token in tokens {
            let mut chars = token.chars();
            let initial = match (chars.next(), chars.next()) {
                (Some(c), None) => INITIALS.iter().position(|&i| i == c).and_then(|i| self.initials.get(i)),
                _ => None,
            };
            let set = match initial {
                Some(set) => set.clone(),
                None => self.prefix_sessions(token, sessions),
            };
            match &mut result {
                Some(all) => all.intersect(&set),
                None => result = Some(set),
            }
        }
        result
    }

    /// The sessions with a word starting with `prefix`.
    fn prefix_sessions(&self, prefix: &str, sessions: usize) -> Bitset {
        let mut set = Bitset::new(sessions);
        // Words starting with `prefix` are contiguous in sorted order.
        let start = partition_point(0, self.len(), |w| self.word(w) < prefix);
        let end = partition_point(start, self.len(), |w| self.word(w).starts_with(prefix));
        for w in start..end {
            let from = self.posting_starts.get(w).copied().unwrap_or(0) as usize;
            let to = self.posting_starts.get(w + 1).copied().unwrap_or(0) as usize;
            for_each_varint_sum(self.postings.get(from..to).unwrap_or(&[]), |s| set.insert(s));
        }
        set
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.word_starts.capacity() * 4
            + self.postings.capacity()
            + self.posting_starts.capacity() * 4
            + self.initials.iter().map(Bitset::heap_bytes).sum::<usize>()
    }
}

/// Hands out word ids in order of first appearance: a small open-addressing hash table (FNV-1a,
/// linear probing) over one string arena. Used only while building; nothing iterates the table, so
/// the index is the same on every run (a `BTreeMap` here made building 100k abstracts 3× slower).
#[derive(Debug, Default)]
struct Interner {
    arena: String,
    /// Word `id` is `arena[ends[id - 1]..ends[id]]`.
    ends: Vec<u32>,
    /// Power-of-two sized; `id + 1`, or 0 for an empty slot.
    slots: Vec<u32>,
}

impl Interner {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, id: u32) -> &str {
        let id = id as usize;
        let start = id.checked_sub(1).and_then(|p| self.ends.get(p)).copied().unwrap_or(0) as usize;
        let end = self.ends.get(id).copied().unwrap_or(0) as usize;
        self.arena.get(start..end).unwrap_or("")
    }

    fn id(&mut self, word: &str) -> u32 {
        if self.ends.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = fnv1a(word.as_bytes()) as usize & mask;
        loop {
            match self.slots.get(i).copied() {
                Some(0) | None => break,
                Some(slot) if self.word(slot - 1) == word => return slot - 1,
                Some(_) => i = (i + 1) & mask,
            }
        }
        self.arena.push_str(word);
        self.ends.push(u32::try_from(self.arena.len()).unwrap_or(u32::MAX));
        let id = u32::try_from(self.ends.len() - 1).unwrap_or(u32::MAX);
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = id + 1;
        }
        id
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![0; size];
        for id in 0..self.ends.len() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            let mut i = fnv1a(self.word(id).as_bytes()) as usize & (size - 1);
            while self.slots.get(i).is_some_and(|&slot| slot != 0) {
                i = (i + 1) & (size - 1);
            }
            if let Some(slot) = self.slots.get_mut(i) {
                *slot = id + 1;
            }
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Calls `f` with each indexable word of `text`: folded runs of letters and digits, cut to
/// [`MAX_INDEXED_WORD_CHARS`], of two chars or more, not a stop word.
fn for_each_word(text: &str, word: &mut String, mut f: impl FnMut(&str)) {
    let mut chars = 0;
    let mut flush = |word: &mut String, chars: &mut usize| {
        if *chars >= 2 && STOP_WORDS.binary_search(&word.as_str()).is_err() {
            f(word);
        }
        word.clear();
        *chars = 0;
    };
    for c in text.chars().map(fold_char) {
        if c.is_alphanumeric() {
            if chars < MAX_INDEXED_WORD_CHARS {
                word.push(c);
                chars += 1;
            }
        } else if chars > 0 {
            flush(word, &mut chars);
        }
    }
    flush(word, &mut chars);
}

/// The first index in `lo..hi` where `pred` turns false (`pred` must be true, then false).
fn partition_point(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Decodes LEB128 deltas and calls `f` with their running sums.
fn for_each_varint_sum(bytes: &[u8], mut f: impl FnMut(usize)) {
    let (mut value, mut shift, mut sum) = (0u32, 0u32, 0usize);
    for &byte in bytes {
        value |= u32::from(byte & 0x7f).wrapping_shl(shift);
        if byte & 0x80 == 0 {
            sum += value as usize;
            f(sum);
            (value, shift) = (0, 0);
        } else {
            shift += 7;
        }
    }
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
mod tests {
    use super::*;
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
            let refined = index.refine(&s, &plan, &query, now(), &previous);
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
        assert_eq!(ids(&s, live.search(&index, &s, &plan, &query, now())), ["talk", "lab", "mention"]);
        query.text = "plac".into();
        assert_eq!(live.search(&index, &s, &plan, &query, now()), index.run(&s, &plan, &query, now()));
        // Deleting a letter searches everything again.
        query.text = "pl".into();
        assert_eq!(live.search(&index, &s, &plan, &query, now()), index.run(&s, &plan, &query, now()));
        // A new pick changes a picks-only answer.
        query.filter.picks_only = true;
        assert!(live.search(&index, &s, &plan, &query, now()).is_empty());
        plan.apply(&s, Edit::Pick { session_id: SessionId::new("lab"), priority: Priority::Must }).unwrap();
        assert_eq!(ids(&s, live.search(&index, &s, &plan, &query, now())), ["lab"]);
        // Hiding the past: time going backwards brings sessions back.
        query = Query { text: "a".into(), filter: Filter { hide_past: true, ..Filter::default() } };
        let late = dt("2027-04-16 11:00");
        assert_eq!(live.search(&index, &s, &plan, &query, late), index.run(&s, &plan, &query, late));
        assert_eq!(live.search(&index, &s, &plan, &query, now()), index.run(&s, &plan, &query, now()));
        live.clear();
        assert_eq!(live.search(&index, &s, &plan, &query, now()), index.run(&s, &plan, &query, now()));
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
}
