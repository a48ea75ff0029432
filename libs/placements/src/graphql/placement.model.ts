import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { CefrLevel, Sector, Weekday } from '#lib/core';
import { CefrLevelEnum, Connection, SectorEnum, WeekdayEnum } from '#lib/gql';
import { LanguageEnvironment, PlacementStatus, PlacementType, PostedBy } from '../domain/placement.js';

registerEnumType(PlacementType, { name: 'PlacementType', description: 'LANGUAGE_PRACTICE (språkpraksis), WORK_PRACTICE (arbeidspraksis), SUBSIDISED_JOB (lønnstilskudd), JOB' });
registerEnumType(PlacementStatus, { name: 'PlacementStatus', description: 'DRAFT → OPEN → (PAUSED) → FILLED → CLOSED/EXPIRED' });
registerEnumType(LanguageEnvironment, { name: 'LanguageEnvironment', description: 'Solitary placements give little language practice.' });
registerEnumType(PostedBy, { name: 'PostedBy' });

@ObjectType({ description: 'Minimum Norwegian per skill; null means no requirement.' })
export class LanguageRequirement {
  @Field(() => CefrLevelEnum, { nullable: true }) oral!: CefrLevel | null;
  @Field(() => CefrLevelEnum, { nullable: true }) listening!: CefrLevel | null;
  @Field(() => CefrLevelEnum, { nullable: true }) reading!: CefrLevel | null;
  @Field(() => CefrLevelEnum, { nullable: true }) writing!: CefrLevel | null;
}

@ObjectType({ description: 'An opening: språkpraksis, arbeidspraksis, wage-subsidised or ordinary job.' })
export class Placement {
  @Field(() => ID) id!: string;
  @Field(() => PlacementType) type!: PlacementType;
  @Field(() => PlacementStatus) status!: PlacementStatus;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => [String]) tasks!: string[];
  @Field(() => SectorEnum) sector!: Sector;
  @Field(() => String, { description: 'STYRK-08 code.' }) occupationCode!: string;
  @Field(() => ID) employerId!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => String) areaCode!: string;
  @Field(() => ID) ownerOrganisationId!: string;
  @Field(() => PostedBy) postedByKind!: PostedBy;
  @Field(() => LanguageRequirement) requiredNorwegian!: LanguageRequirement;
  @Field(() => Boolean, { description: 'The employer explicitly accepts candidates below the requirement.' }) openToLowNorwegian!: boolean;
  @Field(() => [String]) competences!: string[];
  @Field(() => [String]) certificatesRequired!: string[];
  @Field(() => Boolean) formalCompetenceRequired!: boolean;
  @Field(() => String) startDate!: string;
  @Field(() => String, { nullable: true }) endDate!: string | null;
  @Field(() => [WeekdayEnum]) weekdays!: Weekday[];
  @Field(() => Float) hoursPerWeek!: number;
  @Field(() => Boolean) shiftWork!: boolean;
  @Field(() => Int) capacity!: number;
  @Field(() => Boolean, { description: 'Participants are placed two by two.' }) pairing!: boolean;
  @Field(() => Boolean, { description: 'Mentortilskudd.' }) mentorSubsidy!: boolean;
  @Field(() => String, { nullable: true }) supervisorName!: string | null;
  @Field(() => LanguageEnvironment) languageEnvironment!: LanguageEnvironment;
  @Field(() => Boolean) canLeadToJob!: boolean;
  @Field(() => [PlacementStatus], { description: 'Statuses this placement may move to next.' }) allowedTransitions!: PlacementStatus[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

export const PlacementConnection = Connection(Placement, 'PlacementConnection');

@InputType()
export class LanguageRequirementInput {
  @Field(() => CefrLevelEnum, { nullable: true }) oral?: CefrLevel | null;
  @Field(() => CefrLevelEnum, { nullable: true }) listening?: CefrLevel | null;
  @Field(() => CefrLevelEnum, { nullable: true }) reading?: CefrLevel | null;
  @Field(() => CefrLevelEnum, { nullable: true }) writing?: CefrLevel | null;
}

@InputType()
class PlacementFieldsInput {
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => [String], { nullable: true }) tasks?: string[];
  @Field(() => SectorEnum, { nullable: true, description: 'Defaults to the occupation’s sector.' }) sector?: Sector;
  @Field(() => LanguageRequirementInput, { nullable: true }) requiredNorwegian?: LanguageRequirementInput;
  @Field(() => Boolean, { nullable: true }) openToLowNorwegian?: boolean;
  @Field(() => [String], { nullable: true }) competences?: string[];
  @Field(() => [String], { nullable: true }) certificatesRequired?: string[];
  @Field(() => Boolean, { nullable: true }) formalCompetenceRequired?: boolean;
  @Field(() => String, { nullable: true }) endDate?: string | null;
  @Field(() => Boolean, { nullable: true }) shiftWork?: boolean;
  @Field(() => Int, { nullable: true }) capacity?: number;
  @Field(() => Boolean, { nullable: true }) pairing?: boolean;
  @Field(() => Boolean, { nullable: true }) mentorSubsidy?: boolean;
  @Field(() => String, { nullable: true }) supervisorName?: string | null;
  @Field(() => LanguageEnvironment, { nullable: true }) languageEnvironment?: LanguageEnvironment;
  @Field(() => Boolean, { nullable: true }) canLeadToJob?: boolean;
}

@InputType()
export class CreatePlacementInput extends PlacementFieldsInput {
  @Field(() => PlacementType) type!: PlacementType;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'STYRK-08 code from the occupation list.' }) occupationCode!: string;
  @Field(() => ID) employerId!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) startDate!: string;
  @Field(() => [WeekdayEnum]) weekdays!: Weekday[];
  @Field(() => Float) hoursPerWeek!: number;
  @Field(() => Boolean, { nullable: true, description: 'Publish as OPEN right away (offices only); otherwise DRAFT.' }) publish?: boolean;
}

@InputType()
export class UpdatePlacementInput extends PlacementFieldsInput {
  @Field(() => PlacementType, { nullable: true }) type?: PlacementType;
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => String, { nullable: true }) occupationCode?: string;
  @Field(() => ID, { nullable: true }) siteId?: string;
  @Field(() => String, { nullable: true }) startDate?: string;
  @Field(() => [WeekdayEnum], { nullable: true }) weekdays?: Weekday[];
  @Field(() => Float, { nullable: true }) hoursPerWeek?: number;
}

@InputType()
export class PlacementFilterInput {
  @Field(() => [PlacementStatus], { nullable: true }) status?: PlacementStatus[];
  @Field(() => [PlacementType], { nullable: true }) type?: PlacementType[];
  @Field(() => [SectorEnum], { nullable: true }) sector?: Sector[];
  @Field(() => [String], { nullable: true }) areaCode?: string[];
  @Field(() => ID, { nullable: true }) employerId?: string;
  @Field(() => String, { nullable: true }) occupationCode?: string;
  @Field(() => CefrLevelEnum, { nullable: true, description: 'Only placements whose oral requirement is at most this level, or that are open to low Norwegian.' }) maxRequiredOral?: CefrLevel;
  @Field(() => String, { nullable: true }) startsBefore?: string;
  @Field(() => String, { nullable: true, description: 'Words in the title.' }) search?: string;
  @Field(() => Boolean, { nullable: true }) ownedByMyOrganisation?: boolean;
}
