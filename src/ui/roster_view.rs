//! The booth captain's view of a roster, in modes: Shifts (booths by time with filled/needed and
//! every rule break marked, a staff panel with hours to drag onto a shift, the chosen shift's
//! details to assign, lock, edit or remove, "+ Add shift", and for an empty roster a checklist of
//! what to add first), Staff, Setup (name, rules, booths), Charts and Volunteers. Everything it
//! changes goes out as commands; what it shows comes from the roster and its report, computed
//! when the roster changes. The editing forms live in `roster_editor`.

use crate::model::roster::AssignEdit;
use std::path::Path;

use chrono::NaiveDate;
use egui::{Align, ComboBox, Layout, RichText, Ui, WidgetInfo};

use super::roster_editor::pattern_dialog::{PatternDraft, PatternSettings};
use super::roster_editor::setup::{BoothDraft, SetupView};
use super::roster_editor::shift_form::ShiftDraft;
use super::roster_editor::staff_editor::{StaffDraft, StaffEditor, staff_by_name, staff_line};
use super::roster_editor::{FormOutcome, conference_days};
use super::roster_grid::RosterGrid;
use super::volunteers_view::VolunteersView;
use super::{Memo, SaveState, ViewCtx, roster_charts, theme};
use crate::command::{Choice, Command, FileCommand, RosterCommand};
use crate::model::autoroster::AutoRoster;
use crate::model::roster::{PersonName, Roster, RosterEdit, ShiftEdit, ShiftId};
use crate::model::roster_report::RosterReport;
use crate::model::time::{format_day, format_hm, format_minutes};

/// What the roster views may read in one frame.
pub struct RosterCtx<'a> {
    pub roster: &'a Roster,
    pub report: &'a RosterReport,
    /// The last auto-roster's report, with explanations for unfilled seats.
    pub last_auto: Option<&'a AutoRoster>,
    pub auto_running: bool,
    pub staff_folder: Option<&'a Path>,
    pub save: SaveState,
    /// Changes whenever the roster changes; views key their caches on it.
    pub revision: u64,
    /// Each volunteer task's slots: needed, signed up, covered.
    pub volunteer_coverage: &'a [crate::model::roster::TaskCoverage],
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RosterMode {
    #[default]
    Shifts,
    Staff,
    Setup,
    Charts,
    Volunteers,
}

#[derive(Default)]
pub struct RosterView {
    mode: RosterMode,
    /// The shift whose details are open.
    selected: Option<ShiftId>,
    /// The person chosen in the "assign" menu.
    assign_choice: Option<PersonName>,
    grid: RosterGrid,
    charts: roster_charts::RosterCharts,
    volunteers: VolunteersView,
    setup: SetupView,
    staff: StaffEditor,
    /// The shift form, for a new shift or the selected one, shown in place of its details.
    shift_form: Option<ShiftDraft>,
    /// The "Repeat pattern…" dialog, when open.
    pattern: Option<PatternDraft>,
    /// The hours the pattern dialog last had, to open with again.
    pattern_settings: PatternSettings,
    /// "What to add first" was hidden by hand before every step was done.
    checklist_hidden: bool,
    /// The conference days (the schedule's and any the roster already uses), for the schedule and
    /// roster revisions.
    days: Memo<(u64, u64), Vec<NaiveDate>>,
    /// The rule breaks described, and the roster revision they were described for: describing
    /// them looks shifts and booths up by id, too slow to redo every frame.
    violation_lines: Memo<u64, Vec<String>>,
    /// The staff panel's order (indexes into `Roster::staff`, by name), for the roster revision.
    staff_order: Memo<u64, Vec<usize>>,
}

impl RosterView {
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        let Some(r) = &ctx.roster else {
            no_roster_ui(ui, commands);
            return;
        };
        header_ui(ui, r, &mut self.mode, commands);
        ui.separator();
        // Taken out for the frame so the modes can borrow `self` mutably beside it; put back below.
        let mut days_memo = std::mem::take(&mut self.days);
        // The conference days (and any the roster uses), with the eve in front: volunteer work
        // starts the day before (swag bags are stuffed on the eve); booth shifts do not.
        let with_eve = days_memo.get((ctx.revisions.schedule, r.revision), || {
            let slots = r.roster.slots().iter().map(|s| s.starts_at.date());
            let days = conference_days(ctx.schedule, &r.roster.days().into_iter().chain(slots).collect::<Vec<_>>());
            days.first().and_then(|d| d.pred_opt()).into_iter().chain(days).collect()
        });
        let days = with_eve.get(1..).unwrap_or_default();
        match self.mode {
            RosterMode::Shifts => self.shifts_ui(ui, ctx.schedule, r, days, commands),
            RosterMode::Staff => self.staff.ui(ui, r, days, commands),
            RosterMode::Setup => self.setup.ui(ui, r.roster, r.revision, commands),
            RosterMode::Charts => {
                let day = self.grid.day_date(r);
                self.charts.ui(ui, r, day);
            }
            RosterMode::Volunteers => self.volunteers.ui(ui, ctx, r, with_eve, commands),
        }
        self.days = days_memo;
    }

    fn shifts_ui(
        &mut self,
        ui: &mut Ui,
        schedule: &crate::model::Schedule,
        r: &RosterCtx<'_>,
        days: &[NaiveDate],
        commands: &mut Vec<Command>,
    ) {
        self.pattern_ui(ui, schedule, r, commands);
        egui::Panel::left("roster_staff").resizable(true).default_size(250.0).min_size(200.0).show(ui, |ui| {
            let order = self.staff_order.get(r.revision, || staff_by_name(r.roster));
            staff_panel_ui(ui, r, order);
        });
        if self.shift_form.is_some() {
            egui::Panel::right("roster_shift").resizable(true).default_size(320.0).min_size(260.0).show(ui, |ui| {
                self.shift_form_ui(ui, r, days, commands);
            });
        } else if let Some(shift) = self.selected.clone() {
            egui::Panel::right("roster_shift").resizable(true).default_size(320.0).min_size(260.0).show(ui, |ui| {
                self.shift_details_ui(ui, r, (&shift, days), commands);
            });
        }
        // Taken out for the frame so the panel can borrow `self` mutably beside it; put back below.
        let mut lines_memo = std::mem::take(&mut self.violation_lines);
        let lines = lines_memo.get(r.revision, || r.report.violations.iter().map(|v| v.describe(r.roster)).collect());
        egui::CentralPanel::default().show(ui, |ui| {
            let roster = r.roster;
            // Until the first seat is filled, so step 4 shows as the next one too.
            let complete = !roster.booths().is_empty()
                && !roster.shifts().is_empty()
                && !roster.staff().is_empty()
                && !roster.assignments().is_empty();
            if !self.checklist_hidden && !complete {
                self.checklist_ui(ui, r, days, commands);
            }
            ui.horizontal(|ui| {
                let add = ui.add_enabled(!roster.booths().is_empty(), egui::Button::new("+ Add shift"));
                if add.on_disabled_hover_text(NO_BOOTH).clicked() {
                    self.open_new_shift(r, days);
                }
                let repeat = ui.add_enabled(!roster.booths().is_empty(), egui::Button::new("Repeat pattern…"));
                let hint = "A booth's opening hours on several days, cut into shifts in one step";
                if repeat.on_hover_text(hint).on_disabled_hover_text(NO_BOOTH).clicked() {
                    self.pattern = Some(PatternDraft::new(roster, days, &self.pattern_settings));
                }
            });
            violations_strip_ui(ui, r, lines, &mut self.selected);
            if let Some(shift) = self.grid.ui(ui, r, self.selected.as_ref(), commands) {
                self.selected = if self.selected.as_ref() == Some(&shift) { None } else { Some(shift) };
                self.assign_choice = None;
                self.shift_form = None;
            }
        });
        self.violation_lines = lines_memo;
    }

    /// The "Repeat pattern…" dialog, when open.
    fn pattern_ui(
        &mut self,
        ui: &mut Ui,
        schedule: &crate::model::Schedule,
        r: &RosterCtx<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Some(draft) = &mut self.pattern else { return };
        let outcome = egui::Window::new("Repeat pattern")
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ui.ctx().content_rect().center())
            .collapsible(false)
            .resizable(false)
            .show(ui.ctx(), |ui| draft.ui(ui, (schedule, r.roster, r.revision), commands))
            .and_then(|w| w.inner);
        if outcome.is_some_and(|o| o != FormOutcome::Open) {
            self.pattern_settings = draft.settings();
            self.pattern = None;
        }
    }

    /// The form for a new shift: at the first booth, on the day the grid shows.
    fn open_new_shift(&mut self, r: &RosterCtx<'_>, days: &[NaiveDate]) {
        let booth = r.roster.booths().first().map(|b| b.id.clone());
        let day = self.grid.day_date(r).filter(|d| days.contains(d)).or_else(|| days.first().copied());
        self.shift_form = Some(ShiftDraft::new(booth, day));
    }

    fn shift_form_ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>, days: &[NaiveDate], commands: &mut Vec<Command>) {
        let Some(form) = &mut self.shift_form else { return };
        ui.strong(if form.editing.is_some() { "Edit shift" } else { "New shift" });
        ui.separator();
        let (outcome, saved) = form.ui(ui, r.roster, days, commands);
        if outcome != FormOutcome::Open {
            if let Some(id) = saved {
                self.grid.show_date(form.day);
                self.selected = Some(id);
            }
            self.shift_form = None;
        }
    }

    /// What to add first, in order, each with a button that takes you there; done steps ticked.
    fn checklist_ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>, days: &[NaiveDate], commands: &mut Vec<Command>) {
        let roster = r.roster;
        let (booths, shifts, staff) =
            (!roster.booths().is_empty(), !roster.shifts().is_empty(), !roster.staff().is_empty());
        // Why Auto-roster cannot run yet, if it cannot.
        let auto_blocked = if !booths {
            Some(NO_BOOTH)
        } else if !shifts {
            Some("Add shifts first")
        } else if !staff {
            Some("Add staff first")
        } else {
            None
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("What to add first");
                let hide = ui.small_button("Hide").on_hover_text("Hide this checklist");
                hide.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, "Hide the checklist"));
                if hide.clicked() {
                    self.checklist_hidden = true;
                }
            });
            if checklist_step(ui, (1, booths), "Add a booth: a stand that needs people", "Add a booth", None) {
                self.mode = RosterMode::Setup;
                self.setup.booth_form = Some(BoothDraft::new());
            }
            let no_booth = (!booths).then_some(NO_BOOTH);
            if checklist_step(ui, (2, shifts), "Add shifts: when each booth needs people", "Add a shift", no_booth) {
                self.open_new_shift(r, days);
            }
            if checklist_step(ui, (3, staff), "Add staff: who can work, and when", "Add staff", None) {
                self.mode = RosterMode::Staff;
                self.staff.form = Some(StaffDraft::new());
            }
            let filled = roster.filled() > 0;
            if checklist_step(ui, (4, filled), "Auto-roster: fill the seats", "Auto-roster", auto_blocked) {
                commands.push(Command::Roster(RosterCommand::AutoRoster));
            }
        });
    }

    fn shift_details_ui(
        &mut self,
        ui: &mut Ui,
        r: &RosterCtx<'_>,
        (shift_id, days): (&ShiftId, &[NaiveDate]),
        commands: &mut Vec<Command>,
    ) {
        let roster = r.roster;
        let Some(shift) = roster.shift(shift_id.as_str()) else {
            self.selected = None;
            return;
        };
        self.details_header_ui(ui, roster, shift, days, commands);
        ui.separator();
        let booth = roster.booth(shift.booth.as_str());
        ui.heading(booth.map_or(shift.booth.as_str(), |b| b.name.as_str()));
        if let Some(location) = booth.map(|b| b.location.as_str()).filter(|l| !l.is_empty()) {
            ui.label(format!("📍 {location}"));
        }
        ui.label(format!(
            "{}  {}–{}  ({})",
            format_day(roster.day_of(shift)),
            format_hm(shift.starts_at),
            format_hm(shift.ends_at),
            format_minutes(i64::from(shift.duration_mins()))
        ));
        if !shift.role.is_empty() {
            ui.label(RichText::new(&shift.role).italics());
        }
        let people = roster.people_on(shift_id.as_str());
        ui.label(RichText::new(format!("{} of {} seats filled", people.len(), shift.seats)).strong());
        for assignment in &people {
            let name = assignment.person.as_str();
            ui.horizontal(|ui| {
                let newcomer = roster.staff_member(name).is_some_and(crate::model::roster::Staff::is_newcomer);
                ui.label(if newcomer { format!("{name} (newcomer)") } else { name.to_owned() });
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    let unassign = ui.add_enabled(!assignment.locked, egui::Button::new("Unassign").small());
                    unassign.widget_info(|| {
                        WidgetInfo::labeled(egui::Role::Button, !assignment.locked, format!("Unassign {name}"))
                    });
                    if unassign.clicked() {
                        let edit = AssignEdit::Unassign { shift: shift_id.clone(), person: assignment.person.clone() };
                        commands.push(Command::roster(RosterEdit::Assign(edit)));
                    }
                    let lock_text = if assignment.locked { "🔒 Locked" } else { "🔓 Lock" };
                    let lock =
                        ui.small_button(lock_text).on_hover_text("A locked assignment is kept by the auto-roster");
                    lock.widget_info(|| {
                        WidgetInfo::selected(egui::Role::Button, true, assignment.locked, format!("Lock {name}"))
                    });
                    if lock.clicked() {
                        let edit = RosterEdit::Assign(AssignEdit::SetLocked {
                            shift: shift_id.clone(),
                            person: assignment.person.clone(),
                            locked: !assignment.locked,
                        });
                        commands.push(Command::roster(edit));
                    }
                });
            });
        }
        if (people.len() as u32) < shift.seats {
            self.assign_ui(ui, r, shift_id, commands);
        }
        let broken: Vec<String> = r.report.violations_on(shift_id.as_str()).map(|v| v.describe(roster)).collect();
        if !broken.is_empty() {
            ui.separator();
            for line in broken {
                ui.label(RichText::new(format!("⚠ {line}")).color(theme::clash(ui.visuals())));
            }
        }
        if let Some(unfilled) = r.last_auto.and_then(|a| a.unfilled.iter().find(|u| &u.shift == shift_id)) {
            ui.separator();
            ui.label(RichText::new("Why the auto-roster left a seat open").strong());
            ui.add(egui::Label::new(unfilled.describe(roster)).wrap());
        }
    }

    /// "Shift" with Edit, Remove and Close (Esc).
    fn details_header_ui(
        &mut self,
        ui: &mut Ui,
        roster: &Roster,
        shift: &crate::model::roster::Shift,
        days: &[NaiveDate],
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            ui.strong("Shift");
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui.button("✖ Close").on_hover_text("Esc").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    self.selected = None;
                }
            });
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button("✏ Edit shift").clicked() {
                self.shift_form = Some(ShiftDraft::edit(shift));
            }
            ui.menu_button("Duplicate to…", |ui| {
                let own = roster.day_of(shift);
                let others: Vec<NaiveDate> = days.iter().copied().filter(|&d| d != own).collect();
                let mut to: Option<Vec<NaiveDate>> = None;
                if ui.add_enabled(others.len() > 1, egui::Button::new("All other days")).clicked() {
                    to = Some(others.clone());
                }
                for day in &others {
                    if ui.button(format_day(*day)).clicked() {
                        to = Some(vec![*day]);
                    }
                }
                if let Some(to) = to {
                    let copies = crate::model::roster::duplicate_shift(roster, shift, &to);
                    commands.push(Command::roster(RosterEdit::Shift(ShiftEdit::AddMany(copies))));
                    ui.close();
                }
            })
            .response
            .on_hover_text("The same hours at the same booth on other days, nobody assigned; one undo step");
            if ui.button("Remove shift").on_hover_text("Ctrl+Z brings it back").clicked() {
                commands.push(Command::roster(RosterEdit::Shift(ShiftEdit::Remove(shift.id.clone()))));
                self.selected = None;
            }
        });
    }

    /// Assign by menu or keyboard: a combo box of staff not on the shift, fewest hours first.
    fn assign_ui(&mut self, ui: &mut Ui, r: &RosterCtx<'_>, shift_id: &ShiftId, commands: &mut Vec<Command>) {
        let choices = r.report.assign_candidates(r.roster, shift_id.as_str());
        ui.horizontal(|ui| {
            let label = ui.label("Assign someone");
            let selected = self.assign_choice.as_ref().map_or("choose someone…", PersonName::as_str);
            ComboBox::from_id_salt(("assign", shift_id.as_str()))
                .selected_text(selected)
                .width(170.0)
                .show_ui(ui, |ui| {
                    for choice in &choices {
                        let text = format!("{} · {}", choice.name, format_minutes(i64::from(choice.minutes)));
                        if ui.selectable_label(self.assign_choice.as_ref() == Some(choice.name), text).clicked() {
                            self.assign_choice = Some(choice.name.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            let person = self.assign_choice.clone();
            if ui.add_enabled(person.is_some(), egui::Button::new("Assign")).clicked()
                && let Some(person) = person
            {
                let edit = RosterEdit::Assign(AssignEdit::Assign { shift: shift_id.clone(), person, locked: false });
                commands.push(Command::roster(edit));
                self.assign_choice = None;
            }
        });
    }
}

/// Why the shift buttons are greyed out on a roster without booths.
const NO_BOOTH: &str = "Add a booth first (Setup)";

/// One checklist line: a tick or a circle, the step, and its button (greyed out, saying why on
/// hover, when `blocked` says why it cannot be done yet). Returns whether the button was clicked.
fn checklist_step(ui: &mut Ui, (n, done): (u32, bool), text: &str, button: &str, blocked: Option<&str>) -> bool {
    ui.horizontal(|ui| {
        let mark = if done { "✔" } else { "○" };
        let colour = if done { theme::ok(ui.visuals()) } else { ui.visuals().text_color() };
        ui.label(RichText::new(format!("{mark} {n}. {text}")).color(colour));
        let response = ui.add_enabled(blocked.is_none(), egui::Button::new(button).small());
        response.on_disabled_hover_text(blocked.unwrap_or_default()).clicked()
    })
    .inner
}

fn no_roster_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(50.0);
        ui.heading("No roster open");
        ui.label(
            "A booth captain rosters staff onto booth shifts: two people a shift, and a newcomer never alone. \
             A volunteer coordinator keeps tasks and slots here too.",
        );
        ui.add_space(8.0);
        let new = ui.button("➕ New roster…").on_hover_text(
            "Start an empty roster for this conference: you choose where it is saved, then add booths, shifts and staff",
        );
        if new.clicked() {
            commands.push(Command::File(FileCommand::Choose(Choice::NewRoster)));
        }
        if ui.button("Open a roster…").clicked() {
            commands.push(Command::File(FileCommand::Choose(Choice::Roster)));
        }
        if ui.button("Try the sample roster").clicked() {
            commands.push(Command::Roster(RosterCommand::OpenSample));
        }
    });
}

fn header_ui(ui: &mut Ui, r: &RosterCtx<'_>, mode: &mut RosterMode, commands: &mut Vec<Command>) {
    let roster = r.roster;
    ui.horizontal_wrapped(|ui| {
        ui.heading(roster.name());
        let violations = r.report.violations.len();
        let summary = format!(
            "{} of {} seats filled · {} · {}",
            roster.filled(),
            roster.seats_total(),
            plural(violations, "rule break", "rule breaks"),
            plural(r.report.newcomers_alone, "newcomer alone", "newcomers alone")
        );
        let colour = if violations > 0 { theme::clash(ui.visuals()) } else { ui.visuals().weak_text_color() };
        ui.label(RichText::new(summary).color(colour));
        if let SaveState::ReadOnly(reason) = &r.save {
            ui.label(RichText::new(format!("🔒 read-only: {reason}")).color(theme::clash(ui.visuals())));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(mode, RosterMode::Shifts, "Shifts");
        ui.selectable_value(mode, RosterMode::Staff, "Staff");
        ui.selectable_value(mode, RosterMode::Setup, "Setup");
        ui.selectable_value(mode, RosterMode::Charts, "Charts");
        ui.selectable_value(mode, RosterMode::Volunteers, "Volunteers");
        ui.separator();
        if r.auto_running {
            ui.spinner();
            ui.label("Auto-rostering…");
        } else if ui.button("⚡ Auto-roster").on_hover_text("Fill open seats without breaking a hard rule").clicked() {
            commands.push(Command::Roster(RosterCommand::AutoRoster));
        }
        let staff = match r.staff_folder {
            Some(folder) => format!(
                "Staff plans: {}",
                folder.file_name().map_or_else(|| folder.display().to_string(), |n| n.to_string_lossy().into_owned())
            ),
            None => "Staff plans…".to_owned(),
        };
        if ui.button(staff).on_hover_text("Read your staff's plan files, so their must-see talks count").clicked() {
            commands.push(Command::File(FileCommand::Choose(Choice::StaffPlans)));
        }
        if ui.button("Export…").on_hover_text("Each person's shifts as .ics, a CSV and a printable roster").clicked()
        {
            commands.push(Command::File(FileCommand::ExportRoster));
        }
        if ui.button("Close roster").clicked() {
            commands.push(Command::Roster(RosterCommand::Close));
        }
    });
}

/// Everyone by name (`order`), with their hours against their limits; drag a name onto a shift
/// to assign them.
fn staff_panel_ui(ui: &mut Ui, r: &RosterCtx<'_>, order: &[usize]) {
    ui.strong("Staff");
    ui.label(RichText::new("Drag a name onto a shift").weak());
    let staff = r.roster.staff();
    ui.spacing_mut().item_spacing.y = 2.0;
    egui::ScrollArea::vertical().id_salt("roster_staff_list").auto_shrink(false).show_rows(
        ui,
        22.0,
        order.len(),
        |ui, range| {
            for person in order.get(range).unwrap_or_default().iter().filter_map(|&i| staff.get(i)) {
                let name = person.name.as_str();
                let load = r.report.load_of(person);
                let over = load.is_over_limit();
                let text = staff_line(person, &load);
                let id = egui::Id::unique(("staff_drag", name));
                // Painted, not a label: the draggable row is the one element a screen reader names.
                let response = ui
                    .dnd_drag_source(id, person.name.clone(), |ui| {
                        let colour = if over { theme::clash(ui.visuals()) } else { ui.visuals().text_color() };
                        let galley =
                            ui.painter().layout_no_wrap(text.clone(), egui::FontId::proportional(14.0), colour);
                        let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
                        ui.painter().galley(rect.min, galley, colour);
                    })
                    .response;
                response.widget_info(|| {
                    WidgetInfo::labeled(egui::Role::Button, true, format!("{text}: drag onto a shift"))
                });
            }
        },
    );
}

/// The rule breaks, one line each (`lines`: their descriptions); clicking one opens its shift.
fn violations_strip_ui(ui: &mut Ui, r: &RosterCtx<'_>, lines: &[String], selected: &mut Option<ShiftId>) {
    if r.report.violations.is_empty() {
        return;
    }
    let title = format!("⚠ {}", plural(r.report.violations.len(), "rule break", "rule breaks"));
    egui::CollapsingHeader::new(RichText::new(title).color(theme::clash(ui.visuals())))
        .id_salt("roster_violations")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().max_height(110.0).show(ui, |ui| {
                for (violation, line) in r.report.violations.iter().zip(lines) {
                    if ui.link(line.as_str()).clicked() {
                        selected.clone_from(&violation.shift);
                    }
                }
            });
        });
}

/// `1 rule break`, `3 rule breaks`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
