import { BullModule } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { jobCountersKey } from '../metrics/job-counters.js';
import { liveWorkers, ObservedWorker, pendingJobCounts } from './observed-worker.js';

const FLUSH_INTERVAL_MS = 1000;

/**
 * The worker's part of operations:
 * - job counters: every failed attempt, completion and stall of this process's BullMQ workers is added to one Redis
 *   hash (batched each second), which the api's /metrics reports for the whole fleet — the worker needs no HTTP port;
 * - graceful shutdown: before Nest closes anything else (database pool, Redis connections), every BullMQ worker stops
 *   taking jobs and waits for its active ones to finish, so a SIGTERM leaves no job to be found stalled.
 */
@Injectable()
export class WorkerOps implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger(WorkerOps.name);
  private readonly redis: Redis;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Providers are instantiated before @nestjs/bullmq creates the processors' workers (in onModuleInit).
    BullModule.workerClass = ObservedWorker;
    this.redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.redis.on('error', () => undefined); // counted again next flush; BullMQ reports Redis trouble itself
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
    this.log.log(`counting jobs of ${liveWorkers.size} workers: ${[...liveWorkers].map((w) => w.name).join(', ')}`);
  }

  /** Adds what was counted since the last flush; on failure the counts stay for the next one. */
  flush(): Promise<void> {
    this.flushing ??= (async () => {
      if (pendingJobCounts.size === 0) return;
      const batch = [...pendingJobCounts];
      pendingJobCounts.clear();
      try {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        const key = jobCountersKey(this.config.queuePrefix);
        const multi = this.redis.multi();
        for (const [field, n] of batch) multi.hincrby(key, field, n);
        await multi.exec();
      } catch (err) {
        for (const [field, n] of batch) pendingJobCounts.set(field, (pendingJobCounts.get(field) ?? 0) + n);
        this.log.warn(`could not record job counters: ${(err as Error).message}`);
      }
    })().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const workers = [...liveWorkers];
    this.log.log(`shutting down${signal ? ` on ${signal}` : ''}: waiting for the active jobs of ${workers.length} workers`);
    const started = Date.now();
    await Promise.all(workers.map((w) => w.close().catch((err: Error) => this.log.warn(`closing worker ${w.name}: ${err.message}`))));
    this.log.log(`workers closed after ${Date.now() - started} ms`);
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') this.redis.disconnect();
    else await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
