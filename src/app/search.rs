//! A second thread for large searches: the search scores two halves of the candidates at once
//! (`model::search::Fork`). Scoped threads, borrowed for the length of one search.

use crate::model::search::{Fork, SPLIT_FROM};

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
