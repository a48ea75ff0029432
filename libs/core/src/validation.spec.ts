import { findUnstorableText, isoDate, isStorableText, isUuid } from './validation.js';

describe('input hygiene', () => {
  it('finds text PostgreSQL cannot store: NUL bytes and lone surrogates, wherever they are', () => {
    expect(isStorableText('Kari Nordmann 😀 æøå')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\uD83D')).toBe(false);
    expect(isStorableText('x\uDE00')).toBe(false);
    expect(findUnstorableText({ input: { tasks: ['ok', 'bad\u0000'] } })).toBe('input.tasks[1]');
    expect(findUnstorableText({ query: '{ me { id } }', variables: { id: 'fine' } })).toBeNull();
  });

  it('accepts dates PostgreSQL accepts, in a plausible range', () => {
    expect(isoDate.safeParse('2026-11-25').success).toBe(true);
    expect(isoDate.safeParse('0000-02-29').success).toBe(false);
    expect(isoDate.safeParse('2026-02-30').success).toBe(false);
    expect(isUuid('00000000-0000-4000-8000-000000000000')).toBe(true);
    expect(isUuid("1' OR '1'='1")).toBe(false);
  });
});
