use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};

use super::convert::{absolute_url, parse_date, parse_time_of_day, time_of};
use super::dto::{Flag, Flex, List, PersonDto, Text};
use super::positions::string_end;
use super::*;
use crate::model::Zone;

fn text(json: &str) -> Option<String> {
    serde_json::from_str::<Text<'_>>(json).unwrap().0.map(Cow::into_owned)
}

#[test]
fn text_fields_are_lenient() {
    assert_eq!(text(r#""plain""#).as_deref(), Some("plain"));
    assert_eq!(text("42").as_deref(), Some("42"));
    assert_eq!(text("-7").as_deref(), Some("-7"));
    assert_eq!(text("1.5").as_deref(), Some("1.5"));
    assert_eq!(text("true").as_deref(), Some("true"));
    assert_eq!(text("null"), None);
    assert_eq!(text("[1, [2], {}]"), None);
    assert_eq!(text(r#"{"de": "Hallo", "en": "Hello"}"#).as_deref(), Some("Hello"));
    assert_eq!(text(r#"{"de": "", "fr": "Salut", "nl": "Hoi"}"#).as_deref(), Some("Salut"));
    assert_eq!(text(r#""esc\"aped""#).as_deref(), Some("esc\"aped"));
    // Borrowed when there is nothing to unescape.
    let Text(value) = serde_json::from_str::<Text<'_>>(r#""borrowed""#).unwrap();
    assert!(matches!(value, Some(Cow::Borrowed("borrowed"))));
}

#[test]
fn flags_and_lists_are_lenient() {
    let flag = |json: &str| serde_json::from_str::<Flag>(json).unwrap().0;
    assert_eq!(
        (flag("true"), flag("\"no\""), flag("1"), flag("null"), flag("\"maybe\"")),
        (Some(true), Some(false), Some(true), None, None)
    );
    let list = |json: &str| serde_json::from_str::<List<Flex<PersonDto<'_>>>>(json).unwrap().0.len();
    assert_eq!(
        (list("null"), list("[]"), list(r#"["a", {"name": "b"}, null]"#), list(r#"{"name": "c"}"#)),
        (0, 0, 3, 1)
    );
    assert!(serde_json::from_str::<List<Flex<PersonDto<'_>>>>("\"Ana\"").is_err());
}

#[test]
fn string_ends_skip_escaped_quotes() {
    let s = r#""a\"b\\" x"#;
    assert_eq!(string_end(s, 1), 7);
    assert_eq!(string_end(r#""\\\"" y"#, 1), 5);
    assert_eq!(string_end(r#""unterminated"#, 1), 13);
}

#[test]
fn the_scanner_finds_days_events_and_conference_fields() {
    let json = r#"{"x": "{[\"", "sch\u0065dule": {"conference": {"title": "}]", "time_zone_name": null,
 "days": [{"rooms": {"A": [{"title": "one"}, {"title": "{two}"}], "B": []}}, {"rooms": {"C": {"title": "3"}}}]}}}"#;
    let offsets = scan(json);
    let events: Vec<&str> = offsets.events.iter().map(|&o| json.get(o..o + 12).unwrap()).collect();
    assert_eq!(events, [r#"{"title": "o"#, r#"{"title": "{"#, r#"{"title": "3"#]);
    assert_eq!(offsets.days.len(), 2);
    assert_eq!(offsets.conference_fields.len(), 3);
    let tz = offsets.conference_fields["time_zone_name"];
    assert_eq!(json.get(tz..tz + 4), Some("null"));
    let locations = locate_ascending(json, &offsets.events);
    assert_eq!(locations[0], Some(Location { line: 2, col: 28 }));
    assert_eq!(location_at(json, offsets.events[2]), locations[2].unwrap());
}

#[test]
fn ascending_locations_count_characters_and_refuse_disorder() {
    let text = "é\n  ü x\ny";
    let x = text.find('x').unwrap();
    let y = text.find('y').unwrap();
    assert_eq!(
        locate_ascending(text, &[0, x, y, 1]),
        [
            Some(Location { line: 1, col: 1 }),
            Some(Location { line: 2, col: 5 }),
            Some(Location { line: 3, col: 1 }),
            None
        ]
    );
}

#[test]
fn serde_positions_become_character_locations() {
    assert_eq!(strip_position("expected value at line 3 column 7"), "expected value");
    assert_eq!(strip_position("no position here"), "no position here");
    assert_eq!(json_location("{\n  \"é\": x", 2, 9), Location { line: 2, col: 8 });
    assert_eq!(json_location("{\n", 2, 0), Location { line: 2, col: 1 });
    assert_eq!(json_location("{", 9, 9), Location { line: 9, col: 1 });
}

#[test]
fn dates_times_and_urls() {
    let date = NaiveDate::from_ymd_opt(2027, 2, 6);
    assert_eq!(parse_date("2027-02-06"), date);
    assert_eq!(parse_date(" 2027-02-06T10:00:00+01:00 "), date);
    assert_eq!(parse_date("2027-02-06x"), None);
    assert_eq!(parse_date("06.02.2027"), None);
    assert_eq!(parse_date("é"), None);
    assert_eq!(parse_time_of_day("04:00:00"), NaiveTime::from_hms_opt(4, 0, 0));
    assert_eq!(
        time_of("2027-02-06T03:00:00+00:00", Zone::from_iana("Europe/Brussels").unwrap()),
        NaiveTime::from_hms_opt(4, 0, 0)
    );
    assert_eq!(time_of("2027-02-06 04:30", Zone::Floating), NaiveTime::from_hms_opt(4, 30, 0));
    let base = Some("https://fahrplan.example.org/39c3/");
    assert_eq!(absolute_url("/system/a.pdf", base), "https://fahrplan.example.org/system/a.pdf");
    assert_eq!(absolute_url("/x", Some("https://host.example")), "https://host.example/x");
    assert_eq!(absolute_url("//cdn.example/x", base), "https://cdn.example/x");
    assert_eq!(absolute_url("https://a.example/", base), "https://a.example/");
    assert_eq!(absolute_url("/relative", None), "/relative");
    assert_eq!(absolute_url("/relative", Some("not a url")), "/relative");
}
