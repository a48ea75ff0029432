import { allowedTypos, correctionFor, corrections, typoDistance } from './typo.js';

describe('typo tolerance', () => {
  it.each([
    ['kokk', 0],
    ['kokke', 1],
    ['barnehag', 1],
    ['barnehage', 2],
  ])('allows %s %i typo(s), like Meilisearch', (word, n) => {
    expect(allowedTypos(word)).toBe(n);
  });

  it.each([
    ['barnehage', 'barnehage', 0],
    ['barnehgae', 'barnehage', 1],
    ['renhlod', 'renhold', 1],
    ['kovalneko', 'kovalenko', 1],
    ['butikmedarbeider', 'butikkmedarbeider', 1],
    ['kjøkkenassistent', 'pleieassistent', 6],
    ['sjåfør', 'sjafør', 1],
  ])('distance %s → %s is %i (a swap counts once)', (a, b, d) => {
    expect(typoDistance(a, b)).toBe(d);
  });

  it('stops early once the distance is past the limit', () => {
    expect(typoDistance('kjøkkenassistent', 'pleieassistent', 2)).toBe(3);
  });

  it('corrects whole words within the allowed typos only', () => {
    expect(correctionFor('barnehgae', 'barnehage', false)).toBe('barnehage');
    expect(correctionFor('kjøkkenassistent', 'pleieassistent', false)).toBeNull();
    // Four letters allow no typo.
    expect(correctionFor('kokl', 'kokk', false)).toBeNull();
  });

  it('corrects the word being typed against the beginning of longer words', () => {
    expect(correctionFor('barnhage', 'barnehageassistent', true)).toBe('barnehage');
    expect(correctionFor('barnhage', 'barnehageassistent', false)).toBeNull();
  });

  it('collects distinct corrections per word', () => {
    const found = corrections(['solsikkn', 'barnhage'], [
      { word: 'solsikkn', term: 'solsikken' },
      { word: 'solsikkn', term: 'solsikke' },
      { word: 'solsikkn', term: 'sykehjem' },
      { word: 'barnhage', term: 'barnehage' },
      { word: 'barnhage', term: 'barnehager' },
    ]);
    expect(found.get('solsikkn')).toEqual(['solsikken', 'solsikke']);
    // "barnehager" offers its beginning "barnehage" for the word being typed: the same correction, listed once.
    expect(found.get('barnhage')).toEqual(['barnehage']);
  });
});
