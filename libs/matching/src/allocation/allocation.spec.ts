import {
  greedyAllocation,
  solveOptimalAllocation,
  type Allocation,
  type AllocationEdge,
  type AllocationProblem,
} from './allocation.js';

/** mulberry32: a small seeded PRNG, so every random instance is reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A score in (0, 1] on the solver's 1e-6 grid, so that its optimum is exact. */
function gridScore(rand: () => number): number {
  return (1 + Math.floor(rand() * 1_000_000)) / 1_000_000;
}

function randomProblem(
  rand: () => number,
  participantCount: number,
  capacities: number[],
  density: number,
  score: (rand: () => number) => number = gridScore,
): AllocationProblem {
  const edges: AllocationEdge[] = [];
  for (let participant = 0; participant < participantCount; participant++) {
    for (let placement = 0; placement < capacities.length; placement++) {
      if (rand() < density) edges.push({ participant, placement, score: score(rand) });
    }
  }
  return { participantCount, capacities, edges };
}

/** Exhaustive search: every participant is unplaced or takes one of its edges, within capacities. */
function bruteForceTotal(problem: AllocationProblem): number {
  const byParticipant: AllocationEdge[][] = Array.from({ length: problem.participantCount }, () => []);
  for (const e of problem.edges) byParticipant[e.participant].push(e);
  const room = [...problem.capacities];
  let best = 0;
  const visit = (p: number, total: number): void => {
    if (p === problem.participantCount) {
      best = Math.max(best, total);
      return;
    }
    visit(p + 1, total);
    for (const e of byParticipant[p]) {
      if (room[e.placement] === 0) continue;
      room[e.placement]--;
      visit(p + 1, total + e.score);
      room[e.placement]++;
    }
  };
  visit(0, 0);
  return best;
}

/** Asserts the allocation only uses edges, respects capacities, places nobody twice, and adds up. */
function expectValid(problem: AllocationProblem, allocation: Allocation): void {
  const scores = new Map(problem.edges.map((e) => [`${e.participant}:${e.placement}`, e.score]));
  const load = new Array<number>(problem.capacities.length).fill(0);
  let previous = -1;
  let sum = 0;
  for (const a of allocation.assignments) {
    expect(a.participant).toBeGreaterThan(previous); // sorted, and each participant at most once
    previous = a.participant;
    expect(scores.get(`${a.participant}:${a.placement}`)).toBe(a.score);
    load[a.placement]++;
    sum += a.score;
  }
  expect(previous).toBeLessThan(problem.participantCount);
  for (let j = 0; j < load.length; j++) expect(load[j]).toBeLessThanOrEqual(problem.capacities[j]);
  expect(Math.abs(allocation.totalScore - sum)).toBeLessThan(1e-9);
}

/**
 * Independent optimality certificate: a flow is min-cost iff its residual graph has no negative cycle
 * (Bellman-Ford from a virtual source at distance 0 to every node). Costs are integer micro-units, so exact.
 */
function hasImprovingCycle(problem: AllocationProblem, allocation: Allocation): boolean {
  const n = problem.participantCount;
  const m = problem.capacities.length;
  const sink = n + m;
  const placedAt = new Map(allocation.assignments.map((a) => [a.participant, a.placement]));
  const load = new Array<number>(m).fill(0);
  for (const a of allocation.assignments) load[a.placement]++;
  const arcs: Array<[number, number, number]> = [];
  for (const e of problem.edges) {
    const gain = Math.round(e.score * 1_000_000);
    if (placedAt.get(e.participant) === e.placement) arcs.push([n + e.placement, e.participant, gain]);
    else if (problem.capacities[e.placement] > 0) arcs.push([e.participant, n + e.placement, -gain]);
  }
  for (let p = 0; p < n; p++) arcs.push(placedAt.has(p) ? [p, sink, 0] : [sink, p, 0]);
  for (let j = 0; j < m; j++) {
    if (load[j] < problem.capacities[j]) arcs.push([n + j, sink, 0]);
    if (load[j] > 0) arcs.push([sink, n + j, 0]);
  }
  const dist = new Array<number>(sink + 1).fill(0);
  for (let round = 0; round <= sink + 1; round++) {
    let changed = false;
    for (const [u, v, c] of arcs) {
      if (dist[u] + c < dist[v]) {
        dist[v] = dist[u] + c;
        changed = true;
      }
    }
    if (!changed) return false;
  }
  return true;
}

describe('solveOptimalAllocation', () => {
  it('beats greedy when the best single pair blocks a better combination', () => {
    // Greedy takes 0→0 (0.9) and is stuck; optimal is 0→1 (0.8) + 1→0 (0.7).
    const problem: AllocationProblem = {
      participantCount: 2,
      capacities: [1, 1],
      edges: [
        { participant: 0, placement: 0, score: 0.9 },
        { participant: 0, placement: 1, score: 0.8 },
        { participant: 1, placement: 0, score: 0.7 },
      ],
    };
    const greedy = greedyAllocation(problem);
    expect(greedy.assignments).toEqual([{ participant: 0, placement: 0, score: 0.9 }]);
    expect(greedy.totalScore).toBe(0.9);
    const optimal = solveOptimalAllocation(problem);
    expect(optimal.assignments).toEqual([
      { participant: 0, placement: 1, score: 0.8 },
      { participant: 1, placement: 0, score: 0.7 },
    ]);
    expect(optimal.totalScore).toBe(0.8 + 0.7);
    expect(optimal.totalScore).toBeCloseTo(1.5, 12);
  });

  it('fills a placement with capacity > 1 and moves the right participant elsewhere', () => {
    const problem: AllocationProblem = {
      participantCount: 3,
      capacities: [2, 1],
      edges: [
        { participant: 0, placement: 0, score: 0.9 },
        { participant: 1, placement: 0, score: 0.8 },
        { participant: 1, placement: 1, score: 0.75 },
        { participant: 2, placement: 0, score: 0.7 },
      ],
    };
    expect(greedyAllocation(problem).totalScore).toBeCloseTo(1.7, 12);
    const optimal = solveOptimalAllocation(problem);
    expect(optimal.assignments).toEqual([
      { participant: 0, placement: 0, score: 0.9 },
      { participant: 1, placement: 1, score: 0.75 },
      { participant: 2, placement: 0, score: 0.7 },
    ]);
    expect(optimal.totalScore).toBeCloseTo(2.35, 12);
  });

  it('maximises weight, not cardinality: leaving someone unplaced can be optimal', () => {
    // Placing both (0→1, 1→0) is worth 0.15; placing only 0→0 is worth 1.
    const problem: AllocationProblem = {
      participantCount: 2,
      capacities: [1, 1],
      edges: [
        { participant: 0, placement: 0, score: 1 },
        { participant: 0, placement: 1, score: 0.05 },
        { participant: 1, placement: 0, score: 0.1 },
      ],
    };
    const optimal = solveOptimalAllocation(problem);
    expect(optimal.assignments).toEqual([{ participant: 0, placement: 0, score: 1 }]);
    expect(optimal.totalScore).toBe(1);
    expect(bruteForceTotal(problem)).toBe(1);
  });

  it('leaves participants without edges unplaced and ignores zero-capacity placements', () => {
    const problem: AllocationProblem = {
      participantCount: 4,
      capacities: [0, 1],
      edges: [
        { participant: 1, placement: 0, score: 1 },
        { participant: 1, placement: 1, score: 0.4 },
        { participant: 3, placement: 0, score: 0.9 },
      ],
    };
    for (const allocation of [solveOptimalAllocation(problem), greedyAllocation(problem)]) {
      expect(allocation.assignments).toEqual([{ participant: 1, placement: 1, score: 0.4 }]);
      expect(allocation.totalScore).toBe(0.4);
    }
  });

  it('handles empty problems', () => {
    const empty = { assignments: [], totalScore: 0 };
    expect(solveOptimalAllocation({ participantCount: 0, capacities: [], edges: [] })).toEqual(empty);
    expect(greedyAllocation({ participantCount: 0, capacities: [], edges: [] })).toEqual(empty);
    expect(solveOptimalAllocation({ participantCount: 3, capacities: [], edges: [] })).toEqual(empty);
    expect(solveOptimalAllocation({ participantCount: 0, capacities: [2, 5], edges: [] })).toEqual(empty);
    expect(solveOptimalAllocation({ participantCount: 3, capacities: [2, 5], edges: [] })).toEqual(empty);
  });

  it('accepts capacities far larger than the number of participants', () => {
    const problem: AllocationProblem = {
      participantCount: 3,
      capacities: [Number.MAX_SAFE_INTEGER],
      edges: [0, 1, 2].map((participant) => ({ participant, placement: 0, score: 0.5 })),
    };
    expect(solveOptimalAllocation(problem).assignments).toHaveLength(3);
    expect(greedyAllocation(problem).assignments).toHaveLength(3);
  });

  it('rejects invalid input with a clear message', () => {
    const edge = { participant: 0, placement: 0, score: 0.5 };
    const cases: Array<[AllocationProblem, RegExp]> = [
      [{ participantCount: -1, capacities: [], edges: [] }, /participantCount must be a non-negative integer/],
      [{ participantCount: 1.5, capacities: [], edges: [] }, /participantCount must be a non-negative integer/],
      [{ participantCount: 1, capacities: [1, -1], edges: [] }, /capacities\[1\] must be a non-negative integer, got -1/],
      [{ participantCount: 1, capacities: [0.5], edges: [] }, /capacities\[0\] must be a non-negative integer/],
      [{ participantCount: 1, capacities: [Infinity], edges: [] }, /capacities\[0\] must be a non-negative integer/],
      [{ participantCount: 1, capacities: [1], edges: [{ ...edge, participant: 1 }] }, /edges\[0\]: participant 1 is not an index in 0\.\.0/],
      [{ participantCount: 1, capacities: [1], edges: [{ ...edge, participant: -1 }] }, /edges\[0\]: participant -1/],
      [{ participantCount: 2, capacities: [1], edges: [edge, { ...edge, participant: 0.5 }] }, /edges\[1\]: participant 0\.5/],
      [{ participantCount: 1, capacities: [1], edges: [{ ...edge, placement: 1 }] }, /edges\[0\]: placement 1 is not an index in 0\.\.0/],
      [{ participantCount: 1, capacities: [1], edges: [{ ...edge, score: 0 }] }, /edges\[0\]: score 0 is outside \(0, 1\]/],
      [{ participantCount: 1, capacities: [1], edges: [{ ...edge, score: 1.01 }] }, /edges\[0\]: score 1\.01 is outside/],
      [{ participantCount: 1, capacities: [1], edges: [{ ...edge, score: -0.2 }] }, /edges\[0\]: score -0\.2 is outside/],
      [{ participantCount: 1, capacities: [1], edges: [{ ...edge, score: NaN }] }, /edges\[0\]: score NaN is outside/],
      [
        { participantCount: 2, capacities: [1, 1], edges: [edge, { ...edge, placement: 1 }, { ...edge, score: 0.9 }] },
        /edges\[2\]: duplicate edge \(participant 0, placement 0\)/,
      ],
    ];
    for (const [problem, message] of cases) {
      expect(() => solveOptimalAllocation(problem)).toThrow(message);
      expect(() => greedyAllocation(problem)).toThrow(message);
    }
  });

  it('matches brute force on 300 small random instances, and greedy never beats it', () => {
    const rand = prng(20240601);
    let greedyWorse = 0;
    for (let instance = 0; instance < 300; instance++) {
      const participantCount = Math.floor(rand() * 7); // 0..6
      const capacities = Array.from({ length: Math.floor(rand() * 5) }, () => Math.floor(rand() * 3)); // 0..4 of 0..2
      const problem = randomProblem(rand, participantCount, capacities, rand());
      const optimal = solveOptimalAllocation(problem);
      const greedy = greedyAllocation(problem);
      expectValid(problem, optimal);
      expectValid(problem, greedy);
      expect(Math.abs(optimal.totalScore - bruteForceTotal(problem))).toBeLessThan(1e-9);
      expect(greedy.totalScore).toBeLessThanOrEqual(optimal.totalScore + 1e-9);
      if (greedy.totalScore < optimal.totalScore - 1e-9) greedyWorse++;
    }
    expect(greedyWorse).toBeGreaterThan(0); // the instances are hard enough to tell the two apart
  });

  it('is optimal to within the 1e-6 rounding on scores with full float precision', () => {
    const rand = prng(7);
    for (let instance = 0; instance < 100; instance++) {
      const capacities = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Math.floor(rand() * 3));
      const problem = randomProblem(rand, 1 + Math.floor(rand() * 6), capacities, 0.6, (r) => 1 - r());
      const optimal = solveOptimalAllocation(problem);
      expectValid(problem, optimal);
      const best = bruteForceTotal(problem);
      expect(optimal.totalScore).toBeLessThanOrEqual(best + 1e-12);
      expect(optimal.totalScore).toBeGreaterThan(best - problem.participantCount * 1e-6);
    }
  });

  it('leaves no improving cycle on medium random instances (independent certificate)', () => {
    const rand = prng(99);
    for (const [participantCount, placementCount, density] of [
      [60, 20, 0.3],
      [150, 40, 0.1],
      [120, 120, 0.05],
      [200, 30, 0.5],
    ]) {
      const capacities = Array.from({ length: placementCount }, () => Math.floor(rand() * 5));
      const problem = randomProblem(rand, participantCount, capacities, density);
      const optimal = solveOptimalAllocation(problem);
      expectValid(problem, optimal);
      expect(hasImprovingCycle(problem, optimal)).toBe(false);
      // The certificate itself must be able to fail: greedy is usually improvable.
      const greedy = greedyAllocation(problem);
      if (greedy.totalScore < optimal.totalScore - 1e-9) expect(hasImprovingCycle(problem, greedy)).toBe(true);
    }
  });

  it('gives the same total whatever the edge order', () => {
    const rand = prng(3);
    const problem = randomProblem(rand, 80, Array.from({ length: 30 }, () => Math.floor(rand() * 4)), 0.2);
    const reversed = { ...problem, edges: [...problem.edges].reverse() };
    expect(solveOptimalAllocation(reversed).totalScore).toBeCloseTo(solveOptimalAllocation(problem).totalScore, 9);
  });

  it('solves a 2,000 × 1,000 instance with 3,000 slots at 10% density', () => {
    const rand = prng(2024);
    const capacities = new Array<number>(1000).fill(0);
    for (let slot = 0; slot < 3000; slot++) capacities[Math.floor(rand() * 1000)]++;
    const problem = randomProblem(rand, 2000, capacities, 0.1);
    const optimal = solveOptimalAllocation(problem);
    const greedy = greedyAllocation(problem);
    expectValid(problem, optimal);
    expectValid(problem, greedy);
    expect(optimal.totalScore).toBeGreaterThanOrEqual(greedy.totalScore);
  });
});
