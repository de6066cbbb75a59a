//! Many short strings (titles, speaker and room names) packed in two buffers, for the matcher.

use nucleo_matcher::{Matcher, Utf32Str};

use super::MAX_FIELD_CHARS;
use super::query::{ONE_LETTER_SCORE, Word, char_mask, fold_char, fuzzy_score, initials_mask, matches_from_word_start};

/// Many short strings packed in two buffers: ASCII ones as bytes, others as folded chars.
#[derive(Clone, Debug, Default)]
pub(super) struct Texts {
    ascii: Vec<u8>,
    unicode: Vec<char>,
    spans: Vec<Span>,
    /// Per text, which letters and digits it holds (see [`char_mask`]).
    masks: Vec<u64>,
    /// Per text, which letters and digits start a word of it (see [`initials_mask`]).
    initials: Vec<u64>,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Span {
    start: u32,
    len: u16,
    is_unicode: bool,
}

impl Texts {
    /// Adds `text`'s first [`MAX_FIELD_CHARS`] chars. ASCII text keeps its case (the matcher
    /// ignores it and rewards camelCase boundaries); other text is folded.
    pub(super) fn push(&mut self, text: &str) {
        self.masks.push(char_mask(text.chars().take(MAX_FIELD_CHARS).map(fold_char)));
        self.push_text(text);
        // From the text as stored, which is what the matcher sees: folded text has no capitals.
        let stored = self.get(self.spans.len().saturating_sub(1));
        self.initials.push(initials_mask(stored.chars()));
    }

    fn push_text(&mut self, text: &str) {
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

    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The `i`-th text; empty when out of range.
    pub(super) fn get(&self, i: usize) -> Utf32Str<'_> {
        let Some(span) = self.spans.get(i) else { return Utf32Str::Ascii(&[]) };
        let range = span.start as usize..span.start as usize + usize::from(span.len);
        if span.is_unicode {
            Utf32Str::Unicode(self.unicode.get(range).unwrap_or(&[]))
        } else {
            Utf32Str::Ascii(self.ascii.get(range).unwrap_or(&[]))
        }
    }

    /// The `i`-th text's letter mask and initials mask; `[0, 0]` when out of range.
    pub(super) fn masks(&self, i: usize) -> [u64; 2] {
        [self.masks.get(i).copied().unwrap_or(0), self.initials.get(i).copied().unwrap_or(0)]
    }

    /// Whether `word` may match the `i`-th text, from two masks: the letters it needs are there,
    /// and its first one starts a word. Cheap; most texts fail it.
    #[inline]
    pub(super) fn may_match(&self, i: usize, word: &Word) -> bool {
        let mask = self.masks.get(i).copied().unwrap_or(0);
        let initials = self.initials.get(i).copied().unwrap_or(0);
        mask & word.mask == word.mask && initials & word.first_bit == word.first_bit
    }

    /// The matcher's score for `word` in the `i`-th text, or `None` when it does not match there
    /// (see [`matches_from_word_start`]). Cheap checks first ([`Self::may_match`]), then the order.
    pub(super) fn score(&self, matcher: &mut Matcher, i: usize, word: &Word) -> Option<u16> {
        if !self.may_match(i, word) {
            return None;
        }
        if word.chars == 1 && word.first_bit != 0 {
            // One letter or digit that starts a word here (the initials mask says so): score it
            // as the matcher scores a word start after a space. Starts of other kinds (after a
            // sign, a capital after a small letter) would score a little less; the greedy matcher
            // itself would take the first occurrence, word start or not.
            return Some(ONE_LETTER_SCORE);
        }
        let haystack = self.get(i);
        if !matches_from_word_start(haystack, word) {
            return None;
        }
        fuzzy_score(matcher, haystack, word)
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.ascii.capacity()
            + self.unicode.capacity() * 4
            + self.spans.capacity() * size_of::<Span>()
            + (self.masks.capacity() + self.initials.capacity()) * 8
    }
}
