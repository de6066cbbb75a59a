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
//! - A session matches when *every* word matches one of its fields: fuzzily in the title, a
//!   speaker's name or the room name, that is its first letter starting a word there and the rest
//!   following in order, gaps allowed (`okf` finds Okafor, `hmx` HTMX, `wasm` WebAssembly: a
//!   capital after a small letter, or a digit after a non-digit, starts a word too); or as the
//!   start of a word of the subtitle, abstract or tags. Letters strewn anywhere (`p` in "Ample")
//!   do not count: one or two typed letters would otherwise match nearly every session. A word
//!   starting with a sign (`#rust`, `.net`) may start anywhere. Abstracts are long prose in which
//!   almost any three letters occur in order, so fuzzy matching them would only add noise. Very common English words
//!   (`the`, `and`, …) are not indexed; a query word without letters or digits never matches there.
//!
//! How hits are ordered (see [`Hit::score`]):
//! 1. More query words matched in the title, a speaker or the room beat fewer: a title match always
//!    ranks above a session that only mentions the words in its abstract.
//! 2. Then the quality of the match, summed over the query words: the matcher's score, where
//!    word starts and consecutive letters beat scattered ones, so typing the start of a speaker's
//!    surname beats the same letters strewn through a title. Only between equally good matches does
//!    the field decide: title, then speaker, then room. A word found in the abstract scores
//!    [`ABSTRACT_POINTS_PER_CHAR`] per character. A one-letter word scores the same wherever it
//!    starts a word (what the matcher gives a word start after a space), without calling it.
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
    /// Per session: the letter masks ([`char_mask`]) and the word-initial masks
    /// ([`initials_mask`]) of its title, speakers and room together. A query word whose letters
    /// or first letter are missing from these can only match the session's abstract, which is
    /// one bit to test: for a short query, that is most sessions.
    primary_masks: Vec<[u64; 2]>,
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
        let primary_masks = (0..sessions.len())
            .map(|i| {
                let start = speaker_starts.get(i).copied().unwrap_or(0) as usize;
                let end = speaker_starts.get(i + 1).copied().unwrap_or(0) as usize;
                let room = session_rooms.get(i).copied().unwrap_or(NO_ROOM) as usize;
                let names = session_speakers.get(start..end).unwrap_or(&[]).iter().map(|&s| speakers.masks(s as usize));
                [titles.masks(i), rooms.masks(room)]
                    .into_iter()
                    .chain(names)
                    .fold([0, 0], |[a, b], [c, d]| [a | c, b | d])
            })
            .collect();
        Self {
            sessions: sessions.len(),
            fingerprint: fingerprint(schedule),
            titles,
            speakers,
            speaker_starts,
            session_speakers,
            rooms,
            session_rooms,
            primary_masks,
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
            + self.primary_masks.capacity() * 16
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
        if candidates.len() > self.sessions / 2 {
            // Checking most of the schedule from a list costs more than checking all of it.
            return self.run(schedule, plan, query, now);
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
        if words.is_empty() {
            return candidates.filter(|&i| passes(i)).map(|i| Hit { session: idx(i), score: 0, field: None }).collect();
        }
        // Hits matching a word in a title, speaker or room rank above all others (their scores
        // are at least `PRIMARY_TIER`). Sorting the two kinds apart is the same order, and cheaper:
        // the others, usually most hits of a short query, often share one score and need no pass.
        let mut primary: Vec<Hit> = Vec::new();
        let mut others: Vec<Hit> = Vec::with_capacity(count);
        let mut scorer = Scorer::new(self, &words, count);
        for i in candidates {
            if passes(i)
                && let Some((score, field)) = scorer.score_quickly(i)
            {
                let hit = Hit { session: idx(i), score, field: Some(field) };
                if score >= PRIMARY_TIER { primary.push(hit) } else { others.push(hit) }
            }
        }
        let mut hits = sort_by_score(primary);
        hits.extend_from_slice(&sort_by_score(others));
        hits
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
    if counts.iter().all(|count| count.contains(&hits.len())) {
        return hits; // one score: already in order
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
    /// The first char, when it is a letter or digit: it must start a word of the field.
    first: Option<char>,
    /// [`char_mask`] of `first`: 0 for a letter or digit outside `a`–`z`, `0`–`9`.
    first_bit: u64,
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
        let first = folded.first().copied().filter(|c| c.is_alphanumeric());
        Self {
            mask: char_mask(folded.iter().copied()),
            first,
            first_bit: char_mask(first.into_iter()),
            chars: u32::try_from(folded.len()).unwrap_or(u32::MAX),
            needle,
            tokens,
        }
    }
}

/// Scores sessions against the words of one query.
struct Scorer<'a> {
    index: &'a SearchIndex,
    matcher: Matcher,
    words: Vec<Prepared<'a>>,
    /// The score of a session whose abstract alone holds every word.
    abstract_only: u32,
}

/// One query word with what was worked out for it before visiting the sessions.
struct Prepared<'a> {
    word: &'a Word,
    /// The distinct speakers' scores. `None` when there are too few candidates for the table to
    /// pay off; speakers are then matched one by one.
    speakers: Option<Table>,
    /// The rooms' scores.
    rooms: Table,
    /// The sessions whose abstract has it; `None` for a word without letters or digits.
    abstracts: Option<Bitset>,
    /// Its score when found in an abstract.
    abstract_points: u32,
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
        let use_tables = candidates > index.speakers.len();
        let words = words
            .iter()
            .map(|word| Prepared {
                word,
                speakers: use_tables.then(|| Table::new(&mut matcher, &index.speakers, word)),
                rooms: Table::new(&mut matcher, &index.rooms, word),
                abstracts: index.words.sessions_with(&word.tokens, index.sessions),
                abstract_points: word.chars.saturating_mul(ABSTRACT_POINTS_PER_CHAR),
            })
            .collect::<Vec<_>>();
        let abstract_only = words.iter().fold(0u32, |sum, p| sum.saturating_add(p.abstract_points));
        Self { index, matcher, words, abstract_only }
    }

    /// [`Self::score`], answered from masks and abstract bits alone when no word can match the
    /// session's title, speakers or room: then every word must be in its abstract, and the score
    /// is their fixed abstract points.
    #[inline]
    fn score_quickly(&mut self, i: usize) -> Option<(u32, Field)> {
        let [letters, initials] = self.index.primary_masks.get(i).copied().unwrap_or([u64::MAX; 2]);
        let primary_possible = self
            .words
            .iter()
            .any(|p| letters & p.word.mask == p.word.mask && initials & p.word.first_bit == p.word.first_bit);
        if primary_possible {
            return self.score(i);
        }
        let in_abstracts = self.words.iter().all(|p| p.abstracts.as_ref().is_some_and(|set| set.contains(i)));
        in_abstracts.then_some((self.abstract_only, Field::Abstract))
    }

    /// The score and best field of session `i`, or `None` if some word matches nowhere. Points
    /// are never 0 for a match (matcher points carry a field bonus, abstract points are at least
    /// [`ABSTRACT_POINTS_PER_CHAR`]), so 0 stands for "no match" in this hot loop.
    fn score(&mut self, i: usize) -> Option<(u32, Field)> {
        let index = self.index;
        let speakers = index.session_speakers(i);
        let room = index.session_rooms.get(i).copied().unwrap_or(NO_ROOM) as usize;
        let (mut total, mut best, mut best_field) = (0u32, 0u32, Field::Abstract);
        for prepared in &self.words {
            let (mut points, mut field) = (0u32, Field::Abstract);
            let mut consider = |score: u16, bonus: u32, candidate: Field| {
                let p = u32::from(score) * SCALE + bonus;
                if p > points {
                    (points, field) = (p, candidate);
                }
            };
            if index.titles.may_match(i, prepared.word)
                && let Some(score) = index.titles.score(&mut self.matcher, i, prepared.word)
            {
                consider(score, BONUS_TITLE, Field::Title);
            }
            for &speaker in speakers {
                let score = match &prepared.speakers {
                    Some(table) => table.get(speaker as usize),
                    None => index.speakers.score(&mut self.matcher, speaker as usize, prepared.word),
                };
                if let Some(score) = score {
                    consider(score, BONUS_SPEAKER, Field::Speaker);
                }
            }
            if let Some(score) = prepared.rooms.get(room) {
                consider(score, BONUS_ROOM, Field::Room);
            }
            if points > 0 {
                points += PRIMARY_TIER;
            } else if prepared.abstracts.as_ref().is_some_and(|set| set.contains(i)) {
                points = prepared.abstract_points;
            } else {
                return None;
            }
            if points > best {
                (best, best_field) = (points, field);
            }
            total = total.saturating_add(points);
        }
        Some((total, best_field))
    }
}

const GREEDY: bool = true;

/// What the matcher gives one letter at the start of a word after a space: a match (16) plus
/// twice the bonus for a word start after whitespace (2 × 10). One-letter words are scored with
/// it without calling the matcher (see `Texts::score`).
const ONE_LETTER_SCORE: u16 = 16 + 2 * 10;

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

/// Whether `c` starts a word after `prev`, as the matcher's bonuses see it: a letter or digit at
/// the start or after anything else, a capital after a small letter, a digit after a non-digit.
fn starts_word(prev: Option<char>, c: char) -> bool {
    c.is_alphanumeric()
        && prev.is_none_or(|p| {
            !p.is_alphanumeric() || (p.is_lowercase() && c.is_uppercase()) || (!p.is_numeric() && c.is_numeric())
        })
}

/// [`char_mask`] of the chars that start a word of `text` (see [`starts_word`]), folded.
fn initials_mask(text: impl Iterator<Item = char>) -> u64 {
    let mut prev = None;
    let mut mask = 0;
    for c in text {
        if starts_word(prev, c) {
            mask |= char_mask(std::iter::once(fold_char(c)));
        }
        prev = Some(c);
    }
    mask
}

/// Whether `word` can match `haystack` by the search's rule: its first letter or digit starting
/// a word, the rest of its letters following in order. A word starting with a sign may start
/// anywhere. Case-insensitive for ASCII; other haystack chars must be folded already.
fn matches_from_word_start(haystack: Utf32Str<'_>, word: &Word) -> bool {
    match (haystack, &word.needle) {
        (Utf32Str::Ascii(haystack), Needle::Ascii(needle)) => {
            let Some((&first, rest)) = needle.split_first() else { return true };
            if !first.is_ascii_alphanumeric() {
                return contains_in_order(haystack, needle);
            }
            // `first` is a lower-case letter or a digit; `| 0x20` also lower-cases the haystack.
            let start = haystack.iter().enumerate().position(|(k, &h)| {
                h | 0x20 == first
                    && h.is_ascii_alphanumeric()
                    && k.checked_sub(1).and_then(|p| haystack.get(p)).is_none_or(|&p| {
                        !p.is_ascii_alphanumeric()
                            || (p.is_ascii_lowercase() && h.is_ascii_uppercase())
                            || (!p.is_ascii_digit() && h.is_ascii_digit())
                    })
            });
            start.is_some_and(|k| contains_in_order(haystack.get(k + 1..).unwrap_or(&[]), rest))
        }
        (haystack, needle) => {
            let in_order = |from: usize| {
                let mut rest = haystack.slice(from..).chars().map(fold_char);
                needle.as_str().chars().all(|n| rest.any(|h| h == n))
            };
            let Some(first) = word.first else { return in_order(0) };
            let mut prev = None;
            for (k, c) in haystack.chars().enumerate() {
                if fold_char(c) == first && starts_word(prev, c) {
                    return in_order(k);
                }
                prev = Some(c);
            }
            false
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
            if matches_from_word_start(haystack, word) {
                self.matcher.fuzzy_indices(haystack, word.needle.as_str(), &mut indices);
            }
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

#[cfg(test)]
mod tests;
