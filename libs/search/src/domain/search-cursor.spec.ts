import { ErrorCode, ValidationError } from '#lib/core';
import { decodeSearchCursor, encodeSearchCursor, searchFingerprint } from './search-cursor.js';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return (err as ValidationError).details.field;
  }
  throw new Error('expected a ValidationError');
};

describe('search cursor', () => {
  const fp = searchFingerprint({ kind: 'placement', words: ['kokk'], filter: { type: ['JOB'] }, sort: 'RELEVANCE' });

  it('round-trips the offset of the next page', () => {
    expect(decodeSearchCursor(encodeSearchCursor(40, fp), fp)).toBe(40);
  });

  it('starts at 0 without a cursor', () => {
    expect(decodeSearchCursor(null, fp)).toBe(0);
    expect(decodeSearchCursor('', fp)).toBe(0);
  });

  it('fingerprints the search, not the order keys were written in', () => {
    expect(searchFingerprint({ sort: 'RELEVANCE', filter: { type: ['JOB'] }, words: ['kokk'], kind: 'placement' })).toBe(fp);
    expect(searchFingerprint({ kind: 'placement', words: ['kokk'], filter: { type: ['JOB'] }, sort: 'NEWEST' })).not.toBe(fp);
  });

  it('rejects a cursor from a different search, naming the argument', () => {
    const other = searchFingerprint({ kind: 'placement', words: ['renhold'] });
    expect(fieldOf(() => decodeSearchCursor(encodeSearchCursor(20, other), fp))).toBe('after');
  });

  it.each(['not-a-cursor', Buffer.from('{"o":-1,"f":"x"}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])('rejects the malformed cursor %s', (bad) => {
    expect(fieldOf(() => decodeSearchCursor(bad, fp))).toBe('after');
  });
});
