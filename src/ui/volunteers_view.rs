//! Volunteer tasks and slots, for both sides. The attendee signs up for a slot: it goes into
//! their own plan and onto their timeline. The coordinator (who owns the roster) sees coverage
//! per task and slot, adds names, marks no-shows and worked hours, generates session-chair slots
//! for a room, and plans assembly-line tasks with the throughput calculator.

use crate::model::roster::VolunteerEdit;
use chrono::{NaiveDate, NaiveDateTime};
use egui::{ComboBox, DragValue, RichText, TextEdit, Ui, WidgetInfo};

use super::roster_editor::FormOutcome;
use super::roster_editor::task_forms::{ProposeDraft, SlotDraft, TaskDraft};
use super::roster_view::RosterCtx;
use super::{Memo, ViewCtx, theme};
use crate::command::{Command, PlanCommand, RosterCommand};
use crate::model::roster::{
    RosterEdit, VolunteerSlot, VolunteerSlotId, VolunteerTask, VolunteerTaskId, generate_chair_slots,
};
use crate::model::throughput::{LinePlan, line_plan, observed_rate};
use crate::model::time::{format_day, format_hm, format_minutes};
use crate::model::{Edit, SlotKey};

/// Transient state: names being typed, the open task or slot form, the chair-slot generator's
/// inputs, and the note after the attendee signed up.
pub struct VolunteersView {
    /// The name typed into each slot's "add" field.
    new_names: std::collections::BTreeMap<VolunteerSlotId, String>,
    chair_room: Option<String>,
    chair_task: Option<VolunteerTaskId>,
    padding_before: u32,
    padding_after: u32,
    task_form: Option<TaskDraft>,
    slot_form: Option<SlotDraft>,
    propose: Option<ProposeDraft>,
    /// A task with slots whose removal waits for a yes.
    confirm_remove: Option<VolunteerTaskId>,
    /// "Signed up for … — saved in your plan", shown with Undo until the next action.
    signed_up: Option<String>,
    line_plans: LinePlans,
}

impl Default for VolunteersView {
    fn default() -> Self {
        Self {
            new_names: std::collections::BTreeMap::new(),
            chair_room: None,
            chair_task: None,
            padding_before: 10,
            padding_after: 5,
            task_form: None,
            slot_form: None,
            propose: None,
            confirm_remove: None,
            signed_up: None,
            line_plans: Memo::default(),
        }
    }
}

impl VolunteersView {
    /// `days`: the conference days (and any the roster already uses).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        r: &RosterCtx<'_>,
        days: &[NaiveDate],
        commands: &mut Vec<Command>,
    ) {
        let before = commands.len();
        let note = self.signed_up.clone();
        egui::ScrollArea::vertical().id_salt("volunteers").auto_shrink(false).show(ui, |ui| {
            self.signed_up_ui(ui, commands);
            self.new_task_ui(ui, r, commands);
            if r.roster.tasks().is_empty() {
                ui.label("This roster has no volunteer tasks yet.");
            }
            for coverage in r.volunteer_coverage {
                let Some(task) = r.roster.task(coverage.task.as_str()) else { continue };
                ui.add_space(6.0);
                self.task_header_ui(ui, r, task, coverage, commands);
                if self.task_form.as_ref().is_some_and(|f| f.editing.as_ref() == Some(&task.id)) {
                    self.task_form_ui(ui, r, commands);
                } else if !task.description.is_empty() {
                    ui.add(egui::Label::new(RichText::new(&task.description).weak()).wrap());
                }
                for slot in r.roster.slots().iter().filter(|s| s.task == task.id) {
                    self.slot_ui(ui, ctx, r, slot, days, commands);
                }
                self.propose_ui(ui, r, &task.id, days, commands);
                self.new_slot_ui(ui, r, &task.id, days, commands);
            }
            ui.separator();
            self.chair_slots_ui(ui, ctx, r, commands);
            ui.separator();
            throughput_ui(ui, r, &mut self.line_plans);
        });
        self.confirm_ui(ui, r, commands);
        // The sign-up note stays until the next action, whatever it is.
        if note.is_some() && note == self.signed_up && commands.len() > before {
            self.signed_up = None;
        }
    }

    /// "Signed up for … — saved in your plan" and Undo.
    fn signed_up_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(note) = &self.signed_up else { return };
        let mut undo = false;
        egui::Frame::group(ui.style()).fill(theme::ok(ui.visuals()).gamma_multiply(0.15)).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("✔ {note}")).strong());
                let button = ui.button("Undo").on_hover_text("Take the sign-up out of your plan again");
                button.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, "Undo the sign-up"));
                undo = button.clicked();
            });
        });
        if undo {
            commands.push(Command::Plan(PlanCommand::Undo));
            self.signed_up = None;
        }
    }

    /// "+ Add volunteer task", or the new task's form.
    fn new_task_ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>, commands: &mut Vec<Command>) {
        if self.task_form.as_ref().is_some_and(|f| f.editing.is_none()) {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.strong("New volunteer task");
                self.task_form_ui(ui, r, commands);
            });
        } else if ui.button("+ Add volunteer task").clicked() {
            self.task_form = Some(TaskDraft::new());
        }
    }

    fn task_form_ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>, commands: &mut Vec<Command>) {
        if let Some(form) = &mut self.task_form
            && form.ui(ui, r.roster, commands) != FormOutcome::Open
        {
            self.task_form = None;
        }
    }

    /// The task's name, coverage and place, with Edit, Remove and "+ Add slot".
    fn task_header_ui(
        &mut self,
        ui: &mut Ui,
        r: &RosterCtx<'_>,
        task: &VolunteerTask,
        coverage: &crate::model::roster::TaskCoverage,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.heading(&task.name);
            let colour = if coverage.needed == 0 {
                ui.visuals().weak_text_color()
            } else if coverage.signed_up >= coverage.needed {
                theme::ok(ui.visuals())
            } else {
                theme::must(ui.visuals())
            };
            ui.label(RichText::new(format!("{} of {} signed up", coverage.signed_up, coverage.needed)).color(colour));
            if !task.location.is_empty() {
                ui.label(RichText::new(format!("📍 {}", task.location)).weak());
            }
            let labelled = |ui: &mut Ui, text: &str, what: &str| {
                let button = ui.small_button(text);
                button.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, format!("{what} {}", task.name)));
                button.clicked()
            };
            if labelled(ui, "Edit", "Edit task") {
                self.task_form = Some(TaskDraft::edit(task));
            }
            if task.throughput.is_some() && labelled(ui, "Propose slots", "Propose slots for") {
                let day = r.roster.slots().iter().rfind(|s| s.task == task.id).map(|s| s.starts_at.date());
                self.propose = Some(ProposeDraft::new(task.id.clone(), day));
            }
            if labelled(ui, "Remove", "Remove task") {
                if r.roster.slots().iter().any(|s| s.task == task.id) {
                    self.confirm_remove = Some(task.id.clone());
                } else {
                    commands.push(Command::roster(RosterEdit::Volunteer(VolunteerEdit::RemoveTask(task.id.clone()))));
                }
            }
        });
    }

    /// The "Propose slots" form under an assembly-line task, when open for it.
    fn propose_ui(
        &mut self,
        ui: &mut Ui,
        r: &RosterCtx<'_>,
        task: &VolunteerTaskId,
        days: &[NaiveDate],
        commands: &mut Vec<Command>,
    ) {
        let Some(form) = self.propose.as_mut().filter(|f| &f.task == task) else { return };
        let outcome = egui::Frame::group(ui.style())
            .show(ui, |ui| {
                ui.strong("Propose slots from the task's numbers");
                form.ui(ui, r.roster, days, commands)
            })
            .inner;
        if outcome != FormOutcome::Open {
            self.propose = None;
        }
    }

    /// "+ Add slot" under a task's slots, or the new slot's form.
    fn new_slot_ui(
        &mut self,
        ui: &mut Ui,
        r: &RosterCtx<'_>,
        task: &VolunteerTaskId,
        days: &[NaiveDate],
        commands: &mut Vec<Command>,
    ) {
        ui.push_id(("new_slot", task.as_str()), |ui| {
            if let Some(form) = self.slot_form.as_mut().filter(|f| &f.task == task && f.editing.is_none()) {
                let outcome = egui::Frame::group(ui.style())
                    .show(ui, |ui| {
                        ui.strong("New slot");
                        form.ui(ui, r.roster, days, commands)
                    })
                    .inner;
                if outcome != FormOutcome::Open {
                    self.slot_form = None;
                }
            } else {
                let add = ui.small_button("+ Add slot");
                add.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, format!("Add slot to {task}")));
                if add.clicked() {
                    let day = r.roster.slots().iter().rfind(|s| &s.task == task).map(|s| s.starts_at.date());
                    self.slot_form = Some(SlotDraft::new(task.clone(), day.or_else(|| days.first().copied())));
                }
            }
        });
    }

    /// "Remove Swag-bag stuffing and its 3 slots?", then one edit removes the task with them.
    fn confirm_ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>, commands: &mut Vec<Command>) {
        let Some(id) = self.confirm_remove.clone() else { return };
        let Some(task) = r.roster.task(id.as_str()) else {
            self.confirm_remove = None;
            return;
        };
        let slots: Vec<&VolunteerSlot> = r.roster.slots().iter().filter(|s| s.task == id).collect();
        let modal = egui::Modal::new(egui::Id::unique("confirm_remove_task")).show(ui.ctx(), |ui| {
            ui.label(RichText::new(format!("Remove {} and its {} slots?", task.name, slots.len())).strong());
            let people: usize = slots.iter().map(|s| s.signups.len()).sum();
            ui.label(format!("{people} sign-ups go with them. Undo (Ctrl+Z) brings them back."));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Remove").clicked() {
                    let edit = VolunteerEdit::RemoveTaskWithSlots(id.clone());
                    commands.push(Command::roster(RosterEdit::Volunteer(edit)));
                    self.confirm_remove = None;
                }
                if ui.button("Cancel").clicked() {
                    self.confirm_remove = None;
                }
            });
        });
        if modal.should_close() {
            self.confirm_remove = None;
        }
    }

    fn slot_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        r: &RosterCtx<'_>,
        slot: &VolunteerSlot,
        days: &[NaiveDate],
        commands: &mut Vec<Command>,
    ) {
        // Compared in place: building a SlotKey for every slot every frame would allocate.
        let mine = ctx.plan.signups.iter().any(|s| s.key.roster == r.roster.id() && s.key.slot == slot.id.as_str());
        let me = ctx.plan.me.as_deref();
        // An attendee's own sign-up lives in their plan; it counts as the coverage counts it.
        let mine_only = r.roster.counts_own_signup(slot, ctx.plan);
        ui.push_id(slot.id.as_str(), |ui| {
            egui::Frame::new().inner_margin(egui::Margin::symmetric(8, 4)).show(ui, |ui| {
                self.slot_header_ui(ui, r, slot, (mine, mine_only), commands);
                if let Some(form) = self.slot_form.as_mut().filter(|f| f.editing.as_ref() == Some(&slot.id)) {
                    if form.ui(ui, r.roster, days, commands) != FormOutcome::Open {
                        self.slot_form = None;
                    }
                    return;
                }
                signups_ui(ui, slot, commands);
                if mine_only {
                    let who = me.map_or_else(String::new, |me| format!("{me} "));
                    ui.label(RichText::new(format!("• {who}(you — in your plan)")).color(theme::ok(ui.visuals())));
                }
                ui.horizontal(|ui| {
                    let draft = self.new_names.entry(slot.id.clone()).or_default();
                    ui.label("Add a volunteer");
                    let field = ui.add(TextEdit::singleline(draft).desired_width(160.0).hint_text("name"));
                    // Every slot has this row: its names say which slot, for a screen reader.
                    let slot_name = || format!("{} {}", format_day(slot.starts_at.date()), format_hm(slot.starts_at));
                    field.widget_info(|| {
                        WidgetInfo::labeled(egui::Role::TextInput, true, format!("Add a volunteer to {}", slot_name()))
                    });
                    let add = ui.add_enabled(!draft.trim().is_empty(), egui::Button::new("Add"));
                    add.widget_info(|| {
                        WidgetInfo::labeled(
                            egui::Role::Button,
                            !draft.trim().is_empty(),
                            format!("Add to {}", slot_name()),
                        )
                    });
                    if add.clicked() {
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

    /// When, how full (the attendee's own sign-up counted), sign up or leave, edit and remove.
    fn slot_header_ui(
        &mut self,
        ui: &mut Ui,
        r: &RosterCtx<'_>,
        slot: &VolunteerSlot,
        (mine, mine_only): (bool, bool),
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let when = format!(
                "{} {}–{}",
                format_day(slot.starts_at.date()),
                format_hm(slot.starts_at),
                format_hm(slot.ends_at)
            );
            ui.label(RichText::new(&when).strong());
            ui.label(format!("{} of {} needed", slot.signups.len() + usize::from(mine_only), slot.needed));
            let text = if mine { "Leave this slot" } else { "Sign me up" };
            // Named by task and time, as the coordinator sees them, not by the slot's file id.
            let task = r.roster.task(slot.task.as_str()).map_or(slot.task.as_str(), |t| t.name.as_str());
            let labelled = |ui: &mut Ui, text: &str| {
                let button = ui.button(text);
                button.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, format!("{text}: {task} {when}")));
                button.clicked()
            };
            if labelled(ui, text) {
                if mine {
                    let key = SlotKey { roster: r.roster.id().to_owned(), slot: slot.id.as_str().to_owned() };
                    commands.push(Command::Plan(PlanCommand::Edit(Edit::LeaveSlot(key))));
                } else if let Some(signup) = r.roster.slot_signup(slot.id.as_str()) {
                    self.signed_up = Some(format!("Signed up for {} {when} — saved in your plan", signup.title));
                    commands.push(Command::Plan(PlanCommand::Edit(Edit::sign_up(signup))));
                }
            }
            if labelled(ui, "Edit slot") {
                self.slot_form = Some(SlotDraft::edit(slot));
            }
            if labelled(ui, "Remove slot") {
                commands.push(Command::roster(RosterEdit::Volunteer(VolunteerEdit::RemoveSlot(slot.id.clone()))));
            }
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
}

/// The people on a slot: no-show, minutes worked, and Remove (takes their sign-up off).
fn signups_ui(ui: &mut Ui, slot: &VolunteerSlot, commands: &mut Vec<Command>) {
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
            let drag =
                ui.add(DragValue::new(&mut minutes).range(0..=24 * 60).speed(5).suffix(" min")).labelled_by(label.id);
            if drag.drag_stopped() || (drag.changed() && !drag.dragged()) {
                let edit = RosterEdit::Volunteer(VolunteerEdit::SetWorkedMinutes {
                    slot: slot.id.clone(),
                    name: name.clone(),
                    minutes: Some(minutes),
                });
                commands.push(Command::roster(edit));
            }
            let remove = ui.small_button("Remove");
            remove.widget_info(|| {
                WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {name} from {}", slot.id))
            });
            if remove.clicked() {
                let edit = RosterEdit::Volunteer(VolunteerEdit::Leave { slot: slot.id.clone(), name: name.clone() });
                commands.push(Command::roster(edit));
            }
        });
    }
}

/// Each assembly-line task and how its slots carry the job: the plan, for the roster revision it
/// was made for (working it out walks every slot).
/// With each plan, its slots' indexes (into `Roster::slots`) in the plan's (start) order.
type LinePlans = Memo<u64, Vec<(VolunteerTaskId, LinePlan, Vec<usize>)>>;

fn line_plans(roster: &crate::model::roster::Roster) -> Vec<(VolunteerTaskId, LinePlan, Vec<usize>)> {
    let all = roster.slots();
    roster
        .tasks()
        .iter()
        .filter_map(|task| {
            let numbers = task.throughput?;
            let mut order: Vec<usize> = (0..all.len()).filter(|&i| all[i].task == task.id).collect();
            order.sort_by_key(|&i| (all[i].starts_at, all[i].ends_at));
            let slots: Vec<&VolunteerSlot> = order.iter().map(|&i| &all[i]).collect();
            Some((task.id.clone(), line_plan(numbers, &slots), order))
        })
        .collect()
}

/// "Fri 11:42", or "not within its slots".
fn finish_text(finish: Option<NaiveDateTime>) -> String {
    finish
        .map_or_else(|| "not within its slots".to_owned(), |t| format!("by {} {}", format_day(t.date()), format_hm(t)))
}

/// Assembly-line planning from each task's own numbers: how far its slots get with every seat
/// filled and with the people signed up now, slot by slot (each slot takes what the earlier ones
/// left), and the rate a crew reached where minutes worked were recorded.
fn throughput_ui(ui: &mut Ui, r: &RosterCtx<'_>, plans: &mut LinePlans) {
    ui.strong("Assembly lines (swag bags and the like)");
    let plans = plans.get(r.revision, || line_plans(r.roster));
    if plans.is_empty() {
        ui.label(
            RichText::new("Give a task its numbers (units, stations, rate) to plan it as an assembly line.").weak(),
        );
    }
    for (id, plan, order) in plans {
        let Some((task, numbers)) = r.roster.task(id.as_str()).and_then(|t| Some((t, t.throughput?))) else {
            continue;
        };
        let full = numbers.line().with_crew(numbers.stations);
        ui.label(format!(
            "{}: {} units; a full line of {} volunteers makes {:.0} an hour, so {} of work.",
            task.name,
            numbers.units,
            full.working,
            full.crew_rate,
            format_minutes((full.hours * 60.0).ceil() as i64)
        ));
        let (ok, short) = (theme::ok(ui.visuals()), theme::must(ui.visuals()));
        for (how, done, finish) in [
            ("With every seat filled", plan.planned, plan.planned_finish),
            ("With the people signed up now", plan.done, plan.finish),
        ] {
            let text = format!("    {how}: {done} of {} done {}.", numbers.units, finish_text(finish));
            ui.label(RichText::new(text).color(if done >= numbers.units { ok } else { short }));
        }
        let slots = order.iter().filter_map(|&i| r.roster.slots().get(i));
        for (slot, run) in slots.zip(&plan.slots) {
            ui.label(format!(
                "    {} {}–{}: {} of {} signed up make {} of its {}.",
                format_day(slot.starts_at.date()),
                format_hm(slot.starts_at),
                format_hm(slot.ends_at),
                slot.crew(),
                slot.needed,
                run.units,
                run.planned_units
            ));
        }
        let worked_hours: f64 =
            r.roster.slots().iter().filter(|s| s.task == task.id).map(|s| f64::from(s.recorded_minutes()) / 60.0).sum();
        if worked_hours > 0.0
            && let Some(rate) = observed_rate(numbers.units, 1, worked_hours)
        {
            ui.label(
                RichText::new(format!(
                    "    Measured: the whole job over {worked_hours:.1} volunteer-hours recorded is {rate:.0} units \
                     per volunteer-hour."
                ))
                .weak(),
            );
        }
    }
}
