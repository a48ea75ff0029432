import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { CurrentActor, type GqlContext } from '#lib/gql';
import { loadParticipant, ParticipantsService, ParticipantViewModel, toParticipantView } from '#lib/participants';
import { loadPlacement, Placement, PlacementsService, toPlacement } from '#lib/placements';
import type { ConstraintFailure } from '../domain/hard-constraints.js';
import type { SkillGap } from '../domain/language-fit.js';
import type { ExplanationText } from '../domain/match-model.js';
import type { AllocationRunEntity } from '../persistence/allocation-run.entity.js';
import { AllocationService } from '../application/allocation.service.js';
import { MatchingService, type VisibleComponent } from '../application/matching.service.js';
import {
  AllocationRun,
  AllocationScopeInput,
  AllocationSuggestion,
  CandidateFilterInput,
  CandidateMatch,
  CandidateMatchList,
  FailedConstraint,
  LanguageGap,
  MatchExplanation,
  MatchFilterInput,
  PlacementMatch,
  PlacementMatchList,
  RequirementWhatIf,
  ScoreComponent,
} from './matching.model.js';

type Language = Actor['language'];
const texts = (t: ExplanationText, lang: Language) => ({ explanation: t[lang], explanationNb: t.nb, explanationEn: t.en });
const toComponent = (c: VisibleComponent, lang: Language): ScoreComponent => ({ name: c.name, weight: c.weight, value: c.value, contribution: c.contribution, ...texts(c.explanation, lang) });
const toGap = (g: SkillGap, lang: Language): LanguageGap => ({ ...g, explanation: g.explanation[lang] });
const toFailure = (f: ConstraintFailure, lang: Language): FailedConstraint => ({ constraint: f.constraint, ...texts(f.explanation, lang) });
const toRun = (r: AllocationRunEntity): AllocationRun => ({ ...r, suggestions: r.suggestions.map((s) => ({ ...s })) });

@Resolver()
export class MatchingResolver {
  constructor(
    private readonly matching: MatchingService,
    private readonly allocation: AllocationService,
  ) {}

  @Query(() => PlacementMatchList, { description: 'Open placements that fit a participant, best first, each with its score explained. Advisors and market contacts.' })
  async matchesForParticipant(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }) participantId: string,
    @Args('filter', { type: () => MatchFilterInput, nullable: true }) filter: MatchFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
  ): Promise<PlacementMatchList> {
    const list = await this.matching.matchesForParticipant(actor, participantId, filter, first);
    return {
      totalCount: list.totalCount,
      weightsVersion: list.weightsVersion,
      items: list.items.map((i) => ({ placementId: i.id, score: i.score, components: i.components.map((c) => toComponent(c, actor.language)), languageGaps: i.languageGaps.map((g) => toGap(g, actor.language)) })),
    };
  }

  @Query(() => CandidateMatchList, { description: 'Participants in your scope who fit a placement, best first, in the view you are entitled to.' })
  async candidatesForPlacement(
    @CurrentActor() actor: Actor,
    @Args('placementId', { type: () => ID }) placementId: string,
    @Args('filter', { type: () => CandidateFilterInput, nullable: true }) filter: CandidateFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
  ): Promise<CandidateMatchList> {
    const list = await this.matching.candidatesForPlacement(actor, placementId, filter, first);
    return {
      totalCount: list.totalCount,
      weightsVersion: list.weightsVersion,
      items: list.items.map((i) => ({ participantId: i.id, score: i.score, components: i.components.map((c) => toComponent(c, actor.language)), languageGaps: i.languageGaps.map((g) => toGap(g, actor.language)) })),
    };
  }

  @Query(() => MatchExplanation, { description: 'Score, components and every failed hard constraint for one pair.' })
  async explainMatch(@CurrentActor() actor: Actor, @Args('participantId', { type: () => ID }) participantId: string, @Args('placementId', { type: () => ID }) placementId: string): Promise<MatchExplanation> {
    const e = await this.matching.explain(actor, participantId, placementId);
    return {
      participantId,
      placementId,
      eligible: e.eligible,
      score: e.score,
      weightsVersion: e.weightsVersion,
      components: e.components.map((c) => toComponent(c, actor.language)),
      failedConstraints: e.failures.map((f) => toFailure(f, actor.language)),
      languageGaps: e.languageGaps.map((g) => toGap(g, actor.language)),
    };
  }

  @Query(() => RequirementWhatIf, { description: 'How many more participants in your scope would qualify if each requirement were relaxed one step.' })
  async requirementWhatIf(@CurrentActor() actor: Actor, @Args('placementId', { type: () => ID }) placementId: string): Promise<RequirementWhatIf> {
    const w = await this.matching.whatIf(actor, placementId);
    return { placementId, qualifying: w.qualifying, relaxations: w.relaxations.map((r) => ({ kind: r.kind, subject: r.subject, description: r.description[actor.language], qualifying: r.qualifying, additional: r.additional })) };
  }

  @Mutation(() => AllocationRun, { description: 'Suggest an optimal assignment of waiting participants to open slots. Large scopes run in the background: poll allocationRun(id).' })
  async proposeAllocation(@CurrentActor() actor: Actor, @Args('scope', { type: () => AllocationScopeInput, nullable: true }) scope: AllocationScopeInput | null): Promise<AllocationRun> {
    return toRun(await this.allocation.propose(actor, scope ?? {}));
  }

  @Query(() => AllocationRun)
  async allocationRun(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<AllocationRun> {
    return toRun(await this.allocation.get(actor, id));
  }
}

/** Nested objects load through the per-request DataLoaders, in the caller's scope and view. */
@Resolver(() => PlacementMatch)
export class PlacementMatchResolver {
  constructor(private readonly placements: PlacementsService) {}

  @ResolveField(() => Placement, { nullable: true })
  async placement(@Parent() m: PlacementMatch, @Context() ctx: GqlContext) {
    const p = await loadPlacement(ctx, this.placements, m.placementId);
    return p ? toPlacement(p) : null;
  }
}

@Resolver(() => CandidateMatch)
export class CandidateMatchResolver {
  constructor(private readonly participants: ParticipantsService) {}

  @ResolveField(() => ParticipantViewModel, { nullable: true })
  async participant(@Parent() m: CandidateMatch, @Context() ctx: GqlContext) {
    const p = await loadParticipant(ctx, this.participants, m.participantId);
    return p ? toParticipantView(p) : null;
  }
}

@Resolver(() => AllocationSuggestion)
export class AllocationSuggestionResolver {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly placements: PlacementsService,
  ) {}

  @ResolveField(() => ParticipantViewModel, { nullable: true })
  async participant(@Parent() s: AllocationSuggestion, @Context() ctx: GqlContext) {
    const p = await loadParticipant(ctx, this.participants, s.participantId);
    return p ? toParticipantView(p) : null;
  }

  @ResolveField(() => Placement, { nullable: true })
  async placement(@Parent() s: AllocationSuggestion, @Context() ctx: GqlContext) {
    const p = await loadPlacement(ctx, this.placements, s.placementId);
    return p ? toPlacement(p) : null;
  }
}
