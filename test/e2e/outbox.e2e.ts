import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { ApiHarness, startProcess, stopProcess } from '../support/api-harness.js';
import { createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';
import { waitFor } from '../support/wait-for.js';

describe('outbox → BullMQ → idempotent consumer', () => {
  let api: ApiHarness;
  let world: World;
  let worker: ChildProcess;
  let queue: Queue;
  const redisUrl = new URL(process.env.REDIS_URL!);

  beforeAll(async () => {
    api = await ApiHarness.start();
    world = await createWorld(api.dataSource);
    queue = new Queue('domain-events', { connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, prefix: process.env.QUEUE_PREFIX });
  });
  afterAll(async () => {
    if (worker) await stopProcess(worker);
    await queue.close();
    await api.stop();
  });

  const eventsOf = async (aggregateId: string) =>
    (await api.dataSource.query(`SELECT id, type, relayed_at FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [aggregateId])) as Array<{ id: string; type: string; relayed_at: Date | null }>;
  const activityOf = async (aggregateId: string) =>
    (await api.dataSource.query(`SELECT event_id, type, actor_id FROM activity_entries WHERE subject_id = $1 ORDER BY event_id`, [aggregateId])) as Array<{ event_id: string; type: string; actor_id: string }>;

  it('writes events in the same transaction as the change, and none for a rejected change', async () => {
    const id = await createPlacement(api, world);
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['PlacementCreated', 'PlacementOpened']);
    const bad = await api.gql(world.users.marketA, `mutation($id: ID!) { changePlacementStatus(id: $id, status: DRAFT) { id } }`, { id });
    expect(bad.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(await eventsOf(id)).toHaveLength(2);
  });

  it('relays committed events onto the queue exactly once and the consumer applies each once, across a worker SIGKILL and a re-relay', async () => {
    // Events committed while no worker runs are not lost: they wait in PostgreSQL.
    const id = await createPlacement(api, world);
    await api.ok(world.users.marketA, `mutation($id: ID!) { updatePlacement(id: $id, input: { capacity: 2 }) { id } }`, { id });
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['PlacementCreated', 'PlacementOpened', 'PlacementUpdated']);
    expect(events.every((e) => e.relayed_at === null)).toBe(true);

    worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
    const applied = await waitFor(async () => ((await activityOf(id)).length === 3 ? activityOf(id) : null));
    expect(applied.map((a) => a.type)).toEqual(['PlacementCreated', 'PlacementOpened', 'PlacementUpdated']);
    expect(applied.every((a) => a.actor_id === world.users.marketA)).toBe(true);
    for (const e of events) expect(await queue.getJob(`evt-${e.id}`)).toBeDefined();

    // Crash the worker hard, then pretend the relay died after enqueueing but before marking rows relayed.
    await stopProcess(worker, 'SIGKILL');
    await api.dataSource.query(`UPDATE outbox_events SET relayed_at = NULL WHERE aggregate_id = $1`, [id]);
    const more = await api.ok(world.users.marketA, `mutation($id: ID!) { changePlacementStatus(id: $id, status: PAUSED) { status } }`, { id });
    expect(more.changePlacementStatus.status).toBe('PAUSED');

    worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
    await waitFor(async () => (await eventsOf(id)).every((e) => e.relayed_at !== null) && (await activityOf(id)).length >= 4);
    await new Promise((r) => setTimeout(r, 500)); // give any duplicate a chance to show up
    const finalActivity = await activityOf(id);
    expect(finalActivity.map((a) => a.type)).toEqual(['PlacementCreated', 'PlacementOpened', 'PlacementUpdated', 'PlacementStatusChanged']);
    const jobs = await queue.getJobs(['completed', 'waiting', 'active', 'delayed', 'failed']);
    const ours = new Set((await eventsOf(id)).map((e) => `evt-${e.id}`));
    expect(jobs.filter((j) => ours.has(j.id!))).toHaveLength(4);
  });

  it('keeps job payloads free of personal data', async () => {
    const created = await api.ok(world.users.advisorA, `mutation { createParticipant(input: { firstName: "Amina", lastName: "Yusuf", birthYear: 1990, protectionBasis: REFUGEE, settlementDate: "2025-05-01", familyNotes: "Hemmelig" }) { id } }`);
    const [event] = await eventsOf(created.createParticipant.id);
    const job = await waitFor(async () => queue.getJob(`evt-${event!.id}`));
    expect(job.data.aggregateId).toBe(created.createParticipant.id);
    expect(JSON.stringify(job.data)).not.toMatch(/Amina|Yusuf|Hemmelig|1990/);
  });
});
