import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RelayedEvent } from '../domain/domain-event.js';
import { ActivityEntryEntity } from '../persistence/activity-entry.entity.js';

export interface ActivityEntry {
  readonly eventId: string;
  readonly type: string;
  readonly actorId: string | null;
  readonly occurredAt: Date;
  readonly payload: Record<string, unknown>;
}

/** The durable history of each participant, employer and placement (who changed what, when). */
@Injectable()
export class ActivityService {
  constructor(private readonly dataSource: DataSource) {}

  async append(em: EntityManager, event: RelayedEvent): Promise<void> {
    await em.insert(ActivityEntryEntity, {
      eventId: event.eventId,
      subjectType: event.aggregateType,
      subjectId: event.aggregateId,
      type: event.type,
      actorId: event.actorId,
      payload: event.payload ?? {},
      occurredAt: new Date(event.occurredAt),
    });
  }

  /** Callers must have checked that the subject is visible to the actor. */
  async forSubject(subjectId: string, limit: number): Promise<ActivityEntry[]> {
    const rows = await this.dataSource.getRepository(ActivityEntryEntity).find({
      where: { subjectId },
      order: { occurredAt: 'DESC', eventId: 'DESC' },
      take: limit,
    });
    return rows.map((r) => ({ eventId: r.eventId, type: r.type, actorId: r.actorId, occurredAt: r.occurredAt, payload: r.payload }));
  }
}
