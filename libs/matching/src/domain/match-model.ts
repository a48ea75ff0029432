import type { CefrLevel, EvidenceSource, LanguageSkill, Sector, Weekday } from '#lib/core';

/**
 * What matching reads about a participant: a flat snapshot, loaded from PostgreSQL and kept fresh
 * from the outbox. Advisor-only fields (constraints, protection basis, part time) are used as
 * filters and for urgency, and never leave the engine except to callers with the full view.
 */
export interface MatchParticipant {
  readonly id: string;
  /** The municipal unit that owns the case: the scope key for advisors and market contacts. */
  readonly organisationId: string;
  readonly status: 'ACTIVE' | 'ON_LEAVE' | 'COMPLETED' | 'ARCHIVED';
  readonly levels: Partial<Record<LanguageSkill, LevelEvidence>>;
  readonly wantedOccupations: readonly string[];
  readonly longTermOccupations: readonly string[];
  readonly experienceOccupations: readonly string[];
  readonly certificates: readonly string[];
  readonly hasDrivingLicence: boolean;
  readonly hasCar: boolean;
  readonly sectorsOfInterest: readonly string[];
  readonly sectorsRefused: readonly string[];
  readonly availableFrom: string | null;
  readonly availableWeekdays: readonly Weekday[];
  /** 0 when not recorded. */
  readonly hoursPerWeek: number;
  readonly reachableAreas: readonly string[];
  readonly maxTravelMinutes: number | null;
  readonly finalGoal: 'WORK' | 'EDUCATION' | 'WORK_AND_EDUCATION' | 'NOT_SET';
  readonly programmeStart: string | null;
  readonly programmeEnd: string | null;
  /** Advisor-only. */
  readonly protectionBasis: string;
  /** Advisor-only. */
  readonly partTime: boolean;
  /** Advisor-only constraints, used as hard filters without being revealed. */
  readonly constraints: AdvisorOnlyConstraints;
  /** An active PROPOSE_TO_EMPLOYERS consent is on record. */
  readonly consentToPropose: boolean;
  /** Placements the participant holds or is being placed in (accepted, agreed, started). */
  readonly commitments: readonly Commitment[];
  /** Placements with an open proposal for this participant (suggested or proposed): not proposed twice. */
  readonly pendingPlacementIds: readonly string[];
  /** Employers that declined this participant recently: not proposed to them again. */
  readonly declinedByEmployers: readonly string[];
}

export interface LevelEvidence {
  readonly level: CefrLevel;
  readonly source: EvidenceSource;
}

export interface AdvisorOnlyConstraints {
  readonly noShiftWork: boolean;
  readonly childcareDays: readonly Weekday[];
  readonly noCareForOppositeSex: boolean;
  readonly noPorkOrAlcohol: boolean;
  readonly maxHoursPerWeek: number | null;
}

/** A slot the participant already occupies: its schedule blocks overlapping placements. */
export interface Commitment {
  readonly placementId: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly weekdays: readonly Weekday[];
  readonly hoursPerWeek: number;
  /** True once the praksis has started: counts towards the weekly work-oriented hours. */
  readonly started: boolean;
}

export interface MatchPlacement {
  readonly id: string;
  readonly type: 'LANGUAGE_PRACTICE' | 'WORK_PRACTICE' | 'SUBSIDISED_JOB' | 'JOB';
  readonly status: 'DRAFT' | 'OPEN' | 'PAUSED' | 'FILLED' | 'CLOSED' | 'EXPIRED';
  readonly employerId: string;
  readonly ownerOrganisationId: string;
  readonly areaCode: string;
  readonly sector: Sector | string;
  readonly occupationCode: string;
  readonly required: Partial<Record<LanguageSkill, CefrLevel>>;
  readonly openToLowNorwegian: boolean;
  readonly certificatesRequired: readonly string[];
  readonly startDate: string;
  readonly endDate: string | null;
  readonly weekdays: readonly Weekday[];
  readonly hoursPerWeek: number;
  readonly shiftWork: boolean;
  readonly capacity: number;
  /** Slots taken by accepted, agreed or started participants. */
  readonly occupied: number;
  readonly languageEnvironment: 'WORKS_WITH_COLLEAGUES' | 'MIXED' | 'MOSTLY_ALONE';
  readonly canLeadToJob: boolean;
  /** Mean of past evaluations in [0, 1] (would host again, language exposure), null when none yet. */
  readonly evaluationScore: number | null;
  /**
   * Learned from this employer's declines for weak oral Norwegian: candidates at or below this oral
   * level are not proposed to it again (the same mismatch). Null when there is no such decline.
   */
  readonly declinedOralLevel: CefrLevel | null;
}

export type ExplanationText = { readonly nb: string; readonly en: string };
