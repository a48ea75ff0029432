import { MAX_QUERY_WORDS, queryWords, tokenize, vocabularyOf } from './search-text.js';

describe('search text', () => {
  it('splits on anything but letters and digits, keeping Norwegian letters, lower-cased', () => {
    expect(tokenize('Språkpraksis: BARNEHAGE-assistent (Ålesund), 50 %')).toEqual(['språkpraksis', 'barnehage', 'assistent', 'ålesund', '50']);
  });

  it('drops stop words and repeats from queries, keeping order', () => {
    expect(queryWords('Kokk i Oslo og kokk på Alna')).toEqual(['kokk', 'oslo', 'alna']);
  });

  it('treats an empty, blank or stop-word-only query as no words', () => {
    expect(queryWords(null)).toEqual([]);
    expect(queryWords('   ')).toEqual([]);
    expect(queryWords('og i på')).toEqual([]);
  });

  it('acts on at most MAX_QUERY_WORDS words', () => {
    const many = Array.from({ length: 30 }, (_, i) => `ord${i}`).join(' ');
    expect(queryWords(many)).toHaveLength(MAX_QUERY_WORDS);
  });

  it('offers words of four or more letters as vocabulary, without numbers or stop words', () => {
    expect(vocabularyOf(['Kokk i kantina 2026', 'kantina, vaskehjelp og mer']).sort()).toEqual(['kantina', 'kokk', 'vaskehjelp']);
  });
});
