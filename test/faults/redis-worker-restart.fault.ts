/**
 * FAULT 2: Redis is SIGKILLed and restarted (its append-only file kept), and the worker is SIGKILLed and restarted,
 * while clients keep creating and changing placements and participants and proposing candidates through the api.
 * A private redis-server and a private PostgreSQL cluster of this test's own.
 *
 * Asserts, after waiting for quiescence (not for the 10-minute reconciliation: the outbox and the queues must
 * deliver everything by themselves):
 *  - the api answered every request (Redis is not on the write path);
 *  - zero lost and zero duplicated search updates: every placement and participant is in the index exactly once,
 *    built from its latest version, and `searchPlacements` / `searchParticipants` find each exactly once by its
 *    current marker (and a placement no longer by a replaced one);
 *  - zero lost and zero duplicated notifications: per event the expected deliveries (advisor in-app for a
 *    suggestion; employer user in-app and employer contact email for PROPOSED), each exactly once per dedupe key,
 *    each consumed once, every email item sent.
 * A second case wipes Redis (it comes back empty) after jobs were relayed but before they were consumed: every
 * consumer that must see every event (search, notifications, the activity log) catches up by itself within seconds
 * (the worker's outbox sweeper re-adds the lost jobs), without waiting for the 10-minute search reconciliation, and
 * the job schedulers Redis held are back without a worker restart.
 */
import { Queue } from 'bullmq';
import { mkdirSync, writeFileSync } from 'node:fs';
import { SmtpCapture } from '../../libs/notifications/src/testing/smtp-capture.js';
import { createWorld, type World } from '../support/world.js';
import { Db, gql, marker, ok, type Outcome, round, serviceEnv } from './support/client.js';
import { PrivatePostgres } from './support/private-postgres.js';
import { PrivateRedis } from './support/private-redis.js';
import { type NodeProcess, runScript, sleep, startApi, startWorker, waitFor } from './support/processes.js';

const CLIENTS = 4;
const LOAD_MS = 14_000;
const QUIESCENCE_MS = 150_000; // a job active in a SIGKILLed worker comes back after BullMQ's lock (30 s) and stall check (30 s); seen 57–88 s on 2 busy cores
const FUTURE = { startDate: '2026-12-07', endDate: '2027-03-31', weekdays: ['MON', 'TUE'], hoursPerWeek: 12, requiredNorwegian: {}, occupationCode: '9112' };

const CREATE_PLACEMENT = `mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }`;
const UPDATE_PLACEMENT = `mutation($id: ID!, $input: UpdatePlacementInput!) { updatePlacement(id: $id, input: $input) { id } }`;
const CREATE_PARTICIPANT = `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`;
const SUGGEST = `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`;
const PROPOSE = `mutation($id: ID!) { changeProposalStatus(id: $id, status: PROPOSED) { id } }`;
const CONSENT = `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "arabisk", givenOn: "2026-11-01" }) { id } }`;

interface Call extends Outcome {
  readonly op: string;
}

describe('FAULT: Redis restart and worker SIGKILL under load', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let smtp: SmtpCapture;
  let db: Db;
  let env: Record<string, string>;
  let api: { proc: NodeProcess; url: string };
  let workers: NodeProcess[] = [];
  let world: World;
  let contactEmail: string;
  const pool: string[] = []; // participants with consent, to propose

  const placementTitle = (m: string) => `Lagermedarbeider ${m}`;
  const participantInput = (m: string) => ({
    firstName: 'Amal', lastName: `Redis${m}`, birthYear: 1990, protectionBasis: 'COLLECTIVE_PROTECTION', settlementDate: '2025-03-01',
    programmeStart: '2025-04-01', programmeEnd: '2027-06-30', finalGoal: 'WORK', wantedOccupations: ['9112'], availableWeekdays: ['MON', 'TUE'],
    hoursPerWeek: 15, reachableAreas: ['OSLO-ALNA', 'OSLO-GRORUD'],
  });
  const placementInput = (m: string) => ({ ...FUTURE, type: 'WORK_PRACTICE', title: placementTitle(m), employerId: world.employer1, siteId: world.site1, publish: true });

  beforeAll(async () => {
    [pg, redis, smtp] = await Promise.all([PrivatePostgres.create(), PrivateRedis.create(), SmtpCapture.start()]);
    env = serviceEnv({
      DATABASE_URL: pg.url('praksisbro_faults'), REDIS_URL: redis.url, SMTP_URL: smtp.url, QUEUE_PREFIX: 'praksisbro-faults', PUBLIC_URL: 'https://praksisbro.test',
      NOTIFY_DIGEST_WINDOW_MS: '1000', QUEUE_REPAIR_INTERVAL_MS: '2000',
    });
    await runScript('dist/scripts/migrate.js', ['--create-database'], env);
    db = new Db(env.DATABASE_URL);
    world = await createWorld(db.asDataSource());
    await db.rows(`UPDATE users SET email = 'staff-' || id || '@intro.test' WHERE id = ANY($1::uuid[])`, [Object.values(world.users)]);
    contactEmail = `kontakt-${marker()}@solsikken.test`;
    await db.rows(`INSERT INTO employer_contacts (employer_id, name, email, language) VALUES ($1, 'Kari Kontakt', $2, 'nb')`, [world.employer1, contactEmail]);
    api = await startApi(env);
    workers.push(startWorker(env));
    for (let i = 0; i < 12; i++) {
      const id = (await ok(api.url, world.users.advisorA, CREATE_PARTICIPANT, { input: participantInput(marker()) })).createParticipant.id as string;
      await ok(api.url, world.users.advisorA, CONSENT, { id });
      pool.push(id);
    }
    await waitFor('worker indexing', async () => (await db.count(`SELECT count(*) AS n FROM search_participants WHERE id = ANY($1::uuid[])`, [pool])) === pool.length, 60_000);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await api?.proc.stop();
    await db?.close().catch(() => undefined);
    await smtp?.close();
    await redis?.destroy();
    await pg?.destroy();
  });

  it('loses and duplicates no search update and no notification across a Redis restart and a worker SIGKILL', async () => {
    const calls: Call[] = [];
    const placements = new Map<string, string>(); // id → current marker
    const replaced: Array<{ id: string; marker: string }> = [];
    const participants = new Map<string, string>(); // id → marker
    const proposals: string[] = [];
    const usedPairs = new Set<string>();
    let stop = false;
    const call = async (op: string, user: string, query: string, variables: Record<string, unknown>) => {
      const o = await gql(api.url, user, query, variables);
      calls.push({ op, ...o });
      return o;
    };

    const client = async (n: number) => {
      const own: string[] = [];
      for (let i = 0; !stop; i++) {
        const roll = (i * 3 + n) % 10;
        if (roll < 3 || own.length === 0) {
          const m = marker();
          const o = await call('createPlacement', world.users.marketA, CREATE_PLACEMENT, { input: placementInput(m) });
          if (!o.code) {
            placements.set(o.data!.createPlacement.id, m);
            own.push(o.data!.createPlacement.id);
          }
        } else if (roll < 4) {
          const id = own[i % own.length]!;
          const m = marker();
          const o = await call('updatePlacement', world.users.marketA, UPDATE_PLACEMENT, { id, input: { title: placementTitle(m) } });
          if (!o.code) {
            replaced.push({ id, marker: placements.get(id)! });
            placements.set(id, m);
          }
        } else if (roll < 7) {
          const m = marker();
          const o = await call('createParticipant', world.users.advisorA, CREATE_PARTICIPANT, { input: participantInput(m) });
          if (!o.code) participants.set(o.data!.createParticipant.id, m);
        } else {
          const placementId = own[own.length - 1]!;
          const participantId = pool.find((p) => !usedPairs.has(`${p}/${placementId}`));
          if (!participantId) continue;
          usedPairs.add(`${participantId}/${placementId}`);
          const s = await call('suggestProposal', world.users.marketA, SUGGEST, { p: participantId, pl: placementId });
          if (!s.code) {
            const p = await call('proposeProposal', world.users.marketA, PROPOSE, { id: s.data!.suggestProposal.id });
            if (!p.code) proposals.push(s.data!.suggestProposal.id);
          }
        }
        await sleep(30);
      }
    };

    const started = performance.now();
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const timeline: Record<string, number> = {};
    const at = (label: string) => (timeline[label] = round(performance.now() - started));
    await sleep(3_000);
    at('redisKilled');
    await redis.kill();
    await sleep(2_500);
    await redis.start();
    at('redisStarted');
    await sleep(2_500);
    at('workerKilled');
    await workers[0]!.stop('SIGKILL');
    await sleep(1_000);
    workers.push(startWorker(env));
    at('workerStarted');
    await sleep(Math.max(0, LOAD_MS - (performance.now() - started)));
    stop = true;
    await load;
    at('loadStopped');

    // ---- Quiescence: everything relayed, indexed at its latest version, every notification delivered -----------
    const placementIds = [...placements.keys()];
    const participantIds = [...participants.keys(), ...pool];
    const notificationEvents = await db.rows<{ id: string; type: string; to: string | null }>(
      `SELECT id, type, payload->>'to' AS to FROM outbox_events WHERE aggregate_id = ANY($1::uuid[]) AND type IN ('ProposalCreated', 'ProposalStatusChanged') ORDER BY id`,
      [proposals],
    );
    const eventIds = notificationEvents.map((e) => e.id);
    const expectedDeliveries = notificationEvents.reduce((n, e) => n + (e.type === 'ProposalCreated' ? 1 : e.to === 'PROPOSED' ? 2 : 0), 0);
    const staleSql = (table: 'placement' | 'participant') =>
      table === 'placement'
        ? `SELECT count(*) AS n FROM placements p JOIN employers e ON e.id = p.employer_id LEFT JOIN search_placements s ON s.id = p.id
            WHERE p.id = ANY($1::uuid[]) AND (s.id IS NULL OR s.version <> (extract(epoch from greatest(p.updated_at, e.updated_at)) * 1000000)::bigint)`
        : `SELECT count(*) AS n FROM participants p LEFT JOIN search_participants s ON s.id = p.id
            WHERE p.id = ANY($1::uuid[]) AND (s.id IS NULL OR s.version <> (extract(epoch from p.updated_at) * 1000000)::bigint)`;
    const state = async () => ({
      unrelayed: await db.count(`SELECT count(*) AS n FROM outbox_events WHERE relayed_at IS NULL`),
      placementsNotCurrent: await db.count(staleSql('placement'), [placementIds]),
      participantsNotCurrent: await db.count(staleSql('participant'), [participantIds]),
      deliveries: await db.count(`SELECT count(*) AS n FROM notification_deliveries WHERE event_id = ANY($1::bigint[])`, [eventIds]),
      emailsUnsent: await db.count(`SELECT count(*) AS n FROM notification_deliveries WHERE event_id = ANY($1::bigint[]) AND channel = 'EMAIL' AND status <> 'SENT'`, [eventIds]),
      consumed: await db.count(`SELECT count(*) AS n FROM consumed_events WHERE consumer = 'notifications' AND event_id = ANY($1::bigint[])`, [eventIds]),
    });
    const quiet = (s: Awaited<ReturnType<typeof state>>) =>
      s.unrelayed === 0 && s.placementsNotCurrent === 0 && s.participantsNotCurrent === 0 && s.deliveries === expectedDeliveries && s.emailsUnsent === 0 && s.consumed === eventIds.length;
    const waitStarted = performance.now();
    let last = await state();
    while (!quiet(last) && performance.now() - waitStarted < QUIESCENCE_MS) {
      await sleep(500);
      last = await state();
    }
    const quiescenceMs = round(performance.now() - waitStarted);
    await sleep(1_500); // give a duplicate the chance to show up
    last = await state();

    // ---- Exactly once, seen through the API as well as in the tables -------------------------------------------
    const searchHits = async (user: string, field: 'searchPlacements' | 'searchParticipants', q: string) =>
      ((await ok(api.url, user, `query($q: String) { ${field}(query: $q, first: 20) { totalCount nodes { id } } }`, { q }))[field] as { totalCount: number; nodes: Array<{ id: string }> });
    const searchProblems: string[] = [];
    for (const [id, m] of placements) {
      const hits = await searchHits(world.users.marketA, 'searchPlacements', m);
      if (hits.totalCount !== 1 || hits.nodes.length !== 1 || hits.nodes[0]!.id !== id) searchProblems.push(`placement ${id} "${m}": ${JSON.stringify(hits)}`);
    }
    for (const { id, marker: old } of replaced) {
      if (placements.get(id) === old) continue;
      const hits = await searchHits(world.users.marketA, 'searchPlacements', old);
      if (hits.nodes.some((n) => n.id === id)) searchProblems.push(`placement ${id} still found by its replaced title "${old}"`);
    }
    for (const [id, m] of participants) {
      const hits = await searchHits(world.users.advisorA, 'searchParticipants', `Redis${m}`);
      if (hits.totalCount !== 1 || hits.nodes.length !== 1 || hits.nodes[0]!.id !== id) searchProblems.push(`participant ${id} "Redis${m}": ${JSON.stringify(hits)}`);
    }
    const duplicateDocs = await db.count(
      `SELECT count(*) AS n FROM (SELECT id FROM search_placements GROUP BY id HAVING count(*) > 1 UNION ALL SELECT id FROM search_participants GROUP BY id HAVING count(*) > 1) d`,
    );
    const duplicateDeliveries = await db.count(
      `SELECT count(*) AS n FROM (SELECT 1 FROM notification_deliveries WHERE event_id = ANY($1::bigint[]) GROUP BY dedupe_key, recipient_kind, recipient_id, channel HAVING count(*) > 1) d`,
      [eventIds],
    );
    const inApp = await db.count(`SELECT count(*) AS n FROM notifications n JOIN notification_deliveries d ON d.id = n.delivery_id WHERE d.event_id = ANY($1::bigint[])`, [eventIds]);
    const expectedInApp = notificationEvents.reduce((n, e) => n + (e.type === 'ProposalCreated' || e.to === 'PROPOSED' ? 1 : 0), 0);
    const emailDeliveries = await db.count(`SELECT count(*) AS n FROM notification_deliveries WHERE event_id = ANY($1::bigint[]) AND channel = 'EMAIL'`, [eventIds]);
    // Unique by Message-ID: a resend of the same message (SIGKILL between the server's "250 OK" and the commit that
    // records it, the one window README documents) is reported as smtpDuplicateMessageIds, not counted twice here.
    const received = [...new Map(smtp.accepted.filter((m) => m.to.includes(contactEmail)).map((m) => [m.id, m])).values()];
    const emailItems = received.reduce((sum, m) => sum + (m.text.match(/https:\/\/praksisbro\.test\/answer\//g) ?? []).length, 0);
    const failed = calls.filter((c) => c.code);

    const figures = {
      timelineMs: timeline,
      requests: calls.length,
      failedRequests: failed.length,
      failedCodes: [...new Set(failed.map((c) => `${c.op}:${c.code}`))],
      placements: placements.size,
      placementTitleChanges: replaced.length,
      participants: participants.size,
      proposals: proposals.length,
      notificationEvents: eventIds.length,
      quiescenceMs,
      finalState: last,
      lostSearch: last.placementsNotCurrent + last.participantsNotCurrent,
      searchProblems: searchProblems.length,
      duplicateSearchDocuments: duplicateDocs,
      expectedDeliveries,
      deliveries: last.deliveries,
      lostDeliveries: expectedDeliveries - last.deliveries,
      duplicateDeliveries,
      inApp: `${inApp}/${expectedInApp}`,
      emails: received.length,
      emailItems: `${emailItems}/${emailDeliveries}`,
      smtpDuplicateMessageIds: smtp.duplicates().length,
    };
    process.stderr.write(`[fault: redis restart + worker SIGKILL] ${JSON.stringify(figures)}\n`);
    if (searchProblems.length) process.stderr.write(`  search problems: ${searchProblems.slice(0, 5).join('\n  ')}\n`);
    mkdirSync('test/faults/results', { recursive: true });
    writeFileSync('test/faults/results/redis-worker-restart.json', `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);

    expect(placements.size).toBeGreaterThan(20);
    expect(participants.size).toBeGreaterThan(10);
    expect(proposals.length).toBeGreaterThan(5);
    expect(failed.map((c) => `${c.op}: ${c.code} ${c.message}`)).toEqual([]);
    expect(api.proc.unexpectedExit).toBeUndefined();
    expect(workers[1]!.unexpectedExit).toBeUndefined();
    // Search: nothing lost, nothing stale, nothing twice.
    expect(last.unrelayed).toBe(0);
    expect(last.placementsNotCurrent).toBe(0);
    expect(last.participantsNotCurrent).toBe(0);
    expect(searchProblems).toEqual([]);
    expect(duplicateDocs).toBe(0);
    // Notifications: every expected delivery exactly once, consumed once, every email item sent once.
    expect(last.deliveries).toBe(expectedDeliveries);
    expect(duplicateDeliveries).toBe(0);
    expect(last.consumed).toBe(eventIds.length);
    expect(inApp).toBe(expectedInApp);
    expect(last.emailsUnsent).toBe(0);
    expect(emailItems).toBe(emailDeliveries);
  }, 260_000);

  it('re-relays search updates, notifications and activity-log events that Redis lost when it came back EMPTY, without waiting for the 10-minute reconciliation', async () => {
    const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
    const searchQueue = new Queue('search-index', { connection, prefix: 'praksisbro-faults' });
    const notifyQueue = new Queue('notifications', { connection, prefix: 'praksisbro-faults' });
    const activityQueue = new Queue('domain-events', { connection, prefix: 'praksisbro-faults' });
    const remindersQueue = new Queue('reminders', { connection, prefix: 'praksisbro-faults' });
    const privacyQueue = new Queue('privacy', { connection, prefix: 'praksisbro-faults' });
    const queues = [searchQueue, notifyQueue, activityQueue, remindersQueue, privacyQueue];
    const schedulers = async () => (await Promise.all([searchQueue, remindersQueue, privacyQueue].map((q) => q.getJobSchedulers()))).flat().map((s) => s.key).sort();
    for (const q of queues) q.on('error', () => undefined); // Redis goes away on purpose
    try {
      // Jobs relayed (Redis took them, the outbox marked them relayed) but not consumed yet: the queues are paused.
      await Promise.all([searchQueue, notifyQueue, activityQueue].map((q) => q.pause()));
      const ids: string[] = [];
      const markers: string[] = [];
      for (let i = 0; i < 8; i++) {
        const m = marker();
        ids.push((await ok(api.url, world.users.marketA, CREATE_PLACEMENT, { input: placementInput(m) })).createPlacement.id);
        markers.push(m);
      }
      const suggestion = (await ok(api.url, world.users.marketA, SUGGEST, { p: pool[0], pl: ids[0] })).suggestProposal.id as string;
      const events = await db.rows<{ id: string }>(`SELECT id FROM outbox_events WHERE aggregate_id = ANY($1::uuid[])`, [[...ids, suggestion]]);
      await waitFor('relayed into the paused queues', async () =>
        (await db.count(`SELECT count(*) AS n FROM outbox_events WHERE id = ANY($1::bigint[]) AND relayed_at IS NULL`, [events.map((e) => e.id)])) === 0, 20_000);
      expect(await db.count(`SELECT count(*) AS n FROM search_placements WHERE id = ANY($1::uuid[])`, [ids])).toBe(0);
      const schedulersBefore = await schedulers();
      expect(schedulersBefore).toEqual(['daily-digest', 'reminder-scan', 'retention', 'search-reconcile']);

      // Redis loses its data (a restart without its files, a failover to an empty replica).
      await redis.kill();
      await redis.wipe();
      const wipedAt = performance.now();
      await redis.start();

      let searchCaughtUpMs: number | null = null;
      // The restored reconciliation scheduler runs at once and may repair the index first: the search consumer's
      // inbox rows show that the lost search jobs themselves came back and were applied.
      const searchEvents = await db.count(`SELECT count(*) AS n FROM outbox_events WHERE aggregate_id = ANY($1::uuid[])`, [ids]);
      const searchConsumed = () => db.count(`SELECT count(*) AS n FROM consumed_events c JOIN outbox_events e ON e.id = c.event_id WHERE c.consumer = 'search-index' AND e.aggregate_id = ANY($1::uuid[])`, [ids]);
      let searchJobsAppliedMs: number | null = null;
      let notifiedMs: number | null = null;
      let activityLoggedMs: number | null = null;
      let schedulersBackMs: number | null = null;
      await waitFor('search index, notifications, activity log and job schedulers caught up', async () => {
        if (schedulersBackMs === null && (await schedulers()).join() === schedulersBefore.join()) schedulersBackMs = round(performance.now() - wipedAt);
        if (searchCaughtUpMs === null && (await db.count(`SELECT count(*) AS n FROM search_placements WHERE id = ANY($1::uuid[])`, [ids])) === ids.length) searchCaughtUpMs = round(performance.now() - wipedAt);
        if (searchJobsAppliedMs === null && (await searchConsumed()) === searchEvents) searchJobsAppliedMs = round(performance.now() - wipedAt);
        if (notifiedMs === null && (await db.count(`SELECT count(*) AS n FROM consumed_events c JOIN outbox_events e ON e.id = c.event_id WHERE c.consumer = 'notifications' AND e.aggregate_id = $1`, [suggestion])) === 1) notifiedMs = round(performance.now() - wipedAt);
        if (activityLoggedMs === null && (await db.count(`SELECT count(*) AS n FROM consumed_events WHERE consumer = 'activity-log' AND event_id = ANY($1::bigint[])`, [events.map((e) => e.id)])) === events.length) activityLoggedMs = round(performance.now() - wipedAt);
        return searchCaughtUpMs !== null && searchJobsAppliedMs !== null && notifiedMs !== null && activityLoggedMs !== null && schedulersBackMs !== null;
      }, 20_000).catch(() => undefined);
      const schedulersAfter = await schedulers();
      const activityLogged = await db.count(`SELECT count(*) AS n FROM consumed_events WHERE consumer = 'activity-log' AND event_id = ANY($1::bigint[])`, [events.map((e) => e.id)]);
      const figures = {
        lostSearchJobs: searchEvents, searchCaughtUpMs, searchJobsAppliedMs, lostNotificationJobs: 1, notifiedMs, lostActivityJobs: events.length, activityLogged, activityLoggedMs,
        schedulersBefore, schedulersAfter, schedulersBackMs,
      };
      process.stderr.write(`[fault: redis wiped] ${JSON.stringify(figures)}\n`);
      mkdirSync('test/faults/results', { recursive: true });
      writeFileSync('test/faults/results/redis-wiped.json', `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);

      // The outbox sweeper re-added every lost job: notifications, search updates (well before the 10-minute
      // reconciliation would have repaired the index) and activity-log events.
      expect(notifiedMs).not.toBeNull();
      expect(searchCaughtUpMs).not.toBeNull();
      expect(searchJobsAppliedMs).not.toBeNull();
      expect(await searchConsumed()).toBe(searchEvents);
      expect(activityLoggedMs).not.toBeNull();
      expect(activityLogged).toBe(events.length);
      for (const m of markers) {
        const hits = (await ok(api.url, world.users.marketA, `query($q: String) { searchPlacements(query: $q) { totalCount } }`, { q: m })).searchPlacements.totalCount;
        expect(hits).toBe(1);
      }
      // Applied once: one activity entry per lost event.
      expect(await db.count(`SELECT count(*) AS n FROM activity_entries WHERE event_id = ANY($1::bigint[])`, [events.map((e) => e.id)])).toBe(events.length);
      // The job schedulers (the reconciliation among them) were stored in Redis too: back without a worker restart.
      expect(schedulersAfter).toEqual(schedulersBefore);
      expect(workers[workers.length - 1]!.unexpectedExit).toBeUndefined();
    } finally {
      await Promise.all(queues.map((q) => q.close())).catch(() => undefined);
    }
  }, 90_000);
});
