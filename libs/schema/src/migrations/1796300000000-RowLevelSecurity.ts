import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Defence in depth: the api serves callers as the role `praksisbro_app` (no superuser, not the tables' owner, no
 * BYPASSRLS), and row-level security on the participant data keys every row to the caller's organisation through
 * transaction-local settings the api sets per transaction (libs/database row-scope.ts). A query that forgets its
 * filter then returns nothing the caller's organisation may not see; with no settings it returns nothing at all.
 * The rules are a coarse superset of libs/access (which still decides views and fields): an advisor's own unit, the
 * units a NAV office serves, the participants a teacher follows, and an employer's proposed candidates.
 * The worker and the command-line scripts connect as the owner and are not subject to these policies.
 */
export const APP_ROLE = 'praksisbro_app';

/** Tables whose rows belong to one participant (by participant_id). */
const PARTICIPANT_CHILDREN = ['consents', 'language_assessments', 'participant_teachers'];
/** Tables whose rows belong to one proposal (by proposal_id). */
const PROPOSAL_CHILDREN = ['proposal_transitions', 'evaluations', 'follow_ups'];

export class RowLevelSecurity1796300000000 implements MigrationInterface {
  name = 'RowLevelSecurity1796300000000';

  public async up(q: QueryRunner): Promise<void> {
    // Roles are per cluster: several databases (and concurrent test runs) share it.
    await q.query(`DO $$ BEGIN
      CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    // The migrating login switches to the role at connection start (-c role=…); a superuser needs no membership.
    await q.query(`DO $$ BEGIN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user); END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    // Readiness reads which migrations ran; only the owner may record them.
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON TABLE migrations FROM ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    // Tables and sequences later migrations create are granted too.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);

    // The caller, as the api set it for this transaction; '' or unset means "nobody".
    await q.query(`CREATE FUNCTION praksisbro_rls_system() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('praksisbro.system', true), '') = 'on' $$`);
    await q.query(`CREATE FUNCTION praksisbro_rls_role() RETURNS text LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('praksisbro.role', true), '') $$`);
    for (const name of ['org_id', 'user_id', 'employer_id']) {
      await q.query(`CREATE FUNCTION praksisbro_rls_${name}() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('praksisbro.${name}', true), '')::uuid $$`);
    }
    // Look-ups the policies need in tables that carry policies themselves: SECURITY DEFINER (the owner is not
    // subject to them), so policies never recurse into each other.
    const definer = `LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp`;
    await q.query(`CREATE FUNCTION praksisbro_rls_followed_by_teacher(participant uuid) RETURNS boolean ${definer} AS $$
      SELECT EXISTS (SELECT 1 FROM participant_teachers t WHERE t.participant_id = participant AND t.teacher_id = praksisbro_rls_user_id()) $$`);
    await q.query(`CREATE FUNCTION praksisbro_rls_proposed_to_employer(participant uuid) RETURNS boolean ${definer} AS $$
      SELECT EXISTS (SELECT 1 FROM proposals pr WHERE pr.participant_id = participant AND pr.employer_id = praksisbro_rls_employer_id() AND pr.proposed_at IS NOT NULL) $$`);
    // The rule for one participant row, inlined in the participants policy (where the caller's own filters can use
    // the indexes alongside it).
    const participantRule = (alias: string) => `(
      praksisbro_rls_system()
      OR (praksisbro_rls_role() = 'ADVISOR' AND ${alias}.organisation_id = praksisbro_rls_org_id())
      OR (praksisbro_rls_role() = 'MARKET_CONTACT' AND ${alias}.organisation_id IN (SELECT o.id FROM organisations o WHERE o.nav_office_id = praksisbro_rls_org_id()))
      OR (praksisbro_rls_role() = 'TEACHER' AND praksisbro_rls_followed_by_teacher(${alias}.id))
      OR (praksisbro_rls_role() = 'EMPLOYER' AND praksisbro_rls_proposed_to_employer(${alias}.id)))`;
    // The same rule by participant id, for the tables hanging off participants and proposals: evaluated per row, so
    // PL/pgSQL (plans cached per connection, only the caller's branch runs): about half the cost of the SQL form.
    const plpgsql = `LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp`;
    await q.query(`CREATE FUNCTION praksisbro_rls_participant_visible(participant uuid) RETURNS boolean ${plpgsql} AS $$
      DECLARE
        caller_role text := praksisbro_rls_role();
      BEGIN
        IF praksisbro_rls_system() THEN RETURN true; END IF;
        CASE caller_role
          WHEN 'ADVISOR' THEN
            RETURN EXISTS (SELECT 1 FROM participants p WHERE p.id = participant AND p.organisation_id = praksisbro_rls_org_id());
          WHEN 'MARKET_CONTACT' THEN
            RETURN EXISTS (SELECT 1 FROM participants p JOIN organisations unit ON unit.id = p.organisation_id
                            WHERE p.id = participant AND unit.nav_office_id = praksisbro_rls_org_id());
          WHEN 'TEACHER' THEN RETURN praksisbro_rls_followed_by_teacher(participant);
          WHEN 'EMPLOYER' THEN RETURN praksisbro_rls_proposed_to_employer(participant);
          ELSE RETURN false;
        END CASE;
      END $$`);
    await q.query(`CREATE FUNCTION praksisbro_rls_proposal_visible(proposal uuid) RETURNS boolean ${plpgsql} AS $$
      DECLARE
        caller_role text := praksisbro_rls_role();
      BEGIN
        IF praksisbro_rls_system() THEN RETURN true; END IF;
        IF caller_role = 'EMPLOYER' THEN
          RETURN EXISTS (SELECT 1 FROM proposals pr WHERE pr.id = proposal AND pr.employer_id = praksisbro_rls_employer_id() AND pr.proposed_at IS NOT NULL);
        END IF;
        IF caller_role = '' THEN RETURN false; END IF;
        RETURN coalesce(praksisbro_rls_participant_visible((SELECT pr.participant_id FROM proposals pr WHERE pr.id = proposal)), false);
      END $$`);
    const proposalRule = (alias: string) => `(
      praksisbro_rls_system()
      OR (praksisbro_rls_role() = 'EMPLOYER' AND ${alias}.employer_id = praksisbro_rls_employer_id() AND ${alias}.proposed_at IS NOT NULL)
      OR (praksisbro_rls_role() NOT IN ('', 'EMPLOYER') AND praksisbro_rls_participant_visible(${alias}.participant_id)))`;

    // FOR ALL with USING only: the same rule checks rows read, changed, and written (WITH CHECK defaults to it).
    const protect = async (table: string, rule: string) => {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY caller_scope ON ${table} FOR ALL TO ${APP_ROLE} USING (${rule})`);
    };
    await protect('participants', participantRule('participants'));
    await protect('search_participants', participantRule('search_participants'));
    for (const table of PARTICIPANT_CHILDREN) await protect(table, `praksisbro_rls_participant_visible(participant_id)`);
    await protect('proposals', proposalRule('proposals'));
    for (const table of PROPOSAL_CHILDREN) await protect(table, `praksisbro_rls_proposal_visible(proposal_id)`);
    // Notifications: each user reads and marks their own; any identified caller may notify others (e.g. an advisor
    // asking the market contacts for a placement writes their in-app messages).
    const ownNotification = `praksisbro_rls_system() OR recipient_id = praksisbro_rls_user_id()`;
    await q.query(`ALTER TABLE notifications ENABLE ROW LEVEL SECURITY`);
    for (const [name, command] of [['caller_scope', 'SELECT'], ['caller_marks_own', 'UPDATE'], ['caller_deletes_own', 'DELETE']]) {
      await q.query(`CREATE POLICY ${name} ON notifications FOR ${command} TO ${APP_ROLE} USING (${ownNotification})`);
    }
    await q.query(`CREATE POLICY caller_sends ON notifications FOR INSERT TO ${APP_ROLE} WITH CHECK (praksisbro_rls_system() OR praksisbro_rls_role() <> '')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const policy of ['caller_sends', 'caller_deletes_own', 'caller_marks_own']) await q.query(`DROP POLICY ${policy} ON notifications`);
    for (const table of ['notifications', ...PROPOSAL_CHILDREN, 'proposals', ...PARTICIPANT_CHILDREN, 'search_participants', 'participants']) {
      await q.query(`DROP POLICY caller_scope ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    for (const fn of ['proposal_visible(uuid)', 'participant_visible(uuid)', 'proposed_to_employer(uuid)', 'followed_by_teacher(uuid)', 'employer_id()', 'user_id()', 'org_id()', 'role()', 'system()']) {
      await q.query(`DROP FUNCTION praksisbro_rls_${fn}`);
    }
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
