//! Views. Each view reads state through [`ViewCtx`], keeps its own transient state, and pushes
//! [`Command`]s; none of them changes the model. Colours live in [`theme`].

pub mod agenda_view;
pub mod changes_view;
pub mod details_view;
pub mod friends_view;
mod grid_column;
pub mod item_editor;
pub mod map_view;
pub mod memo;
pub mod now_view;
pub mod room_grid;
pub mod roster_charts;
pub mod roster_editor;
pub mod roster_grid;
pub mod roster_view;
pub mod schedule_view;
pub mod search_bar;
pub mod settings_view;
pub mod theme;
pub mod volunteers_view;
pub mod widgets;

use chrono::{DateTime, NaiveDateTime, Utc};
use egui::{Key, KeyboardShortcut, Modifiers};

use crate::command::{Choice, Command, FileCommand, PlanCommand};
use crate::model::{Plan, Schedule, ScheduleDiff, SessionId, Timeline};
use agenda_view::AgendaView;
use details_view::DetailsView;
pub use memo::{Memo, Revisions};
use schedule_view::ScheduleView;

/// Everything a view may read in one frame: the documents, what is derived from them, and
/// [`Revisions`] to key a [`Memo`] on. Views never compute what is here themselves.
pub struct ViewCtx<'a> {
    pub schedule: &'a Schedule,
    pub plan: &'a Plan,
    /// Which documents changed since the app started; views key their memos on it.
    pub revisions: Revisions,
    /// The attendee's timeline: plan, booth shifts and volunteer slots, with clashes.
    pub timeline: &'a Timeline,
    /// What is on now and next in each room, for this minute (built once, for every view).
    pub board: &'a [crate::model::RoomNow],
    /// What the last schedule update changed, until dismissed.
    pub changes: Option<&'a ScheduleDiff>,
    /// Conference-local wall-clock time.
    pub now: NaiveDateTime,
    pub status: &'a Status,
    pub prefs: Prefs,
    pub friends: Friends<'a>,
    /// The open roster, if any.
    pub roster: Option<roster_view::RosterCtx<'a>>,
    /// The venue map shown on the Map tab and its picture.
    pub venue: map_view::MapCtx<'a>,
    pub search: Search<'a>,
    /// The attendee's filter for this conference.
    pub filter: &'a crate::model::filter::Filter,
}

/// The user's preferences for how things are shown.
#[derive(Clone, Copy)]
pub struct Prefs {
    /// Also show times in the laptop's zone.
    pub show_laptop_time: bool,
    pub looks: crate::io::settings::Looks,
    /// First run: explain the sample and how to open a real schedule.
    pub show_welcome: bool,
    /// Turns an instant into the laptop's wall-clock time.
    pub laptop_clock: fn(DateTime<Utc>) -> NaiveDateTime,
}

/// Friends whose shared picks are kept for this conference, and who goes where.
#[derive(Clone, Copy)]
pub struct Friends<'a> {
    pub list: &'a [crate::model::friends::Friend],
    pub index: &'a crate::model::friends::FriendIndex,
    /// The sessions the attendee and their friends both picked.
    pub overlaps: &'a [crate::model::friends::Overlap],
}

/// The schedule's search index (`None` while it is being built) and a second thread for large
/// searches.
#[derive(Clone, Copy)]
pub struct Search<'a> {
    pub index: Option<&'a crate::model::search::SearchIndex>,
    pub fork: &'a dyn crate::model::search::Fork,
}

impl ViewCtx<'_> {
    /// The laptop's wall-clock time for a conference-local time, when the user asked to see it and
    /// it differs from conference time.
    pub fn laptop_time(&self, conference_local: NaiveDateTime) -> Option<NaiveDateTime> {
        if !self.prefs.show_laptop_time {
            return None;
        }
        let zone = self.schedule.conference().zone;
        zone.tz()?;
        let laptop = (self.prefs.laptop_clock)(zone.to_utc(conference_local));
        (laptop != conference_local).then_some(laptop)
    }

    /// What is on now and next in `room`, if anything more is on there today.
    pub fn board_for(&self, room: crate::model::RoomIdx) -> Option<&crate::model::RoomNow> {
        self.board.iter().find(|r| r.room == room)
    }

    /// `now` to the minute: the key of everything that changes as time passes.
    pub fn minute(&self) -> NaiveDateTime {
        memo::minute_of(self.now)
    }
}

/// What the status bar shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub source: String,
    pub save: SaveState,
    /// The file being imported and the fraction done.
    pub importing: Option<(std::path::PathBuf, f32)>,
    /// The bundled sample is showing, not the user's own schedule.
    pub is_sample: bool,
}

/// Whether the user's plan is safely on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Edited; the autosave will run shortly.
    Pending,
    Saving,
    /// The last save failed; it will be retried.
    Failed(String),
    /// Never written (newer version, changed by another program, unreadable).
    ReadOnly(String),
    /// There is no data folder.
    NotSaved,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerLevel {
    Info,
    Warning,
    Error,
}

/// A message across the top of the window until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    pub level: BannerLevel,
    pub text: String,
    /// A button on the banner: its label and what it does (the banner then goes away).
    pub action: Option<(String, Command)>,
}

impl Banner {
    pub fn info(text: impl Into<String>) -> Self {
        Self { level: BannerLevel::Info, text: text.into(), action: None }
    }

    pub fn warning(text: impl Into<String>) -> Self {
        Self { level: BannerLevel::Warning, text: text.into(), action: None }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self { level: BannerLevel::Error, text: text.into(), action: None }
    }

    #[must_use]
    pub fn with_action(mut self, label: impl Into<String>, command: Command) -> Self {
        self.action = Some((label.into(), command));
        self
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// What is on now and next, and the attendee's next item.
    Now,
    #[default]
    Schedule,
    Agenda,
    /// What the last schedule update changed.
    Changes,
    /// Booth shifts and volunteer slots.
    Roster,
    /// The venue map with a pin per room.
    Map,
}

/// The view `--view` starts on, for this run only. Parsed by clap, so a typo is refused with the
/// list of views rather than ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StartView {
    /// Now & next.
    Now,
    /// The schedule as a list.
    Schedule,
    /// The schedule as the room grid.
    Grid,
    /// My agenda.
    Agenda,
    /// The open roster.
    Roster,
    /// The venue map.
    Map,
}

/// The theme `--theme` forces for this run only (never saved).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StartTheme {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

/// UI state: never saved into the plan.
#[derive(Default)]
pub struct UiState {
    pub tab: Tab,
    /// The session whose details are open.
    pub selected: Option<SessionId>,
    pub schedule_view: ScheduleView,
    pub agenda_view: AgendaView,
    pub details_view: DetailsView,
    pub now_view: now_view::NowView,
    pub map_view: map_view::MapView,
    pub roster_view: roster_view::RosterView,
    pub changes_view: changes_view::ChangesView,
    /// The editor for a custom event, block or dinner, when open.
    pub item_editor: Option<item_editor::ItemEditor>,
    pub settings_open: bool,
    /// The keyboard shortcut overlay (`?`).
    pub shortcuts_open: bool,
    pub friends_open: bool,
    pub friends_view: friends_view::FriendsView,
    pub banners: Vec<Banner>,
}

pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_ALT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);

/// Every shortcut, for the `?` overlay.
pub const SHORTCUTS: [(&str, &str); 15] = [
    ("Ctrl+O", "Open a schedule"),
    ("Ctrl+S", "Save now (lanyard also saves by itself)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
    ("j / k  or  Down / Up", "Next / previous session"),
    ("h / l  or  Left / Right", "Previous / next day"),
    ("Enter", "Open the first session"),
    ("Space", "Pick as maybe, or unpick"),
    ("m", "Pick as must-see (again: unpick)"),
    ("Ctrl+F  or  /", "Search the schedule (Enter or Down: first result)"),
    ("Esc", "Close the details (in the search box: clear it)"),
    ("1 / 2 / 3 / 4", "Now & next / Schedule / My agenda / Map"),
    ("Ctrl + / Ctrl -", "Larger / smaller text"),
    ("Ctrl+scroll", "Zoom the room grid"),
    ("Tab", "Move between controls"),
    ("?", "This list"),
];

/// Global keyboard shortcuts. Undo/redo are left to a focused text field, which has its own.
pub fn shortcuts(ui: &mut egui::Ui, state: &mut UiState, commands: &mut Vec<Command>) {
    // Only a text field takes these keys; a focused button or map pin does not.
    let typing = ui.ctx().text_edit_focused();
    if !typing {
        let (help, tab) = ui.input(|i| {
            let help = i.events.iter().any(|e| matches!(e, egui::Event::Text(t) if t == "?")) || i.key_pressed(Key::F1);
            let plain = i.modifiers.is_none();
            let tab =
                [(Key::Num1, Tab::Now), (Key::Num2, Tab::Schedule), (Key::Num3, Tab::Agenda), (Key::Num4, Tab::Map)]
                    .into_iter()
                    .find_map(|(key, tab)| (plain && i.key_pressed(key)).then_some(tab));
            (help, tab)
        });
        if help {
            state.shortcuts_open = !state.shortcuts_open;
        }
        if let Some(tab) = tab {
            state.tab = tab;
        }
    }
    let slash = !typing && ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Text(t) if t == "/")));
    if slash || ui.input_mut(|i| i.consume_shortcut(&search_bar::FIND)) {
        state.tab = Tab::Schedule;
        state.schedule_view.focus_search();
    }
    ui.input_mut(|input| {
        // Redo first: Ctrl+Shift+Z also matches Ctrl+Z when modifiers are compared loosely.
        if !typing && (input.consume_shortcut(&REDO) || input.consume_shortcut(&REDO_ALT)) {
            commands.push(Command::Plan(PlanCommand::Redo));
        }
        if !typing && input.consume_shortcut(&UNDO) {
            commands.push(Command::Plan(PlanCommand::Undo));
        }
        if input.consume_shortcut(&OPEN) {
            commands.push(Command::File(FileCommand::Choose(Choice::Schedule)));
        }
        if input.consume_shortcut(&SAVE) {
            commands.push(Command::Plan(PlanCommand::SaveNow));
        }
    });
}

/// Opens a schedule dropped on the window (a PNG or JPEG becomes the venue map), and shows a
/// hint while one hovers over it.
pub fn file_drop(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let (hovering, dropped) =
        ui.input(|i| (!i.raw.hovered_files.is_empty(), i.raw.dropped_files.first().map(|f| f.path().to_path_buf())));
    if let Some(path) = dropped {
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        if matches!(extension.as_deref(), Some("png" | "jpg" | "jpeg")) {
            commands.push(Command::Plan(PlanCommand::SetMapImage(path)));
        } else {
            commands.push(Command::File(FileCommand::OpenSchedule(path)));
        }
    }
    if hovering {
        let rect = ui.ctx().content_rect();
        let painter =
            ui.ctx().layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("file_drop")));
        painter.rect_filled(rect, 0.0, theme::drop_overlay());
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop a schedule to open it, or a venue map picture",
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        );
    }
}

/// The whole window: top bar, banners, status bar, details panel and the current tab.
pub fn root_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    (can_undo, can_redo): (bool, bool),
    commands: &mut Vec<Command>,
) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        let mut windows = widgets::Windows { settings: &mut state.settings_open, friends: &mut state.friends_open };
        widgets::top_bar_ui(ui, ctx, &mut state.tab, &mut windows, (can_undo, can_redo), commands);
    });
    if let Some(editor) = &mut state.item_editor
        && !editor.window(ui.ctx(), ctx, commands)
    {
        state.item_editor = None;
    }
    if state.friends_open {
        state.friends_view.window(ui.ctx(), ctx, &mut state.friends_open, commands);
    }
    if state.settings_open {
        settings_view::settings_window(ui.ctx(), ctx, &mut state.settings_open, commands);
    }
    if !state.banners.is_empty() {
        egui::Panel::top("banners").show(ui, |ui| widgets::banners_ui(ui, &state.banners, commands));
    }
    // Not above the roster: its grid needs the height, and the welcome is about picking talks.
    if ctx.prefs.show_welcome && state.tab != Tab::Roster {
        egui::Panel::top("welcome").show(ui, |ui| widgets::welcome_ui(ui, ctx, commands));
    }
    if state.shortcuts_open {
        egui::Window::new("Keyboard shortcuts")
            .open(&mut state.shortcuts_open)
            .collapsible(false)
            .resizable(false)
            .show(ui.ctx(), |ui| {
                egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
                    for (keys, action) in SHORTCUTS {
                        ui.label(egui::RichText::new(keys).monospace().strong());
                        ui.label(action);
                        ui.end_row();
                    }
                });
            });
    }
    egui::Panel::bottom("status_bar").show(ui, |ui| widgets::status_bar_ui(ui, ctx));
    state.details_view.commit_stale_draft(ctx, state.selected.as_ref(), commands);
    if let Some(session_id) = state.selected.clone() {
        egui::Panel::right("details").resizable(true).default_size(360.0).min_size(260.0).show(ui, |ui| {
            state.details_view.ui(ui, ctx, &session_id, commands);
        });
    }
    egui::CentralPanel::default().show(ui, |ui| match (state.tab, ctx.changes) {
        (Tab::Now, _) => state.now_view.ui(ui, ctx, state.selected.as_ref(), commands),
        (Tab::Roster, _) => state.roster_view.ui(ui, ctx, commands),
        (Tab::Map, _) => state.map_view.ui(ui, ctx, state.selected.as_ref(), commands),
        (Tab::Agenda, _) => {
            state.agenda_view.ui(ui, ctx, state.selected.as_ref(), &mut state.item_editor, commands);
        }
        (Tab::Changes, Some(changes)) => state.changes_view.ui(ui, ctx, changes, state.selected.as_ref(), commands),
        (Tab::Schedule | Tab::Changes, _) => state.schedule_view.ui(ui, ctx, state.selected.as_ref(), commands),
    });
}
