//! Volunteer tasks and slots, for both sides. The attendee signs up for a slot: it goes into
//! their own plan and onto their timeline. The coordinator (who owns the roster) sees coverage
//! per task and slot, adds names, marks no-shows and worked hours, generates session-chair slots
//! for a room, and plans assembly-line tasks with the throughput calculator.

use crate::model::roster::VolunteerEdit;
use chrono::NaiveDateTime;
use egui::{ComboBox, DragValue, RichText, TextEdit, Ui, WidgetInfo};

use super::roster_view::RosterCtx;
use super::{ViewCtx, theme};
use crate::command::{Command, PlanCommand, RosterCommand};
use crate::model::roster::{
    RosterEdit, VolunteerSlot, VolunteerSlotId, VolunteerTask, VolunteerTaskId, generate_chair_slots,
};
use crate::model::throughput::{AssemblyLine, observed_rate};
use crate::model::time::{format_day, format_hm, format_minutes};
use crate::model::{Edit, SlotKey};

/// Transient state: names being typed, the chair-slot generator's and the calculator's inputs.
pub struct VolunteersView {
    /// The name typed into each slot's "add" field.
    new_names: std::collections::BTreeMap<VolunteerSlotId, String>,
    chair_room: Option<String>,
    chair_task: Option<VolunteerTaskId>,
    padding_before: u32,
    padding_after: u32,
    units: u32,
    stations: u32,
    rate: u32,
}

impl Default for VolunteersView {
    fn default() -> Self {
        Self {
            new_names: std::collections::BTreeMap::new(),
            chair_room: None,
            chair_task: None,
            padding_before: 10,
            padding_after: 5,
            // The real numbers: 3,000 bags, ten item boxes along the table, ~100 bags each an hour.
            units: 3000,
            stations: 10,
            rate: 100,
        }
    }
}

impl VolunteersView {
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, r: &RosterCtx<'_>, commands: &mut Vec<Command>) {
        egui::ScrollArea::vertical().id_salt("volunteers").auto_shrink(false).show(ui, |ui| {
            if r.roster.tasks().is_empty() {
                ui.label("This roster has no volunteer tasks yet.");
            }
            for coverage in r.volunteer_coverage {
                let Some(task) = r.roster.task(coverage.task.as_str()) else { continue };
                ui.add_space(6.0);
                ui.horizontal_wrapped(|ui| {
                    ui.heading(&task.name);
                    let colour = if coverage.signed_up >= coverage.needed {
                        theme::ok(ui.visuals())
                    } else {
                        theme::must(ui.visuals())
                    };
                    ui.label(
                        RichText::new(format!("{} of {} signed up", coverage.signed_up, coverage.needed)).color(colour),
                    );
                    if !task.location.is_empty() {
                        ui.label(RichText::new(format!("📍 {}", task.location)).weak());
                    }
                });
                if !task.description.is_empty() {
                    ui.add(egui::Label::new(RichText::new(&task.description).weak()).wrap());
                }
                for slot in r.roster.slots().iter().filter(|s| s.task == task.id) {
                    self.slot_ui(ui, ctx, r, slot, commands);
                }
            }
            ui.separator();
            self.chair_slots_ui(ui, ctx, r, commands);
            ui.separator();
            self.throughput_ui(ui, r);
        });
    }

    fn slot_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        r: &RosterCtx<'_>,
        slot: &VolunteerSlot,
        commands: &mut Vec<Command>,
    ) {
        let key = SlotKey { roster: r.roster.id().to_owned(), slot: slot.id.as_str().to_owned() };
        let mine = ctx.plan.is_signed_up(&key);
        ui.push_id(slot.id.as_str(), |ui| {
            egui::Frame::new().inner_margin(egui::Margin::symmetric(8, 4)).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "{} {}–{}",
                            format_day(slot.starts_at.date()),
                            format_hm(slot.starts_at),
                            format_hm(slot.ends_at)
                        ))
                        .strong(),
                    );
                    ui.label(format!("{} of {} needed", slot.signups.len(), slot.needed));
                    let text = if mine { "Leave this slot" } else { "Sign me up" };
                    let button = ui.button(text);
                    button.widget_info(|| {
                        WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("{text}: {} {}", slot.id.as_str(), format_hm(slot.starts_at)),
                        )
                    });
                    if button.clicked() {
                        if mine {
                            commands.push(Command::Plan(PlanCommand::Edit(Edit::LeaveSlot(key.clone()))));
                        } else if let Some(signup) = r.roster.slot_signup(slot.id.as_str()) {
                            commands.push(Command::Plan(PlanCommand::Edit(Edit::sign_up(signup))));
                        }
                    }
                });
                for name in &slot.signups {
                    ui.horizontal(|ui| {
                        ui.label(format!("• {name}"));
                        let mut no_show = slot.no_shows.contains(name);
                        if ui.checkbox(&mut no_show, "no-show").changed() {
                            let edit = RosterEdit::Volunteer(VolunteerEdit::SetNoShow {
                                slot: slot.id.clone(),
                                name: name.clone(),
                                no_show,
                            });
                            commands.push(Command::roster(edit));
                        }
                        let mut minutes = slot.minutes_worked_by(name);
                        let label = ui.label("worked");
                        let drag = ui
                            .add(DragValue::new(&mut minutes).range(0..=24 * 60).speed(5).suffix(" min"))
                            .labelled_by(label.id);
                        if drag.drag_stopped() || (drag.changed() && !drag.dragged()) {
                            let edit = RosterEdit::Volunteer(VolunteerEdit::SetWorkedMinutes {
                                slot: slot.id.clone(),
                                name: name.clone(),
                                minutes: Some(minutes),
                            });
                            commands.push(Command::roster(edit));
                        }
                    });
                }
                ui.horizontal(|ui| {
                    let draft = self.new_names.entry(slot.id.clone()).or_default();
                    let label = ui.label("Add a volunteer");
                    ui.add(TextEdit::singleline(draft).desired_width(160.0).hint_text("name")).labelled_by(label.id);
                    if ui.add_enabled(!draft.trim().is_empty(), egui::Button::new("Add")).clicked() {
                        let edit = RosterEdit::Volunteer(VolunteerEdit::SignUp {
                            slot: slot.id.clone(),
                            name: draft.trim().to_owned(),
                        });
                        commands.push(Command::roster(edit));
                        draft.clear();
                    }
                });
            });
        });
    }

    /// One session-chair slot per talk in a room, with some padding either side.
    fn chair_slots_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, r: &RosterCtx<'_>, commands: &mut Vec<Command>) {
        ui.strong("Session chairs");
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Room");
            let rooms = ctx.schedule.rooms();
            ComboBox::from_id_salt("chair_room")
                .selected_text(self.chair_room.as_deref().unwrap_or("choose a room"))
                .show_ui(ui, |ui| {
                    for room in rooms {
                        ui.selectable_value(&mut self.chair_room, Some(room.name.clone()), &room.name);
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Task");
            ComboBox::from_id_salt("chair_task")
                .selected_text(
                    self.chair_task
                        .as_ref()
                        .and_then(|t| r.roster.task(t.as_str()))
                        .map_or("choose a task", |t| t.name.as_str()),
                )
                .show_ui(ui, |ui| {
                    for task in r.roster.tasks() {
                        ui.selectable_value(&mut self.chair_task, Some(task.id.clone()), &task.name);
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("before");
            ui.add(DragValue::new(&mut self.padding_before).range(0..=60).suffix(" min")).labelled_by(label.id);
            let label = ui.label("after");
            ui.add(DragValue::new(&mut self.padding_after).range(0..=60).suffix(" min")).labelled_by(label.id);
            let ready = self.chair_room.is_some() && self.chair_task.is_some();
            if ui.add_enabled(ready, egui::Button::new("Make one slot per talk")).clicked()
                && let (Some(room), Some(task)) = (&self.chair_room, &self.chair_task)
            {
                let slots = generate_chair_slots(ctx.schedule, room, self.padding_before, self.padding_after, task);
                commands.push(Command::Roster(RosterCommand::Edit(Box::new(RosterEdit::Volunteer(
                    VolunteerEdit::AddSlots(slots),
                )))));
            }
        });
    }

    /// Assembly-line planning: volunteers needed and the finish time, and the rate a crew reached.
    fn throughput_ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>) {
        ui.strong("Assembly line (swag bags and the like)");
        ui.horizontal_wrapped(|ui| {
            for (label, value, range) in [
                ("Units", &mut self.units, 1..=1_000_000),
                ("Stations", &mut self.stations, 1..=500),
                ("Per volunteer-hour", &mut self.rate, 1..=100_000),
            ] {
                let label = ui.label(label);
                ui.add(DragValue::new(value).range(range)).labelled_by(label.id);
            }
        });
        let line =
            AssemblyLine { units: self.units, stations: self.stations, units_per_volunteer_hour: f64::from(self.rate) };
        let full = line.with_crew(self.stations);
        ui.label(format!(
            "A full line of {} volunteers makes {:.0} an hour: {} units take {}.",
            full.working,
            full.crew_rate,
            self.units,
            format_minutes((full.hours * 60.0).ceil() as i64)
        ));
        // Against each slot of the task whose name mentions the work, say whether the crew makes it.
        for slot in r.roster.slots() {
            let hours = f64::from(slot.duration_mins()) / 60.0;
            if hours <= 0.0 || !r.roster.task(slot.task.as_str()).is_some_and(VolunteerTask::is_assembly_line) {
                continue;
            }
            let crew = slot.crew();
            let finish = line
                .finish(slot.starts_at, crew)
                .map_or_else(|| "never (nobody yet)".to_owned(), |t: NaiveDateTime| format_hm(t));
            let needed = match line.volunteers_needed(hours) {
                Ok(n) => format!("{n} volunteers finish in the slot"),
                Err(n) => format!("the slot is too short even with every station filled ({n} would be needed)"),
            };
            ui.label(format!(
                "{} {}: {crew} signed up, done by {finish}; {needed}.",
                format_day(slot.starts_at.date()),
                format_hm(slot.starts_at)
            ));
            let worked_hours = f64::from(slot.recorded_minutes()) / 60.0;
            if worked_hours > 0.0
                && let Some(rate) = observed_rate(self.units, 1, worked_hours)
            {
                ui.label(
                    RichText::new(format!(
                        "Measured: {rate:.0} units per volunteer-hour over {worked_hours:.1} h worked."
                    ))
                    .weak(),
                );
            }
        }
    }
}
