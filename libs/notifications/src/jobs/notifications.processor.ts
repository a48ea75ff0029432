import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { NOTIFICATION_EVENTS, type OutboxConsumer, OutboxSweeper, type RelayedEvent } from '#lib/outbox';
import { QueueName } from '#lib/queue';
import { EventNotifier, NOTIFICATIONS_CONSUMER } from '../application/event-notifier.js';

/** Re-added when Redis lost them only while still worth sending: a notification days late is noise. */
export const notificationsConsumer = (queue: Queue): OutboxConsumer => ({ name: NOTIFICATIONS_CONSUMER, queue, eventTypes: NOTIFICATION_EVENTS, lookbackDays: 2 });

/**
 * Consumes relayed proposal events. Jobs are short (one transaction), so a short lock lets a job whose worker was
 * killed go back to the queue within ~15 s instead of BullMQ's default 30–60 s; lock renewal keeps slow jobs safe.
 */
@Processor(QueueName.NOTIFICATIONS, { concurrency: 4, lockDuration: 10_000, stalledInterval: 5_000 })
export class NotificationsProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly notifier: EventNotifier,
    private readonly sweeper: OutboxSweeper,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue,
  ) {
    super();
  }

  onModuleInit(): void {
    this.sweeper.register(notificationsConsumer(this.queue));
  }

  async process(job: Job<RelayedEvent>): Promise<{ applied: boolean; deliveries: number }> {
    return this.notifier.handle(job.data);
  }
}
