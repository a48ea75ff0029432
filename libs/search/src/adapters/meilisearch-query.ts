import type { PlacementScope } from '#lib/access';
import { PUBLISHED_STATUSES } from '#lib/placements';
import type { FacetFilter } from '../domain/search-index.js';

/** A Meilisearch filter string literal. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attribute IN ["a", "b"]`: for array attributes it matches when any element is one of the values. */
export function inClause(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

/** The same visibility as PlacementsService (AccessPolicy.placementScope), as a filter clause; null when unrestricted. */
export function placementScopeClause(scope: PlacementScope): string | null {
  switch (scope.kind) {
    case 'ALL':
      return null;
    case 'EMPLOYER':
      return `employerId = ${quoteFilterValue(scope.employerId)}`;
    case 'PUBLISHED_OR_OWN':
      return `(${inClause('status', PUBLISHED_STATUSES)} OR ownerOrganisationId = ${quoteFilterValue(scope.organisationId)})`;
  }
}

/** Filter clauses (AND-ed by Meilisearch) for the selected facet values; `attributeOf` maps facet to document attribute. */
export function facetClauses<F extends string>(filter: FacetFilter<F>, attributeOf: (facet: F) => string): string[] {
  return (Object.keys(filter) as F[]).filter((f) => filter[f]?.length).map((f) => inClause(attributeOf(f), filter[f]!));
}

/**
 * Meilisearch reports an exact `totalHits` only in page mode (`page`/`hitsPerPage`); offset mode gives an estimate.
 * Maps our offset window onto a page, widening the page when the offset is not a multiple of the limit.
 */
export function pageWindow(offset: number, limit: number): { page: number; hitsPerPage: number; skip: number } {
  if (offset % limit === 0) return { page: offset / limit + 1, hitsPerPage: limit, skip: 0 };
  return { page: 1, hitsPerPage: offset + limit, skip: offset };
}
