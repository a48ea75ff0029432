import { type CsvValue, toCsv } from './csv.js';
import { KpiDimension, type KpiSpec } from './definitions.js';
import type { OutcomeMeasure } from './outcome.js';
import type { Period, ReportRow } from './report-table.js';

/** Dimensions whose values are ids, published with a name beside them. */
export const NAMED_DIMENSIONS: readonly KpiDimension[] = [KpiDimension.UNIT, KpiDimension.NAV_OFFICE, KpiDimension.EMPLOYER, KpiDimension.DISTRICT];

export interface LabelledRow extends ReportRow {
  readonly names: Readonly<Partial<Record<KpiDimension, string>>>;
}

export interface Report {
  readonly kpi: KpiSpec;
  readonly period: Period;
  readonly measuredAt: OutcomeMeasure | null;
  /** The cut-off: midnight after `to`, Europe/Oslo. */
  readonly asOf: Date;
  /** The cut-off has passed: these figures will never change. */
  readonly final: boolean;
  readonly definitionsVersion: string;
  readonly groupBy: readonly KpiDimension[];
  readonly rows: readonly LabelledRow[];
  readonly total: LabelledRow;
}

const column = (d: KpiDimension) => d.toLowerCase();

function dimensionColumns(groupBy: readonly KpiDimension[]): string[] {
  return groupBy.flatMap((d) => (NAMED_DIMENSIONS.includes(d) ? (d === KpiDimension.DISTRICT ? ['district', 'district_name'] : [`${column(d)}_id`, column(d)]) : [column(d)]));
}

function dimensionValues(groupBy: readonly KpiDimension[], row: LabelledRow): CsvValue[] {
  return groupBy.flatMap((d) => (NAMED_DIMENSIONS.includes(d) ? [row.dims[d], row.names[d]] : [d === KpiDimension.EXIT_YEAR || d === KpiDimension.REQUIRED_HOURS ? numberOrText(row.dims[d]) : row.dims[d]]));
}

const numberOrText = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : v);

function figureColumns(kpi: KpiSpec): string[] {
  if (kpi.kind === 'SUPPLY') return ['open_placements', 'open_slots', 'participants_waiting', 'suppressed'];
  const median = kpi.median === 'DAYS' ? ['median_days'] : kpi.median === 'HOURS' ? ['median_hours'] : [];
  return ['numerator', 'denominator', 'share', ...median, 'suppressed'];
}

function figureValues(kpi: KpiSpec, row: LabelledRow): CsvValue[] {
  if (kpi.kind === 'SUPPLY') return [row.openPlacements, row.openSlots, row.participantsWaiting, row.suppressed];
  return [row.numerator, row.denominator, row.share, ...(kpi.median ? [row.median] : []), row.suppressed];
}

/** One line per row and a last line for the scope's total; suppressed figures are empty fields. */
export function reportCsv(report: Report): { filename: string; body: string } {
  const { kpi, groupBy } = report;
  const header = ['row', ...dimensionColumns(groupBy), ...figureColumns(kpi)];
  const lines = [
    ...report.rows.map((r) => ['group', ...dimensionValues(groupBy, r), ...figureValues(kpi, r)]),
    ['total', ...dimensionValues(groupBy, report.total), ...figureValues(kpi, report.total)],
  ];
  const measure = report.measuredAt ? `-${report.measuredAt.toLowerCase().replace(/_/g, '-')}` : '';
  return { filename: `${kpi.slug}${measure}_${report.period.from}_${report.period.to}.csv`, body: toCsv(header, lines) };
}
