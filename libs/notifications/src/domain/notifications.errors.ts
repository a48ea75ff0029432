/** Why a notification could not be made or sent; the worker decides from the type whether to retry. */
export enum NotificationErrorCode {
  /** No EmployerAnswerLinks implementation is bound: emails go out without the answer link. */
  ANSWER_LINKS_NOT_CONFIGURED = 'ANSWER_LINKS_NOT_CONFIGURED',
  /** The SMTP server refused or could not take the message. */
  EMAIL_NOT_ACCEPTED = 'EMAIL_NOT_ACCEPTED',
  /** A job reached the notifications queue that no rule handles: a wiring mistake, so it must fail loudly. */
  UNHANDLED_EVENT = 'UNHANDLED_EVENT',
}

export class NotificationError extends Error {
  constructor(
    readonly code: NotificationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class AnswerLinksNotConfiguredError extends NotificationError {
  constructor() {
    super(NotificationErrorCode.ANSWER_LINKS_NOT_CONFIGURED, 'Employer answer links are not configured: bind EMPLOYER_ANSWER_LINKS');
  }
}

export class EmailNotAcceptedError extends NotificationError {
  constructor(
    message: string,
    /** The SMTP reply code when the server answered; null for connection failures and timeouts. */
    readonly responseCode: number | null,
    /** Known to fail again however often it is tried (a 5xx reply, an address that is not one). */
    readonly permanent = responseCode !== null && responseCode >= 500,
  ) {
    super(NotificationErrorCode.EMAIL_NOT_ACCEPTED, message);
  }
}

export class UnhandledNotificationEventError extends NotificationError {
  constructor(type: string) {
    super(NotificationErrorCode.UNHANDLED_EVENT, `notifications: no rule for event type ${type}`);
  }
}
