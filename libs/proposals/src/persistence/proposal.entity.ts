import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import type { Weekday } from '#lib/core';
import { EmployerEntity } from '#lib/employers';
import { UserEntity } from '#lib/organisations';
import { ParticipantEntity } from '#lib/participants';
import { PlacementEntity } from '#lib/placements';
import { ProposalStatus } from '../domain/proposal.js';

/** The praksisavtale: what was agreed before the placement starts. */
export interface Agreement {
  readonly startDate: string;
  readonly endDate: string;
  readonly weekdays: readonly Weekday[];
  readonly hoursPerWeek: number;
  readonly tasks: readonly string[];
  readonly supervisorName: string;
}

@Entity('proposals')
@Index(['placementId', 'status'])
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column('uuid') participantId!: string;
  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'participant_id' }) participant?: Relation<ParticipantEntity>;
  @Column('uuid') placementId!: string;
  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'placement_id' }) placement?: Relation<PlacementEntity>;
  /** Denormalised from the placement: the employer ledger and caps count by it. */
  @Index() @Column('uuid') employerId!: string;
  @ManyToOne(() => EmployerEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'employer_id' }) employer?: Relation<EmployerEntity>;
  @Column({ type: 'enum', enum: ProposalStatus, enumName: 'proposal_status', default: ProposalStatus.SUGGESTED }) status!: ProposalStatus;
  @Column('text', { nullable: true }) note!: string | null;
  /** The reason code of the last decline, withdrawal or early end. */
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('text', { nullable: true }) reasonNote!: string | null;
  @Column('timestamptz', { nullable: true }) proposedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) answeredAt!: Date | null;
  @Column('jsonb', { nullable: true }) agreement!: Agreement | null;
  /** Who follows the participant up during the praksis (advisor or market contact). */
  @Index() @Column('uuid', { nullable: true }) followUpOwnerId!: string | null;
  @Index() @Column('uuid') createdById!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'created_by_id' }) createdBy?: Relation<UserEntity>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
