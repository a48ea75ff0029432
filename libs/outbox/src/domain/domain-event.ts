/** Every change the domain makes is described by one of these, written to the outbox in the same transaction. */
export enum DomainEventType {
  ParticipantCreated = 'ParticipantCreated',
  ParticipantUpdated = 'ParticipantUpdated',
  ParticipantArchived = 'ParticipantArchived',
  LanguageAssessed = 'LanguageAssessed',
  ConsentGiven = 'ConsentGiven',
  ConsentWithdrawn = 'ConsentWithdrawn',
  TeacherAssigned = 'TeacherAssigned',
  EmployerRegistered = 'EmployerRegistered',
  EmployerUpdated = 'EmployerUpdated',
  EmployerArchived = 'EmployerArchived',
  EmployerSiteAdded = 'EmployerSiteAdded',
  EmployerContactAdded = 'EmployerContactAdded',
  PlacementCreated = 'PlacementCreated',
  PlacementUpdated = 'PlacementUpdated',
  PlacementOpened = 'PlacementOpened',
  PlacementStatusChanged = 'PlacementStatusChanged',
  /** An advisor asks the serving NAV office's market contacts for a placement (payload: organisationId). */
  PlacementRequested = 'PlacementRequested',
  ProposalCreated = 'ProposalCreated',
  /** payload: participantId, placementId, employerId, from, to, reason (codes only). */
  ProposalStatusChanged = 'ProposalStatusChanged',
  FollowUpScheduled = 'FollowUpScheduled',
  FollowUpLogged = 'FollowUpLogged',
  EvaluationRecorded = 'EvaluationRecorded',
  /** payload: outcomeId, measuredAt (the category is reloaded by id, not carried). */
  ParticipantOutcomeRecorded = 'ParticipantOutcomeRecorded',
}

export type AggregateType = 'Participant' | 'Employer' | 'Placement' | 'Proposal';

/** Payloads carry ids and codes, never personal data: they travel through Redis. */
export type EventPayload = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export interface DomainEvent {
  readonly type: DomainEventType;
  readonly aggregateType: AggregateType;
  readonly aggregateId: string;
  readonly payload?: EventPayload;
}

/** What a consumer receives from the queue. */
export interface RelayedEvent extends DomainEvent {
  readonly eventId: string;
  readonly actorId: string | null;
  readonly occurredAt: string;
}
