use quick_xml::Reader;
use quick_xml::events::Event;

use super::parser::Cursor;
use super::*;

#[test]
fn clocks_and_times_of_day() {
    assert_eq!(parse_clock("09:30"), Some(570));
    assert_eq!(parse_clock(" 9:05:59 "), Some(545));
    assert_eq!(parse_clock("25:30"), Some(1530));
    assert_eq!(parse_clock("48:00"), None);
    assert_eq!(parse_clock("10:60"), None);
    assert_eq!(parse_clock("10"), None);
    assert_eq!(parse_clock("1:2:3:4"), None);
    assert_eq!(parse_clock("-1:00"), None);
    assert_eq!(parse_clock("١٠:٠٠"), None);
    assert_eq!(parse_time_of_day("04:00"), NaiveTime::from_hms_opt(4, 0, 0));
    assert_eq!(parse_time_of_day("04:00:00"), NaiveTime::from_hms_opt(4, 0, 0));
    assert_eq!(parse_time_of_day("2027-02-06T05:00:00+01:00"), NaiveTime::from_hms_opt(5, 0, 0));
    assert_eq!(parse_time_of_day("25:00"), None);
    assert_eq!(parse_date("2027-02-06T09:00:00+01:00"), NaiveDate::from_ymd_opt(2027, 2, 6));
    assert_eq!(parse_date("2027-02"), None);
    assert_eq!(parse_date("2027-02-0é"), None);
}

#[test]
fn cursor_matches_location_at_forwards_and_backwards() {
    let text = "ab\ncé d\n\nxyz <e>";
    let mut cursor = Cursor::new();
    for offset in [0, 1, 3, 5, 8, 9, 10, text.len()] {
        assert_eq!(cursor.locate(text, offset), location_at(text, offset), "offset {offset}");
    }
    assert_eq!(cursor.locate(text, 3), location_at(text, 3), "going back falls back");
    assert_eq!(cursor.locate(text, text.len()), location_at(text, text.len()));
}

#[test]
fn references_stay_unexpanded_unless_predefined() {
    assert_eq!(reference_text(&BytesRef::new("amp")), "&");
    assert_eq!(reference_text(&BytesRef::new("#x41")), "A");
    assert_eq!(reference_text(&BytesRef::new("#233")), "é");
    assert_eq!(reference_text(&BytesRef::new("#0")), "&#0;");
    assert_eq!(reference_text(&BytesRef::new("#xD800")), "&#xD800;");
    assert_eq!(reference_text(&BytesRef::new("#+65")), "&#+65;");
    assert_eq!(reference_text(&BytesRef::new("lol9")), "&lol9;");
}

#[test]
fn unescaping_matches_the_reader() {
    assert!(matches!(unescape("plain text"), Cow::Borrowed("plain text")));
    assert_eq!(unescape("a &amp; b &lt;p&gt; &#x41;&#66; &lol; AT&T & x; &"), "a & b <p> AB &lol; AT&T & x; &");
    assert_eq!(unescape("one\r\ntwo\rthree"), "one\ntwo\nthree");
    assert_eq!(unescape("&&amp;;"), "&&;");
    // Same text, read event by event by quick-xml, gives the same result.
    for raw in ["a &amp; b &lt;p&gt; &#x41;&#66; &lol; AT&T & x; &", "&&amp;;", "x\r\ny", "&#0;&#xD800;&;"] {
        let text = format!("<t>{raw}<!-- force the slow path --></t>");
        let mut reader = Reader::from_str(&text);
        reader.config_mut().allow_dangling_amp = true;
        let mut slow: Cow<'_, str> = Cow::Borrowed("");
        loop {
            match reader.read_event() {
                Ok(Event::Text(t)) => push_text(&mut slow, t.xml10_content()),
                Ok(Event::GeneralRef(r)) => push_text(&mut slow, reference_text(&r)),
                Ok(Event::Comment(_)) | Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
        assert_eq!(unescape(raw), slow, "{raw:?}");
    }
}

#[test]
fn abstracts_join_and_skip_repeats() {
    assert_eq!(abstract_text("<p>A</p>", "<p>A</p>"), "A");
    assert_eq!(abstract_text("", "B"), "B");
    assert_eq!(abstract_text("A", ""), "A");
    assert_eq!(abstract_text("A", "B"), "A\n\nB");
}

#[test]
fn quotes_are_short() {
    assert_eq!(quote(" x "), "x");
    assert_eq!(quote(&"é".repeat(100)).chars().count(), QUOTE_CHARS + 1);
}

#[test]
fn video_links() {
    assert!(looks_like_video("https://cdn.example.org/talk.MP4"));
    assert!(looks_like_video("https://media.ccc.de/v/38c3-1"));
    assert!(looks_like_video("https://video.fosdem.org/2027/x"));
    assert!(!looks_like_video("https://example.org/slides.pdf"));
}
