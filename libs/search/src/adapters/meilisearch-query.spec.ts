import { facetClauses, inClause, pageWindow, placementScopeClause, quoteFilterValue } from './meilisearch-query.js';

describe('Meilisearch query building', () => {
  it('quotes filter values, escaping quotes and backslashes', () => {
    expect(quoteFilterValue('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
    expect(inClause('areaCode', ['OSLO-ALNA', '3403'])).toBe('areaCode IN ["OSLO-ALNA", "3403"]');
  });

  it('expresses each placement visibility like PlacementsService does', () => {
    expect(placementScopeClause({ kind: 'ALL' })).toBeNull();
    expect(placementScopeClause({ kind: 'EMPLOYER', employerId: 'e1' })).toBe('employerId = "e1"');
    expect(placementScopeClause({ kind: 'PUBLISHED_OR_OWN', organisationId: 'o1' })).toBe('(status IN ["OPEN", "PAUSED", "FILLED"] OR ownerOrganisationId = "o1")');
  });

  it('turns selected facet values into AND-ed IN clauses, skipping empty selections', () => {
    expect(facetClauses<string>({ type: ['JOB', 'WORK_PRACTICE'], status: [], reachableArea: ['OSLO-ALNA'] }, (f) => (f === 'reachableArea' ? 'reachableAreas' : f))).toEqual([
      'type IN ["JOB", "WORK_PRACTICE"]',
      'reachableAreas IN ["OSLO-ALNA"]',
    ]);
  });

  it('maps an offset window onto exact-count pages', () => {
    expect(pageWindow(0, 20)).toEqual({ page: 1, hitsPerPage: 20, skip: 0 });
    expect(pageWindow(40, 20)).toEqual({ page: 3, hitsPerPage: 20, skip: 0 });
    expect(pageWindow(2, 3)).toEqual({ page: 1, hitsPerPage: 5, skip: 2 });
  });
});
