//! The inverted word index over subtitles, abstracts and tags, and the helpers that build it.

use super::query::fold_char;
use super::{MAX_INDEXED_WORD_CHARS, STOP_WORDS};
use crate::model::filter::Bitset;
use crate::model::schedule::Schedule;

/// Which sessions hold which words in their subtitle, abstract and tags.
#[derive(Clone, Debug, Default)]
pub(super) struct WordIndex {
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
    /// The same for two-letter prefixes whose words have long posting lists (over
    /// [`PAIR_MIN_POSTING_BYTES`] bytes per session), sorted by prefix: typing a second letter
    /// would otherwise decode them on every keystroke.
    pub(super) pairs: Vec<(String, Bitset)>,
}

/// A two-letter prefix gets its own set when its words' postings take more than one byte per
/// this many sessions: decoding them then costs more than a set of one bit per session keeps.
const PAIR_MIN_POSTING_BYTES: usize = 8;

/// The characters [`WordIndex::initials`] covers, in order.
pub(super) const INITIALS: [char; 36] = [
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    'x', 'y', 'z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
];

impl WordIndex {
    pub(super) fn new(schedule: &Schedule) -> Self {
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
        let mut index = Self { text, word_starts, postings, posting_starts, initials: Vec::new(), pairs: Vec::new() };
        let sessions = schedule.sessions().len();
        index.initials = INITIALS.iter().map(|c| index.prefix_sessions(c.encode_utf8(&mut [0; 4]), sessions)).collect();
        index.pairs = index.busy_pairs(sessions);
        index
    }

    /// The two-letter prefixes worth a set of their own (see [`Self::pairs`]), with their sets.
    fn busy_pairs(&self, sessions: usize) -> Vec<(String, Bitset)> {
        let mut pairs = Vec::new();
        let mut w = 0;
        while w < self.len() {
            let word = self.word(w);
            let Some((second, c)) = word.char_indices().nth(1) else {
                w += 1;
                continue;
            };
            let pair = word.get(..second + c.len_utf8()).unwrap_or(word);
            let end = partition_point(w, self.len(), |v| self.word(v).starts_with(pair));
            let start_byte = self.posting_starts.get(w).copied().unwrap_or(0) as usize;
            let end_byte = self.posting_starts.get(end).copied().unwrap_or(0) as usize;
            if (end_byte - start_byte) * PAIR_MIN_POSTING_BYTES > sessions {
                pairs.push((pair.to_owned(), self.prefix_sessions(pair, sessions)));
            }
            w = end.max(w + 1);
        }
        pairs
    }

    pub(super) fn len(&self) -> usize {
        self.word_starts.len().saturating_sub(1)
    }

    pub(super) fn word(&self, w: usize) -> &str {
        let start = self.word_starts.get(w).copied().unwrap_or(0) as usize;
        let end = self.word_starts.get(w + 1).copied().unwrap_or(0) as usize;
        self.text.get(start..end).unwrap_or("")
    }

    /// The sessions holding, for every token, a word starting with it; `None` without tokens.
    pub(super) fn sessions_with(&self, tokens: &[String], sessions: usize) -> Option<Bitset> {
        let mut result: Option<Bitset> = None;
        for token in tokens {
            let mut chars = token.chars();
            let initial = match (chars.next(), chars.next(), chars.next()) {
                (Some(c), None, _) => INITIALS.iter().position(|&i| i == c).and_then(|i| self.initials.get(i)),
                (Some(_), Some(_), None) => self
                    .pairs
                    .binary_search_by(|(pair, _)| pair.as_str().cmp(token))
                    .ok()
                    .and_then(|i| self.pairs.get(i))
                    .map(|(_, set)| set),
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
    pub(super) fn prefix_sessions(&self, prefix: &str, sessions: usize) -> Bitset {
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

    pub(super) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.word_starts.capacity() * 4
            + self.postings.capacity()
            + self.posting_starts.capacity() * 4
            + self.initials.iter().map(Bitset::heap_bytes).sum::<usize>()
            + self.pairs.iter().map(|(pair, set)| pair.capacity() + set.heap_bytes()).sum::<usize>()
    }
}

/// Hands out word ids in order of first appearance: a small open-addressing hash table (FNV-1a,
/// linear probing) over one string arena. Used only while building; nothing iterates the table, so
/// the index is the same on every run (a `BTreeMap` here made building 100k abstracts 3× slower).
#[derive(Debug, Default)]
pub(super) struct Interner {
    arena: String,
    /// Word `id` is `arena[ends[id - 1]..ends[id]]`.
    ends: Vec<u32>,
    /// Power-of-two sized; `id + 1`, or 0 for an empty slot.
    slots: Vec<u32>,
}

impl Interner {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn word(&self, id: u32) -> &str {
        let id = id as usize;
        let start = id.checked_sub(1).and_then(|p| self.ends.get(p)).copied().unwrap_or(0) as usize;
        let end = self.ends.get(id).copied().unwrap_or(0) as usize;
        self.arena.get(start..end).unwrap_or("")
    }

    pub(super) fn id(&mut self, word: &str) -> u32 {
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

    pub(super) fn grow(&mut self) {
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

pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Calls `f` with each indexable word of `text`: folded runs of letters and digits, cut to
/// [`MAX_INDEXED_WORD_CHARS`], of two chars or more, not a stop word.
pub(super) fn for_each_word(text: &str, word: &mut String, mut f: impl FnMut(&str)) {
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
pub(super) fn partition_point(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
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

pub(super) fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Decodes LEB128 deltas and calls `f` with their running sums.
pub(super) fn for_each_varint_sum(bytes: &[u8], mut f: impl FnMut(usize)) {
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
