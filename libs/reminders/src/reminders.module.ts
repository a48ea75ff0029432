import { Module, type Provider } from '@nestjs/common';
import { NotificationsCoreModule } from '#lib/notifications';
import { QueueModule } from '#lib/queue';
import { NotificationReminderSink } from './application/notification-sink.js';
import { REMINDER_SINK } from './application/reminder-sink.js';
import { DailyDigest } from './application/daily-digest.js';
import { ReminderScanner } from './application/reminder-scanner.js';
import { ReminderRulesResolver, ReminderRulesService } from './graphql/reminder-rules.resolver.js';
import { RemindersProcessor } from './jobs/reminders.processor.js';

const sink: Provider = { provide: REMINDER_SINK, useExisting: NotificationReminderSink };

/** The worker side of reminders: scans, digests and answer deadlines, delivered as notifications. */
@Module({ imports: [QueueModule, NotificationsCoreModule], providers: [NotificationReminderSink, sink, ReminderScanner, DailyDigest, RemindersProcessor] })
export class RemindersWorkerModule {}

/** The api side: rules as data, administered through GraphQL. */
@Module({ providers: [ReminderRulesService, ReminderRulesResolver] })
export class RemindersModule {}
