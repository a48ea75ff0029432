import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use links employers answer proposals through, without an account. */
export class EmployerAnswerLinks1795800000000 implements MigrationInterface {
  name = 'EmployerAnswerLinks1795800000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "employer_answer_links" ("jti" uuid NOT NULL, "proposal_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "employer_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_employer_answer_links" PRIMARY KEY ("jti"))`);
    await q.query(`CREATE INDEX "idx_employer_answer_links_proposal_id" ON "employer_answer_links" ("proposal_id")`);
    await q.query(`CREATE INDEX "idx_employer_answer_links_contact_id" ON "employer_answer_links" ("contact_id")`);
    await q.query(`CREATE INDEX "idx_employer_answer_links_employer_id" ON "employer_answer_links" ("employer_id")`);
    await q.query(`ALTER TABLE "employer_answer_links" ADD CONSTRAINT "fk_employer_answer_links_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE`);
    await q.query(`ALTER TABLE "employer_answer_links" ADD CONSTRAINT "fk_employer_answer_links_contact" FOREIGN KEY ("contact_id") REFERENCES "employer_contacts"("id") ON DELETE CASCADE`);
    await q.query(`ALTER TABLE "employer_answer_links" ADD CONSTRAINT "fk_employer_answer_links_employer" FOREIGN KEY ("employer_id") REFERENCES "employers"("id") ON DELETE CASCADE`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "employer_answer_links"`);
  }
}
