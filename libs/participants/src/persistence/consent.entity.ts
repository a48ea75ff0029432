import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '#lib/organisations';
import { ConsentScope } from '../domain/participant.js';
import { ParticipantEntity } from './participant.entity.js';

/** What the participant agreed to share, with whom, and in which language it was explained. */
@Entity('consents')
@Index(['participantId', 'scope'])
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column('uuid') participantId!: string;
  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'participant_id' }) participant?: Relation<ParticipantEntity>;
  @Column({ type: 'enum', enum: ConsentScope, enumName: 'consent_scope' }) scope!: ConsentScope;
  @Column('text') explainedInLanguage!: string;
  @Column('boolean', { default: false }) interpreterUsed!: boolean;
  @Column('date') givenOn!: string;
  @Column('timestamptz', { nullable: true }) withdrawnAt!: Date | null;
  @Index() @Column('uuid') recordedById!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'recorded_by_id' }) recordedBy?: Relation<UserEntity>;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt!: Date;
}
