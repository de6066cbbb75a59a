//! [`SeatFlow`]: the maximum flow behind the auto-roster's bound, by Dinic's algorithm over the
//! network source → person → (newcomer side node →) shift → sink, without storing its person →
//! shift edges: they are the set bits of a [`BitMatrix`], and the only per-edge state kept is
//! which people carry flow into each shift, at most its open seats. So the network costs
//! O(people + shifts) on top of that matrix, not one edge record per eligible pair (which at
//! 10,000 × 10,000 was gigabytes). Iterative, so deep residual paths cannot overflow the stack.

use std::collections::VecDeque;

use super::bits::BitMatrix;

const UNREACHED: u32 = u32::MAX;

/// A node of the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    Source,
    Person(usize),
    /// Where newcomers enter shift `s`; its edge to the shift holds the newcomers' seats.
    Side(usize),
    Shift(usize),
    Sink,
}

pub(super) struct SeatFlow<'m> {
    /// Row `p`: the shifts person `p` has an edge to (capacity 1 each).
    eligible: &'m BitMatrix,
    newcomer: &'m [bool],
    /// Source → person: capacity and flow.
    person_cap: Vec<u32>,
    person_flow: Vec<u32>,
    /// Side node → shift.
    side_cap: Vec<u32>,
    side_flow: Vec<u32>,
    /// Shift → sink.
    sink_cap: Vec<u32>,
    sink_flow: Vec<u32>,
    /// Per shift: the experienced people whose edge into it carries flow.
    direct: Vec<Vec<u32>>,
    /// Per shift: the newcomers whose edge into its side node carries flow.
    side: Vec<Vec<u32>>,
}

impl<'m> SeatFlow<'m> {
    /// A network of `newcomer.len()` people and `shifts` shifts with no capacities yet: set them
    /// with [`Self::person`], [`Self::side`] and [`Self::seats`].
    pub(super) fn new(eligible: &'m BitMatrix, newcomer: &'m [bool], shifts: usize) -> Self {
        let people = newcomer.len();
        Self {
            eligible,
            newcomer,
            person_cap: vec![0; people],
            person_flow: vec![0; people],
            side_cap: vec![0; shifts],
            side_flow: vec![0; shifts],
            sink_cap: vec![0; shifts],
            sink_flow: vec![0; shifts],
            direct: vec![Vec::new(); shifts],
            side: vec![Vec::new(); shifts],
        }
    }

    /// Source → person `p`: the most shifts they can hold.
    pub(super) fn person(&mut self, p: usize, capacity: u32) {
        if let Some(cap) = self.person_cap.get_mut(p) {
            *cap = capacity;
        }
    }

    /// Newcomers' side node → shift `s`.
    pub(super) fn side(&mut self, s: usize, capacity: u32) {
        if let Some(cap) = self.side_cap.get_mut(s) {
            *cap = capacity;
        }
    }

    /// Shift `s` → sink: its open seats.
    pub(super) fn seats(&mut self, s: usize, capacity: u32) {
        if let Some(cap) = self.sink_cap.get_mut(s) {
            *cap = capacity;
        }
    }

    fn people(&self) -> usize {
        self.person_cap.len()
    }

    fn shifts(&self) -> usize {
        self.sink_cap.len()
    }

    fn index(&self, node: Node) -> usize {
        let (people, shifts) = (self.people(), self.shifts());
        match node {
            Node::Source => 0,
            Node::Sink => 1,
            Node::Person(p) => 2 + p,
            Node::Side(s) => 2 + people + s,
            Node::Shift(s) => 2 + people + shifts + s,
        }
    }

    fn node_count(&self) -> usize {
        2 + self.people() + 2 * self.shifts()
    }

    /// Where person `p`'s edge for shift `s` goes.
    fn entry(&self, p: usize, s: usize) -> Node {
        if self.newcomer.get(p).copied().unwrap_or(false) { Node::Side(s) } else { Node::Shift(s) }
    }

    fn carries(&self, p: usize, s: usize) -> bool {
        let list = if self.newcomer.get(p).copied().unwrap_or(false) { &self.side } else { &self.direct };
        let p = u32::try_from(p).unwrap_or(u32::MAX);
        list.get(s).is_some_and(|l| l.contains(&p))
    }

    /// The arc at current-arc position `arc` out of `node`. Positions are: for the source, the
    /// person; for a person, the shift (sparse: [`Arc::Skip`] names the next eligible one); for
    /// a side node, 0 its shift then its newcomers carrying flow; for a shift, 0 the sink, 1 its
    /// side node (reverse), then the experienced people carrying flow (reverse).
    fn arc(&self, node: Node, arc: usize) -> Arc {
        match node {
            Node::Source => match self.person_cap.get(arc) {
                None => Arc::End,
                Some(&cap) if self.person_flow.get(arc).copied().unwrap_or(cap) < cap => Arc::Open(Node::Person(arc)),
                Some(_) => Arc::Full,
            },
            Node::Person(p) => match self.eligible.next_in_row(p, arc) {
                None => Arc::End,
                Some(s) if s != arc => Arc::Skip(s),
                Some(s) if self.carries(p, s) => Arc::Full,
                Some(s) => Arc::Open(self.entry(p, s)),
            },
            Node::Side(s) => match arc {
                0 => open_if(self.side_flow.get(s) < self.side_cap.get(s), Node::Shift(s)),
                i => match self.side.get(s).and_then(|l| l.get(i - 1)) {
                    Some(&q) => Arc::Open(Node::Person(q as usize)),
                    None => Arc::End,
                },
            },
            Node::Shift(s) => match arc {
                0 => open_if(self.sink_flow.get(s) < self.sink_cap.get(s), Node::Sink),
                1 => open_if(self.side_flow.get(s).is_some_and(|&f| f > 0), Node::Side(s)),
                i => match self.direct.get(s).and_then(|l| l.get(i - 2)) {
                    Some(&q) => Arc::Open(Node::Person(q as usize)),
                    None => Arc::End,
                },
            },
            Node::Sink => Arc::End,
        }
    }

    /// Pushes one unit along arc `arc` out of `node`.
    fn push(&mut self, node: Node, arc: usize) {
        match node {
            Node::Source => {
                if let Some(f) = self.person_flow.get_mut(arc) {
                    *f += 1;
                }
            }
            Node::Person(p) => {
                let newcomer = self.newcomer.get(p).copied().unwrap_or(false);
                let list = if newcomer { &mut self.side } else { &mut self.direct };
                if let Some(l) = list.get_mut(arc) {
                    l.push(u32::try_from(p).unwrap_or(u32::MAX));
                }
            }
            Node::Side(s) if arc == 0 => {
                if let Some(f) = self.side_flow.get_mut(s) {
                    *f += 1;
                }
            }
            Node::Side(s) => cancel(&mut self.side, s, arc - 1),
            Node::Shift(s) if arc == 0 => {
                if let Some(f) = self.sink_flow.get_mut(s) {
                    *f += 1;
                }
            }
            Node::Shift(s) if arc == 1 => {
                if let Some(f) = self.side_flow.get_mut(s) {
                    *f = f.saturating_sub(1);
                }
            }
            Node::Shift(s) => cancel(&mut self.direct, s, arc - 2),
            Node::Sink => {}
        }
    }

    fn node_of(&self, index: usize) -> Node {
        let (people, shifts) = (self.people(), self.shifts());
        match index {
            0 => Node::Source,
            1 => Node::Sink,
            i if i < 2 + people => Node::Person(i - 2),
            i if i < 2 + people + shifts => Node::Side(i - 2 - people),
            i => Node::Shift(i - 2 - people - shifts),
        }
    }

    /// The maximum flow from source to sink; the network keeps it.
    pub(super) fn max_flow(&mut self) -> u64 {
        let mut total = 0_u64;
        let mut level = vec![UNREACHED; self.node_count()];
        let mut it = vec![0_usize; self.node_count()];
        let mut path: Vec<usize> = Vec::new();
        while self.levels(&mut level) {
            it.fill(0);
            while self.augment_path(&mut level, &mut it, &mut path) {
                total += 1;
            }
        }
        total
    }

    /// Breadth-first levels from the source; whether the sink is reached.
    fn levels(&self, level: &mut [u32]) -> bool {
        level.fill(UNREACHED);
        let source = self.index(Node::Source);
        level[source] = 0;
        let mut queue = VecDeque::from([source]);
        while let Some(u) = queue.pop_front() {
            let node = self.node_of(u);
            let mut arc = 0;
            loop {
                match self.arc(node, arc) {
                    Arc::End => break,
                    Arc::Skip(next) => {
                        arc = next;
                        continue;
                    }
                    Arc::Full => {}
                    Arc::Open(target) => {
                        let v = self.index(target);
                        if level[v] == UNREACHED {
                            level[v] = level[u] + 1;
                            queue.push_back(v);
                        }
                    }
                }
                arc += 1;
            }
        }
        level[self.index(Node::Sink)] != UNREACHED
    }

    /// One unit along one path of the level graph; dead ends are cut off as they are found.
    /// Every source–sink path crosses a person → shift edge of capacity 1, so a path carries 1.
    fn augment_path(&mut self, level: &mut [u32], it: &mut [usize], path: &mut Vec<usize>) -> bool {
        let (source, sink) = (self.index(Node::Source), self.index(Node::Sink));
        path.clear();
        let mut u = source;
        loop {
            if u == sink {
                for &w in path.iter() {
                    self.push(self.node_of(w), it[w]);
                }
                return true;
            }
            let node = self.node_of(u);
            let mut advanced = None;
            loop {
                match self.arc(node, it[u]) {
                    Arc::End => break,
                    Arc::Skip(next) => it[u] = next,
                    Arc::Full => it[u] += 1,
                    Arc::Open(target) => {
                        let v = self.index(target);
                        if level[v] != UNREACHED && level[v] == level[u] + 1 {
                            advanced = Some(v);
                            break;
                        }
                        it[u] += 1;
                    }
                }
            }
            match advanced {
                Some(v) => {
                    path.push(u);
                    u = v;
                }
                None => {
                    level[u] = UNREACHED; // A dead end: never enter it again in this phase.
                    let Some(parent) = path.pop() else { return false };
                    it[parent] += 1;
                    u = parent;
                }
            }
        }
    }
}

/// One residual arc, as [`SeatFlow::arc`] finds it.
enum Arc {
    /// Has residual capacity to this node.
    Open(Node),
    /// Exists, but has no residual capacity.
    Full,
    /// No arc here; the next one is at this position.
    Skip(usize),
    /// No more arcs.
    End,
}

fn open_if(open: bool, target: Node) -> Arc {
    if open { Arc::Open(target) } else { Arc::Full }
}

/// Cancels the flow of the `i`th person on `lists[s]`; later ones move up one place, so a
/// current-arc position at `i` then names the next person, as it should.
fn cancel(lists: &mut [Vec<u32>], s: usize, i: usize) {
    if let Some(list) = lists.get_mut(s)
        && i < list.len()
    {
        list.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_finds_a_maximum_matching() {
        // Three experienced people, three one-seat shifts; a greedy matching would get 2.
        let mut eligible = BitMatrix::new(3, 3);
        for (p, s) in [(0, 0), (0, 1), (1, 0), (2, 1), (2, 2)] {
            eligible.set(p, s);
        }
        let newcomer = [false; 3];
        let mut flow = SeatFlow::new(&eligible, &newcomer, 3);
        for p in 0..3 {
            flow.person(p, 1);
        }
        for s in 0..3 {
            flow.seats(s, 1);
        }
        assert_eq!(flow.max_flow(), 3);
    }

    #[test]
    fn newcomers_only_reach_a_shift_through_its_side_node() {
        // Shift 0 has two seats and room for one newcomer beside an experienced person; shift 1
        // has no side edge at all.
        let mut eligible = BitMatrix::new(3, 2);
        for (p, s) in [(0, 0), (1, 0), (2, 0), (1, 1), (2, 1)] {
            eligible.set(p, s);
        }
        let newcomer = [false, true, true];
        let mut flow = SeatFlow::new(&eligible, &newcomer, 2);
        for p in 0..3 {
            flow.person(p, 2);
        }
        flow.seats(0, 2);
        flow.seats(1, 2);
        flow.side(0, 1);
        assert_eq!(flow.max_flow(), 2);
    }

    #[test]
    fn a_later_path_reroutes_earlier_flow() {
        // Person 0 can take either shift, person 1 only shift 0: the first path (0 → 0) must be
        // undone through the reverse edge for both to be placed.
        let mut eligible = BitMatrix::new(2, 2);
        for (p, s) in [(0, 0), (0, 1), (1, 0)] {
            eligible.set(p, s);
        }
        let newcomer = [false, false];
        let mut flow = SeatFlow::new(&eligible, &newcomer, 2);
        flow.person(0, 1);
        flow.person(1, 1);
        flow.seats(0, 1);
        flow.seats(1, 1);
        assert_eq!(flow.max_flow(), 2);
    }
}
