import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type CefrLevel, type EvidenceSource, type LanguageSkill, type Sector } from '#lib/core';
import { CefrLevelEnum, EvidenceSourceEnum, LanguageSkillEnum, SectorEnum } from '#lib/gql';
import { ParticipantViewModel } from '#lib/participants';
import { Placement, PlacementType } from '#lib/placements';
import { HardConstraint } from '../domain/hard-constraints.js';
import { ScoreComponentName } from '../domain/weights.js';
import { RelaxationKind } from '../engine/match-engine.js';
import { AllocationStatus } from '../persistence/allocation-run.entity.js';

registerEnumType(ScoreComponentName, { name: 'ScoreComponentName', description: 'The named parts of a match score.' });
registerEnumType(HardConstraint, { name: 'HardConstraint', description: 'A requirement that excludes a candidate; ADVISOR_CONSTRAINT hides which advisor-only fact it was from other callers.' });
registerEnumType(RelaxationKind, { name: 'RelaxationKind' });
registerEnumType(AllocationStatus, { name: 'AllocationStatus' });

@ObjectType({ description: 'One named part of a match score, with a one-line explanation in the caller’s language (and both languages).' })
export class ScoreComponent {
  @Field(() => ScoreComponentName) name!: ScoreComponentName;
  @Field(() => Float, { description: 'Share of the total score this component may give (weights sum to 1).' }) weight!: number;
  @Field(() => Float, { description: 'In [0, 1].' }) value!: number;
  @Field(() => Float, { description: 'weight × value.' }) contribution!: number;
  @Field(() => String) explanation!: string;
  @Field(() => String) explanationNb!: string;
  @Field(() => String) explanationEn!: string;
}

@ObjectType({ description: 'A required Norwegian skill against the participant’s level and its evidence.' })
export class LanguageGap {
  @Field(() => LanguageSkillEnum) skill!: LanguageSkill;
  @Field(() => CefrLevelEnum) required!: CefrLevel;
  @Field(() => CefrLevelEnum, { nullable: true }) actual!: CefrLevel | null;
  @Field(() => EvidenceSourceEnum, { nullable: true }) source!: EvidenceSource | null;
  @Field(() => Int, { description: 'Steps short (0 when met).' }) gap!: number;
  @Field(() => Int, { description: 'Steps above the requirement.' }) margin!: number;
  @Field(() => String) explanation!: string;
}

@ObjectType()
export class PlacementMatch {
  @Field(() => ID) placementId!: string;
  @Field(() => Placement, { nullable: true }) placement?: Placement;
  @Field(() => Float) score!: number;
  @Field(() => [ScoreComponent]) components!: ScoreComponent[];
  @Field(() => [LanguageGap]) languageGaps!: LanguageGap[];
}

@ObjectType()
export class PlacementMatchList {
  @Field(() => [PlacementMatch]) items!: PlacementMatch[];
  @Field(() => Int, { description: 'Every placement that passes the hard constraints.' }) totalCount!: number;
  @Field(() => String, { description: 'The version of the score weights used.' }) weightsVersion!: string;
}

@ObjectType()
export class CandidateMatch {
  @Field(() => ID) participantId!: string;
  @Field(() => ParticipantViewModel, { nullable: true, description: 'In the view the caller is entitled to.' }) participant?: unknown;
  @Field(() => Float) score!: number;
  @Field(() => [ScoreComponent]) components!: ScoreComponent[];
  @Field(() => [LanguageGap]) languageGaps!: LanguageGap[];
}

@ObjectType()
export class CandidateMatchList {
  @Field(() => [CandidateMatch]) items!: CandidateMatch[];
  @Field(() => Int) totalCount!: number;
  @Field(() => String) weightsVersion!: string;
}

@ObjectType()
export class FailedConstraint {
  @Field(() => HardConstraint) constraint!: HardConstraint;
  @Field(() => String) explanation!: string;
  @Field(() => String) explanationNb!: string;
  @Field(() => String) explanationEn!: string;
}

@ObjectType({ description: 'Why a participant and a placement do or do not fit.' })
export class MatchExplanation {
  @Field(() => ID) participantId!: string;
  @Field(() => ID) placementId!: string;
  @Field(() => Boolean, { description: 'True when no hard constraint fails.' }) eligible!: boolean;
  @Field(() => Float, { description: 'The soft score the pair would have (also when not eligible).' }) score!: number;
  @Field(() => [ScoreComponent]) components!: ScoreComponent[];
  @Field(() => [FailedConstraint]) failedConstraints!: FailedConstraint[];
  @Field(() => [LanguageGap]) languageGaps!: LanguageGap[];
  @Field(() => String) weightsVersion!: string;
}

@ObjectType()
export class RequirementRelaxation {
  @Field(() => RelaxationKind) kind!: RelaxationKind;
  @Field(() => String, { nullable: true, description: 'The skill, certificate or hours the relaxation is about.' }) subject!: string | null;
  @Field(() => String) description!: string;
  @Field(() => Int, { description: 'Participants in your scope who would qualify with this one change.' }) qualifying!: number;
  @Field(() => Int, { description: 'How many more than today.' }) additional!: number;
}

@ObjectType({ description: 'For negotiating with an employer: what relaxing each requirement one step would gain.' })
export class RequirementWhatIf {
  @Field(() => ID) placementId!: string;
  @Field(() => Int, { description: 'Participants in your scope who qualify today (capacity aside).' }) qualifying!: number;
  @Field(() => [RequirementRelaxation]) relaxations!: RequirementRelaxation[];
}

@ObjectType()
export class AllocationSuggestion {
  @Field(() => ID) participantId!: string;
  @Field(() => ParticipantViewModel, { nullable: true }) participant?: unknown;
  @Field(() => ID) placementId!: string;
  @Field(() => Placement, { nullable: true }) placement?: Placement;
  @Field(() => Float) score!: number;
}

@ObjectType({ description: 'A suggested assignment of waiting participants to open slots; humans turn suggestions into proposals.' })
export class AllocationRun {
  @Field(() => ID) id!: string;
  @Field(() => AllocationStatus) status!: AllocationStatus;
  @Field(() => Int, { description: 'Waiting participants in scope.' }) participantCount!: number;
  @Field(() => Int, { description: 'Free slots in the open placements in scope.' }) slotCount!: number;
  @Field(() => Int) eligiblePairs!: number;
  @Field(() => Float, { nullable: true, description: 'Total score of the optimal assignment.' }) totalScore!: number | null;
  @Field(() => Float, { nullable: true, description: 'Total score when pairs are taken greedily by rank.' }) greedyTotalScore!: number | null;
  @Field(() => Int, { nullable: true }) greedyAssigned!: number | null;
  @Field(() => Int, { nullable: true }) solveMs!: number | null;
  @Field(() => [AllocationSuggestion]) suggestions!: AllocationSuggestion[];
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@InputType()
export class MatchFilterInput {
  @Field(() => [PlacementType], { nullable: true }) type?: PlacementType[] | null;
  @Field(() => [SectorEnum], { nullable: true }) sector?: Sector[] | null;
  @Field(() => [String], { nullable: true, description: 'District or municipality codes.' }) areaCode?: string[] | null;
  @Field(() => Float, { nullable: true }) minScore?: number | null;
}

@InputType()
export class CandidateFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Only these units (within your scope).' }) unitId?: string[] | null;
  @Field(() => Float, { nullable: true }) minScore?: number | null;
}

@InputType()
export class AllocationScopeInput {
  @Field(() => [ID], { nullable: true, description: 'Units whose waiting participants to allocate (default: all in your scope).' }) unitId?: string[] | null;
  @Field(() => [PlacementType], { nullable: true }) type?: PlacementType[] | null;
  @Field(() => [SectorEnum], { nullable: true }) sector?: Sector[] | null;
  @Field(() => [String], { nullable: true }) areaCode?: string[] | null;
}
