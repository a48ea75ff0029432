/**
 * `npm run bench:load` (bench/run-load.sh builds first, then runs dist/bench/load.js).
 *
 * Closed-loop load: CLIENTS concurrent clients (100), each on its own keep-alive connection, for SECONDS (60) against
 * the compiled api and worker running as in production, on the machine's PostgreSQL and Redis with a dedicated
 * database (praksisbro_load_bench: created, migrated, seeded with the demo data set and indexed on every run, dropped
 * afterwards unless --keep-db) and
 * its own queue prefix. Every client runs a realistic mix: placement lists, searchPlacements with filters and
 * facets, matchesForParticipant (advisors) and candidatesForPlacement (market contacts), participant reads and
 * lists, and mutations (createPlacement by market contacts, updateParticipant by advisors on their own participant).
 * Bounded: a fixed number of clients, a fixed duration and a cap on requests; loopback only. Rate limits
 * (RATE_LIMIT_* in libs/config) are raised for the run, so they do not turn load into 429s.
 *
 * Records every request: errors (any GraphQL error, non-200 status or transport failure) and p50/p95/p99 per
 * operation and overall. Prints a table and writes bench/results/load.json (or --out). Exit code 0 when the run
 * completed with zero errors, 1 otherwise.
 *
 *   node dist/bench/load.js [--seconds 60] [--clients 100] [--warmup 5] [--think-ms 0] [--max-requests 500000]
 *                           [--out bench/results/load.json] [--keep-db] [--seed load-1] [--quiet-wait 60]
 * LOAD_SECONDS / LOAD_CLIENTS override the defaults; BENCH_LOAD_DATABASE_URL the database (its name must end in
 * _bench); BENCH_REDIS_URL (or REDIS_URL) the Redis server.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { signHs256Token } from '#lib/auth';
import { JWT_DEFAULTS } from '#lib/config';
import { maintenanceUrl } from '#lib/database';
import { GqlClient, type GqlResult } from './support/gql-client.js';
import { freePort, ManagedProcess, waitForHealth } from './support/processes.js';
import { advisorParticipants, contactPlacements, hashSeed, searchCases } from './support/samples.js';
import { type LatencySummary, pick, rng, round, summarise } from './support/stats.js';

const JWT_SECRET = 'praksisbro-load-bench-secret-not-for-production-0123';
const API_START_TIMEOUT_MS = 120_000;

const { values: argv } = parseArgs({
  options: {
    seconds: { type: 'string', default: process.env.LOAD_SECONDS ?? '60' },
    clients: { type: 'string', default: process.env.LOAD_CLIENTS ?? '100' },
    warmup: { type: 'string', default: '5' },
    'think-ms': { type: 'string', default: '0' },
    'max-requests': { type: 'string', default: '500000' },
    out: { type: 'string', default: 'bench/results/load.json' },
    'keep-db': { type: 'boolean', default: false },
    seed: { type: 'string', default: 'load-1' },
    'quiet-wait': { type: 'string', default: '60' },
  },
});
const SECONDS = positive('seconds', argv.seconds!);
const CLIENTS = positive('clients', argv.clients!);
const WARMUP = positive('warmup', argv.warmup!, true);
const THINK_MS = positive('think-ms', argv['think-ms']!, true);
const MAX_REQUESTS = positive('max-requests', argv['max-requests']!);
const SEED = argv.seed!;
const QUIET_WAIT_S = positive('quiet-wait', argv['quiet-wait']!, true);
/** Other processes' CPU (in cores) above which the machine counts as busy: the bench waits (up to --quiet-wait s) and flags the run. */
const BUSY_CORES = 0.5;
const DATABASE_URL = process.env.BENCH_LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro_load_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const QUEUE_PREFIX = `praksisbro-load-bench-${process.pid}`;

const log = (message: string) => process.stderr.write(`[load] ${message}\n`);

function positive(name: string, value: string, zeroOk = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) {
    process.stderr.write(`--${name} must be a ${zeroOk ? 'non-negative' : 'positive'} integer\n`);
    process.exit(2);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Operations

interface Subjects {
  readonly advisors: ReadonlyArray<{ userId: string; participantId: string }>;
  readonly contacts: ReadonlyArray<{ userId: string; placementId: string; employerId: string; siteId: string }>;
  readonly searches: Awaited<ReturnType<typeof searchCases>>;
}

interface ClientState {
  readonly n: number;
  readonly random: () => number;
  /** The advisor and participant this client updates (its own, so concurrent updates never meet). */
  readonly own: { userId: string; participantId: string };
  hours: number;
  created: number;
}

interface Operation {
  readonly key: string;
  readonly weight: number;
  readonly request: (s: Subjects, c: ClientState) => { userId: string; query: string; variables?: Record<string, unknown> };
}

const OPERATIONS: readonly Operation[] = [
  {
    key: 'listPlacements',
    weight: 15,
    request: (s, c) => ({
      userId: pick(s.advisors, c.random).userId,
      query: `query($f: PlacementFilterInput) { placements(first: 20, filter: $f) { totalCount pageInfo { hasNextPage endCursor } nodes { id title type status hoursPerWeek employer { name } } } }`,
      variables: { f: { status: ['OPEN'] } },
    }),
  },
  {
    key: 'searchPlacements',
    weight: 15,
    request: (s, c) => {
      const sc = pick(s.searches, c.random);
      return {
        userId: sc.userId,
        query: `query($q: String, $f: PlacementSearchFilter) { searchPlacements(query: $q, filter: $f, first: 20) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id title status employer { name } }
          facets { type { value count } sector { value count } areaCode { value count } requiredOral { value count } status { value count } } } }`,
        variables: { q: sc.query, f: c.random() < 0.5 ? sc.filter : { type: sc.filter.type } },
      };
    },
  },
  {
    key: 'matchesForParticipant',
    weight: 10,
    request: (s, c) => {
      const a = pick(s.advisors, c.random);
      return {
        userId: a.userId,
        query: `query($id: ID!) { matchesForParticipant(participantId: $id, first: 20) { totalCount weightsVersion items { placementId score placement { id title } } } }`,
        variables: { id: a.participantId },
      };
    },
  },
  {
    key: 'candidatesForPlacement',
    weight: 10,
    request: (s, c) => {
      const m = pick(s.contacts, c.random);
      return {
        userId: m.userId,
        query: `query($id: ID!) { candidatesForPlacement(placementId: $id, first: 50) { totalCount items { participantId score } } }`,
        variables: { id: m.placementId },
      };
    },
  },
  {
    key: 'participant',
    weight: 15,
    request: (s, c) => {
      const a = pick(s.advisors, c.random);
      return {
        userId: a.userId,
        query: `query($id: ID!) { participant(id: $id) { id displayName status wantedOccupations
          norwegian { oral { level source } writing { level source } } availability { weekdays hoursPerWeek reachableAreas }
          ... on Participant { firstName lastName phone } } }`,
        variables: { id: a.participantId },
      };
    },
  },
  {
    key: 'participants',
    weight: 10,
    request: (s, c) => ({
      userId: pick(s.advisors, c.random).userId,
      query: `{ participants(first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes { id displayName status } } }`,
    }),
  },
  { key: 'me', weight: 5, request: (s, c) => ({ userId: pick(s.advisors, c.random).userId, query: `{ me { id name role organisation { name } } }` }) },
  {
    key: 'createPlacement',
    weight: 8,
    request: (s, c) => {
      const m = pick(s.contacts, c.random);
      c.created++;
      return {
        userId: m.userId,
        query: `mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id status } }`,
        variables: {
          input: {
            type: 'LANGUAGE_PRACTICE', title: `Språkpraksis lager ${c.n}-${c.created}`, occupationCode: '9321', employerId: m.employerId, siteId: m.siteId,
            startDate: '2027-01-04', endDate: '2027-04-30', weekdays: ['MON', 'WED'], hoursPerWeek: 12, requiredNorwegian: { oral: 'A2' }, publish: true,
          },
        },
      };
    },
  },
  {
    key: 'updateParticipant',
    weight: 7,
    request: (_s, c) => {
      c.hours = c.hours === 15 ? 16 : 15;
      return {
        userId: c.own.userId,
        query: `mutation($id: ID!, $input: UpdateParticipantInput!) { updateParticipant(id: $id, input: $input) { id } }`,
        variables: { id: c.own.participantId, input: { hoursPerWeek: c.hours } },
      };
    },
  },
];
const TOTAL_WEIGHT = OPERATIONS.reduce((s, o) => s + o.weight, 0);

function chooseOperation(random: () => number): Operation {
  let r = random() * TOTAL_WEIGHT;
  for (const op of OPERATIONS) if ((r -= op.weight) < 0) return op;
  return OPERATIONS[OPERATIONS.length - 1]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: maintenanceUrl(DATABASE_URL) });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function databaseName(): string {
  const name = decodeURIComponent(new URL(DATABASE_URL).pathname.slice(1));
  if (!/^[a-z0-9_]+_bench$/.test(name)) throw new Error(`Refusing to use database "${name}" for the load bench: its name must end in _bench`);
  return name;
}

/** Runs a compiled script to completion with the bench environment; throws with its output when it fails. */
function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
    child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${script} ${args.join(' ')} failed (code ${code}):\n${output.slice(-4000)}`))));
  });
}

/** RATE_LIMIT_* variables the config knows (added by the rate-limiting work), all raised far above this load. */
function rateLimitEnv(): Record<string, string> {
  const file = 'libs/config/src/config.ts';
  const names = existsSync(file) ? [...new Set(readFileSync(file, 'utf8').match(/\bRATE_LIMIT_[A-Z0-9_]+\b/g) ?? [])] : [];
  return Object.fromEntries(names.map((n) => [n, '100000000']));
}

async function sample(): Promise<Subjects & { counts: Record<string, number> }> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    const advisors = await advisorParticipants(c, Math.max(200, CLIENTS * 2), SEED);
    const pairs = await contactPlacements(c, 200, SEED);
    const { rows } = await c.query<{ id: string; employer_id: string; site_id: string }>(`SELECT id, employer_id, site_id FROM placements WHERE id = ANY($1::uuid[])`, [pairs.map((p) => p.placementId)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const contacts = pairs.map((p) => ({ ...p, employerId: byId.get(p.placementId)!.employer_id, siteId: byId.get(p.placementId)!.site_id }));
    const searches = await searchCases(c, [...new Set(advisors.map((a) => a.userId))], 100, SEED);
    const counts: Record<string, number> = {};
    for (const t of ['participants', 'placements', 'employers', 'users', 'search_placements']) counts[t] = Number((await c.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    if (advisors.length < CLIENTS || !contacts.length || !searches.length) throw new Error(`not enough subjects in the data set (${advisors.length} advisor participants, ${contacts.length} placements)`);
    return { advisors, contacts, searches, counts };
  } finally {
    await c.end();
  }
}

async function clearQueuePrefix(): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${QUEUE_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) removed += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU seconds of the whole machine (all cores) from /proc/stat. */
function machineCpuSeconds(): number {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU (cores) used by processes other than the given ones over `ms`. */
async function otherCores(pids: Array<number | undefined>, ms: number): Promise<number> {
  const ours = (): number => pids.reduce<number>((sum, pid) => sum + (cpuSeconds(pid) || 0), 0);
  const m0 = machineCpuSeconds();
  const o0 = ours();
  await new Promise((r) => setTimeout(r, ms));
  return Math.max(0, (machineCpuSeconds() - m0 - (ours() - o0)) / (ms / 1000));
}

// ---------------------------------------------------------------------------------------------------------------
// The run

interface Sample {
  readonly op: string;
  readonly ms: number;
  readonly ok: boolean;
}

async function main(): Promise<number> {
  const dbName = databaseName();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL,
    REDIS_URL,
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
    JWT_SECRET,
    QUEUE_PREFIX,
    MEILI_URL: '',
    EMPLOYER_MONTHLY_PROPOSAL_CAP: '100000',
    ...rateLimitEnv(),
  };
  const processes: ManagedProcess[] = [];
  const stopAll = () => processes.forEach((p) => p.killNow());
  process.once('exit', stopAll);
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => process.exit(130));

  try {
    const t0 = Date.now();
    log(`database ${dbName}: drop, create, migrate, seed (demo), index`);
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await runScript('dist/scripts/migrate.js', ['--create-database'], env);
    await runScript('dist/scripts/seed.js', ['--scale', 'demo'], env);
    await runScript('dist/scripts/reindex.js', ['--json'], env);
    log(`database ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const api = new ManagedProcess('api', 'dist/apps/api/src/main.js', { ...env, PORT: String(port) });
    processes.push(api);
    const worker = new ManagedProcess('worker', 'dist/apps/worker/src/main.js', env);
    processes.push(worker);
    await waitForHealth(api, baseUrl, API_START_TIMEOUT_MS);
    const subjects = await sample();
    log(`data set: ${JSON.stringify(subjects.counts)}; rate limit variables raised: ${Object.keys(rateLimitEnv()).join(', ') || '(none defined)'}`);

    const tokens = new Map<string, string>();
    const token = async (userId: string) => {
      if (!tokens.has(userId)) tokens.set(userId, await signHs256Token(JWT_SECRET, userId, 3600, JWT_DEFAULTS));
      return tokens.get(userId)!;
    };
    for (const a of subjects.advisors) await token(a.userId);
    for (const c of subjects.contacts) await token(c.userId);

    // Distinct own participants for the updating clients.
    const owners = [...new Map(subjects.advisors.map((a) => [a.participantId, a])).values()];
    const samples: Sample[] = [];
    const errors: Array<{ op: string; status: number; code?: string; message: string }> = [];
    let issued = 0;
    let measuring = false;
    let stopping = false;
    const cpuBefore = { api: 0, worker: 0 };

    const runClient = async (n: number) => {
      const client = new GqlClient(baseUrl);
      const state: ClientState = { n, random: rng(hashSeed(`${SEED}-${n}`)), own: owners[n % owners.length]!, hours: 15, created: 0 };
      try {
        while (!stopping && issued < MAX_REQUESTS) {
          const op = chooseOperation(state.random);
          const { userId, query, variables } = op.request(subjects, state);
          issued++;
          let result: GqlResult;
          try {
            result = await client.post(await token(userId), query, variables ?? {});
          } catch (err) {
            result = { status: 0, data: null, errors: [{ message: (err as Error).message, extensions: { code: 'TRANSPORT' } }], ms: Number.NaN };
          }
          const ok = result.status === 200 && !result.errors?.length && result.data !== null;
          if (measuring) {
            samples.push({ op: op.key, ms: result.ms, ok });
            if (!ok && errors.length < 50) errors.push({ op: op.key, status: result.status, code: result.errors?.[0]?.extensions?.code, message: (result.errors?.[0]?.message ?? '').slice(0, 200) });
          }
          if (THINK_MS) await new Promise((r) => setTimeout(r, THINK_MS));
        }
      } finally {
        client.close();
      }
    };

    const ourPids = [api.child.pid, worker.child.pid, process.pid];
    let othersBefore = await otherCores(ourPids, 2_000);
    for (const quietBy = Date.now() + QUIET_WAIT_S * 1000; othersBefore > BUSY_CORES && Date.now() < quietBy; ) {
      log(`other processes use ${othersBefore.toFixed(2)} cores; waiting for a quieter machine (up to ${QUIET_WAIT_S} s)`);
      othersBefore = await otherCores(ourPids, 5_000);
    }
    log(`${CLIENTS} clients, ${WARMUP} s warm-up, then ${SECONDS} s measured`);
    const clients = Array.from({ length: CLIENTS }, (_, n) => runClient(n));
    await new Promise((r) => setTimeout(r, WARMUP * 1000));
    measuring = true;
    const started = process.hrtime.bigint();
    cpuBefore.api = cpuSeconds(api.child.pid);
    cpuBefore.worker = cpuSeconds(worker.child.pid);
    const loadBefore = os.loadavg()[0]!;
    const machineBefore = machineCpuSeconds();
    const benchBefore = cpuSeconds(process.pid);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
    const apiCores = (cpuSeconds(api.child.pid) - cpuBefore.api) / elapsedS;
    const workerCores = (cpuSeconds(worker.child.pid) - cpuBefore.worker) / elapsedS;
    const benchCores = (cpuSeconds(process.pid) - benchBefore) / elapsedS;
    const machineCores = (machineCpuSeconds() - machineBefore) / elapsedS;
    // PostgreSQL and Redis serve this run too, so "others" includes them: compare with othersBefore (idle machine ≈ 0).
    const cpu = { api: round(apiCores), worker: round(workerCores), loadGenerator: round(benchCores), machine: round(machineCores), postgresRedisAndOthers: round(machineCores - apiCores - workerCores - benchCores), othersBeforeRun: round(othersBefore), busyBeforeRun: othersBefore > BUSY_CORES };
    stopping = true;
    await Promise.all(clients);
    for (const p of processes) if (!p.running) throw new Error(`${p.name} exited during the run (${p.exitDescription}):\n${p.tail()}`);

    // ---- Report ------------------------------------------------------------------------------------------------
    const perOp: Record<string, LatencySummary & { errors: number; perSecond: number; share: number }> = {};
    for (const op of OPERATIONS) {
      const mine = samples.filter((s) => s.op === op.key);
      perOp[op.key] = { ...summarise(mine.filter((s) => s.ok).map((s) => s.ms)), n: mine.length, errors: mine.filter((s) => !s.ok).length, perSecond: round(mine.length / elapsedS, 1), share: round((mine.length / samples.length) * 100, 1) };
    }
    const overall = { ...summarise(samples.filter((s) => s.ok).map((s) => s.ms)), n: samples.length, errors: samples.filter((s) => !s.ok).length, perSecond: round(samples.length / elapsedS, 1) };
    const result = {
      runAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAverage1mBefore: round(loadBefore), node: process.version },
      config: { clients: CLIENTS, seconds: SECONDS, measuredSeconds: round(elapsedS), warmupSeconds: WARMUP, thinkMs: THINK_MS, maxRequests: MAX_REQUESTS, seed: SEED, database: dbName, dataSet: subjects.counts, nodeEnv: 'production', rateLimitVariables: Object.keys(rateLimitEnv()) },
      cpuCoresUsed: cpu,
      overall,
      operations: perOp,
      errorSamples: errors,
      truncatedByMaxRequests: issued >= MAX_REQUESTS,
    };
    mkdirSync(dirname(argv.out!), { recursive: true });
    writeFileSync(argv.out!, `${JSON.stringify(result, null, 2)}\n`);
    printTable(result.operations, overall, elapsedS, cpu);
    log(`wrote ${argv.out}`);
    if (overall.errors > 0) {
      log(`FAILED: ${overall.errors} errors, e.g. ${JSON.stringify(errors.slice(0, 3))}`);
      return 1;
    }
    if (OPERATIONS.some((o) => perOp[o.key]!.n === 0)) {
      log('FAILED: an operation never ran');
      return 1;
    }
    return 0;
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    const removed = await clearQueuePrefix().catch(() => 0);
    log(`cleaned up queue prefix ${QUEUE_PREFIX} (${removed} keys)`);
    if (!argv['keep-db']) {
      await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((err) => log(`could not drop ${dbName}: ${(err as Error).message}`));
      log(`dropped database ${dbName}`);
    }
  }
}

function printTable(ops: Record<string, LatencySummary & { errors: number; perSecond: number; share: number }>, overall: LatencySummary & { errors: number; perSecond: number }, elapsedS: number, cpu: { api: number; worker: number; loadGenerator: number; postgresRedisAndOthers: number; othersBeforeRun: number; busyBeforeRun: boolean }) {
  const rows = [
    ['operation', 'share %', 'requests', 'errors', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    ...Object.entries(ops).map(([k, s]) => [k, s.share, s.n, s.errors, s.perSecond, s.p50Ms, s.p95Ms, s.p99Ms, s.maxMs]),
    ['overall', 100, overall.n, overall.errors, overall.perSecond, overall.p50Ms, overall.p95Ms, overall.p99Ms, overall.maxMs],
  ].map((r) => r.map(String));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  process.stdout.write(`\nLoad: ${CLIENTS} clients, ${elapsedS.toFixed(1)} s measured (after ${WARMUP} s warm-up), ${os.cpus().length} cores; CPU in cores: api ${cpu.api}, worker ${cpu.worker}, load generator ${cpu.loadGenerator}, PostgreSQL + Redis + others ${cpu.postgresRedisAndOthers}\n`);
  if (cpu.busyBeforeRun) process.stdout.write(`NOTE: the machine was busy before the run (other processes used ${cpu.othersBeforeRun} cores): treat these latencies as not final\n`);
  process.stdout.write(`${line(rows[0]!)}\n|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|\n`);
  for (const r of rows.slice(1)) process.stdout.write(`${line(r)}\n`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`FAILED: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
