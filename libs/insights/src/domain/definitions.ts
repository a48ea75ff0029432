import { MIN_COUNT } from './protected-cube.js';

/**
 * The KPIs of domain.md §8 with their definitions written down, as the audit asks ("KPIs need
 * documented definitions"). The same text is the GraphQL field description, the report's
 * `definition`, and the README's KPI section. A change of definition is a new version.
 */
export const DEFINITIONS_VERSION = '2026-11-25';

/** Parameters of the definitions (domain.md §7), fixed per definitions version. */
export const KPI_PARAMETERS = {
  minCount: MIN_COUNT,
  programmeStartMonths: 3,
  firstPraksisMonths: 3,
  weeklyHoursAfterMonths: 3,
  weeklyHoursFullTime: 15,
  weeklyHoursPartTime: 10,
  employerAnswerDays: 5,
  followUpGraceDays: 7,
} as const;

export enum KpiName {
  OUTCOME_SHARE = 'OUTCOME_SHARE',
  PROGRAMME_START = 'PROGRAMME_START',
  FIRST_PRAKSIS = 'FIRST_PRAKSIS',
  PRAKSIS_PARTICIPATION = 'PRAKSIS_PARTICIPATION',
  WEEKLY_HOURS = 'WEEKLY_HOURS',
  PLACEMENT_SUPPLY = 'PLACEMENT_SUPPLY',
  PRAKSIS_CONVERSION = 'PRAKSIS_CONVERSION',
  EMPLOYER_ANSWER_TIME = 'EMPLOYER_ANSWER_TIME',
  DECLINE_REASONS = 'DECLINE_REASONS',
  FOLLOW_UPS_ON_TIME = 'FOLLOW_UPS_ON_TIME',
}

export enum KpiDimension {
  /** The participant's municipal unit (for outcomes: the unit when the outcome was recorded). */
  UNIT = 'UNIT',
  /** The NAV office serving that unit. */
  NAV_OFFICE = 'NAV_OFFICE',
  PROTECTION_BASIS = 'PROTECTION_BASIS',
  FINAL_GOAL = 'FINAL_GOAL',
  EXIT_YEAR = 'EXIT_YEAR',
  SECTOR = 'SECTOR',
  DISTRICT = 'DISTRICT',
  EMPLOYER = 'EMPLOYER',
  REQUIRED_HOURS = 'REQUIRED_HOURS',
  DECLINED_BY = 'DECLINED_BY',
  REASON = 'REASON',
}

/** SHARE: numerator of denominator; DISTRIBUTION: a count and its share of the group's total; SUPPLY: slots against people waiting. */
export type KpiKind = 'SHARE' | 'DISTRIBUTION' | 'SUPPLY';

export interface KpiSpec {
  readonly name: KpiName;
  /** The CSV route: GET /reports/<slug>.csv */
  readonly slug: string;
  readonly title: string;
  readonly kind: KpiKind;
  /** Dimensions of the cube; UNIT and NAV_OFFICE are always there (they carry the caller's scope). */
  readonly dims: readonly KpiDimension[];
  readonly defaultGroupBy: readonly KpiDimension[];
  /** Always grouped by these (the distribution's own dimension). */
  readonly alwaysGroupBy?: readonly KpiDimension[];
  /** Which median the rows carry, if any. */
  readonly median?: 'DAYS' | 'HOURS';
  readonly definition: string;
}

const D = KpiDimension;
const P = KPI_PARAMETERS;
const AS_OF = 'Computed as of the end of the period (midnight after `to`, Europe/Oslo) from timestamped history: a later event never changes a past report.';

export const COMMON_RULES = [
  `Counting period: \`from\`–\`to\` (dates, both included). ${AS_OF}`,
  `Small numbers: a row is suppressed (figures null, \`suppressed: true\`) when any count it shows or implies is below ${P.minCount}: the group (denominator), those in the numerator, and those not in it. ` +
    `Suppressed rows cannot be recovered by subtraction: every grouping and every caller's scope is a slice of one table protected as a whole. Wherever shown rows add up to a shown total (units to their NAV office, offices to all, any other dimension to its total), a lone suppressed row, or suppressed rows that together fall below ${P.minCount}, make the next smallest row suppressed too; a suppressed total always has a suppressed row beneath it.`,
  'Scope: ADMIN sees all organisations; ADVISOR only their own unit; MARKET_CONTACT the units their NAV office serves (rows are always split by UNIT, respectively NAV_OFFICE, so no figure mixes in another organisation). TEACHER and EMPLOYER: FORBIDDEN. Reports hold counts only, never a participant.',
] as const;

export const KPIS: Readonly<Record<KpiName, KpiSpec>> = {
  [KpiName.OUTCOME_SHARE]: {
    name: KpiName.OUTCOME_SHARE,
    slug: 'outcome-share',
    title: 'Share in work or education at programme exit / one year later',
    kind: 'SHARE',
    dims: [D.UNIT, D.NAV_OFFICE, D.PROTECTION_BASIS, D.EXIT_YEAR, D.FINAL_GOAL],
    defaultGroupBy: [D.UNIT],
    definition:
      'Denominator: participants whose outcome measurement fell due in the period — programme exit (`measuredAt: EXIT`) or its anniversary one year later (`ONE_YEAR_AFTER`) — and who have an outcome recorded for that measurement by the cut-off. ' +
      'The latest outcome row recorded before the cut-off counts (a correction is a new row). Numerator: WORK, SUBSIDISED_WORK (wage-subsidised work, lønnstilskudd, counts as work) and EDUCATION (upper-secondary or higher). ' +
      'PRIMARY_SCHOOL (grunnskole) does not count as education; NAV_MEASURE, OTHER and NOT_REGISTERED ("ikke registrert", its own category) count in the denominator only. ' +
      'Dimensions are those recorded with the outcome: the unit, protection basis and final goal at the time, and the year of exit (programme end). Participants without any recorded outcome are not counted: record NOT_REGISTERED.',
  },
  [KpiName.PROGRAMME_START]: {
    name: KpiName.PROGRAMME_START,
    slug: 'programme-start',
    title: 'Time from settlement to programme start',
    kind: 'SHARE',
    dims: [D.UNIT, D.NAV_OFFICE, D.PROTECTION_BASIS],
    defaultGroupBy: [D.UNIT],
    median: 'DAYS',
    definition:
      `Participants whose programme started in the period (start date as registered at the cut-off). medianDays: days from settlement date to programme start. ` +
      `Numerator: started within ${P.programmeStartMonths} calendar months of settlement (start ≤ settlement + ${P.programmeStartMonths} months).`,
  },
  [KpiName.FIRST_PRAKSIS]: {
    name: KpiName.FIRST_PRAKSIS,
    slug: 'first-praksis',
    title: 'Time to first praksis',
    kind: 'SHARE',
    dims: [D.UNIT, D.NAV_OFFICE, D.PROTECTION_BASIS],
    defaultGroupBy: [D.UNIT],
    median: 'DAYS',
    definition:
      'Participants whose first praksis began in the period: the first proposal for a språkpraksis or arbeidspraksis placement to reach STARTED (the date of that transition). ' +
      `medianDays: days from programme start to that date (0 when it began before the programme). Numerator: began within ${P.firstPraksisMonths} calendar months of programme start (our horizon, the same as the start rule; there is no official target).`,
  },
  [KpiName.PRAKSIS_PARTICIPATION]: {
    name: KpiName.PRAKSIS_PARTICIPATION,
    slug: 'praksis-participation',
    title: 'Share of participants who have had praksis',
    kind: 'SHARE',
    dims: [D.UNIT, D.NAV_OFFICE, D.PROTECTION_BASIS, D.FINAL_GOAL],
    defaultGroupBy: [D.UNIT],
    definition:
      'Participants in the programme at some point in the period (programme started by `to`, not ended before `from`, not archived at the cut-off). ' +
      'Numerator: those with at least one språkpraksis or arbeidspraksis that reached STARTED by the cut-off (in or before the period).',
  },
  [KpiName.WEEKLY_HOURS]: {
    name: KpiName.WEEKLY_HOURS,
    slug: 'weekly-hours',
    title: `Work-oriented hours against the ${P.weeklyHoursFullTime}/${P.weeklyHoursPartTime}-hour rule`,
    kind: 'SHARE',
    dims: [D.UNIT, D.NAV_OFFICE, D.REQUIRED_HOURS],
    defaultGroupBy: [D.UNIT],
    median: 'HOURS',
    definition:
      `Participants the rule applies to (integreringsforskriften § 43h/§ 43i): collective protection, final goal WORK, more than ${P.weeklyHoursAfterMonths} months into the programme, still in it; for the part of the period the rule applied to them (from programme start + ${P.weeklyHoursAfterMonths} months, until programme end). ` +
      `Hours: average per week over that part of the period, from the agreed hoursPerWeek of every proposal while it was STARTED (praksis, subsidised or ordinary job alike). ` +
      `Numerator: average ≥ ${P.weeklyHoursFullTime} hours (${P.weeklyHoursPartTime} for part-time programmes; REQUIRED_HOURS). medianHours: median of the averages.`,
  },
  [KpiName.PLACEMENT_SUPPLY]: {
    name: KpiName.PLACEMENT_SUPPLY,
    slug: 'placement-supply',
    title: 'Open slots against participants waiting',
    kind: 'SUPPLY',
    dims: [D.UNIT, D.NAV_OFFICE, D.SECTOR, D.DISTRICT],
    defaultGroupBy: [D.SECTOR, D.DISTRICT],
    definition:
      'At the cut-off. openSlots: capacity minus slots taken (ACCEPTED, AGREED or STARTED proposals) of placements OPEN at the cut-off, by their sector and district; the pool is shared, so slots are not scoped. ' +
      'participantsWaiting: participants active in the programme at the cut-off without an ACCEPTED, AGREED or STARTED proposal, counted once in each sector of interest (all sectors when none is given) and each reachable district (NOT_STATED when none). ' +
      'Only participantsWaiting is a count of people and is suppressed; openSlots is always shown.',
  },
  [KpiName.PRAKSIS_CONVERSION]: {
    name: KpiName.PRAKSIS_CONVERSION,
    slug: 'praksis-conversion',
    title: 'Praksis → job conversion',
    kind: 'SHARE',
    dims: [D.UNIT, D.NAV_OFFICE, D.EMPLOYER, D.SECTOR],
    defaultGroupBy: [D.EMPLOYER],
    definition:
      'Proposals for språkpraksis or arbeidspraksis placements whose praksis ended in the period (first transition out of STARTED). ' +
      'Numerator: those CONVERTED or HIRED by the cut-off, directly or after COMPLETED. By the placement’s employer and sector.',
  },
  [KpiName.EMPLOYER_ANSWER_TIME]: {
    name: KpiName.EMPLOYER_ANSWER_TIME,
    slug: 'employer-answer-time',
    title: 'Employer answer time',
    kind: 'SHARE',
    dims: [D.UNIT, D.NAV_OFFICE, D.EMPLOYER, D.SECTOR],
    defaultGroupBy: [D.EMPLOYER],
    median: 'DAYS',
    definition:
      'Proposals answered (ACCEPTED or DECLINED, by the employer or recorded by staff) in the period. medianDays: days, with fractions, from PROPOSED to the answer. ' +
      `Numerator: answered within ${P.employerAnswerDays} days (the reminder threshold).`,
  },
  [KpiName.DECLINE_REASONS]: {
    name: KpiName.DECLINE_REASONS,
    slug: 'decline-reasons',
    title: 'Decline reasons',
    kind: 'DISTRIBUTION',
    dims: [D.UNIT, D.NAV_OFFICE, D.DECLINED_BY, D.REASON, D.SECTOR],
    defaultGroupBy: [D.DECLINED_BY, D.REASON],
    alwaysGroupBy: [D.REASON],
    definition:
      'Declines in the period: by the employer (DECLINED) or by the participant (DECLINED_BY_PARTICIPANT), with their structured reason. ' +
      'numerator: declines for the reason; denominator: all declines of the row’s group (the same row without the reason split); share: numerator / denominator.',
  },
  [KpiName.FOLLOW_UPS_ON_TIME]: {
    name: KpiName.FOLLOW_UPS_ON_TIME,
    slug: 'follow-ups-on-time',
    title: 'Follow-ups done on time',
    kind: 'SHARE',
    dims: [D.UNIT, D.NAV_OFFICE],
    defaultGroupBy: [D.UNIT],
    definition:
      `Planned follow-ups whose deadline (due date + ${P.followUpGraceDays} days) fell in the period, not cancelled by the cut-off. ` +
      `Numerator: logged as done by the cut-off and held no later than ${P.followUpGraceDays} days after the due date.`,
  },
};

export const KPI_BY_SLUG: ReadonlyMap<string, KpiSpec> = new Map(Object.values(KPIS).map((k) => [k.slug, k]));

/** The full text for a report: its own definition and the rules every report follows. */
export function definitionText(spec: KpiSpec): string {
  return [spec.definition, ...COMMON_RULES].join('\n');
}
