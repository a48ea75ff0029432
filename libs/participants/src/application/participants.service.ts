import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { AccessPolicy, type Actor, ParticipantView, Role } from '#lib/access';
import { CEFR_LEVELS, EVIDENCE_SOURCES, LANGUAGE_SKILLS, NotFoundError, type Page, type PageRequest, parseInput, SECTORS, toPage, ValidationError, WEEKDAYS, isoDate, assertTimestampCursor, isUuid, ForbiddenError } from '#lib/core';
import { areaCodeSchema } from '#lib/geo';
import { occupationCodeSchema } from '#lib/occupations';
import { DomainEventType, OutboxWriter } from '#lib/outbox';
import { currentLevels } from '../domain/current-level.js';
import { ConsentScope, EducationLevel, FinalGoal, ParticipantStatus, ProtectionBasis, RecognitionStatus } from '../domain/participant.js';
import { ConsentEntity } from '../persistence/consent.entity.js';
import { LanguageAssessmentEntity } from '../persistence/language-assessment.entity.js';
import { ParticipantTeacherEntity } from '../persistence/participant-teacher.entity.js';
import { ParticipantEntity } from '../persistence/participant.entity.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const languageName = z.string().trim().min(2).max(40);
const thisYear = new Date().getUTCFullYear();

const profileFields = {
  firstName: text(100),
  lastName: text(100),
  birthYear: z.number().int().min(thisYear - 80, 'is not plausible').max(thisYear - 16, 'participants are adults'),
  phone: z.string().regex(/^\+?[0-9 ]{8,15}$/, 'must be a phone number').nullish(),
  email: z.email('must be an email address').nullish(),
  preferredLanguages: z.array(languageName).max(5),
  interpreterNeeded: z.boolean(),
  protectionBasis: z.enum(ProtectionBasis),
  settlementDate: isoDate,
  programmeStart: isoDate.nullish(),
  programmeEnd: isoDate.nullish(),
  partTime: z.boolean(),
  finalGoal: z.enum(FinalGoal),
  otherLanguages: z.array(z.object({ language: languageName, level: z.enum(CEFR_LEVELS) })).max(10),
  education: z
    .array(
      z.object({
        level: z.enum(EducationLevel),
        field: z.string().max(200).nullish(),
        country: z.string().max(60).nullish(),
        years: z.number().int().min(0).max(30).nullish(),
        recognition: z.enum(RecognitionStatus).default(RecognitionStatus.NOT_APPLIED),
      }),
    )
    .max(10),
  experience: z.array(z.object({ occupationCode: occupationCodeSchema, years: z.number().min(0).max(50), country: z.string().max(60).nullish(), description: z.string().max(500).nullish() })).max(20),
  certificates: z.array(text(100)).max(20),
  wantedOccupations: z.array(occupationCodeSchema).max(10),
  longTermOccupations: z.array(occupationCodeSchema).max(10),
  sectorsOfInterest: z.array(z.enum(SECTORS)).max(16),
  sectorsRefused: z.array(z.enum(SECTORS)).max(16),
  availableFrom: isoDate.nullish(),
  availableWeekdays: z.array(z.enum(WEEKDAYS)).max(7),
  hoursPerWeek: z.number().int().min(0).max(40),
  reachableAreas: z.array(areaCodeSchema).max(80),
  maxTravelMinutes: z.number().int().min(5).max(180).nullish(),
  hasDrivingLicence: z.boolean(),
  hasCar: z.boolean(),
  constraints: z
    .object({
      noShiftWork: z.boolean().default(false),
      childcareDays: z.array(z.enum(WEEKDAYS)).max(7).default([]),
      noCareForOppositeSex: z.boolean().default(false),
      noPorkOrAlcohol: z.boolean().default(false),
      healthLimitations: z.string().max(1000).nullish(),
      maxHoursPerWeek: z.number().int().min(1).max(40).nullish(),
    })
    .strict(),
  familyNotes: z.string().max(2000).nullish(),
};

const datesInOrder = <T extends { settlementDate?: string; programmeStart?: string | null; programmeEnd?: string | null }>(p: T) =>
  !(p.programmeStart && p.programmeEnd && p.programmeEnd < p.programmeStart);

const createSchema = z
  .object({
    ...profileFields,
    advisorId: z.uuid().nullish(),
    preferredLanguages: profileFields.preferredLanguages.default([]),
    interpreterNeeded: z.boolean().default(false),
    partTime: z.boolean().default(false),
    finalGoal: profileFields.finalGoal.default(FinalGoal.NOT_SET),
    otherLanguages: profileFields.otherLanguages.default([]),
    education: profileFields.education.default([]),
    experience: profileFields.experience.default([]),
    certificates: profileFields.certificates.default([]),
    wantedOccupations: profileFields.wantedOccupations.default([]),
    longTermOccupations: profileFields.longTermOccupations.default([]),
    sectorsOfInterest: profileFields.sectorsOfInterest.default([]),
    sectorsRefused: profileFields.sectorsRefused.default([]),
    availableWeekdays: profileFields.availableWeekdays.default([]),
    hoursPerWeek: profileFields.hoursPerWeek.default(0),
    reachableAreas: profileFields.reachableAreas.default([]),
    hasDrivingLicence: z.boolean().default(false),
    hasCar: z.boolean().default(false),
    constraints: profileFields.constraints.default({ noShiftWork: false, childcareDays: [], noCareForOppositeSex: false, noPorkOrAlcohol: false }),
  })
  .refine(datesInOrder, { path: ['programmeEnd'], message: 'must not be before programmeStart' });

const updateSchema = z
  .object(Object.fromEntries(Object.entries(profileFields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as { [K in keyof typeof profileFields]: z.ZodOptional<(typeof profileFields)[K]> })
  .extend({ advisorId: z.uuid().nullish() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to update');

const assessmentSchema = z.object({
  skill: z.enum(LANGUAGE_SKILLS),
  level: z.enum(CEFR_LEVELS),
  source: z.enum(EVIDENCE_SOURCES),
  assessedOn: isoDate.refine((d) => d <= new Date().toISOString().slice(0, 10), 'must not be in the future'),
  note: z.string().max(1000).nullish(),
});

const consentSchema = z.object({
  scope: z.enum(ConsentScope),
  explainedInLanguage: languageName,
  interpreterUsed: z.boolean().default(false),
  givenOn: isoDate.refine((d) => d <= new Date().toISOString().slice(0, 10), 'must not be in the future'),
});

export type CreateParticipant = z.input<typeof createSchema>;
export type UpdateParticipant = z.input<typeof updateSchema>;
export type RecordAssessment = z.input<typeof assessmentSchema>;
export type RecordConsent = z.input<typeof consentSchema>;

export interface ParticipantFilter {
  readonly status?: readonly ParticipantStatus[] | null;
  readonly finalGoal?: FinalGoal | null;
  readonly minOralLevel?: (typeof CEFR_LEVELS)[number] | null;
  readonly wantsOccupation?: string | null;
  readonly reachesArea?: string | null;
  readonly availableOn?: (typeof WEEKDAYS)[number] | null;
  readonly advisorId?: string | null;
  readonly programmeEndsBefore?: string | null;
  /** Name search: only for callers with the full view. */
  readonly search?: string | null;
}

/**
 * Runs inside the transaction that withdraws a consent, so whatever the consent allowed ends with it
 * (the placement process withdraws open proposals). Registered by the modules that depend on consents.
 */
export type ConsentWithdrawalHook = (em: EntityManager, actor: Actor, participantId: string, scope: ConsentScope) => Promise<void>;

/** A participant with the view the caller is entitled to; GraphQL exposes fields by view. */
export interface VisibleParticipant {
  readonly entity: ParticipantEntity;
  readonly view: ParticipantView;
}

@Injectable()
export class ParticipantsService {
  private readonly consentWithdrawalHooks: ConsentWithdrawalHook[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(actor: Actor, input: CreateParticipant): Promise<VisibleParticipant> {
    this.policy.assertCanWriteParticipant(actor, actor.organisationId);
    const data = parseInput(createSchema, input);
    return this.dataSource.transaction(async (em) => {
      const advisorId = data.advisorId ?? actor.userId;
      await this.assertAdvisorOfUnit(em, advisorId, actor.organisationId);
      const participant = await em.save(
        em.create(ParticipantEntity, {
          ...nullify(data),
          advisorId,
          organisationId: actor.organisationId,
          status: ParticipantStatus.ACTIVE,
          createdById: actor.userId,
        }),
      );
      await this.outbox.record(em, actor.userId, [{ type: DomainEventType.ParticipantCreated, aggregateType: 'Participant', aggregateId: participant.id, payload: { organisationId: actor.organisationId } }]);
      return { entity: participant, view: ParticipantView.FULL };
    });
  }

  async update(actor: Actor, id: string, input: UpdateParticipant): Promise<VisibleParticipant> {
    const data = parseInput(updateSchema, input);
    return this.dataSource.transaction(async (em) => {
      const participant = await this.lockForWrite(actor, em, id);
      if (data.advisorId) await this.assertAdvisorOfUnit(em, data.advisorId, participant.organisationId);
      for (const [k, v] of Object.entries(data)) if (v !== undefined) (participant as unknown as Record<string, unknown>)[k] = v ?? null;
      if (participant.programmeStart && participant.programmeEnd && participant.programmeEnd < participant.programmeStart) {
        throw ValidationError.field('input.programmeEnd', 'must not be before programmeStart');
      }
      const saved = await em.save(participant);
      await this.outbox.record(em, actor.userId, [
        // Field names only: the event travels through Redis and must not carry personal data.
        { type: DomainEventType.ParticipantUpdated, aggregateType: 'Participant', aggregateId: id, payload: { fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined) } },
      ]);
      return { entity: saved, view: ParticipantView.FULL };
    });
  }

  async archive(actor: Actor, id: string): Promise<VisibleParticipant> {
    return this.dataSource.transaction(async (em) => {
      const participant = await this.lockForWrite(actor, em, id);
      if (participant.status !== ParticipantStatus.ARCHIVED) {
        participant.status = ParticipantStatus.ARCHIVED;
        await em.save(participant);
        await this.outbox.record(em, actor.userId, [{ type: DomainEventType.ParticipantArchived, aggregateType: 'Participant', aggregateId: id }]);
      }
      return { entity: participant, view: ParticipantView.FULL };
    });
  }

  async recordLanguageAssessment(actor: Actor, participantId: string, input: RecordAssessment): Promise<VisibleParticipant> {
    const data = parseInput(assessmentSchema, input);
    return this.dataSource.transaction(async (em) => {
      const [visible] = await this.findByIds(actor, [participantId], em);
      if (!visible) throw new NotFoundError('Participant', participantId);
      const follows = await em.existsBy(ParticipantTeacherEntity, { participantId, teacherId: actor.userId });
      if (!this.policy.canRecordLanguage(actor, visible.entity.organisationId, follows)) {
        // Visible but not theirs to assess: say so (NOT_FOUND is for what the caller may not see at all).
        throw new ForbiddenError('Language evidence is recorded by the participant’s advisors and the teachers who follow them');
      }
      const participant = await em.findOneOrFail(ParticipantEntity, { where: { id: participantId }, lock: { mode: 'pessimistic_write' } });
      await em.insert(LanguageAssessmentEntity, { participantId, ...data, note: data.note ?? null, recordedById: actor.userId });
      const history = await em.findBy(LanguageAssessmentEntity, { participantId });
      applyCurrentLevels(participant, history);
      const saved = await em.save(participant);
      await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.LanguageAssessed, aggregateType: 'Participant', aggregateId: participantId, payload: { skill: data.skill, level: data.level, source: data.source } },
      ]);
      return { entity: saved, view: visible.view };
    });
  }

  async recordConsent(actor: Actor, participantId: string, input: RecordConsent): Promise<ConsentEntity> {
    const data = parseInput(consentSchema, input);
    return this.dataSource.transaction(async (em) => {
      await this.lockForWrite(actor, em, participantId);
      // A new consent for the same scope replaces the previous one.
      await em.query('UPDATE consents SET withdrawn_at = now() WHERE participant_id = $1 AND scope = $2 AND withdrawn_at IS NULL', [participantId, data.scope]);
      const consent = await em.save(em.create(ConsentEntity, { participantId, ...data, recordedById: actor.userId, withdrawnAt: null }));
      await this.outbox.record(em, actor.userId, [{ type: DomainEventType.ConsentGiven, aggregateType: 'Participant', aggregateId: participantId, payload: { scope: data.scope, consentId: consent.id } }]);
      return consent;
    });
  }

  onConsentWithdrawn(hook: ConsentWithdrawalHook): void {
    this.consentWithdrawalHooks.push(hook);
  }

  async withdrawConsent(actor: Actor, consentId: string): Promise<ConsentEntity> {
    if (!isUuid(consentId)) throw new NotFoundError('Consent', consentId);
    return this.dataSource.transaction(async (em) => {
      const consent = await em.findOneBy(ConsentEntity, { id: consentId });
      if (!consent) throw new NotFoundError('Consent', consentId);
      await this.lockForWrite(actor, em, consent.participantId).catch(() => {
        throw new NotFoundError('Consent', consentId);
      });
      if (!consent.withdrawnAt) {
        consent.withdrawnAt = new Date();
        await em.save(consent);
        await this.outbox.record(em, actor.userId, [
          { type: DomainEventType.ConsentWithdrawn, aggregateType: 'Participant', aggregateId: consent.participantId, payload: { scope: consent.scope, consentId } },
        ]);
        for (const hook of this.consentWithdrawalHooks) await hook(em, actor, consent.participantId, consent.scope);
      }
      return consent;
    });
  }

  async assignTeacher(actor: Actor, participantId: string, teacherId: string): Promise<VisibleParticipant> {
    return this.dataSource.transaction(async (em) => {
      const participant = await this.lockForWrite(actor, em, participantId);
      if (!isUuid(teacherId)) throw ValidationError.field('teacherId', 'is not a teacher');
      const teacher = (await em.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'TEACHER' AND active`, [teacherId])) as unknown[];
      if (teacher.length === 0) throw ValidationError.field('teacherId', 'is not a teacher');
      await em.query('INSERT INTO participant_teachers (participant_id, teacher_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [participantId, teacherId]);
      await this.outbox.record(em, actor.userId, [{ type: DomainEventType.TeacherAssigned, aggregateType: 'Participant', aggregateId: participantId, payload: { teacherId } }]);
      return { entity: participant, view: ParticipantView.FULL };
    });
  }

  async list(actor: Actor, filter: ParticipantFilter, page: PageRequest): Promise<Page<VisibleParticipant>> {
    const scope = this.policy.participantScope(actor);
    if (scope.kind === 'NONE') return { items: [], hasNextPage: false, endCursor: null, totalCount: 0 };
    const qb = this.dataSource.getRepository(ParticipantEntity).createQueryBuilder('p');
    this.applyScope(actor, qb);
    qb.andWhere('p.status IN (:...status)', { status: filter.status?.length ? filter.status : [ParticipantStatus.ACTIVE, ParticipantStatus.ON_LEAVE] });
    if (filter.finalGoal) qb.andWhere('p.final_goal = :goal', { goal: filter.finalGoal });
    if (filter.minOralLevel) qb.andWhere('p.oral_level >= :oral', { oral: filter.minOralLevel });
    if (filter.wantsOccupation) qb.andWhere(':occ = ANY(p.wanted_occupations)', { occ: filter.wantsOccupation });
    if (filter.reachesArea) qb.andWhere('p.reachable_areas @> ARRAY[:area]::text[]', { area: filter.reachesArea });
    if (filter.availableOn) qb.andWhere(':day = ANY(p.available_weekdays)', { day: filter.availableOn });
    if (filter.advisorId) {
      if (!isUuid(filter.advisorId)) throw ValidationError.field('filter.advisorId', 'is not an id');
      qb.andWhere('p.advisor_id = :advisor', { advisor: filter.advisorId });
    }
    if (filter.programmeEndsBefore && !isoDate.safeParse(filter.programmeEndsBefore).success) throw ValidationError.field('filter.programmeEndsBefore', 'must be a date (YYYY-MM-DD)');
    if (filter.programmeEndsBefore) qb.andWhere('p.programme_end <= :endsBefore', { endsBefore: filter.programmeEndsBefore });
    if (filter.search) {
      if (scope.view !== ParticipantView.FULL) throw ValidationError.field('filter.search', 'name search is only available to the participant’s advisors');
      qb.andWhere(`(p.first_name || ' ' || p.last_name) ILIKE :q`, { q: `%${filter.search.replace(/[%_\\]/g, '\\$&')}%` });
    }
    const total = await qb.clone().getCount();
    assertTimestampCursor(page);
    if (page.after) qb.andWhere('(p.updated_at, p.id) < (:key::timestamptz, :id)', page.after);
    const rows = await qb.orderBy('p.updated_at', 'DESC').addOrderBy('p.id', 'DESC').limit(page.first + 1).getMany();
    const view = scope.view;
    return toPage(rows.map((entity) => ({ entity, view })), page, (r) => [r.entity.updatedAt.toISOString(), r.entity.id], total);
  }

  async get(actor: Actor, id: string): Promise<VisibleParticipant> {
    const [p] = await this.findByIds(actor, [id]);
    if (!p) throw new NotFoundError('Participant', id);
    return p;
  }

  /** One participant the caller sees in full (their unit's advisors): NOT_FOUND when not visible, FORBIDDEN otherwise. */
  async fullView(actor: Actor, id: string, forbidden: string): Promise<ParticipantEntity> {
    const [visible] = await this.findByIds(actor, [id]);
    if (!visible) throw new NotFoundError('Participant', id);
    if (visible.view !== ParticipantView.FULL) throw new ForbiddenError(forbidden);
    return visible.entity;
  }

  async findByIds(actor: Actor, ids: readonly string[], em: EntityManager = this.dataSource.manager): Promise<VisibleParticipant[]> {
    const scope = this.policy.participantScope(actor);
    const valid = ids.filter((id) => isUuid(id));
    if (scope.kind === 'NONE' || valid.length === 0) return [];
    const qb = em.getRepository(ParticipantEntity).createQueryBuilder('p').where('p.id IN (:...ids)', { ids: valid });
    this.applyScope(actor, qb);
    return (await qb.getMany()).map((entity) => ({ entity, view: scope.view }));
  }

  async languageHistory(participantIds: readonly string[]): Promise<LanguageAssessmentEntity[]> {
    if (participantIds.length === 0) return [];
    return this.dataSource.getRepository(LanguageAssessmentEntity).find({ where: { participantId: In([...participantIds]) }, order: { assessedOn: 'DESC', recordedAt: 'DESC' } });
  }

  async consents(participantIds: readonly string[]): Promise<ConsentEntity[]> {
    if (participantIds.length === 0) return [];
    return this.dataSource.getRepository(ConsentEntity).find({ where: { participantId: In([...participantIds]) }, order: { recordedAt: 'DESC' } });
  }

  async teacherIds(participantIds: readonly string[]): Promise<ParticipantTeacherEntity[]> {
    if (participantIds.length === 0) return [];
    return this.dataSource.getRepository(ParticipantTeacherEntity).findBy({ participantId: In([...participantIds]) });
  }

  private applyScope(actor: Actor, qb: SelectQueryBuilder<ParticipantEntity>): void {
    const scope = this.policy.participantScope(actor);
    switch (scope.kind) {
      case 'NONE':
        qb.andWhere('false');
        return;
      case 'UNIT':
        qb.andWhere('p.organisation_id = :scopeOrg', { scopeOrg: scope.organisationId });
        return;
      case 'FOLLOWED_BY_TEACHER':
        qb.andWhere('EXISTS (SELECT 1 FROM participant_teachers t WHERE t.participant_id = p.id AND t.teacher_id = :scopeTeacher)', { scopeTeacher: scope.teacherId });
        return;
      case 'SERVED_BY_NAV_OFFICE':
        qb.andWhere('p.organisation_id IN (SELECT o.id FROM organisations o WHERE o.nav_office_id = :scopeNav)', { scopeNav: scope.navOfficeId });
        qb.andWhere(`p.status <> 'ARCHIVED'`);
        return;
    }
  }

  /** Not visible → NOT_FOUND; visible but read-only for the caller → FORBIDDEN. */
  private async lockForWrite(actor: Actor, em: EntityManager, id: string): Promise<ParticipantEntity> {
    const [visible] = await this.findByIds(actor, [id], em);
    if (!visible) throw new NotFoundError('Participant', id);
    this.policy.assertCanWriteParticipant(actor, visible.entity.organisationId);
    return em.findOneOrFail(ParticipantEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async assertAdvisorOfUnit(em: EntityManager, advisorId: string, organisationId: string): Promise<void> {
    const rows = (await em.query(`SELECT 1 FROM users WHERE id = $1 AND role = $2 AND organisation_id = $3 AND active`, [advisorId, Role.ADVISOR, organisationId])) as unknown[];
    if (rows.length === 0) throw ValidationError.field('input.advisorId', 'is not an advisor of this unit');
  }
}

function nullify<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v === undefined ? null : v])) as T;
}

function applyCurrentLevels(p: ParticipantEntity, history: readonly LanguageAssessmentEntity[]): void {
  const levels = currentLevels(history);
  p.oralLevel = levels.ORAL?.level ?? null;
  p.oralSource = levels.ORAL?.source ?? null;
  p.listeningLevel = levels.LISTENING?.level ?? null;
  p.listeningSource = levels.LISTENING?.source ?? null;
  p.readingLevel = levels.READING?.level ?? null;
  p.readingSource = levels.READING?.source ?? null;
  p.writingLevel = levels.WRITING?.level ?? null;
  p.writingSource = levels.WRITING?.source ?? null;
}
