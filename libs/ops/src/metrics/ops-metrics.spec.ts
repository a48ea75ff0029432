import { jobCounterField, jobCountersKey, parseJobCounters } from './job-counters.js';
import { notificationDeliveryCounts } from './ops-metrics.js';

describe('scrape-time collectors', () => {
  it('reads no notification deliveries (and queries nothing else) while the table does not exist', async () => {
    const queries: string[] = [];
    const rows = await notificationDeliveryCounts(async (sql) => {
      queries.push(sql);
      return [{ present: false }];
    });
    expect(rows).toEqual([]);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain('to_regclass');
  });

  it('counts notification deliveries by status and channel once the table exists', async () => {
    const rows = await notificationDeliveryCounts(async (sql) =>
      sql.includes('to_regclass') ? [{ present: true }] : [{ status: 'SENT', channel: 'EMAIL', n: '3' }, { status: 'NOT_SENT', channel: 'SMS', n: 1 }],
    );
    expect(rows).toEqual([{ status: 'SENT', channel: 'EMAIL', n: 3 }, { status: 'NOT_SENT', channel: 'SMS', n: 1 }]);
  });

  it('reads job counters for every known queue and ignores anything else in the hash', () => {
    expect(jobCountersKey('praksisbro')).toBe('praksisbro:ops-metrics:jobs');
    const counters = parseJobCounters({ [jobCounterField('privacy', 'failed')]: '4', [jobCounterField('privacy', 'completed')]: '10', 'unknown|failed': '9', 'privacy|exploded': '1', 'matching|failed': 'NaN' });
    expect(counters.get('privacy')).toEqual({ failed: 4, completed: 10, stalled: 0 });
    expect(counters.get('matching')).toEqual({ failed: 0, completed: 0, stalled: 0 });
    expect(counters.has('unknown')).toBe(false);
    expect(counters.get('domain-events')).toBeDefined();
  });
});
