import type { EntityManager } from 'typeorm';
import type { ReminderText } from '../domain/reminder-texts.js';

/** A reminder ready to go out: to users, in their language, once per key. */
export interface ReminderMessage {
  /** (rule, subject, due date, level): the delivery layer de-duplicates on it too. */
  readonly key: string;
  readonly rule: string;
  readonly level: number;
  readonly recipients: readonly string[];
  /** What the reminder is about (a participant, proposal, follow-up or user), shown with it and forgotten on erasure. */
  readonly subject: { readonly type: string; readonly id: string };
  readonly texts: Readonly<Record<'nb' | 'en', ReminderText>>;
}

/** Where reminders are delivered (the notifications module), inside the transaction that records them as fired. */
export interface ReminderSink {
  deliver(em: EntityManager, message: ReminderMessage): Promise<void>;
}

export const REMINDER_SINK = Symbol('REMINDER_SINK');
