//! The shift form: add a shift, or edit the chosen one in place in the details panel. The draft
//! holds plain text (`HH:MM` times, comma-separated skills); [`ShiftDraft::to_shift`] checks it
//! (an end after the start, or on the next day when ticked; seats from one up and never below
//! the people already on it; a conference day) and names the field at fault, which the form
//! shows beside that field with Save disabled.

use chrono::{Duration, NaiveDate};
use egui::{DragValue, Grid, Ui};

use super::{
    FormKeys, FormOutcome, booth_combo, cancel_pressed, day_combo, hm, join_list, parse_hm, parse_list, problem_row,
    text_row,
};
use crate::command::Command;
use crate::model::roster::{
    BoothId, DEFAULT_SEATS, MAX_SEATS, Roster, RosterEdit, Shift, ShiftEdit, ShiftId, next_shift_id,
};

/// The field a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftField {
    Booth,
    Day,
    Start,
    End,
    Seats,
}

/// The shift form's contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftDraft {
    /// The shift being edited; `None` for a new one.
    pub editing: Option<ShiftId>,
    pub booth: Option<BoothId>,
    pub day: Option<NaiveDate>,
    /// `HH:MM`.
    pub start: String,
    pub end: String,
    /// The end time is on the day after `day` (a shift past midnight).
    pub next_day: bool,
    pub seats: u32,
    pub role: String,
    /// Required skills, comma-separated.
    pub requires: String,
    focus_first: bool,
}

impl ShiftDraft {
    /// A new shift at `booth` on `day`, 09:00–11:00 with the default seats.
    pub fn new(booth: Option<BoothId>, day: Option<NaiveDate>) -> Self {
        Self {
            editing: None,
            booth,
            day,
            start: "09:00".to_owned(),
            end: "11:00".to_owned(),
            next_day: false,
            seats: DEFAULT_SEATS,
            role: String::new(),
            requires: String::new(),
            focus_first: true,
        }
    }

    /// The form for an existing shift (`day` is the date it starts on).
    pub fn edit(shift: &Shift) -> Self {
        Self {
            editing: Some(shift.id.clone()),
            booth: Some(shift.booth.clone()),
            day: Some(shift.starts_at.date()),
            start: hm(shift.starts_at.time()),
            end: hm(shift.ends_at.time()),
            next_day: shift.ends_at.date() > shift.starts_at.date(),
            seats: shift.seats,
            role: shift.role.clone(),
            requires: join_list(&shift.requires),
            focus_first: true,
        }
    }

    /// The shift the draft describes.
    ///
    /// # Errors
    /// The first field at fault and what is wrong with it.
    pub fn to_shift(&self, roster: &Roster, days: &[NaiveDate]) -> Result<Shift, (ShiftField, String)> {
        let Some(booth) = self.booth.clone().filter(|b| roster.booth(b.as_str()).is_some()) else {
            return Err((ShiftField::Booth, "Choose a booth".to_owned()));
        };
        let Some(day) = self.day else { return Err((ShiftField::Day, "Choose a day".to_owned())) };
        if !days.contains(&day) {
            return Err((ShiftField::Day, "Not a day of the conference".to_owned()));
        }
        let Some(start) = parse_hm(&self.start) else {
            return Err((ShiftField::Start, "Write the start as HH:MM".to_owned()));
        };
        let Some(end) = parse_hm(&self.end) else { return Err((ShiftField::End, "Write the end as HH:MM".to_owned())) };
        let starts_at = day.and_time(start);
        let ends_at = (day + Duration::days(i64::from(self.next_day))).and_time(end);
        if ends_at <= starts_at {
            return Err((
                ShiftField::End,
                "The end must be after the start (tick “ends next day” past midnight)".to_owned(),
            ));
        }
        let assigned = self.editing.as_ref().map_or(0, |id| roster.people_on(id.as_str()).len());
        if !(1..=MAX_SEATS).contains(&self.seats) {
            return Err((ShiftField::Seats, format!("Between 1 and {MAX_SEATS} seats")));
        }
        if (self.seats as usize) < assigned {
            return Err((ShiftField::Seats, format!("{assigned} people are already on it")));
        }
        let id = match &self.editing {
            Some(id) => id.clone(),
            None => next_shift_id(roster, &booth, starts_at),
        };
        Ok(Shift {
            id,
            booth,
            starts_at,
            ends_at,
            seats: self.seats,
            role: self.role.trim().to_owned(),
            requires: parse_list(&self.requires),
        })
    }

    /// Draws the form; on Save pushes `ShiftEdit::Add` or `ShiftEdit::Update` (one undo step).
    /// `days`: the conference days. Returns what happened, with the saved shift's id.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        roster: &Roster,
        days: &[NaiveDate],
        commands: &mut Vec<Command>,
    ) -> (FormOutcome, Option<ShiftId>) {
        let checked = self.to_shift(roster, days);
        let problem = |field| checked.as_ref().err().filter(|(f, _)| *f == field).map(|(_, m)| m.as_str());
        let mut keys = FormKeys::default();
        Grid::new("shift_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = ui.label("Booth");
            let combo = booth_combo(ui, "shift_form_booth", &label, &mut self.booth, roster);
            if std::mem::take(&mut self.focus_first) {
                combo.request_focus();
            }
            ui.end_row();
            problem_row(ui, problem(ShiftField::Booth));
            let label = ui.label("Day");
            day_combo(ui, "shift_form_day", &label, &mut self.day, days);
            ui.end_row();
            problem_row(ui, problem(ShiftField::Day));
            let width = super::time_width(ui);
            text_row(ui, &mut keys, "Start", &mut self.start, ("09:00", width), problem(ShiftField::Start));
            text_row(ui, &mut keys, "End", &mut self.end, ("11:00", width), problem(ShiftField::End));
            ui.label("");
            ui.checkbox(&mut self.next_day, "ends next day");
            ui.end_row();
            let label = ui.label("Seats");
            ui.add(DragValue::new(&mut self.seats).range(1..=MAX_SEATS)).labelled_by(label.id);
            ui.end_row();
            problem_row(ui, problem(ShiftField::Seats));
            text_row(ui, &mut keys, "Role / notes", &mut self.role, ("open the booth", 180.0), None);
            text_row(ui, &mut keys, "Required skills", &mut self.requires, ("e.g. de, demo", 180.0), None);
        });
        let mut outcome = (FormOutcome::Open, None);
        ui.horizontal(|ui| {
            let save = ui.add_enabled(checked.is_ok(), egui::Button::new("Save shift")).on_hover_text("Enter");
            if (save.clicked() || keys.submitted())
                && let Ok(shift) = &checked
            {
                let id = shift.id.clone();
                let edit = if self.editing.is_some() {
                    ShiftEdit::Update(shift.clone())
                } else {
                    ShiftEdit::Add(shift.clone())
                };
                commands.push(Command::roster(RosterEdit::Shift(edit)));
                outcome = (FormOutcome::Saved, Some(id));
            }
            if ui.button("Cancel").on_hover_text("Esc").clicked() {
                outcome = (FormOutcome::Cancelled, None);
            }
        });
        if outcome.0 == FormOutcome::Open && cancel_pressed(ui) {
            outcome = (FormOutcome::Cancelled, None);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn roster() -> Roster {
        let parts = crate::model::roster::RosterParts {
            id: "r".into(),
            booths: vec![crate::model::roster::Booth { id: "a".into(), name: "A".into(), location: String::new() }],
            ..Default::default()
        };
        Roster::from_parts(parts).unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_draft_checks_its_fields() {
        let r = roster();
        let day = NaiveDate::from_ymd_opt(2027, 4, 16).unwrap();
        let days = [day];
        let mut draft = ShiftDraft::new(Some("a".into()), Some(day));
        let shift = draft.to_shift(&r, &days).unwrap();
        assert_eq!(
            (shift.id.as_str(), shift.starts_at, shift.ends_at),
            ("a-2027-04-16-0900", at("2027-04-16 09:00"), at("2027-04-16 11:00"))
        );
        draft.end = "08:00".into();
        assert_eq!(draft.to_shift(&r, &days).unwrap_err().0, ShiftField::End);
        draft.next_day = true;
        assert_eq!(draft.to_shift(&r, &days).unwrap().ends_at, at("2027-04-17 08:00"));
        draft.day = NaiveDate::from_ymd_opt(2027, 5, 1);
        assert_eq!(draft.to_shift(&r, &days).unwrap_err().0, ShiftField::Day);
        draft.day = Some(day);
        draft.booth = None;
        assert_eq!(draft.to_shift(&r, &days).unwrap_err().0, ShiftField::Booth);
        draft.booth = Some("a".into());
        draft.start = "nine".into();
        assert_eq!(draft.to_shift(&r, &days).unwrap_err().0, ShiftField::Start);
    }
}
