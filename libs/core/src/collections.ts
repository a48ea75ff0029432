/** The rows of each requested id, in the order of the ids (empty where none), each group in row order: one pass. */
export function groupedByIds<T>(ids: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return ids.map((id) => groups.get(id) ?? []);
}
