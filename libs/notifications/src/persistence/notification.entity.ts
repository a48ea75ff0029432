import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notification: written in the same transaction as its delivery row, so it exists once per (event, user). */
@Entity('notifications')
@Index('idx_notifications_recipient_id_created_at_id', ['recipientId', 'createdAt', 'id'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') recipientId!: string;
  @Index({ unique: true }) @Column('uuid') deliveryId!: string;
  @Column('text') kind!: string;
  @Column('text', { nullable: true }) subjectType!: string | null;
  @Column('uuid', { nullable: true }) subjectId!: string | null;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) readAt!: Date | null;
}
