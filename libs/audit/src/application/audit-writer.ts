import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '#lib/access';
import { AuditKind, defaultPurpose, type ReadGroup } from '../domain/audit.js';

/** Writes audit entries: reads once per request (after the response is resolved), exports and erasures in their own transaction. */
@Injectable()
export class AuditWriter {
  private readonly log = new Logger(AuditWriter.name);

  constructor(private readonly dataSource: DataSource) {}

  async recordReads(actor: Actor, requestId: string, purpose: string | null, groups: readonly ReadGroup[]): Promise<void> {
    if (groups.length === 0) return;
    const values: unknown[] = [];
    const rows = groups.map((g, i) => {
      values.push(AuditKind.READ, actor.userId, actor.role, actor.organisationId, g.operation, purpose ?? defaultPurpose(g.operation, actor.role), g.view, requestId, g.participantIds);
      const o = i * 9;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}, $${o + 8}, $${o + 9}::uuid[])`;
    });
    await this.dataSource.query(
      `INSERT INTO audit_log (kind, actor_id, actor_role, organisation_id, operation, purpose, view, request_id, participant_ids) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  async record(em: EntityManager, actor: Actor | null, kind: AuditKind, operation: string, purpose: string, participantIds: readonly string[]): Promise<void> {
    await em.query(
      `INSERT INTO audit_log (kind, actor_id, actor_role, organisation_id, operation, purpose, participant_ids) VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[])`,
      [kind, actor?.userId ?? null, actor?.role ?? null, actor?.organisationId ?? null, operation, purpose, participantIds],
    );
  }
}
