import { aParticipant, aPlacement, TODAY } from '../testing/builders.js';
import { compileParticipant, compilePlacement, TravelTable } from './compile.js';
import { failedConstraints, HardConstraint, type MatchContext } from './hard-constraints.js';
import { skillGaps } from './language-fit.js';
import type { MatchParticipant, MatchPlacement } from './match-model.js';

const ctx: MatchContext = { today: TODAY, travel: TravelTable.default() };
const failures = (p: Partial<MatchParticipant> = {}, pl: Partial<MatchPlacement> = {}) =>
  failedConstraints(compileParticipant(aParticipant(p)), compilePlacement(aPlacement(pl)), ctx).map((f) => f.constraint);
const B1_ALL = { ORAL: 'B1', LISTENING: 'B1', READING: 'B1', WRITING: 'B1' } as const;
const levels = (oral: string, written: string) =>
  ({
    ORAL: { level: oral, source: 'OFFICIAL_TEST' },
    LISTENING: { level: written, source: 'OFFICIAL_TEST' },
    READING: { level: written, source: 'OFFICIAL_TEST' },
    WRITING: { level: written, source: 'OFFICIAL_TEST' },
  }) as MatchParticipant['levels'];

describe('hard constraints', () => {
  it('the base participant fits the base placement', () => {
    expect(failures()).toEqual([]);
  });

  describe('Norwegian per skill', () => {
    it('oral B1 / written A2 fails a "B1 on all sub-tests" kindergarten placement on the written skills only', () => {
      const p = compileParticipant(aParticipant({ levels: levels('B1', 'A2') }));
      const pl = compilePlacement(aPlacement({ required: B1_ALL }));
      expect(failedConstraints(p, pl, ctx).map((f) => f.constraint)).toEqual([HardConstraint.LANGUAGE]);
      const gaps = skillGaps(p, pl);
      expect(gaps.map((g) => [g.skill, g.gap])).toEqual([['ORAL', 0], ['LISTENING', 1], ['READING', 1], ['WRITING', 1]]);
      expect(gaps.find((g) => g.skill === 'WRITING')!.explanation.en).toBe('writing A2 (official test), required B1: one step short');
      expect(gaps.find((g) => g.skill === 'WRITING')!.explanation.nb).toBe('skriving A2 (norskprøve), krav B1: ett trinn for lavt');
    });

    it('oral B1 / written B1 meets it', () => {
      expect(failures({ levels: levels('B1', 'B1') }, { required: B1_ALL })).toEqual([]);
    });

    it('oral A2 fails an oral-only requirement even with strong written skills', () => {
      expect(failures({ levels: levels('A2', 'B2') }, { required: { ORAL: 'B1' } })).toEqual([HardConstraint.LANGUAGE]);
    });

    it('a skill with no recorded level fails a requirement on it', () => {
      expect(failures({ levels: { ORAL: { level: 'B2', source: 'OFFICIAL_TEST' } } }, { required: { WRITING: 'A1' } })).toEqual([HardConstraint.LANGUAGE]);
    });

    it('a placement open to lower levels takes a participant below the requirement', () => {
      expect(failures({ levels: levels('A1', 'A1') }, { required: B1_ALL, openToLowNorwegian: true })).toEqual([]);
    });

    it('the explanation counts steps and names the evidence', () => {
      const p = compileParticipant(aParticipant({ levels: { WRITING: { level: 'A1', source: 'SELF_REPORT' } } }));
      const [gap] = skillGaps(p, compilePlacement(aPlacement({ required: { WRITING: 'B1' } })));
      expect(gap!.explanation.en).toBe('writing A1 (self-report), required B1: two steps short');
    });
  });

  it('dates: the participant’s programme ends before the placement starts', () => {
    expect(failures({ programmeEnd: '2026-11-30' })).toEqual([HardConstraint.DATES]);
  });

  it('dates: available only after the placement has ended', () => {
    expect(failures({ availableFrom: '2027-04-01' })).toEqual([HardConstraint.DATES]);
  });

  it('weekdays: not available on one of the placement’s days', () => {
    expect(failures({ availableWeekdays: ['MON', 'WED', 'THU'] })).toEqual([HardConstraint.WEEKDAYS]);
  });

  it('weekdays: one missable day (what-if) lets a participant who lacks one day through', () => {
    const p = compileParticipant(aParticipant({ availableWeekdays: ['MON', 'WED'] }));
    expect(failedConstraints(p, compilePlacement(aPlacement(), 1), ctx)).toEqual([]);
  });

  it('hours: fewer hours available than the placement needs', () => {
    expect(failures({ hoursPerWeek: 8 }, { hoursPerWeek: 12 })).toEqual([HardConstraint.HOURS]);
  });

  it('location: an area outside the reachable list and no travel limit', () => {
    expect(failures({ reachableAreas: ['OSLO-FROGNER'] })).toEqual([HardConstraint.LOCATION]);
  });

  it('location: a travel-time limit makes a nearby area reachable, and a distant one not', () => {
    expect(failures({ reachableAreas: ['OSLO-GRORUD'], maxTravelMinutes: 45 })).toEqual([]);
    expect(failures({ reachableAreas: ['3403'], maxTravelMinutes: 45 })).toEqual([HardConstraint.LOCATION]);
  });

  it('consent: no consent to be proposed', () => {
    expect(failures({ consentToPropose: false })).toEqual([HardConstraint.NO_CONSENT]);
  });

  it('participant status: on leave is not matchable', () => {
    expect(failures({ status: 'ON_LEAVE' })).toEqual([HardConstraint.PARTICIPANT_NOT_ACTIVE]);
  });

  it('placement status and capacity', () => {
    expect(failures({}, { status: 'PAUSED' })).toEqual([HardConstraint.PLACEMENT_NOT_OPEN]);
    expect(failures({}, { endDate: '2026-11-01', startDate: '2026-10-01' })).toContain(HardConstraint.PLACEMENT_NOT_OPEN);
    expect(failures({}, { capacity: 2, occupied: 2 })).toEqual([HardConstraint.NO_CAPACITY]);
  });

  it('already placed in an overlapping slot (same weekday, overlapping dates)', () => {
    const commitment = { placementId: 'other', startDate: '2026-11-01', endDate: '2027-01-31', weekdays: ['TUE'] as const, hoursPerWeek: 6, started: true };
    expect(failures({ commitments: [{ ...commitment, weekdays: ['TUE'] }] })).toEqual([HardConstraint.OVERLAPPING_PLACEMENT]);
    expect(failures({ commitments: [{ ...commitment, weekdays: ['THU'] }] })).toEqual([]);
    expect(failures({ commitments: [{ ...commitment, weekdays: ['TUE'], endDate: '2026-11-30' }] })).toEqual([]);
  });

  it('already proposed to this placement', () => {
    expect(failures({ pendingPlacementIds: ['pl1'] })).toEqual([HardConstraint.ALREADY_IN_PROCESS]);
  });

  it('a refused sector', () => {
    expect(failures({ sectorsRefused: ['KINDERGARTEN'] })).toEqual([HardConstraint.SECTOR_REFUSED]);
  });

  it('certificates: a required driving licence is met by the licence flag', () => {
    expect(failures({}, { certificatesRequired: ['Førerkort klasse B'] })).toEqual([HardConstraint.CERTIFICATES]);
    expect(failures({ hasDrivingLicence: true }, { certificatesRequired: ['Førerkort klasse B'] })).toEqual([]);
    expect(failures({ certificates: ['Truckførerbevis'] }, { certificatesRequired: ['Truckførerbevis'] })).toEqual([]);
  });

  describe('the same mismatch is not proposed again', () => {
    it('a participant this employer declined recently', () => {
      expect(failures({ declinedByEmployers: ['emp1'] })).toEqual([HardConstraint.SAME_MISMATCH]);
      expect(failures({ declinedByEmployers: ['other-employer'] })).toEqual([]);
    });
    it('after a decline for weak oral Norwegian at B1, candidates at B1 or below are not proposed; B2 is', () => {
      expect(failures({ levels: levels('B1', 'B1') }, { declinedOralLevel: 'B1' })).toEqual([HardConstraint.SAME_MISMATCH]);
      expect(failures({ levels: levels('A2', 'B1') }, { declinedOralLevel: 'B1' })).toEqual([HardConstraint.SAME_MISMATCH]);
      expect(failures({ levels: levels('B2', 'B1') }, { declinedOralLevel: 'B1' })).toEqual([]);
      const [f] = failedConstraints(compileParticipant(aParticipant()), compilePlacement(aPlacement({ declinedOralLevel: 'B1' })), ctx);
      expect(f!.explanation.en).toBe('The employer recently declined a candidate with oral B1 because their oral Norwegian was too weak');
    });
  });

  describe('advisor-only constraints', () => {
    const noConstraints = aParticipant().constraints;
    it.each([
      ['no shift work', { ...noConstraints, noShiftWork: true }, { shiftWork: true }, 'Cannot work shifts'],
      ['childcare on a placement day', { ...noConstraints, childcareDays: ['TUE'] as const }, {}, 'Has childcare on tue'],
      ['no personal care of the opposite sex', { ...noConstraints, noCareForOppositeSex: true }, { sector: 'HOME_CARE', occupationCode: '5322' }, 'Cannot give personal care to the opposite sex'],
      ['no pork or alcohol', { ...noConstraints, noPorkOrAlcohol: true }, { sector: 'RESTAURANT', occupationCode: '9412' }, 'Cannot handle pork or alcohol'],
      ['a health limit on hours', { ...noConstraints, maxHoursPerWeek: 10 }, { hoursPerWeek: 12 }, 'Health limit of 10 h/week'],
    ])('%s', (_name, constraints, placement, reason) => {
      const found = failedConstraints(compileParticipant(aParticipant({ constraints: constraints as MatchParticipant['constraints'] })), compilePlacement(aPlacement(placement as Partial<MatchPlacement>)), ctx);
      expect(found.map((f) => [f.constraint, f.advisorOnly])).toEqual([[HardConstraint.ADVISOR_CONSTRAINT, true]]);
      expect(found[0]!.explanation.en).toBe(reason);
    });

    it('a constraint that does not apply to the placement excludes nothing', () => {
      expect(failures({ constraints: { ...noConstraints, noShiftWork: true, noPorkOrAlcohol: true, childcareDays: ['FRI'] } })).toEqual([]);
    });
  });

  it('lists every failed constraint, not just the first', () => {
    expect(failures({ consentToPropose: false, hoursPerWeek: 5, sectorsRefused: ['KINDERGARTEN'] })).toEqual([
      HardConstraint.NO_CONSENT,
      HardConstraint.SECTOR_REFUSED,
      HardConstraint.HOURS,
    ]);
  });
});
