import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { RuleParams } from '../domain/rules.js';

/** A rule version: national (organisation_id null) or an organisation's own, valid for a period. */
@Entity('reminder_rules')
@Index(['code', 'organisationId', 'validFrom'], { unique: true })
export class ReminderRuleEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('uuid', { nullable: true }) organisationId!: string | null;
  @Column('date') validFrom!: string;
  @Column('date', { nullable: true }) validTo!: string | null;
  @Column('boolean', { default: true }) enabled!: boolean;
  @Column('jsonb') params!: RuleParams;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

/** A reminder that has fired: the primary key makes each (rule, subject, due date, level) fire once, across restarts and replicas. */
@Entity('reminders_fired')
export class ReminderFiredEntity {
  @PrimaryColumn('text') ruleCode!: string;
  @PrimaryColumn('uuid') subjectId!: string;
  @PrimaryColumn('date') dueOn!: string;
  @PrimaryColumn('smallint') level!: number;
  @Column('uuid', { array: true }) recipients!: string[];
  @Index() @CreateDateColumn({ type: 'timestamptz' }) firedAt!: Date;
}
