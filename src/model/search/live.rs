//! What the search box keeps between keystrokes, and highlighting the rows drawn.

use chrono::NaiveDateTime;
use nucleo_matcher::{Matcher, Utf32Str};

use super::query::{Word, fold_char, matcher_config, matches_from_word_start, query_words};
use super::{Fork, Hit, MAX_FIELD_CHARS, Query, SearchIndex};
use crate::model::filter::Filter;
use crate::model::ids::{SessionId, SessionIdx};
use crate::model::plan::Plan;
use crate::model::schedule::Schedule;

/// Whether typing turned `old` into `new` in a way that can only remove hits: `new` continues
/// `old`, and does not give a word without letters or digits its first one (such a word cannot
/// match the abstract, the longer one can).
pub(super) fn extends(old: &str, new: &str) -> bool {
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
    pub(super) last: Option<LastSearch>,
}

#[derive(Clone, Debug)]
pub(super) struct LastSearch {
    pub(super) fingerprint: u64,
    pub(super) text: String,
    pub(super) filter: Filter,
    pub(super) now: NaiveDateTime,
    /// The plan's picks, when the filter depends on them.
    pub(super) picks: Vec<SessionId>,
    pub(super) hits: Vec<Hit>,
}

impl LiveSearch {
    /// The hits for `query`, as [`SearchIndex::run_with`] gives them, reusing the previous answer when
    /// that is exact: the same index, filter and picks, a `now` not earlier (with `hide_past`), and
    /// a text typed on from the previous one. Otherwise searches the whole schedule.
    pub fn search(
        &mut self,
        index: &SearchIndex,
        schedule: &Schedule,
        plan: &Plan,
        query: &Query,
        now: NaiveDateTime,
        fork: &dyn Fork,
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
            Some(last) if extends(&last.text, &query.text) => {
                index.refine(schedule, plan, query, now, &last.hits, fork)
            }
            _ => index.run_with(schedule, plan, query, now, fork),
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
    pub(super) words: Vec<Word>,
    pub(super) matcher: Matcher,
    pub(super) chars: Vec<char>,
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

    pub(super) fn indices(&mut self, text: &str) -> Vec<u32> {
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
