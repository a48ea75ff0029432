import { allowedTransitions, canTransition, PlacementStatus as S } from './placement.js';

describe('placement lifecycle', () => {
  it.each([
    [S.DRAFT, S.OPEN, true],
    [S.OPEN, S.PAUSED, true],
    [S.PAUSED, S.OPEN, true],
    [S.OPEN, S.FILLED, true],
    [S.FILLED, S.OPEN, true],
    [S.FILLED, S.CLOSED, true],
    [S.OPEN, S.EXPIRED, true],
    [S.DRAFT, S.FILLED, false],
    [S.CLOSED, S.OPEN, false],
    [S.EXPIRED, S.OPEN, false],
    [S.OPEN, S.DRAFT, false],
  ])('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
  });

  it('ends in CLOSED and EXPIRED', () => {
    expect(allowedTransitions(S.CLOSED)).toEqual([]);
    expect(allowedTransitions(S.EXPIRED)).toEqual([]);
  });
});
