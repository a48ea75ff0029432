import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import type { CefrLevel, Weekday } from '#lib/core';
import { EmployerEntity, EmployerSiteEntity } from '#lib/employers';
import { OrganisationEntity, UserEntity } from '#lib/organisations';
import { LanguageEnvironment, PlacementStatus, PlacementType, PostedBy } from '../domain/placement.js';

const cefr = { type: 'enum', enum: ['BELOW_A1', 'A1', 'A2', 'B1', 'B2', 'C1'], enumName: 'cefr_level', nullable: true } as const;

@Entity('placements')
@Index(['status', 'type'])
export class PlacementEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'enum', enum: PlacementType, enumName: 'placement_type' }) type!: PlacementType;
  @Index() @Column({ type: 'enum', enum: PlacementStatus, enumName: 'placement_status', default: PlacementStatus.DRAFT }) status!: PlacementStatus;
  @Column('text') title!: string;
  @Column('text', { default: '' }) description!: string;
  @Column('text', { array: true, default: '{}' }) tasks!: string[];
  @Index() @Column('text') sector!: string;
  @Index() @Column('char', { length: 4 }) occupationCode!: string;

  @Index() @Column('uuid') employerId!: string;
  @ManyToOne(() => EmployerEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'employer_id' }) employer?: Relation<EmployerEntity>;
  @Index() @Column('uuid') siteId!: string;
  @ManyToOne(() => EmployerSiteEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'site_id' }) site?: Relation<EmployerSiteEntity>;
  /** Denormalised from the site for the district filter and facet. */
  @Index() @Column('text') areaCode!: string;
  /** The office or unit that posted the opening and follows it. */
  @Index() @Column('uuid') ownerOrganisationId!: string;
  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'owner_organisation_id' }) ownerOrganisation?: Relation<OrganisationEntity>;
  @Index() @Column('uuid') postedById!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'posted_by_id' }) postedBy?: Relation<UserEntity>;
  @Column({ type: 'enum', enum: PostedBy, enumName: 'posted_by_kind' }) postedByKind!: PostedBy;

  @Index() @Column(cefr) requiredOral!: CefrLevel | null;
  @Column(cefr) requiredListening!: CefrLevel | null;
  @Column(cefr) requiredReading!: CefrLevel | null;
  @Column(cefr) requiredWriting!: CefrLevel | null;
  @Column('boolean', { default: false }) openToLowNorwegian!: boolean;
  @Column('text', { array: true, default: '{}' }) competences!: string[];
  @Column('text', { array: true, default: '{}' }) certificatesRequired!: string[];
  @Column('boolean', { default: false }) formalCompetenceRequired!: boolean;

  @Index() @Column('date') startDate!: string;
  @Column('date', { nullable: true }) endDate!: string | null;
  @Column('text', { array: true }) weekdays!: Weekday[];
  @Column('numeric', { precision: 4, scale: 1, transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } }) hoursPerWeek!: number;
  @Column('boolean', { default: false }) shiftWork!: boolean;
  @Column('int', { default: 1 }) capacity!: number;
  @Column('boolean', { default: false }) pairing!: boolean;
  @Column('boolean', { default: false }) mentorSubsidy!: boolean;
  @Column('text', { nullable: true }) supervisorName!: string | null;
  @Column({ type: 'enum', enum: LanguageEnvironment, enumName: 'language_environment', default: LanguageEnvironment.WORKS_WITH_COLLEAGUES }) languageEnvironment!: LanguageEnvironment;
  @Column('boolean', { default: false }) canLeadToJob!: boolean;
  /** Follow-up cadence for this placement; null means the default (after 2 weeks, midway, at the end). */
  @Column('jsonb', { nullable: true }) followUpCadence!: { afterDays: number[]; midway: boolean; atEnd: boolean; everyDays?: number | null } | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Index() @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
