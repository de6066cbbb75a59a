//! The bundled sample plan (`assets/sample-plan.ron`): it loads through the app's plan loader at
//! the current version, every pick names a real session of the sample conference, its sign-up
//! matches the sample roster, it has each kind of timeline item and clashes (a booth shift against
//! a must-see talk once the sample roster is open), and `lanyard timeline` prints it all.
#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] fns")]

use std::collections::BTreeSet;
use std::process::Command;

use lanyard::io::plan_file::PLAN_VERSION;
use lanyard::io::store::{self, Document as _};
use lanyard::model::{
    BlockKind, CustomKind, ItemKind, ItemSource, Plan, Reservation, Resolution, SessionKind, Severity, Timeline,
};

use crate::common::{self, sample_roster};

const PLAN: &str = "assets/sample-plan.ron";
const ROSTER: &str = "assets/sample-roster.ron";

fn sample_plan() -> Plan {
    store::load::<Plan>(&common::repo_path(PLAN)).unwrap().document.unwrap()
}

fn timeline_with_roster() -> Timeline {
    let (schedule, plan, roster) = (common::sample(), sample_plan(), sample_roster());
    Timeline::build_with(&schedule, &plan, roster.items_for_plan(&plan))
}

#[test]
fn loads_at_the_current_version_and_matches_the_embedded_copy() {
    let text = std::fs::read_to_string(common::repo_path(PLAN)).unwrap();
    assert!(text.starts_with("// Lanyard plan"), "documented at its top");
    assert!(
        text.contains(&format!("\n    version: {PLAN_VERSION},\n")),
        "the sample plan is at version {PLAN_VERSION}"
    );
    let plan = sample_plan();
    assert_eq!(lanyard::io::samples::SAMPLE_PLAN, text, "the app embeds the file as it is");
    assert_eq!(lanyard::io::samples::sample_plan().unwrap(), plan);
    // What the app writes back reads back equal: nothing in the sample is lost on the first save.
    assert_eq!(Plan::from_ron(&plan.to_ron().unwrap(), PLAN_VERSION).unwrap(), plan);
}

#[test]
fn every_pick_is_a_real_session_and_the_signup_a_real_slot() {
    let (schedule, plan, roster) = (common::sample(), sample_plan(), sample_roster());
    assert_eq!(plan.conference, schedule.conference().id);
    assert!(plan.picks.len() >= 10, "{} picks", plan.picks.len());
    for (id, pick) in &plan.picks {
        let session = schedule.session_by_id(id).unwrap_or_else(|| panic!("{id} is not in the sample conference"));
        assert_eq!(pick.title, session.title, "{id}: the remembered title");
        assert_eq!(pick.starts_at, Some(session.starts_at), "{id}: the remembered start");
    }
    assert_eq!(plan.orphans(&schedule).count(), 0);
    for id in plan.notes.keys() {
        assert!(plan.picks.contains_key(id), "the note on {id} belongs to a pick");
    }
    assert!(plan.notes.len() >= 3);
    // The sign-up is what "Sign me up" in the sample roster would have written.
    assert_eq!(plan.signups.len(), 1);
    let signup = &plan.signups[0];
    assert_eq!(signup.key.roster, roster.id());
    assert_eq!(Some(signup), roster.slot_signup(&signup.key.slot).as_ref());
    assert_eq!(signup.title, "Swag-bag stuffing");
    // `me` is a staff member with booth shifts in the sample roster.
    let me = plan.me.as_deref().unwrap();
    assert!(roster.staff_member(me).is_some(), "{me} is on the sample roster's staff");
    assert!(roster.timeline_items(me).len() >= 2, "{me} has booth shifts");
}

#[test]
fn has_each_kind_of_item_and_clashes() {
    let plan = sample_plan();
    let timeline = timeline_with_roster();
    let kinds: Vec<ItemKind> = timeline.items().iter().map(|i| i.kind).collect();
    for kind in [
        ItemKind::Session(SessionKind::Keynote),
        ItemKind::Session(SessionKind::Talk),
        ItemKind::Session(SessionKind::Social),
        ItemKind::Custom(CustomKind::Meeting),
        ItemKind::Block(BlockKind::Arrival),
        ItemKind::Block(BlockKind::Departure),
        ItemKind::Dinner,
        ItemKind::Volunteer,
        ItemKind::Shift,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} on the timeline");
    }
    // The swag-bag slot is in the plan and lists her in the roster: on the timeline once.
    assert_eq!(kinds.iter().filter(|k| **k == ItemKind::Volunteer).count(), 1);

    // A booth shift against a must-see talk: the one hard clash.
    let title = |i: usize| timeline.items()[i].title.as_str();
    let hard: Vec<(&str, &str)> =
        timeline.clashes().iter().filter(|c| c.severity == Severity::Hard).map(|c| (title(c.a), title(c.b))).collect();
    assert_eq!(
        hard,
        [("Booth: Cascadia Python Foundation", "Life after the GIL: porting a C extension to free-threaded Python")]
    );
    // Two recorded talks at once: "Watch later" is offered.
    let offers_watch_later = (0..timeline.items().len())
        .any(|i| timeline.resolutions_for(i).iter().any(|r| matches!(r, Resolution::WatchLater(_))));
    assert!(offers_watch_later, "some clash offers watch later");
    // One recorded talk is already watched later: on the timeline, in no clash.
    let later = timeline.items().iter().position(|i| i.is_watch_later).unwrap();
    assert!(!timeline.has_clash(later));

    // Without the roster the plan still clashes on its own.
    let alone = Timeline::build(&common::sample(), &plan);
    assert!(!alone.clashes().is_empty());
    assert!(alone.items().iter().all(|i| i.kind != ItemKind::Shift));

    // The hallway meeting has people; the dinner a restaurant, party, reservation and notes.
    let meeting = &plan.custom_events[0];
    assert_eq!(meeting.kind, CustomKind::Meeting);
    assert!(meeting.people.len() >= 2);
    let dinner = &plan.dinners[0];
    assert!(!dinner.venue.is_empty() && !dinner.notes.is_empty() && dinner.party.len() >= 3);
    assert!(matches!(dinner.reservation, Reservation::Booked { .. }));
    let departure = plan.blocks.iter().find(|b| b.kind == BlockKind::Departure).unwrap();
    assert!(departure.note.contains("leave for the airport"), "{}", departure.note);
    // Ids are unique, so every item keeps its own calendar UID.
    let sources: BTreeSet<&ItemSource> = timeline.items().iter().map(|i| &i.source).collect();
    assert_eq!(sources.len(), timeline.items().len());
}

#[test]
fn the_cli_prints_the_sample_plan_with_the_sample_roster() {
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["timeline", "--plan", PLAN, "--roster", ROSTER, "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap());
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(
        stdout,
        "2027-04-15 12:00-15:00 arrival Arrival: flight from Toronto, then the train downtown\n\
         2027-04-15 16:00-19:00 volunteer Swag-bag stuffing @ Harbour Foyer, loading bay\n\
         2027-04-16 09:00-09:45 keynote The long tail of Python @ Grand Ballroom [must]\n\
         2027-04-16 09:45-12:00 shift Booth: Cascadia Python Foundation @ Harbour Foyer, stand 3 [clash]\n\
         2027-04-16 10:00-10:40 talk Life after the GIL: porting a C extension to free-threaded Python @ Grand Ballroom [must] [clash]\n\
         2027-04-16 13:30-13:55 talk Packaging in 2027: it's pyproject.toml all the way down @ Grand Ballroom [must] [clash]\n\
         2027-04-16 13:30-14:15 open-space Open space: first-time attendees' meet-up @ Open Space Lounge [maybe] [clash]\n\
         2027-04-16 15:00-15:30 meeting Free-threading hallway chat @ Harbour Foyer, by the coffee urns\n\
         2027-04-16 16:15-16:55 talk Async Django in production: where it helps and where it hurts @ Grand Ballroom [must] [clash]\n\
         2027-04-16 16:15-16:55 talk Rust in your Python: a year of PyO3 in production @ Cedar Room (101) [maybe] [clash]\n\
         2027-04-17 09:00-09:45 keynote Rivers, not pipelines @ Grand Ballroom [must]\n\
         2027-04-17 10:45-11:25 talk Polars for pandas users: the mental model shift @ Grand Ballroom [must]\n\
         2027-04-17 10:45-11:25 talk Observability for Python services with OpenTelemetry @ Cedar Room (101) [watch-later]\n\
         2027-04-17 13:30-14:10 talk Neurodivergent developers and the tools that help @ Hemlock Room (103) [must]\n\
         2027-04-17 14:15-14:55 talk Translating the Python docs: what 40 volunteers learned @ Hemlock Room (103) [maybe] [clash]\n\
         2027-04-17 14:15-17:00 shift Booth: Cascadia Python Foundation @ Harbour Foyer, stand 3 [clash]\n\
         2027-04-17 18:00-20:00 dinner Booth team dinner @ Salt & Cedar Kitchen\n\
         2027-04-17 20:00-00:30 social Harbour Night: conference social @ Waterfront Terrace [must]\n\
         2027-04-18 09:00-09:45 keynote Python in every language @ Grand Ballroom [must]\n\
         2027-04-18 10:45-11:25 talk Type-checking half a million lines, incrementally @ Grand Ballroom [must]\n\
         2027-04-18 13:30-14:10 talk Counting salmon with computer vision at a river weir @ Fir Room (102) [maybe] [clash]\n\
         2027-04-18 14:00-18:00 departure Departure: leave for the airport (YVR, 17:45 flight) [clash]\n\
         items=22 clashes=5\n"
    );
}
