import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = Function[];

/** One definition of how we talk to PostgreSQL, shared by api, worker, CLI and tests. */
export function postgresOptions(url: string, entities: Classes, migrations: Classes): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // Fail fast rather than hang when PostgreSQL is down; the pool retries on the next request.
    extra: { max: 20, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30000, statement_timeout: 15000 },
    applicationName: 'praksisbro',
    // gen_random_uuid() is built into PostgreSQL 13+, no extension needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
  };
}

/** The same server's `postgres` database, for creating or dropping the application's database. */
export function maintenanceUrl(url: string): string {
  return Object.assign(new URL(url), { pathname: '/postgres' }).toString();
}
