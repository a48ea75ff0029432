import { Injectable } from '@nestjs/common';
import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AccessPolicy, type Actor } from '#lib/access';
import { isoDate, parseInput, ValidationError } from '#lib/core';
import { CurrentActor } from '#lib/gql';
import { RuleCode } from '../domain/rules.js';
import { ReminderRuleEntity } from '../persistence/reminder.entities.js';

const PARAM_NAMES = ['leadDays', 'escalateAfterDays', 'months', 'firstAfterMonths', 'everyMonths', 'hoursFullTime', 'hoursPartTime', 'days', 'threshold'] as const;

/** One class for both directions: the same numbers are read back (ReminderRuleParams) and written (…Input). */
@InputType('ReminderRuleParamsInput')
@ObjectType('ReminderRuleParams', { description: 'Numbers a rule reads; which ones depends on the rule.' })
export class ReminderRuleParams {
  @Field(() => Int, { nullable: true }) leadDays?: number;
  @Field(() => Int, { nullable: true }) escalateAfterDays?: number;
  @Field(() => Int, { nullable: true }) months?: number;
  @Field(() => Int, { nullable: true }) firstAfterMonths?: number;
  @Field(() => Int, { nullable: true }) everyMonths?: number;
  @Field(() => Int, { nullable: true }) hoursFullTime?: number;
  @Field(() => Int, { nullable: true }) hoursPartTime?: number;
  @Field(() => Int, { nullable: true }) days?: number;
  @Field(() => Int, { nullable: true }) threshold?: number;
}

@ObjectType({ description: 'A version of a reminder rule: national (organisationId null) or an organisation’s own, valid for a period.' })
export class ReminderRule {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => ID, { nullable: true }) organisationId!: string | null;
  @Field(() => String) validFrom!: string;
  @Field(() => String, { nullable: true }) validTo!: string | null;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => ReminderRuleParams) params!: ReminderRuleParams;
}

@InputType()
export class ReminderRuleInput {
  @Field(() => String) code!: string;
  @Field(() => ID, { nullable: true }) organisationId?: string | null;
  @Field(() => String) validFrom!: string;
  @Field(() => String, { nullable: true }) validTo?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean;
  @Field(() => ReminderRuleParams) params!: ReminderRuleParams;
}

const paramNumber = z.number().int().min(0).max(3650);
const ruleSchema = z
  .object({
    code: z.enum(RuleCode),
    organisationId: z.uuid().nullish(),
    validFrom: isoDate,
    validTo: isoDate.nullish(),
    enabled: z.boolean().default(true),
    params: z
      .object(Object.fromEntries(PARAM_NAMES.map((k) => [k, paramNumber.nullish()])) as Record<(typeof PARAM_NAMES)[number], z.ZodOptional<z.ZodNullable<typeof paramNumber>>>)
      .strict()
      // GraphQL sends unset fields as null: store only the numbers given.
      .transform((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined)) as Record<string, number>),
  })
  .refine((r) => !r.validTo || r.validTo >= r.validFrom, { path: ['validTo'], message: 'must not be before validFrom' });

@Injectable()
export class ReminderRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async list(actor: Actor): Promise<ReminderRuleEntity[]> {
    this.policy.assertAdmin(actor);
    return this.dataSource.getRepository(ReminderRuleEntity).find({ order: { code: 'ASC', validFrom: 'ASC' } });
  }

  /** Adds (or replaces, for the same code, organisation and start date) a rule version: history is kept, never edited in place. */
  async set(actor: Actor, input: ReminderRuleInput): Promise<ReminderRuleEntity> {
    this.policy.assertAdmin(actor);
    const data = parseInput(ruleSchema, input);
    if (data.organisationId) {
      const found = (await this.dataSource.query('SELECT 1 FROM organisations WHERE id = $1', [data.organisationId])) as unknown[];
      if (found.length === 0) throw ValidationError.field('input.organisationId', 'is not an organisation');
    }
    const rows = (await this.dataSource.query(
      `INSERT INTO reminder_rules (code, organisation_id, valid_from, valid_to, enabled, params) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code, organisation_id, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to, enabled = EXCLUDED.enabled, params = EXCLUDED.params
       RETURNING id`,
      [data.code, data.organisationId ?? null, data.validFrom, data.validTo ?? null, data.enabled, JSON.stringify(data.params)],
    )) as Array<{ id: string }>;
    return this.dataSource.getRepository(ReminderRuleEntity).findOneByOrFail({ id: rows[0]!.id });
  }
}

@Resolver(() => ReminderRule)
export class ReminderRulesResolver {
  constructor(private readonly service: ReminderRulesService) {}

  @Query(() => [ReminderRule], { description: 'Every reminder rule version (admins).' })
  reminderRules(@CurrentActor() actor: Actor) {
    return this.service.list(actor);
  }

  @Mutation(() => ReminderRule, { description: 'Add a rule version, nationally or for one organisation, from a date (admins).' })
  setReminderRule(@CurrentActor() actor: Actor, @Args('input', { type: () => ReminderRuleInput }) input: ReminderRuleInput) {
    return this.service.set(actor, input);
  }
}
