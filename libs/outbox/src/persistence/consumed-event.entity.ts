import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Inbox of each consumer: the effect and this row commit together (or, for an idempotent effect outside PostgreSQL,
 * the row follows it), so a redelivered event is a no-op and the outbox sweeper can tell applied from lost.
 */
@Entity('consumed_events')
export class ConsumedEventEntity {
  @PrimaryColumn('text') consumer!: string;
  @PrimaryColumn('bigint') eventId!: string;
  @Index('idx_consumed_events_consumed_at') @CreateDateColumn({ type: 'timestamptz' }) consumedAt!: Date;
}
