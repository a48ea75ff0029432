import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EventPayload } from '../domain/domain-event.js';

@Entity('outbox_events')
@Index('idx_outbox_events_pending', ['id'], { where: 'relayed_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('text') type!: string;
  @Column('text') aggregateType!: string;
  @Index() @Column('uuid') aggregateId!: string;
  @Column('jsonb', { default: () => "'{}'" }) payload!: EventPayload;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) occurredAt!: Date;
  @Index('idx_outbox_events_relayed_at') @Column('timestamptz', { nullable: true }) relayedAt!: Date | null;
  @Column('int', { default: 0 }) relayAttempts!: number;
}
