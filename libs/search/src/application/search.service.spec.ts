import { AccessPolicy, type Actor, OrganisationKind, Role } from '#lib/access';
import { DomainError, ErrorCode } from '#lib/core';
import type { ParticipantSearchQuery, PlacementSearchQuery, SearchHits, SearchIndex } from '../domain/search-index.js';
import { SearchSort } from '../domain/search-index.js';
import { SearchService } from './search.service.js';

/** Records what the service asks the port for; the engines themselves are covered by the contract suite. */
class RecordingIndex implements SearchIndex {
  readonly engine = 'postgres' as const;
  placementQueries: PlacementSearchQuery[] = [];
  participantQueries: ParticipantSearchQuery[] = [];
  constructor(private readonly total = 45) {}
  async searchPlacements(q: PlacementSearchQuery): Promise<SearchHits<'type' | 'sector' | 'areaCode' | 'requiredOral' | 'status'>> {
    this.placementQueries.push(q);
    const ids = Array.from({ length: Math.max(0, Math.min(q.limit, this.total - q.offset)) }, (_, i) => `p${q.offset + i}`);
    return { ids, totalCount: this.total, facets: { type: { JOB: 3 }, sector: {}, areaCode: {}, requiredOral: {}, status: {} } };
  }
  async searchParticipants(q: ParticipantSearchQuery): Promise<SearchHits<'status' | 'finalGoal' | 'oralLevel' | 'reachableArea'>> {
    this.participantQueries.push(q);
    return { ids: [], totalCount: 0, facets: { status: {}, finalGoal: {}, oralLevel: {}, reachableArea: {} } };
  }
  async upsertPlacements() {}
  async deletePlacements() {}
  async upsertParticipants() {}
  async deleteParticipants() {}
  async *scanVersions() {}
  async close() {}
}

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  role,
  organisationId: 'org1',
  organisationKind: OrganisationKind.NAV_OFFICE,
  employerId: null,
  language: 'nb',
  ...extra,
});

async function domainError(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('SearchService', () => {
  let index: RecordingIndex;
  let service: SearchService;
  beforeEach(() => {
    index = new RecordingIndex();
    service = new SearchService(index, new AccessPolicy());
  });

  it('searches within the caller’s placement visibility', async () => {
    await service.searchPlacements(actor(Role.MARKET_CONTACT), { query: 'kokk' });
    await service.searchPlacements(actor(Role.EMPLOYER, { employerId: 'e1' }), {});
    await service.searchPlacements(actor(Role.ADMIN), {});
    expect(index.placementQueries.map((q) => q.scope)).toEqual([
      { kind: 'PUBLISHED_OR_OWN', organisationId: 'org1' },
      { kind: 'EMPLOYER', employerId: 'e1' },
      { kind: 'ALL' },
    ]);
  });

  it('orders by newest when there is nothing to rank by relevance', async () => {
    await service.searchPlacements(actor(Role.ADVISOR), { query: ' og ', sort: SearchSort.RELEVANCE });
    await service.searchPlacements(actor(Role.ADVISOR), { query: 'kokk', sort: SearchSort.RELEVANCE });
    await service.searchPlacements(actor(Role.ADVISOR), { sort: SearchSort.START_DATE });
    expect(index.placementQueries.map((q) => [q.words, q.sort])).toEqual([
      [[], SearchSort.NEWEST],
      [['kokk'], SearchSort.RELEVANCE],
      [[], SearchSort.START_DATE],
    ]);
  });

  it('pages with an opaque cursor until the total is reached', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await service.searchPlacements(actor(Role.ADVISOR), { query: 'kokk', first: 20, after });
      seen.push(...page.ids);
      expect(page.totalCount).toBe(45);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(index.placementQueries.map((q) => q.offset)).toEqual([0, 20, 40]);
  });

  it('normalises the filter (distinct, sorted) and returns facet lists', async () => {
    const page = await service.searchPlacements(actor(Role.ADVISOR), { filter: { type: ['WORK_PRACTICE', 'JOB', 'JOB'], sector: [] } });
    expect(index.placementQueries[0]!.filter).toEqual({ type: ['JOB', 'WORK_PRACTICE'] });
    expect(page.facets.type).toEqual([
      { value: 'JOB', count: 3 },
      { value: 'WORK_PRACTICE', count: 0 },
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['first above 100', { first: 101 }, 'first'],
    ['first below 1', { first: 0 }, 'first'],
    ['an unknown area', { filter: { areaCode: ['OSLO-ALNA', 'ATLANTIS'] } }, 'filter.areaCode.1'],
    ['an unknown oral level', { filter: { requiredOral: ['B3'] } }, 'filter.requiredOral.0'],
    ['a keyset cursor from another list', { after: Buffer.from('["2025-01-01","x"]').toString('base64url') }, 'after'],
  ])('rejects %s as BAD_USER_INPUT naming the field, without searching', async (_what, args, field) => {
    const err = await domainError(() => service.searchPlacements(actor(Role.ADVISOR), args));
    expect(err.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(err.details.field).toBe(field);
    expect(index.placementQueries).toHaveLength(0);
  });

  it.each([Role.MARKET_CONTACT, Role.TEACHER, Role.EMPLOYER, Role.ADMIN])('refuses participant search to %s, pointing to the matching API', async (role) => {
    const err = await domainError(() => service.searchParticipants(actor(role), { query: 'Olena' }));
    expect(err.code).toBe(ErrorCode.FORBIDDEN);
    expect(err.message).toMatch(/matching API/);
    expect(index.participantQueries).toHaveLength(0);
  });

  it('searches advisors’ own unit, active and on-leave participants unless a status is chosen', async () => {
    await service.searchParticipants(actor(Role.ADVISOR), { query: 'Olena' });
    await service.searchParticipants(actor(Role.ADVISOR), { filter: { status: ['ARCHIVED'] } });
    expect(index.participantQueries.map((q) => [q.organisationId, q.filter.status])).toEqual([
      ['org1', ['ACTIVE', 'ON_LEAVE']],
      ['org1', ['ARCHIVED']],
    ]);
  });
});
