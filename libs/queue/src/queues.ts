import type { DefaultJobOptions } from 'bullmq';

/** Every queue the system uses. Job payloads carry ids, never personal data. */
export enum QueueName {
  /** Domain events relayed from the outbox, consumed by projections and side effects. */
  DOMAIN_EVENTS = 'domain-events',
  /** Pool-wide allocation runs too large to compute inside a request (payload: the run id). */
  MATCHING = 'matching',
}

/** Retries with backoff; completed jobs kept a day so a re-relayed event id is de-duplicated. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};
