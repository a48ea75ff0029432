/**
 * Typo tolerance shared by both adapters, modelled on Meilisearch's defaults so they agree: words of 5+ letters
 * may have one typo, 9+ letters two; a swap of neighbouring letters counts as one typo.
 */
export function allowedTypos(word: string): number {
  const length = [...word].length;
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early past `max`. */
export function typoDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let best = row[0]!;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[t.length]!;
}

/**
 * What an indexed term offers as a correction for a query word, or null: the term itself when it is within the
 * allowed typos, or, for the word being typed (the last one), the term's beginning when that is.
 */
export function correctionFor(word: string, term: string, typedAsPrefix: boolean): string | null {
  const max = allowedTypos(word);
  if (max === 0 || term === word) return null;
  if (typoDistance(word, term, max) <= max) return term;
  if (!typedAsPrefix) return null;
  const letters = [...term];
  const length = [...word].length;
  // The typed prefix may be a letter shorter or longer than the part of the term it means.
  for (const n of [length, length - 1, length + 1]) {
    if (n < 1 || n >= letters.length) continue;
    const prefix = letters.slice(0, n).join('');
    if (typoDistance(word, prefix, max) <= max) return prefix;
  }
  return null;
}

/** Distinct corrections for each word from candidate terms (e.g. the nearest indexed words by trigrams). */
export function corrections(words: readonly string[], candidates: ReadonlyArray<{ word: string; term: string }>): Map<string, string[]> {
  const last = words[words.length - 1];
  const out = new Map<string, string[]>();
  for (const { word, term } of candidates) {
    const correction = correctionFor(word, term, word === last);
    if (!correction) continue;
    const list = out.get(word) ?? [];
    if (!list.includes(correction)) list.push(correction);
    out.set(word, list);
  }
  return out;
}
