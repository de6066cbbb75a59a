//! Interval lookups for the solver: [`Intervals`], a sorted set of `[start, end)` spans in exact
//! instants (`model::time::instant_ns`, nanoseconds) that answers "does anything overlap?" by
//! binary search. Overlap is `model::busy::spans_overlap`'s rule, the roster check's: a
//! zero-length span is kept and overlaps a query exactly when it lies strictly inside it. Pure and
//! allocation-free on lookup.

/// Intervals `[start, end)` in nanoseconds with a payload, sorted by start, with the running
/// maximum of ends so "does anything overlap?" is a binary search.
#[derive(Debug, Default)]
pub(super) struct Intervals {
    spans: Vec<(i128, i128, usize)>,
    max_end: Vec<i128>,
}

impl Intervals {
    /// Every span is kept, zero-length and malformed (end before start) ones too, so lookups
    /// answer exactly what `spans_overlap` answers for each span.
    pub(super) fn new(mut spans: Vec<(i128, i128, usize)>) -> Self {
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut running = i128::MIN;
        for &(_, end, _) in &spans {
            running = running.max(end);
            max_end.push(running);
        }
        Self { spans, max_end }
    }

    /// The payload of the first (by start) interval overlapping `[start, end)`: `s < end` and
    /// `e > start`, as `spans_overlap`.
    pub(super) fn first_overlap(&self, start: i128, end: i128) -> Option<usize> {
        let before = self.spans.partition_point(|&(s, _, _)| s < end);
        if before == 0 || self.max_end.get(before - 1).is_none_or(|&m| m <= start) {
            return None;
        }
        self.spans.get(..before)?.iter().find(|&&(_, e, _)| e > start).map(|&(_, _, payload)| payload)
    }

    pub(super) fn count_overlaps(&self, start: i128, end: i128) -> u32 {
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
        let spans = Intervals::new(vec![(0, 100, 7), (10, 20, 8), (200, 300, 9), (400, 400, 10), (500, 499, 11)]);
        assert_eq!(spans.first_overlap(50, 60), Some(7));
        assert_eq!(spans.first_overlap(100, 200), None);
        assert_eq!(spans.count_overlaps(15, 210), 3);
        assert_eq!(spans.first_overlap(399, 401), Some(10), "an empty interval strictly inside overlaps");
        assert_eq!(spans.first_overlap(400, 401), None, "at the start it does not");
        assert_eq!(spans.first_overlap(399, 400), None, "nor at the end");
        assert_eq!(spans.count_overlaps(498, 502), 1, "a malformed one answers as `spans_overlap` does");
        assert_eq!(spans.count_overlaps(450, 499), 0);
    }
}
