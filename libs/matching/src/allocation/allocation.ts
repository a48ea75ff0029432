/**
 * Optimal allocation of participants to placement slots: maximum-weight bipartite b-matching.
 *
 * Each participant gets at most one placement, placement j gets at most capacities[j] participants, and the sum of
 * the scores of the chosen pairs is maximised. Nobody has to be placed (maximum weight, not maximum cardinality).
 *
 * Algorithm: min-cost flow by successive shortest augmenting paths, Dijkstra with Johnson potentials, on the sparse
 * residual graph of
 *   participant --(cap 1, cost -score)--> placement --(cap capacity, cost 0)--> sink
 *   participant --(cap 1, cost 0)--> sink                          ("stays unplaced")
 * Participants enter one at a time, each supplying one unit of flow (the source → participant arcs are switched on
 * one by one). The cheapest residual path from the newcomer to the sink either places it, moving or displacing
 * others along an alternating path, or, when no path costs less than 0, is the zero-cost "unplaced" arc: that arc is
 * the stopping rule "augment only while the cheapest path improves the total". By the successive-shortest-path
 * theorem the flow is min-cost after every step, so after the last participant the allocation is optimal. Starting
 * each Dijkstra from the one new participant (instead of a super-source next to every unplaced participant), and
 * stopping it as soon as the sink is settled, keeps each search local to the part of the graph that can matter.
 *
 * Complexity: O(P · (E + V) · log V) worst case for P participants, E eligible pairs and V = participants +
 * placements; a typical search touches only a small neighbourhood. Memory O(E + V).
 *
 * Scores become integer costs (micro-units) so that every comparison is exact: the allocation is optimal for the
 * scores rounded to 6 decimals. Reported totals are sums of the original scores.
 */

export interface AllocationProblem {
  /** Participants are 0..participantCount-1. */
  readonly participantCount: number;
  /** Placement j has capacities[j] slots (a non-negative integer). */
  readonly capacities: readonly number[];
  /** Only eligible pairs; at most one edge per (participant, placement). */
  readonly edges: readonly AllocationEdge[];
}

export interface AllocationEdge {
  readonly participant: number;
  readonly placement: number;
  /** In (0, 1]. */
  readonly score: number;
}

export interface Allocation {
  /** Sorted by participant; unplaced participants are absent. */
  readonly assignments: ReadonlyArray<{ participant: number; placement: number; score: number }>;
  readonly totalScore: number;
}

/** Integer cost units per score unit: exact comparisons, and path lengths stay far below 2^53 in a Float64Array. */
const SCALE = 1_000_000;

/** Throws a plain Error describing the first problem found. */
function validate(problem: AllocationProblem): void {
  const n = problem.participantCount;
  if (!Number.isInteger(n) || n < 0) throw new Error(`participantCount must be a non-negative integer, got ${n}`);
  const capacities = problem.capacities;
  const m = capacities.length;
  for (let j = 0; j < m; j++) {
    const c = capacities[j];
    if (!Number.isInteger(c) || c < 0) throw new Error(`capacities[${j}] must be a non-negative integer, got ${c}`);
  }
  const edges = problem.edges;
  // Duplicates in O(E + m) without an n·m table: group edge indices by participant (counting sort), then stamp
  // each placement with the participant currently being scanned.
  const count = new Int32Array(n + 1);
  for (let k = 0; k < edges.length; k++) {
    const { participant: p, placement: q, score } = edges[k];
    if (!Number.isInteger(p) || p < 0 || p >= n) {
      throw new Error(`edges[${k}]: participant ${p} is not an index in 0..${n - 1}`);
    }
    if (!Number.isInteger(q) || q < 0 || q >= m) {
      throw new Error(`edges[${k}]: placement ${q} is not an index in 0..${m - 1}`);
    }
    // Written as a negated range test so that NaN and non-numbers are rejected too.
    if (typeof score !== 'number' || !(score > 0 && score <= 1)) {
      throw new Error(`edges[${k}]: score ${score} is outside (0, 1]`);
    }
    count[p + 1]++;
  }
  for (let p = 0; p < n; p++) count[p + 1] += count[p];
  const byParticipant = new Int32Array(edges.length);
  const fill = count.slice(0, n);
  for (let k = 0; k < edges.length; k++) byParticipant[fill[edges[k].participant]++] = k;
  const seenBy = new Int32Array(m).fill(-1);
  for (let p = 0; p < n; p++) {
    for (let a = count[p]; a < count[p + 1]; a++) {
      const q = edges[byParticipant[a]].placement;
      if (seenBy[q] === p) throw new Error(`edges[${byParticipant[a]}]: duplicate edge (participant ${p}, placement ${q})`);
      seenBy[q] = p;
    }
  }
}

function integerGain(score: number): number {
  // A positive score must stay strictly profitable after rounding.
  return Math.max(1, Math.round(score * SCALE));
}

/** Indexed binary min-heap of node ids keyed by a shared distance array; supports decrease-key. */
class NodeHeap {
  private readonly nodes: Int32Array;
  /** Position of each node in `nodes`, -1 when absent. */
  private readonly pos: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly key: Float64Array,
  ) {
    this.nodes = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  contains(v: number): boolean {
    return this.pos[v] >= 0;
  }

  peek(): number {
    return this.nodes[0];
  }

  /** Inserts v, or moves it up after its key decreased. */
  upsert(v: number): void {
    let i = this.pos[v];
    if (i < 0) i = this.size++;
    const { nodes, pos, key } = this;
    const k = key[v];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pv = nodes[parent];
      if (key[pv] <= k) break;
      nodes[i] = pv;
      pos[pv] = i;
      i = parent;
    }
    nodes[i] = v;
    pos[v] = i;
  }

  pop(): number {
    const { nodes, pos, key } = this;
    const top = nodes[0];
    pos[top] = -1;
    const size = --this.size;
    if (size === 0) return top;
    const v = nodes[size];
    const k = key[v];
    const half = size >> 1;
    let i = 0;
    while (i < half) {
      let c = 2 * i + 1;
      let cv = nodes[c];
      if (c + 1 < size && key[nodes[c + 1]] < key[cv]) cv = nodes[++c];
      if (key[cv] >= k) break;
      nodes[i] = cv;
      pos[cv] = i;
      i = c;
    }
    nodes[i] = v;
    pos[v] = i;
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.nodes[i]] = -1;
    this.size = 0;
  }
}

function toAllocation(pairs: Array<{ participant: number; placement: number; score: number }>): Allocation {
  pairs.sort((a, b) => a.participant - b.participant);
  let totalScore = 0;
  for (const a of pairs) totalScore += a.score;
  return { assignments: pairs, totalScore };
}

export function solveOptimalAllocation(problem: AllocationProblem): Allocation {
  validate(problem);
  const n = problem.participantCount;
  const capacities = problem.capacities;
  const m = capacities.length;
  const edges = problem.edges;

  // Adjacency of participants in CSR form. Edges into zero-capacity placements can never be used: drop them.
  const start = new Int32Array(n + 1);
  const inDegree = new Int32Array(m);
  for (const e of edges) {
    if (capacities[e.placement] === 0) continue;
    start[e.participant + 1]++;
    inDegree[e.placement]++;
  }
  for (let p = 0; p < n; p++) start[p + 1] += start[p];
  const arcCount = start[n];
  const arcPlacement = new Int32Array(arcCount);
  const arcGain = new Int32Array(arcCount);
  const arcScore = new Float64Array(arcCount);
  const arcOwner = new Int32Array(arcCount);
  const fill = start.slice(0, n);
  for (const e of edges) {
    if (capacities[e.placement] === 0) continue;
    const a = fill[e.participant]++;
    arcPlacement[a] = e.placement;
    arcGain[a] = integerGain(e.score);
    arcScore[a] = e.score;
    arcOwner[a] = e.participant;
  }

  // Slots of each placement hold its current participants. A placement can never take more participants than it
  // has edges, which also keeps huge capacities from allocating huge arrays.
  const cap = new Int32Array(m);
  const slotStart = new Int32Array(m + 1);
  for (let q = 0; q < m; q++) {
    cap[q] = Math.min(capacities[q], inDegree[q]);
    slotStart[q + 1] = slotStart[q] + cap[q];
  }
  const slotParticipant = new Int32Array(slotStart[m]);
  const load = new Int32Array(m);
  const slotOf = new Int32Array(n);
  const assignedArc = new Int32Array(n).fill(-1);

  const unassign = (p: number): number => {
    const q = arcPlacement[assignedArc[p]];
    const lastSlot = slotStart[q] + --load[q];
    const moved = slotParticipant[lastSlot];
    slotParticipant[slotOf[p]] = moved;
    slotOf[moved] = slotOf[p];
    assignedArc[p] = -1;
    return q;
  };
  const assign = (p: number, arc: number): void => {
    const q = arcPlacement[arc];
    const slot = slotStart[q] + load[q]++;
    slotParticipant[slot] = p;
    slotOf[p] = slot;
    assignedArc[p] = arc;
  };

  // Nodes: participants 0..n-1, placements n..n+m-1. The sink is implicit: its potential is pinned at 0 (the
  // update below shifts every potential by -dist(sink), which leaves the sink's unchanged), and the best path to it
  // is tracked in `bestSink`/`sinkFrom` instead of going through the heap. Arcs out of the sink are never needed: a
  // shortest path ends at its first visit to the sink.
  const nodeCount = n + m;
  const pot = new Float64Array(nodeCount);
  const dist = new Float64Array(nodeCount);
  const seen = new Int32Array(nodeCount).fill(-1); // placement v was reached in the search for participant seen[v]
  const predArc = new Int32Array(m); // arc by which each placement was reached
  const settled = new Int32Array(nodeCount);
  const heap = new NodeHeap(nodeCount, dist);

  for (let i = 0; i < n; i++) {
    const first = start[i];
    const end = start[i + 1];
    if (first === end) continue;

    // The newcomer has no incoming residual arcs, so its potential is free: take the smallest one that makes all
    // its outgoing reduced costs non-negative (that is what lets Dijkstra run despite the negative costs).
    let piI = 0;
    for (let a = first; a < end; a++) {
      const v = pot[n + arcPlacement[a]] + arcGain[a];
      if (v > piI) piI = v;
    }
    pot[i] = piI;
    dist[i] = 0;
    let settledCount = 0;
    settled[settledCount++] = i;
    // Staying unplaced costs 0; its reduced cost is piI. A path must be strictly cheaper to be taken.
    let bestSink = piI;
    let sinkFrom = i;

    for (let a = first; a < end; a++) {
      const v = n + arcPlacement[a];
      const d = piI - arcGain[a] - pot[v];
      // Nodes at or beyond the best known sink distance can never be settled before the sink: skip them.
      if (d >= bestSink) continue;
      seen[v] = i; // first visit: edges are unique per (participant, placement)
      dist[v] = d;
      predArc[v - n] = a;
      heap.upsert(v);
    }

    while (heap.size > 0) {
      const u = heap.peek();
      const du = dist[u];
      // Early exit: the sink is settled once nothing in the heap is closer.
      if (du >= bestSink) break;
      heap.pop();
      settled[settledCount++] = u;
      const pu = pot[u];
      if (u >= n) {
        const q = u - n;
        if (load[q] < cap[q]) {
          const d = du + pu; // free slot: arc placement -> sink, cost 0
          if (d < bestSink) {
            bestSink = d;
            sinkFrom = u;
          }
        }
        // Reverse arcs: a current occupant can be pushed on to another placement or out. This is an occupant's
        // only incoming arc, so it is relaxed once per search at most.
        for (let s = slotStart[q], sEnd = s + load[q]; s < sEnd; s++) {
          const p = slotParticipant[s];
          const d = du + arcGain[assignedArc[p]] + pu - pot[p];
          if (d >= bestSink) continue;
          dist[p] = d;
          heap.upsert(p);
        }
      } else {
        // u is a placed participant reached from its own placement: it may leave (arc to sink, cost 0)...
        if (du + pu < bestSink) {
          bestSink = du + pu;
          sinkFrom = u;
        }
        // ...or move to any other eligible placement.
        const own = assignedArc[u];
        for (let a = start[u], aEnd = start[u + 1]; a < aEnd; a++) {
          if (a === own) continue;
          const v = n + arcPlacement[a];
          const d = du - arcGain[a] + pu - pot[v];
          if (d >= bestSink) continue;
          if (seen[v] !== i) {
            seen[v] = i;
            dist[v] = d;
            predArc[v - n] = a;
            heap.upsert(v);
          } else if (d < dist[v] && heap.contains(v)) {
            dist[v] = d;
            predArc[v - n] = a;
            heap.upsert(v);
          }
        }
      }
    }
    heap.clear();

    // Johnson update, capped at the sink distance: settled nodes get pot += dist - dist(sink), all others keep
    // theirs (the same as the textbook pot += min(dist, dist(sink)) up to a global shift). Reduced costs stay
    // non-negative and every arc on the chosen path gets reduced cost 0, so its reverse arcs are valid too.
    for (let k = 0; k < settledCount; k++) {
      const v = settled[k];
      pot[v] += dist[v] - bestSink;
    }

    // Augment along the predecessor chain, walking back from the sink.
    if (sinkFrom === i) continue; // staying unplaced was cheapest
    let q: number;
    if (sinkFrom < n) {
      q = unassign(sinkFrom); // the path ends by pushing this participant out; its slot is refilled below
    } else {
      q = sinkFrom - n; // the path ends in a free slot
    }
    for (;;) {
      const arc = predArc[q];
      const p = arcOwner[arc];
      const previous = p === i ? -1 : unassign(p);
      assign(p, arc);
      if (previous < 0) break;
      q = previous;
    }
  }

  const pairs: Array<{ participant: number; placement: number; score: number }> = [];
  for (let p = 0; p < n; p++) {
    const a = assignedArc[p];
    if (a >= 0) pairs.push({ participant: p, placement: arcPlacement[a], score: arcScore[a] });
  }
  return toAllocation(pairs);
}

/** Baseline: take pairs by descending score while both sides have room (ties: lower participant, then placement). */
export function greedyAllocation(problem: AllocationProblem): Allocation {
  validate(problem);
  const edges = problem.edges;
  // Typed copies make the comparator several times faster than reading the edge objects.
  const score = new Float64Array(edges.length);
  const participant = new Int32Array(edges.length);
  const placement = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) {
    score[k] = edges[k].score;
    participant[k] = edges[k].participant;
    placement[k] = edges[k].placement;
  }
  const order = new Uint32Array(edges.length);
  for (let k = 0; k < order.length; k++) order[k] = k;
  order.sort((x, y) => score[y] - score[x] || participant[x] - participant[y] || placement[x] - placement[y]);
  const placed = new Uint8Array(problem.participantCount);
  const room = Float64Array.from(problem.capacities);
  const pairs: Array<{ participant: number; placement: number; score: number }> = [];
  for (const k of order) {
    const p = participant[k];
    const q = placement[k];
    if (placed[p] || room[q] === 0) continue;
    placed[p] = 1;
    room[q]--;
    pairs.push({ participant: p, placement: q, score: score[k] });
  }
  return toAllocation(pairs);
}
