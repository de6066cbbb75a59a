//! Sections 1 and 2 of the iCalendar reader: unfolding physical lines into content lines, and
//! splitting content lines into names, parameters and text values.

use super::MAX_LIST_ITEMS;
use crate::io::import::ImportError;

// ---------------------------------------------------------------------------------------------
// 1. Unfolding.

/// Calls `each(line, bytes)` for every unfolded, non-empty content line, where `line` is the
/// 1-based line of the original file the content line starts on. Returns the number of the last
/// physical line. Folds (a line break followed by a space or tab) are removed byte-wise.
pub(super) fn unfold(
    bytes: &[u8],
    mut each: impl FnMut(u32, &[u8]) -> Result<(), ImportError>,
) -> Result<u32, ImportError> {
    // Files saved with classic Mac line endings have no `\n` at all.
    let terminator = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    let mut current = Vec::new();
    let mut current_line = 0_u32;
    let mut last_line = 0_u32;
    for (index, raw) in bytes.split(|&b| b == terminator).enumerate() {
        last_line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let physical = trim_trailing_cr(raw);
        if physical.is_empty() {
            // Blank lines are not content; skipping them also heals folds in files with doubled
            // line endings (`\r\r\n`).
            continue;
        }
        match physical.split_first() {
            Some((b' ' | b'\t', rest)) if current_line != 0 => current.extend_from_slice(rest),
            _ => {
                if current_line != 0 {
                    each(current_line, &current)?;
                }
                current.clear();
                current.extend_from_slice(physical);
                current_line = last_line;
            }
        }
    }
    if current_line != 0 {
        each(current_line, &current)?;
    }
    Ok(last_line)
}

pub(super) fn trim_trailing_cr(mut line: &[u8]) -> &[u8] {
    while let Some(rest) = line.strip_suffix(b"\r") {
        line = rest;
    }
    line
}

// ---------------------------------------------------------------------------------------------
// 2. Content lines and text values.

/// `NAME;PARAM=VALUE;...:VALUE`, split but not yet interpreted.
pub(super) struct ContentLine<'a> {
    /// Upper-cased: property names are case-insensitive in practice.
    pub(super) name: String,
    pub(super) params: &'a str,
    pub(super) value: &'a str,
}

impl<'a> ContentLine<'a> {
    /// `None` for lines that are not content lines (no colon, or a name with spaces or
    /// punctuation): usually the raw continuation of a value written without escaping.
    pub(super) fn parse(line: &'a str) -> Option<Self> {
        let name_end = line.find([';', ':'])?;
        let name = line.get(..name_end)?.trim();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return None;
        }
        let rest = line.get(name_end..)?;
        let (params, value) = match rest.strip_prefix(':') {
            Some(value) => ("", value),
            None => {
                let colon = value_colon(rest)?;
                (rest.get(1..colon)?, rest.get(colon + 1..)?)
            }
        };
        Some(Self { name: name.to_ascii_uppercase(), params, value })
    }

    /// The value of parameter `key` (case-insensitive), unquoted and RFC 6868-decoded.
    pub(super) fn param(&self, key: &str) -> Option<String> {
        let mut in_quotes = false;
        let pieces = self.params.split(|c: char| {
            if c == '"' {
                in_quotes = !in_quotes;
            }
            c == ';' && !in_quotes
        });
        for piece in pieces {
            if let Some((name, value)) = piece.split_once('=')
                && name.trim().eq_ignore_ascii_case(key)
            {
                return Some(decode_param(value));
            }
        }
        None
    }
}

/// The colon that ends the parameters: the first one outside double quotes, or failing that
/// (an unbalanced quote) the first one at all.
pub(super) fn value_colon(rest: &str) -> Option<usize> {
    let mut in_quotes = false;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b':' if !in_quotes => return Some(i),
            _ => {}
        }
    }
    rest.find(':')
}

pub(super) fn decode_param(value: &str) -> String {
    let value = value.trim();
    let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    if !value.contains('^') {
        return value.to_owned();
    }
    // RFC 6868: ^n is a line break, ^' a double quote, ^^ a caret.
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '^' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some('\'') => out.push('"'),
            Some('^') | None => out.push('^'),
            Some(other) => {
                out.push('^');
                out.push(other);
            }
        }
    }
    out
}

/// Undoes RFC 5545 TEXT escaping: `\,` `\;` `\\` `\n` `\N`, and the common but invalid `\:`.
/// Unknown escapes are kept as written.
pub(super) fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ',' | ';' | ':')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a TEXT list (`CATEGORIES:Rust,Web\, Mobile`) on unescaped commas; items are
/// unescaped and trimmed, empty ones dropped.
pub(super) fn split_list(raw: &str, out: &mut Vec<String>) {
    let mut start = 0;
    let mut escaped = false;
    // Looking at a bounded number of items keeps hostile lists (`a,a,a,…` for megabytes) linear.
    let mut budget = 4 * MAX_LIST_ITEMS;
    let mut push = |piece: &str, out: &mut Vec<String>| {
        budget = budget.saturating_sub(1);
        let item = one_line(&unescape(piece));
        if !item.is_empty() && !out.contains(&item) && out.len() < MAX_LIST_ITEMS {
            out.push(item);
        }
        budget > 0 && out.len() < MAX_LIST_ITEMS
    };
    for (i, c) in raw.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                if !push(raw.get(start..i).unwrap_or_default(), out) {
                    return;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    push(raw.get(start..).unwrap_or_default(), out);
}

/// Text for a single-line field (title, room): control characters become spaces, runs of
/// whitespace collapse, ends are trimmed.
pub(super) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Text for a multi-line field: control characters other than line breaks and tabs are dropped.
pub(super) fn multi_line(text: &str) -> String {
    text.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect()
}

/// At most 60 characters of `text`, for warning messages.
pub(super) fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

pub(super) fn is_true(value: &str) -> bool {
    matches!(value.trim().to_ascii_uppercase().as_str(), "TRUE" | "YES" | "1")
}
