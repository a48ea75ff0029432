import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum FollowUpStatus {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

/** A visit or meeting during the praksis, scheduled from the placement's cadence and logged afterwards. */
@Entity('follow_ups')
@Index(['dueOn', 'status'])
export class FollowUpEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column('uuid') proposalId!: string;
  @Column('date') dueOn!: string;
  @Column('text', { default: 'VISIT' }) kind!: 'VISIT' | 'MEETING' | 'CALL';
  @Column({ type: 'enum', enum: FollowUpStatus, enumName: 'follow_up_status', default: FollowUpStatus.PLANNED }) status!: FollowUpStatus;
  @Column('date', { nullable: true }) heldOn!: string | null;
  /** Who took part: PARTICIPANT, EMPLOYER, ADVISOR, MARKET_CONTACT, TEACHER, INTERPRETER. */
  @Column('text', { array: true, default: '{}' }) attendance!: string[];
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('uuid', { nullable: true }) loggedById!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
