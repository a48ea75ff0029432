import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The placement process: proposal details, transitions (history), follow-ups, evaluations, per-placement cadence and per-employer cap. */
export class ProposalWorkflow1795600000000 implements MigrationInterface {
  name = 'ProposalWorkflow1795600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "proposals" ADD "employer_id" uuid`);
    await q.query(`UPDATE "proposals" pr SET "employer_id" = pl."employer_id" FROM "placements" pl WHERE pl."id" = pr."placement_id"`);
    await q.query(`ALTER TABLE "proposals" ALTER COLUMN "employer_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "proposals" ADD CONSTRAINT "fk_proposals_employer" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE CASCADE`);
    await q.query(`CREATE INDEX "idx_proposals_employer_id" ON "proposals" ("employer_id")`);
    await q.query(`ALTER TABLE "proposals" ADD "note" text, ADD "reason" text, ADD "reason_note" text, ADD "proposed_at" TIMESTAMP WITH TIME ZONE, ADD "answered_at" TIMESTAMP WITH TIME ZONE, ADD "agreement" jsonb, ADD "follow_up_owner_id" uuid`);
    await q.query(`CREATE INDEX "idx_proposals_follow_up_owner_id" ON "proposals" ("follow_up_owner_id")`);
    // One live proposal per pair: a second suggestion of the same candidate for the same placement is a CONFLICT.
    await q.query(`CREATE UNIQUE INDEX "idx_proposals_active_pair" ON "proposals" ("participant_id", "placement_id") WHERE status IN ('SUGGESTED', 'PROPOSED', 'ACCEPTED', 'AGREED', 'STARTED')`);

    await q.query(`CREATE TABLE "proposal_transitions" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "proposal_id" uuid NOT NULL, "from_status" "public"."proposal_status", "to_status" "public"."proposal_status" NOT NULL, "reason" text, "reason_note" text, "actor_id" uuid, "actor_kind" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_proposal_transitions" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_proposal_transitions_proposal_id" ON "proposal_transitions" ("proposal_id")`);
    await q.query(`ALTER TABLE "proposal_transitions" ADD CONSTRAINT "fk_proposal_transitions_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE`);

    await q.query(`CREATE TYPE "public"."follow_up_status" AS ENUM('PLANNED', 'DONE', 'CANCELLED')`);
    await q.query(`CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "due_on" date NOT NULL, "kind" text NOT NULL DEFAULT 'VISIT', "status" "public"."follow_up_status" NOT NULL DEFAULT 'PLANNED', "held_on" date, "attendance" text array NOT NULL DEFAULT '{}', "notes" text, "logged_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_follow_ups" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_follow_ups_proposal_id" ON "follow_ups" ("proposal_id")`);
    await q.query(`CREATE INDEX "idx_follow_ups_due_on_status" ON "follow_ups" ("due_on", "status")`);
    await q.query(`ALTER TABLE "follow_ups" ADD CONSTRAINT "fk_follow_ups_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE`);

    await q.query(`CREATE TABLE "evaluations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "employer_id" uuid NOT NULL, "author_role" text NOT NULL, "author_id" uuid, "language_exposure" smallint NOT NULL, "tasks_fit" smallint NOT NULL, "would_host_again" boolean NOT NULL, "comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_evaluations" PRIMARY KEY ("id"), CONSTRAINT "chk_evaluations_scale" CHECK ("language_exposure" BETWEEN 1 AND 5 AND "tasks_fit" BETWEEN 1 AND 5))`);
    await q.query(`CREATE UNIQUE INDEX "idx_evaluations_proposal_id_author_role" ON "evaluations" ("proposal_id", "author_role")`);
    await q.query(`CREATE INDEX "idx_evaluations_employer_id" ON "evaluations" ("employer_id")`);
    await q.query(`ALTER TABLE "evaluations" ADD CONSTRAINT "fk_evaluations_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE`);

    await q.query(`ALTER TABLE "placements" ADD "follow_up_cadence" jsonb`);
    await q.query(`ALTER TABLE "employers" ADD "monthly_proposal_cap" integer`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "employers" DROP COLUMN "monthly_proposal_cap"`);
    await q.query(`ALTER TABLE "placements" DROP COLUMN "follow_up_cadence"`);
    await q.query(`DROP TABLE "evaluations"`);
    await q.query(`DROP TABLE "follow_ups"`);
    await q.query(`DROP TYPE "public"."follow_up_status"`);
    await q.query(`DROP TABLE "proposal_transitions"`);
    await q.query(`DROP INDEX "public"."idx_proposals_active_pair"`);
    await q.query(`ALTER TABLE "proposals" DROP COLUMN "follow_up_owner_id", DROP COLUMN "agreement", DROP COLUMN "answered_at", DROP COLUMN "proposed_at", DROP COLUMN "reason_note", DROP COLUMN "reason", DROP COLUMN "note", DROP COLUMN "employer_id"`);
  }
}
