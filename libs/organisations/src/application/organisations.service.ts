import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AccessPolicy, type Actor, OrganisationKind } from '#lib/access';
import { NotFoundError, type Page, type PageRequest, toPage, isUuid } from '#lib/core';
import { OrganisationEntity } from '../persistence/organisation.entity.js';
import { UserEntity } from '../persistence/user.entity.js';

export interface OrganisationFilter {
  readonly kind?: OrganisationKind;
  readonly search?: string;
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async me(actor: Actor): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.userId });
    if (!user) throw new NotFoundError('User', actor.userId);
    return user;
  }

  async list(actor: Actor, filter: OrganisationFilter, page: PageRequest): Promise<Page<OrganisationEntity>> {
    const qb = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('o');
    const scope = this.policy.organisationScope(actor);
    if (scope.kind === 'ONE') qb.andWhere('o.id = :own', { own: scope.organisationId });
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.search) qb.andWhere('o.name ILIKE :search', { search: `%${filter.search.replace(/[%_\\]/g, '\\$&')}%` });
    const total = await qb.clone().getCount();
    if (page.after) qb.andWhere('(o.name, o.id) > (:key, :id)', page.after);
    const rows = await qb.orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(page.first + 1).getMany();
    return toPage(rows, page, (o) => [o.name, o.id], total);
  }

  /** For loaders: organisations the actor may see, in any order. */
  async findByIds(actor: Actor, ids: readonly string[]): Promise<OrganisationEntity[]> {
    const scope = this.policy.organisationScope(actor);
    const visible = (scope.kind === 'ALL' ? ids : ids.filter((id) => id === scope.organisationId)).filter(isUuid);
    if (visible.length === 0) return [];
    return this.dataSource.getRepository(OrganisationEntity).findBy({ id: In([...visible]) });
  }

  /** Names of staff users are shown next to what they did; employers only see their own colleagues. */
  async findUsersByIds(actor: Actor, ids: readonly string[]): Promise<UserEntity[]> {
    const valid = ids.filter(isUuid);
    const users = valid.length ? await this.dataSource.getRepository(UserEntity).findBy({ id: In(valid) }) : [];
    const scope = this.policy.organisationScope(actor);
    return scope.kind === 'ALL' ? users : users.filter((u) => u.organisationId === scope.organisationId);
  }
}
