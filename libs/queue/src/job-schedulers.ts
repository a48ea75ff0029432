import { Injectable, Logger } from '@nestjs/common';
import type { JobSchedulerTemplateOptions, Queue, RepeatOptions } from 'bullmq';

/** One BullMQ job scheduler (a repeatable job): stored in Redis, so it is gone when Redis loses its data. */
export interface JobSchedulerSpec {
  readonly queue: Queue;
  readonly id: string;
  readonly repeat: Omit<RepeatOptions, 'key'>;
  readonly template: { readonly name: string; readonly data?: unknown; readonly opts?: JobSchedulerTemplateOptions };
}

/**
 * Every job scheduler the worker needs, declared once by the module that processes its jobs. The worker applies them
 * at start and re-creates any that Redis no longer has (JobSchedulerKeeper), so a Redis that comes back empty gets
 * its schedules back without a worker restart. upsertJobScheduler is idempotent per id, so replicas may race.
 */
@Injectable()
export class JobSchedulers {
  private readonly log = new Logger(JobSchedulers.name);
  private readonly specs = new Map<string, JobSchedulerSpec>();

  /** Call from onModuleInit; the keeper applies it at bootstrap. */
  declare(spec: JobSchedulerSpec): void {
    this.specs.set(`${spec.queue.name}/${spec.id}`, spec);
  }

  declared(): JobSchedulerSpec[] {
    return [...this.specs.values()];
  }

  /** Upserts every declared scheduler (at start: picks up changed intervals and templates). */
  async applyAll(): Promise<void> {
    for (const spec of this.specs.values()) await upsert(spec);
  }

  /** Re-creates the declared schedulers Redis does not have; returns their `queue/id`s. Existing ones are left alone, keeping their next run. */
  async restoreMissing(): Promise<string[]> {
    const restored: string[] = [];
    for (const [key, spec] of this.specs) {
      if (await spec.queue.getJobScheduler(spec.id)) continue;
      await upsert(spec);
      restored.push(key);
    }
    if (restored.length > 0) this.log.warn(`re-created job schedulers Redis had lost: ${restored.join(', ')}`);
    return restored;
  }
}

const upsert = (spec: JobSchedulerSpec) => spec.queue.upsertJobScheduler(spec.id, spec.repeat, spec.template);
