import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { ApiHarness, errorCode, startProcess, stopProcess } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';
import { waitFor } from '../support/wait-for.js';

const FUTURE = { startDate: '2026-12-07', endDate: '2027-03-31', requiredNorwegian: {} };
const MINE = `{ myNotifications(first: 50) { nodes { kind title body subjectType } } }`;

describe('reminders: rules as data, fired once, cancelled, escalated; the daily digest', () => {
  let api: ApiHarness;
  let worker: ChildProcess;
  let world: World;
  let reminders: Queue;
  const redisUrl = new URL(process.env.REDIS_URL!);

  const scan = async () => {
    const job = await reminders.add('scan', {});
    await waitFor(async () => (await job.getState()) === 'completed');
  };
  const notificationsOf = async (who: string) => (await api.ok(who, MINE)).myNotifications.nodes as Array<{ kind: string; title: string; body: string }>;
  const proposeTo = async (who: string, employer: 1 | 2 = 1) => {
    const participantId = await createParticipant(api, world);
    await api.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "dari", givenOn: "2026-11-01" }) { id } }`, { id: participantId });
    const placementId = await createPlacement(api, world, world.users.marketA, employer === 1 ? FUTURE : { ...FUTURE, employerId: world.employer2, siteId: world.site2 });
    const p = await api.ok(who, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: participantId, pl: placementId });
    await api.ok(who, `mutation($id: ID!) { changeProposalStatus(id: $id, status: PROPOSED) { id } }`, { id: p.suggestProposal.id });
    return p.suggestProposal.id as string;
  };
  const ageProposal = (id: string, days: number) => api.dataSource.query(`UPDATE proposals SET proposed_at = now() - make_interval(days => $2) WHERE id = $1`, [id, days]);
  const fired = async (subject: string) => (await api.dataSource.query(`SELECT rule_code, level FROM reminders_fired WHERE subject_id = $1 ORDER BY level`, [subject])) as Array<{ rule_code: string; level: number }>;

  beforeAll(async () => {
    // The periodic scan is driven by the test (an hour between scheduled scans).
    worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100', REMINDER_SCAN_INTERVAL_MS: '3600000', NOTIFY_DIGEST_WINDOW_MS: '0' });
    api = await ApiHarness.start();
    world = await createWorld(api.dataSource);
    reminders = new Queue('reminders', { connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, prefix: process.env.QUEUE_PREFIX });
  });
  afterAll(async () => {
    await reminders?.close();
    if (worker) await stopProcess(worker);
    await api?.stop();
  });

  it('an unanswered proposal reminds its sender once, escalates later, and a delayed deadline job is planned and cancelled with the answer', async () => {
    const id = await proposeTo(world.users.marketA);
    // Sending it planned the deadline and its escalation as delayed jobs.
    await waitFor(async () => (await reminders.getJob(`answer-due-${id}-0`)) && (await reminders.getJob(`answer-due-${id}-1`)));

    await ageProposal(id, 6);
    await scan();
    await scan(); // the second scan finds it fired already
    expect(await fired(id)).toEqual([{ rule_code: 'EMPLOYER_ANSWER_OVERDUE', level: 0 }]);
    const mine = (await notificationsOf(world.users.marketA)).filter((n) => n.kind === 'REMINDER');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.title).toBe('Arbeidsgiveren har ikke svart');

    // Ignored long enough (the scanner was down meanwhile): the reminder and its escalation are both due.
    const ignored = await proposeTo(world.users.marketA);
    await ageProposal(ignored, 11);
    await scan();
    expect(await fired(ignored)).toEqual([
      { rule_code: 'EMPLOYER_ANSWER_OVERDUE', level: 0 },
      { rule_code: 'EMPLOYER_ANSWER_OVERDUE', level: 1 },
    ]);
    // The escalation reaches the participant's advisor and the market contacts of the office that owns the employer.
    expect((await notificationsOf(world.users.advisorA)).some((n) => n.kind === 'REMINDER' && n.title === 'Påminnelse: Arbeidsgiveren har ikke svart')).toBe(true);

    await api.ok(world.users.employer1, `mutation($id: ID!) { changeProposalStatus(id: $id, status: ACCEPTED) { id } }`, { id });
    await waitFor(async () => !(await reminders.getJob(`answer-due-${id}-0`)) && !(await reminders.getJob(`answer-due-${id}-1`)));
  });

  it('a reminder whose reason went away never fires', async () => {
    const id = await proposeTo(world.users.marketA);
    await api.ok(world.users.employer1, `mutation($id: ID!) { changeProposalStatus(id: $id, status: DECLINED, input: { reason: "NO_CAPACITY_NOW" }) { id } }`, { id });
    await ageProposal(id, 30);
    await scan();
    expect(await fired(id)).toEqual([]);
  });

  it('follows an organisation’s own rule version from its validity date, set by an admin', async () => {
    const set = `mutation($in: ReminderRuleInput!) { setReminderRule(input: $in) { code organisationId params { days } } }`;
    const input = { code: 'EMPLOYER_ANSWER_OVERDUE', organisationId: world.unitA, validFrom: '2026-01-01', params: { days: 2, escalateAfterDays: 30 } };
    expect(errorCode(await api.gql(world.users.advisorA, set, { in: input }))).toBe('FORBIDDEN');
    expect((await api.ok(world.users.admin, set, { in: input })).setReminderRule).toEqual({ code: 'EMPLOYER_ANSWER_OVERDUE', organisationId: world.unitA, params: { days: 2 } });
    expect(errorCode(await api.gql(world.users.admin, set, { in: { ...input, organisationId: '00000000-0000-4000-8000-000000000000' } }))).toBe('BAD_USER_INPUT');
    const id = await proposeTo(world.users.marketA);
    await ageProposal(id, 3);
    await scan();
    expect(await fired(id)).toEqual([{ rule_code: 'EMPLOYER_ANSWER_OVERDUE', level: 0 }]);
  });

  it('sends each advisor one morning digest of new placements that match their participants', async () => {
    const participantId = await createParticipant(api, world, { programmeEnd: '2027-06-30' });
    await api.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "dari", givenOn: "2026-11-01" }) { id } }`, { id: participantId });
    await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Ny plass i barnehage' });
    const run = async () => {
      const job = await reminders.add('daily-digest', {});
      await waitFor(async () => (await job.getState()) === 'completed');
    };
    await run();
    await run();
    const digests = (await notificationsOf(world.users.advisorA)).filter((n) => n.kind === 'REMINDER' && /nye plasser passer dine deltakere$/.test(n.title));
    expect(digests).toHaveLength(1);
    // Other test files' placements share the database: the digest lists the top five by participants matched.
    expect(digests[0]!.body.split('\n').filter((l) => l.startsWith('• ')).length).toBeGreaterThanOrEqual(1);
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM reminders_fired WHERE rule_code = 'MATCH_DIGEST' AND subject_id = $1`, [world.users.advisorA]);
    expect(n).toBe(1);
  });
});
