import { Args, Field, ID, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { CurrentActor } from '#lib/gql';
import { EmployerAnswers } from '../application/employer-answers.service.js';

@ObjectType('EmployerAnswerLink', { description: 'A single-use link (no account needed) for an employer contact to accept or decline a proposed candidate.' })
export class EmployerAnswerLinkModel {
  @Field(() => String, { description: 'Send it to the contact; it answers once.' }) url!: string;
  @Field(() => Date) expiresAt!: Date;
}

@Resolver()
export class EmployerAnswerLinkResolver {
  constructor(private readonly answers: EmployerAnswers) {}

  @Mutation(() => EmployerAnswerLinkModel, {
    description:
      'Issue (or re-issue) an answer link for a PROPOSED proposal and a contact of its employer: for the advisor or market contact who can see the proposal. Earlier links stay valid until used or expired; the proposal is answered once.',
  })
  async issueEmployerAnswerLink(
    @CurrentActor() actor: Actor,
    @Args('proposalId', { type: () => ID }) proposalId: string,
    @Args('contactId', { type: () => ID }) contactId: string,
  ): Promise<EmployerAnswerLinkModel> {
    return this.answers.issueLink(actor, proposalId, contactId);
  }
}
