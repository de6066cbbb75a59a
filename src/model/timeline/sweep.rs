//! The clash sweep: every overlapping pair among a set of half-open intervals, in one pass.
//! Kept apart from the timeline so it can be tested (and benchmarked) on bare intervals.

/// Every pair `(i, j)`, `i != j`, of half-open intervals `[start, end)` that overlap, i.e.
/// `a.start < b.end && b.start < a.end`. Each pair is reported once, in no particular order.
///
/// A sweep in start order keeps the set of intervals still open; each new interval clashes with
/// every open one. That finds a long interval overlapping many short, non-adjacent ones, and costs
/// O(n log n + k) for k clashes.
pub fn overlapping_pairs<T: Ord + Copy>(intervals: &[(T, T)]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..intervals.len()).collect();
    // Ties on start: shorter first, so an empty interval [s, s) leaves before [s, e) arrives.
    order.sort_unstable_by_key(|&i| (intervals[i].0, intervals[i].1, i));
    let mut open: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for &i in &order {
        let (start, end) = intervals[i];
        if end < start {
            continue; // Not an interval; importers refuse these, but never panic on them.
        }
        open.retain(|&j| intervals[j].1 > start);
        for &j in &open {
            // `j` started at or before `start` and ends after it. It overlaps unless `i` is empty
            // and starts exactly where `j` starts.
            if intervals[j].0 < end {
                pairs.push((j, i));
            }
        }
        open.push(i);
    }
    pairs
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn brute_force(intervals: &[(i64, i64)]) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for i in 0..intervals.len() {
            for j in i + 1..intervals.len() {
                let (a, b) = (intervals[i], intervals[j]);
                if a.0 <= a.1 && b.0 <= b.1 && a.0 < b.1 && b.0 < a.1 {
                    pairs.push((i, j));
                }
            }
        }
        pairs
    }

    fn normalised(mut pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
        for p in &mut pairs {
            *p = (p.0.min(p.1), p.0.max(p.1));
        }
        pairs.sort_unstable();
        pairs
    }

    #[test]
    fn long_interval_overlapping_non_adjacent_ones() {
        // One all-day tutorial against three talks that do not touch each other.
        let intervals = [(0, 600), (60, 90), (200, 240), (500, 530), (700, 720)];
        assert_eq!(normalised(overlapping_pairs(&intervals)), [(0, 1), (0, 2), (0, 3)]);
    }

    #[test]
    fn touching_intervals_do_not_clash() {
        assert!(overlapping_pairs(&[(0, 30), (30, 60)]).is_empty());
        assert!(overlapping_pairs(&[(10, 10), (10, 20)]).is_empty());
        assert_eq!(normalised(overlapping_pairs(&[(0, 30), (15, 15)])), [(0, 1)]);
    }

    proptest! {
        #[test]
        fn sweep_equals_brute_force(raw in prop::collection::vec((0i64..200, 0i64..120), 0..80)) {
            let intervals: Vec<(i64, i64)> = raw.iter().map(|&(s, d)| (s, s + d)).collect();
            prop_assert_eq!(normalised(overlapping_pairs(&intervals)), brute_force(&intervals));
        }

        #[test]
        fn sweep_equals_brute_force_with_many_ties(raw in prop::collection::vec((0i64..6, 0i64..4), 0..40)) {
            let intervals: Vec<(i64, i64)> = raw.iter().map(|&(s, d)| (s * 10, s * 10 + d * 10)).collect();
            prop_assert_eq!(normalised(overlapping_pairs(&intervals)), brute_force(&intervals));
        }
    }
}
