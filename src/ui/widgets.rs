//! Small pieces shared by several views: the top bar, banners, status bar, pick buttons, chips
//! and single-line text that ends in "…" when it does not fit.

use egui::text::LayoutJob;
use egui::{Align, Color32, FontId, Layout, Response, RichText, Sense, TextFormat, Ui, WidgetInfo};

use super::{BannerLevel, SaveState, Tab, ViewCtx, theme};
use crate::command::{Choice, Command, FileCommand, PlanCommand, RosterCommand, SettingsCommand, UiCommand};
use crate::model::time::format_day;
use crate::model::{Edit, PickToggle, Priority, Session};

/// Lays out one line of text, cut with "…" to `max_width`.
pub fn one_line(ui: &Ui, text: &str, font: FontId, colour: Color32, max_width: f32) -> std::sync::Arc<egui::Galley> {
    let mut job = LayoutJob::single_section(text.to_owned(), TextFormat::simple(font, colour));
    job.wrap =
        egui::text::TextWrapping { max_width, max_rows: 1, break_anywhere: true, overflow_character: Some('…') };
    ui.fonts_mut(|f| f.layout_job(job))
}

/// A small outlined label such as "REC" or a track name, sized to its text.
pub fn chip(ui: &mut Ui, text: &str, colour: Color32, hover: &str) -> Response {
    let galley = ui.painter().layout_no_wrap(text.to_owned(), FontId::proportional(10.5), colour);
    let (rect, response) = ui.allocate_exact_size(galley.size() + egui::vec2(8.0, 4.0), Sense::hover());
    ui.painter().rect_stroke(rect, 4.0, egui::Stroke::new(1.0, colour), egui::StrokeKind::Inside);
    ui.painter().galley(rect.center() - galley.size() / 2.0, galley, colour);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, hover));
    response.on_hover_text(hover)
}

/// "Must" and "Maybe" toggles for one session. Clicking the active one unpicks.
pub fn pick_buttons(ui: &mut Ui, session: &Session, current: Option<Priority>, commands: &mut Vec<Command>) {
    // Read left to right as "Must, Maybe" whichever way the surrounding layout runs.
    let order = if ui.layout().prefer_right_to_left() {
        [Priority::Maybe, Priority::Must]
    } else {
        [Priority::Must, Priority::Maybe]
    };
    for priority in order {
        let selected = current == Some(priority);
        let colour = match priority {
            Priority::Must => theme::must(ui.visuals()),
            Priority::Maybe => theme::maybe(ui.visuals()),
        };
        let text = match priority {
            Priority::Must => "★ Must",
            Priority::Maybe => "☆ Maybe",
        };
        let text = if selected { RichText::new(text).color(colour).strong() } else { RichText::new(text) };
        let response = ui.add(egui::Button::selectable(selected, text));
        let label = format!("{}: {}", priority.label(), session.title);
        response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, selected, &label));
        let response = response.on_hover_text(if selected {
            "Click again to unpick".to_owned()
        } else {
            format!("Pick as {}", priority.label().to_lowercase())
        });
        if response.clicked()
            && let Some(edit) = Edit::toggle_pick(session, current, PickToggle::As(priority))
        {
            commands.push(Command::Plan(PlanCommand::Edit(edit)));
        }
    }
}

/// A compact button showing `icon`, named `name` for screen readers and tests.
fn icon_button(ui: &mut Ui, enabled: bool, icon: &str, name: &str, hover: &str) -> Response {
    let response = ui.add_enabled(enabled, egui::Button::new(icon)).on_hover_text(hover);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, enabled, name));
    response
}

/// The top bar's toggles for the floating windows.
pub struct Windows<'a> {
    pub settings: &'a mut bool,
    pub friends: &'a mut bool,
}

pub fn top_bar_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    tab: &mut Tab,
    windows: &mut Windows<'_>,
    (can_undo, can_redo): (bool, bool),
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading(RichText::new("Lanyard").strong());
        ui.separator();
        let conf = ctx.schedule.conference();
        ui.label(RichText::new(&conf.name).strong());
        if !ctx.schedule.days().is_empty() {
            ui.label(RichText::new(format!("{} – {}", format_day(conf.start_date), format_day(conf.end_date))).weak());
        }
        ui.separator();
        ui.selectable_value(tab, Tab::Now, "Now & next");
        ui.selectable_value(tab, Tab::Schedule, "Schedule");
        let picks = ctx.timeline.items().len();
        let clashes = ctx.timeline.hard_clash_count();
        let agenda_label = match (picks, clashes) {
            (0, _) => "My agenda".to_owned(),
            (n, 0) => format!("My agenda ({n})"),
            (n, c) => format!("My agenda ({n}, {c} ⚠)"),
        };
        let agenda = ui.selectable_label(*tab == Tab::Agenda, agenda_label);
        agenda.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, *tab == Tab::Agenda, "My agenda"));
        if agenda.clicked() {
            *tab = Tab::Agenda;
        }
        let map =
            ui.selectable_label(*tab == Tab::Map, "Map").on_hover_text("The venue map: what is on in each room (4)");
        map.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, *tab == Tab::Map, "Map"));
        if map.clicked() {
            *tab = Tab::Map;
        }
        let roster = ui.selectable_label(*tab == Tab::Roster, "Roster");
        roster.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, *tab == Tab::Roster, "Roster"));
        if roster.clicked() {
            *tab = Tab::Roster;
        }
        if let Some(changes) = ctx.changes {
            let label = format!("What changed ({})", changes.changes.len());
            let response = ui.selectable_label(*tab == Tab::Changes, label);
            response
                .widget_info(|| WidgetInfo::selected(egui::Role::Button, true, *tab == Tab::Changes, "What changed"));
            if response.clicked() {
                *tab = Tab::Changes;
            }
        }
        // Icons keep the bar on one line at laptop widths; each has a name for screen readers
        // and a tooltip saying what it does.
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if icon_button(ui, can_redo, "⟳", "Redo", "Redo (Ctrl+Shift+Z)").clicked() {
                commands.push(Command::Plan(PlanCommand::Redo));
            }
            if icon_button(ui, can_undo, "⟲", "Undo", "Undo (Ctrl+Z)").clicked() {
                commands.push(Command::Plan(PlanCommand::Undo));
            }
            ui.separator();
            let settings =
                ui.toggle_value(windows.settings, "⚙").on_hover_text("Settings: time zone, theme, text size");
            settings.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, *windows.settings, "Settings"));
            if icon_button(ui, true, "🖼", "Save as picture", "Save this view as a PNG picture").clicked() {
                commands.push(Command::File(FileCommand::SavePicture));
            }
            let friends = if ctx.friends.list.is_empty() {
                "👥".to_owned()
            } else {
                format!("👥 {}", ctx.friends.list.len())
            };
            let response = ui.toggle_value(windows.friends, friends).on_hover_text("Friends: share and compare picks");
            response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, *windows.friends, "Friends"));
            if ui.button("📂 Open…").on_hover_text("Open a schedule (Ctrl+O), or drop a file on the window").clicked()
            {
                commands.push(Command::File(FileCommand::Choose(Choice::Schedule)));
            }
            ui.menu_button("Rosters", |ui| roster_menu_ui(ui, ctx, commands))
                .response
                .on_hover_text("Booth shifts and volunteer slots: start, open or import into a roster");
            ui.menu_button("Samples", |ui| samples_menu_ui(ui, ctx, commands))
                .response
                .on_hover_text("The bundled sample conference, roster and plan, to try things out");
        });
    });
}

/// The "Rosters" menu: what a booth captain or volunteer coordinator starts from.
fn roster_menu_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    let open = ctx.roster.is_some();
    if ui.button("New roster…").on_hover_text("An empty roster for this conference, saved where you choose").clicked()
    {
        commands.push(Command::File(FileCommand::Choose(Choice::NewRoster)));
    }
    if ui.button("Open a roster…").clicked() {
        commands.push(Command::File(FileCommand::Choose(Choice::Roster)));
    }
    let import = ui
        .add_enabled(open, egui::Button::new("Import staff from CSV…"))
        .on_hover_text("Add the people in a spreadsheet (name, contact, newcomer, max hours) to the roster")
        .on_disabled_hover_text("Open or start a roster first");
    if import.clicked() {
        commands.push(Command::File(FileCommand::Choose(Choice::StaffCsv)));
    }
    if ui.add_enabled(open, egui::Button::new("Close the roster")).clicked() {
        commands.push(Command::Roster(RosterCommand::Close));
    }
}

/// The "Samples" menu: the bundled sample conference, its roster, and a sample attendee's plan
/// (only for the sample conference: its picks name the sample's sessions).
fn samples_menu_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    let is_sample = ctx.status.is_sample;
    let show = ui
        .add_enabled(!is_sample, egui::Button::new("Show the sample conference"))
        .on_disabled_hover_text("The sample conference is open");
    if show.clicked() {
        commands.push(Command::File(FileCommand::OpenSample));
    }
    if ui.button("Open the sample roster").on_hover_text("Booth shifts and volunteer slots to try").clicked() {
        commands.push(Command::Roster(RosterCommand::OpenSample));
    }
    let load = ui
        .add_enabled(is_sample, egui::Button::new("Load the sample plan"))
        .on_hover_text(
            "Replace your plan with a sample attendee's: picks with clashes, a dinner, travel. Undo brings yours back.",
        )
        .on_disabled_hover_text(
            "The sample plan is for the bundled sample conference, and another conference is open. \
             Show the sample conference first.",
        );
    if load.clicked() {
        commands.push(Command::Plan(PlanCommand::LoadSample));
    }
}

/// First run: what the sample is and how to open a real schedule.
pub fn welcome_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    egui::Frame::new().inner_margin(egui::Margin::symmetric(8, 8)).show(ui, |ui| {
        ui.heading("Welcome to Lanyard");
        if ctx.status.is_sample {
            ui.label(format!(
                "You are looking at {}, a made-up sample conference that comes with the app. Try it: pick talks \
                 with ★ Must or ☆ Maybe and see your day in My agenda.",
                ctx.schedule.conference().name
            ));
        }
        ui.label(
            "To plan your real conference, open its schedule. Most conferences publish one: FOSDEM and CCC \
             as schedule.xml, pretalx events as schedule.json or an .ics calendar. Lanyard works offline and keeps \
             your picks on this computer.",
        );
        ui.horizontal(|ui| {
            if ui.button("Open a schedule…").clicked() {
                commands.push(Command::File(FileCommand::Choose(Choice::Schedule)));
                commands.push(Command::Settings(SettingsCommand::DismissWelcome));
            }
            let label = if ctx.status.is_sample { "Explore the sample" } else { "Got it" };
            if ui.button(label).clicked() {
                commands.push(Command::Settings(SettingsCommand::DismissWelcome));
            }
            ui.label(RichText::new("Press ? for keyboard shortcuts.").weak());
        });
    });
}

pub fn banners_ui(ui: &mut Ui, banners: &[super::Banner], commands: &mut Vec<Command>) {
    for (index, banner) in banners.iter().enumerate() {
        egui::Frame::new()
            .fill(theme::banner_fill(banner.level, ui.visuals()))
            .inner_margin(egui::Margin::symmetric(8, 4))
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let icon = match banner.level {
                        BannerLevel::Info => "ℹ",
                        BannerLevel::Warning => "⚠",
                        BannerLevel::Error => "⛔",
                    };
                    ui.label(icon);
                    ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
                        let dismiss = ui.small_button("✖").on_hover_text("Dismiss");
                        dismiss.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, "Dismiss message"));
                        if dismiss.clicked() {
                            commands.push(Command::Ui(UiCommand::DismissBanner(index)));
                        }
                        if let Some((label, command)) = &banner.action
                            && ui.button(label).clicked()
                        {
                            commands.push(command.clone());
                            commands.push(Command::Ui(UiCommand::DismissBanner(index)));
                        }
                        ui.with_layout(Layout::left_to_right(Align::Min), |ui| {
                            ui.add(egui::Label::new(&banner.text).wrap());
                        });
                    });
                });
            });
    }
}

pub fn status_bar_ui(ui: &mut Ui, ctx: &ViewCtx<'_>) {
    ui.horizontal(|ui| {
        let visuals = ui.visuals().clone();
        let (text, colour) = match &ctx.status.save {
            SaveState::Saved => ("✔ Plan saved".to_owned(), theme::ok(&visuals)),
            SaveState::Pending => ("Unsaved changes…".to_owned(), visuals.weak_text_color()),
            SaveState::Saving => ("Saving…".to_owned(), visuals.weak_text_color()),
            SaveState::Failed(err) => (format!("⚠ Not saved: {err}"), theme::clash(&visuals)),
            SaveState::ReadOnly(reason) => (format!("🔒 Plan is read-only: {reason}"), theme::clash(&visuals)),
            SaveState::NotSaved => ("Picks are not saved (no data folder)".to_owned(), theme::clash(&visuals)),
        };
        ui.label(RichText::new(text).color(colour));
        ui.separator();
        if let Some((path, fraction)) = &ctx.status.importing {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            ui.add(egui::ProgressBar::new(*fraction).desired_width(120.0).show_percentage().animate(true))
                .on_hover_text(path.display().to_string());
            ui.label(format!("Opening {name}…"));
            ui.separator();
        }
        let conf = ctx.schedule.conference();
        let zone = conf.zone.name().map_or_else(
            || "floating local time (the file names no zone)".to_owned(),
            |name| format!("times in {name}"),
        );
        let mut now = format!("now {}", crate::model::time::format_hm(ctx.now));
        if let Some(laptop) = ctx.laptop_time(ctx.now) {
            now.push_str(&format!(" · {} on your laptop", crate::model::time::format_hm(laptop)));
        }
        ui.label(RichText::new(now).weak());
        let stats = ctx.schedule.stats();
        ui.label(RichText::new(format!("{} sessions · {} rooms · {zone}", stats.events, stats.rooms)).weak());
        if stats.warnings > 0 {
            let warnings = ctx.schedule.warnings();
            let mut hover = warnings.iter().take(20).map(ToString::to_string).collect::<Vec<_>>().join("\n");
            if warnings.len() > 20 {
                hover.push_str(&format!("\n… and {} more", warnings.len() - 20));
            }
            ui.label(RichText::new(format!("⚠ {} import warnings", stats.warnings)).color(theme::must(&visuals)))
                .on_hover_text(hover);
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.add(egui::Label::new(RichText::new(&ctx.status.source).weak()).truncate());
        });
    });
}

/// A clickable full-width row of fixed height; returns its response (hover/click) and rect.
pub fn row_frame(ui: &mut Ui, height: f32, is_selected: bool, accessible: &str) -> Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(ui.available_width(), height), Sense::click());
    let fill = if is_selected {
        theme::selected_row(ui.visuals())
    } else if response.hovered() {
        theme::hovered_row(ui.visuals())
    } else {
        Color32::TRANSPARENT
    };
    ui.painter().rect_filled(rect, 2.0, fill);
    response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, is_selected, accessible));
    response
}
