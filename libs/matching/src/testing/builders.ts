import type { MatchParticipant, MatchPlacement } from '../domain/match-model.js';

/** Test builders: a participant and a placement that fit each other; each test changes one thing. */
export function aParticipant(overrides: Partial<MatchParticipant> = {}): MatchParticipant {
  return {
    id: 'p1',
    organisationId: 'unit-a',
    status: 'ACTIVE',
    levels: {
      ORAL: { level: 'B1', source: 'OFFICIAL_TEST' },
      LISTENING: { level: 'B1', source: 'OFFICIAL_TEST' },
      READING: { level: 'B1', source: 'OFFICIAL_TEST' },
      WRITING: { level: 'B1', source: 'OFFICIAL_TEST' },
    },
    wantedOccupations: ['5311'],
    longTermOccupations: [],
    experienceOccupations: [],
    certificates: [],
    hasDrivingLicence: false,
    hasCar: false,
    sectorsOfInterest: ['KINDERGARTEN'],
    sectorsRefused: [],
    availableFrom: '2026-01-01',
    availableWeekdays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
    hoursPerWeek: 20,
    reachableAreas: ['OSLO-ALNA'],
    maxTravelMinutes: null,
    finalGoal: 'WORK',
    programmeStart: '2026-01-01',
    programmeEnd: '2027-12-31',
    protectionBasis: 'REFUGEE',
    partTime: false,
    constraints: { noShiftWork: false, childcareDays: [], noCareForOppositeSex: false, noPorkOrAlcohol: false, maxHoursPerWeek: null },
    consentToPropose: true,
    commitments: [],
    pendingPlacementIds: [],
    declinedByEmployers: [],
    ...overrides,
  };
}

export function aPlacement(overrides: Partial<MatchPlacement> = {}): MatchPlacement {
  return {
    id: 'pl1',
    type: 'LANGUAGE_PRACTICE',
    status: 'OPEN',
    employerId: 'emp1',
    ownerOrganisationId: 'nav-a',
    areaCode: 'OSLO-ALNA',
    sector: 'KINDERGARTEN',
    occupationCode: '5311',
    required: {},
    openToLowNorwegian: false,
    certificatesRequired: [],
    startDate: '2026-12-01',
    endDate: '2027-03-01',
    weekdays: ['MON', 'TUE'],
    hoursPerWeek: 12,
    shiftWork: false,
    capacity: 2,
    occupied: 0,
    languageEnvironment: 'WORKS_WITH_COLLEAGUES',
    canLeadToJob: false,
    evaluationScore: null,
    declinedOralLevel: null,
    ...overrides,
  };
}

export const TODAY = '2026-11-25';
