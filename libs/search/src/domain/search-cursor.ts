import { createHash } from 'node:crypto';
import { ValidationError } from '#lib/core';

/**
 * Search pages by offset: relevance order has no stable key to seek from, and both engines page by offset.
 * The cursor is opaque and carries a fingerprint of the search it came from, so a cursor pasted into a
 * different search is rejected instead of silently skipping rows.
 */
export function searchFingerprint(search: unknown): string {
  return createHash('sha256').update(canonicalJson(search)).digest('base64url').slice(0, 12);
}

export function encodeSearchCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint }), 'utf8').toString('base64url');
}

/** The offset to continue from; `after` absent means the first page. */
export function decodeSearchCursor(after: string | null | undefined, fingerprint: string): number {
  if (!after) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const cursor = parsed as { o?: unknown; f?: unknown } | null;
  if (!cursor || typeof cursor !== 'object' || !Number.isSafeInteger(cursor.o) || (cursor.o as number) < 0 || typeof cursor.f !== 'string') {
    throw ValidationError.field('after', 'is not a cursor returned by this search');
  }
  if (cursor.f !== fingerprint) throw ValidationError.field('after', 'belongs to a different search (query, filter or sort changed); start again without it');
  return cursor.o as number;
}

/** JSON with object keys sorted and array order kept where it matters (callers sort sets before). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
