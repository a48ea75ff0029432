import { aParticipant, aPlacement, TODAY } from '../testing/builders.js';
import { HardConstraint } from '../domain/hard-constraints.js';
import { MatchEngine, RelaxationKind } from './match-engine.js';

const build = (participants = [aParticipant()], placements = [aPlacement()]) => MatchEngine.build({ participants, placements }, { today: () => TODAY });
const units = (...unitIds: string[]) => ({ kind: 'UNITS' as const, unitIds });

describe('MatchEngine', () => {
  it('ranks placements for a participant, best first, and counts every eligible one', () => {
    const engine = build(
      [aParticipant()],
      [
        aPlacement({ id: 'same', occupationCode: '5311' }),
        aPlacement({ id: 'related', occupationCode: '5312', sector: 'EDUCATION' }),
        aPlacement({ id: 'unrelated', occupationCode: '7115', sector: 'CONSTRUCTION' }),
        aPlacement({ id: 'closed', status: 'CLOSED' }),
      ],
    );
    const list = engine.matchesForParticipant('p1', {}, 2);
    expect(list.totalCount).toBe(3);
    expect(list.items.map((i) => i.id)).toEqual(['same', 'related']);
    expect(list.items[0]!.score).toBeGreaterThan(list.items[1]!.score);
    expect(list.items[0]!.components).toHaveLength(7);
  });

  it('applies filters and the caller’s placement visibility', () => {
    const engine = build([aParticipant()], [aPlacement({ id: 'a', type: 'JOB' }), aPlacement({ id: 'b', areaCode: 'OSLO-GRORUD' }), aPlacement({ id: 'c', ownerOrganisationId: 'other' })]);
    expect(engine.matchesForParticipant('p1', { types: ['JOB'] }, 10).items.map((i) => i.id)).toEqual(['a']);
    expect(engine.matchesForParticipant('p1', { areaCodes: ['OSLO-ALNA'] }, 10).items.map((i) => i.id).sort()).toEqual(['a', 'c']);
    expect(engine.matchesForParticipant('p1', {}, 10, (pl) => pl.ownerOrganisationId !== 'other').items.map((i) => i.id).sort()).toEqual(['a']);
    expect(engine.matchesForParticipant('p1', { minScore: 0.99 }, 10).totalCount).toBe(0);
  });

  it('finds candidates only among the selected units (the access scope)', () => {
    const engine = build([aParticipant({ id: 'a1' }), aParticipant({ id: 'a2', wantedOccupations: ['7115'] }), aParticipant({ id: 'b1', organisationId: 'unit-b' })]);
    expect(engine.candidatesForPlacement('pl1', units('unit-a'), {}, 10).items.map((i) => i.id)).toEqual(['a1', 'a2']);
    expect(engine.candidatesForPlacement('pl1', units('unit-a', 'unit-b'), {}, 10).totalCount).toBe(3);
    expect(engine.candidatesForPlacement('pl1', units('unit-a', 'unit-b'), { unitIds: ['unit-b'] }, 10).items.map((i) => i.id)).toEqual(['b1']);
    expect(engine.candidatesForPlacement('pl1', { kind: 'IDS', ids: ['a2', 'b1'] }, {}, 10).items.map((i) => i.id)).toEqual(['b1', 'a2']);
  });

  it('a full placement has no candidates', () => {
    const engine = build([aParticipant()], [aPlacement({ occupied: 2, capacity: 2 })]);
    expect(engine.candidatesForPlacement('pl1', units('unit-a'), {}, 10).totalCount).toBe(0);
    expect(engine.explain('p1', 'pl1')!.failures.map((f) => f.constraint)).toEqual([HardConstraint.NO_CAPACITY]);
  });

  it('keeps itself fresh: upsert moves a participant between units, remove forgets it', () => {
    const engine = build();
    engine.upsertParticipant(aParticipant({ organisationId: 'unit-b' }));
    expect(engine.candidatesForPlacement('pl1', units('unit-a'), {}, 10).totalCount).toBe(0);
    expect(engine.candidatesForPlacement('pl1', units('unit-b'), {}, 10).totalCount).toBe(1);
    engine.removeParticipant('p1');
    expect(engine.candidatesForPlacement('pl1', units('unit-b'), {}, 10).totalCount).toBe(0);
    engine.upsertPlacement(aPlacement({ id: 'pl2' }));
    engine.upsertParticipant(aParticipant());
    expect(engine.matchesForParticipant('p1', {}, 10).items.map((i) => i.id).sort()).toEqual(['pl1', 'pl2']);
    engine.removePlacement('pl2');
    expect(engine.matchesForParticipant('p1', {}, 10).items.map((i) => i.id)).toEqual(['pl1']);
  });

  it('explains a failing pair with every constraint and still scores it', () => {
    const engine = build([aParticipant({ consentToPropose: false, availableWeekdays: ['WED'] })]);
    const e = engine.explain('p1', 'pl1')!;
    expect(e.eligible).toBe(false);
    expect(e.failures.map((f) => f.constraint)).toEqual([HardConstraint.NO_CONSENT, HardConstraint.WEEKDAYS]);
    expect(e.failures[1]!.explanation.en).toBe('Not available on mon, tue');
    expect(e.score).toBeGreaterThan(0);
  });

  describe('what-if for requirements', () => {
    const participants = [
      aParticipant({ id: 'b1' }),
      aParticipant({ id: 'a2', levels: { ORAL: { level: 'A2', source: 'OFFICIAL_TEST' } } }),
      aParticipant({ id: 'a1', levels: { ORAL: { level: 'A1', source: 'TEACHER_ASSESSMENT' } } }),
      aParticipant({ id: 'threeDays', availableWeekdays: ['MON', 'WED', 'THU'] }),
      aParticipant({ id: 'licence', hasDrivingLicence: true, levels: { ORAL: { level: 'B2', source: 'OFFICIAL_TEST' } } }),
    ];
    const placement = aPlacement({ required: { ORAL: 'B1' }, certificatesRequired: ['Førerkort klasse B'] });

    it('counts who qualifies today and after each one-step relaxation', () => {
      const engine = build(participants, [placement]);
      const w = engine.whatIf('pl1', units('unit-a'))!;
      expect(w.qualifying).toBe(1); // only `licence`
      const by = (kind: RelaxationKind, subject: string | null = null) => w.relaxations.find((r) => r.kind === kind && r.subject === subject)!;
      // oral B1 → A2 alone does not help: nobody at A2 has the licence.
      expect(by(RelaxationKind.LOWER_LANGUAGE_REQUIREMENT, 'ORAL')).toMatchObject({ qualifying: 1, additional: 0 });
      expect(by(RelaxationKind.LOWER_LANGUAGE_REQUIREMENT, 'ORAL').description.en).toBe('oral B1 → A2');
      // Licence not required: b1 and the licence holder qualify (threeDays lacks TUE).
      expect(by(RelaxationKind.DROP_CERTIFICATE, 'Førerkort klasse B')).toMatchObject({ qualifying: 2, additional: 1 });
      expect(by(RelaxationKind.ONE_MORE_WEEKDAY)).toMatchObject({ qualifying: 1, additional: 0 });
      expect(by(RelaxationKind.OPEN_TO_LOW_NORWEGIAN)).toMatchObject({ qualifying: 1 });
    });

    it('one more weekday to choose from lets a participant who lacks one day qualify', () => {
      const engine = build(participants, [aPlacement()]);
      const w = engine.whatIf('pl1', units('unit-a'))!;
      expect(w.qualifying).toBe(4);
      expect(w.relaxations.find((r) => r.kind === RelaxationKind.ONE_MORE_WEEKDAY)).toMatchObject({ qualifying: 5, additional: 1 });
    });

    it('is undefined for an unknown placement', () => {
      expect(build().whatIf('nope', units('unit-a'))).toBeUndefined();
    });
  });

  describe('allocation input', () => {
    it('takes waiting participants only, and an edge per eligible pair with its score', () => {
      const engine = build(
        [aParticipant({ id: 'w1' }), aParticipant({ id: 'w2', wantedOccupations: ['7115'] }), aParticipant({ id: 'busy', pendingPlacementIds: ['x'] }), aParticipant({ id: 'noConsent', consentToPropose: false })],
        [aPlacement({ id: 'k1', capacity: 3, occupied: 1 }), aPlacement({ id: 'k2', occupationCode: '7115', sector: 'CONSTRUCTION' }), aPlacement({ id: 'closed', status: 'CLOSED' })],
      );
      const waiting = engine.waitingParticipants(units('unit-a'));
      expect(waiting.sort()).toEqual(['w1', 'w2']);
      const open = engine.openPlacements();
      expect(open).toEqual(['k1', 'k2']);
      const { problem, participantIds, placementIds } = engine.allocationProblem(waiting.sort(), open);
      expect(participantIds).toEqual(['w1', 'w2']);
      expect(placementIds).toEqual(['k1', 'k2']);
      expect(problem.capacities).toEqual([2, 2]);
      expect(problem.edges).toHaveLength(4);
      const score = (p: number, pl: number) => problem.edges.find((e) => e.participant === p && e.placement === pl)!.score;
      expect(score(0, 0)).toBeGreaterThan(score(0, 1));
      expect(score(1, 1)).toBeGreaterThan(score(1, 0));
      expect(engine.allocationProblem(['w1'], ['k1'], () => 7).problem.capacities).toEqual([7]);
    });
  });
});
