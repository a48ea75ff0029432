import type { ChildProcess } from 'node:child_process';
import { ApiHarness, errorCode, startProcess, stopProcess } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';
import { waitFor } from '../support/wait-for.js';

const HISTORY = `query($id: ID!) { participantAccessHistory(participantId: $id) { kind actorId actorRole operation purpose view participantCount } }`;

describe('audit log of personal data', () => {
  let api: ApiHarness;
  let worker: ChildProcess;
  let world: World;
  let olena: string;

  const readsOf = async (participantId: string) =>
    (await api.dataSource.query(`SELECT actor_id, operation, purpose, view, cardinality(participant_ids) AS n FROM audit_log WHERE participant_ids @> ARRAY[$1::uuid] ORDER BY id`, [participantId])) as Array<{
      actor_id: string;
      operation: string;
      purpose: string;
      view: string;
      n: number;
    }>;

  beforeAll(async () => {
    worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
    api = await ApiHarness.start({ MATCHING_FEED_INTERVAL_MS: '100' });
    world = await createWorld(api.dataSource);
    olena = await createParticipant(api, world);
  });
  afterAll(async () => {
    await stopProcess(worker);
    await api.stop();
  });

  it('records a read of a full profile: who, which participant, which operation, why', async () => {
    await api.ok(world.users.advisorA2, `query($id: ID!) { participant(id: $id) { id } }`, { id: olena });
    expect(await readsOf(olena)).toEqual([{ actor_id: world.users.advisorA2, operation: 'participant', purpose: 'CASE_WORK', view: 'FULL', n: 1 }]);
  });

  it('records a list of many participants once per request, not per row', async () => {
    await createParticipant(api, world, { firstName: 'Two' });
    await createParticipant(api, world, { firstName: 'Three' });
    const before = (await api.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    const list = await api.ok(world.users.advisorA, `{ participants(first: 50) { nodes { id } } }`);
    const rows = await api.dataSource.query(`SELECT operation, view, cardinality(participant_ids) AS n FROM audit_log ORDER BY id DESC LIMIT 5`);
    expect((await api.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(before + 1);
    expect(rows[0]).toEqual({ operation: 'participants', view: 'FULL', n: list.participants.nodes.length });
    expect(list.participants.nodes.length).toBeGreaterThanOrEqual(3);
  });

  it('records the view a market contact saw, and a purpose the caller states', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.token(world.users.marketA)}`, 'x-purpose': 'Forberede møte med arbeidsgiver' },
      body: JSON.stringify({ query: `query($id: ID!) { participant(id: $id) { id } }`, variables: { id: olena } }),
    });
    expect(res.status).toBe(200);
    expect((await readsOf(olena)).at(-1)).toEqual({ actor_id: world.users.marketA, operation: 'participant', purpose: 'Forberede møte med arbeidsgiver', view: 'MATCHING', n: 1 });
  });

  it('records the candidate card an employer reads', async () => {
    await api.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "ukrainsk", givenOn: "2026-11-01" }) { id } }`, { id: olena });
    const placementId = await createPlacement(api, world, world.users.marketA, { startDate: '2026-12-07', endDate: '2027-03-31' });
    const p = await api.ok(world.users.advisorA, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: olena, pl: placementId });
    await api.ok(world.users.advisorA, `mutation($id: ID!) { changeProposalStatus(id: $id, status: PROPOSED) { id } }`, { id: p.suggestProposal.id });
    await api.ok(world.users.employer1, `query($id: ID!) { proposal(id: $id) { candidate { displayName } } }`, { id: p.suggestProposal.id });
    expect((await readsOf(olena)).at(-1)).toEqual({ actor_id: world.users.employer1, operation: 'proposal', purpose: 'PLACEMENT_PROCESS', view: 'CARD', n: 1 });
  });

  it('exports a participant’s access history with reads and changes, to the unit’s advisors and admins only', async () => {
    const history = await waitFor(async () => {
      const h = (await api.ok(world.users.advisorA, HISTORY, { id: olena })).participantAccessHistory as Array<{ kind: string; operation: string }>;
      return h.some((e) => e.kind === 'CHANGE' && e.operation === 'ProposalStatusChanged') && h;
    });
    const kinds = new Set(history.map((e) => `${e.kind}:${e.operation}`));
    for (const k of ['READ:participant', 'READ:proposal', 'CHANGE:ParticipantCreated', 'CHANGE:ConsentGiven', 'CHANGE:ProposalCreated']) expect(kinds).toContain(k);
    expect(history.find((e) => e.kind === 'CHANGE' && e.operation === 'ParticipantCreated')).toMatchObject({ actorId: world.users.advisorA, actorRole: 'ADVISOR' });
    expect(errorCode(await api.gql(world.users.advisorB, HISTORY, { id: olena }))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(world.users.marketA, HISTORY, { id: olena }))).toBe('FORBIDDEN');
    const asAdmin = (await api.ok(world.users.admin, HISTORY, { id: olena })).participantAccessHistory;
    expect(asAdmin.length).toBe(history.length + 1); // the advisor's last export is in the log too
    expect(asAdmin[0]).toMatchObject({ kind: 'EXPORT', operation: 'participantAccessHistory', actorId: world.users.advisorA, purpose: 'DATA_SUBJECT_REQUEST' });
  });

  it('lets administrators query the log, and nobody else', async () => {
    const log = await api.ok(world.users.admin, `query($a: ID!) { auditLog(filter: { actorId: $a }, first: 10) { kind operation view participantCount } }`, { a: world.users.employer1 });
    expect(log.auditLog[0]).toMatchObject({ kind: 'READ', operation: 'proposal', view: 'CARD' });
    for (const who of ['advisorA', 'marketA', 'employer1'] as const) expect(errorCode(await api.gql(world.users[who], `{ auditLog { kind } }`))).toBe('FORBIDDEN');
  });
});
