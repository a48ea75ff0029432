/**
 * `npm run bench:notifications` (bench/run-notifications.sh builds first, then runs dist/bench/notifications.js).
 *
 * End-to-end notification throughput: N ProposalStatusChanged → PROPOSED events are committed to the outbox in one
 * transaction (exactly the rows ProposalsService writes), and the clock stops when every one is delivered — its
 * in-app notification written for the employer user AND its email accepted by a real SMTP server on loopback (the
 * smtp-server package). The compiled worker runs as its own process, as in production (relay, BullMQ consumer,
 * digest composer, SMTP sender). In the same run, on the same Redis, raw BullMQ throughput of no-op jobs with the
 * same concurrency is measured as the ceiling; both are printed with their ratio and written to
 * bench/results/notifications.json. Measured once per digest window: 0 (every notification its own email, the worst
 * case) and 1000 ms (bundled per contact, as in production with its 60 s default).
 *
 *   node dist/bench/notifications.js [--events 2000] [--employers 50] [--window-ms 0,1000]
 * Database: BENCH_NOTIFY_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/praksisbro_bench_notify), rebuilt
 * by the real migrations on every run. Redis: BENCH_REDIS_URL or REDIS_URL (default redis://127.0.0.1:6379/0), keys
 * under the prefix praksisbro-bench-notify only (cleared first).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { maintenanceUrl, runMigrations } from '#lib/database';
import { withCheckDigit } from '#lib/employers';
import { DEFAULT_JOB_OPTIONS, redisConnection } from '#lib/queue';
import { createDataSource } from '#lib/schema';
import { SmtpCapture } from '../libs/notifications/src/testing/smtp-capture.js';
import { BENCH_JWT_SECRET } from './support/database.js';
import { ManagedProcess } from './support/processes.js';

const RESULTS_FILE = 'bench/results/notifications.json';
const QUEUE_PREFIX = 'praksisbro-bench-notify';
/** The notifications processor's concurrency (libs/notifications/src/jobs/notifications.processor.ts). */
const CONSUMER_CONCURRENCY = 4;

const { values: argv } = parseArgs({
  options: {
    events: { type: 'string', default: '2000' },
    employers: { type: 'string', default: '50' },
    'window-ms': { type: 'string', default: '0,1000' },
  },
});
const EVENTS = Number(argv.events);
const EMPLOYERS = Number(argv.employers);
/** Digest windows to measure: 0 = every notification its own email (worst case); 1000 = bundled per contact. */
const WINDOWS = argv['window-ms']!.split(',').map(Number);
if (![EVENTS, EMPLOYERS].every((n) => Number.isInteger(n) && n > 0) || !WINDOWS.every((w) => Number.isInteger(w) && w >= 0)) throw new Error('--events and --employers must be positive integers, --window-ms a comma-separated list of integers >= 0');
const DATABASE_URL = process.env.BENCH_NOTIFY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro_bench_notify';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function freshDatabase(): Promise<void> {
  const name = decodeURIComponent(new URL(DATABASE_URL).pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('bench')) throw new Error(`Refusing to rebuild database "${name}": its name must contain "bench"`);
  const admin = new pg.Client({ connectionString: maintenanceUrl(DATABASE_URL) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

async function clearQueues(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${QUEUE_PREFIX}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

interface Scenario {
  readonly actorId: string;
  readonly pairs: Array<{ participantId: string; placementId: string; employerId: string }>;
}

/** Employers with one contact and one employer user each, participants with an advisor, one open placement per employer. */
async function buildWorld(db: pg.Client, events: number): Promise<Scenario> {
  const one = async (sql: string, params: unknown[]) => ((await db.query(sql, params)).rows[0] as { id: string }).id;
  const nav = await one(`INSERT INTO organisations (name, kind, municipality, area_code) VALUES ('NAV Bench', 'NAV_OFFICE', 'Oslo', 'OSLO-ALNA') RETURNING id`, []);
  const unit = await one(`INSERT INTO organisations (name, kind, municipality, area_code, nav_office_id) VALUES ('Intro Bench', 'INTRODUCTION_UNIT', 'Oslo', 'OSLO-ALNA', $1) RETURNING id`, [nav]);
  const market = await one(`INSERT INTO users (email, name, role, organisation_id) VALUES ('market@bench.test', 'Market', 'MARKET_CONTACT', $1) RETURNING id`, [nav]);
  const advisor = await one(`INSERT INTO users (email, name, role, organisation_id) VALUES ('advisor@bench.test', 'Advisor', 'ADVISOR', $1) RETURNING id`, [unit]);
  const placements: Array<{ id: string; employerId: string }> = [];
  for (let e = 0; e < EMPLOYERS; e++) {
    let orgnr: string | null = null;
    for (let base = 30_000_000 + e * 100; !orgnr; base++) orgnr = withCheckDigit(String(base));
    const employerId = await one(`INSERT INTO employers (org_number, name, sector, owner_office_id, created_by_id) VALUES ($1, $2, 'RETAIL', $3, $4) RETURNING id`, [orgnr, `Butikk ${e}`, nav, market]);
    const siteId = await one(`INSERT INTO employer_sites (employer_id, name, address, area_code) VALUES ($1, 'Butikken', 'Gata 1', 'OSLO-ALNA') RETURNING id`, [employerId]);
    const org = await one(`INSERT INTO organisations (name, kind, municipality, area_code, employer_id) VALUES ($1, 'EMPLOYER', 'Oslo', 'OSLO-ALNA', $2) RETURNING id`, [`Butikk ${e}`, employerId]);
    await db.query(`INSERT INTO employer_contacts (employer_id, name, email, language) VALUES ($1, $2, $3, $4)`, [employerId, `Kontakt ${e}`, `kontakt-${e}@bench.test`, e % 2 ? 'en' : 'nb']);
    await db.query(`INSERT INTO users (email, name, role, organisation_id, language) VALUES ($1, $2, 'EMPLOYER', $3, 'nb')`, [`leder-${e}@bench.test`, `Leder ${e}`, org]);
    const placementId = await one(
      `INSERT INTO placements (type, status, title, occupation_code, sector, employer_id, site_id, area_code, start_date, weekdays, hours_per_week, capacity, owner_organisation_id, posted_by_id, posted_by_kind)
       VALUES ('LANGUAGE_PRACTICE', 'OPEN', $1, '5223', 'RETAIL', $2, $3, 'OSLO-ALNA', '2027-01-04', '{MON,TUE}', 12, 2, $4, $5, 'MARKET_CONTACT') RETURNING id`,
      [`Butikkmedarbeider ${e}`, employerId, siteId, nav, market],
    );
    placements.push({ id: placementId, employerId });
  }
  const participantsNeeded = Math.ceil(events / EMPLOYERS);
  const participants: string[] = [];
  for (let p = 0; p < participantsNeeded; p++) {
    participants.push(
      await one(`INSERT INTO participants (organisation_id, advisor_id, first_name, last_name, birth_year, protection_basis, settlement_date, created_by_id) VALUES ($1, $2, $3, 'Benchmark', 1990, 'REFUGEE', '2025-01-01', $2) RETURNING id`, [
        unit,
        advisor,
        `Deltaker${p}`,
      ]),
    );
  }
  const pairs = participants.flatMap((participantId) => placements.map((pl) => ({ participantId, placementId: pl.id, employerId: pl.employerId }))).slice(0, events);
  return { actorId: market, pairs };
}

/** The rows ProposalsService writes when proposing: proposal, transition, outbox event — in one transaction. */
async function commitEvents(db: pg.Client, s: Scenario, pairs: Scenario['pairs']): Promise<string[]> {
  const res = await db.query(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("participantId" uuid, "placementId" uuid, "employerId" uuid)),
     p AS (INSERT INTO proposals (participant_id, placement_id, employer_id, status, created_by_id, proposed_at)
           SELECT "participantId", "placementId", "employerId", 'PROPOSED', $2, now() FROM input RETURNING id, participant_id, placement_id, employer_id),
     t AS (INSERT INTO proposal_transitions (proposal_id, from_status, to_status, actor_id, actor_kind) SELECT id, 'SUGGESTED', 'PROPOSED', $2, 'USER' FROM p)
     INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, actor_id)
     SELECT 'ProposalStatusChanged', 'Proposal', p.id,
            jsonb_build_object('participantId', p.participant_id, 'placementId', p.placement_id, 'employerId', p.employer_id, 'from', 'SUGGESTED', 'to', 'PROPOSED', 'reason', null), $2
       FROM p RETURNING id`,
    [JSON.stringify(pairs), s.actorId],
  );
  return (res.rows as Array<{ id: string }>).map((r) => r.id);
}

async function delivered(db: pg.Client, fromEventId: string): Promise<{ inApp: number; emailsSent: number }> {
  const res = await db.query(
    `SELECT count(*) FILTER (WHERE channel = 'IN_APP')::int AS in_app, count(*) FILTER (WHERE channel = 'EMAIL' AND status = 'SENT')::int AS emails_sent
       FROM notification_deliveries WHERE event_id >= $1`,
    [fromEventId],
  );
  const row = res.rows[0] as { in_app: number; emails_sent: number };
  return { inApp: row.in_app, emailsSent: row.emails_sent };
}

/** Waits until all `n` are delivered; returns when the in-app side alone was complete (ms after `since`). */
async function waitDelivered(db: pg.Client, fromEventId: string, n: number, worker: ManagedProcess, timeoutMs: number, since = performance.now()): Promise<{ inAppMs: number }> {
  const deadline = Date.now() + timeoutMs;
  let inAppMs = Number.NaN;
  for (;;) {
    const d = await delivered(db, fromEventId);
    if (d.inApp >= n && Number.isNaN(inAppMs)) inAppMs = performance.now() - since;
    if (d.inApp >= n && d.emailsSent >= n) return { inAppMs };
    if (!worker.running) throw new Error(`worker exited (${worker.exitDescription}):\n${worker.tail()}`);
    if (Date.now() > deadline) throw new Error(`only ${JSON.stringify(d)} of ${n} delivered within ${timeoutMs / 1000} s:\n${worker.tail()}`);
    await sleep(25); // frequent enough for ±0.5 % on a multi-second run, rare enough not to load PostgreSQL
  }
}

/** Raw BullMQ: N no-op jobs added in bulk, consumed by one worker with the notifications processor's concurrency. */
async function noopThroughput(n: number): Promise<{ jobsPerSecond: number; ms: number }> {
  const connection = redisConnection(REDIS_URL);
  const name = 'bench-noop';
  const queue = new Queue(name, { connection, prefix: QUEUE_PREFIX, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  let done = 0;
  let finish!: () => void;
  const allDone = new Promise<void>((r) => (finish = r));
  const worker = new Worker(name, async () => undefined, { connection, prefix: QUEUE_PREFIX, concurrency: CONSUMER_CONCURRENCY, autorun: false });
  worker.on('completed', () => {
    if (++done === n) finish();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  void worker.run();
  for (let i = 0; i < n; i += 500) await queue.addBulk(Array.from({ length: Math.min(500, n - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { jobId: `noop-${i + k}` } })));
  await allDone;
  const ms = performance.now() - started;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { jobsPerSecond: (n / ms) * 1000, ms };
}

/** Share of all cores' time that was busy over `ms` (everything on the machine, this benchmark included). */
async function busyShare(ms: number): Promise<number> {
  const read = () => os.cpus().reduce((a, c) => ({ busy: a.busy + c.times.user + c.times.nice + c.times.sys + c.times.irq, total: a.total + c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle }), { busy: 0, total: 0 });
  const a = read();
  await sleep(ms);
  const b = read();
  return (b.busy - a.busy) / Math.max(1, b.total - a.total);
}

/** Other engineers' tests share this machine: wait (up to 2 minutes) until it is mostly idle, and say if it never was. */
async function waitForQuiet(): Promise<{ busyBeforeMeasuring: number; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const busy = await busyShare(2_000);
    if (busy < 0.25 || Date.now() - started > 120_000) return { busyBeforeMeasuring: round(busy, 2), waitedMs: Date.now() - started };
    log(`machine ${Math.round(busy * 100)} % busy; waiting for it to quieten`);
  }
}

interface WindowRun {
  readonly digestWindowMs: number;
  readonly eventsPerSecond: number;
  readonly totalMs: number;
  readonly commitMs: number;
  /** When every in-app notification was written: event consumption alone, before the last email. */
  readonly inAppCompleteMs: number;
  readonly deliveriesWritten: number;
  readonly emailsAccepted: number;
  readonly notificationsPerEmail: number;
  readonly duplicateMessageIds: number;
  readonly emailLatencyMs: { readonly p50: number; readonly p95: number; readonly max: number };
  /** Whole-machine CPU busy share: before (others only) and during (ours included: worker, PostgreSQL, Redis, SMTP). */
  readonly machineBusy: { readonly before: number; readonly during: number; readonly waitedForQuietMs: number };
}

const cpuTimes = () => os.cpus().reduce((a, c) => ({ busy: a.busy + c.times.user + c.times.nice + c.times.sys + c.times.irq, all: a.all + c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle }), { busy: 0, all: 0 });

/** One measurement: a worker with this digest window, a warm-up, then EVENTS events from commit to delivered. */
async function measure(db: pg.Client, scenario: Scenario, pairs: { warm: Scenario['pairs']; measured: Scenario['pairs'] }, smtp: SmtpCapture, windowMs: number): Promise<WindowRun> {
  const worker = new ManagedProcess('worker', 'dist/apps/worker/src/main.js', {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL,
    REDIS_URL,
    QUEUE_PREFIX,
    SMTP_URL: smtp.url,
    JWT_SECRET: BENCH_JWT_SECRET,
    PUBLIC_URL: 'https://praksisbro.bench',
    OUTBOX_RELAY_INTERVAL_MS: '50',
    NOTIFY_DIGEST_WINDOW_MS: String(windowMs),
  });
  const stopNow = () => worker.killNow();
  process.once('exit', stopNow);
  try {
    // Warm-up: connections, JIT and the first relay round, outside the measurement.
    const warmIds = await commitEvents(db, scenario, pairs.warm);
    await waitDelivered(db, warmIds[0]!, warmIds.length, worker, 60_000);
    const quiet = await waitForQuiet();
    log(`window ${windowMs} ms: warm-up delivered; machine ${Math.round(quiet.busyBeforeMeasuring * 100)} % busy; measuring ${pairs.measured.length} events`);
    const emailsBefore = smtp.accepted.length;
    const cpuBefore = cpuTimes();
    const started = performance.now();
    const ids = await commitEvents(db, scenario, pairs.measured);
    const committed = performance.now();
    const { inAppMs } = await waitDelivered(db, ids[0]!, ids.length, worker, 300_000, started);
    const ms = performance.now() - started;
    const cpuAfter = cpuTimes();
    const latency = (
      await db.query(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95, max(ms) AS max
           FROM (SELECT extract(epoch FROM d.sent_at - e.occurred_at) * 1000 AS ms FROM notification_deliveries d JOIN outbox_events e ON e.id = d.event_id
                  WHERE d.event_id >= $1 AND d.channel = 'EMAIL') x`,
        [ids[0]],
      )
    ).rows[0] as { p50: number; p95: number; max: number };
    const emails = smtp.accepted.length - emailsBefore;
    return {
      digestWindowMs: windowMs,
      eventsPerSecond: round((ids.length / ms) * 1000),
      totalMs: Math.round(ms),
      commitMs: Math.round(committed - started),
      inAppCompleteMs: Math.round(inAppMs),
      deliveriesWritten: ids.length * 2,
      emailsAccepted: emails,
      notificationsPerEmail: round(ids.length / Math.max(1, emails), 2),
      duplicateMessageIds: smtp.duplicates().length,
      emailLatencyMs: { p50: Math.round(latency.p50), p95: Math.round(latency.p95), max: Math.round(latency.max) },
      machineBusy: { before: quiet.busyBeforeMeasuring, during: round((cpuAfter.busy - cpuBefore.busy) / Math.max(1, cpuAfter.all - cpuBefore.all), 2), waitedForQuietMs: quiet.waitedMs },
    };
  } finally {
    await worker.stop();
    process.off('exit', stopNow);
  }
}

async function main(): Promise<void> {
  log(`database ${DATABASE_URL} (rebuilt), Redis ${REDIS_URL} prefix ${QUEUE_PREFIX}; digest windows ${WINDOWS.join(', ')} ms`);
  await freshDatabase();
  const ds = createDataSource(DATABASE_URL);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  await clearQueues();

  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const warmup = Math.min(100, EMPLOYERS * 2);
  const perRun = EVENTS + warmup;
  const scenario = await buildWorld(db, perRun * WINDOWS.length);
  const smtp = await SmtpCapture.start({ parse: false });
  try {
    const runs: WindowRun[] = [];
    for (const [i, windowMs] of WINDOWS.entries()) {
      const slice = scenario.pairs.slice(i * perRun, (i + 1) * perRun);
      runs.push(await measure(db, scenario, { warm: slice.slice(EVENTS), measured: slice.slice(0, EVENTS) }, smtp, windowMs));
    }
    log(`no-op BullMQ jobs: ${EVENTS} with concurrency ${CONSUMER_CONCURRENCY}`);
    const noop = await noopThroughput(EVENTS);
    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version },
      settings: { events: EVENTS, employers: EMPLOYERS, consumerConcurrency: CONSUMER_CONCURRENCY, relayIntervalMs: 50 },
      notifications: runs,
      bullmqNoop: { jobsPerSecond: round(noop.jobsPerSecond), totalMs: Math.round(noop.ms) },
      ratios: runs.map((r) => ({ digestWindowMs: r.digestWindowMs, notificationsPerNoopJob: round(r.eventsPerSecond / noop.jobsPerSecond, 3) })),
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
    const rows = runs.flatMap((r) => [
      [`notifications, digest window ${r.digestWindowMs} ms: outbox insert → in-app written + SMTP accepted`, `${r.eventsPerSecond} events/s`, `${EVENTS} events in ${(r.totalMs / 1000).toFixed(2)} s`],
      ['  in-app side alone (relay + consumer)', `${round((EVENTS / r.inAppCompleteMs) * 1000)} events/s`, `all in-app notifications written after ${(r.inAppCompleteMs / 1000).toFixed(2)} s`],
      ['  emails', `${r.emailsAccepted} accepted`, `${r.notificationsPerEmail} notifications per email, ${r.duplicateMessageIds} duplicate Message-IDs`],
      ['  event → email accepted', `p50 ${r.emailLatencyMs.p50} ms`, `p95 ${r.emailLatencyMs.p95} ms, max ${r.emailLatencyMs.max} ms`],
      ['  ratio to raw BullMQ no-op', `${round(r.eventsPerSecond / noop.jobsPerSecond, 3)}`, ''],
      ['  machine busy before / during', `${Math.round(r.machineBusy.before * 100)} % / ${Math.round(r.machineBusy.during * 100)} %`, r.machineBusy.before >= 0.25 ? 'NOT QUIET: other processes competed, figures are pessimistic' : ''],
    ]);
    rows.push([`raw BullMQ no-op jobs (same Redis, concurrency ${CONSUMER_CONCURRENCY})`, `${result.bullmqNoop.jobsPerSecond} jobs/s`, `${EVENTS} jobs in ${(noop.ms / 1000).toFixed(2)} s`]);
    const w0 = Math.max(...rows.map((r) => r[0]!.length));
    const w1 = Math.max(...rows.map((r) => r[1]!.length));
    process.stdout.write(`\n${rows.map((r) => `${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}`).join('\n')}\n\nwritten to ${RESULTS_FILE}\n`);
    if (runs.some((r) => r.duplicateMessageIds > 0)) process.exitCode = 1;
  } finally {
    await smtp.close();
    await db.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench] FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
