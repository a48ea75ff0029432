import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Sector } from '#lib/core';
import { PageInfo, SectorEnum } from '#lib/gql';
import { FinalGoal, Participant, ParticipantStatus } from '#lib/participants';
import { Placement, PlacementStatus, PlacementType } from '#lib/placements';
import { SearchSort } from '../domain/search-index.js';

registerEnumType(SearchSort, { name: 'SearchSort', description: 'RELEVANCE (best match first; newest first without a query), NEWEST, START_DATE (soonest first)' });

@ObjectType({ description: 'How many results a facet value has (counted without this facet’s own filter).' })
export class FacetCount {
  @Field(() => String) value!: string;
  @Field(() => Int) count!: number;
}

@InputType({ description: 'Values within a field are alternatives (OR); fields combine with AND.' })
export class PlacementSearchFilter {
  @Field(() => [PlacementType], { nullable: true }) type?: PlacementType[];
  @Field(() => [SectorEnum], { nullable: true }) sector?: Sector[];
  @Field(() => [String], { nullable: true, description: 'District or municipality codes (e.g. OSLO-ALNA, 3403).' }) areaCode?: string[];
  @Field(() => [String], { nullable: true, description: 'Required oral Norwegian: a CEFR level or NONE (no requirement).' }) requiredOral?: string[];
  @Field(() => [PlacementStatus], { nullable: true }) status?: PlacementStatus[];
}

@ObjectType()
export class PlacementFacets {
  @Field(() => [FacetCount]) type!: FacetCount[];
  @Field(() => [FacetCount]) sector!: FacetCount[];
  @Field(() => [FacetCount]) areaCode!: FacetCount[];
  @Field(() => [FacetCount]) requiredOral!: FacetCount[];
  @Field(() => [FacetCount]) status!: FacetCount[];
}

@ObjectType()
export class PlacementSearchResult {
  @Field(() => [Placement], { description: 'In rank order.' }) nodes!: Placement[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Matches visible to the caller (all pages).' }) totalCount!: number;
  @Field(() => PlacementFacets) facets!: PlacementFacets;
}

@InputType({ description: 'Values within a field are alternatives (OR); fields combine with AND. Status defaults to ACTIVE and ON_LEAVE.' })
export class ParticipantSearchFilter {
  @Field(() => [ParticipantStatus], { nullable: true }) status?: ParticipantStatus[];
  @Field(() => [FinalGoal], { nullable: true }) finalGoal?: FinalGoal[];
  @Field(() => [String], { nullable: true, description: 'Current oral Norwegian: a CEFR level or NONE (not assessed).' }) oralLevel?: string[];
  @Field(() => [String], { nullable: true, description: 'Participants who can reach any of these areas.' }) reachableArea?: string[];
}

@ObjectType()
export class ParticipantFacets {
  @Field(() => [FacetCount]) status!: FacetCount[];
  @Field(() => [FacetCount]) finalGoal!: FacetCount[];
  @Field(() => [FacetCount]) oralLevel!: FacetCount[];
  @Field(() => [FacetCount]) reachableArea!: FacetCount[];
}

@ObjectType()
export class ParticipantSearchResult {
  @Field(() => [Participant], { description: 'In rank order; without a query, most recently changed first.' }) nodes!: Participant[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
  @Field(() => ParticipantFacets) facets!: ParticipantFacets;
}
