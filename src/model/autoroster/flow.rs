//! [`Flow`]: maximum flow by Dinic's algorithm, iterative so deep residual paths cannot overflow
//! the stack. A plain graph algorithm; knows nothing about rosters.

const NONE: usize = usize::MAX;

pub(super) struct Flow {
    head: Vec<usize>,
    next: Vec<usize>,
    to: Vec<usize>,
    cap: Vec<u32>,
}

impl Flow {
    pub(super) fn new(nodes: usize) -> Self {
        Self { head: vec![NONE; nodes], next: Vec::new(), to: Vec::new(), cap: Vec::new() }
    }

    /// Adds `u → v` with capacity `c` and its residual twin (edge index ^ 1).
    pub(super) fn edge(&mut self, u: usize, v: usize, c: u32) {
        for (from, target, capacity) in [(u, v, c), (v, u, 0)] {
            self.to.push(target);
            self.cap.push(capacity);
            self.next.push(self.head[from]);
            self.head[from] = self.to.len() - 1;
        }
    }

    pub(super) fn max_flow(&mut self, source: usize, sink: usize) -> u64 {
        let n = self.head.len();
        let mut total = 0_u64;
        loop {
            let mut level = vec![u32::MAX; n];
            level[source] = 0;
            let mut queue = std::collections::VecDeque::from([source]);
            while let Some(u) = queue.pop_front() {
                let mut e = self.head[u];
                while e != NONE {
                    let v = self.to[e];
                    if self.cap[e] > 0 && level[v] == u32::MAX {
                        level[v] = level[u] + 1;
                        queue.push_back(v);
                    }
                    e = self.next[e];
                }
            }
            if level[sink] == u32::MAX {
                return total;
            }
            let mut it = self.head.clone();
            loop {
                let pushed = self.augment_path(source, sink, &mut level, &mut it);
                if pushed == 0 {
                    break;
                }
                total += u64::from(pushed);
            }
        }
    }

    /// One augmenting path in the level graph; dead ends are cut off as they are found.
    fn augment_path(&mut self, source: usize, sink: usize, level: &mut [u32], it: &mut [usize]) -> u32 {
        let mut path: Vec<usize> = Vec::new();
        let mut u = source;
        loop {
            if u == sink {
                let pushed = path.iter().map(|&e| self.cap[e]).min().unwrap_or(0);
                for &e in &path {
                    self.cap[e] -= pushed;
                    self.cap[e ^ 1] = self.cap[e ^ 1].saturating_add(pushed);
                }
                return pushed;
            }
            let mut advanced = false;
            while it[u] != NONE {
                let e = it[u];
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == level[u].wrapping_add(1) {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                it[u] = self.next[e];
            }
            if !advanced {
                level[u] = u32::MAX; // A dead end: never enter it again in this phase.
                let Some(e) = path.pop() else { return 0 };
                u = self.to[e ^ 1];
                it[u] = self.next[e];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_finds_a_maximum_matching() {
        // 0 = source, 1 = sink, 2..5 left, 5..8 right; a greedy matching would get 2.
        let mut flow = Flow::new(8);
        for l in 2..5 {
            flow.edge(0, l, 1);
        }
        for r in 5..8 {
            flow.edge(r, 1, 1);
        }
        for (l, r) in [(2, 5), (2, 6), (3, 5), (4, 6), (4, 7)] {
            flow.edge(l, r, 1);
        }
        assert_eq!(flow.max_flow(0, 1), 3);
    }
}
