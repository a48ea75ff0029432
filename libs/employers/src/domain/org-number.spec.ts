import { isValidOrgNumber, normaliseOrgNumber, withCheckDigit } from './org-number.js';

describe('organisation number (mod-11)', () => {
  it.each(['974760673', '923609016', '971524960'])('accepts the real orgnr %s', (n) => {
    expect(isValidOrgNumber(n)).toBe(true);
  });

  it.each([
    ['974760674', 'wrong check digit'],
    ['97476067', 'too short'],
    ['9747606730', 'too long'],
    ['97476067a', 'not digits'],
  ])('rejects %s (%s)', (n) => {
    expect(isValidOrgNumber(n)).toBe(false);
  });

  it('normalises spaces and computes check digits that validate', () => {
    expect(normaliseOrgNumber('974 760 673')).toBe('974760673');
    const n = withCheckDigit('97476067');
    expect(n).toBe('974760673');
    for (let i = 10_000_000; i < 10_000_300; i++) {
      const full = withCheckDigit(String(i));
      if (full) expect(isValidOrgNumber(full)).toBe(true);
    }
  });
});
