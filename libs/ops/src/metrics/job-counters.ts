import { QueueName } from '#lib/queue';

/**
 * Job outcomes counted by the workers, kept in one Redis hash next to the queues (`<QUEUE_PREFIX>:ops-metrics:jobs`,
 * fields `<queue>|<event>`), so the api's /metrics reports the whole fleet in one scrape, across worker restarts.
 */
export const JOB_EVENTS = ['failed', 'completed', 'stalled'] as const;
export type JobEvent = (typeof JOB_EVENTS)[number];

export const jobCountersKey = (queuePrefix: string) => `${queuePrefix}:ops-metrics:jobs`;
export const jobCounterField = (queue: string, event: JobEvent) => `${queue}|${event}`;

/** The hash as numbers per queue and event; every known queue and event present (0 when never counted). */
export function parseJobCounters(hash: Record<string, string>): Map<string, Record<JobEvent, number>> {
  const out = new Map<string, Record<JobEvent, number>>();
  for (const q of Object.values(QueueName)) out.set(q, { failed: 0, completed: 0, stalled: 0 });
  for (const [field, raw] of Object.entries(hash)) {
    const [queue, event] = field.split('|') as [string, JobEvent];
    if (!out.has(queue) || !JOB_EVENTS.includes(event)) continue;
    const n = Number(raw);
    if (Number.isFinite(n) && n >= 0) out.get(queue)![event] = n;
  }
  return out;
}
