import { Module, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { OutboxWorkerModule } from '#lib/outbox';
import { QueueModule } from '#lib/queue';
import { DisabledSmsSender } from './adapters/disabled-sms.sender.js';
import { SmtpEmailSender } from './adapters/smtp-email.sender.js';
import { DeadLetters } from './application/dead-letters.service.js';
import { EmailDispatcher } from './application/email-dispatcher.js';
import { EventNotifier } from './application/event-notifier.js';
import { NotificationInbox } from './application/notification-inbox.js';
import { NotificationRetention } from './application/notification-retention.js';
import { NotificationsService } from './application/notifications.service.js';
import { SmsDispatcher } from './application/sms-dispatcher.js';
import { EMAIL_SENDER, SMS_SENDER } from './domain/ports.js';
import { NotificationsResolver } from './graphql/notifications.resolver.js';
import { NotificationDispatchLoop } from './jobs/notification-dispatch.loop.js';
import { NotificationsProcessor } from './jobs/notifications.processor.js';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions, notificationsOptions } from './notifications.options.js';
import { NotificationFactsRepository } from './persistence/notification-facts.repository.js';

const options: Provider = { provide: NOTIFICATIONS_OPTIONS, inject: [APP_CONFIG], useFactory: notificationsOptions };

/**
 * Writing notifications (`NotificationsService.notify`) for any module, in its own transaction. Employer answer
 * links come from EMPLOYER_ANSWER_LINKS when a global module exports it (libs/employer-answers), else none.
 */
@Module({ providers: [NotificationFactsRepository, NotificationsService], exports: [NotificationsService, NotificationFactsRepository] })
export class NotificationsCoreModule {}

/** The api side: my notifications, unread count, mark read, and the admins' dead-letter view. */
@Module({ imports: [QueueModule], providers: [NotificationInbox, DeadLetters, NotificationsResolver], exports: [NotificationInbox] })
export class NotificationsModule {}

/** The worker side: the event consumer (swept by the outbox sweeper when Redis lost its job) and the email/SMS dispatchers. */
@Module({
  imports: [QueueModule, OutboxWorkerModule, NotificationsCoreModule],
  providers: [
    options,
    { provide: EMAIL_SENDER, inject: [APP_CONFIG, NOTIFICATIONS_OPTIONS], useFactory: (config: AppConfig, o: NotificationsOptions) => new SmtpEmailSender(config.smtpUrl, o.emailFrom) },
    // No SMS provider by default: bind SMS_SENDER to a real adapter here when one is chosen.
    { provide: SMS_SENDER, useClass: DisabledSmsSender },
    EventNotifier,
    EmailDispatcher,
    SmsDispatcher,
    NotificationRetention,
    NotificationsProcessor,
    NotificationDispatchLoop,
  ],
  exports: [EmailDispatcher],
})
export class NotificationsWorkerModule {}
