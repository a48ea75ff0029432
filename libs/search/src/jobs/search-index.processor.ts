import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { RelayedEvent } from '#lib/outbox';
import { QueueName } from '#lib/queue';
import { type ReconcileReport, SearchIndexer } from '../application/search-indexer.js';

/** Job name of the periodic drift repair (the other jobs are relayed domain events, named by event type). */
export const RECONCILE_JOB = 'reconcile';

/**
 * Keeps search documents fresh: each relayed event names an aggregate, which is reloaded by id and upserted or
 * deleted (idempotent, so redelivery is harmless). One job at a time per worker, so two events of the same
 * placement are applied in order; races across replicas are repaired by the reconciliation job.
 */
@Processor(QueueName.SEARCH_INDEX, { concurrency: 1 })
export class SearchIndexProcessor extends WorkerHost {
  private readonly log = new Logger(SearchIndexProcessor.name);

  constructor(private readonly indexer: SearchIndexer) {
    super();
  }

  async process(job: Job<RelayedEvent | Record<string, never>>): Promise<{ synced: string } | ReconcileReport> {
    if (job.name === RECONCILE_JOB) {
      const report = await this.indexer.reconcile();
      this.log.log(`search reconciliation: ${JSON.stringify(report)}`);
      return report;
    }
    const event = job.data as RelayedEvent;
    switch (event.aggregateType) {
      case 'Placement':
        await this.indexer.syncPlacements([event.aggregateId]);
        break;
      case 'Participant':
        await this.indexer.syncParticipants([event.aggregateId]);
        break;
      case 'Employer':
        await this.indexer.syncEmployer(event.aggregateId);
        break;
      default:
        // A job nobody handles must fail loudly, not vanish as "completed".
        throw new Error(`search-index: no handler for job ${job.name} (${String((event as { aggregateType?: unknown }).aggregateType)})`);
    }
    return { synced: `${event.aggregateType}:${event.aggregateId}` };
  }
}
