import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ProposalStatus } from '../domain/proposal.js';

/** Every transition with who and when: the proposal's history, written in the same transaction. */
@Entity('proposal_transitions')
export class ProposalTransitionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Index() @Column('uuid') proposalId!: string;
  @Column({ type: 'enum', enum: ProposalStatus, enumName: 'proposal_status', nullable: true }) fromStatus!: ProposalStatus | null;
  @Column({ type: 'enum', enum: ProposalStatus, enumName: 'proposal_status' }) toStatus!: ProposalStatus;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('text', { nullable: true }) reasonNote!: string | null;
  /** A user, or null when the employer answered through an emailed link or the service acted itself. */
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text') actorKind!: 'USER' | 'EMPLOYER_LINK' | 'SYSTEM';
  @Column('timestamptz', { default: () => 'now()' }) occurredAt!: Date;
}
