//! Now & next: what an attendee standing in a hallway needs at a glance. The conference clock
//! (with a marker when the laptop's clock differs), the attendee's own next item with the time
//! left and the room, and what is on now and next in every room. The room list is cached per
//! minute and drawn virtualised, so 90 rooms cost what is on screen.

use egui::{FontId, RichText, Ui};

use super::widgets::{self, one_line};
use super::{ViewCtx, theme};
use crate::command::{Command, UiCommand};
use crate::model::time::{format_day, format_hm, format_minutes, minutes_between};
use crate::model::{RoomNow, SessionId, TimelineItem};

#[derive(Default)]
pub struct NowView {}

impl NowView {
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, selected: Option<&SessionId>, commands: &mut Vec<Command>) {
        clock_ui(ui, ctx);
        ui.add_space(8.0);
        next_item_ui(ui, ctx, ctx.timeline.current_or_next(ctx.now), commands);
        ui.add_space(8.0);
        ui.separator();
        if ctx.board.is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(30.0);
                ui.heading("Nothing is on right now");
                let conf = ctx.schedule.conference();
                ui.label(format!(
                    "{} runs {} to {}. This board fills up while sessions are on.",
                    conf.name,
                    format_day(conf.start_date),
                    format_day(conf.end_date)
                ));
            });
            return;
        }
        board_header_ui(ui);
        ui.spacing_mut().item_spacing.y = 0.0;
        let board = ctx.board;
        egui::ScrollArea::vertical().id_salt("now_board").auto_shrink(false).show_rows(
            ui,
            theme::ROW_HEIGHT,
            board.len(),
            |ui, range| {
                for room in board.get(range).unwrap_or_default() {
                    room_row_ui(ui, ctx, room, selected, commands);
                }
            },
        );
    }
}

fn clock_ui(ui: &mut Ui, ctx: &ViewCtx<'_>) {
    let zone = ctx.schedule.conference().zone;
    ui.horizontal(|ui| {
        ui.label(RichText::new(format_hm(ctx.now)).font(FontId::proportional(34.0)).strong());
        ui.vertical(|ui| {
            let zone_name = zone.name().unwrap_or("floating time");
            ui.label(RichText::new(format!("Conference time · {}", format_day(ctx.now.date()))).strong());
            ui.label(RichText::new(zone_name).weak());
        });
        // The laptop's own clock, when it says something else: the usual cause of "I missed it".
        if zone.tz().is_some() {
            let laptop = (ctx.prefs.laptop_clock)(zone.to_utc(ctx.now));
            let difference = minutes_between(ctx.now, laptop);
            if difference != 0 {
                ui.separator();
                let sign = if difference > 0 { "ahead" } else { "behind" };
                let text = format!(
                    "⚠ Your laptop's clock says {} ({} {sign}): times here are conference time",
                    format_hm(laptop),
                    format_minutes(difference.abs())
                );
                ui.label(RichText::new(text).color(theme::must(ui.visuals())));
            }
        }
    });
}

fn next_item_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, item: Option<&TimelineItem>, commands: &mut Vec<Command>) {
    let visuals = ui.visuals().clone();
    egui::Frame::new()
        .fill(visuals.faint_bg_color)
        .stroke(visuals.widgets.noninteractive.bg_stroke)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let Some(item) = item else {
                ui.label(RichText::new("Your next item").weak());
                ui.label("Nothing more on your agenda. Pick sessions in the Schedule tab, or add your own plans in My agenda.");
                return;
            };
            let (heading, when) = if item.starts_at <= ctx.now {
                let left = minutes_between(ctx.now, item.ends_at);
                ("Now", format!("until {} · {} left", format_hm(item.ends_at), format_minutes(left)))
            } else {
                let until = minutes_between(ctx.now, item.starts_at);
                let day = if item.date == ctx.now.date() { String::new() } else { format!("{} ", format_day(item.date)) };
                ("Next", format!("{day}{}–{} · in {}", format_hm(item.starts_at), format_hm(item.ends_at), format_minutes(until)))
            };
            ui.label(RichText::new(format!("Your next item · {heading}")).weak());
            let title = ui.add(egui::Label::new(RichText::new(&item.title).heading()).sense(egui::Sense::click()));
            if let (true, Some(id)) = (title.clicked(), item.session_id()) {
                commands.push(Command::Ui(UiCommand::Select(Some(id.clone()))));
            }
            ui.horizontal_wrapped(|ui| {
                if !item.place.is_empty() {
                    ui.label(RichText::new(format!("📍 {}", item.place)).strong());
                }
                ui.label(when);
            });
        });
}

/// Width of the room column, shared by the header and the rows.
fn room_column_width(total: f32) -> f32 {
    190.0_f32.min(total * 0.25)
}

fn board_header_ui(ui: &mut Ui) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), 22.0), egui::Sense::hover());
    let room_width = room_column_width(rect.width());
    let column = (rect.width() - room_width - 16.0) / 2.0;
    let colour = ui.visuals().weak_text_color();
    let painter = ui.painter();
    for (x, text) in
        [(rect.left() + 8.0, "Room"), (rect.left() + room_width, "Now"), (rect.left() + room_width + column, "Next")]
    {
        painter.text(
            egui::pos2(x, rect.center().y),
            egui::Align2::LEFT_CENTER,
            text,
            FontId::proportional(12.0),
            colour,
        );
    }
}

fn room_row_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    room: &RoomNow,
    selected: Option<&SessionId>,
    commands: &mut Vec<Command>,
) {
    let schedule = ctx.schedule;
    let name = schedule.room(room.room).map_or("", |r| r.name.as_str());
    let now = room.now.and_then(|i| schedule.session(i));
    let next = room.next.and_then(|i| schedule.session(i));
    let describe = |s: Option<&crate::model::Session>, prefix: &str| {
        s.map_or_else(
            || format!("{prefix}: nothing"),
            |s| format!("{prefix}: {} ({}–{})", s.title, format_hm(s.starts_at), format_hm(s.ends_at())),
        )
    };
    let accessible = format!("{name}. {}. {}", describe(now, "Now"), describe(next, "Next"));
    let target = now.or(next);
    let is_selected = target.is_some_and(|s| Some(&s.id) == selected);
    let response = widgets::row_frame(ui, theme::ROW_HEIGHT, is_selected, &accessible);
    if let (true, Some(session)) = (response.clicked(), target) {
        commands.push(Command::Ui(UiCommand::Select(Some(session.id.clone()))));
    }
    let rect = response.rect;
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    let room_width = room_column_width(rect.width());
    let column = (rect.width() - room_width - 16.0) / 2.0;
    let galley = one_line(ui, name, FontId::proportional(14.0), visuals.strong_text_color(), room_width - 12.0);
    painter.galley(
        egui::pos2(rect.left() + 8.0, rect.center().y - galley.size().y / 2.0),
        galley,
        visuals.strong_text_color(),
    );
    for (i, (session, label)) in [(now, "now"), (next, "next")].into_iter().enumerate() {
        let left = rect.left() + room_width + i as f32 * column;
        let Some(session) = session else {
            let colour = visuals.weak_text_color();
            painter.text(
                egui::pos2(left, rect.center().y),
                egui::Align2::LEFT_CENTER,
                format!("— nothing {label}"),
                FontId::proportional(12.0),
                colour,
            );
            continue;
        };
        let picked = ctx.plan.priority(&session.id).map_or("", |p| match p {
            crate::model::Priority::Must => "★ ",
            crate::model::Priority::Maybe => "☆ ",
        });
        let colour = if label == "now" { visuals.strong_text_color() } else { visuals.text_color() };
        let title =
            one_line(ui, &format!("{picked}{}", session.title), FontId::proportional(14.0), colour, column - 12.0);
        painter.galley(egui::pos2(left, rect.top() + 5.0), title, colour);
        let time = if label == "now" {
            format!("until {}", format_hm(session.ends_at()))
        } else {
            format!("at {}", format_hm(session.starts_at))
        };
        painter.text(
            egui::pos2(left, rect.top() + 25.0),
            egui::Align2::LEFT_TOP,
            time,
            FontId::proportional(12.0),
            visuals.weak_text_color(),
        );
    }
}
