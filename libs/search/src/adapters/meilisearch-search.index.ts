import { type Index, Meilisearch, MeilisearchApiError, MeilisearchError, type MultiSearchQuery, type Settings, type Task } from 'meilisearch';
import { OccupationCatalogue } from '#lib/occupations';
import type { ParticipantDocument, PlacementDocument } from '../domain/search-documents.js';
import { activeFacets, withoutFacet } from '../domain/search-facets.js';
import {
  type DocumentKind,
  type FacetDistribution,
  type FacetFilter,
  type IndexedVersion,
  PARTICIPANT_FACETS,
  type ParticipantFacet,
  type ParticipantSearchQuery,
  PLACEMENT_FACETS,
  type PlacementFacet,
  type PlacementSearchQuery,
  type SearchHits,
  type SearchIndex,
  SearchSort,
} from '../domain/search-index.js';
import { SearchUnavailableError } from '../domain/search.errors.js';
import { facetClauses, pageWindow, placementScopeClause, quoteFilterValue } from './meilisearch-query.js';
import { occupationSynonyms, participantSettings, placementSettings } from './meilisearch-settings.js';

export interface MeilisearchOptions {
  readonly url: string;
  readonly apiKey?: string;
  /** Index names are `<prefix>-placements` and `<prefix>-participants`, so deployments and test runs can share a server. */
  readonly indexPrefix: string;
  /** How long a write waits for Meilisearch to apply it (ms). */
  readonly taskTimeoutMs?: number;
}

const PARTICIPANT_ATTRIBUTE: Record<ParticipantFacet, string> = {
  status: 'status',
  finalGoal: 'finalGoal',
  oralLevel: 'oralLevel',
  reachableArea: 'reachableAreas',
};

type Distribution = Record<string, Record<string, number>>;

/**
 * Search on Meilisearch. Filters, visibility and facets are expressed as Meilisearch filters; facet counts that
 * exclude their own filter come from extra facet-only queries in the same multi-search request.
 * Every write waits for its task, so a write that returned is searchable (and a failed one throws and is retried).
 */
export class MeilisearchSearchIndex implements SearchIndex {
  readonly engine = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly placementsUid: string;
  private readonly participantsUid: string;
  private readonly taskTimeoutMs: number;
  private ready?: Promise<void>;

  constructor(options: MeilisearchOptions) {
    this.client = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: 10_000 });
    this.placementsUid = `${options.indexPrefix}-placements`;
    this.participantsUid = `${options.indexPrefix}-participants`;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
  }

  async upsertPlacements(docs: readonly PlacementDocument[]): Promise<void> {
    if (docs.length === 0) return;
    await this.write(() => this.index(this.placementsUid).addDocuments(docs.map(toMeiliPlacement), { primaryKey: 'id' }).waitTask({ timeout: this.taskTimeoutMs }));
  }

  async deletePlacements(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write(() => this.index(this.placementsUid).deleteDocuments([...ids]).waitTask({ timeout: this.taskTimeoutMs }));
  }

  async upsertParticipants(docs: readonly ParticipantDocument[]): Promise<void> {
    if (docs.length === 0) return;
    await this.write(() => this.index(this.participantsUid).addDocuments(docs.map((d) => ({ ...d })), { primaryKey: 'id' }).waitTask({ timeout: this.taskTimeoutMs }));
  }

  async deleteParticipants(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write(() => this.index(this.participantsUid).deleteDocuments([...ids]).waitTask({ timeout: this.taskTimeoutMs }));
  }

  async searchPlacements(query: PlacementSearchQuery): Promise<SearchHits<PlacementFacet>> {
    const scope = placementScopeClause(query.scope);
    const sort = { [SearchSort.RELEVANCE]: undefined, [SearchSort.NEWEST]: ['createdAt:desc'], [SearchSort.START_DATE]: ['startDate:asc'] }[query.sort];
    return this.facetedSearch(this.placementsUid, PLACEMENT_FACETS, (f) => f, query, scope ? [scope] : [], sort);
  }

  async searchParticipants(query: ParticipantSearchQuery): Promise<SearchHits<ParticipantFacet>> {
    const unit = `organisationId = ${quoteFilterValue(query.organisationId)}`;
    // Without words, most recently changed first (like the participants list).
    return this.facetedSearch(this.participantsUid, PARTICIPANT_FACETS, (f) => PARTICIPANT_ATTRIBUTE[f], query, [unit], query.words.length ? undefined : ['version:desc']);
  }

  async *scanVersions(kind: DocumentKind, batchSize: number): AsyncIterable<readonly IndexedVersion[]> {
    await this.ensureReady();
    const index = this.index(kind === 'placement' ? this.placementsUid : this.participantsUid);
    for (let offset = 0; ; offset += batchSize) {
      const page = await this.call(() => index.getDocuments<{ id: string; version: number }>({ fields: ['id', 'version'], offset, limit: batchSize }));
      if (page.results.length) yield page.results.map((d) => ({ id: d.id, version: d.version }));
      if (page.results.length < batchSize) return;
    }
  }

  async close(): Promise<void> {
    // The client holds no connections of its own (fetch).
  }

  /** Deletes both indexes; for tests that create throw-away prefixes. */
  async dropIndexes(): Promise<void> {
    for (const uid of [this.placementsUid, this.participantsUid]) {
      await this.client.deleteIndex(uid).waitTask({ timeout: this.taskTimeoutMs });
    }
    this.ready = undefined;
  }

  private async facetedSearch<F extends string>(
    indexUid: string,
    facets: readonly F[],
    attributeOf: (facet: F) => string,
    query: { words: readonly string[]; filter: FacetFilter<F>; offset: number; limit: number },
    baseClauses: readonly string[],
    sort: string[] | undefined,
  ): Promise<SearchHits<F>> {
    await this.ensureReady();
    const q = query.words.join(' ');
    const clauses = (filter: FacetFilter<F>) => [...baseClauses, ...facetClauses(filter, attributeOf)];
    const window = pageWindow(query.offset, query.limit);
    const main: MultiSearchQuery = {
      indexUid,
      q,
      filter: clauses(query.filter),
      facets: facets.map(attributeOf),
      sort,
      page: window.page,
      hitsPerPage: window.hitsPerPage,
      attributesToRetrieve: ['id'],
      matchingStrategy: 'all',
    };
    // A filtered facet is counted without its own filter, so its other values still show how many they would add.
    const disjunctive = activeFacets(query.filter);
    const perFacet: MultiSearchQuery[] = disjunctive.map((f) => ({
      indexUid,
      q,
      filter: clauses(withoutFacet(query.filter, f)),
      facets: [attributeOf(f)],
      limit: 0,
      matchingStrategy: 'all',
    }));
    const { results } = await this.call(() => this.client.multiSearch({ queries: [main, ...perFacet] }));
    const [first, ...rest] = results;
    const distribution: Distribution = { ...(first!.facetDistribution ?? {}) };
    disjunctive.forEach((f, i) => {
      distribution[attributeOf(f)] = rest[i]!.facetDistribution?.[attributeOf(f)] ?? {};
    });
    return {
      ids: first!.hits.slice(window.skip).map((h) => String(h.id)),
      totalCount: first!.totalHits ?? 0,
      facets: Object.fromEntries(facets.map((f) => [f, distribution[attributeOf(f)] ?? {}])) as FacetDistribution<F>,
    };
  }

  private index(uid: string): Index {
    return this.client.index(uid);
  }

  /** Creates the indexes and applies settings once per process; retried on the next call if Meilisearch was away. */
  private ensureReady(): Promise<void> {
    this.ready ??= this.configure().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  private async configure(): Promise<void> {
    const synonyms = occupationSynonyms(OccupationCatalogue.default());
    await this.configureIndex(this.placementsUid, placementSettings(synonyms));
    await this.configureIndex(this.participantsUid, participantSettings(synonyms));
  }

  private async configureIndex(uid: string, settings: Settings): Promise<void> {
    await this.call(async () => {
      try {
        await this.client.getIndex(uid);
      } catch (err) {
        if (!(err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found')) throw err;
        assertSucceeded(await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: this.taskTimeoutMs }), `create index ${uid}`);
      }
      assertSucceeded(await this.index(uid).updateSettings(settings).waitTask({ timeout: this.taskTimeoutMs }), `settings of ${uid}`);
    });
  }

  private async write(run: () => Promise<Task>): Promise<void> {
    await this.ensureReady();
    assertSucceeded(await this.call(run), 'write');
  }

  /** Unreachable or failing Meilisearch is SERVICE_UNAVAILABLE to callers; anything else is a bug and stays as is. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof MeilisearchError && !(err instanceof MeilisearchApiError && (err.response?.status ?? 500) < 500)) {
        throw new SearchUnavailableError(this.engine, err);
      }
      throw err;
    }
  }
}

function toMeiliPlacement(doc: PlacementDocument) {
  // Numeric for the createdAt:desc ranking rule and sorting; ISO dates sort correctly as strings.
  return { ...doc, createdAt: Date.parse(doc.createdAt) };
}

function assertSucceeded(task: Task, what: string): void {
  if (task.status !== 'succeeded') throw new Error(`Meilisearch ${what} task ${task.uid} ${task.status}: ${task.error?.message ?? 'no details'}`);
}


