import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '#lib/access';
import { DomainError, ErrorCode, ForbiddenError, isUuid, NotFoundError, ValidationError, withTimeout } from '#lib/core';
import type { RelayedEvent } from '#lib/outbox';
import { QueueName } from '#lib/queue';

export enum DeadLetterSource {
  /** An event whose notifications could not be written after every retry (a failed BullMQ job). */
  EVENT_JOB = 'EVENT_JOB',
  /** An email SMTP refused for good or that failed every attempt. */
  EMAIL = 'EMAIL',
}

/** What an admin may see of a dead letter: ids, codes and the error — no names or addresses (domain.md §2). */
export interface DeadLetter {
  readonly source: DeadLetterSource;
  readonly id: string;
  readonly eventType: string | null;
  readonly eventId: string | null;
  readonly recipientKind: string | null;
  readonly recipientId: string | null;
  readonly itemCount: number;
  readonly attempts: number;
  readonly error: string;
  readonly failedAt: Date;
}

/** BullMQ waits for Redis indefinitely (workers must); a request must not. */
const QUEUE_TIMEOUT_MS = 3_000;
const fromQueue = <T>(work: Promise<T>): Promise<T> =>
  withTimeout(work, QUEUE_TIMEOUT_MS, () => new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The job queue is unreachable right now, try again shortly'));

const assertAdmin = (actor: Actor) => {
  if (actor.role !== Role.ADMIN) throw new ForbiddenError('Dead letters are for administrators');
};

/** The notifications that gave up: failed event jobs (kept 14 days by BullMQ) and failed emails. ADMIN only. */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue,
  ) {}

  async list(actor: Actor, first: number): Promise<DeadLetter[]> {
    assertAdmin(actor);
    if (!Number.isInteger(first) || first < 1 || first > 200) throw ValidationError.field('first', 'must be an integer between 1 and 200');
    const jobs = await fromQueue(this.queue.getJobs(['failed'], 0, first - 1, false));
    const emails = (await this.dataSource.query(
      `SELECT id, recipient_kind, recipient_id, item_count, attempts, last_error, failed_at FROM email_messages WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id LIMIT $1`,
      [first],
    )) as Array<Record<string, any>>;
    const letters: DeadLetter[] = [
      ...jobs.map((j) => {
        const event = j.data as Partial<RelayedEvent>;
        return {
          source: DeadLetterSource.EVENT_JOB,
          id: String(j.id),
          eventType: j.name,
          eventId: event.eventId ?? null,
          recipientKind: null,
          recipientId: null,
          itemCount: 1,
          attempts: j.attemptsMade,
          error: j.failedReason ?? 'unknown',
          failedAt: new Date(j.finishedOn ?? j.timestamp),
        };
      }),
      ...emails.map((e) => ({
        source: DeadLetterSource.EMAIL,
        id: e.id,
        eventType: null,
        eventId: null,
        recipientKind: e.recipient_kind,
        recipientId: e.recipient_id,
        itemCount: e.item_count,
        attempts: e.attempts,
        error: e.last_error ?? 'unknown',
        failedAt: e.failed_at,
      })),
    ];
    return letters.sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime()).slice(0, first);
  }

  /** Gives a dead letter another full round of attempts (after the cause was fixed). */
  async retry(actor: Actor, source: DeadLetterSource, id: string): Promise<boolean> {
    assertAdmin(actor);
    if (source === DeadLetterSource.EVENT_JOB) {
      return fromQueue(
        (async () => {
          const job = await this.queue.getJob(id);
          if (!job || !(await job.isFailed())) throw new NotFoundError('DeadLetter', id);
          await job.retry('failed');
          return true;
        })(),
      );
    }
    if (!isUuid(id)) throw new NotFoundError('DeadLetter', id);
    const [, updated] = (await this.dataSource.query(
      `WITH d AS (UPDATE notification_deliveries SET status = 'PENDING', detail = NULL WHERE email_message_id = $1::uuid AND status = 'FAILED')
       UPDATE email_messages SET failed_at = NULL, attempts = 0, next_attempt_at = now(), last_error = NULL WHERE id = $1::uuid AND failed_at IS NOT NULL`,
      [id],
    )) as [unknown, number];
    if (!updated) throw new NotFoundError('DeadLetter', id);
    return true;
  }
}
