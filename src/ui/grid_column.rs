//! [`GridColumn`]: one room's sessions on one day, indexed for the room grid, and the blocks to
//! draw for a window of time. A window costs O(blocks · log n) for n sessions in the column,
//! whatever n is: sessions starting within one band of a few pixels merge into one block, and a
//! column never draws more than [`MAX_BANDS`] bands, so a day of a million sessions costs what a
//! screenful of them shows.

use crate::model::SessionIdx;

/// The most bands a column splits its visible time into. Columns with more sessions starting in
/// view than this are drawn in coarser bands; a real conference day never needs them.
pub const MAX_BANDS: usize = 40;
/// The most sessions drawn that started above the window and still run into it.
pub const MAX_COVERING: usize = 3;

/// One room column for the day.
#[derive(Debug, Default)]
pub struct GridColumn {
    pub name: String,
    /// Sessions in start order.
    sessions: Vec<SessionIdx>,
    /// Per session: start and end, in minutes from the top of the grid.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// A max-tree over `ends` (leaves at `leaves..`), to find sessions still running at a time
    /// and the end of a run of sessions in O(log n).
    max_end: Vec<u32>,
    leaves: usize,
}

/// What to draw: one session, or several that start too close together to tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// The first session of the block, by position in the column.
    pub first: usize,
    /// How many sessions it stands for (1: just `first`).
    pub count: usize,
    /// Minutes from the top of the grid: the first one's start and the latest end among them.
    pub starts_min: u32,
    pub ends_min: u32,
}

impl GridColumn {
    /// A column of `sessions` given as (session, start, end) in minutes from the top of the
    /// grid, sorted by start.
    pub fn new(name: String, sessions: &[(SessionIdx, u32, u32)]) -> Self {
        let leaves = sessions.len().next_power_of_two();
        let mut max_end = vec![0; 2 * leaves];
        for (i, &(_, _, end)) in sessions.iter().enumerate() {
            max_end[leaves + i] = end;
        }
        for node in (1..leaves).rev() {
            max_end[node] = max_end[2 * node].max(max_end[2 * node + 1]);
        }
        Self {
            name,
            starts: sessions.iter().map(|&(_, start, _)| start).collect(),
            ends: sessions.iter().map(|&(_, _, end)| end).collect(),
            sessions: sessions.iter().map(|&(idx, _, _)| idx).collect(),
            max_end,
            leaves,
        }
    }

    /// The session at position `i`.
    pub fn session(&self, i: usize) -> Option<SessionIdx> {
        self.sessions.get(i).copied()
    }

    /// The last position before `before` whose session ends after `t`.
    fn last_running(&self, before: usize, t: u32) -> Option<usize> {
        self.last_running_in(1, 0, self.leaves, before, t)
    }

    fn last_running_in(&self, node: usize, lo: usize, hi: usize, before: usize, t: u32) -> Option<usize> {
        if lo >= before || self.max_end.get(node).is_none_or(|&m| m <= t) {
            return None;
        }
        if hi - lo == 1 {
            return Some(lo);
        }
        let mid = lo + (hi - lo) / 2;
        self.last_running_in(2 * node + 1, mid, hi, before, t)
            .or_else(|| self.last_running_in(2 * node, lo, mid, before, t))
    }

    /// The latest end among positions `from..to`.
    fn latest_end(&self, from: usize, to: usize) -> u32 {
        let (mut lo, mut hi) = (from + self.leaves, to + self.leaves);
        let mut best = 0;
        while lo < hi {
            if lo % 2 == 1 {
                best = best.max(self.max_end.get(lo).copied().unwrap_or(0));
                lo += 1;
            }
            if hi % 2 == 1 {
                hi -= 1;
                best = best.max(self.max_end.get(hi).copied().unwrap_or(0));
            }
            lo /= 2;
            hi /= 2;
        }
        best
    }

    /// Calls `draw` with the blocks visible in minutes `top..=bottom`, in drawing order (those
    /// that started above first, then by start). Sessions starting in the same band of
    /// `band_mins` minutes (a few pixels) merge into one block; when more than [`MAX_BANDS`]
    /// bands would hold sessions, the bands grow. Allocation-free.
    pub fn blocks(&self, top: i64, bottom: i64, band_mins: f32, mut draw: impl FnMut(Block)) {
        if self.sessions.is_empty() || bottom < top {
            return;
        }
        let clamp = |m: i64| u32::try_from(m.max(0)).unwrap_or(u32::MAX);
        let (top, bottom) = (clamp(top), clamp(bottom));
        let mut band = f64::from(band_mins.max(1.0 / 64.0));
        let span = f64::from(bottom - top) + 1.0;
        let first_in_view = self.starts.partition_point(|&s| s < top);
        let end_of_view = self.starts.partition_point(|&s| s <= bottom);
        // Dense: coarser bands, doubling so band edges stay put while the view scrolls.
        if end_of_view - first_in_view > MAX_BANDS {
            while span / band > MAX_BANDS as f64 {
                band *= 2.0;
            }
        }
        let band_of = |m: u32| (f64::from(m) / band).floor() as u64;
        let first_band = band_of(top);
        let from = self.starts.partition_point(|&s| band_of(s) < first_band);
        let mut covering = [usize::MAX; MAX_COVERING];
        let mut before = from;
        for slot in covering.iter_mut().rev() {
            let Some(i) = self.last_running(before, top) else { break };
            *slot = i;
            before = i;
        }
        for &i in covering.iter().filter(|&&i| i != usize::MAX) {
            if let (Some(&starts_min), Some(&ends_min)) = (self.starts.get(i), self.ends.get(i)) {
                draw(Block { first: i, count: 1, starts_min, ends_min });
            }
        }
        let mut i = from;
        while let Some(&starts_min) = self.starts.get(i) {
            if starts_min > bottom {
                break;
            }
            let this_band = band_of(starts_min);
            let next = i + self.starts.get(i..).map_or(0, |rest| rest.partition_point(|&s| band_of(s) == this_band));
            let next = next.max(i + 1);
            draw(Block { first: i, count: next - i, starts_min, ends_min: self.latest_end(i, next) });
            i = next;
        }
    }

    /// Bytes of derived data the column holds.
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        self.sessions.capacity() * std::mem::size_of::<SessionIdx>()
            + (self.starts.capacity() + self.ends.capacity() + self.max_end.capacity()) * std::mem::size_of::<u32>()
            + self.name.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(spans: &[(u32, u32)]) -> GridColumn {
        let sessions: Vec<_> = spans.iter().enumerate().map(|(i, &(s, e))| (SessionIdx(i as u32), s, e)).collect();
        GridColumn::new("Room".into(), &sessions)
    }

    fn blocks(column: &GridColumn, top: i64, bottom: i64, band: f32) -> Vec<Block> {
        let mut out = Vec::new();
        column.blocks(top, bottom, band, |b| out.push(b));
        out
    }

    #[test]
    fn a_normal_day_draws_every_visible_session_alone() {
        // 09:00-ish talks back to back, one long workshop before the window.
        let c = column(&[(0, 240), (240, 280), (285, 325), (330, 335), (340, 380), (600, 640)]);
        let got = blocks(&c, 300, 500, 4.0);
        let firsts: Vec<(usize, usize)> = got.iter().map(|b| (b.first, b.count)).collect();
        assert_eq!(firsts, [(2, 1), (3, 1), (4, 1)], "the one running at the top, then those starting in view");
        assert_eq!(got[0].ends_min, 325);
        let all = blocks(&c, 0, 1000, 4.0);
        assert_eq!(all.len(), 6);
    }

    #[test]
    fn sessions_starting_in_one_band_merge() {
        let c = column(&[(100, 110), (102, 160), (103, 120), (200, 230)]);
        let got = blocks(&c, 0, 300, 8.0);
        assert_eq!(got[0], Block { first: 0, count: 3, starts_min: 100, ends_min: 160 });
        assert_eq!(got[1], Block { first: 3, count: 1, starts_min: 200, ends_min: 230 });
    }

    #[test]
    fn derived_data_is_a_few_words_a_session() {
        let spans: Vec<(u32, u32)> = (0..10_000).map(|i| (i / 10, i / 10 + 30)).collect();
        let c = column(&spans);
        assert!(c.heap_bytes() <= 10_000 * 32, "{} bytes", c.heap_bytes());
    }

    #[test]
    fn a_dense_column_draws_a_bounded_number_of_blocks() {
        // 100,000 sessions over one morning, all overlapping: what a day of a million in ten rooms is.
        let spans: Vec<(u32, u32)> = (0..100_000).map(|i| (i % 120, i % 120 + 30 + i % 200)).collect();
        let mut spans = spans;
        spans.sort_unstable();
        let c = column(&spans);
        for (top, bottom) in [(0, 400), (60, 200), (150, 300), (-50, 2000)] {
            let got = blocks(&c, top, bottom, 0.5);
            assert!(got.len() <= MAX_BANDS + 1 + MAX_COVERING, "{} blocks for {top}..{bottom}", got.len());
            assert!(!got.is_empty(), "the crowd is still drawn in {top}..{bottom}");
        }
    }
}
