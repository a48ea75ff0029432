import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { ApiHarness, errorCode, startProcess, stopProcess } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';
import { waitFor } from '../support/wait-for.js';

describe('data subject rights: export, erasure, retention', () => {
  let api: ApiHarness;
  let worker: ChildProcess;
  let world: World;
  const redisUrl = new URL(process.env.REDIS_URL!);
  const queues: Queue[] = [];
  const queue = (name: string) => {
    const q = new Queue(name, { connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, prefix: process.env.QUEUE_PREFIX });
    queues.push(q);
    return q;
  };

  const consent = (id: string) =>
    api.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "ukrainsk", givenOn: "2026-11-01" }) { id } }`, { id });

  beforeAll(async () => {
    worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
    api = await ApiHarness.start({ MATCHING_FEED_INTERVAL_MS: '100' });
    world = await createWorld(api.dataSource);
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await stopProcess(worker);
    await api.stop();
  });

  it('exports everything about a participant as JSON, to the unit’s advisors only, and logs it', async () => {
    const id = await createParticipant(api, world);
    await consent(id);
    await api.ok(world.users.advisorA, `mutation($id: ID!) { recordLanguageAssessment(participantId: $id, input: { skill: ORAL, level: B1, source: OFFICIAL_TEST, assessedOn: "2026-10-01", note: "God flyt" }) { id } }`, { id });
    const json = JSON.parse((await api.ok(world.users.advisorA, `query($id: ID!) { exportParticipantData(participantId: $id) }`, { id })).exportParticipantData);
    expect(json.participant).toMatchObject({ id, first_name: 'Olena', last_name: 'Kovalenko', family_notes: 'Tre barn i barnehage' });
    expect(json.languageAssessments.map((a: { note: string }) => a.note)).toEqual(['God flyt']);
    expect(json.consents).toHaveLength(1);
    for (const key of ['proposals', 'proposalHistory', 'followUps', 'evaluations', 'accessHistory', 'teachers']) expect(Array.isArray(json[key])).toBe(true);
    expect(errorCode(await api.gql(world.users.marketA, `query($id: ID!) { exportParticipantData(participantId: $id) }`, { id }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(world.users.advisorB, `query($id: ID!) { exportParticipantData(participantId: $id) }`, { id }))).toBe('NOT_FOUND');
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE kind = 'EXPORT' AND operation = 'exportParticipantData' AND participant_ids @> ARRAY[$1::uuid]`, [id]);
    expect(n).toBe(1);
  });

  it('erases on request: identity and free text gone, proposals withdrawn, out of search, matching and queued jobs', async () => {
    const id = await createParticipant(api, world, { firstName: 'Yusuf', lastName: 'Slettmeg', programmeEnd: '2027-06-30' });
    await consent(id);
    const placementId = await createPlacement(api, world, world.users.marketA, { startDate: '2026-12-07', endDate: '2027-03-31', requiredNorwegian: {} });
    const p = await api.ok(world.users.advisorA, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl, note: "Yusuf liker barn" }) { id } }`, { p: id, pl: placementId });
    const search = async () => (await api.ok(world.users.advisorA, `{ searchParticipants(query: "Slettmeg") { totalCount } }`)).searchParticipants.totalCount as number;
    const candidates = async () =>
      (await api.ok(world.users.advisorA, `query($id: ID!) { candidatesForPlacement(placementId: $id) { items { participantId } } }`, { id: placementId })).candidatesForPlacement.items.map((i: { participantId: string }) => i.participantId) as string[];
    await waitFor(async () => (await search()) === 1);
    // A job that names the participant waits in a queue (ids only, as every payload).
    const reminders = queue('reminders');
    await reminders.add('answer-due', { proposalId: p.suggestProposal.id, participantId: id }, { jobId: `test-${id}`, delay: 3_600_000 });

    expect((await api.ok(world.users.advisorA, `mutation($id: ID!) { eraseParticipant(participantId: $id) }`, { id })).eraseParticipant).toBe(true);
    expect((await api.ok(world.users.advisorA, `mutation($id: ID!) { eraseParticipant(participantId: $id) }`, { id })).eraseParticipant).toBe(false);

    const [row] = await api.dataSource.query(`SELECT first_name, last_name, phone, family_notes, constraints, status, anonymised_at FROM participants WHERE id = $1`, [id]);
    expect(row).toMatchObject({ first_name: 'Anonymisert', last_name: '-', phone: null, family_notes: null, constraints: {}, status: 'ARCHIVED' });
    expect(row.anonymised_at).not.toBeNull();
    const [proposal] = await api.dataSource.query(`SELECT status, reason, note FROM proposals WHERE id = $1`, [p.suggestProposal.id]);
    expect(proposal).toEqual({ status: 'WITHDRAWN', reason: 'CONSENT_WITHDRAWN', note: null });
    expect(await reminders.getJob(`test-${id}`)).toBeUndefined();
    await waitFor(async () => (await search()) === 0);
    expect(await candidates()).not.toContain(id);
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE kind = 'ERASURE' AND participant_ids @> ARRAY[$1::uuid]`, [id]);
    expect(n).toBe(1);
    // Nothing personal is left anywhere in the database for this participant.
    const dump = JSON.stringify(await api.dataSource.query(`SELECT to_jsonb(t) FROM (SELECT * FROM participants WHERE id = $1) t`, [id])) + JSON.stringify(await api.dataSource.query(`SELECT to_jsonb(pr) FROM proposals pr WHERE participant_id = $1`, [id]));
    for (const secret of ['Yusuf', 'Slettmeg', 'Astma', 'Tre barn', '912 34 567', 'liker barn']) expect(dump).not.toContain(secret);
  });

  it('refuses erasure to anyone but the unit’s advisors, and changes nothing', async () => {
    const id = await createParticipant(api, world);
    for (const [who, code] of [['marketA', 'FORBIDDEN'], ['advisorB', 'NOT_FOUND'], ['employer1', 'NOT_FOUND'], ['admin', 'NOT_FOUND']] as const) {
      expect(errorCode(await api.gql(world.users[who], `mutation($id: ID!) { eraseParticipant(participantId: $id) }`, { id }))).toBe(code);
    }
    const [row] = await api.dataSource.query(`SELECT first_name, anonymised_at FROM participants WHERE id = $1`, [id]);
    expect(row).toEqual({ first_name: 'Olena', anonymised_at: null });
  });

  it('anonymises participants long after programme end in the nightly retention job', async () => {
    const old = await createParticipant(api, world, { firstName: 'Gammel', programmeStart: '2019-01-01', programmeEnd: '2020-06-30', settlementDate: '2018-11-01' });
    const recent = await createParticipant(api, world, { firstName: 'Fersk', programmeStart: '2025-01-01', programmeEnd: '2026-06-30', settlementDate: '2024-11-01' });
    const privacy = queue('privacy');
    await privacy.add('retention', {});
    await waitFor(async () => (await api.dataSource.query(`SELECT anonymised_at FROM participants WHERE id = $1`, [old]))[0].anonymised_at !== null);
    const [r] = await api.dataSource.query(`SELECT first_name, anonymised_at FROM participants WHERE id = $1`, [recent]);
    expect(r).toEqual({ first_name: 'Fersk', anonymised_at: null });
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE kind = 'ERASURE' AND operation = 'retention' AND participant_ids @> ARRAY[$1::uuid]`, [old]);
    expect(n).toBe(1);
  });
});
