import { Global, Module } from '@nestjs/common';
import { QueueModule } from '#lib/queue';
import { ActivityService } from './application/activity.service.js';
import { IdempotentConsumer } from './application/idempotent-consumer.js';
import { OutboxRelay } from './application/outbox.relay.js';
import { OutboxWriter } from './application/outbox.writer.js';
import { DomainEventsProcessor } from './jobs/domain-events.processor.js';

/** Writing events and reading history: used by the api and every domain module. */
@Global()
@Module({ providers: [OutboxWriter, ActivityService], exports: [OutboxWriter, ActivityService] })
export class OutboxModule {}

/** The worker side: relay and consumers. */
@Module({
  imports: [QueueModule, OutboxModule],
  providers: [OutboxRelay, IdempotentConsumer, DomainEventsProcessor],
  exports: [OutboxRelay, IdempotentConsumer],
})
export class OutboxWorkerModule {}
