import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Actor } from '#lib/access';
import { isUuid, NotFoundError, parseInput, SECTORS, ValidationError } from '#lib/core';
import { areaCodeSchema } from '#lib/geo';
import { PlacementType } from '#lib/placements';
import { QueueName } from '#lib/queue';
import { MATCHING_OPTIONS, type MatchingOptions } from '../matching.options.js';
import { AllocationRunEntity, type AllocationScopeData, AllocationStatus } from '../persistence/allocation-run.entity.js';
import { MatchingService } from './matching.service.js';
import { AllocationRunner } from './allocation-runner.js';
import { MatchingStore } from './matching-store.js';

const scopeSchema = z
  .object({
    unitId: z.array(z.uuid()).max(50).nullish(),
    type: z.array(z.enum(PlacementType)).max(4).nullish(),
    sector: z.array(z.enum(SECTORS)).max(16).nullish(),
    areaCode: z.array(areaCodeSchema).max(80).nullish(),
  })
  .strict();
export type AllocationScopeInput = z.input<typeof scopeSchema>;

export const ALLOCATION_JOB = 'allocate';
export interface AllocationJob {
  readonly runId: string;
}

/**
 * A suggestion for the whole pool: an optimal assignment of a scope's waiting participants to open
 * slots (max total score under capacity and hard constraints), compared with ranking greedily.
 * Small scopes are solved inside the request; large ones by the worker. Humans make the proposals.
 */
@Injectable()
export class AllocationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
    private readonly store: MatchingStore,
    private readonly runner: AllocationRunner,
    @InjectQueue(QueueName.MATCHING) private readonly queue: Queue<AllocationJob>,
    @Inject(MATCHING_OPTIONS) private readonly options: MatchingOptions,
  ) {}

  async propose(actor: Actor, input: AllocationScopeInput): Promise<AllocationRunEntity> {
    this.matching.assertCanMatch(actor);
    const scope = parseInput(scopeSchema, input ?? {}, 'scope');
    const { selector } = await this.matching.participantSelector(actor);
    if (scope.unitId?.some((u) => !selector.unitIds.includes(u))) throw ValidationError.field('scope.unitId', 'names a unit whose participants you may not see');
    const data: AllocationScopeData = { unitIds: scope.unitId?.length ? scope.unitId : selector.unitIds, types: scope.type ?? [], sectors: scope.sector ?? [], areaCodes: scope.areaCode ?? [] };
    const waiting = this.store.engine().waitingParticipants({ kind: 'UNITS', unitIds: data.unitIds });
    const run = await this.dataSource.getRepository(AllocationRunEntity).save({ requestedById: actor.userId, organisationId: actor.organisationId, scope: data, status: AllocationStatus.QUEUED, participantCount: waiting.length });
    if (waiting.length <= this.options.inlineAllocationLimit) return this.runner.execute(run.id, this.store.engine());
    await this.queue.add(ALLOCATION_JOB, { runId: run.id }, { jobId: `allocation-${run.id}` });
    return run;
  }

  /** Runs are visible to their organisation (suggestions name participants: resolved per caller's scope). */
  async get(actor: Actor, id: string): Promise<AllocationRunEntity> {
    this.matching.assertCanMatch(actor);
    const run = isUuid(id) ? await this.dataSource.getRepository(AllocationRunEntity).findOneBy({ id, organisationId: actor.organisationId }) : null;
    if (!run) throw new NotFoundError('AllocationRun', id);
    return run;
  }
}
