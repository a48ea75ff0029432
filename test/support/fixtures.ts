import type { ApiHarness } from './api-harness.js';
import type { World } from './world.js';

export const PARTICIPANT_FIELDS = `
  id view displayName status
  norwegian { oral { level source } writing { level source } }
  availability { weekdays hoursPerWeek reachableAreas }
  wantedOccupations finalGoal
  ... on Participant { firstName lastName birthYear phone protectionBasis familyNotes constraints { noShiftWork healthLimitations childcareDays } }
`;

export async function createParticipant(api: ApiHarness, world: World, overrides: Record<string, unknown> = {}) {
  const data = await api.ok<{ createParticipant: { id: string } }>(
    world.users.advisorA,
    `mutation($input: CreateParticipantInput!) { createParticipant(input: $input) { id } }`,
    {
      input: {
        firstName: 'Olena',
        lastName: 'Kovalenko',
        birthYear: 1988,
        phone: '+47 912 34 567',
        protectionBasis: 'COLLECTIVE_PROTECTION',
        settlementDate: '2025-03-01',
        programmeStart: '2025-04-01',
        programmeEnd: '2026-12-31',
        finalGoal: 'WORK',
        wantedOccupations: ['5311'],
        availableWeekdays: ['MON', 'TUE'],
        hoursPerWeek: 15,
        reachableAreas: ['OSLO-ALNA', 'OSLO-GRORUD'],
        constraints: { noShiftWork: true, healthLimitations: 'Astma' },
        familyNotes: 'Tre barn i barnehage',
        ...overrides,
      },
    },
  );
  return data.createParticipant.id;
}

export async function createPlacement(api: ApiHarness, world: World, userId = world.users.marketA, overrides: Record<string, unknown> = {}) {
  const data = await api.ok<{ createPlacement: { id: string } }>(
    userId,
    `mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }`,
    {
      input: {
        type: 'LANGUAGE_PRACTICE',
        title: 'Språkpraksis som barnehageassistent',
        occupationCode: '5311',
        employerId: world.employer1,
        siteId: world.site1,
        startDate: '2026-01-05',
        endDate: '2026-04-30',
        weekdays: ['MON', 'TUE'],
        hoursPerWeek: 12,
        requiredNorwegian: { oral: 'A2' },
        publish: true,
        ...overrides,
      },
    },
  );
  return data.createPlacement.id;
}
