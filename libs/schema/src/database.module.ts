import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
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
    }),
  ],
  providers: [counter],
  exports: [counter],
})
export class DatabaseModule {}
