//! Background work, with one way in and one way back. [`Tasks::spawn`] runs a closure on a named
//! thread; what it returns is a [`Command`], delivered to the app's one inbox, and the window is
//! woken at once to carry it out. Nothing polls on a timer. A panicking task still reports (as an
//! error banner), so a "running" mark never sticks.
//!
//! Long-lived threads (the plan file's watcher) send through an [`Inbox`] handle.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::command::Command;
use crate::ui::Banner;

/// The kinds of task; at most one of each runs at a time where that matters (see
/// [`Tasks::is_running`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Task {
    Import,
    /// A system file dialog (and what is done with its answer, e.g. writing an export).
    Dialog,
    AutoRoster,
    SaveDocument(&'static str),
    SearchIndex,
    MapPicture,
}

impl Task {
    fn name(self) -> String {
        match self {
            Self::Import => "import".to_owned(),
            Self::Dialog => "dialog".to_owned(),
            Self::AutoRoster => "auto-roster".to_owned(),
            Self::SaveDocument(kind) => format!("save-{kind}"),
            Self::SearchIndex => "search-index".to_owned(),
            Self::MapPicture => "venue-map".to_owned(),
        }
    }

    /// What the user is told if the task dies.
    fn lost(self) -> String {
        match self {
            Self::Import => "Opening the schedule stopped unexpectedly.".to_owned(),
            Self::Dialog => "The file dialog stopped unexpectedly.".to_owned(),
            Self::AutoRoster => "The auto-roster stopped unexpectedly.".to_owned(),
            Self::SaveDocument(kind) => format!("Saving the {kind} stopped unexpectedly; lanyard will try again."),
            Self::SearchIndex => "Building the search index stopped unexpectedly.".to_owned(),
            Self::MapPicture => "Loading the venue map stopped unexpectedly.".to_owned(),
        }
    }
}

/// One message in the inbox: which task it ends (if any) and the command it carries.
struct Letter {
    ends: Option<Task>,
    command: Option<Command>,
}

/// Asks for a frame from any thread, once the egui context is known (from the first frame on).
#[derive(Clone, Debug, Default)]
pub struct Waker(Arc<OnceLock<egui::Context>>);

impl Waker {
    pub fn set(&self, ctx: &egui::Context) {
        self.0.get_or_init(|| ctx.clone());
    }

    pub fn wake(&self) {
        if let Some(ctx) = self.0.get() {
            ctx.request_repaint();
        }
    }
}

/// Sends commands to the app from any thread, and wakes the window to carry them out.
#[derive(Clone)]
pub struct Inbox {
    tx: Sender<Letter>,
    waker: Waker,
}

impl Inbox {
    /// Delivers `command`; `false` once the app is gone.
    pub fn send(&self, command: Command) -> bool {
        let sent = self.tx.send(Letter { ends: None, command: Some(command) }).is_ok();
        self.waker.wake();
        sent
    }

    /// Asks for a frame (e.g. to show progress) without sending anything.
    pub fn wake(&self) {
        self.waker.wake();
    }
}

pub struct Tasks {
    tx: Sender<Letter>,
    rx: Receiver<Letter>,
    waker: Waker,
    /// How many of each kind are running.
    running: Vec<(Task, usize)>,
    /// Letters received while waiting for a particular one; handed out first.
    held: VecDeque<Letter>,
}

impl Default for Tasks {
    fn default() -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        Self { tx, rx, waker: Waker::default(), running: Vec::new(), held: VecDeque::new() }
    }
}

impl Tasks {
    /// Learns the egui context, so finished tasks can wake the window.
    pub fn set_context(&self, ctx: &egui::Context) {
        self.waker.set(ctx);
    }

    pub fn inbox(&self) -> Inbox {
        Inbox { tx: self.tx.clone(), waker: self.waker.clone() }
    }

    /// Runs `work` on a thread named after `task`; the command it returns (if any) arrives in the
    /// inbox.
    ///
    /// # Errors
    /// If no thread could be started (the message says so, for a banner).
    pub fn spawn(&mut self, task: Task, work: impl FnOnce() -> Option<Command> + Send + 'static) -> Result<(), String> {
        let inbox = self.inbox();
        let spawned = crate::io::thread::spawn(&task.name(), move || {
            let command = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
                Ok(command) => command,
                Err(_) => {
                    log::error!("the {} task panicked", task.name());
                    Some(Command::show(Banner::error(task.lost())))
                }
            };
            inbox.tx.send(Letter { ends: Some(task), command }).ok();
            inbox.waker.wake();
        });
        match spawned {
            Ok(_) => {
                self.count(task, 1);
                Ok(())
            }
            Err(err) => Err(format!("Could not start a background task ({}): {err}", task.name())),
        }
    }

    pub fn is_running(&self, task: Task) -> bool {
        self.running.iter().any(|(kind, n)| *kind == task && *n > 0)
    }

    /// Every command that has arrived, in order.
    pub fn drain(&mut self, into: &mut Vec<Command>) {
        while let Some(letter) = self.held.pop_front() {
            self.open(letter, into);
        }
        while let Ok(letter) = self.rx.try_recv() {
            self.open(letter, into);
        }
    }

    /// Blocks until `task` ends (at most `limit`), and returns its command. Other letters are kept
    /// for [`Self::drain`]. `None` if the task was not running or took too long.
    pub fn wait_for(&mut self, task: Task, limit: Duration) -> Option<Command> {
        if !self.is_running(task) {
            return None;
        }
        if let Some(at) = self.held.iter().position(|letter| letter.ends == Some(task)) {
            let letter = self.held.remove(at)?;
            self.count(task, -1);
            return letter.command;
        }
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(letter) if letter.ends == Some(task) => {
                    self.count(task, -1);
                    return letter.command;
                }
                Ok(letter) => self.held.push_back(letter),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    fn open(&mut self, letter: Letter, into: &mut Vec<Command>) {
        if let Some(task) = letter.ends {
            self.count(task, -1);
        }
        into.extend(letter.command);
    }

    fn count(&mut self, task: Task, by: isize) {
        match self.running.iter_mut().find(|(kind, _)| *kind == task) {
            Some((_, n)) => *n = n.saturating_add_signed(by),
            None => self.running.push((task, usize::from(by > 0))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::UiCommand;

    #[test]
    fn a_task_result_arrives_as_a_command_and_ends_the_task() {
        let mut tasks = Tasks::default();
        tasks.spawn(Task::Import, || Some(Command::Ui(UiCommand::DismissChanges))).expect("spawned");
        assert!(tasks.is_running(Task::Import));
        let command = tasks.wait_for(Task::Import, Duration::from_secs(10));
        assert_eq!(command, Some(Command::Ui(UiCommand::DismissChanges)));
        assert!(!tasks.is_running(Task::Import));
    }

    #[test]
    fn waiting_for_one_task_keeps_the_others_letters() {
        let mut tasks = Tasks::default();
        tasks.inbox().send(Command::select(None));
        tasks.spawn(Task::AutoRoster, || None).expect("spawned");
        assert_eq!(tasks.wait_for(Task::AutoRoster, Duration::from_secs(10)), None);
        let mut commands = Vec::new();
        tasks.drain(&mut commands);
        assert_eq!(commands, vec![Command::select(None)]);
    }

    #[test]
    fn a_panicking_task_reports_and_stops_running() {
        let mut tasks = Tasks::default();
        tasks.spawn(Task::SearchIndex, || panic!("boom")).expect("spawned");
        let command = tasks.wait_for(Task::SearchIndex, Duration::from_secs(10));
        assert!(matches!(command, Some(Command::Ui(UiCommand::Show(_)))));
        assert!(!tasks.is_running(Task::SearchIndex));
    }
}
