import { SECTORS } from '#lib/core';
import { OCCUPATION_SECTORS, OccupationCatalogue, type Occupation } from './occupation-catalogue.js';

const codes = (occupations: readonly Occupation[]): string[] => occupations.map((o) => o.code);

describe('OccupationCatalogue', () => {
  const catalogue = OccupationCatalogue.default();

  it('is a singleton loaded from the shipped STYRK-08 list', () => {
    expect(OccupationCatalogue.default()).toBe(catalogue);
    expect(catalogue.all().length).toBe(406);
    expect(catalogue.has('0000')).toBe(false);
  });

  it('knows a code by its Norwegian and English names', () => {
    expect(catalogue.get('5311')).toMatchObject({
      code: '5311',
      nameNb: 'Barnehage- og skolefritidsassistenter mv.',
      nameEn: 'Child care workers',
      categoryNb: 'Utdanning',
      sector: 'KINDERGARTEN',
    });
    expect(catalogue.get('5311')?.synonymsNb).toContain('barnehageassistent');
    expect(catalogue.get('9112')).toMatchObject({ nameNb: 'Renholdere i bedrifter', sector: 'CLEANING' });
    expect(catalogue.get('5321')?.nameEn).toBe('Health care assistants');
    expect(catalogue.get('9999')).toBeUndefined();
  });

  it('has well-formed entries: 4-digit unique codes, English names, valid sectors, no padding', () => {
    const all = catalogue.all();
    expect(new Set(codes(all)).size).toBe(all.length);
    for (const o of all) {
      expect(o.code).toMatch(/^\d{4}$/);
      expect(o.nameNb.trim()).not.toBe('');
      expect(o.nameEn.trim()).not.toBe('');
      expect(o.categoryNb).toBe(o.categoryNb.trim());
      expect(OCCUPATION_SECTORS).toContain(o.sector);
    }
    expect(codes(all)).toEqual([...codes(all)].sort());
  });

  it('uses the shared sector values from #lib/core', () => {
    expect(OCCUPATION_SECTORS).toEqual(SECTORS);
  });

  it('only refers to existing codes in related, never to itself', () => {
    for (const o of catalogue.all()) {
      for (const code of o.related) {
        expect(catalogue.has(code)).toBe(true);
        expect(code).not.toBe(o.code);
      }
    }
  });

  it('has synonyms and related occupations for the common first-job occupations', () => {
    const firstJobs = ['5311', '5312', '5321', '5322', '5223', '5230', '5120', '5131', '9412', '9112', '9111',
      '5151', '9313', '7115', '7131', '7411', '8322', '8332', '4321', '9333', '5141', '5246', '2512', '3512',
      '6111', '9211'];
    for (const code of firstJobs) {
      const o = catalogue.get(code);
      expect(o?.synonymsNb.length).toBeGreaterThanOrEqual(2);
      expect(o?.synonymsEn.length).toBeGreaterThanOrEqual(2);
      expect(o?.related.length).toBeGreaterThanOrEqual(1);
    }
    expect(catalogue.all().filter((o) => o.synonymsNb.length > 0).length).toBeGreaterThanOrEqual(60);
  });

  it('validates codes', () => {
    expect(catalogue.isValidCode('5311')).toBe(true);
    expect(catalogue.isValidCode('0110')).toBe(true);
    expect(catalogue.isValidCode('9999')).toBe(false);
    expect(catalogue.isValidCode('0000')).toBe(false);
    expect(catalogue.isValidCode('531')).toBe(false);
    expect(catalogue.isValidCode(' 5311')).toBe(false);
    expect(catalogue.isValidCode('')).toBe(false);
  });
});

describe('OccupationCatalogue.search', () => {
  const catalogue = OccupationCatalogue.default();

  it('finds an occupation by Norwegian synonym, exact match first', () => {
    expect(catalogue.search('barnehageassistent')[0]?.code).toBe('5311');
    expect(catalogue.search('helsefagarbeider')[0]?.code).toBe('5321');
    expect(catalogue.search('kokk')[0]?.code).toBe('5120');
  });

  it('ignores case and diacritics', () => {
    expect(codes(catalogue.search('barnehage'))).toContain('5311');
    expect(codes(catalogue.search('BARNEHAGE'))).toEqual(codes(catalogue.search('barnehage')));
    expect(codes(catalogue.search('Barnehåge'))).toEqual(codes(catalogue.search('barnehage')));
    const cleaners = codes(catalogue.search('renhold'));
    expect(cleaners).toEqual(expect.arrayContaining(['9112', '9111']));
    expect(codes(catalogue.search('RENHÓLD'))).toEqual(cleaners);
    expect(catalogue.search('rorlegger')[0]?.code).toBe('7126');
    expect(catalogue.search('SJAFOR')[0]?.code).toBe('8322');
    expect(codes(catalogue.search('kafe'))).toContain('5246');
  });

  it('finds by English name and synonym', () => {
    expect(catalogue.search('child care worker')[0]?.code).toBe('5311');
    expect(codes(catalogue.search('Cleaner'))).toEqual(expect.arrayContaining(['9112', '9111']));
    expect(catalogue.search('software developer')[0]?.code).toBe('2512');
  });

  it('treats hyphens and spaces alike and matches all words of a longer query', () => {
    expect(catalogue.search('sfo assistent')[0]?.code).toBe('5311');
    expect(catalogue.search('SFO-assistent')[0]?.code).toBe('5311');
    expect(codes(catalogue.search('assistent barnehage'))).toContain('5311');
  });

  it('matches code prefixes, exact code first', () => {
    expect(codes(catalogue.search('5311'))).toEqual(['5311']);
    expect(codes(catalogue.search('531'))).toEqual(['5311', '5312']);
    expect(codes(catalogue.search('53'))).toEqual(['5311', '5312', '5321', '5322', '5329']);
  });

  it('respects the limit and returns nothing for blank or unmatched queries', () => {
    expect(catalogue.search('a', 3)).toHaveLength(3);
    expect(catalogue.search('a').length).toBeLessThanOrEqual(20);
    expect(catalogue.search('renhold', 0)).toEqual([]);
    expect(catalogue.search('   ')).toEqual([]);
    expect(catalogue.search('xyzzyqwerty')).toEqual([]);
  });
});

describe('OccupationCatalogue.relation', () => {
  const catalogue = OccupationCatalogue.default();

  it('SAME for identical codes', () => {
    expect(catalogue.relation('5311', '5311')).toBe('SAME');
  });

  it('SYNONYM for different codes sharing a title', () => {
    // "pleieassistent" is listed for both helsefagarbeidere and andre pleiemedarbeidere
    expect(catalogue.relation('5321', '5329')).toBe('SYNONYM');
    // "renholder" for cleaners in private homes and in businesses
    expect(catalogue.relation('9111', '9112')).toBe('SYNONYM');
  });

  it('RELATED when either lists the other, across groups', () => {
    expect(catalogue.get('5311')?.related).toContain('2342');
    expect(catalogue.relation('5311', '2342')).toBe('RELATED');
    expect(catalogue.relation('2342', '5311')).toBe('RELATED');
  });

  it('falls back to the shared ISCO group level', () => {
    expect(catalogue.relation('7112', '7113')).toBe('SAME_MINOR_GROUP');
    expect(catalogue.relation('7112', '7131')).toBe('SAME_SUB_MAJOR_GROUP');
    expect(catalogue.relation('5311', '5120')).toBe('SAME_MAJOR_GROUP');
    expect(catalogue.relation('9412', '9411')).toBe('SAME_MINOR_GROUP');
  });

  it('NONE for unrelated or malformed codes', () => {
    expect(catalogue.relation('5311', '7115')).toBe('NONE');
    expect(catalogue.relation('5311', 'abcd')).toBe('NONE');
    expect(catalogue.relation('531', '5311')).toBe('NONE');
  });
});
