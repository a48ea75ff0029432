import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { QueueModule } from '#lib/queue';
import { ActivityService } from './application/activity.service.js';
import { IdempotentConsumer } from './application/idempotent-consumer.js';
import { OutboxSweeper } from './application/outbox-sweeper.js';
import { OutboxRelay } from './application/outbox.relay.js';
import { OutboxWriter } from './application/outbox.writer.js';
import { DomainEventsProcessor } from './jobs/domain-events.processor.js';

/** Writing events and reading history: used by the api and every domain module. */
@Global()
@Module({ providers: [OutboxWriter, ActivityService], exports: [OutboxWriter, ActivityService] })
export class OutboxModule {}

/** The worker side: relay, the sweeper of lost jobs (consumers register with it) and the activity-log consumer. */
@Module({
  imports: [QueueModule, OutboxModule],
  providers: [
    OutboxRelay,
    IdempotentConsumer,
    { provide: OutboxSweeper, inject: [DataSource, APP_CONFIG], useFactory: (ds: DataSource, config: AppConfig) => new OutboxSweeper(ds, config.queueRepairIntervalMs) },
    DomainEventsProcessor,
  ],
  exports: [OutboxRelay, IdempotentConsumer, OutboxSweeper],
})
export class OutboxWorkerModule {}
