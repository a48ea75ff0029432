/**
 * Deadlines and follow-up rules (domain.md §7) as data: each rule has parameters, a validity period
 * and an optional organisation, so a law change or a municipality's own practice is a new row, not code.
 */
export enum RuleCode {
  /** Programme should start within 3 months of settlement. */
  PROGRAMME_START_DEADLINE = 'PROGRAMME_START_DEADLINE',
  /** Collective protection with a work goal: 15 h/week (10 part-time) of work-oriented activity after 3 months. */
  WEEKLY_HOURS_RULE = 'WEEKLY_HOURS_RULE',
  /** Three-way meeting (participant, advisor, teacher) some months in, then every 6 months. */
  THREE_WAY_MEETING = 'THREE_WAY_MEETING',
  /** The individual plan is reviewed every 6 months. */
  PLAN_REVIEW = 'PLAN_REVIEW',
  /** Dialogue with NAV about the transition at least 3 months before programme end. */
  NAV_TRANSITION_DIALOGUE = 'NAV_TRANSITION_DIALOGUE',
  /** A praksis is ending: evaluate with the employer and decide on continuation. */
  PRAKSIS_ENDING = 'PRAKSIS_ENDING',
  /** The employer has not answered a proposal within N days. */
  EMPLOYER_ANSWER_OVERDUE = 'EMPLOYER_ANSWER_OVERDUE',
  /** A planned follow-up visit is due (or overdue). */
  FOLLOW_UP_DUE = 'FOLLOW_UP_DUE',
  /** An advisor follows more participants than is sustainable. */
  CASELOAD_HIGH = 'CASELOAD_HIGH',
}

export interface RuleParams {
  /** Days before the deadline that the reminder fires. */
  readonly leadDays?: number;
  /** Days after the first reminder, with the reason still there, that it escalates. */
  readonly escalateAfterDays?: number;
  readonly months?: number;
  readonly firstAfterMonths?: number;
  readonly everyMonths?: number;
  readonly hoursFullTime?: number;
  readonly hoursPartTime?: number;
  readonly days?: number;
  readonly threshold?: number;
}

export interface ReminderRule {
  readonly code: RuleCode;
  /** Null: the national default; otherwise this organisation's own version. */
  readonly organisationId: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly enabled: boolean;
  readonly params: RuleParams;
}

/** National defaults, valid from the Integration Act of 2021 (seeded by migration; organisations may override). */
export const DEFAULT_RULES: readonly ReminderRule[] = [
  { code: RuleCode.PROGRAMME_START_DEADLINE, params: { months: 3, leadDays: 14, escalateAfterDays: 14 } },
  { code: RuleCode.WEEKLY_HOURS_RULE, params: { firstAfterMonths: 3, hoursFullTime: 15, hoursPartTime: 10, escalateAfterDays: 14 } },
  { code: RuleCode.THREE_WAY_MEETING, params: { firstAfterMonths: 3, everyMonths: 6, leadDays: 14, escalateAfterDays: 21 } },
  { code: RuleCode.PLAN_REVIEW, params: { everyMonths: 6, leadDays: 14, escalateAfterDays: 21 } },
  { code: RuleCode.NAV_TRANSITION_DIALOGUE, params: { months: 3, leadDays: 14, escalateAfterDays: 14 } },
  { code: RuleCode.PRAKSIS_ENDING, params: { leadDays: 14, escalateAfterDays: 7 } },
  { code: RuleCode.EMPLOYER_ANSWER_OVERDUE, params: { days: 5, escalateAfterDays: 5 } },
  { code: RuleCode.FOLLOW_UP_DUE, params: { leadDays: 2, escalateAfterDays: 7 } },
  { code: RuleCode.CASELOAD_HIGH, params: { threshold: 40, escalateAfterDays: 30 } },
].map((r) => ({ ...r, organisationId: null, validFrom: '2021-01-01', validTo: null, enabled: true }));

/**
 * The rule in force for an organisation on a date: its own version if one is valid then, else the
 * national one; the latest `validFrom` wins among several valid rows.
 */
export function ruleInForce(rules: readonly ReminderRule[], code: RuleCode, organisationId: string, onDate: string): ReminderRule | undefined {
  const valid = rules.filter((r) => r.code === code && r.validFrom <= onDate && (r.validTo === null || onDate <= r.validTo));
  const pick = (candidates: readonly ReminderRule[]) => [...candidates].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  const rule = pick(valid.filter((r) => r.organisationId === organisationId)) ?? pick(valid.filter((r) => r.organisationId === null));
  return rule?.enabled ? rule : undefined;
}
