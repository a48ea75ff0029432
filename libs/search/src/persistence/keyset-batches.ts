/** Before every UUID: where a scan in id order starts. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Batches of rows in id order, each fetched after the last id of the one before, until one comes back empty.
 * `fetch(after)` returns the next rows with an id greater than `after`, ordered by id.
 */
export async function* keysetBatches<T extends { id: string }>(fetch: (after: string) => Promise<T[]>): AsyncIterable<T[]> {
  for (let after = FIRST_ID; ; ) {
    const rows = await fetch(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}
