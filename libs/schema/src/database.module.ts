import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { applyRowScopes, postgresOptions, QueryCounter } from '#lib/database';
import { ENTITIES } from './entities.js';
import { APP_ROLE } from './migrations/1796300000000-RowLevelSecurity.js';
import { MIGRATIONS } from './migrations/index.js';

export const QUERY_COUNTER = Symbol('QUERY_COUNTER');
const counter = { provide: QUERY_COUNTER, useFactory: () => new QueryCounter() };

export interface DatabaseModuleOptions {
  /**
   * The api serves callers: it connects as the unprivileged role praksisbro_app, under row-level security, and
   * carries each request's caller into every transaction (libs/database row-scope.ts). The worker and scripts
   * connect as the tables' owner and process everyone's data.
   */
  readonly servesCallers: boolean;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG, QUERY_COUNTER],
          extraProviders: [counter],
          useFactory: (config: AppConfig, queries: QueryCounter): TypeOrmModuleOptions => {
            const base = postgresOptions(config.databaseUrl, ENTITIES, MIGRATIONS);
            return {
              ...base,
              // The role is taken at connection start, before any statement, on every pooled connection.
              extra: options.servesCallers ? { ...base.extra, options: `-c role=${APP_ROLE}` } : base.extra,
              logger: queries,
              logging: ['error', 'warn', 'migration'],
              maxQueryExecutionTime: 500,
              retryAttempts: 3,
              retryDelay: 1000,
            };
          },
          // A pooled connection that PostgreSQL terminates between queries emits 'error' with no listener
          // attached, which would crash the process: keep a listener on every client (the pool drops it).
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = guardPoolClients(await new DataSource(dataSourceOptions!).initialize());
            return options.servesCallers ? applyRowScopes(dataSource) : dataSource;
          },
        }),
      ],
      providers: [counter],
      exports: [counter],
    };
  }
}

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
