import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { z } from 'zod';
import { AccessPolicy, type Actor, Role } from '#lib/access';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { acrossOrganisations } from '#lib/database';
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError, WEEKDAYS, isoDate, isUuid } from '#lib/core';
import { DomainEventType, OutboxWriter } from '#lib/outbox';
import { ConsentScope, ParticipantsService } from '#lib/participants';
import { PlacementEntity, PlacementsService, PlacementStatus } from '#lib/placements';
import {
  ACTIVE_STATUSES,
  DEFAULT_CADENCE,
  DeclineReason,
  followUpDates,
  OCCUPYING_STATUSES,
  ParticipantReason,
  ProposalStatus,
  transitionRule,
  WITHDRAWN_WITH_CONSENT,
  type TransitionActor,
} from '../domain/proposal.js';
import { EvaluationEntity } from '../persistence/evaluation.entity.js';
import { FollowUpEntity, FollowUpStatus } from '../persistence/follow-up.entity.js';
import { type Agreement, ProposalEntity } from '../persistence/proposal.entity.js';
import { ProposalTransitionEntity } from '../persistence/proposal-transition.entity.js';

const suggestSchema = z.object({ participantId: z.uuid(), placementId: z.uuid(), note: z.string().trim().max(2000).nullish() });
const reasonCodes = [...Object.values(DeclineReason), ...Object.values(ParticipantReason)] as [string, ...string[]];
const transitionSchema = z.object({ reason: z.enum(reasonCodes).nullish(), reasonNote: z.string().trim().max(2000).nullish() });
const agreementSchema = z
  .object({
    startDate: isoDate,
    endDate: isoDate,
    weekdays: z.array(z.enum(WEEKDAYS)).min(1, 'needs at least one weekday').max(7),
    hoursPerWeek: z.number().min(1).max(40),
    tasks: z.array(z.string().trim().min(1).max(300)).min(1, 'name at least one task').max(30),
    supervisorName: z.string().trim().min(1, 'must not be empty').max(200),
    followUpOwnerId: z.uuid().nullish(),
  })
  .refine((a) => a.endDate >= a.startDate, { path: ['endDate'], message: 'must not be before startDate' });
const followUpLogSchema = z.object({
  heldOn: isoDate,
  attendance: z.array(z.enum(['PARTICIPANT', 'EMPLOYER', 'ADVISOR', 'MARKET_CONTACT', 'TEACHER', 'INTERPRETER'])).min(1).max(6),
  notes: z.string().trim().max(4000).nullish(),
});
const followUpScheduleSchema = z.object({ dueOn: isoDate, kind: z.enum(['VISIT', 'MEETING', 'CALL']).default('VISIT') });
const evaluationSchema = z.object({
  languageExposure: z.number().int().min(1, 'is a score from 1 to 5').max(5, 'is a score from 1 to 5'),
  tasksFit: z.number().int().min(1, 'is a score from 1 to 5').max(5, 'is a score from 1 to 5'),
  wouldHostAgain: z.boolean(),
  comment: z.string().trim().max(4000).nullish(),
});

export type SuggestInput = z.input<typeof suggestSchema>;
export type TransitionInput = z.input<typeof transitionSchema>;
export type AgreementInput = z.input<typeof agreementSchema>;
/** Attendance is validated against the known roles by the schema. */
export type FollowUpLogInput = Omit<z.input<typeof followUpLogSchema>, 'attendance'> & { attendance: readonly string[] };
export type FollowUpScheduleInput = z.input<typeof followUpScheduleSchema>;
export type EvaluationInput = z.input<typeof evaluationSchema>;

/** Who is acting: a signed-in user, or an employer contact answering through an emailed link. */
export type ProposalActor =
  | { readonly kind: 'USER'; readonly actor: Actor }
  | { readonly kind: 'EMPLOYER_LINK'; readonly employerId: string }
  /** The service itself (retention, erasure on request): no visibility check, recorded as SYSTEM. */
  | { readonly kind: 'SYSTEM' };

export interface ProposalFilter {
  readonly participantId?: string | null;
  readonly placementId?: string | null;
  readonly employerId?: string | null;
  readonly status?: readonly ProposalStatus[] | null;
}

/** Employers see a proposal only once it was shared with them: a suggestion withdrawn before that never existed for them. */
const sharedWithEmployer = (p: ProposalEntity) => p.proposedAt !== null;

/**
 * The placement process from suggestion to outcome. Every change is a guarded transition, written
 * with its history row and its outbox event in one transaction; an illegal one is a CONFLICT and
 * changes nothing. Slots are counted under a row lock on the placement, so two acceptances at once
 * cannot overfill it.
 */
@Injectable()
export class ProposalsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly participants: ParticipantsService,
    private readonly placements: PlacementsService,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Withdrawing the consent to be proposed withdraws open proposals, in the same transaction.
    this.participants.onConsentWithdrawn(async (em, actor, participantId, scope) => {
      if (scope === ConsentScope.PROPOSE_TO_EMPLOYERS) await this.withdrawOpen(em, { kind: 'USER', actor }, participantId, ParticipantReason.CONSENT_WITHDRAWN);
    });
  }

  /** Withdraws every proposal of a participant that is not yet under way, inside the caller's transaction. */
  async withdrawOpen(em: EntityManager, who: ProposalActor, participantId: string, reason: ParticipantReason): Promise<number> {
    const open = await em.find(ProposalEntity, { where: { participantId, status: In([...WITHDRAWN_WITH_CONSENT]) } });
    for (const p of open) await this.apply(em, who, p.id, ProposalStatus.WITHDRAWN, { reason, reasonNote: null });
    return open.length;
  }

  async suggest(actor: Actor, input: SuggestInput): Promise<ProposalEntity> {
    this.assertStaff(actor);
    const data = parseInput(suggestSchema, input);
    const [participant] = await this.participants.findByIds(actor, [data.participantId]);
    if (!participant) throw new NotFoundError('Participant', data.participantId);
    const placement = await this.placements.get(actor, data.placementId);
    if (placement.status !== PlacementStatus.OPEN) throw new ConflictError(`The placement is ${placement.status}, not open`, { status: placement.status });
    return this.dataSource.transaction(async (em) => {
      const existing = await em.findOne(ProposalEntity, { where: { participantId: data.participantId, placementId: data.placementId, status: In([...ACTIVE_STATUSES]) } });
      if (existing) throw new ConflictError('This participant already has an active proposal for this placement', { proposalId: existing.id });
      const proposal = await em.save(
        em.create(ProposalEntity, { participantId: data.participantId, placementId: data.placementId, employerId: placement.employerId, status: ProposalStatus.SUGGESTED, note: data.note ?? null, createdById: actor.userId }),
      );
      await em.insert(ProposalTransitionEntity, { proposalId: proposal.id, fromStatus: null, toStatus: ProposalStatus.SUGGESTED, actorId: actor.userId, actorKind: 'USER' });
      await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.ProposalCreated, aggregateType: 'Proposal', aggregateId: proposal.id, payload: { participantId: proposal.participantId, placementId: proposal.placementId, employerId: proposal.employerId, to: ProposalStatus.SUGGESTED } },
      ]);
      return proposal;
    });
  }

  /** Any transition but AGREED (which needs the agreement): see `agree`. */
  async transition(who: ProposalActor, proposalId: string, to: ProposalStatus, input: TransitionInput = {}): Promise<ProposalEntity> {
    if (to === ProposalStatus.AGREED) throw ValidationError.field('status', 'use agreeProposal, which records the agreement');
    const data = parseInput(transitionSchema, input ?? {});
    return this.dataSource.transaction(async (em) => this.apply(em, who, proposalId, to, data));
  }

  async agree(actor: Actor, proposalId: string, input: AgreementInput): Promise<ProposalEntity> {
    const data = parseInput(agreementSchema, input);
    return this.dataSource.transaction(async (em) => {
      const proposal = await this.apply(em, { kind: 'USER', actor }, proposalId, ProposalStatus.AGREED, {}, async (p) => {
        const agreement: Agreement = { startDate: data.startDate, endDate: data.endDate, weekdays: data.weekdays, hoursPerWeek: data.hoursPerWeek, tasks: data.tasks, supervisorName: data.supervisorName };
        p.agreement = agreement;
        p.followUpOwnerId = data.followUpOwnerId ?? actor.userId;
        if (data.followUpOwnerId) {
          const ok = (await em.query(`SELECT 1 FROM users WHERE id = $1 AND role IN ('ADVISOR', 'MARKET_CONTACT') AND active`, [data.followUpOwnerId])) as unknown[];
          if (ok.length === 0) throw ValidationError.field('input.followUpOwnerId', 'is not an advisor or market contact');
        }
      });
      // Follow-ups from the placement's cadence (domain.md §5).
      const placement = await em.findOneByOrFail(PlacementEntity, { id: proposal.placementId });
      const dates = followUpDates(data.startDate, data.endDate, placement.followUpCadence ?? DEFAULT_CADENCE);
      if (dates.length > 0) {
        await em.insert(FollowUpEntity, dates.map((dueOn) => ({ proposalId, dueOn, kind: 'VISIT' as const, status: FollowUpStatus.PLANNED })));
        await this.outbox.record(em, actor.userId, [{ type: DomainEventType.FollowUpScheduled, aggregateType: 'Proposal', aggregateId: proposalId, payload: { participantId: proposal.participantId, placementId: proposal.placementId, dueOn: dates } }]);
      }
      return proposal;
    });
  }

  async scheduleFollowUp(actor: Actor, proposalId: string, input: FollowUpScheduleInput): Promise<FollowUpEntity> {
    const data = parseInput(followUpScheduleSchema, input);
    return this.dataSource.transaction(async (em) => {
      const proposal = await this.lockVisible(em, { kind: 'USER', actor }, proposalId);
      this.assertStaff(actor);
      if (![ProposalStatus.AGREED, ProposalStatus.STARTED].includes(proposal.status)) throw new ConflictError(`Follow-ups are planned for agreed or started placements, not ${proposal.status}`);
      const followUp = await em.save(em.create(FollowUpEntity, { proposalId, dueOn: data.dueOn, kind: data.kind, status: FollowUpStatus.PLANNED }));
      await this.outbox.record(em, actor.userId, [{ type: DomainEventType.FollowUpScheduled, aggregateType: 'Proposal', aggregateId: proposalId, payload: { participantId: proposal.participantId, placementId: proposal.placementId, dueOn: [data.dueOn] } }]);
      return followUp;
    });
  }

  async logFollowUp(actor: Actor, followUpId: string, input: FollowUpLogInput): Promise<FollowUpEntity> {
    const data = parseInput(followUpLogSchema, input);
    if (!isUuid(followUpId)) throw new NotFoundError('FollowUp', followUpId);
    return this.dataSource.transaction(async (em) => {
      const followUp = await em.findOne(FollowUpEntity, { where: { id: followUpId }, lock: { mode: 'pessimistic_write' } });
      if (!followUp) throw new NotFoundError('FollowUp', followUpId);
      const proposal = await this.lockVisible(em, { kind: 'USER', actor }, followUp.proposalId).catch(() => {
        throw new NotFoundError('FollowUp', followUpId);
      });
      this.assertStaff(actor);
      if (followUp.status !== FollowUpStatus.PLANNED) throw new ConflictError(`This follow-up is already ${followUp.status}`);
      Object.assign(followUp, { status: FollowUpStatus.DONE, heldOn: data.heldOn, attendance: data.attendance, notes: data.notes ?? null, loggedById: actor.userId });
      await em.save(followUp);
      await this.outbox.record(em, actor.userId, [{ type: DomainEventType.FollowUpLogged, aggregateType: 'Proposal', aggregateId: proposal.id, payload: { followUpId, participantId: proposal.participantId, placementId: proposal.placementId } }]);
      return followUp;
    });
  }

  /** The employer (its users, or a link) and the participant's advisor each evaluate once, from the start of the praksis. */
  async evaluate(who: ProposalActor, proposalId: string, input: EvaluationInput): Promise<EvaluationEntity> {
    const data = parseInput(evaluationSchema, input);
    return this.dataSource.transaction(async (em) => {
      const proposal = await this.lockVisible(em, who, proposalId);
      const role = who.kind === 'EMPLOYER_LINK' || (who.kind === 'USER' && who.actor.role === Role.EMPLOYER) ? 'EMPLOYER' : who.kind === 'USER' && who.actor.role === Role.ADVISOR ? 'ADVISOR' : null;
      if (!role) throw new ForbiddenError('Evaluations are written by the employer and the participant’s advisor');
      const evaluable = [ProposalStatus.STARTED, ProposalStatus.COMPLETED, ProposalStatus.ENDED_EARLY, ProposalStatus.CONVERTED, ProposalStatus.HIRED];
      if (!evaluable.includes(proposal.status)) throw new ConflictError(`A placement is evaluated once it has started, not while ${proposal.status}`);
      if (await em.existsBy(EvaluationEntity, { proposalId, authorRole: role })) throw new ConflictError(`The ${role.toLowerCase()} has already evaluated this placement`);
      const authorId = who.kind === 'USER' ? who.actor.userId : null;
      const evaluation = await em.save(em.create(EvaluationEntity, { proposalId, employerId: proposal.employerId, authorRole: role, authorId, ...data, comment: data.comment ?? null }));
      await this.outbox.record(em, authorId, [{ type: DomainEventType.EvaluationRecorded, aggregateType: 'Proposal', aggregateId: proposalId, payload: { participantId: proposal.participantId, placementId: proposal.placementId, employerId: proposal.employerId, authorRole: role } }]);
      return evaluation;
    });
  }

  async get(who: ProposalActor, id: string): Promise<ProposalEntity> {
    return this.lockVisible(this.dataSource.manager, who, id, false);
  }

  async list(actor: Actor, filter: ProposalFilter, first: number): Promise<ProposalEntity[]> {
    for (const key of ['participantId', 'placementId', 'employerId'] as const) {
      const id = filter[key];
      if (id && !isUuid(id)) throw ValidationError.field(`filter.${key}`, 'is not an id');
    }
    const qb = this.dataSource.getRepository(ProposalEntity).createQueryBuilder('pr');
    await this.applyScope(actor, qb);
    if (filter.participantId) qb.andWhere('pr.participant_id = :pid', { pid: filter.participantId });
    if (filter.placementId) qb.andWhere('pr.placement_id = :plid', { plid: filter.placementId });
    if (filter.employerId) qb.andWhere('pr.employer_id = :eid', { eid: filter.employerId });
    if (filter.status?.length) qb.andWhere('pr.status IN (:...st)', { st: filter.status });
    return qb.orderBy('pr.updated_at', 'DESC').addOrderBy('pr.id', 'DESC').limit(first).getMany();
  }

  async history(proposalIds: readonly string[]): Promise<ProposalTransitionEntity[]> {
    if (proposalIds.length === 0) return [];
    return this.dataSource.getRepository(ProposalTransitionEntity).find({ where: { proposalId: In([...proposalIds]) }, order: { id: 'ASC' } });
  }

  async followUps(proposalIds: readonly string[]): Promise<FollowUpEntity[]> {
    if (proposalIds.length === 0) return [];
    return this.dataSource.getRepository(FollowUpEntity).find({ where: { proposalId: In([...proposalIds]) }, order: { dueOn: 'ASC' } });
  }

  async evaluations(proposalIds: readonly string[]): Promise<EvaluationEntity[]> {
    if (proposalIds.length === 0) return [];
    return this.dataSource.getRepository(EvaluationEntity).find({ where: { proposalId: In([...proposalIds]) }, order: { createdAt: 'ASC' } });
  }

  /** The guarded core of every transition; `prepare` may fill fields before saving (agreement). */
  private async apply(em: EntityManager, who: ProposalActor, proposalId: string, to: ProposalStatus, data: z.infer<typeof transitionSchema>, prepare?: (p: ProposalEntity) => Promise<void>): Promise<ProposalEntity> {
    const proposal = await this.lockVisible(em, who, proposalId);
    const from = proposal.status;
    const rule = transitionRule(from, to);
    const by: TransitionActor = who.kind === 'EMPLOYER_LINK' || (who.kind === 'USER' && who.actor.role === Role.EMPLOYER) ? 'EMPLOYER' : 'STAFF';
    if (!rule) throw new ConflictError(`A proposal cannot go from ${from} to ${to}`, { from, to });
    if (!rule.by.includes(by)) throw new ForbiddenError(by === 'EMPLOYER' ? 'Employers answer proposals; the rest of the process is the advisor’s and market contact’s' : 'Only the employer can do this');
    if (by === 'STAFF' && who.kind === 'USER') this.assertStaff(who.actor);
    if (rule.needsReason && !data.reason) throw ValidationError.field('input.reason', 'a reason is required');
    if (data.reason && to === ProposalStatus.DECLINED && !(Object.values(DeclineReason) as string[]).includes(data.reason)) throw ValidationError.field('input.reason', 'is not an employer decline reason');

    if (to === ProposalStatus.PROPOSED) await this.assertCanPropose(em, proposal);
    const placement = await em.findOne(PlacementEntity, { where: { id: proposal.placementId }, lock: { mode: 'pessimistic_write' } });
    if (!placement) throw new NotFoundError('Placement', proposal.placementId);
    const wasOccupying = OCCUPYING_STATUSES.includes(from);
    const willOccupy = OCCUPYING_STATUSES.includes(to);
    const events: Parameters<OutboxWriter['record']>[2][number][] = [];
    if (willOccupy && !wasOccupying) {
      // Under the placement's row lock: concurrent acceptances queue here and see each other's slot.
      // Slots taken by every unit's participants, not just those the caller may see (row-level security).
      const taken = await acrossOrganisations(em, () => em.count(ProposalEntity, { where: { placementId: placement.id, status: In([...OCCUPYING_STATUSES]) } }));
      if (taken >= placement.capacity) throw new ConflictError(`All ${placement.capacity} slots of this placement are taken`, { capacity: placement.capacity });
      if (taken + 1 === placement.capacity && placement.status === PlacementStatus.OPEN) events.push(...(await this.setPlacementStatus(em, placement, PlacementStatus.FILLED)));
    } else if (wasOccupying && !willOccupy && placement.status === PlacementStatus.FILLED) {
      // A slot frees up: a filled placement that has not ended opens again.
      const today = new Date().toISOString().slice(0, 10);
      if (!placement.endDate || placement.endDate >= today) events.push(...(await this.setPlacementStatus(em, placement, PlacementStatus.OPEN)));
    }

    proposal.status = to;
    if (to === ProposalStatus.PROPOSED) proposal.proposedAt = new Date();
    if (to === ProposalStatus.ACCEPTED || to === ProposalStatus.DECLINED) proposal.answeredAt = new Date();
    if (data.reason) {
      proposal.reason = data.reason;
      proposal.reasonNote = data.reasonNote ?? null;
    }
    await prepare?.(proposal);
    await em.save(proposal);
    if (wasOccupying && !willOccupy) await em.update(FollowUpEntity, { proposalId, status: FollowUpStatus.PLANNED }, { status: FollowUpStatus.CANCELLED });
    const actorId = who.kind === 'USER' ? who.actor.userId : null;
    await em.insert(ProposalTransitionEntity, { proposalId, fromStatus: from, toStatus: to, reason: data.reason ?? null, reasonNote: data.reasonNote ?? null, actorId, actorKind: who.kind });
    events.push({
      type: DomainEventType.ProposalStatusChanged,
      aggregateType: 'Proposal',
      aggregateId: proposalId,
      payload: { participantId: proposal.participantId, placementId: proposal.placementId, employerId: proposal.employerId, from, to, reason: data.reason ?? null },
    });
    await this.outbox.record(em, actorId, events);
    return proposal;
  }

  private async setPlacementStatus(em: EntityManager, placement: PlacementEntity, status: PlacementStatus) {
    const from = placement.status;
    placement.status = status;
    await em.update(PlacementEntity, placement.id, { status });
    return [{ type: DomainEventType.PlacementStatusChanged, aggregateType: 'Placement' as const, aggregateId: placement.id, payload: { from, to: status } }];
  }

  /** Shared with the employer only with consent, and only while the employer is not flooded or cooling down. */
  private async assertCanPropose(em: EntityManager, proposal: ProposalEntity): Promise<void> {
    const consent = (await em.query(`SELECT 1 FROM consents WHERE participant_id = $1 AND scope = 'PROPOSE_TO_EMPLOYERS' AND withdrawn_at IS NULL`, [proposal.participantId])) as unknown[];
    if (consent.length === 0) throw new ConflictError('The participant has not consented to be proposed to employers', { missingConsent: 'PROPOSE_TO_EMPLOYERS' });
    const limits = this.config.employerLimits;
    // Serialise proposals to the same employer so the monthly cap holds under concurrency.
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`employer-cap:${proposal.employerId}`]);
    const [{ cap }] = (await em.query('SELECT monthly_proposal_cap AS cap FROM employers WHERE id = $1', [proposal.employerId])) as [{ cap: number | null }];
    // The cap and the cool-down count every office's proposals to the employer, not just the caller's (row-level security).
    const { n, declines } = await acrossOrganisations(em, async () => ({
      n: ((await em.query(`SELECT count(*)::int AS n FROM proposals WHERE employer_id = $1 AND proposed_at >= date_trunc('month', now())`, [proposal.employerId])) as [{ n: number }])[0].n,
      declines: (await em.query(
        `SELECT answered_at FROM proposals WHERE employer_id = $1 AND status = 'DECLINED' AND answered_at > now() - make_interval(days => $2) ORDER BY answered_at DESC`,
        [proposal.employerId, limits.cooldownDays],
      )) as Array<{ answered_at: Date }>,
    }));
    const monthlyCap = cap ?? limits.monthlyProposalCap;
    if (n >= monthlyCap) throw new ConflictError(`This employer has received its ${monthlyCap} proposals for this month`, { monthlyCap });
    if (declines.length >= limits.cooldownDeclines) {
      const until = new Date(declines[0]!.answered_at.getTime() + limits.cooldownDays * 86_400_000);
      throw new ConflictError(`This employer declined ${declines.length} proposals recently; wait until ${until.toISOString().slice(0, 10)}`, { coolingDownUntil: until.toISOString() });
    }
  }

  private async lockVisible(em: EntityManager, who: ProposalActor, id: string, lock = true): Promise<ProposalEntity> {
    if (!isUuid(id)) throw new NotFoundError('Proposal', id);
    const proposal = await em.findOne(ProposalEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!proposal || !(await this.canSee(em, who, proposal))) throw new NotFoundError('Proposal', id);
    return proposal;
  }

  private async canSee(em: EntityManager, who: ProposalActor, p: ProposalEntity): Promise<boolean> {
    if (who.kind === 'SYSTEM') return true;
    if (who.kind === 'EMPLOYER_LINK') return who.employerId === p.employerId && sharedWithEmployer(p);
    const actor = who.actor;
    if (actor.role === Role.EMPLOYER) return actor.employerId === p.employerId && sharedWithEmployer(p);
    if (actor.role !== Role.ADVISOR && actor.role !== Role.MARKET_CONTACT) return false;
    const [visible] = await this.participants.findByIds(actor, [p.participantId], em);
    return visible !== undefined;
  }

  private async applyScope(actor: Actor, qb: ReturnType<ProposalsRepo['createQueryBuilder']>): Promise<void> {
    const scope = this.policy.participantScope(actor);
    if (actor.role === Role.EMPLOYER) {
      qb.andWhere('pr.employer_id = :scopeEmployer AND pr.proposed_at IS NOT NULL', { scopeEmployer: actor.employerId ?? '00000000-0000-0000-0000-000000000000' });
      return;
    }
    if (scope.kind === 'UNIT') qb.andWhere('pr.participant_id IN (SELECT p.id FROM participants p WHERE p.organisation_id = :scopeOrg)', { scopeOrg: scope.organisationId });
    else if (scope.kind === 'SERVED_BY_NAV_OFFICE')
      qb.andWhere(`pr.participant_id IN (SELECT p.id FROM participants p JOIN organisations o ON o.id = p.organisation_id WHERE o.nav_office_id = :scopeNav AND p.status <> 'ARCHIVED')`, { scopeNav: scope.navOfficeId });
    else qb.andWhere('false');
  }

  /** Advisors and market contacts run the process; employers answer; teachers and admins only read elsewhere. */
  private assertStaff(actor: Actor): void {
    if (actor.role !== Role.ADVISOR && actor.role !== Role.MARKET_CONTACT) throw new ForbiddenError('The placement process is run by advisors and market contacts');
  }
}

type ProposalsRepo = ReturnType<DataSource['getRepository']>;
