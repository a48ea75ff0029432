import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '#lib/queue';
import { AllocationRunner } from '../application/allocation-runner.js';
import type { AllocationJob } from '../application/allocation.service.js';

/** Large allocation runs: the worker builds a fresh engine from PostgreSQL and solves the run by id. */
@Processor(QueueName.MATCHING, { concurrency: 1 })
export class AllocationProcessor extends WorkerHost {
  constructor(private readonly runner: AllocationRunner) {
    super();
  }

  async process(job: Job<AllocationJob>): Promise<{ status: string }> {
    const run = await this.runner.execute(job.data.runId, await this.runner.engineFromDatabase());
    return { status: run.status };
  }
}
