import { Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '#lib/config';
import { OutboxWorkerModule } from '#lib/outbox';
import { ParticipantsModule } from '#lib/participants';
import { PlacementsModule } from '#lib/placements';
import { QueueModule } from '#lib/queue';
import { createSearchIndex } from './adapters/search-index.factory.js';
import { SearchIndexer } from './application/search-indexer.js';
import { SearchService } from './application/search.service.js';
import { SEARCH_INDEX, type SearchIndex } from './domain/search-index.js';
import { SearchResolver } from './graphql/search.resolver.js';
import { SearchIndexProcessor } from './jobs/search-index.processor.js';
import { SearchReconcileScheduler } from './jobs/search-reconcile.scheduler.js';
import { SearchSourceRepository } from './persistence/search-source.repository.js';

const searchIndex: Provider = { provide: SEARCH_INDEX, inject: [APP_CONFIG, DataSource], useFactory: createSearchIndex };

/** The api side: `searchPlacements` and `searchParticipants`. */
@Module({
  imports: [PlacementsModule, ParticipantsModule],
  providers: [searchIndex, SearchService, SearchResolver],
  exports: [SearchService],
})
export class SearchModule {}

/** The worker side: keeps the index fresh from domain events and reconciles drift on a schedule. */
@Module({
  imports: [QueueModule, OutboxWorkerModule],
  providers: [
    searchIndex,
    { provide: SearchSourceRepository, inject: [DataSource], useFactory: (ds: DataSource) => new SearchSourceRepository(ds) },
    { provide: SearchIndexer, inject: [SEARCH_INDEX, SearchSourceRepository], useFactory: (index: SearchIndex, source: SearchSourceRepository) => new SearchIndexer(index, source) },
    SearchIndexProcessor,
    SearchReconcileScheduler,
  ],
  exports: [SearchIndexer],
})
export class SearchWorkerModule {}
