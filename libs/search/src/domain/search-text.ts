import { NORWEGIAN_STOP_WORDS } from './norwegian-stop-words.js';

/** Longest query we act on; longer input is cut, not rejected (people paste whole ads). */
export const MAX_QUERY_WORDS = 10;
/** Words shorter than this are not worth a typo-vocabulary entry (Meilisearch allows no typo below 5 letters either). */
export const MIN_VOCABULARY_WORD_LENGTH = 4;

/** Lower-cased words: letters (including æøå) and digits; everything else separates words. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The words a query means, in order: stop words dropped, duplicates dropped, at most MAX_QUERY_WORDS. */
export function queryWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const words: string[] = [];
  for (const w of tokenize(text)) {
    if (NORWEGIAN_STOP_WORDS.has(w) || words.includes(w)) continue;
    words.push(w.slice(0, 50));
    if (words.length === MAX_QUERY_WORDS) break;
  }
  return words;
}

/** Distinct words of some texts worth offering as typo corrections. */
export function vocabularyOf(texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const w of tokenize(text)) {
      if (w.length >= MIN_VOCABULARY_WORD_LENGTH && w.length <= 50 && !NORWEGIAN_STOP_WORDS.has(w) && !/^\d+$/.test(w)) terms.add(w);
    }
  }
  return [...terms];
}
