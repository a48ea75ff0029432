/**
 * `npm run reindex [-- --batch-size N] [-- --json]`: rebuilds every search document from PostgreSQL, in batches,
 * into the configured engine (PostgreSQL tables, or Meilisearch when MEILI_URL is set), then removes documents
 * whose source row is gone. Search keeps answering meanwhile (documents are replaced, never cleared first).
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '#lib/config';
import { createDataSource } from '#lib/schema';
import { createSearchIndex, DEFAULT_BATCH_SIZE, SearchIndexer, SearchSourceRepository } from '#lib/search';

const { values } = parseArgs({ options: { 'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) }, json: { type: 'boolean', default: false } } });
const batchSize = Number(values['batch-size']);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  process.stderr.write('--batch-size must be an integer between 1 and 10000\n');
  process.exit(2);
}

const config = loadConfigOrExit();
const dataSource = createDataSource(config.databaseUrl);
await dataSource.initialize();
const index = createSearchIndex(config, dataSource);
try {
  const log = values.json ? () => {} : (line: string) => process.stdout.write(`  ${line}\n`);
  const report = await new SearchIndexer(index, new SearchSourceRepository(dataSource)).reindex(batchSize, log);
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    process.stdout.write(`Reindexed into ${report.engine} in ${(report.ms / 1000).toFixed(1)} s\n`);
    for (const kind of ['placement', 'participant'] as const) {
      process.stdout.write(`  ${kind}s: ${report[kind].indexed} indexed, ${report[kind].removed} orphaned documents removed\n`);
    }
  }
} finally {
  await index.close();
  await dataSource.destroy();
}
