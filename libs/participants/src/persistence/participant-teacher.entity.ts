import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { UserEntity } from '#lib/organisations';
import { ParticipantEntity } from './participant.entity.js';

/** Teachers see the participants they follow (domain.md §2). */
@Entity('participant_teachers')
export class ParticipantTeacherEntity {
  @PrimaryColumn('uuid') participantId!: string;
  @Index() @PrimaryColumn('uuid') teacherId!: string;
  @ManyToOne(() => ParticipantEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'participant_id' }) participant?: Relation<ParticipantEntity>;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'teacher_id' }) teacher?: Relation<UserEntity>;
  @CreateDateColumn({ type: 'timestamptz' }) since!: Date;
}
