import { Controller, Get, Inject, OnModuleDestroy, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#lib/config';

interface Check {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000))]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: (err as Error).message };
  }
}

/** GET /health: the only unauthenticated route. 200 when every dependency answers, 503 otherwise. */
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on('error', () => undefined); // reported through the health check, not as an unhandled event
  }

  @Get()
  async health(@Res() reply: FastifyReply) {
    const checks: Record<string, Check> = {
      postgres: await timed(() => this.dataSource.query('SELECT 1')),
      redis: await timed(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        return this.redis.ping();
      }),
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

  onModuleDestroy() {
    this.redis.disconnect();
  }
}
