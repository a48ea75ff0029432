import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AccessPolicy, type Actor } from '#lib/access';
import { CEFR_LEVELS, DEFAULT_PAGE_SIZE, ForbiddenError, MAX_PAGE_SIZE, SECTORS, ValidationError } from '#lib/core';
import { areaCodeSchema } from '#lib/geo';
import { ParticipantStatus, FinalGoal } from '#lib/participants';
import { PlacementStatus, PlacementType } from '#lib/placements';
import { decodeSearchCursor, encodeSearchCursor, searchFingerprint } from '../domain/search-cursor.js';
import { NO_LEVEL } from '../domain/search-documents.js';
import { facetLists } from '../domain/search-facets.js';
import {
  type FacetCount,
  type FacetFilter,
  PARTICIPANT_FACETS,
  type ParticipantFacet,
  PLACEMENT_FACETS,
  type PlacementFacet,
  SEARCH_INDEX,
  type SearchHits,
  type SearchIndex,
  SearchSort,
} from '../domain/search-index.js';
import { queryWords } from '../domain/search-text.js';

const values = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `must list at most ${max} values`).nullish();
const oralLevel = z.enum([...CEFR_LEVELS, NO_LEVEL], `must be a CEFR level (${CEFR_LEVELS.join(', ')}) or ${NO_LEVEL}`);
const page = {
  query: z.string().max(500, 'must be at most 500 characters').nullish(),
  first: z.number().int('must be an integer').min(1, `must be between 1 and ${MAX_PAGE_SIZE}`).max(MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`).nullish(),
  after: z.string().nullish(),
};

const placementSearchSchema = z.object({
  ...page,
  filter: z
    .object({
      type: values(z.enum(PlacementType), 10),
      sector: values(z.enum(SECTORS), 20),
      areaCode: values(areaCodeSchema, 200),
      requiredOral: values(oralLevel, 10),
      status: values(z.enum(PlacementStatus), 10),
    })
    .strict()
    .nullish(),
  sort: z.enum(SearchSort).nullish(),
});

const participantSearchSchema = z.object({
  ...page,
  filter: z
    .object({
      status: values(z.enum(ParticipantStatus), 10),
      finalGoal: values(z.enum(FinalGoal), 10),
      oralLevel: values(oralLevel, 10),
      reachableArea: values(areaCodeSchema, 200),
    })
    .strict()
    .nullish(),
});

/** Arguments as the API receives them; validated here, so values are plain strings until then. */
interface PageArgs {
  readonly query?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}
export interface PlacementSearchArgs extends PageArgs {
  readonly filter?: Partial<Record<PlacementFacet, readonly string[] | null>> | null;
  readonly sort?: SearchSort | null;
}
export interface ParticipantSearchArgs extends PageArgs {
  readonly filter?: Partial<Record<ParticipantFacet, readonly string[] | null>> | null;
}

/** One page of search results: ids in rank order (the caller loads nodes), counts and facet lists. */
export interface SearchPage<F extends string> {
  readonly ids: readonly string[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
  readonly facets: Record<F, FacetCount[]>;
}

/** Without a participant status filter, search what the participants list shows by default. */
const DEFAULT_PARTICIPANT_STATUSES = [ParticipantStatus.ACTIVE, ParticipantStatus.ON_LEAVE];

/** Validates search arguments, applies the caller's visibility and pages through the search index. */
@Injectable()
export class SearchService {
  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    private readonly policy: AccessPolicy,
  ) {}

  async searchPlacements(actor: Actor, args: PlacementSearchArgs): Promise<SearchPage<PlacementFacet>> {
    const input = parseArgs(placementSearchSchema, args);
    const words = queryWords(input.query);
    const filter = normaliseFilter(PLACEMENT_FACETS, input.filter ?? {});
    // Relevance needs words; without them the newest come first.
    const sort = words.length === 0 && (input.sort ?? SearchSort.RELEVANCE) === SearchSort.RELEVANCE ? SearchSort.NEWEST : (input.sort ?? SearchSort.RELEVANCE);
    const fingerprint = searchFingerprint({ kind: 'placement', words, filter, sort });
    const offset = decodeSearchCursor(input.after, fingerprint);
    const limit = input.first ?? DEFAULT_PAGE_SIZE;
    const hits = await this.index.searchPlacements({ words, filter, sort, scope: this.policy.placementScope(actor), offset, limit });
    return toPage(PLACEMENT_FACETS, hits, filter, offset, fingerprint);
  }

  async searchParticipants(actor: Actor, args: ParticipantSearchArgs): Promise<SearchPage<ParticipantFacet>> {
    const scope = this.policy.participantScope(actor);
    if (scope.kind !== 'UNIT') {
      throw new ForbiddenError(
        'Participant search is for advisors of the participant’s own unit. Market contacts and teachers find candidates through the matching API, which shows the matching view only.',
      );
    }
    const input = parseArgs(participantSearchSchema, args);
    const words = queryWords(input.query);
    const filter = normaliseFilter(PARTICIPANT_FACETS, { status: DEFAULT_PARTICIPANT_STATUSES, ...stripNulls(input.filter ?? {}) });
    const fingerprint = searchFingerprint({ kind: 'participant', words, filter });
    const offset = decodeSearchCursor(input.after, fingerprint);
    const limit = input.first ?? DEFAULT_PAGE_SIZE;
    const hits = await this.index.searchParticipants({ words, filter, organisationId: scope.organisationId, offset, limit });
    return toPage(PARTICIPANT_FACETS, hits, filter, offset, fingerprint);
  }
}

function toPage<F extends string>(facets: readonly F[], hits: SearchHits<F>, filter: FacetFilter<F>, offset: number, fingerprint: string): SearchPage<F> {
  const next = offset + hits.ids.length;
  return {
    ids: hits.ids,
    totalCount: hits.totalCount,
    hasNextPage: next < hits.totalCount,
    endCursor: hits.ids.length ? encodeSearchCursor(next, fingerprint) : null,
    facets: facetLists(facets, hits.facets, filter),
  };
}

/** Distinct, sorted values per facet, empty lists dropped: the same filter always looks the same (cursor fingerprint). */
export function normaliseFilter<F extends string>(facets: readonly F[], filter: Partial<Record<F, readonly string[] | null | undefined>>): FacetFilter<F> {
  const out: Partial<Record<F, readonly string[]>> = {};
  for (const f of facets) {
    const selected = filter[f];
    if (selected?.length) out[f] = [...new Set(selected)].sort();
  }
  return out;
}

function stripNulls<T extends object>(o: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> };
}

/** Like parseInput, but arguments are top-level GraphQL arguments, so fields are named `first`, `filter.areaCode.0`. */
function parseArgs<T extends z.ZodType>(schema: T, args: unknown): z.infer<T> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'input', message: issue.message })));
}
