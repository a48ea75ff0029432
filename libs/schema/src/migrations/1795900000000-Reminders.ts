import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminder rules as data (seeded with the national defaults) and the fired-once ledger. */
export class Reminders1795900000000 implements MigrationInterface {
  name = 'Reminders1795900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "reminder_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "organisation_id" uuid, "valid_from" date NOT NULL, "valid_to" date, "enabled" boolean NOT NULL DEFAULT true, "params" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_reminder_rules" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "idx_reminder_rules_code_organisation_id_valid_from" ON "reminder_rules" ("code", "organisation_id", "valid_from") NULLS NOT DISTINCT`);
    await q.query(`ALTER TABLE "reminder_rules" ADD CONSTRAINT "fk_reminder_rules_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE`);
    await q.query(`CREATE TABLE "reminders_fired" ("rule_code" text NOT NULL, "subject_id" uuid NOT NULL, "due_on" date NOT NULL, "level" smallint NOT NULL, "recipients" uuid array NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_reminders_fired" PRIMARY KEY ("rule_code", "subject_id", "due_on", "level"))`);
    await q.query(`CREATE INDEX "idx_reminders_fired_fired_at" ON "reminders_fired" ("fired_at")`);
    // The national defaults as they stood when this migration was written (a migration never changes afterwards).
    const defaults: Array<[string, Record<string, number>]> = [
      ['PROGRAMME_START_DEADLINE', { months: 3, leadDays: 14, escalateAfterDays: 14 }],
      ['WEEKLY_HOURS_RULE', { firstAfterMonths: 3, hoursFullTime: 15, hoursPartTime: 10, escalateAfterDays: 14 }],
      ['THREE_WAY_MEETING', { firstAfterMonths: 3, everyMonths: 6, leadDays: 14, escalateAfterDays: 21 }],
      ['PLAN_REVIEW', { everyMonths: 6, leadDays: 14, escalateAfterDays: 21 }],
      ['NAV_TRANSITION_DIALOGUE', { months: 3, leadDays: 14, escalateAfterDays: 14 }],
      ['PRAKSIS_ENDING', { leadDays: 14, escalateAfterDays: 7 }],
      ['EMPLOYER_ANSWER_OVERDUE', { days: 5, escalateAfterDays: 5 }],
      ['FOLLOW_UP_DUE', { leadDays: 2, escalateAfterDays: 7 }],
      ['CASELOAD_HIGH', { threshold: 40, escalateAfterDays: 30 }],
    ];
    for (const [code, params] of defaults) {
      await q.query(`INSERT INTO "reminder_rules" ("code", "organisation_id", "valid_from", "enabled", "params") VALUES ($1, NULL, '2021-01-01', true, $2)`, [code, JSON.stringify(params)]);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "reminders_fired"`);
    await q.query(`DROP TABLE "reminder_rules"`);
  }
}
