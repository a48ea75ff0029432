import { ApiHarness } from '../support/api-harness.js';
import { createWorld, type World } from '../support/world.js';

const LIST = `query($n: Int) { placements(first: $n, filter: { ownedByMyOrganisation: true }) {
  nodes { id title employer { name ownerOffice { name } sites { name } } site { name areaCode } ownerOrganisation { name } }
} }`;

describe('relations are batched with DataLoader (no N+1)', () => {
  let api: ApiHarness;
  let world: World;
  beforeAll(async () => {
    api = await ApiHarness.start();
    world = await createWorld(api.dataSource);
    // 100 placements spread over 20 employers, each with its own site.
    for (let e = 0; e < 20; e++) {
      const [{ id: employerId }] = (await api.dataSource.query(
        `INSERT INTO employers (org_number, name, sector, owner_office_id, created_by_id) VALUES (lpad($1::text, 9, '0'), $2, 'RETAIL', $3, $4) RETURNING id`,
        [String(100000000 + e * 7919 + Math.floor(Math.random() * 1000)), `Butikk ${e}`, world.navA, world.users.admin],
      )) as [{ id: string }];
      const [{ id: siteId }] = (await api.dataSource.query(`INSERT INTO employer_sites (employer_id, name, address, area_code) VALUES ($1, 'Butikk', 'Gata 1', 'OSLO-ALNA') RETURNING id`, [employerId])) as [{ id: string }];
      await api.dataSource.query(
        `INSERT INTO placements (type, status, title, sector, occupation_code, employer_id, site_id, area_code, owner_organisation_id, posted_by_id, posted_by_kind, start_date, weekdays, hours_per_week)
         SELECT 'LANGUAGE_PRACTICE', 'OPEN', 'Praksis ' || g, 'RETAIL', '5223', $1, $2, 'OSLO-ALNA', $3, $4, 'MARKET_CONTACT', '2026-01-01', '{MON,TUE}', 10 FROM generate_series(1, 5) g`,
        [employerId, siteId, world.navA, world.users.marketA],
      );
    }
  });
  afterAll(() => api.stop());

  it('costs the same number of SQL statements for 10 and for 100 placements with employer, site and office', async () => {
    const small = await api.gql(world.users.marketA, LIST, { n: 10 });
    const large = await api.gql(world.users.marketA, LIST, { n: 100 });
    expect(small.errors).toBeUndefined();
    expect(large.data!.placements.nodes).toHaveLength(100);
    expect(large.data!.placements.nodes.every((p: any) => p.employer.name && p.site.name && p.ownerOrganisation.name && p.employer.sites.length === 1)).toBe(true);
    expect(Number.isFinite(large.sqlStatements)).toBe(true);
    expect(large.sqlStatements).toBe(small.sqlStatements);
    // count + page + employers + sites + owner organisations + employer sites + owner offices (the auth lookup runs before the request's counting scope)
    expect(large.sqlStatements).toBeGreaterThanOrEqual(5);
    expect(large.sqlStatements).toBeLessThanOrEqual(10);
  });
});
