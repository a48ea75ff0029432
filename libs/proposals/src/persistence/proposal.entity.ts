import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '#lib/organisations';
import { ParticipantEntity } from '#lib/participants';
import { PlacementEntity } from '#lib/placements';
import { ProposalStatus } from '../domain/proposal.js';

@Entity('proposals')
@Index(['placementId', 'status'])
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column('uuid') participantId!: string;
  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'participant_id' }) participant?: Relation<ParticipantEntity>;
  @Column('uuid') placementId!: string;
  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'placement_id' }) placement?: Relation<PlacementEntity>;
  @Column({ type: 'enum', enum: ProposalStatus, enumName: 'proposal_status', default: ProposalStatus.SUGGESTED }) status!: ProposalStatus;
  @Index() @Column('uuid') createdById!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'created_by_id' }) createdBy?: Relation<UserEntity>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
