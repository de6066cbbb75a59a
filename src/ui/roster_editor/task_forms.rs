//! The volunteer coordinator's forms: a task (name, description, location, skills and, for an
//! assembly line, its throughput numbers, saved with the task) and a slot of a task (day, start,
//! end, people needed). Each checks its draft and pushes one `VolunteerEdit`.

use chrono::NaiveDate;
use egui::{DragValue, Grid, Ui};

use super::{
    FormKeys, FormOutcome, day_combo, hm, join_list, parse_hm, parse_list, problem_row, save_cancel_ui, text_row,
};
use crate::command::Command;
use crate::model::roster::{
    Roster, RosterEdit, VolunteerEdit, VolunteerSlot, VolunteerSlotId, VolunteerTask, VolunteerTaskId, next_slot_id,
    next_task_id,
};
use crate::model::throughput::Throughput;

/// The task form's contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskDraft {
    /// The task being edited; `None` for a new one.
    pub editing: Option<VolunteerTaskId>,
    pub name: String,
    pub description: String,
    pub location: String,
    /// Comma-separated.
    pub skills: String,
    /// Whether the task is an assembly line with the numbers below.
    pub has_throughput: bool,
    pub throughput: Throughput,
    focus_first: bool,
}

impl TaskDraft {
    pub fn new() -> Self {
        Self {
            editing: None,
            name: String::new(),
            description: String::new(),
            location: String::new(),
            skills: String::new(),
            has_throughput: false,
            // The real numbers: 3,000 bags, ten item boxes along the table, ~100 bags each an hour.
            throughput: Throughput { units: 3000, stations: 10, units_per_volunteer_hour: 100 },
            focus_first: true,
        }
    }

    pub fn edit(task: &VolunteerTask) -> Self {
        Self {
            editing: Some(task.id.clone()),
            name: task.name.clone(),
            description: task.description.clone(),
            location: task.location.clone(),
            skills: join_list(&task.skills),
            has_throughput: task.throughput.is_some(),
            throughput: task.throughput.unwrap_or(Self::new().throughput),
            focus_first: true,
        }
    }

    /// The task the draft describes.
    ///
    /// # Errors
    /// What is wrong with the name.
    pub fn to_task(&self, roster: &Roster) -> Result<VolunteerTask, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("Give the task a name".to_owned());
        }
        let id = self.editing.clone().unwrap_or_else(|| next_task_id(roster, name));
        Ok(VolunteerTask {
            id,
            name: name.to_owned(),
            description: self.description.trim().to_owned(),
            location: self.location.trim().to_owned(),
            skills: parse_list(&self.skills),
            throughput: self.has_throughput.then_some(self.throughput),
        })
    }

    /// Draws the form; Save pushes `AddTask` or `UpdateTask`.
    pub fn ui(&mut self, ui: &mut Ui, roster: &Roster, commands: &mut Vec<Command>) -> FormOutcome {
        let checked = self.to_task(roster);
        let mut keys = FormKeys::default();
        Grid::new("task_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let problem = checked.as_ref().err().filter(|_| !self.name.is_empty()).map(String::as_str);
            let name = text_row(ui, &mut keys, "Task name", &mut self.name, ("Registration desk", 260.0), problem);
            if std::mem::take(&mut self.focus_first) {
                name.request_focus();
            }
            text_row(ui, &mut keys, "Description", &mut self.description, ("what volunteers do", 260.0), None);
            text_row(ui, &mut keys, "Location", &mut self.location, ("Harbour Foyer", 260.0), None);
            text_row(ui, &mut keys, "Skills", &mut self.skills, ("e.g. fr, first aid", 260.0), None);
            ui.label("");
            ui.checkbox(&mut self.has_throughput, "Assembly line (swag bags and the like)");
            ui.end_row();
            if self.has_throughput {
                let t = &mut self.throughput;
                for (label, value, range) in [
                    ("Units to make", &mut t.units, 1..=1_000_000),
                    ("Stations", &mut t.stations, 1..=500),
                    ("Units per volunteer-hour", &mut t.units_per_volunteer_hour, 1..=100_000),
                ] {
                    let label = ui.label(label);
                    ui.add(DragValue::new(value).range(range)).labelled_by(label.id);
                    ui.end_row();
                }
            }
        });
        save_cancel_ui(
            ui,
            self.editing.is_some(),
            ("Add task", "Save task"),
            checked.ok(),
            keys.submitted(),
            |task, editing| {
                let edit = if editing { VolunteerEdit::UpdateTask(task) } else { VolunteerEdit::AddTask(task) };
                commands.push(Command::roster(RosterEdit::Volunteer(edit)));
            },
        )
    }
}

impl Default for TaskDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The slot form's contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotDraft {
    pub task: VolunteerTaskId,
    /// The slot being edited; `None` for a new one.
    pub editing: Option<VolunteerSlotId>,
    pub day: Option<NaiveDate>,
    pub start: String,
    pub end: String,
    pub needed: u32,
    focus_first: bool,
}

impl SlotDraft {
    pub fn new(task: VolunteerTaskId, day: Option<NaiveDate>) -> Self {
        Self {
            task,
            editing: None,
            day,
            start: "09:00".to_owned(),
            end: "11:00".to_owned(),
            needed: 2,
            focus_first: true,
        }
    }

    pub fn edit(slot: &VolunteerSlot) -> Self {
        Self {
            task: slot.task.clone(),
            editing: Some(slot.id.clone()),
            day: Some(slot.starts_at.date()),
            start: hm(slot.starts_at.time()),
            end: hm(slot.ends_at.time()),
            needed: slot.needed,
            focus_first: true,
        }
    }

    /// The slot the draft describes, keeping an edited slot's sign-ups.
    ///
    /// # Errors
    /// What is wrong with the times or the number needed.
    pub fn to_slot(&self, roster: &Roster, days: &[NaiveDate]) -> Result<VolunteerSlot, String> {
        let day = self.day.filter(|d| days.contains(d)).ok_or("Choose a day of the conference")?;
        let start = parse_hm(&self.start).ok_or("Write the start as HH:MM")?;
        let end = parse_hm(&self.end).ok_or("Write the end as HH:MM")?;
        if end <= start {
            return Err("The end must be after the start".to_owned());
        }
        let old = self.editing.as_ref().and_then(|id| roster.slot(id.as_str()));
        let signed_up = old.map_or(0, |s| s.signups.len());
        if (self.needed as usize) < signed_up.max(1) {
            return Err(format!("At least {} needed: {signed_up} signed up", signed_up.max(1)));
        }
        let mut slot = old.cloned().unwrap_or_else(|| VolunteerSlot {
            id: next_slot_id(roster, &self.task, day.and_time(start)),
            task: self.task.clone(),
            starts_at: day.and_time(start),
            ends_at: day.and_time(end),
            needed: self.needed,
            signups: Vec::new(),
            no_shows: Vec::new(),
            worked_minutes: std::collections::BTreeMap::new(),
        });
        (slot.starts_at, slot.ends_at, slot.needed) = (day.and_time(start), day.and_time(end), self.needed);
        Ok(slot)
    }

    /// Draws the form; Save pushes `AddSlots` (one slot) or `UpdateSlot`.
    pub fn ui(&mut self, ui: &mut Ui, roster: &Roster, days: &[NaiveDate], commands: &mut Vec<Command>) -> FormOutcome {
        let checked = self.to_slot(roster, days);
        let mut keys = FormKeys::default();
        Grid::new(("slot_form", self.task.as_str())).num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = ui.label("Slot day");
            let focus = std::mem::take(&mut self.focus_first);
            day_combo(ui, ("slot_form_day", self.task.as_str()), &label, &mut self.day, days);
            ui.end_row();
            let start = text_row(ui, &mut keys, "From", &mut self.start, ("09:00", 60.0), None);
            if focus {
                start.request_focus();
            }
            text_row(ui, &mut keys, "To", &mut self.end, ("11:00", 60.0), None);
            let label = ui.label("People needed");
            ui.add(DragValue::new(&mut self.needed).range(1..=1000)).labelled_by(label.id);
            ui.end_row();
            problem_row(ui, checked.as_ref().err().map(String::as_str));
        });
        save_cancel_ui(
            ui,
            self.editing.is_some(),
            ("Add slot", "Save slot"),
            checked.ok(),
            keys.submitted(),
            |slot, editing| {
                let edit = if editing { VolunteerEdit::UpdateSlot(slot) } else { VolunteerEdit::AddSlots(vec![slot]) };
                commands.push(Command::roster(RosterEdit::Volunteer(edit)));
            },
        )
    }
}

/// "Propose slots" for an assembly-line task: back-to-back slots from a start, each `slot_mins`
/// long, sized by the task's own throughput numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposeDraft {
    pub task: VolunteerTaskId,
    pub day: Option<NaiveDate>,
    pub start: String,
    pub slot_mins: u32,
    focus_first: bool,
}

impl ProposeDraft {
    pub fn new(task: VolunteerTaskId, day: Option<NaiveDate>) -> Self {
        Self { task, day, start: "09:00".to_owned(), slot_mins: 60, focus_first: true }
    }

    /// Draws the form with a preview; "Add N slots" pushes one `AddSlots`.
    pub fn ui(&mut self, ui: &mut Ui, roster: &Roster, days: &[NaiveDate], commands: &mut Vec<Command>) -> FormOutcome {
        let mut keys = FormKeys::default();
        // A task with no slots yet starts on the first conference day, so the preview shows at once.
        if self.day.is_none() {
            self.day = days.first().copied();
        }
        Grid::new(("propose_form", self.task.as_str())).num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = ui.label("First slot day");
            day_combo(ui, ("propose_day", self.task.as_str()), &label, &mut self.day, days);
            ui.end_row();
            let start = text_row(ui, &mut keys, "Starting at", &mut self.start, ("09:00", 60.0), None);
            if std::mem::take(&mut self.focus_first) {
                start.request_focus();
            }
            let label = ui.label("Each slot");
            ui.add(DragValue::new(&mut self.slot_mins).range(15..=8 * 60).speed(15).suffix(" min"))
                .labelled_by(label.id);
            ui.end_row();
        });
        let task = roster.task(self.task.as_str());
        let slots = match (task, task.and_then(|t| t.throughput), self.day, parse_hm(&self.start)) {
            (Some(task), Some(numbers), Some(day), Some(start)) => {
                crate::model::throughput::propose_slots(task, numbers, day.and_time(start), self.slot_mins, roster)
            }
            _ => Vec::new(),
        };
        let people: u32 = slots.iter().map(|s| s.needed).sum();
        ui.label(format!("{} slots, {people} volunteer places in all", slots.len()));
        let count = slots.len();
        save_cancel_ui(
            ui,
            false,
            (&format!("Add {count} slots"), ""),
            (count > 0).then_some(slots),
            keys.submitted(),
            |slots, _| {
                commands.push(Command::roster(RosterEdit::Volunteer(VolunteerEdit::AddSlots(slots))));
            },
        )
    }
}
