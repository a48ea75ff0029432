import { Injectable } from '@nestjs/common';
import { IdempotentConsumer, NOTIFICATION_EVENTS, type DomainEventType, type RelayedEvent } from '#lib/outbox';
import { eventDedupeKey } from '../domain/notification.js';
import { UnhandledNotificationEventError } from '../domain/notifications.errors.js';
import { planEventNotifications } from '../domain/recipient-rules.js';
import { NotificationFactsRepository } from '../persistence/notification-facts.repository.js';
import { NotificationsService } from './notifications.service.js';

/** Inbox name in consumed_events; the outbox sweeper re-adds relayed events without it. */
export const NOTIFICATIONS_CONSUMER = 'notifications';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Turns a relayed domain event into notifications. The inbox row, every delivery and every in-app notification
 * commit in one transaction, so a redelivered or re-relayed event changes nothing.
 */
@Injectable()
export class EventNotifier {
  constructor(
    private readonly consumer: IdempotentConsumer,
    private readonly facts: NotificationFactsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(event: RelayedEvent): Promise<{ applied: boolean; deliveries: number }> {
    if (!NOTIFICATION_EVENTS.has(event.type as DomainEventType) || event.aggregateType !== 'Proposal') throw new UnhandledNotificationEventError(event.type);
    let deliveries = 0;
    const applied = await this.consumer.consume(NOTIFICATIONS_CONSUMER, event, async (em) => {
      const facts = await this.facts.proposalFacts(em, event.aggregateId);
      if (!facts) return; // the proposal is gone (participant erased): nobody is left to tell
      const payload = event.payload ?? {};
      const planned = planEventNotifications({ type: event.type, to: text(payload.to), actorId: event.actorId }, facts.audience);
      const result = await this.notifications.deliver(em, {
        dedupeKey: eventDedupeKey(event.eventId),
        eventId: event.eventId,
        facts,
        params: { proposalId: facts.proposalId, status: text(payload.to), reason: text(payload.reason), dueOn: texts(payload.dueOn) },
        planned,
      });
      deliveries = result.deliveries;
    });
    return { applied, deliveries };
  }
}
