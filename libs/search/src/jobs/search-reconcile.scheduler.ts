import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobSchedulers, QueueName } from '#lib/queue';
import { RECONCILE_JOB } from './search-index.processor.js';

export const RECONCILE_EVERY_MS = 10 * 60 * 1000;

/**
 * Declares the periodic reconciliation as a BullMQ job scheduler: stored in Redis, so however many worker
 * replicas start, one schedule exists and each run happens once (the worker applies and keeps it).
 */
@Injectable()
export class SearchReconcileScheduler implements OnModuleInit {
  constructor(
    @InjectQueue(QueueName.SEARCH_INDEX) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {}

  onModuleInit(): void {
    this.schedulers.declare({ queue: this.queue, id: 'search-reconcile', repeat: { every: RECONCILE_EVERY_MS }, template: { name: RECONCILE_JOB, data: {}, opts: { attempts: 1 } } });
  }
}
