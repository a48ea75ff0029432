import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FinalGoal, ProtectionBasis } from '#lib/participants';
import { KpiDimension, KpiName } from '../domain/definitions.js';
import { OutcomeCategory, OutcomeMeasure } from '../domain/outcome.js';

registerEnumType(KpiName, { name: 'KpiName', description: 'The reports of domain.md §8.' });
registerEnumType(KpiDimension, {
  name: 'KpiDimension',
  description: 'What a report can be split by (each report lists its own). Rows of advisors are always split by UNIT, of market contacts by NAV_OFFICE.',
});
registerEnumType(OutcomeMeasure, { name: 'OutcomeMeasure', description: 'EXIT (at programme end) or ONE_YEAR_AFTER.' });
registerEnumType(OutcomeCategory, {
  name: 'OutcomeCategory',
  description:
    'WORK and SUBSIDISED_WORK (lønnstilskudd) count as work; EDUCATION (upper-secondary or higher) as education; PRIMARY_SCHOOL (grunnskole) does not count as education; NAV_MEASURE, OTHER; NOT_REGISTERED (ikke registrert) is its own category.',
});

@InputType({ description: 'Dates (YYYY-MM-DD), both included. Figures are computed as of midnight after `to` (Europe/Oslo).' })
export class ReportPeriodInput {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
}

@InputType()
export class ParticipantOutcomeInput {
  @Field(() => OutcomeMeasure) measuredAt!: OutcomeMeasure;
  @Field(() => OutcomeCategory) category!: OutcomeCategory;
  @Field(() => String, { description: 'When the outcome was observed (YYYY-MM-DD, not in the future).' }) recordedOn!: string;
}

@ObjectType({ description: 'An outcome row. Rows are never changed: a correction is a newer row, and reports use the latest one recorded before their cut-off.' })
export class ParticipantOutcome {
  @Field(() => ID) id!: string;
  @Field(() => ID) participantId!: string;
  @Field(() => OutcomeMeasure) measuredAt!: OutcomeMeasure;
  @Field(() => OutcomeCategory) category!: OutcomeCategory;
  @Field(() => Boolean, { description: 'Counts in the numerator of the work-or-education share.' }) countsAsWorkOrEducation!: boolean;
  @Field(() => String) recordedOn!: string;
  @Field(() => String, { description: 'The programme end when recorded: the exit the outcome refers to.' }) exitDate!: string;
  @Field(() => ID) recordedById!: string;
  @Field(() => Date) recordedAt!: Date;
}

@ObjectType({ description: 'An organisation or employer a row is about.' })
export class KpiSubject {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType({ description: 'One row of a report: the dimension values it is split by (null: all), and its figures. A suppressed row has no figures.' })
export class KpiRow {
  @Field(() => KpiSubject, { nullable: true }) unit!: KpiSubject | null;
  @Field(() => KpiSubject, { nullable: true }) navOffice!: KpiSubject | null;
  @Field(() => ProtectionBasis, { nullable: true }) protectionBasis!: ProtectionBasis | null;
  @Field(() => FinalGoal, { nullable: true }) finalGoal!: FinalGoal | null;
  @Field(() => Int, { nullable: true }) exitYear!: number | null;
  @Field(() => String, { nullable: true, description: 'Sector code (as Sector).' }) sector!: string | null;
  @Field(() => String, { nullable: true, description: 'District or municipality code, or NOT_STATED.' }) district!: string | null;
  @Field(() => String, { nullable: true }) districtName!: string | null;
  @Field(() => KpiSubject, { nullable: true }) employer!: KpiSubject | null;
  @Field(() => Int, { nullable: true, description: 'The weekly hours the rule requires: 15, or 10 for part-time programmes.' }) requiredHours!: number | null;
  @Field(() => String, { nullable: true, description: 'EMPLOYER or PARTICIPANT.' }) declinedBy!: string | null;
  @Field(() => String, { nullable: true, description: 'A DeclineReason or ParticipantReason code, or NOT_GIVEN.' }) reason!: string | null;

  @Field(() => Int, { nullable: true }) numerator!: number | null;
  @Field(() => Int, { nullable: true }) denominator!: number | null;
  @Field(() => Float, { nullable: true, description: 'numerator / denominator, four decimals.' }) share!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median in days (one decimal), for the duration reports.' }) medianDays!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median weekly hours (one decimal), for WEEKLY_HOURS.' }) medianHours!: number | null;
  @Field(() => Int, { nullable: true, description: 'PLACEMENT_SUPPLY: free slots of open placements (never suppressed).' }) openSlots!: number | null;
  @Field(() => Int, { nullable: true, description: 'PLACEMENT_SUPPLY: open placements with those slots.' }) openPlacements!: number | null;
  @Field(() => Int, { nullable: true, description: 'PLACEMENT_SUPPLY: participants waiting for a placement.' }) participantsWaiting!: number | null;
  @Field(() => Boolean, { description: 'True when the figures are withheld to protect small numbers (below 5, or derivable from other rows).' }) suppressed!: boolean;
}

@ObjectType({ description: 'A KPI report for a period, computed as of its cut-off.' })
export class KpiReport {
  @Field(() => KpiName) kpi!: KpiName;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'What is counted, how, and the rules every report follows.' }) definition!: string;
  @Field(() => String) definitionsVersion!: string;
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => OutcomeMeasure, { nullable: true }) measuredAt!: OutcomeMeasure | null;
  @Field(() => Date, { description: 'The cut-off: nothing recorded after it counts.' }) asOf!: Date;
  @Field(() => Boolean, { description: 'The cut-off has passed: these figures will not change.' }) final!: boolean;
  @Field(() => [KpiDimension], { description: 'The grouping used (the scope’s dimension included).' }) groupBy!: KpiDimension[];
  @Field(() => [KpiRow]) rows!: KpiRow[];
  @Field(() => KpiRow, { description: 'Your whole scope: every organisation (admins), your unit (advisors) or your NAV office (market contacts).' }) total!: KpiRow;
  @Field(() => String, { description: 'The same report as CSV (RFC 4180; also GET /reports/<name>.csv).' }) csv!: string;
}
