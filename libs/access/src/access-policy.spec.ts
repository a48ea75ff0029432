import { ParticipantView, AccessPolicy } from './access-policy.js';
import { type Actor, OrganisationKind, Role } from './actor.js';

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  role,
  organisationId: 'org1',
  organisationKind: role === Role.MARKET_CONTACT ? OrganisationKind.NAV_OFFICE : OrganisationKind.INTRODUCTION_UNIT,
  employerId: null,
  language: 'nb',
  ...extra,
});

describe('AccessPolicy', () => {
  const policy = new AccessPolicy();

  it('scopes participants by role: full for the unit, matching for NAV office and teachers, none otherwise', () => {
    expect(policy.participantScope(actor(Role.ADVISOR))).toEqual({ kind: 'UNIT', organisationId: 'org1', view: ParticipantView.FULL });
    expect(policy.participantScope(actor(Role.MARKET_CONTACT))).toEqual({ kind: 'SERVED_BY_NAV_OFFICE', navOfficeId: 'org1', view: ParticipantView.MATCHING });
    expect(policy.participantScope(actor(Role.TEACHER))).toEqual({ kind: 'FOLLOWED_BY_TEACHER', teacherId: 'u1', view: ParticipantView.MATCHING });
    expect(policy.participantScope(actor(Role.EMPLOYER, { employerId: 'e1' }))).toEqual({ kind: 'NONE' });
    expect(policy.participantScope(actor(Role.ADMIN))).toEqual({ kind: 'NONE' });
  });

  it('lets only advisors of the unit write profiles', () => {
    expect(() => policy.assertCanWriteParticipant(actor(Role.ADVISOR), 'org1')).not.toThrow();
    expect(() => policy.assertCanWriteParticipant(actor(Role.ADVISOR), 'org2')).toThrow(/advisors/);
    expect(() => policy.assertCanWriteParticipant(actor(Role.MARKET_CONTACT), 'org1')).toThrow();
  });

  it('lets a teacher record language only for participants they follow', () => {
    expect(policy.canRecordLanguage(actor(Role.TEACHER), 'org9', true)).toBe(true);
    expect(policy.canRecordLanguage(actor(Role.TEACHER), 'org9', false)).toBe(false);
    expect(policy.canRecordLanguage(actor(Role.MARKET_CONTACT), 'org1', true)).toBe(false);
  });

  it('scopes placements and their writes', () => {
    expect(policy.placementScope(actor(Role.EMPLOYER, { employerId: 'e1' }))).toEqual({ kind: 'EMPLOYER', employerId: 'e1' });
    expect(policy.placementScope(actor(Role.ADVISOR))).toEqual({ kind: 'PUBLISHED_OR_OWN', organisationId: 'org1' });
    const placement = { ownerOrganisationId: 'org1', employerId: 'e1' };
    expect(() => policy.assertCanWritePlacement(actor(Role.MARKET_CONTACT), placement)).not.toThrow();
    expect(() => policy.assertCanWritePlacement(actor(Role.MARKET_CONTACT, { organisationId: 'org2' }), placement)).toThrow();
    expect(() => policy.assertCanWritePlacement(actor(Role.EMPLOYER, { employerId: 'e1', organisationId: 'x' }), placement)).not.toThrow();
    expect(() => policy.assertCanWritePlacement(actor(Role.EMPLOYER, { employerId: 'e2', organisationId: 'org1' }), placement)).toThrow();
  });

  it('lets the owning office edit an employer, and employers edit themselves', () => {
    const employer = { id: 'e1', ownerOfficeId: 'org1' };
    expect(() => policy.assertCanWriteEmployer(actor(Role.MARKET_CONTACT), employer)).not.toThrow();
    expect(() => policy.assertCanWriteEmployer(actor(Role.MARKET_CONTACT, { organisationId: 'org2' }), employer)).toThrow();
    expect(() => policy.assertCanWriteEmployer(actor(Role.EMPLOYER, { employerId: 'e1' }), employer)).not.toThrow();
    expect(() => policy.assertCanCreateEmployer(actor(Role.TEACHER))).toThrow();
  });
});
