import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EmployerEntity } from './employer.entity.js';

@Entity('employer_sites')
export class EmployerSiteEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column('uuid') employerId!: string;
  @ManyToOne(() => EmployerEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'employer_id' }) employer?: Relation<EmployerEntity>;
  @Column('text') name!: string;
  @Column('text') address!: string;
  /** District or municipality code from the geo catalogue. */
  @Index() @Column('text') areaCode!: string;
  @Column('double precision', { nullable: true }) latitude!: number | null;
  @Column('double precision', { nullable: true }) longitude!: number | null;
  @Column('timestamptz', { nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
