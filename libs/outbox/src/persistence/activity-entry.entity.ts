import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventPayload } from '../domain/domain-event.js';

/** Durable who-did-what-when per subject; the outbox itself is pruned once relayed. */
@Entity('activity_entries')
@Index(['subjectId', 'occurredAt'])
export class ActivityEntryEntity {
  @PrimaryColumn('bigint') eventId!: string;
  @Column('text') subjectType!: string;
  @Column('uuid') subjectId!: string;
  @Column('text') type!: string;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('jsonb', { default: () => "'{}'" }) payload!: EventPayload;
  @Column('timestamptz') occurredAt!: Date;
}
