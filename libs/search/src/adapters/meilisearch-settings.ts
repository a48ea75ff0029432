import type { Settings } from 'meilisearch';
import { NORWEGIAN_STOP_WORDS } from '../domain/norwegian-stop-words.js';
import type { OccupationCatalogue } from '#lib/occupations';

/** Longer occupation titles make poor synonyms (they only match when typed in full) and slow queries down. */
const MAX_SYNONYM_WORDS = 3;

/**
 * Synonyms from the occupation list: an occupation's Norwegian name and its synonyms all stand for each other
 * ("kokk" finds "kjøkkensjef" ads). A term shared by several occupations collects all their alternatives.
 */
export function occupationSynonyms(catalogue: OccupationCatalogue): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  for (const occupation of catalogue.all()) {
    const terms = [...new Set([occupation.nameNb, ...occupation.synonymsNb].map((t) => t.toLowerCase().trim()))].filter(
      (t) => t.length > 0 && t.split(/\s+/).length <= MAX_SYNONYM_WORDS,
    );
    if (terms.length < 2) continue;
    for (const term of terms) {
      const set = synonyms.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) set.add(other);
      synonyms.set(term, set);
    }
  }
  return Object.fromEntries([...synonyms].sort(([a], [b]) => (a < b ? -1 : 1)).map(([term, set]) => [term, [...set].sort()]));
}

const shared: Settings = {
  stopWords: [...NORWEGIAN_STOP_WORDS],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  pagination: { maxTotalHits: 100_000 },
  faceting: { maxValuesPerFacet: 500 },
};

export function placementSettings(synonyms: Record<string, string[]>): Settings {
  return {
    ...shared,
    // Attribute order is ranking weight, as in the PostgreSQL adapter: title/occupation, employer, tasks/description.
    searchableAttributes: ['title', 'occupationName', 'occupationSynonyms', 'employerName', 'tasks', 'description'],
    filterableAttributes: ['type', 'sector', 'areaCode', 'requiredOral', 'status', 'employerId', 'ownerOrganisationId'],
    sortableAttributes: ['createdAt', 'startDate'],
    displayedAttributes: ['id', 'version'],
    // "sort" first: an explicit sort (newest, start date) orders strictly and relevance only breaks its ties;
    // newest first breaks the remaining ties, as in the PostgreSQL adapter.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'createdAt:desc'],
    synonyms,
  };
}

export function participantSettings(synonyms: Record<string, string[]>): Settings {
  return {
    ...shared,
    searchableAttributes: ['name', 'wantedOccupations', 'experienceOccupations'],
    filterableAttributes: ['organisationId', 'status', 'finalGoal', 'oralLevel', 'reachableAreas'],
    sortableAttributes: ['version'],
    displayedAttributes: ['id', 'version'],
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'version:desc'],
    synonyms,
  };
}
