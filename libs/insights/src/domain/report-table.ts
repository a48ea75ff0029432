import { ValidationError } from '#lib/core';
import { isIsoDate } from './dates.js';
import { KpiDimension, type KpiSpec } from './definitions.js';
import { median, round, share } from './figures.js';
import { type InsightScope, inScope, scopeDimension, scopeKey } from './insight-scope.js';
import { type Cell, type CubeOptions, countRule, type Fact, ProtectedCube, shareRule } from './protected-cube.js';

export type DimensionValues = Readonly<Partial<Record<KpiDimension, string>>>;
export type KpiFact = Fact<KpiDimension>;

export interface Period {
  readonly from: string;
  readonly to: string;
}

/** One open placement at the cut-off, with the slots it still has. */
export interface SlotFact {
  readonly sector: string;
  readonly district: string;
  readonly slots: number;
}

/** One row of a report before names are attached. Suppressed rows carry no figures. */
export interface ReportRow {
  readonly dims: DimensionValues;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly share: number | null;
  readonly median: number | null;
  readonly openSlots: number | null;
  readonly openPlacements: number | null;
  readonly participantsWaiting: number | null;
  readonly suppressed: boolean;
}

export interface ReportTable {
  readonly groupBy: readonly KpiDimension[];
  readonly rows: readonly ReportRow[];
  /** The caller's whole scope: every organisation for admins, the unit or the NAV office otherwise. */
  readonly total: ReportRow;
}

const MAX_PERIOD_DAYS = 366 * 10;

export function parsePeriod(input: { from?: string | null; to?: string | null }): Period {
  const problems: Array<{ field: string; message: string }> = [];
  const { from, to } = input;
  if (!from || !isIsoDate(from)) problems.push({ field: 'period.from', message: 'must be a date (YYYY-MM-DD)' });
  if (!to || !isIsoDate(to)) problems.push({ field: 'period.to', message: 'must be a date (YYYY-MM-DD)' });
  if (problems.length === 0 && to! < from!) problems.push({ field: 'period.to', message: 'must not be before period.from' });
  if (problems.length === 0 && Date.parse(to!) - Date.parse(from!) > MAX_PERIOD_DAYS * 86_400_000) problems.push({ field: 'period.to', message: 'a period is at most ten years' });
  if (problems.length > 0) throw new ValidationError(problems);
  return { from: from!, to: to! };
}

/**
 * The grouping actually used: the requested dimensions (or the report's default), its own dimension
 * for a distribution, and the scope's dimension for advisors and market contacts, in the report's order.
 */
export function resolveGroupBy(spec: KpiSpec, scope: InsightScope, requested?: readonly KpiDimension[] | null): KpiDimension[] {
  const wanted = new Set(requested ?? spec.defaultGroupBy);
  const unknown = [...wanted].filter((d) => !spec.dims.includes(d));
  if (unknown.length > 0) throw ValidationError.field('groupBy', `${unknown.join(', ')} is not a dimension of ${spec.name}; use ${spec.dims.join(', ')}`);
  for (const d of spec.alwaysGroupBy ?? []) wanted.add(d);
  const own = scopeDimension(scope);
  if (own) wanted.add(own);
  return spec.dims.filter((d) => wanted.has(d));
}

/** Units are parts of their NAV office; unit, office and total figures are hidden last. */
const NESTING: Pick<CubeOptions<KpiDimension>, 'rollups' | 'headline'> = {
  rollups: [{ dim: KpiDimension.UNIT, into: KpiDimension.NAV_OFFICE }],
  headline: [KpiDimension.UNIT, KpiDimension.NAV_OFFICE],
};

/** A row names only the dimensions it is grouped by (a unit's cell also knows its office). */
const pick = (key: DimensionValues, groupBy: readonly KpiDimension[]): DimensionValues => Object.fromEntries(groupBy.filter((d) => key[d] !== undefined).map((d) => [d, key[d]]));

const EMPTY: Omit<ReportRow, 'dims' | 'suppressed'> = { numerator: null, denominator: null, share: null, median: null, openSlots: null, openPlacements: null, participantsWaiting: null };

function shareRow(spec: KpiSpec, dims: DimensionValues, cell: Cell<KpiDimension> | undefined): ReportRow {
  if (!cell || cell.suppressed) return { ...EMPTY, dims, suppressed: true };
  const m = spec.median ? median(cell.values) : null;
  return { ...EMPTY, dims, numerator: cell.k, denominator: cell.n, share: share(cell.k, cell.n), median: m === null ? null : round(m, 1), suppressed: false };
}

/** Shares (and medians) by the grouping, restricted to the caller's scope. */
export function shareTable(spec: KpiSpec, facts: Iterable<KpiFact>, scope: InsightScope, groupBy: readonly KpiDimension[]): ReportTable {
  const cube = ProtectedCube.build(spec.dims, facts, { rule: shareRule, ...NESTING });
  const rows = cube
    .cells(groupBy)
    .filter((c) => inScope(scope, c.key))
    .map((c) => shareRow(spec, pick(c.key, groupBy), c));
  const totalKey = scopeKey(scope);
  return { groupBy, rows, total: shareRow(spec, totalKey, cube.cell(totalKey)) };
}

/**
 * A distribution over `spec.alwaysGroupBy` (decline reasons): each row's count and its share of the
 * same group without that split. A suppressed group suppresses all its parts, or the shares would give it away.
 */
export function distributionTable(spec: KpiSpec, facts: Iterable<KpiFact>, scope: InsightScope, groupBy: readonly KpiDimension[]): ReportTable {
  const along = spec.alwaysGroupBy ?? [];
  const cube = ProtectedCube.build(spec.dims, facts, { rule: countRule, inheritAlong: along, ...NESTING });
  const rows = cube
    .cells(groupBy)
    .filter((c) => inScope(scope, c.key))
    .map((c): ReportRow => {
      const dims = pick(c.key, groupBy);
      const group = cube.cell(Object.fromEntries(Object.entries(c.key).filter(([d]) => !along.includes(d as KpiDimension))));
      if (c.suppressed || !group || group.suppressed) return { ...EMPTY, dims, suppressed: true };
      return { ...EMPTY, dims, numerator: c.n, denominator: group.n, share: share(c.n, group.n), suppressed: false };
    });
  const totalKey = scopeKey(scope);
  const total = cube.cell(totalKey);
  return {
    groupBy,
    rows,
    total: !total || total.suppressed ? { ...EMPTY, dims: totalKey, suppressed: true } : { ...EMPTY, dims: totalKey, numerator: total.n, denominator: total.n, share: 1, suppressed: false },
  };
}

const SLOT_DIMS: readonly KpiDimension[] = [KpiDimension.SECTOR, KpiDimension.DISTRICT];

/**
 * Open slots (not personal, never suppressed, not scoped: the pool is shared) against participants
 * waiting (people: suppressed below the threshold, scoped). Rows exist where either side has something.
 */
export function supplyTable(waiting: Iterable<KpiFact>, slots: readonly SlotFact[], scope: InsightScope, groupBy: readonly KpiDimension[]): ReportTable {
  const cube = ProtectedCube.build<KpiDimension>([KpiDimension.UNIT, KpiDimension.NAV_OFFICE, KpiDimension.SECTOR, KpiDimension.DISTRICT], waiting, { rule: countRule, ...NESTING });
  const slotDims = groupBy.filter((d) => SLOT_DIMS.includes(d));
  const slotKey = (key: DimensionValues) => JSON.stringify(slotDims.map((d) => key[d] ?? null));
  const slotGroups = new Map<string, { key: DimensionValues; slots: number; placements: number }>();
  for (const s of slots) {
    const key: DimensionValues = Object.fromEntries(slotDims.map((d) => [d, d === KpiDimension.SECTOR ? s.sector : s.district]));
    const id = slotKey(key);
    const group = slotGroups.get(id) ?? { key, slots: 0, placements: 0 };
    group.slots += s.slots;
    group.placements += 1;
    slotGroups.set(id, group);
  }

  const row = (dims: DimensionValues, cell: Cell<KpiDimension> | undefined): ReportRow => {
    const supply = slotGroups.get(slotKey(dims));
    const hidden = !cell || cell.suppressed;
    return { ...EMPTY, dims, openSlots: supply?.slots ?? 0, openPlacements: supply?.placements ?? 0, participantsWaiting: hidden ? null : cell.n, suppressed: hidden };
  };

  const rows = new Map<string, ReportRow>();
  const idOf = (dims: DimensionValues) => JSON.stringify(groupBy.map((d) => dims[d] ?? null));
  for (const c of cube.cells(groupBy)) if (inScope(scope, c.key)) rows.set(idOf(c.key), row(pick(c.key, groupBy), c));
  // Slots without anyone waiting: only where the rest of the row's key is the caller's own scope.
  const scopeValues = scopeKey(scope);
  if (groupBy.every((d) => SLOT_DIMS.includes(d) || d in scopeValues)) {
    for (const group of slotGroups.values()) {
      const dims = { ...Object.fromEntries(Object.entries(scopeValues).filter(([d]) => groupBy.includes(d as KpiDimension))), ...group.key };
      if (!rows.has(idOf(dims))) rows.set(idOf(dims), row(dims, undefined));
    }
  }
  const total = cube.cell(scopeValues);
  const allSlots = slots.reduce((s, x) => s + x.slots, 0);
  return {
    groupBy,
    rows: [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r),
    total: { ...EMPTY, dims: scopeValues, openSlots: allSlots, openPlacements: slots.length, participantsWaiting: !total || total.suppressed ? null : total.n, suppressed: !total || total.suppressed },
  };
}
