import { createWriteStream } from 'node:fs';
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { ApiHarness } from '../support/api-harness.js';
import { DatabaseFingerprint, type Fingerprint } from '../support/db-fingerprint.js';
import { type ArbitraryContext, type IdPools, inputComplexity, variablesArbitrary } from '../support/graphql-arbitraries.js';
import { PrivateDatabase } from '../support/private-database.js';
import { introspectSchema, operationFor, type RootField, rootFields, selectionFor } from '../support/schema-introspection.js';
import { callers, type RoleName, ROLES, TrustFixtures } from '../support/trust-world.js';

/*
 * Property-based fuzzing of every mutation's inputs (and, on a smaller budget, every query's arguments), generated from
 * the introspected input types (test/support/graphql-arbitraries.ts) and sent as GraphQL variables by users allowed to
 * call the mutation. Two properties, per mutation:
 *   1. no response is INTERNAL_SERVER_ERROR or an HTTP 5xx: bad input is a typed client error, whatever it is;
 *   2. no partial write: after any response with errors the database is exactly as before the call (a fingerprint of
 *      every application table, md5 of its rows in primary-key order). A successful call changes it: re-baseline.
 * The api runs on a small database of this file's own, where a trigger counts write statements per table: a
 * fingerprint re-hashes only the tables written to since the last one (most rejected calls write nothing at all).
 *
 *   FUZZ_INPUTS         generated mutation inputs in total (default 10000; CI runs the default)
 *   FUZZ_QUERY_INPUTS   generated query arguments in total (default 2000; 5xx only: queries do not write)
 *   FUZZ_SEED           base seed (default below; printed); each field's property runs with seed + its index
 *   FUZZ_ONLY           comma-separated field names, to replay one failure quickly
 *   FUZZ_PATH           with FUZZ_ONLY naming one field: fast-check's counterexample path, to replay exactly that input
 *   FUZZ_KEEP_GOING=1   exploring: do not stop (and shrink) at a field's first failure; count them all, show examples
 *   FUZZ_API_LOG=path   append the api's log (level error: the real causes behind INTERNAL_SERVER_ERROR) to a file
 * A failure prints the field, the seed, the shrunk counterexample (role, variables, document) and the response.
 */

const TOTAL = Number(process.env.FUZZ_INPUTS ?? 10_000);
const QUERY_TOTAL = Number(process.env.FUZZ_QUERY_INPUTS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const KEEP_GOING = process.env.FUZZ_KEEP_GOING === '1';
const PATH = process.env.FUZZ_PATH;
const API_LOG = process.env.FUZZ_API_LOG;
const ONLY = new Set((process.env.FUZZ_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean));
/** After the first failure of a property, shrink for at most this long, then report the smallest counterexample found. */
const SHRINK_BUDGET_MS = 20_000;

/**
 * Who fuzzes each mutation: callers allowed to make it, so inputs get past the access checks to the validation and the
 * writes. Every mutation of the schema must be listed (the first test fails otherwise), in the order they run:
 * destructive ones (archive, erase) last, so the world they would dismantle serves the others first.
 */
const MUTATIONS: Record<string, readonly RoleName[]> = {
  createEmployer: ['MARKET_CONTACT', 'ADVISOR', 'ADMIN'],
  updateEmployer: ['MARKET_CONTACT', 'EMPLOYER', 'ADMIN'],
  addEmployerSite: ['MARKET_CONTACT', 'EMPLOYER'],
  addEmployerContact: ['MARKET_CONTACT', 'EMPLOYER'],
  createPlacement: ['MARKET_CONTACT', 'EMPLOYER', 'ADVISOR'],
  updatePlacement: ['MARKET_CONTACT', 'EMPLOYER'],
  changePlacementStatus: ['MARKET_CONTACT', 'EMPLOYER'],
  createParticipant: ['ADVISOR'],
  updateParticipant: ['ADVISOR'],
  recordLanguageAssessment: ['ADVISOR', 'TEACHER'],
  recordConsent: ['ADVISOR'],
  assignTeacher: ['ADVISOR'],
  recordParticipantOutcome: ['ADVISOR'],
  suggestProposal: ['ADVISOR', 'MARKET_CONTACT'],
  changeProposalStatus: ['ADVISOR', 'MARKET_CONTACT', 'EMPLOYER'],
  agreeProposal: ['ADVISOR', 'MARKET_CONTACT'],
  scheduleFollowUp: ['ADVISOR', 'MARKET_CONTACT'],
  logFollowUp: ['ADVISOR', 'MARKET_CONTACT'],
  evaluateProposal: ['ADVISOR', 'EMPLOYER'],
  issueEmployerAnswerLink: ['ADVISOR', 'MARKET_CONTACT'],
  proposeAllocation: ['ADVISOR', 'MARKET_CONTACT'],
  markNotificationsRead: ROLES,
  markAllNotificationsRead: ROLES,
  retryDeadLetterNotification: ['ADMIN'],
  retryFailedJob: ['ADMIN'],
  retryAllFailedJobs: ['ADMIN'],
  setReminderRule: ['ADMIN'],
  withdrawConsent: ['ADVISOR'],
  archivePlacement: ['MARKET_CONTACT', 'EMPLOYER'],
  archiveEmployer: ['MARKET_CONTACT', 'ADMIN'],
  archiveParticipant: ['ADVISOR'],
  requestPlacement: ['ADVISOR'],
  eraseParticipant: ['ADVISOR'],
};

/** Long strings in a report: their start and length. */
const shorten = (_key: string, v: unknown) => (typeof v === 'string' && v.length > 300 ? `${v.slice(0, 60)}…(${v.length} chars)` : v);

interface Sent {
  readonly status: number;
  readonly body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
  readonly text: string;
}

interface Stats {
  inputs: number;
  ok: number;
  codes: Record<string, number>;
  fingerprints: number;
  fingerprintMs: number;
  requestMs: number;
  ms: number;
  failure?: string;
  /** With FUZZ_KEEP_GOING: every failing input (the first few kept). */
  failures: number;
  examples: string[];
}

describe('fuzzing every mutation (and query) with generated inputs', () => {
  let db: PrivateDatabase;
  let api: ApiHarness;
  let fx: TrustFixtures;
  let schema: GraphQLSchema;
  let roots: Map<string, RootField>;
  let fingerprint: DatabaseFingerprint;
  let baseline: Fingerprint;
  let ids: IdPools;
  let budget: Map<string, number>;
  const tokens = {} as Record<RoleName, string>;
  const stats = new Map<string, Stats>();
  const started = Date.now();

  /** One request over the keep-alive connection pool of Node's fetch. */
  const send = async (role: RoleName, query: string, variables: Record<string, unknown>): Promise<Sent> => {
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` }, body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    let body: Sent['body'] = null;
    try {
      body = JSON.parse(text) as Sent['body'];
    } catch {
      // not JSON (a 413 from Fastify, say): judged by its status
    }
    return { status: res.status, body, text };
  };

  beforeAll(async () => {
    process.stderr.write(`[fuzz] seed ${SEED} (FUZZ_SEED), ${TOTAL} mutation inputs (FUZZ_INPUTS), ${QUERY_TOTAL} query inputs (FUZZ_QUERY_INPUTS)\n`);
    db = await PrivateDatabase.open('fuzz');
    api = await ApiHarness.start({ DATABASE_URL: db.url, MEILI_URL: '', EMPLOYER_MONTHLY_PROPOSAL_CAP: '100000', EMPLOYER_COOLDOWN_DECLINES: '100000', LOG_LEVEL: API_LOG ? 'error' : 'fatal' });
    if (API_LOG) {
      const log = createWriteStream(API_LOG, { flags: 'a' });
      api.process.stdout!.on('data', (chunk: Buffer) => log.write(chunk));
      api.process.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
    }
    fx = await TrustFixtures.prepare(api, db.dataSource);
    const w = fx.w;
    // More of the process to aim at: proposals accepted, agreed (with planned follow-ups), started; mail that failed.
    for (const unit of ['A', 'B'] as const) {
      const placement = w.sides[unit === 'A' ? 'navA' : 'navB'].openPlacement;
      for (const status of ['ACCEPTED', 'AGREED', 'AGREED', 'STARTED'] as const) await fx.freshProposal(unit, placement, status);
    }
    for (let i = 0; i < 3; i++) await fx.failedEmail();
    const who = callers(w);
    for (const role of ROLES) {
      tokens[role] = await api.token(who[role].caller, 24 * 3600);
      for (let i = 0; i < 3; i++) await fx.notification(who[role].caller);
    }
    await api.ok(w.users.advisorA, `mutation { proposeAllocation { id } }`);

    const pool = async (sql: string) => ((await db.dataSource.query(sql)) as Array<{ id: string }>).map((r) => r.id);
    ids = {
      employer: await pool(`SELECT id FROM employers`),
      site: await pool(`SELECT id FROM employer_sites`),
      contact: await pool(`SELECT id FROM employer_contacts`),
      placement: await pool(`SELECT id FROM placements`),
      participant: await pool(`SELECT id FROM participants`),
      proposal: await pool(`SELECT id FROM proposals`),
      consent: await pool(`SELECT id FROM consents`),
      followUp: await pool(`SELECT id FROM follow_ups`),
      notification: await pool(`SELECT id FROM notifications`),
      user: await pool(`SELECT id FROM users`),
      teacher: await pool(`SELECT id FROM users WHERE role = 'TEACHER'`),
      advisor: await pool(`SELECT id FROM users WHERE role = 'ADVISOR'`),
      staff: await pool(`SELECT id FROM users WHERE role IN ('ADVISOR', 'MARKET_CONTACT')`),
      org: await pool(`SELECT id FROM organisations`),
      deadLetter: await pool(`SELECT id FROM email_messages`),
      allocationRun: await pool(`SELECT id FROM allocation_runs`),
    };

    schema = await introspectSchema(api, tokens.ADMIN);
    roots = new Map(rootFields(schema).map((r) => [`${r.kind} ${r.name}`, r]));
    fingerprint = await DatabaseFingerprint.prepare(db.dataSource, { trackWrites: true });
    baseline = await fingerprint.take();

    // The budget, shared out by how many values each field's arguments hold (at least 50 each).
    const share = (kind: 'mutation' | 'query', total: number, names: readonly string[]) => {
      const weights = names.map((n) => {
        const root = roots.get(`${kind} ${n}`);
        return root ? 1 + root.field.args.reduce((s, a) => s + inputComplexity(a.type), 0) : 1;
      });
      const sum = weights.reduce((a, b) => a + b, 0);
      return names.map((n, i) => [`${kind} ${n}`, Math.max(50, Math.ceil((total * weights[i]!) / sum))] as const);
    };
    const queries = [...roots.values()].filter((r) => r.kind === 'query').map((r) => r.name);
    budget = new Map([...share('mutation', TOTAL, Object.keys(MUTATIONS)), ...share('query', QUERY_TOTAL, queries)]);
    process.stderr.write(`[fuzz] world ready in ${Date.now() - started} ms; ${fingerprint.tables.length} tables fingerprinted\n`);
  }, 180_000);

  afterAll(async () => {
    const rows = [...stats.entries()].map(([name, s]) => `  ${name.padEnd(42)} ${String(s.inputs).padStart(6)} inputs ${String(s.ok).padStart(5)} ok ${String(s.ms).padStart(6)} ms (requests ${s.requestMs}, fingerprints ${s.fingerprints} in ${s.fingerprintMs})  ${s.failure ? 'FAILED' : ''} ${JSON.stringify(s.codes)}`);
    const inputs = [...stats.values()].reduce((n, s) => n + s.inputs, 0);
    process.stderr.write(`[fuzz] seed ${SEED}: ${inputs} inputs in ${Math.round((Date.now() - started) / 1000)} s\n${rows.join('\n')}\n`);
    await api?.stop();
    await db?.close();
  });

  it('fuzzes every mutation of the schema (MUTATIONS lists each one)', () => {
    const inSchema = [...roots.values()].filter((r) => r.kind === 'mutation').map((r) => r.name).sort();
    const listed = Object.keys(MUTATIONS).sort();
    expect({ unlisted: inSchema.filter((m) => !listed.includes(m)), gone: listed.filter((m) => !inSchema.includes(m)) }).toEqual({ unlisted: [], gone: [] });
  });

  /** Runs one field's property; returns a readable failure or null. */
  const fuzz = async (kind: 'mutation' | 'query', name: string, roles: readonly RoleName[], index: number): Promise<string | null> => {
    const root = roots.get(`${kind} ${name}`);
    if (!root) return `${kind} ${name} is not in the schema`;
    const numRuns = budget.get(`${kind} ${name}`)!;
    const ctx: ArbitraryContext = { ids, operation: name };
    const variables = variablesArbitrary(root.field.args, ctx);
    const selection = selectionFor(schema, root.field.type, { depth: 0 });
    const s: Stats = { inputs: 0, ok: 0, codes: {}, fingerprints: 0, fingerprintMs: 0, requestMs: 0, ms: 0, failures: 0, examples: [] };
    stats.set(`${kind} ${name}`, s);
    const t0 = Date.now();
    let firstFailureAt: number | null = null;
    let lastProblem = '';

    const property = fc.asyncProperty(fc.constantFrom(...roles), variables, async (role, vars) => {
      if (firstFailureAt !== null && Date.now() - firstFailureAt > SHRINK_BUDGET_MS) return true; // shrinking budget spent
      s.inputs++;
      const document = operationFor(root, vars, selection);
      const t = Date.now();
      const res = await send(role, document, vars);
      s.requestMs += Date.now() - t;
      const codes = res.body?.errors?.map((e) => e.extensions?.code ?? 'NO_CODE') ?? [];
      for (const c of codes.length ? codes : ['OK']) s.codes[c] = (s.codes[c] ?? 0) + 1;
      const fail = (problem: string) => {
        lastProblem = `${problem}\n  as ${role}: ${document}\n  variables ${JSON.stringify(vars, shorten)}\n  response ${res.status}: ${res.text.slice(0, 800)}`;
        s.failures++;
        if (KEEP_GOING) {
          if (s.examples.length < 3) s.examples.push(lastProblem);
          return true;
        }
        firstFailureAt ??= Date.now();
        return false;
      };
      if (res.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) return fail('INTERNAL_SERVER_ERROR / 5xx');
      // Throttled calls test nothing: the test environment must let the fuzzer through.
      if (res.status === 429) throw new Error(`the api answered 429 (rate limited) to the fuzzer: raise the limit for tests\n${res.text.slice(0, 300)}`);
      if (kind === 'query') return true;
      const failed = res.status >= 400 || codes.length > 0 || !res.body;
      s.fingerprints++;
      const tf = Date.now();
      const after = await fingerprint.take();
      s.fingerprintMs += Date.now() - tf;
      if (!failed) {
        s.ok++;
        baseline = after; // a successful call changes the database legitimately
        return true;
      }
      const changed = DatabaseFingerprint.changed(baseline, after);
      baseline = after;
      if (changed.length) return fail(`PARTIAL WRITE: a call that answered with errors changed ${changed.join(', ')}`);
      return true;
    });

    const details = await fc.check(property, { seed: SEED + index, numRuns, ...(PATH && ONLY.size === 1 ? { path: PATH } : {}) });
    s.ms = Date.now() - t0;
    if (KEEP_GOING && s.failures > 0) {
      s.failure = s.examples[0];
      return `${kind} ${name}: ${s.failures} of ${s.inputs} inputs failed; examples:\n${s.examples.join('\n')}`;
    }
    if (!details.failed) return null;
    if (!lastProblem) lastProblem = String(details.errorInstance ?? 'property failed');
    const [role, vars] = details.counterexample ?? [];
    s.failure = lastProblem;
    return [
      `${kind} ${name}: ${lastProblem.split('\n')[0]}`,
      `seed ${SEED + index}, after ${details.numRuns} runs and ${details.numShrinks} shrinks; replay: FUZZ_SEED=${SEED} FUZZ_ONLY=${name} FUZZ_PATH=${details.counterexamplePath}`,
      `shrunk counterexample: role ${role}, variables ${JSON.stringify(vars, shorten)}`,
      `last failing call (from the shrinking):${lastProblem.slice(lastProblem.indexOf('\n'))}`,
    ].join('\n');
  };

  // A field's seed is the base seed plus its place in the full list, so FUZZ_ONLY replays the same inputs.
  const mutationNames = Object.keys(MUTATIONS).map((m, i) => [m, i] as const).filter(([m]) => ONLY.size === 0 || ONLY.has(m));
  it.each(mutationNames)('mutation %s: no 5xx, no partial write', async (name, i) => {
    const failure = await fuzz('mutation', name, MUTATIONS[name]!, i);
    if (failure) throw new Error(failure);
  }, 600_000);

  it('every query: no 5xx for any role, whatever the arguments', async () => {
    const failures: string[] = [];
    const queries = [...roots.values()].filter((r) => r.kind === 'query');
    for (const [i, r] of queries.entries()) {
      if (ONLY.size > 0 && !ONLY.has(r.name)) continue;
      const failure = await fuzz('query', r.name, ROLES, 1000 + i);
      if (failure) failures.push(failure);
    }
    if (failures.length) throw new Error(`${failures.length} queries answered INTERNAL_SERVER_ERROR:\n\n${failures.join('\n\n')}`);
  }, 600_000);

  it('sent at least the budget of mutation inputs (a property that failed stops early: its failure is reported above)', () => {
    const mutations = [...stats.entries()].filter(([k]) => k.startsWith('mutation'));
    const inputs = mutations.reduce((n, [, s]) => n + s.inputs, 0);
    if (ONLY.size === 0 && mutations.every(([, s]) => !s.failure)) expect(inputs).toBeGreaterThanOrEqual(TOTAL);
  });
});
