import { ForbiddenError } from '#lib/core';
import { type Actor, Role } from './actor.js';

/**
 * The single place that decides who may see and change what (domain.md §2).
 * Repositories translate these scopes into SQL; resolvers never filter by themselves.
 */

/** How much of a participant the caller may see. */
export enum ParticipantView {
  /** Advisors of the participant's own unit: everything, including advisor-only constraints. */
  FULL = 'FULL',
  /** Market contacts and teachers: skills, language, availability, goals; never health, family or benefits. */
  MATCHING = 'MATCHING',
}

export type ParticipantScope =
  | { readonly kind: 'NONE' }
  | { readonly kind: 'UNIT'; readonly organisationId: string; readonly view: ParticipantView.FULL }
  | { readonly kind: 'FOLLOWED_BY_TEACHER'; readonly teacherId: string; readonly view: ParticipantView.MATCHING }
  | { readonly kind: 'SERVED_BY_NAV_OFFICE'; readonly navOfficeId: string; readonly view: ParticipantView.MATCHING };

export type PlacementScope =
  | { readonly kind: 'ALL' }
  | { readonly kind: 'EMPLOYER'; readonly employerId: string }
  /** Published placements of the shared pool, plus every placement the caller's organisation owns. */
  | { readonly kind: 'PUBLISHED_OR_OWN'; readonly organisationId: string };

export type EmployerScope = { readonly kind: 'ALL' } | { readonly kind: 'ONE'; readonly employerId: string | null };

export type OrganisationScope = { readonly kind: 'ALL' } | { readonly kind: 'ONE'; readonly organisationId: string };

export interface OwnedPlacement {
  readonly ownerOrganisationId: string;
  readonly employerId: string;
}

export interface OwnedEmployer {
  readonly id: string;
  readonly ownerOfficeId: string | null;
}

const STAFF: readonly Role[] = [Role.ADVISOR, Role.MARKET_CONTACT, Role.TEACHER, Role.ADMIN];

export class AccessPolicy {
  participantScope(actor: Actor): ParticipantScope {
    switch (actor.role) {
      case Role.ADVISOR:
        return { kind: 'UNIT', organisationId: actor.organisationId, view: ParticipantView.FULL };
      case Role.TEACHER:
        return { kind: 'FOLLOWED_BY_TEACHER', teacherId: actor.userId, view: ParticipantView.MATCHING };
      case Role.MARKET_CONTACT:
        return { kind: 'SERVED_BY_NAV_OFFICE', navOfficeId: actor.organisationId, view: ParticipantView.MATCHING };
      // Employers see candidate cards only through proposals made to them (process module);
      // admins run the service and never browse personal data.
      case Role.EMPLOYER:
      case Role.ADMIN:
        return { kind: 'NONE' };
    }
  }

  /** Advisors create and change their own unit's participants; nobody else writes profiles. */
  assertCanWriteParticipant(actor: Actor, participantOrganisationId: string): void {
    if (actor.role !== Role.ADVISOR || actor.organisationId !== participantOrganisationId) {
      throw new ForbiddenError('Only advisors of the participant’s unit may change the profile');
    }
  }

  /** Language evidence may also come from the teacher who follows the participant. */
  canRecordLanguage(actor: Actor, participantOrganisationId: string, followedByActor: boolean): boolean {
    if (actor.role === Role.ADVISOR) return actor.organisationId === participantOrganisationId;
    return actor.role === Role.TEACHER && followedByActor;
  }

  placementScope(actor: Actor): PlacementScope {
    if (actor.role === Role.ADMIN) return { kind: 'ALL' };
    if (actor.role === Role.EMPLOYER) return { kind: 'EMPLOYER', employerId: actor.employerId ?? '00000000-0000-0000-0000-000000000000' };
    return { kind: 'PUBLISHED_OR_OWN', organisationId: actor.organisationId };
  }

  assertCanCreatePlacement(actor: Actor, employerId: string): void {
    if (actor.role === Role.EMPLOYER && actor.employerId !== employerId) {
      throw new ForbiddenError('Employers may only post openings for themselves');
    }
  }

  assertCanWritePlacement(actor: Actor, placement: OwnedPlacement): void {
    const ok =
      actor.role === Role.ADMIN ||
      (actor.role === Role.EMPLOYER ? actor.employerId === placement.employerId : actor.organisationId === placement.ownerOrganisationId);
    if (!ok) throw new ForbiddenError('Only the organisation that posted the placement may change it');
  }

  employerScope(actor: Actor): EmployerScope {
    return actor.role === Role.EMPLOYER ? { kind: 'ONE', employerId: actor.employerId } : { kind: 'ALL' };
  }

  /** The employer pool is shared; market contacts, advisors and admins bring employers in. */
  assertCanCreateEmployer(actor: Actor): void {
    if (![Role.MARKET_CONTACT, Role.ADVISOR, Role.ADMIN].includes(actor.role)) {
      throw new ForbiddenError('Only market contacts, advisors and admins may register employers');
    }
  }

  /** The office owning the relationship (or an admin) edits it; employers edit their own details. */
  assertCanWriteEmployer(actor: Actor, employer: OwnedEmployer): void {
    const ok =
      actor.role === Role.ADMIN ||
      (actor.role === Role.EMPLOYER && actor.employerId === employer.id) ||
      ([Role.MARKET_CONTACT, Role.ADVISOR].includes(actor.role) && (employer.ownerOfficeId === null || employer.ownerOfficeId === actor.organisationId));
    if (!ok) throw new ForbiddenError('Only the office that owns the employer relationship may change it');
  }

  organisationScope(actor: Actor): OrganisationScope {
    return STAFF.includes(actor.role) ? { kind: 'ALL' } : { kind: 'ONE', organisationId: actor.organisationId };
  }

  assertAdmin(actor: Actor): void {
    if (actor.role !== Role.ADMIN) throw new ForbiddenError('Administrators only');
  }
}
