import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { pageRequest } from '#lib/core';
import { CurrentActor, toConnection } from '#lib/gql';
import { DeadLetters, DeadLetterSource } from '../application/dead-letters.service.js';
import { type InboxItem, NotificationInbox } from '../application/notification-inbox.js';
import type { NotificationKind } from '../domain/notification.js';
import { DeadLetterNotification, MarkNotificationsReadResult, Notification, NotificationConnection } from './notification.model.js';

const toNotification = (i: InboxItem): Notification => ({ ...i, kind: i.kind as NotificationKind, read: i.readAt !== null });

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly deadLetters: DeadLetters,
  ) {}

  @Query(() => NotificationConnection, { description: 'Your in-app notifications, newest first.' })
  async myNotifications(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly: boolean,
  ) {
    return toConnection(await this.inbox.list(actor, unreadOnly, pageRequest(first, after)), toNotification);
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.inbox.unreadCount(actor);
  }

  @Mutation(() => MarkNotificationsReadResult, { description: 'Marks your notifications read; an id that is not yours is NOT_FOUND and nothing changes.' })
  markNotificationsRead(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.inbox.markRead(actor, ids);
  }

  @Mutation(() => MarkNotificationsReadResult)
  markAllNotificationsRead(@CurrentActor() actor: Actor) {
    return this.inbox.markAllRead(actor);
  }

  @Query(() => [DeadLetterNotification], { description: 'Notifications that gave up after their retries, newest first. ADMIN only.' })
  deadLetterNotifications(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number) {
    return this.deadLetters.list(actor, first);
  }

  @Mutation(() => Boolean, { description: 'Gives a dead letter another round of attempts, once its cause is fixed. ADMIN only.' })
  retryDeadLetterNotification(@CurrentActor() actor: Actor, @Args('source', { type: () => DeadLetterSource }) source: DeadLetterSource, @Args('id', { type: () => ID }) id: string) {
    return this.deadLetters.retry(actor, source, id);
  }
}
