import { z } from 'zod';

const url = (protocols: string[], example: string) =>
  z
    .string({ error: `is required (e.g. ${example})` })
    .min(1, `is required (e.g. ${example})`)
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol.replace(':', ''));
      } catch {
        return false;
      }
    }, `must be a ${protocols.join('/')} URL like ${example}`);

/** "true" / "false" (environment flags). */
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/** Fastify's trustProxy from TRUST_PROXY: false (default), true, a hop count, or the proxies' addresses/CIDRs. */
function trustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Issuer and audience of locally issued tokens, unless JWT_ISSUER / JWT_AUDIENCE say otherwise. */
export const JWT_DEFAULTS = { issuer: 'praksisbro', audience: 'praksisbro-api' } as const;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: url(['http', 'https'], 'http://localhost:3000').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: url(['postgres', 'postgresql'], 'postgres://postgres@127.0.0.1:5432/praksisbro'),
    REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
    MEILI_URL: url(['http', 'https'], 'http://127.0.0.1:7700').optional(),
    MEILI_KEY: z.string().optional(),
    SMTP_URL: url(['smtp', 'smtps'], 'smtp://127.0.0.1:1025'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_JWKS_URL: url(['http', 'https'], 'https://idp.example/.well-known/jwks.json').optional(),
    JWT_ISSUER: z.string().min(1).default(JWT_DEFAULTS.issuer),
    JWT_AUDIENCE: z.string().min(1).default(JWT_DEFAULTS.audience),
    JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes only').default('praksisbro'),
    OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().min(50).default(500),
    /** JSON {"version": "...", "weights": {...}}; parsed and validated by libs/matching. */
    MATCH_WEIGHTS: z.string().optional(),
    MATCHING_FEED_INTERVAL_MS: z.coerce.number().int().min(50).default(300),
    ALLOCATION_INLINE_LIMIT: z.coerce.number().int().min(0).default(300),
    EMPLOYER_MONTHLY_PROPOSAL_CAP: z.coerce.number().int().min(1).default(8),
    EMPLOYER_COOLDOWN_DECLINES: z.coerce.number().int().min(1).default(3),
    EMPLOYER_COOLDOWN_DAYS: z.coerce.number().int().min(0).default(14),
    /** Participants are anonymised this many months after their programme ended. */
    RETENTION_MONTHS: z.coerce.number().int().min(1).default(36),
    REMINDER_SCAN_INTERVAL_MS: z.coerce.number().int().min(1000).default(15 * 60_000),
    /** When the advisors' daily digest goes out (cron, Europe/Oslo). */
    REMINDER_DIGEST_CRON: z.string().min(9).default('0 6 * * *'),
    /** Sender of notification emails, e.g. "Praksisbro <varsler@praksisbro.no>". */
    NOTIFY_EMAIL_FROM: z.string().regex(/@/, 'must contain an email address').default('Praksisbro <varsler@praksisbro.no>'),
    /** Emails for one recipient arriving within this window go out as one digest. */
    NOTIFY_DIGEST_WINDOW_MS: z.coerce.number().int().min(0).default(60_000),
    /**
     * How often the worker repairs what Redis lost: re-adds relayed events a consumer never applied (relayed at least
     * this long ago) and re-creates missing job schedulers. Default 60000.
     */
    QUEUE_REPAIR_INTERVAL_MS: z.coerce.number().int().min(200).optional(),
    /** The former name of QUEUE_REPAIR_INTERVAL_MS (it swept notifications only), still honoured. */
    NOTIFY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(200).optional(),
    /** Abuse resistance (libs/limits): GraphQL document limits, all checked before anything executes. */
    /** 15: the standard introspection query (GraphiQL, code generators) is 15 deep; the app's own queries stay within 6. */
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(15),
    /** Estimated fields resolved (lists count their page size); default 50000, 1000000 under NODE_ENV=test. */
    GRAPHQL_MAX_COST: z.coerce.number().int().min(1).optional(),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5_000),
    /** Introspection (`__schema`, `__type`) and "Did you mean …?" hints: default off under NODE_ENV=production, on otherwise. */
    GRAPHQL_INTROSPECTION: flag.optional(),
    GRAPHQL_FIELD_SUGGESTIONS: flag.optional(),
    /** Largest accepted request body; larger ones are answered 413 PAYLOAD_TOO_LARGE. */
    HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
    /** Requests a minute per client address / per user, counted in Redis across replicas; 0 turns one off. Defaults in loadConfig. */
    RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).optional(),
    RATE_LIMIT_PER_USER_PER_MINUTE: z.coerce.number().int().min(0).optional(),
    /** Behind a load balancer: whose X-Forwarded-For to believe for the client address ("true", a hop count, or addresses/CIDRs). */
    TRUST_PROXY: z.string().regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a hop count or comma-separated addresses/CIDRs').optional(),
    /** Static bearer token a Prometheus scraper may use for GET /metrics (admins' own tokens work too). */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** On SIGTERM the api reports not-ready this long before it stops accepting connections (let the load balancer notice). */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  })
  .superRefine((env, ctx) => {
    if (!env.JWT_SECRET && !env.JWT_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required unless JWT_JWKS_URL is set (HS256 secret, 32+ characters)' });
    }
  });

export type Env = z.infer<typeof schema>;

export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly port: number;
  readonly publicUrl: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly meili?: { readonly url: string; readonly key?: string };
  readonly smtpUrl: string;
  readonly jwt: {
    readonly secret?: string;
    readonly jwksUrl?: string;
    readonly issuer: string;
    readonly audience: string;
    readonly ttlSeconds: number;
  };
  readonly queuePrefix: string;
  readonly outboxRelayIntervalMs: number;
  /** Lost-job sweep and job-scheduler check interval (also the sweep's grace period). */
  readonly queueRepairIntervalMs: number;
  readonly matching: { readonly weightsJson?: string; readonly feedIntervalMs: number; readonly inlineAllocationLimit: number };
  /** Employers are a shared, finite resource: proposals per month, and a pause after repeated declines. */
  readonly employerLimits: { readonly monthlyProposalCap: number; readonly cooldownDeclines: number; readonly cooldownDays: number };
  readonly reminders: { readonly scanIntervalMs: number; readonly digestCron: string };
  readonly privacy: { readonly retentionMonths: number };
  readonly notifications: { readonly emailFrom: string; readonly digestWindowMs: number };
  /** Abuse resistance (libs/limits): GraphQL document limits, request body size, rate limits, trusted proxies. */
  readonly limits: {
    readonly graphql: {
      readonly maxDepth: number;
      readonly maxCost: number;
      readonly maxAliases: number;
      readonly maxTokens: number;
      readonly introspection: boolean;
      readonly suggestions: boolean;
    };
    readonly bodyLimitBytes: number;
    readonly rateLimit: { readonly perIpPerMinute: number; readonly perUserPerMinute: number };
    readonly trustProxy: boolean | number | string;
  };
  /** Operations: the metrics scrape token and the api's drain delay on SIGTERM. */
  readonly ops: { readonly metricsToken?: string; readonly shutdownDrainMs: number };
}

export class ConfigError extends Error {}

/** Validates the environment once; the first problem becomes one line naming the variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0] ?? '?')} ${issue.message}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    meili: e.MEILI_URL ? { url: e.MEILI_URL, key: e.MEILI_KEY } : undefined,
    smtpUrl: e.SMTP_URL,
    jwt: { secret: e.JWT_SECRET, jwksUrl: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, ttlSeconds: e.JWT_TTL_SECONDS },
    queuePrefix: e.QUEUE_PREFIX,
    outboxRelayIntervalMs: e.OUTBOX_RELAY_INTERVAL_MS,
    queueRepairIntervalMs: e.QUEUE_REPAIR_INTERVAL_MS ?? e.NOTIFY_SWEEP_INTERVAL_MS ?? 60_000,
    matching: { weightsJson: e.MATCH_WEIGHTS, feedIntervalMs: e.MATCHING_FEED_INTERVAL_MS, inlineAllocationLimit: e.ALLOCATION_INLINE_LIMIT },
    employerLimits: { monthlyProposalCap: e.EMPLOYER_MONTHLY_PROPOSAL_CAP, cooldownDeclines: e.EMPLOYER_COOLDOWN_DECLINES, cooldownDays: e.EMPLOYER_COOLDOWN_DAYS },
    reminders: { scanIntervalMs: e.REMINDER_SCAN_INTERVAL_MS, digestCron: e.REMINDER_DIGEST_CRON },
    privacy: { retentionMonths: e.RETENTION_MONTHS },
    notifications: { emailFrom: e.NOTIFY_EMAIL_FROM, digestWindowMs: e.NOTIFY_DIGEST_WINDOW_MS },
    limits: {
      graphql: {
        maxDepth: e.GRAPHQL_MAX_DEPTH,
        // The test suites ask for everything reachable three levels deep (authorisation matrix): generous there.
        maxCost: e.GRAPHQL_MAX_COST ?? (e.NODE_ENV === 'test' ? 1_000_000 : 50_000),
        maxAliases: e.GRAPHQL_MAX_ALIASES,
        maxTokens: e.GRAPHQL_MAX_TOKENS,
        introspection: e.GRAPHQL_INTROSPECTION ?? e.NODE_ENV !== 'production',
        suggestions: e.GRAPHQL_FIELD_SUGGESTIONS ?? e.NODE_ENV !== 'production',
      },
      bodyLimitBytes: e.HTTP_BODY_LIMIT_BYTES,
      // Tests send thousands of requests from one address and a few users: generous unless a test sets its own.
      rateLimit: {
        perIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE ?? (e.NODE_ENV === 'test' ? 100_000 : 3_000),
        perUserPerMinute: e.RATE_LIMIT_PER_USER_PER_MINUTE ?? (e.NODE_ENV === 'test' ? 100_000 : 600),
      },
      trustProxy: trustProxy(e.TRUST_PROXY),
    },
    ops: { metricsToken: e.METRICS_TOKEN, shutdownDrainMs: e.SHUTDOWN_DRAIN_MS },
  };
}

/** For entry points: print one clear line and exit instead of a stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
