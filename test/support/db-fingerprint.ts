import type { DataSource } from 'typeorm';

/** TypeORM's own bookkeeping, not application state. */
const NOT_APPLICATION_TABLES = new Set(['migrations', 'typeorm_metadata']);

export type Fingerprint = Record<string, string>;

export interface FingerprintOptions {
  /** Tables left out (say why where you use it). */
  readonly exclude?: readonly string[];
  /**
   * Count write statements per table (a statement-level trigger bumping a sequence, which no rollback undoes) and
   * re-hash only the tables written to since the last fingerprint. Exact — a table changes only through a statement —
   * and cheap when most calls write nothing. Installs triggers and sequences: for a private test database only.
   */
  readonly trackWrites?: boolean;
}

/**
 * A fingerprint of every application table: md5 over each table's rows in primary-key order (whole-row order for a
 * table without one), one SQL statement for all of them, so "nothing changed" can be checked exactly. Build it once per
 * database (after migrations), then `take()` as often as needed.
 */
export class DatabaseFingerprint {
  private last: Fingerprint | null = null;
  private lastWrites: Record<string, string> = {};

  private constructor(
    private readonly ds: DataSource,
    private readonly hashSql: ReadonlyMap<string, string>,
    private readonly writesSql: string | null,
    readonly tables: readonly string[],
  ) {}

  static async prepare(ds: DataSource, options: FingerprintOptions = {}): Promise<DatabaseFingerprint> {
    const rows = (await ds.query(
      `SELECT c.relname AS table,
              (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum))
                 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY c.relname`,
    )) as Array<{ table: string; pk: string | null }>;
    const tables = rows.filter((r) => !NOT_APPLICATION_TABLES.has(r.table) && !(options.exclude ?? []).includes(r.table));
    if (tables.length === 0) throw new Error('no application tables to fingerprint');
    const hashSql = new Map(
      tables.map(({ table, pk }) => {
        const order = pk ? pk.split(', ').map((c) => `fp_row.${c}`).join(', ') : 'fp_row::text';
        return [table, `SELECT ${literal(table)} AS t, md5(coalesce(string_agg(fp_row::text, E'\\n' ORDER BY ${order}), '')) AS h FROM ${ident(table)} fp_row`];
      }),
    );
    let writesSql: string | null = null;
    if (options.trackWrites) {
      await ds.query(`CREATE OR REPLACE FUNCTION fp_count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval(TG_ARGV[0]::regclass); RETURN NULL; END $$`);
      for (const { table } of tables) {
        const seq = `fp_w_${table}`.slice(0, 63);
        await ds.query(`CREATE SEQUENCE IF NOT EXISTS ${ident(seq)}`);
        await ds.query(`DROP TRIGGER IF EXISTS fp_count_write ON ${ident(table)}`);
        await ds.query(`CREATE TRIGGER fp_count_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${ident(table)} FOR EACH STATEMENT EXECUTE FUNCTION fp_count_write(${literal(ident(seq))})`);
      }
      writesSql = tables.map(({ table }) => `SELECT ${literal(table)} AS t, last_value::text AS n FROM ${ident(`fp_w_${table}`.slice(0, 63))}`).join('\nUNION ALL\n');
    }
    return new DatabaseFingerprint(ds, hashSql, writesSql, tables.map((t) => t.table));
  }

  async take(): Promise<Fingerprint> {
    if (!this.writesSql || !this.last) {
      const [writes, hashes] = await Promise.all([this.writes(), this.hash([...this.hashSql.keys()])]);
      this.lastWrites = writes;
      return (this.last = hashes);
    }
    const writes = await this.writes();
    const touched = this.tables.filter((t) => writes[t] !== this.lastWrites[t]);
    this.lastWrites = writes;
    if (touched.length) this.last = { ...this.last, ...(await this.hash(touched)) };
    return this.last;
  }

  private async writes(): Promise<Record<string, string>> {
    if (!this.writesSql) return {};
    const rows = (await this.ds.query(this.writesSql)) as Array<{ t: string; n: string }>;
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  }

  private async hash(tables: readonly string[]): Promise<Fingerprint> {
    const rows = (await this.ds.query(tables.map((t) => this.hashSql.get(t)!).join('\nUNION ALL\n'))) as Array<{ t: string; h: string }>;
    return Object.fromEntries(rows.map((r) => [r.t, r.h]));
  }

  /** Names of the tables whose content differs between two fingerprints. */
  static changed(before: Fingerprint, after: Fingerprint): string[] {
    return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]).sort();
  }
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
