//! The editor for the attendee's own items: a custom event (hallway meeting, ad-hoc group, …), a
//! block of their time (arrival, departure, holiday, busy) or a dinner. The form edits an
//! [`ItemDraft`] of plain strings and numbers; [`ItemDraft::to_item`] turns it into a model item or
//! says what is missing. Saving pushes one undoable edit.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use egui::{ComboBox, DragValue, RichText, TextEdit, Ui};

use super::ViewCtx;
use crate::command::{Command, PlanCommand};
use crate::model::time::format_day;
use crate::model::{Block, BlockKind, CustomEvent, CustomKind, Dinner, Edit, ItemId, Money, PersonalItem, Reservation};

/// Which kind of item the form edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftKind {
    Custom(CustomKind),
    Block(BlockKind),
    Dinner,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DraftReservation {
    #[default]
    None,
    Requested,
    Booked,
}

/// The form's contents.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemDraft {
    pub kind: DraftKind,
    /// `None` for a new item.
    pub id: Option<ItemId>,
    pub title: String,
    pub date: NaiveDate,
    /// `HH:MM`.
    pub start: String,
    pub duration_mins: u32,
    /// Custom events: the place; dinners: the venue.
    pub place: String,
    pub address: String,
    /// Names, separated by commas or new lines.
    pub people: String,
    pub note: String,
    /// `35.50`, empty for none.
    pub cost: String,
    pub currency: String,
    pub reservation: DraftReservation,
    pub reservation_name: String,
    pub reservation_size: u32,
    pub confirmation: String,
}

impl ItemDraft {
    /// An empty form for a new item of `kind` on `date`.
    pub fn new(kind: DraftKind, date: NaiveDate) -> Self {
        let (start, duration_mins) = match kind {
            DraftKind::Custom(_) => ("14:00", 60),
            DraftKind::Block(BlockKind::Holiday) => ("00:00", 24 * 60),
            DraftKind::Block(_) => ("13:00", 240),
            DraftKind::Dinner => ("19:30", 150),
        };
        Self {
            kind,
            id: None,
            title: String::new(),
            date,
            start: start.to_owned(),
            duration_mins,
            place: String::new(),
            address: String::new(),
            people: String::new(),
            note: String::new(),
            cost: String::new(),
            currency: "EUR".to_owned(),
            reservation: DraftReservation::None,
            reservation_name: String::new(),
            reservation_size: 2,
            confirmation: String::new(),
        }
    }

    /// A form holding an existing item.
    pub fn from_item(item: &PersonalItem) -> Self {
        let start = item.starts_at();
        let minutes = u32::try_from((item.ends_at() - start).num_minutes()).unwrap_or(0);
        let mut draft = match item {
            PersonalItem::Custom(c) => {
                let mut d = Self::new(DraftKind::Custom(c.kind), start.date());
                d.title.clone_from(&c.title);
                d.place.clone_from(&c.place);
                d.people = c.people.join(", ");
                d.note.clone_from(&c.note);
                d
            }
            PersonalItem::Block(b) => {
                let mut d = Self::new(DraftKind::Block(b.kind), start.date());
                d.note.clone_from(&b.note);
                d
            }
            PersonalItem::Dinner(x) => {
                let mut d = Self::new(DraftKind::Dinner, start.date());
                d.title.clone_from(&x.title);
                d.place.clone_from(&x.venue);
                d.address.clone_from(&x.address);
                d.people = x.party.join(", ");
                d.note.clone_from(&x.notes);
                if let Some(cost) = &x.cost_per_head {
                    d.cost = format!("{}.{:02}", cost.minor_units / 100, cost.minor_units % 100);
                    d.currency.clone_from(&cost.currency);
                }
                match &x.reservation {
                    Reservation::None => {}
                    Reservation::Requested { name, size } => {
                        d.reservation = DraftReservation::Requested;
                        d.reservation_name.clone_from(name);
                        d.reservation_size = *size;
                    }
                    Reservation::Booked { name, size, confirmation } => {
                        d.reservation = DraftReservation::Booked;
                        d.reservation_name.clone_from(name);
                        d.reservation_size = *size;
                        d.confirmation.clone_from(confirmation);
                    }
                }
                d
            }
        };
        draft.id = Some(item.id().clone());
        draft.start = start.format("%H:%M").to_string();
        draft.duration_mins = minutes;
        draft
    }

    pub fn title_for_window(&self) -> String {
        let what = match self.kind {
            DraftKind::Custom(kind) => kind.label(),
            DraftKind::Block(kind) => kind.label(),
            DraftKind::Dinner => "Dinner",
        };
        if self.id.is_some() { format!("Edit: {what}") } else { format!("New: {what}") }
    }

    /// The model item this form describes. A new item has an empty id: the app gives it a
    /// unique one ([`Command::AddItem`]).
    ///
    /// # Errors
    /// A short message naming what is missing or malformed.
    pub fn to_item(&self) -> Result<PersonalItem, String> {
        let time = NaiveTime::parse_from_str(self.start.trim(), "%H:%M")
            .map_err(|_| format!("\"{}\" is not a time like 14:30", self.start.trim()))?;
        let starts_at = NaiveDateTime::new(self.date, time);
        let id = self.id.clone().unwrap_or_default();
        let names = split_names(&self.people);
        let item = match self.kind {
            DraftKind::Custom(kind) => PersonalItem::Custom(CustomEvent {
                id,
                kind,
                title: self.title.trim().to_owned(),
                starts_at,
                duration_mins: self.duration_mins,
                place: self.place.trim().to_owned(),
                people: names,
                note: self.note.trim().to_owned(),
            }),
            DraftKind::Block(kind) => PersonalItem::Block(Block {
                id,
                kind,
                starts_at,
                duration_mins: self.duration_mins,
                note: self.note.trim().to_owned(),
            }),
            DraftKind::Dinner => PersonalItem::Dinner(Dinner {
                id,
                title: self.title.trim().to_owned(),
                venue: self.place.trim().to_owned(),
                address: self.address.trim().to_owned(),
                starts_at,
                duration_mins: self.duration_mins,
                party: names,
                notes: self.note.trim().to_owned(),
                cost_per_head: parse_money(&self.cost, &self.currency)?,
                reservation: self.reservation(),
            }),
        };
        match item.problem() {
            Some(problem) => Err(problem),
            None => Ok(item),
        }
    }

    fn reservation(&self) -> Reservation {
        let name = self.reservation_name.trim().to_owned();
        match self.reservation {
            DraftReservation::None => Reservation::None,
            DraftReservation::Requested => Reservation::Requested { name, size: self.reservation_size },
            DraftReservation::Booked => Reservation::Booked {
                name,
                size: self.reservation_size,
                confirmation: self.confirmation.trim().to_owned(),
            },
        }
    }
}

/// `Ana, Ben\nChen` → `["Ana", "Ben", "Chen"]`.
fn split_names(text: &str) -> Vec<String> {
    text.split([',', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// `35.5` or `35,50` → 3550 minor units; empty → none.
fn parse_money(amount: &str, currency: &str) -> Result<Option<Money>, String> {
    let amount = amount.trim().replace(',', ".");
    if amount.is_empty() {
        return Ok(None);
    }
    let bad = || format!("\"{amount}\" is not an amount like 35.50");
    let (whole, cents) = amount.split_once('.').unwrap_or((&amount, "0"));
    let whole: u64 = whole.parse().map_err(|_| bad())?;
    let cents: u64 = match cents.len() {
        1 => cents.parse::<u64>().map_err(|_| bad())? * 10,
        2 => cents.parse().map_err(|_| bad())?,
        _ => return Err(bad()),
    };
    let minor_units = whole.checked_mul(100).and_then(|w| w.checked_add(cents)).ok_or_else(bad)?;
    Ok(Some(Money { minor_units, currency: currency.trim().to_uppercase() }))
}

/// State of the editor window: the draft and the last problem found when saving.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemEditor {
    pub draft: ItemDraft,
    pub problem: Option<String>,
}

impl ItemEditor {
    pub fn new(draft: ItemDraft) -> Self {
        Self { draft, problem: None }
    }

    /// Draws the editor window. Returns `false` when it should close.
    pub fn window(&mut self, egui_ctx: &egui::Context, ctx: &ViewCtx<'_>, commands: &mut Vec<Command>) -> bool {
        let mut keep_open = true;
        let mut close = false;
        egui::Window::new(self.draft.title_for_window())
            .id(egui::Id::unique("item_editor"))
            .open(&mut keep_open)
            .collapsible(false)
            .resizable(false)
            .default_width(380.0)
            .show(egui_ctx, |ui| {
                self.form_ui(ui, ctx);
                if let Some(problem) = &self.problem {
                    ui.label(RichText::new(problem).color(super::theme::clash(ui.visuals())));
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        match self.draft.to_item() {
                            Ok(item) => {
                                commands.push(if self.draft.id.is_some() {
                                    Command::Plan(PlanCommand::Edit(Edit::update(item)))
                                } else {
                                    Command::Plan(PlanCommand::AddItem(Box::new(item)))
                                });
                                close = true;
                            }
                            Err(problem) => self.problem = Some(problem),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                    if let Some(id) = &self.draft.id {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.button("Delete").clicked() {
                                commands.push(Command::Plan(PlanCommand::Edit(Edit::RemoveItem(id.clone()))));
                                close = true;
                            }
                        });
                    }
                });
            });
        keep_open && !close
    }

    fn form_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>) {
        let draft = &mut self.draft;
        egui::Grid::new("item_form").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            match &mut draft.kind {
                DraftKind::Custom(kind) => {
                    let label = ui.label("Kind");
                    ComboBox::from_id_salt("custom_kind")
                        .selected_text(kind.label())
                        .show_ui(ui, |ui| {
                            for k in CustomKind::ALL {
                                ui.selectable_value(kind, k, k.label());
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
                DraftKind::Block(kind) => {
                    let label = ui.label("Kind");
                    ComboBox::from_id_salt("block_kind")
                        .selected_text(kind.label())
                        .show_ui(ui, |ui| {
                            for k in BlockKind::ALL {
                                ui.selectable_value(kind, k, k.label());
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
                DraftKind::Dinner => {}
            }
            if !matches!(draft.kind, DraftKind::Block(_)) {
                text_row(ui, "Title", &mut draft.title, "What is it?");
            }
            date_row(ui, ctx, &mut draft.date);
            text_row(ui, "Starts", &mut draft.start, "HH:MM");
            let label = ui.label("Length");
            ui.horizontal(|ui| {
                ui.add(DragValue::new(&mut draft.duration_mins).range(0..=14 * 24 * 60).speed(5).suffix(" min"))
                    .labelled_by(label.id);
                for (text, minutes) in [("30 min", 30), ("1 h", 60), ("2 h", 120), ("1 day", 24 * 60)] {
                    if ui.small_button(text).clicked() {
                        draft.duration_mins = minutes;
                    }
                }
            });
            ui.end_row();
            match draft.kind {
                DraftKind::Custom(_) => {
                    text_row(ui, "Place", &mut draft.place, "hallway, café, room…");
                    text_row(ui, "People", &mut draft.people, "names, comma separated");
                    text_row(ui, "Note", &mut draft.note, "");
                }
                DraftKind::Block(_) => text_row(ui, "Note", &mut draft.note, "flight LH1234, to the airport…"),
                DraftKind::Dinner => dinner_rows(ui, draft),
            }
        });
    }
}

fn text_row(ui: &mut Ui, label: &str, text: &mut String, hint: &str) {
    let label = ui.label(label);
    ui.add(TextEdit::singleline(text).hint_text(hint).desired_width(240.0)).labelled_by(label.id);
    ui.end_row();
}

/// Conference days, plus two days either side for travel and set-up.
fn date_row(ui: &mut Ui, ctx: &ViewCtx<'_>, date: &mut NaiveDate) {
    let conf = ctx.schedule.conference();
    let label = ui.label("Day");
    let (first, last) = (conf.start_date - Duration::days(2), conf.end_date + Duration::days(2));
    ComboBox::from_id_salt("item_day")
        .selected_text(format_day(*date))
        .show_ui(ui, |ui| {
            let mut day = first;
            while day <= last && (last - first).num_days() < 60 {
                ui.selectable_value(date, day, format_day(day));
                day += Duration::days(1);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
}

fn dinner_rows(ui: &mut Ui, draft: &mut ItemDraft) {
    text_row(ui, "Venue", &mut draft.place, "restaurant or venue");
    text_row(ui, "Address", &mut draft.address, "");
    text_row(ui, "Party", &mut draft.people, "everyone going, you too");
    let label = ui.label("Cost per head");
    ui.horizontal(|ui| {
        ui.add(TextEdit::singleline(&mut draft.cost).hint_text("35.50").desired_width(80.0)).labelled_by(label.id);
        let currency = ui.label("Currency");
        ui.add(TextEdit::singleline(&mut draft.currency).desired_width(48.0)).labelled_by(currency.id);
    });
    ui.end_row();
    let label = ui.label("Reservation");
    ui.horizontal(|ui| {
        for (value, text) in [
            (DraftReservation::None, "None"),
            (DraftReservation::Requested, "Requested"),
            (DraftReservation::Booked, "Booked"),
        ] {
            ui.radio_value(&mut draft.reservation, value, text);
        }
    })
    .response
    .labelled_by(label.id);
    ui.end_row();
    if draft.reservation != DraftReservation::None {
        text_row(ui, "Name on it", &mut draft.reservation_name, "");
        let label = ui.label("Seats");
        ui.add(DragValue::new(&mut draft.reservation_size).range(1..=200)).labelled_by(label.id);
        ui.end_row();
    }
    if draft.reservation == DraftReservation::Booked {
        text_row(ui, "Confirmation", &mut draft.confirmation, "booking reference");
    }
    text_row(ui, "Notes", &mut draft.note, "");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 4, 18).unwrap()
    }

    #[test]
    fn a_dinner_form_becomes_a_dinner_and_back() {
        let mut draft = ItemDraft::new(DraftKind::Dinner, date());
        draft.title = "Dinner after closing".into();
        draft.place = "Old Port Bistro".into();
        draft.people = "Ana, Ben,\nChen".into();
        draft.cost = "35,5".into();
        draft.currency = "cad".into();
        draft.reservation = DraftReservation::Booked;
        draft.reservation_name = "Ana".into();
        draft.reservation_size = 4;
        draft.confirmation = "X12".into();
        let item = draft.to_item().unwrap();
        let PersonalItem::Dinner(dinner) = &item else { panic!("{item:?}") };
        assert_eq!(dinner.party, ["Ana", "Ben", "Chen"]);
        assert_eq!(dinner.cost_per_head, Some(Money { minor_units: 3550, currency: "CAD".into() }));
        assert_eq!(dinner.starts_at.to_string(), "2027-04-18 19:30:00");
        assert_eq!(dinner.reservation, Reservation::Booked { name: "Ana".into(), size: 4, confirmation: "X12".into() });
        let again = ItemDraft::from_item(&item);
        assert_eq!(again.to_item().unwrap(), item);
    }

    #[test]
    fn bad_input_is_named() {
        let mut draft = ItemDraft::new(DraftKind::Custom(CustomKind::Meeting), date());
        draft.title = "Scheduler chat".into();
        draft.start = "25:99".into();
        assert!(draft.to_item().unwrap_err().contains("25:99"));
        draft.start = "9:05".into();
        assert!(draft.to_item().is_ok());
        draft.title = "  ".into();
        assert!(draft.to_item().unwrap_err().contains("title"));
        let mut dinner = ItemDraft::new(DraftKind::Dinner, date());
        dinner.title = "x".into();
        dinner.cost = "12.345".into();
        assert!(dinner.to_item().unwrap_err().contains("12.345"));
    }

    #[test]
    fn editing_keeps_the_id() {
        let block = PersonalItem::Block(Block {
            id: ItemId::new("b7"),
            kind: BlockKind::Departure,
            starts_at: NaiveDateTime::new(date(), NaiveTime::from_hms_opt(13, 0, 0).unwrap()),
            duration_mins: 240,
            note: "airport".into(),
        });
        let mut draft = ItemDraft::from_item(&block);
        draft.start = "12:30".into();
        let PersonalItem::Block(moved) = draft.to_item().unwrap() else { panic!() };
        assert_eq!(moved.id, ItemId::new("b7"));
        assert_eq!(moved.starts_at.time(), NaiveTime::from_hms_opt(12, 30, 0).unwrap());
        assert_eq!(moved.duration_mins, 240);
    }
}
