import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The lost-job sweep and the pruning read relayed events and inbox rows by time. */
export class OutboxSweep1796400000000 implements MigrationInterface {
  name = 'OutboxSweep1796400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_outbox_events_relayed_at" ON "outbox_events" ("relayed_at")`);
    await q.query(`CREATE INDEX "idx_consumed_events_consumed_at" ON "consumed_events" ("consumed_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_consumed_events_consumed_at"`);
    await q.query(`DROP INDEX "public"."idx_outbox_events_relayed_at"`);
  }
}
