//! The Staff mode: everyone on the roster in a virtualised list, and a form to add, change or
//! remove a person: name, contact, experience, hour limits, when they can and cannot work (rows
//! of day, from, to), and skills. Save goes out as one `StaffEdit::Replace`, which also renames
//! the person in their assignments when the name changed: one undo step.

use chrono::{Duration, NaiveDate};
use egui::{Grid, RichText, TextEdit, Ui, WidgetInfo};

use super::{
    FormKeys, FormOutcome, cancel_pressed, day_combo, hm, join_list, parse_hm, parse_list, parse_optional, text_row,
};
use crate::command::Command;
use crate::model::roster::{Experience, PersonName, Roster, RosterEdit, Staff, StaffEdit, Window};
use crate::model::roster_report::StaffLoad;
use crate::model::time::format_minutes;
use crate::ui::Memo;
use crate::ui::roster_view::RosterCtx;

/// One availability or unavailability row as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WindowDraft {
    pub day: Option<NaiveDate>,
    pub from: String,
    pub to: String,
    /// Days between the start and the end: 0 unless the window was read spanning days (kept, so
    /// editing someone does not shorten their "Friday to Saturday" window).
    days_after: i64,
    pub note: String,
}

impl WindowDraft {
    fn new(day: Option<NaiveDate>) -> Self {
        Self { day, from: "09:00".to_owned(), to: "17:00".to_owned(), days_after: 0, note: String::new() }
    }

    fn of(window: &Window) -> Self {
        Self {
            day: Some(window.starts_at.date()),
            from: hm(window.starts_at.time()),
            to: hm(window.ends_at.time()),
            days_after: (window.ends_at.date() - window.starts_at.date()).num_days(),
            note: window.note.clone(),
        }
    }

    fn to_window(&self) -> Result<Window, String> {
        let day = self.day.ok_or("Choose a day")?;
        let from = parse_hm(&self.from).ok_or("Write the times as HH:MM")?;
        let to = parse_hm(&self.to).ok_or("Write the times as HH:MM")?;
        let window = Window {
            starts_at: day.and_time(from),
            ends_at: (day + Duration::days(self.days_after)).and_time(to),
            note: self.note.trim().to_owned(),
        };
        if window.ends_at <= window.starts_at {
            return Err("The end must be after the start".to_owned());
        }
        Ok(window)
    }
}

/// The field a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffField {
    Name,
    MaxPerDay,
    MaxTotal,
    Available(usize),
    Unavailable(usize),
}

/// The staff form's contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffDraft {
    /// The person being edited (their name as saved); `None` for a new one.
    pub editing: Option<PersonName>,
    pub name: String,
    pub contact: String,
    pub experience: Experience,
    /// Whole hours, empty for no limit.
    pub max_per_day: String,
    pub max_total: String,
    pub availability: Vec<WindowDraft>,
    pub unavailable: Vec<WindowDraft>,
    /// Comma-separated.
    pub skills: String,
    focus_first: bool,
}

impl StaffDraft {
    pub fn new() -> Self {
        Self {
            editing: None,
            name: String::new(),
            contact: String::new(),
            experience: Experience::Experienced,
            max_per_day: String::new(),
            max_total: String::new(),
            availability: Vec::new(),
            unavailable: Vec::new(),
            skills: String::new(),
            focus_first: true,
        }
    }

    pub fn edit(staff: &Staff) -> Self {
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        Self {
            editing: Some(staff.name.clone()),
            name: staff.name.as_str().to_owned(),
            contact: staff.contact.clone(),
            experience: staff.experience,
            max_per_day: number(staff.max_hours_per_day),
            max_total: number(staff.max_hours_total),
            availability: staff.availability.iter().map(WindowDraft::of).collect(),
            unavailable: staff.unavailable.iter().map(WindowDraft::of).collect(),
            skills: join_list(&staff.skills),
            focus_first: true,
        }
    }

    /// The staff member the draft describes.
    ///
    /// # Errors
    /// The first field at fault and what is wrong with it.
    pub fn to_staff(&self, roster: &Roster) -> Result<Staff, (StaffField, String)> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err((StaffField::Name, "Give their name".to_owned()));
        }
        if self.editing.as_ref().is_none_or(|old| old.as_str() != name) && roster.staff_member(name).is_some() {
            return Err((StaffField::Name, format!("{name} is already on the staff")));
        }
        let max_hours_per_day = parse_optional(&self.max_per_day).map_err(|e| (StaffField::MaxPerDay, e))?;
        let max_hours_total = parse_optional(&self.max_total).map_err(|e| (StaffField::MaxTotal, e))?;
        let windows = |rows: &[WindowDraft], field: fn(usize) -> StaffField| {
            rows.iter()
                .enumerate()
                .map(|(i, w)| w.to_window().map_err(|e| (field(i), e)))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Staff {
            name: PersonName::new(name),
            contact: self.contact.trim().to_owned(),
            experience: self.experience,
            max_hours_per_day,
            max_hours_total,
            availability: windows(&self.availability, StaffField::Available)?,
            unavailable: windows(&self.unavailable, StaffField::Unavailable)?,
            skills: parse_list(&self.skills),
        })
    }
}

impl Default for StaffDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// Transient state of the Staff mode.
#[derive(Default)]
pub struct StaffEditor {
    pub form: Option<StaffDraft>,
    /// The list's order (indexes into `Roster::staff`, by name), for the roster revision.
    order: Memo<u64, Vec<usize>>,
}

/// Indexes into `roster.staff()` in name order (ignoring case), so a person added last is listed
/// where one would look for them.
pub fn staff_by_name(roster: &Roster) -> Vec<usize> {
    let staff = roster.staff();
    let mut order: Vec<(String, usize)> =
        staff.iter().enumerate().map(|(i, s)| (s.name.as_str().to_lowercase(), i)).collect();
    order.sort();
    order.into_iter().map(|(_, i)| i).collect()
}

/// `Ana Lima · new · 5 h/12 h`: a person, whether they are new, their hours and (only when they
/// gave one: "no limit" is not a number of hours) their limit in all.
pub fn staff_line(person: &Staff, load: &StaffLoad<'_>) -> String {
    let newcomer = if person.is_newcomer() { " · new" } else { "" };
    let limit = load.limit_mins.map(|max| format!("/{}", format_minutes(i64::from(max)))).unwrap_or_default();
    format!("{}{newcomer} · {}{limit}", person.name, format_minutes(i64::from(load.minutes)))
}

impl StaffEditor {
    pub fn ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>, days: &[NaiveDate], commands: &mut Vec<Command>) {
        let roster = r.roster;
        egui::Panel::left("staff_editor_list").resizable(true).default_size(260.0).min_size(200.0).show(ui, |ui| {
            self.list_ui(ui, r);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(draft) = &mut self.form else {
                ui.add_space(20.0);
                ui.label("Choose someone on the left to change their details, or add a person.");
                return;
            };
            let outcome = egui::ScrollArea::vertical()
                .id_salt("staff_form")
                .auto_shrink(false)
                .show(ui, |ui| staff_form_ui(ui, draft, roster, days, commands))
                .inner;
            if outcome != FormOutcome::Open {
                self.form = None;
            }
        });
    }

    fn list_ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>) {
        let roster = r.roster;
        ui.horizontal(|ui| {
            ui.strong(format!("Staff ({})", roster.staff().len()));
            if ui.button("+ Add staff").clicked() {
                self.form = Some(StaffDraft::new());
            }
        });
        let staff = roster.staff();
        let order = self.order.get(r.revision, || staff_by_name(roster));
        let open = self.form.as_ref().and_then(|d| d.editing.clone());
        let mut chosen = None;
        egui::ScrollArea::vertical().id_salt("staff_editor_rows").auto_shrink(false).show_rows(
            ui,
            22.0,
            order.len(),
            |ui, range| {
                for person in order.get(range).unwrap_or_default().iter().filter_map(|&i| staff.get(i)) {
                    let text = staff_line(person, &r.report.load_of(person));
                    let row = ui.selectable_label(open.as_ref() == Some(&person.name), text);
                    if row.clicked() {
                        chosen = Some(person);
                    }
                }
            },
        );
        if let Some(person) = chosen {
            self.form = Some(StaffDraft::edit(person));
        }
    }
}

/// The staff form; Save pushes the edits, Remove takes the person (and their shifts) off.
fn staff_form_ui(
    ui: &mut Ui,
    draft: &mut StaffDraft,
    roster: &Roster,
    days: &[NaiveDate],
    commands: &mut Vec<Command>,
) -> FormOutcome {
    let checked = draft.to_staff(roster);
    let problem = |field| checked.as_ref().err().filter(|(f, _)| *f == field).map(|(_, m)| m.clone());
    ui.heading(draft.editing.as_ref().map_or("New staff member", |n| n.as_str()));
    let mut keys = FormKeys::default();
    Grid::new("staff_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let name_problem = problem(StaffField::Name).filter(|_| !draft.name.is_empty());
        let name = text_row(ui, &mut keys, "Name", &mut draft.name, ("Ana Lima", 220.0), name_problem.as_deref());
        if std::mem::take(&mut draft.focus_first) {
            name.request_focus();
        }
        text_row(ui, &mut keys, "Contact", &mut draft.contact, ("e-mail, phone or chat", 220.0), None);
        // Each radio button is named by its own text: a screen reader says "Newcomer, radio button".
        ui.label("Experience");
        ui.horizontal(|ui| {
            ui.radio_value(&mut draft.experience, Experience::Newcomer, "Newcomer");
            ui.radio_value(&mut draft.experience, Experience::Experienced, "Experienced");
        });
        ui.end_row();
        text_row(
            ui,
            &mut keys,
            "Max hours per day",
            &mut draft.max_per_day,
            ("no limit", 70.0),
            problem(StaffField::MaxPerDay).as_deref(),
        );
        text_row(
            ui,
            &mut keys,
            "Max hours in all",
            &mut draft.max_total,
            ("no limit", 70.0),
            problem(StaffField::MaxTotal).as_deref(),
        );
        text_row(ui, &mut keys, "Skills, languages", &mut draft.skills, ("e.g. es, demo", 220.0), None);
    });
    ui.add_space(8.0);
    windows_ui(
        ui,
        &mut keys,
        ("Available", "When they can work; none: any time"),
        &mut draft.availability,
        days,
        |i| problem(StaffField::Available(i)),
    );
    windows_ui(
        ui,
        &mut keys,
        ("Unavailable", "When they cannot work, whatever else is said"),
        &mut draft.unavailable,
        days,
        |i| problem(StaffField::Unavailable(i)),
    );
    ui.add_space(8.0);
    staff_buttons_ui(ui, draft, roster, checked.ok(), keys.submitted(), commands)
}

/// Save, Cancel and Remove; Esc cancels.
fn staff_buttons_ui(
    ui: &mut Ui,
    draft: &StaffDraft,
    roster: &Roster,
    staff: Option<Staff>,
    enter: bool,
    commands: &mut Vec<Command>,
) -> FormOutcome {
    let mut outcome = FormOutcome::Open;
    ui.horizontal(|ui| {
        let text = if draft.editing.is_some() { "Save staff member" } else { "Add staff member" };
        let save = ui.add_enabled(staff.is_some(), egui::Button::new(text)).on_hover_text("Enter");
        if (save.clicked() || enter)
            && let Some(staff) = staff
        {
            match &draft.editing {
                None => commands.push(Command::roster(RosterEdit::Staff(StaffEdit::Add(staff)))),
                Some(old) => {
                    let edit = StaffEdit::Replace { from: old.clone(), staff };
                    commands.push(Command::roster(RosterEdit::Staff(edit)));
                }
            }
            outcome = FormOutcome::Saved;
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            outcome = FormOutcome::Cancelled;
        }
        if let Some(old) = &draft.editing {
            let shifts = roster.assignments().iter().filter(|a| &a.person == old).count();
            let remove = ui.button("Remove from the roster");
            remove.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {old}")));
            if remove.on_hover_text(format!("Also takes them off their {shifts} shifts; Ctrl+Z undoes it")).clicked() {
                commands.push(Command::roster(RosterEdit::Staff(StaffEdit::Remove(old.clone()))));
                outcome = FormOutcome::Saved;
            }
        }
    });
    if outcome == FormOutcome::Open && cancel_pressed(ui) {
        outcome = FormOutcome::Cancelled;
    }
    outcome
}

/// Rows of day, from, to and note, each with a remove button, and "+ Add".
fn windows_ui(
    ui: &mut Ui,
    keys: &mut FormKeys,
    (title, help): (&str, &str),
    rows: &mut Vec<WindowDraft>,
    days: &[NaiveDate],
    problem: impl Fn(usize) -> Option<String>,
) {
    ui.horizontal(|ui| {
        ui.strong(title);
        ui.label(RichText::new(help).weak());
    });
    let mut remove = None;
    if !rows.is_empty() {
        Grid::new(("windows", title)).num_columns(5).spacing([6.0, 4.0]).show(ui, |ui| {
            let day = ui.label("Day");
            ui.label("From");
            ui.label("To");
            ui.label("Note");
            ui.end_row();
            let width = super::time_width(ui);
            // Each field is named by its row as well as its column ("Unavailable 2 from"), so a
            // screen reader can tell the rows apart.
            for (i, row) in rows.iter_mut().enumerate() {
                let n = i + 1;
                ui.push_id(i, |ui| {
                    day_combo(ui, (title, i), &day, &mut row.day, days).accessible_name(format!("{title} {n} day"))
                });
                for (text, column) in [(&mut row.from, "from"), (&mut row.to, "to")] {
                    let field = ui
                        // `min_size`, not only `desired_width`: a grid cell is as wide as the column
                        // was last frame, which would keep the field at its first, narrow width.
                        .add(TextEdit::singleline(text).desired_width(width).min_size(egui::vec2(width, 0.0)))
                        .accessible_name(format!("{title} {n} {column}"));
                    keys.watch(ui, &field);
                }
                ui.horizontal(|ui| {
                    let field = ui
                        .add(TextEdit::singleline(&mut row.note).desired_width(140.0))
                        .accessible_name(format!("{title} {n} note"));
                    keys.watch(ui, &field);
                    if row.days_after > 0 {
                        let later = if row.days_after == 1 {
                            "the next day".to_owned()
                        } else {
                            format!("{} days later", row.days_after)
                        };
                        ui.label(RichText::new(format!("ends {later}")).weak());
                    }
                    let button = ui.small_button("✖");
                    button.widget_info(|| {
                        WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {title} row {}", i + 1))
                    });
                    if button.clicked() {
                        remove = Some(i);
                    }
                });
                ui.end_row();
                if let Some(problem) = problem(i) {
                    ui.label("");
                    ui.label(RichText::new(format!("⚠ {problem}")).color(super::theme::clash(ui.visuals())));
                    ui.end_row();
                }
            }
        });
    }
    if let Some(i) = remove {
        rows.remove(i);
    }
    let add = ui.small_button("+ Add a window");
    add.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, format!("Add {title} window")));
    if add.clicked() {
        let day = rows.last().and_then(|r| r.day).or_else(|| days.first().copied());
        rows.push(WindowDraft::new(day));
    }
}
