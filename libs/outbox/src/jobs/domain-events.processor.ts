import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QueueName } from '#lib/queue';
import { ActivityService } from '../application/activity.service.js';
import { IdempotentConsumer } from '../application/idempotent-consumer.js';
import { type OutboxConsumer, OutboxSweeper } from '../application/outbox-sweeper.js';
import type { RelayedEvent } from '../domain/domain-event.js';

export const ACTIVITY_CONSUMER = 'activity-log';

/** The activity log sees every event: the relay puts each on the domain-events queue. */
export const activityLogConsumer = (queue: Queue): OutboxConsumer => ({ name: ACTIVITY_CONSUMER, queue });

/** Projects every relayed event into the activity log, once per event (inbox row and entry in one transaction). */
@Processor(QueueName.DOMAIN_EVENTS, { concurrency: 1 })
export class DomainEventsProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly consumer: IdempotentConsumer,
    private readonly activity: ActivityService,
    private readonly sweeper: OutboxSweeper,
    @InjectQueue(QueueName.DOMAIN_EVENTS) private readonly queue: Queue,
  ) {
    super();
  }

  onModuleInit(): void {
    this.sweeper.register(activityLogConsumer(this.queue));
  }

  async process(job: Job<RelayedEvent>): Promise<{ applied: boolean }> {
    const applied = await this.consumer.consume(ACTIVITY_CONSUMER, job.data, (em) => this.activity.append(em, job.data));
    return { applied };
  }
}
