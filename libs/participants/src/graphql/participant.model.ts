import { Field, Float, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ParticipantView } from '#lib/access';
import type { CefrLevel, EvidenceSource, LanguageSkill, Sector, Weekday } from '#lib/core';
import { CefrLevelEnum, Connection, EvidenceSourceEnum, type GqlContext, LanguageSkillEnum, rootFieldOf, SectorEnum, WeekdayEnum } from '#lib/gql';
import { ConsentScope, EducationLevel, FinalGoal, ParticipantStatus, ProtectionBasis, RecognitionStatus } from '../domain/participant.js';

registerEnumType(ProtectionBasis, { name: 'ProtectionBasis', description: 'COLLECTIVE_PROTECTION (kollektiv beskyttelse) follows different rules.' });
registerEnumType(FinalGoal, { name: 'FinalGoal', description: 'Sluttmål in the integration plan.' });
registerEnumType(EducationLevel, { name: 'EducationLevel' });
registerEnumType(RecognitionStatus, { name: 'RecognitionStatus' });
registerEnumType(ParticipantStatus, { name: 'ParticipantStatus' });
registerEnumType(ConsentScope, { name: 'ConsentScope' });
registerEnumType(ParticipantView, { name: 'ParticipantViewKind', description: 'FULL for the unit’s advisors; MATCHING for market contacts and teachers.' });

@ObjectType()
export class SkillLevel {
  @Field(() => CefrLevelEnum) level!: CefrLevel;
  @Field(() => EvidenceSourceEnum) source!: EvidenceSource;
}

@ObjectType({ description: 'Current Norwegian level per skill (latest evidence; stronger source wins on the same day).' })
export class NorwegianLevels {
  @Field(() => SkillLevel, { nullable: true }) oral!: SkillLevel | null;
  @Field(() => SkillLevel, { nullable: true }) listening!: SkillLevel | null;
  @Field(() => SkillLevel, { nullable: true }) reading!: SkillLevel | null;
  @Field(() => SkillLevel, { nullable: true }) writing!: SkillLevel | null;
}

@ObjectType()
export class LanguageAssessment {
  @Field(() => ID) id!: string;
  @Field(() => LanguageSkillEnum) skill!: LanguageSkill;
  @Field(() => CefrLevelEnum) level!: CefrLevel;
  @Field(() => EvidenceSourceEnum) source!: EvidenceSource;
  @Field(() => String) assessedOn!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date) recordedAt!: Date;
}

@ObjectType()
export class OtherLanguage {
  @Field(() => String) language!: string;
  @Field(() => CefrLevelEnum) level!: CefrLevel;
}

@ObjectType()
export class Education {
  @Field(() => EducationLevel) level!: EducationLevel;
  @Field(() => String, { nullable: true }) field?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => Int, { nullable: true }) years?: number | null;
  @Field(() => RecognitionStatus) recognition!: RecognitionStatus;
}

@ObjectType()
export class Experience {
  @Field(() => String, { description: 'STYRK-08 code.' }) occupationCode!: string;
  @Field(() => Float) years!: number;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType()
export class Availability {
  @Field(() => String, { nullable: true }) availableFrom!: string | null;
  @Field(() => [WeekdayEnum]) weekdays!: Weekday[];
  @Field(() => Int) hoursPerWeek!: number;
  @Field(() => [String], { description: 'District/municipality codes the participant can reach.' }) reachableAreas!: string[];
  @Field(() => Int, { nullable: true }) maxTravelMinutes!: number | null;
  @Field(() => Boolean) hasDrivingLicence!: boolean;
  @Field(() => Boolean) hasCar!: boolean;
}

@ObjectType({ description: 'Advisor-only: used by matching as hard filters, never shown to market contacts or employers.' })
export class Constraints {
  @Field(() => Boolean) noShiftWork!: boolean;
  @Field(() => [WeekdayEnum]) childcareDays!: Weekday[];
  @Field(() => Boolean) noCareForOppositeSex!: boolean;
  @Field(() => Boolean) noPorkOrAlcohol!: boolean;
  @Field(() => String, { nullable: true }) healthLimitations!: string | null;
  @Field(() => Int, { nullable: true }) maxHoursPerWeek!: number | null;
}

@ObjectType()
export class Consent {
  @Field(() => ID) id!: string;
  @Field(() => ConsentScope) scope!: ConsentScope;
  @Field(() => String) explainedInLanguage!: string;
  @Field(() => Boolean) interpreterUsed!: boolean;
  @Field(() => String) givenOn!: string;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
  @Field(() => Boolean) active!: boolean;
}

/** What every caller allowed to see a participant gets: skills, language, availability, goals. */
@InterfaceType('ParticipantView', {
  // Every participant in any response passes through here exactly once: the one place reads are audited.
  resolveType: (value: { id: string; view: ParticipantView }, context: GqlContext | undefined, info: GraphQLResolveInfo) => {
    context?.audit?.saw(value.id, value.view, rootFieldOf(info));
    return value.view === ParticipantView.FULL ? 'Participant' : 'ParticipantMatchingView';
  },
})
export abstract class ParticipantViewModel {
  @Field(() => ID) id!: string;
  @Field(() => ParticipantView) view!: ParticipantView;
  @Field(() => String, { description: 'First name and last initial.' }) displayName!: string;
  @Field(() => ID) organisationId!: string;
  @Field(() => ID, { nullable: true }) advisorId!: string | null;
  @Field(() => ParticipantStatus) status!: ParticipantStatus;
  @Field(() => NorwegianLevels) norwegian!: NorwegianLevels;
  @Field(() => [OtherLanguage]) otherLanguages!: OtherLanguage[];
  @Field(() => [Education]) education!: Education[];
  @Field(() => [Experience]) experience!: Experience[];
  @Field(() => [String]) certificates!: string[];
  @Field(() => [String], { description: 'STYRK-08 codes wanted now.' }) wantedOccupations!: string[];
  @Field(() => [String], { description: 'STYRK-08 codes wanted long-term.' }) longTermOccupations!: string[];
  @Field(() => [SectorEnum]) sectorsOfInterest!: Sector[];
  @Field(() => [SectorEnum]) sectorsRefused!: Sector[];
  @Field(() => Availability) availability!: Availability;
  @Field(() => FinalGoal) finalGoal!: FinalGoal;
  @Field(() => String, { nullable: true, description: 'Used for urgency.' }) programmeEnd!: string | null;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ implements: () => [ParticipantViewModel], description: 'Matching view for market contacts and teachers: no identity, health, family or benefit details.' })
export class ParticipantMatchingView extends ParticipantViewModel {}

@ObjectType({ implements: () => [ParticipantViewModel], description: 'Full profile: advisors of the participant’s own unit only.' })
export class Participant extends ParticipantViewModel {
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => Int) birthYear!: number;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => [String]) preferredLanguages!: string[];
  @Field(() => Boolean) interpreterNeeded!: boolean;
  @Field(() => ProtectionBasis) protectionBasis!: ProtectionBasis;
  @Field(() => String) settlementDate!: string;
  @Field(() => String, { nullable: true }) programmeStart!: string | null;
  @Field(() => Boolean) partTime!: boolean;
  @Field(() => Constraints) constraints!: Constraints;
  @Field(() => String, { nullable: true }) familyNotes!: string | null;
}

export const ParticipantConnection = Connection(ParticipantViewModel as unknown as new () => ParticipantViewModel, 'ParticipantConnection');

@InputType()
export class OtherLanguageInput {
  @Field(() => String) language!: string;
  @Field(() => CefrLevelEnum) level!: CefrLevel;
}

@InputType()
export class EducationInput {
  @Field(() => EducationLevel) level!: EducationLevel;
  @Field(() => String, { nullable: true }) field?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => Int, { nullable: true }) years?: number | null;
  @Field(() => RecognitionStatus, { nullable: true }) recognition?: RecognitionStatus;
}

@InputType()
export class ExperienceInput {
  @Field(() => String) occupationCode!: string;
  @Field(() => Float) years!: number;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class ConstraintsInput {
  @Field(() => Boolean, { nullable: true }) noShiftWork?: boolean;
  @Field(() => [WeekdayEnum], { nullable: true }) childcareDays?: Weekday[];
  @Field(() => Boolean, { nullable: true }) noCareForOppositeSex?: boolean;
  @Field(() => Boolean, { nullable: true }) noPorkOrAlcohol?: boolean;
  @Field(() => String, { nullable: true }) healthLimitations?: string | null;
  @Field(() => Int, { nullable: true }) maxHoursPerWeek?: number | null;
}

@InputType()
class ParticipantFieldsInput {
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => [String], { nullable: true }) preferredLanguages?: string[];
  @Field(() => Boolean, { nullable: true }) interpreterNeeded?: boolean;
  @Field(() => String, { nullable: true }) programmeStart?: string | null;
  @Field(() => String, { nullable: true }) programmeEnd?: string | null;
  @Field(() => Boolean, { nullable: true }) partTime?: boolean;
  @Field(() => FinalGoal, { nullable: true }) finalGoal?: FinalGoal;
  @Field(() => [OtherLanguageInput], { nullable: true }) otherLanguages?: OtherLanguageInput[];
  @Field(() => [EducationInput], { nullable: true }) education?: EducationInput[];
  @Field(() => [ExperienceInput], { nullable: true }) experience?: ExperienceInput[];
  @Field(() => [String], { nullable: true }) certificates?: string[];
  @Field(() => [String], { nullable: true }) wantedOccupations?: string[];
  @Field(() => [String], { nullable: true }) longTermOccupations?: string[];
  @Field(() => [SectorEnum], { nullable: true }) sectorsOfInterest?: Sector[];
  @Field(() => [SectorEnum], { nullable: true }) sectorsRefused?: Sector[];
  @Field(() => String, { nullable: true }) availableFrom?: string | null;
  @Field(() => [WeekdayEnum], { nullable: true }) availableWeekdays?: Weekday[];
  @Field(() => Int, { nullable: true }) hoursPerWeek?: number;
  @Field(() => [String], { nullable: true }) reachableAreas?: string[];
  @Field(() => Int, { nullable: true }) maxTravelMinutes?: number | null;
  @Field(() => Boolean, { nullable: true }) hasDrivingLicence?: boolean;
  @Field(() => Boolean, { nullable: true }) hasCar?: boolean;
  @Field(() => ConstraintsInput, { nullable: true }) constraints?: ConstraintsInput;
  @Field(() => String, { nullable: true }) familyNotes?: string | null;
  @Field(() => ID, { nullable: true, description: 'Defaults to the caller.' }) advisorId?: string | null;
}

@InputType()
export class CreateParticipantInput extends ParticipantFieldsInput {
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => Int) birthYear!: number;
  @Field(() => ProtectionBasis) protectionBasis!: ProtectionBasis;
  @Field(() => String, { description: 'YYYY-MM-DD' }) settlementDate!: string;
}

@InputType()
export class UpdateParticipantInput extends ParticipantFieldsInput {
  @Field(() => String, { nullable: true }) firstName?: string;
  @Field(() => String, { nullable: true }) lastName?: string;
  @Field(() => Int, { nullable: true }) birthYear?: number;
  @Field(() => ProtectionBasis, { nullable: true }) protectionBasis?: ProtectionBasis;
  @Field(() => String, { nullable: true }) settlementDate?: string;
}

@InputType()
export class LanguageAssessmentInput {
  @Field(() => LanguageSkillEnum) skill!: LanguageSkill;
  @Field(() => CefrLevelEnum) level!: CefrLevel;
  @Field(() => EvidenceSourceEnum) source!: EvidenceSource;
  @Field(() => String) assessedOn!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class ConsentInput {
  @Field(() => ConsentScope) scope!: ConsentScope;
  @Field(() => String, { description: 'The language the consent was explained in, e.g. "ukrainsk".' }) explainedInLanguage!: string;
  @Field(() => Boolean, { nullable: true }) interpreterUsed?: boolean;
  @Field(() => String) givenOn!: string;
}

@InputType()
export class ParticipantFilterInput {
  @Field(() => [ParticipantStatus], { nullable: true, description: 'Defaults to ACTIVE and ON_LEAVE.' }) status?: ParticipantStatus[];
  @Field(() => FinalGoal, { nullable: true }) finalGoal?: FinalGoal;
  @Field(() => CefrLevelEnum, { nullable: true }) minOralLevel?: CefrLevel;
  @Field(() => String, { nullable: true }) wantsOccupation?: string;
  @Field(() => String, { nullable: true }) reachesArea?: string;
  @Field(() => WeekdayEnum, { nullable: true }) availableOn?: Weekday;
  @Field(() => ID, { nullable: true }) advisorId?: string;
  @Field(() => String, { nullable: true }) programmeEndsBefore?: string;
  @Field(() => String, { nullable: true, description: 'Name search (advisors only).' }) search?: string;
}
