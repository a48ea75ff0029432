import { Redis } from 'ioredis';
import pg from 'pg';
import { maintenanceUrl, runMigrations } from '#lib/database';
import { createDataSource } from '#lib/schema';

/** A fresh test database per run, built by the real migrations (never synchronize). */
export default async function globalSetup(): Promise<void> {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro_test');
  const dbName = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(dbName) || !dbName.includes('test')) throw new Error(`Refusing to reset database "${dbName}": tests only run on a *test* database`);
  const admin = new pg.Client({ connectionString: maintenanceUrl(url.toString()) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  // Queues must start empty too: job ids derive from outbox ids, which restart with the database.
  const prefix = process.env.QUEUE_PREFIX ?? 'praksisbro-test';
  if (!prefix.includes('test')) throw new Error(`Refusing to clear queue prefix "${prefix}": tests only use a *test* prefix`);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
  const ds = createDataSource(url.toString());
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
}
