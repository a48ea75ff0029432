import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EmployerContactEntity, EmployerEntity } from '#lib/employers';
import { ProposalEntity } from '#lib/proposals';

/** One emailed answer link: the token is only good while this row exists, is unused and unexpired. */
@Entity('employer_answer_links')
export class EmployerAnswerLinkEntity {
  /** The token's `jti`. */
  @PrimaryColumn('uuid') jti!: string;
  @Index() @Column('uuid') proposalId!: string;
  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Relation<ProposalEntity>;
  @Index() @Column('uuid') contactId!: string;
  @ManyToOne(() => EmployerContactEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'contact_id' }) contact?: Relation<EmployerContactEntity>;
  @Index() @Column('uuid') employerId!: string;
  @ManyToOne(() => EmployerEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'employer_id' }) employer?: Relation<EmployerEntity>;
  @Column('timestamptz') expiresAt!: Date;
  /** Set in the transaction that records the answer; a used link never answers again. */
  @Column('timestamptz', { nullable: true }) usedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
