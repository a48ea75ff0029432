/**
 * A proposal links a candidate to a placement and carries it from suggestion to outcome (domain.md §5).
 * The transitions below are the only way a proposal changes state: anything else is a CONFLICT.
 */
export enum ProposalStatus {
  SUGGESTED = 'SUGGESTED',
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  DECLINED_BY_PARTICIPANT = 'DECLINED_BY_PARTICIPANT',
  AGREED = 'AGREED',
  STARTED = 'STARTED',
  COMPLETED = 'COMPLETED',
  ENDED_EARLY = 'ENDED_EARLY',
  CONVERTED = 'CONVERTED',
  HIRED = 'HIRED',
}

/** Statuses that take one of the placement's slots and block the participant's schedule. */
export const OCCUPYING_STATUSES: readonly ProposalStatus[] = [ProposalStatus.ACCEPTED, ProposalStatus.AGREED, ProposalStatus.STARTED];
/** Statuses still waiting for an answer: the same pair is not suggested again. */
export const PENDING_STATUSES: readonly ProposalStatus[] = [ProposalStatus.SUGGESTED, ProposalStatus.PROPOSED];
/** A pair has at most one proposal in these statuses at a time. */
export const ACTIVE_STATUSES: readonly ProposalStatus[] = [...PENDING_STATUSES, ...OCCUPYING_STATUSES];

/** Structured reasons an employer declines: reported, and used by matching to avoid the same mismatch. */
export enum DeclineReason {
  ORAL_NORWEGIAN_TOO_WEAK = 'ORAL_NORWEGIAN_TOO_WEAK',
  WRITTEN_NORWEGIAN_TOO_WEAK = 'WRITTEN_NORWEGIAN_TOO_WEAK',
  NO_CAPACITY_NOW = 'NO_CAPACITY_NOW',
  HOURS_DO_NOT_FIT = 'HOURS_DO_NOT_FIT',
  COMPETENCE_MISSING = 'COMPETENCE_MISSING',
  CANDIDATE_DID_NOT_SHOW = 'CANDIDATE_DID_NOT_SHOW',
  OTHER = 'OTHER',
}

/** Why a participant says no, or why a proposal is withdrawn or ended early. */
export enum ParticipantReason {
  NOT_RELEVANT_TO_GOALS = 'NOT_RELEVANT_TO_GOALS',
  HOURS = 'HOURS',
  TRAVEL = 'TRAVEL',
  HEALTH_OR_FAMILY = 'HEALTH_OR_FAMILY',
  FOUND_OTHER_PLACEMENT = 'FOUND_OTHER_PLACEMENT',
  /** Set by the system when the participant withdraws the consent to be proposed. */
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  OTHER = 'OTHER',
}

/** Proposals a withdrawn consent ends: everything not yet under way. */
export const WITHDRAWN_WITH_CONSENT: readonly ProposalStatus[] = [ProposalStatus.SUGGESTED, ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED, ProposalStatus.AGREED];

/** Who moves a proposal along a transition. */
export type TransitionActor = 'STAFF' | 'EMPLOYER';

interface TransitionRule {
  readonly to: ProposalStatus;
  readonly by: readonly TransitionActor[];
  /** A reason code is required (declines, withdrawals, early ends). */
  readonly needsReason?: boolean;
}

const S = ProposalStatus;
const STAFF: readonly TransitionActor[] = ['STAFF'];
const EMPLOYER_OR_STAFF: readonly TransitionActor[] = ['EMPLOYER', 'STAFF'];
const leave = [
  { to: S.WITHDRAWN, by: STAFF, needsReason: true },
  { to: S.DECLINED_BY_PARTICIPANT, by: STAFF, needsReason: true },
] as const;

const TRANSITIONS: Readonly<Record<ProposalStatus, readonly TransitionRule[]>> = {
  [S.SUGGESTED]: [{ to: S.PROPOSED, by: STAFF }, ...leave],
  // Staff may record an answer the employer gave by phone; the employer answers through the link or the API.
  [S.PROPOSED]: [{ to: S.ACCEPTED, by: EMPLOYER_OR_STAFF }, { to: S.DECLINED, by: EMPLOYER_OR_STAFF, needsReason: true }, ...leave],
  [S.ACCEPTED]: [{ to: S.AGREED, by: STAFF }, ...leave],
  [S.AGREED]: [{ to: S.STARTED, by: STAFF }, ...leave],
  [S.STARTED]: [
    { to: S.COMPLETED, by: STAFF },
    { to: S.ENDED_EARLY, by: STAFF, needsReason: true },
    { to: S.CONVERTED, by: STAFF },
    { to: S.HIRED, by: STAFF },
  ],
  [S.COMPLETED]: [
    { to: S.CONVERTED, by: STAFF },
    { to: S.HIRED, by: STAFF },
  ],
  [S.DECLINED]: [],
  [S.WITHDRAWN]: [],
  [S.DECLINED_BY_PARTICIPANT]: [],
  [S.ENDED_EARLY]: [],
  [S.CONVERTED]: [],
  [S.HIRED]: [],
};

export function transitionRule(from: ProposalStatus, to: ProposalStatus): TransitionRule | undefined {
  return TRANSITIONS[from].find((t) => t.to === to);
}

export function allowedProposalTransitions(from: ProposalStatus, by?: TransitionActor): ProposalStatus[] {
  return TRANSITIONS[from].filter((t) => !by || t.by.includes(by)).map((t) => t.to);
}

export function isTerminal(status: ProposalStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Default follow-up cadence (domain.md §5): after two weeks, midway, and at the end. */
export interface FollowUpCadence {
  readonly afterDays: readonly number[];
  readonly midway: boolean;
  readonly atEnd: boolean;
  /** Every N days after the start, when set (replaces afterDays/midway). */
  readonly everyDays?: number | null;
}

export const DEFAULT_CADENCE: FollowUpCadence = { afterDays: [14], midway: true, atEnd: true, everyDays: null };

const DAY = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);

/** Due dates of follow-ups for a praksis period, from its cadence; sorted, de-duplicated, within the period. */
export function followUpDates(startDate: string, endDate: string, cadence: FollowUpCadence = DEFAULT_CADENCE): string[] {
  const length = Math.round((Date.parse(endDate) - Date.parse(startDate)) / DAY);
  const dates = new Set<string>();
  if (cadence.everyDays && cadence.everyDays > 0) {
    for (let d = cadence.everyDays; d < length; d += cadence.everyDays) dates.add(addDays(startDate, d));
  } else {
    for (const d of cadence.afterDays) if (d > 0 && d < length) dates.add(addDays(startDate, d));
    if (cadence.midway && length >= 2) dates.add(addDays(startDate, Math.floor(length / 2)));
  }
  if (cadence.atEnd) dates.add(endDate);
  return [...dates].sort();
}
