import { Controller, Get, Inject, OnApplicationShutdown, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { withTimeout } from '#lib/core';
import { MatchingStore } from '#lib/matching';
import { ShutdownState } from '#lib/ops';

interface Check {
  ok: boolean;
  latencyMs: number;
  error?: string;
  [detail: string]: unknown;
}

const PROBE_TIMEOUT_MS = 2000;

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    const detail = await withTimeout(probe(), PROBE_TIMEOUT_MS, () => new Error(`timeout after ${PROBE_TIMEOUT_MS} ms`));
    return { ok: true, latencyMs: Math.round(performance.now() - start), ...(detail && typeof detail === 'object' && !Array.isArray(detail) ? detail : {}) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: (err as Error).message };
  }
}

/**
 * Health endpoints, the only unauthenticated routes besides the answer pages:
 * - GET /health/live: the process is up and its event loop answers (no dependency is asked). Restart when it fails.
 * - GET /health/ready: this replica can serve: PostgreSQL and Redis answer, every migration it knows is applied, its
 *   matching index is built, and it is not shutting down. 503 otherwise; route traffic only while 200.
 * - GET /health: the dependency report (PostgreSQL, Redis, Meilisearch when configured), as before.
 */
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    private readonly dataSource: DataSource,
    private readonly matching: MatchingStore,
    private readonly shutdown: ShutdownState,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on('error', () => undefined); // reported through the health check, not as an unhandled event
  }

  @Get()
  async health(@Res() reply: FastifyReply) {
    const checks: Record<string, Check> = {
      postgres: await this.postgres(),
      redis: await this.redisCheck(),
    };
    if (this.config.meili) {
      const meili = this.config.meili;
      checks.meilisearch = await timed(async () => {
        const res = await fetch(new URL('/health', meili.url));
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      });
    }
    const ok = Object.values(checks).every((c) => c.ok);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', checks });
  }

  @Get('live')
  live(@Res() reply: FastifyReply) {
    return reply.status(200).header('cache-control', 'no-store').send({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply) {
    const [postgres, redis, migrations] = await Promise.all([this.postgres(), this.redisCheck(), this.migrations()]);
    const checks: Record<string, Check> = {
      postgres,
      redis,
      migrations,
      matchingIndex: await timed(async () => void this.matching.engine()),
      shutdown: this.shutdown.draining ? { ok: false, latencyMs: 0, error: 'shutting down' } : { ok: true, latencyMs: 0 },
    };
    const ok = Object.values(checks).every((c) => c.ok);
    return reply
      .status(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ready' : this.shutdown.draining ? 'shutting-down' : 'not-ready', checks });
  }

  private postgres(): Promise<Check> {
    return timed(() => this.dataSource.query('SELECT 1'));
  }

  private redisCheck(): Promise<Check> {
    return timed(async () => {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      return void (await this.redis.ping());
    });
  }

  /** Every migration this build knows is recorded as applied (the migrate job ran for this release). */
  private migrations(): Promise<Check> {
    return timed(async () => {
      const table = this.dataSource.options.migrationsTableName ?? 'migrations';
      const rows = (await this.dataSource.query(`SELECT name FROM "${table.replace(/"/g, '')}"`)) as Array<{ name: string }>;
      const applied = new Set(rows.map((r) => r.name));
      const pending = this.dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
      if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`);
      return { applied: applied.size };
    });
  }

  onApplicationShutdown() {
    this.redis.disconnect();
  }
}
