import { loadConfigOrExit } from '#lib/config';
import { maintenanceUrl, runMigrations } from '#lib/database';
import pg from 'pg';
import { createDataSource } from '#lib/schema';

/** `node dist/scripts/migrate.js`: applies pending migrations under an advisory lock. */
const config = loadConfigOrExit();
if (process.argv.includes('--create-database')) await createDatabaseIfMissing(config.databaseUrl);
const ds = createDataSource(config.databaseUrl);
await ds.initialize();
const applied = await runMigrations(ds);
await ds.destroy();
process.stdout.write(applied.length ? `Applied migrations: ${applied.join(', ')}\n` : 'Database schema is up to date\n');

/** For local start-up: the server may be fresh, without the praksisbro database. */
async function createDatabaseIfMissing(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: maintenanceUrl(url) });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    process.stdout.write(`Created database ${name}\n`);
  }
  await admin.end();
}
