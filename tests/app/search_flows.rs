//! Search and filters as an attendee uses them: Ctrl+F or `/`, a few letters, Enter; each filter
//! narrowing the list; and the filter remembered for the conference across restarts.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lanyard::LanyardApp;
use lanyard::model::{DayIdx, Schedule, Session};

use crate::common;

const IDEMPOTENCY: &str = "Idempotency keys: making POST safe to retry";

/// The "N of M sessions" the search bar shows, as N.
fn shown(harness: &Harness<'_, LanyardApp>) -> usize {
    let total = harness.state().schedule().sessions().len();
    let suffix = format!(" of {total} sessions");
    let node = harness.get_by_label_contains(&suffix);
    let node = node.accesskit_node();
    let text = node.value().or(node.label()).unwrap_or_default();
    text.trim_end_matches(&suffix).trim().parse().unwrap()
}

fn first_day(schedule: &Schedule) -> Vec<Session> {
    schedule.day_sessions(DayIdx(0)).to_vec()
}

fn type_in_search(harness: &mut Harness<'_, LanyardApp>, text: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Search").type_text(text);
    harness.run();
}

#[test]
fn ctrl_f_and_a_few_letters_find_a_talk_on_any_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    let schedule = harness.state().schedule().clone();
    let talk = schedule.sessions().iter().find(|s| s.title == IDEMPOTENCY).unwrap().clone();
    assert!(schedule.day_of(talk.starts_at).is_some_and(|d| d.index() > 0), "not on the day shown first");
    assert!(harness.query_all_by_label_contains(IDEMPOTENCY).next().is_none());

    type_in_search(&mut harness, "idem");
    assert!(harness.query_by_label_contains("Results from every day").is_some());
    assert!(harness.query_all_by_label_contains(IDEMPOTENCY).next().is_some(), "found on another day");
    // Every session shown mentions the word somewhere; the count is the number of hits.
    let mentioning = schedule
        .sessions()
        .iter()
        .filter(|s| {
            let text =
                format!("{} {} {} {}", s.title, s.subtitle, s.abstract_text, s.speakers.join(" ")).to_lowercase();
            text.contains("idem")
        })
        .count();
    assert!(shown(&harness) >= mentioning && mentioning >= 1, "{} hits, {mentioning} mention it", shown(&harness));

    // Enter goes to the best hit: the talk with the word in its title.
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().ui_state().selected.as_ref(), Some(&talk.id));

    // Fuzzy: letters in order, gaps allowed, case ignored.
    harness.get_by_label("Search").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label_contains("Results from every day").is_none(), "Esc clears the search");
    type_in_search(&mut harness, "IDMPTNCY post");
    assert!(harness.query_all_by_label_contains(IDEMPOTENCY).next().is_some());
}

#[test]
fn slash_opens_the_search_from_any_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.key_press(Key::Num3);
    harness.run();
    assert_eq!(harness.state().ui_state().tab, lanyard::ui::Tab::Agenda);
    harness.event(egui::Event::Text("/".to_owned()));
    harness.run();
    assert_eq!(harness.state().ui_state().tab, lanyard::ui::Tab::Schedule);
    // The keyboard is in the search box: typed text lands there, not in shortcuts.
    harness.event(egui::Event::Text("idempotency".to_owned()));
    harness.run();
    assert!(harness.query_all_by_label_contains(IDEMPOTENCY).next().is_some());
    assert_eq!(shown(&harness), 1);
}

#[test]
fn each_quick_filter_narrows_the_day_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    let day = first_day(harness.state().schedule());
    let conference = harness.state().schedule().conference().id.clone();

    for (toggle, keep) in [
        ("Recorded", (|s: &Session| s.is_recorded) as fn(&Session) -> bool),
        ("Captioned", |s: &Session| s.is_captioned),
    ] {
        // The first is the toggle; rows carry "Recorded" and "Live captions" chips.
        harness.get_all_by_label(toggle).next().unwrap().click();
        harness.run();
        let expected = day.iter().filter(|s| keep(s)).count();
        assert!(expected > 0 && expected < day.len(), "{toggle}: the sample has some");
        assert_eq!(shown(&harness), expected, "{toggle}");
        for session in day.iter().filter(|s| !keep(s)) {
            assert!(
                harness.query_all_by_label_contains(&session.title).next().is_none(),
                "{toggle} hides {}",
                session.title
            );
        }
        harness.get_all_by_label(toggle).next().unwrap().click();
        harness.run();
        assert!(!harness.state().settings().filters.contains_key(&conference), "{toggle} off: nothing to remember");
    }

    // My picks: only what was picked.
    let picked = day.iter().find(|s| s.kind.is_programme()).unwrap().clone();
    harness.state_mut().execute(
        lanyard::command::Command::Plan(lanyard::command::PlanCommand::Edit(lanyard::model::Edit::Pick {
            session_id: picked.id.clone(),
            priority: lanyard::model::Priority::Must,
        })),
        0.0,
    );
    harness.get_by_label("My picks").click();
    harness.run();
    assert_eq!(shown(&harness), 1);
    assert!(harness.query_all_by_label_contains(&picked.title).next().is_some());
    assert!(harness.state().settings().filters[&conference].picks_only);

    // Remembered for the conference: a restart shows the same filter.
    drop(harness);
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    assert_eq!(shown(&harness), 1);
    harness.get_by_label("Clear filters").click();
    harness.run();
    let total = harness.state().schedule().sessions().len();
    assert!(harness.query_by_label_contains(&format!(" of {total} sessions")).is_none(), "no count without a filter");
    assert!(harness.state().settings().filters.is_empty());
}

#[test]
fn hide_past_follows_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let schedule = common::sample();
    let day = first_day(&schedule);
    let now = day[day.len() / 2].starts_at;
    let mut harness = common::harness(common::app_in(dir.path()), now);
    harness.run();
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("Hide past").click();
    harness.run();
    let expected = day.iter().filter(|s| s.ends_at() > now).count();
    assert!(expected < day.len());
    assert_eq!(shown(&harness), expected);
}

#[test]
fn the_filter_panel_narrows_by_track_room_kind_and_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    let schedule = harness.state().schedule().clone();
    let day = first_day(&schedule);
    harness.get_by_label("More filters").click();
    harness.run();

    // A track.
    let track = schedule.tracks().iter().find(|t| t.name == "Data & Science").unwrap();
    let in_track = |s: &Session| s.track.and_then(|t| schedule.track(t)).is_some_and(|t| t.key == track.key);
    let total = schedule.sessions().iter().filter(|s| in_track(s)).count();
    harness.get_by_label(&format!("{} ({total})", track.name)).click();
    harness.run();
    assert_eq!(shown(&harness), day.iter().filter(|s| in_track(s)).count());
    harness.get_by_label("Any tracks").click();
    harness.run();

    // A room, then a kind on top of it (dimensions combine with AND).
    let ballroom = |s: &Session| schedule.room_name(s) == "Grand Ballroom";
    let room_total = schedule.sessions().iter().filter(|s| ballroom(s)).count();
    harness.get_by_label(&format!("Grand Ballroom ({room_total})")).click();
    harness.run();
    assert_eq!(shown(&harness), day.iter().filter(|s| ballroom(s)).count());
    let keynotes = schedule.sessions().iter().filter(|s| s.kind == lanyard::model::SessionKind::Keynote).count();
    harness.get_by_label(&format!("Keynote ({keynotes})")).click();
    harness.run();
    let expected = day.iter().filter(|s| ballroom(s) && s.kind == lanyard::model::SessionKind::Keynote).count();
    assert!(expected >= 1);
    assert_eq!(shown(&harness), expected);
    assert!(harness.query_by_label_contains("More filters (2)").is_some());

    // A day filter leaves only that day's tab (and the one open).
    harness.get_by_label("Clear filters").click();
    harness.run();
    let third = &schedule.days()[2];
    let third_label = lanyard::model::time::format_day(third.date);
    harness.get_by_label(&format!("{third_label} ({})", third.sessions.len())).click();
    harness.run();
    let second_label = lanyard::model::time::format_day(schedule.days()[1].date);
    assert_eq!(harness.query_all_by_label(&second_label).count(), 0, "no longer a tab");
    assert_eq!(harness.query_all_by_label(&third_label).count(), 1, "a tab");
}

#[test]
fn search_and_filter_combine() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    let schedule = harness.state().schedule().clone();
    type_in_search(&mut harness, "python");
    let all = shown(&harness);
    // The first "Recorded" is the toggle; rows carry "Recorded" chips too.
    harness.get_all_by_label("Recorded").next().unwrap().click();
    harness.run();
    let recorded = shown(&harness);
    assert!(recorded < all && recorded > 0, "{recorded} of {all}");
    for session in schedule.sessions().iter().filter(|s| !s.is_recorded) {
        assert!(harness.query_by_label_contains(&format!(" {},", session.title)).is_none(), "{}", session.title);
    }
}

#[test]
fn the_room_grid_fades_what_the_filter_hides() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    let day = first_day(harness.state().schedule());
    harness.get_by_label("Room grid").click();
    harness.run();
    assert!(harness.query_all_by_label_contains("(outside your filter)").next().is_none());
    harness.get_all_by_label("Captioned").next().unwrap().click();
    harness.run();
    // Every block stays in place; those without captions say they are outside the filter.
    let faded = harness.query_all_by_label_contains("(outside your filter)").count();
    assert!(faded > 0);
    let shown_uncaptioned = day.iter().filter(|s| !s.is_captioned).count();
    assert!(faded <= shown_uncaptioned, "{faded} faded, {shown_uncaptioned} without captions on the day");
    for session in day.iter().filter(|s| s.is_captioned) {
        let label = format!("{}, ", session.title);
        let faded_here = harness
            .query_all_by_label_contains(&label)
            .any(|n| n.accesskit_node().label().is_some_and(|l| l.contains("outside your filter")));
        assert!(!faded_here, "{} is captioned", session.title);
    }
}
