import { addMonths, dueReminders, type Facts, type ParticipantFacts, type ProposalFacts, reminderKey } from './due.js';
import { DEFAULT_RULES, type ReminderRule, RuleCode, ruleInForce } from './rules.js';

const participant = (o: Partial<ParticipantFacts> = {}): ParticipantFacts => ({
  id: 'p1',
  organisationId: 'unit',
  advisorId: 'adv',
  protectionBasis: 'REFUGEE',
  settlementDate: '2026-01-10',
  programmeStart: '2026-02-01',
  programmeEnd: '2028-01-31',
  partTime: false,
  finalGoal: 'WORK',
  praksisHours: 0,
  ...o,
});
const proposal = (o: Partial<ProposalFacts> = {}): ProposalFacts => ({
  id: 'pr1',
  organisationId: 'unit',
  status: 'PROPOSED',
  proposedOn: '2026-11-10',
  createdById: 'mc',
  advisorId: 'adv',
  followUpOwnerId: null,
  agreementEnd: null,
  employerOfficeContacts: ['mc-owner'],
  ...o,
});
const facts = (o: Partial<Facts>): Facts => ({ today: '2026-11-25', participants: [], proposals: [], followUps: [], caseloads: [], ...o });
const due = (o: Partial<Facts>, rules: readonly ReminderRule[] = DEFAULT_RULES) => dueReminders(rules, facts(o));
const of = (code: RuleCode, list: ReturnType<typeof due>) => list.filter((r) => r.rule === code).map((r) => [r.subjectId, r.dueOn, r.level, [...r.recipients].sort()]);

describe('reminder rules as data', () => {
  it('an organisation’s own version wins while valid; the national one otherwise; a newer version supersedes', () => {
    const own: ReminderRule = { code: RuleCode.EMPLOYER_ANSWER_OVERDUE, organisationId: 'unit', validFrom: '2026-06-01', validTo: '2026-12-31', enabled: true, params: { days: 2 } };
    const newer: ReminderRule = { ...DEFAULT_RULES.find((r) => r.code === RuleCode.EMPLOYER_ANSWER_OVERDUE)!, validFrom: '2026-10-01', params: { days: 7 } };
    const rules = [...DEFAULT_RULES, own, newer];
    expect(ruleInForce(rules, RuleCode.EMPLOYER_ANSWER_OVERDUE, 'unit', '2026-11-25')!.params.days).toBe(2);
    expect(ruleInForce(rules, RuleCode.EMPLOYER_ANSWER_OVERDUE, 'unit', '2027-01-05')!.params.days).toBe(7);
    expect(ruleInForce(rules, RuleCode.EMPLOYER_ANSWER_OVERDUE, 'other', '2026-09-01')!.params.days).toBe(5);
    expect(ruleInForce([...rules, { ...own, enabled: false, validFrom: '2026-11-01' }], RuleCode.EMPLOYER_ANSWER_OVERDUE, 'unit', '2026-11-25')).toBeUndefined();
  });

  it('adds months like a calendar does', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-25', -3)).toBe('2026-08-25');
  });
});

describe('due reminders', () => {
  it('programme start within 3 months of settlement: from 14 days before, escalated 14 days later, gone once started', () => {
    const waiting = participant({ settlementDate: '2026-09-01', programmeStart: null });
    expect(of(RuleCode.PROGRAMME_START_DEADLINE, due({ today: '2026-11-16', participants: [waiting] }))).toEqual([]);
    expect(of(RuleCode.PROGRAMME_START_DEADLINE, due({ today: '2026-11-17', participants: [waiting] }))).toEqual([['p1', '2026-12-01', 0, ['adv']]]);
    expect(of(RuleCode.PROGRAMME_START_DEADLINE, due({ today: '2026-12-01', participants: [waiting] }))).toEqual([
      ['p1', '2026-12-01', 0, ['adv']],
      ['p1', '2026-12-01', 1, ['adv']],
    ]);
    expect(of(RuleCode.PROGRAMME_START_DEADLINE, due({ today: '2026-12-01', participants: [{ ...waiting, programmeStart: '2026-11-30' }] }))).toEqual([]);
  });

  it('the 15/10-hour rule for collective protection with a work goal, after 3 months, monthly', () => {
    const cp = participant({ protectionBasis: 'COLLECTIVE_PROTECTION', programmeStart: '2026-06-01', praksisHours: 8 });
    const r = due({ participants: [cp] }).filter((x) => x.rule === RuleCode.WEEKLY_HOURS_RULE);
    expect(r.map((x) => [x.dueOn, x.level, x.params.required, x.params.current])).toEqual([['2026-11-01', 0, 15, 8], ['2026-11-01', 1, 15, 8]]);
    expect(due({ participants: [{ ...cp, partTime: true, praksisHours: 10 }] }).filter((x) => x.rule === RuleCode.WEEKLY_HOURS_RULE)).toHaveLength(0);
    expect(due({ participants: [{ ...cp, praksisHours: 15 }] }).filter((x) => x.rule === RuleCode.WEEKLY_HOURS_RULE)).toHaveLength(0);
    expect(due({ participants: [{ ...cp, protectionBasis: 'REFUGEE' }] }).filter((x) => x.rule === RuleCode.WEEKLY_HOURS_RULE)).toHaveLength(0);
    expect(due({ participants: [{ ...cp, programmeStart: '2026-09-01' }] }).filter((x) => x.rule === RuleCode.WEEKLY_HOURS_RULE)).toHaveLength(0);
  });

  it('three-way meetings 3 months in and then every 6 months; plan review every 6 months', () => {
    const p = participant({ programmeStart: '2026-02-01' });
    expect(of(RuleCode.THREE_WAY_MEETING, due({ today: '2026-04-20', participants: [p] }))).toEqual([['p1', '2026-05-01', 0, ['adv']]]);
    expect(of(RuleCode.THREE_WAY_MEETING, due({ today: '2026-10-20', participants: [p] }))).toEqual([['p1', '2026-11-01', 0, ['adv']]]);
    expect(of(RuleCode.PLAN_REVIEW, due({ today: '2026-07-25', participants: [p] }))).toEqual([['p1', '2026-08-01', 0, ['adv']]]);
    expect(of(RuleCode.PLAN_REVIEW, due({ today: '2026-07-01', participants: [p] }))).toEqual([]);
  });

  it('NAV transition dialogue 3 months before programme end', () => {
    const p = participant({ programmeEnd: '2027-02-28' });
    expect(of(RuleCode.NAV_TRANSITION_DIALOGUE, due({ today: '2026-11-14', participants: [p] }))).toEqual([['p1', '2026-11-28', 0, ['adv']]]);
    expect(of(RuleCode.NAV_TRANSITION_DIALOGUE, due({ today: '2026-11-13', participants: [p] }))).toEqual([]);
  });

  it('employer answer overdue after 5 days; escalated to the advisor and the office owning the employer; cancelled by an answer', () => {
    expect(of(RuleCode.EMPLOYER_ANSWER_OVERDUE, due({ today: '2026-11-14', proposals: [proposal()] }))).toEqual([]);
    expect(of(RuleCode.EMPLOYER_ANSWER_OVERDUE, due({ today: '2026-11-15', proposals: [proposal()] }))).toEqual([['pr1', '2026-11-15', 0, ['mc']]]);
    expect(of(RuleCode.EMPLOYER_ANSWER_OVERDUE, due({ today: '2026-11-20', proposals: [proposal()] }))).toEqual([
      ['pr1', '2026-11-15', 0, ['mc']],
      ['pr1', '2026-11-15', 1, ['adv', 'mc', 'mc-owner']],
    ]);
    expect(of(RuleCode.EMPLOYER_ANSWER_OVERDUE, due({ today: '2026-11-20', proposals: [proposal({ status: 'ACCEPTED' })] }))).toEqual([]);
  });

  it('praksis ending, follow-ups due and overdue', () => {
    const started = proposal({ status: 'STARTED', agreementEnd: '2026-12-05', followUpOwnerId: 'mc' });
    expect(of(RuleCode.PRAKSIS_ENDING, due({ proposals: [started] }))).toEqual([['pr1', '2026-12-05', 0, ['adv', 'mc']]]);
    const f = { id: 'f1', proposalId: 'pr1', organisationId: 'unit', dueOn: '2026-11-26', ownerId: 'mc', advisorId: 'adv' };
    expect(of(RuleCode.FOLLOW_UP_DUE, due({ followUps: [f] }))).toEqual([['f1', '2026-11-26', 0, ['mc']]]);
    expect(of(RuleCode.FOLLOW_UP_DUE, due({ today: '2026-12-01', followUps: [f] }))).toEqual([
      ['f1', '2026-11-26', 0, ['mc']],
      ['f1', '2026-11-26', 1, ['adv', 'mc']],
    ]);
  });

  it('caseload above the threshold, once a month', () => {
    expect(of(RuleCode.CASELOAD_HIGH, due({ caseloads: [{ advisorId: 'adv', organisationId: 'unit', activeParticipants: 41 }] }))).toEqual([['adv', '2026-11-01', 0, ['adv']]]);
    expect(of(RuleCode.CASELOAD_HIGH, due({ caseloads: [{ advisorId: 'adv', organisationId: 'unit', activeParticipants: 40 }] }))).toEqual([]);
  });

  it('keys each reminder by (rule, subject, due date, level), the same on every scan', () => {
    const a = due({ today: '2026-11-20', proposals: [proposal()] }).map(reminderKey);
    const b = due({ today: '2026-11-21', proposals: [proposal()] }).map(reminderKey);
    expect(a).toEqual(b);
    expect(a).toEqual(['EMPLOYER_ANSWER_OVERDUE:pr1:2026-11-15:0', 'EMPLOYER_ANSWER_OVERDUE:pr1:2026-11-15:1']);
  });
});
