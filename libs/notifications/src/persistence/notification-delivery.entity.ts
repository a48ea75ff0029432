import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Channel, type RecipientKind } from '../domain/notification.js';
import type { MessageContent } from '../domain/templates.js';

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Deliberately not sent (no SMS provider, no email address): recorded, never pretended. */
  NOT_SENT = 'NOT_SENT',
  /** Given up after retries or refused for good: a dead letter. */
  FAILED = 'FAILED',
}

/**
 * One notification to one recipient on one channel. UNIQUE (dedupe key, recipient, channel) is what turns the
 * queue's at-least-once delivery into exactly-once in effect: a redelivered event inserts nothing.
 */
@Entity('notification_deliveries')
@Index('idx_notification_deliveries_dedupe', ['dedupeKey', 'recipientKind', 'recipientId', 'channel'], { unique: true })
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** `event:<outbox id>` for events, or the caller's key for NotificationsService.notify. */
  @Column('text') dedupeKey!: string;
  @Index() @Column('bigint', { nullable: true }) eventId!: string | null;
  @Column('text') recipientKind!: RecipientKind;
  @Column('uuid') recipientId!: string;
  @Column({ type: 'enum', enum: Channel, enumName: 'notification_channel' }) channel!: Channel;
  @Column('text') kind!: string;
  @Column('text') language!: string;
  @Column('jsonb') content!: MessageContent;
  @Column('text', { nullable: true }) subjectType!: string | null;
  /** What it is about (a proposal): erasure forgets by it. */
  @Index() @Column('uuid', { nullable: true }) subjectId!: string | null;
  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'notification_delivery_status', default: DeliveryStatus.PENDING }) status!: DeliveryStatus;
  @Column('text', { nullable: true }) detail!: string | null;
  @Index() @Column('uuid', { nullable: true }) emailMessageId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) sentAt!: Date | null;
}
