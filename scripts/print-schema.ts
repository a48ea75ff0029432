import { writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { createApiApp } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '#lib/config';
import { createLogger } from '#lib/logging';

/** Writes the generated GraphQL schema to schema.gql (committed; a test fails when it drifts). */
const config = loadConfig({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/praksisbro',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  JWT_SECRET: 'schema-printing-needs-no-real-secret-000',
  ...process.env,
});
const app = await createApiApp(config, createLogger('warn', 'schema'));
await app.init();
writeFileSync('schema.gql', printSchema(app.get(GraphQLSchemaHost).schema));
await app.close();
process.stdout.write('schema.gql written\n');
