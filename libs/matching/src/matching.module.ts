import { Module, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { ParticipantsModule } from '#lib/participants';
import { PlacementsModule } from '#lib/placements';
import { QueueModule } from '#lib/queue';
import { AllocationRunner } from './application/allocation-runner.js';
import { AllocationService } from './application/allocation.service.js';
import { MatchingService } from './application/matching.service.js';
import { MatchingStore } from './application/matching-store.js';
import { parseMatchWeights } from './domain/weights.js';
import { AllocationSuggestionResolver, CandidateMatchResolver, MatchingResolver, PlacementMatchResolver } from './graphql/matching.resolver.js';
import { AllocationProcessor } from './jobs/allocation.processor.js';
import { MATCHING_OPTIONS, type MatchingOptions } from './matching.options.js';

const options: Provider = {
  provide: MATCHING_OPTIONS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): MatchingOptions => ({
    weights: parseMatchWeights(config.matching.weightsJson),
    feedIntervalMs: config.matching.feedIntervalMs,
    inlineAllocationLimit: config.matching.inlineAllocationLimit,
  }),
};

/** The api side: the in-memory engine kept fresh from the outbox, and the GraphQL matching API. */
@Module({
  imports: [ParticipantsModule, PlacementsModule, QueueModule],
  providers: [options, MatchingStore, MatchingService, AllocationRunner, AllocationService, MatchingResolver, PlacementMatchResolver, CandidateMatchResolver, AllocationSuggestionResolver],
  exports: [MatchingStore, MatchingService],
})
export class MatchingModule {}

/** The worker side: allocation runs too large for a request. */
@Module({ imports: [QueueModule], providers: [options, AllocationRunner, AllocationProcessor] })
export class MatchingWorkerModule {}
