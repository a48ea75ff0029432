import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Inbox of each consumer: the effect and this row commit together, so a redelivered event is a no-op. */
@Entity('consumed_events')
export class ConsumedEventEntity {
  @PrimaryColumn('text') consumer!: string;
  @PrimaryColumn('bigint') eventId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) consumedAt!: Date;
}
