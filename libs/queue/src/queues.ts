import type { DefaultJobOptions } from 'bullmq';

/** Every queue the system uses. Job payloads carry ids, never personal data. */
export enum QueueName {
  /** Domain events relayed from the outbox, consumed by projections and side effects. */
  DOMAIN_EVENTS = 'domain-events',
  /** Events that change a search document (placements, participants, employer names); see libs/search. */
  SEARCH_INDEX = 'search-index',
  /** Pool-wide allocation runs too large to compute inside a request (payload: the run id). */
  MATCHING = 'matching',
  /** Reminder scans and digests (job schedulers), answer deadlines (delayed jobs), and the proposal events that plan them. */
  REMINDERS = 'reminders',
  /** The nightly retention job (anonymise participants long after programme end). */
  PRIVACY = 'privacy',
  /** Proposal and follow-up events that notify people (in-app, email, SMS); see libs/notifications. */
  NOTIFICATIONS = 'notifications',
}

/** Retries with backoff; completed jobs kept a day so a re-relayed event id is de-duplicated. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};
