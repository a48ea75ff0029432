import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import { AccessPolicy, type Actor } from '#lib/access';
import { ConflictError, NotFoundError, parseInput, ValidationError, isoDate } from '#lib/core';
import { DomainEventType, OutboxWriter } from '#lib/outbox';
import { ParticipantEntity, ParticipantsService } from '#lib/participants';
import { OutcomeCategory, OutcomeMeasure } from '../domain/outcome.js';
import { ParticipantOutcomeEntity } from '../persistence/participant-outcome.entity.js';

const recordSchema = z.object({
  measuredAt: z.enum(OutcomeMeasure),
  category: z.enum(OutcomeCategory),
  recordedOn: isoDate,
});

export type RecordOutcome = z.input<typeof recordSchema>;

/** Today's date in Norway, where the outcomes are observed. */
export const osloToday = (now = new Date()) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(now);

/** Participant outcomes at exit and one year later (domain.md §5.6): written by the participant's advisor, never changed. */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly participants: ParticipantsService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Appends an outcome (a correction is simply a newer one), with its event, in one transaction. */
  async record(actor: Actor, participantId: string, input: RecordOutcome): Promise<ParticipantOutcomeEntity> {
    const data = parseInput(recordSchema, input);
    if (data.recordedOn > osloToday()) throw ValidationError.field('input.recordedOn', 'must not be in the future');
    return this.dataSource.transaction(async (em) => {
      const [visible] = await this.participants.findByIds(actor, [participantId], em);
      if (!visible) throw new NotFoundError('Participant', participantId);
      this.policy.assertCanWriteParticipant(actor, visible.entity.organisationId);
      // Locked so the exit date and the dimensions recorded with the outcome are the ones committed now.
      const participant = await em.findOneOrFail(ParticipantEntity, { where: { id: participantId }, lock: { mode: 'pessimistic_write' } });
      if (!participant.programmeEnd) throw new ConflictError('Record the programme end (the exit) before an outcome', { missing: 'programmeEnd' });
      if (data.measuredAt === OutcomeMeasure.ONE_YEAR_AFTER && data.recordedOn < participant.programmeEnd) {
        throw ValidationError.field('input.recordedOn', 'an outcome one year after exit is observed after the programme end');
      }
      const outcome = await em.save(
        em.create(ParticipantOutcomeEntity, {
          participantId,
          measuredAt: data.measuredAt,
          category: data.category,
          recordedOn: data.recordedOn,
          exitDate: participant.programmeEnd,
          organisationId: participant.organisationId,
          protectionBasis: participant.protectionBasis,
          finalGoal: participant.finalGoal,
          recordedById: actor.userId,
        }),
      );
      await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.ParticipantOutcomeRecorded, aggregateType: 'Participant', aggregateId: participantId, payload: { outcomeId: outcome.id, measuredAt: outcome.measuredAt } },
      ]);
      return outcome;
    });
  }

  /** Every outcome row of these participants, newest first (callers have checked visibility). */
  async forParticipants(participantIds: readonly string[]): Promise<ParticipantOutcomeEntity[]> {
    if (participantIds.length === 0) return [];
    return this.dataSource.getRepository(ParticipantOutcomeEntity).find({ where: { participantId: In([...participantIds]) }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
}
