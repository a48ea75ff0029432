/**
 * Deterministic samples of realistic callers and subjects, chosen from the benchmark database with SQL.
 * "Deterministic" = ordered by md5(id || seed): the same data set and seed give the same sample on every run.
 */
import type pg from 'pg';
import { pick, rng } from './stats.js';

/** An advisor and one ACTIVE participant of the advisor's own unit (full view) who consents to be proposed (else no placement is eligible). */
export interface AdvisorParticipant {
  readonly userId: string;
  readonly participantId: string;
}

/** A market contact of a NAV office and an OPEN placement that office owns. */
export interface ContactPlacement {
  readonly userId: string;
  readonly placementId: string;
}

export interface SearchCase {
  readonly userId: string;
  readonly query: string;
  readonly filter: { readonly type: string[]; readonly sector: string[]; readonly areaCode: string[] };
}

export async function advisorParticipants(c: pg.ClientBase, count: number, seed: string): Promise<AdvisorParticipant[]> {
  const { rows } = await c.query<{ user_id: string; participant_id: string }>(
    `SELECT adv.id AS user_id, p.id AS participant_id
       FROM participants p
       JOIN LATERAL (
              SELECT u.id FROM users u
               WHERE u.organisation_id = p.organisation_id AND u.role = 'ADVISOR' AND u.active
               ORDER BY (u.id = p.advisor_id) DESC, u.id
               LIMIT 1) adv ON true
      WHERE p.status = 'ACTIVE'
        AND EXISTS (SELECT 1 FROM consents c WHERE c.participant_id = p.id AND c.scope = 'PROPOSE_TO_EMPLOYERS' AND c.withdrawn_at IS NULL)
      ORDER BY md5(p.id::text || $1)
      LIMIT $2`,
    [seed, count],
  );
  return rows.map((r) => ({ userId: r.user_id, participantId: r.participant_id }));
}

export async function contactPlacements(c: pg.ClientBase, count: number, seed: string): Promise<ContactPlacement[]> {
  const { rows } = await c.query<{ user_id: string; placement_id: string }>(
    `SELECT mc.id AS user_id, pl.id AS placement_id
       FROM placements pl
       JOIN organisations office ON office.id = pl.owner_organisation_id AND office.kind = 'NAV_OFFICE'
       JOIN LATERAL (
              SELECT u.id FROM users u
               WHERE u.organisation_id = office.id AND u.role = 'MARKET_CONTACT' AND u.active
               ORDER BY md5(u.id::text || pl.id::text)
               LIMIT 1) mc ON true
      WHERE pl.status = 'OPEN'
        AND (pl.end_date IS NULL OR pl.end_date >= current_date)
        AND EXISTS (SELECT 1 FROM organisations unit WHERE unit.nav_office_id = office.id)
      ORDER BY md5(pl.id::text || $1)
      LIMIT $2`,
    [seed, count],
  );
  return rows.map((r) => ({ userId: r.user_id, placementId: r.placement_id }));
}

/**
 * Search cases: an advisor, a common word and three filters (type, sector, area) with two values each. One value of
 * each filter and the word come from a real OPEN placement, so most cases have hits; the second values are drawn
 * from the data's own value lists with a seeded PRNG.
 */
export async function searchCases(c: pg.ClientBase, advisors: readonly string[], count: number, seed: string): Promise<SearchCase[]> {
  const { rows: placements } = await c.query<{ title: string; type: string; sector: string; area_code: string }>(
    `SELECT title, type::text AS type, sector, area_code FROM placements WHERE status = 'OPEN' ORDER BY md5(id::text || $1) LIMIT $2`,
    [`search-${seed}`, count],
  );
  const { rows: titles } = await c.query<{ title: string }>(`SELECT title FROM placements WHERE status = 'OPEN'`);
  const distinct = async (column: string) =>
    (await c.query<{ v: string }>(`SELECT DISTINCT ${column}::text AS v FROM placements WHERE status = 'OPEN' ORDER BY 1`)).rows.map((r) => r.v);
  const [types, sectors, areas] = [await distinct('type'), await distinct('sector'), await distinct('area_code')];

  // Word frequencies over all open titles: the query is the most common real word of the case's title.
  const words = (title: string) => title.toLocaleLowerCase('nb').split(/[^\p{L}]+/u).filter((w) => w.length >= 5);
  const frequency = new Map<string, number>();
  for (const { title } of titles) for (const w of new Set(words(title))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const commonest = (title: string) => words(title).sort((a, b) => (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0) || a.localeCompare(b))[0];

  const random = rng(hashSeed(seed));
  const withOther = (value: string, all: readonly string[]) => {
    const others = all.filter((v) => v !== value);
    return others.length ? [value, pick(others, random)] : [value];
  };
  return placements.map((pl, i) => ({
    userId: advisors[i % advisors.length]!,
    query: commonest(pl.title) ?? 'assistent',
    filter: { type: withOther(pl.type, types), sector: withOther(pl.sector, sectors), areaCode: withOther(pl.area_code, areas) },
  }));
}

export function hashSeed(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The allocation scenario: the ACTIVE participants with consent to be proposed, from the units served by the NAV
 * offices with the most of them (a region, not a scatter across the country), and the OPEN placements in the areas
 * those participants can reach. Both lists come back in a deterministic order.
 */
export async function allocationScenario(
  c: pg.ClientBase,
  participantCount: number,
  placementCount: number,
  seed: string,
): Promise<{ participantIds: string[]; placementIds: string[]; offices: string[] }> {
  const eligible = `p.status = 'ACTIVE' AND EXISTS (
      SELECT 1 FROM consents c WHERE c.participant_id = p.id AND c.scope = 'PROPOSE_TO_EMPLOYERS' AND c.withdrawn_at IS NULL)`;
  const { rows: offices } = await c.query<{ id: string; name: string; n: string }>(
    `SELECT office.id, office.name, count(*) AS n
       FROM participants p
       JOIN organisations unit ON unit.id = p.organisation_id
       JOIN organisations office ON office.id = unit.nav_office_id
      WHERE ${eligible}
      GROUP BY office.id, office.name
      ORDER BY count(*) DESC, office.id`,
  );
  // The three biggest offices (or more, if they do not have enough participants between them).
  const chosen: typeof offices = [];
  let total = 0;
  for (const o of offices) {
    if (chosen.length >= 3 && total >= participantCount) break;
    chosen.push(o);
    total += Number(o.n);
  }
  const { rows: participants } = await c.query<{ id: string }>(
    `SELECT p.id FROM participants p JOIN organisations unit ON unit.id = p.organisation_id
      WHERE ${eligible} AND unit.nav_office_id = ANY($1::uuid[])
      ORDER BY md5(p.id::text || $2) LIMIT $3`,
    [chosen.map((o) => o.id), `alloc-${seed}`, participantCount],
  );
  const participantIds = participants.map((r) => r.id);
  // Placements in the areas the chosen participants list as reachable first, then any other open placement.
  const { rows: placements } = await c.query<{ id: string }>(
    `WITH areas AS (SELECT DISTINCT unnest(reachable_areas) AS area FROM participants WHERE id = ANY($1::uuid[]))
     SELECT pl.id FROM placements pl
      WHERE pl.status = 'OPEN' AND (pl.end_date IS NULL OR pl.end_date >= current_date)
      ORDER BY (pl.area_code IN (SELECT area FROM areas)) DESC, md5(pl.id::text || $2)
      LIMIT $3`,
    [participantIds, `alloc-${seed}`, placementCount],
  );
  return { participantIds, placementIds: placements.map((r) => r.id), offices: chosen.map((o) => o.name) };
}
