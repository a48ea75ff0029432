import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { groupedByIds, pageRequest } from '#lib/core';
import { Employer, EmployerSite, EmployersService, loadEmployer, loadSite } from '#lib/employers';
import { byIds, CurrentActor, type GqlContext, toConnection } from '#lib/gql';
import { loadOrganisation, Organisation, OrganisationsService } from '#lib/organisations';
import { PlacementsService } from '../application/placements.service.js';
import { allowedTransitions, PlacementStatus } from '../domain/placement.js';
import type { PlacementEntity } from '../persistence/placement.entity.js';
import { CreatePlacementInput, Placement, PlacementConnection, PlacementFilterInput, UpdatePlacementInput } from './placement.model.js';

export function toPlacement(p: PlacementEntity): Placement {
  return {
    ...p,
    sector: p.sector as Placement['sector'],
    requiredNorwegian: { oral: p.requiredOral, listening: p.requiredListening, reading: p.requiredReading, writing: p.requiredWriting },
    allowedTransitions: [...allowedTransitions(p.status)],
  };
}

export function loadPlacement(ctx: GqlContext, service: PlacementsService, id: string) {
  return ctx.loaders.get<PlacementEntity>('placement', async (ids) => byIds(ids, await service.findByIds(ctx.actor, ids))).load(id);
}

@Resolver(() => Placement)
export class PlacementsResolver {
  constructor(
    private readonly service: PlacementsService,
    private readonly employers: EmployersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Query(() => PlacementConnection, { description: 'Placements the caller may see, newest first.' })
  async placements(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => PlacementFilterInput, nullable: true }) filter: PlacementFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return toConnection(await this.service.list(actor, filter ?? {}, pageRequest(first, after)), toPlacement);
  }

  @Query(() => Placement)
  async placement(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toPlacement(await this.service.get(actor, id));
  }

  @Mutation(() => Placement)
  async createPlacement(@CurrentActor() actor: Actor, @Args('input', { type: () => CreatePlacementInput }) input: CreatePlacementInput) {
    return toPlacement(await this.service.create(actor, input));
  }

  @Mutation(() => Placement)
  async updatePlacement(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { type: () => UpdatePlacementInput }) input: UpdatePlacementInput) {
    return toPlacement(await this.service.update(actor, id, input));
  }

  @Mutation(() => Placement, { description: 'Move along the lifecycle; an illegal transition is a CONFLICT error that changes nothing.' })
  async changePlacementStatus(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('status', { type: () => PlacementStatus }) status: PlacementStatus) {
    return toPlacement(await this.service.changeStatus(actor, id, status));
  }

  @Mutation(() => Placement, { description: 'Close a placement (status CLOSED).' })
  async archivePlacement(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toPlacement(await this.service.changeStatus(actor, id, PlacementStatus.CLOSED));
  }

  @ResolveField(() => Employer, { nullable: true })
  employer(@Parent() p: Placement, @Context() ctx: GqlContext) {
    return loadEmployer(ctx, this.employers, p.employerId);
  }

  @ResolveField(() => EmployerSite, { nullable: true })
  site(@Parent() p: Placement, @Context() ctx: GqlContext) {
    return loadSite(ctx, this.employers, p.siteId);
  }

  @ResolveField(() => Organisation, { nullable: true })
  ownerOrganisation(@Parent() p: Placement, @Context() ctx: GqlContext) {
    return loadOrganisation(ctx, this.organisations, p.ownerOrganisationId);
  }
}

/** "What is already open here": shown on the employer so two offices do not approach it unaware. */
@Resolver(() => Employer)
export class EmployerPlacementsResolver {
  constructor(private readonly service: PlacementsService) {}

  @ResolveField(() => [Placement])
  async placements(
    @Parent() employer: Employer,
    @Context() ctx: GqlContext,
    @Args('status', { type: () => [PlacementStatus], nullable: true }) status: PlacementStatus[] | null,
  ) {
    const statuses = status ?? [PlacementStatus.OPEN, PlacementStatus.PAUSED, PlacementStatus.FILLED];
    const loader = ctx.loaders.get<PlacementEntity[]>(`placementsOfEmployer:${[...statuses].sort().join(',')}`, async (ids) => {
      const rows = await this.service.forEmployers(ctx.actor, ids, statuses);
      return groupedByIds(ids, rows, (r) => r.employerId);
    });
    return ((await loader.load(employer.id)) ?? []).map(toPlacement);
  }
}
