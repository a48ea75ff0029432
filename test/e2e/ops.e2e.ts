import { type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import { ApiHarness, errorCode, freePort, startProcess, stopProcess } from '../support/api-harness.js';
import { createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/*
 * Operations (libs/ops, apps/api/src/health): Prometheus metrics and who may read them, the bull-board dashboard behind
 * an admin session, liveness vs readiness (with PostgreSQL and Redis really unreachable, through TCP proxies the test
 * cuts), the generic dead-letter view, and graceful shutdown of the api and the worker on SIGTERM.
 */

const METRICS_TOKEN = 'ops-e2e-scrape-token-0123456789abcdefghij';
const QUEUES = ['domain-events', 'search-index', 'matching', 'reminders', 'privacy', 'notifications'];
const redisUrl = new URL(process.env.REDIS_URL!);
const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), db: redisUrl.pathname.length > 1 ? Number(redisUrl.pathname.slice(1)) : 0 };
const prefix = process.env.QUEUE_PREFIX;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waitFor = async <T>(probe: () => Promise<T | undefined | null | false>, ms = 15_000, what = 'condition'): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await sleep(100);
  }
};

/** The value of one sample in a Prometheus text exposition (all given labels must match), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** A TCP proxy in front of PostgreSQL or Redis that the test can cut (every connection reset) and restore. */
class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<CuttableProxy> {
    const port = await freePort();
    let proxy!: CuttableProxy;
    const server = createServer((client) => {
      if (proxy.cut) return void client.destroy();
      const upstream = connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        proxy.sockets.add(s);
        s.on('close', () => proxy.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    proxy = new CuttableProxy(server, port);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return proxy;
  }

  setCut(cut: boolean): void {
    this.cut = cut;
    if (cut) for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.setCut(true);
    await new Promise((r) => this.server.close(r));
  }
}

/** A raw HTTP/1.1 request, exactly as written (fetch would normalise `..` away). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

describe('operations', () => {
  let api: ApiHarness;
  let world: World;
  const queues: Record<string, Queue> = {};
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    api = await ApiHarness.start({ METRICS_TOKEN });
    world = await createWorld(api.dataSource);
    for (const name of QUEUES) queues[name] = new Queue(name, { connection, prefix });
    // Earlier test files may leave outbox events and jobs behind (files without a worker): work them off first, so
    // the queue and outbox figures below are this file's own.
    const drainer = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
    try {
      await waitFor(
        async () => {
          const [{ n }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE relayed_at IS NULL`)) as [{ n: number }];
          if (n > 0) return false;
          const counts = await Promise.all(QUEUES.map((q) => queues[q]!.getJobCounts('waiting', 'active', 'prioritized')));
          return counts.every((c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) === 0);
        },
        150_000,
        'leftover outbox events and jobs worked off',
      );
    } finally {
      await stopProcess(drainer);
    }
  }, 240_000);
  afterAll(async () => {
    if (worker) await stopProcess(worker);
    await Promise.all(Object.values(queues).map((q) => q.close()));
    await api.stop();
  });

  const metrics = async (authorization?: string) => {
    const res = await fetch(`${api.url}/metrics`, { headers: authorization ? { authorization } : {} });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const bearer = async (userId: string) => `Bearer ${await api.token(userId)}`;

  describe('GET /metrics', () => {
    it('is refused without a token, with a wrong one, and to every role but ADMIN', async () => {
      expect((await metrics()).status).toBe(401);
      expect((await metrics(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
      expect((await metrics(`Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}`)).status).toBe(401);
      expect((await metrics(`Bearer ${(await api.token(world.users.admin)).replace(/\.[^.]+$/, '.AAAA')}`)).status).toBe(401);
      for (const role of ['advisorA', 'marketA', 'teacherA', 'employer1'] as const) {
        const res = await metrics(await bearer(world.users[role]));
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
        expect(res.text).not.toContain('praksisbro_');
      }
    });

    it('answers an admin and the scrape token with the text exposition of every metric', async () => {
      await api.ok(world.users.advisorA, 'query AnyNameAtAll { me { id } }');
      const asAdmin = await metrics(await bearer(world.users.admin));
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.type).toMatch(/^text\/plain; version=0\.0\.4/);
      const scraped = await metrics(`Bearer ${METRICS_TOKEN}`);
      expect(scraped.status).toBe(200);
      for (const name of [
        'praksisbro_http_request_duration_seconds',
        'praksisbro_graphql_request_duration_seconds',
        'praksisbro_graphql_root_fields_total',
        'praksisbro_queue_jobs',
        'praksisbro_job_failures_total',
        'praksisbro_jobs_completed_total',
        'praksisbro_outbox_pending_events',
        'praksisbro_outbox_oldest_pending_age_seconds',
        'praksisbro_notification_deliveries',
        'praksisbro_metrics_collector_up',
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
      ]) {
        expect({ name, present: scraped.text.includes(`# TYPE ${name} `) }).toEqual({ name, present: true });
      }
      // GraphQL requests are labelled by root field, never by the client's operation name.
      expect(sample(scraped.text, 'praksisbro_graphql_request_duration_seconds_count', { operation: 'me', type: 'query', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
      expect(scraped.text).not.toContain('AnyNameAtAll');
      expect(sample(scraped.text, 'praksisbro_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status_code: '200' })).toBeGreaterThanOrEqual(1);
      for (const collector of ['queues', 'jobs', 'outbox', 'notifications']) expect(sample(scraped.text, 'praksisbro_metrics_collector_up', { collector })).toBe(1);
      for (const queue of QUEUES) for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(sample(scraped.text, 'praksisbro_queue_jobs', { queue, state })).toEqual(expect.any(Number));
    });

    it('reads queue depth on every scrape', async () => {
      const waiting = async () => sample((await metrics(`Bearer ${METRICS_TOKEN}`)).text, 'praksisbro_queue_jobs', { queue: 'privacy', state: 'waiting' })!;
      const before = await waiting();
      const jobs = await queues.privacy!.addBulk([1, 2, 3].map((i) => ({ name: 'ops-e2e-depth', data: { n: i } })));
      expect(await waiting()).toBe(before + 3);
      await Promise.all(jobs.map((j) => j.remove()));
      expect(await waiting()).toBe(before);
    });

    it('shows the outbox lag while no worker relays, and the workers\' job counters once one runs', async () => {
      const placementId = await createPlacement(api, world);
      await sleep(1100);
      let text = (await metrics(`Bearer ${METRICS_TOKEN}`)).text;
      expect(sample(text, 'praksisbro_outbox_pending_events')).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'praksisbro_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(1);
      const failuresBefore = sample(text, 'praksisbro_job_failures_total', { queue: 'privacy' })!;
      const completedBefore = sample(text, 'praksisbro_jobs_completed_total', { queue: 'domain-events' })!;
      const upBefore = Object.fromEntries(['queues', 'jobs', 'outbox', 'notifications'].map((c) => [c, sample(text, 'praksisbro_metrics_collector_up', { collector: c })]));

      // A job no processor handles fails for real in the worker (attempts: 1, so it is final and lands in failedJobs below).
      await queues.privacy!.add('ops-e2e-unknown', { participantId: world.users.advisorA, note: 'Kari Nordmann, 12345678' }, { attempts: 1, jobId: 'ops-e2e-unknown' });
      worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
      try {
        let seen = {};
        text = await waitFor(
          async () => {
            const t = (await metrics(`Bearer ${METRICS_TOKEN}`)).text;
            const now = {
              pending: sample(t, 'praksisbro_outbox_pending_events'),
              privacyFailures: sample(t, 'praksisbro_job_failures_total', { queue: 'privacy' })!,
              domainEventsCompleted: sample(t, 'praksisbro_jobs_completed_total', { queue: 'domain-events' })!,
              unknownJob: await queues.privacy!.getJobState('ops-e2e-unknown'),
            };
            const [{ n: applied }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_entries WHERE subject_id = $1`, [placementId])) as [{ n: number }];
            const up = Object.fromEntries(['queues', 'jobs', 'outbox', 'notifications'].map((c) => [c, sample(t, 'praksisbro_metrics_collector_up', { collector: c })]));
            seen = { before: { failuresBefore, completedBefore, upBefore }, now, up, applied };
            return now.pending === 0 && now.privacyFailures > failuresBefore && now.domainEventsCompleted >= completedBefore + 2 && applied === 2 ? t : null;
          },
          90_000,
          'relayed outbox, failed and completed jobs counted',
        ).catch((err: Error) => {
          throw new Error(`${err.message}: ${JSON.stringify(seen)}`);
        });
        expect(sample(text, 'praksisbro_outbox_oldest_pending_age_seconds')).toBe(0);
        expect(sample(text, 'praksisbro_queue_jobs', { queue: 'privacy', state: 'failed' })).toBeGreaterThanOrEqual(1);
        const activity = (await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_entries WHERE subject_id = $1`, [placementId])) as [{ n: number }];
        expect(activity[0].n).toBe(2);
      } finally {
        await stopProcess(worker);
        worker = undefined;
      }
    }, 150_000);
  });

  describe('queue dashboard (/admin/queues)', () => {
    const login = (token: string) => fetch(`${api.url}/admin/login?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
    const dashboard = (path: string, headers: Record<string, string>, init: RequestInit = {}) => fetch(`${api.url}/admin/queues${path}`, { ...init, redirect: 'manual', headers });
    const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;

    it('signs an admin in with an HttpOnly, SameSite=Strict cookie and then serves the dashboard and its API', async () => {
      const res = await login(await api.token(world.users.admin));
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/queues/');
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^pb_admin=[\w.-]+; Path=\/admin; Max-Age=\d+; HttpOnly; SameSite=Strict$/); // no Secure outside production
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const cookie = cookieOf(res);

      const page = await dashboard('/', { cookie, accept: 'text/html' });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('__UI_CONFIG__');
      const api_ = await dashboard('/api/queues', { cookie });
      expect(api_.status).toBe(200);
      const body = (await api_.json()) as { queues: Array<{ name: string }> };
      expect(body.queues.map((q) => q.name).sort()).toEqual([...QUEUES].sort());
      expect((await dashboard('/static/images/logo.svg', { cookie })).status).toBe(200);
      // Also with the bearer header (curl), and the form post sign-in.
      expect((await dashboard('/api/queues', { authorization: await bearer(world.users.admin) })).status).toBe(200);
      const form = await fetch(`${api.url}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: await api.token(world.users.admin) }).toString(),
      });
      expect(form.status).toBe(303);
      expect(form.headers.get('set-cookie')).toMatch(/^pb_admin=/);
      const signedOut = await fetch(`${api.url}/admin/logout`, { redirect: 'manual', headers: { cookie } });
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('set-cookie')).toMatch(/^pb_admin=; Path=\/admin; Max-Age=0/);
    });

    it('never shows the dashboard to anyone else', async () => {
      const expectRefused = async (res: Response, status: number) => {
        expect(res.status).toBe(status);
        const text = await res.text();
        expect(text).not.toContain('__UI_CONFIG__');
        expect(text).not.toContain('domain-events');
      };
      await expectRefused(await dashboard('/', { accept: 'text/html' }), 401);
      await expectRefused(await dashboard('/api/queues', {}), 401);
      await expectRefused(await dashboard('/static/images/logo.svg', {}), 401);
      await expectRefused(await dashboard('/queue/privacy', { cookie: 'pb_admin=not-a-token' }), 401);
      await expectRefused(await dashboard('/no/such/page', {}), 401);
      for (const role of ['advisorA', 'marketA', 'teacherA', 'employer1'] as const) {
        const token = await api.token(world.users[role]);
        const signIn = await login(token);
        expect({ role, status: signIn.status, cookie: signIn.headers.get('set-cookie') }).toEqual({ role, status: 403, cookie: null });
        await expectRefused(await dashboard('/', { cookie: `pb_admin=${token}`, accept: 'text/html' }), 403);
        await expectRefused(await dashboard('/api/queues', { authorization: `Bearer ${token}` }), 403);
      }
      const expired = await api.token(world.users.admin, -10);
      await expectRefused(await login(expired), 401);
      await expectRefused(await dashboard('/api/queues', { cookie: `pb_admin=${expired}` }), 401);
    });

    it('checks the admin on every request: a deactivated admin\'s cookie stops working at once', async () => {
      const cookie = cookieOf(await login(await api.token(world.users.admin)));
      expect((await dashboard('/api/queues', { cookie })).status).toBe(200);
      await api.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [world.users.admin]);
      try {
        expect((await dashboard('/api/queues', { cookie })).status).toBe(401);
      } finally {
        await api.dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [world.users.admin]);
      }
    });

    it('refuses cross-site actions and sign-ins made with the cookie', async () => {
      const cookie = cookieOf(await login(await api.token(world.users.admin)));
      const pause = await dashboard('/api/queues/privacy/pause', { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, { method: 'PUT' });
      expect(pause.status).toBe(403);
      expect(await queues.privacy!.isPaused()).toBe(false);
      // The same action from the dashboard's own page goes through.
      const samePause = await dashboard('/api/queues/privacy/pause', { cookie, 'sec-fetch-site': 'same-origin' }, { method: 'PUT' });
      expect(samePause.status).toBeLessThan(300);
      expect(await queues.privacy!.isPaused()).toBe(true);
      expect((await dashboard('/api/queues/privacy/resume', { cookie, 'sec-fetch-site': 'same-origin' }, { method: 'PUT' })).status).toBeLessThan(300);
      expect(await queues.privacy!.isPaused()).toBe(false);
      const crossLogin = await fetch(`${api.url}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
        body: new URLSearchParams({ token: await api.token(world.users.admin) }).toString(),
      });
      expect(crossLogin.status).toBe(403);
      expect(crossLogin.headers.get('set-cookie')).toBeNull();
    });

    it('does not open other routes through the public /admin and /metrics prefixes', async () => {
      for (const path of ['/admin/queues/../../graphql', '/admin/queues/%2e%2e/%2e%2e/graphql', '/metrics/../graphql', '/admin/login/../../graphql', '/admin/queuesx']) {
        const res = await rawGet(api.url, path);
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
        expect(res.body).not.toContain('"data":{');
      }
    });
  });

  describe('health', () => {
    it('separates liveness from readiness and keeps /health', async () => {
      const live = await fetch(`${api.url}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'ok' });
      const ready = await fetch(`${api.url}/health/ready`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
      expect(body.status).toBe('ready');
      expect(Object.keys(body.checks).sort()).toEqual(['matchingIndex', 'migrations', 'postgres', 'redis', 'shutdown']);
      expect(Object.values(body.checks).every((c) => c.ok)).toBe(true);
      expect((await fetch(`${api.url}/health`)).status).toBe(200);
    });

    it('is not ready while a migration this build knows has not been applied', async () => {
      const [latest] = (await api.dataSource.query(`SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1`)) as Array<{ id: number; timestamp: string; name: string }>;
      await api.dataSource.query(`DELETE FROM migrations WHERE id = $1`, [latest!.id]);
      try {
        const res = await fetch(`${api.url}/health/ready`);
        expect(res.status).toBe(503);
        const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> };
        expect(body.status).toBe('not-ready');
        expect(body.checks.migrations).toMatchObject({ ok: false, error: `pending migrations: ${latest!.name}` });
        expect(body.checks.postgres!.ok).toBe(true);
        expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
      } finally {
        await api.dataSource.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [latest!.id, latest!.timestamp, latest!.name]);
      }
      expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
    });

    it('is not ready while PostgreSQL or Redis is unreachable, stays live, and recovers when they return', async () => {
      const dbUrl = new URL(process.env.DATABASE_URL!);
      const pgProxy = await CuttableProxy.start(dbUrl.hostname, Number(dbUrl.port || 5432));
      const redisProxy = await CuttableProxy.start(redisUrl.hostname, Number(redisUrl.port || 6379));
      const proxied = (u: URL, port: number) => Object.assign(new URL(u.toString()), { host: `127.0.0.1:${port}` }).toString();
      const api2 = await ApiHarness.start({ METRICS_TOKEN, DATABASE_URL: proxied(dbUrl, pgProxy.port), REDIS_URL: proxied(redisUrl, redisProxy.port) });
      const ready = async () => {
        const res = await fetch(`${api2.url}/health/ready`);
        return { status: res.status, body: (await res.json()) as { checks: Record<string, { ok: boolean }> } };
      };
      try {
        expect((await ready()).status).toBe(200);

        pgProxy.setCut(true);
        const noDb = await waitFor(async () => ((await ready()).status === 503 ? ready() : null), 30_000, 'not ready without PostgreSQL');
        expect(noDb.body.checks.postgres!.ok).toBe(false);
        expect(noDb.body.checks.redis!.ok).toBe(true);
        expect((await fetch(`${api2.url}/health/live`)).status).toBe(200);
        pgProxy.setCut(false);
        await waitFor(async () => (await ready()).status === 200, 30_000, 'ready again with PostgreSQL');

        redisProxy.setCut(true);
        const noRedis = await waitFor(async () => ((await ready()).status === 503 ? ready() : null), 30_000, 'not ready without Redis');
        expect(noRedis.body.checks.redis!.ok).toBe(false);
        expect(noRedis.body.checks.postgres!.ok).toBe(true);
        expect((await fetch(`${api2.url}/health/live`)).status).toBe(200);
        // The metrics say which source failed instead of hanging the scrape.
        const text = await (await fetch(`${api2.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
        expect(sample(text, 'praksisbro_metrics_collector_up', { collector: 'queues' })).toBe(0);
        expect(sample(text, 'praksisbro_metrics_collector_up', { collector: 'outbox' })).toBe(1);
        redisProxy.setCut(false);
        await waitFor(async () => (await ready()).status === 200, 30_000, 'ready again with Redis');
      } finally {
        pgProxy.setCut(false);
        redisProxy.setCut(false);
        await api2.stop();
        await pgProxy.close();
        await redisProxy.close();
      }
    }, 150_000);
  });

  describe('dead letters: failedJobs, retryFailedJob, retryAllFailedJobs', () => {
    const FAILED = `query($queue: JobQueue, $first: Int) { failedJobs(queue: $queue, first: $first) { queue id name failedReason attemptsMade maxAttempts createdAt processedAt failedAt dataIds { key value } } }`;
    type FailedJob = { queue: string; id: string; name: string; failedReason: string; attemptsMade: number; dataIds: Array<{ key: string; value: string }> };

    it('lists failed jobs across queues for admins, with ids and the error only', async () => {
      const all = (await api.ok<{ failedJobs: FailedJob[] }>(world.users.admin, FAILED, {})).failedJobs;
      const job = all.find((j) => j.id === 'ops-e2e-unknown');
      expect(job).toMatchObject({
        queue: 'PRIVACY',
        name: 'ops-e2e-unknown',
        failedReason: 'No handler for privacy job ops-e2e-unknown',
        attemptsMade: 1,
        maxAttempts: 1,
        dataIds: [{ key: 'participantId', value: world.users.advisorA }],
      });
      expect(JSON.stringify(all)).not.toMatch(/Kari|12345678/);
      const privacyOnly = (await api.ok<{ failedJobs: FailedJob[] }>(world.users.admin, FAILED, { queue: 'PRIVACY', first: 5 })).failedJobs;
      expect(privacyOnly.every((j) => j.queue === 'PRIVACY')).toBe(true);
      expect(privacyOnly.map((j) => j.id)).toContain('ops-e2e-unknown');
      expect((await api.ok<{ failedJobs: FailedJob[] }>(world.users.admin, FAILED, { queue: 'MATCHING' })).failedJobs.map((j) => j.id)).not.toContain('ops-e2e-unknown');
      expect(errorCode(await api.gql(world.users.admin, FAILED, { first: 0 }))).toBe('BAD_USER_INPUT');
    });

    it('is FORBIDDEN to every other role', async () => {
      for (const role of ['advisorA', 'marketA', 'teacherA', 'employer1'] as const) {
        const user = world.users[role];
        expect({ role, code: errorCode(await api.gql(user, FAILED, {})) }).toEqual({ role, code: 'FORBIDDEN' });
        expect({ role, code: errorCode(await api.gql(user, `mutation { retryFailedJob(queue: PRIVACY, jobId: "ops-e2e-unknown") }`)) }).toEqual({ role, code: 'FORBIDDEN' });
        expect({ role, code: errorCode(await api.gql(user, `mutation { retryAllFailedJobs(queue: PRIVACY) }`)) }).toEqual({ role, code: 'FORBIDDEN' });
      }
      expect(await queues.privacy!.getJobState('ops-e2e-unknown')).toBe('failed');
    });

    it('retries one failed job, then NOT_FOUND for a job that is not failed', async () => {
      const res = await api.ok<{ retryFailedJob: boolean }>(world.users.admin, `mutation { retryFailedJob(queue: PRIVACY, jobId: "ops-e2e-unknown") }`);
      expect(res.retryFailedJob).toBe(true);
      expect(await queues.privacy!.getJobState('ops-e2e-unknown')).toBe('waiting');
      expect((await api.ok<{ failedJobs: FailedJob[] }>(world.users.admin, FAILED, { queue: 'PRIVACY' })).failedJobs.map((j) => j.id)).not.toContain('ops-e2e-unknown');
      expect(errorCode(await api.gql(world.users.admin, `mutation { retryFailedJob(queue: PRIVACY, jobId: "ops-e2e-unknown") }`))).toBe('NOT_FOUND');
      expect(errorCode(await api.gql(world.users.admin, `mutation { retryFailedJob(queue: PRIVACY, jobId: "${randomUUID()}") }`))).toBe('NOT_FOUND');
      await (await queues.privacy!.getJob('ops-e2e-unknown'))!.remove();
    });

    it('retries every failed job of a queue', async () => {
      const ids = ['ops-e2e-a', 'ops-e2e-b'];
      await queues.matching!.addBulk(ids.map((jobId) => ({ name: 'ops-e2e-fail', data: { runId: randomUUID() }, opts: { jobId, attempts: 1 } })));
      const failing = new Worker('matching', async () => { throw new Error('boom\nsecond line with details'); }, { connection, prefix });
      try {
        await waitFor(async () => (await Promise.all(ids.map((id) => queues.matching!.getJobState(id)))).every((s) => s === 'failed'), 30_000, 'jobs failed');
      } finally {
        await failing.close();
      }
      const listed = (await api.ok<{ failedJobs: FailedJob[] }>(world.users.admin, FAILED, { queue: 'MATCHING' })).failedJobs.filter((j) => ids.includes(j.id));
      expect(listed.map((j) => j.failedReason)).toEqual(['boom', 'boom']);
      const res = await api.ok<{ retryAllFailedJobs: number }>(world.users.admin, `mutation { retryAllFailedJobs(queue: MATCHING) }`);
      expect(res.retryAllFailedJobs).toBe(2);
      expect(await Promise.all(ids.map((id) => queues.matching!.getJobState(id)))).toEqual(['waiting', 'waiting']);
      expect((await api.ok<{ retryAllFailedJobs: number }>(world.users.admin, `mutation { retryAllFailedJobs(queue: MATCHING) }`)).retryAllFailedJobs).toBe(0);
      for (const id of ids) await (await queues.matching!.getJob(id))!.remove();
    });
  });

  describe('graceful shutdown on SIGTERM', () => {
    const lockWaiters = async (like: string) =>
      ((await api.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE $1`, [like])) as [{ n: number }])[0].n;

    it('api: turns not-ready, stops accepting connections, and still finishes the request in flight', async () => {
      const api3 = await ApiHarness.start({ SHUTDOWN_DRAIN_MS: '3000' });
      const port = Number(new URL(api3.url).port);
      const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await locker.connect();
      try {
        // Hold the users table so the request's authentication (the actor is read from users) waits, in flight.
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
        const token = await api3.token(world.users.advisorA);
        const slow = fetch(`${api3.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id role } }' }) });
        await waitFor(
          // Polled from another connection: inside the locking transaction pg_stat_activity is a frozen snapshot.
          async () => (await lockWaiters('%FROM users u%')) > 0,
          30_000,
          'request waiting on the lock',
        );
        const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => api3.process.once('exit', (code, signal) => resolve({ code, signal })));
        api3.process.kill('SIGTERM');

        // Draining: still serving, but readiness says no so the load balancer stops sending traffic.
        const notReady = await waitFor(async () => {
          const res = await fetch(`${api3.url}/health/ready`);
          return res.status === 503 ? ((await res.json()) as { status: string; checks: Record<string, { ok: boolean }> }) : null;
        }, 2500, 'not ready after SIGTERM');
        expect(notReady.status).toBe('shutting-down');
        expect(notReady.checks.shutdown!.ok).toBe(false);
        expect((await fetch(`${api3.url}/health/live`)).status).toBe(200);
        // Then the listener closes: new connections are refused while the request is still in flight.
        await waitFor(async () => !(await canConnect(port)), 20_000, 'listener closed');
        expect(api3.process.exitCode).toBeNull();
        expect(api3.process.signalCode).toBeNull();

        await locker.query('COMMIT');
        const res = await slow;
        expect(res.status).toBe(200);
        expect(((await res.json()) as { data: { me: { id: string; role: string } } }).data.me).toEqual({ id: world.users.advisorA, role: 'ADVISOR' });
        const how = await exited;
        expect(how.signal === 'SIGTERM' || how.code === 0).toBe(true);
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
        await api3.stop();
      }
    }, 120_000);

    it('worker: finishes the job in flight and leaves nothing stalled', async () => {
      const domainEvents = queues['domain-events']!;
      if (worker) {
        await stopProcess(worker);
        worker = undefined;
      }
      const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await locker.connect();
      let w: ChildProcess | undefined;
      let placementId = '';
      try {
        // Hold the activity log so the worker's domain-events job (it appends to activity_entries) waits mid-job.
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE activity_entries IN ACCESS EXCLUSIVE MODE');
        w = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
        placementId = await createPlacement(api, world);
        const events = (await api.dataSource.query(`SELECT id, type FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [placementId])) as Array<{ id: string; type: string }>;
        expect(events.map((e) => e.type)).toEqual(['PlacementCreated', 'PlacementOpened']);
        const ours = events.map((e) => `evt-${e.id}`);
        // Whichever domain-events job the worker takes first (ours, unless something was left queued) waits on the lock.
        const first = await waitFor(async () => (await domainEvents.getJobs(['active']))[0]?.id, 45_000, 'a job active');
        await waitFor(async () => (await Promise.all(ours.map((id) => domainEvents.getJob(id)))).every(Boolean), 15_000, 'our events relayed');
        await waitFor(
          async () => (await lockWaiters('%activity_entries%')) > 0,
          30_000,
          'job waiting on the lock',
        );

        const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => w!.once('exit', (code, signal) => resolve({ code, signal })));
        w.kill('SIGTERM');
        await sleep(1500);
        expect(w.exitCode).toBeNull(); // waiting for its job, not abandoning it
        expect(await domainEvents.getJobState(first)).toBe('active');

        await locker.query('COMMIT');
        const how = await exited;
        expect(how.signal === 'SIGTERM' || how.code === 0).toBe(true);

        const job = (await domainEvents.getJob(first))!;
        expect(await job.getState()).toBe('completed');
        expect(job.stalledCounter).toBe(0);
        expect(job.attemptsMade).toBeLessThanOrEqual(1);
        expect(job.failedReason).toBeFalsy();
        // Nothing was left active (what a later stalled check would pick up); the rest waits for the next worker.
        expect(await domainEvents.getJobs(['active'])).toHaveLength(0);
        for (const id of ours) {
          const j = (await domainEvents.getJob(id))!;
          expect({ id, state: await j.getState(), stalled: j.stalledCounter }).toEqual({ id, state: id === first ? 'completed' : 'waiting', stalled: 0 });
        }
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
        if (w) await stopProcess(w);
      }
      // A fresh worker picks up what was left waiting.
      worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
      const waiting = await domainEvents.getJobCounts('waiting', 'active');
      await waitFor(async () => {
        const c = await domainEvents.getJobCounts('waiting', 'active');
        return c.waiting === 0 && c.active === 0;
      }, 45_000, `domain-events drained (was ${JSON.stringify(waiting)})`);
      // Each event applied exactly once across the shutdown.
      const applied = (await api.dataSource.query(`SELECT type FROM activity_entries WHERE subject_id = $1 ORDER BY event_id`, [placementId])) as Array<{ type: string }>;
      expect(applied.map((a) => a.type)).toEqual(['PlacementCreated', 'PlacementOpened']);
    }, 150_000);
  });
});
