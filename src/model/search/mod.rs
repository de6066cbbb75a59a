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
//! Pure: no clock (`now` is a parameter), no threads, no panics on any query text. A large search
//! can still use two cores: given a [`Fork`] that runs two pieces of work at once (the app lends
//! one, `app::SecondThread`), [`SearchIndex::run_with`] scores the two halves of the candidates,
//! in schedule order, apart; the hits are the same as on one.
//!
//! Layout: this file holds the index and the entry points; `query.rs` the query words and the
//! matching rule; `scorer.rs` scoring and ordering; `texts.rs` and `words.rs` the index's packed
//! names and its word index over abstracts; `live.rs` the search box's memory and highlighting.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::filter::{Bitset, CompiledFilter, Filter};
use super::ids::SessionIdx;
use super::plan::Plan;
use super::schedule::Schedule;
pub use live::{Highlighter, Highlights, LiveSearch};
use query::query_words;
use scorer::{Scorer, sort_by_score};
use texts::Texts;
use words::WordIndex;

mod live;
mod query;
mod scorer;
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

/// Searches over at least this many candidate sessions are worth splitting between two threads:
/// at about 40 ns a session, 0.8 ms of work against some 50 µs to start a thread.
pub const SPLIT_FROM: usize = 20_000;

/// Runs two pieces of work, maybe at once: how is the caller's. The model has no threads of its
/// own; the app lends it a second one, and [`OneThread`] runs the two one after the other.
pub trait Fork: Sync {
    /// Splits searches over at least this many candidates; `usize::MAX`: never.
    fn split_from(&self) -> usize;
    /// Runs `first` and `second` and returns when both are done.
    fn both(&self, first: &mut (dyn FnMut() + Send), second: &mut (dyn FnMut() + Send));
}

/// A [`Fork`] that never splits.
pub struct OneThread;

impl Fork for OneThread {
    fn split_from(&self) -> usize {
        usize::MAX
    }

    fn both(&self, first: &mut (dyn FnMut() + Send), second: &mut (dyn FnMut() + Send)) {
        first();
        second();
    }
}

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
        self.run_with(schedule, plan, query, now, &OneThread)
    }

    /// [`Self::run`], splitting a large search in two halves that `fork` may run at once.
    pub fn run_with(
        &self,
        schedule: &Schedule,
        plan: &Plan,
        query: &Query,
        now: NaiveDateTime,
        fork: &dyn Fork,
    ) -> Vec<Hit> {
        if !self.fits(schedule) {
            return Vec::new();
        }
        let filter = query.filter.compile(schedule, plan, now);
        let ranges = filter.ranges();
        let count = ranges.iter().map(ExactSizeIterator::len).sum();
        self.evaluate(schedule, &filter, &query.text, || ranges.iter().cloned().flatten(), count, fork)
    }

    /// Like [`Self::run`], but only considers the sessions in `candidates`. Gives the same hits as
    /// `run` when `candidates` are the hits of an earlier query with the same filter, the same or
    /// an earlier `now`, and a text that `query.text` extends by typing on (see
    /// [`LiveSearch`], which checks this): every hit of the longer text is a hit of the shorter.
    /// Like [`Self::run_with`], a large search is split in two halves that `fork` may run at once.
    pub fn refine(
        &self,
        schedule: &Schedule,
        plan: &Plan,
        query: &Query,
        now: NaiveDateTime,
        candidates: &[Hit],
        fork: &dyn Fork,
    ) -> Vec<Hit> {
        if !self.fits(schedule) {
            return Vec::new();
        }
        if candidates.len() > self.sessions / 2 {
            // Checking most of the schedule from a list costs more than checking all of it.
            return self.run_with(schedule, plan, query, now, fork);
        }
        let filter = query.filter.compile(schedule, plan, now);
        // Visit the candidates in schedule order: memory is read front to back, and equal scores
        // come out in schedule order without a comparison sort.
        let mut set = Bitset::new(self.sessions);
        for hit in candidates {
            set.insert(hit.session.index());
        }
        self.evaluate(schedule, &filter, &query.text, || set.iter(), candidates.len(), fork)
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

    /// Scores every candidate index passing `filter`, then sorts. `candidates` gives the same
    /// `count` ascending indices each time it is called; a large search calls it once per half.
    fn evaluate<I: Iterator<Item = usize>>(
        &self,
        schedule: &Schedule,
        filter: &CompiledFilter,
        text: &str,
        candidates: impl Fn() -> I + Sync,
        count: usize,
        fork: &dyn Fork,
    ) -> Vec<Hit> {
        let words = query_words(text);
        let sessions = schedule.sessions();
        let everything = filter.is_everything();
        let passes = |i: usize| everything || sessions.get(i).is_some_and(|s| filter.passes_all(i, s));
        if words.is_empty() {
            return candidates()
                .filter(|&i| passes(i))
                .map(|i| Hit { session: idx(i), score: 0, field: None })
                .collect();
        }
        let prepared = scorer::prepare(self, &words, count);
        let [primary, others] = if count >= fork.split_from() {
            // Each half comes out in schedule order, so joining them gives what one pass would.
            let half = count / 2;
            let first_half = || self.score_all(&prepared, candidates().take(half), half, &passes);
            let second_half = || self.score_all(&prepared, candidates().skip(half), count - half, &passes);
            let (mut first, mut second) = (None, None);
            fork.both(&mut || first = Some(first_half()), &mut || second = Some(second_half()));
            // A fork that skipped a piece of work only costs time: it is done here.
            let [mut primary, mut others] = first.unwrap_or_else(first_half);
            let [more_primary, more_others] = second.unwrap_or_else(second_half);
            primary.extend_from_slice(&more_primary);
            others.extend_from_slice(&more_others);
            [primary, others]
        } else {
            self.score_all(&prepared, candidates(), count, &passes)
        };
        let mut hits = sort_by_score(primary);
        hits.extend_from_slice(&sort_by_score(others));
        hits
    }

    /// The hits among `candidates` (in schedule order) that pass, split by tier: those matching a
    /// word in a title, speaker or room (scores of at least `PRIMARY_TIER`, ranked above all
    /// others), and the rest. Sorting the two apart gives the same order, and is cheaper: the
    /// others, usually most hits of a short query, often share one score and need no pass.
    fn score_all(
        &self,
        prepared: &[scorer::Prepared<'_>],
        candidates: impl Iterator<Item = usize>,
        count: usize,
        passes: &impl Fn(usize) -> bool,
    ) -> [Vec<Hit>; 2] {
        let mut primary: Vec<Hit> = Vec::new();
        let mut others: Vec<Hit> = Vec::with_capacity(count);
        let mut scorer = Scorer::new(self, prepared);
        for i in candidates {
            if passes(i)
                && let Some((score, field)) = scorer.score_quickly(i)
            {
                let hit = Hit { session: idx(i), score, field: Some(field) };
                if score >= PRIMARY_TIER { primary.push(hit) } else { others.push(hit) }
            }
        }
        [primary, others]
    }

    fn session_speakers(&self, i: usize) -> &[u32] {
        let start = self.speaker_starts.get(i).copied().unwrap_or(0) as usize;
        let end = self.speaker_starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.session_speakers.get(start..end).unwrap_or(&[])
    }
}

fn idx(i: usize) -> SessionIdx {
    SessionIdx(u32::try_from(i).unwrap_or(u32::MAX))
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

#[cfg(test)]
mod tests;
