import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEventType } from '../domain/domain-event.js';
import { OutboxEventEntity } from '../persistence/outbox-event.entity.js';
import { eventJobId, OUTBOX_RETENTION_DAYS, toRelayed } from './outbox.relay.js';

/** A consumer that must see every event relayed to its queue, and records each it applied in consumed_events. */
export interface OutboxConsumer {
  /** Its inbox name in consumed_events. */
  readonly name: string;
  /** The queue the relay puts its events on. */
  readonly queue: Queue;
  /** The event types the relay puts on that queue; every event when absent. */
  readonly eventTypes?: ReadonlySet<DomainEventType>;
  /**
   * Events relayed longer ago are no longer re-added (default: as long as the outbox keeps them). Must stay below
   * the failed-job retention (14 days), or a dead letter that aged out of Redis would come back.
   */
  readonly lookbackDays?: number;
}

export interface SweptEvent {
  readonly consumer: string;
  readonly eventId: string;
}

const SWEEP_BATCH = 1_000;

/**
 * The inbox name under which an event is marked withdrawn for every consumer: its pending jobs were removed on
 * purpose (erasure removes every queued job naming the participant), so the sweeper must not bring them back.
 */
export const WITHDRAWN_EVENTS = 'withdrawn';

/** Marks events whose jobs were removed on purpose, so no consumer's sweep re-adds them. */
export async function withdrawEvents(manager: EntityManager, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await manager.query(`INSERT INTO consumed_events (consumer, event_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, [WITHDRAWN_EVENTS, eventIds]);
}

/**
 * The outbox marks an event relayed once Redis took the job; if Redis then loses it (restart without its AOF,
 * failover to an empty replica, a job removed by hand) nothing would ever consume it. For each registered consumer
 * this finds events relayed more than a grace period ago that the consumer has not applied, and re-adds the job
 * under the same job id only when the queue no longer has it: a waiting, delayed, active or failed (dead-letter)
 * job is left alone, and a re-added event meets the consumer's inbox row if it was applied after all.
 * Consumers register themselves (libs/outbox knows no feature library).
 */
export class OutboxSweeper {
  private readonly log = new Logger(OutboxSweeper.name);
  private readonly consumers = new Map<string, OutboxConsumer>();

  constructor(
    private readonly dataSource: DataSource,
    /** Older than this, a relayed event's job had every chance to run. */
    private readonly graceMs: number,
  ) {}

  register(consumer: OutboxConsumer): void {
    this.consumers.set(consumer.name, consumer);
  }

  /** Sweeps every registered consumer; returns what was re-added. */
  async sweep(): Promise<SweptEvent[]> {
    const readded: SweptEvent[] = [];
    for (const consumer of this.consumers.values()) {
      const ids = await this.sweepConsumer(consumer);
      if (ids.length > 0) this.log.warn(`re-added ${ids.length} ${consumer.name} events the ${consumer.queue.name} queue had lost`);
      for (const eventId of ids) readded.push({ consumer: consumer.name, eventId });
    }
    return readded;
  }

  private async sweepConsumer(consumer: OutboxConsumer): Promise<string[]> {
    const readded: string[] = [];
    // Keyset pages: events whose jobs still exist (dead letters) must not hide the ones behind them.
    for (let after = '0'; ; ) {
      const query = this.dataSource
        .createQueryBuilder(OutboxEventEntity, 'e')
        .where('e.id > :after', { after })
        .andWhere('e.relayed_at < now() - make_interval(secs => :grace)', { grace: this.graceMs / 1000 })
        .andWhere('e.relayed_at > now() - make_interval(days => :days)', { days: consumer.lookbackDays ?? OUTBOX_RETENTION_DAYS })
        .andWhere('NOT EXISTS (SELECT 1 FROM consumed_events c WHERE c.consumer IN (:consumer, :withdrawn) AND c.event_id = e.id)', { consumer: consumer.name, withdrawn: WITHDRAWN_EVENTS });
      if (consumer.eventTypes) query.andWhere('e.type IN (:...types)', { types: [...consumer.eventTypes] });
      const rows = await query.orderBy('e.id', 'ASC').limit(SWEEP_BATCH).getMany();
      // Asked all at once (one round trip's worth on the connection): a backlog of waiting jobs is checked cheaply.
      const present = await Promise.all(rows.map((row) => consumer.queue.getJob(eventJobId(row.id))));
      for (const [i, row] of rows.entries()) {
        if (present[i]) continue;
        await consumer.queue.add(row.type, toRelayed(row), { jobId: eventJobId(row.id) });
        readded.push(row.id);
      }
      if (rows.length < SWEEP_BATCH) return readded;
      after = rows[rows.length - 1]!.id;
    }
  }
}
