import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, type Actor, Role } from '#lib/access';
import { isUuid, NotFoundError, ValidationError } from '#lib/core';
import { ParticipantsService } from '#lib/participants';
import { AuditKind, AuditPurpose } from '../domain/audit.js';
import { AuditWriter } from './audit-writer.js';

export interface AuditRecord {
  readonly occurredAt: Date;
  readonly kind: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly organisationId: string | null;
  readonly operation: string;
  readonly purpose: string;
  readonly view: string | null;
  readonly participantCount: number;
}

export interface AuditFilter {
  readonly participantId?: string | null;
  readonly actorId?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
}

/**
 * Reads come from `audit_log`; changes from the durable event history (`activity_entries`), which
 * every change reaches through the outbox: together, who saw or changed whose data, when and why.
 */
const ENTRIES_SQL = `
  SELECT occurred_at, kind, actor_id, actor_role, organisation_id, operation, purpose, view, cardinality(participant_ids) AS participant_count
    FROM audit_log
   WHERE ($1::uuid IS NULL OR participant_ids @> ARRAY[$1::uuid]) AND ($2::uuid IS NULL OR actor_id = $2)
     AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at < $4)
  UNION ALL
  SELECT a.occurred_at, 'CHANGE', a.actor_id, u.role::text, u.organisation_id, a.type, 'CASE_WORK', NULL, 1
    FROM activity_entries a LEFT JOIN users u ON u.id = a.actor_id
   WHERE (a.subject_type = 'Participant' OR a.payload ? 'participantId')
     AND ($1::uuid IS NULL OR a.subject_id = $1 OR a.payload->>'participantId' = $1::text) AND ($2::uuid IS NULL OR a.actor_id = $2)
     AND ($3::timestamptz IS NULL OR a.occurred_at >= $3) AND ($4::timestamptz IS NULL OR a.occurred_at < $4)
   ORDER BY occurred_at DESC
   LIMIT $5`;

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly participants: ParticipantsService,
    private readonly writer: AuditWriter,
  ) {}

  /** Administrators query the whole log. */
  async query(actor: Actor, filter: AuditFilter, first: number): Promise<AuditRecord[]> {
    this.policy.assertAdmin(actor);
    for (const key of ['participantId', 'actorId'] as const) if (filter[key] && !isUuid(filter[key])) throw ValidationError.field(`filter.${key}`, 'is not an id');
    for (const key of ['from', 'to'] as const) if (filter[key] && Number.isNaN(filter[key]!.getTime())) throw ValidationError.field(`filter.${key}`, 'is not a date-time');
    return this.entries(filter, first);
  }

  /** A participant's own access history, for the data subject: their unit's advisors and administrators. */
  async accessHistory(actor: Actor, participantId: string, first = 1000): Promise<AuditRecord[]> {
    if (!isUuid(participantId)) throw new NotFoundError('Participant', participantId);
    if (actor.role !== Role.ADMIN) await this.participants.fullView(actor, participantId, 'Only the participant’s advisors export its access history');
    const entries = await this.entries({ participantId }, first);
    // The export itself is a use of personal data: it goes in the log too.
    await this.writer.record(this.dataSource.manager, actor, AuditKind.EXPORT, 'participantAccessHistory', AuditPurpose.DATA_SUBJECT_REQUEST, [participantId]);
    return entries;
  }

  private async entries(filter: AuditFilter, first: number): Promise<AuditRecord[]> {
    const rows = (await this.dataSource.query(ENTRIES_SQL, [filter.participantId ?? null, filter.actorId ?? null, filter.from ?? null, filter.to ?? null, first])) as Array<Record<string, any>>;
    return rows.map((r) => ({
      occurredAt: r.occurred_at,
      kind: r.kind,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      organisationId: r.organisation_id,
      operation: r.operation,
      purpose: r.purpose,
      view: r.view,
      participantCount: Number(r.participant_count),
    }));
  }
}
