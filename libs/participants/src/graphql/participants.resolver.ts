import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { pageRequest } from '#lib/core';
import { CurrentActor, type GqlContext, toConnection } from '#lib/gql';
import { loadOrganisation, loadUser, Organisation, OrganisationsService, User } from '#lib/organisations';
import { ParticipantsService, type VisibleParticipant } from '../application/participants.service.js';
import type { ConsentEntity } from '../persistence/consent.entity.js';
import type { LanguageAssessmentEntity } from '../persistence/language-assessment.entity.js';
import type { ParticipantTeacherEntity } from '../persistence/participant-teacher.entity.js';
import { toParticipantView } from './participant.mapper.js';
import {
  Consent,
  ConsentInput,
  CreateParticipantInput,
  LanguageAssessment,
  LanguageAssessmentInput,
  Participant,
  ParticipantConnection,
  ParticipantFilterInput,
  ParticipantViewModel,
  UpdateParticipantInput,
} from './participant.model.js';

const toConsent = (c: ConsentEntity): Consent => ({ ...c, active: c.withdrawnAt === null });

export function loadParticipant(ctx: GqlContext, service: ParticipantsService, id: string) {
  return ctx.loaders
    .get<VisibleParticipant>('participant', async (ids) => {
      const rows = await service.findByIds(ctx.actor, ids);
      return ids.map((id) => rows.find((r) => r.entity.id === id) ?? null);
    })
    .load(id);
}

@Resolver(() => ParticipantViewModel)
export class ParticipantsResolver {
  constructor(
    private readonly service: ParticipantsService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Query(() => ParticipantConnection, { description: 'Participants the caller may see, in the view they are entitled to (most recently updated first).' })
  async participants(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ParticipantFilterInput, nullable: true }) filter: ParticipantFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return toConnection(await this.service.list(actor, filter ?? {}, pageRequest(first, after)), toParticipantView);
  }

  @Query(() => ParticipantViewModel, { description: 'Advisors of the unit get `Participant`; market contacts and teachers get `ParticipantMatchingView`.' })
  async participant(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toParticipantView(await this.service.get(actor, id));
  }

  @Mutation(() => Participant)
  async createParticipant(@CurrentActor() actor: Actor, @Args('input', { type: () => CreateParticipantInput }) input: CreateParticipantInput) {
    return toParticipantView(await this.service.create(actor, input));
  }

  @Mutation(() => Participant)
  async updateParticipant(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { type: () => UpdateParticipantInput }) input: UpdateParticipantInput) {
    return toParticipantView(await this.service.update(actor, id, input));
  }

  @Mutation(() => Participant, { description: 'Archive (status ARCHIVED); the profile is kept until retention applies.' })
  async archiveParticipant(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toParticipantView(await this.service.archive(actor, id));
  }

  @Mutation(() => ParticipantViewModel, { description: 'Record a Norwegian result for one skill; the current level is recomputed.' })
  async recordLanguageAssessment(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }) participantId: string,
    @Args('input', { type: () => LanguageAssessmentInput }) input: LanguageAssessmentInput,
  ) {
    return toParticipantView(await this.service.recordLanguageAssessment(actor, participantId, input));
  }

  @Mutation(() => Consent)
  async recordConsent(@CurrentActor() actor: Actor, @Args('participantId', { type: () => ID }) participantId: string, @Args('input', { type: () => ConsentInput }) input: ConsentInput) {
    return toConsent(await this.service.recordConsent(actor, participantId, input));
  }

  @Mutation(() => Consent)
  async withdrawConsent(@CurrentActor() actor: Actor, @Args('consentId', { type: () => ID }) consentId: string) {
    return toConsent(await this.service.withdrawConsent(actor, consentId));
  }

  @Mutation(() => Participant, { description: 'Let a teacher follow the participant (they then see the matching view).' })
  async assignTeacher(@CurrentActor() actor: Actor, @Args('participantId', { type: () => ID }) participantId: string, @Args('teacherId', { type: () => ID }) teacherId: string) {
    return toParticipantView(await this.service.assignTeacher(actor, participantId, teacherId));
  }

  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Parent() p: ParticipantViewModel, @Context() ctx: GqlContext) {
    return loadOrganisation(ctx, this.organisations, p.organisationId);
  }

  @ResolveField(() => User, { nullable: true })
  advisor(@Parent() p: ParticipantViewModel, @Context() ctx: GqlContext) {
    return loadUser(ctx, this.organisations, p.advisorId);
  }

  @ResolveField(() => [LanguageAssessment], { description: 'All Norwegian results, newest first.' })
  async languageHistory(@Parent() p: ParticipantViewModel, @Context() ctx: GqlContext) {
    const loader = ctx.loaders.get<LanguageAssessmentEntity[]>('languageHistory', async (ids) => {
      const rows = await this.service.languageHistory(ids);
      return ids.map((id) => rows.filter((r) => r.participantId === id));
    });
    return (await loader.load(p.id)) ?? [];
  }
}

/** Advisor-only relations of the full profile. */
@Resolver(() => Participant)
export class ParticipantFullResolver {
  constructor(
    private readonly service: ParticipantsService,
    private readonly organisations: OrganisationsService,
  ) {}

  @ResolveField(() => [Consent])
  async consents(@Parent() p: Participant, @Context() ctx: GqlContext) {
    const loader = ctx.loaders.get<ConsentEntity[]>('consents', async (ids) => {
      const rows = await this.service.consents(ids);
      return ids.map((id) => rows.filter((r) => r.participantId === id));
    });
    return ((await loader.load(p.id)) ?? []).map(toConsent);
  }

  @ResolveField(() => [User])
  async teachers(@Parent() p: Participant, @Context() ctx: GqlContext) {
    const loader = ctx.loaders.get<ParticipantTeacherEntity[]>('teachersOf', async (ids) => {
      const rows = await this.service.teacherIds(ids);
      return ids.map((id) => rows.filter((r) => r.participantId === id));
    });
    const links = (await loader.load(p.id)) ?? [];
    return (await Promise.all(links.map((l) => loadUser(ctx, this.organisations, l.teacherId)))).filter((u) => u !== null);
  }
}
