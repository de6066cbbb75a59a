//! "What changed": the differences a schedule update brought, with the attendee's picks first.
//! Each row says what happened (added, cancelled, moved, retitled, changed) and shows the old and
//! new time and room. The order is computed when the update or the plan changes, not per frame.

use egui::{Align, FontId, Layout, RichText, Ui};

use super::widgets::{self, one_line};
use super::{Memo, ViewCtx, theme};
use crate::command::{Command, UiCommand};
use crate::model::time::{format_day, format_hm};
use crate::model::{Change, ChangeKind, ScheduleDiff, SessionId, SessionSummary};

#[derive(Default)]
pub struct ChangesView {
    /// Indexes into the diff's changes, picks first, for `(schedule, plan)` revisions.
    order: Memo<(u64, u64), Vec<usize>>,
}

/// `Fri 16 Apr 10:00, Room 101`.
fn when_where(s: &SessionSummary) -> String {
    let mut text = format!("{} {}", format_day(s.starts_at.date()), format_hm(s.starts_at));
    if !s.room.is_empty() {
        text.push_str(", ");
        text.push_str(&s.room);
    }
    text
}

/// A short label and a one-line description of a change.
fn describe(change: &Change) -> (&'static str, String) {
    match (&change.kind, &change.before, &change.after) {
        (ChangeKind::Added, _, Some(after)) => ("Added", when_where(after)),
        (ChangeKind::Cancelled, Some(before), _) => ("Cancelled", format!("was {}", when_where(before))),
        (ChangeKind::Changed { moved_time, moved_room, retitled, .. }, Some(before), Some(after)) => {
            let label = match (moved_time | moved_room, retitled) {
                (true, _) => "Moved",
                (false, true) => "Retitled",
                (false, false) => "Changed",
            };
            let mut parts = Vec::new();
            if *moved_time || *moved_room {
                parts.push(format!("now {}, was {}", when_where(after), when_where(before)));
            }
            if *retitled {
                parts.push(format!("was \"{}\"", before.title));
            }
            if before.duration_mins != after.duration_mins {
                parts.push(format!("now {} min, was {}", after.duration_mins, before.duration_mins));
            }
            if parts.is_empty() {
                parts.push("speakers changed".to_owned());
            }
            (label, parts.join(" · "))
        }
        _ => ("Changed", String::new()),
    }
}

impl ChangesView {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        diff: &ScheduleDiff,
        selected: Option<&SessionId>,
        commands: &mut Vec<Command>,
    ) {
        self.order.refresh((ctx.revisions.schedule, ctx.revisions.plan), || diff.order_for(ctx.plan));
        let (added, cancelled, moved, changed) = diff.counts();
        ui.horizontal(|ui| {
            ui.heading("What changed");
            ui.label(
                RichText::new(format!("{added} added · {cancelled} cancelled · {moved} moved · {changed} changed"))
                    .weak(),
            );
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui.button("Done").on_hover_text("Close this list (Undo still reverts the update)").clicked() {
                    commands.push(Command::Ui(UiCommand::DismissChanges));
                }
            });
        });
        ui.label(
            RichText::new("Your picks come first. Every pick was kept, including those of cancelled sessions.").weak(),
        );
        ui.separator();
        if diff.is_empty() {
            ui.label("Nothing changed in this version.");
            return;
        }
        ui.spacing_mut().item_spacing.y = 0.0;
        let order = self.order.value();
        egui::ScrollArea::vertical().id_salt("changes").auto_shrink(false).show_rows(
            ui,
            theme::ROW_HEIGHT,
            order.len(),
            |ui, range| {
                for &i in order.get(range).unwrap_or_default() {
                    if let Some(change) = diff.changes.get(i) {
                        change_row_ui(ui, ctx, change, selected, commands);
                    }
                }
            },
        );
    }
}

fn change_row_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    change: &Change,
    selected: Option<&SessionId>,
    commands: &mut Vec<Command>,
) {
    let (label, detail) = describe(change);
    let title = change.current().map_or("", |s| s.title.as_str());
    let priority = ctx.plan.priority(&change.id);
    let mine = if priority.is_some() { "your pick, " } else { "" };
    let accessible = format!("{label}: {title}, {mine}{detail}");
    let is_selected = selected == Some(&change.id);
    let response = widgets::row_frame(ui, theme::ROW_HEIGHT, is_selected, &accessible);
    let rect = response.rect;
    if response.clicked() && ctx.schedule.find(&change.id).is_some() {
        commands.push(Command::Ui(UiCommand::Select(if is_selected { None } else { Some(change.id.clone()) })));
    }
    let visuals = ui.visuals().clone();
    let colour = match change.kind {
        ChangeKind::Added => theme::ok(&visuals),
        ChangeKind::Cancelled => theme::clash(&visuals),
        ChangeKind::Changed { .. } => theme::must(&visuals),
    };
    let painter = ui.painter_at(rect);
    painter.text(
        egui::pos2(rect.left() + 8.0, rect.top() + 6.0),
        egui::Align2::LEFT_TOP,
        label,
        FontId::proportional(13.0),
        colour,
    );
    if priority.is_some() {
        painter.text(
            egui::pos2(rect.left() + 8.0, rect.top() + 24.0),
            egui::Align2::LEFT_TOP,
            "★ your pick",
            FontId::proportional(11.0),
            theme::must(&visuals),
        );
    }
    let left = rect.left() + 100.0;
    let width = (rect.right() - left - 8.0).max(40.0);
    let title_colour =
        if change.kind == ChangeKind::Cancelled { visuals.weak_text_color() } else { visuals.strong_text_color() };
    let galley = one_line(ui, title, FontId::proportional(15.0), title_colour, width);
    painter.galley(egui::pos2(left, rect.top() + 4.0), galley, title_colour);
    let galley = one_line(ui, &detail, FontId::proportional(12.0), visuals.weak_text_color(), width);
    painter.galley(egui::pos2(left, rect.top() + 24.0), galley, visuals.weak_text_color());
}
