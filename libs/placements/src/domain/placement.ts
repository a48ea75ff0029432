import type { CefrLevel, LanguageSkill, Weekday } from '#lib/core';

export enum PlacementType {
  LANGUAGE_PRACTICE = 'LANGUAGE_PRACTICE',
  WORK_PRACTICE = 'WORK_PRACTICE',
  SUBSIDISED_JOB = 'SUBSIDISED_JOB',
  JOB = 'JOB',
}

export enum PlacementStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  PAUSED = 'PAUSED',
  FILLED = 'FILLED',
  CLOSED = 'CLOSED',
  EXPIRED = 'EXPIRED',
}

export enum LanguageEnvironment {
  WORKS_WITH_COLLEAGUES = 'WORKS_WITH_COLLEAGUES',
  MIXED = 'MIXED',
  MOSTLY_ALONE = 'MOSTLY_ALONE',
}

export enum PostedBy {
  MARKET_CONTACT = 'MARKET_CONTACT',
  ADVISOR = 'ADVISOR',
  TEACHER = 'TEACHER',
  EMPLOYER = 'EMPLOYER',
  PARTICIPANT = 'PARTICIPANT',
  ADMIN = 'ADMIN',
}

export type RequiredLevels = Partial<Record<LanguageSkill, CefrLevel>>;

/** Lifecycle DRAFT → OPEN → (PAUSED) → FILLED → CLOSED/EXPIRED (domain.md §4). */
const TRANSITIONS: Readonly<Record<PlacementStatus, readonly PlacementStatus[]>> = {
  [PlacementStatus.DRAFT]: [PlacementStatus.OPEN, PlacementStatus.CLOSED],
  [PlacementStatus.OPEN]: [PlacementStatus.PAUSED, PlacementStatus.FILLED, PlacementStatus.CLOSED, PlacementStatus.EXPIRED],
  [PlacementStatus.PAUSED]: [PlacementStatus.OPEN, PlacementStatus.CLOSED, PlacementStatus.EXPIRED],
  [PlacementStatus.FILLED]: [PlacementStatus.OPEN, PlacementStatus.CLOSED],
  [PlacementStatus.CLOSED]: [],
  [PlacementStatus.EXPIRED]: [],
};

export function canTransition(from: PlacementStatus, to: PlacementStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: PlacementStatus): readonly PlacementStatus[] {
  return TRANSITIONS[from];
}

export const PUBLISHED_STATUSES: readonly PlacementStatus[] = [PlacementStatus.OPEN, PlacementStatus.PAUSED, PlacementStatus.FILLED];

export interface Schedule {
  readonly startDate: string;
  readonly endDate: string | null;
  readonly weekdays: readonly Weekday[];
  readonly hoursPerWeek: number;
}
