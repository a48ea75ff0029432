import type { PlacementScope } from '#lib/access';
import type { ParticipantDocument, PlacementDocument } from './search-documents.js';

/** The two kinds of documents the search index holds. */
export type DocumentKind = 'placement' | 'participant';

export const PLACEMENT_FACETS = ['type', 'sector', 'areaCode', 'requiredOral', 'status'] as const;
export type PlacementFacet = (typeof PLACEMENT_FACETS)[number];

export const PARTICIPANT_FACETS = ['status', 'finalGoal', 'oralLevel', 'reachableArea'] as const;
export type ParticipantFacet = (typeof PARTICIPANT_FACETS)[number];

/** Selected values per facet; within a facet values are alternatives (OR), across facets all must hold (AND). */
export type FacetFilter<F extends string> = Partial<Record<F, readonly string[]>>;

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

/** Counts per value, as the engine reports them (unordered, zero counts may be missing). */
export type FacetDistribution<F extends string> = Record<F, Readonly<Record<string, number>>>;

export enum SearchSort {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  START_DATE = 'START_DATE',
}

export interface PlacementSearchQuery {
  /** Query words, already normalised (see `queryWords`); empty means "everything visible". */
  readonly words: readonly string[];
  readonly filter: FacetFilter<PlacementFacet>;
  /** The caller's visibility (AccessPolicy.placementScope), applied inside the search so totals and facets never count hidden rows. */
  readonly scope: PlacementScope;
  /** RELEVANCE only with words; the service turns a word-less RELEVANCE search into NEWEST. */
  readonly sort: SearchSort;
  readonly offset: number;
  readonly limit: number;
}

export interface ParticipantSearchQuery {
  readonly words: readonly string[];
  readonly filter: FacetFilter<ParticipantFacet>;
  /** Participants are searched within one municipal unit only (advisors of that unit). */
  readonly organisationId: string;
  readonly offset: number;
  readonly limit: number;
}

/**
 * One page of hits in rank order. Each facet's counts cover the visible documents that match the words and every
 * filter except that facet's own (so a chosen value does not hide its alternatives).
 */
export interface SearchHits<F extends string> {
  readonly ids: readonly string[];
  readonly totalCount: number;
  readonly facets: FacetDistribution<F>;
}

/** What an indexed document was built from: the source row's `updated_at` in epoch microseconds. */
export interface IndexedVersion {
  readonly id: string;
  readonly version: number;
}

/**
 * The search port. Adapters: PostgreSQL (default; own index tables) and Meilisearch (when MEILI_URL is set).
 * Writes are idempotent upserts/deletes by id and return once the change is searchable.
 */
export interface SearchIndex {
  readonly engine: 'postgres' | 'meilisearch';
  upsertPlacements(docs: readonly PlacementDocument[]): Promise<void>;
  deletePlacements(ids: readonly string[]): Promise<void>;
  upsertParticipants(docs: readonly ParticipantDocument[]): Promise<void>;
  deleteParticipants(ids: readonly string[]): Promise<void>;
  searchPlacements(query: PlacementSearchQuery): Promise<SearchHits<PlacementFacet>>;
  searchParticipants(query: ParticipantSearchQuery): Promise<SearchHits<ParticipantFacet>>;
  /** Every indexed document's id and version, in batches (for reindex and reconciliation). */
  scanVersions(kind: DocumentKind, batchSize: number): AsyncIterable<readonly IndexedVersion[]>;
  /** Releases connections the adapter opened itself. */
  close(): Promise<void>;
}

export const SEARCH_INDEX = Symbol('SEARCH_INDEX');
