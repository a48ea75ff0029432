import { compareVersions } from './search-indexer.js';

describe('reconciliation comparison', () => {
  it('sorts source rows into missing and stale, and leaves only orphans in the index map', () => {
    const indexed = new Map([
      ['a', 1],
      ['b', 2],
      ['x', 9],
    ]);
    const drift = compareVersions(
      [
        { id: 'a', version: 1 },
        { id: 'b', version: 3 },
        { id: 'c', version: 1 },
      ],
      indexed,
    );
    expect(drift).toEqual({ missing: ['c'], stale: ['b'] });
    expect([...indexed.keys()]).toEqual(['x']);
  });

  it('counts a document built from a newer version than the source as stale too', () => {
    expect(compareVersions([{ id: 'a', version: 1 }], new Map([['a', 2]]))).toEqual({ missing: [], stale: ['a'] });
  });
});
