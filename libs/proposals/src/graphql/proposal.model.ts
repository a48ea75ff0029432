import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { CefrLevel, EvidenceSource, Weekday } from '#lib/core';
import { CefrLevelEnum, EvidenceSourceEnum, WeekdayEnum } from '#lib/gql';
import { DeclineReason, ParticipantReason, ProposalStatus } from '../domain/proposal.js';
import { FollowUpStatus } from '../persistence/follow-up.entity.js';

registerEnumType(ProposalStatus, { name: 'ProposalStatus', description: 'SUGGESTED → PROPOSED → ACCEPTED/DECLINED → AGREED → STARTED → COMPLETED/ENDED_EARLY/CONVERTED/HIRED; WITHDRAWN or DECLINED_BY_PARTICIPANT on the way' });
registerEnumType(DeclineReason, { name: 'DeclineReason', description: 'Why an employer declines a candidate (reported, and used by matching)' });
registerEnumType(ParticipantReason, { name: 'ParticipantReason', description: 'Why a participant declines, or a proposal is withdrawn or ended early' });
registerEnumType(FollowUpStatus, { name: 'FollowUpStatus' });

@ObjectType({ description: 'The praksisavtale.' })
export class Agreement {
  @Field(() => String) startDate!: string;
  @Field(() => String) endDate!: string;
  @Field(() => [WeekdayEnum]) weekdays!: Weekday[];
  @Field(() => Float) hoursPerWeek!: number;
  @Field(() => [String]) tasks!: string[];
  @Field(() => String) supervisorName!: string;
}

@ObjectType({ description: 'One step in a proposal’s history: who moved it, when, and why.' })
export class ProposalTransition {
  @Field(() => ProposalStatus, { nullable: true }) fromStatus!: ProposalStatus | null;
  @Field(() => ProposalStatus) toStatus!: ProposalStatus;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) reasonNote!: string | null;
  @Field(() => ID, { nullable: true, description: 'Null when the employer answered through an emailed link.' }) actorId!: string | null;
  @Field(() => String, { description: 'USER or EMPLOYER_LINK' }) actorKind!: string;
  @Field(() => Date) occurredAt!: Date;
}

@ObjectType()
export class FollowUp {
  @Field(() => ID) id!: string;
  @Field(() => String) dueOn!: string;
  @Field(() => String) kind!: string;
  @Field(() => FollowUpStatus) status!: FollowUpStatus;
  @Field(() => String, { nullable: true }) heldOn!: string | null;
  @Field(() => [String]) attendance!: string[];
  @Field(() => String, { nullable: true }) notes!: string | null;
}

@ObjectType()
export class Evaluation {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'EMPLOYER or ADVISOR' }) authorRole!: string;
  @Field(() => Int) languageExposure!: number;
  @Field(() => Int) tasksFit!: number;
  @Field(() => Boolean) wouldHostAgain!: boolean;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class CandidateSkill {
  @Field(() => String) skill!: string;
  @Field(() => CefrLevelEnum) level!: CefrLevel;
  @Field(() => EvidenceSourceEnum) source!: EvidenceSource;
}

@ObjectType()
export class CandidateExperience {
  @Field(() => String) occupationCode!: string;
  @Field(() => Float) years!: number;
}

@ObjectType()
export class CandidateLanguage {
  @Field(() => String) language!: string;
  @Field(() => CefrLevelEnum) level!: CefrLevel;
}

@ObjectType({ description: 'What the employer sees of a candidate: the name, and the rest only with the participant’s consent to share the card.' })
export class CandidateCard {
  @Field(() => String) displayName!: string;
  @Field(() => Boolean) shared!: boolean;
  @Field(() => [CandidateSkill]) norwegian!: CandidateSkill[];
  @Field(() => [CandidateLanguage]) otherLanguages!: CandidateLanguage[];
  @Field(() => [CandidateExperience]) experience!: CandidateExperience[];
  @Field(() => [String]) certificates!: string[];
  @Field(() => [String]) wantedOccupations!: string[];
}

@ObjectType()
export class Proposal {
  @Field(() => ID) id!: string;
  @Field(() => ProposalStatus) status!: ProposalStatus;
  @Field(() => ID) participantId!: string;
  @Field(() => ID) placementId!: string;
  @Field(() => ID) employerId!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { nullable: true, description: 'Reason code of the last decline, withdrawal or early end.' }) reason!: string | null;
  @Field(() => String, { nullable: true }) reasonNote!: string | null;
  @Field(() => Date, { nullable: true }) proposedAt!: Date | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Agreement, { nullable: true }) agreement!: Agreement | null;
  @Field(() => ID, { nullable: true }) followUpOwnerId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Null for employers.' }) createdById!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => [ProposalStatus], { description: 'Where the caller may move it next.' }) allowedTransitions!: ProposalStatus[];
}

@ObjectType()
export class LedgerDecline {
  @Field(() => String) reason!: string;
  @Field(() => Date) answeredAt!: Date;
}

@ObjectType({ description: 'How an employer is being asked and answers, shared by every office.' })
export class EmployerLedger {
  @Field(() => ID) employerId!: string;
  @Field(() => Int) openProposals!: number;
  @Field(() => Int) proposalsThisMonth!: number;
  @Field(() => Int) monthlyCap!: number;
  @Field(() => Float, { nullable: true }) medianAnswerHours!: number | null;
  @Field(() => [LedgerDecline]) recentDeclines!: LedgerDecline[];
  @Field(() => Int) currentParticipants!: number;
  @Field(() => Date, { nullable: true }) coolingDownUntil!: Date | null;
}

@InputType()
export class SuggestProposalInput {
  @Field(() => ID) participantId!: string;
  @Field(() => ID) placementId!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class ProposalTransitionInput {
  @Field(() => String, { nullable: true, description: 'A DeclineReason (employer declines) or ParticipantReason (withdrawals, participant declines, early ends).' }) reason?: string | null;
  @Field(() => String, { nullable: true }) reasonNote?: string | null;
}

@InputType()
export class AgreementInput {
  @Field(() => String) startDate!: string;
  @Field(() => String) endDate!: string;
  @Field(() => [WeekdayEnum]) weekdays!: Weekday[];
  @Field(() => Float) hoursPerWeek!: number;
  @Field(() => [String]) tasks!: string[];
  @Field(() => String) supervisorName!: string;
  @Field(() => ID, { nullable: true, description: 'Who follows up (default: you).' }) followUpOwnerId?: string | null;
}

@InputType()
export class FollowUpScheduleInput {
  @Field(() => String) dueOn!: string;
  @Field(() => String, { nullable: true, description: 'VISIT (default), MEETING or CALL' }) kind?: 'VISIT' | 'MEETING' | 'CALL';
}

@InputType()
export class FollowUpLogInput {
  @Field(() => String) heldOn!: string;
  @Field(() => [String], { description: 'PARTICIPANT, EMPLOYER, ADVISOR, MARKET_CONTACT, TEACHER, INTERPRETER' }) attendance!: string[];
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class EvaluationInput {
  @Field(() => Int, { description: '1–5' }) languageExposure!: number;
  @Field(() => Int, { description: '1–5' }) tasksFit!: number;
  @Field(() => Boolean) wouldHostAgain!: boolean;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@InputType()
export class ProposalFilterInput {
  @Field(() => ID, { nullable: true }) participantId?: string | null;
  @Field(() => ID, { nullable: true }) placementId?: string | null;
  @Field(() => ID, { nullable: true }) employerId?: string | null;
  @Field(() => [ProposalStatus], { nullable: true }) status?: ProposalStatus[] | null;
}
