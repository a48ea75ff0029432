import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrganisationEntity } from './organisation.entity.js';
import { Role } from '#lib/access';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index({ unique: true }) @Column('text') email!: string;
  @Column('text') name!: string;
  @Index() @Column({ type: 'enum', enum: Role, enumName: 'user_role' }) role!: Role;
  @Index() @Column('uuid') organisationId!: string;
  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Relation<OrganisationEntity>;
  @Column('text', { default: 'nb' }) language!: 'nb' | 'en';
  @Column('boolean', { default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
