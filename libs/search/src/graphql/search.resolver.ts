import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { CurrentActor, type GqlContext } from '#lib/gql';
import { loadParticipant, type Participant, ParticipantsService, toParticipantView } from '#lib/participants';
import { loadPlacement, PlacementsService, toPlacement } from '#lib/placements';
import { SearchService } from '../application/search.service.js';
import { SearchSort } from '../domain/search-index.js';
import { ParticipantSearchFilter, ParticipantSearchResult, PlacementSearchFilter, PlacementSearchResult } from './search.model.js';

const notNull = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

@Resolver()
export class SearchResolver {
  constructor(
    private readonly search: SearchService,
    private readonly placements: PlacementsService,
    private readonly participants: ParticipantsService,
  ) {}

  @Query(() => PlacementSearchResult, {
    description: 'Full-text search over the placements the caller may see: typo tolerant, with filters, facet counts and sorting.',
  })
  async searchPlacements(
    @CurrentActor() actor: Actor,
    @Context() ctx: GqlContext,
    @Args('query', { type: () => String, nullable: true }) query: string | null,
    @Args('filter', { type: () => PlacementSearchFilter, nullable: true }) filter: PlacementSearchFilter | null,
    @Args('sort', { type: () => SearchSort, nullable: true, defaultValue: SearchSort.RELEVANCE }) sort: SearchSort | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<PlacementSearchResult> {
    const page = await this.search.searchPlacements(actor, { query, filter, sort, first, after });
    // Loaded through the placements service (visibility checked again) in one batch; the index may lag a moment.
    const nodes = (await Promise.all(page.ids.map((id) => loadPlacement(ctx, this.placements, id)))).filter(notNull).map(toPlacement);
    return { nodes, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, totalCount: page.totalCount, facets: page.facets };
  }

  @Query(() => ParticipantSearchResult, {
    description: 'Advisors only: search their own unit’s participants by name and occupations. Others get FORBIDDEN and use the matching API.',
  })
  async searchParticipants(
    @CurrentActor() actor: Actor,
    @Context() ctx: GqlContext,
    @Args('query', { type: () => String, nullable: true }) query: string | null,
    @Args('filter', { type: () => ParticipantSearchFilter, nullable: true }) filter: ParticipantSearchFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ParticipantSearchResult> {
    const page = await this.search.searchParticipants(actor, { query, filter, first, after });
    const visible = (await Promise.all(page.ids.map((id) => loadParticipant(ctx, this.participants, id)))).filter(notNull);
    return {
      nodes: visible.map((p) => toParticipantView(p) as Participant),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
      facets: page.facets,
    };
  }
}
