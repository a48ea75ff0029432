import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '#lib/access';
import { groupedByIds } from '#lib/core';
import { CurrentActor, type GqlContext } from '#lib/gql';
import { Participant } from '#lib/participants';
import { InsightsService } from '../application/insights.service.js';
import { OutcomesService } from '../application/outcomes.service.js';
import { definitionText, KpiDimension, KpiName, KPIS } from '../domain/definitions.js';
import { countsAsWorkOrEducation, OutcomeMeasure } from '../domain/outcome.js';
import { type LabelledRow, type Report, reportCsv } from '../domain/report.js';
import type { ParticipantOutcomeEntity } from '../persistence/participant-outcome.entity.js';
import { KpiReport, KpiRow, ParticipantOutcome, ParticipantOutcomeInput, ReportPeriodInput } from './insights.model.js';

const subject = (row: LabelledRow, d: KpiDimension) => (row.dims[d] !== undefined ? { id: row.dims[d]!, name: row.names[d] ?? row.dims[d]! } : null);
const int = (v: string | undefined) => (v === undefined ? null : Number(v));

function toRow(report: Report, row: LabelledRow): KpiRow {
  const d = row.dims;
  return {
    unit: subject(row, KpiDimension.UNIT),
    navOffice: subject(row, KpiDimension.NAV_OFFICE),
    protectionBasis: (d.PROTECTION_BASIS ?? null) as KpiRow['protectionBasis'],
    finalGoal: (d.FINAL_GOAL ?? null) as KpiRow['finalGoal'],
    exitYear: int(d.EXIT_YEAR),
    sector: d.SECTOR ?? null,
    district: d.DISTRICT ?? null,
    districtName: row.names.DISTRICT ?? null,
    employer: subject(row, KpiDimension.EMPLOYER),
    requiredHours: int(d.REQUIRED_HOURS),
    declinedBy: d.DECLINED_BY ?? null,
    reason: d.REASON ?? null,
    numerator: row.numerator,
    denominator: row.denominator,
    share: row.share,
    medianDays: report.kpi.median === 'DAYS' ? row.median : null,
    medianHours: report.kpi.median === 'HOURS' ? row.median : null,
    openSlots: row.openSlots,
    openPlacements: row.openPlacements,
    participantsWaiting: row.participantsWaiting,
    suppressed: row.suppressed,
  };
}

export function toKpiReport(report: Report): KpiReport {
  return {
    kpi: report.kpi.name,
    title: report.kpi.title,
    definition: definitionText(report.kpi),
    definitionsVersion: report.definitionsVersion,
    from: report.period.from,
    to: report.period.to,
    measuredAt: report.measuredAt,
    asOf: report.asOf,
    final: report.final,
    groupBy: [...report.groupBy],
    rows: report.rows.map((r) => toRow(report, r)),
    total: toRow(report, report.total),
    csv: reportCsv(report).body,
  };
}

export const toParticipantOutcome = (o: ParticipantOutcomeEntity): ParticipantOutcome => ({
  id: o.id,
  participantId: o.participantId,
  measuredAt: o.measuredAt,
  category: o.category,
  countsAsWorkOrEducation: countsAsWorkOrEducation(o.category),
  recordedOn: o.recordedOn,
  exitDate: o.exitDate,
  recordedById: o.recordedById,
  recordedAt: o.createdAt,
});

const describe = (kpi: KpiName) => `${KPIS[kpi].title}. ${definitionText(KPIS[kpi])}`;
const groupByArg = (kpi: KpiName) => ({
  type: () => [KpiDimension],
  nullable: true,
  description: `Split rows by any of ${KPIS[kpi].dims.join(', ')}; default ${KPIS[kpi].defaultGroupBy.join(', ') || 'none'}.`,
});
type GroupBy = KpiDimension[] | null;

/** KPI reports (domain.md §8): counts only, scoped by organisation, small numbers suppressed, reproducible as of the period's end. */
@Resolver(() => KpiReport)
export class InsightsResolver {
  constructor(private readonly insights: InsightsService) {}

  private async run(actor: Actor, kpi: KpiName, period: ReportPeriodInput, groupBy: GroupBy, measuredAt: OutcomeMeasure | null = null): Promise<KpiReport> {
    return toKpiReport(await this.insights.report(actor, kpi, { period, groupBy, measuredAt }));
  }

  @Query(() => KpiReport, { description: describe(KpiName.OUTCOME_SHARE) })
  outcomeShare(
    @CurrentActor() actor: Actor,
    @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput,
    @Args('measuredAt', { type: () => OutcomeMeasure }) measuredAt: OutcomeMeasure,
    @Args('groupBy', groupByArg(KpiName.OUTCOME_SHARE)) groupBy: GroupBy,
  ) {
    return this.run(actor, KpiName.OUTCOME_SHARE, period, groupBy, measuredAt);
  }

  @Query(() => KpiReport, { description: describe(KpiName.PROGRAMME_START) })
  programmeStartTimes(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.PROGRAMME_START)) groupBy: GroupBy) {
    return this.run(actor, KpiName.PROGRAMME_START, period, groupBy);
  }

  @Query(() => KpiReport, { description: describe(KpiName.FIRST_PRAKSIS) })
  timeToFirstPraksis(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.FIRST_PRAKSIS)) groupBy: GroupBy) {
    return this.run(actor, KpiName.FIRST_PRAKSIS, period, groupBy);
  }

  @Query(() => KpiReport, { description: describe(KpiName.PRAKSIS_PARTICIPATION) })
  praksisParticipation(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.PRAKSIS_PARTICIPATION)) groupBy: GroupBy) {
    return this.run(actor, KpiName.PRAKSIS_PARTICIPATION, period, groupBy);
  }

  @Query(() => KpiReport, { description: describe(KpiName.WEEKLY_HOURS) })
  weeklyHoursRule(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.WEEKLY_HOURS)) groupBy: GroupBy) {
    return this.run(actor, KpiName.WEEKLY_HOURS, period, groupBy);
  }

  @Query(() => KpiReport, { description: describe(KpiName.PLACEMENT_SUPPLY) })
  placementSupply(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.PLACEMENT_SUPPLY)) groupBy: GroupBy) {
    return this.run(actor, KpiName.PLACEMENT_SUPPLY, period, groupBy);
  }

  @Query(() => KpiReport, { description: describe(KpiName.PRAKSIS_CONVERSION) })
  praksisConversion(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.PRAKSIS_CONVERSION)) groupBy: GroupBy) {
    return this.run(actor, KpiName.PRAKSIS_CONVERSION, period, groupBy);
  }

  @Query(() => KpiReport, { description: describe(KpiName.EMPLOYER_ANSWER_TIME) })
  employerAnswerTimes(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.EMPLOYER_ANSWER_TIME)) groupBy: GroupBy) {
    return this.run(actor, KpiName.EMPLOYER_ANSWER_TIME, period, groupBy);
  }

  @Query(() => KpiReport, { description: describe(KpiName.DECLINE_REASONS) })
  declineReasons(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.DECLINE_REASONS)) groupBy: GroupBy) {
    return this.run(actor, KpiName.DECLINE_REASONS, period, groupBy);
  }

  @Query(() => KpiReport, { description: describe(KpiName.FOLLOW_UPS_ON_TIME) })
  followUpsOnTime(@CurrentActor() actor: Actor, @Args('period', { type: () => ReportPeriodInput }) period: ReportPeriodInput, @Args('groupBy', groupByArg(KpiName.FOLLOW_UPS_ON_TIME)) groupBy: GroupBy) {
    return this.run(actor, KpiName.FOLLOW_UPS_ON_TIME, period, groupBy);
  }
}

@Resolver(() => ParticipantOutcome)
export class OutcomesResolver {
  constructor(private readonly outcomes: OutcomesService) {}

  @Mutation(() => ParticipantOutcome, {
    description: 'Record what a participant went on to, at exit or one year later (the participant’s advisor). Never changes an earlier row: a correction is a new one.',
  })
  async recordParticipantOutcome(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }) participantId: string,
    @Args('input', { type: () => ParticipantOutcomeInput }) input: ParticipantOutcomeInput,
  ) {
    return toParticipantOutcome(await this.outcomes.record(actor, participantId, input));
  }
}

/** `Participant.outcomes`: the full profile is only ever resolved for the unit's advisors. */
@Resolver(() => Participant)
export class ParticipantOutcomesField {
  constructor(private readonly service: OutcomesService) {}

  @ResolveField(() => [ParticipantOutcome], { description: 'Outcome rows, newest first (corrections included).' })
  async outcomes(@Parent() participant: { id: string }, @Context() ctx: GqlContext) {
    const loader = ctx.loaders.get<ParticipantOutcome[]>('insights.outcomesByParticipant', async (ids) => {
      const rows = await this.service.forParticipants(ids);
      return groupedByIds(ids, rows, (r) => r.participantId).map((group) => group.map(toParticipantOutcome));
    });
    return (await loader.load(participant.id)) ?? [];
  }
}
