import type { FacetCount, FacetDistribution, FacetFilter } from './search-index.js';

/**
 * Turns an engine's per-facet counts into lists: values with hits, most frequent first (ties by value), plus
 * every selected value even at zero, so a chosen filter never disappears from the facet it was chosen in.
 */
export function facetLists<F extends string>(facets: readonly F[], distribution: Partial<FacetDistribution<F>>, selected: FacetFilter<F>): Record<F, FacetCount[]> {
  const out = {} as Record<F, FacetCount[]>;
  for (const facet of facets) {
    const counts = new Map<string, number>();
    for (const [value, count] of Object.entries(distribution[facet] ?? {})) if (count > 0) counts.set(value, count);
    for (const value of selected[facet] ?? []) if (!counts.has(value)) counts.set(value, 0);
    out[facet] = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  }
  return out;
}

/** Filters other than `facet`: a facet's counts are taken over these (disjunctive faceting). */
export function withoutFacet<F extends string>(filter: FacetFilter<F>, facet: F): FacetFilter<F> {
  const { [facet]: _own, ...rest } = filter;
  return rest as FacetFilter<F>;
}

/** Facets that actually restrict the result (a value list was given). */
export function activeFacets<F extends string>(filter: FacetFilter<F>): F[] {
  return (Object.keys(filter) as F[]).filter((f) => (filter[f]?.length ?? 0) > 0);
}
