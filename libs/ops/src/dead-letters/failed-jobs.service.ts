import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { type Actor, Role } from '#lib/access';
import { ForbiddenError, NotFoundError, ValidationError } from '#lib/core';
import { QueueName } from '#lib/queue';
import { firstLine, type JobDataId, jobDataIds } from './job-summary.js';

/** A failed job as an admin sees it: ids, the error's first line, attempts and times. Never the payload itself. */
export interface FailedJobView {
  readonly queue: QueueName;
  readonly id: string;
  readonly name: string;
  readonly failedReason: string;
  readonly attemptsMade: number;
  readonly maxAttempts: number;
  readonly createdAt: Date;
  readonly processedAt: Date | null;
  readonly failedAt: Date;
  readonly dataIds: JobDataId[];
}

const assertAdmin = (actor: Actor) => {
  if (actor.role !== Role.ADMIN) throw new ForbiddenError('Queue administration is for administrators');
};

export function toFailedJobView(queue: QueueName, job: Job): FailedJobView {
  return {
    queue,
    id: String(job.id),
    name: job.name,
    failedReason: firstLine(job.failedReason),
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts?.attempts ?? 1,
    createdAt: new Date(job.timestamp),
    processedAt: job.processedOn ? new Date(job.processedOn) : null,
    failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp),
    dataIds: jobDataIds(job.data),
  };
}

/**
 * The generic dead-letter view over every BullMQ queue: jobs that failed all their attempts (kept 14 days,
 * DEFAULT_JOB_OPTIONS.removeOnFail), and retrying them once the cause is fixed. ADMIN only.
 */
@Injectable()
export class FailedJobs {
  constructor(private readonly modules: ModuleRef) {}

  private queue(name: QueueName): Queue {
    return this.modules.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** Newest first, across one queue or all of them. */
  async list(actor: Actor, queue: QueueName | null, first: number): Promise<FailedJobView[]> {
    assertAdmin(actor);
    if (!Number.isInteger(first) || first < 1 || first > 200) throw ValidationError.field('first', 'must be an integer between 1 and 200');
    const names = queue ? [queue] : Object.values(QueueName);
    const perQueue = await Promise.all(
      names.map(async (name) => (await this.queue(name).getJobs(['failed'], 0, first - 1, false)).filter((j): j is Job => !!j).map((j) => toFailedJobView(name, j))),
    );
    return perQueue
      .flat()
      .sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime() || a.queue.localeCompare(b.queue) || a.id.localeCompare(b.id))
      .slice(0, first);
  }

  /** Moves one failed job back to waiting with a fresh round of attempts. NOT_FOUND unless it exists and failed. */
  async retry(actor: Actor, queue: QueueName, jobId: string): Promise<boolean> {
    assertAdmin(actor);
    const job = jobId.length <= 256 ? await this.queue(queue).getJob(jobId) : undefined;
    if (!job || !(await job.isFailed())) throw new NotFoundError('FailedJob', jobId);
    await job.retry('failed');
    return true;
  }

  /** Moves every job that had failed by now back to waiting; returns how many there were. */
  async retryAll(actor: Actor, queue: QueueName): Promise<number> {
    assertAdmin(actor);
    const q = this.queue(queue);
    const count = await q.getFailedCount();
    if (count > 0) await q.retryJobs({ state: 'failed', count: 1000, timestamp: Date.now() });
    return count;
  }
}
