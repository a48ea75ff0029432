import { type Actor, Role } from '#lib/access';
import { ForbiddenError } from '#lib/core';
import { KpiDimension } from './definitions.js';

/**
 * Whose figures a caller may see. There is no leader role, so the existing roles stand in for one:
 * ADMIN (operators and leaders above the units) sees every organisation; an ADVISOR their own unit
 * (a unit leader signs in as an advisor of the unit); a MARKET_CONTACT the units their NAV office
 * serves (NAV office leaders). Teachers and employers get no statistics. Figures are counts only.
 */
export type InsightScope =
  | { readonly kind: 'ALL' }
  | { readonly kind: 'UNIT'; readonly unitId: string }
  | { readonly kind: 'NAV_OFFICE'; readonly navOfficeId: string };

export function insightScope(actor: Actor): InsightScope {
  switch (actor.role) {
    case Role.ADMIN:
      return { kind: 'ALL' };
    case Role.ADVISOR:
      return { kind: 'UNIT', unitId: actor.organisationId };
    case Role.MARKET_CONTACT:
      return { kind: 'NAV_OFFICE', navOfficeId: actor.organisationId };
    case Role.TEACHER:
    case Role.EMPLOYER:
      throw new ForbiddenError('Reports are for advisors, market contacts and administrators');
  }
}

/** The dimension that carries the scope: every row a scoped caller sees is split by it. */
export function scopeDimension(scope: InsightScope): KpiDimension | null {
  return scope.kind === 'UNIT' ? KpiDimension.UNIT : scope.kind === 'NAV_OFFICE' ? KpiDimension.NAV_OFFICE : null;
}

/** The cell key of the caller's whole scope (the total row). */
export function scopeKey(scope: InsightScope): Partial<Record<KpiDimension, string>> {
  if (scope.kind === 'UNIT') return { [KpiDimension.UNIT]: scope.unitId };
  if (scope.kind === 'NAV_OFFICE') return { [KpiDimension.NAV_OFFICE]: scope.navOfficeId };
  return {};
}

export function inScope(scope: InsightScope, key: Partial<Record<KpiDimension, string>>): boolean {
  if (scope.kind === 'UNIT') return key[KpiDimension.UNIT] === scope.unitId;
  if (scope.kind === 'NAV_OFFICE') return key[KpiDimension.NAV_OFFICE] === scope.navOfficeId;
  return true;
}
