//! Snapshot undo: the state before each applied edit is pushed once (egui's `Undoer` idea).
//! Cheap because plans and rosters are small and the schedule is never included. Not persisted.

/// How many steps back the user can go.
const DEFAULT_LIMIT: usize = 200;

#[derive(Clone, Debug)]
pub struct UndoStack<T> {
    past: Vec<T>,
    future: Vec<T>,
    limit: usize,
}

impl<T> Default for UndoStack<T> {
    fn default() -> Self {
        Self { past: Vec::new(), future: Vec::new(), limit: DEFAULT_LIMIT }
    }
}

impl<T> UndoStack<T> {
    /// Records `before`, the state just before an applied edit. Clears the redo history.
    pub fn push(&mut self, before: T) {
        if self.past.len() == self.limit {
            self.past.remove(0);
        }
        self.past.push(before);
        self.future.clear();
    }

    /// Restores the previous state into `current`. Returns whether anything was undone.
    pub fn undo(&mut self, current: &mut T) -> bool {
        let Some(previous) = self.past.pop() else {
            return false;
        };
        self.future.push(std::mem::replace(current, previous));
        true
    }

    /// Re-applies the last undone state. Returns whether anything was redone.
    pub fn redo(&mut self, current: &mut T) -> bool {
        let Some(next) = self.future.pop() else {
            return false;
        };
        self.past.push(std::mem::replace(current, next));
        true
    }

    /// The state an undo would bring back, if any.
    pub fn last_undo(&self) -> Option<&T> {
        self.past.last()
    }

    /// The state a redo would bring back, if any.
    pub fn last_redo(&self) -> Option<&T> {
        self.future.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_redo_round_trip() {
        let mut stack = UndoStack::default();
        let mut state = 1;
        stack.push(state);
        state = 2;
        stack.push(state);
        state = 3;
        assert_eq!(stack.last_undo(), Some(&2));
        assert!(stack.undo(&mut state));
        assert_eq!(state, 2);
        assert_eq!(stack.last_redo(), Some(&3));
        assert!(stack.undo(&mut state));
        assert_eq!(state, 1);
        assert!(!stack.undo(&mut state));
        assert!(stack.redo(&mut state));
        assert_eq!(state, 2);
        // A new edit drops the redo history.
        stack.push(state);
        state = 9;
        assert!(!stack.redo(&mut state));
        assert_eq!(state, 9);
    }

    #[test]
    fn limit_drops_oldest() {
        let mut stack = UndoStack { limit: 2, ..UndoStack::default() };
        let mut state = 0;
        for next in 1..=3 {
            stack.push(state);
            state = next;
        }
        assert!(stack.undo(&mut state));
        assert!(stack.undo(&mut state));
        assert!(!stack.undo(&mut state));
        assert_eq!(state, 1);
    }
}
