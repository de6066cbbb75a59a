//! Interval lookups for the solver: minutes since the epoch ([`minute`]) and [`Intervals`], a
//! sorted set of `[start, end)` spans that answers "does anything overlap?" by binary search.
//! Pure and allocation-free on lookup.

use chrono::NaiveDateTime;

/// Minutes since the Unix epoch: cheap to compare and subtract.
pub(super) fn minute(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp().div_euclid(60)
}

/// Intervals `[start, end)` in minutes with a payload, sorted by start, with the running maximum
/// of ends so "does anything overlap?" is a binary search.
#[derive(Debug, Default)]
pub(super) struct Intervals {
    spans: Vec<(i64, i64, usize)>,
    max_end: Vec<i64>,
}

impl Intervals {
    pub(super) fn new(mut spans: Vec<(i64, i64, usize)>) -> Self {
        spans.retain(|&(s, e, _)| e > s);
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut running = i64::MIN;
        for &(_, end, _) in &spans {
            running = running.max(end);
            max_end.push(running);
        }
        Self { spans, max_end }
    }

    /// The payload of the first (by start) interval overlapping `[start, end)`.
    pub(super) fn first_overlap(&self, start: i64, end: i64) -> Option<usize> {
        let before = self.spans.partition_point(|&(s, _, _)| s < end);
        if before == 0 || self.max_end.get(before - 1).is_none_or(|&m| m <= start) {
            return None;
        }
        self.spans.get(..before)?.iter().find(|&&(_, e, _)| e > start).map(|&(_, _, payload)| payload)
    }

    pub(super) fn count_overlaps(&self, start: i64, end: i64) -> u32 {
        let before = self.spans.partition_point(|&(s, _, _)| s < end);
        if before == 0 || self.max_end.get(before - 1).is_none_or(|&m| m <= start) {
            return 0;
        }
        let n = self.spans.get(..before).map_or(0, |spans| spans.iter().filter(|&&(_, e, _)| e > start).count());
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_answer_overlaps() {
        let spans = Intervals::new(vec![(0, 100, 7), (10, 20, 8), (200, 300, 9), (400, 400, 10)]);
        assert_eq!(spans.first_overlap(50, 60), Some(7));
        assert_eq!(spans.first_overlap(100, 200), None);
        assert_eq!(spans.count_overlaps(15, 210), 3);
        assert_eq!(spans.first_overlap(399, 401), None, "empty intervals never overlap");
    }
}
