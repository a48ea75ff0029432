import { Module } from '@nestjs/common';
import { Args, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { ValidationError } from '#lib/core';
import { CurrentActor, SectorEnum } from '#lib/gql';
import { OccupationCatalogue } from '../domain/occupation-catalogue.js';

@ObjectType('Occupation', { description: 'A STYRK-08 occupation (Norwegian ISCO-08) with names and synonyms.' })
export class OccupationType {
  @Field(() => String) code!: string;
  @Field(() => String) nameNb!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String) categoryNb!: string;
  @Field(() => SectorEnum) sector!: string;
  @Field(() => [String]) synonymsNb!: readonly string[];
  @Field(() => [String]) synonymsEn!: readonly string[];
  @Field(() => [String], { description: 'Occupations with transferable skills.' }) related!: readonly string[];
}

@Resolver(() => OccupationType)
export class OccupationsResolver {
  @Query(() => [OccupationType], { description: 'Search the occupation list by code, name or synonym (Norwegian or English).' })
  occupations(
    @CurrentActor() _actor: Actor,
    @Args('search', { type: () => String }) search: string,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
  ) {
    const limit = first ?? 20;
    if (limit < 1 || limit > 100) throw ValidationError.field('first', 'must be between 1 and 100');
    return OccupationCatalogue.default().search(search, limit);
  }

  @Query(() => OccupationType, { nullable: true })
  occupation(@CurrentActor() _actor: Actor, @Args('code', { type: () => String }) code: string) {
    return OccupationCatalogue.default().get(code) ?? null;
  }
}

@Module({ providers: [OccupationsResolver] })
export class OccupationsModule {}
