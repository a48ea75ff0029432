import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { eventJobId, NOTIFICATION_EVENTS, OutboxEventEntity, toRelayed } from '#lib/outbox';
import { QueueName } from '#lib/queue';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options.js';
import { NOTIFICATIONS_CONSUMER } from './event-notifier.js';

const SWEEP_BATCH = 1_000;

/**
 * The outbox marks an event relayed once Redis took the job; if Redis then loses it (restart without its AOF,
 * failover to an empty replica) nothing would ever consume it. This sweeper finds notification events relayed a
 * while ago that the notifications consumer has not applied, and re-adds the job under the same job id, so a job
 * that still exists (waiting, delayed, or failed as a dead letter) is left alone and only a lost one comes back.
 */
@Injectable()
export class NotificationSweeper {
  private readonly log = new Logger(NotificationSweeper.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {}

  /** Returns how many lost jobs were re-added. */
  async sweep(): Promise<number> {
    const rows = await this.dataSource
      .createQueryBuilder(OutboxEventEntity, 'e')
      .where('e.type IN (:...types)', { types: [...NOTIFICATION_EVENTS] })
      .andWhere('e.relayed_at IS NOT NULL')
      // Old enough that the job had every chance to run; young enough to still be worth sending (outbox keeps 7 days).
      .andWhere('e.relayed_at < now() - make_interval(secs => :grace)', { grace: this.options.sweepIntervalMs / 1000 })
      .andWhere(`e.relayed_at > now() - interval '2 days'`)
      .andWhere('NOT EXISTS (SELECT 1 FROM consumed_events c WHERE c.consumer = :consumer AND c.event_id = e.id)', { consumer: NOTIFICATIONS_CONSUMER })
      .orderBy('e.id', 'ASC')
      .limit(SWEEP_BATCH)
      .getMany();
    let readded = 0;
    for (const row of rows) {
      const jobId = eventJobId(row.id);
      if (await this.queue.getJob(jobId)) continue;
      await this.queue.add(row.type, toRelayed(row), { jobId });
      readded++;
    }
    if (readded > 0) this.log.warn(`re-relayed ${readded} notification events the queue had lost`);
    return readded;
  }
}
