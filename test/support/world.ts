import type { DataSource } from 'typeorm';
import { OrganisationKind, Role } from '#lib/access';
import { withCheckDigit } from '#lib/employers';

/** A small, explicit world for access tests: two NAV offices, each serving one unit, two employers. */
export interface World {
  navA: string;
  navB: string;
  unitA: string;
  unitB: string;
  employer1: string;
  employer2: string;
  employerOrg1: string;
  employerOrg2: string;
  site1: string;
  site2: string;
  users: Record<'advisorA' | 'advisorA2' | 'advisorB' | 'marketA' | 'marketB' | 'teacherA' | 'employer1' | 'employer2' | 'admin', string>;
}

export async function createWorld(ds: DataSource): Promise<World> {
  // Unique per call across test files (each file gets a fresh module registry, the database persists).
  const n = ((await ds.query(`SELECT count(*)::int AS n FROM organisations`)) as [{ n: number }])[0].n + 1;
  const one = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ id: string }>)[0]!.id;
  const org = (name: string, kind: OrganisationKind, nav: string | null = null, employer: string | null = null) =>
    one(`INSERT INTO organisations (name, kind, municipality, area_code, nav_office_id, employer_id) VALUES ($1,$2,'Oslo','OSLO-ALNA',$3,$4) RETURNING id`, [`${name} ${n}`, kind, nav, employer]);
  const user = (name: string, role: Role, organisation: string) =>
    one(`INSERT INTO users (email, name, role, organisation_id) VALUES ($1,$2,$3,$4) RETURNING id`, [`${name}-${n}-${Math.random().toString(36).slice(2, 8)}@test.no`, name, role, organisation]);
  const orgnr = (base: number) => {
    for (let i = base; ; i++) {
      const full = withCheckDigit(String(i).padStart(8, '0'));
      if (full) return full;
    }
  };
  const navA = await org('NAV Alna', OrganisationKind.NAV_OFFICE);
  const navB = await org('NAV Grorud', OrganisationKind.NAV_OFFICE);
  const unitA = await org('Introduksjonsenheten Alna', OrganisationKind.INTRODUCTION_UNIT, navA);
  const unitB = await org('Introduksjonsenheten Grorud', OrganisationKind.INTRODUCTION_UNIT, navB);
  const admin = await user('Admin', Role.ADMIN, navA);
  const employer1 = await one(`INSERT INTO employers (org_number, name, sector, owner_office_id, created_by_id) VALUES ($1,$2,'KINDERGARTEN',$3,$4) RETURNING id`, [orgnr(90000000 + n * 1000), `Solsikken barnehage ${n}`, navA, admin]);
  const employer2 = await one(`INSERT INTO employers (org_number, name, sector, owner_office_id, created_by_id) VALUES ($1,$2,'RETAIL',$3,$4) RETURNING id`, [orgnr(80000000 + n * 1000), `Kiwi Furuset ${n}`, navB, admin]);
  const site1 = await one(`INSERT INTO employer_sites (employer_id, name, address, area_code) VALUES ($1,'Hovedhuset','Furusetveien 1','OSLO-ALNA') RETURNING id`, [employer1]);
  const site2 = await one(`INSERT INTO employer_sites (employer_id, name, address, area_code) VALUES ($1,'Butikken','Trondheimsveien 2','OSLO-GRORUD') RETURNING id`, [employer2]);
  const employerOrg1 = await org('Solsikken barnehage (arbeidsgiver)', OrganisationKind.EMPLOYER, null, employer1);
  const employerOrg2 = await org('Kiwi Furuset (arbeidsgiver)', OrganisationKind.EMPLOYER, null, employer2);
  return {
    navA, navB, unitA, unitB, employer1, employer2, employerOrg1, employerOrg2, site1, site2,
    users: {
      advisorA: await user('Advisor A', Role.ADVISOR, unitA),
      advisorA2: await user('Advisor A2', Role.ADVISOR, unitA),
      advisorB: await user('Advisor B', Role.ADVISOR, unitB),
      marketA: await user('Market A', Role.MARKET_CONTACT, navA),
      marketB: await user('Market B', Role.MARKET_CONTACT, navB),
      teacherA: await user('Teacher A', Role.TEACHER, unitA),
      employer1: await user('Employer 1', Role.EMPLOYER, employerOrg1),
      employer2: await user('Employer 2', Role.EMPLOYER, employerOrg2),
      admin,
    },
  };
}
