import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QueueName } from '#lib/queue';
import { PrivacyService } from '../application/privacy.service.js';

/** Every night: anonymise participants whose programme ended more than RETENTION_MONTHS ago. */
@Processor(QueueName.PRIVACY, { concurrency: 1 })
export class RetentionProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly privacy: PrivacyService,
    @InjectQueue(QueueName.PRIVACY) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('retention', { pattern: '30 2 * * *', tz: 'Europe/Oslo' }, { name: 'retention' });
  }

  async process(job: Job): Promise<{ anonymised: number }> {
    if (job.name !== 'retention') throw new Error(`No handler for privacy job ${job.name}`);
    return { anonymised: await this.privacy.anonymiseExpired() };
  }
}
