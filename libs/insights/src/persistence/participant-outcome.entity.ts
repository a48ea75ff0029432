import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrganisationEntity, UserEntity } from '#lib/organisations';
import { FinalGoal, ParticipantEntity, ProtectionBasis } from '#lib/participants';
import { OutcomeCategory, OutcomeMeasure } from '../domain/outcome.js';

/**
 * What a participant went on to, at exit or a year later. Append-only (a database trigger refuses
 * UPDATE): a correction is a new row and the latest one recorded before a report's cut-off counts, so
 * every past report can be reproduced. The report dimensions are recorded with the row as they were then.
 */
@Entity('participant_outcomes')
@Index(['participantId', 'measuredAt', 'createdAt'])
export class ParticipantOutcomeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') participantId!: string;
  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'participant_id' }) participant?: Relation<ParticipantEntity>;
  @Column({ type: 'enum', enum: OutcomeMeasure, enumName: 'outcome_measure' }) measuredAt!: OutcomeMeasure;
  @Column({ type: 'enum', enum: OutcomeCategory, enumName: 'outcome_category' }) category!: OutcomeCategory;
  /** When the outcome was observed. */
  @Column('date') recordedOn!: string;
  /** The programme end when the outcome was recorded: the exit the measurement refers to. */
  @Index() @Column('date') exitDate!: string;
  @Index() @Column('uuid') organisationId!: string;
  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Relation<OrganisationEntity>;
  @Column({ type: 'enum', enum: ProtectionBasis, enumName: 'protection_basis' }) protectionBasis!: ProtectionBasis;
  @Column({ type: 'enum', enum: FinalGoal, enumName: 'final_goal' }) finalGoal!: FinalGoal;
  @Index() @Column('uuid') recordedById!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'recorded_by_id' }) recordedBy?: Relation<UserEntity>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
