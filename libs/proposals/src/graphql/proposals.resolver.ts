import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { type Actor, Role } from '#lib/access';
import { groupedByIds, ValidationError } from '#lib/core';
import { Employer } from '#lib/employers';
import { CurrentActor, type GqlContext, rootFieldOf } from '#lib/gql';
import { loadParticipant, ParticipantsService, ParticipantViewModel, toParticipantView } from '#lib/participants';
import { loadPlacement, Placement, PlacementsService, toPlacement } from '#lib/placements';
import { CandidateCards } from '../application/candidate-card.js';
import { EmployerLedgerService } from '../application/employer-ledger.service.js';
import { PlacementRequestService } from '../application/placement-request.service.js';
import { ProposalsService } from '../application/proposals.service.js';
import { allowedProposalTransitions, DeclineReason, ProposalStatus } from '../domain/proposal.js';
import type { EvaluationEntity } from '../persistence/evaluation.entity.js';
import type { FollowUpEntity } from '../persistence/follow-up.entity.js';
import type { ProposalEntity } from '../persistence/proposal.entity.js';
import type { ProposalTransitionEntity } from '../persistence/proposal-transition.entity.js';
import {
  AgreementInput,
  CandidateCard,
  EmployerLedger,
  Evaluation,
  EvaluationInput,
  FollowUp,
  FollowUpLogInput,
  FollowUpScheduleInput,
  Proposal,
  ProposalFilterInput,
  ProposalTransition,
  ProposalTransitionInput,
  SuggestProposalInput,
} from './proposal.model.js';

const EMPLOYER_REASONS: ReadonlySet<string> = new Set(Object.values(DeclineReason));

/**
 * Employers see the process from the moment it was shared with them, and only their own side of it:
 * no staff notes, no participant's reasons (they may touch health or family), no staff identities.
 */
const toProposal = (p: ProposalEntity, actor: Actor): Proposal => {
  const employer = actor.role === Role.EMPLOYER;
  const ownReason = p.reason !== null && EMPLOYER_REASONS.has(p.reason);
  return {
    ...p,
    note: employer ? null : p.note,
    reason: employer && !ownReason ? null : p.reason,
    reasonNote: employer && !ownReason ? null : p.reasonNote,
    createdById: employer ? null : p.createdById,
    followUpOwnerId: employer ? null : p.followUpOwnerId,
    agreement: p.agreement ? { ...p.agreement, weekdays: [...p.agreement.weekdays], tasks: [...p.agreement.tasks] } : null,
    allowedTransitions: allowedProposalTransitions(p.status, employer ? 'EMPLOYER' : 'STAFF'),
  };
};

const forEmployer = (history: readonly ProposalTransitionEntity[]): ProposalTransitionEntity[] =>
  history
    .filter((h) => h.toStatus !== ProposalStatus.SUGGESTED)
    .map((h) => {
      const ownReason = h.reason !== null && EMPLOYER_REASONS.has(h.reason);
      return { ...h, actorId: null, reason: ownReason ? h.reason : null, reasonNote: ownReason ? h.reasonNote : null };
    });
const user = (actor: Actor) => ({ kind: 'USER' as const, actor });

@Resolver(() => Proposal)
export class ProposalsResolver {
  constructor(
    private readonly service: ProposalsService,
    private readonly participants: ParticipantsService,
    private readonly placements: PlacementsService,
    private readonly cards: CandidateCards,
  ) {}

  @Query(() => [Proposal], { description: 'Proposals you may see, most recently changed first: staff see their scope’s participants; employers see proposals made to them.' })
  async proposals(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ProposalFilterInput, nullable: true }) filter: ProposalFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw ValidationError.field('first', 'must be an integer between 1 and 100');
    return (await this.service.list(actor, filter ?? {}, first)).map((p) => toProposal(p, actor));
  }

  @Query(() => Proposal)
  async proposal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toProposal(await this.service.get(user(actor), id), actor);
  }

  @Mutation(() => Proposal, { description: 'Suggest a candidate for a placement (not yet shared with the employer).' })
  async suggestProposal(@CurrentActor() actor: Actor, @Args('input', { type: () => SuggestProposalInput }) input: SuggestProposalInput) {
    return toProposal(await this.service.suggest(actor, input), actor);
  }

  @Mutation(() => Proposal, { description: 'Move a proposal along its lifecycle; an illegal transition is a CONFLICT that changes nothing. Declines, withdrawals and early ends need a reason.' })
  async changeProposalStatus(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('status', { type: () => ProposalStatus }) status: ProposalStatus,
    @Args('input', { type: () => ProposalTransitionInput, nullable: true }) input: ProposalTransitionInput | null,
  ) {
    return toProposal(await this.service.transition(user(actor), id, status, input ?? {}), actor);
  }

  @Mutation(() => Proposal, { description: 'Record the agreement (praksisavtale); schedules follow-ups from the placement’s cadence.' })
  async agreeProposal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { type: () => AgreementInput }) input: AgreementInput) {
    return toProposal(await this.service.agree(actor, id, input), actor);
  }

  @Mutation(() => FollowUp)
  async scheduleFollowUp(@CurrentActor() actor: Actor, @Args('proposalId', { type: () => ID }) proposalId: string, @Args('input', { type: () => FollowUpScheduleInput }) input: FollowUpScheduleInput) {
    return this.service.scheduleFollowUp(actor, proposalId, input);
  }

  @Mutation(() => FollowUp, { description: 'Log a follow-up visit or meeting: when, who attended, notes.' })
  async logFollowUp(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { type: () => FollowUpLogInput }) input: FollowUpLogInput) {
    return this.service.logFollowUp(actor, id, input);
  }

  @Mutation(() => Evaluation, { description: 'The employer’s or the advisor’s evaluation (language exposure, tasks, would host again).' })
  async evaluateProposal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input', { type: () => EvaluationInput }) input: EvaluationInput) {
    return this.service.evaluate(user(actor), id, input);
  }

  @ResolveField(() => [ProposalTransition])
  async history(@Parent() p: Proposal, @Context() ctx: GqlContext) {
    const rows = await ctx.loaders.get<ProposalTransitionEntity[]>('proposalHistory', async (ids) => {
      return groupedByIds(ids, await this.service.history(ids), (r) => r.proposalId);
    }).load(p.id);
    return ctx.actor.role === Role.EMPLOYER ? forEmployer(rows ?? []) : rows;
  }

  @ResolveField(() => [FollowUp])
  async followUps(@Parent() p: Proposal, @Context() ctx: GqlContext) {
    const rows = await ctx.loaders.get<FollowUpEntity[]>('proposalFollowUps', async (ids) => {
      return groupedByIds(ids, await this.service.followUps(ids), (r) => r.proposalId);
    }).load(p.id);
    // Visit notes are the follow-up owner's: employers see when, not what was written.
    return ctx.actor.role === Role.EMPLOYER ? (rows ?? []).map((f) => ({ ...f, notes: null })) : rows;
  }

  @ResolveField(() => [Evaluation])
  async evaluations(@Parent() p: Proposal, @Context() ctx: GqlContext) {
    const rows = await ctx.loaders.get<EvaluationEntity[]>('proposalEvaluations', async (ids) => {
      return groupedByIds(ids, await this.service.evaluations(ids), (r) => r.proposalId);
    }).load(p.id);
    return ctx.actor.role === Role.EMPLOYER ? (rows ?? []).filter((e) => e.authorRole === 'EMPLOYER') : rows;
  }

  @ResolveField(() => Placement, { nullable: true })
  async placement(@Parent() p: Proposal, @Context() ctx: GqlContext) {
    const pl = await loadPlacement(ctx, this.placements, p.placementId);
    return pl ? toPlacement(pl) : null;
  }

  @ResolveField(() => ParticipantViewModel, { nullable: true, description: 'Staff only, in the view they are entitled to; employers get `candidate`.' })
  async participant(@Parent() p: Proposal, @Context() ctx: GqlContext) {
    const visible = await loadParticipant(ctx, this.participants, p.participantId);
    return visible ? toParticipantView(visible) : null;
  }

  @ResolveField(() => CandidateCard, { description: 'The candidate card as the employer sees it (what the participant consented to share).' })
  async candidate(@Parent() p: Proposal, @Context() ctx: GqlContext, @Info() info: GraphQLResolveInfo) {
    ctx.audit?.saw(p.participantId, 'CARD', rootFieldOf(info));
    return ctx.loaders.get<CandidateCard>('candidateCard', async (ids) => {
      const cards = await this.cards.forParticipants(ids);
      return ids.map((id) => {
        const c = cards.get(id);
        return c ? { ...c, norwegian: [...c.norwegian], otherLanguages: [...c.otherLanguages], experience: [...c.experience], certificates: [...c.certificates], wantedOccupations: [...c.wantedOccupations] } : null;
      });
    }).load(p.participantId);
  }
}

@Resolver()
export class PlacementRequestResolver {
  constructor(private readonly requests: PlacementRequestService) {}

  @Mutation(() => Int, { description: 'Tell the market contacts of the NAV office serving the unit that this participant needs a placement; returns how many were told.' })
  requestPlacement(@CurrentActor() actor: Actor, @Args('participantId', { type: () => ID }) participantId: string, @Args('note', { type: () => String, nullable: true }) note: string | null) {
    return this.requests.request(actor, participantId, { note });
  }
}

@Resolver(() => Employer)
export class EmployerLedgerResolver {
  constructor(private readonly ledgers: EmployerLedgerService) {}

  @ResolveField(() => EmployerLedger, { description: 'Open proposals, this month’s count against the cap, median answer time, recent declines, current participants. Staff only.' })
  async ledger(@Parent() employer: Employer, @CurrentActor() actor: Actor) {
    return this.ledgers.forEmployer(actor, employer.id);
  }
}
