import { NO_LEVEL, toParticipantDocument, toPlacementDocument } from './search-documents.js';

describe('search documents', () => {
  it('builds a placement document with the occupation’s Norwegian name and synonyms, NONE for no oral requirement', () => {
    const doc = toPlacementDocument({
      id: 'p1', title: 'Kokk', description: 'Stort kjøkken', tasks: ['Lunsj'], occupationCode: '5120', type: 'JOB', sector: 'RESTAURANT',
      areaCode: 'OSLO-ALNA', requiredOral: null, status: 'OPEN', employerId: 'e1', employerName: 'Kantina AS', ownerOrganisationId: 'o1',
      startDate: '2026-01-05', createdAt: new Date('2025-06-01T10:00:00Z'), version: 42,
    });
    expect(doc.occupationName).toBe('Kokker');
    expect(doc.occupationSynonyms).toContain('restaurantkokk');
    expect(doc.requiredOral).toBe(NO_LEVEL);
    expect(doc.createdAt).toBe('2025-06-01T10:00:00.000Z');
  });

  it('copies nothing of a participant but name, occupations, facets and the unit', () => {
    const doc = toParticipantDocument({
      id: 'r1', organisationId: 'u1', firstName: 'Olena', lastName: 'Kovalenko', wantedOccupations: ['5311', '9999'], experienceOccupations: ['9112'],
      status: 'ACTIVE', finalGoal: 'WORK', oralLevel: null, reachableAreas: ['OSLO-ALNA'], version: 7,
    });
    expect(Object.keys(doc).sort()).toEqual(['experienceOccupations', 'finalGoal', 'id', 'name', 'oralLevel', 'organisationId', 'reachableAreas', 'status', 'version', 'wantedOccupations']);
    expect(doc.name).toBe('Olena Kovalenko');
    expect(doc.wantedOccupations).toContain('barnehageassistent');
    expect(doc.experienceOccupations).toContain('renholder');
    expect(doc.oralLevel).toBe(NO_LEVEL);
  });
});
