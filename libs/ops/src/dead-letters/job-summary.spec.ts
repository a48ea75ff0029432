import { firstLine, jobDataIds } from './job-summary.js';

const uuid = '0b8f5d0e-4c1a-4f57-9b39-2f4a8d6c1e21';

describe('failed job summaries', () => {
  it('keeps ids and nothing else from job data', () => {
    const data = {
      eventId: '42',
      type: 'ParticipantCreated',
      aggregateId: uuid,
      actorId: null,
      payload: { fields: ['firstName'], placementId: uuid, note: 'Kari Nordmann 12345678', participantIds: [uuid, 'not-an-id'] },
      runId: 'Kari Nordmann',
    };
    const ids = jobDataIds(data);
    expect(ids).toEqual([
      { key: 'eventId', value: '42' },
      { key: 'aggregateId', value: uuid },
      { key: 'payload.placementId', value: uuid },
      { key: 'payload.participantIds[0]', value: uuid },
    ]);
    expect(JSON.stringify(ids)).not.toMatch(/Kari|12345678|firstName/);
  });

  it('copes with odd data', () => {
    expect(jobDataIds(null)).toEqual([]);
    expect(jobDataIds('x')).toEqual([]);
    expect(jobDataIds({ id: 7 })).toEqual([{ key: 'id', value: '7' }]);
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 10; i++) cur = (cur.nested = { id: uuid }) as Record<string, unknown>;
    expect(jobDataIds(deep).length).toBeLessThanOrEqual(4);
    expect(jobDataIds({ ids: Array.from({ length: 100 }, (_, i) => String(i)) })).toHaveLength(25);
  });

  it('shows only the first line of an error, cut to length', () => {
    expect(firstLine('duplicate key value violates unique constraint "x"\nDETAIL:  Key (email)=(kari@example.no) already exists.')).toBe('duplicate key value violates unique constraint "x"');
    expect(firstLine(undefined)).toBe('unknown');
    expect(firstLine('   \nsecond')).toBe('unknown');
    expect(firstLine('x'.repeat(2000))).toHaveLength(500);
  });
});
