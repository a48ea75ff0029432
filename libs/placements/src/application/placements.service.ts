import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { AccessPolicy, type Actor, Role } from '#lib/access';
import { CEFR_LEVELS, ConflictError, NotFoundError, type Page, type PageRequest, parseInput, SECTORS, toPage, ValidationError, WEEKDAYS, isoDate, assertTimestampCursor, isUuid } from '#lib/core';
import { EmployerEntity, EmployerSiteEntity } from '#lib/employers';
import { OccupationCatalogue, occupationCodeSchema } from '#lib/occupations';
import { type DomainEvent, DomainEventType, OutboxWriter } from '#lib/outbox';
import { allowedTransitions, canTransition, LanguageEnvironment, PlacementStatus, PlacementType, PostedBy } from '../domain/placement.js';
import { PlacementEntity } from '../persistence/placement.entity.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const cefr = z.enum(CEFR_LEVELS).nullish();

const requirementSchema = z.object({ oral: cefr, listening: cefr, reading: cefr, writing: cefr });

const fields = {
  type: z.enum(PlacementType),
  title: text(200),
  description: z.string().max(8000),
  tasks: z.array(text(300)).max(30),
  occupationCode: occupationCodeSchema,
  sector: z.enum(SECTORS),
  requiredNorwegian: requirementSchema,
  openToLowNorwegian: z.boolean(),
  competences: z.array(text(200)).max(30),
  certificatesRequired: z.array(text(200)).max(20),
  formalCompetenceRequired: z.boolean(),
  startDate: isoDate,
  endDate: isoDate.nullish(),
  weekdays: z.array(z.enum(WEEKDAYS)).min(1, 'needs at least one weekday').max(7).refine((d) => new Set(d).size === d.length, 'must not repeat a day'),
  hoursPerWeek: z.number().min(1, 'must be at least 1').max(40, 'must be at most 40'),
  shiftWork: z.boolean(),
  capacity: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50'),
  pairing: z.boolean(),
  mentorSubsidy: z.boolean(),
  supervisorName: text(200).nullish(),
  languageEnvironment: z.enum(LanguageEnvironment),
  canLeadToJob: z.boolean(),
};

const createSchema = z
  .object({
    ...fields,
    employerId: z.uuid(),
    siteId: z.uuid(),
    description: fields.description.default(''),
    tasks: fields.tasks.default([]),
    sector: fields.sector.optional(),
    requiredNorwegian: requirementSchema.default({}),
    openToLowNorwegian: z.boolean().default(false),
    competences: fields.competences.default([]),
    certificatesRequired: fields.certificatesRequired.default([]),
    formalCompetenceRequired: z.boolean().default(false),
    shiftWork: z.boolean().default(false),
    capacity: fields.capacity.default(1),
    pairing: z.boolean().default(false),
    mentorSubsidy: z.boolean().default(false),
    languageEnvironment: fields.languageEnvironment.default(LanguageEnvironment.WORKS_WITH_COLLEAGUES),
    canLeadToJob: z.boolean().default(false),
    publish: z.boolean().default(false),
  })
  .refine((p) => !p.endDate || p.endDate >= p.startDate, { path: ['endDate'], message: 'must not be before startDate' })
  .refine((p) => !p.pairing || p.capacity >= 2, { path: ['pairing'], message: 'pairing needs a capacity of at least 2' });

const updateSchema = z
  .object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, (v as z.ZodType).optional()])) as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> })
  .extend({ siteId: z.uuid().optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to update');

export type CreatePlacement = z.input<typeof createSchema>;
export type UpdatePlacement = z.input<typeof updateSchema>;

export interface PlacementFilter {
  readonly status?: readonly PlacementStatus[] | null;
  readonly type?: readonly PlacementType[] | null;
  readonly sector?: readonly string[] | null;
  readonly areaCode?: readonly string[] | null;
  readonly employerId?: string | null;
  readonly occupationCode?: string | null;
  /** Only placements whose oral requirement is at most this level (or that are open to low Norwegian). */
  readonly maxRequiredOral?: (typeof CEFR_LEVELS)[number] | null;
  readonly startsBefore?: string | null;
  readonly search?: string | null;
  readonly ownedByMyOrganisation?: boolean | null;
}

const POSTED_BY: Record<Role, PostedBy> = {
  [Role.ADVISOR]: PostedBy.ADVISOR,
  [Role.MARKET_CONTACT]: PostedBy.MARKET_CONTACT,
  [Role.TEACHER]: PostedBy.TEACHER,
  [Role.EMPLOYER]: PostedBy.EMPLOYER,
  [Role.ADMIN]: PostedBy.ADMIN,
};

@Injectable()
export class PlacementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(actor: Actor, input: CreatePlacement): Promise<PlacementEntity> {
    const data = parseInput(createSchema, input);
    this.policy.assertCanCreatePlacement(actor, data.employerId);
    return this.dataSource.transaction(async (em) => {
      const employer = await em.findOneBy(EmployerEntity, { id: data.employerId });
      if (!employer || (actor.role === Role.EMPLOYER && actor.employerId !== employer.id)) throw ValidationError.field('input.employerId', 'is not a known employer');
      if (employer.archivedAt) throw ValidationError.field('input.employerId', 'is archived');
      const site = await this.siteOf(em, data.siteId, employer.id);
      // Employers propose openings; an office publishes them after review.
      const publish = data.publish && actor.role !== Role.EMPLOYER;
      const { publish: _publish, requiredNorwegian: req, ...rest } = data;
      const placement = await em.save(
        em.create(PlacementEntity, {
          ...rest,
          sector: data.sector ?? OccupationCatalogue.default().get(data.occupationCode)!.sector,
          endDate: data.endDate ?? null,
          supervisorName: data.supervisorName ?? null,
          requiredOral: req.oral ?? null,
          requiredListening: req.listening ?? null,
          requiredReading: req.reading ?? null,
          requiredWriting: req.writing ?? null,
          areaCode: site.areaCode,
          ownerOrganisationId: actor.organisationId,
          postedById: actor.userId,
          postedByKind: POSTED_BY[actor.role],
          status: publish ? PlacementStatus.OPEN : PlacementStatus.DRAFT,
        }),
      );
      const events: DomainEvent[] = [
        { type: DomainEventType.PlacementCreated, aggregateType: 'Placement', aggregateId: placement.id, payload: { employerId: employer.id, status: placement.status } },
      ];
      if (publish) events.push({ type: DomainEventType.PlacementOpened, aggregateType: 'Placement', aggregateId: placement.id, payload: { employerId: employer.id } });
      await this.outbox.record(em, actor.userId, events);
      return placement;
    });
  }

  async update(actor: Actor, id: string, input: UpdatePlacement): Promise<PlacementEntity> {
    const data = parseInput(updateSchema, input);
    return this.dataSource.transaction(async (em) => {
      const placement = await this.lockForWrite(actor, em, id);
      if (placement.status === PlacementStatus.CLOSED || placement.status === PlacementStatus.EXPIRED) {
        throw new ConflictError(`A ${placement.status} placement cannot be changed`, { status: placement.status });
      }
      const { requiredNorwegian: req, siteId, ...rest } = data;
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) (placement as unknown as Record<string, unknown>)[k] = v;
      if (req) {
        placement.requiredOral = req.oral ?? null;
        placement.requiredListening = req.listening ?? null;
        placement.requiredReading = req.reading ?? null;
        placement.requiredWriting = req.writing ?? null;
      }
      if (siteId) {
        placement.areaCode = (await this.siteOf(em, siteId, placement.employerId)).areaCode;
        placement.siteId = siteId;
      }
      if (placement.endDate && placement.endDate < placement.startDate) throw ValidationError.field('input.endDate', 'must not be before startDate');
      if (placement.pairing && placement.capacity < 2) throw ValidationError.field('input.pairing', 'pairing needs a capacity of at least 2');
      const saved = await em.save(placement);
      await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.PlacementUpdated, aggregateType: 'Placement', aggregateId: id, payload: { fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined) } },
      ]);
      return saved;
    });
  }

  async changeStatus(actor: Actor, id: string, to: PlacementStatus): Promise<PlacementEntity> {
    return this.dataSource.transaction(async (em) => {
      const placement = await this.lockForWrite(actor, em, id);
      if (placement.status === to) return placement;
      if (!canTransition(placement.status, to)) {
        throw new ConflictError(`A placement cannot go from ${placement.status} to ${to}`, { from: placement.status, to, allowed: allowedTransitions(placement.status) });
      }
      if (actor.role === Role.EMPLOYER && to === PlacementStatus.OPEN && placement.status === PlacementStatus.DRAFT) {
        throw new ConflictError('An office publishes employer-posted openings after review', { from: placement.status, to });
      }
      const from = placement.status;
      placement.status = to;
      const saved = await em.save(placement);
      const events: DomainEvent[] = [{ type: DomainEventType.PlacementStatusChanged, aggregateType: 'Placement', aggregateId: id, payload: { from, to } }];
      if (to === PlacementStatus.OPEN) events.push({ type: DomainEventType.PlacementOpened, aggregateType: 'Placement', aggregateId: id, payload: { employerId: placement.employerId } });
      await this.outbox.record(em, actor.userId, events);
      return saved;
    });
  }

  async list(actor: Actor, filter: PlacementFilter, page: PageRequest): Promise<Page<PlacementEntity>> {
    const qb = this.dataSource.getRepository(PlacementEntity).createQueryBuilder('p');
    this.applyScope(actor, qb);
    if (filter.status?.length) qb.andWhere('p.status IN (:...status)', { status: filter.status });
    if (filter.type?.length) qb.andWhere('p.type IN (:...type)', { type: filter.type });
    if (filter.sector?.length) qb.andWhere('p.sector IN (:...sector)', { sector: filter.sector });
    if (filter.areaCode?.length) qb.andWhere('p.area_code IN (:...area)', { area: filter.areaCode });
    if (filter.employerId && !isUuid(filter.employerId)) throw ValidationError.field('filter.employerId', 'is not an id');
    if (filter.startsBefore && !isoDate.safeParse(filter.startsBefore).success) throw ValidationError.field('filter.startsBefore', 'must be a date (YYYY-MM-DD)');
    if (filter.employerId) qb.andWhere('p.employer_id = :employerId', { employerId: filter.employerId });
    if (filter.occupationCode) qb.andWhere('p.occupation_code = :occ', { occ: filter.occupationCode });
    if (filter.maxRequiredOral) qb.andWhere('(p.required_oral IS NULL OR p.required_oral <= :oral OR p.open_to_low_norwegian)', { oral: filter.maxRequiredOral });
    if (filter.startsBefore) qb.andWhere('p.start_date <= :startsBefore', { startsBefore: filter.startsBefore });
    if (filter.ownedByMyOrganisation) qb.andWhere('p.owner_organisation_id = :myOrg', { myOrg: actor.organisationId });
    if (filter.search) qb.andWhere('p.title ILIKE :q', { q: `%${filter.search.replace(/[%_\\]/g, '\\$&')}%` });
    const total = await qb.clone().getCount();
    assertTimestampCursor(page);
    if (page.after) qb.andWhere('(p.created_at, p.id) < (:key::timestamptz, :id)', page.after);
    const rows = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').limit(page.first + 1).getMany();
    return toPage(rows, page, (p) => [p.createdAt.toISOString(), p.id], total);
  }

  async get(actor: Actor, id: string): Promise<PlacementEntity> {
    const [placement] = await this.findByIds(actor, [id]);
    if (!placement) throw new NotFoundError('Placement', id);
    return placement;
  }

  async findByIds(actor: Actor, ids: readonly string[]): Promise<PlacementEntity[]> {
    const valid = ids.filter((id) => isUuid(id));
    if (valid.length === 0) return [];
    const qb = this.dataSource.getRepository(PlacementEntity).createQueryBuilder('p').where('p.id IN (:...ids)', { ids: valid });
    this.applyScope(actor, qb);
    return qb.getMany();
  }

  private applyScope(actor: Actor, qb: import('typeorm').SelectQueryBuilder<PlacementEntity>): void {
    const scope = this.policy.placementScope(actor);
    if (scope.kind === 'EMPLOYER') qb.andWhere('p.employer_id = :scopeEmployer', { scopeEmployer: scope.employerId });
    if (scope.kind === 'PUBLISHED_OR_OWN') {
      qb.andWhere(`(p.status IN ('OPEN','PAUSED','FILLED') OR p.owner_organisation_id = :scopeOrg)`, { scopeOrg: scope.organisationId });
    }
  }

  /** Not visible → NOT_FOUND (no leak); visible but not the caller's → FORBIDDEN. */
  private async lockForWrite(actor: Actor, em: EntityManager, id: string): Promise<PlacementEntity> {
    const [visible] = await this.findByIds(actor, [id]);
    if (!visible) throw new NotFoundError('Placement', id);
    this.policy.assertCanWritePlacement(actor, visible);
    return em.findOneOrFail(PlacementEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async siteOf(em: EntityManager, siteId: string, employerId: string, field = 'input.siteId'): Promise<EmployerSiteEntity> {
    const site = await em.findOneBy(EmployerSiteEntity, { id: siteId, employerId });
    if (!site) throw ValidationError.field(field, 'is not a site of this employer');
    return site;
  }

  /** Placements per employer, for the employer's "what is already open" view. */
  async forEmployers(actor: Actor, employerIds: readonly string[], statuses: readonly PlacementStatus[]): Promise<PlacementEntity[]> {
    if (employerIds.length === 0) return [];
    const qb = this.dataSource.getRepository(PlacementEntity).createQueryBuilder('p').where('p.employer_id IN (:...employerIds)', { employerIds: [...employerIds] });
    if (statuses.length) qb.andWhere('p.status IN (:...statuses)', { statuses: [...statuses] });
    this.applyScope(actor, qb);
    return qb.orderBy('p.created_at', 'DESC').getMany();
  }
}
