//! The "Repeat pattern…" dialog: a booth's opening hours on chosen conference days, cut into
//! blocks (optionally at the schedule's breaks, so staff catch the talks either side), with a
//! preview of how many shifts it makes. Adding them is one `ShiftEdit::AddMany`: one undo step.

use chrono::NaiveDate;
use egui::{DragValue, Grid, RichText, Ui};

use super::{FormKeys, FormOutcome, booth_combo, parse_hm, parse_list, problem_row, save_cancel_ui, text_row};
use crate::command::Command;
use crate::model::Schedule;
use crate::model::roster::{
    BoothId, DEFAULT_SEATS, MAX_SEATS, MIN_BLOCK_MINS, Roster, RosterEdit, Shift, ShiftEdit, ShiftPattern,
    pattern_shifts, schedule_breaks,
};
use crate::model::time::format_day;
use crate::ui::Memo;

/// What the preview is made from: the pattern and the roster revision, or why there is no pattern.
type PreviewKey = Result<(ShiftPattern, u64), String>;

/// What the dialog remembers from one opening to the next while the app runs: the hours and how
/// to cut them, which are usually the same for every booth. The booth and days are chosen anew.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternSettings {
    pub from: String,
    pub to: String,
    pub block_mins: u32,
    pub seats: u32,
    pub cut_at_breaks: bool,
}

impl Default for PatternSettings {
    /// 09:00–18:00 in blocks of up to two hours, cut at the schedule's breaks.
    fn default() -> Self {
        Self {
            from: "09:00".to_owned(),
            to: "18:00".to_owned(),
            block_mins: 120,
            seats: DEFAULT_SEATS,
            cut_at_breaks: true,
        }
    }
}

/// The dialog's contents.
pub struct PatternDraft {
    pub booth: Option<BoothId>,
    /// Each conference day and whether the booth opens on it.
    pub days: Vec<(NaiveDate, bool)>,
    pub from: String,
    pub to: String,
    pub block_mins: u32,
    pub seats: u32,
    pub role: String,
    pub requires: String,
    pub cut_at_breaks: bool,
    focus_first: bool,
    /// The shifts the pattern makes (or why none), for the pattern and roster revision.
    preview: Memo<PreviewKey, Option<Result<Vec<Shift>, String>>>,
}

impl PatternDraft {
    /// Every conference day with `settings`, at the first booth that has no shifts yet (the one
    /// a captain setting up booth by booth comes to next), else the first.
    pub fn new(roster: &Roster, days: &[NaiveDate], settings: &PatternSettings) -> Self {
        let booths = roster.booths();
        let empty = booths.iter().find(|b| !roster.shifts().iter().any(|s| s.booth == b.id));
        Self {
            booth: empty.or_else(|| booths.first()).map(|b| b.id.clone()),
            days: days.iter().map(|&d| (d, true)).collect(),
            from: settings.from.clone(),
            to: settings.to.clone(),
            block_mins: settings.block_mins,
            seats: settings.seats,
            role: String::new(),
            requires: String::new(),
            cut_at_breaks: settings.cut_at_breaks,
            focus_first: true,
            preview: Memo::default(),
        }
    }

    /// The settings to open with next time.
    pub fn settings(&self) -> PatternSettings {
        PatternSettings {
            from: self.from.clone(),
            to: self.to.clone(),
            block_mins: self.block_mins,
            seats: self.seats,
            cut_at_breaks: self.cut_at_breaks,
        }
    }

    fn pattern(&self) -> Result<ShiftPattern, String> {
        let booth = self.booth.clone().ok_or("Choose a booth")?;
        let from = parse_hm(&self.from).ok_or("Write the opening time as HH:MM")?;
        let to = parse_hm(&self.to).ok_or("Write the closing time as HH:MM")?;
        Ok(ShiftPattern {
            booth,
            days: self.days.iter().filter(|(_, on)| *on).map(|(d, _)| *d).collect(),
            from,
            to,
            block_mins: self.block_mins,
            seats: self.seats,
            role: self.role.trim().to_owned(),
            requires: parse_list(&self.requires),
            cut_at_breaks: self.cut_at_breaks,
        })
    }

    /// Draws the dialog's body; "Add N shifts" pushes one `AddMany`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        (schedule, roster, revision): (&Schedule, &Roster, u64),
        commands: &mut Vec<Command>,
    ) -> FormOutcome {
        let key = self.pattern().map(|p| (p, revision));
        let build = |key: &PreviewKey| {
            let (pattern, _) = key.as_ref().map_err(Clone::clone)?;
            let breaks: Vec<_> = if pattern.cut_at_breaks {
                pattern.days.iter().flat_map(|&d| schedule_breaks(schedule, d)).collect()
            } else {
                Vec::new()
            };
            pattern_shifts(roster, pattern, &breaks).map_err(|e| e.to_string())
        };
        self.preview.refresh_with(|k| k == &key, || key.clone(), || Some(build(&key)));
        let preview = self.preview.value();
        let none = Err(String::new());
        let preview = preview.as_ref().unwrap_or(&none);
        let mut keys = FormKeys::default();
        Grid::new("pattern_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = ui.label("Booth");
            let combo = booth_combo(ui, "pattern_booth", &label, &mut self.booth, roster);
            if std::mem::take(&mut self.focus_first) {
                combo.request_focus();
            }
            ui.end_row();
            ui.label("Days");
            // One under the other: a wrapped row in a grid cell overlaps the next row.
            ui.vertical(|ui| {
                for (day, on) in &mut self.days {
                    ui.checkbox(on, format_day(*day));
                }
            });
            ui.end_row();
            let width = super::time_width(ui);
            text_row(ui, &mut keys, "Opens at", &mut self.from, ("09:00", width), None);
            text_row(ui, &mut keys, "Closes at", &mut self.to, ("18:00", width), None);
            let label = ui.label("Longest shift");
            ui.add(DragValue::new(&mut self.block_mins).range(MIN_BLOCK_MINS..=12 * 60).speed(15).suffix(" min"))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Seats");
            ui.add(DragValue::new(&mut self.seats).range(1..=MAX_SEATS)).labelled_by(label.id);
            ui.end_row();
            text_row(ui, &mut keys, "Role / notes", &mut self.role, ("", 180.0), None);
            text_row(ui, &mut keys, "Required skills", &mut self.requires, ("e.g. de, demo", 180.0), None);
            ui.label("");
            ui.checkbox(&mut self.cut_at_breaks, "Cut at the schedule's breaks");
            ui.end_row();
            problem_row(ui, preview.as_ref().err().map(String::as_str));
        });
        let count = preview.as_ref().map_or(0, Vec::len);
        ui.label(RichText::new(format!("Makes {count} shifts")).strong());
        let shifts = preview.as_ref().ok().filter(|s| !s.is_empty());
        save_cancel_ui(ui, false, (&format!("Add {count} shifts"), ""), shifts, keys.submitted(), |shifts, _| {
            commands.push(Command::roster(RosterEdit::Shift(ShiftEdit::AddMany(shifts.clone()))));
        })
    }
}
