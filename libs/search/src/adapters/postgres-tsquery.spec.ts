import { buildExactAnyTsQuery, buildTsQuery } from './postgres-tsquery.js';

describe('PostgreSQL tsquery text', () => {
  it('requires every word, each through itself or a correction, the last one as a prefix', () => {
    expect(buildTsQuery(['barnehgae', 'alna'], new Map([['barnehgae', ['barnehage', 'barnehager']]]))).toBe(
      "('barnehgae' | 'barnehage' | 'barnehager') & ('alna':*)",
    );
  });

  it('quotes lexemes so no input can become an operator', () => {
    expect(buildTsQuery(["o'neil", 'a&b|c'])).toBe("('o''neil') & ('a&b|c':*)");
  });

  it('ranks exact spellings with an any-word query', () => {
    expect(buildExactAnyTsQuery(['kokk', 'kantina'])).toBe("'kokk' | 'kantina':*");
  });
});
