import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insights (KPIs): participant outcomes (append-only), and the history reports read "as of" a cut-off.
 *
 * Participants and placements are updated in place and their events carry field names only, so the
 * attributes reports group and filter by are versioned here by triggers, in the same transaction as
 * the change, whichever code path makes it. Existing rows get one version dated at their creation.
 */
const PARTICIPANT_COLUMNS = ['organisation_id', 'status', 'protection_basis', 'settlement_date', 'programme_start', 'programme_end', 'part_time', 'final_goal', 'sectors_of_interest', 'reachable_areas'];
const PLACEMENT_COLUMNS = ['status', 'type', 'capacity', 'sector', 'area_code', 'employer_id'];

const list = (cols: string[], prefix = '') => cols.map((c) => `${prefix}"${c}"`).join(', ');

export class Insights1796000000000 implements MigrationInterface {
  name = 'Insights1796000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."outcome_measure" AS ENUM('EXIT', 'ONE_YEAR_AFTER')`);
    await q.query(`CREATE TYPE "public"."outcome_category" AS ENUM('WORK', 'SUBSIDISED_WORK', 'EDUCATION', 'PRIMARY_SCHOOL', 'NAV_MEASURE', 'OTHER', 'NOT_REGISTERED')`);
    await q.query(
      `CREATE TABLE "participant_outcomes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "measured_at" "public"."outcome_measure" NOT NULL, "category" "public"."outcome_category" NOT NULL, "recorded_on" date NOT NULL, "exit_date" date NOT NULL, "organisation_id" uuid NOT NULL, "protection_basis" "public"."protection_basis" NOT NULL, "final_goal" "public"."final_goal" NOT NULL, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_participant_outcomes" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_participant_outcomes_participant_measured_created" ON "participant_outcomes" ("participant_id", "measured_at", "created_at")`);
    await q.query(`CREATE INDEX "idx_participant_outcomes_exit_date" ON "participant_outcomes" ("exit_date")`);
    await q.query(`CREATE INDEX "idx_participant_outcomes_organisation_id" ON "participant_outcomes" ("organisation_id")`);
    await q.query(`CREATE INDEX "idx_participant_outcomes_recorded_by_id" ON "participant_outcomes" ("recorded_by_id")`);
    // Erasure of a participant removes their outcomes too; reproducibility never outranks it.
    await q.query(`ALTER TABLE "participant_outcomes" ADD CONSTRAINT "fk_participant_outcomes_participant" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE`);
    await q.query(`ALTER TABLE "participant_outcomes" ADD CONSTRAINT "fk_participant_outcomes_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "participant_outcomes" ADD CONSTRAINT "fk_participant_outcomes_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT`);
    // A correction is a new row. Only a session that says so (a test scripting a timeline, a data repair) may rewrite one.
    await q.query(`CREATE FUNCTION "participant_outcomes_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('praksisbro.rewrite_history', true) IS DISTINCT FROM 'on' THEN
          RAISE EXCEPTION 'participant_outcomes is append-only: record a correction as a new outcome' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "trg_participant_outcomes_append_only" BEFORE UPDATE ON "participant_outcomes" FOR EACH ROW EXECUTE FUNCTION "participant_outcomes_append_only"()`);

    await q.query(
      `CREATE TABLE "participant_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "participant_id" uuid NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "status" "public"."participant_status" NOT NULL, "protection_basis" "public"."protection_basis" NOT NULL, "settlement_date" date NOT NULL, "programme_start" date, "programme_end" date, "part_time" boolean NOT NULL, "final_goal" "public"."final_goal" NOT NULL, "sectors_of_interest" text array NOT NULL DEFAULT '{}', "reachable_areas" text array NOT NULL DEFAULT '{}', CONSTRAINT "pk_participant_history" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_participant_history_participant_valid_from" ON "participant_history" ("participant_id", "valid_from")`);
    await q.query(`ALTER TABLE "participant_history" ADD CONSTRAINT "fk_participant_history_participant" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE`);
    await q.query(`CREATE FUNCTION "record_participant_history"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "participant_history" ("participant_id", ${list(PARTICIPANT_COLUMNS)}) VALUES (NEW."id", ${list(PARTICIPANT_COLUMNS, 'NEW.')});
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "trg_participants_history_insert" AFTER INSERT ON "participants" FOR EACH ROW EXECUTE FUNCTION "record_participant_history"()`);
    await q.query(
      `CREATE TRIGGER "trg_participants_history_update" AFTER UPDATE ON "participants" FOR EACH ROW WHEN ((${list(PARTICIPANT_COLUMNS, 'OLD.')}) IS DISTINCT FROM (${list(PARTICIPANT_COLUMNS, 'NEW.')})) EXECUTE FUNCTION "record_participant_history"()`,
    );
    await q.query(`INSERT INTO "participant_history" ("participant_id", "valid_from", ${list(PARTICIPANT_COLUMNS)}) SELECT "id", "created_at", ${list(PARTICIPANT_COLUMNS)} FROM "participants"`);

    await q.query(
      `CREATE TABLE "placement_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "placement_id" uuid NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status" "public"."placement_status" NOT NULL, "type" "public"."placement_type" NOT NULL, "capacity" integer NOT NULL, "sector" text NOT NULL, "area_code" text NOT NULL, "employer_id" uuid NOT NULL, CONSTRAINT "pk_placement_history" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_placement_history_placement_valid_from" ON "placement_history" ("placement_id", "valid_from")`);
    await q.query(`ALTER TABLE "placement_history" ADD CONSTRAINT "fk_placement_history_placement" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE`);
    await q.query(`CREATE FUNCTION "record_placement_history"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "placement_history" ("placement_id", ${list(PLACEMENT_COLUMNS)}) VALUES (NEW."id", ${list(PLACEMENT_COLUMNS, 'NEW.')});
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "trg_placements_history_insert" AFTER INSERT ON "placements" FOR EACH ROW EXECUTE FUNCTION "record_placement_history"()`);
    await q.query(
      `CREATE TRIGGER "trg_placements_history_update" AFTER UPDATE ON "placements" FOR EACH ROW WHEN ((${list(PLACEMENT_COLUMNS, 'OLD.')}) IS DISTINCT FROM (${list(PLACEMENT_COLUMNS, 'NEW.')})) EXECUTE FUNCTION "record_placement_history"()`,
    );
    await q.query(`INSERT INTO "placement_history" ("placement_id", "valid_from", ${list(PLACEMENT_COLUMNS)}) SELECT "id", "created_at", ${list(PLACEMENT_COLUMNS)} FROM "placements"`);
    // Reports look up transitions by status and time.
    await q.query(`CREATE INDEX "idx_proposal_transitions_to_status_occurred_at" ON "proposal_transitions" ("to_status", "occurred_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_proposal_transitions_to_status_occurred_at"`);
    await q.query(`DROP TRIGGER "trg_placements_history_update" ON "placements"`);
    await q.query(`DROP TRIGGER "trg_placements_history_insert" ON "placements"`);
    await q.query(`DROP FUNCTION "record_placement_history"()`);
    await q.query(`DROP TABLE "placement_history"`);
    await q.query(`DROP TRIGGER "trg_participants_history_update" ON "participants"`);
    await q.query(`DROP TRIGGER "trg_participants_history_insert" ON "participants"`);
    await q.query(`DROP FUNCTION "record_participant_history"()`);
    await q.query(`DROP TABLE "participant_history"`);
    await q.query(`DROP TABLE "participant_outcomes"`);
    await q.query(`DROP FUNCTION "participant_outcomes_append_only"()`);
    await q.query(`DROP TYPE "public"."outcome_category"`);
    await q.query(`DROP TYPE "public"."outcome_measure"`);
  }
}
