/**
 * `npm run bench:matching` (bench/run-matching.sh builds first, then runs dist/bench/matching.js).
 *
 * On the national data set in a dedicated database (praksisbro_bench), with the compiled api and worker running as
 * in production, measures over HTTP keep-alive, one request at a time and interleaved round by round:
 *   - the trivial query `me { id }` (baseline of the same run),
 *   - candidatesForPlacement top 50 (market contacts, their office's OPEN placements),
 *   - matchesForParticipant top 20 (advisors, their own unit's ACTIVE participants),
 *   - searchPlacements with a common word, three filters and all facets (advisors, PostgreSQL adapter),
 * then, in process, the optimal allocation of 2,000 participants to 1,000 placements (3,000 slots) against greedy.
 * Prints one table and writes bench/results/matching.json. Exit code 0 when everything ran (a missed target is
 * reported as MISSED, not an error), 1 when something failed (GraphQL errors, a missing operation, a crash).
 *
 *   node dist/bench/matching.js [--rebuild] [--requests 500] [--warmup 50] [--seed bench-1]
 * BENCH_DATABASE_URL overrides postgres://postgres@127.0.0.1:5432/praksisbro_bench (its name must end in _bench).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { signHs256Token } from '#lib/auth';
import { JWT_DEFAULTS } from '#lib/config';
import type { AllocationFigures } from './support/allocation.js';
import { BENCH_JWT_SECRET, benchEnv, type DatasetInfo, prepareDatabase } from './support/database.js';
import { type GqlResult, GqlClient } from './support/gql-client.js';
import { freePort, ManagedProcess, waitForHealth } from './support/processes.js';
import { advisorParticipants, allocationScenario, contactPlacements, searchCases } from './support/samples.js';
import { type LatencySummary, round, summarise } from './support/stats.js';

const RESULTS_FILE = 'bench/results/matching.json';
const API_START_TIMEOUT_MS = 120_000;
/** Other processes' CPU share above which the bench waits (at most QUIET_WAIT_MS) before measuring, and warns. */
const QUIET_SHARE = 0.1;
const QUIET_WAIT_MS = 90_000;

const { values: argv } = parseArgs({
  options: {
    rebuild: { type: 'boolean', default: false },
    requests: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '50' },
    seed: { type: 'string', default: 'bench-1' },
    'allocation-runs': { type: 'string', default: '3' },
  },
});
const REQUESTS = positiveInt('requests', argv.requests!);
const WARMUP = positiveInt('warmup', argv.warmup!, true);
const ALLOCATION_RUNS = positiveInt('allocation-runs', argv['allocation-runs']!);
const SEED = argv.seed!;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro_bench';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Operations

type Status = 'PASS' | 'MISSED' | 'ERROR' | 'NOT AVAILABLE' | 'BASELINE';

interface OpCase {
  readonly userId: string;
  readonly variables: Record<string, unknown>;
}

interface Operation {
  readonly key: 'me' | 'candidatesForPlacement' | 'matchesForParticipant' | 'searchPlacements';
  readonly label: string;
  readonly query: string;
  /** p95 target in ms (undefined for the baseline). */
  readonly targetP95Ms?: number;
  readonly cases: readonly OpCase[];
  /** Number of result items and the total count in a successful response (to show the answers are not empty). */
  readonly size: (data: Record<string, any>) => { items: number; total: number };
}

interface OpResult {
  readonly key: Operation['key'];
  readonly label: string;
  readonly available: boolean;
  readonly latency?: LatencySummary;
  readonly ratioToBaselineP95?: number;
  readonly ratioToBaselineP50?: number;
  readonly targetP95Ms?: number;
  readonly status: Status;
  readonly errors: number;
  readonly errorSamples: string[];
  readonly meanItems?: number;
  readonly meanTotalCount?: number;
  readonly emptyResponses?: number;
  readonly distinctCases: number;
}

const QUERIES = {
  me: `query BenchMe { me { id } }`,
  candidatesForPlacement: `query BenchCandidates($id: ID!) {
    candidatesForPlacement(placementId: $id, first: 50) { totalCount items { score participant { id } components { name value } } }
  }`,
  matchesForParticipant: `query BenchMatches($id: ID!) {
    matchesForParticipant(participantId: $id, first: 20) { totalCount items { score placement { id } components { name value } } }
  }`,
  searchPlacements: `query BenchSearch($query: String, $filter: PlacementSearchFilter) {
    searchPlacements(query: $query, filter: $filter, first: 20) {
      totalCount
      nodes { id }
      facets {
        type { value count }
        sector { value count }
        areaCode { value count }
        requiredOral { value count }
        status { value count }
      }
    }
  }`,
} as const;

// ---------------------------------------------------------------------------------------------------------------

const children: ManagedProcess[] = [];
/**
 * Share of all cores' time other processes (tests, builds: not this bench, its api or worker) used in the idle second
 * before measuring and during the measurement: on a shared 2-core machine that skews every figure, so it is reported.
 */
const interference = { beforeMeasuring: Number.NaN, whileMeasuring: Number.NaN };
const problems: string[] = [];

process.on('exit', () => children.forEach((c) => c.killNow()));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping api and worker`);
    void Promise.all(children.map((c) => c.stop(5_000))).finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const total = REQUESTS + WARMUP;
  log(`database ${new URL(DATABASE_URL).pathname.slice(1)}: checking schema and data set`);

  const env: NodeJS.ProcessEnv = {
    ...benchEnv(DATABASE_URL),
    QUEUE_PREFIX: 'praksisbro-bench',
    // One client sends thousands of requests a minute: rate limiting would measure itself, not matching.
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    RATE_LIMIT_PER_USER_PER_MINUTE: '0',
    // No MEILI_URL: search runs on the PostgreSQL adapter.
  };
  const dataset = await prepareDatabase(DATABASE_URL, env, { rebuild: argv.rebuild!, log });
  log(
    `data set: ${dataset.counts.participants} participants (${dataset.counts.activeParticipants} active), ` +
      `${dataset.counts.placements} placements (${dataset.counts.openPlacements} open)` +
      (dataset.seededThisRun ? `, seeded now (${dataset.seedReason})` : `, seeded ${dataset.seededAt ?? 'earlier'}`),
  );
  if (dataset.migrationsSinceSeed.length) {
    log(`note: migrations applied since the data was seeded: ${dataset.migrationsSinceSeed.join(', ')} (run with --rebuild for a fresh data set)`);
  }

  // Samples come first (plain SQL), so the api's start-up is not competing with them.
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  let matchCases, candidateCases, searchSample, scenario;
  try {
    matchCases = await advisorParticipants(db, total, SEED);
    candidateCases = await contactPlacements(db, total, SEED);
    searchSample = await searchCases(db, [...new Set(matchCases.map((c) => c.userId))], total, SEED);
    scenario = await allocationScenario(db, 2_000, 1_000, SEED);
  } finally {
    await db.end();
  }
  if (!matchCases.length || !candidateCases.length || !searchSample.length) throw new Error('could not pick callers from the data set');

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serviceEnv = { ...env, PORT: String(port), PUBLIC_URL: baseUrl };
  log(`starting api and worker on port ${port} (NODE_ENV=production, QUEUE_PREFIX=praksisbro-bench)`);
  const api = new ManagedProcess('api', 'dist/apps/api/src/main.js', serviceEnv);
  const worker = new ManagedProcess('worker', 'dist/apps/worker/src/main.js', serviceEnv);
  children.push(api, worker);

  let operations: OpResult[] = [];
  let apiStartupMs = 0;
  try {
    apiStartupMs = await waitForHealth(api, baseUrl, API_START_TIMEOUT_MS);
    log(`api healthy after ${(apiStartupMs / 1000).toFixed(1)} s`);
    if (!worker.running) throw new Error(`worker exited during start-up (${worker.exitDescription}):\n${worker.tail()}`);

    const tokens = new Map<string, string>();
    const userIds = new Set([...matchCases, ...candidateCases, ...searchSample].map((c) => c.userId));
    for (const id of userIds) tokens.set(id, await signHs256Token(BENCH_JWT_SECRET, id, 3600, JWT_DEFAULTS));

    const ops: Operation[] = [
      {
        key: 'me',
        label: 'me { id } (baseline)',
        query: QUERIES.me,
        // Alternate advisors and market contacts: the same callers as the measured operations.
        cases: Array.from({ length: total }, (_, i) => ({ userId: i % 2 ? candidateCases[i % candidateCases.length]!.userId : matchCases[i % matchCases.length]!.userId, variables: {} })),
        size: () => ({ items: 1, total: 1 }),
      },
      {
        key: 'candidatesForPlacement',
        label: 'candidatesForPlacement top 50',
        query: QUERIES.candidatesForPlacement,
        targetP95Ms: 50,
        cases: candidateCases.map((c) => ({ userId: c.userId, variables: { id: c.placementId } })),
        size: (d) => ({ items: d.candidatesForPlacement.items.length, total: d.candidatesForPlacement.totalCount }),
      },
      {
        key: 'matchesForParticipant',
        label: 'matchesForParticipant top 20',
        query: QUERIES.matchesForParticipant,
        targetP95Ms: 25,
        cases: matchCases.map((c) => ({ userId: c.userId, variables: { id: c.participantId } })),
        size: (d) => ({ items: d.matchesForParticipant.items.length, total: d.matchesForParticipant.totalCount }),
      },
      {
        key: 'searchPlacements',
        label: 'searchPlacements 3 filters + facets',
        query: QUERIES.searchPlacements,
        targetP95Ms: 30,
        cases: searchSample.map((c) => ({ userId: c.userId, variables: { query: c.query, filter: c.filter } })),
        size: (d) => ({ items: d.searchPlacements.nodes.length, total: d.searchPlacements.totalCount }),
      },
    ];

    const client = new GqlClient(baseUrl);
    try {
      operations = await measure(client, tokens, ops, api, worker);
    } finally {
      client.close();
    }
  } finally {
    log('stopping api and worker');
    await Promise.all([api.stop(), worker.stop()]);
  }

  let allocation: AllocationFigures | undefined;
  let allocationError: string | undefined;
  try {
    log(`allocation: ${scenario.participantIds.length} participants of ${scenario.offices.join(', ')}; ${scenario.placementIds.length} open placements`);
    const { runAllocation } = await import('./support/allocation.js');
    allocation = await runAllocation(DATABASE_URL, scenario.participantIds, scenario.placementIds, ALLOCATION_RUNS, log);
  } catch (error) {
    allocationError = (error as Error).message;
    problems.push(`allocation: ${allocationError}`);
  }

  return report({ dataset, operations, allocation, allocationError, apiStartupMs, durationS: (Date.now() - started) / 1000, scenarioOffices: scenario.offices });
}

/** Probes every operation once, then warm-up and measured rounds: each round sends one request of every available operation (rotating order). */
async function measure(client: GqlClient, tokens: Map<string, string>, ops: Operation[], api: ManagedProcess, worker: ManagedProcess): Promise<OpResult[]> {
  const available = new Map<Operation['key'], boolean>();
  const readyBy = Date.now() + API_START_TIMEOUT_MS;
  for (const op of ops) {
    const c = op.cases[0]!;
    let res = await client.post(tokens.get(c.userId)!, op.query, c.variables);
    // The api may answer /health before its in-memory matching index is loaded: wait for it, within the start-up budget.
    while (res.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE') && Date.now() < readyBy) {
      await new Promise((r) => setTimeout(r, 500));
      res = await client.post(tokens.get(c.userId)!, op.query, c.variables);
    }
    const missing = res.errors?.some((e) => /Cannot query field|Unknown type|Unknown argument/.test(e.message));
    available.set(op.key, !missing);
    if (missing) {
      problems.push(`${op.key}: not in the api's schema yet (${res.errors![0]!.message})`);
      log(`${op.key}: NOT AVAILABLE (${res.errors![0]!.message})`);
    } else if (res.errors?.length || !res.data) {
      log(`${op.key}: first request failed: ${describe(res)}`);
    }
  }
  const active = ops.filter((op) => available.get(op.key));
  const samples = new Map(active.map((op) => [op.key, [] as number[]]));
  const errors = new Map(active.map((op) => [op.key, [] as string[]]));
  const sizes = new Map(active.map((op) => [op.key, [] as Array<{ items: number; total: number }>]));

  // Our processes: the api, the worker and the PostgreSQL backends serving the benchmark database (the api's pool is
  // open by now), so that the interference figure counts only work that is not ours.
  const pids = [api.child.pid, worker.child.pid, ...(await backendPids())];
  // On a shared machine, give other work (a test run, a build) up to QUIET_WAIT_MS to finish before measuring.
  const quietBy = Date.now() + QUIET_WAIT_MS;
  let measureStart = cpuCounters(pids);
  for (let waited = false; ; waited = true) {
    const windowStart = measureStart;
    await new Promise((r) => setTimeout(r, 1_000));
    measureStart = cpuCounters(pids);
    interference.beforeMeasuring = othersShare(windowStart, measureStart);
    if (!(interference.beforeMeasuring > QUIET_SHARE) || Date.now() > quietBy) break;
    if (!waited) log(`other processes use ${Math.round(interference.beforeMeasuring * 100)} % of the CPU: waiting up to ${QUIET_WAIT_MS / 1000} s for them`);
  }
  const rounds = WARMUP + REQUESTS;
  log(`measuring ${active.map((o) => o.key).join(', ')}: ${WARMUP} warm-up + ${REQUESTS} measured rounds, one request at a time`);
  const progressEvery = Math.max(1, Math.floor(rounds / 10));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < active.length; k++) {
      const op = active[(r + k) % active.length]!;
      const c = op.cases[r % op.cases.length]!;
      const res = await client.post(tokens.get(c.userId)!, op.query, c.variables);
      const failure = res.status !== 200 || res.errors?.length || !res.data ? describe(res) : undefined;
      if (failure) {
        errors.get(op.key)!.push(failure);
        continue;
      }
      if (r < WARMUP) continue;
      samples.get(op.key)!.push(res.ms);
      try {
        sizes.get(op.key)!.push(op.size(res.data!));
      } catch (error) {
        errors.get(op.key)!.push(`unexpected response shape: ${(error as Error).message}`);
      }
    }
    if (!api.running) throw new Error(`api died during the benchmark (${api.exitDescription}):\n${api.tail()}`);
    if (!worker.running) throw new Error(`worker died during the benchmark (${worker.exitDescription}):\n${worker.tail()}`);
    if ((r + 1) % progressEvery === 0) log(`  round ${r + 1}/${rounds}`);
  }

  // Backends the pool opened meanwhile did not exist at the start: all of their CPU time falls in the window.
  const pidsNow = [...new Set([...pids, ...(await backendPids())])];
  interference.whileMeasuring = othersShare(measureStart, cpuCounters(pidsNow));
  const baseline = samples.has('me') ? summarise(samples.get('me')!) : undefined;
  const baselineP95 = baseline?.p95Ms ?? Number.NaN;
  const baselineP50 = baseline?.p50Ms ?? Number.NaN;
  return ops.map((op): OpResult => {
    const distinctCases = new Set(op.cases.map((c) => JSON.stringify(c))).size;
    if (!available.get(op.key)) return { key: op.key, label: op.label, available: false, targetP95Ms: op.targetP95Ms, status: 'NOT AVAILABLE', errors: 0, errorSamples: [], distinctCases };
    const errs = errors.get(op.key)!;
    const latency = summarise(samples.get(op.key)!);
    const sz = sizes.get(op.key)!;
    if (errs.length) problems.push(`${op.key}: ${errs.length} failed requests, e.g. ${errs[0]}`);
    const status: Status = errs.length ? 'ERROR' : op.targetP95Ms === undefined ? 'BASELINE' : latency.p95Ms <= op.targetP95Ms ? 'PASS' : 'MISSED';
    return {
      key: op.key,
      label: op.label,
      available: true,
      latency,
      ratioToBaselineP95: round(latency.p95Ms / baselineP95, 1),
      ratioToBaselineP50: round(latency.p50Ms / baselineP50, 1),
      targetP95Ms: op.targetP95Ms,
      status,
      errors: errs.length,
      errorSamples: [...new Set(errs)].slice(0, 5),
      meanItems: round(sz.reduce((s, v) => s + v.items, 0) / Math.max(1, sz.length), 1),
      meanTotalCount: round(sz.reduce((s, v) => s + v.total, 0) / Math.max(1, sz.length), 1),
      emptyResponses: sz.filter((v) => v.items === 0).length,
      distinctCases,
    };
  });
}

function describe(res: GqlResult): string {
  const e = res.errors?.[0];
  return e ? `HTTP ${res.status} ${e.extensions?.code ?? ''} ${e.message}`.replace(/\s+/g, ' ') : `HTTP ${res.status} without data`;
}

// ---------------------------------------------------------------------------------------------------------------
// Report

interface ReportInput {
  dataset: DatasetInfo;
  operations: OpResult[];
  allocation?: AllocationFigures;
  allocationError?: string;
  apiStartupMs: number;
  durationS: number;
  scenarioOffices: string[];
}

const ALLOCATION_TARGET_MS = 2_000;

function report(input: ReportInput): number {
  const { operations, allocation } = input;
  const fmt = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
  const allocationStatus: Status = allocation ? (allocation.optimal.medianMs <= ALLOCATION_TARGET_MS ? 'PASS' : 'MISSED') : 'ERROR';
  const rows: string[][] = [
    ['operation', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'ratio to me{id}', 'target', 'status'],
    ...operations.map((o) => [
      o.label,
      o.latency ? String(o.latency.n) : '—',
      fmt(o.latency?.p50Ms),
      fmt(o.latency?.p95Ms),
      fmt(o.latency?.p99Ms),
      o.key === 'me' ? '1.0×' : o.ratioToBaselineP95 !== undefined && Number.isFinite(o.ratioToBaselineP95) ? `${o.ratioToBaselineP95.toFixed(1)}×` : '—',
      o.targetP95Ms ? `p95 ≤ ${o.targetP95Ms} ms` : '—',
      o.status === 'ERROR' ? `ERROR (${o.errors})` : o.status,
    ]),
    [
      'allocation optimal 2,000 → 1,000 (3,000 slots)',
      allocation ? String(allocation.optimal.runsMs.length) : '—',
      fmt(allocation?.optimal.medianMs, 0),
      '—',
      '—',
      '—',
      `median ≤ ${ALLOCATION_TARGET_MS} ms`,
      allocationStatus,
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  const numeric = new Set([1, 2, 3, 4, 5]);
  const line = (r: string[]) => `| ${r.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const out: string[] = [];
  out.push('');
  out.push(`Matching benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? '?'}, node ${process.version}`);
  out.push(
    `Data set ${input.dataset.database}: ${input.dataset.counts.participants!.toLocaleString('en')} participants, ${input.dataset.counts.placements!.toLocaleString('en')} placements; ` +
      `HTTP keep-alive, sequential, ${WARMUP} warm-up + ${REQUESTS} measured requests per operation, interleaved; api start-up ${(input.apiStartupMs / 1000).toFixed(1)} s`,
  );
  out.push('');
  out.push(line(rows[0]!));
  out.push(`|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const r of rows.slice(1)) out.push(line(r));
  out.push('ratio = p95(operation) / p95(me { id }), both from this run; targets are on p95 (allocation: median of the solve runs).');
  out.push('');
  if (allocation) {
    out.push(
      `Allocation: ${allocation.participants.toLocaleString('en')} participants (${input.scenarioOffices.join(', ')}) × ${allocation.placements.toLocaleString('en')} placements, ` +
        `${allocation.slots.toLocaleString('en')} slots (capacities ${allocation.capacityPattern}), ${allocation.edges.toLocaleString('en')} eligible pairs`,
    );
    out.push(
      `  optimal: total score ${allocation.optimal.totalScore.toFixed(2)}, ${allocation.optimal.assigned.toLocaleString('en')} assigned, ` +
        `median ${fmt(allocation.optimal.medianMs, 0)} ms (runs ${allocation.optimal.runsMs.map((v) => v.toFixed(0)).join(' / ')} ms) — ${allocationStatus}`,
    );
    out.push(
      `  greedy:  total score ${allocation.greedy.totalScore.toFixed(2)}, ${allocation.greedy.assigned.toLocaleString('en')} assigned, median ${fmt(allocation.greedy.medianMs, 0)} ms`,
    );
    out.push(`  optimal vs greedy: ${allocation.improvementPct >= 0 ? '+' : ''}${fmt(allocation.improvementPct, 2)} % total score`);
    out.push(`  (snapshot load ${allocation.snapshotLoadMs} ms, engine build ${allocation.engineBuildMs} ms, problem build ${allocation.problemBuildMs} ms; not part of the target)`);
  } else {
    out.push(`Allocation: ERROR — ${input.allocationError}`);
  }
  if (interference.beforeMeasuring > QUIET_SHARE || interference.whileMeasuring > QUIET_SHARE) {
    out.push(
      `WARNING: other processes used ${Math.round(interference.beforeMeasuring * 100)} % of the CPU just before and ` +
        `${Math.round(interference.whileMeasuring * 100)} % during the measurement; figures may be inflated (run again on a quiet machine)`,
    );
  }
  for (const o of operations) {
    if (o.available && o.emptyResponses && o.latency && o.emptyResponses === o.latency.n) out.push(`WARNING: every ${o.key} response was empty: the figure measures nothing`);
  }
  const missed = [...operations.filter((o) => o.status === 'MISSED').map((o) => o.key), ...(allocationStatus === 'MISSED' ? ['allocation'] : [])];
  if (missed.length) out.push(`MISSED targets: ${missed.join(', ')}`);
  if (problems.length) {
    out.push('');
    out.push('ERRORS:');
    for (const p of problems) out.push(`  - ${p}`);
  }
  out.push('');
  out.push(`Written to ${RESULTS_FILE} (${input.durationS.toFixed(0)} s in all).`);

  const json = {
    benchmark: 'matching',
    date: new Date().toISOString(),
    ok: problems.length === 0,
    allTargetsMet: problems.length === 0 && missed.length === 0,
    errors: problems,
    git: gitInfo(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? null,
      totalMemoryGb: round(os.totalmem() / 2 ** 30, 1),
      platform: os.platform(),
      release: os.release(),
      arch: os.arch(),
      otherProcessesCpuShare: { beforeMeasuring: round(interference.beforeMeasuring, 3), whileMeasuring: round(interference.whileMeasuring, 3) },
    },
    node: process.version,
    dataset: input.dataset,
    method: {
      transport: 'HTTP/1.1 keep-alive, one connection, one request at a time (node:http), GraphQL POST with variables',
      warmupPerOperation: WARMUP,
      requestsPerOperation: REQUESTS,
      order: 'interleaved: each round sends one request of every operation, in rotating order',
      latency: 'wall clock per request (process.hrtime.bigint), request sent to body parsed; nearest-rank percentiles',
      seed: SEED,
      searchAdapter: 'postgres (MEILI_URL unset)',
      apiEnv: { NODE_ENV: 'production', LOG_LEVEL: 'warn', QUEUE_PREFIX: 'praksisbro-bench' },
      apiStartupMs: input.apiStartupMs,
      callers: {
        me: 'alternately the advisors and market contacts of the other operations',
        candidatesForPlacement: "market contact of the NAV office that owns the OPEN placement (matching view of the office's units)",
        matchesForParticipant: "advisor of the participant's own unit (full view); ACTIVE participants with consent to be proposed",
        searchPlacements: 'advisors; a common title word, type/sector/areaCode filters with two values each, all facets',
      },
      queries: QUERIES,
    },
    operations: Object.fromEntries(operations.map((o) => [o.key, o])),
    allocation: allocation
      ? { ...allocation, offices: input.scenarioOffices, targetMs: ALLOCATION_TARGET_MS, status: allocationStatus }
      : { status: 'ERROR', error: input.allocationError },
    targets: [
      ...operations.filter((o) => o.targetP95Ms).map((o) => ({ name: `${o.key} p95`, targetMs: o.targetP95Ms, valueMs: o.latency?.p95Ms ?? null, ratioToBaseline: o.ratioToBaselineP95 ?? null, status: o.status })),
      { name: 'allocation optimal median', targetMs: ALLOCATION_TARGET_MS, valueMs: allocation?.optimal.medianMs ?? null, status: allocationStatus },
    ],
    durationS: round(input.durationS, 1),
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`${out.join('\n')}\n`);
  return problems.length ? 1 : 0;
}

interface CpuCounters {
  readonly busyMs: number;
  readonly totalMs: number;
  /** CPU time of this bench process and, per pid, of its api, worker and PostgreSQL backends. */
  readonly ownMs: number;
  readonly byPid: ReadonlyMap<number, number>;
}

/** Machine-wide tick counters (os.cpus()) and our own CPU time (children from /proc, so Linux only; else undefined). */
function cpuCounters(pids: readonly (number | undefined)[]): CpuCounters | undefined {
  try {
    let busyMs = 0;
    let totalMs = 0;
    for (const c of os.cpus()) {
      const busy = c.times.user + c.times.nice + c.times.sys + c.times.irq;
      busyMs += busy;
      totalMs += busy + c.times.idle;
    }
    const own = process.cpuUsage();
    const byPid = new Map<number, number>();
    for (const pid of pids) {
      if (pid === undefined) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // a PostgreSQL backend that has gone
      }
      // Fields 14 and 15 (utime, stime) in clock ticks of 10 ms; the command in field 2 may contain spaces.
      const fields = stat.split(') ')[1]!.split(' ');
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    }
    return { busyMs, totalMs, ownMs: (own.user + own.system) / 1000, byPid };
  } catch {
    return undefined;
  }
}

/**
 * Share of all cores' time between two readings that other processes kept busy: machine busy time minus ours. A
 * process first seen in `b` started inside the window (all its time counts); one gone by `b` is left out.
 */
function othersShare(a: CpuCounters | undefined, b: CpuCounters | undefined): number {
  if (!a || !b || b.totalMs <= a.totalMs) return Number.NaN;
  let ours = b.ownMs - a.ownMs;
  for (const [pid, ms] of b.byPid) ours += ms - (a.byPid.get(pid) ?? 0);
  return Math.max(0, (b.busyMs - a.busyMs - ours) / (b.totalMs - a.totalMs));
}

/** PostgreSQL backends connected to the benchmark database (other than the one asking). */
async function backendPids(): Promise<number[]> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

function gitInfo(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

function positiveInt(name: string, value: string, zeroOk = false): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < (zeroOk ? 0 : 1)) {
    process.stderr.write(`--${name} must be a ${zeroOk ? 'non-negative' : 'positive'} integer\n`);
    process.exit(2);
  }
  return n;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`\n[bench] FAILED: ${(error as Error).stack ?? error}\n[bench] ${RESULTS_FILE} was not updated\n`);
  await Promise.all(children.map((c) => c.stop(5_000)));
  process.exitCode = 1;
}
