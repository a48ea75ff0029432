import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { greedyAllocation, solveOptimalAllocation } from '../allocation/index.js';
import { MatchEngine } from '../engine/match-engine.js';
import { MATCHING_OPTIONS, type MatchingOptions } from '../matching.options.js';
import { AllocationRunEntity, AllocationStatus } from '../persistence/allocation-run.entity.js';
import { MatchSnapshotRepository } from '../persistence/match-snapshot.repository.js';

/** Computes allocation runs: inside a request (api, its live engine) or as a job (worker, a fresh engine). */
@Injectable()
export class AllocationRunner {
  private readonly log = new Logger(AllocationRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MATCHING_OPTIONS) private readonly options: MatchingOptions,
  ) {}

  /** Solves a run with the given engine (the api's own, or one the worker built); idempotent for finished runs. */
  async execute(runId: string, engine: MatchEngine): Promise<AllocationRunEntity> {
    const repo = this.dataSource.getRepository(AllocationRunEntity);
    const run = await repo.findOneByOrFail({ id: runId });
    if (run.status === AllocationStatus.DONE) return run;
    await repo.update(runId, { status: AllocationStatus.RUNNING });
    try {
      const participantIds = engine.waitingParticipants({ kind: 'UNITS', unitIds: run.scope.unitIds });
      const placementIds = engine.openPlacements({ types: run.scope.types, sectors: run.scope.sectors, areaCodes: run.scope.areaCodes });
      const built = engine.allocationProblem(participantIds, placementIds);
      const started = performance.now();
      const optimal = solveOptimalAllocation(built.problem);
      const solveMs = Math.round(performance.now() - started);
      const greedy = greedyAllocation(built.problem);
      await repo.update(runId, {
        status: AllocationStatus.DONE,
        participantCount: built.participantIds.length,
        slotCount: built.problem.capacities.reduce((a, b) => a + b, 0),
        eligiblePairs: built.problem.edges.length,
        totalScore: optimal.totalScore,
        greedyTotalScore: greedy.totalScore,
        greedyAssigned: greedy.assignments.length,
        solveMs,
        suggestions: optimal.assignments
          .map((a) => ({ participantId: built.participantIds[a.participant]!, placementId: built.placementIds[a.placement]!, score: a.score }))
          .sort((a, b) => b.score - a.score),
        finishedAt: new Date(),
      });
    } catch (err) {
      this.log.error(`allocation ${runId} failed: ${(err as Error).message}`);
      await repo.update(runId, { status: AllocationStatus.FAILED, error: 'The allocation could not be computed', finishedAt: new Date() });
      throw err;
    }
    return repo.findOneByOrFail({ id: runId });
  }

  /** For the worker: a fresh engine from PostgreSQL (it has no long-lived index of its own). */
  async engineFromDatabase(): Promise<MatchEngine> {
    return MatchEngine.build(await new MatchSnapshotRepository(this.dataSource).loadAll(), { weights: this.options.weights });
  }
}
