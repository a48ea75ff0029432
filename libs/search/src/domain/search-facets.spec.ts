import { activeFacets, facetLists, withoutFacet } from './search-facets.js';

describe('facet lists', () => {
  it('lists values with hits, most frequent first, ties by value; zero counts dropped', () => {
    const lists = facetLists(['type', 'status'] as const, { type: { JOB: 2, WORK_PRACTICE: 5, LANGUAGE_PRACTICE: 2, SUBSIDISED_JOB: 0 }, status: {} }, {});
    expect(lists.type).toEqual([
      { value: 'WORK_PRACTICE', count: 5 },
      { value: 'JOB', count: 2 },
      { value: 'LANGUAGE_PRACTICE', count: 2 },
    ]);
    expect(lists.status).toEqual([]);
  });

  it('keeps a selected value at zero so the chosen filter stays visible', () => {
    const lists = facetLists(['areaCode'] as const, { areaCode: { 'OSLO-ALNA': 3 } }, { areaCode: ['OSLO-GRORUD', 'OSLO-ALNA'] });
    expect(lists.areaCode).toEqual([
      { value: 'OSLO-ALNA', count: 3 },
      { value: 'OSLO-GRORUD', count: 0 },
    ]);
  });

  it('gives every facet a list even when the engine reported nothing for it', () => {
    expect(facetLists(['type', 'sector'] as const, {}, {})).toEqual({ type: [], sector: [] });
  });

  it('drops only the facet’s own filter for its counts', () => {
    expect(withoutFacet<'type' | 'status'>({ type: ['JOB'], status: ['OPEN'] }, 'type')).toEqual({ status: ['OPEN'] });
    expect(activeFacets<'type' | 'status'>({ type: ['JOB'], status: [] })).toEqual(['type']);
  });
});
