import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '#lib/access';
import { type AppConfig, ConfigModule } from '#lib/config';
import { EmployerAnswerLinksModule } from '#lib/employer-answers';
import { MatchingWorkerModule } from '#lib/matching';
import { NotificationsWorkerModule } from '#lib/notifications';
import { OpsWorkerModule } from '#lib/ops';
import { OutboxWorkerModule } from '#lib/outbox';
import { PrivacyWorkerModule } from '#lib/privacy';
import { QueueModule } from '#lib/queue';
import { RemindersWorkerModule } from '#lib/reminders';
import { DatabaseModule } from '#lib/schema';
import { SearchWorkerModule } from '#lib/search';
import { JobSchedulerKeeper } from './job-scheduler.keeper.js';
import { OutboxRelayLoop } from './outbox-relay.loop.js';
import { OutboxSweepLoop } from './outbox-sweep.loop.js';

/** The worker: no HTTP; the outbox relay, the queue processors, and the repair of what Redis lost (lost jobs, job schedulers). */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot({ servesCallers: false }), AccessModule, QueueModule, OutboxWorkerModule, MatchingWorkerModule, SearchWorkerModule, EmployerAnswerLinksModule, NotificationsWorkerModule, PrivacyWorkerModule, RemindersWorkerModule, OpsWorkerModule],
      providers: [OutboxRelayLoop, OutboxSweepLoop, JobSchedulerKeeper],
    };
  }
}
