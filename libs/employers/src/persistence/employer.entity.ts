import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity } from '#lib/organisations';

/** One identity per orgnr, shared by every office that works with the employer. */
@Entity('employers')
export class EmployerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index({ unique: true }) @Column('char', { length: 9 }) orgNumber!: string;
  @Column('text') name!: string;
  @Index() @Column('text') sector!: string;
  @Column('text', { nullable: true }) description!: string | null;
  /** The NAV office (or municipal unit) that owns the relationship, so offices do not approach it unaware of each other. */
  @Index() @Column('uuid', { nullable: true }) ownerOfficeId!: string | null;
  @ManyToOne(() => OrganisationEntity, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'owner_office_id' }) ownerOffice?: Relation<OrganisationEntity>;
  @Column('timestamptz', { nullable: true }) archivedAt!: Date | null;
  /** Proposals this employer takes per month; null means the configured default. */
  @Column('int', { nullable: true }) monthlyProposalCap!: number | null;
  @Index() @Column('uuid') createdById!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
