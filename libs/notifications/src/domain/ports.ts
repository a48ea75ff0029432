/**
 * The outside world notifications talk to, as ports: tests and other libs bind real or fake adapters by token.
 */

/** Makes the signed, expiring link an employer contact answers a proposal through (implemented in libs/employer-answers). */
export interface EmployerAnswerLinks {
  linkFor(proposalId: string, contactId: string): Promise<string>;
}
/** A plain string, the same one libs/employer-answers binds in its global EmployerAnswerLinksModule. */
export const EMPLOYER_ANSWER_LINKS = 'EMPLOYER_ANSWER_LINKS';

export interface OutgoingEmail {
  /** Also the Message-ID: a resend after a crash carries the same id, so a duplicate is recognisable. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface EmailSender {
  /** Resolves once the server accepted the message; rejects with EmailNotAcceptedError otherwise. */
  send(email: OutgoingEmail): Promise<{ readonly response: string }>;
  close(): Promise<void>;
}
export const EMAIL_SENDER = Symbol('EMAIL_SENDER');

export interface OutgoingSms {
  readonly id: string;
  readonly to: string;
  readonly text: string;
}

/** A provider either sends (and says so) or says why it did not; it never pretends. */
export type SmsResult = { readonly sent: true; readonly providerId: string } | { readonly sent: false; readonly reason: string };

export interface SmsSender {
  send(sms: OutgoingSms): Promise<SmsResult>;
}
export const SMS_SENDER = Symbol('SMS_SENDER');
