import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver, InputType, Field } from '@nestjs/graphql';
import { OrganisationKind, type Actor } from '#lib/access';
import { pageRequest } from '#lib/core';
import { byIds, CurrentActor, type GqlContext, toConnection } from '#lib/gql';
import { OrganisationsService } from '../application/organisations.service.js';
import { Organisation, OrganisationConnection, User } from './organisation.model.js';

@InputType()
export class OrganisationFilterInput {
  @Field(() => OrganisationKind, { nullable: true }) kind?: OrganisationKind;
  @Field(() => String, { nullable: true }) search?: string;
}

/** Loads organisations through the policy; shared by every resolver that shows an organisation. */
export function loadOrganisation(ctx: GqlContext, service: OrganisationsService, id: string | null) {
  if (!id) return null;
  return ctx.loaders.get<Organisation>('organisation', async (ids) => byIds(ids, await service.findByIds(ctx.actor, ids))).load(id);
}

export function loadUser(ctx: GqlContext, service: OrganisationsService, id: string | null) {
  if (!id) return null;
  return ctx.loaders.get<User>('user', async (ids) => byIds(ids, await service.findUsersByIds(ctx.actor, ids))).load(id);
}

@Resolver(() => User)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Query(() => User, { description: 'The caller.' })
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.service.me(actor);
  }

  @Query(() => OrganisationConnection)
  async organisations(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => OrganisationFilterInput, nullable: true }) filter: OrganisationFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.service.list(actor, filter ?? {}, pageRequest(first, after));
    return toConnection(page, (o) => o);
  }

  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Parent() user: User, @Context() ctx: GqlContext) {
    return loadOrganisation(ctx, this.service, user.organisationId);
  }
}

@Resolver(() => Organisation)
export class OrganisationFieldsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @ResolveField(() => Organisation, { nullable: true })
  navOffice(@Parent() org: Organisation, @Context() ctx: GqlContext) {
    return loadOrganisation(ctx, this.service, org.navOfficeId);
  }

  @Query(() => Organisation, { nullable: true })
  async organisation(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return (await this.service.findByIds(actor, [id]))[0] ?? null;
  }
}
