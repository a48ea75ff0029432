import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { activityLogConsumer, OutboxSweeper } from '#lib/outbox';
import { searchIndexConsumer } from '#lib/search';
import { ApiHarness, startProcess, stopProcess } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { waitFor } from '../support/wait-for.js';
import { createWorld, type World } from '../support/world.js';

const WORKER = 'dist/apps/worker/src/main.js';
const REPAIR_MS = 1_000;

/**
 * Redis losing what it held (a restart without its files, a failover to an empty replica) is simulated on the shared
 * Redis by removing exactly this test's jobs and the worker's job schedulers; the worker keeps running throughout.
 */
describe('Redis loses jobs and job schedulers: the worker repairs both without a restart', () => {
  let api: ApiHarness;
  let world: World;
  let worker: ChildProcess;
  const redisUrl = new URL(process.env.REDIS_URL!);
  const queue = (name: string) => new Queue(name, { connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, prefix: process.env.QUEUE_PREFIX });
  const searchIndex = queue('search-index');
  const domainEvents = queue('domain-events');
  const reminders = queue('reminders');
  const privacy = queue('privacy');

  beforeAll(async () => {
    api = await ApiHarness.start();
    world = await createWorld(api.dataSource);
    worker = startProcess(WORKER, { OUTBOX_RELAY_INTERVAL_MS: '100', QUEUE_REPAIR_INTERVAL_MS: String(REPAIR_MS) });
  });
  afterAll(async () => {
    if (worker) await stopProcess(worker);
    await Promise.all([searchIndex, domainEvents, reminders, privacy].map((q) => q.resume().finally(() => q.close())));
    await api?.stop();
  });

  const count = async (sql: string, params: unknown[]) => ((await api.dataSource.query(sql, params)) as [{ n: number }])[0].n;

  it('re-adds a lost search-index job and a lost activity-log job under the same job id; each is applied once, and another sweep adds nothing', async () => {
    // Relayed (Redis took the jobs, the outbox marked them relayed) but not consumed yet: the two queues are paused.
    await Promise.all([searchIndex.pause(), domainEvents.pause()]);
    let placementId: string;
    let eventIds: string[];
    try {
      placementId = await createPlacement(api, world, world.users.marketA, { title: `Tapt jobb ${Math.random().toString(36).slice(2, 8)}` });
      const events = await waitFor(async () => {
        const rows = (await api.dataSource.query(`SELECT id, type, relayed_at FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [placementId])) as Array<{ id: string; type: string; relayed_at: Date | null }>;
        return rows.length > 0 && rows.every((r) => r.relayed_at) ? rows : null;
      });
      expect(events.map((e) => e.type)).toEqual(['PlacementCreated', 'PlacementOpened']);
      eventIds = events.map((e) => e.id);
      const jobIds = eventIds.map((id) => `evt-${id}`);
      for (const q of [searchIndex, domainEvents]) for (const jobId of jobIds) expect(await q.getJob(jobId)).toBeDefined();

      // Redis loses them.
      for (const q of [searchIndex, domainEvents]) for (const jobId of jobIds) await (await q.getJob(jobId))!.remove();
      const lostAt = Date.now();
      for (const q of [searchIndex, domainEvents]) for (const jobId of jobIds) expect(await q.getJob(jobId)).toBeUndefined();

      // The worker's sweep adds them again, under the same job ids (the relay never looks at relayed rows again).
      await waitFor(async () => {
        for (const q of [searchIndex, domainEvents]) for (const jobId of jobIds) if (!(await q.getJob(jobId))) return false;
        return true;
      });
      for (const q of [searchIndex, domainEvents]) for (const jobId of jobIds) expect((await q.getJob(jobId))!.timestamp).toBeGreaterThanOrEqual(lostAt);
      expect(await count(`SELECT count(*)::int AS n FROM search_placements WHERE id = $1`, [placementId])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM activity_entries WHERE subject_id = $1`, [placementId])).toBe(0);
    } finally {
      await Promise.all([searchIndex.resume(), domainEvents.resume()]);
    }

    const consumed = (consumer: string) => count(`SELECT count(*)::int AS n FROM consumed_events WHERE consumer = $1 AND event_id = ANY($2::bigint[])`, [consumer, eventIds]);
    await waitFor(async () => (await consumed('search-index')) === 2 && (await consumed('activity-log')) === 2);
    expect(await count(`SELECT count(*)::int AS n FROM search_placements WHERE id = $1`, [placementId])).toBe(1);

    // Applied once: another sweep (the test's own, with the worker's registrations) re-adds none of these events,
    // and the worker's own sweeps meanwhile write nothing twice.
    const sweeper = new OutboxSweeper(api.dataSource, REPAIR_MS);
    sweeper.register(searchIndexConsumer(searchIndex));
    sweeper.register(activityLogConsumer(domainEvents));
    expect((await sweeper.sweep()).filter((s) => eventIds.includes(s.eventId))).toEqual([]);
    await new Promise((r) => setTimeout(r, 3 * REPAIR_MS));
    const activity = (await api.dataSource.query(`SELECT type FROM activity_entries WHERE subject_id = $1 ORDER BY event_id`, [placementId])) as Array<{ type: string }>;
    expect(activity.map((a) => a.type)).toEqual(['PlacementCreated', 'PlacementOpened']);
    expect(await consumed('search-index')).toBe(2);
    expect(await consumed('activity-log')).toBe(2);
  }, 40_000);

  it('jobs an erasure removed stay removed: their events are withdrawn, the sweeper does not bring them back', async () => {
    await Promise.all([searchIndex.pause(), domainEvents.pause()]);
    let created: string[] = [];
    try {
      const participantId = await createParticipant(api, world, { firstName: 'Glemt' });
      created = await waitFor(async () => {
        const rows = (await api.dataSource.query(`SELECT id, relayed_at FROM outbox_events WHERE aggregate_id = $1`, [participantId])) as Array<{ id: string; relayed_at: Date | null }>;
        return rows.length > 0 && rows.every((r) => r.relayed_at) ? rows.map((r) => r.id) : null;
      });
      for (const id of created) expect(await searchIndex.getJob(`evt-${id}`)).toBeDefined();
      expect(await api.ok(world.users.advisorA, `mutation($id: ID!) { eraseParticipant(participantId: $id) }`, { id: participantId })).toEqual({ eraseParticipant: true });
      // The erasure removed the pending jobs naming the participant and marked their events withdrawn…
      for (const q of [searchIndex, domainEvents]) for (const id of created) expect(await q.getJob(`evt-${id}`)).toBeUndefined();
      expect(await count(`SELECT count(*)::int AS n FROM consumed_events WHERE consumer = 'withdrawn' AND event_id = ANY($1::bigint[])`, [created])).toBe(created.length);
      // …so no sweep re-adds them, however long after.
      const sweeper = new OutboxSweeper(api.dataSource, 0);
      sweeper.register(searchIndexConsumer(searchIndex));
      sweeper.register(activityLogConsumer(domainEvents));
      expect((await sweeper.sweep()).filter((s) => created.includes(s.eventId))).toEqual([]);
      for (const q of [searchIndex, domainEvents]) for (const id of created) expect(await q.getJob(`evt-${id}`)).toBeUndefined();
      // The erasure's own event is left for the consumers: it is how search and matching forget the participant.
      const [archived] = (await api.dataSource.query(`SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'ParticipantArchived'`, [participantId])) as Array<{ id: string }>;
      expect(archived).toBeDefined();
    } finally {
      await Promise.all([searchIndex.resume(), domainEvents.resume()]);
    }
  }, 40_000);

  it('re-creates every job scheduler Redis lost, without a worker restart', async () => {
    const declared: Array<[Queue, string]> = [[searchIndex, 'search-reconcile'], [reminders, 'reminder-scan'], [reminders, 'daily-digest'], [privacy, 'retention']];
    await waitFor(async () => (await Promise.all(declared.map(([q, id]) => q.getJobScheduler(id)))).every(Boolean)); // applied at start

    for (const [q, id] of declared) expect(await q.removeJobScheduler(id)).toBe(true);
    for (const [q, id] of declared) expect(await q.getJobScheduler(id)).toBeUndefined();

    const restored = await waitFor(async () => {
      const schedulers = await Promise.all(declared.map(([q, id]) => q.getJobScheduler(id)));
      return schedulers.every(Boolean) ? schedulers : null;
    }, 10 * REPAIR_MS);
    expect(restored[0]).toMatchObject({ key: 'search-reconcile', name: 'reconcile', every: 600_000 });
    expect(restored[3]).toMatchObject({ key: 'retention', name: 'retention', pattern: '30 2 * * *', tz: 'Europe/Oslo' });
    // …and runs again: the reconciliation's next run is planned.
    await waitFor(async () => (await searchIndex.getDelayed()).some((j) => j.name === 'reconcile'));
  }, 30_000);
});
