import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { CurrentActor } from '#lib/gql';
import { PrivacyService } from '../application/privacy.service.js';

@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @Query(() => String, { description: 'Everything stored about a participant, as JSON (GDPR art. 15). The participant’s advisors only; logged.' })
  async exportParticipantData(@CurrentActor() actor: Actor, @Args('participantId', { type: () => ID }) participantId: string): Promise<string> {
    return JSON.stringify(await this.privacy.export(actor, participantId));
  }

  @Mutation(() => Boolean, { description: 'Erase a participant on request (GDPR art. 17) by anonymisation: identity and free text removed, open proposals withdrawn, gone from search and matching. False when already erased.' })
  eraseParticipant(@CurrentActor() actor: Actor, @Args('participantId', { type: () => ID }) participantId: string): Promise<boolean> {
    return this.privacy.erase(actor, participantId);
  }
}
