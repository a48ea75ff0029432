import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log of personal data: append-only, searchable by participant. */
export class AuditLog1796100000000 implements MigrationInterface {
  name = 'AuditLog1796100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" text NOT NULL, "actor_id" uuid, "actor_role" text, "organisation_id" uuid, "operation" text NOT NULL, "purpose" text NOT NULL, "view" text, "request_id" text, "participant_ids" uuid array NOT NULL, CONSTRAINT "pk_audit_log" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_audit_log_occurred_at" ON "audit_log" ("occurred_at")`);
    await q.query(`CREATE INDEX "idx_audit_log_actor_id" ON "audit_log" ("actor_id")`);
    await q.query(`CREATE INDEX "idx_audit_log_participant_ids" ON "audit_log" USING GIN ("participant_ids")`);
    // Changes are read from the event history by participant too.
    await q.query(`CREATE INDEX "idx_activity_entries_payload_participant" ON "activity_entries" ((payload->>'participantId')) WHERE payload ? 'participantId'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_activity_entries_payload_participant"`);
    await q.query(`DROP TABLE "audit_log"`);
  }
}
