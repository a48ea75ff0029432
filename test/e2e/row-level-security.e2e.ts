import pg from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '#lib/access';
import { acrossOrganisations, applyRowScopes, postgresOptions, type RowScope, RowScopeHolder, RowScopes } from '#lib/database';
import { ENTITIES, MIGRATIONS } from '#lib/schema';
import { ConsentEntity, ParticipantEntity } from '#lib/participants';
import { PrivateDatabase } from '../support/private-database.js';
import { createWorld, type World } from '../support/world.js';

/**
 * Defence in depth, proven in SQL: connected as the api's database role, with the caller's settings made in the
 * transaction, a query with no WHERE clause at all returns only what the caller's organisation may see, and
 * nothing when no caller is set. Then the same through the api's data layer (TypeORM with applyRowScopes).
 */
const APP_ROLE = 'praksisbro_app';
/** Tables that hold personal data about participants but carry no row policy, and why. */
const UNPROTECTED_BY_DESIGN: Record<string, string> = {
  participant_history: 'statistics snapshots (no names or free text), read for KPIs across organisations with small counts suppressed',
  participant_outcomes: 'statistics (no names or free text), read for KPIs across organisations with small counts suppressed',
  audit_log: 'read by administrators only (libs/audit checks the role); every caller appends to it',
  employer_answer_links: 'reached by a signed single-use token before any caller is known; holds ids only',
};

describe('row-level security', () => {
  let db: PrivateDatabase;
  let world: World;
  let app: pg.Client;
  const ids = {} as Record<'pA1' | 'pA2' | 'pB1' | 'placement' | 'prA1' | 'prA2' | 'prB1', string>;

  const scopes = (): Record<string, RowScope> => ({
    advisorA: { kind: 'caller', role: Role.ADVISOR, organisationId: world.unitA, userId: world.users.advisorA, employerId: null },
    advisorB: { kind: 'caller', role: Role.ADVISOR, organisationId: world.unitB, userId: world.users.advisorB, employerId: null },
    marketA: { kind: 'caller', role: Role.MARKET_CONTACT, organisationId: world.navA, userId: world.users.marketA, employerId: null },
    teacherA: { kind: 'caller', role: Role.TEACHER, organisationId: world.unitA, userId: world.users.teacherA, employerId: null },
    employer1: { kind: 'caller', role: Role.EMPLOYER, organisationId: world.employerOrg1, userId: world.users.employer1, employerId: world.employer1 },
    employer2: { kind: 'caller', role: Role.EMPLOYER, organisationId: world.employerOrg2, userId: world.users.employer2, employerId: world.employer2 },
    admin: { kind: 'caller', role: Role.ADMIN, organisationId: world.navA, userId: world.users.admin, employerId: null },
  });

  /** Runs `sql` as the application role in one transaction with the caller's settings, as the api does. */
  async function as(who: { role: string; org?: string | null; user?: string | null; employer?: string | null } | null, sql: string, params: unknown[] = []) {
    await app.query('BEGIN');
    try {
      if (who) {
        await app.query(`SELECT set_config('praksisbro.role', $1, true), set_config('praksisbro.org_id', $2, true), set_config('praksisbro.user_id', $3, true), set_config('praksisbro.employer_id', $4, true)`, [
          who.role,
          who.org ?? '',
          who.user ?? '',
          who.employer ?? '',
        ]);
      }
      return await app.query(sql, params);
    } finally {
      await app.query('ROLLBACK').catch(() => undefined);
    }
  }
  const idsAs = async (who: Parameters<typeof as>[0], table: string, column = 'id') => ((await as(who, `SELECT ${column} AS id FROM ${table}`)).rows as Array<{ id: string }>).map((r) => r.id).sort();
  const caller = (name: string) => {
    const s = scopes()[name] as Extract<RowScope, { kind: 'caller' }>;
    return { role: s.role, org: s.organisationId, user: s.userId, employer: s.employerId };
  };

  beforeAll(async () => {
    db = await PrivateDatabase.open('rls');
    const ds = db.dataSource;
    world = await createWorld(ds);
    const one = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ id: string }>)[0]!.id;
    const participant = (org: string, advisor: string, name: string) =>
      one(`INSERT INTO participants (organisation_id, advisor_id, first_name, last_name, birth_year, protection_basis, settlement_date, created_by_id) VALUES ($1,$2,$3,'Hemmelig',1990,'REFUGEE','2025-01-01',$2) RETURNING id`, [org, advisor, name]);
    ids.pA1 = await participant(world.unitA, world.users.advisorA, 'Amal');
    ids.pA2 = await participant(world.unitA, world.users.advisorA, 'Bashir');
    ids.pB1 = await participant(world.unitB, world.users.advisorB, 'Chiara');
    await ds.query(`INSERT INTO participant_teachers (participant_id, teacher_id) VALUES ($1,$2)`, [ids.pA1, world.users.teacherA]);
    for (const p of [ids.pA1, ids.pA2, ids.pB1]) {
      await ds.query(`INSERT INTO consents (participant_id, scope, explained_in_language, given_on, recorded_by_id) VALUES ($1,'PROPOSE_TO_EMPLOYERS','arabisk','2026-11-01',$2)`, [p, world.users.advisorA]);
      await ds.query(`INSERT INTO language_assessments (participant_id, skill, level, source, assessed_on, recorded_by_id) VALUES ($1,'ORAL','B1','OFFICIAL_TEST','2026-10-01',$2)`, [p, world.users.advisorA]);
    }
    ids.placement = await one(
      `INSERT INTO placements (type, title, sector, occupation_code, employer_id, site_id, area_code, owner_organisation_id, posted_by_id, posted_by_kind, start_date, weekdays, hours_per_week)
       VALUES ('LANGUAGE_PRACTICE','Assistent','KINDERGARTEN','5312',$1,$2,'OSLO-ALNA',$3,$4,'MARKET_CONTACT','2026-12-07','{MON}',10) RETURNING id`,
      [world.employer1, world.site1, world.navA, world.users.marketA],
    );
    const proposal = (participant: string, proposedAt: string | null) =>
      one(`INSERT INTO proposals (participant_id, placement_id, created_by_id, employer_id, status, proposed_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`, [
        participant, ids.placement, world.users.marketA, world.employer1, proposedAt ? 'PROPOSED' : 'SUGGESTED', proposedAt,
      ]);
    ids.prA1 = await proposal(ids.pA1, '2026-11-20T10:00:00Z');
    ids.prA2 = await proposal(ids.pA2, null); // suggested only: not yet the employer's business
    ids.prB1 = await proposal(ids.pB1, '2026-11-20T10:00:00Z');
    for (const pr of [ids.prA1, ids.prA2, ids.prB1]) await ds.query(`INSERT INTO proposal_transitions (proposal_id, to_status, actor_kind) VALUES ($1,'SUGGESTED','USER')`, [pr]);
    await ds.query(`INSERT INTO follow_ups (proposal_id, due_on) VALUES ($1,'2026-12-14'), ($2,'2026-12-14')`, [ids.prA1, ids.prB1]);

    app = new pg.Client({ connectionString: db.url, options: `-c role=${APP_ROLE}` });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await db?.close();
  });

  it('connects as an ordinary role: no superuser, no BYPASSRLS, not the owner of any table', async () => {
    const { rows } = await app.query(`SELECT current_user AS who, r.rolsuper, r.rolbypassrls, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned FROM pg_roles r WHERE r.rolname = current_user`);
    expect(rows).toEqual([{ who: APP_ROLE, rolsuper: false, rolbypassrls: false, owned: 0 }]);
  });

  it('every table with participant or proposal rows has a policy, unless listed with a reason', async () => {
    const { rows } = await app.query(
      `SELECT c.relname AS name, c.relrowsecurity AS rls, EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) AS policy
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND (c.relname IN ('participants', 'proposals', 'notifications', 'search_participants')
               OR EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_name = c.relname AND k.column_name IN ('participant_id', 'participant_ids', 'proposal_id')))`,
    );
    const unprotected = (rows as Array<{ name: string; rls: boolean; policy: boolean }>).filter((r) => !(r.rls && r.policy)).map((r) => r.name).sort();
    expect(unprotected).toEqual(Object.keys(UNPROTECTED_BY_DESIGN).sort());
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  it('with no caller set, an unfiltered query returns nothing', async () => {
    for (const table of ['participants', 'consents', 'language_assessments', 'participant_teachers', 'proposals', 'proposal_transitions', 'follow_ups', 'search_participants', 'notifications']) {
      expect({ table, rows: (await as(null, `SELECT * FROM ${table}`)).rowCount }).toEqual({ table, rows: 0 });
    }
    // The owner's own connection sees them all: the rows are there.
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM participants`))[0].n).toBe(3);
  });

  it('an advisor sees only their own unit, in the table and in every table hanging off it', async () => {
    expect(await idsAs(caller('advisorA'), 'participants')).toEqual([ids.pA1, ids.pA2].sort());
    expect(await idsAs(caller('advisorB'), 'participants')).toEqual([ids.pB1]);
    expect(await idsAs(caller('advisorA'), 'consents', 'participant_id')).toEqual([ids.pA1, ids.pA2].sort());
    expect(await idsAs(caller('advisorA'), 'language_assessments', 'participant_id')).toEqual([ids.pA1, ids.pA2].sort());
    expect(await idsAs(caller('advisorA'), 'proposals')).toEqual([ids.prA1, ids.prA2].sort());
    expect(await idsAs(caller('advisorB'), 'proposal_transitions', 'proposal_id')).toEqual([ids.prB1]);
    expect(await idsAs(caller('advisorB'), 'follow_ups', 'proposal_id')).toEqual([ids.prB1]);
  });

  it('a market contact sees the units its NAV office serves; a teacher only the participants they follow', async () => {
    expect(await idsAs(caller('marketA'), 'participants')).toEqual([ids.pA1, ids.pA2].sort());
    expect(await idsAs(caller('marketA'), 'proposals')).toEqual([ids.prA1, ids.prA2].sort());
    expect(await idsAs(caller('teacherA'), 'participants')).toEqual([ids.pA1]);
    expect(await idsAs(caller('teacherA'), 'language_assessments', 'participant_id')).toEqual([ids.pA1]);
  });

  it('an employer sees only candidates proposed to it, never a suggestion, and another employer sees none', async () => {
    expect(await idsAs(caller('employer1'), 'proposals')).toEqual([ids.prA1, ids.prB1].sort());
    expect(await idsAs(caller('employer1'), 'participants')).toEqual([ids.pA1, ids.pB1].sort());
    expect(await idsAs(caller('employer1'), 'follow_ups', 'proposal_id')).toEqual([ids.prA1, ids.prB1].sort());
    for (const [table, column] of [['participants', 'id'], ['proposals', 'id'], ['consents', 'participant_id'], ['follow_ups', 'proposal_id']] as const) {
      expect({ table, ids: await idsAs(caller('employer2'), table, column) }).toEqual({ table, ids: [] });
    }
  });

  it('administrators, forged roles and organisation ids that are not uuids see nothing', async () => {
    expect(await idsAs(caller('admin'), 'participants')).toEqual([]);
    expect(await idsAs({ role: 'SUPERUSER', org: world.unitA }, 'participants')).toEqual([]);
    expect(await idsAs({ role: 'advisor', org: world.unitA }, 'participants')).toEqual([]);
    await expect(as({ role: 'ADVISOR', org: `${world.unitA}' OR true --` }, `SELECT id FROM participants`)).rejects.toThrow(/invalid input syntax for type uuid/);
  });

  it('writes are held to the same rule: an unfiltered UPDATE or DELETE touches only own rows; an INSERT elsewhere fails', async () => {
    const updated = await as(caller('advisorA'), `UPDATE participants SET family_notes = 'x'`);
    expect(updated.rowCount).toBe(2);
    const deleted = await as(caller('advisorB'), `DELETE FROM consents`);
    expect(deleted.rowCount).toBe(1);
    await expect(
      as(caller('advisorA'), `INSERT INTO participants (organisation_id, first_name, last_name, birth_year, protection_basis, settlement_date, created_by_id) VALUES ($1,'X','Y',1990,'REFUGEE','2025-01-01',$2)`, [world.unitB, world.users.advisorA]),
    ).rejects.toThrow(/row-level security/);
    await expect(as(caller('advisorA'), `UPDATE participants SET organisation_id = $1 WHERE id = $2`, [world.unitB, ids.pA1])).rejects.toThrow(/row-level security/);
    await expect(as(caller('employer1'), `UPDATE proposals SET employer_id = $1 WHERE id = $2`, [world.employer2, ids.prA1])).rejects.toThrow(/row-level security/);
  });

  it('settings live only as long as their transaction: the next one on the same connection starts with nothing', async () => {
    await app.query('BEGIN');
    await app.query(`SELECT set_config('praksisbro.role', 'ADVISOR', true), set_config('praksisbro.org_id', $1, true)`, [world.unitA]);
    expect((await app.query(`SELECT id FROM participants`)).rowCount).toBe(2);
    await app.query('COMMIT');
    expect((await app.query(`SELECT id FROM participants`)).rowCount).toBe(0);
  });

  describe('through the api’s data layer (TypeORM with applyRowScopes)', () => {
    let ds: DataSource;
    const run = <T>(scope: RowScope, fn: () => Promise<T>) => RowScopes.run(new RowScopeHolder(scope), fn);

    beforeAll(async () => {
      const options = postgresOptions(db.url, ENTITIES, MIGRATIONS);
      // One pooled connection: every scope below reuses it, so nothing may stick to it between transactions.
      ds = applyRowScopes(await new DataSource({ ...options, extra: { ...options.extra, max: 1, options: `-c role=${APP_ROLE}` } }).initialize());
    });
    afterAll(async () => {
      await ds?.destroy();
    });

    const participantIds = async () => (await ds.getRepository(ParticipantEntity).find()).map((p) => p.id).sort();

    it('a repository call that forgets its filter returns the caller’s rows only, in and out of transactions', async () => {
      expect(await run(scopes().advisorA!, participantIds)).toEqual([ids.pA1, ids.pA2].sort());
      expect(await run(scopes().advisorB!, participantIds)).toEqual([ids.pB1]);
      expect(await run(scopes().employer2!, participantIds)).toEqual([]);
      const inTransaction = await run(scopes().marketA!, () => ds.transaction(async (em) => (await em.find(ConsentEntity)).map((c) => c.participantId).sort()));
      expect(inTransaction).toEqual([ids.pA1, ids.pA2].sort());
    });

    it('a request whose caller is not yet known, or no scope at all, sees nothing; the system scope sees everyone', async () => {
      expect(await run({ kind: 'none' }, participantIds)).toEqual([]);
      expect(await participantIds()).toEqual([]);
      expect(await RowScopes.system(participantIds)).toEqual([ids.pA1, ids.pA2, ids.pB1].sort());
      // And the connection that just served the system scope carries nothing over.
      expect(await run(scopes().advisorB!, participantIds)).toEqual([ids.pB1]);
    });

    it('a scope becomes the caller mid-request, as the api does after authentication', async () => {
      const holder = new RowScopeHolder();
      const seen = await RowScopes.run(holder, async () => {
        const before = await participantIds();
        RowScopes.become(scopes().teacherA!);
        return { before, after: await participantIds() };
      });
      expect(seen).toEqual({ before: [], after: [ids.pA1] });
    });

    it('acrossOrganisations widens one step of a caller’s transaction and narrows it again; inside the system scope it stays wide', async () => {
      const count = (em: import('typeorm').EntityManager) => em.count(ParticipantEntity);
      const steps = await run(scopes().advisorB!, () =>
        ds.transaction(async (em) => ({ before: await count(em), across: await acrossOrganisations(em, () => count(em)), after: await count(em) })),
      );
      expect(steps).toEqual({ before: 1, across: 3, after: 1 });
      const system = await RowScopes.system(() => ds.transaction(async (em) => ({ across: await acrossOrganisations(em, () => count(em)), after: await count(em) })));
      expect(system).toEqual({ across: 3, after: 3 });
      // fn's own error comes out, not the aborted transaction's complaint about resetting the setting.
      await expect(run(scopes().advisorB!, () => ds.transaction((em) => acrossOrganisations(em, () => em.query(`SELECT 1/0`))))).rejects.toThrow(/division by zero/);
    });

    it('a failed statement outside a transaction leaves the pooled connection clean', async () => {
      await expect(run(scopes().advisorA!, () => ds.query(`SELECT 1/0`))).rejects.toThrow(/division by zero/);
      expect(await run(scopes().advisorB!, participantIds)).toEqual([ids.pB1]);
      const [{ state }] = await ds.query(`SELECT current_setting('praksisbro.role', true) AS state`);
      expect(state ?? '').toBe('');
    });
  });
});
