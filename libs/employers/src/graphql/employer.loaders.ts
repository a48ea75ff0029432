import { groupedByIds } from '#lib/core';
import { byIds, type GqlContext } from '#lib/gql';
import type { EmployersService } from '../application/employers.service.js';
import type { EmployerContactEntity } from '../persistence/employer-contact.entity.js';
import type { EmployerSiteEntity } from '../persistence/employer-site.entity.js';
import type { EmployerEntity } from '../persistence/employer.entity.js';

/** Batched, policy-scoped loads used by every resolver that shows an employer or its sites. */
export function loadEmployer(ctx: GqlContext, service: EmployersService, id: string) {
  return ctx.loaders.get<EmployerEntity>('employer', async (ids) => byIds(ids, await service.findByIds(ctx.actor, ids))).load(id);
}

export function loadSite(ctx: GqlContext, service: EmployersService, id: string) {
  return ctx.loaders.get<EmployerSiteEntity>('employerSite', async (ids) => byIds(ids, await service.sitesByIds(ids))).load(id);
}

const grouped = <T extends { employerId: string }>(ids: readonly string[], rows: readonly T[]): T[][] => groupedByIds(ids, rows, (r) => r.employerId);

export async function loadEmployerSites(ctx: GqlContext, service: EmployersService, employerId: string) {
  const loader = ctx.loaders.get<EmployerSiteEntity[]>('employerSitesOf', async (ids) => grouped(ids, await service.sitesOf(ids)));
  return (await loader.load(employerId)) ?? [];
}

export async function loadEmployerContacts(ctx: GqlContext, service: EmployersService, employerId: string) {
  const loader = ctx.loaders.get<EmployerContactEntity[]>('employerContactsOf', async (ids) => grouped(ids, await service.contactsOf(ids)));
  return (await loader.load(employerId)) ?? [];
}
