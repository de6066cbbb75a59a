//! A small scanner over a RON document's text: the raw text of each top-level field of the
//! outer struct, and whether the file holds comments. The store uses it to carry fields this
//! lanyard does not know through a save, byte for byte, and to notice comments a save would
//! drop. It understands exactly enough RON to skip what may hide brackets or comment markers:
//! strings (with escapes), raw strings, characters and comments.

/// One top-level field of a document, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawField {
    pub name: String,
    /// The value's text, from its first character to its last (comments inside kept).
    pub value: String,
}

/// What the scanner found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub fields: Vec<RawField>,
    /// The text of every comment, in order.
    pub comments: Vec<String>,
}

/// Scans `text`. Text that is not a parenthesised struct yields no fields (the typed parse
/// reports what is wrong with it; this is only ever asked about documents that parsed).
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut scan = Scan::default();
    let mut depth = 0usize;
    let mut i = 0;
    // Top-level field being read: (name, start of its value).
    let mut name_start: Option<usize> = None;
    let mut current: Option<(String, usize)> = None;
    let mut last_token_end = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                scan.comments.push(text.get(i..end).unwrap_or_default().to_owned());
                i = end;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = block_comment_end(bytes, i);
                scan.comments.push(text.get(i..end).unwrap_or_default().to_owned());
                i = end;
                continue;
            }
            quote @ (b'"' | b'\'') => {
                i = quoted_end(bytes, i, quote);
                last_token_end = i;
                continue;
            }
            b'r' if is_raw_string_start(bytes, i) => {
                i = raw_string_end(bytes, i);
                last_token_end = i;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 1
                    && let Some((name, start)) = current.take()
                {
                    push_field(&mut scan, text, name, start, last_token_end);
                }
                depth = depth.saturating_sub(1);
            }
            b',' if depth == 1 => {
                if let Some((name, start)) = current.take() {
                    push_field(&mut scan, text, name, start, last_token_end);
                }
            }
            b':' if depth == 1 && current.is_none() => {
                if let Some(name) = name_start.take().and_then(|start| text.get(start..last_token_end)) {
                    current = Some((name.trim().to_owned(), i + 1));
                }
            }
            _ if depth == 1 && current.is_none() && name_start.is_none() && is_ident_start(b) => {
                name_start = Some(i);
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            last_token_end = i + 1;
        }
        if b == b',' && depth == 1 {
            name_start = None;
        }
        i += 1;
    }
    scan
}

fn push_field(scan: &mut Scan, text: &str, name: String, start: usize, end: usize) {
    if let Some(value) = text.get(start..end.max(start)) {
        scan.fields.push(RawField { name, value: value.trim().to_owned() });
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// The end of the string or character literal opening at `start` with the quote `quote`, after
/// its closing quote (escapes skipped).
fn quoted_end(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn block_comment_end(bytes: &[u8], start: usize) -> usize {
    // RON block comments nest.
    let (mut depth, mut i) = (0usize, start);
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// `r"…"` or `r#"…"#` (an identifier such as `roster` starts with `r` too).
fn is_raw_string_start(bytes: &[u8], i: usize) -> bool {
    let before_is_ident = i > 0 && bytes.get(i - 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    if before_is_ident {
        return false;
    }
    let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
    bytes.get(i + 1 + hashes) == Some(&b'"')
}

fn raw_string_end(bytes: &[u8], start: usize) -> usize {
    let hashes = bytes[start + 1..].iter().take_while(|&&b| b == b'#').count();
    let mut i = start + 2 + hashes;
    while i < bytes.len() {
        if bytes[i] == b'"' && bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
            return i + 1 + hashes;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_comments_are_found_with_nesting_strings_and_comments_skipped() {
        let text = r##"// Lanyard plan
(
    version: 2,
    conference: "c (1), \"x\": y",
    picks: { "a": (priority: Must) }, // trailing
    /* block /* nested */ still */
    future_field: [(a: 1, b: "]"), r#"raw ) "#],
    tip: 'x',
    last: Some((x: 1))
)
"##;
        let scan = scan(text);
        let names: Vec<&str> = scan.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["version", "conference", "picks", "future_field", "tip", "last"]);
        assert_eq!(scan.fields[1].value, r#""c (1), \"x\": y""#);
        assert_eq!(scan.fields[3].value, r##"[(a: 1, b: "]"), r#"raw ) "#]"##);
        assert_eq!(scan.fields[5].value, "Some((x: 1))");
        assert_eq!(scan.comments, ["// Lanyard plan", "// trailing", "/* block /* nested */ still */"]);
    }

    #[test]
    fn junk_yields_nothing_and_never_panics() {
        for text in ["", "(", ")", "((((", "\"", "r#\"", "/*", "(a:", "(a: 1", "'", "(: 1)", "(a b: 1)"] {
            let _ = scan(text);
        }
        assert!(scan("[1, 2]").fields.is_empty());
    }
}
