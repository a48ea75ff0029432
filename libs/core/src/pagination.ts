import { ValidationError } from './errors.js';
import { isStorableText } from './validation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keyset cursors: opaque base64url of the sort key and id, stable under concurrent inserts. */
export interface PageRequest {
  readonly first: number;
  readonly after?: { readonly key: string; readonly id: string };
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
  readonly totalCount?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}

export function pageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw ValidationError.field('first', `must be an integer between 1 and ${MAX_PAGE_SIZE}`);
  }
  if (!after) return { first: size };
  try {
    const parsed: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    // A forged cursor must be a typed error, never a value that reaches SQL.
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string') && UUID.test(parsed[1] as string) && (parsed[0] as string).length <= 500 && isStorableText(parsed[0] as string)) {
      return { first: size, after: { key: parsed[0] as string, id: parsed[1] as string } };
    }
  } catch {
    // fall through to the typed error below
  }
  throw ValidationError.field('after', 'is not a cursor returned by this API');
}

/** Builds a page from `first + 1` fetched rows. */
export function toPage<T>(rows: readonly T[], req: PageRequest, cursorOf: (row: T) => [string, string], totalCount?: number): Page<T> {
  const hasNextPage = rows.length > req.first;
  const items = hasNextPage ? rows.slice(0, req.first) : rows;
  const last = items[items.length - 1];
  return { items, hasNextPage, endCursor: last ? encodeCursor(...cursorOf(last)) : null, totalCount };
}

/** For keysets ordered by a timestamp: the cursor's key must be one. */
export function assertTimestampCursor(page: PageRequest): void {
  if (page.after && !Number.isFinite(Date.parse(page.after.key))) throw ValidationError.field('after', 'is not a cursor returned by this API');
}
