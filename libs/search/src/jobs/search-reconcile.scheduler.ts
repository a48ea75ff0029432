import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '#lib/queue';
import { RECONCILE_JOB } from './search-index.processor.js';

export const RECONCILE_EVERY_MS = 10 * 60 * 1000;

/**
 * Registers the periodic reconciliation as a BullMQ job scheduler: stored in Redis, so however many worker
 * replicas start, one schedule exists and each run happens once.
 */
@Injectable()
export class SearchReconcileScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.SEARCH_INDEX) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('search-reconcile', { every: RECONCILE_EVERY_MS }, { name: RECONCILE_JOB, data: {}, opts: { attempts: 1 } });
  }
}
