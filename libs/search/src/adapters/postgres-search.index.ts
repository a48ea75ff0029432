import type { DataSource } from 'typeorm';
import { PUBLISHED_STATUSES } from '#lib/placements';
import { type ParticipantDocument, participantTextByWeight, type PlacementDocument, placementTextByWeight } from '../domain/search-documents.js';
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
import { vocabularyOf } from '../domain/search-text.js';
import { allowedTypos, corrections as typoCorrections } from '../domain/typo.js';
import { buildExactAnyTsQuery, buildTsQuery } from './postgres-tsquery.js';
import { keysetBatches } from '../persistence/keyset-batches.js';

/** Nearest indexed words (by trigrams) checked per query word for being a typo of it. */
const CANDIDATES_PER_WORD = 20;
/** ts_rank weights for D, C, B, A (PostgreSQL's defaults, written out because ranking depends on them). */
const RANK_WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'`;

const PLACEMENT_COLUMNS: Record<PlacementFacet, string> = {
  type: 'type',
  sector: 'sector',
  areaCode: 'area_code',
  requiredOral: 'required_oral',
  status: 'status',
};

const PARTICIPANT_COLUMNS: Record<Exclude<ParticipantFacet, 'reachableArea'>, string> = {
  status: 'status',
  finalGoal: 'final_goal',
  oralLevel: 'oral_level',
};

/** Collects positional parameters while SQL is assembled, so values never become SQL text. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

type FacetRow = { facet: string | null; value: string | null; n: number };

/**
 * Search on PostgreSQL: weighted `norwegian` full text (title/occupation A, employer B, tasks/description C)
 * on a GIN index, typo tolerance through pg_trgm over a vocabulary of indexed words, and filters, facets and
 * the page computed in one statement (facets via GROUPING SETS over the matching rows).
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly engine = 'postgres' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ownsDataSource = false,
  ) {}

  async upsertPlacements(input: readonly PlacementDocument[]): Promise<void> {
    const docs = lastPerId(input);
    if (docs.length === 0) return;
    const texts = docs.map((d) => placementTextByWeight(d));
    const rows = docs.map((d, i) => ({
      id: d.id,
      type: d.type,
      sector: d.sector,
      area_code: d.areaCode,
      required_oral: d.requiredOral,
      status: d.status,
      employer_id: d.employerId,
      owner_organisation_id: d.ownerOrganisationId,
      start_date: d.startDate,
      created_at: d.createdAt,
      version: d.version,
      ...texts[i],
    }));
    const terms = vocabularyOf(texts.flatMap((t) => Object.values(t))).sort();
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO search_placements (id, type, sector, area_code, required_oral, status, employer_id, owner_organisation_id, start_date, created_at, version, indexed_at)
         SELECT d.id, d.type, d.sector, d.area_code, d.required_oral, d.status, d.employer_id, d.owner_organisation_id, d.start_date, d.created_at, d.version, now()
         FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, type text, sector text, area_code text, required_oral text, status text, employer_id uuid,
              owner_organisation_id uuid, start_date date, created_at timestamptz, version bigint)
         ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, sector = EXCLUDED.sector, area_code = EXCLUDED.area_code, required_oral = EXCLUDED.required_oral,
           status = EXCLUDED.status, employer_id = EXCLUDED.employer_id, owner_organisation_id = EXCLUDED.owner_organisation_id, start_date = EXCLUDED.start_date,
           created_at = EXCLUDED.created_at, version = EXCLUDED.version, indexed_at = now()`,
        [JSON.stringify(rows)],
      );
      await em.query(
        `INSERT INTO search_placement_documents (id, document)
         SELECT d.id, setweight(to_tsvector('norwegian', d.a), 'A') || setweight(to_tsvector('norwegian', d.b), 'B') || setweight(to_tsvector('norwegian', d.c), 'C')
         FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, a text, b text, c text)
         ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document`,
        [JSON.stringify(rows.map(({ id, a, b, c }) => ({ id, a, b, c })))],
      );
      // Sorted, so concurrent writers take the vocabulary's row locks in the same order (no deadlock).
      if (terms.length) await em.query(`INSERT INTO search_placement_terms (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [terms]);
    });
  }

  async deletePlacements(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.dataSource.query(`DELETE FROM search_placements WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async upsertParticipants(input: readonly ParticipantDocument[]): Promise<void> {
    const docs = lastPerId(input);
    if (docs.length === 0) return;
    const rows = docs.map((d) => {
      const text = participantTextByWeight(d);
      return {
        id: d.id,
        organisation_id: d.organisationId,
        status: d.status,
        final_goal: d.finalGoal,
        oral_level: d.oralLevel,
        reachable_areas: d.reachableAreas,
        terms: vocabularyOf(Object.values(text)),
        version: d.version,
        ...text,
      };
    });
    await this.dataSource.query(
      `INSERT INTO search_participants AS s (id, organisation_id, status, final_goal, oral_level, reachable_areas, terms, document, version, indexed_at)
       SELECT d.id, d.organisation_id, d.status, d.final_goal, d.oral_level,
              ARRAY(SELECT jsonb_array_elements_text(d.reachable_areas)), ARRAY(SELECT jsonb_array_elements_text(d.terms)),
              setweight(to_tsvector('norwegian', d.a), 'A') || setweight(to_tsvector('norwegian', d.b), 'B') || setweight(to_tsvector('norwegian', d.c), 'C'),
              d.version, now()
       FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, organisation_id uuid, status text, final_goal text, oral_level text, reachable_areas jsonb, terms jsonb,
            version bigint, a text, b text, c text)
       ON CONFLICT (id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, status = EXCLUDED.status, final_goal = EXCLUDED.final_goal,
         oral_level = EXCLUDED.oral_level, reachable_areas = EXCLUDED.reachable_areas, terms = EXCLUDED.terms, document = EXCLUDED.document,
         version = EXCLUDED.version, indexed_at = now()`,
      [JSON.stringify(rows)],
    );
  }

  async deleteParticipants(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.dataSource.query(`DELETE FROM search_participants WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async searchPlacements(query: PlacementSearchQuery): Promise<SearchHits<PlacementFacet>> {
    const p = new Params();
    const where: string[] = [this.scopeCondition(query, p)];
    let from = 'search_placements s';
    let rank = '0::real';
    if (query.words.length) {
      const corrections = await this.corrections(query.words, (words) =>
        this.dataSource.query(
          `SELECT w.word, t.term FROM unnest($1::text[]) AS w(word)
           CROSS JOIN LATERAL (SELECT term FROM search_placement_terms ORDER BY term <-> w.word LIMIT ${CANDIDATES_PER_WORD}) t`,
          [words],
        ),
      );
      const tsquery = `to_tsquery('norwegian', ${p.add(buildTsQuery(query.words, corrections))})`;
      from = 'search_placements s JOIN search_placement_documents d ON d.id = s.id';
      where.push(`d.document @@ ${tsquery}`);
      rank = `ts_rank_cd(${RANK_WEIGHTS}, d.document, ${tsquery}) + ts_rank_cd(${RANK_WEIGHTS}, d.document, to_tsquery('norwegian', ${p.add(buildExactAnyTsQuery(query.words))}))`;
    }
    const matches = facetPredicates(PLACEMENT_FACETS, query.filter, p, (facet, param) => `s.${PLACEMENT_COLUMNS[facet]} = ANY(${param}::text[])`);
    where.push(atMostOneFails(Object.values(matches)));
    const order = {
      [SearchSort.RELEVANCE]: 'rank DESC, created_at DESC, id DESC',
      [SearchSort.NEWEST]: 'created_at DESC, id DESC',
      [SearchSort.START_DATE]: 'start_date ASC, rank DESC, created_at DESC, id DESC',
    }[query.sort];
    const columns = PLACEMENT_FACETS.map((f) => PLACEMENT_COLUMNS[f]);
    const sql = `
      WITH base AS (
        SELECT s.id, s.created_at, s.start_date, ${columns.map((c) => `s.${c}`).join(', ')}, ${rankOfHits(rank, Object.values(matches))} AS rank,
               ${PLACEMENT_FACETS.map((f) => `${matches[f]} AS m_${PLACEMENT_COLUMNS[f]}`).join(', ')}
        FROM ${from}
        WHERE ${where.join(' AND ')}
      ),
      counted AS (${groupingSetsSql(PLACEMENT_FACETS.map((f) => ({ facet: f, column: PLACEMENT_COLUMNS[f] })))}),
      page AS (
        SELECT id, rank, created_at, start_date FROM base WHERE ${columns.map((c) => `m_${c}`).join(' AND ')}
        ORDER BY ${order} LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}
      )
      SELECT (SELECT coalesce(json_agg(id ORDER BY ${order}), '[]') FROM page) AS ids,
             (SELECT coalesce(json_agg(json_build_object('facet', facet, 'value', value, 'n', n)), '[]') FROM counted) AS facets`;
    const [row] = (await this.dataSource.query(sql, p.values)) as [{ ids: string[]; facets: FacetRow[] }];
    return toHits(PLACEMENT_FACETS, row);
  }

  async searchParticipants(query: ParticipantSearchQuery): Promise<SearchHits<ParticipantFacet>> {
    const p = new Params();
    const org = p.add(query.organisationId);
    const where = [`s.organisation_id = ${org}::uuid`];
    let rank = '0::real';
    if (query.words.length) {
      // The unit's own documents are the vocabulary: names never leave the rows advisors of that unit may search.
      const corrections = await this.corrections(query.words, (words) =>
        this.dataSource.query(
          `WITH vocabulary AS MATERIALIZED (SELECT DISTINCT unnest(terms) AS term FROM search_participants WHERE organisation_id = $2::uuid)
           SELECT w.word, t.term FROM unnest($1::text[]) AS w(word)
           CROSS JOIN LATERAL (SELECT term FROM vocabulary ORDER BY term <-> w.word LIMIT ${CANDIDATES_PER_WORD}) t`,
          [words, query.organisationId],
        ),
      );
      const tsquery = `to_tsquery('norwegian', ${p.add(buildTsQuery(query.words, corrections))})`;
      where.push(`s.document @@ ${tsquery}`);
      rank = `ts_rank_cd(${RANK_WEIGHTS}, s.document, ${tsquery}) + ts_rank_cd(${RANK_WEIGHTS}, s.document, to_tsquery('norwegian', ${p.add(buildExactAnyTsQuery(query.words))}))`;
    }
    const matches = facetPredicates(PARTICIPANT_FACETS, query.filter, p, (facet, param) =>
      facet === 'reachableArea' ? `s.reachable_areas && ${param}::text[]` : `s.${PARTICIPANT_COLUMNS[facet]} = ANY(${param}::text[])`,
    );
    where.push(atMostOneFails(Object.values(matches)));
    const scalar = (['status', 'finalGoal', 'oralLevel'] as const).map((f) => ({ facet: f, column: PARTICIPANT_COLUMNS[f] }));
    const flag = (f: ParticipantFacet) => `m_${f === 'reachableArea' ? 'reachable_area' : PARTICIPANT_COLUMNS[f]}`;
    const allMatch = PARTICIPANT_FACETS.map(flag).join(' AND ');
    // Without words, most recently changed first (like the participants list).
    const order = query.words.length ? 'rank DESC, version DESC, id DESC' : 'version DESC, id DESC';
    const sql = `
      WITH base AS (
        SELECT s.id, s.version, s.status, s.final_goal, s.oral_level, s.reachable_areas, ${rankOfHits(rank, Object.values(matches))} AS rank,
               ${PARTICIPANT_FACETS.map((f) => `${matches[f]} AS ${flag(f)}`).join(', ')}
        FROM search_participants s
        WHERE ${where.join(' AND ')}
      ),
      counted AS (
        ${groupingSetsSql(scalar, PARTICIPANT_FACETS.map(flag))}
        UNION ALL
        SELECT 'reachableArea', area, count(*) FILTER (WHERE ${PARTICIPANT_FACETS.filter((f) => f !== 'reachableArea').map(flag).join(' AND ')})
        FROM base, unnest(base.reachable_areas) AS area GROUP BY area
      ),
      page AS (SELECT id, rank, version FROM base WHERE ${allMatch} ORDER BY ${order} LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)})
      SELECT (SELECT coalesce(json_agg(id ORDER BY ${order}), '[]') FROM page) AS ids,
             (SELECT coalesce(json_agg(json_build_object('facet', facet, 'value', value, 'n', n)), '[]') FROM counted) AS facets`;
    const [row] = (await this.dataSource.query(sql, p.values)) as [{ ids: string[]; facets: FacetRow[] }];
    return toHits(PARTICIPANT_FACETS, row);
  }

  async *scanVersions(kind: DocumentKind, batchSize: number): AsyncIterable<readonly IndexedVersion[]> {
    const table = kind === 'placement' ? 'search_placements' : 'search_participants';
    const fetch = (after: string) =>
      this.dataSource.query(`SELECT id, version::text AS version FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`, [after, batchSize]) as Promise<Array<{ id: string; version: string }>>;
    for await (const rows of keysetBatches(fetch)) {
      yield rows.map((r) => ({ id: r.id, version: Number(r.version) }));
    }
  }

  async close(): Promise<void> {
    if (this.ownsDataSource && this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private scopeCondition(query: PlacementSearchQuery, p: Params): string {
    const scope = query.scope;
    switch (scope.kind) {
      case 'ALL':
        return 'TRUE';
      case 'EMPLOYER':
        return `s.employer_id = ${p.add(scope.employerId)}::uuid`;
      case 'PUBLISHED_OR_OWN':
        return `(s.status = ANY(${p.add(PUBLISHED_STATUSES)}::text[]) OR s.owner_organisation_id = ${p.add(scope.organisationId)}::uuid)`;
    }
  }

  /** Indexed words within the allowed typos of each query word: trigram neighbours, kept when the edit distance allows. */
  private async corrections(words: readonly string[], lookup: (words: string[]) => Promise<unknown>): Promise<Map<string, string[]>> {
    const typoable = words.filter((w) => allowedTypos(w) > 0);
    if (typoable.length === 0) return new Map();
    return typoCorrections(words, (await lookup(typoable)) as Array<{ word: string; term: string }>);
  }
}

/** One row per id (the last given wins): INSERT … ON CONFLICT cannot touch the same row twice in one statement. */
function lastPerId<T extends { id: string }>(docs: readonly T[]): T[] {
  return [...new Map(docs.map((d) => [d.id, d])).values()];
}

/**
 * A row failing two or more filters counts in no facet (each facet drops only its own filter), so the rows worth
 * aggregating are those failing at most one: with several filters chosen this keeps the facet pass small.
 */
function atMostOneFails(predicates: readonly string[]): string {
  const active = predicates.filter((pr) => pr !== 'TRUE');
  return active.length < 2 ? 'TRUE' : `(${active.map((pr) => `(NOT ${pr})::int`).join(' + ')}) <= 1`;
}

/** Ranking reads whole documents, so only rows that can be hits are ranked. */
function rankOfHits(rank: string, predicates: readonly string[]): string {
  const active = predicates.filter((pr) => pr !== 'TRUE');
  return rank === '0::real' || active.length === 0 ? rank : `CASE WHEN ${active.join(' AND ')} THEN ${rank} ELSE 0 END`;
}

/** `TRUE` for a facet without selected values, else the predicate on a parameter holding them. */
function facetPredicates<F extends string>(facets: readonly F[], filter: FacetFilter<F>, p: Params, predicate: (facet: F, param: string) => string): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const f of facets) {
    const values = filter[f];
    out[f] = values?.length ? predicate(f, p.add(values)) : 'TRUE';
  }
  return out;
}

/**
 * One pass over `base` counting every facet: a grouping set per facet, each counted over the rows that match all
 * other facets' filters (flags m_<column>), and the empty set counting rows that match all filters (the total).
 */
function groupingSetsSql(facets: ReadonlyArray<{ facet: string; column: string }>, allFlags: readonly string[] = facets.map((f) => `m_${f.column}`)): string {
  const others = (column: string) => allFlags.filter((f) => f !== `m_${column}`).join(' AND ') || 'TRUE';
  return `
    SELECT CASE ${facets.map((f) => `WHEN GROUPING(${f.column}) = 0 THEN '${f.facet}'`).join(' ')} END AS facet,
           COALESCE(${facets.map((f) => f.column).join(', ')}) AS value,
           CASE ${facets.map((f) => `WHEN GROUPING(${f.column}) = 0 THEN count(*) FILTER (WHERE ${others(f.column)})`).join(' ')}
                ELSE count(*) FILTER (WHERE ${allFlags.join(' AND ')}) END AS n
    FROM base
    GROUP BY GROUPING SETS (${facets.map((f) => `(${f.column})`).join(', ')}, ())`;
}

function toHits<F extends string>(facets: readonly F[], row: { ids: string[]; facets: FacetRow[] }): SearchHits<F> {
  const distribution = new Map<string, Record<string, number>>(facets.map((f) => [f, {}]));
  let totalCount = 0;
  for (const { facet, value, n } of row.facets) {
    if (facet === null) totalCount = Number(n);
    else if (value !== null && Number(n) > 0) distribution.get(facet)![value] = Number(n);
  }
  return { ids: row.ids, totalCount, facets: Object.fromEntries(distribution) as FacetDistribution<F> };
}
