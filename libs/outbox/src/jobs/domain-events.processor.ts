import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '#lib/queue';
import { ActivityService } from '../application/activity.service.js';
import { IdempotentConsumer } from '../application/idempotent-consumer.js';
import type { RelayedEvent } from '../domain/domain-event.js';

export const ACTIVITY_CONSUMER = 'activity-log';

/** Projects every relayed event into the activity log, once per event. */
@Processor(QueueName.DOMAIN_EVENTS, { concurrency: 1 })
export class DomainEventsProcessor extends WorkerHost {
  constructor(
    private readonly consumer: IdempotentConsumer,
    private readonly activity: ActivityService,
  ) {
    super();
  }

  async process(job: Job<RelayedEvent>): Promise<{ applied: boolean }> {
    const applied = await this.consumer.consume(ACTIVITY_CONSUMER, job.data, (em) => this.activity.append(em, job.data));
    return { applied };
  }
}
