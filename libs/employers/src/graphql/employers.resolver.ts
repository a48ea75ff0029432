import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { pageRequest } from '#lib/core';
import { CurrentActor, type GqlContext, toConnection } from '#lib/gql';
import { loadOrganisation, Organisation, OrganisationsService } from '#lib/organisations';
import { EmployersService } from '../application/employers.service.js';
import {
  CreateEmployerInput,
  Employer,
  EmployerConnection,
  EmployerContact,
  EmployerContactInput,
  EmployerFilterInput,
  EmployerSite,
  EmployerSiteInput,
  UpdateEmployerInput,
} from './employer.model.js';
import { loadEmployerContacts, loadEmployerSites } from './employer.loaders.js';

@Resolver(() => Employer)
export class EmployersResolver {
  constructor(
    private readonly service: EmployersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Query(() => EmployerConnection, { description: 'The shared employer pool (employers see only themselves).' })
  async employers(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => EmployerFilterInput, nullable: true }) filter: EmployerFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return toConnection(await this.service.list(actor, filter ?? {}, pageRequest(first, after)), (e) => e);
  }

  @Query(() => Employer)
  employer(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(actor, id);
  }

  @Mutation(() => Employer)
  createEmployer(@CurrentActor() actor: Actor, @Args('input', { type: () => CreateEmployerInput }) input: CreateEmployerInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => Employer)
  updateEmployer(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { type: () => UpdateEmployerInput }) input: UpdateEmployerInput) {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => Employer, { description: 'Archive an employer with no published placements.' })
  archiveEmployer(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.archive(actor, id);
  }

  @Mutation(() => EmployerSite)
  addEmployerSite(@CurrentActor() actor: Actor, @Args('employerId', { type: () => ID }) employerId: string, @Args('input', { type: () => EmployerSiteInput }) input: EmployerSiteInput) {
    return this.service.addSite(actor, employerId, input);
  }

  @Mutation(() => EmployerContact)
  addEmployerContact(@CurrentActor() actor: Actor, @Args('employerId', { type: () => ID }) employerId: string, @Args('input', { type: () => EmployerContactInput }) input: EmployerContactInput) {
    return this.service.addContact(actor, employerId, input);
  }

  @ResolveField(() => Organisation, { nullable: true })
  ownerOffice(@Parent() employer: Employer, @Context() ctx: GqlContext) {
    return loadOrganisation(ctx, this.organisations, employer.ownerOfficeId);
  }

  @ResolveField(() => [EmployerSite])
  sites(@Parent() employer: Employer, @Context() ctx: GqlContext) {
    return loadEmployerSites(ctx, this.service, employer.id);
  }

  @ResolveField(() => [EmployerContact])
  contacts(@Parent() employer: Employer, @Context() ctx: GqlContext) {
    return loadEmployerContacts(ctx, this.service, employer.id);
  }
}
