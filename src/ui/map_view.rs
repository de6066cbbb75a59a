//! The venue map: the map picture fitted to the window (zoom with Ctrl+scroll or the buttons, drag
//! to pan), a pin on every placed room, and beside it what is on in the chosen room now, next and
//! for the rest of its day. In "Place rooms" mode the attendee picks a room from the list and
//! clicks the map to put its pin there, drags pins to move them, and removes them.
//!
//! The view only draws and pushes commands: the picture is loaded by the app on a background
//! thread and arrives here as a texture ([`MapPicture`]); placements are plan edits, so they
//! undo and autosave like every other change.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2, WidgetInfo};

use super::{Memo, ViewCtx, theme, widgets};
use crate::command::{Choice, Command, FileCommand, PlanCommand, UiCommand};
use crate::model::time::{format_day, format_hm};
use crate::model::venue_map::room_day;
use crate::model::{Edit, MapPoint, RoomDay, RoomIdx, Session, SessionId, VenueMap};

/// The map picture as the app has it.
#[derive(Default)]
pub enum MapPicture {
    /// There is no map to show.
    #[default]
    None,
    /// Being read and decoded on a background thread.
    Loading {
        name: String,
    },
    Ready {
        texture: egui::TextureHandle,
        size: Vec2,
        name: String,
    },
    /// Could not be loaded; `message` names the file and says why.
    Failed {
        name: String,
        message: String,
    },
}

/// What the map view reads each frame.
pub struct MapCtx<'a> {
    /// The map shown: the plan's, else the one that comes with the conference.
    pub map: Option<&'a VenueMap>,
    /// `map` is the conference's own, not yet in the plan: the first placement copies it there.
    pub from_conference: bool,
    pub picture: &'a MapPicture,
}

/// Radius of a pin, in points.
const PIN_RADIUS: f32 = 9.0;
/// How far one arrow key moves a pin in "Place rooms" mode, as a fraction of the picture.
const NUDGE: f32 = 0.004;
const MIN_ZOOM: f32 = 1.0;
const MAX_ZOOM: f32 = 6.0;

/// Transient state of the map view. Never written to the plan.
pub struct MapView {
    /// The room whose pin was chosen (its key): its day shows beside the map.
    selected: Option<String>,
    /// "Place rooms" mode is on.
    placing: bool,
    /// In "Place rooms" mode, the room the next click on the map puts down.
    to_place: Option<String>,
    /// 1 shows the whole picture; larger zooms in.
    zoom: f32,
    /// How far the picture's centre is moved from the canvas centre, in points.
    pan: Vec2,
    /// The chosen room's day, for `(schedule revision, minute, room)`.
    day: Memo<(u64, NaiveDateTime, RoomIdx), RoomDay>,
    /// Room key → index, for the schedule revision.
    rooms: Memo<u64, BTreeMap<String, RoomIdx>>,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            selected: None,
            placing: false,
            to_place: None,
            zoom: MIN_ZOOM,
            pan: Vec2::ZERO,
            day: Memo::default(),
            rooms: Memo::default(),
        }
    }
}

/// Where a picture of `size` is drawn in `area`: as large as fits with its shape kept, times
/// `zoom`, its centre moved by `pan`.
pub fn fit(size: Vec2, area: Rect, zoom: f32, pan: Vec2) -> Rect {
    if size.x <= 0.0 || size.y <= 0.0 {
        return Rect::from_center_size(area.center(), Vec2::ZERO);
    }
    let scale = (area.width() / size.x).min(area.height() / size.y) * zoom;
    Rect::from_center_size(area.center() + pan, size * scale)
}

/// The point of the picture under `pos`, if `pos` is on the picture drawn at `image`.
pub fn to_map(pos: Pos2, image: Rect) -> Option<MapPoint> {
    if !image.contains(pos) || image.width() <= 0.0 || image.height() <= 0.0 {
        return None;
    }
    MapPoint::new((pos.x - image.left()) / image.width(), (pos.y - image.top()) / image.height())
}

/// Where `point` of the picture drawn at `image` is on screen.
pub fn to_screen(point: MapPoint, image: Rect) -> Pos2 {
    image.min + Vec2::new(point.x() * image.width(), point.y() * image.height())
}

impl MapView {
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, selected: Option<&SessionId>, commands: &mut Vec<Command>) {
        let venue = &ctx.venue;
        let Some(map) = venue.map else {
            empty_ui(ui, commands);
            return;
        };
        self.refresh_rooms(ctx);
        toolbar_ui(ui, self, ctx, commands);
        ui.separator();
        egui::Panel::right("map_side").resizable(true).default_size(330.0).min_size(260.0).show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                if self.placing {
                    self.placing_ui(ui, ctx, map, commands);
                } else {
                    self.room_ui(ui, ctx, map, selected, commands);
                }
            });
        });
        egui::CentralPanel::default().show(ui, |ui| match venue.picture {
            MapPicture::Ready { texture, size, .. } => self.canvas_ui(ui, ctx, map, (texture, *size), commands),
            MapPicture::Loading { name } => {
                ui.vertical_centered(|ui| {
                    ui.add_space(40.0);
                    ui.label(RichText::new(format!("Loading the map: {name}")).weak());
                });
            }
            MapPicture::Failed { name, message } => failed_ui(ui, name, message, commands),
            // The app starts loading it this frame.
            MapPicture::None => {
                ui.vertical_centered(|ui| {
                    ui.add_space(40.0);
                    ui.label(RichText::new("Loading the map…").weak());
                });
            }
        });
    }

    /// Room key → index, rebuilt when the schedule changes (not per frame).
    fn refresh_rooms(&mut self, ctx: &ViewCtx<'_>) {
        self.rooms.refresh(ctx.revisions.schedule, || {
            let rooms = ctx.schedule.rooms().iter().enumerate();
            rooms.map(|(i, room)| (room.key.to_string(), RoomIdx(u32::try_from(i).unwrap_or(u32::MAX)))).collect()
        });
    }

    fn room_name<'a>(&self, ctx: &'a ViewCtx<'_>, key: &'a str) -> &'a str {
        self.rooms.value().get(key).and_then(|&i| ctx.schedule.room(i)).map_or(key, |r| r.name.as_str())
    }

    /// Pushes the edit that puts `room` at `at` ([`Edit::place_pin_on`]).
    fn place(ctx: &ViewCtx<'_>, map: &VenueMap, room: &str, at: MapPoint, commands: &mut Vec<Command>) {
        commands.push(Command::Plan(PlanCommand::Edit(Edit::place_pin_on(
            map,
            ctx.venue.from_conference,
            &room.into(),
            at,
        ))));
    }

    fn canvas_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        map: &VenueMap,
        (texture, size): (&egui::TextureHandle, Vec2),
        commands: &mut Vec<Command>,
    ) {
        let (area, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Image, true, "Venue map"));
        // Zoom around the pointer with Ctrl+scroll or a pinch; drag to pan.
        if response.hovered() {
            let (zoom_delta, pointer) = ui.input(|i| (i.zoom_delta(), i.pointer.hover_pos()));
            if (zoom_delta - 1.0).abs() > f32::EPSILON {
                let old = self.zoom;
                self.zoom = (self.zoom * zoom_delta).clamp(MIN_ZOOM, MAX_ZOOM);
                if let Some(pointer) = pointer {
                    let from_centre = pointer - area.center() - self.pan;
                    self.pan -= from_centre * (self.zoom / old - 1.0);
                }
            }
        }
        if response.dragged() {
            self.pan += response.drag_delta();
        }
        if self.zoom <= MIN_ZOOM {
            self.pan = Vec2::ZERO;
        }
        let image = fit(size, area, self.zoom, self.pan);
        let painter = ui.painter_at(area);
        painter.rect_filled(area, 4.0, ui.visuals().extreme_bg_color);
        let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
        // A paper-white floor plan glares in a dark window: dim it a little there.
        let tint = if ui.visuals().dark_mode { Color32::from_gray(222) } else { Color32::WHITE };
        painter.image(texture.id(), image, uv, tint);
        painter.rect_stroke(image, 0.0, ui.visuals().widgets.noninteractive.bg_stroke, egui::StrokeKind::Outside);

        let mut pin_clicked = false;
        for (key, &at) in &map.pins {
            pin_clicked |= self.pin_ui(ui, ctx, map, (key.as_str(), at), (area, image), commands);
        }
        if response.clicked()
            && !pin_clicked
            && let Some(pos) = response.interact_pointer_pos()
        {
            match (&self.to_place, to_map(pos, image)) {
                (Some(room), Some(at)) if self.placing => Self::place(ctx, map, room, at, commands),
                _ if !self.placing => self.selected = None,
                _ => {}
            }
        }
        if self.placing && map.pins.is_empty() && self.to_place.is_none() {
            hint(ui, area, "Choose a room on the right, then click where it is on the map.");
        }
    }

    /// One pin: a dot (coloured when a session is on now) and, where useful, the room's name.
    /// Returns whether it was clicked.
    fn pin_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        map: &VenueMap,
        (key, at): (&str, MapPoint),
        (area, image): (Rect, Rect),
        commands: &mut Vec<Command>,
    ) -> bool {
        let room = self.rooms.value().get(key).copied();
        let name = self.room_name(ctx, key).to_owned();
        let centre = to_screen(at, image);
        let hit = Rect::from_center_size(centre, Vec2::splat(PIN_RADIUS * 2.6));
        if !area.intersects(hit) {
            return false;
        }
        let sense = if self.placing { Sense::click_and_drag() } else { Sense::click() };
        let id = ui.make_persistent_id(("venue_map_pin", key));
        let response = ui.interact(hit.intersect(area), id, sense);
        let is_selected = self.selected.as_deref() == Some(key) || self.to_place.as_deref() == Some(key);
        let label = format!("Pin: {name}");
        response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, is_selected, &label));
        let on_now = room.and_then(|r| ctx.board_for(r)).is_some_and(|r| r.now.is_some());

        // Moving: drag the pin, or arrow keys while it has focus.
        let mut drawn_at = centre;
        if self.placing {
            if response.dragged()
                && let Some(pointer) = response.interact_pointer_pos()
            {
                drawn_at = pointer.clamp(image.min, image.max);
            }
            if response.drag_stopped()
                && let Some(target) =
                    response.interact_pointer_pos().and_then(|p| to_map(p.clamp(image.min, image.max), image))
            {
                Self::place(ctx, map, key, target, commands);
            }
            if response.has_focus() {
                // The arrows move the pin rather than the keyboard focus.
                let filter = egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() };
                ui.memory_mut(|m| m.set_focus_lock_filter(response.id, filter));
                let (dx, dy) = ui.input(|i| {
                    let step = |minus, plus| {
                        f32::from(u8::from(i.key_pressed(plus))) - f32::from(u8::from(i.key_pressed(minus)))
                    };
                    (step(egui::Key::ArrowLeft, egui::Key::ArrowRight), step(egui::Key::ArrowUp, egui::Key::ArrowDown))
                });
                if dx != 0.0 || dy != 0.0 {
                    Self::place(ctx, map, key, at.nudged(dx * NUDGE, dy * NUDGE), commands);
                }
            }
        }
        let painter = ui.painter_at(area);
        let radius = if is_selected || response.hovered() { PIN_RADIUS * 1.3 } else { PIN_RADIUS };
        let fill = if on_now { theme::pin_live() } else { theme::pin_idle() };
        painter.circle_filled(drawn_at + Vec2::new(0.0, 1.5), radius + 2.5, Color32::from_black_alpha(70));
        painter.circle(drawn_at, radius, fill, Stroke::new(2.5, Color32::WHITE));
        if is_selected {
            painter.circle_stroke(drawn_at, radius + 5.0, Stroke::new(3.0, theme::pin_ring()));
        }
        if response.has_focus() {
            // Keyboard focus: a ring that shows on light and dark pictures alike.
            painter.circle_stroke(drawn_at, radius + 8.0, Stroke::new(3.5, Color32::WHITE));
            painter.circle_stroke(drawn_at, radius + 8.0, Stroke::new(1.5, Color32::BLACK));
        }
        // The bundled picture names its rooms itself; on the attendee's own, pins say who they are.
        let named = map.image.is_some();
        if named || is_selected || response.hovered() || self.placing {
            name_tag(&painter, drawn_at + Vec2::new(0.0, radius + 4.0), &name);
        }
        let response = response.on_hover_text(if self.placing {
            format!("{name}: drag to move, or use the arrow keys")
        } else {
            format!("{name}: click to see what is on")
        });
        if response.clicked() {
            if self.placing {
                self.to_place = Some(key.to_owned());
            } else {
                self.selected = Some(key.to_owned());
            }
            return true;
        }
        response.dragged() || response.drag_stopped()
    }

    /// Beside the map: the chosen room's now, next and the rest of its day, or how to choose one.
    fn room_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        map: &VenueMap,
        selected: Option<&SessionId>,
        commands: &mut Vec<Command>,
    ) {
        let Some(key) = self.selected.clone() else {
            self.rooms_list_ui(ui, ctx, map);
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(self.room_name(ctx, &key));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let close = ui.small_button("All rooms").on_hover_text("Back to the list of rooms");
                if close.clicked() {
                    self.selected = None;
                }
            });
        });
        let Some(room) = self.rooms.value().get(&key).copied() else {
            ui.label(format!("There is no room \"{key}\" in this schedule any more. Its pin is kept."));
            return;
        };
        if let Some(info) = ctx.schedule.room(room) {
            let mut about = Vec::new();
            about.extend(info.location.clone());
            about.extend(info.capacity.map(|c| format!("{c} seats")));
            if !about.is_empty() {
                ui.label(RichText::new(about.join(" · ")).weak());
            }
        }
        ui.add_space(6.0);
        let day = self.day.get((ctx.revisions.schedule, ctx.minute(), room), || room_day(ctx.schedule, room, ctx.now));
        let session = |i: Option<crate::model::SessionIdx>| i.and_then(|i| ctx.schedule.session(i));
        now_next_row(ui, ctx, "Now", session(day.now), selected, commands);
        now_next_row(ui, ctx, "Next", session(day.next), selected, commands);
        let Some(date) = day.day.and_then(|d| ctx.schedule.day(d)).map(|d| d.date) else {
            ui.label(RichText::new("Nothing more in this room at this conference.").weak());
            return;
        };
        ui.add_space(8.0);
        ui.label(RichText::new(format!("{} in this room", format_day(date))).strong());
        for &i in &day.sessions {
            if let Some(s) = ctx.schedule.session(i) {
                day_row(ui, ctx, s, commands);
            }
        }
    }

    /// Every room on the map, in the schedule's order, with what is on now or next: click one to
    /// see its day.
    fn rooms_list_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, map: &VenueMap) {
        ui.heading("Rooms");
        ui.label(RichText::new("Click a pin, or a room here, to see what is on in it.").weak());
        ui.add_space(4.0);
        ui.spacing_mut().item_spacing.y = 2.0;
        for (i, room) in ctx.schedule.rooms().iter().enumerate() {
            if !map.pins.contains_key(&room.key) {
                continue;
            }
            let board = ctx.board_for(RoomIdx(u32::try_from(i).unwrap_or(u32::MAX)));
            let session = |i: Option<crate::model::SessionIdx>| i.and_then(|i| ctx.schedule.session(i));
            let (line, live) = match (board.and_then(|b| session(b.now)), board.and_then(|b| session(b.next))) {
                (Some(now), _) => (format!("Now: {}", now.title), true),
                (None, Some(next)) => (format!("Next at {}: {}", format_hm(next.starts_at), next.title), false),
                (None, None) => ("Nothing more today".to_owned(), false),
            };
            let accessible = format!("{}. {line}", room.name);
            let response = widgets::row_frame(ui, 40.0, false, &accessible);
            let rect = response.rect.shrink2(Vec2::new(6.0, 3.0));
            let visuals = ui.visuals().clone();
            let painter = ui.painter_at(response.rect);
            let dot = rect.left_top() + Vec2::new(5.0, 9.0);
            let fill = if live { theme::pin_live() } else { theme::pin_idle() };
            painter.circle(dot, 5.0, fill, Stroke::new(1.5, Color32::WHITE));
            let width = rect.width() - 16.0;
            let name =
                widgets::one_line(ui, &room.name, FontId::proportional(14.0), visuals.strong_text_color(), width);
            painter.galley(rect.left_top() + Vec2::new(16.0, 0.0), name, visuals.strong_text_color());
            let colour = if live { visuals.text_color() } else { visuals.weak_text_color() };
            let line = widgets::one_line(ui, &line, FontId::proportional(12.0), colour, width);
            painter.galley(rect.left_top() + Vec2::new(16.0, 18.0), line, colour);
            if response.on_hover_text("See this room's day").clicked() {
                self.selected = Some(room.key.to_string());
            }
        }
        let unplaced = ctx.schedule.rooms().iter().filter(|r| !map.pins.contains_key(&r.key)).count();
        if unplaced > 0 {
            ui.add_space(6.0);
            ui.label(RichText::new(format!("{unplaced} rooms are not on the map yet: use Place rooms.")).weak());
        }
    }

    /// "Place rooms": every room, whether it is on the map, and the buttons to place or remove it.
    fn placing_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, map: &VenueMap, commands: &mut Vec<Command>) {
        ui.heading("Place rooms");
        ui.label(
            RichText::new(
                "Choose a room, then click where it is on the map. Drag a pin to move it, or focus it and use the \
                 arrow keys. Ctrl+Z undoes.",
            )
            .weak(),
        );
        ui.add_space(4.0);
        let rooms: Vec<(String, String)> =
            ctx.schedule.rooms().iter().map(|r| (r.key.to_string(), r.name.clone())).collect();
        let orphans = map
            .pins
            .keys()
            .filter(|k| !self.rooms.value().contains_key(k.as_str()))
            .map(|k| (k.to_string(), k.to_string()));
        for (key, name) in rooms.into_iter().chain(orphans.collect::<Vec<_>>()) {
            let placed = map.pins.contains_key(key.as_str());
            ui.horizontal(|ui| {
                let chosen = self.to_place.as_deref() == Some(key.as_str());
                let response = ui.add(egui::Button::selectable(chosen, &name));
                let label = format!("Place {name}");
                response.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, chosen, &label));
                if response.on_hover_text("Then click where it is on the map").clicked() {
                    self.to_place = Some(key.clone());
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if placed {
                        let remove = ui.small_button("Remove").on_hover_text("Take this room's pin off the map");
                        let label = format!("Remove pin: {name}");
                        remove.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
                        if remove.clicked() {
                            commands.push(Command::Plan(PlanCommand::Edit(Edit::remove_pin_from(
                                map,
                                ctx.venue.from_conference,
                                &key.as_str().into(),
                            ))));
                        }
                    } else {
                        let middle = ui.small_button("Put in the middle").on_hover_text("Then drag it into place");
                        let label = format!("Put in the middle: {name}");
                        middle.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
                        if middle.clicked() {
                            self.to_place = Some(key.clone());
                            Self::place(ctx, map, &key, MapPoint::CENTRE, commands);
                        }
                        ui.label(RichText::new("not placed").weak());
                    }
                });
            });
        }
    }
}

fn toolbar_ui(ui: &mut Ui, view: &mut MapView, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let place = ui.add(egui::Button::selectable(view.placing, "Place rooms"));
        place.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, view.placing, "Place rooms"));
        if place.on_hover_text("Put each room's pin where it is on the map").clicked() {
            view.placing = !view.placing;
            view.to_place = None;
        }
        if ui.button("Load map image…").on_hover_text("Use your own picture of the venue (PNG or JPEG)").clicked() {
            commands.push(Command::File(FileCommand::Choose(Choice::MapImage)));
        }
        if ctx.plan.map.is_some() {
            let forget = ui
                .button("Forget this map")
                .on_hover_text("Remove this picture and its pins from your plan (Ctrl+Z brings them back)");
            if forget.clicked() {
                commands.push(Command::Plan(PlanCommand::Edit(Edit::SetMap(None))));
            }
        }
        ui.separator();
        for (text, name, factor) in [("-", "Zoom out", 1.0 / 1.25), ("+", "Zoom in", 1.25)] {
            let button = ui.button(text).on_hover_text(format!("{name} (or Ctrl+scroll over the map)"));
            button.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, name));
            if button.clicked() {
                view.zoom = (view.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
                view.pan *= factor;
            }
        }
        if ui.add_enabled(view.zoom > MIN_ZOOM, egui::Button::new("Fit")).on_hover_text("Show the whole map").clicked()
        {
            view.zoom = MIN_ZOOM;
            view.pan = Vec2::ZERO;
        }
        ui.separator();
        legend_dot(ui, theme::pin_live(), "on now");
        legend_dot(ui, theme::pin_idle(), "nothing on now");
        if let MapPicture::Ready { name, .. } | MapPicture::Failed { name, .. } = ctx.venue.picture {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(name.as_str()).weak()).truncate());
            });
        }
    });
}

fn legend_dot(ui: &mut Ui, colour: Color32, text: &str) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(14.0), Sense::hover());
    ui.painter().circle(rect.center(), 5.5, colour, Stroke::new(1.5, Color32::WHITE));
    ui.label(text);
}

/// The room's name on a plate under its pin, readable on any picture.
fn name_tag(painter: &egui::Painter, top: Pos2, name: &str) {
    let galley = painter.layout_no_wrap(name.to_owned(), FontId::proportional(12.5), Color32::WHITE);
    let rect =
        Rect::from_min_size(top - Vec2::new(galley.size().x / 2.0 + 5.0, 0.0), galley.size() + Vec2::new(10.0, 4.0));
    painter.rect_filled(rect, 4.0, Color32::from_black_alpha(185));
    painter.galley(rect.min + Vec2::new(5.0, 2.0), galley, Color32::WHITE);
}

fn hint(ui: &Ui, area: Rect, text: &str) {
    let painter = ui.painter_at(area);
    let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(14.0), Color32::WHITE);
    let rect =
        Rect::from_center_size(Pos2::new(area.center().x, area.top() + 24.0), galley.size() + Vec2::new(20.0, 10.0));
    painter.rect_filled(rect, 6.0, Color32::from_black_alpha(190));
    painter.galley(rect.min + Vec2::new(10.0, 5.0), galley, Color32::WHITE);
}

/// "Now: Title (10:00–10:40)" or "Next: …": click to open the session's details.
fn now_next_row(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    heading: &str,
    session: Option<&Session>,
    selected: Option<&SessionId>,
    commands: &mut Vec<Command>,
) {
    let Some(session) = session else {
        ui.label(RichText::new(format!("{heading}: nothing on")).weak());
        return;
    };
    let day = if session.starts_at.date() == ctx.now.date() {
        String::new()
    } else {
        format!("{} ", format_day(session.starts_at.date()))
    };
    let when = format!("{day}{}–{}", format_hm(session.starts_at), format_hm(session.ends_at()));
    let accessible = format!("{heading}: {} ({when})", session.title);
    let is_selected = selected == Some(&session.id);
    let response = widgets::row_frame(ui, theme::ROW_HEIGHT + 14.0, is_selected, &accessible);
    let rect = response.rect.shrink2(Vec2::new(6.0, 4.0));
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(response.rect);
    let colour = if heading == "Now" { theme::pin_live() } else { visuals.weak_text_color() };
    painter.text(rect.left_top(), Align2::LEFT_TOP, heading.to_uppercase(), FontId::proportional(11.0), colour);
    painter.text(
        rect.left_top() + Vec2::new(44.0, 0.0),
        Align2::LEFT_TOP,
        when,
        FontId::proportional(12.0),
        visuals.weak_text_color(),
    );
    let title =
        widgets::one_line(ui, &session.title, FontId::proportional(14.5), visuals.strong_text_color(), rect.width());
    painter.galley(rect.left_top() + Vec2::new(0.0, 18.0), title, visuals.strong_text_color());
    let speakers = session.speakers.join(", ");
    if !speakers.is_empty() {
        let line =
            widgets::one_line(ui, &speakers, FontId::proportional(12.0), visuals.weak_text_color(), rect.width());
        painter.galley(rect.left_top() + Vec2::new(0.0, 36.0), line, visuals.weak_text_color());
    }
    if response.on_hover_text("Open the details").clicked() {
        commands.push(Command::Ui(UiCommand::Select(Some(session.id.clone()))));
    }
}

/// One session of the room's day: past ones faded, the one on now in bold.
fn day_row(ui: &mut Ui, ctx: &ViewCtx<'_>, session: &Session, commands: &mut Vec<Command>) {
    let past = session.has_ended_at(ctx.now);
    let live = session.is_on_at(ctx.now);
    let mut text = RichText::new(format!("{}  {}", format_hm(session.starts_at), session.title));
    if past {
        text = text.weak();
    } else if live {
        text = text.strong().color(theme::pin_live());
    }
    let response = ui.add(egui::Button::new(text).frame(false).truncate());
    let accessible = format!("{} {}", format_hm(session.starts_at), session.title);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &accessible));
    if response.on_hover_text(&session.title).clicked() {
        commands.push(Command::Ui(UiCommand::Select(Some(session.id.clone()))));
    }
}

/// No map yet: say what the map is for and offer to load one.
fn empty_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("No venue map yet");
        ui.add_space(6.0);
        ui.label(
            "Add a floor plan of the venue (a PNG or JPEG: many conferences publish one), then place each room on \
             it. The map then shows what is on in every room, now and next.",
        );
        ui.add_space(10.0);
        if ui.button(RichText::new("Load a map image of the venue…").size(16.0)).clicked() {
            commands.push(Command::File(FileCommand::Choose(Choice::MapImage)));
        }
        ui.label(RichText::new("You can also drop a picture on the window.").weak());
    });
}

/// The picture did not load: say which file and why, and offer another.
fn failed_ui(ui: &mut Ui, name: &str, message: &str, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading("The venue map could not be shown");
        ui.add_space(4.0);
        ui.label(RichText::new(name).strong());
        ui.add(egui::Label::new(RichText::new(message).color(theme::clash(ui.visuals()))).wrap());
        ui.add_space(8.0);
        let another = ui.button("Load another picture…").on_hover_text("Or use Forget this map above");
        if another.clicked() {
            commands.push(Command::File(FileCommand::Choose(Choice::MapImage)));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_keeps_its_shape_and_clicks_become_fractions() {
        let area = Rect::from_min_size(Pos2::new(100.0, 50.0), Vec2::new(800.0, 800.0));
        // A 2:1 picture in a square: full width, centred vertically.
        let image = fit(Vec2::new(1600.0, 800.0), area, 1.0, Vec2::ZERO);
        assert_eq!(image, Rect::from_min_size(Pos2::new(100.0, 250.0), Vec2::new(800.0, 400.0)));
        assert_eq!(to_map(Pos2::new(300.0, 350.0), image), MapPoint::new(0.25, 0.25));
        assert_eq!(to_map(Pos2::new(300.0, 200.0), image), None, "above the picture, in the margin");
        let point = MapPoint::new(0.75, 0.5).unwrap();
        assert_eq!(to_map(to_screen(point, image), image), Some(point));
        // Zoomed twice and moved: the same point of the picture follows.
        let zoomed = fit(Vec2::new(1600.0, 800.0), area, 2.0, Vec2::new(-100.0, 0.0));
        assert_eq!(zoomed.size(), Vec2::new(1600.0, 800.0));
        assert_eq!(to_map(to_screen(point, zoomed), zoomed), Some(point));
        assert_eq!(fit(Vec2::ZERO, area, 1.0, Vec2::ZERO).size(), Vec2::ZERO);
    }
}
