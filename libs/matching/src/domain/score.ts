import { OccupationCatalogue, type OccupationRelation } from '#lib/occupations';
import type { CompiledParticipant, CompiledPlacement } from './compile.js';
import type { MatchContext } from './hard-constraints.js';
import { languageFit, skillGaps } from './language-fit.js';
import type { ExplanationText } from './match-model.js';
import { type MatchWeights, ScoreComponentName } from './weights.js';

export interface ScoreComponent {
  readonly name: ScoreComponentName;
  readonly weight: number;
  /** In [0, 1]. */
  readonly value: number;
  /** weight × value: the component's share of the total score. */
  readonly contribution: number;
  readonly explanation: ExplanationText;
  /** Set when the explanation rests on advisor-only facts: what other callers are shown instead. */
  readonly sharedExplanation?: ExplanationText;
}

/** A component's value, with its explanation built only when asked for (ranking needs just the numbers). */
interface Part {
  readonly value: number;
  readonly explanation: () => ExplanationText;
  readonly sharedExplanation?: () => ExplanationText;
}

export interface ScoredMatch {
  readonly score: number;
  readonly components: readonly ScoreComponent[];
}

export const RELATION_VALUE: Readonly<Record<OccupationRelation, number>> = {
  SAME: 1,
  SYNONYM: 0.9,
  RELATED: 0.7,
  SAME_MINOR_GROUP: 0.6,
  SAME_SUB_MAJOR_GROUP: 0.4,
  SAME_MAJOR_GROUP: 0.2,
  NONE: 0,
};
const RELATION_TEXT: Readonly<Record<OccupationRelation, ExplanationText>> = {
  SAME: { nb: 'samme yrke', en: 'the same occupation' },
  SYNONYM: { nb: 'samme yrke under et annet navn', en: 'the same occupation under another name' },
  RELATED: { nb: 'et beslektet yrke', en: 'a related occupation' },
  SAME_MINOR_GROUP: { nb: 'samme yrkesgruppe', en: 'the same occupation group' },
  SAME_SUB_MAJOR_GROUP: { nb: 'samme yrkesområde', en: 'the same occupational field' },
  SAME_MAJOR_GROUP: { nb: 'samme hovedgruppe', en: 'the same major group' },
  NONE: { nb: 'ingen yrkesmessig likhet', en: 'no occupational overlap' },
};
/** Experience counts a little less than a wish for now, a long-term wish less again. */
const SOURCE_FACTOR = { wanted: 1, experience: 0.9, longTerm: 0.8 } as const;
const SOURCE_TEXT: Readonly<Record<keyof typeof SOURCE_FACTOR, ExplanationText>> = {
  wanted: { nb: 'ønsket yrke', en: 'wanted occupation' },
  experience: { nb: 'arbeidserfaring', en: 'work experience' },
  longTerm: { nb: 'langsiktig yrkesmål', en: 'long-term occupation goal' },
};
const URGENT_WITHIN_DAYS = 180;
const MAX_USEFUL_TRAVEL_MINUTES = 90;
const DAY_MS = 86_400_000;

const relationCache = new Map<string, OccupationRelation>();
function relation(a: string, b: string): OccupationRelation {
  const key = a + b;
  let r = relationCache.get(key);
  if (r === undefined) {
    r = OccupationCatalogue.default().relation(a, b);
    relationCache.set(key, r);
  }
  return r;
}

export function occupationFit(p: CompiledParticipant, pl: CompiledPlacement): Part {
  let best = { value: -1, rel: 'NONE' as OccupationRelation, source: 'wanted' as keyof typeof SOURCE_FACTOR, code: '' };
  const consider = (codes: readonly string[], source: keyof typeof SOURCE_FACTOR) => {
    for (const code of codes) {
      const rel = relation(code, pl.src.occupationCode);
      const value = RELATION_VALUE[rel] * SOURCE_FACTOR[source];
      if (value > best.value) best = { value, rel, source, code };
    }
  };
  consider(p.src.wantedOccupations, 'wanted');
  consider(p.src.experienceOccupations, 'experience');
  consider(p.src.longTermOccupations, 'longTerm');
  if (best.value < 0) return { value: 0.3, explanation: () => ({ nb: 'Ingen yrkesønsker registrert', en: 'No occupation wishes recorded' }) };
  const name = OccupationCatalogue.default().get(pl.src.occupationCode);
  return {
    value: best.value,
    explanation: () => ({
      // (names looked up lazily: ranking never needs them)
      nb: `${name ? `${name.nameNb} (${pl.src.occupationCode})` : pl.src.occupationCode}: ${RELATION_TEXT[best.rel].nb} som ${SOURCE_TEXT[best.source].nb} ${best.code}`,
      en: `${name ? `${name.nameEn} (${pl.src.occupationCode})` : pl.src.occupationCode}: ${RELATION_TEXT[best.rel].en} as ${SOURCE_TEXT[best.source].en} ${best.code}`,
    }),
  };
}

function sectorFit(p: CompiledParticipant, pl: CompiledPlacement): Part {
  if (p.interests.has(pl.src.sector)) return { value: 1, explanation: () => ({ nb: `Ønsker bransjen ${pl.src.sector}`, en: `Wants the sector ${pl.src.sector}` }) };
  if (p.interests.size === 0) return { value: 0.5, explanation: () => ({ nb: 'Ingen bransjeønsker registrert', en: 'No sector wishes recorded' }) };
  return { value: 0.2, explanation: () => ({ nb: `${pl.src.sector} er ikke blant ønskede bransjer`, en: `${pl.src.sector} is not among the wanted sectors` }) };
}

function languageComponent(p: CompiledParticipant, pl: CompiledPlacement): Part {
  if (!pl.required.some((r) => r >= 0)) return { value: 1, explanation: () => ({ nb: 'Ingen norskkrav', en: 'No Norwegian requirement' }) };
  return {
    value: languageFit(p, pl),
    explanation: () => {
      const gaps = skillGaps(p, pl);
      const lowOpen = pl.src.openToLowNorwegian && gaps.some((g) => g.gap > 0);
      const suffix = lowOpen ? { nb: ' (arbeidsgiver er åpen for lavere nivå)', en: ' (the employer is open to lower levels)' } : { nb: '', en: '' };
      return { nb: gaps.map((g) => g.explanation.nb).join('; ') + suffix.nb, en: gaps.map((g) => g.explanation.en).join('; ') + suffix.en };
    },
  };
}

function distanceFit(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext): Part {
  if (p.reachable.has(pl.src.areaCode)) {
    const minutes = ctx.travel.minutes(pl.src.areaCode, pl.src.areaCode, p.travelMode) ?? 10;
    return { value: 1, explanation: () => ({ nb: `I et område deltakeren når (ca. ${minutes} min)`, en: `In an area the participant can reach (about ${minutes} min)` }) };
  }
  const minutes = ctx.travel.fromNearest(p, pl.src.areaCode);
  if (minutes === undefined) return { value: 0.5, explanation: () => ({ nb: 'Reisevei ukjent', en: 'Travel time unknown' }) };
  const value = Math.max(0, 1 - minutes / MAX_USEFUL_TRAVEL_MINUTES);
  return { value, explanation: () => ({ nb: `Ca. ${minutes} min reisevei`, en: `About ${minutes} min travel` }) };
}

/** Weekly work-oriented hours required for collective-protection participants with a work goal (domain.md §7). */
export function weeklyHoursRule(p: CompiledParticipant, today: string): { required: number; current: number } | null {
  const s = p.src;
  if (s.protectionBasis !== 'COLLECTIVE_PROTECTION' || !s.programmeStart) return null;
  if (s.finalGoal !== 'WORK' && s.finalGoal !== 'WORK_AND_EDUCATION') return null;
  const threeMonthsIn = new Date(Date.parse(s.programmeStart) + 91 * DAY_MS).toISOString().slice(0, 10);
  if (threeMonthsIn > today) return null;
  return { required: s.partTime ? 10 : 15, current: p.currentPraksisHours };
}

function urgency(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext): Part {
  let value = 0;
  const nb: string[] = [];
  const en: string[] = [];
  let advisorOnly = false;
  if (p.src.programmeEnd) {
    const days = Math.round((Date.parse(p.src.programmeEnd) - Date.parse(ctx.today)) / DAY_MS);
    if (days <= URGENT_WITHIN_DAYS) {
      value = Math.max(value, days <= 30 ? 1 : 1 - (days - 30) / (URGENT_WITHIN_DAYS - 30));
      nb.push(days >= 0 ? `programmet slutter om ${days} dager` : 'programmet er over');
      en.push(days >= 0 ? `the programme ends in ${days} days` : 'the programme has ended');
    }
  }
  const rule = weeklyHoursRule(p, ctx.today);
  if (rule && rule.current < rule.required) {
    // This placement closes (part of) the gap to the weekly-hours rule.
    const closes = Math.min(1, pl.src.hoursPerWeek / (rule.required - rule.current));
    value = Math.max(value, 0.5 + 0.5 * closes);
    nb.push(`${rule.required}-timersregelen i fare (${rule.current} t/uke i dag)`);
    en.push(`the ${rule.required}-hour rule is at risk (${rule.current} h/week now)`);
    advisorOnly = true;
  }
  if (nb.length === 0) return { value: 0, explanation: () => ({ nb: 'Ingen tidsfrist nær', en: 'No deadline near' }) };
  const explanation = () => ({ nb: `Haster: ${nb.join(', ')}`, en: `Urgent: ${en.join(', ')}` });
  // The hours rule reveals the protection basis, which only advisors may see.
  return advisorOnly ? { value, explanation, sharedExplanation: () => ({ nb: 'Haster for rådgiveren', en: 'Urgent for the advisor' }) } : { value, explanation };
}

function pathToJob(p: CompiledParticipant, pl: CompiledPlacement): Part {
  const goal = p.src.finalGoal;
  const t = pl.src.type;
  let value: number;
  let nb: string;
  let en: string;
  if (goal === 'WORK' || goal === 'WORK_AND_EDUCATION') {
    value = t === 'JOB' ? 1 : t === 'SUBSIDISED_JOB' ? 0.9 : pl.src.canLeadToJob ? 0.8 : t === 'WORK_PRACTICE' ? 0.5 : 0.3;
    nb = t === 'JOB' || t === 'SUBSIDISED_JOB' ? 'En jobb, i tråd med målet om arbeid' : pl.src.canLeadToJob ? 'Kan føre til jobb, i tråd med målet om arbeid' : 'Fører ikke direkte til jobb';
    en = t === 'JOB' || t === 'SUBSIDISED_JOB' ? 'A job, in line with the goal of work' : pl.src.canLeadToJob ? 'Can lead to a job, in line with the goal of work' : 'Does not lead directly to a job';
    const longTerm = p.src.longTermOccupations.map((c) => RELATION_VALUE[relation(c, pl.src.occupationCode)]);
    if (longTerm.some((v) => v >= RELATION_VALUE.SAME_MINOR_GROUP)) {
      value = Math.min(1, value + 0.2);
      nb += ' og mot det langsiktige yrkesmålet';
      en += ' and towards the long-term occupation';
    }
  } else if (goal === 'EDUCATION') {
    value = t === 'LANGUAGE_PRACTICE' ? 0.8 : t === 'WORK_PRACTICE' ? 0.6 : 0.4;
    nb = t === 'LANGUAGE_PRACTICE' ? 'Språkpraksis støtter målet om utdanning' : 'Målet er utdanning';
    en = t === 'LANGUAGE_PRACTICE' ? 'Language practice supports the goal of education' : 'The goal is education';
  } else {
    value = 0.5;
    nb = 'Sluttmål ikke satt';
    en = 'Final goal not set';
  }
  return { value, explanation: () => ({ nb, en }) };
}

const ENVIRONMENT_VALUE = { WORKS_WITH_COLLEAGUES: 1, MIXED: 0.6, MOSTLY_ALONE: 0.2 } as const;
const ENVIRONMENT_TEXT = {
  WORKS_WITH_COLLEAGUES: { nb: 'jobber sammen med kolleger', en: 'works with colleagues' },
  MIXED: { nb: 'delvis sammen med kolleger', en: 'partly with colleagues' },
  MOSTLY_ALONE: { nb: 'jobber mest alene (lite språktrening)', en: 'mostly works alone (little language practice)' },
} as const;

function quality(pl: CompiledPlacement): Part {
  const env = ENVIRONMENT_VALUE[pl.src.languageEnvironment];
  const text = ENVIRONMENT_TEXT[pl.src.languageEnvironment];
  if (pl.src.evaluationScore === null) return { value: env, explanation: () => ({ nb: `Språkmiljø: ${text.nb}; ingen evalueringer ennå`, en: `Language environment: ${text.en}; no evaluations yet` }) };
  const pct = Math.round(pl.src.evaluationScore * 100);
  return {
    value: 0.5 * env + 0.5 * pl.src.evaluationScore,
    explanation: () => ({ nb: `Språkmiljø: ${text.nb}; tidligere evalueringer ${pct} %`, en: `Language environment: ${text.en}; past evaluations ${pct}%` }),
  };
}

function parts(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext): ReadonlyArray<readonly [ScoreComponentName, Part]> {
  return [
    [ScoreComponentName.OCCUPATION, occupationFit(p, pl)],
    [ScoreComponentName.SECTOR, sectorFit(p, pl)],
    [ScoreComponentName.LANGUAGE, languageComponent(p, pl)],
    [ScoreComponentName.DISTANCE, distanceFit(p, pl, ctx)],
    [ScoreComponentName.URGENCY, urgency(p, pl, ctx)],
    [ScoreComponentName.PATH_TO_JOB, pathToJob(p, pl)],
    [ScoreComponentName.QUALITY, quality(pl)],
  ];
}

/** The soft score alone, for ranking thousands of pairs; identical to `scoreMatch(...).score`. */
export function scoreValue(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext, weights: MatchWeights): number {
  let score = 0;
  for (const [name, part] of parts(p, pl, ctx)) score += weights.weights[name] * part.value;
  return Math.min(1, Math.max(0, score));
}

/** The soft score of an eligible pair: a weighted sum of named, explained components. */
export function scoreMatch(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext, weights: MatchWeights): ScoredMatch {
  let score = 0;
  const components = parts(p, pl, ctx).map(([name, part]): ScoreComponent => {
    const weight = weights.weights[name];
    const contribution = weight * part.value;
    score += contribution;
    return { name, weight, value: part.value, contribution, explanation: part.explanation(), ...(part.sharedExplanation ? { sharedExplanation: part.sharedExplanation() } : {}) };
  });
  return { score: Math.min(1, Math.max(0, score)), components };
}
