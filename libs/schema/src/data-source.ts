import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { postgresOptions } from '#lib/database';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(postgresOptions(databaseUrl, ENTITIES, MIGRATIONS));
}

/** For the TypeORM CLI (`npm run migration:generate`, `migration:run`). */
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro');
