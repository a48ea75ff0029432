import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { withTimeout } from '#lib/core';
import { QueueName } from '#lib/queue';
import { type JobEvent, jobCountersKey, parseJobCounters } from './job-counters.js';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
type QueueState = (typeof QUEUE_STATES)[number];

/** One bounded collection per scrape (concurrent scrapes share it); a part that fails or hangs is reported, not awaited. */
export interface OpsSnapshot {
  readonly queues: Part<Map<string, Record<QueueState, number>>>;
  readonly jobs: Part<Map<string, Record<JobEvent, number>>>;
  readonly outbox: Part<{ pending: number; oldestAgeSeconds: number }>;
  readonly notifications: Part<Array<{ status: string; channel: string; n: number }>>;
}
type Part<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const COLLECT_TIMEOUT_MS = 3000;

async function part<T>(probe: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await withTimeout(probe(), COLLECT_TIMEOUT_MS, () => new Error(`timeout after ${COLLECT_TIMEOUT_MS} ms`)) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Reads the notification deliveries by status and channel; nothing (not an error) while the table does not exist yet. */
export async function notificationDeliveryCounts(query: (sql: string) => Promise<unknown>): Promise<Array<{ status: string; channel: string; n: number }>> {
  const [{ present }] = (await query(`SELECT to_regclass('notification_deliveries') IS NOT NULL AS present`)) as [{ present: boolean }];
  if (!present) return [];
  const rows = (await query(`SELECT status::text AS status, channel::text AS channel, count(*)::int AS n FROM notification_deliveries GROUP BY 1, 2`)) as Array<{ status: string; channel: string; n: number }>;
  return rows.map((r) => ({ status: r.status, channel: r.channel, n: Number(r.n) }));
}

/**
 * The api's Prometheus registry: request metrics (observed by the HTTP hooks) and, collected on each scrape, queue depth
 * per BullMQ queue, the workers' job counters (from Redis), outbox lag and notification deliveries (from PostgreSQL),
 * plus Node's process metrics. Fleet-wide values (queues, outbox, deliveries) read the same from every api replica.
 */
@Injectable()
export class OpsMetrics {
  private readonly log = new Logger(OpsMetrics.name);
  readonly registry = new Registry();
  private inFlight?: Promise<OpsSnapshot>;

  readonly httpDuration = new Histogram({
    name: 'praksisbro_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code (rate: _count).',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'praksisbro_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation (the single root field, "multiple", "__introspection", or "invalid" when not executed), type and outcome.',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlRootFields = new Counter({
    name: 'praksisbro_graphql_root_fields_total',
    help: 'Executed GraphQL root fields (every field of a request with several).',
    labelNames: ['type', 'field'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const self = this;
    new Gauge({
      name: 'praksisbro_queue_jobs',
      help: 'Jobs per BullMQ queue and state, read on scrape.',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const s = await self.snapshot();
        this.reset();
        if (!s.queues.ok) return;
        for (const [queue, counts] of s.queues.value) for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state]);
      },
    });
    const jobCounter = (name: string, event: JobEvent, help: string) =>
      new Counter({
        name,
        help: `${help} Counted by the workers in Redis; every api replica reports the same fleet-wide value (use max, not sum).`,
        labelNames: ['queue'] as const,
        registers: [this.registry],
        async collect() {
          const s = await self.snapshot();
          this.reset();
          if (!s.jobs.ok) return;
          for (const [queue, counts] of s.jobs.value) this.inc({ queue }, counts[event]);
        },
      });
    jobCounter('praksisbro_job_failures_total', 'failed', 'Failed job attempts (retried or final) per queue.');
    jobCounter('praksisbro_jobs_completed_total', 'completed', 'Completed jobs per queue.');
    jobCounter('praksisbro_jobs_stalled_total', 'stalled', 'Jobs found stalled (their worker died or blocked) per queue.');
    new Gauge({
      name: 'praksisbro_outbox_pending_events',
      help: 'Committed outbox events not yet relayed to the queues.',
      registers: [this.registry],
      async collect() {
        const s = await self.snapshot();
        this.set(s.outbox.ok ? s.outbox.value.pending : NaN);
      },
    });
    new Gauge({
      name: 'praksisbro_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox event not yet relayed (0 when none): the relay lag.',
      registers: [this.registry],
      async collect() {
        const s = await self.snapshot();
        this.set(s.outbox.ok ? s.outbox.value.oldestAgeSeconds : NaN);
      },
    });
    new Gauge({
      name: 'praksisbro_notification_deliveries',
      help: 'Notification deliveries by status and channel (no series until the notifications table exists).',
      labelNames: ['status', 'channel'] as const,
      registers: [this.registry],
      async collect() {
        const s = await self.snapshot();
        this.reset();
        if (s.notifications.ok) for (const r of s.notifications.value) this.set({ status: r.status, channel: r.channel }, r.n);
      },
    });
    new Gauge({
      name: 'praksisbro_metrics_collector_up',
      help: 'Whether the scrape-time collector could read its source (1) or failed or timed out (0).',
      labelNames: ['collector'] as const,
      registers: [this.registry],
      async collect() {
        const s = await self.snapshot();
        for (const [collector, p] of Object.entries(s)) this.set({ collector }, (p as Part<unknown>).ok ? 1 : 0);
      },
    });
  }

  /** The text exposition of every metric. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** One collection shared by every collector of a scrape (and by concurrent scrapes). */
  snapshot(): Promise<OpsSnapshot> {
    this.inFlight ??= this.collect().finally(() => setImmediate(() => (this.inFlight = undefined)));
    return this.inFlight;
  }

  private queue(name: QueueName): Queue {
    return this.modules.get<Queue>(getQueueToken(name), { strict: false });
  }

  private async collect(): Promise<OpsSnapshot> {
    const [queues, jobs, outbox, notifications] = await Promise.all([
      part(async () => {
        const out = new Map<string, Record<QueueState, number>>();
        await Promise.all(
          Object.values(QueueName).map(async (name) => {
            const c = await this.queue(name).getJobCounts(...QUEUE_STATES);
            out.set(name, { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 });
          }),
        );
        return out;
      }),
      part(async () => {
        const client = await this.queue(QueueName.DOMAIN_EVENTS).getBackend().client;
        return parseJobCounters(await client.hgetall(jobCountersKey(this.config.queuePrefix)));
      }),
      part(async () => {
        const [row] = (await this.dataSource.query(
          `SELECT (SELECT count(*)::int FROM outbox_events WHERE relayed_at IS NULL) AS pending,
                  (SELECT EXTRACT(EPOCH FROM clock_timestamp() - occurred_at)::float8 FROM outbox_events WHERE relayed_at IS NULL ORDER BY id LIMIT 1) AS age`,
        )) as [{ pending: number; age: number | null }];
        return { pending: Number(row.pending), oldestAgeSeconds: Math.max(0, Number(row.age ?? 0)) };
      }),
      part(() => notificationDeliveryCounts((sql) => this.dataSource.query(sql))),
    ]);
    for (const [name, p] of Object.entries({ queues, jobs, outbox, notifications })) {
      if (!p.ok) this.log.warn(`metrics collector ${name} failed: ${p.error}`);
    }
    return { queues, jobs, outbox, notifications };
  }
}
