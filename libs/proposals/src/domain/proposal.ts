/**
 * A proposal links a candidate to a placement (domain.md §5). This lib holds the states and the table;
 * the workflow that moves proposals along (guarded transitions, employer answers) builds on it.
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
