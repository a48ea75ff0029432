import { MAX_EMAIL_ATTEMPTS, nextEmailAttempt } from './retry-policy.js';

describe('email retry policy', () => {
  it('backs off exponentially on transient failures', () => {
    expect(nextEmailAttempt(1, { responseCode: null })).toEqual({ retry: true, delayMs: 2_000 });
    expect(nextEmailAttempt(2, { responseCode: 421 })).toEqual({ retry: true, delayMs: 4_000 });
    expect(nextEmailAttempt(5, {})).toEqual({ retry: true, delayMs: 32_000 });
  });

  it('gives up at once on a permanent refusal, and after the last attempt otherwise', () => {
    expect(nextEmailAttempt(1, { responseCode: 550 })).toEqual({ retry: false, reason: 'PERMANENT' });
    expect(nextEmailAttempt(1, { responseCode: null, permanent: true })).toEqual({ retry: false, reason: 'PERMANENT' });
    expect(nextEmailAttempt(MAX_EMAIL_ATTEMPTS, { responseCode: 451 })).toEqual({ retry: false, reason: 'ATTEMPTS_EXHAUSTED' });
  });

  it('caps the delay', () => {
    expect((nextEmailAttempt(7, {}) as { delayMs: number }).delayMs).toBeLessThanOrEqual(30 * 60_000);
  });
});
