import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { signHs256Token } from '#lib/auth';
import { JWT_DEFAULTS } from '#lib/config';

export const JWT_SECRET = 'faults-secret-that-is-long-enough-for-hs256';

/** The environment every api and worker of the fault tests gets (plus DATABASE_URL, REDIS_URL, SMTP_URL). */
export function serviceEnv(extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    JWT_SECRET,
    MEILI_URL: '', // the default engine (PostgreSQL), whatever the environment says
    OUTBOX_RELAY_INTERVAL_MS: '100',
    MATCHING_FEED_INTERVAL_MS: '300',
    EMPLOYER_MONTHLY_PROPOSAL_CAP: '100000',
    SMTP_URL: 'smtp://127.0.0.1:9', // replaced where email matters
    ...rateLimitsRaised(),
    ...extra,
  };
}

/** The RATE_LIMIT_* variables libs/config knows, raised far above what a fault test sends (limits are not under test here). */
export function rateLimitsRaised(): Record<string, string> {
  const file = 'libs/config/src/config.ts';
  const names = existsSync(file) ? [...new Set(readFileSync(file, 'utf8').match(/\bRATE_LIMIT_[A-Z0-9_]+\b/g) ?? [])] : [];
  return Object.fromEntries(names.map((n) => [n, '100000000']));
}

export interface Outcome<T = Record<string, any>> {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ms: number;
  readonly status: number;
  readonly data: T | null;
  /** extensions.code of the first error; 'TRANSPORT' when no HTTP answer arrived, 'TIMEOUT' when it took longer than the client's limit. */
  readonly code?: string;
  readonly message?: string;
}

const tokens = new Map<string, Promise<string>>();
export const tokenFor = (userId: string) => {
  if (!tokens.has(userId)) tokens.set(userId, signHs256Token(JWT_SECRET, userId, 3600, JWT_DEFAULTS));
  return tokens.get(userId)!;
};

/** One GraphQL request over HTTP, timed from send to parsed body; never throws (a hang becomes TIMEOUT). */
export async function gql<T = Record<string, any>>(baseUrl: string, userId: string, query: string, variables: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<Outcome<T>> {
  const token = await tokenFor(userId);
  const startedAt = performance.now();
  const done = (o: Omit<Outcome<T>, 'startedAt' | 'endedAt' | 'ms'>): Outcome<T> => {
    const endedAt = performance.now();
    return { startedAt, endedAt, ms: endedAt - startedAt, ...o };
  };
  try {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = JSON.parse(text);
    } catch {
      return done({ status: res.status, data: null, code: 'NOT_JSON', message: text.slice(0, 200) });
    }
    const first = body.errors?.[0];
    return done({ status: res.status, data: body.data ?? null, code: first ? (first.extensions?.code ?? 'NO_CODE') : undefined, message: first?.message });
  } catch (err) {
    const e = err as Error;
    return done({ status: 0, data: null, code: e.name === 'TimeoutError' ? 'TIMEOUT' : 'TRANSPORT', message: e.message });
  }
}

/** Throws unless the request succeeded (set-up steps, not the measured load). */
export async function ok<T = Record<string, any>>(baseUrl: string, userId: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const o = await gql<T>(baseUrl, userId, query, variables);
  if (o.code) throw new Error(`GraphQL ${o.code}: ${o.message}`);
  return o.data!;
}

/** A small pool to the database under test, for set-up and for checking what was written. */
export class Db {
  readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 3000 });
    this.pool.on('error', () => undefined); // idle clients die with the server during the fault; that is expected
  }

  async rows<R = Record<string, any>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query(sql, params)).rows as R[];
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    return Number((await this.rows<{ n: string | number }>(sql, params))[0]!.n);
  }

  /** What createWorld() needs of a DataSource: query(sql, params) resolving to rows. */
  asDataSource(): DataSource {
    return { query: (sql: string, params?: unknown[]) => this.rows(sql, params ?? []) } as unknown as DataSource;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Random lowercase letters: unique markers that pass name validation and are single search tokens. */
export function marker(length = 10): string {
  const letters = 'bdfghjklmnprstvz';
  let s = '';
  for (let i = 0; i < length; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export const round = (v: number) => Math.round(v * 10) / 10;
