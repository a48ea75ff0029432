import type { ChildProcess } from 'node:child_process';
import { ApiHarness, errorCode, startProcess, stopProcess } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';
import { waitFor } from '../support/wait-for.js';

// A placement that runs from next month: the fixture's default dates lie in the past.
// Bakers (7512): other test files fill the shared database with kindergarten placements that would crowd a top 20.
const FUTURE = { startDate: '2026-12-07', endDate: '2027-03-31', occupationCode: '7512' };
const MATCHES = `query($id: ID!, $first: Int, $filter: MatchFilterInput) { matchesForParticipant(participantId: $id, first: $first, filter: $filter) {
  totalCount weightsVersion items { placementId score placement { id title } components { name weight value contribution explanation explanationNb explanationEn } languageGaps { skill required actual gap explanation } } } }`;
const CANDIDATES = `query($id: ID!) { candidatesForPlacement(placementId: $id, first: 50) {
  totalCount items { participantId score participant { __typename id displayName ... on Participant { lastName constraints { noShiftWork } } } components { name value explanation explanationNb explanationEn } } } }`;
const EXPLAIN = `query($p: ID!, $pl: ID!) { explainMatch(participantId: $p, placementId: $pl) {
  eligible score failedConstraints { constraint explanation explanationNb explanationEn } languageGaps { skill gap explanation } components { name explanation } } }`;

describe('matching over HTTP', () => {
  let api: ApiHarness;
  let worker: ChildProcess;
  let world: World;
  let participantId: string;

  const consent = (id: string) =>
    api.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "ukrainsk", givenOn: "2026-11-01" }) { id } }`, { id });
  const assess = (id: string, skill: string, level: string) =>
    api.ok(world.users.advisorA, `mutation($id: ID!, $input: LanguageAssessmentInput!) { recordLanguageAssessment(participantId: $id, input: $input) { id } }`, {
      id,
      input: { skill, level, source: 'OFFICIAL_TEST', assessedOn: '2026-10-01' },
    });
  const matches = async (who: string, id: string, filter: Record<string, unknown> | null = null) => (await api.ok(who, MATCHES, { id, first: 20, filter })).matchesForParticipant;

  beforeAll(async () => {
    // Matching reads relayed outbox events: the worker relays them.
    worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
    api = await ApiHarness.start({ MATCHING_FEED_INTERVAL_MS: '100' });
    world = await createWorld(api.dataSource);
    participantId = await createParticipant(api, world, { programmeEnd: '2027-06-30', wantedOccupations: ['7512'] });
    await consent(participantId);
    await assess(participantId, 'ORAL', 'B1');
  });
  afterAll(async () => {
    await stopProcess(worker);
    await api.stop();
  });

  it('a placement a market contact posts appears in the advisor’s matches within seconds, with its score explained', async () => {
    const placementId = await createPlacement(api, world, world.users.marketA, FUTURE);
    const started = Date.now();
    const list = await waitFor(async () => {
      const m = await matches(world.users.advisorA, participantId);
      return m.items.some((i: { placementId: string }) => i.placementId === placementId) && m;
    });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(10);
    const item = list.items.find((i: { placementId: string }) => i.placementId === placementId);
    expect(item.placement).toEqual({ id: placementId, title: 'Språkpraksis som barnehageassistent' }); // the fixture's title
    expect(item.score).toBeGreaterThan(0.5);
    expect(item.score).toBeCloseTo(item.components.reduce((s: number, c: { contribution: number }) => s + c.contribution, 0), 6);
    expect(item.components.map((c: { name: string }) => c.name)).toEqual(['OCCUPATION', 'SECTOR', 'LANGUAGE', 'DISTANCE', 'URGENCY', 'PATH_TO_JOB', 'QUALITY']);
    const occupation = item.components.find((c: { name: string }) => c.name === 'OCCUPATION');
    expect(occupation.value).toBe(1);
    expect(occupation.explanationEn).toContain('the same occupation as wanted occupation 7512');
    expect(occupation.explanation).toBe(occupation.explanationNb); // the advisor's language is nb
    expect(item.languageGaps).toEqual([{ skill: 'ORAL', required: 'A2', actual: 'B1', gap: 0, explanation: 'muntlig B1 (norskprøve), krav A2: oppfylt' }]);
    // Collective protection with a work goal, no praksis yet: the 15-hour rule is at risk (advisor sees why).
    expect(item.components.find((c: { name: string }) => c.name === 'URGENCY').explanationEn).toContain('15-hour rule is at risk');
  });

  it('excludes placements that fail a hard constraint, and explainMatch says which', async () => {
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Krever B2 skriftlig', requiredNorwegian: { oral: 'B1', writing: 'B2' } });
    const shift = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Skiftarbeid', shiftWork: true });
    await waitFor(async () => (await api.gql(world.users.advisorA, EXPLAIN, { p: participantId, pl: shift })).data?.explainMatch);
    const ids = (await matches(world.users.advisorA, participantId)).items.map((i: { placementId: string }) => i.placementId);
    expect(ids).not.toContain(placementId);
    expect(ids).not.toContain(shift);

    const language = (await api.ok(world.users.advisorA, EXPLAIN, { p: participantId, pl: placementId })).explainMatch;
    expect(language.eligible).toBe(false);
    expect(language.failedConstraints.map((f: { constraint: string }) => f.constraint)).toEqual(['LANGUAGE']);
    expect(language.failedConstraints[0].explanationEn).toBe('writing not assessed, required B2: five steps short');
    expect(language.languageGaps).toEqual([
      { skill: 'ORAL', gap: 0, explanation: 'muntlig B1 (norskprøve), krav B1: oppfylt' },
      { skill: 'WRITING', gap: 5, explanation: 'skriving ikke vurdert, krav B2: fem trinn for lavt' },
    ]);

    // The advisor learns the advisor-only reason; the market contact only that there is one.
    const forAdvisor = (await api.ok(world.users.advisorA, EXPLAIN, { p: participantId, pl: shift })).explainMatch;
    expect(forAdvisor.failedConstraints).toEqual([{ constraint: 'ADVISOR_CONSTRAINT', explanation: 'Kan ikke ha skiftarbeid', explanationNb: 'Kan ikke ha skiftarbeid', explanationEn: 'Cannot work shifts' }]);
    const forMarket = await api.gql(world.users.marketA, EXPLAIN, { p: participantId, pl: shift });
    expect(forMarket.data!.explainMatch.failedConstraints[0].constraint).toBe('ADVISOR_CONSTRAINT');
    expect(JSON.stringify(forMarket.data)).not.toMatch(/skift|shift/i);
  });

  it('gives a market contact candidates in the matching view, without advisor-only fields or reasons', async () => {
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Kandidater' });
    const res = await waitFor(async () => {
      const r = await api.gql(world.users.marketA, CANDIDATES, { id: placementId });
      return r.data?.candidatesForPlacement.items.some((i: { participantId: string }) => i.participantId === participantId) && r;
    });
    expect(res.errors).toBeUndefined();
    const item = res.data!.candidatesForPlacement.items.find((i: { participantId: string }) => i.participantId === participantId);
    expect(item.participant).toEqual({ __typename: 'ParticipantMatchingView', id: participantId, displayName: 'Olena K.' });
    const raw = JSON.stringify(res.data);
    for (const secret of ['Kovalenko', 'Astma', 'COLLECTIVE_PROTECTION', '15-hour', '15-timers', 'noShiftWork']) expect(raw).not.toContain(secret);
    expect(item.components.find((c: { name: string }) => c.name === 'URGENCY').explanationEn).toBe('Urgent for the advisor');

    // The advisor of the unit gets the full profile for the same placement.
    const advisor = await api.ok(world.users.advisorA, CANDIDATES, { id: placementId });
    const mine = advisor.candidatesForPlacement.items.find((i: { participantId: string }) => i.participantId === participantId);
    expect(mine.participant).toMatchObject({ __typename: 'Participant', lastName: 'Kovalenko', constraints: { noShiftWork: true } });
  });

  it('keeps other units’ participants out of candidates, and answers NOT_FOUND for them', async () => {
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Andre enheter' });
    await waitFor(async () => (await api.ok(world.users.advisorA, CANDIDATES, { id: placementId })).candidatesForPlacement.totalCount > 0);
    for (const who of ['advisorB', 'marketB'] as const) {
      const res = await api.ok(world.users[who], CANDIDATES, { id: placementId });
      expect(res.candidatesForPlacement.items.map((i: { participantId: string }) => i.participantId)).not.toContain(participantId);
      expect(errorCode(await api.gql(world.users[who], MATCHES, { id: participantId }))).toBe('NOT_FOUND');
      expect(errorCode(await api.gql(world.users[who], EXPLAIN, { p: participantId, pl: placementId }))).toBe('NOT_FOUND');
    }
  });

  it.each(['employer1', 'admin', 'teacherA'] as const)('refuses matching to %s with FORBIDDEN', async (who) => {
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: `Nekt ${who}` });
    for (const [query, variables] of [
      [MATCHES, { id: participantId }],
      [CANDIDATES, { id: placementId }],
      [EXPLAIN, { p: participantId, pl: placementId }],
      [`query($id: ID!) { requirementWhatIf(placementId: $id) { qualifying } }`, { id: placementId }],
      [`mutation { proposeAllocation { id } }`, {}],
    ] as const) {
      const res = await api.gql(world.users[who], query, variables);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
  });

  it('rejects bad input with typed errors', async () => {
    expect((await api.gql(world.users.advisorA, MATCHES, { id: participantId, first: 0 })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await api.gql(world.users.advisorA, MATCHES, { id: participantId, first: 101 })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await api.gql(world.users.advisorA, MATCHES, { id: participantId, filter: { minScore: 2 } })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minScore' });
    expect(errorCode(await api.gql(world.users.advisorA, MATCHES, { id: 'not-a-uuid' }))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(world.users.advisorA, MATCHES, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  it('filters matches by type and sector', async () => {
    const job = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Jobb', type: 'JOB' });
    await waitFor(async () => (await matches(world.users.advisorA, participantId)).items.some((i: { placementId: string }) => i.placementId === job));
    const onlyJobs = await matches(world.users.advisorA, participantId, { type: ['JOB'] });
    expect(onlyJobs.items.map((i: { placementId: string }) => i.placementId)).toEqual([job]);
    expect(onlyJobs.totalCount).toBe(1);
    // Other test files share the database: check what the filter returns, not how many there are.
    const retail = await api.ok(world.users.advisorA, `query($id: ID!) { matchesForParticipant(participantId: $id, first: 100, filter: { sector: [RETAIL] }) { items { placementId placement { sector } } } }`, { id: participantId });
    expect(retail.matchesForParticipant.items.map((i: { placementId: string }) => i.placementId)).not.toContain(job);
    expect(retail.matchesForParticipant.items.every((i: { placement: { sector: string } }) => i.placement.sector === 'RETAIL')).toBe(true);
  });

  it('answers what-if for a market contact: lowering a language requirement one step qualifies the participant', async () => {
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Hva om', requiredNorwegian: { oral: 'B2' } });
    const result = await waitFor(async () => (await api.gql(world.users.marketA, `query($id: ID!) { requirementWhatIf(placementId: $id) { qualifying relaxations { kind subject description qualifying additional } } }`, { id: placementId })).data?.requirementWhatIf);
    const lowerOral = result.relaxations.find((r: { kind: string; subject: string }) => r.kind === 'LOWER_LANGUAGE_REQUIREMENT' && r.subject === 'ORAL');
    expect(lowerOral.description).toBe('muntlig B2 → B1');
    expect(lowerOral.additional).toBeGreaterThanOrEqual(1);
    expect(lowerOral.qualifying).toBe(result.qualifying + lowerOral.additional);
  });

  it('an accepted proposal that takes the last slot removes the placement from matches (events from the outbox)', async () => {
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Én plass', capacity: 1 });
    await waitFor(async () => (await matches(world.users.advisorA, participantId)).items.some((i: { placementId: string }) => i.placementId === placementId));
    const other = await createParticipant(api, world, { firstName: 'Ahmad', programmeEnd: '2027-06-30' });
    await consent(other);
    // The placement process: suggested, proposed to the employer, accepted by the employer.
    const suggested = await api.ok(world.users.advisorA, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: other, pl: placementId });
    const id = suggested.suggestProposal.id;
    await api.ok(world.users.advisorA, `mutation($id: ID!) { changeProposalStatus(id: $id, status: PROPOSED) { id } }`, { id });
    await api.ok(world.users.employer1, `mutation($id: ID!) { changeProposalStatus(id: $id, status: ACCEPTED) { id } }`, { id });
    await waitFor(async () => !(await matches(world.users.advisorA, participantId)).items.some((i: { placementId: string }) => i.placementId === placementId));
    const explained = (await api.ok(world.users.advisorA, EXPLAIN, { p: participantId, pl: placementId })).explainMatch;
    // The last slot taken: the placement is FILLED and has no capacity left.
    expect(explained.failedConstraints.map((f: { constraint: string }) => f.constraint)).toEqual(['PLACEMENT_NOT_OPEN', 'NO_CAPACITY']);
  });

  it('learns from a decline for weak oral Norwegian: the same mismatch is not proposed to that employer again', async () => {
    const first = await createPlacement(api, world, world.users.marketB, { ...FUTURE, title: 'Kasse', employerId: world.employer2, siteId: world.site2, requiredNorwegian: {} });
    const second = await createPlacement(api, world, world.users.marketB, { ...FUTURE, title: 'Kasse 2', employerId: world.employer2, siteId: world.site2, requiredNorwegian: {} });
    const declinedOne = await createParticipant(api, world, { firstName: 'Farid', programmeEnd: '2027-06-30', reachableAreas: ['OSLO-GRORUD'] });
    const peer = await createParticipant(api, world, { firstName: 'Goran', programmeEnd: '2027-06-30', reachableAreas: ['OSLO-GRORUD'] });
    const stronger = await createParticipant(api, world, { firstName: 'Hana', programmeEnd: '2027-06-30', reachableAreas: ['OSLO-GRORUD'] });
    for (const [id, oral] of [[declinedOne, 'A2'], [peer, 'A2'], [stronger, 'B2']] as const) {
      await consent(id);
      await assess(id, 'ORAL', oral);
    }
    const sees = async (participant: string, placement: string) => (await matches(world.users.advisorA, participant)).items.some((i: { placementId: string }) => i.placementId === placement);
    await waitFor(async () => (await sees(declinedOne, second)) && (await sees(peer, second)) && (await sees(stronger, second)));

    const p = await api.ok(world.users.advisorA, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: declinedOne, pl: first });
    await api.ok(world.users.advisorA, `mutation($id: ID!) { changeProposalStatus(id: $id, status: PROPOSED) { id } }`, { id: p.suggestProposal.id });
    await api.ok(world.users.employer2, `mutation($id: ID!) { changeProposalStatus(id: $id, status: DECLINED, input: { reason: "ORAL_NORWEGIAN_TOO_WEAK" }) { id } }`, { id: p.suggestProposal.id });

    // The employer's other placement: neither the declined candidate nor a peer at the same oral level; the stronger one still.
    await waitFor(async () => !(await sees(declinedOne, second)) && !(await sees(peer, second)));
    expect(await sees(stronger, second)).toBe(true);
    const why = (await api.ok(world.users.advisorA, EXPLAIN, { p: peer, pl: second })).explainMatch;
    expect(why.failedConstraints.map((f: { constraint: string }) => f.constraint)).toEqual(['SAME_MISMATCH']);
  });

  it('proposes an allocation of the unit’s waiting participants, inline, with the greedy comparison', async () => {
    const run = (
      await api.ok(world.users.advisorA, `mutation { proposeAllocation { id status participantCount slotCount eligiblePairs totalScore greedyTotalScore suggestions { participantId score participant { id } placement { id } } } }`)
    ).proposeAllocation;
    expect(run.status).toBe('DONE');
    expect(run.participantCount).toBeGreaterThanOrEqual(1);
    expect(run.totalScore).toBeGreaterThanOrEqual(run.greedyTotalScore);
    expect(run.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(run.totalScore).toBeCloseTo(run.suggestions.reduce((s: number, x: { score: number }) => s + x.score, 0), 6);
    const ours = run.suggestions.find((s: { participantId: string }) => s.participantId === participantId);
    expect(ours.participant).toEqual({ id: participantId });
    // Visible to the unit only.
    expect(errorCode(await api.gql(world.users.advisorB, `query($id: ID!) { allocationRun(id: $id) { id } }`, { id: run.id }))).toBe('NOT_FOUND');
  });
});

describe('allocation as a background job', () => {
  let api: ApiHarness;
  let worker: ChildProcess;
  let world: World;

  beforeAll(async () => {
    worker = startProcess('dist/apps/worker/src/main.js', { OUTBOX_RELAY_INTERVAL_MS: '100' });
    // Every scope is "large" here, so the run goes through the queue to the worker.
    api = await ApiHarness.start({ MATCHING_FEED_INTERVAL_MS: '100', ALLOCATION_INLINE_LIMIT: '0' });
    world = await createWorld(api.dataSource);
  });
  afterAll(async () => {
    await stopProcess(worker);
    await api.stop();
  });

  it('queues the run, and the worker completes it', async () => {
    const waiting = await createParticipant(api, world, { programmeEnd: '2027-06-30' });
    await api.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "ukrainsk", givenOn: "2026-11-01" }) { id } }`, { id: waiting });
    await createPlacement(api, world, world.users.marketA, { ...FUTURE, requiredNorwegian: {} });
    // The api counts waiting participants from its index: wait until the consent has reached it.
    await new Promise((r) => setTimeout(r, 1500));
    const queued = (await api.ok(world.users.marketA, `mutation { proposeAllocation { id status } }`)).proposeAllocation;
    expect(queued.status).toBe('QUEUED');
    const done = await waitFor(async () => {
      const r = (await api.ok(world.users.marketA, `query($id: ID!) { allocationRun(id: $id) { status totalScore greedyTotalScore finishedAt } }`, { id: queued.id })).allocationRun;
      return r.status === 'DONE' && r;
    });
    expect(done.totalScore).toBeGreaterThan(0);
    expect(done.totalScore).toBeGreaterThanOrEqual(done.greedyTotalScore);
    expect(done.finishedAt).not.toBeNull();
  });
});
