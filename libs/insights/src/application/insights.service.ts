import { Injectable } from '@nestjs/common';
import type { Actor } from '#lib/access';
import { groupedByIds, SECTORS, ValidationError } from '#lib/core';
import { AreaCatalogue } from '#lib/geo';
import { addDays, addMonths, daysBetween, maxDate, minDate } from '../domain/dates.js';
import { DEFINITIONS_VERSION, KPI_PARAMETERS, KpiDimension, KpiName, KPIS, type KpiSpec } from '../domain/definitions.js';
import { averageWeeklyHours } from '../domain/figures.js';
import { type InsightScope, insightScope } from '../domain/insight-scope.js';
import { countsAsWorkOrEducation, OutcomeMeasure } from '../domain/outcome.js';
import { type LabelledRow, NAMED_DIMENSIONS, type Report } from '../domain/report.js';
import { distributionTable, type KpiFact, parsePeriod, type Period, type ReportRow, type ReportTable, resolveGroupBy, shareTable, supplyTable } from '../domain/report-table.js';
import { InsightsRepository } from '../persistence/insights.repository.js';

export interface ReportRequest {
  readonly period: { readonly from?: string | null; readonly to?: string | null };
  readonly groupBy?: readonly KpiDimension[] | null;
  /** OUTCOME_SHARE only. */
  readonly measuredAt?: OutcomeMeasure | null;
}

const D = KpiDimension;
const P = KPI_PARAMETERS;
/** A unit without a NAV office still needs a value in the NAV_OFFICE dimension. */
const NO_NAV_OFFICE = 'NONE';
const NOT_STATED = 'NOT_STATED';

const scoped = (r: { unitId: string; navOfficeId: string | null }) => ({ [D.UNIT]: r.unitId, [D.NAV_OFFICE]: r.navOfficeId ?? NO_NAV_OFFICE });

/**
 * Builds the KPI reports: loads the history as of the period's cut-off (repository), turns it into
 * facts, and hands them to the protected tables (domain) for counting, suppression and scoping.
 */
@Injectable()
export class InsightsService {
  constructor(private readonly repository: InsightsRepository) {}

  async report(actor: Actor, kpi: KpiName, request: ReportRequest): Promise<Report> {
    const scope = insightScope(actor);
    const spec = KPIS[kpi];
    const period = parsePeriod(request.period);
    const groupBy = resolveGroupBy(spec, scope, request.groupBy);
    const measuredAt = kpi === KpiName.OUTCOME_SHARE ? (request.measuredAt ?? null) : null;
    if (kpi === KpiName.OUTCOME_SHARE && !measuredAt) throw ValidationError.field('measuredAt', 'is required: EXIT or ONE_YEAR_AFTER');
    const [table, cutoff] = await Promise.all([this.table(spec, period, scope, groupBy, measuredAt), this.repository.cutoff(period)]);
    const labelled = await this.label(table);
    return { kpi: spec, period, measuredAt, asOf: cutoff.asOf, final: cutoff.final, definitionsVersion: DEFINITIONS_VERSION, groupBy, ...labelled };
  }

  private async table(spec: KpiSpec, period: Period, scope: InsightScope, groupBy: readonly KpiDimension[], measuredAt: OutcomeMeasure | null): Promise<ReportTable> {
    const shares = (facts: KpiFact[]) => shareTable(spec, facts, scope, groupBy);
    switch (spec.name) {
      case KpiName.OUTCOME_SHARE:
        return shares(
          (await this.repository.outcomes(period, measuredAt!)).map((r) => ({
            dims: { ...scoped(r), [D.PROTECTION_BASIS]: r.protectionBasis, [D.EXIT_YEAR]: r.exitDate.slice(0, 4), [D.FINAL_GOAL]: r.finalGoal },
            hit: countsAsWorkOrEducation(r.category),
          })),
        );
      case KpiName.PROGRAMME_START:
        return shares(
          (await this.repository.programmeStarts(period)).map((r) => ({
            dims: { ...scoped(r), [D.PROTECTION_BASIS]: r.protectionBasis },
            hit: r.programmeStart <= addMonths(r.settlementDate, P.programmeStartMonths),
            value: daysBetween(r.settlementDate, r.programmeStart),
          })),
        );
      case KpiName.FIRST_PRAKSIS:
        return shares(
          (await this.repository.firstPraksis(period)).map((r) => ({
            dims: { ...scoped(r), [D.PROTECTION_BASIS]: r.protectionBasis },
            hit: r.firstPraksis <= addMonths(r.programmeStart, P.firstPraksisMonths),
            value: Math.max(0, daysBetween(r.programmeStart, r.firstPraksis)),
          })),
        );
      case KpiName.PRAKSIS_PARTICIPATION:
        return shares(
          (await this.repository.praksisParticipation(period)).map((r) => ({
            dims: { ...scoped(r), [D.PROTECTION_BASIS]: r.protectionBasis, [D.FINAL_GOAL]: r.finalGoal },
            hit: r.hadPraksis,
          })),
        );
      case KpiName.WEEKLY_HOURS:
        return shares(await this.weeklyHoursFacts(period));
      case KpiName.PLACEMENT_SUPPLY: {
        const [waiting, slots] = await Promise.all([this.repository.waitingParticipants(period), this.repository.openSlots(period)]);
        const facts = waiting.map((r) => ({
          dims: { ...scoped(r), [D.SECTOR]: r.sectors.length > 0 ? r.sectors : SECTORS, [D.DISTRICT]: r.areas.length > 0 ? r.areas : [NOT_STATED] },
        }));
        return supplyTable(facts, slots, scope, groupBy);
      }
      case KpiName.PRAKSIS_CONVERSION:
        return shares(
          (await this.repository.praksisConversions(period)).map((r) => ({
            dims: { ...scoped(r), [D.EMPLOYER]: r.employerId, [D.SECTOR]: r.sector },
            hit: r.converted,
          })),
        );
      case KpiName.EMPLOYER_ANSWER_TIME:
        return shares(
          (await this.repository.employerAnswers(period)).map((r) => ({
            dims: { ...scoped(r), [D.EMPLOYER]: r.employerId, [D.SECTOR]: r.sector },
            hit: r.days <= P.employerAnswerDays,
            value: r.days,
          })),
        );
      case KpiName.DECLINE_REASONS:
        return distributionTable(
          spec,
          (await this.repository.declines(period)).map((r) => ({ dims: { ...scoped(r), [D.DECLINED_BY]: r.declinedBy, [D.REASON]: r.reason, [D.SECTOR]: r.sector } })),
          scope,
          groupBy,
        );
      case KpiName.FOLLOW_UPS_ON_TIME:
        return shares(
          (await this.repository.followUps(period, P.followUpGraceDays)).map((r) => ({
            dims: scoped(r),
            hit: r.doneByCutoff && r.heldOn !== null && r.heldOn <= addDays(r.dueOn, P.followUpGraceDays),
          })),
        );
    }
  }

  /** Average weekly hours over the part of the period the 15/10-hour rule applied to each participant. */
  private async weeklyHoursFacts(period: Period): Promise<KpiFact[]> {
    const participants = await this.repository.hoursRuleParticipants(period, P.weeklyHoursAfterMonths);
    const intervals = await this.repository.startedIntervals(period, participants.map((p) => p.participantId));
    const intervalsOf = groupedByIds(participants.map((p) => p.participantId), intervals, (i) => i.participantId);
    return participants.map((p, n) => {
      const window = { from: maxDate(period.from, addMonths(p.programmeStart, P.weeklyHoursAfterMonths)), to: minDate(period.to, p.programmeEnd ?? period.to) };
      const activities = intervalsOf[n]!.map((i) => ({ start: i.startedOn, end: i.endedOn, hoursPerWeek: i.hoursPerWeek }));
      const hours = averageWeeklyHours(window, activities);
      const required = p.partTime ? P.weeklyHoursPartTime : P.weeklyHoursFullTime;
      return { dims: { ...scoped(p), [D.REQUIRED_HOURS]: String(required) }, hit: hours >= required, value: hours };
    });
  }

  /** Names beside ids (units, NAV offices, employers, districts), and rows in name order. */
  private async label(table: ReportTable): Promise<{ rows: LabelledRow[]; total: LabelledRow }> {
    const all = [...table.rows, table.total];
    const ids = (d: KpiDimension) => [...new Set(all.map((r) => r.dims[d]).filter((v): v is string => v !== undefined && v !== NO_NAV_OFFICE))];
    const [organisations, employers] = await Promise.all([this.repository.organisationNames([...ids(D.UNIT), ...ids(D.NAV_OFFICE)]), this.repository.employerNames(ids(D.EMPLOYER))]);
    const areas = AreaCatalogue.default();
    const nameOf = (d: KpiDimension, value: string): string => {
      if (d === D.UNIT || d === D.NAV_OFFICE) return value === NO_NAV_OFFICE ? '(no NAV office)' : (organisations.get(value) ?? value);
      if (d === D.EMPLOYER) return employers.get(value) ?? value;
      return value === NOT_STATED ? '(not stated)' : (areas.get(value)?.name ?? value);
    };
    const withNames = (r: ReportRow): LabelledRow => ({
      ...r,
      names: Object.fromEntries(NAMED_DIMENSIONS.filter((d) => r.dims[d] !== undefined).map((d) => [d, nameOf(d, r.dims[d]!)])),
    });
    const rows = table.rows.map(withNames);
    const sortKey = (r: LabelledRow) => table.groupBy.map((d) => r.names[d] ?? r.dims[d] ?? '');
    rows.sort((a, b) => {
      const ka = sortKey(a);
      const kb = sortKey(b);
      for (let i = 0; i < ka.length; i++) {
        const c = ka[i]!.localeCompare(kb[i]!, 'nb');
        if (c !== 0) return c;
      }
      return 0;
    });
    return { rows, total: withNames(table.total) };
  }
}
