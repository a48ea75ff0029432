/** When to try an email again after SMTP refused or failed it. */
export interface EmailFailure {
  /** SMTP reply code, when the server answered (4xx: try later; 5xx: the server will never take it). */
  readonly responseCode?: number | null;
  /** Known to be final regardless of the code (e.g. an address that is not one). */
  readonly permanent?: boolean;
}

export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly reason: 'PERMANENT' | 'ATTEMPTS_EXHAUSTED' };

export const MAX_EMAIL_ATTEMPTS = 8;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 30 * 60_000;

/**
 * Exponential backoff (2 s, 4 s, … capped at 30 min) for transient failures — connection refused, timeouts,
 * 4xx replies — and an immediate dead letter for a 5xx reply or an invalid address, which will not change on their own.
 */
export function nextEmailAttempt(attemptsMade: number, failure: EmailFailure): RetryDecision {
  if (failure.permanent || (failure.responseCode && failure.responseCode >= 500)) return { retry: false, reason: 'PERMANENT' };
  if (attemptsMade >= MAX_EMAIL_ATTEMPTS) return { retry: false, reason: 'ATTEMPTS_EXHAUSTED' };
  return { retry: true, delayMs: Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attemptsMade - 1)) };
}
