//! Exact minimum-cost maximum flow on integer capacities and non-negative integer costs.
//!
//! Primal–dual method: each phase runs Dijkstra on reduced costs (Johnson potentials) to find the
//! shortest-path distance to the sink, updates the potentials, then pushes a blocking flow
//! (Dinic: BFS levels, then depth-first augmentation with current-arc pointers) through the
//! admissible subgraph of residual arcs whose reduced cost is zero. Every augmenting path is a
//! shortest path, so after each phase the flow is a minimum-cost flow of its value, and when the
//! sink becomes unreachable it is a minimum-cost maximum flow (Ahuja, Magnanti & Orlin, *Network
//! Flows*, §9.7 and §10.3). The number of phases is at most the number of distinct shortest-path
//! lengths, which is small for the small integer costs used here.
//!
//! After solving, the potentials are valid (every residual arc has a non-negative reduced cost)
//! and [`Network::reachable`] gives the residual reachability from the source: together they
//! certify optimality, which the matching uses to price edges left out of the network.
//!
//! Arcs are stored by tail (compressed rows) for memory locality. Everything is deterministic:
//! nodes and arcs are visited in insertion order and the heap breaks ties by node index.
//!
//! The matching ([`solve`](super::solve)) and the batch plans run on this network. Seen from
//! the public API, the flow fills the most seats, where taking the first fitting candidate
//! would not:
//!
//! ```
//! use dangjian::post::{solve, MatchProblem};
//! let p: MatchProblem = serde_json::from_str(r#"{
//!     "seats": [{"post": "PAT", "seats": 1}, {"post": "MED", "seats": 1, "required": ["调解"]}],
//!     "candidates": [{"member": "A", "skills": ["调解"], "limit": 1}, {"member": "B", "limit": 1}]
//! }"#)?;
//! let r = solve(&p)?; // PAT comes first by id, but A is kept for MED
//! let pairs: Vec<(&str, &str)> =
//!     r.assignments.iter().map(|a| (a.post.as_str(), a.member.as_str())).collect();
//! assert_eq!(pairs, [("MED", "A"), ("PAT", "B")]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Distance meaning "unreachable".
const INF: i64 = i64::MAX / 4;

/// A flow network under construction and, after [`Network::solve`], its flow.
#[derive(Debug, Clone, Default)]
pub(crate) struct Network {
    n: usize,
    /// Edges as added: (tail, head, capacity, cost).
    edges: Vec<(u32, u32, i64, i64)>,
    /// Compressed rows: the arcs leaving `u` are `first[u]..first[u + 1]`.
    first: Vec<usize>,
    head: Vec<u32>,
    rev: Vec<u32>,
    cap: Vec<i64>,
    cost: Vec<i64>,
    /// Arc position of each edge.
    pos: Vec<u32>,
    /// Node potentials after solving.
    pot: Vec<i64>,
}

/// Flow value and total cost of a solved network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct FlowOutcome {
    /// Units sent from source to sink.
    pub flow: i64,
    /// Total cost of the flow.
    pub cost: i64,
}

fn at<T: Copy + Default>(v: &[T], i: usize) -> T {
    crate::invariant::at(v, i)
}

impl Network {
    /// A network of `n` nodes and no edges.
    pub(crate) fn new(n: usize) -> Self {
        Network {
            n,
            ..Network::default()
        }
    }

    /// Adds a node and returns its index.
    pub(crate) fn add_node(&mut self) -> usize {
        self.n += 1;
        self.n - 1
    }

    /// Adds an edge `u → v` with capacity `cap ≥ 0` and cost `cost ≥ 0`; returns its id.
    pub(crate) fn add_edge(&mut self, u: usize, v: usize, cap: i64, cost: i64) -> usize {
        self.edges
            .push((u as u32, v as u32, cap.max(0), cost.max(0)));
        self.edges.len() - 1
    }

    /// Flow on edge `e` (as returned by [`Network::add_edge`]) after solving.
    pub(crate) fn flow_on(&self, e: usize) -> i64 {
        let orig = self.edges.get(e).map_or(0, |x| x.2);
        let p = at(&self.pos, e) as usize;
        orig - self.cap.get(p).copied().unwrap_or(orig)
    }

    /// Node potentials after solving (all residual arcs have non-negative reduced cost).
    pub(crate) fn potentials(&self) -> &[i64] {
        &self.pot
    }

    /// Nodes reachable from `s` along residual arcs, after solving.
    pub(crate) fn reachable(&self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.n];
        if let Some(x) = seen.get_mut(s) {
            *x = true;
        }
        self.extend_reach(&mut seen, vec![s]);
        seen
    }

    /// Marks, in `seen`, the nodes reachable along residual arcs from `from` (already marked).
    pub(crate) fn extend_reach(&self, seen: &mut [bool], from: Vec<usize>) {
        let mut stack = from;
        while let Some(u) = stack.pop() {
            for a in at(&self.first, u)..at(&self.first, u + 1) {
                if at(&self.cap, a) > 0 {
                    let v = at(&self.head, a) as usize;
                    if let Some(x) = seen.get_mut(v) {
                        if !*x {
                            *x = true;
                            stack.push(v);
                        }
                    }
                }
            }
        }
    }

    /// Lays the arcs out by tail.
    fn build(&mut self) {
        let n = self.n;
        let mut first = vec![0usize; n + 1];
        for &(u, v, _, _) in &self.edges {
            for x in [u, v] {
                if let Some(c) = first.get_mut(x as usize + 1) {
                    *c += 1;
                }
            }
        }
        for u in 0..n {
            let prev = at(&first, u);
            if let Some(c) = first.get_mut(u + 1) {
                *c += prev;
            }
        }
        let m = 2 * self.edges.len();
        let mut fill = first.clone();
        let mut head = vec![0u32; m];
        let mut rev = vec![0u32; m];
        let mut cap = vec![0i64; m];
        let mut cost = vec![0i64; m];
        let mut pos = vec![0u32; self.edges.len()];
        for (k, &(u, v, c, w)) in self.edges.iter().enumerate() {
            let a = at(&fill, u as usize);
            if let Some(f) = fill.get_mut(u as usize) {
                *f += 1;
            }
            let b = at(&fill, v as usize);
            if let Some(f) = fill.get_mut(v as usize) {
                *f += 1;
            }
            for (slot, h, r, cp, cs) in [(a, v, b, c, w), (b, u, a, 0, -w)] {
                if let Some(x) = head.get_mut(slot) {
                    *x = h;
                }
                if let Some(x) = rev.get_mut(slot) {
                    *x = r as u32;
                }
                if let Some(x) = cap.get_mut(slot) {
                    *x = cp;
                }
                if let Some(x) = cost.get_mut(slot) {
                    *x = cs;
                }
            }
            if let Some(x) = pos.get_mut(k) {
                *x = a as u32;
            }
        }
        self.first = first;
        self.head = head;
        self.rev = rev;
        self.cap = cap;
        self.cost = cost;
        self.pos = pos;
    }

    /// Sends a maximum flow from `s` to `t` at minimum cost.
    pub(crate) fn solve(&mut self, s: usize, t: usize) -> FlowOutcome {
        self.build();
        let n = self.n;
        self.pot = vec![0i64; n];
        let mut out = FlowOutcome::default();
        if s >= n || t >= n || s == t {
            return out;
        }
        let mut dist = vec![INF; n];
        let mut done = vec![false; n];
        let mut level = vec![-1i32; n];
        let mut iter = vec![0usize; n];
        let mut heap: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
        let mut queue: Vec<usize> = Vec::with_capacity(n);
        let mut path: Vec<usize> = Vec::new();
        loop {
            // --- Dijkstra on reduced costs, stopped once the sink is settled.
            dist.iter_mut().for_each(|d| *d = INF);
            done.iter_mut().for_each(|d| *d = false);
            if let Some(d) = dist.get_mut(s) {
                *d = 0;
            }
            heap.clear();
            heap.push(Reverse((0, s as u32)));
            while let Some(Reverse((d, u))) = heap.pop() {
                let u = u as usize;
                if at(&done, u) {
                    continue;
                }
                if let Some(x) = done.get_mut(u) {
                    *x = true;
                }
                if u == t {
                    break;
                }
                let (a, b) = (at(&self.first, u), at(&self.first, u + 1));
                let pu = at(&self.pot, u);
                let heads = crate::invariant::rows(&self.head, a..b);
                let caps = crate::invariant::rows(&self.cap, a..b);
                let costs = crate::invariant::rows(&self.cost, a..b);
                for ((&v, &c), &w) in heads.iter().zip(caps).zip(costs) {
                    if c <= 0 {
                        continue;
                    }
                    let v = v as usize;
                    let nd = d + w + pu - at(&self.pot, v);
                    if let Some(dv) = dist.get_mut(v) {
                        if nd < *dv {
                            *dv = nd;
                            heap.push(Reverse((nd, v as u32)));
                        }
                    }
                }
            }
            let dt = at(&dist, t);
            if dt >= INF {
                break;
            }
            // Settled nodes move by their distance, the others by the sink's (Dijkstra stopped
            // early): reduced costs stay non-negative.
            for ((p, &d), &f) in self.pot.iter_mut().zip(&dist).zip(&done) {
                *p += if f { d.min(dt) } else { dt };
            }
            // --- Blocking flows on the admissible subgraph (residual arcs of reduced cost 0).
            loop {
                level.iter_mut().for_each(|l| *l = -1);
                if let Some(l) = level.get_mut(s) {
                    *l = 0;
                }
                queue.clear();
                queue.push(s);
                let mut qi = 0;
                while let Some(&u) = queue.get(qi) {
                    qi += 1;
                    let lu = at(&level, u);
                    let pu = at(&self.pot, u);
                    for a in at(&self.first, u)..at(&self.first, u + 1) {
                        let v = at(&self.head, a) as usize;
                        if at(&level, v) < 0
                            && at(&self.cap, a) > 0
                            && at(&self.cost, a) + pu - at(&self.pot, v) == 0
                        {
                            if let Some(l) = level.get_mut(v) {
                                *l = lu + 1;
                            }
                            queue.push(v);
                        }
                    }
                }
                if at(&level, t) < 0 {
                    break;
                }
                for (u, it) in iter.iter_mut().enumerate() {
                    *it = at(&self.first, u);
                }
                // Iterative depth-first augmentation with current-arc pointers.
                path.clear();
                let mut u = s;
                loop {
                    if u == t {
                        let push = path.iter().map(|&a| at(&self.cap, a)).min().unwrap_or(0);
                        for &a in &path {
                            let r = at(&self.rev, a) as usize;
                            if let Some(c) = self.cap.get_mut(a) {
                                *c -= push;
                            }
                            if let Some(c) = self.cap.get_mut(r) {
                                *c += push;
                            }
                            out.cost += push * at(&self.cost, a);
                        }
                        out.flow += push;
                        path.clear();
                        u = s;
                        continue;
                    }
                    let end = at(&self.first, u + 1);
                    let lu = at(&level, u);
                    let pu = at(&self.pot, u);
                    let mut next = None;
                    while let Some(a) = iter.get(u).copied().filter(|&a| a < end) {
                        let v = at(&self.head, a) as usize;
                        if at(&level, v) == lu + 1
                            && at(&self.cap, a) > 0
                            && at(&self.cost, a) + pu - at(&self.pot, v) == 0
                        {
                            next = Some((a, v));
                            break;
                        }
                        if let Some(i) = iter.get_mut(u) {
                            *i += 1;
                        }
                    }
                    if let Some((a, v)) = next {
                        path.push(a);
                        u = v;
                        continue;
                    }
                    // Dead end: retreat.
                    if let Some(l) = level.get_mut(u) {
                        *l = -1;
                    }
                    match path.pop() {
                        None => break,
                        Some(a) => {
                            u = at(&self.head, at(&self.rev, a) as usize) as usize;
                            if let Some(i) = iter.get_mut(u) {
                                *i += 1;
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn textbook_example() {
        // s=0, a=1, b=2, t=3: s→a (2, 1), s→b (1, 2), a→b (1, 1), a→t (1, 3), b→t (2, 1).
        // Max flow 3. Cheapest: s→a→t (1+3=4), s→a→b→t (1+1+1=3), s→b→t (2+1=3): cost 10.
        let mut g = Network::new(4);
        g.add_edge(0, 1, 2, 1);
        g.add_edge(0, 2, 1, 2);
        g.add_edge(1, 2, 1, 1);
        g.add_edge(1, 3, 1, 3);
        g.add_edge(2, 3, 2, 1);
        let r = g.solve(0, 3);
        assert_eq!(r, FlowOutcome { flow: 3, cost: 10 });
    }

    #[test]
    fn reroutes_through_reverse_edges() {
        // Two sources of supply, two demands; the cheap greedy choice must be undone.
        // s→x1, s→x2 (cap 1, cost 0); x1→y1 cost 0, x1→y2 cost 0, x2→y1 cost 5; y→t cap 1.
        // Greedy x1→y1 would leave x2 only y1 (taken). Optimum: x1→y2, x2→y1: flow 2, cost 5.
        let mut g = Network::new(6);
        g.add_edge(0, 1, 1, 0);
        g.add_edge(0, 2, 1, 0);
        g.add_edge(1, 3, 1, 0);
        g.add_edge(1, 4, 1, 0);
        g.add_edge(2, 3, 1, 5);
        g.add_edge(3, 5, 1, 0);
        g.add_edge(4, 5, 1, 0);
        assert_eq!(g.solve(0, 5), FlowOutcome { flow: 2, cost: 5 });
    }

    #[test]
    fn maximum_flow_beats_cost() {
        // One unit could go cheaply via a→t, but two units need a→u→t and b→... : max flow first.
        let mut g = Network::new(5);
        g.add_edge(0, 1, 1, 0); // s→a
        g.add_edge(0, 2, 1, 0); // s→b
        g.add_edge(1, 4, 1, 0); // a→t (cheap)
        g.add_edge(1, 3, 1, 9); // a→u
        g.add_edge(2, 4, 1, 0); // b→t
        g.add_edge(3, 4, 1, 0);
        // Max flow 2 (a→t and b→t) at cost 0.
        assert_eq!(g.solve(0, 4), FlowOutcome { flow: 2, cost: 0 });
        let mut h = Network::new(4);
        h.add_edge(0, 1, 2, 0);
        h.add_edge(1, 3, 1, 0);
        h.add_edge(1, 2, 1, 7);
        h.add_edge(2, 3, 1, 0);
        assert_eq!(h.solve(0, 3), FlowOutcome { flow: 2, cost: 7 });
    }

    #[test]
    fn certificate_after_solving() {
        let mut g = Network::new(4);
        g.add_edge(0, 1, 2, 1);
        g.add_edge(0, 2, 1, 2);
        g.add_edge(1, 2, 1, 1);
        g.add_edge(1, 3, 1, 3);
        g.add_edge(2, 3, 2, 1);
        g.solve(0, 3);
        let r = g.reachable(0);
        assert!(r[0] && !r[3]);
        // Every residual arc has a non-negative reduced cost.
        let p = g.potentials();
        for u in 0..4 {
            for a in g.first[u]..g.first[u + 1] {
                if g.cap[a] > 0 {
                    assert!(g.cost[a] + p[u] - p[g.head[a] as usize] >= 0);
                }
            }
        }
        assert_eq!(g.flow_on(0) + g.flow_on(1), 3);
    }

    #[test]
    fn empty_and_degenerate() {
        let mut g = Network::new(2);
        assert_eq!(g.solve(0, 1), FlowOutcome::default());
        assert_eq!(g.solve(0, 0), FlowOutcome::default());
        assert_eq!(g.solve(0, 5), FlowOutcome::default());
    }
}
