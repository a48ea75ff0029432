import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Proposals (the slots matching must respect), allocation runs, and the index the matching feed reads the outbox by. */
export class Matching1795500000000 implements MigrationInterface {
  name = 'Matching1795500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."proposal_status" AS ENUM('SUGGESTED', 'PROPOSED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'DECLINED_BY_PARTICIPANT', 'AGREED', 'STARTED', 'COMPLETED', 'ENDED_EARLY', 'CONVERTED', 'HIRED')`);
    await q.query(`CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "participant_id" uuid NOT NULL, "placement_id" uuid NOT NULL, "status" "public"."proposal_status" NOT NULL DEFAULT 'SUGGESTED', "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_proposals" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_proposals_participant_id" ON "proposals" ("participant_id")`);
    await q.query(`CREATE INDEX "idx_proposals_placement_id_status" ON "proposals" ("placement_id", "status")`);
    await q.query(`CREATE INDEX "idx_proposals_created_by_id" ON "proposals" ("created_by_id")`);
    await q.query(`ALTER TABLE "proposals" ADD CONSTRAINT "fk_proposals_participant" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE`);
    await q.query(`ALTER TABLE "proposals" ADD CONSTRAINT "fk_proposals_placement" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE`);
    await q.query(`ALTER TABLE "proposals" ADD CONSTRAINT "fk_proposals_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT`);

    await q.query(`CREATE TYPE "public"."allocation_status" AS ENUM('QUEUED', 'RUNNING', 'DONE', 'FAILED')`);
    await q.query(`CREATE TABLE "allocation_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requested_by_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "status" "public"."allocation_status" NOT NULL DEFAULT 'QUEUED', "scope" jsonb NOT NULL, "participant_count" integer NOT NULL DEFAULT 0, "slot_count" integer NOT NULL DEFAULT 0, "eligible_pairs" integer NOT NULL DEFAULT 0, "total_score" double precision, "greedy_total_score" double precision, "greedy_assigned" integer, "solve_ms" integer, "suggestions" jsonb NOT NULL DEFAULT '[]', "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_allocation_runs" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_allocation_runs_requested_by_id" ON "allocation_runs" ("requested_by_id")`);
    await q.query(`CREATE INDEX "idx_allocation_runs_organisation_id" ON "allocation_runs" ("organisation_id")`);
    await q.query(`ALTER TABLE "allocation_runs" ADD CONSTRAINT "fk_allocation_runs_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "allocation_runs" ADD CONSTRAINT "fk_allocation_runs_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT`);

    // Each api replica follows relayed events in (relayed_at, id) order to keep its matching index fresh.
    await q.query(`CREATE INDEX "idx_outbox_events_relayed" ON "outbox_events" ("relayed_at", "id") WHERE relayed_at IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_outbox_events_relayed"`);
    await q.query(`DROP TABLE "allocation_runs"`);
    await q.query(`DROP TYPE "public"."allocation_status"`);
    await q.query(`DROP TABLE "proposals"`);
    await q.query(`DROP TYPE "public"."proposal_status"`);
  }
}
