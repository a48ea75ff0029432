import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Channel, NotificationKind, NotificationsService } from '#lib/notifications';
import type { ReminderMessage, ReminderSink } from './reminder-sink.js';

/**
 * Reminders go out as notifications: in-app and by email (bundled into the recipient's digest by the
 * dispatcher), written in the transaction that records the reminder as fired, de-duplicated by its key.
 */
@Injectable()
export class NotificationReminderSink implements ReminderSink {
  constructor(private readonly notifications: NotificationsService) {}

  async deliver(em: EntityManager, message: ReminderMessage): Promise<void> {
    const content = (lang: 'nb' | 'en') => ({ subject: message.texts[lang].title, paragraphs: message.texts[lang].body.split('\n').filter((p) => p.trim() !== '') });
    await this.notifications.notifyRendered(
      em,
      message.recipients.map((id) => ({ recipient: { kind: 'USER' as const, id }, channels: [Channel.IN_APP, Channel.EMAIL] })),
      { kind: NotificationKind.REMINDER, texts: { nb: content('nb'), en: content('en') }, subject: message.subject },
      `reminder:${message.key}`,
    );
  }
}
