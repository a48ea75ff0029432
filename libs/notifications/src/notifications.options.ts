import type { AppConfig } from '#lib/config';

export interface NotificationsOptions {
  readonly emailFrom: string;
  /** How long a recipient's first pending email waits for others to be bundled with it. */
  readonly digestWindowMs: number;
  readonly maxDigestItems: number;
  /** Parallel SMTP sends (each holds one database connection while in flight). */
  readonly sendConcurrency: number;
  /** How often the dispatchers look for work: a fraction of the window, so bundling stays on time. */
  readonly dispatchTickMs: number;
}

export const NOTIFICATIONS_OPTIONS = Symbol('NOTIFICATIONS_OPTIONS');

export function notificationsOptions(config: AppConfig): NotificationsOptions {
  const { emailFrom, digestWindowMs } = config.notifications;
  return {
    emailFrom,
    digestWindowMs,
    maxDigestItems: 50,
    sendConcurrency: 4,
    dispatchTickMs: Math.min(1_000, Math.max(50, Math.floor(digestWindowMs / 5))),
  };
}
