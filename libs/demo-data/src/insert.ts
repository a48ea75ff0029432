/**
 * Batched INSERTs (no COPY). Each statement sends one text array per column and lets PostgreSQL unnest and cast
 * them: `INSERT INTO t (a, b) SELECT a::uuid, b::user_role FROM unnest($1::text[], $2::text[]) AS u(a, b)`.
 * That is a handful of bound parameters per batch instead of one per value, which is several times faster than
 * multi-row VALUES for wide tables, and the casts come from the catalogue, so enums, arrays and jsonb just work.
 */
import type { ClientBase } from 'pg';

export interface TableSpec<Row> {
  readonly table: string;
  readonly columns: readonly (keyof Row & string)[];
  /** jsonb columns: sent as JSON text. */
  readonly json?: readonly (keyof Row & string)[];
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A PostgreSQL array literal for a one-dimensional array of strings/numbers (`{"a","b"}`). */
export function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`));
  return `{${items.join(',')}}`;
}

/** Every value as text (or null), the way the column's type input function expects it. */
function toText(value: unknown, json: boolean): string | null {
  if (json) return JSON.stringify(value ?? null);
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return arrayLiteral(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function columnTypes(client: ClientBase, table: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped`,
    [quoteIdent(table)],
  );
  if (rows.length === 0) throw new Error(`Table ${table} does not exist (is the database migrated?)`);
  return new Map(rows.map((r) => [r.name, r.type]));
}

/** Inserts rows in batches of `batchSize` rows per statement; returns the number of rows inserted. */
export async function insertRows<Row extends object>(client: ClientBase, spec: TableSpec<Row>, rows: readonly Row[], batchSize = 5_000): Promise<number> {
  if (rows.length === 0) return 0;
  const types = await columnTypes(client, spec.table);
  const json = new Set<string>(spec.json ?? []);
  const columns = spec.columns.map((name) => {
    const type = types.get(name);
    if (!type) throw new Error(`Column ${spec.table}.${name} does not exist`);
    return { name, type, json: json.has(name) };
  });
  const aliases = columns.map((_, i) => `c${i}`);
  const text =
    `INSERT INTO ${quoteIdent(spec.table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) ` +
    `SELECT ${columns.map((c, i) => `${aliases[i]}::${c.type}`).join(', ')} ` +
    `FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${aliases.join(', ')})`;

  const size = Math.max(1, batchSize);
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    const values = columns.map((c) => batch.map((row) => toText((row as Record<string, unknown>)[c.name], c.json)));
    await client.query(text, values);
  }
  return rows.length;
}
