//! The Setup mode: the roster's name and rules (minimum rest, longest stretch of work, when the
//! day changes) and its booths (add, rename, move, remove). Removing a booth that still has
//! shifts asks first, then removes them with it in one undoable step.

use egui::{Checkbox, DragValue, Grid, RichText, Ui, WidgetInfo};

use super::{FormKeys, FormOutcome, hm, parse_hm, problem_row, save_cancel_ui, text_row};
use crate::command::Command;
use crate::model::roster::{Booth, BoothEdit, BoothId, DetailsEdit, Roster, RosterEdit, RosterRules, next_booth_id};

/// The booth form: a new booth (`editing: None`) or an existing one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoothDraft {
    pub editing: Option<BoothId>,
    pub name: String,
    pub location: String,
    focus_first: bool,
}

impl BoothDraft {
    pub fn new() -> Self {
        Self { focus_first: true, ..Self::default() }
    }

    fn edit(booth: &Booth) -> Self {
        Self {
            editing: Some(booth.id.clone()),
            name: booth.name.clone(),
            location: booth.location.clone(),
            focus_first: true,
        }
    }

    /// The booth the draft describes.
    ///
    /// # Errors
    /// What is wrong with the name.
    pub fn to_booth(&self, roster: &Roster) -> Result<Booth, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("Give the booth a name".to_owned());
        }
        let clash = roster.booths().iter().any(|b| b.name.trim() == name && Some(&b.id) != self.editing.as_ref());
        if clash {
            return Err(format!("There is already a booth called {name}"));
        }
        let id = self.editing.clone().unwrap_or_else(|| next_booth_id(roster, name));
        Ok(Booth { id, name: name.to_owned(), location: self.location.trim().to_owned() })
    }
}

/// The roster's details as typed, before they are saved.
#[derive(Clone, Debug, PartialEq, Eq)]
struct DetailsDraft {
    name: String,
    min_rest_mins: u32,
    has_max_consecutive: bool,
    max_consecutive_mins: u32,
    day_change: String,
}

impl DetailsDraft {
    fn of(roster: &Roster) -> Self {
        let rules = roster.rules();
        Self {
            name: roster.name().to_owned(),
            min_rest_mins: rules.min_rest_mins,
            has_max_consecutive: rules.max_consecutive_mins.is_some(),
            max_consecutive_mins: rules.max_consecutive_mins.unwrap_or(6 * 60),
            day_change: hm(rules.day_change),
        }
    }

    fn rules(&self) -> Option<RosterRules> {
        Some(RosterRules {
            min_rest_mins: self.min_rest_mins,
            day_change: parse_hm(&self.day_change)?,
            max_consecutive_mins: self.has_max_consecutive.then_some(self.max_consecutive_mins),
        })
    }
}

/// Transient state of the Setup mode.
#[derive(Default)]
pub struct SetupView {
    /// The details as typed, and the roster revision they were read from.
    details: Option<(u64, DetailsDraft)>,
    pub booth_form: Option<BoothDraft>,
    /// A booth with shifts whose removal waits for a yes.
    confirm_remove: Option<BoothId>,
}

impl SetupView {
    pub fn ui(&mut self, ui: &mut Ui, roster: &Roster, revision: u64, commands: &mut Vec<Command>) {
        egui::ScrollArea::vertical().id_salt("roster_setup").auto_shrink(false).show(ui, |ui| {
            ui.heading("Roster");
            self.details_ui(ui, roster, revision, commands);
            ui.add_space(12.0);
            ui.separator();
            ui.heading("Booths");
            self.booths_ui(ui, roster, commands);
        });
        self.confirm_ui(ui, roster, commands);
    }

    fn details_ui(&mut self, ui: &mut Ui, roster: &Roster, revision: u64, commands: &mut Vec<Command>) {
        // Re-read after any change to the roster (a save, an undo): what is shown is what is saved.
        let saved = DetailsDraft::of(roster);
        if self.details.as_ref().is_none_or(|(rev, _)| *rev != revision) {
            self.details = Some((revision, saved.clone()));
        }
        let Some((_, draft)) = &mut self.details else { return };
        let mut keys = FormKeys::default();
        Grid::new("roster_details").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            text_row(ui, &mut keys, "Roster name", &mut draft.name, ("Booths and volunteers", 280.0), None);
            let label = ui.label("Minimum rest between shifts");
            ui.add(DragValue::new(&mut draft.min_rest_mins).range(0..=24 * 60).speed(5).suffix(" min"))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Longest stretch of work");
            ui.horizontal(|ui| {
                ui.add(Checkbox::without_text(&mut draft.has_max_consecutive)).labelled_by(label.id);
                if draft.has_max_consecutive {
                    let range = 15..=24 * 60;
                    ui.add(DragValue::new(&mut draft.max_consecutive_mins).range(range).speed(15).suffix(" min"))
                        .labelled_by(label.id);
                    ui.label(RichText::new("without a proper rest").weak());
                } else {
                    ui.label(RichText::new("no limit").weak());
                }
            });
            ui.end_row();
            let width = super::time_width(ui);
            text_row(ui, &mut keys, "Day changes at", &mut draft.day_change, ("04:00", width), None);
            let bad_time = parse_hm(&draft.day_change).is_none().then_some("Write the time as HH:MM");
            problem_row(ui, bad_time);
        });
        let rules = draft.rules();
        let changed = *draft != saved;
        ui.horizontal(|ui| {
            let save = ui.add_enabled(changed && rules.is_some(), egui::Button::new("Save roster details"));
            if (save.clicked() || (keys.submitted() && changed))
                && let Some(rules) = rules
            {
                if draft.name.trim() != roster.name() {
                    commands
                        .push(Command::roster(RosterEdit::Details(DetailsEdit::Name(draft.name.trim().to_owned()))));
                }
                if rules != roster.rules() {
                    commands.push(Command::roster(RosterEdit::Details(DetailsEdit::Rules(rules))));
                }
            }
            if ui.add_enabled(changed, egui::Button::new("Revert")).clicked() {
                *draft = saved;
            }
        });
    }

    fn booths_ui(&mut self, ui: &mut Ui, roster: &Roster, commands: &mut Vec<Command>) {
        if roster.booths().is_empty() {
            ui.label("No booths yet. A booth is a stand that needs people: add the first one.");
        }
        Grid::new("roster_booths").num_columns(4).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
            for booth in roster.booths() {
                if self.booth_form.as_ref().is_some_and(|d| d.editing.as_ref() == Some(&booth.id)) {
                    continue;
                }
                ui.label(RichText::new(booth.label()).strong());
                ui.label(if booth.location.is_empty() { "—" } else { booth.location.as_str() });
                let shifts = roster.shifts().iter().filter(|s| s.booth == booth.id).count();
                ui.label(RichText::new(format!("{shifts} shifts")).weak());
                ui.horizontal(|ui| {
                    let edit = ui.small_button("Edit");
                    edit.widget_info(|| {
                        WidgetInfo::labeled(egui::Role::Button, true, format!("Edit {}", booth.label()))
                    });
                    if edit.clicked() {
                        self.booth_form = Some(BoothDraft::edit(booth));
                    }
                    let remove = ui.small_button("Remove");
                    remove.widget_info(|| {
                        WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {}", booth.label()))
                    });
                    if remove.clicked() {
                        if shifts == 0 {
                            commands.push(Command::roster(RosterEdit::Booth(BoothEdit::Remove(booth.id.clone()))));
                        } else {
                            self.confirm_remove = Some(booth.id.clone());
                        }
                    }
                });
                ui.end_row();
            }
        });
        ui.add_space(6.0);
        if let Some(draft) = &mut self.booth_form {
            let title = if draft.editing.is_some() { "Edit booth" } else { "New booth" };
            let outcome = egui::Frame::group(ui.style())
                .show(ui, |ui| {
                    ui.strong(title);
                    booth_form_ui(ui, draft, roster, commands)
                })
                .inner;
            if outcome != FormOutcome::Open {
                self.booth_form = None;
            }
        } else if ui.button("+ Add booth").clicked() {
            self.booth_form = Some(BoothDraft::new());
        }
    }

    /// "Remove Booth A and its 12 shifts?" with Remove and Cancel.
    fn confirm_ui(&mut self, ui: &mut Ui, roster: &Roster, commands: &mut Vec<Command>) {
        let Some(id) = self.confirm_remove.clone() else { return };
        let Some(booth) = roster.booth(id.as_str()) else {
            self.confirm_remove = None;
            return;
        };
        let shifts = roster.shifts().iter().filter(|s| s.booth == id).count();
        let modal = egui::Modal::new(egui::Id::unique("confirm_remove_booth")).show(ui.ctx(), |ui| {
            ui.label(RichText::new(format!("Remove {} and its {shifts} shifts?", booth.label())).strong());
            ui.label("Everyone on those shifts is taken off them. Undo (Ctrl+Z) brings it all back.");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Remove").clicked() {
                    commands.push(Command::roster(RosterEdit::Booth(BoothEdit::RemoveWithShifts(id.clone()))));
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
}

/// The booth form's fields and buttons; Add/Save pushes one booth edit.
fn booth_form_ui(ui: &mut Ui, draft: &mut BoothDraft, roster: &Roster, commands: &mut Vec<Command>) -> FormOutcome {
    let checked = draft.to_booth(roster);
    let mut keys = FormKeys::default();
    Grid::new("booth_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        // A blank name is not worth a warning before anything is typed.
        let problem = checked.as_ref().err().filter(|_| !draft.name.is_empty()).map(String::as_str);
        let name = text_row(ui, &mut keys, "Booth name", &mut draft.name, ("Tidewater Data", 240.0), problem);
        if std::mem::take(&mut draft.focus_first) {
            name.request_focus();
        }
        text_row(ui, &mut keys, "Location", &mut draft.location, ("Expo hall, stand 12", 240.0), None);
    });
    let editing = draft.editing.is_some();
    save_cancel_ui(ui, editing, ("Add booth", "Save booth"), checked.ok(), keys.submitted(), |booth, editing| {
        let edit = if editing { BoothEdit::Update(booth) } else { BoothEdit::Add(booth) };
        commands.push(Command::roster(RosterEdit::Booth(edit)));
    })
}
