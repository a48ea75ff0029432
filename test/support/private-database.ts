import pg from 'pg';
import type { DataSource } from 'typeorm';
import { maintenanceUrl, runMigrations } from '#lib/database';
import { createDataSource } from '#lib/schema';

/**
 * A small database of one test file's own, next to the run's test database (`<test db>_<suffix>`), recreated and
 * migrated on open and dropped on close. For tests that compare the whole database before and after each call:
 * other files' rows would make every comparison slower without making it any more telling.
 */
export class PrivateDatabase {
  private constructor(
    readonly url: string,
    readonly dataSource: DataSource,
    private readonly name: string,
  ) {}

  static async open(suffix: string): Promise<PrivateDatabase> {
    const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro_test');
    const name = `${base.pathname.slice(1)}_${suffix}`;
    if (!/^[a-z0-9_]+$/.test(name) || !name.includes('test') || name.length > 63) throw new Error(`Refusing to create database "${name}": only *test* databases`);
    await PrivateDatabase.admin(base.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
    const url = Object.assign(new URL(base.toString()), { pathname: `/${name}` }).toString();
    const ds = createDataSource(url);
    await ds.initialize();
    await runMigrations(ds);
    return new PrivateDatabase(url, ds, name);
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await PrivateDatabase.admin(this.url, `DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  private static async admin(url: string, ...statements: string[]): Promise<void> {
    const client = new pg.Client({ connectionString: maintenanceUrl(url) });
    await client.connect();
    try {
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
  }
}
