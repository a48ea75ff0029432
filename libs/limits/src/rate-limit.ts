import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redisConnection } from '#lib/queue';
import { LimitErrorCode } from './limit-errors.js';

export interface RateLimits {
  /** Requests per minute from one client address (before authentication, so token guessing counts); 0: no limit. */
  readonly perIpPerMinute: number;
  /** Requests per minute by one authenticated user, whichever replica serves them; 0: no limit. */
  readonly perUserPerMinute: number;
}

/** Orchestrators poll these; they are never limited. */
export const RATE_LIMIT_EXEMPT = [/^\/health(\/|$|\?)/];

const WINDOW_MS = 60_000;

type Limiter = (request: FastifyRequest) => Promise<
  { isAllowed: true; key: string } | { isAllowed: false; key: string; max: number; remaining: number; ttlInSeconds: number; isExceeded: boolean }
>;
type OnRequest = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface RateLimitHooks {
  /** Add as an `onRequest` hook before the authentication hook: counts every request per client address. */
  readonly perIp: OnRequest;
  /** Add as an `onRequest` hook after the authentication hook: counts every authenticated request per user. */
  readonly perUser: OnRequest;
}

/**
 * Rate limits with @fastify/rate-limit and its Redis store, so the counters are shared by every api replica:
 * keys `<QUEUE_PREFIX>:ratelimit:ip:<address>` and `<QUEUE_PREFIX>:ratelimit:user:<user id>`, fixed one-minute windows.
 * Over the limit: HTTP 429, a Retry-After header and a GraphQL-style body with `extensions.code: RATE_LIMITED`.
 * When Redis does not answer, requests pass (the limits are protection, not a dependency: the api keeps serving).
 */
export async function installRateLimits(
  fastify: FastifyInstance,
  options: { redisUrl: string; keyPrefix: string; limits: RateLimits },
  log: Logger,
): Promise<RateLimitHooks> {
  const { limits } = options;
  if (limits.perIpPerMinute <= 0 && limits.perUserPerMinute <= 0) return { perIp: async () => undefined, perUser: async () => undefined };

  // Fail fast while Redis is away (no offline queue, one retry): a request must not wait for the limiter.
  const redis = new Redis({ ...redisConnection(options.redisUrl), maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 });
  let warned = false;
  redis.on('error', (err) => {
    if (!warned) log.warn({ err }, 'rate limiting: Redis unavailable, requests pass unlimited until it is back');
    warned = true;
  });
  redis.on('ready', () => (warned = false));
  fastify.addHook('onClose', async () => {
    redis.disconnect();
  });

  // One plugin registration per limit (each in its own scope): own key namespace, maximum and key.
  const limiter = async (scope: 'ip' | 'user', max: number, keyGenerator?: (request: FastifyRequest) => string): Promise<Limiter> => {
    let create: Limiter | undefined;
    await fastify.register(async (child) => {
      await child.register(rateLimit, {
        global: false,
        redis,
        nameSpace: `${options.keyPrefix}:ratelimit:${scope}:`,
        max,
        timeWindow: WINDOW_MS,
        skipOnError: true,
        ...(keyGenerator ? { keyGenerator } : {}), // the default key is the client address (IPv6 by /64)
      });
      create = child.createRateLimit() as Limiter;
    });
    return create!;
  };
  const byIp = limits.perIpPerMinute > 0 ? await limiter('ip', limits.perIpPerMinute) : undefined;
  const byUser = limits.perUserPerMinute > 0 ? await limiter('user', limits.perUserPerMinute, (r) => actorId(r)!) : undefined;

  const exempt = (request: FastifyRequest) => RATE_LIMIT_EXEMPT.some((r) => r.test(request.url));
  const reject = (request: FastifyRequest, reply: FastifyReply, scope: 'IP' | 'USER', max: number, retryAfterSeconds: number) => {
    request.log.info({ scope, max }, 'rate limited');
    return reply
      .status(429)
      .header('x-request-id', request.id)
      .header('retry-after', String(retryAfterSeconds))
      .header('x-ratelimit-limit', String(max))
      .header('x-ratelimit-remaining', '0')
      .header('x-ratelimit-reset', String(retryAfterSeconds))
      .send({
        data: null,
        errors: [
          {
            message: `Too many requests: at most ${max} a minute per ${scope === 'USER' ? 'user' : 'client address'}; retry in ${retryAfterSeconds} s`,
            extensions: { code: LimitErrorCode.RATE_LIMITED, scope, limit: max, retryAfterSeconds },
          },
        ],
      });
  };

  return {
    perIp: async (request, reply) => {
      if (!byIp || exempt(request)) return;
      const r = await byIp(request);
      if (!r.isAllowed && r.isExceeded) return reject(request, reply, 'IP', r.max, Math.max(1, r.ttlInSeconds));
    },
    perUser: async (request, reply) => {
      if (!byUser || !actorId(request) || exempt(request)) return;
      const r = await byUser(request);
      if (r.isAllowed) return;
      if (r.isExceeded) return reject(request, reply, 'USER', r.max, Math.max(1, r.ttlInSeconds));
      reply.header('x-ratelimit-limit', String(r.max)).header('x-ratelimit-remaining', String(r.remaining)).header('x-ratelimit-reset', String(r.ttlInSeconds));
    },
  };
}

function actorId(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & { actor?: { userId?: string } }).actor?.userId;
}

/** TRUST_PROXY for Fastify's `trustProxy`: a hop count becomes the function Fastify would make of it (Nest's types take no number). */
export function trustProxyOption(value: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;
}
