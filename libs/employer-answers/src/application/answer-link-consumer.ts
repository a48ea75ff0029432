import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntitySubscriberInterface, type InsertEvent } from 'typeorm';
import { ProposalTransitionEntity } from '#lib/proposals';
import { AnswerLinkError, AnswerLinkProblem } from '../domain/answer-link.exception.js';
import { EmployerAnswerLinks } from './employer-answer-links.service.js';

interface PendingAnswer {
  readonly jti: string;
  readonly proposalId: string;
  consumed: boolean;
}

const pending = new AsyncLocalStorage<PendingAnswer>();

/**
 * Marks an answer link used in the very transaction that records the employer's answer.
 *
 * ProposalsService.transition opens its own transaction, so the link cannot be updated "around" it
 * atomically. Instead this subscriber runs when that transaction inserts the EMPLOYER_LINK history row
 * for the proposal being answered, and updates the link through the same EntityManager: the answer and
 * `used_at` commit or roll back together. The conditional update (unused, unexpired) takes the row lock,
 * so a concurrent second use waits, finds it used, and its transition is rolled back.
 */
@Injectable()
export class AnswerLinkConsumer implements EntitySubscriberInterface<ProposalTransitionEntity> {
  private readonly log = new Logger(AnswerLinkConsumer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly links: EmployerAnswerLinks,
  ) {
    // The documented way to register a subscriber that needs Nest injection.
    dataSource.subscribers.push(this);
  }

  listenTo() {
    return ProposalTransitionEntity;
  }

  /** Runs `answer` (one proposal transition) so that the link is consumed inside its transaction. */
  async consuming<T>(link: { jti: string; proposalId: string }, answer: () => Promise<T>): Promise<T> {
    const state: PendingAnswer = { jti: link.jti, proposalId: link.proposalId, consumed: false };
    const result = await pending.run(state, answer);
    if (!state.consumed) {
      // Only if the proposals lib stopped writing its history through TypeORM: never leave a link reusable.
      this.log.error(`answer link ${link.jti} was not consumed inside the transition; marking it used afterwards`);
      await this.links.consume(this.dataSource.manager, link.jti, link.proposalId);
    }
    return result;
  }

  async afterInsert(event: InsertEvent<ProposalTransitionEntity>): Promise<void> {
    const state = pending.getStore();
    const row = event.entity as Partial<ProposalTransitionEntity> | undefined;
    if (!state || state.consumed || row?.actorKind !== 'EMPLOYER_LINK' || row.proposalId !== state.proposalId) return;
    if (!(await this.links.consume(event.manager, state.jti, state.proposalId))) throw new AnswerLinkError(AnswerLinkProblem.USED);
    state.consumed = true;
  }
}
