/**
 * The allocation benchmark, in process: snapshot → engine → allocation problem → optimal and greedy solutions.
 * Imported dynamically by bench/matching.ts so that a broken or missing matching library fails this part only.
 */
import { type Allocation, type AllocationProblem, greedyAllocation, loadMatchSnapshot, MatchEngine, solveOptimalAllocation } from '#lib/matching';
import { createDataSource } from '#lib/schema';
import { median, msSince, round } from './stats.js';

export interface AllocationFigures {
  readonly participantsRequested: number;
  readonly placementsRequested: number;
  /** Participants and placements the engine kept (known to the snapshot, placement still open). */
  readonly participants: number;
  readonly placements: number;
  readonly slots: number;
  readonly capacityPattern: string;
  readonly edges: number;
  readonly snapshotLoadMs: number;
  readonly engineBuildMs: number;
  readonly problemBuildMs: number;
  readonly optimal: SolveFigures;
  readonly greedy: SolveFigures;
  /** (optimal − greedy) / greedy × 100. */
  readonly improvementPct: number;
}

export interface SolveFigures {
  readonly runsMs: number[];
  readonly medianMs: number;
  readonly assigned: number;
  readonly totalScore: number;
}

/** Capacities 1,2,3,4,5,1,2,… in the engine's placement order: average 3, so 1,000 placements have 3,000 slots. */
export const CAPACITY_PATTERN = [1, 2, 3, 4, 5] as const;

export async function runAllocation(
  databaseUrl: string,
  participantIds: readonly string[],
  placementIds: readonly string[],
  runs: number,
  log: (m: string) => void,
): Promise<AllocationFigures> {
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    let t = process.hrtime.bigint();
    const snapshot = await loadMatchSnapshot(ds);
    const snapshotLoadMs = msSince(t);
    t = process.hrtime.bigint();
    const engine = MatchEngine.build(snapshot);
    const engineBuildMs = msSince(t);
    log(`allocation: snapshot loaded in ${Math.round(snapshotLoadMs)} ms, engine built in ${Math.round(engineBuildMs)} ms`);

    const capacity = new Map(placementIds.map((id, i) => [id, CAPACITY_PATTERN[i % CAPACITY_PATTERN.length]!]));
    t = process.hrtime.bigint();
    const built = engine.allocationProblem(participantIds, placementIds, (placementId) => capacity.get(placementId) ?? 0);
    const problemBuildMs = msSince(t);
    const { problem } = built;
    const slots = problem.capacities.reduce((s, c) => s + c, 0);
    log(
      `allocation: ${problem.participantCount} participants × ${problem.capacities.length} placements (${slots} slots), ` +
        `${problem.edges.length} eligible pairs, built in ${Math.round(problemBuildMs)} ms`,
    );

    const optimal = solve('optimal', solveOptimalAllocation, problem, runs, log);
    const greedy = solve('greedy', greedyAllocation, problem, runs, log);
    if (optimal.totalScore + 1e-6 < greedy.totalScore) {
      throw new Error(`the optimal allocation (${optimal.totalScore}) scores less than the greedy one (${greedy.totalScore})`);
    }
    return {
      participantsRequested: participantIds.length,
      placementsRequested: placementIds.length,
      participants: problem.participantCount,
      placements: problem.capacities.length,
      slots,
      capacityPattern: `${CAPACITY_PATTERN.join(',')},… by placement`,
      edges: problem.edges.length,
      snapshotLoadMs: round(snapshotLoadMs, 0),
      engineBuildMs: round(engineBuildMs, 0),
      problemBuildMs: round(problemBuildMs, 0),
      optimal,
      greedy,
      improvementPct: greedy.totalScore > 0 ? round(((optimal.totalScore - greedy.totalScore) / greedy.totalScore) * 100, 2) : Number.NaN,
    };
  } finally {
    await ds.destroy();
  }
}

function solve(name: string, solver: (p: AllocationProblem) => Allocation, problem: AllocationProblem, runs: number, log: (m: string) => void): SolveFigures {
  const runsMs: number[] = [];
  let result: Allocation | undefined;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const allocation = solver(problem);
    runsMs.push(round(msSince(t), 1));
    assertFeasible(name, problem, allocation);
    if (result && Math.abs(result.totalScore - allocation.totalScore) > 1e-6) {
      throw new Error(`${name} allocation is not deterministic: ${result.totalScore} then ${allocation.totalScore}`);
    }
    result = allocation;
  }
  const figures = { runsMs, medianMs: round(median(runsMs), 1), assigned: result!.assignments.length, totalScore: round(result!.totalScore, 4) };
  log(`allocation: ${name} ${figures.assigned} assigned, total ${figures.totalScore}, runs ${runsMs.join(' / ')} ms`);
  return figures;
}

/** A benchmark must not report the score of an allocation that breaks the rules: check it independently. */
function assertFeasible(name: string, problem: AllocationProblem, allocation: Allocation): void {
  const score = new Map(problem.edges.map((e) => [e.participant * problem.capacities.length + e.placement, e.score]));
  const used = new Array<number>(problem.capacities.length).fill(0);
  const seen = new Set<number>();
  let total = 0;
  for (const a of allocation.assignments) {
    const s = score.get(a.participant * problem.capacities.length + a.placement);
    if (s === undefined) throw new Error(`${name} allocation uses an ineligible pair (${a.participant}, ${a.placement})`);
    if (seen.has(a.participant)) throw new Error(`${name} allocation places participant ${a.participant} twice`);
    seen.add(a.participant);
    if (++used[a.placement]! > problem.capacities[a.placement]!) throw new Error(`${name} allocation overfills placement ${a.placement}`);
    total += s;
  }
  if (Math.abs(total - allocation.totalScore) > 1e-6 * Math.max(1, total)) {
    throw new Error(`${name} allocation reports total ${allocation.totalScore}, its assignments sum to ${total}`);
  }
}
