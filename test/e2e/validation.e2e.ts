import { ApiHarness, errorCode } from '../support/api-harness.js';
import { createPlacement } from '../support/fixtures.js';
import { createWorld, type World } from '../support/world.js';

/** Counts rows of every table a mutation could touch, to prove a rejected call changed nothing. */
async function snapshot(api: ApiHarness): Promise<string> {
  const tables = ['employers', 'employer_sites', 'employer_contacts', 'placements', 'participants', 'language_assessments', 'consents', 'outbox_events'];
  const counts = await Promise.all(tables.map(async (t) => `${t}=${((await api.dataSource.query(`SELECT count(*)::int AS n FROM ${t}`)) as [{ n: number }])[0].n}`));
  const latest = (await api.dataSource.query(`SELECT coalesce(max(updated_at)::text, '') AS t FROM placements`)) as [{ t: string }];
  return `${counts.join(',')} ${latest[0].t}`;
}

describe('validation and typed errors', () => {
  let api: ApiHarness;
  let world: World;
  beforeAll(async () => {
    api = await ApiHarness.start();
    world = await createWorld(api.dataSource);
  });
  afterAll(() => api.stop());

  const CREATE_EMPLOYER = `mutation($i: CreateEmployerInput!) { createEmployer(input: $i) { id orgNumber sites { areaCode latitude } } }`;

  it('rejects an organisation number with a wrong check digit, naming the field, and changes nothing', async () => {
    const before = await snapshot(api);
    const res = await api.gql(world.users.marketA, CREATE_EMPLOYER, { i: { orgNumber: '974760674', name: 'Feil AS', sector: 'RETAIL' } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions.field).toBe('input.orgNumber');
    expect(await snapshot(api)).toBe(before);
  });

  it('registers a valid employer once; a second office gets CONFLICT pointing at the existing one', async () => {
    const created = await api.ok(world.users.marketA, CREATE_EMPLOYER, {
      i: { orgNumber: '974 760 673', name: 'Brønnøysund Kantine', sector: 'CANTEEN', sites: [{ name: 'Kantina', address: 'Havnegata 48', areaCode: 'OSLO-ALNA' }] },
    });
    expect(created.createEmployer.orgNumber).toBe('974760673');
    expect(created.createEmployer.sites[0].latitude).toBeGreaterThan(59);
    const before = await snapshot(api);
    const dup = await api.gql(world.users.marketB, CREATE_EMPLOYER, { i: { orgNumber: '974760673', name: 'Samme AS', sector: 'CANTEEN' } });
    expect(errorCode(dup)).toBe('CONFLICT');
    expect(dup.errors![0]!.extensions.existingEmployerId).toBe(created.createEmployer.id);
    expect(await snapshot(api)).toBe(before);
  });

  it('rejects a site in an unknown area inside an otherwise valid employer, writing nothing at all', async () => {
    const before = await snapshot(api);
    const res = await api.gql(world.users.marketA, CREATE_EMPLOYER, {
      i: { orgNumber: '923609016', name: 'Halv AS', sector: 'RETAIL', sites: [{ name: 'X', address: 'Y', areaCode: 'ATLANTIS' }] },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions.field).toBe('input.sites.0.areaCode');
    expect(await snapshot(api)).toBe(before);
  });

  it.each([
    [{ occupationCode: '9999' }, 'input.occupationCode'],
    [{ weekdays: [] }, 'input.weekdays'],
    [{ hoursPerWeek: 80 }, 'input.hoursPerWeek'],
    [{ startDate: '2026-13-40' }, 'input.startDate'],
    [{ startDate: '2026-05-01', endDate: '2026-04-01' }, 'input.endDate'],
    [{ capacity: 1, pairing: true }, 'input.pairing'],
    [{ siteId: '00000000-0000-4000-8000-000000000000' }, 'input.siteId'],
  ])('rejects a placement with %j on %s and writes nothing', async (bad, field) => {
    const before = await snapshot(api);
    const res = await api.gql(world.users.marketA, `mutation($i: CreatePlacementInput!) { createPlacement(input: $i) { id } }`, {
      i: { type: 'LANGUAGE_PRACTICE', title: 'T', occupationCode: '5311', employerId: world.employer1, siteId: world.site1, startDate: '2026-02-01', weekdays: ['MON'], hoursPerWeek: 10, ...bad },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions.field).toBe(field);
    expect(await snapshot(api)).toBe(before);
  });

  it('rejects wrongly typed variables as BAD_USER_INPUT', async () => {
    const res = await api.gql(world.users.marketA, `query($f: Int) { placements(first: $f) { totalCount } }`, { f: 'many' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const page = await api.gql(world.users.marketA, `{ placements(first: 1000) { totalCount } }`);
    expect(errorCode(page)).toBe('BAD_USER_INPUT');
    expect(page.errors![0]!.extensions.field).toBe('first');
    const cursor = await api.gql(world.users.marketA, `{ placements(after: "garbage") { totalCount } }`);
    expect(errorCode(cursor)).toBe('BAD_USER_INPUT');
  });

  it('guards the placement lifecycle: an illegal transition is CONFLICT and changes nothing', async () => {
    const id = await createPlacement(api, world);
    await api.ok(world.users.marketA, `mutation($id: ID!) { changePlacementStatus(id: $id, status: CLOSED) { status } }`, { id });
    const before = await snapshot(api);
    const res = await api.gql(world.users.marketA, `mutation($id: ID!) { changePlacementStatus(id: $id, status: OPEN) { status } }`, { id });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors![0]!.extensions).toMatchObject({ from: 'CLOSED', to: 'OPEN', allowed: [] });
    expect(await snapshot(api)).toBe(before);
  });

  it('validates participant profiles per field', async () => {
    const res = await api.gql(world.users.advisorA, `mutation($i: CreateParticipantInput!) { createParticipant(input: $i) { id } }`, {
      i: { firstName: 'A', lastName: 'B', birthYear: 2020, protectionBasis: 'REFUGEE', settlementDate: '2025-01-01', reachableAreas: ['NOWHERE'] },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const fields = (res.errors![0]!.extensions.problems as Array<{ field: string }>).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.birthYear', 'input.reachableAreas.0']));
  });

  it('paginates with stable cursors and a total count', async () => {
    for (let i = 0; i < 5; i++) await createPlacement(api, world, world.users.marketA, { title: `Side ${i}` });
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = await api.ok(world.users.marketA, `query($a: String) { placements(first: 2, after: $a, filter: { ownedByMyOrganisation: true }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`, { a: after });
      total = page.placements.totalCount;
      seen.push(...page.placements.nodes.map((n: { id: string }) => n.id));
      after = page.placements.pageInfo.hasNextPage ? page.placements.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });
});
