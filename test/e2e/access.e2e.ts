import { ApiHarness, errorCode } from '../support/api-harness.js';
import { createParticipant, createPlacement, PARTICIPANT_FIELDS } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

const GET_PARTICIPANT = `query($id: ID!) { participant(id: $id) { __typename ${PARTICIPANT_FIELDS} } }`;

describe('access policy over HTTP, per role', () => {
  let api: ApiHarness;
  let world: World;
  let participantId: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    world = await createWorld(api.dataSource);
    participantId = await createParticipant(api, world);
  });
  afterAll(() => api.stop());

  it('gives the unit’s advisor the full profile, including advisor-only constraints', async () => {
    const { participant } = await api.ok(world.users.advisorA2, GET_PARTICIPANT, { id: participantId });
    expect(participant.__typename).toBe('Participant');
    expect(participant.view).toBe('FULL');
    expect(participant.lastName).toBe('Kovalenko');
    expect(participant.constraints).toMatchObject({ noShiftWork: true, healthLimitations: 'Astma' });
    expect(participant.familyNotes).toBe('Tre barn i barnehage');
  });

  it('gives a market contact of the serving NAV office the matching view only', async () => {
    const res = await api.gql(world.users.marketA, GET_PARTICIPANT, { id: participantId });
    expect(res.errors).toBeUndefined();
    const p = res.data!.participant;
    expect(p.__typename).toBe('ParticipantMatchingView');
    expect(p.displayName).toBe('Olena K.');
    expect(p.wantedOccupations).toEqual(['5311']);
    // Nothing advisor-only in the response at all, even when asked for through the fragment.
    const raw = JSON.stringify(res.data);
    for (const secret of ['Kovalenko', 'Astma', 'Tre barn', '912 34 567', 'COLLECTIVE_PROTECTION', 'noShiftWork', '1988']) {
      expect(raw).not.toContain(secret);
    }
  });

  it('does not let the market contact see it through the list either, beyond the matching view', async () => {
    const res = await api.gql(world.users.marketA, `{ participants(first: 50) { totalCount nodes { __typename id ... on Participant { lastName } } } }`);
    const node = res.data!.participants.nodes.find((n: { id: string }) => n.id === participantId);
    expect(node).toEqual({ __typename: 'ParticipantMatchingView', id: participantId });
  });

  it.each([
    ['an advisor of another unit', 'advisorB'],
    ['a market contact of another NAV office', 'marketB'],
    ['an employer', 'employer1'],
    ['an admin (no browsing of personal data)', 'admin'],
    ['a teacher who does not follow the participant', 'teacherA'],
  ] as const)('answers NOT_FOUND to %s', async (_label, who) => {
    const res = await api.gql(world.users[who], GET_PARTICIPANT, { id: participantId });
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(JSON.stringify(res)).not.toContain('Olena');
    const list = await api.gql(world.users[who], `{ participants(first: 100) { nodes { id } } }`);
    expect(list.data!.participants.nodes.map((n: { id: string }) => n.id)).not.toContain(participantId);
  });

  it('shows the teacher the matching view once they follow the participant', async () => {
    await api.ok(world.users.advisorA, `mutation($p: ID!, $t: ID!) { assignTeacher(participantId: $p, teacherId: $t) { id } }`, { p: participantId, t: world.users.teacherA });
    const { participant } = await api.ok(world.users.teacherA, GET_PARTICIPANT, { id: participantId });
    expect(participant.__typename).toBe('ParticipantMatchingView');
    // The teacher may add language evidence, and the current level follows it.
    const rec = await api.ok(
      world.users.teacherA,
      `mutation($p: ID!, $i: LanguageAssessmentInput!) { recordLanguageAssessment(participantId: $p, input: $i) { norwegian { oral { level source } } } }`,
      { p: participantId, i: { skill: 'ORAL', level: 'A2', source: 'TEACHER_ASSESSMENT', assessedOn: '2025-09-01' } },
    );
    expect(rec.recordLanguageAssessment.norwegian.oral).toEqual({ level: 'A2', source: 'TEACHER_ASSESSMENT' });
  });

  it('lets only the unit’s advisors change the profile', async () => {
    const mutation = `mutation($id: ID!) { updateParticipant(id: $id, input: { hoursPerWeek: 20 }) { id } }`;
    expect(errorCode(await api.gql(world.users.marketA, mutation, { id: participantId }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(world.users.advisorB, mutation, { id: participantId }))).toBe('NOT_FOUND');
    expect(errorCode(await api.gql(world.users.employer1, mutation, { id: participantId }))).toBe('NOT_FOUND');
    const rows = (await api.dataSource.query('SELECT hours_per_week FROM participants WHERE id = $1', [participantId])) as Array<{ hours_per_week: number }>;
    expect(rows[0]!.hours_per_week).toBe(15);
  });

  describe('placements and employers', () => {
    let openPlacement: string;
    let draftOfOtherEmployer: string;
    beforeAll(async () => {
      openPlacement = await createPlacement(api, world);
      draftOfOtherEmployer = await createPlacement(api, world, world.users.marketB, { employerId: world.employer2, siteId: world.site2, publish: false, title: 'Butikkmedarbeider', occupationCode: '5223' });
    });

    it('shows an employer only its own placements; others are NOT_FOUND', async () => {
      const own = await api.ok(world.users.employer1, `query($id: ID!) { placement(id: $id) { id employer { id name } } }`, { id: openPlacement });
      expect(own.placement.employer.id).toBe(world.employer1);
      const other = await api.gql(world.users.employer1, `query($id: ID!) { placement(id: $id) { id } }`, { id: draftOfOtherEmployer });
      expect(errorCode(other)).toBe('NOT_FOUND');
      const list = await api.ok(world.users.employer1, `{ placements(first: 100) { nodes { employerId } } employers(first: 100) { nodes { id } } }`);
      expect(new Set(list.placements.nodes.map((n: { employerId: string }) => n.employerId))).toEqual(new Set([world.employer1]));
      expect(list.employers.nodes).toEqual([{ id: world.employer1 }]);
    });

    it('hides another office’s drafts but shows the shared pool of published placements', async () => {
      const a = await api.gql(world.users.marketA, `query($id: ID!) { placement(id: $id) { id } }`, { id: draftOfOtherEmployer });
      expect(errorCode(a)).toBe('NOT_FOUND');
      const b = await api.ok(world.users.marketA, `query($id: ID!) { placement(id: $id) { status } }`, { id: openPlacement });
      expect(b.placement.status).toBe('OPEN');
      const advisor = await api.ok(world.users.advisorB, `query($id: ID!) { placement(id: $id) { status } }`, { id: openPlacement });
      expect(advisor.placement.status).toBe('OPEN');
    });

    it('lets only the posting office change a placement', async () => {
      const res = await api.gql(world.users.marketB, `mutation($id: ID!) { updatePlacement(id: $id, input: { title: "Kapret" }) { id } }`, { id: openPlacement });
      expect(errorCode(res)).toBe('FORBIDDEN');
      const res2 = await api.gql(world.users.employer2, `mutation($id: ID!) { updatePlacement(id: $id, input: { title: "Kapret" }) { id } }`, { id: openPlacement });
      expect(errorCode(res2)).toBe('NOT_FOUND');
      const { placement } = await api.ok(world.users.marketA, `query($id: ID!) { placement(id: $id) { title } }`, { id: openPlacement });
      expect(placement.title).toBe('Språkpraksis som barnehageassistent');
    });

    it('keeps employers from posting for someone else or publishing without review', async () => {
      const other = await api.gql(world.users.employer1, `mutation($i: CreatePlacementInput!) { createPlacement(input: $i) { id } }`, {
        i: { type: 'JOB', title: 'x', occupationCode: '5223', employerId: world.employer2, siteId: world.site2, startDate: '2026-02-01', weekdays: ['MON'], hoursPerWeek: 10 },
      });
      expect(errorCode(other)).toBe('FORBIDDEN');
      const own = await api.ok(world.users.employer1, `mutation($i: CreatePlacementInput!) { createPlacement(input: $i) { status postedByKind } }`, {
        i: { type: 'LANGUAGE_PRACTICE', title: 'Assistent', occupationCode: '5311', employerId: world.employer1, siteId: world.site1, startDate: '2026-02-01', weekdays: ['MON'], hoursPerWeek: 10, publish: true },
      });
      expect(own.createPlacement).toEqual({ status: 'DRAFT', postedByKind: 'EMPLOYER' });
    });
  });
});
