import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { EmployerEntity } from './employer.entity.js';
import { EmployerSiteEntity } from './employer-site.entity.js';

@Entity('employer_contacts')
export class EmployerContactEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column('uuid') employerId!: string;
  @ManyToOne(() => EmployerEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'employer_id' }) employer?: Relation<EmployerEntity>;
  @Index() @Column('uuid', { nullable: true }) siteId!: string | null;
  @ManyToOne(() => EmployerSiteEntity, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'site_id' }) site?: Relation<EmployerSiteEntity>;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { default: 'nb' }) language!: 'nb' | 'en';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
