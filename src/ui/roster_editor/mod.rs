//! The booth captain's editor: everything needed to build a roster from nothing inside the app.
//! The Setup mode (roster name, rules, booths), the shift form (add, edit in place), the Staff
//! mode (a list and a form) and the volunteer task and slot forms. Each form edits a draft of
//! plain strings and numbers, checks it before it emits anything, and pushes one
//! [`RosterEdit`](crate::model::roster::RosterEdit) per undo step; nothing here changes the
//! roster itself, and nothing here touches files.
//!
//! Forms share one keyboard contract: the first field takes focus when the form opens, Enter in a
//! text field saves (when the draft is valid), Esc cancels, and Tab walks the fields top to
//! bottom because they are laid out in reading order.

pub mod pattern_dialog;
pub mod setup;
pub mod shift_form;
pub mod staff_editor;
pub mod task_forms;

use chrono::{NaiveDate, NaiveTime};
use egui::{Key, Modifiers, Response, RichText, TextEdit, Ui};

use super::theme;
use crate::model::time::format_day;

/// What a form did this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormOutcome {
    /// Still open.
    Open,
    /// Its edit was pushed; close it.
    Saved,
    /// Closed without a change.
    Cancelled,
}

/// Enter in any of a form's text fields: watch each field, then ask [`FormKeys::submitted`].
#[derive(Debug, Default)]
pub struct FormKeys {
    submit: bool,
}

impl FormKeys {
    /// Notes Enter pressed in `response`'s field (a single-line field gives up focus on Enter).
    pub fn watch(&mut self, ui: &Ui, response: &Response) {
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            self.submit = true;
        }
    }

    pub fn submitted(&self) -> bool {
        self.submit
    }
}

/// Esc pressed this frame, taken so that nothing else (a panel's close) also acts on it.
pub fn cancel_pressed(ui: &Ui) -> bool {
    ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
}

/// Save (or Add) and Cancel; Enter saves a valid draft, Esc cancels.
pub fn save_cancel_ui<T>(
    ui: &mut Ui,
    editing: bool,
    (add, save): (&str, &str),
    value: Option<T>,
    enter: bool,
    emit: impl FnOnce(T, bool),
) -> FormOutcome {
    let mut outcome = FormOutcome::Open;
    ui.horizontal(|ui| {
        let button =
            ui.add_enabled(value.is_some(), egui::Button::new(if editing { save } else { add })).on_hover_text("Enter");
        if (button.clicked() || enter)
            && let Some(value) = value
        {
            emit(value, editing);
            outcome = FormOutcome::Saved;
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            outcome = FormOutcome::Cancelled;
        }
    });
    if outcome == FormOutcome::Open && cancel_pressed(ui) {
        outcome = FormOutcome::Cancelled;
    }
    outcome
}

/// A labelled single-line text field in a two-column [`egui::Grid`], with the field's problem (if
/// any) on the row under it. Returns the field's response.
pub fn text_row(
    ui: &mut Ui,
    keys: &mut FormKeys,
    label: &str,
    text: &mut String,
    (hint, width): (&str, f32),
    problem: Option<&str>,
) -> Response {
    let label = ui.label(label);
    let response = ui.add(TextEdit::singleline(text).hint_text(hint).desired_width(width)).labelled_by(label.id);
    ui.end_row();
    keys.watch(ui, &response);
    problem_row(ui, problem);
    response
}

/// The row under a field saying what is wrong with it, in the clash colour.
pub fn problem_row(ui: &mut Ui, problem: Option<&str>) {
    if let Some(problem) = problem {
        ui.label("");
        ui.label(RichText::new(format!("⚠ {problem}")).color(theme::clash(ui.visuals())));
        ui.end_row();
    }
}

/// A day chooser over `days` (the conference days), labelled by `label`; returns its response
/// (to name it more closely).
pub fn day_combo(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    label: &Response,
    day: &mut Option<NaiveDate>,
    days: &[NaiveDate],
) -> Response {
    egui::ComboBox::from_id_salt(salt)
        .selected_text(day.map_or_else(|| "choose a day".to_owned(), format_day))
        .show_ui(ui, |ui| {
            for date in days {
                ui.selectable_value(day, Some(*date), format_day(*date));
            }
        })
        .response
        .labelled_by(label.id)
}

/// How wide a time field must be to show `HH:MM` whole in the body font, at any text size: the
/// widest time's text, the field's inner margin and room for the cursor.
pub fn time_width(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = ui.fonts_mut(|f| f.layout_no_wrap("00:00".to_owned(), font, egui::Color32::PLACEHOLDER)).size().x;
    text + 2.0 * ui.spacing().button_padding.x + 10.0
}

/// A combo box of the roster's booths, labelled by `label`; returns its response (to focus it).
pub fn booth_combo(
    ui: &mut Ui,
    salt: &str,
    label: &Response,
    booth: &mut Option<crate::model::roster::BoothId>,
    roster: &crate::model::roster::Roster,
) -> Response {
    let name = booth.as_ref().and_then(|b| roster.booth(b.as_str())).map_or("choose a booth", |b| b.label());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(name)
        .width(180.0)
        .show_ui(ui, |ui| {
            for each in roster.booths() {
                ui.selectable_value(booth, Some(each.id.clone()), each.label());
            }
        })
        .response
        .labelled_by(label.id)
}

/// `9:30`, `09:30` or `0930` as a time of day.
pub fn parse_hm(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let (h, m) = match text.split_once(':') {
        Some((h, m)) => (h, m),
        None if text.len() == 4 && text.is_char_boundary(2) => text.split_at(2),
        None => (text, "0"),
    };
    NaiveTime::from_hms_opt(h.trim().parse().ok()?, m.trim().parse().ok()?, 0).filter(|_| m.trim().len() <= 2)
}

/// `HH:MM`.
pub fn hm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Comma-separated words, trimmed, blanks dropped, in order.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The reverse of [`parse_list`].
pub fn join_list(items: &[String]) -> String {
    items.join(", ")
}

/// An optional whole number: empty is `None`, anything else must parse.
///
/// # Errors
/// A message when the text is not a whole number.
pub fn parse_optional(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| format!("“{text}” is not a whole number"))
}

/// The conference days: the schedule's, plus any `extra` day a roster item already uses, sorted.
pub fn conference_days(schedule: &crate::model::Schedule, extra: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = schedule.days().iter().map(|d| d.date).chain(extra.iter().copied()).collect();
    days.sort_unstable();
    days.dedup();
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_lists_parse() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_hm("9:30"), t(9, 30));
        assert_eq!(parse_hm(" 09:05 "), t(9, 5));
        assert_eq!(parse_hm("1415"), t(14, 15));
        assert_eq!(parse_hm("17"), t(17, 0));
        assert_eq!(parse_hm("24:00"), None);
        assert_eq!(parse_hm("9:300"), None);
        assert_eq!(parse_hm("soon"), None);
        assert_eq!(parse_list(" de, demo ,, sign language"), ["de", "demo", "sign language"]);
        assert_eq!(parse_optional(" "), Ok(None));
        assert_eq!(parse_optional("5"), Ok(Some(5)));
        assert!(parse_optional("five").is_err());
    }
}
