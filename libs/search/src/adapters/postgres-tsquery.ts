/**
 * Builds the text of a `to_tsquery` from query words and their typo corrections: every word must match
 * (AND), through itself or one of its corrections (OR); the last word also matches as a prefix, because
 * people search while typing (Meilisearch does the same).
 */
export function buildTsQuery(words: readonly string[], corrections: ReadonlyMap<string, readonly string[]> = new Map()): string {
  return words
    .map((word, i) => {
      const suffix = i === words.length - 1 ? ':*' : '';
      const alternatives = [word, ...(corrections.get(word) ?? []).filter((c) => c !== word)];
      return `(${alternatives.map((a) => `${lexeme(a)}${suffix}`).join(' | ')})`;
    })
    .join(' & ');
}

/** Any of the words, exactly as typed: ranks documents with the spelling the user typed above corrected ones. */
export function buildExactAnyTsQuery(words: readonly string[]): string {
  return words.map((w, i) => `${lexeme(w)}${i === words.length - 1 ? ':*' : ''}`).join(' | ');
}

/** A quoted tsquery lexeme; words are letters and digits already, quoting keeps operators out regardless. */
function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
