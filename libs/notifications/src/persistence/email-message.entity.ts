import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { RecipientKind } from '../domain/notification.js';

/**
 * One email as it will go out (a single notification or a digest), fixed before the first attempt: retries send
 * the same content with the same Message-ID (this id), and `sent_at` is set only after SMTP accepted it.
 */
@Entity('email_messages')
export class EmailMessageEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') recipientKind!: RecipientKind;
  @Column('uuid') recipientId!: string;
  @Column('text') toAddress!: string;
  @Column('text') language!: string;
  @Column('text') subject!: string;
  @Column('text') textBody!: string;
  @Column('text') htmlBody!: string;
  @Column('int') itemCount!: number;
  @Column('int', { default: 0 }) attempts!: number;
  @Column('timestamptz', { default: () => 'now()' }) nextAttemptAt!: Date;
  @Column('text', { nullable: true }) lastError!: string | null;
  @Column('text', { nullable: true }) smtpResponse!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) sentAt!: Date | null;
  @Column('timestamptz', { nullable: true }) failedAt!: Date | null;
}
