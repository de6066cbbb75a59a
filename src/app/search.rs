//! The schedule's search index and the attendee's filter, as the app keeps them: the index is
//! built once per schedule (on a thread for big ones, never on the frame path), and the filter is
//! remembered per conference in the settings.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::LanyardApp;
use crate::model::Schedule;
use crate::model::filter::Filter;
use crate::model::search::{Fork, SPLIT_FROM, SearchIndex};

/// Schedules up to this size get their index built at once: a few tens of milliseconds. Bigger
/// ones are indexed on a thread while the app stays responsive (100,000 sessions take about 1 s).
const BUILD_INLINE_UP_TO: usize = 5_000;

#[derive(Default)]
pub(super) struct SearchState {
    /// The index for the schedule of `built_for`, once ready.
    pub index: Option<Arc<SearchIndex>>,
    /// The schedule generation the index (ready or being built) and the filter belong to.
    built_for: Option<u64>,
    job: Option<Receiver<SearchIndex>>,
    /// The filter for the open conference, as remembered in the settings.
    pub filter: Filter,
    /// The second thread large searches may use.
    pub fork: SecondThread,
}

impl LanyardApp {
    /// Starts indexing a newly opened schedule and restores its conference's filter. Cheap when
    /// nothing changed; called once per frame.
    pub(super) fn refresh_search(&mut self, ctx: &egui::Context) {
        let generation = self.schedule_generation;
        if self.search.built_for != Some(generation) {
            self.search.built_for = Some(generation);
            self.search.index = None;
            self.search.job = None;
            let schedule = Arc::clone(&self.ws.schedule);
            let remembered = self.settings.filters.get(&schedule.conference().id);
            // Names the new version of the schedule no longer has would match nothing.
            self.search.filter = remembered.map(|f| f.without_unknown(&schedule)).unwrap_or_default();
            if schedule.sessions().len() <= BUILD_INLINE_UP_TO {
                self.search.index = Some(Arc::new(SearchIndex::new(&schedule)));
            } else {
                self.search.job = spawn_index(Arc::clone(&schedule));
                if self.search.job.is_none() {
                    self.search.index = Some(Arc::new(SearchIndex::new(&schedule)));
                }
            }
        }
        if let Some(rx) = &self.search.job {
            match rx.try_recv() {
                Ok(index) => {
                    self.search.index = Some(Arc::new(index));
                    self.search.job = None;
                }
                Err(TryRecvError::Disconnected) => {
                    log::error!("building the search index stopped unexpectedly");
                    self.search.job = None;
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            }
        }
    }

    /// Applies a new filter and remembers it for this conference.
    pub(super) fn set_filter(&mut self, filter: Filter) {
        if filter == self.search.filter {
            return;
        }
        let id = self.ws.schedule.conference().id.clone();
        if filter.is_active() {
            self.settings.filters.insert(id, filter.clone());
        } else {
            self.settings.filters.remove(&id);
        }
        self.search.filter = filter;
        self.save_settings();
    }
}

fn spawn_index(schedule: Arc<Schedule>) -> Option<Receiver<SearchIndex>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().name("lanyard-search-index".to_owned()).spawn(move || {
        tx.send(SearchIndex::new(&schedule)).ok();
    });
    match spawned {
        Ok(_) => Some(rx),
        Err(err) => {
            log::error!("could not start indexing the schedule for search: {err}");
            None
        }
    }
}

/// Lends the search a second thread (see [`Fork`]): searches over at least [`SPLIT_FROM`]
/// candidates score their two halves at once. On a one-core machine it never splits.
pub struct SecondThread {
    split_from: usize,
}

impl SecondThread {
    /// Asks how many cores there are: once, off the frame path (it may read cgroup files).
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self { split_from: if cores > 1 { SPLIT_FROM } else { usize::MAX } }
    }
}

impl Default for SecondThread {
    fn default() -> Self {
        Self::new()
    }
}

impl Fork for SecondThread {
    fn split_from(&self) -> usize {
        self.split_from
    }

    fn both(&self, first: &mut (dyn FnMut() + Send), second: &mut (dyn FnMut() + Send)) {
        std::thread::scope(|scope| {
            let handle = scope.spawn(second);
            first();
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_thread_runs_both_halves_and_returns_when_done() {
        let fork = SecondThread::new();
        let (mut first, mut second) = (None, None);
        fork.both(&mut || first = Some(std::thread::current().id()), &mut || {
            second = Some(std::thread::current().id());
        });
        assert_eq!(first, Some(std::thread::current().id()), "the first half runs on the caller's thread");
        assert!(second.is_some_and(|id| id != std::thread::current().id()), "the second on its own");
    }

    #[test]
    fn a_panic_in_the_second_half_reaches_the_caller() {
        let fork = SecondThread::new();
        let caught = std::panic::catch_unwind(|| fork.both(&mut || {}, &mut || panic!("second half")));
        assert!(caught.is_err());
    }
}
