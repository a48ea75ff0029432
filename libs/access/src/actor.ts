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
