import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DueReminder, dueReminders, type Facts, reminderKey } from '../domain/due.js';
import { reminderText } from '../domain/reminder-texts.js';
import { type ReminderRule, RuleCode } from '../domain/rules.js';
import { REMINDER_SINK, type ReminderSink } from './reminder-sink.js';

type Row = Record<string, any>;

const SUBJECT_TYPES: Partial<Record<RuleCode, string>> = {
  PRAKSIS_ENDING: 'Proposal',
  EMPLOYER_ANSWER_OVERDUE: 'Proposal',
  FOLLOW_UP_DUE: 'FollowUp',
  CASELOAD_HIGH: 'User',
};
const subjectTypeOf = (rule: RuleCode): string => SUBJECT_TYPES[rule] ?? 'Participant';

/** Today's date in Norway: deadlines are calendar dates where the participants live. */
export const osloToday = (): string => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });

export interface ScanScope {
  /** Only this subject (a proposal, participant or follow-up), for the delayed check of one deadline. */
  readonly proposalId?: string;
}

/**
 * Computes every reminder due today from the rules in force and the facts in PostgreSQL, and fires the
 * new ones: the `reminders_fired` row and the notifications commit together, so each (rule, subject,
 * due date, level) fires exactly once however often, and on however many workers, the scan runs.
 */
@Injectable()
export class ReminderScanner {
  private readonly log = new Logger(ReminderScanner.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REMINDER_SINK) private readonly sink: ReminderSink,
  ) {}

  async scan(today: string = osloToday(), scope: ScanScope = {}): Promise<{ due: number; fired: number }> {
    const [rules, facts] = await Promise.all([this.rules(), this.facts(today, scope)]);
    const due = dueReminders(rules, facts);
    const fresh = await this.notYetFired(due);
    let fired = 0;
    for (const r of fresh) if (await this.fire(r)) fired++;
    if (fired > 0) this.log.log(`fired ${fired} reminders (${due.length} due)`);
    return { due: due.length, fired };
  }

  async rules(): Promise<ReminderRule[]> {
    const rows = (await this.dataSource.query(`SELECT code, organisation_id, valid_from::text, valid_to::text, enabled, params FROM reminder_rules`)) as Row[];
    return rows.map((r) => ({ code: r.code as RuleCode, organisationId: r.organisation_id, validFrom: r.valid_from, validTo: r.valid_to, enabled: r.enabled, params: r.params }));
  }

  private async fire(r: DueReminder): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO reminders_fired (rule_code, subject_id, due_on, level, recipients) VALUES ($1, $2, $3, $4, $5::uuid[]) ON CONFLICT DO NOTHING RETURNING rule_code`,
        [r.rule, r.subjectId, r.dueOn, r.level, r.recipients],
      )) as unknown[];
      if (inserted.length === 0) return false;
      await this.sink.deliver(em, { key: reminderKey(r), rule: r.rule, level: r.level, recipients: r.recipients, subject: { type: subjectTypeOf(r.rule), id: r.subjectId }, texts: { nb: reminderText(r, 'nb'), en: reminderText(r, 'en') } });
      return true;
    });
  }

  private async notYetFired(due: readonly DueReminder[]): Promise<DueReminder[]> {
    if (due.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT rule_code || ':' || subject_id || ':' || due_on::text || ':' || level AS key FROM reminders_fired
        WHERE (rule_code, subject_id, due_on, level) IN (SELECT * FROM unnest($1::text[], $2::uuid[], $3::date[], $4::smallint[]))`,
      [due.map((d) => d.rule), due.map((d) => d.subjectId), due.map((d) => d.dueOn), due.map((d) => d.level)],
    )) as Array<{ key: string }>;
    const fired = new Set(rows.map((r) => r.key));
    return due.filter((d) => !fired.has(reminderKey(d)));
  }

  /** The facts the rules read; leave (ON_LEAVE) pauses a participant's deadlines, so only ACTIVE participants count. */
  async facts(today: string, scope: ScanScope = {}): Promise<Facts> {
    const onlyProposal = scope.proposalId ?? null;
    const participants = onlyProposal
      ? []
      : ((await this.dataSource.query(
          `SELECT p.id, p.organisation_id, p.advisor_id, p.protection_basis, p.settlement_date::text AS settlement_date, p.programme_start::text AS programme_start,
                  p.programme_end::text AS programme_end, p.part_time, p.final_goal,
                  COALESCE((SELECT sum((pr.agreement->>'hoursPerWeek')::numeric) FROM proposals pr WHERE pr.participant_id = p.id AND pr.status = 'STARTED'), 0)::float8 AS praksis_hours
             FROM participants p WHERE p.status = 'ACTIVE'`,
        )) as Row[]);
    const proposals = (await this.dataSource.query(
      `SELECT pr.id, par.organisation_id, pr.status, (pr.proposed_at AT TIME ZONE 'Europe/Oslo')::date::text AS proposed_on, pr.created_by_id, par.advisor_id,
              pr.follow_up_owner_id, pr.agreement->>'endDate' AS agreement_end,
              ARRAY(SELECT u.id FROM users u JOIN employers e ON e.owner_office_id = u.organisation_id WHERE e.id = pr.employer_id AND u.role = 'MARKET_CONTACT' AND u.active) AS office_contacts
         FROM proposals pr JOIN participants par ON par.id = pr.participant_id
        WHERE pr.status IN ('PROPOSED', 'STARTED') AND ($1::uuid IS NULL OR pr.id = $1)`,
      [onlyProposal],
    )) as Row[];
    const followUps = onlyProposal
      ? []
      : ((await this.dataSource.query(
          `SELECT f.id, f.proposal_id, par.organisation_id, f.due_on::text AS due_on, pr.follow_up_owner_id, par.advisor_id
             FROM follow_ups f JOIN proposals pr ON pr.id = f.proposal_id JOIN participants par ON par.id = pr.participant_id
            WHERE f.status = 'PLANNED' AND pr.status IN ('AGREED', 'STARTED') AND f.due_on <= $1::date + 30`,
          [today],
        )) as Row[]);
    const caseloads = onlyProposal
      ? []
      : ((await this.dataSource.query(
          `SELECT advisor_id, organisation_id, count(*)::int AS n FROM participants WHERE status = 'ACTIVE' AND advisor_id IS NOT NULL GROUP BY advisor_id, organisation_id`,
        )) as Row[]);
    return {
      today,
      participants: participants.map((p) => ({
        id: p.id,
        organisationId: p.organisation_id,
        advisorId: p.advisor_id,
        protectionBasis: p.protection_basis,
        settlementDate: p.settlement_date,
        programmeStart: p.programme_start,
        programmeEnd: p.programme_end,
        partTime: p.part_time,
        finalGoal: p.final_goal,
        praksisHours: Number(p.praksis_hours),
      })),
      proposals: proposals.map((p) => ({
        id: p.id,
        organisationId: p.organisation_id,
        status: p.status,
        proposedOn: p.proposed_on,
        createdById: p.created_by_id,
        advisorId: p.advisor_id,
        followUpOwnerId: p.follow_up_owner_id,
        agreementEnd: p.agreement_end,
        employerOfficeContacts: p.office_contacts,
      })),
      followUps: followUps.map((f) => ({ id: f.id, proposalId: f.proposal_id, organisationId: f.organisation_id, dueOn: f.due_on, ownerId: f.follow_up_owner_id, advisorId: f.advisor_id })),
      caseloads: caseloads.map((c) => ({ advisorId: c.advisor_id, organisationId: c.organisation_id, activeParticipants: c.n })),
    };
  }
}
