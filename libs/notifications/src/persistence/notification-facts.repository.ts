import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { asLanguage, type Language, type RecipientRef, recipientKey } from '../domain/notification.js';
import type { ProposalAudience } from '../domain/recipient-rules.js';

/** The names templates show and the people rules pick from, for one proposal. */
export interface ProposalFacts {
  readonly proposalId: string;
  readonly employerId: string;
  readonly reason: string | null;
  readonly participantName: string;
  readonly placementTitle: string;
  readonly employerName: string;
  readonly audience: ProposalAudience;
}

/** Where and how a recipient is reached, as it is now. */
export interface RecipientContact {
  readonly ref: RecipientRef;
  readonly name: string;
  readonly language: Language;
  readonly email: string | null;
  readonly phone: string | null;
}

/** Reads what notifications need by id; nothing of it ever travels through Redis. */
@Injectable()
export class NotificationFactsRepository {
  async proposalFacts(em: EntityManager, proposalId: string): Promise<ProposalFacts | null> {
    const [row] = (await em.query(
      `SELECT pr.id, pr.status, pr.created_by_id, pr.follow_up_owner_id, pr.employer_id, pr.reason,
              pa.advisor_id, pa.first_name, pa.last_name, pl.title, e.name AS employer_name,
              (SELECT coalesce(array_agg(u.id ORDER BY u.id), '{}') FROM users u JOIN organisations o ON o.id = u.organisation_id
                WHERE o.employer_id = pr.employer_id AND u.role = 'EMPLOYER' AND u.active) AS employer_user_ids,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'hasEmail', c.email IS NOT NULL AND c.email <> '', 'hasPhone', c.phone IS NOT NULL AND c.phone <> '') ORDER BY c.created_at, c.id), '[]')
                 FROM employer_contacts c WHERE c.employer_id = pr.employer_id) AS contacts
         FROM proposals pr
         JOIN participants pa ON pa.id = pr.participant_id
         JOIN placements pl ON pl.id = pr.placement_id
         JOIN employers e ON e.id = pr.employer_id
        WHERE pr.id = $1`,
      [proposalId],
    )) as Array<Record<string, any>>;
    if (!row) return null;
    return {
      proposalId: row.id,
      employerId: row.employer_id,
      reason: row.reason,
      participantName: `${row.first_name} ${String(row.last_name).charAt(0)}.`,
      placementTitle: row.title,
      employerName: row.employer_name,
      audience: {
        currentStatus: row.status,
        createdById: row.created_by_id,
        advisorId: row.advisor_id,
        followUpOwnerId: row.follow_up_owner_id,
        employerUserIds: row.employer_user_ids,
        employerContacts: row.contacts,
      },
    };
  }

  /** Active users and existing contacts among `refs`; the others are simply absent (left, deactivated, removed). */
  async contacts(em: EntityManager, refs: readonly RecipientRef[]): Promise<Map<string, RecipientContact>> {
    const userIds = refs.filter((r) => r.kind === 'USER').map((r) => r.id);
    const contactIds = refs.filter((r) => r.kind === 'EMPLOYER_CONTACT').map((r) => r.id);
    const found = new Map<string, RecipientContact>();
    if (userIds.length + contactIds.length === 0) return found;
    // One round trip for both kinds: this runs once per event.
    const rows = (await em.query(
      `SELECT 'USER' AS kind, id, name, email, NULL AS phone, language FROM users WHERE id = ANY($1::uuid[]) AND active
       UNION ALL
       SELECT 'EMPLOYER_CONTACT', id, name, email, phone, language FROM employer_contacts WHERE id = ANY($2::uuid[])`,
      [userIds, contactIds],
    )) as Array<{ kind: RecipientRef['kind']; id: string; name: string; email: string | null; phone: string | null; language: string | null }>;
    for (const r of rows) {
      const ref: RecipientRef = { kind: r.kind, id: r.id };
      found.set(recipientKey(ref), { ref, name: r.name, language: asLanguage(r.language), email: r.email || null, phone: r.phone || null });
    }
    return found;
  }
}
