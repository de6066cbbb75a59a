//! Query words and the matching rule: folding, masks, and where a word may start.

use nucleo_matcher::chars::{normalize, to_lower_case};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{MAX_INDEXED_WORD_CHARS, MAX_WORD_CHARS, MAX_WORDS};

/// One query word, prepared.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub(super) needle: Needle,
    /// Letters and digits it needs (see [`char_mask`]).
    pub(super) mask: u64,
    /// The first char, when it is a letter or digit: it must start a word of the field.
    pub(super) first: Option<char>,
    /// [`char_mask`] of `first`: 0 for a letter or digit outside `a`–`z`, `0`–`9`.
    pub(super) first_bit: u64,
    /// Runs of letters and digits, cut to [`MAX_INDEXED_WORD_CHARS`], for the word index.
    pub(super) tokens: Vec<String>,
    pub(super) chars: u32,
}

#[derive(Clone, Debug)]
pub(super) enum Needle {
    Ascii(Vec<u8>),
    Unicode(Vec<char>),
}

impl Needle {
    pub(super) fn as_str(&self) -> Utf32Str<'_> {
        match self {
            Self::Ascii(bytes) => Utf32Str::Ascii(bytes),
            Self::Unicode(chars) => Utf32Str::Unicode(chars),
        }
    }
}

pub(super) fn query_words(text: &str) -> Vec<Word> {
    text.split_whitespace().take(MAX_WORDS).map(Word::new).collect()
}

impl Word {
    pub(super) fn new(raw: &str) -> Self {
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

pub(super) const GREEDY: bool = true;

/// What the matcher gives one letter at the start of a word after a space: a match (16) plus
/// twice the bonus for a word start after whitespace (2 × 10). One-letter words are scored with
/// it without calling the matcher (see `Texts::score`).
pub(super) const ONE_LETTER_SCORE: u16 = 16 + 2 * 10;

/// The matcher's score for `word` in `haystack`, or `None` when its letters are not all there in
/// order.
pub(super) fn fuzzy_score(matcher: &mut Matcher, haystack: Utf32Str<'_>, word: &Word) -> Option<u16> {
    if GREEDY {
        matcher.fuzzy_match_greedy(haystack, word.needle.as_str())
    } else {
        matcher.fuzzy_match(haystack, word.needle.as_str())
    }
}

/// Haystacks are pre-folded (see [`fold_char`]) and needles fully folded, so the matcher only
/// needs to ignore ASCII case.
pub(super) fn matcher_config() -> Config {
    let mut config = Config::DEFAULT;
    config.normalize = false;
    config.ignore_case = true;
    config
}

/// Lower-cases and strips Latin diacritics, one char for one char, so match indices in a folded
/// string are char indices in the original.
pub(super) fn fold_char(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { to_lower_case(normalize(c)) }
}

/// Bit `n` for the `n`-th of `a`–`z`, `0`–`9` among `chars` (already folded); other chars add nothing.
pub(super) fn char_mask(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0, |mask, c| match c {
        'a'..='z' => mask | 1 << (c as u32 - 'a' as u32),
        '0'..='9' => mask | 1 << (26 + c as u32 - '0' as u32),
        _ => mask,
    })
}

/// Whether the lower-case ASCII `needle` occurs in `haystack` in order, ignoring ASCII case: the
/// matcher's own prefilter without its per-letter `memchr` calls, which cost more than a plain loop
/// on strings this short.
pub(super) fn contains_in_order(haystack: &[u8], needle: &[u8]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|&n| if n.is_ascii_lowercase() { rest.any(|&h| h | 0x20 == n) } else { rest.any(|&h| h == n) })
}

/// Whether `c` starts a word after `prev`, as the matcher's bonuses see it: a letter or digit at
/// the start or after anything else, a capital after a small letter, a digit after a non-digit.
pub(super) fn starts_word(prev: Option<char>, c: char) -> bool {
    c.is_alphanumeric()
        && prev.is_none_or(|p| {
            !p.is_alphanumeric() || (p.is_lowercase() && c.is_uppercase()) || (!p.is_numeric() && c.is_numeric())
        })
}

/// [`char_mask`] of the chars that start a word of `text` (see [`starts_word`]), folded.
pub(super) fn initials_mask(text: impl Iterator<Item = char>) -> u64 {
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
pub(super) fn matches_from_word_start(haystack: Utf32Str<'_>, word: &Word) -> bool {
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
