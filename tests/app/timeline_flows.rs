//! One person's whole conference on one timeline: dinners, blocks and meetings added through
//! the editor clash with picked sessions, and each clash offers its way out.

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lanyard::command::{Command, PlanCommand};
use lanyard::model::{Edit, ItemKind, Priority, SessionId, Severity};

use crate::common;

const SOCIAL: &str = "Harbour Night: conference social";

/// Focuses the text field labelled `label`, replaces its text, and lets the frame run.
fn fill(harness: &mut egui_kittest::Harness<'_, lanyard::LanyardApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn a_dinner_over_a_picked_evening_session_clashes_until_moved() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    harness.state_mut().execute(
        Command::Plan(PlanCommand::Edit(Edit::Pick {
            session_id: SessionId::new("cpc27-074"),
            priority: Priority::Must,
        })),
        0.0,
    );
    harness.get_by_label("My agenda").click();
    harness.run();

    // Add the dinner through the form: Saturday, 19:30 for 2.5 h (the form's defaults).
    harness.get_by_label("+ Dinner").click();
    harness.run();
    fill(&mut harness, "Title", "Team dinner");
    fill(&mut harness, "Venue", "Old Port Bistro");
    fill(&mut harness, "Party", "Ana, Ben, Chen, Dee, Eli");
    harness.get_by_label("Day").click();
    harness.run();
    harness.get_by_label("Sat 17 Apr").click();
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();

    let timeline = harness.state().timeline();
    let dinner =
        timeline.items().iter().position(|i| i.kind == ItemKind::Dinner).expect("the dinner is on the timeline");
    assert_eq!(timeline.clashes().len(), 1);
    assert_eq!(timeline.clashes()[0].severity, Severity::Hard);
    assert!(timeline.has_clash(dinner));
    let row = harness.get_by_label_contains("Team dinner, Old Port Bistro");
    assert!(row.accesskit_node().label().unwrap().contains(&format!("clashes with {SOCIAL}")));

    // The dinner offers "Move…": an earlier table clears the clash.
    harness.get_by_label("Move: Team dinner").click();
    harness.run();
    fill(&mut harness, "Starts", "17:30");
    harness.get_by_label("Save").click();
    harness.run();
    assert!(harness.state().timeline().clashes().is_empty(), "{:?}", harness.state().timeline().clashes());
    assert_eq!(harness.state().plan().dinners[0].starts_at, common::at("2027-04-17 17:30"));

    // One undo puts the dinner back where it clashed.
    harness.state_mut().execute(Command::Plan(PlanCommand::Undo), 0.0);
    harness.run();
    assert_eq!(harness.state().timeline().clashes().len(), 1);
}

#[test]
fn a_departure_before_the_closing_offers_make_maybe() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness(common::app_in(dir.path()), common::eve_of_the_conference());
    harness.run();
    // The closing session on Sunday afternoon, picked as a must.
    harness.state_mut().execute(
        Command::Plan(PlanCommand::Edit(Edit::Pick {
            session_id: SessionId::new("cpc27-101"),
            priority: Priority::Must,
        })),
        0.0,
    );
    harness.get_by_label("My agenda").click();
    harness.run();
    harness.get_by_label("+ Travel / busy").click();
    harness.run();
    harness.get_by_label("Day").click();
    harness.run();
    harness.get_by_label("Sun 18 Apr").click();
    harness.run();
    fill(&mut harness, "Note", "flight home");
    harness.get_by_label("Save").click();
    harness.run();
    let closing = harness.state().schedule().session_by_id(&SessionId::new("cpc27-101")).unwrap().title.clone();
    assert_eq!(harness.state().timeline().hard_clash_count(), 1, "a 13:00–17:00 departure clashes with {closing}");
    harness.get_by_label(&format!("Make maybe: {closing}")).click();
    harness.run();
    let timeline = harness.state().timeline();
    assert_eq!(timeline.hard_clash_count(), 0);
    assert_eq!(timeline.clashes().len(), 1, "still shown, as a soft clash");
    assert_eq!(harness.state().plan().priority(&SessionId::new("cpc27-101")), Some(Priority::Maybe));
}
