import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JobSchedulers, QueueName } from '#lib/queue';
import { PrivacyService } from '../application/privacy.service.js';

/** Every night: anonymise participants whose programme ended more than RETENTION_MONTHS ago. */
@Processor(QueueName.PRIVACY, { concurrency: 1 })
export class RetentionProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly privacy: PrivacyService,
    @InjectQueue(QueueName.PRIVACY) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {
    super();
  }

  onModuleInit(): void {
    this.schedulers.declare({ queue: this.queue, id: 'retention', repeat: { pattern: '30 2 * * *', tz: 'Europe/Oslo' }, template: { name: 'retention' } });
  }

  async process(job: Job): Promise<{ anonymised: number }> {
    if (job.name !== 'retention') throw new Error(`No handler for privacy job ${job.name}`);
    return { anonymised: await this.privacy.anonymiseExpired() };
  }
}
