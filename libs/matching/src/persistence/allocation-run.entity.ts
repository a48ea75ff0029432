import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrganisationEntity, UserEntity } from '#lib/organisations';

export enum AllocationStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/** What the run covers, resolved by the access policy when it was requested. */
export interface AllocationScopeData {
  readonly unitIds: readonly string[];
  readonly types: readonly string[];
  readonly sectors: readonly string[];
  readonly areaCodes: readonly string[];
}

export interface AllocationSuggestionData {
  readonly participantId: string;
  readonly placementId: string;
  readonly score: number;
}

/** A pool-wide allocation: suggestions for humans to turn into proposals, never proposals themselves. */
@Entity('allocation_runs')
export class AllocationRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column('uuid') requestedById!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'requested_by_id' }) requestedBy?: Relation<UserEntity>;
  @Index() @Column('uuid') organisationId!: string;
  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Relation<OrganisationEntity>;
  @Column({ type: 'enum', enum: AllocationStatus, enumName: 'allocation_status', default: AllocationStatus.QUEUED }) status!: AllocationStatus;
  @Column('jsonb') scope!: AllocationScopeData;
  @Column('int', { default: 0 }) participantCount!: number;
  @Column('int', { default: 0 }) slotCount!: number;
  @Column('int', { default: 0 }) eligiblePairs!: number;
  @Column('double precision', { nullable: true }) totalScore!: number | null;
  @Column('double precision', { nullable: true }) greedyTotalScore!: number | null;
  @Column('int', { nullable: true }) greedyAssigned!: number | null;
  @Column('int', { nullable: true }) solveMs!: number | null;
  @Column('jsonb', { default: () => "'[]'" }) suggestions!: AllocationSuggestionData[];
  @Column('text', { nullable: true }) error!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) finishedAt!: Date | null;
}
