import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Broad workplace sectors used for participants' sector wishes and for placements. */
export const OCCUPATION_SECTORS = [
  'KINDERGARTEN',
  'HEALTH_CARE',
  'HOME_CARE',
  'RETAIL',
  'RESTAURANT',
  'HOTEL',
  'CLEANING',
  'CONSTRUCTION',
  'CANTEEN',
  'IT',
  'TRANSPORT',
  'MANUFACTURING',
  'AGRICULTURE',
  'EDUCATION',
  'OFFICE',
  'OTHER',
] as const;
export type OccupationSector = (typeof OCCUPATION_SECTORS)[number];

/** How close two occupation codes are, strongest first (see OccupationCatalogue.relation). */
export type OccupationRelation =
  | 'SAME'
  | 'SYNONYM'
  | 'RELATED'
  | 'SAME_MINOR_GROUP'
  | 'SAME_SUB_MAJOR_GROUP'
  | 'SAME_MAJOR_GROUP'
  | 'NONE';

/** A STYRK-08 unit group (4 digits; the Norwegian version of ISCO-08) as shipped in libs/occupations/data/styrk08.json. */
export interface Occupation {
  /** 4-digit STYRK-08 code: 1st digit major group, 2 digits sub-major group, 3 digits minor group. */
  readonly code: string;
  readonly nameNb: string;
  /** ISCO-08 English unit group title (a translation for the few national STYRK-08 codes). */
  readonly nameEn: string;
  /** NAV occupation category, level 1 and level 2. */
  readonly categoryNb: string;
  readonly subcategoryNb: string;
  readonly sector: OccupationSector;
  readonly synonymsNb: readonly string[];
  readonly synonymsEn: readonly string[];
  /** Codes of occupations with transferable skills. */
  readonly related: readonly string[];
}

const DATA_FILE = join('libs', 'occupations', 'data', 'styrk08.json');
const CODE_PATTERN = /^\d{4}$/;
const SECTOR_SET: ReadonlySet<string> = new Set<string>(OCCUPATION_SECTORS);

/** Walks up from this module's directory (source or dist) until libs/occupations/data/styrk08.json is found. */
function locateDataFile(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (;;) {
    const candidate = join(dir, DATA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not locate ${DATA_FILE} above ${start}`);
    dir = parent;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSector(value: unknown): value is OccupationSector {
  return typeof value === 'string' && SECTOR_SET.has(value);
}

function parseStrings(value: unknown, where: string): readonly string[] {
  if (!Array.isArray(value)) throw new Error(`${where} must be an array`);
  const items: readonly unknown[] = value;
  const result: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' || item.trim() === '') throw new Error(`${where} must contain non-empty strings`);
    result.push(item);
  }
  return Object.freeze(result);
}

function parseOccupation(value: unknown, index: number): Occupation {
  const where = `styrk08.json[${index}]`;
  if (!isRecord(value)) throw new Error(`${where} is not an object`);
  const { code, nameNb, nameEn, categoryNb, subcategoryNb, sector } = value;
  if (
    typeof code !== 'string' ||
    !CODE_PATTERN.test(code) ||
    typeof nameNb !== 'string' ||
    typeof nameEn !== 'string' ||
    typeof categoryNb !== 'string' ||
    typeof subcategoryNb !== 'string' ||
    !isSector(sector)
  ) {
    throw new Error(`${where} is malformed`);
  }
  return Object.freeze({
    code,
    nameNb,
    nameEn,
    categoryNb,
    subcategoryNb,
    sector,
    synonymsNb: parseStrings(value.synonymsNb, `${where}.synonymsNb`),
    synonymsEn: parseStrings(value.synonymsEn, `${where}.synonymsEn`),
    related: parseStrings(value.related, `${where}.related`),
  });
}

function loadOccupations(): readonly Occupation[] {
  const raw: unknown = JSON.parse(readFileSync(locateDataFile(), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('styrk08.json must contain an array');
  const items: readonly unknown[] = raw;
  return Object.freeze(items.map((entry, i) => parseOccupation(entry, i)));
}

const OCCUPATIONS: readonly Occupation[] = loadOccupations();

/**
 * Folds text for matching: lower case, Norwegian letters and diacritics to ASCII (æ→ae, ø→o, å→a, é→e),
 * and every run of other characters (spaces, hyphens, punctuation) to a single space.
 */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A searchable title: folded with word boundaries kept (`spaced`) and without any separators (`compact`). */
interface Term {
  readonly spaced: string;
  readonly compact: string;
}

interface IndexEntry {
  readonly occupation: Occupation;
  readonly terms: readonly Term[];
  /** Compact folded names and synonyms in both languages, for SYNONYM relations. */
  readonly titles: ReadonlySet<string>;
}

function toTerm(text: string): Term {
  const spaced = fold(text);
  return { spaced, compact: spaced.replace(/ /g, '') };
}

/** Match ranks, best first. */
const RANK_EXACT_CODE = 0;
const RANK_EXACT = 1;
const RANK_PREFIX = 2;
const RANK_WORD_PREFIX = 3;
const RANK_SUBSTRING = 4;
const RANK_ALL_WORDS = 5;

/** Queries shorter than this only match at the start of a title or word ("it" must not match "waiting"). */
const MIN_INFIX_QUERY_LENGTH = 3;

function rankTerm(term: Term, query: Term): number | undefined {
  if (term.compact === query.compact) return RANK_EXACT;
  if (term.compact.startsWith(query.compact)) return RANK_PREFIX;
  if (` ${term.spaced}`.includes(` ${query.spaced}`)) return RANK_WORD_PREFIX;
  if (query.compact.length >= MIN_INFIX_QUERY_LENGTH && term.compact.includes(query.compact)) return RANK_SUBSTRING;
  return undefined;
}

interface Hit {
  readonly occupation: Occupation;
  readonly rank: number;
  /** Length of the matched title beyond the query: shorter titles are closer matches. */
  readonly extra: number;
}

/** Catalogue of STYRK-08 occupations with bilingual search and a similarity relation between codes. */
export class OccupationCatalogue {
  private static instance: OccupationCatalogue | undefined;
  private readonly byCode: ReadonlyMap<string, IndexEntry>;
  private readonly entries: readonly IndexEntry[];

  constructor(private readonly occupations: readonly Occupation[]) {
    const map = new Map<string, IndexEntry>();
    const entries: IndexEntry[] = [];
    for (const occupation of occupations) {
      if (map.has(occupation.code)) throw new Error(`Duplicate occupation code ${occupation.code}`);
      const texts = [occupation.nameNb, occupation.nameEn, ...occupation.synonymsNb, ...occupation.synonymsEn];
      const terms = texts.map(toTerm).filter((t) => t.compact !== '');
      const entry: IndexEntry = { occupation, terms, titles: new Set(terms.map((t) => t.compact)) };
      map.set(occupation.code, entry);
      entries.push(entry);
    }
    this.byCode = map;
    this.entries = entries;
  }

  /** Catalogue backed by libs/occupations/data/styrk08.json (loaded once at module load). */
  static default(): OccupationCatalogue {
    OccupationCatalogue.instance ??= new OccupationCatalogue(OCCUPATIONS);
    return OccupationCatalogue.instance;
  }

  get(code: string): Occupation | undefined {
    return this.byCode.get(code)?.occupation;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  all(): readonly Occupation[] {
    return this.occupations;
  }

  /** True for a 4-digit code that is in the catalogue. */
  isValidCode(code: string): boolean {
    return CODE_PATTERN.test(code) && this.byCode.has(code);
  }

  /**
   * Case- and diacritics-insensitive search over code prefixes and the Norwegian and English names and synonyms.
   * Ranking: exact code, exact title, title prefix, word prefix, substring, then all query words found in the
   * occupation's titles; ties go to the shorter matched title, then to the lower code. Digits-only queries match
   * code prefixes; queries under 3 characters match only at the start of a title or word.
   */
  search(text: string, limit = 20): Occupation[] {
    const max = Math.floor(limit);
    const query = toTerm(text);
    if (query.compact === '' || !(max > 0)) return [];
    const words = query.spaced.split(' ');
    const digitsOnly = /^\d+$/.test(query.compact);

    const hits: Hit[] = [];
    for (const entry of this.entries) {
      const hit = digitsOnly ? this.matchCode(entry, query.compact) : this.matchTitles(entry, query, words);
      if (hit) hits.push(hit);
    }
    hits.sort(
      (x, y) => x.rank - y.rank || x.extra - y.extra || (x.occupation.code < y.occupation.code ? -1 : 1),
    );
    return hits.slice(0, max).map((h) => h.occupation);
  }

  /**
   * SAME: identical codes. SYNONYM: different codes sharing a name or synonym (either language).
   * RELATED: either lists the other in `related`. Otherwise the deepest shared ISCO level: minor group
   * (3 digits), sub-major group (2), major group (1). NONE for no overlap or a code that is not 4 digits.
   * Well-formed codes missing from the catalogue are still compared by their digits.
   */
  relation(a: string, b: string): OccupationRelation {
    if (!CODE_PATTERN.test(a) || !CODE_PATTERN.test(b)) return 'NONE';
    if (a === b) return 'SAME';
    const x = this.byCode.get(a);
    const y = this.byCode.get(b);
    if (x && y) {
      for (const title of x.titles) if (y.titles.has(title)) return 'SYNONYM';
      if (x.occupation.related.includes(b) || y.occupation.related.includes(a)) return 'RELATED';
    }
    if (a.slice(0, 3) === b.slice(0, 3)) return 'SAME_MINOR_GROUP';
    if (a.slice(0, 2) === b.slice(0, 2)) return 'SAME_SUB_MAJOR_GROUP';
    if (a[0] === b[0]) return 'SAME_MAJOR_GROUP';
    return 'NONE';
  }

  private matchCode(entry: IndexEntry, digits: string): Hit | undefined {
    const { code } = entry.occupation;
    if (code === digits) return { occupation: entry.occupation, rank: RANK_EXACT_CODE, extra: 0 };
    if (code.startsWith(digits)) return { occupation: entry.occupation, rank: RANK_PREFIX, extra: 0 };
    return undefined;
  }

  private matchTitles(entry: IndexEntry, query: Term, words: readonly string[]): Hit | undefined {
    let best: Hit | undefined;
    for (const term of entry.terms) {
      const rank = rankTerm(term, query);
      if (rank === undefined) continue;
      const extra = term.compact.length - query.compact.length;
      if (!best || rank < best.rank || (rank === best.rank && extra < best.extra)) {
        best = { occupation: entry.occupation, rank, extra };
      }
    }
    if (best || words.length < 2 || query.compact.length < MIN_INFIX_QUERY_LENGTH) return best;
    const haystack = entry.terms.map((t) => t.spaced).join(' | ');
    const allWords = words.every((w) => haystack.includes(w));
    return allWords ? { occupation: entry.occupation, rank: RANK_ALL_WORDS, extra: 0 } : undefined;
  }
}
