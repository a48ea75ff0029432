import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { IdempotentConsumer, type OutboxConsumer, OutboxSweeper, type RelayedEvent, SEARCH_INDEX_EVENTS } from '#lib/outbox';
import { QueueName } from '#lib/queue';
import { type ReconcileReport, SearchIndexer } from '../application/search-indexer.js';

/** Job name of the periodic drift repair (the other jobs are relayed domain events, named by event type). */
export const RECONCILE_JOB = 'reconcile';

/** Inbox name in consumed_events: the outbox sweeper re-adds relayed search events without it. */
export const SEARCH_INDEX_CONSUMER = 'search-index';

export const searchIndexConsumer = (queue: Queue): OutboxConsumer => ({ name: SEARCH_INDEX_CONSUMER, queue, eventTypes: SEARCH_INDEX_EVENTS });

/**
 * Keeps search documents fresh: each relayed event names an aggregate, which is reloaded by id and upserted or
 * deleted (idempotent, so redelivery is harmless). One job at a time per worker, so two events of the same
 * placement are applied in order; races across replicas are repaired by the reconciliation job. The index lives
 * outside PostgreSQL, so the inbox row is written after the index write: a crash in between re-indexes once more.
 */
@Processor(QueueName.SEARCH_INDEX, { concurrency: 1 })
export class SearchIndexProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger(SearchIndexProcessor.name);

  constructor(
    private readonly indexer: SearchIndexer,
    private readonly inbox: IdempotentConsumer,
    private readonly sweeper: OutboxSweeper,
    @InjectQueue(QueueName.SEARCH_INDEX) private readonly queue: Queue,
  ) {
    super();
  }

  onModuleInit(): void {
    this.sweeper.register(searchIndexConsumer(this.queue));
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
    await this.inbox.recordApplied(SEARCH_INDEX_CONSUMER, event.eventId);
    return { synced: `${event.aggregateType}:${event.aggregateId}` };
  }
}
