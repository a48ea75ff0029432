import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL search index (libs/search): its own tables, filled from domain events, never views over the
 * source tables, so drift is possible and `npm run reconcile` can find and repair it. No foreign keys to the source
 * on purpose: the index may briefly hold documents whose source is gone until the next event or reconciliation.
 */
export class SearchIndex1795400000000 implements MigrationInterface {
  name = 'SearchIndex1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Trigram similarity powers typo tolerance; trusted extension, shipped with Debian's postgresql package.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Placements are split in two: a narrow row of facet, visibility and sort columns, which filter-and-facet
    // scans read in full, and the full-text document, read through its GIN index and for ranking only.
    await queryRunner.query(`CREATE TABLE "search_placements" (
      "id" uuid NOT NULL,
      "type" text NOT NULL,
      "sector" text NOT NULL,
      "area_code" text NOT NULL,
      "required_oral" text NOT NULL,
      "status" text NOT NULL,
      "employer_id" uuid NOT NULL,
      "owner_organisation_id" uuid NOT NULL,
      "start_date" date NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "version" bigint NOT NULL,
      "indexed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_search_placements" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_search_placements_employer_id" ON "search_placements" ("employer_id")`);
    await queryRunner.query(`CREATE INDEX "idx_search_placements_owner_organisation_id" ON "search_placements" ("owner_organisation_id")`);
    await queryRunner.query(`CREATE INDEX "idx_search_placements_status" ON "search_placements" ("status")`);
    await queryRunner.query(`CREATE TABLE "search_placement_documents" (
      "id" uuid NOT NULL,
      "document" tsvector NOT NULL,
      CONSTRAINT "PK_search_placement_documents" PRIMARY KEY ("id"),
      CONSTRAINT "FK_search_placement_documents_id" FOREIGN KEY ("id") REFERENCES "search_placements"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE INDEX "idx_search_placement_documents_document" ON "search_placement_documents" USING gin ("document")`);

    // Words of placement texts, for correcting misspelt query words ("barnehgae" → "barnehage"); GiST serves
    // nearest-by-trigram lookups (ORDER BY term <-> word), which need no similarity threshold.
    await queryRunner.query(`CREATE TABLE "search_placement_terms" ("term" text NOT NULL, CONSTRAINT "PK_search_placement_terms" PRIMARY KEY ("term"))`);
    await queryRunner.query(`CREATE INDEX "idx_search_placement_terms_trgm" ON "search_placement_terms" USING gist ("term" gist_trgm_ops)`);

    await queryRunner.query(`CREATE TABLE "search_participants" (
      "id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "status" text NOT NULL,
      "final_goal" text NOT NULL,
      "oral_level" text NOT NULL,
      "reachable_areas" text[] NOT NULL,
      "terms" text[] NOT NULL,
      "document" tsvector NOT NULL,
      "version" bigint NOT NULL,
      "indexed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_search_participants" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_search_participants_organisation_id" ON "search_participants" ("organisation_id")`);
    await queryRunner.query(`CREATE INDEX "idx_search_participants_document" ON "search_participants" USING gin ("document")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "search_participants"`);
    await queryRunner.query(`DROP TABLE "search_placement_terms"`);
    await queryRunner.query(`DROP TABLE "search_placement_documents"`);
    await queryRunner.query(`DROP TABLE "search_placements"`);
  }
}
