import type { DataSource } from 'typeorm';
import type { DocumentKind, IndexedVersion } from '../domain/search-index.js';
import type { ParticipantSource, PlacementSource } from '../domain/search-documents.js';
import { keysetBatches } from './keyset-batches.js';

/** `updated_at` as exact epoch microseconds (fits a JS number), so any change shows as a different version. */
const micros = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint::text`;
/** A placement document also shows its employer's name, so either row changing makes it stale. */
const PLACEMENT_VERSION = micros('greatest(p.updated_at, e.updated_at)');
const PARTICIPANT_VERSION = micros('p.updated_at');

/**
 * Reads what search documents are built from, straight from the source tables (system access: the index holds
 * every row; visibility is applied when searching).
 */
export class SearchSourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async placementsByIds(ids: readonly string[]): Promise<PlacementSource[]> {
    if (ids.length === 0) return [];
    return this.placements('p.id = ANY($1::uuid[])', [ids]);
  }

  async placementIdsOfEmployer(employerId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM placements WHERE employer_id = $1 ORDER BY id`, [employerId])) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async participantsByIds(ids: readonly string[]): Promise<ParticipantSource[]> {
    if (ids.length === 0) return [];
    return this.participants('p.id = ANY($1::uuid[])', [ids]);
  }

  /** Source rows in id order, a batch at a time (reindex). */
  placementBatches(batchSize: number): AsyncIterable<PlacementSource[]> {
    return keysetBatches((after) => this.placements('p.id > $1 ORDER BY p.id LIMIT $2', [after, batchSize]));
  }

  participantBatches(batchSize: number): AsyncIterable<ParticipantSource[]> {
    return keysetBatches((after) => this.participants('p.id > $1 ORDER BY p.id LIMIT $2', [after, batchSize]));
  }

  /** Ids and versions only, in id order (reconciliation compares these with the index). */
  async *versionBatches(kind: DocumentKind, batchSize: number): AsyncIterable<IndexedVersion[]> {
    const sql =
      kind === 'placement'
        ? `SELECT p.id, ${PLACEMENT_VERSION} AS version FROM placements p JOIN employers e ON e.id = p.employer_id WHERE p.id > $1 ORDER BY p.id LIMIT $2`
        : `SELECT p.id, ${PARTICIPANT_VERSION} AS version FROM participants p WHERE p.id > $1 AND p.anonymised_at IS NULL ORDER BY p.id LIMIT $2`;
    for await (const rows of keysetBatches((after) => this.dataSource.query(sql, [after, batchSize]) as Promise<Array<{ id: string; version: string }>>)) {
      yield rows.map((r) => ({ id: r.id, version: Number(r.version) }));
    }
  }

  private async placements(where: string, params: unknown[]): Promise<PlacementSource[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.title, p.description, p.tasks, p.occupation_code, p.type, p.sector, p.area_code, p.required_oral, p.status,
              p.employer_id, e.name AS employer_name, p.owner_organisation_id, p.start_date::text AS start_date, p.created_at, ${PLACEMENT_VERSION} AS version
       FROM placements p JOIN employers e ON e.id = p.employer_id
       WHERE ${where}`,
      params,
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as string,
      title: r.title as string,
      description: r.description as string,
      tasks: r.tasks as string[],
      occupationCode: (r.occupation_code as string).trim(),
      type: r.type as string,
      sector: r.sector as string,
      areaCode: r.area_code as string,
      requiredOral: r.required_oral as string | null,
      status: r.status as string,
      employerId: r.employer_id as string,
      employerName: r.employer_name as string,
      ownerOrganisationId: r.owner_organisation_id as string,
      startDate: r.start_date as string,
      createdAt: r.created_at as Date,
      version: Number(r.version),
    }));
  }

  private async participants(where: string, params: unknown[]): Promise<ParticipantSource[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.organisation_id, p.first_name, p.last_name, p.wanted_occupations,
              ARRAY(SELECT x->>'occupationCode' FROM jsonb_array_elements(p.experience) x WHERE x ? 'occupationCode') AS experience_occupations,
              p.status, p.final_goal, p.oral_level, p.reachable_areas, ${PARTICIPANT_VERSION} AS version
       FROM participants p
       WHERE p.anonymised_at IS NULL AND ${where}`,
      params,
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as string,
      organisationId: r.organisation_id as string,
      firstName: r.first_name as string,
      lastName: r.last_name as string,
      wantedOccupations: r.wanted_occupations as string[],
      experienceOccupations: r.experience_occupations as string[],
      status: r.status as string,
      finalGoal: r.final_goal as string,
      oralLevel: r.oral_level as string | null,
      reachableAreas: r.reachable_areas as string[],
      version: Number(r.version),
    }));
  }
}
