import { Worker } from 'bullmq';
import { type JobEvent, jobCounterField } from '../metrics/job-counters.js';

/** Counts not yet written to Redis, per `<queue>|<event>` field (flushed by WorkerOps). */
export const pendingJobCounts = new Map<string, number>();
/** Every BullMQ worker of this process that has not closed. */
export const liveWorkers = new Set<Worker>();

const count = (queue: string, event: JobEvent) => {
  const field = jobCounterField(queue, event);
  pendingJobCounts.set(field, (pendingJobCounts.get(field) ?? 0) + 1);
};

/**
 * The Worker class @nestjs/bullmq instantiates for every @Processor (`BullModule.workerClass`, set by WorkerOps). Its
 * listeners exist from construction, before the worker takes its first job, so no outcome goes uncounted, and it
 * registers itself so shutdown can close every worker first.
 */
export class ObservedWorker extends (Worker as new (...args: any[]) => Worker) {
  constructor(...args: any[]) {
    super(...args);
    liveWorkers.add(this);
    this.on('failed', () => count(this.name, 'failed'));
    this.on('completed', () => count(this.name, 'completed'));
    this.on('stalled', () => count(this.name, 'stalled'));
    this.on('closed', () => liveWorkers.delete(this));
  }
}
