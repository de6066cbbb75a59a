//! Helpers every importer needs: stable session ids, durations, HTML to text, date-times with
//! offsets, and zones. Pure functions; importers stay small.

use chrono::{DateTime, FixedOffset, NaiveDateTime, NaiveTime};

use crate::model::{Zone, time::resolve_local};

/// The stable id of an imported session: the guid when present, else the event id, else a hash
/// of (title, first speaker) so a re-import of the same talk finds the same id. Ids are
/// [`clean_id`]ed first; one that is empty after that counts as absent.
pub fn stable_id(guid: Option<&str>, id: Option<&str>, title: &str, first_speaker: Option<&str>) -> String {
    let clean = |s: Option<&str>| s.map(clean_id).filter(|s| !s.is_empty());
    clean(guid).or_else(|| clean(id)).unwrap_or_else(|| content_id(title, first_speaker.unwrap_or("")))
}

/// An id as lanyard keeps it: without control characters, trimmed. No iCalendar text value can
/// carry a control character, so an id holding one would not survive an export and re-import
/// (found by fuzzing `ics_roundtrip`); real ids never hold one.
pub fn clean_id(id: &str) -> String {
    id.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned()
}

/// `h-` and 16 hex digits of FNV-1a over the normalised title and speaker: stable across runs,
/// platforms and versions.
pub fn content_id(title: &str, speaker: &str) -> String {
    let normalised = format!("{}\u{1f}{}", title.trim().to_lowercase(), speaker.trim().to_lowercase());
    let hash =
        normalised.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("h-{hash:016x}")
}

/// Parses a frab/pretalx duration: `HH:MM`, `H:MM:SS` (seconds rounded up), or plain minutes.
/// Hours may exceed 24 (`26:00`). `None` for anything else, including negatives.
pub fn parse_duration_mins(text: &str) -> Option<u32> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(':').collect();
    let number = |s: &str| -> Option<u32> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    match parts.as_slice() {
        [minutes] => number(minutes),
        [h, m] => number(h)?.checked_mul(60)?.checked_add(number(m)?),
        [h, m, s] => {
            let seconds = number(s)?;
            number(h)?.checked_mul(60)?.checked_add(number(m)?)?.checked_add(u32::from(seconds > 0))
        }
        _ => None,
    }
}

/// Parses an ISO 8601 date-time with an offset: `2027-02-06T10:30:00+01:00`,
/// `2027-02-06T10:30+01:00`, `2027-02-06T09:30:00Z`, or with a space instead of `T`.
pub fn parse_datetime_with_offset(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
}

/// The wall-clock time of an instant in the conference zone. Floating zones keep the instant's
/// own wall-clock time (its offset is the best hint there is).
pub fn wall_clock(instant: DateTime<FixedOffset>, zone: Zone) -> NaiveDateTime {
    match zone.tz() {
        Some(tz) => instant.with_timezone(&tz).naive_local(),
        None => instant.naive_local(),
    }
}

/// An IANA zone with a fixed offset, for files that give offsets but no zone name: `+01:00` is
/// `Etc/GMT-1` (the sign is inverted by POSIX convention). Only whole hours have such zones.
pub fn fixed_offset_zone(offset: FixedOffset) -> Option<Zone> {
    let seconds = offset.local_minus_utc();
    if seconds % 3600 != 0 {
        return None;
    }
    let hours = -seconds / 3600;
    let name = match hours {
        0 => "Etc/UTC".to_owned(),
        h if h > 0 => format!("Etc/GMT+{h}"),
        h => format!("Etc/GMT{h}"),
    };
    Zone::from_iana(&name)
}

/// Whether a naive time in `zone` is the same instant as `instant`: used to decide whether a
/// file's `start` and `date` agree.
pub fn same_instant(local: NaiveDateTime, zone: Zone, instant: DateTime<FixedOffset>) -> bool {
    match zone.tz() {
        Some(tz) => resolve_local(tz, local) == instant,
        None => local == instant.naive_local(),
    }
}

/// The latest `day_change` taken as written. frab and c3voc use it to mean "events before this
/// belong to the previous day" (CCC: 04:00); FOSDEM writes 09:00, the start of its programme. An
/// event listed at 01:30 is after midnight either way, but one at 08:30 is early that morning,
/// not on the next calendar day: past this hour a `day_change` is capped here.
pub const LATEST_NIGHT_DAY_CHANGE_HOUR: u32 = 6;

/// `day_change` as lanyard uses it: as written up to 06:00, else 06:00.
pub fn night_day_change(day_change: NaiveTime) -> NaiveTime {
    let latest = NaiveTime::from_hms_opt(LATEST_NIGHT_DAY_CHANGE_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    day_change.min(latest)
}

/// A folder- and URL-friendly id from an acronym or title: lower case, ASCII letters and digits,
/// runs of anything else become one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "conference".to_owned() } else { out }
}

/// Turns the HTML that abstracts often hold into readable plain text: block tags become line
/// breaks, list items get bullets, entities are decoded, other tags dropped, and runs of blank
/// lines collapsed. Text that is not HTML comes back unchanged apart from trimming.
pub fn html_to_text(html: &str) -> String {
    // `<` and `&` are ASCII, so a vectorised byte search finds them without decoding chars.
    let markup = |s: &str| memchr::memchr2(b'<', b'&', s.as_bytes());
    if markup(html).is_none() {
        return html.trim().to_owned();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = markup(rest) {
        out.push_str(rest.get(..start).unwrap_or_default());
        let tail = rest.get(start..).unwrap_or_default();
        if tail.starts_with('<') {
            let Some(end) = memchr::memchr(b'>', tail.as_bytes()) else {
                out.push_str(tail);
                rest = "";
                break;
            };
            let tag = tail.get(1..end).unwrap_or_default().trim();
            let closing = tag.starts_with('/');
            let name = tag.trim_start_matches('/');
            let name = name.get(..name.bytes().take_while(u8::is_ascii_alphanumeric).count()).unwrap_or_default();
            let is = |names: &[&str]| names.iter().any(|n| name.eq_ignore_ascii_case(n));
            if is(&["br"]) {
                out.push('\n');
            } else if is(&[
                "p",
                "div",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "ul",
                "ol",
                "blockquote",
                "pre",
                "table",
                "tr",
            ]) {
                out.push_str("\n\n");
            } else if !closing && is(&["li"]) {
                out.push_str("\n• ");
            }
            rest = tail.get(end + 1..).unwrap_or_default();
        } else {
            // Entities are short: look for the `;` in the next few bytes only, or a run of `&`
            // in hostile input would make this quadratic.
            let end = tail.bytes().take(11).position(|b| b == b';');
            match end.and_then(|e| decode_entity(tail.get(1..e).unwrap_or_default())) {
                Some(c) => {
                    out.push(c);
                    rest = tail.get(end.unwrap_or(0) + 1..).unwrap_or_default();
                }
                None => {
                    out.push('&');
                    rest = tail.get(1..).unwrap_or_default();
                }
            }
        }
    }
    out.push_str(rest);
    tidy_whitespace(&out)
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "eacute" => 'é',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "copy" => '©',
        _ => return None,
    })
}

/// Trims each line, collapses the whitespace inside it to single spaces, keeps at most one blank
/// line between paragraphs, and trims the whole.
fn tidy_whitespace(text: &str) -> String {
    // Abstracts are most of an import's text, and most of their lines are tidy already: those
    // are found with a branch-free scan and copied whole. Other lines are walked byte by byte,
    // copying whole words (decoding every char, as `split_whitespace` does, was most of
    // `html_to_text`'s time).
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    let mut start = 0;
    while start <= text.len() {
        let end =
            memchr::memchr(b'\n', text.as_bytes().get(start..).unwrap_or_default()).map_or(text.len(), |n| start + n);
        let line = text.get(start..end).unwrap_or_default();
        let mut first_word = true;
        let mut word = |out: &mut String, word: &str| {
            if !first_word {
                out.push(' ');
            } else if !out.is_empty() {
                out.push_str(if blank { "\n\n" } else { "\n" });
            }
            first_word = false;
            out.push_str(word);
        };
        if is_tidy(line.as_bytes()) {
            word(&mut out, line);
        } else {
            let mut i = 0;
            while let Some((is_space, len)) = char_at(line, i) {
                if is_space {
                    i += len;
                    continue;
                }
                let from = i;
                while let Some((false, len)) = char_at(line, i) {
                    i += len;
                }
                word(&mut out, line.get(from..i).unwrap_or_default());
            }
        }
        blank = first_word;
        start = end + 1;
    }
    out
}

/// Whether a line (no `\n`) needs no tidying: not empty, no space at either end, no two spaces
/// in a row, no other ASCII whitespace or control byte, and none of the non-ASCII whitespace
/// chars ([`char::is_whitespace`]: U+0085 and U+00A0 are `C2 85` and `C2 A0` in UTF-8; U+1680
/// `E1 9A 80`; U+2000–U+200A `E2 80 80`–`8A`; U+2028, U+2029, U+202F `E2 80 A8`, `A9`, `AF`;
/// U+205F `E2 81 9F`; U+3000 `E3 80 80`). Written without early exits, in passes over byte
/// pairs and triples, so that it compiles to vector code: a paragraph is checked at several bytes
/// a cycle.
fn is_tidy(line: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (line.first(), line.last()) else { return false };
    let control = line.iter().fold(false, |odd, &b| odd | (b < 0x20));
    let tail = line.get(1..).unwrap_or_default();
    let pairs = line
        .iter()
        .zip(tail)
        .fold(false, |odd, (&a, &b)| odd | ((a == b' ') & (b == b' ')) | ((a == 0xC2) & ((b == 0x85) | (b == 0xA0))));
    let triples = line.iter().zip(tail).zip(line.get(2..).unwrap_or_default());
    let wide = triples.fold(false, |odd, ((&a, &b), &c)| {
        let general = (a == 0xE2) & (b == 0x80) & ((c <= 0x8A) | (c == 0xA8) | (c == 0xA9) | (c == 0xAF));
        odd | general
            | ((a == 0xE2) & (b == 0x81) & (c == 0x9F))
            | ((a == 0xE3) & (b == 0x80) & (c == 0x80))
            | ((a == 0xE1) & (b == 0x9A) & (c == 0x80))
    });
    first != b' ' && last != b' ' && !control && !pairs && !wide
}

/// Whether the char starting at byte `i` is whitespace (as [`char::is_whitespace`]; `\n` counts),
/// and its length in bytes. `None` at the end. ASCII without decoding.
fn char_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let &b = text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c.is_whitespace(), c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious version, kept to check the fast one against.
    fn tidy_whitespace_reference(text: &str) -> String {
        let mut lines = Vec::new();
        let mut blank = false;
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.is_empty() {
                blank = !lines.is_empty();
                continue;
            }
            if blank {
                lines.push(String::new());
            }
            lines.push(words.join(" "));
            blank = false;
        }
        lines.join("\n")
    }

    #[test]
    fn no_whitespace_char_passes_as_tidy() {
        let mut line = String::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            line.clear();
            line.extend(['a', c, 'b']);
            if c.is_whitespace() && c != ' ' {
                assert!(!is_tidy(line.as_bytes()), "U+{:04X} is whitespace", u32::from(c));
            } else if c >= ' ' {
                assert!(is_tidy(line.as_bytes()), "U+{:04X} needs no tidying", u32::from(c));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn tidy_whitespace_matches_the_obvious_version(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "bc", " ", "\t", "\n", "\r\n", "\r", "\u{a0}", "\u{2028}", "é", "\u{85}", "\x0b", "x", "’", "→", "\u{3000}", "\u{1680}", "\u{2009}", "\u{202f}", "\u{205f}", "\u{2029}", "\u{1f}"]),
                0..40,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(tidy_whitespace(&text), tidy_whitespace_reference(&text));
        }
    }

    #[test]
    fn ids_prefer_guid_then_id_then_content() {
        assert_eq!(stable_id(Some("abc"), Some("12"), "T", None), "abc");
        assert_eq!(stable_id(Some("  "), Some("12"), "T", None), "12");
        assert_eq!(stable_id(Some("ab\u{18}c\n"), None, "T", None), "abc");
        assert_eq!(stable_id(Some("\u{7}\t"), Some("12"), "T", None), "12");
        let hashed = stable_id(None, None, "Rust in Space", Some("Ana"));
        assert_eq!(hashed, stable_id(None, Some(""), " rust in space ", Some("ANA")));
        assert!(hashed.starts_with("h-") && hashed.len() == 18);
        assert_ne!(hashed, stable_id(None, None, "Rust in Space", Some("Ben")));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration_mins("00:30"), Some(30));
        assert_eq!(parse_duration_mins("1:45"), Some(105));
        assert_eq!(parse_duration_mins("26:00"), Some(1560));
        assert_eq!(parse_duration_mins("00:30:00"), Some(30));
        assert_eq!(parse_duration_mins("00:30:10"), Some(31));
        assert_eq!(parse_duration_mins("45"), Some(45));
        assert_eq!(parse_duration_mins("-00:30"), None);
        assert_eq!(parse_duration_mins("ab:cd"), None);
        assert_eq!(parse_duration_mins(""), None);
        assert_eq!(parse_duration_mins("99999999999:00"), None);
    }

    #[test]
    fn offsets_and_zones() {
        let t = parse_datetime_with_offset("2027-02-06T10:30:00+01:00").unwrap();
        assert_eq!(t.offset().local_minus_utc(), 3600);
        assert!(parse_datetime_with_offset("2027-02-06T10:30+01:00").is_some());
        assert!(parse_datetime_with_offset("2027-02-06T09:30:00Z").is_some());
        assert!(parse_datetime_with_offset("yesterday").is_none());
        assert_eq!(fixed_offset_zone(*t.offset()).unwrap().name(), Some("Etc/GMT-1"));
        assert_eq!(fixed_offset_zone(FixedOffset::west_opt(5 * 3600).unwrap()).unwrap().name(), Some("Etc/GMT+5"));
        assert!(fixed_offset_zone(FixedOffset::east_opt(19800).unwrap()).is_none(), "India is +05:30");
        let brussels = Zone::from_iana("Europe/Brussels").unwrap();
        // wafer-style: `date` in UTC, wall clock in the conference zone.
        let utc = parse_datetime_with_offset("2027-02-06T09:30:00+00:00").unwrap();
        assert_eq!(wall_clock(utc, brussels).to_string(), "2027-02-06 10:30:00");
        assert!(same_instant(wall_clock(utc, brussels), brussels, utc));
    }

    #[test]
    fn only_night_time_day_changes_are_kept() {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert_eq!(night_day_change(t(4)), t(4), "CCC");
        assert_eq!(night_day_change(t(6)), t(6));
        assert_eq!(night_day_change(t(9)), t(6), "FOSDEM's 09:00 is the programme start");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("FOSDEM 2027"), "fosdem-2027");
        assert_eq!(slug("  38C3: Illegal Instructions! "), "38c3-illegal-instructions");
        assert_eq!(slug("¿?"), "conference");
    }

    #[test]
    fn html_becomes_text() {
        assert_eq!(html_to_text("plain text"), "plain text");
        assert_eq!(
            html_to_text("<p>First &amp; <b>bold</b>.</p><p>Second<br/>line</p>"),
            "First & bold.\n\nSecond\nline"
        );
        assert_eq!(html_to_text("<ul><li>one</li><li>two</li></ul>"), "• one\n• two");
        assert_eq!(html_to_text("caf&eacute; &#8211; &#x2014; &unknown; AT&T"), "café – — &unknown; AT&T");
        assert_eq!(html_to_text("a < b and <unclosed"), "a < b and <unclosed");
        // A long run of `&` with no `;` stays linear (this took seconds when it searched ahead).
        let ampersands = "&".repeat(200_000);
        assert_eq!(html_to_text(&ampersands).len(), 200_000);
    }
}
