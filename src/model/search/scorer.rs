//! Scoring one query over many sessions, and ordering the hits.

use nucleo_matcher::Matcher;

use super::query::{Word, matcher_config};
use super::texts::Texts;
use super::{
    ABSTRACT_POINTS_PER_CHAR, BONUS_ROOM, BONUS_SPEAKER, BONUS_TITLE, Field, Hit, NO_ROOM, PRIMARY_TIER, SCALE,
    SearchIndex,
};
use crate::model::filter::Bitset;

/// Sorts hits that are in schedule order by descending score, keeping schedule order among equal
/// scores: a stable LSD radix sort on the score bytes, skipping bytes all hits share. Linear, which
/// matters when a one-letter query hits every session.
pub(super) fn sort_by_score(mut hits: Vec<Hit>) -> Vec<Hit> {
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

/// Scores sessions against the words of one query, prepared by [`prepare`]. One per thread: the
/// matcher is its own, the prepared words are shared.
pub(super) struct Scorer<'a> {
    pub(super) index: &'a SearchIndex,
    pub(super) matcher: Matcher,
    pub(super) words: &'a [Prepared<'a>],
    /// The score of a session whose abstract alone holds every word.
    pub(super) abstract_only: u32,
}

/// One query word with what was worked out for it before visiting the sessions.
pub(super) struct Prepared<'a> {
    pub(super) word: &'a Word,
    /// The distinct speakers' scores. `None` when there are too few candidates for the table to
    /// pay off; speakers are then matched one by one.
    pub(super) speakers: Option<Table>,
    /// The rooms' scores.
    pub(super) rooms: Table,
    /// The sessions whose abstract has it; `None` for a word without letters or digits.
    pub(super) abstracts: Option<Bitset>,
    /// Its score when found in an abstract.
    pub(super) abstract_points: u32,
}

/// One word's scores over all entries of a [`Texts`].
pub(super) struct Table {
    /// Which entries match: small enough to stay in the fastest cache, so that looking up a
    /// speaker who does not match (most of them) costs no trip to memory.
    pub(super) matches: Bitset,
    pub(super) scores: Vec<u16>,
}

impl Table {
    pub(super) fn new(matcher: &mut Matcher, texts: &Texts, word: &Word) -> Self {
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

    pub(super) fn get(&self, i: usize) -> Option<u16> {
        if self.matches.contains(i) { self.scores.get(i).copied() } else { None }
    }
}

/// What scoring `words` over `candidates` sessions needs, worked out once per query (and shared
/// by the threads of a split search): the speaker and room tables, the sessions whose abstract
/// has each word.
pub(super) fn prepare<'a>(index: &'a SearchIndex, words: &'a [Word], candidates: usize) -> Vec<Prepared<'a>> {
    let mut matcher = Matcher::new(matcher_config());
    let use_tables = candidates > index.speakers.len();
    words
        .iter()
        .map(|word| Prepared {
            word,
            speakers: use_tables.then(|| Table::new(&mut matcher, &index.speakers, word)),
            rooms: Table::new(&mut matcher, &index.rooms, word),
            abstracts: index.words.sessions_with(&word.tokens, index.sessions),
            abstract_points: word.chars.saturating_mul(ABSTRACT_POINTS_PER_CHAR),
        })
        .collect()
}

impl<'a> Scorer<'a> {
    pub(super) fn new(index: &'a SearchIndex, words: &'a [Prepared<'a>]) -> Self {
        let abstract_only = words.iter().fold(0u32, |sum, p| sum.saturating_add(p.abstract_points));
        Self { index, matcher: Matcher::new(matcher_config()), words, abstract_only }
    }

    /// [`Self::score`], answered from masks and abstract bits alone when no word can match the
    /// session's title, speakers or room: then every word must be in its abstract, and the score
    /// is their fixed abstract points.
    #[inline]
    pub(super) fn score_quickly(&mut self, i: usize) -> Option<(u32, Field)> {
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
    pub(super) fn score(&mut self, i: usize) -> Option<(u32, Field)> {
        let index = self.index;
        let speakers = index.session_speakers(i);
        let room = index.session_rooms.get(i).copied().unwrap_or(NO_ROOM) as usize;
        let (mut total, mut best, mut best_field) = (0u32, 0u32, Field::Abstract);
        for prepared in self.words {
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
