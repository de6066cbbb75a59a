//! The details of one session: time, room, speakers, flags, abstract; and the attendee's controls:
//! pick as must or maybe, watch later, and a note. The note is edited in a draft and committed as
//! one undoable edit when the field loses focus or another session is shown.

use egui::{RichText, Ui};

use super::{ViewCtx, theme, widgets};
use crate::command::{Command, PlanCommand, UiCommand};
use crate::model::time::{format_day, format_hm, format_minutes};
use crate::model::{Edit, SessionId};

#[derive(Default)]
pub struct DetailsView {
    /// The note being typed, and the session it belongs to.
    draft: Option<(SessionId, String)>,
}

impl DetailsView {
    /// Commits a note typed for a session other than `showing` (or when nothing is shown).
    pub fn commit_stale_draft(&mut self, ctx: &ViewCtx<'_>, showing: Option<&SessionId>, commands: &mut Vec<Command>) {
        if self.draft.as_ref().is_some_and(|(id, _)| Some(id) != showing) {
            self.commit(ctx, commands);
        }
    }

    fn commit(&mut self, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        if let Some((session_id, note)) = self.draft.take()
            && ctx.plan.note(&session_id).unwrap_or("") != note
        {
            commands.push(Command::Plan(PlanCommand::Edit(Edit::SetNote { session_id, note })));
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, session_id: &SessionId, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.strong("Session");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let close = ui.button("✖ Close").on_hover_text("Esc");
                if close.clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    commands.push(Command::Ui(UiCommand::Select(None)));
                }
            });
        });
        ui.separator();
        let Some(session) = ctx.schedule.session_by_id(session_id) else {
            ui.label("This session is no longer in the schedule.");
            return;
        };
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            let schedule = ctx.schedule;
            ui.add(egui::Label::new(RichText::new(&session.title).heading()).wrap());
            if !session.subtitle.is_empty() {
                ui.label(RichText::new(&session.subtitle).italics());
            }
            let date = schedule.day(session.day).map_or(session.starts_at.date(), |d| d.date);
            ui.label(format!(
                "{}  {}–{}  ({})",
                format_day(date),
                format_hm(session.starts_at),
                format_hm(session.ends_at()),
                format_minutes(i64::from(session.duration_mins))
            ));
            if let (Some(start), Some(end)) = (ctx.laptop_time(session.starts_at), ctx.laptop_time(session.ends_at())) {
                ui.label(
                    RichText::new(format!("{}–{} on your laptop's clock", format_hm(start), format_hm(end))).weak(),
                );
            }
            ui.horizontal_wrapped(|ui| {
                let room = schedule.room_name(session);
                ui.label(if room.is_empty() { "No room given".to_owned() } else { format!("📍 {room}") });
                if let Some(track) = session.track.and_then(|t| schedule.track(t)) {
                    widgets::chip(ui, &track.name, theme::track(track.colour), "Track");
                }
                ui.label(RichText::new(session.kind.label()).weak());
            });
            if !session.speakers.is_empty() {
                ui.label(format!("🎤 {}", session.speakers.join(", ")));
            }
            ui.horizontal_wrapped(|ui| {
                if session.is_recorded {
                    ui.label("🎥 Recorded");
                }
                if session.is_captioned {
                    ui.label("💬 Live captions");
                }
                if let Some(language) = &session.language {
                    ui.label(RichText::new(format!("Language: {language}")).weak());
                }
            });
            ui.separator();
            self.plan_ui(ui, ctx, session, commands);
            ui.separator();
            if session.abstract_text.is_empty() {
                ui.label(RichText::new("No abstract.").weak());
            } else {
                ui.add(egui::Label::new(&session.abstract_text).wrap());
            }
            if !session.tags.is_empty() {
                ui.label(RichText::new(format!("Tags: {}", session.tags.join(", "))).weak());
            }
            for link in &session.links {
                ui.hyperlink_to(&link.title, &link.url);
            }
        });
    }

    fn plan_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        session: &crate::model::Session,
        commands: &mut Vec<Command>,
    ) {
        let priority = ctx.plan.priority(&session.id);
        if session.kind.is_programme() {
            ui.horizontal(|ui| {
                ui.label("Your plan:");
                widgets::pick_buttons(ui, session, priority, commands);
            });
        }
        let going: Vec<String> = ctx
            .friends
            .index
            .going(&session.id)
            .map(
                |(name, p)| {
                    if p == crate::model::Priority::Maybe { format!("{name} (maybe)") } else { name.to_owned() }
                },
            )
            .collect();
        if !going.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("👥 Going: {}", going.join(", ")));
                if ctx.plan.pick(&session.id).is_none() && session.kind.is_programme() {
                    let copy = ui.small_button("Pick it too");
                    if copy.clicked() {
                        let edit =
                            Edit::Pick { session_id: session.id.clone(), priority: crate::model::Priority::Maybe };
                        commands.push(Command::Plan(PlanCommand::Edit(edit)));
                    }
                }
            });
        }
        if let Some(pick) = ctx.plan.pick(&session.id)
            && (session.is_recorded || pick.watch_later)
        {
            let mut watch_later = pick.watch_later;
            if ui.checkbox(&mut watch_later, "Watch the recording later instead").changed() {
                commands.push(Command::Plan(PlanCommand::Edit(Edit::SetWatchLater {
                    session_id: session.id.clone(),
                    watch_later,
                })));
            }
        }
        if let Some(i) = ctx.timeline.position_of(&session.id) {
            for &other in ctx.timeline.clashes_with(i) {
                let Some(item) = ctx.timeline.items().get(other) else { continue };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("⚠ Clashes with").color(theme::clash(ui.visuals())));
                    let link = ui.link(&item.title);
                    if let (true, Some(id)) = (link.clicked(), item.session_id()) {
                        commands.push(Command::Ui(UiCommand::Select(Some(id.clone()))));
                    }
                    ui.label(
                        RichText::new(format!(
                            "{}–{} {}",
                            format_hm(item.starts_at),
                            format_hm(item.ends_at),
                            item.place
                        ))
                        .weak(),
                    );
                });
            }
        }
        let label = ui.label("Note");
        let draft = match &mut self.draft {
            Some((id, text)) if *id == session.id => text,
            _ => {
                self.draft = Some((session.id.clone(), ctx.plan.note(&session.id).unwrap_or("").to_owned()));
                &mut self.draft.get_or_insert_with(|| (session.id.clone(), String::new())).1
            }
        };
        let response = ui.add(
            egui::TextEdit::multiline(draft)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text("Questions to ask, who to meet…"),
        );
        let response = response.labelled_by(label.id);
        if response.lost_focus() {
            self.commit(ctx, commands);
        }
    }
}
