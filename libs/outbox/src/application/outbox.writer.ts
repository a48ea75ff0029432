import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../domain/domain-event.js';
import { OutboxEventEntity } from '../persistence/outbox-event.entity.js';

/**
 * Writes events with the change that caused them: call it with the transaction's EntityManager. Returns the new
 * events' ids in order (an id can key what the event causes, e.g. a notification's de-duplication).
 */
@Injectable()
export class OutboxWriter {
  async record(em: EntityManager, actorId: string | null, events: readonly DomainEvent[]): Promise<string[]> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.record must run inside the business transaction');
    }
    if (events.length === 0) return [];
    const result = await em.insert(
      OutboxEventEntity,
      events.map((e) => ({ type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, payload: e.payload ?? {}, actorId })),
    );
    return result.identifiers.map((row) => String(row.id));
  }
}
