import { ruleInForce, type ReminderRule, RuleCode, type RuleParams } from './rules.js';

/** What the scanner reads from PostgreSQL: plain facts, so every rule is a pure, unit-tested function. */
export interface ParticipantFacts {
  readonly id: string;
  readonly organisationId: string;
  readonly advisorId: string | null;
  readonly protectionBasis: string;
  readonly settlementDate: string;
  readonly programmeStart: string | null;
  readonly programmeEnd: string | null;
  readonly partTime: boolean;
  readonly finalGoal: string;
  /** Weekly hours of praksis that has started (work-oriented activity). */
  readonly praksisHours: number;
}

export interface ProposalFacts {
  readonly id: string;
  readonly organisationId: string;
  readonly status: string;
  readonly proposedOn: string | null;
  readonly createdById: string;
  readonly advisorId: string | null;
  readonly followUpOwnerId: string | null;
  readonly agreementEnd: string | null;
  /** Market contacts of the office that owns the employer relationship. */
  readonly employerOfficeContacts: readonly string[];
}

export interface FollowUpFacts {
  readonly id: string;
  readonly proposalId: string;
  readonly organisationId: string;
  readonly dueOn: string;
  readonly ownerId: string | null;
  readonly advisorId: string | null;
}

export interface CaseloadFacts {
  readonly advisorId: string;
  readonly organisationId: string;
  readonly activeParticipants: number;
}

export interface Facts {
  readonly today: string;
  readonly participants: readonly ParticipantFacts[];
  readonly proposals: readonly ProposalFacts[];
  readonly followUps: readonly FollowUpFacts[];
  readonly caseloads: readonly CaseloadFacts[];
}

/** 0: the reminder; 1: the escalation when it was ignored and the reason is still there. */
export type ReminderLevel = 0 | 1;

export interface DueReminder {
  readonly rule: RuleCode;
  readonly subjectId: string;
  /** The deadline or event date the reminder is about: with rule, subject and level, it fires once. */
  readonly dueOn: string;
  readonly level: ReminderLevel;
  readonly recipients: readonly string[];
  /** Ids, dates and numbers for the message template; never personal data. */
  readonly params: Readonly<Record<string, string | number>>;
}

const DAY = 86_400_000;
export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
export function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}
const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;
const uniq = (ids: ReadonlyArray<string | null | undefined>): string[] => [...new Set(ids.filter((x): x is string => !!x))];

/**
 * A reminder for a deadline: at `due - leadDays`, and, while `stillRelevant`, escalated
 * `escalateAfterDays` later. Returns what is due today (both levels may be due at once after an outage).
 */
function atDeadline(
  today: string,
  rule: ReminderRule,
  subjectId: string,
  dueOn: string,
  recipients: readonly string[],
  escalation: readonly string[] | null,
  params: Record<string, string | number>,
): DueReminder[] {
  const p: RuleParams = rule.params;
  const fireOn = addDays(dueOn, -(p.leadDays ?? 0));
  if (today < fireOn || recipients.length === 0) return [];
  const out: DueReminder[] = [{ rule: rule.code, subjectId, dueOn, level: 0, recipients, params }];
  if (escalation && p.escalateAfterDays !== undefined && today >= addDays(fireOn, p.escalateAfterDays)) {
    out.push({ rule: rule.code, subjectId, dueOn, level: 1, recipients: uniq([...recipients, ...escalation]), params });
  }
  return out;
}

/** The next date in a series start + first, + every, … that has not passed more than `graceDays` ago. */
function currentInSeries(today: string, start: string, firstAfterMonths: number, everyMonths: number, graceDays: number): string {
  let k = 0;
  let due = addMonths(start, firstAfterMonths);
  while (addDays(due, graceDays) < today && k < 200) due = addMonths(start, firstAfterMonths + everyMonths * ++k);
  return due;
}

/** Every reminder due today under the rules in force. Pure: same facts and rules, same reminders. */
export function dueReminders(rules: readonly ReminderRule[], facts: Facts): DueReminder[] {
  const { today } = facts;
  const out: DueReminder[] = [];
  const rule = (code: RuleCode, org: string) => ruleInForce(rules, code, org, today);

  for (const p of facts.participants) {
    const advisor = uniq([p.advisorId]);
    const start = rule(RuleCode.PROGRAMME_START_DEADLINE, p.organisationId);
    if (start && p.programmeStart === null) {
      const deadline = addMonths(p.settlementDate, start.params.months ?? 3);
      out.push(...atDeadline(today, start, p.id, deadline, advisor, advisor, { participantId: p.id, deadline }));
    }
    const hours = rule(RuleCode.WEEKLY_HOURS_RULE, p.organisationId);
    if (hours && p.protectionBasis === 'COLLECTIVE_PROTECTION' && p.programmeStart && (p.finalGoal === 'WORK' || p.finalGoal === 'WORK_AND_EDUCATION')) {
      const appliesFrom = addMonths(p.programmeStart, hours.params.firstAfterMonths ?? 3);
      const required = p.partTime ? (hours.params.hoursPartTime ?? 10) : (hours.params.hoursFullTime ?? 15);
      if (appliesFrom <= today && p.praksisHours < required) {
        // Checked per month: one reminder a month while the rule is not met, escalated mid-month.
        const dueOn = monthStart(today) > appliesFrom ? monthStart(today) : appliesFrom;
        out.push(...atDeadline(today, hours, p.id, dueOn, advisor, advisor, { participantId: p.id, required, current: p.praksisHours }));
      }
    }
    const meeting = rule(RuleCode.THREE_WAY_MEETING, p.organisationId);
    if (meeting && p.programmeStart) {
      const dueOn = currentInSeries(today, p.programmeStart, meeting.params.firstAfterMonths ?? 3, meeting.params.everyMonths ?? 6, 0);
      if (!p.programmeEnd || dueOn <= p.programmeEnd) out.push(...atDeadline(today, meeting, p.id, dueOn, advisor, null, { participantId: p.id, dueOn }));
    }
    const review = rule(RuleCode.PLAN_REVIEW, p.organisationId);
    if (review && p.programmeStart) {
      const every = review.params.everyMonths ?? 6;
      const dueOn = currentInSeries(today, p.programmeStart, every, every, 0);
      if (!p.programmeEnd || dueOn <= p.programmeEnd) out.push(...atDeadline(today, review, p.id, dueOn, advisor, null, { participantId: p.id, dueOn }));
    }
    const nav = rule(RuleCode.NAV_TRANSITION_DIALOGUE, p.organisationId);
    if (nav && p.programmeEnd) {
      const dueOn = addMonths(p.programmeEnd, -(nav.params.months ?? 3));
      if (today <= p.programmeEnd) out.push(...atDeadline(today, nav, p.id, dueOn, advisor, null, { participantId: p.id, dueOn, programmeEnd: p.programmeEnd }));
    }
  }

  for (const pr of facts.proposals) {
    if (pr.status === 'STARTED' && pr.agreementEnd) {
      const ending = rule(RuleCode.PRAKSIS_ENDING, pr.organisationId);
      const who = uniq([pr.followUpOwnerId, pr.advisorId]);
      if (ending) out.push(...atDeadline(today, ending, pr.id, pr.agreementEnd, who, who, { proposalId: pr.id, endDate: pr.agreementEnd }));
    }
    if (pr.status === 'PROPOSED' && pr.proposedOn) {
      const overdue = rule(RuleCode.EMPLOYER_ANSWER_OVERDUE, pr.organisationId);
      if (overdue) {
        const dueOn = addDays(pr.proposedOn, overdue.params.days ?? 5);
        out.push(...atDeadline(today, overdue, pr.id, dueOn, uniq([pr.createdById]), uniq([pr.advisorId, ...pr.employerOfficeContacts]), { proposalId: pr.id, proposedOn: pr.proposedOn }));
      }
    }
  }

  for (const f of facts.followUps) {
    const due = rule(RuleCode.FOLLOW_UP_DUE, f.organisationId);
    if (due) out.push(...atDeadline(today, due, f.id, f.dueOn, uniq([f.ownerId ?? f.advisorId]), uniq([f.advisorId]), { followUpId: f.id, proposalId: f.proposalId, dueOn: f.dueOn }));
  }

  for (const c of facts.caseloads) {
    const high = rule(RuleCode.CASELOAD_HIGH, c.organisationId);
    const threshold = high?.params.threshold ?? 40;
    if (high && c.activeParticipants > threshold) out.push(...atDeadline(today, high, c.advisorId, monthStart(today), [c.advisorId], null, { caseload: c.activeParticipants, threshold }));
  }
  return out;
}

export const reminderKey = (r: Pick<DueReminder, 'rule' | 'subjectId' | 'dueOn' | 'level'>): string => `${r.rule}:${r.subjectId}:${r.dueOn}:${r.level}`;
