import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { z } from 'zod';
import { AccessPolicy, type Actor } from '#lib/access';
import { ConflictError, NotFoundError, type Page, type PageRequest, parseInput, SECTORS, toPage, ValidationError, isUuid } from '#lib/core';
import { AreaCatalogue, areaCodeSchema } from '#lib/geo';
import { DomainEventType, OutboxWriter } from '#lib/outbox';
import { isValidOrgNumber, normaliseOrgNumber } from '../domain/org-number.js';
import { EmployerContactEntity } from '../persistence/employer-contact.entity.js';
import { EmployerSiteEntity } from '../persistence/employer-site.entity.js';
import { EmployerEntity } from '../persistence/employer.entity.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const siteSchema = z.object({
  name: text(200),
  address: text(300),
  areaCode: areaCodeSchema,
  latitude: z.number().min(57).max(72).nullish(),
  longitude: z.number().min(4).max(32).nullish(),
});

const contactSchema = z.object({
  name: text(200),
  title: text(200).nullish(),
  email: z.email('must be an email address').nullish(),
  phone: z.string().regex(/^\+?[0-9 ]{8,15}$/, 'must be a phone number').nullish(),
  language: z.enum(['nb', 'en']).default('nb'),
  siteId: z.uuid().nullish(),
});

const createSchema = z.object({
  orgNumber: z
    .string()
    .transform(normaliseOrgNumber)
    .refine(isValidOrgNumber, 'must be a valid 9-digit organisation number (mod-11 check digit)'),
  name: text(200),
  sector: z.enum(SECTORS),
  description: z.string().max(4000).nullish(),
  sites: z.array(siteSchema).max(50).default([]),
  contacts: z.array(contactSchema.omit({ siteId: true })).max(50).default([]),
});

const updateSchema = z
  .object({
    name: text(200).optional(),
    sector: z.enum(SECTORS).optional(),
    description: z.string().max(4000).nullish(),
    ownerOfficeId: z.uuid().nullish(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to update');

export type CreateEmployer = z.input<typeof createSchema>;
export type UpdateEmployer = z.input<typeof updateSchema>;
export type AddSite = z.input<typeof siteSchema>;
export type AddContact = z.input<typeof contactSchema>;

export interface EmployerFilter {
  readonly search?: string | null;
  readonly sector?: string | null;
  readonly ownerOfficeId?: string | null;
  readonly includeArchived?: boolean | null;
}

@Injectable()
export class EmployersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(actor: Actor, input: CreateEmployer): Promise<EmployerEntity> {
    this.policy.assertCanCreateEmployer(actor);
    const data = parseInput(createSchema, input);
    return this.dataSource.transaction(async (em) => {
      const existing = await em.findOneBy(EmployerEntity, { orgNumber: data.orgNumber });
      if (existing) {
        throw new ConflictError(`Employer ${data.orgNumber} is already registered as "${existing.name}"; work with the existing employer`, {
          field: 'input.orgNumber',
          existingEmployerId: existing.id,
        });
      }
      const employer = await em.save(
        em.create(EmployerEntity, {
          orgNumber: data.orgNumber,
          name: data.name,
          sector: data.sector,
          description: data.description ?? null,
          ownerOfficeId: actor.organisationId,
          createdById: actor.userId,
          archivedAt: null,
        }),
      );
      const sites = await em.save(data.sites.map((s) => em.create(EmployerSiteEntity, this.siteRow(employer.id, s))));
      await em.save(data.contacts.map((c) => em.create(EmployerContactEntity, { ...c, employerId: employer.id, siteId: null, title: c.title ?? null, email: c.email ?? null, phone: c.phone ?? null })));
      await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.EmployerRegistered, aggregateType: 'Employer', aggregateId: employer.id, payload: { sector: employer.sector } },
        ...sites.map((s) => ({ type: DomainEventType.EmployerSiteAdded, aggregateType: 'Employer' as const, aggregateId: employer.id, payload: { siteId: s.id, areaCode: s.areaCode } })),
      ]);
      return employer;
    });
  }

  async update(actor: Actor, id: string, input: UpdateEmployer): Promise<EmployerEntity> {
    const data = parseInput(updateSchema, input);
    return this.dataSource.transaction(async (em) => {
      const employer = await this.lockVisible(actor, em, id);
      this.policy.assertCanWriteEmployer(actor, employer);
      if (data.ownerOfficeId !== undefined && data.ownerOfficeId !== null) {
        const office = (await em.query(`SELECT 1 FROM organisations WHERE id = $1 AND kind <> 'EMPLOYER'`, [data.ownerOfficeId])) as unknown[];
        if (office.length === 0) throw ValidationError.field('input.ownerOfficeId', 'is not an office or municipal unit');
      }
      Object.assign(employer, {
        ...(data.name !== undefined && { name: data.name }),
        ...(data.sector !== undefined && { sector: data.sector }),
        ...(data.description !== undefined && { description: data.description ?? null }),
        ...(data.ownerOfficeId !== undefined && { ownerOfficeId: data.ownerOfficeId ?? null }),
      });
      const saved = await em.save(employer);
      await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.EmployerUpdated, aggregateType: 'Employer', aggregateId: id, payload: { fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined) } },
      ]);
      return saved;
    });
  }

  async archive(actor: Actor, id: string): Promise<EmployerEntity> {
    return this.dataSource.transaction(async (em) => {
      const employer = await this.lockVisible(actor, em, id);
      this.policy.assertCanWriteEmployer(actor, employer);
      if (employer.archivedAt) return employer;
      const open = (await em.query(`SELECT count(*)::int AS n FROM placements WHERE employer_id = $1 AND status IN ('OPEN','PAUSED','FILLED')`, [id])) as [{ n: number }];
      if (open[0].n > 0) throw new ConflictError(`Employer has ${open[0].n} published placements; close them first`, { openPlacements: open[0].n });
      employer.archivedAt = new Date();
      const saved = await em.save(employer);
      await this.outbox.record(em, actor.userId, [{ type: DomainEventType.EmployerArchived, aggregateType: 'Employer', aggregateId: id }]);
      return saved;
    });
  }

  async addSite(actor: Actor, employerId: string, input: AddSite): Promise<EmployerSiteEntity> {
    const data = parseInput(siteSchema, input);
    return this.dataSource.transaction(async (em) => {
      const employer = await this.lockVisible(actor, em, employerId);
      this.policy.assertCanWriteEmployer(actor, employer);
      const site = await em.save(em.create(EmployerSiteEntity, this.siteRow(employerId, data)));
      await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.EmployerSiteAdded, aggregateType: 'Employer', aggregateId: employerId, payload: { siteId: site.id, areaCode: site.areaCode } },
      ]);
      return site;
    });
  }

  async addContact(actor: Actor, employerId: string, input: AddContact): Promise<EmployerContactEntity> {
    const data = parseInput(contactSchema, input);
    return this.dataSource.transaction(async (em) => {
      const employer = await this.lockVisible(actor, em, employerId);
      this.policy.assertCanWriteEmployer(actor, employer);
      if (data.siteId && !(await em.existsBy(EmployerSiteEntity, { id: data.siteId, employerId }))) {
        throw ValidationError.field('input.siteId', 'is not a site of this employer');
      }
      const contact = await em.save(
        em.create(EmployerContactEntity, { ...data, employerId, siteId: data.siteId ?? null, title: data.title ?? null, email: data.email ?? null, phone: data.phone ?? null }),
      );
      await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.EmployerContactAdded, aggregateType: 'Employer', aggregateId: employerId, payload: { contactId: contact.id } },
      ]);
      return contact;
    });
  }

  async list(actor: Actor, filter: EmployerFilter, page: PageRequest): Promise<Page<EmployerEntity>> {
    const qb = this.dataSource.getRepository(EmployerEntity).createQueryBuilder('e');
    const scope = this.policy.employerScope(actor);
    if (scope.kind === 'ONE') qb.andWhere('e.id = :own', { own: scope.employerId ?? '00000000-0000-0000-0000-000000000000' });
    if (!filter.includeArchived) qb.andWhere('e.archived_at IS NULL');
    if (filter.sector) qb.andWhere('e.sector = :sector', { sector: filter.sector });
    if (filter.ownerOfficeId) {
      if (!isUuid(filter.ownerOfficeId)) throw ValidationError.field('filter.ownerOfficeId', 'is not an id');
      qb.andWhere('e.owner_office_id = :office', { office: filter.ownerOfficeId });
    }
    if (filter.search) {
      qb.andWhere('(e.name ILIKE :search OR e.org_number = :orgnr)', { search: `%${filter.search.replace(/[%_\\]/g, '\\$&')}%`, orgnr: normaliseOrgNumber(filter.search) });
    }
    const total = await qb.clone().getCount();
    if (page.after) qb.andWhere('(e.name, e.id) > (:key, :id)', page.after);
    const rows = await qb.orderBy('e.name', 'ASC').addOrderBy('e.id', 'ASC').limit(page.first + 1).getMany();
    return toPage(rows, page, (e) => [e.name, e.id], total);
  }

  async get(actor: Actor, id: string): Promise<EmployerEntity> {
    const [employer] = await this.findByIds(actor, [id]);
    if (!employer) throw new NotFoundError('Employer', id);
    return employer;
  }

  async findByIds(actor: Actor, ids: readonly string[]): Promise<EmployerEntity[]> {
    const scope = this.policy.employerScope(actor);
    const visible = (scope.kind === 'ALL' ? ids : ids.filter((id) => id === scope.employerId)).filter(isUuid);
    if (visible.length === 0) return [];
    return this.dataSource.getRepository(EmployerEntity).findBy({ id: In([...visible]) });
  }

  /** Sites of employers the caller can see (callers pass ids they already loaded through the policy). */
  async sitesByIds(ids: readonly string[]): Promise<EmployerSiteEntity[]> {
    return ids.length ? this.dataSource.getRepository(EmployerSiteEntity).findBy({ id: In([...ids]) }) : [];
  }

  async sitesOf(employerIds: readonly string[]): Promise<EmployerSiteEntity[]> {
    if (employerIds.length === 0) return [];
    return this.dataSource.getRepository(EmployerSiteEntity).find({ where: { employerId: In([...employerIds]), archivedAt: IsNull() }, order: { name: 'ASC' } });
  }

  async contactsOf(employerIds: readonly string[]): Promise<EmployerContactEntity[]> {
    if (employerIds.length === 0) return [];
    return this.dataSource.getRepository(EmployerContactEntity).find({ where: { employerId: In([...employerIds]) }, order: { name: 'ASC' } });
  }

  /** Employers hidden by the policy are reported as not found: no leak of their existence. */
  private async lockVisible(actor: Actor, em: import('typeorm').EntityManager, id: string): Promise<EmployerEntity> {
    const scope = this.policy.employerScope(actor);
    if (!isUuid(id)) throw new NotFoundError('Employer', id);
    const employer = await em.findOne(EmployerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!employer || (scope.kind === 'ONE' && scope.employerId !== id)) throw new NotFoundError('Employer', id);
    return employer;
  }

  private siteRow(employerId: string, s: z.infer<typeof siteSchema>) {
    const area = AreaCatalogue.default().get(s.areaCode)!;
    return {
      employerId,
      name: s.name,
      address: s.address,
      areaCode: s.areaCode,
      latitude: s.latitude ?? area.lat,
      longitude: s.longitude ?? area.lon,
      archivedAt: null,
    };
  }
}
