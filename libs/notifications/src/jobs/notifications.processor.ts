import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { RelayedEvent } from '#lib/outbox';
import { QueueName } from '#lib/queue';
import { EventNotifier } from '../application/event-notifier.js';

/**
 * Consumes relayed proposal events. Jobs are short (one transaction), so a short lock lets a job whose worker was
 * killed go back to the queue within ~15 s instead of BullMQ's default 30–60 s; lock renewal keeps slow jobs safe.
 */
@Processor(QueueName.NOTIFICATIONS, { concurrency: 4, lockDuration: 10_000, stalledInterval: 5_000 })
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly notifier: EventNotifier) {
    super();
  }

  async process(job: Job<RelayedEvent>): Promise<{ applied: boolean; deliveries: number }> {
    return this.notifier.handle(job.data);
  }
}
