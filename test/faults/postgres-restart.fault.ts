/**
 * FAULT 1: PostgreSQL stops (pg_ctl stop -m fast) for a few seconds and starts again while several clients keep
 * reading and writing through the api. A private cluster of this test's own (never the shared server).
 *
 * Asserts:
 *  - while it is down every request is answered within FAIL_FAST_MS with a typed SERVICE_UNAVAILABLE
 *    (never INTERNAL_SERVER_ERROR, never a hang, never a dropped connection);
 *  - the api and the worker recover by themselves (same processes) within RECOVERY_MS of PostgreSQL accepting
 *    connections again, and every request after that succeeds;
 *  - no partial writes: every mutation acknowledged with data exists exactly once with all its rows (the row and
 *    its outbox events; an update has exactly one event per acknowledged call), every failed one left nothing;
 *  - the worker relays every committed event and the search index holds every acknowledged placement afterwards.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { createWorld, type World } from '../support/world.js';
import { Db, gql, marker, ok, type Outcome, percentile, round, serviceEnv } from './support/client.js';
import { PrivatePostgres } from './support/private-postgres.js';
import { PrivateRedis } from './support/private-redis.js';
import { type NodeProcess, runScript, sleep, startApi, startWorker, waitFor } from './support/processes.js';

const CLIENTS = 6;
const THINK_MS = 40;
const DOWN_MS = 5_000;
const FAIL_FAST_MS = 2_000;
const RECOVERY_MS = 5_000;
/** Writers without think time around the stop, so several transactions are open when the server terminates them. */
const WRITERS = 12;

type Op = 'me' | 'listPlacements' | 'readParticipant' | 'searchPlacements' | 'createPlacement' | 'createParticipant' | 'updateParticipant';
interface Call extends Outcome {
  readonly op: Op;
  readonly client: number;
  readonly marker?: string;
  /** updateParticipant: the participant changed. */
  readonly subjectId?: string;
}

const CREATE_PLACEMENT = `mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }`;
const CREATE_PARTICIPANT = `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`;
const UPDATE_PARTICIPANT = `mutation($id: ID!, $input: UpdateParticipantInput!) { updateParticipant(id: $id, input: $input) { id } }`;
const LIST_PLACEMENTS = `{ placements(first: 10, filter: { status: [OPEN] }) { totalCount nodes { id title employer { name } } } }`;
const READ_PARTICIPANT = `query($id: ID!) { participant(id: $id) { id displayName } }`;
const SEARCH = `query($q: String) { searchPlacements(query: $q, first: 5) { totalCount nodes { id } } }`;

describe('FAULT: PostgreSQL stops for a few seconds under load', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let db: Db;
  let api: { proc: NodeProcess; url: string };
  let worker: NodeProcess;
  let world: World;
  const ownParticipants: string[] = [];
  let placementEvents: string[] = [];
  let participantEvents: string[] = [];

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    redis = await PrivateRedis.create();
    const env = serviceEnv({ DATABASE_URL: pg.url('praksisbro_faults'), REDIS_URL: redis.url, QUEUE_PREFIX: 'praksisbro-faults' });
    await runScript('dist/scripts/migrate.js', ['--create-database'], env);
    db = new Db(env.DATABASE_URL);
    world = await createWorld(db.asDataSource());
    api = await startApi(env);
    worker = startWorker(env);
    // One participant per client for its updates, and the event types a healthy create writes.
    for (let i = 0; i < CLIENTS; i++) ownParticipants.push(await createParticipant(api.url, world, marker()));
    const pl = await createPlacement(api.url, world, marker());
    // The worker is up (relaying and indexing) before the fault: a worker still booting is not what this tests.
    await waitFor('worker relaying and indexing', async () => (await db.count(`SELECT count(*) AS n FROM search_placements WHERE id = $1`, [pl])) === 1, 60_000);
    placementEvents = (await db.rows<{ type: string }>(`SELECT type FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [pl])).map((r) => r.type);
    participantEvents = (await db.rows<{ type: string }>(`SELECT type FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [ownParticipants[0]])).map((r) => r.type);
    expect(placementEvents).toEqual(['PlacementCreated', 'PlacementOpened']);
    expect(participantEvents.length).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.proc.stop();
    await db?.close().catch(() => undefined);
    await redis?.destroy();
    await pg?.destroy();
  });

  it('fails fast with SERVICE_UNAVAILABLE while down, recovers by itself, and leaves no partial writes', async () => {
    const calls: Call[] = [];
    let stopLoad = false;
    const apiPid = api.proc.pid;
    const workerPid = worker.pid;

    const client = async (n: number) => {
      const own = ownParticipants[n]!;
      for (let i = 0; !stopLoad; i++) {
        const roll = (i * 7 + n * 3) % 10; // a fixed rotation: every client mixes reads and writes
        let call: Call;
        if (roll < 2) call = await createPlacementCall(api.url, world, n);
        else if (roll < 3) call = await createParticipantCall(api.url, world, n);
        else if (roll < 4) {
          const m = marker();
          call = { op: 'updateParticipant', client: n, marker: m, subjectId: own, ...(await gql(api.url, world.users.advisorA, UPDATE_PARTICIPANT, { id: own, input: { familyNotes: `fault ${m}` } })) };
        } else if (roll < 6) call = { op: 'listPlacements', client: n, ...(await gql(api.url, world.users.marketA, LIST_PLACEMENTS)) };
        else if (roll < 7) call = { op: 'readParticipant', client: n, ...(await gql(api.url, world.users.advisorA, READ_PARTICIPANT, { id: own })) };
        else if (roll < 8) call = { op: 'searchPlacements', client: n, ...(await gql(api.url, world.users.marketA, SEARCH, { q: 'barnehage' })) };
        else call = { op: 'me', client: n, ...(await gql(api.url, world.users.advisorA, `{ me { id } }`)) };
        calls.push(call);
        await sleep(THINK_MS);
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));

    // Healthy for a while, then PostgreSQL goes away for DOWN_MS and comes back. The stop lands on a burst of
    // writers, so transactions are caught half-way (the interesting case for partial writes and error mapping).
    await sleep(2_750);
    let pressure = true;
    const writers = Promise.all(Array.from({ length: WRITERS }, async (_, i) => {
      for (let k = 0; pressure; k++) calls.push(await ((i + k) % 2 ? createPlacementCall(api.url, world, 100 + i) : createParticipantCall(api.url, world, 100 + i)));
    }));
    await sleep(250);
    const stopIssued = performance.now();
    await pg.stop('fast');
    const stopped = performance.now();
    await sleep(1_000);
    pressure = false;
    await writers;
    await sleep(DOWN_MS);
    const startIssued = performance.now();
    await pg.start();
    const up = performance.now();
    // Recovered: every operation has succeeded at least once after the server accepted connections again.
    const ops: Op[] = ['me', 'listPlacements', 'readParticipant', 'searchPlacements', 'createPlacement', 'createParticipant', 'updateParticipant'];
    const firstSuccessAfterUp = (op: Op) => calls.find((c) => c.op === op && c.startedAt >= up && !c.code);
    await waitFor('every operation succeeding again', async () => ops.every((op) => firstSuccessAfterUp(op)), 20_000).catch(() => undefined);
    const recoveredAt = Math.max(...ops.map((op) => firstSuccessAfterUp(op)?.endedAt ?? Number.POSITIVE_INFINITY));
    await sleep(3_000);
    stopLoad = true;
    await load;

    // ---- Figures -------------------------------------------------------------------------------------------
    const failed = calls.filter((c) => c.code);
    const duringOutage = calls.filter((c) => c.startedAt >= stopped && c.endedAt <= startIssued);
    const overlapping = calls.filter((c) => c.endedAt >= stopIssued && c.startedAt <= up);
    const afterRecovery = calls.filter((c) => c.startedAt >= recoveredAt + 1_000);
    const codes = count(failed.map((c) => `${c.code} (HTTP ${c.status})`));
    const figures = {
      requests: calls.length,
      failed: failed.length,
      errorCodes: codes,
      stopMs: round(stopped - stopIssued),
      startMs: round(up - startIssued),
      downMs: round(up - stopped),
      duringOutage: { requests: duringOutage.length, failed: duringOutage.filter((c) => c.code).length, maxMs: round(Math.max(0, ...duringOutage.map((c) => c.ms))), p95Ms: round(percentile(duringOutage.map((c) => c.ms), 95)) },
      maxFailedMs: round(Math.max(0, ...failed.map((c) => c.ms))),
      maxOverlappingMs: round(Math.max(0, ...overlapping.map((c) => c.ms))),
      recoveryMsAfterStart: round(recoveredAt - up),
      perOpRecoveryMs: Object.fromEntries(ops.map((op) => [op, round((firstSuccessAfterUp(op)?.endedAt ?? Number.NaN) - up)])),
      failedAfterRecovery: afterRecovery.filter((c) => c.code).length,
    };
    process.stderr.write(`[fault: postgres restart] ${JSON.stringify(figures)}\n`);
    const internal = failed.filter((c) => !['SERVICE_UNAVAILABLE'].includes(c.code!));
    if (internal.length) {
      process.stderr.write(`[fault: postgres restart] untyped failures, e.g. ${JSON.stringify(internal.slice(0, 3))}\napi log:\n${api.proc.errorLines.slice(0, 5).join('\n')}\n`);
    }

    // ---- No partial writes (checked before the assertions on timing, so a failure reports both) ---------------
    const created = await checkCreates(db, calls, placementEvents, participantEvents);
    const updates = await checkUpdates(db, calls);
    process.stderr.write(`[fault: postgres restart] writes ${JSON.stringify({ ...created.figures, ...updates.figures })}\n`);
    mkdirSync('test/faults/results', { recursive: true });
    writeFileSync('test/faults/results/postgres-restart.json', `${JSON.stringify({ at: new Date().toISOString(), ...figures, writes: { ...created.figures, ...updates.figures } }, null, 2)}\n`);

    // Neither process died or was replaced: recovery is the same processes reconnecting.
    if (api.proc.unexpectedExit || worker.unexpectedExit) process.stderr.write(`[fault: postgres restart] ${api.proc.unexpectedExit ?? ''}\n${worker.unexpectedExit ?? ''}\n`);
    expect(api.proc.unexpectedExit?.slice(0, 3000)).toBeUndefined();
    expect(worker.unexpectedExit?.slice(0, 3000)).toBeUndefined();
    expect(duringOutage.length).toBeGreaterThan(10); // the fault was actually exercised
    expect(duringOutage.every((c) => c.code)).toBe(true);
    // Fail fast, typed: nothing slower than FAIL_FAST_MS, nothing but SERVICE_UNAVAILABLE, no hang, no reset.
    expect(failed.filter((c) => c.ms >= FAIL_FAST_MS).map((c) => `${c.op} ${round(c.ms)} ms ${c.code}`)).toEqual([]);
    expect(internal.map((c) => `${c.op}: ${c.code} (HTTP ${c.status}) ${c.message}`)).toEqual([]);
    // Recovers by itself, quickly, and stays recovered.
    expect(figures.recoveryMsAfterStart).toBeLessThan(RECOVERY_MS);
    expect(afterRecovery.filter((c) => c.code).map((c) => `${c.op}: ${c.code}`)).toEqual([]);
    expect([api.proc.pid, worker.pid]).toEqual([apiPid, workerPid]);
    // No partial writes.
    expect(created.problems).toEqual([]);
    expect(updates.problems).toEqual([]);

    // The worker recovered too: every committed event relayed, every acknowledged placement searchable.
    const acked = calls.filter((c) => c.op === 'createPlacement' && !c.code).map((c) => c.data!.createPlacement.id as string);
    await waitFor('outbox drained and the search index complete', async () =>
      (await db.count(`SELECT count(*) AS n FROM outbox_events WHERE relayed_at IS NULL`)) === 0 &&
      (await db.count(`SELECT count(*) AS n FROM search_placements WHERE id = ANY($1::uuid[])`, [acked])) === acked.length, 30_000);
  }, 150_000);
});

// ---------------------------------------------------------------------------------------------------------------

function placementInput(world: World, m: string) {
  return {
    type: 'LANGUAGE_PRACTICE', title: `Feilprøve barnehage ${m}`, occupationCode: '5311', employerId: world.employer1, siteId: world.site1,
    startDate: '2026-12-07', endDate: '2027-03-31', weekdays: ['MON', 'TUE'], hoursPerWeek: 12, requiredNorwegian: { oral: 'A2' }, publish: true,
  };
}

function participantInput(m: string) {
  return {
    firstName: 'Olena', lastName: `Feil${m}`, birthYear: 1988, protectionBasis: 'COLLECTIVE_PROTECTION', settlementDate: '2025-03-01',
    programmeStart: '2025-04-01', programmeEnd: '2026-12-31', finalGoal: 'WORK', wantedOccupations: ['5311'], availableWeekdays: ['MON', 'TUE'],
    hoursPerWeek: 15, reachableAreas: ['OSLO-ALNA'],
  };
}

async function createPlacementCall(url: string, world: World, client: number): Promise<Call> {
  const m = marker();
  return { op: 'createPlacement', client, marker: m, ...(await gql(url, world.users.marketA, CREATE_PLACEMENT, { input: placementInput(world, m) })) };
}

async function createParticipantCall(url: string, world: World, client: number): Promise<Call> {
  const m = marker();
  return { op: 'createParticipant', client, marker: m, ...(await gql(url, world.users.advisorA, CREATE_PARTICIPANT, { input: participantInput(m) })) };
}

async function createPlacement(url: string, world: World, m: string): Promise<string> {
  return (await ok(url, world.users.marketA, CREATE_PLACEMENT, { input: placementInput(world, m) })).createPlacement.id;
}

async function createParticipant(url: string, world: World, m: string): Promise<string> {
  return (await ok(url, world.users.advisorA, CREATE_PARTICIPANT, { input: participantInput(m) })).createParticipant.id;
}

function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Every acknowledged create exists once with all its events; every failed one left no row at all. */
async function checkCreates(db: Db, calls: Call[], placementEvents: string[], participantEvents: string[]) {
  const problems: string[] = [];
  const figures = { placementsAcked: 0, placementsFailed: 0, participantsAcked: 0, participantsFailed: 0, failedButCommitted: 0 };
  for (const c of calls.filter((x) => x.op === 'createPlacement' || x.op === 'createParticipant')) {
    const isPlacement = c.op === 'createPlacement';
    const rows = isPlacement
      ? await db.rows<{ id: string }>(`SELECT id FROM placements WHERE title = $1`, [`Feilprøve barnehage ${c.marker}`])
      : await db.rows<{ id: string }>(`SELECT id FROM participants WHERE last_name = $1`, [`Feil${c.marker}`]);
    const events = rows.length
      ? (await db.rows<{ type: string }>(`SELECT type FROM outbox_events WHERE aggregate_id = ANY($1::uuid[]) ORDER BY id`, [rows.map((r) => r.id)])).map((r) => r.type)
      : [];
    const expected = isPlacement ? placementEvents : participantEvents;
    if (!c.code) {
      isPlacement ? figures.placementsAcked++ : figures.participantsAcked++;
      const id = (isPlacement ? c.data!.createPlacement : c.data!.createParticipant).id as string;
      if (rows.length !== 1 || rows[0]!.id !== id) problems.push(`${c.op} ${c.marker} acknowledged as ${id}, rows: ${JSON.stringify(rows)}`);
      else if (JSON.stringify(events) !== JSON.stringify(expected)) problems.push(`${c.op} ${id}: events ${JSON.stringify(events)}, expected ${JSON.stringify(expected)}`);
    } else {
      isPlacement ? figures.placementsFailed++ : figures.participantsFailed++;
      if (rows.length) {
        figures.failedButCommitted++;
        problems.push(`${c.op} ${c.marker} answered ${c.code} after ${round(c.ms)} ms but committed ${rows.length} row(s) with events ${JSON.stringify(events)}`);
      }
    }
  }
  return { problems, figures };
}

/** Each client updates only its own participant: one ParticipantUpdated event per acknowledged call, the last acknowledged value stored. */
async function checkUpdates(db: Db, calls: Call[]) {
  const problems: string[] = [];
  const updates = calls.filter((c) => c.op === 'updateParticipant');
  const bySubject = new Map<string, Call[]>();
  for (const c of updates) bySubject.set(c.subjectId!, [...(bySubject.get(c.subjectId!) ?? []), c]);
  for (const [id, list] of bySubject) {
    const acked = list.filter((c) => !c.code);
    const events = await db.count(`SELECT count(*) AS n FROM outbox_events WHERE aggregate_id = $1 AND type = 'ParticipantUpdated'`, [id]);
    if (events !== acked.length) problems.push(`participant ${id}: ${acked.length} acknowledged updates, ${events} ParticipantUpdated events (${list.length - acked.length} failed)`);
    const [row] = await db.rows<{ family_notes: string | null }>(`SELECT family_notes FROM participants WHERE id = $1`, [id]);
    const lastAcked = acked[acked.length - 1];
    const last = list[list.length - 1]!;
    if (lastAcked && last === lastAcked && row!.family_notes !== `fault ${lastAcked.marker}`) problems.push(`participant ${id}: stored "${row!.family_notes}", last acknowledged "fault ${lastAcked.marker}"`);
    const stored = list.find((c) => `fault ${c.marker}` === row!.family_notes);
    if (stored?.code) problems.push(`participant ${id}: stores the value of a call answered ${stored.code}`);
  }
  return { problems, figures: { updatesAcked: updates.filter((c) => !c.code).length, updatesFailed: updates.filter((c) => c.code).length } };
}
