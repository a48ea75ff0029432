import { EmployerAnswerLinkEntity } from '#lib/employer-answers';
import { AuditEntryEntity } from '#lib/audit';
import { EmployerContactEntity, EmployerEntity, EmployerSiteEntity } from '#lib/employers';
import { ParticipantOutcomeEntity } from '#lib/insights';
import { OrganisationEntity, UserEntity } from '#lib/organisations';
import { ActivityEntryEntity, ConsumedEventEntity, OutboxEventEntity } from '#lib/outbox';
import { EmailMessageEntity, NotificationDeliveryEntity, NotificationEntity } from '#lib/notifications';
import { ConsentEntity, LanguageAssessmentEntity, ParticipantEntity, ParticipantTeacherEntity } from '#lib/participants';
import { AllocationRunEntity } from '#lib/matching';
import { PlacementEntity } from '#lib/placements';
import { ReminderFiredEntity, ReminderRuleEntity } from '#lib/reminders';
import { EvaluationEntity, FollowUpEntity, ProposalEntity, ProposalTransitionEntity } from '#lib/proposals';

/** Every TypeORM entity; the schema itself only changes through the migrations beside this file. */
export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  EmployerEntity,
  EmployerSiteEntity,
  EmployerContactEntity,
  PlacementEntity,
  ParticipantEntity,
  LanguageAssessmentEntity,
  ConsentEntity,
  ParticipantTeacherEntity,
  OutboxEventEntity,
  ConsumedEventEntity,
  ActivityEntryEntity,
  ProposalEntity,
  ProposalTransitionEntity,
  FollowUpEntity,
  EvaluationEntity,
  AllocationRunEntity,
  AuditEntryEntity,
  EmployerAnswerLinkEntity,
  EmailMessageEntity,
  NotificationDeliveryEntity,
  NotificationEntity,
  ParticipantOutcomeEntity,
  ReminderRuleEntity,
  ReminderFiredEntity,
];
