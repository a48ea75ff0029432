import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '#lib/queue';
import { DomainEventType, type RelayedEvent } from '../domain/domain-event.js';
import { OutboxEventEntity } from '../persistence/outbox-event.entity.js';

const RELAY_LOCK = 7_311_2002;

/** Relayed outbox rows are kept this long (for diagnosis and the lost-job sweep), then pruned with their inbox rows. */
export const OUTBOX_RETENTION_DAYS = 7;

/** Events that change a search document: placements, participants (levels included), and employer names shown on placements. */
export const SEARCH_INDEX_EVENTS: ReadonlySet<DomainEventType> = new Set([
  DomainEventType.PlacementCreated,
  DomainEventType.PlacementUpdated,
  DomainEventType.PlacementOpened,
  DomainEventType.PlacementStatusChanged,
  DomainEventType.ParticipantCreated,
  DomainEventType.ParticipantUpdated,
  DomainEventType.ParticipantArchived,
  DomainEventType.LanguageAssessed,
  DomainEventType.EmployerUpdated,
]);

/** Events that can notify someone (libs/notifications decides who): the proposal process and its follow-ups. */
export const NOTIFICATION_EVENTS: ReadonlySet<DomainEventType> = new Set([
  DomainEventType.ProposalCreated,
  DomainEventType.ProposalStatusChanged,
  DomainEventType.FollowUpScheduled,
]);

/** Job id per (queue, event): re-relaying after a crash cannot create a second job while the first is retained. */
export const eventJobId = (eventId: string) => `evt-${eventId}`;
/** The outbox event a job carries, from its job id; null for jobs that are not relayed events. */
export const eventIdOfJob = (jobId: string | undefined): string | null => /^evt-(\d+)$/.exec(jobId ?? '')?.[1] ?? null;

/**
 * Moves committed outbox rows onto BullMQ in id order and marks them relayed.
 * One relayer at a time (advisory lock), so any number of worker replicas may run it.
 */
@Injectable()
export class OutboxRelay {
  private readonly log = new Logger(OutboxRelay.name);
  private readonly queues: ReadonlyArray<{ name: QueueName; queue: Queue; accepts: (type: DomainEventType) => boolean }>;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.DOMAIN_EVENTS) domainEvents: Queue,
    @InjectQueue(QueueName.SEARCH_INDEX) searchIndex: Queue,
    @InjectQueue(QueueName.NOTIFICATIONS) notifications: Queue,
    @InjectQueue(QueueName.REMINDERS) reminders: Queue,
  ) {
    this.queues = [
      { name: QueueName.DOMAIN_EVENTS, queue: domainEvents, accepts: () => true },
      { name: QueueName.SEARCH_INDEX, queue: searchIndex, accepts: (type) => SEARCH_INDEX_EVENTS.has(type) },
      { name: QueueName.NOTIFICATIONS, queue: notifications, accepts: (type) => NOTIFICATION_EVENTS.has(type) },
      // Proposals sent or answered plan and cancel the employer's answer deadline (libs/reminders).
      { name: QueueName.REMINDERS, queue: reminders, accepts: (type) => type === DomainEventType.ProposalStatusChanged },
    ];
  }

  /** Relays up to `limit` pending events; returns how many were relayed (0 when another replica holds the lock). */
  async relayPending(limit = 500): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK])) as [{ locked: boolean }];
      if (!locked) return 0;
      const rows = await em
        .createQueryBuilder(OutboxEventEntity, 'e')
        .where('e.relayed_at IS NULL')
        .orderBy('e.id', 'ASC')
        .limit(limit)
        .getMany();
      if (rows.length === 0) return 0;
      for (const { queue, accepts } of this.queues) {
        const jobs = rows
          .filter((r) => accepts(r.type as DomainEventType))
          .map((r) => ({ name: r.type, data: toRelayed(r), opts: { jobId: eventJobId(r.id) } }));
        if (jobs.length > 0) await queue.addBulk(jobs);
      }
      await em
        .createQueryBuilder()
        .update(OutboxEventEntity)
        // clock_timestamp(), not now(): taken after the lock, so a later batch always has a later relayed_at
        // and readers that follow the relayed stream by (relayed_at, id) never miss one (matching feed).
        .set({ relayedAt: () => 'clock_timestamp()', relayAttempts: () => 'relay_attempts + 1' })
        .whereInIds(rows.map((r) => r.id))
        .execute();
      this.log.debug(`relayed ${rows.length} events up to ${rows[rows.length - 1]!.id}`);
      return rows.length;
    });
  }

  /**
   * Relayed rows are kept a while for diagnosis and the sweep, then pruned; the activity log keeps history. Inbox
   * rows go after the same time: the sweep no longer looks at their events, and a job is not redelivered that late.
   */
  async prune(olderThanDays = OUTBOX_RETENTION_DAYS): Promise<number> {
    const res = await this.dataSource.query(`DELETE FROM outbox_events WHERE relayed_at < now() - make_interval(days => $1)`, [olderThanDays]);
    await this.dataSource.query(`DELETE FROM consumed_events WHERE consumed_at < now() - make_interval(days => $1)`, [olderThanDays]);
    return (res as [unknown, number])[1] ?? 0;
  }

  async pendingCount(): Promise<number> {
    const [{ n }] = (await this.dataSource.query('SELECT count(*)::int AS n FROM outbox_events WHERE relayed_at IS NULL')) as [{ n: number }];
    return n;
  }
}

/** The queue payload of an outbox row (also used to re-relay rows a queue lost). */
export function toRelayed(r: OutboxEventEntity): RelayedEvent {
  return {
    eventId: r.id,
    type: r.type as DomainEventType,
    aggregateType: r.aggregateType as RelayedEvent['aggregateType'],
    aggregateId: r.aggregateId,
    payload: r.payload,
    actorId: r.actorId,
    occurredAt: r.occurredAt.toISOString(),
  };
}
