import { Inject, Injectable, Logger } from '@nestjs/common';
import { RowScopes } from '#lib/database';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '#lib/access';
import { AuditKind, AuditPurpose, AuditWriter } from '#lib/audit';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { NotFoundError } from '#lib/core';
import { NotificationsService } from '#lib/notifications';
import { DomainEventType, OutboxWriter } from '#lib/outbox';
import { ParticipantsService } from '#lib/participants';
import { ParticipantReason, ProposalsService } from '#lib/proposals';
import { QueueJanitor } from './queue-janitor.js';

type Row = Record<string, unknown>;

/** Everything stored about one participant, as plain data (dates as ISO strings). */
export interface ParticipantExport {
  readonly exportedAt: string;
  readonly participant: Row;
  readonly languageAssessments: Row[];
  readonly consents: Row[];
  readonly teachers: Row[];
  readonly proposals: Row[];
  readonly proposalHistory: Row[];
  readonly followUps: Row[];
  readonly evaluations: Row[];
  readonly accessHistory: Row[];
}

/**
 * Data subject rights (GDPR art. 15, 17): a machine-readable export of everything about a participant,
 * and erasure by anonymisation — identity and free text removed, statistics kept — which also withdraws
 * open proposals and consents, drops the participant from the search index and matching, and removes
 * queued jobs that name them. The retention job runs the same erasure N months after programme end.
 */
@Injectable()
export class PrivacyService {
  private readonly log = new Logger(PrivacyService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantsService,
    private readonly proposals: ProposalsService,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditWriter,
    private readonly janitor: QueueJanitor,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async export(actor: Actor, participantId: string): Promise<ParticipantExport> {
    await this.assertFullView(actor, participantId);
    const q = (sql: string) => this.dataSource.query(sql, [participantId]) as Promise<Row[]>;
    const [participant] = await q(`SELECT * FROM participants WHERE id = $1`);
    const data: ParticipantExport = {
      exportedAt: new Date().toISOString(),
      participant: participant!,
      languageAssessments: await q(`SELECT * FROM language_assessments WHERE participant_id = $1 ORDER BY assessed_on`),
      consents: await q(`SELECT * FROM consents WHERE participant_id = $1 ORDER BY recorded_at`),
      teachers: await q(`SELECT teacher_id, since FROM participant_teachers WHERE participant_id = $1`),
      proposals: await q(`SELECT * FROM proposals WHERE participant_id = $1 ORDER BY created_at`),
      proposalHistory: await q(`SELECT t.* FROM proposal_transitions t JOIN proposals p ON p.id = t.proposal_id WHERE p.participant_id = $1 ORDER BY t.id`),
      followUps: await q(`SELECT f.* FROM follow_ups f JOIN proposals p ON p.id = f.proposal_id WHERE p.participant_id = $1 ORDER BY f.due_on`),
      evaluations: await q(`SELECT e.* FROM evaluations e JOIN proposals p ON p.id = e.proposal_id WHERE p.participant_id = $1`),
      accessHistory: await q(`SELECT occurred_at, kind, actor_id, actor_role, operation, purpose, view FROM audit_log WHERE participant_ids @> ARRAY[$1::uuid] ORDER BY id`),
    };
    await this.audit.record(this.dataSource.manager, actor, AuditKind.EXPORT, 'exportParticipantData', AuditPurpose.DATA_SUBJECT_REQUEST, [participantId]);
    return data;
  }

  /** Erasure on request, by the participant's advisor. Returns false when it was already erased. */
  async erase(actor: Actor, participantId: string): Promise<boolean> {
    await this.assertFullView(actor, participantId);
    // Once the advisor may erase, erasure must reach every copy, including rows row-level security hides from them
    // (other users' notifications about the participant).
    return RowScopes.system(() => this.anonymise(participantId, actor, 'eraseParticipant'));
  }

  /** The retention job: participants whose programme ended more than `RETENTION_MONTHS` ago. */
  async anonymiseExpired(): Promise<number> {
    const due = (await this.dataSource.query(
      `SELECT id FROM participants WHERE anonymised_at IS NULL AND programme_end IS NOT NULL AND programme_end < (now() - make_interval(months => $1))::date ORDER BY id LIMIT 1000`,
      [this.config.privacy.retentionMonths],
    )) as Array<{ id: string }>;
    let n = 0;
    for (const { id } of due) if (await this.anonymise(id, null, 'retention')) n++;
    if (n > 0) this.log.log(`retention: anonymised ${n} participants`);
    return n;
  }

  private async anonymise(participantId: string, actor: Actor | null, operation: string): Promise<boolean> {
    const erased = await this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(`SELECT id, anonymised_at, birth_year FROM participants WHERE id = $1 FOR UPDATE`, [participantId])) as Array<{ anonymised_at: Date | null; birth_year: number }>;
      if (!row) throw new NotFoundError('Participant', participantId);
      if (row.anonymised_at) return false;
      await this.proposals.withdrawOpen(em, actor ? { kind: 'USER', actor } : { kind: 'SYSTEM' }, participantId, ParticipantReason.CONSENT_WITHDRAWN);
      await this.scrub(em, participantId);
      // Notifications about the participant and their proposals (and the emails that carried them) go too.
      const proposalIds = ((await em.query('SELECT id FROM proposals WHERE participant_id = $1', [participantId])) as Array<{ id: string }>).map((r) => r.id);
      await this.notifications.forgetSubjects(em, [participantId, ...proposalIds]);
      await this.outbox.record(em, actor?.userId ?? null, [{ type: DomainEventType.ParticipantArchived, aggregateType: 'Participant', aggregateId: participantId, payload: { erased: true } }]);
      await this.audit.record(em, actor, AuditKind.ERASURE, operation, actor ? AuditPurpose.DATA_SUBJECT_REQUEST : AuditPurpose.ADMINISTRATION, [participantId]);
      return true;
    });
    // After commit: nothing queued may act on the participant any more.
    if (erased) await this.janitor.removeJobsMentioning(participantId);
    return erased;
  }

  /** Identity, contact, health, family and every free text go; levels, dates and codes stay for statistics. */
  private async scrub(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE participants SET first_name = 'Anonymisert', last_name = '-', birth_year = (birth_year / 10) * 10, phone = NULL, email = NULL,
              preferred_languages = '{}', constraints = '{}', family_notes = NULL, certificates = '{}',
              education = (SELECT coalesce(jsonb_agg(e - 'field' - 'country'), '[]') FROM jsonb_array_elements(education) e),
              experience = (SELECT coalesce(jsonb_agg(e - 'description' - 'country'), '[]') FROM jsonb_array_elements(experience) e),
              status = 'ARCHIVED', anonymised_at = now(), updated_at = now()
        WHERE id = $1`,
      [id],
    );
    await em.query(`UPDATE language_assessments SET note = NULL WHERE participant_id = $1`, [id]);
    await em.query(`UPDATE consents SET withdrawn_at = now() WHERE participant_id = $1 AND withdrawn_at IS NULL`, [id]);
    await em.query(`UPDATE proposals SET note = NULL, reason_note = NULL WHERE participant_id = $1`, [id]);
    await em.query(`UPDATE proposal_transitions SET reason_note = NULL WHERE proposal_id IN (SELECT id FROM proposals WHERE participant_id = $1)`, [id]);
    await em.query(`UPDATE follow_ups SET notes = NULL WHERE proposal_id IN (SELECT id FROM proposals WHERE participant_id = $1)`, [id]);
    await em.query(`UPDATE evaluations SET comment = NULL WHERE proposal_id IN (SELECT id FROM proposals WHERE participant_id = $1)`, [id]);
    await em.query(`DELETE FROM participant_teachers WHERE participant_id = $1`, [id]);
  }

  private async assertFullView(actor: Actor, participantId: string): Promise<void> {
    await this.participants.fullView(actor, participantId, 'Only the participant’s advisors act on data subject requests');
  }
}
