import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One read (per request, operation and view) or one export/erasure of personal data. Append-only. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Index() @Column('timestamptz', { default: () => 'now()' }) occurredAt!: Date;
  @Column('text') kind!: string;
  @Index() @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text', { nullable: true }) actorRole!: string | null;
  @Column('uuid', { nullable: true }) organisationId!: string | null;
  @Column('text') operation!: string;
  @Column('text') purpose!: string;
  @Column('text', { nullable: true }) view!: string | null;
  @Column('text', { nullable: true }) requestId!: string | null;
  @Index('idx_audit_log_participant_ids', { synchronize: false }) @Column('uuid', { array: true }) participantIds!: string[];
}
