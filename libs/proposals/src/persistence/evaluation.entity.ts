import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The evaluation at the end of a praksis, one by the employer and one by the advisor. */
@Entity('evaluations')
@Index(['proposalId', 'authorRole'], { unique: true })
export class EvaluationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') proposalId!: string;
  @Index() @Column('uuid') employerId!: string;
  @Column('text') authorRole!: 'EMPLOYER' | 'ADVISOR';
  @Column('uuid', { nullable: true }) authorId!: string | null;
  /** 1–5: how much Norwegian the participant heard and used. */
  @Column('smallint') languageExposure!: number;
  /** 1–5: how well the tasks fitted the participant's goal. */
  @Column('smallint') tasksFit!: number;
  @Column('boolean') wouldHostAgain!: boolean;
  @Column('text', { nullable: true }) comment!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
