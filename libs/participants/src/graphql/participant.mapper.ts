import { ParticipantView } from '#lib/access';
import type { Sector } from '#lib/core';
import type { VisibleParticipant } from '../application/participants.service.js';
import { NO_CONSTRAINTS } from '../domain/participant.js';
import type { ParticipantEntity } from '../persistence/participant.entity.js';
import type { Participant, ParticipantMatchingView, SkillLevel } from './participant.model.js';

const skill = (level: ParticipantEntity['oralLevel'], source: ParticipantEntity['oralSource']): SkillLevel | null =>
  level && source ? { level, source } : null;

/** Builds the matching view field by field, so nothing advisor-only can ride along by accident. */
function matchingFields(p: ParticipantEntity): Omit<ParticipantMatchingView, 'view'> {
  return {
    id: p.id,
    displayName: `${p.firstName} ${p.lastName.charAt(0)}.`,
    organisationId: p.organisationId,
    advisorId: p.advisorId,
    status: p.status,
    norwegian: {
      oral: skill(p.oralLevel, p.oralSource),
      listening: skill(p.listeningLevel, p.listeningSource),
      reading: skill(p.readingLevel, p.readingSource),
      writing: skill(p.writingLevel, p.writingSource),
    },
    otherLanguages: p.otherLanguages,
    education: p.education,
    experience: p.experience,
    certificates: p.certificates,
    wantedOccupations: p.wantedOccupations,
    longTermOccupations: p.longTermOccupations,
    sectorsOfInterest: p.sectorsOfInterest as Sector[],
    sectorsRefused: p.sectorsRefused as Sector[],
    availability: {
      availableFrom: p.availableFrom,
      weekdays: p.availableWeekdays,
      hoursPerWeek: p.hoursPerWeek,
      reachableAreas: p.reachableAreas,
      maxTravelMinutes: p.maxTravelMinutes,
      hasDrivingLicence: p.hasDrivingLicence,
      hasCar: p.hasCar,
    },
    finalGoal: p.finalGoal,
    programmeEnd: p.programmeEnd,
    updatedAt: p.updatedAt,
  };
}

export function toParticipantView({ entity: p, view }: VisibleParticipant): Participant | ParticipantMatchingView {
  if (view !== ParticipantView.FULL) return { view, ...matchingFields(p) };
  return {
    view,
    ...matchingFields(p),
    firstName: p.firstName,
    lastName: p.lastName,
    birthYear: p.birthYear,
    phone: p.phone,
    email: p.email,
    preferredLanguages: p.preferredLanguages,
    interpreterNeeded: p.interpreterNeeded,
    protectionBasis: p.protectionBasis,
    settlementDate: p.settlementDate,
    programmeStart: p.programmeStart,
    partTime: p.partTime,
    constraints: {
      ...NO_CONSTRAINTS,
      ...p.constraints,
      childcareDays: [...(p.constraints.childcareDays ?? [])],
      healthLimitations: p.constraints.healthLimitations ?? null,
      maxHoursPerWeek: p.constraints.maxHoursPerWeek ?? null,
    },
    familyNotes: p.familyNotes,
  };
}
