import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '#lib/gql';
import { DeadLetterSource } from '../application/dead-letters.service.js';
import { NotificationKind } from '../domain/notification.js';

registerEnumType(NotificationKind, { name: 'NotificationKind', description: 'What a notification is about.' });
registerEnumType(DeadLetterSource, { name: 'DeadLetterSource', description: 'EVENT_JOB: an event whose notifications could not be written; EMAIL: an email that was never accepted.' });

@ObjectType({ description: 'An in-app notification (varsel), in the language you had chosen when it was written.' })
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKind) kind!: NotificationKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true, description: 'What it is about, e.g. Proposal.' }) subjectType!: string | null;
  @Field(() => ID, { nullable: true }) subjectId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
  @Field(() => Boolean) read!: boolean;
}

export const NotificationConnection = Connection(Notification, 'NotificationConnection');

@ObjectType()
export class MarkNotificationsReadResult {
  @Field(() => Int, { description: 'How many were unread and are read now.' }) marked!: number;
  @Field(() => Int) unreadCount!: number;
}

@ObjectType({ description: 'A notification that gave up after its retries. Ids and codes only: no names or addresses.' })
export class DeadLetterNotification {
  @Field(() => DeadLetterSource) source!: DeadLetterSource;
  @Field(() => ID, { description: 'The job id (EVENT_JOB) or the email message id, which is also its Message-ID (EMAIL).' }) id!: string;
  @Field(() => String, { nullable: true }) eventType!: string | null;
  @Field(() => ID, { nullable: true }) eventId!: string | null;
  @Field(() => String, { nullable: true }) recipientKind!: string | null;
  @Field(() => ID, { nullable: true }) recipientId!: string | null;
  @Field(() => Int) itemCount!: number;
  @Field(() => Int) attempts!: number;
  @Field(() => String) error!: string;
  @Field(() => Date) failedAt!: Date;
}
