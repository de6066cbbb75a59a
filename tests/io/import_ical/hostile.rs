//! Hostile iCalendar input (deep nesting, too many events, extreme times and durations),
//! agreement with the `icalendar` crate on well-formed files, and property tests that no input
//! panics.

use proptest::prelude::*;

use super::{error_of, fixture, fixture_bytes, line, parse_ics, parse_text, timing};
use crate::common::{session, warnings};

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let mut text = String::from("BEGIN:VCALENDAR\n");
    text.push_str(&"BEGIN:X\n".repeat(200_000));
    let (location, message) = error_of(text.as_bytes());
    assert_eq!(location, line(65));
    assert_eq!(message, "components are nested more than 64 deep");
}

#[test]
fn too_many_events_is_an_error() {
    let mut text = String::from("BEGIN:VCALENDAR\n");
    text.push_str(&"BEGIN:VEVENT\nEND:VEVENT\n".repeat(200_001));
    text.push_str("END:VCALENDAR\n");
    let (location, message) = error_of(text.as_bytes());
    assert_eq!(location, line(400_002));
    assert_eq!(message, "the calendar has more than 200000 events");
}

#[test]
fn extreme_times_and_durations_do_not_panic() {
    let schedule = parse_text(
        "BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/Brussels\n\
         BEGIN:VEVENT\nUID:y9999\nSUMMARY:Far future\nDTSTART:99991231T220000Z\nDURATION:PT999H\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:y0\nSUMMARY:Far past\nDTSTART:00000101T000000\nDURATION:P99999999W\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:backwards\nSUMMARY:Backwards\nDTSTART:20270206T100000Z\nDTEND:20270206T090000Z\nEND:VEVENT\n\
         BEGIN:VEVENT\nUID:overflow\nSUMMARY:Overflow\nDTSTART:20270206T100000Z\nDURATION:PT99999999999999999999H\nEND:VEVENT\n\
         END:VCALENDAR\n",
    );
    assert_eq!(schedule.stats().events, 4);
    assert_eq!(timing(&schedule, "y9999"), ("9999-12-31 23:00".to_owned(), 59940));
    assert_eq!(session(&schedule, "y0").duration_mins, u32::MAX, "saturates");
    assert_eq!(timing(&schedule, "backwards"), ("2027-02-06 11:00".to_owned(), 0));
    assert_eq!(timing(&schedule, "overflow"), ("2027-02-06 11:00".to_owned(), 0));
    let messages = warnings(&schedule);
    assert!(messages.contains(&"15:1: \"Backwards\" ends before it starts: shown with no length".to_owned()));
    assert!(messages.iter().any(|m| m.contains("DURATION \"PT99999999999999999999H\" is not understood")));
}

#[test]
fn agrees_with_the_icalendar_crate_on_well_formed_files() {
    for name in ["pretalx.ics", "utc_wr_timezone.ics", "durations.ics", "windows_tzid.ics", "dst_vancouver.ics"] {
        let bytes = fixture_bytes(name);
        let unfolded = icalendar::parser::unfold(std::str::from_utf8(&bytes).unwrap());
        let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
        let mut theirs: Vec<String> = calendar
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .filter_map(|c| c.find_prop("SUMMARY").map(|p| p.val.as_str().to_owned()))
            .collect();
        let mut ours: Vec<String> = fixture(name).sessions().iter().map(|s| s.title.clone()).collect();
        theirs.sort();
        ours.sort();
        assert_eq!(ours, theirs, "{name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        parse_ics(&bytes).ok();
        let mut with_header = b"BEGIN:VCALENDAR\r\n".to_vec();
        with_header.extend_from_slice(&bytes);
        parse_ics(&with_header).ok();
    }

    #[test]
    fn arbitrary_lines_in_a_calendar_never_panic(
        lines in proptest::collection::vec("[A-Za-z:;=,\"\\\\ \t-]{0,40}|BEGIN:[A-Z]{0,8}|END:[A-Z]{0,8}|DTSTART[;A-Z=/_a-z\"]{0,20}:[0-9TZ+-]{0,20}|DURATION:[-+PTWDHMS0-9]{0,12}", 0..40)
    ) {
        let text = format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\n{}\nEND:VEVENT\nEND:VCALENDAR\n", lines.join("\n"));
        parse_ics(text.as_bytes()).ok();
    }

    #[test]
    fn mutations_of_a_valid_calendar_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0_u8..4, any::<u8>()), 1..12)
    ) {
        let mut bytes = fixture_bytes("pretalx.ics");
        for (index, op, byte) in edits {
            let len = bytes.len();
            match op {
                0 if len > 0 => bytes[index.index(len)] = byte,
                1 => bytes.insert(index.index(len + 1), byte),
                2 if len > 0 => {
                    bytes.remove(index.index(len));
                }
                _ => bytes.truncate(index.index(len + 1)),
            }
        }
        if let Ok(schedule) = parse_ics(&bytes) {
            prop_assert!(schedule.stats().events <= 6);
        }
    }
}
