import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { withCheckDigit } from '#lib/employers';
import { Channel, NotificationFactsRepository, NotificationKind, NotificationRetention, NotificationsService } from '#lib/notifications';
import { SmtpCapture } from '../../libs/notifications/src/testing/smtp-capture.js';
import { ApiHarness, errorCode, freePort, startProcess, stopProcess } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

const run = promisify(execFile);
const WORKER = 'dist/apps/worker/src/main.js';
const PUBLIC_URL = 'https://praksisbro.test';
// Cleaning jobs, not the fixture's kindergarten default: other files' matching tests rank kindergarten placements
// in the shared test database, and these must not crowd their top 20.
const FUTURE = { startDate: '2026-12-07', endDate: '2027-03-31', requiredNorwegian: {}, occupationCode: '9112' };
const NOTIFICATION = 'id kind title body subjectType subjectId createdAt readAt read';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 25_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms`);
    await sleep(100);
  }
}
const count = async (ds: DataSource, sql: string, params: unknown[] = []) => ((await ds.query(sql, params)) as [{ n: number }])[0].n;
const unique = () => Math.random().toString(36).slice(2, 10);

/** An employer with one acting organisation, and as many contacts and employer users as asked, straight in SQL. */
async function employerWithPeople(ds: DataSource, world: World, people: { contacts: Array<{ language: 'nb' | 'en'; email?: string | null; phone?: string | null }>; users: Array<'nb' | 'en'> }) {
  const one = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ id: string }>)[0]!.id;
  let orgnr: string | null = null;
  for (let base = 10_000_000 + Math.floor(Math.random() * 80_000_000); !orgnr; base++) orgnr = withCheckDigit(String(base));
  const tag = unique();
  const employerId = await one(`INSERT INTO employers (org_number, name, sector, owner_office_id, created_by_id) VALUES ($1, $2, 'KINDERGARTEN', $3, $4) RETURNING id`, [orgnr, `Regnbuen barnehage ${tag}`, world.navA, world.users.admin]);
  const siteId = await one(`INSERT INTO employer_sites (employer_id, name, address, area_code) VALUES ($1, 'Hovedhuset', 'Veien 1', 'OSLO-ALNA') RETURNING id`, [employerId]);
  const orgId = await one(`INSERT INTO organisations (name, kind, municipality, area_code, employer_id) VALUES ($1, 'EMPLOYER', 'Oslo', 'OSLO-ALNA', $2) RETURNING id`, [`Regnbuen ${tag}`, employerId]);
  const contacts: Array<{ id: string; email: string | null; language: 'nb' | 'en' }> = [];
  for (const [i, c] of people.contacts.entries()) {
    const email = c.email === undefined ? `kontakt-${i}-${tag}@regnbuen.test` : c.email;
    contacts.push({ id: await one(`INSERT INTO employer_contacts (employer_id, name, email, phone, language) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [employerId, `Kontakt ${i} ${tag}`, email, c.phone ?? null, c.language]), email, language: c.language });
  }
  const users: string[] = [];
  for (const [i, language] of people.users.entries()) {
    users.push(await one(`INSERT INTO users (email, name, role, organisation_id, language) VALUES ($1, $2, 'EMPLOYER', $3, $4) RETURNING id`, [`leder-${i}-${tag}@regnbuen.test`, `Leder ${i}`, orgId, language]));
  }
  return { employerId, siteId, contacts, users };
}

/** Exactly the rows ProposalsService writes when a suggestion is proposed: the proposal, its history, its event. */
async function insertProposedBatch(ds: DataSource, actorId: string, pairs: Array<{ participantId: string; placementId: string; employerId: string }>): Promise<string[]> {
  const rows = (await ds.query(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("participantId" uuid, "placementId" uuid, "employerId" uuid)),
     p AS (INSERT INTO proposals (participant_id, placement_id, employer_id, status, created_by_id, proposed_at)
           SELECT "participantId", "placementId", "employerId", 'PROPOSED', $2, now() FROM input RETURNING id, participant_id, placement_id, employer_id),
     t AS (INSERT INTO proposal_transitions (proposal_id, from_status, to_status, actor_id, actor_kind) SELECT id, 'SUGGESTED', 'PROPOSED', $2, 'USER' FROM p)
     INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, actor_id)
     SELECT 'ProposalStatusChanged', 'Proposal', p.id,
            jsonb_build_object('participantId', p.participant_id, 'placementId', p.placement_id, 'employerId', p.employer_id, 'from', 'SUGGESTED', 'to', 'PROPOSED', 'reason', null), $2
       FROM p ORDER BY p.id RETURNING id`,
    [JSON.stringify(pairs), actorId],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

describe('notifications: outbox → BullMQ → in-app, email (SMTP) and SMS', () => {
  let api: ApiHarness;
  let world: World;
  let smtp: SmtpCapture;
  let workers: ChildProcess[] = [];
  let queue: Queue;
  const redisUrl = new URL(process.env.REDIS_URL!);
  const workerEnv = (extra: Record<string, string> = {}) => ({
    SMTP_URL: smtp.url,
    PUBLIC_URL,
    OUTBOX_RELAY_INTERVAL_MS: '100',
    NOTIFY_DIGEST_WINDOW_MS: '1000',
    QUEUE_REPAIR_INTERVAL_MS: '2000',
    ...extra,
  });
  const startWorker = (extra: Record<string, string> = {}) => workers.push(startProcess(WORKER, workerEnv(extra)));
  /** Stops every worker this file started (a failed test must not leave one relaying into the next). */
  const stopWorker = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = workers;
    workers = [];
    await Promise.all(running.map((w) => stopProcess(w, signal)));
  };

  const consent = (participantId: string) =>
    api.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "ukrainsk", givenOn: "2026-11-01" }) { id } }`, { id: participantId });
  const suggest = async (participantId: string, placementId: string, who = world.users.marketA) =>
    (await api.ok(who, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: participantId, pl: placementId })).suggestProposal.id as string;
  const move = (who: string, id: string, status: string, input: Record<string, unknown> | null = null) =>
    api.ok(who, `mutation($id: ID!, $s: ProposalStatus!, $in: ProposalTransitionInput) { changeProposalStatus(id: $id, status: $s, input: $in) { id status } }`, { id, s: status, in: input });
  const mine = async (userId: string, args = '') => (await api.ok(userId, `{ myNotifications${args} { totalCount pageInfo { hasNextPage endCursor } nodes { ${NOTIFICATION} } } }`)).myNotifications;
  const deliveriesOf = (proposalId: string) =>
    api.dataSource.query(
      `SELECT d.recipient_kind, d.recipient_id, d.channel, d.kind, d.status, d.detail, d.language, d.email_message_id FROM notification_deliveries d
         JOIN outbox_events e ON e.id = d.event_id WHERE e.aggregate_id = $1 ORDER BY d.channel, d.recipient_id`,
      [proposalId],
    ) as Promise<Array<Record<string, string | null>>>;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    api = await ApiHarness.start({ EMPLOYER_MONTHLY_PROPOSAL_CAP: '100000' });
    world = await createWorld(api.dataSource);
    // The shared world's addresses contain spaces ("Advisor A-1-x@test.no"): give its staff real addresses.
    await api.dataSource.query(`UPDATE users SET email = 'staff-' || id || '@intro.test' WHERE id = ANY($1::uuid[])`, [Object.values(world.users)]);
    queue = new Queue('notifications', { connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, prefix: process.env.QUEUE_PREFIX });
  });
  afterEach(() => smtp?.release()); // a failed fault test must not leave the server holding mail
  afterAll(async () => {
    // Each step guarded: a failed start-up must still stop whatever did start.
    await stopWorker();
    await queue?.close();
    await api?.stop();
    await smtp?.close();
  });

  describe('with a running worker', () => {
    beforeAll(() => startWorker());
    afterAll(() => stopWorker());

    let proposalId: string;
    let employer: Awaited<ReturnType<typeof employerWithPeople>>;

    it('a proposal moving to PROPOSED emails each employer contact in their language, with the answer link, and tells employer users in-app', async () => {
      employer = await employerWithPeople(api.dataSource, world, {
        contacts: [{ language: 'nb' }, { language: 'en' }, { language: 'nb', email: null, phone: '+47 900 00 000' }],
        users: ['nb', 'en'],
      });
      const participantId = await createParticipant(api, world);
      await consent(participantId);
      const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Språkpraksis i barnehage', employerId: employer.employerId, siteId: employer.siteId });
      proposalId = await suggest(participantId, placementId);
      await move(world.users.marketA, proposalId, 'PROPOSED');

      const [nb, en] = employer.contacts;
      await smtp.waitFor((all) => all.filter((m) => m.to.includes(nb!.email!) || m.to.includes(en!.email!)).length === 2);
      const toNb = smtp.accepted.find((m) => m.to.includes(nb!.email!))!;
      const toEn = smtp.accepted.find((m) => m.to.includes(en!.email!))!;
      expect(toNb.subject).toBe('Ny kandidat til «Språkpraksis i barnehage»');
      expect(toNb.text).toContain('Vi foreslår Olena K. til praksisplassen «Språkpraksis i barnehage»');
      expect(toEn.subject).toBe('New candidate for “Språkpraksis i barnehage”');
      expect(toEn.text).toContain('We propose Olena K. for the placement');
      // The signed link from libs/employer-answers, one per contact, recorded there.
      for (const [email, contact] of [[toNb, nb!], [toEn, en!]] as const) {
        const link = /https:\/\/praksisbro\.test\/answer\/(\S+)/.exec(email.text);
        expect(link).not.toBeNull();
        expect(email.html).toContain(`href="${link![0]}"`);
        expect(await count(api.dataSource, `SELECT count(*)::int AS n FROM employer_answer_links WHERE proposal_id = $1 AND contact_id = $2`, [proposalId, contact.id])).toBe(1);
      }
      // Message-ID is the email_messages id; no personal data left the database except in the email itself.
      const sent = await waitFor('both marked sent', async () => {
        const rows = (await api.dataSource.query(`SELECT id FROM email_messages WHERE id = ANY($1::uuid[]) AND sent_at IS NOT NULL`, [[toNb.id, toEn.id]])) as unknown[];
        return rows.length === 2 ? rows : null;
      });
      expect(sent).toHaveLength(2);

      // In-app for the employer's users, each in their own language; staff who proposed hear nothing of their own act.
      const [userNb, userEn] = employer.users;
      const nbInbox = await mine(userNb!);
      expect(nbInbox.nodes.map((n: { kind: string; title: string; subjectId: string }) => [n.kind, n.title, n.subjectId])).toEqual([['PROPOSAL_RECEIVED', 'Ny kandidat til «Språkpraksis i barnehage»', proposalId]]);
      expect((await mine(userEn!)).nodes[0].title).toBe('New candidate for “Språkpraksis i barnehage”');
      const deliveries = await deliveriesOf(proposalId);
      expect(deliveries.filter((d) => d.recipient_id === world.users.marketA)).toEqual([]);
      // The contact with only a phone number gets an SMS delivery that honestly was not sent.
      const sms = deliveries.filter((d) => d.channel === 'SMS');
      await waitFor('SMS handled', async () => ((await deliveriesOf(proposalId)).find((d) => d.channel === 'SMS')?.status === 'NOT_SENT' ? true : null));
      expect(sms.map((d) => d.recipient_id)).toEqual([employer.contacts[2]!.id]);
      expect((await deliveriesOf(proposalId)).find((d) => d.channel === 'SMS')!.detail).toBe('not sent: no provider');

      // The suggestion by a market contact told the participant's advisor.
      const advisorInbox = await mine(world.users.advisorA);
      expect(advisorInbox.nodes.some((n: { kind: string; subjectId: string }) => n.kind === 'CANDIDATE_SUGGESTED' && n.subjectId === proposalId)).toBe(true);
    });

    it('an employer declining tells the creator and the advisor in-app and by email, with the reason in words', async () => {
      await move(employer.users[0]!, proposalId, 'DECLINED', { reason: 'ORAL_NORWEGIAN_TOO_WEAK' });
      const staff = (await api.dataSource.query(`SELECT id, email FROM users WHERE id = ANY($1::uuid[])`, [[world.users.marketA, world.users.advisorA]])) as Array<{ id: string; email: string }>;
      await smtp.waitFor((all) => staff.every((s) => all.some((m) => m.to.includes(s.email) && m.subject.includes('sier nei'))));
      for (const s of staff) {
        const email = smtp.accepted.find((m) => m.to.includes(s.email) && m.subject.includes('sier nei'))!;
        expect(email.subject).toMatch(/^Regnbuen barnehage \S+ sier nei til Olena K\.$/);
        expect(email.text).toContain('Begrunnelse: muntlig norsk er foreløpig for svakt for oppgavene.');
        const inbox = await mine(s.id);
        expect(inbox.nodes.some((n: { kind: string; body: string }) => n.kind === 'PROPOSAL_DECLINED' && n.body.includes('muntlig norsk'))).toBe(true);
      }
    });

    it('my notifications, unread count and mark read work and are scoped to the caller', async () => {
      const me = world.users.advisorA;
      const all = await mine(me);
      expect(all.totalCount).toBeGreaterThanOrEqual(2);
      const unread = (await api.ok(me, `{ unreadNotificationCount }`)).unreadNotificationCount;
      expect(unread).toBe(all.totalCount);

      // Pages follow the keyset cursor without gaps or repeats.
      const first = await mine(me, '(first: 1)');
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = await mine(me, `(first: 100, after: "${first.pageInfo.endCursor}")`);
      expect([...first.nodes, ...rest.nodes].map((n: { id: string }) => n.id)).toEqual(all.nodes.map((n: { id: string }) => n.id));

      // Someone else's notification is NOT_FOUND, changes nothing, and never shows up in their list.
      const target = all.nodes[0].id;
      const foreign = await api.gql(world.users.marketB, `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }`, { ids: [target] });
      expect(errorCode(foreign)).toBe('NOT_FOUND');
      expect((await mine(world.users.marketB)).nodes.map((n: { id: string }) => n.id)).not.toContain(target);
      expect((await api.ok(me, `{ unreadNotificationCount }`)).unreadNotificationCount).toBe(unread);

      const marked = await api.ok(me, `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }`, { ids: [target] });
      expect(marked.markNotificationsRead).toEqual({ marked: 1, unreadCount: unread - 1 });
      const again = await api.ok(me, `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }`, { ids: [target] });
      expect(again.markNotificationsRead.marked).toBe(0);
      expect((await mine(me, '(unreadOnly: true)')).nodes.map((n: { id: string }) => n.id)).not.toContain(target);
      expect((await mine(me)).nodes.find((n: { id: string; read: boolean }) => n.id === target).read).toBe(true);

      const allRead = await api.ok(me, `mutation { markAllNotificationsRead { marked unreadCount } }`);
      expect(allRead.markAllNotificationsRead).toEqual({ marked: unread - 1, unreadCount: 0 });
      expect((await mine(me, '(unreadOnly: true)')).totalCount).toBe(0);
      expect(errorCode(await api.gql(me, `{ myNotifications(first: 0) { totalCount } }`))).toBe('BAD_USER_INPUT');
    });

    it('bundles a recipient’s emails due at the same time into one digest', async () => {
      const solo = await employerWithPeople(api.dataSource, world, { contacts: [{ language: 'nb' }], users: [] });
      const placementIds = await Promise.all(['Kokk', 'Servitør', 'Oppvask'].map((title) => createPlacement(api, world, world.users.marketA, { ...FUTURE, title, employerId: solo.employerId, siteId: solo.siteId })));
      const participantId = await createParticipant(api, world);
      await consent(participantId);
      for (const placementId of placementIds) await move(world.users.marketA, await suggest(participantId, placementId), 'PROPOSED');

      const address = solo.contacts[0]!.email!;
      await smtp.waitFor((all) => all.some((m) => m.to.includes(address)));
      await sleep(1_000); // anything that would arrive separately has had time to
      const received = smtp.accepted.filter((m) => m.to.includes(address));
      expect(received).toHaveLength(1);
      expect(received[0]!.subject).toBe('3 nye varsler fra Praksisbro');
      for (const title of ['Kokk', 'Servitør', 'Oppvask']) expect(received[0]!.text).toContain(`Ny kandidat til «${title}»`);
      expect((received[0]!.text.match(/https:\/\/praksisbro\.test\/answer\//g) ?? []).length).toBe(3);
    });

    it('dead letters (a refused email, an event no rule handles) are visible to admins only, and can be retried', async () => {
      const bouncing = await employerWithPeople(api.dataSource, world, { contacts: [{ language: 'en', email: `bounce-${unique()}@regnbuen.test` }], users: [] });
      smtp.refuse.add(bouncing.contacts[0]!.email!);
      const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, employerId: bouncing.employerId, siteId: bouncing.siteId });
      const participantId = await createParticipant(api, world);
      await consent(participantId);
      const id = await suggest(participantId, placementId);
      await move(world.users.marketA, id, 'PROPOSED');
      await queue.add('Bogus', { eventId: '0', type: 'Bogus', aggregateType: 'Proposal', aggregateId: id, payload: {}, actorId: null, occurredAt: new Date().toISOString() }, { jobId: `bogus-${unique()}`, attempts: 1 });

      const query = `{ deadLetterNotifications(first: 20) { source id eventType recipientKind recipientId attempts error } }`;
      const letters = await waitFor('dead letters', async () => {
        const res = (await api.ok(world.users.admin, query)).deadLetterNotifications as Array<Record<string, unknown>>;
        return res.some((l) => l.source === 'EMAIL' && l.recipientId === bouncing.contacts[0]!.id) && res.some((l) => l.source === 'EVENT_JOB' && l.eventType === 'Bogus') ? res : null;
      });
      const email = letters.find((l) => l.source === 'EMAIL' && l.recipientId === bouncing.contacts[0]!.id)!;
      expect(email).toMatchObject({ recipientKind: 'EMPLOYER_CONTACT', attempts: 1 });
      expect(email.error).toMatch(/^PERMANENT: .*550/);
      expect(JSON.stringify(letters)).not.toContain(bouncing.contacts[0]!.email!); // no addresses for admins
      expect(letters.find((l) => l.source === 'EVENT_JOB')!.error).toMatch(/no rule for event type Bogus/);
      expect((await deliveriesOf(id)).find((d) => d.channel === 'EMAIL')!.status).toBe('FAILED');
      expect(errorCode(await api.gql(world.users.advisorA, query))).toBe('FORBIDDEN');

      // Once the mailbox works again, an admin retries and the same message (same Message-ID) goes out once.
      smtp.refuse.delete(bouncing.contacts[0]!.email!);
      await api.ok(world.users.admin, `mutation($id: ID!) { retryDeadLetterNotification(source: EMAIL, id: $id) }`, { id: email.id });
      await smtp.waitFor((all) => all.some((m) => m.id === email.id));
      expect(smtp.accepted.filter((m) => m.id === email.id)).toHaveLength(1);
      await waitFor('delivery marked sent', async () => (await deliveriesOf(id)).find((d) => d.channel === 'EMAIL')!.status === 'SENT');
    });
  });

  it('without an answer-link binding the employer email is still written, without a link (NotificationsService.notify in the caller’s transaction)', async () => {
    const solo = await employerWithPeople(api.dataSource, world, { contacts: [{ language: 'en' }], users: [] });
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, employerId: solo.employerId, siteId: solo.siteId });
    const participantId = await createParticipant(api, world);
    const proposalId = await suggest(participantId, placementId);
    const service = new NotificationsService(new NotificationFactsRepository(), undefined);
    const target = [{ recipient: { kind: 'EMPLOYER_CONTACT' as const, id: solo.contacts[0]!.id }, channels: [Channel.EMAIL] }];
    const first = await api.dataSource.transaction((em) => service.notify(em, target, NotificationKind.PROPOSAL_ANSWER_REMINDER, { proposalId }, `reminder:${proposalId}:1`));
    const again = await api.dataSource.transaction((em) => service.notify(em, target, NotificationKind.PROPOSAL_ANSWER_REMINDER, { proposalId }, `reminder:${proposalId}:1`));
    expect([first.deliveries, again.deliveries]).toEqual([1, 0]); // the dedupe key holds across calls
    const [row] = (await api.dataSource.query(`SELECT content, status FROM notification_deliveries WHERE dedupe_key = $1`, [`reminder:${proposalId}:1`])) as Array<{ content: { subject: string; action: unknown; paragraphs: string[] }; status: string }>;
    expect(row!.status).toBe('PENDING');
    expect(row!.content.action).toBeNull();
    expect(row!.content.paragraphs.join(' ')).toContain('Please reply to your market contact');
    // A rolled-back caller leaves nothing behind.
    await api.dataSource
      .transaction(async (em) => {
        await service.notify(em, target, NotificationKind.PROPOSAL_ANSWER_REMINDER, { proposalId }, `reminder:${proposalId}:2`);
        throw new Error('caller fails');
      })
      .catch(() => undefined);
    expect(await count(api.dataSource, `SELECT count(*)::int AS n FROM notification_deliveries WHERE dedupe_key = $1`, [`reminder:${proposalId}:2`])).toBe(0);
  });

  it('notifyRendered words a reminder per recipient language; forgetSubjects (erasure) and retention remove what named people', async () => {
    const service = new NotificationsService(new NotificationFactsRepository(), undefined);
    await api.dataSource.query(`UPDATE users SET language = 'en' WHERE id = $1`, [world.users.advisorA2]);
    const proposalId = (await api.dataSource.query(`SELECT id FROM proposals ORDER BY created_at DESC LIMIT 1`))[0].id as string;
    const message = {
      kind: NotificationKind.REMINDER,
      texts: { nb: { subject: 'Oppfølging i morgen', paragraphs: ['Husk besøket.'] }, en: { subject: 'Follow-up tomorrow', paragraphs: ['Remember the visit.'] } },
      subject: { type: 'Proposal', id: proposalId },
    };
    const targets = [world.users.advisorA, world.users.advisorA2].map((id) => ({ recipient: { kind: 'USER' as const, id }, channels: [Channel.IN_APP] }));
    const written = await api.dataSource.transaction((em) => service.notifyRendered(em, targets, message, `reminder:visit:${proposalId}`));
    expect(written).toEqual({ deliveries: 2, inApp: 2 });
    expect((await api.dataSource.transaction((em) => service.notifyRendered(em, targets, message, `reminder:visit:${proposalId}`))).deliveries).toBe(0);
    expect((await mine(world.users.advisorA2)).nodes.find((n: { kind: string }) => n.kind === 'REMINDER')).toMatchObject({ title: 'Follow-up tomorrow', body: 'Remember the visit.', subjectId: proposalId });
    expect((await mine(world.users.advisorA)).nodes.find((n: { kind: string }) => n.kind === 'REMINDER').title).toBe('Oppfølging i morgen');

    // Erasure forgets every notification about the subject, with the emails that carried them.
    const before = await count(api.dataSource, `SELECT count(*)::int AS n FROM notification_deliveries WHERE subject_id = $1`, [proposalId]);
    expect(before).toBeGreaterThanOrEqual(2);
    const removed = await api.dataSource.transaction((em) => service.forgetSubjects(em, [proposalId]));
    expect(removed).toBe(before);
    expect(await count(api.dataSource, `SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`, [proposalId])).toBe(0);

    // Retention: a settled email older than 30 days is deleted; its delivery keeps that it was sent.
    const [old] = (await api.dataSource.query(`SELECT m.id, d.id AS delivery_id FROM email_messages m JOIN notification_deliveries d ON d.email_message_id = m.id WHERE m.sent_at IS NOT NULL LIMIT 1`)) as Array<{ id: string; delivery_id: string }>;
    await api.dataSource.query(`UPDATE email_messages SET sent_at = now() - interval '31 days' WHERE id = $1`, [old!.id]);
    expect(await new NotificationRetention(api.dataSource).prune()).toBeGreaterThanOrEqual(1);
    expect(await count(api.dataSource, `SELECT count(*)::int AS n FROM email_messages WHERE id = $1`, [old!.id])).toBe(0);
    expect((await api.dataSource.query(`SELECT status, email_message_id FROM notification_deliveries WHERE id = $1`, [old!.delivery_id]))[0]).toEqual({ status: 'SENT', email_message_id: null });
  });

  describe('FAULT: worker SIGKILL', () => {
    afterEach(() => stopWorker('SIGKILL')); // even when the test failed half-way

    it('mid-batch of 200 events, and again with emails in flight → every notification delivered exactly once', async () => {
      const employers = await Promise.all(Array.from({ length: 10 }, () => employerWithPeople(api.dataSource, world, { contacts: [{ language: 'nb' }], users: ['nb'] })));
      const placements = await Promise.all(employers.map((e) => createPlacement(api, world, world.users.marketA, { ...FUTURE, employerId: e.employerId, siteId: e.siteId }).then((id) => ({ id, employerId: e.employerId }))));
      const participants: string[] = [];
      for (let i = 0; i < 20; i++) participants.push(await createParticipant(api, world, { firstName: `Deltaker${i}` }));
      const pairs = participants.flatMap((participantId) => placements.map((p) => ({ participantId, placementId: p.id, employerId: p.employerId })));
      expect(pairs).toHaveLength(200);
      const eventIds = await insertProposedBatch(api.dataSource, world.users.marketA, pairs);
      const ofBatch = `event_id = ANY('{${eventIds.join(',')}}'::bigint[])`;
      const contactEmails = new Set(employers.map((e) => e.contacts[0]!.email!));
      const ours = () => smtp.accepted.filter((m) => m.to.some((t) => contactEmails.has(t)));

      // 1. Kill the worker hard while it is working through the events. The SMTP server answers nothing until the
      //    end of step 2, so no kill can fall between a "250 OK" and the commit that records it (the one window left).
      const firstHeld = smtp.holdAll((m) => m.to.some((t) => contactEmails.has(t)));
      startWorker({ NOTIFY_DIGEST_WINDOW_MS: '2500' });
      const atKill = await waitFor('first notifications of the batch', async () => {
        const n = await count(api.dataSource, `SELECT count(*)::int AS n FROM notification_deliveries WHERE ${ofBatch}`);
        return n >= 60 ? n : null;
      });
      await stopWorker('SIGKILL');
      const writtenAtKill = await count(api.dataSource, `SELECT count(*)::int AS n FROM notification_deliveries WHERE ${ofBatch}`);
      expect(writtenAtKill).toBeLessThan(400);

      // 2. Restart; kill it again once its emails are in flight (the server has them in full, no answer yet).
      startWorker({ NOTIFY_DIGEST_WINDOW_MS: '2500' });
      // Generous: on a busy 2-core machine a restarted worker can take a while to reach the SMTP server.
      const held = await Promise.race([firstHeld, sleep(60_000).then(() => null)]);
      expect(held).not.toBeNull();
      await sleep(300); // let the other senders get their messages in flight too
      await stopWorker('SIGKILL');
      await waitFor('the server saw the client vanish', async () => smtp.abandoned.some((m) => m.id === held!.id));
      const abandoned = smtp.abandoned.filter((m) => m.to.some((t) => contactEmails.has(t)));
      expect(abandoned.length).toBeGreaterThan(0);
      smtp.release();

      // 3. Restart once more and let it finish.
      startWorker({ NOTIFY_DIGEST_WINDOW_MS: '2500' });
      await waitFor(
        'all 400 deliveries written and every email sent',
        async () =>
          (await count(api.dataSource, `SELECT count(*)::int AS n FROM notification_deliveries WHERE ${ofBatch}`)) === 400 &&
          (await count(api.dataSource, `SELECT count(*)::int AS n FROM notification_deliveries WHERE ${ofBatch} AND channel = 'EMAIL' AND status = 'SENT'`)) === 200,
        60_000,
      );
      await sleep(1_000); // give a duplicate the chance to show up
      await stopWorker();

      const deliveries = (await api.dataSource.query(`SELECT channel, status, email_message_id FROM notification_deliveries WHERE ${ofBatch}`)) as Array<{ channel: string; status: string; email_message_id: string | null }>;
      const inApp = await count(api.dataSource, `SELECT count(*)::int AS n FROM notifications n JOIN notification_deliveries d ON d.id = n.delivery_id WHERE d.${ofBatch}`);
      const consumed = await count(api.dataSource, `SELECT count(*)::int AS n FROM consumed_events WHERE consumer = 'notifications' AND event_id = ANY('{${eventIds.join(',')}}'::bigint[])`);
      const messageIds = new Set(deliveries.filter((d) => d.email_message_id).map((d) => d.email_message_id!));
      const received = ours();
      const figures = { events: eventIds.length, deliveriesAtFirstKill: atKill, inApp, emailItems: deliveries.filter((d) => d.channel === 'EMAIL' && d.status === 'SENT').length, emails: received.length, inFlightAtSecondKill: abandoned.length, duplicates: smtp.duplicates().length };
      process.stderr.write(`[notifications SIGKILL] ${JSON.stringify(figures)}\n`);

      expect(consumed).toBe(200);
      expect(inApp).toBe(200);
      expect(deliveries.filter((d) => d.channel === 'IN_APP')).toHaveLength(200);
      expect(figures.emailItems).toBe(200);
      // Every email message went out exactly once, under its own Message-ID, and the one killed in flight was resent with the same id.
      expect(smtp.duplicates()).toEqual([]);
      expect(new Set(received.map((m) => m.id))).toEqual(messageIds);
      for (const m of abandoned) expect(received.filter((r) => r.id === m.id)).toHaveLength(1);
      // Bundled: ten contacts, far fewer emails than the 200 notifications they carry.
      expect(received.length).toBeLessThan(60);
      const items = received.reduce((sum, m) => sum + ((m.text.match(/https:\/\/praksisbro\.test\/answer\//g) ?? []).length), 0);
      expect(items).toBe(200);
    }, 180_000);
  });

  describe('FAULT: Redis restarts while mutations are made (a private redis-server with AOF)', () => {
    let redis: ChildProcess | undefined;
    let redisPort: number;
    let dir: string;
    let api2: ApiHarness;
    let privateQueue: Queue;

    const startRedis = async () => {
      redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir], { stdio: 'ignore' });
      await waitFor('redis up', async () => (await run('redis-cli', ['-p', String(redisPort), 'ping']).catch(() => ({ stdout: '' }))).stdout.trim() === 'PONG', 10_000);
    };
    const stopRedis = async () => {
      const exited = new Promise((r) => redis!.once('exit', r));
      await run('redis-cli', ['-p', String(redisPort), 'shutdown', 'nosave']).catch(() => undefined);
      await exited;
    };

    beforeAll(async () => {
      redisPort = await freePort();
      dir = mkdtempSync(join(tmpdir(), 'praksisbro-redis-'));
      await startRedis();
      const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}/0` };
      api2 = await ApiHarness.start({ ...env, EMPLOYER_MONTHLY_PROPOSAL_CAP: '100000' });
      privateQueue = new Queue('notifications', { connection: { host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: null }, prefix: process.env.QUEUE_PREFIX });
      privateQueue.on('error', () => undefined); // it is down on purpose now and then
      startWorker({ ...env, QUEUE_REPAIR_INTERVAL_MS: '1000' });
    });
    afterAll(async () => {
      await stopWorker();
      await privateQueue?.close();
      await api2?.stop();
      if (redis && redis.exitCode === null) await stopRedis();
      rmSync(dir, { recursive: true, force: true });
    });

    it('loses nothing and duplicates nothing across a restart, and re-relays what a wiped Redis lost', async () => {
      const employer = await employerWithPeople(api.dataSource, world, { contacts: [{ language: 'en' }], users: ['en'] });
      const placementIds: string[] = [];
      for (let i = 0; i < 5; i++) placementIds.push(await createPlacement(api2, world, world.users.marketA, { ...FUTURE, title: `Lager ${i}`, employerId: employer.employerId, siteId: employer.siteId }));
      const participantIds: string[] = [];
      for (let i = 0; i < 8; i++) {
        const id = await createParticipant(api2, world, { firstName: `Redis${i}` });
        await api2.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "arabisk", givenOn: "2026-11-01" }) { id } }`, { id });
        participantIds.push(id);
      }
      const pairs = participantIds.flatMap((p) => placementIds.map((pl) => [p, pl] as const));
      const proposals: string[] = [];
      let redisDown = false;
      let madeWhileDown = 0;
      const propose = async ([participantId, placementId]: readonly [string, string]) => {
        if (redisDown) madeWhileDown++;
        const id = (await api2.ok(world.users.marketA, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: participantId, pl: placementId })).suggestProposal.id;
        await api2.ok(world.users.marketA, `mutation($id: ID!) { changeProposalStatus(id: $id, status: PROPOSED) { id } }`, { id });
        proposals.push(id);
      };

      // Phase 1: mutations keep coming while Redis shuts down and comes back with its append-only file.
      const restart = (async () => {
        await sleep(400);
        redisDown = true;
        await stopRedis();
        await sleep(1_500);
        await startRedis();
        redisDown = false;
      })();
      for (const pair of pairs.slice(0, 30)) await propose(pair);
      await restart;
      expect(madeWhileDown).toBeGreaterThan(0); // the api kept taking mutations while Redis was away
      const consumedOf = async (ids: readonly string[]) =>
        count(api.dataSource, `SELECT count(*)::int AS n FROM consumed_events c JOIN outbox_events e ON e.id = c.event_id WHERE c.consumer = 'notifications' AND e.aggregate_id = ANY($1::uuid[])`, [ids]);
      await waitFor('phase 1 consumed after the restart', async () => (await consumedOf(proposals)) === 60, 40_000);

      // Phase 2: jobs relayed but never consumed (queue paused), then Redis comes back empty: the sweeper re-relays them.
      await privateQueue.pause();
      for (const pair of pairs.slice(30)) await propose(pair);
      const lateEvents = (await api.dataSource.query(`SELECT id FROM outbox_events WHERE aggregate_id = ANY($1::uuid[]) ORDER BY id`, [proposals.slice(30)])) as Array<{ id: string }>;
      await waitFor('late events relayed', async () => (await count(api.dataSource, `SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1::bigint[]) AND relayed_at IS NOT NULL`, [lateEvents.map((e) => e.id)])) === lateEvents.length);
      const lost = lateEvents.map((e) => `evt-${e.id}`);
      for (const jobId of lost) expect(await privateQueue.getJob(jobId)).toBeDefined();
      expect(await consumedOf(proposals.slice(30))).toBe(0);
      await stopRedis();
      rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(join(tmpdir(), 'praksisbro-redis-'));
      const wipedAt = Date.now();
      await startRedis();

      // Every event of every proposal reaches its notifications exactly once.
      const events = (await api.dataSource.query(`SELECT id FROM outbox_events WHERE aggregate_id = ANY($1::uuid[]) AND type IN ('ProposalCreated', 'ProposalStatusChanged')`, [proposals])) as Array<{ id: string }>;
      expect(events).toHaveLength(80);
      const ofRun = `event_id = ANY('{${events.map((e) => e.id).join(',')}}'::bigint[])`;
      const address = employer.contacts[0]!.email!;
      await waitFor(
        'every notification of the run delivered',
        async () =>
          (await count(api.dataSource, `SELECT count(*)::int AS n FROM notification_deliveries WHERE ${ofRun}`)) === 120 &&
          (await count(api.dataSource, `SELECT count(*)::int AS n FROM notification_deliveries WHERE ${ofRun} AND channel = 'EMAIL' AND status = 'SENT'`)) === 40,
        45_000,
      );
      // The lost jobs exist again, created after the wipe: only the sweeper adds jobs for events the outbox had
      // already marked relayed (the relay never looks at them again).
      for (const jobId of lost) expect((await privateQueue.getJob(jobId))?.timestamp).toBeGreaterThanOrEqual(wipedAt);
      await sleep(1_000);
      const received = smtp.accepted.filter((m) => m.to.includes(address));
      const consumed = await count(api.dataSource, `SELECT count(*)::int AS n FROM consumed_events WHERE consumer = 'notifications' AND ${ofRun}`);
      const inApp = await count(api.dataSource, `SELECT count(*)::int AS n FROM notifications n JOIN notification_deliveries d ON d.id = n.delivery_id WHERE d.${ofRun}`);
      const items = received.reduce((sum, m) => sum + ((m.text.match(/https:\/\/praksisbro\.test\/answer\//g) ?? []).length), 0);
      process.stderr.write(`[notifications Redis restart] ${JSON.stringify({ events: events.length, consumed, inApp, emails: received.length, emailItems: items, duplicates: smtp.duplicates().length, proposalsWhileRedisDown: madeWhileDown, lostWithRedisData: lost.length })}\n`);
      expect(consumed).toBe(80);
      expect(inApp).toBe(80); // 40 to the advisor (suggested by someone else), 40 to the employer user
      expect(items).toBe(40);
      expect(smtp.duplicates()).toEqual([]);
      expect(await count(api.dataSource, `SELECT count(*)::int AS n FROM (SELECT dedupe_key, recipient_id, channel FROM notification_deliveries WHERE ${ofRun} GROUP BY 1, 2, 3 HAVING count(*) > 1) x`)).toBe(0);
    }, 90_000);
  });
});
