import type { DocumentKind, IndexedVersion, SearchIndex } from '../domain/search-index.js';
import { toParticipantDocument, toPlacementDocument } from '../domain/search-documents.js';
import type { SearchSourceRepository } from '../persistence/search-source.repository.js';

export const DEFAULT_BATCH_SIZE = 500;

export interface ReindexCounts {
  readonly indexed: number;
  /** Documents whose source row no longer exists, removed. */
  readonly removed: number;
}

export interface DriftCounts {
  /** Source rows compared. */
  readonly checked: number;
  /** In the source, not in the index. */
  readonly missing: number;
  /** In both, but built from another version of the source row. */
  readonly stale: number;
  /** In the index, not in the source. */
  readonly orphaned: number;
}

export type ReindexReport = Record<DocumentKind, ReindexCounts> & { readonly engine: string; readonly ms: number };
export type ReconcileReport = Record<DocumentKind, DriftCounts> & { readonly engine: string; readonly ms: number };

/**
 * Keeps the search index in step with PostgreSQL: reloads aggregates by id and upserts or deletes their
 * documents (idempotent, so redelivered or reordered events are harmless), rebuilds everything, and
 * reconciles drift. Used by the worker's processor and by `npm run reindex` / `npm run reconcile`.
 */
export class SearchIndexer {
  constructor(
    private readonly index: SearchIndex,
    private readonly source: SearchSourceRepository,
  ) {}

  /** Upserts the documents of placements that exist and deletes those of placements that do not. */
  async syncPlacements(ids: readonly string[]): Promise<void> {
    for (const batch of chunks(ids, DEFAULT_BATCH_SIZE)) {
      const rows = await this.source.placementsByIds(batch);
      await this.index.upsertPlacements(rows.map((r) => toPlacementDocument(r)));
      const found = new Set(rows.map((r) => r.id));
      await this.index.deletePlacements(batch.filter((id) => !found.has(id)));
    }
  }

  async syncParticipants(ids: readonly string[]): Promise<void> {
    for (const batch of chunks(ids, DEFAULT_BATCH_SIZE)) {
      const rows = await this.source.participantsByIds(batch);
      await this.index.upsertParticipants(rows.map((r) => toParticipantDocument(r)));
      const found = new Set(rows.map((r) => r.id));
      await this.index.deleteParticipants(batch.filter((id) => !found.has(id)));
    }
  }

  /** An employer's name is part of its placements' documents. */
  async syncEmployer(employerId: string): Promise<void> {
    await this.syncPlacements(await this.source.placementIdsOfEmployer(employerId));
  }

  async sync(kind: DocumentKind, ids: readonly string[]): Promise<void> {
    await (kind === 'placement' ? this.syncPlacements(ids) : this.syncParticipants(ids));
  }

  /** Rebuilds every document from PostgreSQL in batches (search keeps working meanwhile), then drops orphans. */
  async reindex(batchSize = DEFAULT_BATCH_SIZE, log: (line: string) => void = () => {}): Promise<ReindexReport> {
    const started = Date.now();
    const placements = await this.rebuild('placement', this.source.placementBatches(batchSize), async (rows) => {
      await this.index.upsertPlacements(rows.map((r) => toPlacementDocument(r)));
      return rows.map((r) => r.id);
    }, batchSize, log);
    const participants = await this.rebuild('participant', this.source.participantBatches(batchSize), async (rows) => {
      await this.index.upsertParticipants(rows.map((r) => toParticipantDocument(r)));
      return rows.map((r) => r.id);
    }, batchSize, log);
    return { engine: this.index.engine, placement: placements, participant: participants, ms: Date.now() - started };
  }

  /** Finds documents that are missing, stale (older source version) or orphaned, and repairs them. */
  async reconcile(batchSize = DEFAULT_BATCH_SIZE): Promise<ReconcileReport> {
    const started = Date.now();
    const placement = await this.reconcileKind('placement', batchSize);
    const participant = await this.reconcileKind('participant', batchSize);
    return { engine: this.index.engine, placement, participant, ms: Date.now() - started };
  }

  private async rebuild<T>(
    kind: DocumentKind,
    batches: AsyncIterable<T[]>,
    upsert: (rows: T[]) => Promise<string[]>,
    batchSize: number,
    log: (line: string) => void,
  ): Promise<ReindexCounts> {
    const seen = new Set<string>();
    for await (const rows of batches) {
      for (const id of await upsert(rows)) seen.add(id);
      log(`${kind}: ${seen.size} indexed`);
    }
    const orphans: string[] = [];
    for await (const versions of this.index.scanVersions(kind, batchSize)) for (const v of versions) if (!seen.has(v.id)) orphans.push(v.id);
    await this.deleteDocs(kind, orphans);
    return { indexed: seen.size, removed: orphans.length };
  }

  private async reconcileKind(kind: DocumentKind, batchSize: number): Promise<DriftCounts> {
    // The index side first: a document written after this snapshot can only look "missing" and be re-synced, never be deleted.
    const indexed = new Map<string, number>();
    for await (const versions of this.index.scanVersions(kind, batchSize)) for (const v of versions) indexed.set(v.id, v.version);
    let checked = 0;
    let missing = 0;
    let stale = 0;
    for await (const versions of this.source.versionBatches(kind, batchSize)) {
      const drift = compareVersions(versions, indexed);
      checked += versions.length;
      missing += drift.missing.length;
      stale += drift.stale.length;
      await this.sync(kind, [...drift.missing, ...drift.stale]);
    }
    // Whatever the source scan did not claim has no source row any more.
    const orphaned = [...indexed.keys()];
    await this.deleteDocs(kind, orphaned);
    return { checked, missing, stale, orphaned: orphaned.length };
  }

  private async deleteDocs(kind: DocumentKind, ids: readonly string[]): Promise<void> {
    for (const batch of chunks(ids, DEFAULT_BATCH_SIZE)) await (kind === 'placement' ? this.index.deletePlacements(batch) : this.index.deleteParticipants(batch));
  }
}

/**
 * Compares one batch of source versions with the index's versions; removes every id it saw from `indexed`,
 * so what remains there after the whole source was compared is orphaned.
 */
export function compareVersions(source: readonly IndexedVersion[], indexed: Map<string, number>): { missing: string[]; stale: string[] } {
  const missing: string[] = [];
  const stale: string[] = [];
  for (const { id, version } of source) {
    const have = indexed.get(id);
    if (have === undefined) missing.push(id);
    else if (have !== version) stale.push(id);
    indexed.delete(id);
  }
  return { missing, stale };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
