import { aParticipant, aPlacement, TODAY } from '../testing/builders.js';
import { compileParticipant, compilePlacement, TravelTable } from './compile.js';
import type { MatchContext } from './hard-constraints.js';
import { languageFit } from './language-fit.js';
import type { MatchParticipant, MatchPlacement } from './match-model.js';
import { scoreMatch, scoreValue } from './score.js';
import { DEFAULT_WEIGHTS, parseMatchWeights, ScoreComponentName } from './weights.js';

const ctx: MatchContext = { today: TODAY, travel: TravelTable.default() };
const score = (p: Partial<MatchParticipant> = {}, pl: Partial<MatchPlacement> = {}) =>
  scoreMatch(compileParticipant(aParticipant(p)), compilePlacement(aPlacement(pl)), ctx, DEFAULT_WEIGHTS);
const component = (name: ScoreComponentName, p: Partial<MatchParticipant> = {}, pl: Partial<MatchPlacement> = {}) =>
  score(p, pl).components.find((c) => c.name === name)!;

describe('soft score', () => {
  it('is the weighted sum of its components, within [0, 1], and equals the fast ranking value', () => {
    const s = score();
    expect(s.components.map((c) => c.name)).toEqual(Object.values(ScoreComponentName));
    expect(s.score).toBeCloseTo(s.components.reduce((sum, c) => sum + c.weight * c.value, 0), 10);
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(scoreValue(compileParticipant(aParticipant()), compilePlacement(aPlacement()), ctx, DEFAULT_WEIGHTS)).toBeCloseTo(s.score, 12);
    for (const c of s.components) {
      expect(c.explanation.nb.length).toBeGreaterThan(3);
      expect(c.explanation.en.length).toBeGreaterThan(3);
    }
  });

  describe('occupation fit', () => {
    it.each([
      ['same code', ['5311'], '5311', 1, 'the same occupation'],
      ['related code (5312 lists 5311)', ['5312'], '5311', 0.7, 'a related occupation'],
      ['same minor group', ['5321'], '5322', 0.7, ''],
      ['same major group only', ['5120'], '5311', 0.2, 'the same major group'],
      ['unrelated', ['7115'], '5311', 0, 'no occupational overlap'],
    ])('%s', (_name, wanted, code, value, text) => {
      const c = component(ScoreComponentName.OCCUPATION, { wantedOccupations: wanted }, { occupationCode: code });
      expect(c.value).toBeCloseTo(value, 5);
      expect(c.explanation.en).toContain(text);
    });

    it('experience counts less than a wish, a long-term wish less again', () => {
      const exp = component(ScoreComponentName.OCCUPATION, { wantedOccupations: [], experienceOccupations: ['5311'] });
      const long = component(ScoreComponentName.OCCUPATION, { wantedOccupations: [], longTermOccupations: ['5311'] });
      expect(exp.value).toBeCloseTo(0.9);
      expect(long.value).toBeCloseTo(0.8);
      expect(exp.explanation.nb).toContain('arbeidserfaring');
    });

    it('no wishes at all is neutral, not zero', () => {
      expect(component(ScoreComponentName.OCCUPATION, { wantedOccupations: [] }).value).toBe(0.3);
    });
  });

  it('sector: wanted 1, no wishes 0.5, other wishes 0.2', () => {
    expect(component(ScoreComponentName.SECTOR).value).toBe(1);
    expect(component(ScoreComponentName.SECTOR, { sectorsOfInterest: [] }).value).toBe(0.5);
    expect(component(ScoreComponentName.SECTOR, { sectorsOfInterest: ['RETAIL'] }).value).toBe(0.2);
  });

  describe('language margin, weighted by evidence', () => {
    const req = { required: { ORAL: 'B1', WRITING: 'A2' } } as const;
    it('no requirement is a full score', () => {
      expect(component(ScoreComponentName.LANGUAGE).value).toBe(1);
    });
    it('margin above the requirement scores higher than just meeting it', () => {
      const just = component(ScoreComponentName.LANGUAGE, { levels: { ORAL: { level: 'B1', source: 'OFFICIAL_TEST' }, WRITING: { level: 'A2', source: 'OFFICIAL_TEST' } } }, req);
      const above = component(ScoreComponentName.LANGUAGE, { levels: { ORAL: { level: 'B2', source: 'OFFICIAL_TEST' }, WRITING: { level: 'B1', source: 'OFFICIAL_TEST' } } }, req);
      expect(just.value).toBeCloseTo(0.7);
      expect(above.value).toBeCloseTo(0.85);
    });
    it('an official test outweighs a teacher’s assessment, which outweighs a self-report', () => {
      const by = (source: 'OFFICIAL_TEST' | 'TEACHER_ASSESSMENT' | 'SELF_REPORT') =>
        component(ScoreComponentName.LANGUAGE, { levels: { ORAL: { level: 'B1', source }, WRITING: { level: 'A2', source } } }, req).value;
      expect(by('OFFICIAL_TEST')).toBeGreaterThan(by('TEACHER_ASSESSMENT'));
      expect(by('TEACHER_ASSESSMENT')).toBeGreaterThan(by('SELF_REPORT'));
    });
    it('a shortfall at a placement open to low Norwegian scores low and says so per skill', () => {
      const c = component(ScoreComponentName.LANGUAGE, { levels: { ORAL: { level: 'A2', source: 'OFFICIAL_TEST' }, WRITING: { level: 'A2', source: 'OFFICIAL_TEST' } } }, { ...req, openToLowNorwegian: true });
      expect(c.value).toBeCloseTo((0.35 + 0.7) / 2);
      expect(c.explanation.en).toBe('oral A2 (official test), required B1: one step short; writing A2 (official test), required A2: met (the employer is open to lower levels)');
    });
    it('languageFit is 1 without requirements', () => {
      expect(languageFit(compileParticipant(aParticipant()), compilePlacement(aPlacement()))).toBe(1);
    });
  });

  it('distance: a reachable area is 1, a nearby area by travel time less, unknown 0.5', () => {
    expect(component(ScoreComponentName.DISTANCE).value).toBe(1);
    const near = component(ScoreComponentName.DISTANCE, { reachableAreas: ['OSLO-GRORUD'], maxTravelMinutes: 60 });
    expect(near.value).toBeGreaterThan(0.5);
    expect(near.value).toBeLessThan(1);
    expect(near.explanation.en).toMatch(/^About \d+ min travel$/);
    expect(component(ScoreComponentName.DISTANCE, { reachableAreas: [] }).value).toBe(0.5);
  });

  describe('urgency', () => {
    it('programme end approaching raises urgency; far away is none', () => {
      expect(component(ScoreComponentName.URGENCY).value).toBe(0);
      const soon = component(ScoreComponentName.URGENCY, { programmeEnd: '2027-01-24' });
      expect(soon.value).toBeCloseTo(1 - (60 - 30) / 150, 5);
      expect(soon.explanation.en).toBe('Urgent: the programme ends in 60 days');
      expect(soon.sharedExplanation).toBeUndefined();
    });
    it('the 15-hour rule at risk is urgent, explained to advisors only', () => {
      const c = component(ScoreComponentName.URGENCY, { protectionBasis: 'COLLECTIVE_PROTECTION', programmeStart: '2026-03-01' });
      expect(c.value).toBeCloseTo(0.5 + 0.5 * (12 / 15), 5);
      expect(c.explanation.en).toContain('the 15-hour rule is at risk (0 h/week now)');
      expect(c.sharedExplanation!.en).toBe('Urgent for the advisor');
      expect(c.sharedExplanation!.en).not.toContain('15');
    });
    it('the rule is 10 hours for part-time programmes, and does not apply in the first three months', () => {
      expect(component(ScoreComponentName.URGENCY, { protectionBasis: 'COLLECTIVE_PROTECTION', programmeStart: '2026-03-01', partTime: true }).explanation.en).toContain('10-hour rule');
      expect(component(ScoreComponentName.URGENCY, { protectionBasis: 'COLLECTIVE_PROTECTION', programmeStart: '2026-10-01' }).value).toBe(0);
    });
    it('started praksis hours count towards the rule', () => {
      const c = component(ScoreComponentName.URGENCY, {
        protectionBasis: 'COLLECTIVE_PROTECTION',
        programmeStart: '2026-03-01',
        commitments: [{ placementId: 'x', startDate: '2026-09-01', endDate: null, weekdays: ['THU', 'FRI'], hoursPerWeek: 15, started: true }],
      });
      expect(c.value).toBe(0);
    });
  });

  it('path to a job that fits the final goal', () => {
    expect(component(ScoreComponentName.PATH_TO_JOB, {}, { type: 'JOB' }).value).toBe(1);
    expect(component(ScoreComponentName.PATH_TO_JOB, {}, { canLeadToJob: true }).value).toBe(0.8);
    expect(component(ScoreComponentName.PATH_TO_JOB).value).toBe(0.3);
    expect(component(ScoreComponentName.PATH_TO_JOB, { longTermOccupations: ['5311'] }, { type: 'WORK_PRACTICE' }).value).toBeCloseTo(0.7);
    expect(component(ScoreComponentName.PATH_TO_JOB, { finalGoal: 'EDUCATION' }).value).toBe(0.8);
    expect(component(ScoreComponentName.PATH_TO_JOB, { finalGoal: 'NOT_SET' }).value).toBe(0.5);
  });

  it('placement quality: language environment and past evaluations', () => {
    expect(component(ScoreComponentName.QUALITY).value).toBe(1);
    expect(component(ScoreComponentName.QUALITY, {}, { languageEnvironment: 'MOSTLY_ALONE' }).value).toBe(0.2);
    const evaluated = component(ScoreComponentName.QUALITY, {}, { languageEnvironment: 'MIXED', evaluationScore: 0.5 });
    expect(evaluated.value).toBeCloseTo(0.55);
    expect(evaluated.explanation.en).toContain('past evaluations 50%');
  });

  describe('weights', () => {
    it('defaults sum to 1 and carry a version', () => {
      expect(Object.values(DEFAULT_WEIGHTS.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      expect(DEFAULT_WEIGHTS.version).toMatch(/\d{4}-\d{2}-\d{2}/);
    });
    it('configured weights are merged with the defaults and normalised', () => {
      const w = parseMatchWeights(JSON.stringify({ version: 'test-2', weights: { OCCUPATION: 1.0 } }));
      expect(w.version).toBe('test-2');
      expect(Object.values(w.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      expect(w.weights.OCCUPATION).toBeCloseTo(1 / 1.7, 10);
    });
    it('rejects unknown components and bad JSON with a clear message', () => {
      expect(() => parseMatchWeights('{"version":"x","weights":{"SHOE_SIZE":1}}')).toThrow(/MATCH_WEIGHTS is invalid/);
      expect(() => parseMatchWeights('{')).toThrow('MATCH_WEIGHTS is not valid JSON');
      expect(parseMatchWeights(undefined)).toBe(DEFAULT_WEIGHTS);
    });
    it('changing the weights changes the ranking', () => {
      const occupationOnly = parseMatchWeights(JSON.stringify({ version: 'occ', weights: { OCCUPATION: 1, SECTOR: 0, LANGUAGE: 0, DISTANCE: 0, URGENCY: 0, PATH_TO_JOB: 0, QUALITY: 0 } }));
      const p = compileParticipant(aParticipant({ wantedOccupations: ['7115'] }));
      expect(scoreValue(p, compilePlacement(aPlacement()), ctx, occupationOnly)).toBe(0);
      expect(scoreValue(p, compilePlacement(aPlacement({ occupationCode: '7115' })), ctx, occupationOnly)).toBe(1);
    });
  });
});
