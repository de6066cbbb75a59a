//! The one way views keep derived data between frames: a [`Memo`] holds a value and the key it was
//! built for, and rebuilds it only when the key changes. Keys are made of [`Revisions`] (which
//! document changed) and whatever else the value depends on (the day shown, the minute, the
//! filter), so a view never shows data older than the documents, and never rebuilds per frame.

/// Counters that move whenever a document changes (`app/documents.rs` moves them); everything
/// derived is keyed on them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Revisions {
    pub schedule: u64,
    pub plan: u64,
    /// The roster, or the staff plans read beside it.
    pub roster: u64,
    pub friends: u64,
}

/// `now` to the minute: the key of everything that changes as time passes.
pub fn minute_of(now: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::Timelike as _;
    now.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(now)
}

/// A value and the key it was built for.
#[derive(Debug)]
pub struct Memo<K, V> {
    key: Option<K>,
    value: V,
}

impl<K, V: Default> Default for Memo<K, V> {
    fn default() -> Self {
        Self { key: None, value: V::default() }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`, built by `build` if the key changed since the last call.
    pub fn get(&mut self, key: K, build: impl FnOnce() -> V) -> &V {
        self.refresh(key, build);
        &self.value
    }

    /// Rebuilds the value if `key` changed; returns whether it did.
    pub fn refresh(&mut self, key: K, build: impl FnOnce() -> V) -> bool {
        if self.key.as_ref() == Some(&key) {
            return false;
        }
        self.value = build();
        self.key = Some(key);
        true
    }

    /// Rebuilds the value unless `is_current` says the stored key still holds: for keys that are
    /// costly to make (a filter to clone), compared by reference every frame and made only when
    /// the value is rebuilt. Returns whether it rebuilt.
    pub fn refresh_with(
        &mut self,
        is_current: impl FnOnce(&K) -> bool,
        key: impl FnOnce() -> K,
        build: impl FnOnce() -> V,
    ) -> bool {
        if self.key.as_ref().is_some_and(is_current) {
            return false;
        }
        self.value = build();
        self.key = Some(key());
        true
    }

    /// The value as last built (the default before the first build).
    pub fn value(&self) -> &V {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_only_when_the_key_changes() {
        let mut memo: Memo<u64, Vec<u64>> = Memo::default();
        let mut builds = 0;
        for key in [1, 1, 2, 2, 1] {
            memo.get(key, || {
                builds += 1;
                vec![key]
            });
        }
        assert_eq!(builds, 3);
        assert_eq!(memo.value(), &vec![1]);
        assert!(!memo.refresh_with(|k| *k == 1, || unreachable!("the key holds"), Vec::new));
        assert!(memo.refresh_with(|k| *k == 2, || 2, Vec::new), "a key that no longer holds rebuilds");
        assert_eq!(memo.value(), &Vec::<u64>::new());
    }
}
