import { OrganisationKind, Role } from '#lib/access';
import { ApiHarness, errorCode } from '../support/api-harness.js';
import { createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/**
 * KPIs over a small scripted history. Everything is created through the API; the API stamps "now", so
 * the timeline (2022–2024) is then set by SQL on the history tables, as if it had happened then.
 *
 * Unit A (NAV Alna): a1…a15, collective protection, goal WORK, settled 2022-01-10; a1…a7 start
 *   2022-03-01 (50 days), a8…a15 2022-06-01 (142 days); exit 2023-06-30.
 *   a1…a10 have a språkpraksis at employer 1 (15 h/week for a1…a5, 12 h for a6…a10), proposed 2022-03-14,
 *   accepted after 2 days (a1…a5) or 8 days (a6…a10), started 2022-04-01 (a1…a5), 09-01 (a6, a7),
 *   09-15 (a8…a10); ended 2023: a10 early (01-10), a4…a9 completed (01-31), a1…a3 hired (02-01),
 *   a4, a5 converted (02-15). First follow-up due 2022-10-03: done on time by a1…a5, late by a6, a7.
 *   a1…a11 were each proposed to employer 2 and declined (2022-05): a1…a6 after 1 day, a7…a11 after 10;
 *   oral Norwegian a1…a5, hours a6…a10, competence a11.
 * Units B (3 people) and C (10), both NAV Grorud: refugees, goal EDUCATION, programme 2023-01-10 → 2023-12-15,
 *   settled 2022-12-01 (c6…c10: 2022-09-01).
 */
const noon = (date: string) => `${date}T12:00:00Z`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const ROW = `unit { id name } navOffice { id name } protectionBasis finalGoal exitYear sector district districtName employer { id name } requiredHours declinedBy reason
  numerator denominator share medianDays medianHours openSlots openPlacements participantsWaiting suppressed`;
const REPORT = `kpi title definition definitionsVersion from to measuredAt asOf final groupBy rows { ${ROW} } total { ${ROW} } csv`;

describe('insights: KPIs, scoped and suppressed, reproducible as of the end of the period', () => {
  let api: ApiHarness;
  let world: World;
  let unitC: string;
  let advisorC: string;
  const a: string[] = [];
  const b: string[] = [];
  const c: string[] = [];
  let p1: string;
  let p2: string;

  const sql = (text: string, params: unknown[] = []) => api.dataSource.query(text, params) as Promise<Array<Record<string, any>>>;
  const participant = async (who: string, input: Record<string, unknown>) =>
    (
      await api.ok<{ createParticipant: { id: string } }>(who, `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`, {
        input: { firstName: 'Deltaker', lastName: 'Test', birthYear: 1990, wantedOccupations: ['5311'], availableWeekdays: ['MON', 'TUE'], hoursPerWeek: 15, ...input },
      })
    ).createParticipant.id;
  const move = (who: string, id: string, status: string, input: Record<string, unknown> | null = null) =>
    api.ok(who, `mutation($id: ID!, $s: ProposalStatus!, $in: ProposalTransitionInput) { changeProposalStatus(id: $id, status: $s, input: $in) { id } }`, { id, s: status, in: input });
  const suggest = async (participantId: string, placementId: string) =>
    (await api.ok<{ suggestProposal: { id: string } }>(world.users.advisorA, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: participantId, pl: placementId }))
      .suggestProposal.id;
  const agree = async (proposalId: string, hoursPerWeek: number) =>
    (
      await api.ok<{ agreeProposal: { followUps: Array<{ id: string; dueOn: string }> } }>(
        world.users.advisorA,
        `mutation($id: ID!, $in: AgreementInput!) { agreeProposal(id: $id, input: $in) { followUps { id dueOn } } }`,
        { id: proposalId, in: { startDate: '2022-09-19', endDate: '2023-01-31', weekdays: ['MON', 'TUE'], hoursPerWeek, tasks: ['Lek og aktiviteter'], supervisorName: 'Kari Nordmann' } },
      )
    ).agreeProposal.followUps;
  const outcome = (who: string, participantId: string, measuredAt: string, category: string, recordedOn: string) =>
    api.gql<{ recordParticipantOutcome: { id: string } }>(
      who,
      `mutation($id: ID!, $in: ParticipantOutcomeInput!) { recordParticipantOutcome(participantId: $id, input: $in) { id measuredAt category countsAsWorkOrEducation recordedOn exitDate } }`,
      { id: participantId, in: { measuredAt, category, recordedOn } },
    );
  /** Records an outcome and dates the row to the day it was recorded. */
  const scriptedOutcome = async (who: string, participantId: string, measuredAt: string, category: string, recordedOn: string) => {
    const res = await outcome(who, participantId, measuredAt, category, recordedOn);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    await api.dataSource.transaction(async (em) => {
      await em.query(`SELECT set_config('praksisbro.rewrite_history', 'on', true)`);
      await em.query(`UPDATE participant_outcomes SET created_at = $2 WHERE id = $1`, [res.data!.recordParticipantOutcome.id, noon(recordedOn)]);
    });
  };
  const at = (proposalId: string, status: string, date: string) => sql(`UPDATE proposal_transitions SET occurred_at = $3 WHERE proposal_id = $1 AND to_status = $2`, [proposalId, status, noon(date)]);
  const report = async (who: string, field: string, args: Record<string, unknown>, extra = '') => {
    const params = Object.keys(args)
      .map((k) => `${k}: $${k}`)
      .join(', ');
    const types: Record<string, string> = { period: 'ReportPeriodInput!', groupBy: '[KpiDimension!]', measuredAt: 'OutcomeMeasure!' };
    const defs = Object.keys(args)
      .map((k) => `$${k}: ${types[k]}`)
      .join(', ');
    return api.gql<Record<string, any>>(who, `query(${defs}) { ${field}(${params}) { ${REPORT} ${extra} } }`, args);
  };
  const ok = async (who: string, field: string, args: Record<string, unknown>) => {
    const res = await report(who, field, args);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data![field];
  };
  const year = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });
  /** [name of the row's subject or its value, numerator, denominator, share, suppressed] */
  const brief = (r: any, dim: string) => [r[dim]?.name ?? r[dim], r.numerator, r.denominator, r.share, r.suppressed];

  beforeAll(async () => {
    // No monthly cap or cool-down: the script proposes many candidates to one employer in one run.
    api = await ApiHarness.start({ EMPLOYER_MONTHLY_PROPOSAL_CAP: '1000', EMPLOYER_COOLDOWN_DECLINES: '1000' });
    world = await createWorld(api.dataSource);
    const [{ id: unit }] = await sql(`INSERT INTO organisations (name, kind, municipality, area_code, nav_office_id) VALUES ($1, $2, 'Oslo', 'OSLO-GRORUD', $3) RETURNING id`, [
      `Flyktningetjenesten Grorud ${world.unitA.slice(0, 4)}`,
      OrganisationKind.REFUGEE_OFFICE,
      world.navB,
    ]);
    unitC = unit;
    const [{ id: advisor }] = await sql(`INSERT INTO users (email, name, role, organisation_id) VALUES ($1, 'Advisor C', $2, $3) RETURNING id`, [`advisor-c-${unit}@test.no`, Role.ADVISOR, unitC]);
    advisorC = advisor;

    for (const i of range(15)) {
      a.push(
        await participant(world.users.advisorA, {
          protectionBasis: 'COLLECTIVE_PROTECTION',
          settlementDate: '2022-01-10',
          programmeStart: i <= 7 ? '2022-03-01' : '2022-06-01',
          programmeEnd: '2023-06-30',
          finalGoal: 'WORK',
          sectorsOfInterest: ['KINDERGARTEN'],
          reachableAreas: ['OSLO-ALNA'],
        }),
      );
    }
    const refugee = { protectionBasis: 'REFUGEE', settlementDate: '2022-12-01', programmeStart: '2023-01-10', programmeEnd: '2023-12-15', finalGoal: 'EDUCATION', reachableAreas: ['OSLO-GRORUD'] };
    for (const _ of range(3)) b.push(await participant(world.users.advisorB, refugee));
    // Half of unit C waited longer than 3 months for the programme (settled in September).
    for (const i of range(10)) c.push(await participant(advisorC, { ...refugee, settlementDate: i <= 5 ? '2022-12-01' : '2022-09-01' }));
    await sql(`UPDATE participant_history SET valid_from = $2 WHERE participant_id = ANY($1)`, [a, noon('2022-01-10')]);
    await sql(`UPDATE participant_history SET valid_from = $2 WHERE participant_id = ANY($1)`, [[...b, ...c], noon('2022-12-01')]);

    for (const id of a.slice(0, 11)) {
      await api.ok(world.users.advisorA, `mutation($id: ID!) { recordConsent(participantId: $id, input: { scope: PROPOSE_TO_EMPLOYERS, explainedInLanguage: "ukrainsk", givenOn: "2022-03-01" }) { id } }`, { id });
    }
    const open = { startDate: '2022-04-01', endDate: '2023-06-30', requiredNorwegian: {} };
    p1 = await createPlacement(api, world, world.users.marketA, { ...open, sector: 'KINDERGARTEN', capacity: 15 });
    p2 = await createPlacement(api, world, world.users.marketA, { ...open, title: 'Språkpraksis i butikk', employerId: world.employer2, siteId: world.site2, sector: 'RETAIL', occupationCode: '5223', capacity: 1 });
    await sql(`UPDATE placement_history SET valid_from = $2 WHERE placement_id = ANY($1)`, [[p1, p2], noon('2022-01-05')]);

    // Språkpraksis for a1…a10.
    for (const [n, id] of a.slice(0, 10).entries()) {
      const i = n + 1;
      const proposal = await suggest(id, p1);
      await move(world.users.advisorA, proposal, 'PROPOSED');
      await move(world.users.employer1, proposal, 'ACCEPTED');
      const [first] = await agree(proposal, i <= 5 ? 15 : 12);
      await move(world.users.advisorA, proposal, 'STARTED');
      if (i <= 5) await api.ok(world.users.advisorA, `mutation($id: ID!) { logFollowUp(id: $id, input: { heldOn: "2022-10-05", attendance: ["PARTICIPANT", "ADVISOR"] }) { id } }`, { id: first!.id });
      if (i === 6 || i === 7) await api.ok(world.users.advisorA, `mutation($id: ID!) { logFollowUp(id: $id, input: { heldOn: "2022-10-20", attendance: ["PARTICIPANT"] }) { id } }`, { id: first!.id });
      await sql(`UPDATE follow_ups SET created_at = $2, updated_at = CASE WHEN status = 'DONE' THEN held_on + time '12:00' ELSE updated_at END WHERE proposal_id = $1`, [proposal, noon('2022-03-25')]);
      if (i === 10) await move(world.users.advisorA, proposal, 'ENDED_EARLY', { reason: 'HEALTH_OR_FAMILY' });
      else if (i >= 4) await move(world.users.advisorA, proposal, 'COMPLETED');
      if (i <= 3) await move(world.users.advisorA, proposal, 'HIRED');
      if (i === 4 || i === 5) await move(world.users.advisorA, proposal, 'CONVERTED');
      // Planned follow-ups were cancelled when the praksis ended.
      await sql(`UPDATE follow_ups SET updated_at = $2 WHERE proposal_id = $1 AND status = 'CANCELLED'`, [proposal, noon('2023-01-31')]);
      await at(proposal, 'SUGGESTED', '2022-03-10');
      await at(proposal, 'PROPOSED', '2022-03-14');
      await at(proposal, 'ACCEPTED', i <= 5 ? '2022-03-16' : '2022-03-22');
      await at(proposal, 'AGREED', '2022-03-25');
      await at(proposal, 'STARTED', i <= 5 ? '2022-04-01' : i <= 7 ? '2022-09-01' : '2022-09-15');
      await at(proposal, 'ENDED_EARLY', '2023-01-10');
      await at(proposal, 'COMPLETED', '2023-01-31');
      await at(proposal, 'HIRED', '2023-02-01');
      await at(proposal, 'CONVERTED', '2023-02-15');
    }
    // Declines by employer 2 for a1…a11.
    for (const [n, id] of a.slice(0, 11).entries()) {
      const i = n + 1;
      const proposal = await suggest(id, p2);
      await move(world.users.advisorA, proposal, 'PROPOSED');
      await move(world.users.employer2, proposal, 'DECLINED', { reason: i <= 5 ? 'ORAL_NORWEGIAN_TOO_WEAK' : i <= 10 ? 'HOURS_DO_NOT_FIT' : 'COMPETENCE_MISSING' });
      await at(proposal, 'SUGGESTED', '2022-05-02');
      await at(proposal, 'PROPOSED', '2022-05-02');
      await at(proposal, 'DECLINED', i <= 6 ? '2022-05-03' : '2022-05-12');
    }

    // Outcomes at exit: a13 was first recorded as WORK, then corrected to OTHER.
    const exitA = ['WORK', 'WORK', 'WORK', 'SUBSIDISED_WORK', 'SUBSIDISED_WORK', 'EDUCATION', 'EDUCATION', 'PRIMARY_SCHOOL', 'PRIMARY_SCHOOL', 'NAV_MEASURE', 'NAV_MEASURE', 'OTHER', 'WORK', 'NOT_REGISTERED', 'NOT_REGISTERED'];
    for (const [i, id] of a.entries()) await scriptedOutcome(world.users.advisorA, id, 'EXIT', exitA[i]!, '2023-07-03');
    await scriptedOutcome(world.users.advisorA2, a[12]!, 'EXIT', 'OTHER', '2023-07-10');
    for (const [i, id] of b.entries()) await scriptedOutcome(world.users.advisorB, id, 'EXIT', ['WORK', 'WORK', 'OTHER'][i]!, '2023-12-20');
    const exitC = ['WORK', 'WORK', 'WORK', 'EDUCATION', 'EDUCATION', 'OTHER', 'OTHER', 'OTHER', 'NAV_MEASURE', 'NAV_MEASURE'];
    for (const [i, id] of c.entries()) await scriptedOutcome(advisorC, id, 'EXIT', exitC[i]!, '2023-12-20');
    // One year after exit, for a1…a12.
    const yearA = ['WORK', 'WORK', 'WORK', 'WORK', 'SUBSIDISED_WORK', 'EDUCATION', 'EDUCATION', 'OTHER', 'OTHER', 'OTHER', 'NOT_REGISTERED', 'NOT_REGISTERED'];
    for (const [i, id] of a.slice(0, 12).entries()) await scriptedOutcome(world.users.advisorA, id, 'ONE_YEAR_AFTER', yearA[i]!, '2024-07-10');
  }, 120_000);
  afterAll(() => api.stop());

  describe('participant outcomes', () => {
    it('counts work or education at exit, with the small unit and its office sibling suppressed, and the office and total shown', async () => {
      const byUnit = await ok(world.users.admin, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: ['UNIT'] });
      const units = byUnit.rows.filter((r: any) => [world.unitA, world.unitB, unitC].includes(r.unit.id));
      expect(units.map((r: any) => [r.unit.id, r.numerator, r.denominator, r.share, r.suppressed])).toEqual(
        expect.arrayContaining([
          [world.unitA, 7, 15, 0.4667, false],
          [world.unitB, null, null, null, true],
          [unitC, null, null, null, true],
        ]),
      );
      expect(units).toHaveLength(3);
      expect(byUnit).toMatchObject({ kpi: 'OUTCOME_SHARE', measuredAt: 'EXIT', from: '2023-01-01', to: '2023-12-31', final: true, groupBy: ['UNIT'] });
      expect(byUnit.asOf).toBe('2023-12-31T23:00:00.000Z'); // midnight in Oslo
      expect(byUnit.definition).toContain('SUBSIDISED_WORK (wage-subsidised work, lønnstilskudd, counts as work)');
      expect(byUnit.definition).toContain('PRIMARY_SCHOOL (grunnskole) does not count as education');
      expect(byUnit.total).toMatchObject({ numerator: 14, denominator: 28, share: 0.5, suppressed: false });

      const byOffice = await ok(world.users.admin, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: ['NAV_OFFICE'] });
      expect(byOffice.rows.map((r: any) => [r.navOffice.id, r.numerator, r.denominator, r.suppressed])).toEqual([
        [world.navA, 7, 15, false],
        [world.navB, 7, 13, false],
      ]);
      for (const [dim, expected] of [
        ['PROTECTION_BASIS', [['COLLECTIVE_PROTECTION', 7, 15, 0.4667, false], ['REFUGEE', 7, 13, 0.5385, false]]],
        ['FINAL_GOAL', [['EDUCATION', 7, 13, 0.5385, false], ['WORK', 7, 15, 0.4667, false]]],
        ['EXIT_YEAR', [[2023, 14, 28, 0.5, false]]],
      ] as const) {
        const res = await ok(world.users.admin, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: [dim] });
        const field = { PROTECTION_BASIS: 'protectionBasis', FINAL_GOAL: 'finalGoal', EXIT_YEAR: 'exitYear' }[dim];
        expect(res.rows.map((r: any) => brief(r, field))).toEqual(expected);
      }
    });

    it('counts the measurement one year after exit in the year it falls due', async () => {
      const res = await ok(world.users.admin, 'outcomeShare', { period: year(2024), measuredAt: 'ONE_YEAR_AFTER' });
      expect(res.rows.map((r: any) => [r.unit.id, r.numerator, r.denominator, r.share])).toEqual([[world.unitA, 7, 12, 0.5833]]);
      expect(res.total).toMatchObject({ numerator: 7, denominator: 12 });
      // Nothing falls due in 2023, and the exits are not counted again.
      expect((await ok(world.users.admin, 'outcomeShare', { period: year(2023), measuredAt: 'ONE_YEAR_AFTER' })).rows).toEqual([]);
    });

    it('lets only the participant’s advisors record outcomes, appends every correction, and writes an event', async () => {
      expect(errorCode(await outcome(world.users.advisorB, a[0]!, 'EXIT', 'WORK', '2023-07-01'))).toBe('NOT_FOUND');
      expect(errorCode(await outcome(world.users.marketA, a[0]!, 'EXIT', 'WORK', '2023-07-01'))).toBe('FORBIDDEN');
      expect(errorCode(await outcome(world.users.teacherA, a[0]!, 'EXIT', 'WORK', '2023-07-01'))).toBe('NOT_FOUND');
      expect(errorCode(await outcome(world.users.admin, a[0]!, 'EXIT', 'WORK', '2023-07-01'))).toBe('NOT_FOUND');
      const future = await outcome(world.users.advisorA, a[0]!, 'EXIT', 'WORK', '2999-01-01');
      expect(future.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recordedOn' });
      expect(errorCode(await outcome(world.users.advisorA, a[0]!, 'ONE_YEAR_AFTER', 'WORK', '2023-01-01'))).toBe('BAD_USER_INPUT');
      const noExit = await participant(world.users.advisorA, { protectionBasis: 'REFUGEE', settlementDate: '2022-01-01' });
      expect(errorCode(await outcome(world.users.advisorA, noExit, 'EXIT', 'WORK', '2023-07-01'))).toBe('CONFLICT');

      const history = await api.ok(world.users.advisorA, `query($id: ID!) { participant(id: $id) { ... on Participant { outcomes { measuredAt category countsAsWorkOrEducation recordedOn exitDate } } } }`, { id: a[12] });
      expect(history.participant.outcomes.filter((o: any) => o.measuredAt === 'EXIT')).toEqual([
        { measuredAt: 'EXIT', category: 'OTHER', countsAsWorkOrEducation: false, recordedOn: '2023-07-10', exitDate: '2023-06-30' },
        { measuredAt: 'EXIT', category: 'WORK', countsAsWorkOrEducation: true, recordedOn: '2023-07-03', exitDate: '2023-06-30' },
      ]);
      await expect(sql(`UPDATE participant_outcomes SET category = 'WORK' WHERE participant_id = $1`, [a[12]])).rejects.toThrow(/append-only/);
      const events = await sql(`SELECT payload FROM outbox_events WHERE type = 'ParticipantOutcomeRecorded' AND aggregate_id = $1`, [a[12]]);
      expect(events.map((e) => Object.keys(e.payload).sort())).toContainEqual(['measuredAt', 'outcomeId']);
    });
  });

  describe('programme and praksis', () => {
    it('measures settlement to programme start: median days and the share within 3 months', async () => {
      const res = await ok(world.users.admin, 'programmeStartTimes', { period: year(2022) });
      expect(res.rows.map((r: any) => [r.unit.id, r.numerator, r.denominator, r.share, r.medianDays])).toEqual([[world.unitA, 7, 15, 0.4667, 142]]);
    });

    it('measures time to first praksis from the STARTED transitions', async () => {
      const res = await ok(world.users.admin, 'timeToFirstPraksis', { period: year(2022) });
      expect(res.rows.map((r: any) => [r.unit.id, r.numerator, r.denominator, r.medianDays])).toEqual([[world.unitA, 5, 10, 68.5]]);
      // In April only a1…a5 began, all within 3 months: five of five reveals everyone's status, so it is suppressed.
      expect((await ok(world.users.admin, 'timeToFirstPraksis', { period: { from: '2022-04-01', to: '2022-04-30' } })).total).toMatchObject({ numerator: null, suppressed: true });
    });

    it('counts who has had praksis among those in the programme', async () => {
      const res = await ok(world.users.admin, 'praksisParticipation', { period: year(2022) });
      expect(res.rows.map((r: any) => [r.unit.id, r.numerator, r.denominator, r.share])).toEqual([[world.unitA, 10, 15, 0.6667]]);
    });

    it('holds weekly work-oriented hours against the 15-hour rule for those it applies to', async () => {
      const res = await ok(world.users.admin, 'weeklyHoursRule', { period: { from: '2022-10-01', to: '2022-12-31' }, groupBy: ['UNIT', 'REQUIRED_HOURS'] });
      expect(res.rows.map((r: any) => [r.unit.id, r.requiredHours, r.numerator, r.denominator, r.share, r.medianHours])).toEqual([[world.unitA, 15, 5, 15, 0.3333, 12]]);
      // Units B and C are refugees (the rule is for collective protection) and had not started yet.
    });
  });

  describe('placements', () => {
    it('sets open slots against participants waiting, by sector and district', async () => {
      const res = await ok(world.users.admin, 'placementSupply', { period: { from: '2022-12-01', to: '2022-12-31' } });
      expect(res.rows.map((r: any) => [r.sector, r.district, r.districtName, r.openPlacements, r.openSlots, r.participantsWaiting, r.suppressed])).toEqual([
        ['KINDERGARTEN', 'OSLO-ALNA', 'Alna', 1, 5, 5, false],
        ['RETAIL', 'OSLO-GRORUD', 'Grorud', 1, 1, null, true],
      ]);
      expect(res.total).toMatchObject({ openSlots: 6, openPlacements: 2, participantsWaiting: 5 });
    });

    it('converts praksis to jobs per employer (STARTED → HIRED or CONVERTED)', async () => {
      const res = await ok(world.users.admin, 'praksisConversion', { period: year(2023), groupBy: ['EMPLOYER', 'SECTOR'] });
      expect(res.rows.map((r: any) => [r.employer.id, r.sector, r.numerator, r.denominator, r.share])).toEqual([[world.employer1, 'KINDERGARTEN', 5, 10, 0.5]]);
      // As of the end of January the conversions (February) had not happened: 0 of 7 is suppressed.
      expect((await ok(world.users.admin, 'praksisConversion', { period: { from: '2023-01-01', to: '2023-01-31' } })).total).toMatchObject({ suppressed: true, numerator: null });
    });

    it('measures employer answer time from PROPOSED to the answer', async () => {
      const res = await ok(world.users.admin, 'employerAnswerTimes', { period: year(2022) });
      // In name order: Kiwi Furuset (employer 2), then Solsikken barnehage (employer 1).
      expect(res.rows.map((r: any) => [r.employer.id, r.numerator, r.denominator, r.medianDays])).toEqual([
        [world.employer2, 6, 11, 1],
        [world.employer1, 5, 10, 5],
      ]);
      expect(res.total).toMatchObject({ numerator: 11, denominator: 21, share: 0.5238, medianDays: 2 });
    });

    it('breaks declines down by reason, hiding the small reason and the one that would give it away', async () => {
      const res = await ok(world.users.admin, 'declineReasons', { period: year(2022) });
      expect(res.groupBy).toEqual(['DECLINED_BY', 'REASON']);
      expect(res.rows.map((r: any) => [r.declinedBy, r.reason, r.numerator, r.denominator, r.share, r.suppressed])).toEqual([
        ['EMPLOYER', 'COMPETENCE_MISSING', null, null, null, true],
        ['EMPLOYER', 'HOURS_DO_NOT_FIT', null, null, null, true],
        ['EMPLOYER', 'ORAL_NORWEGIAN_TOO_WEAK', 5, 11, 0.4545, false],
      ]);
    });

    it('counts follow-ups done on time', async () => {
      const res = await ok(world.users.admin, 'followUpsOnTime', { period: { from: '2022-10-01', to: '2022-10-31' } });
      expect(res.rows.map((r: any) => [r.unit.id, r.numerator, r.denominator, r.share])).toEqual([[world.unitA, 5, 10, 0.5]]);
    });
  });

  describe('access', () => {
    it('refuses teachers and employers', async () => {
      for (const who of [world.users.teacherA, world.users.employer1]) {
        expect(errorCode(await report(who, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT' }))).toBe('FORBIDDEN');
        expect(errorCode(await report(who, 'placementSupply', { period: year(2022) }))).toBe('FORBIDDEN');
      }
    });

    it('shows an advisor only their own unit, whatever they group by', async () => {
      const own = await ok(world.users.advisorA, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: [] });
      expect(own.groupBy).toEqual(['UNIT']);
      expect(own.rows.map((r: any) => [r.unit.id, r.numerator, r.denominator])).toEqual([[world.unitA, 7, 15]]);
      expect(own.total).toMatchObject({ unit: { id: world.unitA }, numerator: 7, denominator: 15 });
      const other = await ok(world.users.advisorB, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: ['PROTECTION_BASIS'] });
      expect(other.rows.map((r: any) => [r.unit.id, r.protectionBasis, r.suppressed])).toEqual([[world.unitB, 'REFUGEE', true]]);
      expect(other.total).toMatchObject({ unit: { id: world.unitB }, numerator: null, suppressed: true });
      // Employer figures too are only the advisor's own participants.
      const declines = await ok(world.users.advisorB, 'declineReasons', { period: year(2022) });
      expect(declines.rows).toEqual([]);
    });

    it('shows a market contact the units their NAV office serves', async () => {
      const office = await ok(world.users.marketB, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: [] });
      expect(office.groupBy).toEqual(['NAV_OFFICE']);
      expect(office.rows.map((r: any) => [r.navOffice.id, r.numerator, r.denominator])).toEqual([[world.navB, 7, 13]]);
      expect(office.total).toMatchObject({ navOffice: { id: world.navB }, numerator: 7, denominator: 13 });
      const units = await ok(world.users.marketB, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: ['UNIT'] });
      expect(units.rows.map((r: any) => [r.unit.id, r.suppressed]).sort()).toEqual([[world.unitB, true], [unitC, true]].sort());
    });

    it('validates the period and the grouping', async () => {
      const bad = await report(world.users.admin, 'programmeStartTimes', { period: { from: '2022-12-31', to: '2022-01-01' } });
      expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
      expect(errorCode(await report(world.users.admin, 'programmeStartTimes', { period: year(2022), groupBy: ['EMPLOYER'] }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('CSV export', () => {
    const get = (path: string, token?: string) => fetch(`${api.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    /** Reads the body too: an unread response keeps its connection busy and the api from shutting down. */
    const status = async (path: string, token?: string) => {
      const res = await get(path, token);
      await res.arrayBuffer();
      return res.status;
    };

    it('serves every report as CSV with the same bearer auth and scope as GraphQL', async () => {
      const token = await api.token(world.users.advisorA);
      const res = await get('/reports/outcome-share.csv?from=2023-01-01&to=2023-12-31&measuredAt=EXIT&groupBy=UNIT,PROTECTION_BASIS', token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="outcome-share-exit_2023-01-01_2023-12-31.csv"');
      expect(res.headers.get('x-report-final')).toBe('true');
      const name = (await sql(`SELECT name FROM organisations WHERE id = $1`, [world.unitA]))[0]!.name as string;
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for Excel
      expect(bytes.subarray(3).toString('utf8')).toBe(
        'row,unit_id,unit,protection_basis,numerator,denominator,share,suppressed\r\n' +
          `group,${world.unitA},${name},COLLECTIVE_PROTECTION,7,15,0.4667,false\r\n` +
          `total,${world.unitA},${name},,7,15,0.4667,false\r\n`,
      );
      // The GraphQL field gives the same text.
      const gql = await ok(world.users.advisorA, 'outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: ['UNIT', 'PROTECTION_BASIS'] });
      expect(gql.csv).toBe(bytes.toString('utf8'));
    });

    it('writes suppressed figures as empty fields', async () => {
      const res = await get('/reports/decline-reasons.csv?from=2022-01-01&to=2022-12-31', await api.token(world.users.admin));
      const lines = (await res.text()).split('\r\n');
      expect(lines[0]).toBe('row,declined_by,reason,numerator,denominator,share,suppressed'); // fetch's text() drops the byte-order mark
      expect(lines.slice(1)).toEqual(expect.arrayContaining(['group,EMPLOYER,COMPETENCE_MISSING,,,,true', 'group,EMPLOYER,ORAL_NORWEGIAN_TOO_WEAK,5,11,0.4545,false']));
    });

    it('answers errors with the GraphQL codes and HTTP statuses', async () => {
      expect(await status('/reports/outcome-share.csv?from=2023-01-01&to=2023-12-31&measuredAt=EXIT')).toBe(401);
      const forbidden = await get('/reports/programme-start.csv?from=2022-01-01&to=2022-12-31', await api.token(world.users.employer1));
      expect(forbidden.status).toBe(403);
      expect(((await forbidden.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
      const admin = await api.token(world.users.admin);
      expect(await status('/reports/nothing.csv?from=2022-01-01&to=2022-12-31', admin)).toBe(404);
      const bad = await get('/reports/programme-start.csv?from=2022-13-01&to=2022-12-31', admin);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.from' });
      expect(await status('/reports/outcome-share.csv?from=2023-01-01&to=2023-12-31', admin)).toBe(400); // measuredAt is required
    });
  });

  it('gives the same report for a past period after later events, which do count in later reports', async () => {
    const reports: Array<[string, Record<string, unknown>]> = [
      ['outcomeShare', { period: year(2023), measuredAt: 'EXIT', groupBy: ['UNIT', 'PROTECTION_BASIS'] }],
      ['outcomeShare', { period: year(2024), measuredAt: 'ONE_YEAR_AFTER' }],
      ['programmeStartTimes', { period: year(2022), groupBy: ['UNIT', 'PROTECTION_BASIS'] }],
      ['timeToFirstPraksis', { period: year(2022) }],
      ['praksisParticipation', { period: year(2022) }],
      ['weeklyHoursRule', { period: { from: '2022-10-01', to: '2022-12-31' }, groupBy: ['UNIT', 'REQUIRED_HOURS'] }],
      ['placementSupply', { period: { from: '2022-12-01', to: '2022-12-31' } }],
      ['praksisConversion', { period: year(2023) }],
      ['employerAnswerTimes', { period: year(2022) }],
      ['declineReasons', { period: year(2022) }],
      ['followUpsOnTime', { period: { from: '2022-10-01', to: '2022-10-31' } }],
    ];
    const snapshot = async () => Promise.all(reports.map(([field, args]) => ok(world.users.admin, field, args)));
    const before = await snapshot();

    // Later events, stamped now (some with dates that fall in the past periods):
    // a correction of an exit outcome, and a late registration with a past date;
    expect((await outcome(world.users.advisorA, a[11]!, 'EXIT', 'WORK', '2023-07-20')).errors).toBeUndefined();
    expect((await outcome(world.users.advisorB, b[2]!, 'EXIT', 'EDUCATION', '2023-12-20')).errors).toBeUndefined();
    // profile changes: an earlier start, another protection basis, part-time;
    await api.ok(world.users.advisorA, `mutation($id: ID!) { updateParticipant(id: $id, input: { programmeStart: "2022-02-01", protectionBasis: REFUGEE, partTime: true }) { id } }`, { id: a[7] });
    // a new praksis for a11, a follow-up planned and logged after the fact with a date in October 2022;
    const late = await suggest(a[10]!, p1);
    await move(world.users.advisorA, late, 'PROPOSED');
    await move(world.users.employer1, late, 'ACCEPTED');
    await agree(late, 20);
    await move(world.users.advisorA, late, 'STARTED');
    const followUp = await api.ok(world.users.advisorA, `mutation($id: ID!) { scheduleFollowUp(proposalId: $id, input: { dueOn: "2022-10-03" }) { id } }`, { id: late });
    await api.ok(world.users.advisorA, `mutation($id: ID!) { logFollowUp(id: $id, input: { heldOn: "2022-10-05", attendance: ["PARTICIPANT"] }) { id } }`, { id: followUp.scheduleFollowUp.id });
    // and the retail placement closes.
    await api.ok(world.users.marketA, `mutation($id: ID!) { changePlacementStatus(id: $id, status: CLOSED) { id } }`, { id: p2 });

    const after = await snapshot();
    expect(after).toEqual(before);

    // The events did land: the profile changed, and reports whose cut-off is after them count them.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const untilNow = { from: '2022-01-01', to: tomorrow };
    const profile = await api.ok(world.users.advisorA, `query($id: ID!) { participant(id: $id) { ... on Participant { programmeStart protectionBasis } } }`, { id: a[7] });
    expect(profile.participant).toEqual({ programmeStart: '2022-02-01', protectionBasis: 'REFUGEE' });
    // a8 now started within 3 months of settlement: 8 of 15 (it was 7). It is a refugee now, so the split by
    // protection basis is hidden, not the unit's figure.
    const starts = await ok(world.users.advisorA, 'programmeStartTimes', { period: untilNow });
    expect(starts).toMatchObject({ final: false, total: { numerator: 8, denominator: 15 } });
    // The late follow-up and the three of a11's new agreement now count; a8…a10's first visits were cancelled
    // when their praksis ended (January 2023), so a report that runs until now leaves them out: 6 on time of 11.
    expect((await ok(world.users.advisorA, 'followUpsOnTime', { period: { from: '2022-10-01', to: tomorrow } })).total).toMatchObject({ numerator: 6, denominator: 11 });
    const outcomes = await api.ok(world.users.advisorA, `query($id: ID!) { participant(id: $id) { ... on Participant { outcomes { measuredAt category recordedOn } } } }`, { id: a[11] });
    expect(outcomes.participant.outcomes[0]).toEqual({ measuredAt: 'EXIT', category: 'WORK', recordedOn: '2023-07-20' });
  });
});
