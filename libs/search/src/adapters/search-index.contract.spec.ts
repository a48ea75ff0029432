import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PlacementScope } from '#lib/access';
import { maintenanceUrl, runMigrations } from '#lib/database';
import { createDataSource } from '#lib/schema';
import { type ParticipantDocument, type PlacementDocument, toParticipantDocument, toPlacementDocument } from '../domain/search-documents.js';
import type { FacetFilter, IndexedVersion, ParticipantFacet, PlacementFacet, SearchIndex } from '../domain/search-index.js';
import { SearchSort } from '../domain/search-index.js';
import { queryWords } from '../domain/search-text.js';
import { MeilisearchSearchIndex } from './meilisearch-search.index.js';
import { PostgresSearchIndex } from './postgres-search.index.js';

interface ContractSubject {
  readonly index: SearchIndex;
  /** Removes whatever the subject created (database, indexes). */
  cleanup(): Promise<void>;
}

/**
 * The behaviour every SearchIndex adapter must share, run against each real engine (never a mock):
 * text over every weighted field, typo tolerance, each filter, disjunctive facets, sorting, pagination,
 * visibility scoping, updates and deletes, and version scans for reconciliation.
 */
function describeSearchIndexContract(engine: string, createSubject: () => Promise<ContractSubject>, describeFn: jest.Describe = describe): void {
  describeFn(`SearchIndex contract: ${engine}`, () => {
    let subject: ContractSubject;
    let index: SearchIndex;
    const w = world();

    beforeAll(async () => {
      subject = await createSubject();
      index = subject.index;
      await index.upsertPlacements(Object.values(w.placements));
      await index.upsertParticipants(Object.values(w.participants));
    }, 120_000);
    afterAll(async () => {
      await subject?.index.close();
      await subject?.cleanup();
    }, 60_000);

    const ALL: PlacementScope = { kind: 'ALL' };
    const placements = async (text: string, options: { filter?: FacetFilter<PlacementFacet>; scope?: PlacementScope; sort?: SearchSort; offset?: number; limit?: number } = {}) => {
      const words = queryWords(text);
      return index.searchPlacements({
        words,
        filter: options.filter ?? {},
        scope: options.scope ?? ALL,
        sort: options.sort ?? (words.length ? SearchSort.RELEVANCE : SearchSort.NEWEST),
        offset: options.offset ?? 0,
        limit: options.limit ?? 20,
      });
    };
    const participants = async (text: string, organisationId: string, options: { filter?: FacetFilter<ParticipantFacet>; offset?: number; limit?: number } = {}) =>
      index.searchParticipants({ words: queryWords(text), filter: options.filter ?? {}, organisationId, offset: options.offset ?? 0, limit: options.limit ?? 20 });
    const names = (ids: readonly string[]) => ids.map((id) => w.nameOf.get(id) ?? id);
    const sorted = (ids: readonly string[]) => names(ids).sort();

    describe('placements: text', () => {
      it.each([
        ['a title word', 'kokk', ['kokk']],
        ['an occupation synonym that is not in the text', 'ekspeditør', ['butikk']],
        ['the employer name', 'Fjordkantina', ['kokk', 'kjøkken']],
        ['a task', 'lunsj', ['kokk']],
        ['a description word', 'senter', ['butikk']],
        ['every word, across fields', 'kokk Fjordkantina', ['kokk']],
      ])('finds by %s', async (_what, text, expected) => {
        const hits = await placements(text);
        expect(sorted(hits.ids)).toEqual([...expected].sort());
        expect(hits.totalCount).toBe(expected.length);
      });

      it('needs every word: no placement is both about a cook and a kindergarten', async () => {
        expect((await placements('kokk barnehage')).ids).toEqual([]);
      });

      it('ignores case, and stop words such as "i" and "på"', async () => {
        expect(names((await placements('KOKK i kantina')).ids)).toEqual(['kokk']);
      });

      it('treats the last word as a prefix (search while typing)', async () => {
        expect(names((await placements('elektrikerlær')).ids)).toEqual(['elektriker']);
      });

      it.each([
        ['barnehgae', 'barnehage'],
        ['Solsikkn', 'barnehage'],
        ['butikmedarbeider', 'butikk'],
      ])('tolerates the typo "%s"', async (typo, expected) => {
        expect(names((await placements(typo)).ids)).toContain(expected);
      });

      it('ranks a title/occupation match above a description-only match', async () => {
        const hits = await placements('barnehage');
        expect(names(hits.ids)).toEqual(['barnehage', 'renhold']);
      });
    });

    describe('placements: filters', () => {
      it.each<[string, FacetFilter<PlacementFacet>, string[]]>([
        ['type', { type: ['LANGUAGE_PRACTICE'] }, ['barnehage', 'kjøkken']],
        ['sector', { sector: ['RESTAURANT'] }, ['kjøkken', 'kokk']],
        ['areaCode', { areaCode: ['OSLO-ALNA'] }, ['barnehage', 'butikk']],
        ['requiredOral NONE', { requiredOral: ['NONE'] }, ['butikk', 'kjøkken']],
        ['requiredOral levels (any of)', { requiredOral: ['A2', 'B1'] }, ['barnehage', 'helse', 'kokk', 'renhold']],
        ['status', { status: ['DRAFT'] }, ['helse', 'kjøkken']],
        ['several fields (all must hold)', { type: ['WORK_PRACTICE'], areaCode: ['OSLO-STOVNER'] }, ['helse']],
      ])('by %s', async (_what, filter, expected) => {
        const hits = await placements('', { filter });
        expect(sorted(hits.ids)).toEqual([...expected].sort());
        expect(hits.totalCount).toBe(expected.length);
      });

      it('combines filters with words', async () => {
        expect(names((await placements('sykehjem', { filter: { status: ['DRAFT'] } })).ids)).toEqual(['helse']);
      });
    });

    describe('placements: facets', () => {
      it('counts each facet over the matches of all other filters, so a chosen value does not hide its alternatives', async () => {
        const hits = await placements('', { filter: { type: ['LANGUAGE_PRACTICE'], status: ['OPEN', 'DRAFT'] } });
        expect(sorted(hits.ids)).toEqual(['barnehage', 'kjøkken']);
        expect(hits.totalCount).toBe(2);
        expect(hits.facets.type).toEqual({ LANGUAGE_PRACTICE: 2, WORK_PRACTICE: 2 });
        expect(hits.facets.status).toEqual({ OPEN: 1, DRAFT: 1 });
        expect(hits.facets.sector).toEqual({ KINDERGARTEN: 1, RESTAURANT: 1 });
        expect(hits.facets.areaCode).toEqual({ 'OSLO-ALNA': 1, 'OSLO-GRORUD': 1 });
        expect(hits.facets.requiredOral).toEqual({ A2: 1, NONE: 1 });
      });

      it('counts over the text matches only', async () => {
        const hits = await placements('sykehjem');
        expect(hits.facets.status).toEqual({ FILLED: 1, DRAFT: 1 });
        expect(hits.facets.areaCode).toEqual({ 'OSLO-STOVNER': 2 });
      });
    });

    describe('placements: sort and pages', () => {
      it('sorts newest first', async () => {
        expect(names((await placements('', { sort: SearchSort.NEWEST })).ids)).toEqual(['elektriker', 'kjøkken', 'helse', 'renhold', 'butikk', 'kokk', 'barnehage']);
      });

      it('sorts by start date, soonest first', async () => {
        expect(names((await placements('', { sort: SearchSort.START_DATE })).ids)).toEqual(['elektriker', 'kokk', 'butikk', 'barnehage', 'renhold', 'helse', 'kjøkken']);
      });

      it('sorts text matches strictly when asked to', async () => {
        expect(names((await placements('sykehjem', { sort: SearchSort.NEWEST })).ids)).toEqual(['helse', 'renhold']);
        expect(names((await placements('sykehjem', { sort: SearchSort.START_DATE })).ids)).toEqual(['renhold', 'helse']);
      });

      it('pages by offset with a stable total, without gaps or repeats', async () => {
        const pages = [];
        for (const offset of [0, 3, 6]) pages.push(await placements('', { sort: SearchSort.NEWEST, offset, limit: 3 }));
        expect(pages.map((p) => names(p.ids))).toEqual([['elektriker', 'kjøkken', 'helse'], ['renhold', 'butikk', 'kokk'], ['barnehage']]);
        expect(pages.map((p) => p.totalCount)).toEqual([7, 7, 7]);
      });

      it('serves an offset that is not a multiple of the page size', async () => {
        expect(names((await placements('', { sort: SearchSort.NEWEST, offset: 2, limit: 3 })).ids)).toEqual(['helse', 'renhold', 'butikk']);
      });

      it('returns nothing past the end, but still the total', async () => {
        const hits = await placements('', { offset: 7, limit: 5 });
        expect(hits.ids).toEqual([]);
        expect(hits.totalCount).toBe(7);
      });
    });

    describe('placements: visibility', () => {
      it('an employer sees its own placements only, drafts included, in totals and facets too', async () => {
        const hits = await placements('', { scope: { kind: 'EMPLOYER', employerId: w.employers.sykehjem } });
        expect(sorted(hits.ids)).toEqual(['helse', 'renhold']);
        expect(hits.totalCount).toBe(2);
        expect(hits.facets.status).toEqual({ FILLED: 1, DRAFT: 1 });
      });

      it('an office sees the published pool plus everything it owns, never another office’s drafts', async () => {
        const hits = await placements('', { scope: { kind: 'PUBLISHED_OR_OWN', organisationId: w.orgA } });
        expect(sorted(hits.ids)).toEqual(['barnehage', 'butikk', 'elektriker', 'helse', 'kokk', 'renhold']);
        expect(hits.totalCount).toBe(6);
        expect(hits.facets.status).toEqual({ OPEN: 2, PAUSED: 1, FILLED: 1, DRAFT: 1, CLOSED: 1 });
        expect(hits.facets.sector.RESTAURANT).toBe(1);
      });

      it('a draft is found by its owner and counts for nobody else', async () => {
        expect(names((await placements('kjøkkenassistent', { scope: { kind: 'PUBLISHED_OR_OWN', organisationId: w.orgB } })).ids)).toEqual(['kjøkken']);
        const hidden = await placements('kjøkkenassistent', { scope: { kind: 'PUBLISHED_OR_OWN', organisationId: w.orgA } });
        expect(hidden.ids).toEqual([]);
        expect(hidden.totalCount).toBe(0);
        expect(hidden.facets.status).toEqual({});
      });
    });

    describe('participants', () => {
      it('searches one unit only: the same name in another unit is not found', async () => {
        expect(names((await participants('Kovalenko', w.unit1)).ids)).toEqual(['olena-k']);
        expect(names((await participants('Kovalenko', w.unit2)).ids)).toEqual(['olena-k2']);
      });

      it('finds by name, wanted occupation and experience, wanted ranking above experience', async () => {
        expect(sorted((await participants('olena', w.unit1)).ids)).toEqual(['olena-k', 'olena-p']);
        expect(names((await participants('kokk', w.unit1)).ids)).toEqual(['ahmed']);
        expect(names((await participants('barnehageassistent', w.unit1)).ids)).toEqual(['olena-k', 'olena-p']);
      });

      it('tolerates a misspelt name', async () => {
        expect(names((await participants('Kovalneko', w.unit1)).ids)).toEqual(['olena-k']);
      });

      it('filters and counts facets (reachable areas per area)', async () => {
        const hits = await participants('', w.unit1, { filter: { status: ['ACTIVE', 'ON_LEAVE'] } });
        expect(sorted(hits.ids)).toEqual(['ahmed', 'olena-k', 'olena-p']);
        expect(hits.totalCount).toBe(3);
        expect(hits.facets.status).toEqual({ ACTIVE: 2, ON_LEAVE: 1, ARCHIVED: 1 });
        expect(hits.facets.finalGoal).toEqual({ WORK: 2, EDUCATION: 1 });
        expect(hits.facets.oralLevel).toEqual({ A2: 1, B1: 1, NONE: 1 });
        expect(hits.facets.reachableArea).toEqual({ 'OSLO-ALNA': 1, 'OSLO-GRORUD': 2, 'OSLO-STOVNER': 1 });
      });

      it.each<[string, FacetFilter<ParticipantFacet>, string[]]>([
        ['reachable area (any of)', { reachableArea: ['OSLO-ALNA'] }, ['mariam', 'olena-k']],
        ['oral level NONE', { oralLevel: ['NONE'] }, ['ahmed']],
        ['final goal', { finalGoal: ['WORK_AND_EDUCATION'] }, ['mariam']],
      ])('filters by %s', async (_what, filter, expected) => {
        expect(sorted((await participants('', w.unit1, { filter })).ids)).toEqual(expected);
      });

      it('lists the most recently changed first without words, and pages', async () => {
        expect(names((await participants('', w.unit1)).ids)).toEqual(['mariam', 'olena-p', 'ahmed', 'olena-k']);
        const second = await participants('', w.unit1, { offset: 2, limit: 2 });
        expect(names(second.ids)).toEqual(['ahmed', 'olena-k']);
        expect(second.totalCount).toBe(4);
      });
    });

    describe('writes', () => {
      it('scans every document with the version it was built from', async () => {
        const seen: IndexedVersion[] = [];
        for await (const batch of index.scanVersions('placement', 3)) {
          expect(batch.length).toBeLessThanOrEqual(3);
          seen.push(...batch);
        }
        expect(seen.map((v) => `${w.nameOf.get(v.id)}@${v.version}`).sort()).toEqual(Object.values(w.placements).map((d) => `${w.nameOf.get(d.id)}@${d.version}`).sort());
        const people: IndexedVersion[] = [];
        for await (const batch of index.scanVersions('participant', 100)) people.push(...batch);
        expect(people).toHaveLength(Object.keys(w.participants).length);
      });

      it('an upsert replaces the document: new status and employer name apply, the old name no longer matches', async () => {
        const changed = { ...w.placements.barnehage!, status: 'CLOSED', employerName: 'Regnbuen barnehage', version: w.placements.barnehage!.version + 1 };
        await index.upsertPlacements([changed]);
        expect(names((await placements('Regnbuen')).ids)).toEqual(['barnehage']);
        expect((await placements('Solsikken')).ids).toEqual([]);
        expect((await placements('barnehage', { scope: { kind: 'PUBLISHED_OR_OWN', organisationId: w.orgB } })).ids.map((id) => w.nameOf.get(id))).not.toContain('barnehage');
        const versions: IndexedVersion[] = [];
        for await (const batch of index.scanVersions('placement', 100)) versions.push(...batch);
        expect(versions.find((v) => v.id === changed.id)?.version).toBe(changed.version);
      });

      it('deletes documents: gone from hits, totals and facets; deleting twice is harmless', async () => {
        await index.deletePlacements([w.placements.butikk!.id]);
        await index.deletePlacements([w.placements.butikk!.id, randomUUID()]);
        expect((await placements('senter')).ids).toEqual([]);
        const all = await placements('');
        expect(all.totalCount).toBe(6);
        expect(all.facets.sector.RETAIL).toBeUndefined();
        await index.deleteParticipants([w.participants.ahmed!.id]);
        expect((await participants('kokk', w.unit1)).ids).toEqual([]);
      });

      it('upserting the same document twice keeps one copy', async () => {
        await index.upsertPlacements([w.placements.kokk!, w.placements.kokk!]);
        await index.upsertPlacements([w.placements.kokk!]);
        expect((await placements('kokk')).totalCount).toBe(1);
      });
    });
  });
}

// ── The contract, run against each engine ─────────────────────────────────────────────────────────────────────

/** PostgreSQL: a database of its own, built by the real migrations, so these documents never meet the e2e tests' index. */
describeSearchIndexContract('PostgreSQL', async () => {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro_test');
  const name = `${url.pathname.slice(1)}_search_contract`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: maintenanceUrl(url.toString()) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const dataSource = createDataSource(Object.assign(new URL(url), { pathname: `/${name}` }).toString());
  await dataSource.initialize();
  await runMigrations(dataSource);
  return {
    index: new PostgresSearchIndex(dataSource, true),
    cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
});

// Meilisearch cannot be installed on every machine: its run happens whenever a server answers at MEILI_URL
// (default http://127.0.0.1:7700) and is reported as skipped otherwise, never faked.
const meiliUrl = process.env.MEILI_URL || 'http://127.0.0.1:7700';
const meiliReachable = await fetch(`${meiliUrl}/health`, { signal: AbortSignal.timeout(1500) })
  .then((res) => res.ok)
  .catch(() => false);
if (!meiliReachable) process.stderr.write(`Meilisearch contract SKIPPED: no server answers at ${meiliUrl}/health\n`);

describeSearchIndexContract(
  `Meilisearch at ${meiliUrl}`,
  async () => {
    // Throw-away indexes per run, so runs sharing a server never see each other's documents.
    const index = new MeilisearchSearchIndex({ url: meiliUrl, apiKey: process.env.MEILI_KEY, indexPrefix: `contract-${randomUUID().slice(0, 8)}` });
    return { index, cleanup: () => index.dropIndexes() };
  },
  meiliReachable ? describe : describe.skip,
);

/** A small world of documents with names that say what they are about; ids are fresh per run. */
function world() {
  const orgA = randomUUID();
  const orgB = randomUUID();
  const unit1 = randomUUID();
  const unit2 = randomUUID();
  const employers = { solsikken: randomUUID(), fjordkantina: randomUUID(), kiwi: randomUUID(), sykehjem: randomUUID(), lys: randomUUID() };
  const nameOf = new Map<string, string>();
  const base = Date.parse('2025-06-01T10:00:00Z');
  let n = 0;
  const placement = (
    name: string,
    fields: { title: string; occupationCode: string; employerId: string; employerName: string; type: string; sector: string; areaCode: string; requiredOral: string | null; status: string; owner: string; startDate: string; tasks?: string[]; description?: string },
  ): PlacementDocument => {
    const id = randomUUID();
    nameOf.set(id, name);
    n++;
    return toPlacementDocument({
      id,
      title: fields.title,
      description: fields.description ?? '',
      tasks: fields.tasks ?? [],
      occupationCode: fields.occupationCode,
      type: fields.type,
      sector: fields.sector,
      areaCode: fields.areaCode,
      requiredOral: fields.requiredOral,
      status: fields.status,
      employerId: fields.employerId,
      employerName: fields.employerName,
      ownerOrganisationId: fields.owner,
      startDate: fields.startDate,
      // One day apart, in the order listed: the first is the oldest.
      createdAt: new Date(base + n * 86_400_000),
      version: (base + n * 86_400_000) * 1000 + 7,
    });
  };
  const placements: Record<string, PlacementDocument> = {
    barnehage: placement('barnehage', {
      title: 'Barnehageassistent', occupationCode: '5311', employerId: employers.solsikken, employerName: 'Solsikken barnehage',
      type: 'LANGUAGE_PRACTICE', sector: 'KINDERGARTEN', areaCode: 'OSLO-ALNA', requiredOral: 'A2', status: 'OPEN', owner: orgA, startDate: '2026-03-01',
      tasks: ['Lek og måltider med barna'], description: 'Hyggelig avdeling med gode kolleger',
    }),
    kokk: placement('kokk', {
      title: 'Kokk i kantina', occupationCode: '5120', employerId: employers.fjordkantina, employerName: 'Fjordkantina AS',
      type: 'WORK_PRACTICE', sector: 'RESTAURANT', areaCode: 'OSLO-GRORUD', requiredOral: 'B1', status: 'OPEN', owner: orgB, startDate: '2026-01-15',
      tasks: ['Lage lunsj til ansatte'], description: 'Stort kjøkken',
    }),
    butikk: placement('butikk', {
      title: 'Butikkmedarbeider', occupationCode: '5223', employerId: employers.kiwi, employerName: 'Kiwi Furuset',
      type: 'SUBSIDISED_JOB', sector: 'RETAIL', areaCode: 'OSLO-ALNA', requiredOral: null, status: 'PAUSED', owner: orgA, startDate: '2026-02-01',
      tasks: ['Fylle varer', 'Kasse'], description: 'Butikk i Furuset senter',
    }),
    renhold: placement('renhold', {
      title: 'Renholder på sykehjem', occupationCode: '9112', employerId: employers.sykehjem, employerName: 'Furuset sykehjem',
      type: 'JOB', sector: 'CLEANING', areaCode: 'OSLO-STOVNER', requiredOral: 'A2', status: 'FILLED', owner: orgB, startDate: '2026-04-01',
      description: 'Vi samarbeider med en barnehage i nærheten',
    }),
    helse: placement('helse', {
      title: 'Helsefagarbeider på sykehjem', occupationCode: '5321', employerId: employers.sykehjem, employerName: 'Furuset sykehjem',
      type: 'WORK_PRACTICE', sector: 'HEALTH_CARE', areaCode: 'OSLO-STOVNER', requiredOral: 'B1', status: 'DRAFT', owner: orgA, startDate: '2026-05-01',
    }),
    kjøkken: placement('kjøkken', {
      title: 'Kjøkkenassistent', occupationCode: '9412', employerId: employers.fjordkantina, employerName: 'Fjordkantina AS',
      type: 'LANGUAGE_PRACTICE', sector: 'RESTAURANT', areaCode: 'OSLO-GRORUD', requiredOral: null, status: 'DRAFT', owner: orgB, startDate: '2026-06-01',
    }),
    elektriker: placement('elektriker', {
      title: 'Elektrikerlærling', occupationCode: '7411', employerId: employers.lys, employerName: 'Lys og Kraft AS',
      type: 'JOB', sector: 'CONSTRUCTION', areaCode: '3403', requiredOral: 'B2', status: 'CLOSED', owner: orgA, startDate: '2025-12-01',
    }),
  };

  const participant = (
    name: string,
    fields: { organisationId: string; firstName: string; lastName: string; wanted: string[]; experience?: string[]; status: string; finalGoal: string; oralLevel: string | null; areas: string[] },
  ): ParticipantDocument => {
    const id = randomUUID();
    nameOf.set(id, name);
    n++;
    return toParticipantDocument({
      id,
      organisationId: fields.organisationId,
      firstName: fields.firstName,
      lastName: fields.lastName,
      wantedOccupations: fields.wanted,
      experienceOccupations: fields.experience ?? [],
      status: fields.status,
      finalGoal: fields.finalGoal,
      oralLevel: fields.oralLevel,
      reachableAreas: fields.areas,
      version: (base + n * 86_400_000) * 1000 + 3,
    });
  };
  const participants: Record<string, ParticipantDocument> = {
    'olena-k': participant('olena-k', { organisationId: unit1, firstName: 'Olena', lastName: 'Kovalenko', wanted: ['5311'], experience: ['9112'], status: 'ACTIVE', finalGoal: 'WORK', oralLevel: 'A2', areas: ['OSLO-ALNA', 'OSLO-GRORUD'] }),
    ahmed: participant('ahmed', { organisationId: unit1, firstName: 'Ahmed', lastName: 'Hassan', wanted: ['5120'], status: 'ACTIVE', finalGoal: 'EDUCATION', oralLevel: null, areas: ['OSLO-GRORUD'] }),
    'olena-p': participant('olena-p', { organisationId: unit1, firstName: 'Olena', lastName: 'Petrenko', wanted: ['5223'], experience: ['5311'], status: 'ON_LEAVE', finalGoal: 'WORK', oralLevel: 'B1', areas: ['OSLO-STOVNER'] }),
    mariam: participant('mariam', { organisationId: unit1, firstName: 'Mariam', lastName: 'Yusuf', wanted: ['5321'], status: 'ARCHIVED', finalGoal: 'WORK_AND_EDUCATION', oralLevel: 'A1', areas: ['OSLO-ALNA'] }),
    'olena-k2': participant('olena-k2', { organisationId: unit2, firstName: 'Olena', lastName: 'Kovalenko', wanted: ['5311'], status: 'ACTIVE', finalGoal: 'WORK', oralLevel: 'A2', areas: ['OSLO-ALNA'] }),
  };
  return { orgA, orgB, unit1, unit2, employers, placements, participants, nameOf };
}
