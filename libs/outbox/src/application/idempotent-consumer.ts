import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RelayedEvent } from '../domain/domain-event.js';

/**
 * Runs a consumer's effect at most once per (consumer, event): the inbox row and the effect
 * commit in one transaction, so BullMQ's at-least-once delivery becomes exactly-once in effect.
 */
@Injectable()
export class IdempotentConsumer {
  constructor(private readonly dataSource: DataSource) {}

  async consume(consumer: string, event: RelayedEvent, effect: (em: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const inserted = (await em.query(
        'INSERT INTO consumed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
        [consumer, event.eventId],
      )) as unknown[];
      if (inserted.length === 0) return false;
      await effect(em);
      return true;
    });
  }

  /**
   * For an effect outside PostgreSQL that is idempotent (a search index write): recorded after the effect succeeded,
   * so the outbox sweeper knows the event was applied. A crash in between only means the effect runs once more.
   */
  async recordApplied(consumer: string, eventId: string): Promise<void> {
    await this.dataSource.query('INSERT INTO consumed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [consumer, eventId]);
  }
}
