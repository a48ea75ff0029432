import type { CefrLevel, EvidenceSource, LanguageSkill, Weekday } from '#lib/core';

export enum ProtectionBasis {
  COLLECTIVE_PROTECTION = 'COLLECTIVE_PROTECTION',
  REFUGEE = 'REFUGEE',
  RESETTLEMENT_REFUGEE = 'RESETTLEMENT_REFUGEE',
  HUMANITARIAN = 'HUMANITARIAN',
  FAMILY_REUNIFICATION = 'FAMILY_REUNIFICATION',
}

export enum FinalGoal {
  WORK = 'WORK',
  EDUCATION = 'EDUCATION',
  WORK_AND_EDUCATION = 'WORK_AND_EDUCATION',
  NOT_SET = 'NOT_SET',
}

export enum EducationLevel {
  NONE = 'NONE',
  PRIMARY = 'PRIMARY',
  UPPER_SECONDARY = 'UPPER_SECONDARY',
  VOCATIONAL = 'VOCATIONAL',
  HIGHER = 'HIGHER',
}

export enum RecognitionStatus {
  NOT_APPLIED = 'NOT_APPLIED',
  APPLIED = 'APPLIED',
  RECOGNISED = 'RECOGNISED',
  PARTLY_RECOGNISED = 'PARTLY_RECOGNISED',
  REJECTED = 'REJECTED',
}

export enum ParticipantStatus {
  ACTIVE = 'ACTIVE',
  ON_LEAVE = 'ON_LEAVE',
  COMPLETED = 'COMPLETED',
  ARCHIVED = 'ARCHIVED',
}

export enum ConsentScope {
  /** May be proposed to employers as a candidate. */
  PROPOSE_TO_EMPLOYERS = 'PROPOSE_TO_EMPLOYERS',
  /** The candidate card shown to employers may include language levels and experience. */
  SHARE_CARD_WITH_EMPLOYERS = 'SHARE_CARD_WITH_EMPLOYERS',
  /** May be contacted by SMS/email in their own language. */
  CONTACT_BY_MESSAGE = 'CONTACT_BY_MESSAGE',
}

export interface EducationEntry {
  readonly level: EducationLevel;
  readonly field?: string | null;
  readonly country?: string | null;
  readonly years?: number | null;
  readonly recognition: RecognitionStatus;
}

export interface ExperienceEntry {
  readonly occupationCode: string;
  readonly years: number;
  readonly country?: string | null;
  readonly description?: string | null;
}

export interface OtherLanguage {
  readonly language: string;
  readonly level: CefrLevel;
}

/** Advisor-only: used as hard filters by matching, never shown to market contacts or employers. */
export interface Constraints {
  readonly noShiftWork: boolean;
  readonly childcareDays: readonly Weekday[];
  readonly noCareForOppositeSex: boolean;
  readonly noPorkOrAlcohol: boolean;
  readonly healthLimitations?: string | null;
  readonly maxHoursPerWeek?: number | null;
}

export const NO_CONSTRAINTS: Constraints = {
  noShiftWork: false,
  childcareDays: [],
  noCareForOppositeSex: false,
  noPorkOrAlcohol: false,
  healthLimitations: null,
  maxHoursPerWeek: null,
};

export interface LanguageEvidence {
  readonly skill: LanguageSkill;
  readonly level: CefrLevel;
  readonly source: EvidenceSource;
  readonly assessedOn: string;
}
