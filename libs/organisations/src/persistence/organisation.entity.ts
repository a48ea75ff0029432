import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrganisationKind } from '#lib/access';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Index() @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' }) kind!: OrganisationKind;
  /** Oslo district or Innlandet municipality code from the geo catalogue. */
  @Index() @Column('text', { nullable: true }) areaCode!: string | null;
  @Column('text') municipality!: string;
  /** For municipal units: the NAV office whose market contacts serve them. */
  @Index() @Column('uuid', { nullable: true }) navOfficeId!: string | null;
  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'nav_office_id' }) navOffice?: Relation<OrganisationEntity>;
  /** For employer organisations: the shared employer identity they act for. */
  @Index() @Column('uuid', { nullable: true }) employerId!: string | null;
  // By name: the employers lib depends on this one, not the other way round.
  @ManyToOne('EmployerEntity', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'employer_id' }) employer?: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
