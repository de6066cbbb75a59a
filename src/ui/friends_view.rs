//! Friends: share your picks, add a friend's, and see where your plans overlap. A friend's picks
//! are theirs: they appear as markers and here, and only enter your plan if you pick a session
//! yourself ("Pick it too" in the details).

use egui::{RichText, Ui};

use super::ViewCtx;
use crate::command::{Command, FileCommand, PlanCommand};
use crate::model::time::{format_day, format_hm};
use crate::model::{Edit, Priority};

/// Transient state of the Friends window: the name being typed.
#[derive(Default)]
pub struct FriendsView {
    name_draft: Option<String>,
}

impl FriendsView {
    pub fn window(
        &mut self,
        egui_ctx: &egui::Context,
        ctx: &ViewCtx<'_>,
        open: &mut bool,
        commands: &mut Vec<Command>,
    ) {
        egui::Window::new("Friends").open(open).default_width(460.0).collapsible(false).show(egui_ctx, |ui| {
            self.me_ui(ui, ctx, commands);
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .button("Share my picks…")
                    .on_hover_text("Save your picks (not your notes) to send to friends")
                    .clicked()
                {
                    commands.push(Command::File(FileCommand::ShareMyPicks));
                }
                if ui.button("Add a friend's picks…").on_hover_text("Their shared picks, plan.ron or .ics").clicked()
                {
                    commands.push(Command::File(FileCommand::AddFriend));
                }
            });
            if ctx.friends.list.is_empty() {
                ui.label(
                    RichText::new("No friends added yet. Ask them to share their picks, then add the file here.")
                        .weak(),
                );
                return;
            }
            for friend in ctx.friends.list {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&friend.name).strong());
                    ui.label(RichText::new(format!("{} picks", friend.picks.len())).weak());
                    let remove = ui.small_button("Remove");
                    remove.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove {}", friend.name))
                    });
                    if remove.clicked() {
                        commands.push(Command::File(FileCommand::RemoveFriend(friend.name.clone())));
                    }
                });
            }
            ui.separator();
            overlaps_ui(ui, ctx);
        });
    }

    /// Your name: what friends see on your shared picks, and how rosters find your shifts.
    fn me_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
        let current = ctx.plan.me.clone().unwrap_or_default();
        ui.horizontal(|ui| {
            let label = ui.label("Your name");
            let draft = self.name_draft.get_or_insert_with(|| current.clone());
            let response = ui
                .add(egui::TextEdit::singleline(draft).hint_text("as friends and rosters know you"))
                .labelled_by(label.id);
            if response.lost_focus() {
                if draft.trim() != current {
                    commands.push(Command::Plan(PlanCommand::Edit(Edit::SetMyName(Some(draft.clone())))));
                }
                self.name_draft = None;
            }
        });
    }
}

fn overlaps_ui(ui: &mut Ui, ctx: &ViewCtx<'_>) {
    let shared = ctx.friends.overlaps;
    ui.label(RichText::new(format!("Where you overlap: {} sessions", shared.len())).strong());
    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
        for overlap in shared {
            let Some(session) = ctx.schedule.session_by_id(&overlap.session_id) else { continue };
            let who: Vec<String> = overlap
                .friends
                .iter()
                .map(|(name, p)| if *p == Priority::Maybe { format!("{name} (maybe)") } else { name.clone() })
                .collect();
            let date = ctx.schedule.day(session.day).map_or(session.starts_at.date(), |d| d.date);
            ui.label(format!(
                "{} {} {} · with {}",
                format_day(date),
                format_hm(session.starts_at),
                session.title,
                who.join(", ")
            ));
        }
    });
}
