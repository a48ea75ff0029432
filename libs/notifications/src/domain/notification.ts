/** What a notification is about; each kind has a template in Norwegian bokmål and English (templates.ts). */
export enum NotificationKind {
  /** To the employer: a candidate is proposed to one of its placements (email with the answer link, in-app for its users). */
  PROPOSAL_RECEIVED = 'PROPOSAL_RECEIVED',
  PROPOSAL_ACCEPTED = 'PROPOSAL_ACCEPTED',
  PROPOSAL_DECLINED = 'PROPOSAL_DECLINED',
  /** Agreed, started, completed, ended early, converted, hired. */
  PLACEMENT_PROGRESSED = 'PLACEMENT_PROGRESSED',
  FOLLOW_UP_SCHEDULED = 'FOLLOW_UP_SCHEDULED',
  /** Someone else suggested a candidate who is the recipient's participant. */
  CANDIDATE_SUGGESTED = 'CANDIDATE_SUGGESTED',
  /** Reminder to the employer contact (through NotificationsService.notify): please answer, with the link again. */
  PROPOSAL_ANSWER_REMINDER = 'PROPOSAL_ANSWER_REMINDER',
  /** Reminder to staff: the employer has not answered. */
  PROPOSAL_AWAITING_ANSWER = 'PROPOSAL_AWAITING_ANSWER',
  /** Reminder: a follow-up visit or meeting is due. */
  FOLLOW_UP_DUE = 'FOLLOW_UP_DUE',
  /** A reminder its sender worded itself (libs/reminders, through NotificationsService.notifyRendered). */
  REMINDER = 'REMINDER',
}

/** Kinds this lib words itself (templates.ts); REMINDER arrives already worded. */
export type TemplatedKind = Exclude<NotificationKind, NotificationKind.REMINDER>;

export enum Channel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}

/** Users sign in (in-app and email); employer contacts have no account (email or SMS only). */
export type RecipientKind = 'USER' | 'EMPLOYER_CONTACT';

export interface RecipientRef {
  readonly kind: RecipientKind;
  readonly id: string;
}

export type Language = 'nb' | 'en';

export const asLanguage = (value: string | null | undefined): Language => (value === 'en' ? 'en' : 'nb');

export const recipientKey = (r: RecipientRef): string => `${r.kind}:${r.id}`;

/** Delivery keys for events: one delivery per (event, recipient, channel), however often the event is redelivered. */
export const eventDedupeKey = (eventId: string): string => `event:${eventId}`;
