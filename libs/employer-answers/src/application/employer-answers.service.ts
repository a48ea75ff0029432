import { Injectable } from '@nestjs/common';
import { type Actor, Role } from '#lib/access';
import { RowScopes } from '#lib/database';
import { ConflictError, DomainError, ErrorCode, ForbiddenError, NotFoundError, ValidationError } from '#lib/core';
import { type CandidateCard, CandidateCards, DeclineReason, ProposalsService, ProposalStatus } from '#lib/proposals';
import { AnswerLinkError, AnswerLinkProblem } from '../domain/answer-link.exception.js';
import type { AnswerLinkClaims } from '../domain/answer-token.js';
import { AnswerViewRepository, type ProposalContext } from '../persistence/answer-view.repository.js';
import { AnswerLinkConsumer } from './answer-link-consumer.js';
import { EmployerAnswerLinks } from './employer-answer-links.service.js';

export type Language = 'nb' | 'en';
export type Decision = 'ACCEPT' | 'DECLINE';

export interface AnswerForm {
  readonly decision?: unknown;
  readonly reason?: unknown;
  readonly note?: unknown;
}

export interface ProposalView extends ProposalContext {
  readonly card: CandidateCard;
}

/** What the page shows; the web layer turns each into HTML and a status code. */
export type AnswerPage =
  | { readonly kind: 'FORM'; readonly view: ProposalView; readonly problem?: { readonly field: 'decision' | 'reason' | 'note'; readonly form: AnswerForm } }
  | { readonly kind: 'ANSWERED'; readonly view: ProposalView; readonly decision: Decision; readonly reason: DeclineReason | null }
  | { readonly kind: 'NOT_OPEN'; readonly context: ProposalContext; readonly status: ProposalStatus }
  | { readonly kind: 'FULL'; readonly context: ProposalContext }
  | { readonly kind: 'LINK_PROBLEM'; readonly problem: AnswerLinkProblem };

export const NOTE_MAX_LENGTH = 2000;
const DECLINE_REASONS = new Set<string>(Object.values(DeclineReason));

/**
 * The employer's answer through an emailed link: what the page shows, and recording the answer as a
 * proposal transition by the EMPLOYER_LINK actor. Every outcome is a page, never an exception.
 */
@Injectable()
export class EmployerAnswers {
  constructor(
    private readonly links: EmployerAnswerLinks,
    private readonly consumer: AnswerLinkConsumer,
    private readonly proposals: ProposalsService,
    private readonly cards: CandidateCards,
    private readonly views: AnswerViewRepository,
  ) {}

  /** Staff who can see the proposal (re)issue a link, e.g. to resend it by hand. */
  async issueLink(actor: Actor, proposalId: string, contactId: string): Promise<{ url: string; expiresAt: Date }> {
    if (actor.role !== Role.ADVISOR && actor.role !== Role.MARKET_CONTACT) throw new ForbiddenError('Answer links are issued by advisors and market contacts');
    const proposal = await this.proposals.get({ kind: 'USER', actor }, proposalId);
    if (proposal.status !== ProposalStatus.PROPOSED) throw new ConflictError(`Employers answer proposed candidates; this proposal is ${proposal.status}`, { status: proposal.status });
    const { url, expiresAt } = await this.links.issue(proposalId, contactId);
    return { url, expiresAt };
  }

  async show(token: string): Promise<AnswerPage> {
    try {
      const link = await this.verified(token);
      const context = await this.contextOf(link);
      if (context.status !== ProposalStatus.PROPOSED) return { kind: 'NOT_OPEN', context, status: context.status };
      return { kind: 'FORM', view: await this.withCard(context) };
    } catch (err) {
      return this.pageFor(err);
    }
  }

  async answer(token: string, form: AnswerForm): Promise<AnswerPage> {
    let link: AnswerLinkClaims;
    let context: ProposalContext;
    try {
      link = await this.verified(token);
      context = await this.contextOf(link);
    } catch (err) {
      return this.pageFor(err);
    }
    if (context.status !== ProposalStatus.PROPOSED) return { kind: 'NOT_OPEN', context, status: context.status };

    const decision = form.decision === 'ACCEPT' || form.decision === 'DECLINE' ? form.decision : null;
    const reason = typeof form.reason === 'string' && DECLINE_REASONS.has(form.reason) ? (form.reason as DeclineReason) : null;
    const note = typeof form.note === 'string' ? form.note.trim() : '';
    const invalid = (field: 'decision' | 'reason' | 'note') => this.withCard(context).then((view): AnswerPage => ({ kind: 'FORM', view, problem: { field, form } }));
    if (!decision) return invalid('decision');
    if (decision === 'DECLINE' && !reason) return invalid('reason');
    if (note.length > NOTE_MAX_LENGTH) return invalid('note');

    const to = decision === 'ACCEPT' ? ProposalStatus.ACCEPTED : ProposalStatus.DECLINED;
    const input = decision === 'DECLINE' ? { reason, reasonNote: note || null } : {};
    try {
      await this.consumer.consuming(link, () => this.proposals.transition({ kind: 'EMPLOYER_LINK', employerId: link.employerId }, link.proposalId, to, input));
    } catch (err) {
      if (err instanceof ValidationError) return invalid(decision === 'DECLINE' ? 'reason' : 'decision');
      if (err instanceof AnswerLinkError || err instanceof ConflictError) return this.afterLostRace(token, link, err);
      return this.pageFor(err);
    }
    const view = await this.withCard({ ...context, status: to });
    return { kind: 'ANSWERED', view, decision, reason: decision === 'DECLINE' ? reason : null };
  }

  /** A valid link makes the request its employer's for row-level security, as a signed-in employer would be. */
  private async verified(token: string): Promise<AnswerLinkClaims> {
    const link = await this.links.inspect(token);
    RowScopes.become({ kind: 'caller', role: Role.EMPLOYER, organisationId: null, userId: null, employerId: link.employerId });
    return link;
  }

  /** Someone answered (or withdrew, or filled the last slot) between the page check and the transition. */
  private async afterLostRace(token: string, link: AnswerLinkClaims, err: AnswerLinkError | ConflictError): Promise<AnswerPage> {
    try {
      await this.links.inspect(token);
    } catch (problem) {
      if (problem instanceof AnswerLinkError) return { kind: 'LINK_PROBLEM', problem: problem.problem };
      throw problem;
    }
    const context = await this.contextOf(link);
    if (context.status !== ProposalStatus.PROPOSED) return { kind: 'NOT_OPEN', context, status: context.status };
    if (err instanceof ConflictError && err.details.capacity !== undefined) return { kind: 'FULL', context };
    return this.pageFor(err);
  }

  /** The proposal as the employer may see it; NOT_FOUND (e.g. moved back out of the employer's view) is an unknown link. */
  private async contextOf(link: AnswerLinkClaims): Promise<ProposalContext> {
    const proposal = await this.proposals.get({ kind: 'EMPLOYER_LINK', employerId: link.employerId }, link.proposalId);
    const context = await this.views.contextOf(proposal.id, link.contactId, proposal.participantId);
    if (!context) throw new AnswerLinkError(AnswerLinkProblem.UNKNOWN);
    return { ...context, status: proposal.status };
  }

  private async withCard(context: ProposalContext): Promise<ProposalView> {
    const card = (await this.cards.forParticipants([context.participantId])).get(context.participantId);
    if (!card) throw new AnswerLinkError(AnswerLinkProblem.UNKNOWN);
    return { ...context, card };
  }

  private pageFor(err: unknown): AnswerPage {
    if (err instanceof AnswerLinkError) return { kind: 'LINK_PROBLEM', problem: err.problem };
    if (err instanceof NotFoundError || (err instanceof DomainError && err.code === ErrorCode.NOT_FOUND)) return { kind: 'LINK_PROBLEM', problem: AnswerLinkProblem.UNKNOWN };
    throw err;
  }
}
