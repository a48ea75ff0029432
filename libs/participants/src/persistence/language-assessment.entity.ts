import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { CefrLevel, EvidenceSource, LanguageSkill } from '#lib/core';
import { UserEntity } from '#lib/organisations';
import { ParticipantEntity } from './participant.entity.js';

/** Every Norwegian result ever recorded: the history behind the current level per skill. */
@Entity('language_assessments')
@Index(['participantId', 'skill', 'assessedOn'])
export class LanguageAssessmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column('uuid') participantId!: string;
  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'participant_id' }) participant?: Relation<ParticipantEntity>;
  @Column({ type: 'enum', enum: ['ORAL', 'LISTENING', 'READING', 'WRITING'], enumName: 'language_skill' }) skill!: LanguageSkill;
  @Column({ type: 'enum', enum: ['BELOW_A1', 'A1', 'A2', 'B1', 'B2', 'C1'], enumName: 'cefr_level' }) level!: CefrLevel;
  @Column({ type: 'enum', enum: ['SELF_REPORT', 'TEACHER_ASSESSMENT', 'OFFICIAL_TEST'], enumName: 'evidence_source' }) source!: EvidenceSource;
  @Column('date') assessedOn!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @Index() @Column('uuid') recordedById!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'recorded_by_id' }) recordedBy?: Relation<UserEntity>;
  @CreateDateColumn({ type: 'timestamptz' }) recordedAt!: Date;
}
