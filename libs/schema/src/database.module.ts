import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { postgresOptions, QueryCounter } from '#lib/database';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export const QUERY_COUNTER = Symbol('QUERY_COUNTER');
const counter = { provide: QUERY_COUNTER, useFactory: () => new QueryCounter() };

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG, QUERY_COUNTER],
      extraProviders: [counter],
      useFactory: (config: AppConfig, queries: QueryCounter): TypeOrmModuleOptions => ({
        ...(postgresOptions(config.databaseUrl, ENTITIES, MIGRATIONS)),
        logger: queries,
        logging: ['error', 'warn', 'migration'],
        maxQueryExecutionTime: 500,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
      // A pooled connection that PostgreSQL terminates between queries emits 'error' with no listener
      // attached, which would crash the process: keep a listener on every client (the pool drops it).
      dataSourceFactory: async (options) => guardPoolClients(await new DataSource(options!).initialize()),
    }),
  ],
  providers: [counter],
  exports: [counter],
})
export class DatabaseModule {}

interface PgPool {
  on(event: 'connect', listener: (client: { on(event: 'error', l: () => void): void }) => void): void;
  _clients?: Array<{ on(event: 'error', l: () => void): void }>;
}

function guardPoolClients(dataSource: DataSource): DataSource {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (pool) {
    const ignore = () => undefined;
    pool.on('connect', (client) => client.on('error', ignore));
    for (const client of pool._clients ?? []) client.on('error', ignore);
  }
  return dataSource;
}
