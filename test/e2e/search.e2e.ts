import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { ApiHarness, errorCode, startProcess, stopProcess } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

const run = promisify(execFile);

// These tests exercise the default engine (PostgreSQL) end to end, including corrupting its tables on purpose,
// so every process is started without MEILI_URL whatever the environment says.
const ENV = { MEILI_URL: '', OUTBOX_RELAY_INTERVAL_MS: '100' };

const waitFor = async <T>(probe: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A made-up word no other test uses, so this file's assertions see only its own documents. */
const madeUpWord = () => Array.from({ length: 10 }, () => 'bdfgklmnprstv'[randomInt(13)]!).join('');

const SEARCH_PLACEMENTS = `query($q: String, $f: PlacementSearchFilter, $s: SearchSort, $first: Int, $after: String) {
  searchPlacements(query: $q, filter: $f, sort: $s, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id title status employer { name } }
    facets { type { value count } sector { value count } areaCode { value count } requiredOral { value count } status { value count } }
  }
}`;
const SEARCH_PARTICIPANTS = `query($q: String, $f: ParticipantSearchFilter) {
  searchParticipants(query: $q, filter: $f) {
    totalCount nodes { id firstName lastName organisationId }
    facets { status { value count } finalGoal { value count } oralLevel { value count } reachableArea { value count } }
  }
}`;

type FacetCount = { value: string; count: number };
interface PlacementResult {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<{ id: string; title: string; status: string; employer: { name: string } }>;
  facets: Record<'type' | 'sector' | 'areaCode' | 'requiredOral' | 'status', FacetCount[]>;
}

describe('search: placements and participants through the api and worker processes', () => {
  let api: ApiHarness;
  let world: World;
  let worker: ChildProcess | undefined;
  const tag = madeUpWord();
  const ids: Record<'language' | 'kitchen' | 'otherOffice' | 'employerDraft', string> = { language: '', kitchen: '', otherOffice: '', employerDraft: '' };
  const participantIds = { own: '', otherUnit: '' };

  const searchPlacements = async (userId: string, variables: Record<string, unknown>) =>
    (await api.ok<{ searchPlacements: PlacementResult }>(userId, SEARCH_PLACEMENTS, variables)).searchPlacements;
  const cli = async (script: 'reconcile' | 'reindex') => {
    const { stdout } = await run(process.execPath, [`dist/scripts/${script}.js`, '--json'], { env: { ...process.env, ...ENV, NODE_OPTIONS: '' } });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Record<'placement' | 'participant', Record<string, number>>;
  };

  beforeAll(async () => {
    api = await ApiHarness.start(ENV);
    world = await createWorld(api.dataSource);
    worker = startProcess('dist/apps/worker/src/main.js', ENV);
  });
  afterAll(async () => {
    if (worker) await stopProcess(worker);
    await api.stop();
  });

  it('makes a placement created by a market contact findable within seconds', async () => {
    const started = Date.now();
    ids.language = await createPlacement(api, world, world.users.marketA, { title: `Språkpraksis i barnehage ${tag}` });
    const found = await waitFor(async () => {
      const res = await searchPlacements(world.users.marketA, { q: tag });
      return res.totalCount === 1 ? res : null;
    });
    expect(found.nodes.map((n) => n.id)).toEqual([ids.language]);
    expect(found.nodes[0]!.employer.name).toMatch(/^Solsikken barnehage/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('tolerates typos in the query', async () => {
    const res = await searchPlacements(world.users.marketA, { q: `barnehgae ${tag}` });
    expect(res.nodes.map((n) => n.id)).toEqual([ids.language]);
  });

  it('counts facets over the visible matches, each without its own filter', async () => {
    ids.kitchen = await createPlacement(api, world, world.users.marketA, { title: `Kokk ${tag}`, type: 'WORK_PRACTICE', occupationCode: '5120', requiredNorwegian: {} });
    ids.otherOffice = await createPlacement(api, world, world.users.marketB, {
      title: `Butikkmedarbeider ${tag}`, occupationCode: '5223', employerId: world.employer2, siteId: world.site2, requiredNorwegian: { oral: 'B1' },
    });
    // An employer's own opening stays a draft until an office publishes it: invisible to market contacts.
    ids.employerDraft = await createPlacement(api, world, world.users.employer1, { title: `Utkast ${tag}`, type: 'JOB' });
    await waitFor(async () => (await searchPlacements(world.users.employer1, { q: tag })).totalCount === 3 && (await searchPlacements(world.users.marketA, { q: tag })).totalCount === 3);

    const all = await searchPlacements(world.users.marketA, { q: tag });
    expect(all.nodes.map((n) => n.id).sort()).toEqual([ids.language, ids.kitchen, ids.otherOffice].sort());
    expect(all.facets.type).toEqual([{ value: 'LANGUAGE_PRACTICE', count: 2 }, { value: 'WORK_PRACTICE', count: 1 }]);
    expect(all.facets.status).toEqual([{ value: 'OPEN', count: 3 }]);

    const filtered = await searchPlacements(world.users.marketA, { q: tag, f: { type: ['LANGUAGE_PRACTICE'] } });
    expect(filtered.totalCount).toBe(2);
    expect(filtered.nodes.map((n) => n.id).sort()).toEqual([ids.language, ids.otherOffice].sort());
    // Its own facet still offers WORK_PRACTICE with the count it would add; the others count the two matches.
    expect(filtered.facets.type).toEqual([{ value: 'LANGUAGE_PRACTICE', count: 2 }, { value: 'WORK_PRACTICE', count: 1 }]);
    expect(filtered.facets.areaCode).toEqual([{ value: 'OSLO-ALNA', count: 1 }, { value: 'OSLO-GRORUD', count: 1 }]);
    expect(filtered.facets.requiredOral).toEqual([{ value: 'A2', count: 1 }, { value: 'B1', count: 1 }]);
    expect(filtered.facets.sector).toEqual([{ value: 'KINDERGARTEN', count: 1 }, { value: 'RETAIL', count: 1 }]);

    const none = await searchPlacements(world.users.marketA, { q: tag, f: { requiredOral: ['NONE'] } });
    expect(none.nodes.map((n) => n.id)).toEqual([ids.kitchen]);
  });

  it('pages with an opaque cursor and sorts on request', async () => {
    const first = await searchPlacements(world.users.marketA, { q: tag, s: 'NEWEST', first: 2 });
    expect(first.nodes.map((n) => n.id)).toEqual([ids.otherOffice, ids.kitchen]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await searchPlacements(world.users.marketA, { q: tag, s: 'NEWEST', first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((n) => n.id)).toEqual([ids.language]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.totalCount).toBe(3);
    // A cursor belongs to its search.
    const mixed = await api.gql(world.users.marketA, SEARCH_PLACEMENTS, { q: tag, s: 'START_DATE', first: 2, after: first.pageInfo.endCursor });
    expect(errorCode(mixed)).toBe('BAD_USER_INPUT');
    expect(mixed.errors![0]!.extensions.field).toBe('after');
  });

  it('an employer finds only its own placements, its draft included', async () => {
    const own = await searchPlacements(world.users.employer1, { q: tag });
    expect(own.nodes.map((n) => n.id).sort()).toEqual([ids.language, ids.kitchen, ids.employerDraft].sort());
    expect(own.facets.status).toEqual([{ value: 'OPEN', count: 2 }, { value: 'DRAFT', count: 1 }]);
    const other = await searchPlacements(world.users.employer2, { q: tag });
    expect(other.nodes.map((n) => n.id)).toEqual([ids.otherOffice]);
    expect(other.totalCount).toBe(1);
  });

  it('follows status changes and employer renames', async () => {
    await api.ok(world.users.marketA, `mutation($id: ID!) { changePlacementStatus(id: $id, status: PAUSED) { id } }`, { id: ids.kitchen });
    const renamed = `Regnbuen ${madeUpWord()}`;
    await api.ok(world.users.marketA, `mutation($id: ID!, $name: String!) { updateEmployer(id: $id, input: { name: $name }) { id } }`, { id: world.employer1, name: renamed });
    const paused = await waitFor(async () => {
      const res = await searchPlacements(world.users.marketA, { q: tag, f: { status: ['PAUSED'] } });
      return res.totalCount === 1 ? res : null;
    });
    expect(paused.nodes.map((n) => n.id)).toEqual([ids.kitchen]);
    const byNewName = await waitFor(async () => {
      const res = await searchPlacements(world.users.marketA, { q: renamed });
      return res.totalCount === 2 ? res : null;
    });
    expect(byNewName.nodes.map((n) => n.id).sort()).toEqual([ids.language, ids.kitchen].sort());
  });

  it('rejects bad arguments as BAD_USER_INPUT naming the field', async () => {
    const tooMany = await api.gql(world.users.marketA, SEARCH_PLACEMENTS, { q: tag, first: 101 });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.extensions.field).toBe('first');
    const badArea = await api.gql(world.users.marketA, SEARCH_PLACEMENTS, { f: { areaCode: ['ATLANTIS'] } });
    expect(errorCode(badArea)).toBe('BAD_USER_INPUT');
    expect(badArea.errors![0]!.extensions.field).toBe('filter.areaCode.0');
  });

  describe('participants', () => {
    const surname = tag.charAt(0).toUpperCase() + tag.slice(1);

    beforeAll(async () => {
      participantIds.own = await createParticipant(api, world, { firstName: 'Olena', lastName: surname });
      const other = await api.ok<{ createParticipant: { id: string } }>(
        world.users.advisorB,
        `mutation($i: CreateParticipantInput!) { createParticipant(input: $i) { id } }`,
        { i: { firstName: 'Olena', lastName: surname, birthYear: 1990, protectionBasis: 'REFUGEE', settlementDate: '2025-02-01' } },
      );
      participantIds.otherUnit = other.createParticipant.id;
    });

    it('refuses market contacts, pointing them to the matching API', async () => {
      const res = await api.gql(world.users.marketA, SEARCH_PARTICIPANTS, { q: surname });
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0]!.message).toMatch(/matching API/);
      expect(res.data).toBeNull();
    });

    it('lets an advisor find only their own unit’s participants, typos included', async () => {
      const mine = await waitFor(async () => {
        const res = (await api.ok<{ searchParticipants: { totalCount: number; nodes: Array<{ id: string; organisationId: string }> } }>(world.users.advisorA, SEARCH_PARTICIPANTS, { q: surname })).searchParticipants;
        return res.totalCount === 1 ? res : null;
      });
      expect(mine.nodes.map((n) => n.id)).toEqual([participantIds.own]);
      const theirs = await waitFor(async () => {
        const res = (await api.ok<{ searchParticipants: { totalCount: number; nodes: Array<{ id: string }> } }>(world.users.advisorB, SEARCH_PARTICIPANTS, { q: surname })).searchParticipants;
        return res.totalCount === 1 ? res : null;
      });
      expect(theirs.nodes.map((n) => n.id)).toEqual([participantIds.otherUnit]);
      // Two neighbouring letters swapped: one typo.
      const swapped = surname.slice(0, 3) + surname[4] + surname[3] + surname.slice(5);
      const typo = (await api.ok<{ searchParticipants: { nodes: Array<{ id: string }> } }>(world.users.advisorA, SEARCH_PARTICIPANTS, { q: `olena ${swapped}` })).searchParticipants;
      expect(typo.nodes.map((n) => n.id)).toEqual([participantIds.own]);
    });
  });

  describe('drift repair', () => {
    // Erased (anonymised) participants are deliberately not in the index.
    const countOf = async (table: string) =>
      ((await api.dataSource.query(`SELECT count(*)::int AS n FROM ${table}${table === 'participants' ? ' WHERE anonymised_at IS NULL' : ''}`)) as [{ n: number }])[0].n;

    beforeAll(async () => {
      // Without a worker nothing repairs the index behind the test's back; a first reconcile settles drift left by
      // other test files (some insert placements with plain SQL, bypassing events).
      if (worker) await stopProcess(worker);
      worker = undefined;
      await cli('reconcile');
    });

    it('reconcile finds missing, stale and orphaned documents, reports them and repairs them', async () => {
      await api.dataSource.query(`DELETE FROM search_placements WHERE id = $1`, [ids.language]);
      await api.dataSource.query(`UPDATE search_placements SET status = 'CLOSED', version = version - 1 WHERE id = $1`, [ids.otherOffice]);
      await api.dataSource.query(
        `WITH copy AS (
           INSERT INTO search_placements (id, type, sector, area_code, required_oral, status, employer_id, owner_organisation_id, start_date, created_at, version)
           SELECT gen_random_uuid(), type, sector, area_code, required_oral, status, employer_id, owner_organisation_id, start_date, created_at, version
           FROM search_placements WHERE id = $1 RETURNING id)
         INSERT INTO search_placement_documents (id, document) SELECT copy.id, d.document FROM copy, search_placement_documents d WHERE d.id = $1`,
        [ids.kitchen],
      );
      const [, deletedParticipants] = (await api.dataSource.query(`DELETE FROM search_participants WHERE id = $1`, [participantIds.own])) as [unknown, number];
      expect(deletedParticipants).toBe(1);

      const corrupted = await searchPlacements(world.users.marketA, { q: tag });
      // Deleted: gone. Stale: looks CLOSED, so another office's placement is hidden. Orphan: counted, but no placement behind it.
      expect(corrupted.totalCount).toBe(2);
      expect(corrupted.nodes.map((n) => n.id)).toEqual([ids.kitchen]);

      const report = await cli('reconcile');
      expect(report.placement).toMatchObject({ missing: 1, stale: 1, orphaned: 1, checked: await countOf('placements') });
      expect(report.participant).toMatchObject({ missing: 1, stale: 0, orphaned: 0, checked: await countOf('participants') });

      const repaired = await searchPlacements(world.users.marketA, { q: tag });
      expect(repaired.totalCount).toBe(3);
      expect(repaired.nodes.map((n) => n.id).sort()).toEqual([ids.language, ids.kitchen, ids.otherOffice].sort());
      expect(repaired.facets.status).toEqual([{ value: 'OPEN', count: 2 }, { value: 'PAUSED', count: 1 }]);
      expect((await cli('reconcile')).placement).toMatchObject({ missing: 0, stale: 0, orphaned: 0 });
    });

    it('reindex rebuilds a wiped index from PostgreSQL and drops orphans', async () => {
      await api.dataSource.query(`DELETE FROM search_placements`);
      await api.dataSource.query(`DELETE FROM search_participants`);
      await api.dataSource.query(
        `INSERT INTO search_participants (id, organisation_id, status, final_goal, oral_level, reachable_areas, terms, document, version)
         VALUES (gen_random_uuid(), $1, 'ACTIVE', 'WORK', 'NONE', '{}', '{}', to_tsvector('norwegian', 'Spøkelse'), 1)`,
        [world.unitA],
      );
      expect((await searchPlacements(world.users.marketA, { q: tag })).totalCount).toBe(0);

      const report = await cli('reindex');
      expect(report.placement).toEqual({ indexed: await countOf('placements'), removed: 0 });
      expect(report.participant).toEqual({ indexed: await countOf('participants'), removed: 1 });
      expect(await countOf('search_placements')).toBe(await countOf('placements'));
      expect(await countOf('search_participants')).toBe(await countOf('participants'));
      const back = await searchPlacements(world.users.marketA, { q: tag });
      expect(back.nodes.map((n) => n.id).sort()).toEqual([ids.language, ids.kitchen, ids.otherOffice].sort());
    });
  });
});
