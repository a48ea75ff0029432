import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Erasure by anonymisation keeps the row for statistics and marks when it happened. */
export class Anonymisation1796200000000 implements MigrationInterface {
  name = 'Anonymisation1796200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "participants" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE INDEX "idx_participants_retention" ON "participants" ("programme_end") WHERE anonymised_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_participants_retention"`);
    await q.query(`ALTER TABLE "participants" DROP COLUMN "anonymised_at"`);
  }
}
