import { ApiHarness, errorCode } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

const FUTURE = { startDate: '2026-12-07', endDate: '2027-03-31', requiredNorwegian: {} };
const PROPOSAL = `id status reason reasonNote proposedAt answeredAt allowedTransitions agreement { startDate endDate weekdays hoursPerWeek tasks supervisorName }
  history { fromStatus toStatus reason actorId actorKind } followUps { id dueOn status heldOn attendance notes } evaluations { authorRole languageExposure wouldHostAgain }`;

describe('the placement process over HTTP', () => {
  let api: ApiHarness;
  let world: World;

  const consent = (id: string, scope = 'PROPOSE_TO_EMPLOYERS') =>
    api.ok(world.users.advisorA, `mutation($id: ID!, $scope: ConsentScope!) { recordConsent(participantId: $id, input: { scope: $scope, explainedInLanguage: "arabisk", givenOn: "2026-11-01" }) { id } }`, { id, scope });
  const suggest = async (participantId: string, placementId: string, who = world.users.advisorA) =>
    (await api.ok(who, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl, note: "Passer godt" }) { ${PROPOSAL} } }`, { p: participantId, pl: placementId })).suggestProposal;
  const move = (who: string, id: string, status: string, input: Record<string, unknown> | null = null) =>
    api.gql(who, `mutation($id: ID!, $s: ProposalStatus!, $in: ProposalTransitionInput) { changeProposalStatus(id: $id, status: $s, input: $in) { ${PROPOSAL} } }`, { id, s: status, in: input });
  const ok = async (who: string, id: string, status: string, input: Record<string, unknown> | null = null) => {
    const res = await move(who, id, status, input);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.changeProposalStatus;
  };
  const snapshot = async () => api.dataSource.query(`SELECT (SELECT count(*) FROM proposals) p, (SELECT count(*) FROM proposal_transitions) t, (SELECT count(*) FROM outbox_events) e, (SELECT string_agg(status::text, ',' ORDER BY id) FROM proposals) s`);

  beforeAll(async () => {
    api = await ApiHarness.start();
    world = await createWorld(api.dataSource);
  });
  afterAll(() => api.stop());

  it('walks a proposal from suggestion to hire, with history, agreement, follow-ups and evaluations', async () => {
    const participantId = await createParticipant(api, world);
    await consent(participantId);
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, capacity: 2 });

    const suggested = await suggest(participantId, placementId);
    expect(suggested.status).toBe('SUGGESTED');
    expect(suggested.allowedTransitions).toEqual(['PROPOSED', 'WITHDRAWN', 'DECLINED_BY_PARTICIPANT']);
    // Not yet shared: the employer does not see a suggestion.
    expect(errorCode(await api.gql(world.users.employer1, `query($id: ID!) { proposal(id: $id) { id } }`, { id: suggested.id }))).toBe('NOT_FOUND');

    const proposed = await ok(world.users.marketA, suggested.id, 'PROPOSED');
    expect(proposed.proposedAt).not.toBeNull();
    const employerView = await api.ok(world.users.employer1, `query($id: ID!) { proposal(id: $id) { status allowedTransitions participant { id } candidate { displayName shared norwegian { skill } } } }`, { id: suggested.id });
    expect(employerView.proposal).toEqual({ status: 'PROPOSED', allowedTransitions: ['ACCEPTED', 'DECLINED'], participant: null, candidate: { displayName: 'Olena K.', shared: false, norwegian: [] } });

    const accepted = await ok(world.users.employer1, suggested.id, 'ACCEPTED');
    expect(accepted.answeredAt).not.toBeNull();
    const agreed = (
      await api.ok(world.users.advisorA, `mutation($id: ID!, $in: AgreementInput!) { agreeProposal(id: $id, input: $in) { ${PROPOSAL} } }`, {
        id: suggested.id,
        in: { startDate: '2027-01-04', endDate: '2027-03-01', weekdays: ['MON', 'TUE'], hoursPerWeek: 12, tasks: ['Lek og aktiviteter', 'Måltider'], supervisorName: 'Kari Nordmann' },
      })
    ).agreeProposal;
    expect(agreed.status).toBe('AGREED');
    expect(agreed.agreement).toMatchObject({ startDate: '2027-01-04', supervisorName: 'Kari Nordmann' });
    expect(agreed.followUps.map((f: { dueOn: string }) => f.dueOn)).toEqual(['2027-01-18', '2027-02-01', '2027-03-01']);

    await ok(world.users.advisorA, suggested.id, 'STARTED');
    const firstVisit = agreed.followUps[0].id;
    const logged = await api.ok(world.users.marketA, `mutation($id: ID!) { logFollowUp(id: $id, input: { heldOn: "2027-01-18", attendance: ["PARTICIPANT", "EMPLOYER", "MARKET_CONTACT"], notes: "Trives godt" }) { status heldOn attendance } }`, { id: firstVisit });
    expect(logged.logFollowUp).toEqual({ status: 'DONE', heldOn: '2027-01-18', attendance: ['PARTICIPANT', 'EMPLOYER', 'MARKET_CONTACT'] });
    expect(errorCode(await api.gql(world.users.marketA, `mutation($id: ID!) { logFollowUp(id: $id, input: { heldOn: "2027-01-18", attendance: ["PARTICIPANT"] }) { status } }`, { id: firstVisit }))).toBe('CONFLICT');

    await ok(world.users.advisorA, suggested.id, 'COMPLETED');
    const evaluate = `mutation($id: ID!) { evaluateProposal(id: $id, input: { languageExposure: 4, tasksFit: 5, wouldHostAgain: true }) { authorRole } }`;
    expect((await api.ok(world.users.employer1, evaluate, { id: suggested.id })).evaluateProposal.authorRole).toBe('EMPLOYER');
    expect((await api.ok(world.users.advisorA, evaluate, { id: suggested.id })).evaluateProposal.authorRole).toBe('ADVISOR');
    expect(errorCode(await api.gql(world.users.advisorA, evaluate, { id: suggested.id }))).toBe('CONFLICT');

    const hired = await ok(world.users.advisorA, suggested.id, 'HIRED');
    expect(hired.allowedTransitions).toEqual([]);
    expect(hired.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['SUGGESTED', 'PROPOSED', 'ACCEPTED', 'AGREED', 'STARTED', 'COMPLETED', 'HIRED']);
    expect(hired.history[2]).toMatchObject({ fromStatus: 'PROPOSED', toStatus: 'ACCEPTED', actorId: world.users.employer1, actorKind: 'USER' });
    expect(hired.evaluations.map((e: { authorRole: string }) => e.authorRole).sort()).toEqual(['ADVISOR', 'EMPLOYER']);
    // Every step left an event in the outbox (ids and codes only).
    const events = (await api.dataSource.query(`SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [suggested.id])) as Array<{ type: string; payload: Record<string, unknown> }>;
    expect(events.filter((e) => e.type === 'ProposalStatusChanged').map((e) => e.payload.to)).toEqual(['PROPOSED', 'ACCEPTED', 'AGREED', 'STARTED', 'COMPLETED', 'HIRED']);
    expect(JSON.stringify(events)).not.toContain('Olena');
  });

  it('refuses an illegal transition with CONFLICT and changes nothing', async () => {
    const participantId = await createParticipant(api, world);
    await consent(participantId);
    const placementId = await createPlacement(api, world, world.users.marketA, FUTURE);
    const p = await suggest(participantId, placementId);
    const before = await snapshot();
    const res = await move(world.users.advisorA, p.id, 'STARTED');
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors![0]!.message).toBe('A proposal cannot go from SUGGESTED to STARTED');
    expect(errorCode(await move(world.users.advisorA, p.id, 'WITHDRAWN'))).toBe('BAD_USER_INPUT'); // a reason is required
    expect(errorCode(await move(world.users.employer1, p.id, 'ACCEPTED'))).toBe('NOT_FOUND'); // not shared with the employer yet
    expect(await snapshot()).toEqual(before);
    // The same pair cannot be suggested twice while one is active.
    const again = await api.gql(world.users.advisorA, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: participantId, pl: placementId });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
  });

  it('shares with the employer only with consent', async () => {
    const participantId = await createParticipant(api, world);
    const placementId = await createPlacement(api, world, world.users.marketA, FUTURE);
    const p = await suggest(participantId, placementId);
    const res = await move(world.users.advisorA, p.id, 'PROPOSED');
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors![0]!.extensions.missingConsent).toBe('PROPOSE_TO_EMPLOYERS');
    await consent(participantId);
    await consent(participantId, 'SHARE_CARD_WITH_EMPLOYERS');
    await ok(world.users.advisorA, p.id, 'PROPOSED');
    const card = await api.ok(world.users.employer1, `query($id: ID!) { proposal(id: $id) { candidate { shared wantedOccupations } } }`, { id: p.id });
    expect(card.proposal.candidate).toEqual({ shared: true, wantedOccupations: ['5311'] });
    // Another employer cannot see it at all.
    expect(errorCode(await api.gql(world.users.employer2, `query($id: ID!) { proposal(id: $id) { id } }`, { id: p.id }))).toBe('NOT_FOUND');
  });

  it('withdrawing consent withdraws open proposals and hides the card', async () => {
    const participantId = await createParticipant(api, world);
    const proposeConsent = (await consent(participantId)).recordConsent.id as string;
    const cardConsent = (await consent(participantId, 'SHARE_CARD_WITH_EMPLOYERS')).recordConsent.id as string;
    const first = await suggest(participantId, await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Samtykke 1' }));
    const second = await suggest(participantId, await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Samtykke 2' }));
    await ok(world.users.advisorA, second.id, 'PROPOSED');
    const card = `query($id: ID!) { proposal(id: $id) { status candidate { shared wantedOccupations } } }`;
    expect((await api.ok(world.users.employer1, card, { id: second.id })).proposal.candidate).toEqual({ shared: true, wantedOccupations: ['5311'] });

    await api.ok(world.users.advisorA, `mutation($id: ID!) { withdrawConsent(consentId: $id) { id } }`, { id: cardConsent });
    expect((await api.ok(world.users.employer1, card, { id: second.id })).proposal.candidate).toEqual({ shared: false, wantedOccupations: [] });

    await api.ok(world.users.advisorA, `mutation($id: ID!) { withdrawConsent(consentId: $id) { id } }`, { id: proposeConsent });
    for (const p of [first, second]) {
      const after = (await api.ok(world.users.advisorA, `query($id: ID!) { proposal(id: $id) { ${PROPOSAL} } }`, { id: p.id })).proposal;
      expect(after).toMatchObject({ status: 'WITHDRAWN', reason: 'CONSENT_WITHDRAWN' });
      expect(after.history.at(-1)).toMatchObject({ toStatus: 'WITHDRAWN', actorId: world.users.advisorA });
    }
    // Withdrawn is final for the employer too: it sees the outcome, not the candidate's details.
    expect((await api.ok(world.users.employer1, card, { id: second.id })).proposal.status).toBe('WITHDRAWN');
  });

  it('requires a structured reason to decline, and records it', async () => {
    const participantId = await createParticipant(api, world);
    await consent(participantId);
    const placementId = await createPlacement(api, world, world.users.marketA, FUTURE);
    const p = await suggest(participantId, placementId);
    await ok(world.users.advisorA, p.id, 'PROPOSED');
    expect(errorCode(await move(world.users.employer1, p.id, 'DECLINED'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await move(world.users.employer1, p.id, 'DECLINED', { reason: 'HEALTH_OR_FAMILY' }))).toBe('BAD_USER_INPUT');
    const declined = await ok(world.users.employer1, p.id, 'DECLINED', { reason: 'ORAL_NORWEGIAN_TOO_WEAK', reasonNote: 'Mye kundekontakt' });
    expect(declined).toMatchObject({ status: 'DECLINED', reason: 'ORAL_NORWEGIAN_TOO_WEAK', reasonNote: 'Mye kundekontakt' });
    const ledger = await api.ok(world.users.marketB, `query($id: ID!) { employer(id: $id) { ledger { openProposals recentDeclines { reason } medianAnswerHours monthlyCap } } }`, { id: world.employer1 });
    expect(ledger.employer.ledger.recentDeclines.map((d: { reason: string }) => d.reason)).toContain('ORAL_NORWEGIAN_TOO_WEAK');
    expect(ledger.employer.ledger.medianAnswerHours).not.toBeNull();
    expect(errorCode(await api.gql(world.users.employer1, `query($id: ID!) { employer(id: $id) { ledger { openProposals } } }`, { id: world.employer1 }))).toBe('FORBIDDEN');
  });

  it('never overfills a slot: of two concurrent acceptances for the last slot, exactly one wins', async () => {
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, capacity: 1, title: 'Én plass' });
    const ids: string[] = [];
    for (const name of ['Amal', 'Bashir', 'Chiara', 'Dawit']) {
      const participantId = await createParticipant(api, world, { firstName: name });
      await consent(participantId);
      const p = await suggest(participantId, placementId);
      await ok(world.users.advisorA, p.id, 'PROPOSED');
      ids.push(p.id);
    }
    const results = await Promise.all(ids.map((id) => move(world.users.employer1, id, 'ACCEPTED')));
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect(errorCode(r)).toBe('CONFLICT');
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM proposals WHERE placement_id = $1 AND status IN ('ACCEPTED','AGREED','STARTED')`, [placementId]);
    expect(n).toBe(1);
    const [{ status }] = await api.dataSource.query(`SELECT status FROM placements WHERE id = $1`, [placementId]);
    expect(status).toBe('FILLED');
    // Withdrawing the accepted one frees the slot and opens the placement again.
    await ok(world.users.advisorA, winners[0]!.data!.changeProposalStatus.id, 'WITHDRAWN', { reason: 'FOUND_OTHER_PLACEMENT' });
    const [{ status: after }] = await api.dataSource.query(`SELECT status FROM placements WHERE id = $1`, [placementId]);
    expect(after).toBe('OPEN');
  });

  it('counts slots taken by other units’ participants, which row-level security hides from the caller', async () => {
    const w = await createWorld(api.dataSource); // its own employers: this file's others are at their monthly cap
    const placementId = await createPlacement(api, w, w.users.marketA, { ...FUTURE, capacity: 1, title: 'Én plass for to enheter' });
    const proposed = async (advisor: string, firstName: string) => {
      const id = (await api.ok(advisor, `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`, {
        input: { firstName, lastName: 'Nilsen', birthYear: 1990, protectionBasis: 'REFUGEE', settlementDate: '2025-03-01' },
      })).createParticipant.id as string;
      await api.ok(advisor, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "arabisk", givenOn: "2026-11-01" }) { id } }`, { id });
      const p = await suggest(id, placementId, advisor);
      await ok(advisor, p.id, 'PROPOSED');
      return p.id as string;
    };
    const a = await proposed(w.users.advisorA, 'Amal');
    const b = await proposed(w.users.advisorB, 'Bashir');
    await ok(w.users.employer1, a, 'ACCEPTED');
    // Unit B's market contact cannot see unit A's proposal at all...
    expect(errorCode(await api.gql(w.users.marketB, `query($id: ID!) { proposal(id: $id) { id } }`, { id: a }))).toBe('NOT_FOUND');
    // ...yet its slot counts when unit B's market contact records the employer's yes given by phone.
    expect(errorCode(await move(w.users.marketB, b, 'ACCEPTED'))).toBe('CONFLICT');
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM proposals WHERE placement_id = $1 AND status = 'ACCEPTED'`, [placementId]);
    expect(n).toBe(1);
  });

  it('caps proposals per employer per month and pauses after repeated declines', async () => {
    const placementId = await createPlacement(api, world, world.users.marketB, { ...FUTURE, employerId: world.employer2, siteId: world.site2, capacity: 10, title: 'Butikk' });
    await api.dataSource.query(`UPDATE employers SET monthly_proposal_cap = 3 WHERE id = $1`, [world.employer2]);
    const proposals: string[] = [];
    for (const name of ['E1', 'E2', 'E3', 'E4']) {
      const participantId = await createParticipant(api, world, { firstName: name });
      await consent(participantId);
      proposals.push((await suggest(participantId, placementId)).id);
    }
    for (const id of proposals.slice(0, 3)) await ok(world.users.advisorA, id, 'PROPOSED');
    const capped = await move(world.users.advisorA, proposals[3]!, 'PROPOSED');
    expect(errorCode(capped)).toBe('CONFLICT');
    expect(capped.errors![0]!.extensions.monthlyCap).toBe(3);

    await api.dataSource.query(`UPDATE employers SET monthly_proposal_cap = 50 WHERE id = $1`, [world.employer2]);
    for (const id of proposals.slice(0, 3)) await ok(world.users.employer2, id, 'DECLINED', { reason: 'NO_CAPACITY_NOW' });
    const cooling = await move(world.users.advisorA, proposals[3]!, 'PROPOSED');
    expect(errorCode(cooling)).toBe('CONFLICT');
    expect(cooling.errors![0]!.extensions.coolingDownUntil).toBeDefined();
    const ledger = await api.ok(world.users.marketA, `query($id: ID!) { employer(id: $id) { ledger { coolingDownUntil proposalsThisMonth } } }`, { id: world.employer2 });
    expect(ledger.employer.ledger.coolingDownUntil).not.toBeNull();
    expect(ledger.employer.ledger.proposalsThisMonth).toBe(3);
  });

  it('tells the serving NAV office’s market contacts that a participant needs a placement', async () => {
    const participantId = await createParticipant(api, world);
    const told = await api.ok(world.users.advisorA, `mutation($id: ID!) { requestPlacement(participantId: $id, note: "Gjerne barnehage i Alna") }`, { id: participantId });
    expect(told.requestPlacement).toBe(1);
    const inbox = await api.ok(world.users.marketA, `{ myNotifications(first: 20) { nodes { title body subjectId } } }`);
    const msg = inbox.myNotifications.nodes.find((n: { subjectId: string }) => n.subjectId === participantId);
    expect(msg.title).toBe('Olena K. trenger en praksisplass');
    expect(msg.body).toContain('Gjerne barnehage i Alna');
    expect(msg.body).not.toContain('Kovalenko');
    expect((await api.ok(world.users.marketB, `{ myNotifications(first: 50) { nodes { subjectId } } }`)).myNotifications.nodes.map((n: { subjectId: string }) => n.subjectId)).not.toContain(participantId);
    expect(errorCode(await api.gql(world.users.marketA, `mutation($id: ID!) { requestPlacement(participantId: $id) }`, { id: participantId }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(world.users.advisorB, `mutation($id: ID!) { requestPlacement(participantId: $id) }`, { id: participantId }))).toBe('NOT_FOUND');
  });

  it('keeps proposals to the scope: other units’ staff cannot see or move them', async () => {
    const participantId = await createParticipant(api, world);
    await consent(participantId);
    const placementId = await createPlacement(api, world, world.users.marketA, FUTURE);
    const p = await suggest(participantId, placementId);
    for (const who of ['advisorB', 'marketB'] as const) {
      expect(errorCode(await api.gql(world.users[who], `query($id: ID!) { proposal(id: $id) { id } }`, { id: p.id }))).toBe('NOT_FOUND');
      expect(errorCode(await move(world.users[who], p.id, 'PROPOSED'))).toBe('NOT_FOUND');
      const list = await api.ok(world.users[who], `{ proposals(first: 100) { id } }`);
      expect(list.proposals.map((x: { id: string }) => x.id)).not.toContain(p.id);
    }
    for (const who of ['teacherA', 'admin'] as const) {
      expect(errorCode(await api.gql(world.users[who], `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: participantId, pl: placementId }))).toBe('FORBIDDEN');
    }
  });
});
