import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEventType, eventIdOfJob, withdrawEvents } from '#lib/outbox';
import { QueueName } from '#lib/queue';

const PENDING = ['waiting', 'delayed', 'prioritized', 'waiting-children'] as const;

/**
 * Removes queued jobs that still name an erased participant (payloads carry ids only, but ids are enough to act on),
 * and marks the events among them withdrawn so the outbox sweeper does not bring them back. The erasure's own
 * ParticipantArchived event stays: it is how search and matching forget the participant.
 */
@Injectable()
export class QueueJanitor {
  private readonly log = new Logger(QueueJanitor.name);

  constructor(
    private readonly modules: ModuleRef,
    private readonly dataSource: DataSource,
  ) {}

  async removeJobsMentioning(id: string): Promise<number> {
    let removed = 0;
    const withdrawn = new Set<string>();
    for (const name of Object.values(QueueName)) {
      const queue = this.modules.get<Queue>(getQueueToken(name), { strict: false });
      for (const job of await queue.getJobs([...PENDING], 0, -1)) {
        if (!job || job.name === DomainEventType.ParticipantArchived || !JSON.stringify(job.data ?? {}).includes(id)) continue;
        const gone = await job.remove().then(
          () => true,
          (err: Error) => (this.log.warn(`could not remove job ${job.id} of ${name}: ${err.message}`), false),
        );
        if (!gone) continue;
        removed++;
        const eventId = eventIdOfJob(job.id);
        if (eventId) withdrawn.add(eventId);
      }
    }
    await withdrawEvents(this.dataSource.manager, [...withdrawn]);
    return removed;
  }
}
