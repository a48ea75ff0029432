import type { DataSource } from 'typeorm';
import type { AppConfig } from '#lib/config';
import type { SearchIndex } from '../domain/search-index.js';
import { MeilisearchSearchIndex } from './meilisearch-search.index.js';
import { PostgresSearchIndex } from './postgres-search.index.js';

/**
 * PostgreSQL unless MEILI_URL is set. Meilisearch indexes are named after QUEUE_PREFIX (the deployment's
 * namespace), so several deployments or test runs can share one Meilisearch server.
 */
export function createSearchIndex(config: AppConfig, dataSource: DataSource): SearchIndex {
  if (config.meili) return new MeilisearchSearchIndex({ url: config.meili.url, apiKey: config.meili.key, indexPrefix: config.queuePrefix });
  return new PostgresSearchIndex(dataSource);
}
