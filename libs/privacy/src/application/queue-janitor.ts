import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QueueName } from '#lib/queue';

const PENDING = ['waiting', 'delayed', 'prioritized', 'waiting-children'] as const;

/** Removes queued jobs that still name an erased participant (payloads carry ids only, but ids are enough to act on). */
@Injectable()
export class QueueJanitor {
  private readonly log = new Logger(QueueJanitor.name);

  constructor(private readonly modules: ModuleRef) {}

  async removeJobsMentioning(id: string): Promise<number> {
    let removed = 0;
    for (const name of Object.values(QueueName)) {
      const queue = this.modules.get<Queue>(getQueueToken(name), { strict: false });
      for (const job of await queue.getJobs([...PENDING], 0, -1)) {
        if (job && JSON.stringify(job.data ?? {}).includes(id)) {
          await job.remove().catch((err: Error) => this.log.warn(`could not remove job ${job.id} of ${name}: ${err.message}`));
          removed++;
        }
      }
    }
    return removed;
  }
}
