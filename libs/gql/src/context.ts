import DataLoader from 'dataloader';
import type { Actor } from '#lib/access';

/** Per-request DataLoaders, created lazily by key so each lib registers its own without a central list. */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(key: string, batch: (ids: readonly string[]) => Promise<ReadonlyArray<V | null>>): DataLoader<string, V | null> {
    let loader = this.loaders.get(key) as DataLoader<string, V | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V | null>(async (ids) => batch(ids), { maxBatchSize: 500 });
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}

/** Collects which participants a request showed, in which view, so the audit log gets one entry per request. */
export interface ParticipantReadRecorder {
  saw(participantId: string, view: string, operation: string): void;
}

export interface GqlContext {
  readonly actor: Actor;
  readonly loaders: RequestLoaders;
  readonly requestId: string;
  /** Absent only outside HTTP requests (e.g. schema printing). */
  readonly audit?: ParticipantReadRecorder;
  /** The caller's stated purpose (`x-purpose` header), recorded with what the request read. */
  readonly purpose?: string | null;
}

/** Orders batch results to match the requested ids (DataLoader's contract), null where missing or hidden. */
export function byIds<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): Array<T | null> {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

/** The top-level query or mutation field a resolver runs under (e.g. `participants`), for the audit log. */
export function rootFieldOf(info: { path: { key: string | number; prev: unknown } }): string {
  let path = info.path as { key: string | number; prev: unknown };
  while (path.prev) path = path.prev as typeof path;
  return String(path.key);
}
