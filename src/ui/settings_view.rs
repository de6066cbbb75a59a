//! The settings window: the conference's time zone (for files that name none, or to correct
//! one) and whether to show laptop time too. Every change is a command; nothing is stored here.

use egui::{ComboBox, RichText};

use super::ViewCtx;
use crate::command::{Command, SettingsCommand};
use crate::io::settings::ThemeChoice;

pub fn settings_window(egui_ctx: &egui::Context, ctx: &ViewCtx<'_>, open: &mut bool, commands: &mut Vec<Command>) {
    egui::Window::new("Settings").open(open).resizable(false).collapsible(false).show(egui_ctx, |ui| {
        ui.heading("Time");
        let zone = ctx.schedule.conference().zone;
        let current = zone.name().unwrap_or("Floating (no zone)");
        let label = ui.label("Conference time zone");
        ComboBox::from_id_salt("conference_zone")
            .selected_text(current)
            .width(260.0)
            .show_ui(ui, |ui| {
                for tz in chrono_tz::TZ_VARIANTS {
                    let name = tz.name();
                    if ui.selectable_label(zone.name() == Some(name), name).clicked() {
                        commands.push(Command::Settings(SettingsCommand::ConferenceZone(Some(name.to_owned()))));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.label(
            RichText::new(
                "Times are always shown in conference time, as printed in the programme. \
                 The zone decides what \"now\" is and where events land in your calendar.",
            )
            .weak(),
        );
        if ui.button("Use the zone from the schedule file").clicked() {
            commands.push(Command::Settings(SettingsCommand::ConferenceZone(None)));
        }
        ui.separator();
        let mut show = ctx.prefs.show_laptop_time;
        if ui.checkbox(&mut show, "Also show my laptop's time").changed() {
            commands.push(Command::Settings(SettingsCommand::ShowLaptopTime(show)));
        }
        ui.add_space(8.0);
        ui.heading("Appearance");
        let mut looks = ctx.prefs.looks;
        ui.horizontal(|ui| {
            let label = ui.label("Theme");
            for (choice, text) in
                [(ThemeChoice::System, "Follow the system"), (ThemeChoice::Light, "Light"), (ThemeChoice::Dark, "Dark")]
            {
                ui.radio_value(&mut looks.theme, choice, text).labelled_by(label.id);
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Text size");
            ui.add(egui::Slider::new(&mut looks.text_size_percent, 80..=200).suffix(" %").step_by(10.0))
                .labelled_by(label.id);
        });
        ui.checkbox(&mut looks.high_contrast, "High contrast");
        if looks != ctx.prefs.looks {
            commands.push(Command::Settings(SettingsCommand::Looks(looks)));
        }
    });
}
