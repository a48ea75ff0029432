import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '#lib/config';
import { MatchingWorkerModule } from '#lib/matching';
import { OutboxWorkerModule } from '#lib/outbox';
import { DatabaseModule } from '#lib/schema';
import { SearchWorkerModule } from '#lib/search';
import { OutboxRelayLoop } from './outbox-relay.loop.js';

/** The worker: no HTTP; the outbox relay and the queue processors. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, OutboxWorkerModule, MatchingWorkerModule, SearchWorkerModule],
      providers: [OutboxRelayLoop],
    };
  }
}
