/**
 * `npm run reconcile [-- --json]`: compares the search index with PostgreSQL and repairs drift: documents missing
 * from the index, stale ones (built from an older version of the source row) and orphans (source row gone).
 * The worker runs the same reconciliation every 10 minutes; this is the manual trigger, printing the counts.
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '#lib/config';
import { createDataSource } from '#lib/schema';
import { createSearchIndex, SearchIndexer, SearchSourceRepository } from '#lib/search';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const config = loadConfigOrExit();
const dataSource = createDataSource(config.databaseUrl);
await dataSource.initialize();
const index = createSearchIndex(config, dataSource);
try {
  const report = await new SearchIndexer(index, new SearchSourceRepository(dataSource)).reconcile();
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    process.stdout.write(`Reconciled ${report.engine} search index in ${(report.ms / 1000).toFixed(1)} s\n`);
    for (const kind of ['placement', 'participant'] as const) {
      const c = report[kind];
      process.stdout.write(`  ${kind}s: ${c.checked} checked, ${c.missing} missing, ${c.stale} stale, ${c.orphaned} orphaned — all repaired\n`);
    }
  }
} finally {
  await index.close();
  await dataSource.destroy();
}
