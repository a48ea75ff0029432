import type { RowScope } from '#lib/database';

export enum Role {
  ADVISOR = 'ADVISOR',
  MARKET_CONTACT = 'MARKET_CONTACT',
  TEACHER = 'TEACHER',
  EMPLOYER = 'EMPLOYER',
  ADMIN = 'ADMIN',
}

export enum OrganisationKind {
  INTRODUCTION_UNIT = 'INTRODUCTION_UNIT',
  REFUGEE_OFFICE = 'REFUGEE_OFFICE',
  LEARNING_CENTRE = 'LEARNING_CENTRE',
  NAV_OFFICE = 'NAV_OFFICE',
  EMPLOYER = 'EMPLOYER',
  OPERATOR = 'OPERATOR',
}

export const MUNICIPAL_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.INTRODUCTION_UNIT,
  OrganisationKind.REFUGEE_OFFICE,
  OrganisationKind.LEARNING_CENTRE,
];

/** Who is calling: resolved from the bearer token and the users table on every request. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  /** Set for employer users: the employer (orgnr identity) their organisation represents. */
  readonly employerId: string | null;
  readonly language: 'nb' | 'en';
}

/** The caller as PostgreSQL row-level security sees it (libs/database row-scope.ts): role, organisation, user, employer. */
export function rowScopeOf(actor: Actor): RowScope {
  return { kind: 'caller', role: actor.role, organisationId: actor.organisationId, userId: actor.userId, employerId: actor.employerId };
}
