import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../domain/domain-event.js';
import { OutboxEventEntity } from '../persistence/outbox-event.entity.js';

/** Writes events with the change that caused them: call it with the transaction's EntityManager. */
@Injectable()
export class OutboxWriter {
  async record(em: EntityManager, actorId: string | null, events: readonly DomainEvent[]): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.record must run inside the business transaction');
    }
    if (events.length === 0) return;
    await em.insert(
      OutboxEventEntity,
      events.map((e) => ({ type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, payload: e.payload ?? {}, actorId })),
    );
  }
}
