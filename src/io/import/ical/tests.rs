use chrono::NaiveDateTime;

use super::convert::wall_clock;
use super::times::{Basic, TimeValue, parse_basic, parse_duration_minutes};
use super::zones::recover_zone;
use super::*;
use crate::model::Zone;

fn dt(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

#[test]
fn durations() {
    for (text, minutes) in [
        ("PT45M", 45),
        ("PT1H30M", 90),
        ("P1D", 1440),
        ("P1DT2H", 1560),
        ("P2W", 20160),
        ("-PT15M", -15),
        ("+PT15M", 15),
        ("PT90S", 2),
        ("PT0S", 0),
        ("pt1h", 60),
        ("P1H", 60),
        ("PT999H", 59940),
        ("P1DT", 1440),
        ("PT9223372036854775807S", 153_722_867_280_912_931),
    ] {
        assert_eq!(parse_duration_minutes(text), Some(minutes), "{text}");
    }
    for text in ["", "P", "PT", "1H", "PT1X", "P1", "PTT1H", "P99999999999999999999W", "PT1H-"] {
        assert_eq!(parse_duration_minutes(text), None, "{text}");
    }
}

#[test]
fn basic_times() {
    let parse = |text: &str| match parse_basic(text) {
        Some(Basic::Date(d)) => format!("date {d}"),
        Some(Basic::DateTime(t, utc)) => format!("{t}{}", if utc { "Z" } else { "" }),
        None => "none".to_owned(),
    };
    assert_eq!(parse("20270206"), "date 2027-02-06");
    assert_eq!(parse("20270206T103000"), "2027-02-06 10:30:00");
    assert_eq!(parse("20270206T103000Z"), "2027-02-06 10:30:00Z");
    assert_eq!(parse("20270206t1030z"), "2027-02-06 10:30:00Z");
    assert_eq!(parse("2027-02-06T10:30:00"), "2027-02-06 10:30:00");
    assert_eq!(parse("20270206T240000"), "2027-02-07 00:00:00");
    assert_eq!(parse("20161231T235960Z"), "2016-12-31 23:59:59Z");
    assert_eq!(parse("99991231T235959Z"), "9999-12-31 23:59:59Z");
    for bad in ["", "2027", "20271306", "20270206T1", "20270206T256000", "２０２７０２０６", "2027020６"] {
        assert_eq!(parse(bad), "none", "{bad}");
    }
}

#[test]
fn content_lines_and_params() {
    let line = ContentLine::parse("dtStart;tzid=\"W. Europe: Standard Time\";VALUE=DATE-TIME:20270206T100000").unwrap();
    assert_eq!(line.name, "DTSTART");
    assert_eq!(line.value, "20270206T100000");
    assert_eq!(line.param("TZID").as_deref(), Some("W. Europe: Standard Time"));
    assert_eq!(line.param("value").as_deref(), Some("DATE-TIME"));
    assert_eq!(line.param("CN"), None);
    let line = ContentLine::parse("ATTENDEE;CN=Ana ^'the^' Ng;ROLE=CHAIR:mailto:ana@example.org").unwrap();
    assert_eq!(line.param("CN").as_deref(), Some("Ana \"the\" Ng"));
    assert_eq!(line.value, "mailto:ana@example.org");
    assert!(ContentLine::parse("Bring a laptop: charged").is_none());
    assert!(ContentLine::parse("no colon at all").is_none());
    assert!(ContentLine::parse(":value").is_none());
}

#[test]
fn text_unescaping_and_lists() {
    assert_eq!(unescape(r"a\, b\; c\nd\Ne\\f\:g\x"), "a, b; c\nd\ne\\f:g\\x");
    assert_eq!(unescape("trailing\\"), "trailing\\");
    let mut items = Vec::new();
    split_list(r"Rust, Web\, Mobile,,Rust", &mut items);
    assert_eq!(items, ["Rust", "Web, Mobile"]);
    assert_eq!(one_line(" a\n b\u{0}c  "), "a b c");
    assert_eq!(short(&"x".repeat(100)).chars().count(), 61);
}

#[test]
fn zone_recovery() {
    let none = BTreeMap::new();
    let zone = |name: &str| recover_zone(name, &none).map(|tz| tz.name());
    assert_eq!(zone("Europe/Brussels"), Some("Europe/Brussels"));
    assert_eq!(zone("europe/brussels"), Some("Europe/Brussels"));
    assert_eq!(zone("\"America/Vancouver\""), Some("America/Vancouver"));
    assert_eq!(zone("/mozilla.org/20050126_1/Europe/Berlin"), Some("Europe/Berlin"));
    assert_eq!(zone("/softwarestudio.org/Olson_20011030_5/America/New_York"), Some("America/New_York"));
    assert_eq!(zone("W. Europe Standard Time"), Some("Europe/Berlin"));
    assert_eq!(zone("Romance Daylight Time"), Some("Europe/Paris"));
    assert_eq!(zone("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"), Some("Europe/Amsterdam"));
    assert_eq!(zone("(UTC-03:00) Buenos Aires"), Some("America/Argentina/Buenos_Aires"));
    assert_eq!(zone("(UTC-08:00) Pacific Time (US & Canada)"), Some("Canada/Pacific"));
    assert_eq!(zone("Customized Time Zone"), None);
    assert_eq!(zone(""), None);
    assert_eq!(zone(&"Berlin ".repeat(100)), None, "too long to be a zone");
    let vtimezones = BTreeMap::from([("Custom 1".to_owned(), "Europe/Lisbon".to_owned())]);
    assert_eq!(recover_zone("Custom 1", &vtimezones).map(|tz| tz.name()), Some("Europe/Lisbon"));
}

#[test]
fn unfolding_is_byte_wise_and_tracks_lines() {
    let mut lines = Vec::new();
    let bytes = b"A:1\r\n\r\nB:caf\xC3\r\n \xA9\r\n\tx\nC:3\rD";
    let last = unfold(bytes, |line, raw| {
        lines.push((line, String::from_utf8(raw.to_vec()).unwrap()));
        Ok(())
    })
    .unwrap();
    assert_eq!(lines, [(1, "A:1".to_owned()), (3, "B:caféx".to_owned()), (6, "C:3\rD".to_owned())]);
    assert_eq!(last, 6);
    let mut mac = Vec::new();
    unfold(b"A:1\rB:2\r c", |line, raw| {
        mac.push((line, raw.to_vec()));
        Ok(())
    })
    .unwrap();
    assert_eq!(mac, [(1, b"A:1".to_vec()), (2, b"B:2c".to_vec())]);
}

#[test]
fn wall_clock_conversion() {
    let brussels = Zone::from_iana("Europe/Brussels").unwrap();
    let utc = TimeValue::Utc(dt("2027-03-28 09:00:00"));
    assert_eq!(wall_clock(&utc, brussels), dt("2027-03-28 11:00:00"));
    assert_eq!(wall_clock(&utc, Zone::Floating), dt("2027-03-28 09:00:00"));
    let vancouver = chrono_tz::America::Vancouver;
    let zoned = TimeValue::Zoned(dt("2027-03-28 09:00:00"), vancouver);
    assert_eq!(wall_clock(&zoned, brussels), dt("2027-03-28 18:00:00"));
    assert_eq!(wall_clock(&zoned, Zone::Floating), dt("2027-03-28 09:00:00"));
}
