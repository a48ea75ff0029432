import { OccupationCatalogue } from '#lib/occupations';
import { occupationSynonyms, placementSettings } from './meilisearch-settings.js';

describe('Meilisearch settings', () => {
  const synonyms = occupationSynonyms(OccupationCatalogue.default());

  it('makes an occupation’s name and synonyms stand for each other, both ways', () => {
    expect(synonyms.kokk).toEqual(expect.arrayContaining(['kokker', 'restaurantkokk', 'kantinekokk']));
    expect(synonyms.restaurantkokk).toContain('kokk');
    expect(synonyms.kokk).not.toContain('kokk');
  });

  it('leaves out long titles that only match when typed in full', () => {
    expect(Object.keys(synonyms).every((term) => term.split(/\s+/).length <= 3)).toBe(true);
    expect(synonyms['barnehage- og skolefritidsassistenter mv.']).toBeUndefined();
  });

  it('filters on every facet and visibility field, and sorts strictly when asked', () => {
    const settings = placementSettings({});
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['type', 'sector', 'areaCode', 'requiredOral', 'status', 'employerId', 'ownerOrganisationId']));
    expect(settings.rankingRules?.[0]).toBe('sort');
  });
});
