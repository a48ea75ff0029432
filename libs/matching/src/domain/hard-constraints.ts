import { WEEKDAYS } from '#lib/core';
import { bitCount, type CompiledParticipant, type CompiledPlacement, periodsOverlap, type TravelTable } from './compile.js';
import { meetsLanguage, skillGaps } from './language-fit.js';
import type { ExplanationText } from './match-model.js';

/** Why a participant cannot take a placement. A candidate that fails one is excluded. */
export enum HardConstraint {
  PARTICIPANT_NOT_ACTIVE = 'PARTICIPANT_NOT_ACTIVE',
  PLACEMENT_NOT_OPEN = 'PLACEMENT_NOT_OPEN',
  NO_CAPACITY = 'NO_CAPACITY',
  NO_CONSENT = 'NO_CONSENT',
  ALREADY_IN_PROCESS = 'ALREADY_IN_PROCESS',
  SECTOR_REFUSED = 'SECTOR_REFUSED',
  DATES = 'DATES',
  WEEKDAYS = 'WEEKDAYS',
  HOURS = 'HOURS',
  LOCATION = 'LOCATION',
  LANGUAGE = 'LANGUAGE',
  CERTIFICATES = 'CERTIFICATES',
  OVERLAPPING_PLACEMENT = 'OVERLAPPING_PLACEMENT',
  /** The employer declined this participant recently, or declined a candidate with the same oral level for weak oral Norwegian. */
  SAME_MISMATCH = 'SAME_MISMATCH',
  /** Advisor-only: shift work, childcare days, personal care, pork/alcohol, a lower hours limit. Shown to others as this code alone. */
  ADVISOR_CONSTRAINT = 'ADVISOR_CONSTRAINT',
}

export interface MatchContext {
  /** ISO date of today: placements ended before it are not matchable. */
  readonly today: string;
  readonly travel: TravelTable;
}

export interface ConstraintFailure {
  readonly constraint: HardConstraint;
  /** True when the reason is an advisor-only fact: callers without the full view see only the code and a neutral text. */
  readonly advisorOnly: boolean;
  readonly explanation: ExplanationText;
}

interface Rule {
  readonly constraint: HardConstraint;
  readonly advisorOnly: boolean;
  /** Per-placement rules do not depend on the participant: checked once before a scan. */
  readonly perPlacement?: boolean;
  fails(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext): boolean;
  explain(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext): ExplanationText;
}

const dayList = (mask: number, lang: 'nb' | 'en'): string => {
  const nb = ['man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn'];
  return WEEKDAYS.filter((_, i) => mask & (1 << i)).map((d, i) => (lang === 'nb' ? nb[WEEKDAYS.indexOf(d)] : d.toLowerCase()) ?? String(i)).join(', ');
};

export const NEUTRAL_ADVISOR_TEXT: ExplanationText = {
  nb: 'Passer ikke av hensyn som bare rådgiveren kjenner',
  en: 'Does not fit for reasons known only to the advisor',
};

/** Open for proposals today: published as OPEN and not ended. */
export const placementOpen = (pl: CompiledPlacement, ctx: MatchContext): boolean => pl.src.status === 'OPEN' && (pl.src.endDate === null || pl.src.endDate >= ctx.today);

/** Cheapest checks first: the engine stops at the first failure when scanning. */
const RULES: readonly Rule[] = [
  {
    constraint: HardConstraint.PLACEMENT_NOT_OPEN,
    advisorOnly: false,
    perPlacement: true,
    fails: (_p, pl, ctx) => !placementOpen(pl, ctx),
    explain: (_p, pl) => ({ nb: `Plassen er ikke åpen (status ${pl.src.status})`, en: `The placement is not open (status ${pl.src.status})` }),
  },
  {
    constraint: HardConstraint.NO_CAPACITY,
    advisorOnly: false,
    perPlacement: true,
    fails: (_p, pl) => pl.src.occupied >= pl.src.capacity,
    explain: (_p, pl) => ({ nb: `Alle ${pl.src.capacity} plasser er tatt`, en: `All ${pl.src.capacity} slots are taken` }),
  },
  {
    constraint: HardConstraint.PARTICIPANT_NOT_ACTIVE,
    advisorOnly: false,
    fails: (p) => !p.active,
    explain: (p) => ({ nb: `Deltakeren er ikke aktiv (${p.src.status})`, en: `The participant is not active (${p.src.status})` }),
  },
  {
    constraint: HardConstraint.NO_CONSENT,
    advisorOnly: false,
    fails: (p) => !p.src.consentToPropose,
    explain: () => ({ nb: 'Mangler samtykke til å bli foreslått for arbeidsgivere', en: 'No consent to be proposed to employers' }),
  },
  {
    constraint: HardConstraint.ALREADY_IN_PROCESS,
    advisorOnly: false,
    fails: (p, pl) => p.pending.has(pl.src.id) || p.commitments.some((c) => c.placementId === pl.src.id),
    explain: () => ({ nb: 'Allerede foreslått eller plassert her', en: 'Already proposed or placed here' }),
  },
  {
    constraint: HardConstraint.SECTOR_REFUSED,
    advisorOnly: false,
    fails: (p, pl) => p.refused.has(pl.src.sector),
    explain: (_p, pl) => ({ nb: `Deltakeren ønsker ikke bransjen ${pl.src.sector}`, en: `The participant does not want the sector ${pl.src.sector}` }),
  },
  {
    constraint: HardConstraint.WEEKDAYS,
    advisorOnly: false,
    fails: (p, pl) => bitCount(pl.mask & ~p.mask) > pl.missableDays,
    explain: (p, pl) => {
      const missing = pl.mask & ~p.mask;
      return p.mask === 0
        ? { nb: 'Deltakerens ledige dager er ikke registrert', en: 'The participant’s available days are not recorded' }
        : { nb: `Ikke tilgjengelig ${dayList(missing, 'nb')}`, en: `Not available on ${dayList(missing, 'en')}` };
    },
  },
  {
    constraint: HardConstraint.LANGUAGE,
    advisorOnly: false,
    fails: (p, pl) => !pl.src.openToLowNorwegian && !meetsLanguage(p, pl),
    explain: (p, pl) => {
      const short = skillGaps(p, pl).filter((g) => g.gap > 0);
      return { nb: short.map((g) => g.explanation.nb).join('; '), en: short.map((g) => g.explanation.en).join('; ') };
    },
  },
  {
    constraint: HardConstraint.DATES,
    advisorOnly: false,
    fails: (p, pl) => !periodsOverlap(p.src.availableFrom ?? '0000-01-01', p.src.programmeEnd, pl.src.startDate, pl.src.endDate),
    explain: (p, pl) => ({
      nb: `Tilgjengelig ${p.src.availableFrom ?? '–'} til ${p.src.programmeEnd ?? '–'}, plassen går ${pl.src.startDate} til ${pl.src.endDate ?? '–'}`,
      en: `Available ${p.src.availableFrom ?? '–'} to ${p.src.programmeEnd ?? '–'}, the placement runs ${pl.src.startDate} to ${pl.src.endDate ?? '–'}`,
    }),
  },
  {
    constraint: HardConstraint.HOURS,
    advisorOnly: false,
    fails: (p, pl) => p.src.hoursPerWeek > 0 && p.src.hoursPerWeek < pl.src.hoursPerWeek,
    explain: (p, pl) => ({ nb: `Har ${p.src.hoursPerWeek} t/uke, plassen krever ${pl.src.hoursPerWeek}`, en: `Has ${p.src.hoursPerWeek} h/week, the placement needs ${pl.src.hoursPerWeek}` }),
  },
  {
    constraint: HardConstraint.LOCATION,
    advisorOnly: false,
    fails: (p, pl, ctx) => !reachable(p, pl, ctx),
    explain: (p, pl, ctx) => {
      const minutes = ctx.travel.fromNearest(p, pl.src.areaCode);
      return {
        nb: `${pl.src.areaCode} er ikke blant områdene deltakeren når${minutes !== undefined ? ` (ca. ${minutes} min, maks ${p.src.maxTravelMinutes ?? '–'})` : ''}`,
        en: `${pl.src.areaCode} is not among the areas the participant can reach${minutes !== undefined ? ` (about ${minutes} min, max ${p.src.maxTravelMinutes ?? '–'})` : ''}`,
      };
    },
  },
  {
    constraint: HardConstraint.CERTIFICATES,
    advisorOnly: false,
    fails: (p, pl) => pl.certificates.some((c) => !p.certificates.has(c)),
    explain: (p, pl) => {
      const missing = pl.certificates.filter((c) => !p.certificates.has(c)).join(', ');
      return { nb: `Mangler ${missing}`, en: `Lacks ${missing}` };
    },
  },
  {
    constraint: HardConstraint.OVERLAPPING_PLACEMENT,
    advisorOnly: false,
    fails: (p, pl) => overlappingCommitment(p, pl) !== undefined,
    explain: () => ({ nb: 'Har allerede en plass på de samme dagene i perioden', en: 'Already has a placement on the same days in that period' }),
  },
  {
    constraint: HardConstraint.SAME_MISMATCH,
    advisorOnly: false,
    fails: (p, pl) => p.declinedBy.has(pl.src.employerId) || (pl.declinedOralRank >= 0 && p.rank[0]! <= pl.declinedOralRank),
    explain: (p, pl) =>
      p.declinedBy.has(pl.src.employerId)
        ? { nb: 'Arbeidsgiveren har nylig avslått denne kandidaten', en: 'The employer declined this candidate recently' }
        : {
            nb: `Arbeidsgiveren avslo nylig en kandidat med muntlig ${pl.src.declinedOralLevel} fordi muntlig norsk var for svakt`,
            en: `The employer recently declined a candidate with oral ${pl.src.declinedOralLevel} because their oral Norwegian was too weak`,
          },
  },
  {
    constraint: HardConstraint.ADVISOR_CONSTRAINT,
    advisorOnly: true,
    fails: (p, pl) => advisorOnlyReason(p, pl) !== undefined,
    explain: (p, pl) => advisorOnlyReason(p, pl) ?? NEUTRAL_ADVISOR_TEXT,
  },
];

const PARTICIPANT_RULES = RULES.filter((r) => !r.perPlacement);
const PLACEMENT_RULES = RULES.filter((r) => r.perPlacement);

function reachable(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext): boolean {
  if (p.reachable.size === 0) return true; // nothing recorded: not a reason to exclude
  if (p.reachable.has(pl.src.areaCode)) return true;
  if (p.src.maxTravelMinutes === null) return false;
  const minutes = ctx.travel.fromNearest(p, pl.src.areaCode);
  return minutes !== undefined && minutes <= p.src.maxTravelMinutes;
}

function overlappingCommitment(p: CompiledParticipant, pl: CompiledPlacement) {
  return p.commitments.find(
    (c) => c.placementId !== pl.src.id && (c.mask & pl.mask) !== 0 && periodsOverlap(c.startDate, c.endDate, pl.src.startDate, pl.src.endDate),
  );
}

function advisorOnlyReason(p: CompiledParticipant, pl: CompiledPlacement): ExplanationText | undefined {
  const c = p.src.constraints;
  if (c.noShiftWork && pl.src.shiftWork) return { nb: 'Kan ikke ha skiftarbeid', en: 'Cannot work shifts' };
  if ((p.childcareMask & pl.mask) !== 0) return { nb: `Har omsorg for barn ${dayList(p.childcareMask & pl.mask, 'nb')}`, en: `Has childcare on ${dayList(p.childcareMask & pl.mask, 'en')}` };
  if (c.noCareForOppositeSex && pl.personalCare) return { nb: 'Kan ikke gi personlig pleie til det motsatte kjønn', en: 'Cannot give personal care to the opposite sex' };
  if (c.noPorkOrAlcohol && pl.porkOrAlcohol) return { nb: 'Kan ikke håndtere svinekjøtt eller alkohol', en: 'Cannot handle pork or alcohol' };
  if (c.maxHoursPerWeek !== null && pl.src.hoursPerWeek > c.maxHoursPerWeek) return { nb: `Helsegrense på ${c.maxHoursPerWeek} t/uke`, en: `Health limit of ${c.maxHoursPerWeek} h/week` };
  return undefined;
}

/** True when the placement itself can take someone now (open, not ended, a slot free). */
export function placementAccepts(pl: CompiledPlacement, ctx: MatchContext): boolean {
  for (const rule of PLACEMENT_RULES) if (rule.fails(undefined as never, pl, ctx)) return false;
  return true;
}

/** The participant-dependent rules only; call after `placementAccepts`. Hot path of every scan. */
export function participantFits(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext): boolean {
  for (const rule of PARTICIPANT_RULES) if (rule.fails(p, pl, ctx)) return false;
  return true;
}

/** Every failed constraint with its explanation, for `explainMatch` and tests. */
export function failedConstraints(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext): ConstraintFailure[] {
  return RULES.filter((r) => r.fails(p, pl, ctx)).map((r) => ({ constraint: r.constraint, advisorOnly: r.advisorOnly, explanation: r.explain(p, pl, ctx) }));
}
