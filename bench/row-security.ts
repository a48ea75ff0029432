/**
 * `npm run bench:row-security` (bench/run-row-security.sh builds first, then runs dist/bench/row-security.js).
 *
 * What row-level security costs the api. On the national data set (praksisbro_bench, seeded on first use like
 * bench:matching), the same TypeORM calls the api makes per request run through two data sources, interleaved:
 *   - baseline: the owner's connection, no row scopes (what the api did before row-level security),
 *   - scoped: the api's connection — role praksisbro_app, applyRowScopes, the caller's RowScope — so every
 *     statement pays the policies and the settings (BEGIN + set_config, COMMIT around an autocommit statement).
 * Both return the same rows (the calls carry the application's own filters; checked every round). Reports p50/p95
 * per call and the ratio scoped / baseline, and writes bench/results/row-security.json.
 *
 *   node dist/bench/row-security.js [--rounds 400] [--warmup 40]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DataSource, In } from 'typeorm';
import { Role } from '#lib/access';
import { applyRowScopes, postgresOptions, type RowScope, RowScopeHolder, RowScopes } from '#lib/database';
import { ConsentEntity, LanguageAssessmentEntity, ParticipantEntity } from '#lib/participants';
import { ENTITIES, MIGRATIONS } from '#lib/schema';
import { benchEnv, prepareDatabase } from './support/database.js';
import { type LatencySummary, msSince, round, summarise } from './support/stats.js';

const RESULTS_FILE = 'bench/results/row-security.json';
const { values: argv } = parseArgs({ options: { rounds: { type: 'string', default: '400' }, warmup: { type: 'string', default: '40' } } });
const ROUNDS = Number(argv.rounds);
const WARMUP = Number(argv.warmup);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro_bench';
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

interface Caller {
  readonly scope: RowScope;
  readonly organisationId: string;
  readonly servedUnits: string[];
}

/** One request's worth of database work, as the api does it, with the application's own filters. */
type Call = (ds: DataSource, caller: Caller) => Promise<string>;

const CALLS: Record<string, Call> = {
  // The advisor's participant list: a page of 20 from their unit, newest first.
  'advisor: participants page (20)': async (ds, c) =>
    ids(await ds.getRepository(ParticipantEntity).find({ where: { organisationId: c.organisationId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 20 })),
  // The same page's consents and language assessments, as the DataLoaders batch them.
  'advisor: consents + assessments of 20 (loaders)': async (ds, c) => {
    const page = await ds.getRepository(ParticipantEntity).find({ select: { id: true }, where: { organisationId: c.organisationId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 20 });
    const pids = page.map((p) => p.id);
    const [consents, assessments] = await Promise.all([
      ds.getRepository(ConsentEntity).find({ where: { participantId: In(pids) } }),
      ds.getRepository(LanguageAssessmentEntity).find({ where: { participantId: In(pids) } }),
    ]);
    return `${ids(consents)}|${ids(assessments)}`;
  },
  // A profile change: read under a row lock and write back in one transaction.
  'advisor: update one profile (transaction)': async (ds, c) =>
    ds.transaction(async (em) => {
      const [p] = await em.find(ParticipantEntity, { where: { organisationId: c.organisationId }, order: { id: 'ASC' }, take: 1, lock: { mode: 'pessimistic_write' } });
      await em.update(ParticipantEntity, p!.id, { hoursPerWeek: p!.hoursPerWeek });
      return p!.id;
    }),
  // A market contact's view: participants of the units its NAV office serves, counted and paged.
  'market contact: served units, count + page (20)': async (ds, c) => {
    const [rows, total] = await ds.getRepository(ParticipantEntity).findAndCount({ where: { organisationId: In(c.servedUnits) }, order: { id: 'ASC' }, take: 20 });
    return `${total}:${ids(rows)}`;
  },
};

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id).join(',');

async function main(): Promise<void> {
  const dataset = await prepareDatabase(DATABASE_URL, benchEnv(DATABASE_URL), { rebuild: false, log });
  const options = postgresOptions(DATABASE_URL, ENTITIES, MIGRATIONS);
  const baseline = await new DataSource({ ...options, extra: { ...options.extra, max: 4 } }).initialize();
  const scoped = applyRowScopes(await new DataSource({ ...options, extra: { ...options.extra, max: 4, options: '-c role=praksisbro_app' } }).initialize());

  // Callers with real data: busy units (many participants) and a NAV office serving several units.
  const advisors = (await baseline.query(
    `SELECT u.id AS user_id, u.organisation_id FROM users u JOIN participants p ON p.organisation_id = u.organisation_id
      WHERE u.role = 'ADVISOR' AND u.active GROUP BY u.id HAVING count(*) >= 50 ORDER BY u.id LIMIT 20`,
  )) as Array<{ user_id: string; organisation_id: string }>;
  const contacts = (await baseline.query(
    `SELECT u.id AS user_id, u.organisation_id, array_agg(DISTINCT unit.id) AS units FROM users u JOIN organisations unit ON unit.nav_office_id = u.organisation_id
      WHERE u.role = 'MARKET_CONTACT' AND u.active GROUP BY u.id, u.organisation_id ORDER BY u.id LIMIT 20`,
  )) as Array<{ user_id: string; organisation_id: string; units: string[] }>;
  if (advisors.length === 0 || contacts.length === 0) throw new Error('the data set has no advisors or market contacts to play');
  const callerFor = (name: string, round: number): Caller => {
    if (name.startsWith('market contact')) {
      const m = contacts[round % contacts.length]!;
      return { scope: { kind: 'caller', role: Role.MARKET_CONTACT, organisationId: m.organisation_id, userId: m.user_id, employerId: null }, organisationId: m.organisation_id, servedUnits: m.units };
    }
    const a = advisors[round % advisors.length]!;
    return { scope: { kind: 'caller', role: Role.ADVISOR, organisationId: a.organisation_id, userId: a.user_id, employerId: null }, organisationId: a.organisation_id, servedUnits: [] };
  };

  const samples = new Map<string, { baseline: number[]; scoped: number[] }>(Object.keys(CALLS).map((k) => [k, { baseline: [], scoped: [] }]));
  let mismatches = 0;
  log(`${ROUNDS} rounds (+${WARMUP} warm-up) of ${Object.keys(CALLS).length} calls, baseline and scoped interleaved`);
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    for (const [name, call] of Object.entries(CALLS)) {
      const caller = callerFor(name, r);
      // Alternate which side goes first, so neither always runs on a warmer cache.
      const order = r % 2 === 0 ? (['baseline', 'scoped'] as const) : (['scoped', 'baseline'] as const);
      const results: Record<string, string> = {};
      for (const side of order) {
        const started = process.hrtime.bigint();
        results[side] = side === 'baseline' ? await call(baseline, caller) : await RowScopes.run(new RowScopeHolder(caller.scope), () => call(scoped, caller));
        if (r >= WARMUP) samples.get(name)![side].push(msSince(started));
      }
      if (results.baseline !== results.scoped) mismatches++;
    }
  }
  await baseline.destroy();
  await scoped.destroy();

  const rows = [...samples].map(([name, s]) => {
    const b: LatencySummary = summarise(s.baseline);
    const sc: LatencySummary = summarise(s.scoped);
    return { call: name, baseline: b, scoped: sc, p50Ratio: round(sc.p50Ms / b.p50Ms), p95Ratio: round(sc.p95Ms / b.p95Ms) };
  });
  console.log(`\nRow-level security overhead (${ROUNDS} rounds, ${dataset.counts?.participants ?? '?'} participants; ms)\n`);
  console.log('| call | baseline p50 | scoped p50 | baseline p95 | scoped p95 | p50 ratio | p95 ratio |');
  console.log('|---|--:|--:|--:|--:|--:|--:|');
  for (const r of rows) console.log(`| ${r.call} | ${r.baseline.p50Ms} | ${r.scoped.p50Ms} | ${r.baseline.p95Ms} | ${r.scoped.p95Ms} | ${r.p50Ratio}× | ${r.p95Ratio}× |`);
  console.log(`\nresults identical on both sides in every round: ${mismatches === 0 ? 'yes' : `NO (${mismatches} differed)`}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ benchmark: 'row-security', date: new Date().toISOString(), rounds: ROUNDS, warmup: WARMUP, machine: { cpus: os.cpus().length, loadavg: os.loadavg() }, dataset, mismatches, rows }, null, 1)}\n`,
  );
  log(`wrote ${RESULTS_FILE}`);
  if (mismatches > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
