import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import type { CefrLevel, EvidenceSource, Weekday } from '#lib/core';
import { OrganisationEntity, UserEntity } from '#lib/organisations';
import {
  type Constraints,
  type EducationEntry,
  type ExperienceEntry,
  FinalGoal,
  type OtherLanguage,
  ParticipantStatus,
  ProtectionBasis,
} from '../domain/participant.js';

const cefr = { type: 'enum', enum: ['BELOW_A1', 'A1', 'A2', 'B1', 'B2', 'C1'], enumName: 'cefr_level', nullable: true } as const;
const source = { type: 'enum', enum: ['SELF_REPORT', 'TEACHER_ASSESSMENT', 'OFFICIAL_TEST'], enumName: 'evidence_source', nullable: true } as const;

@Entity('participants')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The municipal unit that owns the case. */
  @Index() @Column('uuid') organisationId!: string;
  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Relation<OrganisationEntity>;
  @Index() @Column('uuid', { nullable: true }) advisorId!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'advisor_id' }) advisor?: Relation<UserEntity>;
  @Index() @Column({ type: 'enum', enum: ParticipantStatus, enumName: 'participant_status', default: ParticipantStatus.ACTIVE }) status!: ParticipantStatus;

  // Identity and contact (advisor-only)
  @Column('text') firstName!: string;
  @Column('text') lastName!: string;
  @Column('smallint') birthYear!: number;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { array: true, default: '{}' }) preferredLanguages!: string[];
  @Column('boolean', { default: false }) interpreterNeeded!: boolean;

  // Programme (advisor-only, except the end date used for urgency)
  @Index() @Column({ type: 'enum', enum: ProtectionBasis, enumName: 'protection_basis' }) protectionBasis!: ProtectionBasis;
  @Column('date') settlementDate!: string;
  @Column('date', { nullable: true }) programmeStart!: string | null;
  @Index() @Column('date', { nullable: true }) programmeEnd!: string | null;
  @Column('boolean', { default: false }) partTime!: boolean;
  @Index() @Column({ type: 'enum', enum: FinalGoal, enumName: 'final_goal', default: FinalGoal.NOT_SET }) finalGoal!: FinalGoal;

  // Current Norwegian level per skill, derived from the assessment history in the same transaction
  @Index() @Column(cefr) oralLevel!: CefrLevel | null;
  @Column(source) oralSource!: EvidenceSource | null;
  @Column(cefr) listeningLevel!: CefrLevel | null;
  @Column(source) listeningSource!: EvidenceSource | null;
  @Column(cefr) readingLevel!: CefrLevel | null;
  @Column(source) readingSource!: EvidenceSource | null;
  @Column(cefr) writingLevel!: CefrLevel | null;
  @Column(source) writingSource!: EvidenceSource | null;

  @Column('jsonb', { default: () => "'[]'" }) otherLanguages!: OtherLanguage[];
  @Column('jsonb', { default: () => "'[]'" }) education!: EducationEntry[];
  @Column('jsonb', { default: () => "'[]'" }) experience!: ExperienceEntry[];
  @Column('text', { array: true, default: '{}' }) certificates!: string[];
  @Index('idx_participants_wanted_occupations', { synchronize: false }) @Column('text', { array: true, default: '{}' }) wantedOccupations!: string[];
  @Column('text', { array: true, default: '{}' }) longTermOccupations!: string[];
  @Column('text', { array: true, default: '{}' }) sectorsOfInterest!: string[];
  @Column('text', { array: true, default: '{}' }) sectorsRefused!: string[];

  // Availability
  @Column('date', { nullable: true }) availableFrom!: string | null;
  @Column('text', { array: true, default: '{}' }) availableWeekdays!: Weekday[];
  @Column('smallint', { default: 0 }) hoursPerWeek!: number;
  @Index('idx_participants_reachable_areas', { synchronize: false }) @Column('text', { array: true, default: '{}' }) reachableAreas!: string[];
  @Column('smallint', { nullable: true }) maxTravelMinutes!: number | null;
  @Column('boolean', { default: false }) hasDrivingLicence!: boolean;
  @Column('boolean', { default: false }) hasCar!: boolean;

  // Advisor-only sensitive data
  @Column('jsonb', { default: () => "'{}'" }) constraints!: Partial<Constraints>;
  @Column('text', { nullable: true }) familyNotes!: string | null;

  /** Set when the participant was erased on request or by retention: identity and free text are gone. */
  @Column('timestamptz', { nullable: true }) anonymisedAt!: Date | null;

  @Index() @Column('uuid') createdById!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Index() @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
