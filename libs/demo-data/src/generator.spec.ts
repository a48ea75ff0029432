import { CEFR_LEVELS, LANGUAGE_SKILLS, type LanguageSkill, SECTORS, WEEKDAYS } from '#lib/core';
import { isValidOrgNumber } from '#lib/employers';
import { AreaCatalogue } from '#lib/geo';
import { OccupationCatalogue } from '#lib/occupations';
import { currentLevels, type LanguageEvidence } from '#lib/participants';
import { generateDemoData } from './generate.js';
import { DEMO_USERS, type DemoDataset, type ParticipantRow, SCALES } from './model.js';
import { Rng } from './random.js';
import { CAREER_PATHS, SECTOR_PROFILES, WANTED_OCCUPATIONS } from './sectors.js';

const TODAY = '2025-03-15';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const LEVEL_COLUMNS: Readonly<Record<LanguageSkill, readonly [keyof ParticipantRow, keyof ParticipantRow]>> = {
  ORAL: ['oral_level', 'oral_source'],
  LISTENING: ['listening_level', 'listening_source'],
  READING: ['reading_level', 'reading_source'],
  WRITING: ['writing_level', 'writing_source'],
};

describe('demo data generator (pure part)', () => {
  const occupations = OccupationCatalogue.default();
  const areas = AreaCatalogue.default();
  let data: DemoDataset;

  beforeAll(() => {
    data = generateDemoData({ scale: 'demo', seed: 7, today: TODAY });
  });

  it('is deterministic: same seed and date give identical rows, ids included', () => {
    const again = generateDemoData({ scale: 'demo', seed: 7, today: TODAY });
    expect(again).toEqual(data);
    const other = generateDemoData({ scale: 'demo', seed: 8, today: TODAY });
    expect(other.participants[0]!.id).not.toBe(data.participants[0]!.id);
    expect(other.employers.map((e) => e.org_number)).not.toEqual(data.employers.map((e) => e.org_number));
  });

  it('keeps entity ids stable when only the reference date changes', () => {
    const later = generateDemoData({ scale: 'demo', seed: 7, today: '2025-09-01' });
    expect(later.organisations.map((o) => o.id)).toEqual(data.organisations.map((o) => o.id));
    expect(later.users.map((u) => u.email)).toEqual(data.users.map((u) => u.email));
    expect(later.employers.map((e) => e.id)).toEqual(data.employers.map((e) => e.id));
    expect(later.participants.map((p) => p.id)).toEqual(data.participants.map((p) => p.id));
    expect(later.placements.map((p) => p.id)).toEqual(data.placements.map((p) => p.id));
  });

  it('has a seeded PRNG that repeats and produces v4 UUIDs', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 5 }, () => a.uuid());
    expect(Array.from({ length: 5 }, () => b.uuid())).toEqual(xs);
    for (const id of xs) expect(id).toMatch(UUID_V4);
  });

  it('produces the demo scale and unique v4 ids per table', () => {
    expect(data.participants).toHaveLength(SCALES.demo.participants);
    expect(data.employers).toHaveLength(SCALES.demo.employers);
    expect(data.placements).toHaveLength(SCALES.demo.placements);
    const tables = [data.organisations, data.users, data.employers, data.employerSites, data.employerContacts, data.participants, data.languageAssessments, data.consents, data.placements];
    for (const rows of tables) {
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(UUID_V4);
    }
    const emails = data.users.map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('gives every employer a unique, valid organisation number (mod 11)', () => {
    const numbers = data.employers.map((e) => e.org_number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(isValidOrgNumber(n)).toBe(true);
  });

  it('stores the current level per skill as the latest assessment (ties: stronger source)', () => {
    const bySubject = new Map<string, LanguageEvidence[]>();
    for (const a of data.languageAssessments) {
      const list = bySubject.get(a.participant_id) ?? [];
      list.push({ skill: a.skill, level: a.level, source: a.source, assessedOn: a.assessed_on });
      bySubject.set(a.participant_id, list);
    }
    let withHistory = 0;
    for (const p of data.participants) {
      const history = bySubject.get(p.id) ?? [];
      if (history.length > 0) withHistory++;
      const current = currentLevels(history);
      for (const skill of LANGUAGE_SKILLS) {
        const [levelColumn, sourceColumn] = LEVEL_COLUMNS[skill];
        expect([p.id, skill, p[levelColumn] ?? null, p[sourceColumn] ?? null]).toEqual([p.id, skill, current[skill]?.level ?? null, current[skill]?.source ?? null]);
      }
      // History improves over time: never a lower level later for the same skill.
      for (const skill of LANGUAGE_SKILLS) {
        const ranks = history
          .filter((h) => h.skill === skill)
          .sort((x, y) => x.assessedOn.localeCompare(y.assessedOn))
          .map((h) => CEFR_LEVELS.indexOf(h.level));
        for (let i = 1; i < ranks.length; i++) expect(ranks[i]!).toBeGreaterThanOrEqual(ranks[i - 1]!);
      }
    }
    expect(withHistory).toBeGreaterThan(data.participants.length * 0.8);
    for (const a of data.languageAssessments) expect(a.assessed_on < TODAY).toBe(true);
  });

  it('only uses occupation codes from the STYRK-08 catalogue', () => {
    const codes = new Set<string>();
    for (const p of data.participants) {
      p.wanted_occupations.forEach((c) => codes.add(c));
      p.long_term_occupations.forEach((c) => codes.add(c));
      p.experience.forEach((e) => codes.add(e.occupationCode));
    }
    data.placements.forEach((p) => codes.add(p.occupation_code));
    WANTED_OCCUPATIONS.forEach(([c]) => codes.add(c));
    Object.entries(CAREER_PATHS).forEach(([from, to]) => [from, ...to].forEach((c) => codes.add(c)));
    SECTOR_PROFILES.forEach((s) => s.roles.forEach((r) => codes.add(r.occupation)));
    const unknown = [...codes].filter((c) => !occupations.isValidCode(c));
    expect(unknown).toEqual([]);
    // Wishes mostly use occupations with Norwegian synonyms (the relevant, searchable ones).
    const wanted = data.participants.flatMap((p) => p.wanted_occupations);
    const withSynonyms = wanted.filter((c) => occupations.get(c)!.synonymsNb.length > 0).length;
    expect(withSynonyms / wanted.length).toBeGreaterThan(0.9);
  });

  it('lets every participant reach their own area, and only known areas', () => {
    const unitArea = new Map(data.organisations.map((o) => [o.id, o.area_code] as const));
    for (const p of data.participants) {
      const own = unitArea.get(p.organisation_id);
      expect(own).toBeTruthy();
      expect(p.reachable_areas[0]).toBe(own);
      for (const code of p.reachable_areas) expect(areas.has(code)).toBe(true);
      for (const d of p.available_weekdays) expect(WEEKDAYS).toContain(d);
      expect(p.hours_per_week).toBeGreaterThanOrEqual(8);
      expect(p.hours_per_week).toBeLessThanOrEqual(30);
      expect(p.birth_year).toBeGreaterThanOrEqual(2025 - 55);
      expect(p.birth_year).toBeLessThanOrEqual(2025 - 18);
      for (const s of [...p.sectors_of_interest, ...p.sectors_refused]) expect(SECTORS).toContain(s);
      expect(p.sectors_of_interest.filter((s) => p.sectors_refused.includes(s))).toEqual([]);
      if (p.preferred_languages[0] === 'ukrainsk') expect(p.protection_basis).toBe('COLLECTIVE_PROTECTION');
      if (p.programme_start && p.programme_end) expect(p.programme_end > p.programme_start).toBe(true);
    }
  });

  it('keeps references consistent (foreign keys resolve in memory)', () => {
    const orgs = new Map(data.organisations.map((o) => [o.id, o] as const));
    const users = new Map(data.users.map((u) => [u.id, u] as const));
    const employers = new Set(data.employers.map((e) => e.id));
    const sites = new Map(data.employerSites.map((s) => [s.id, s] as const));
    const participants = new Set(data.participants.map((p) => p.id));
    for (const o of data.organisations) {
      if (o.nav_office_id) expect(orgs.get(o.nav_office_id)?.kind).toBe('NAV_OFFICE');
      if (o.kind === 'INTRODUCTION_UNIT') expect(o.nav_office_id).not.toBeNull();
      if (o.employer_id) expect(employers.has(o.employer_id)).toBe(true);
    }
    for (const u of data.users) expect(orgs.has(u.organisation_id)).toBe(true);
    for (const e of data.employers) {
      if (e.owner_office_id) expect(orgs.get(e.owner_office_id)?.kind).toBe('NAV_OFFICE');
      expect(users.get(e.created_by_id)?.role).toBe('MARKET_CONTACT');
    }
    for (const s of data.employerSites) expect(employers.has(s.employer_id) && areas.has(s.area_code)).toBe(true);
    for (const p of data.participants) {
      expect(orgs.get(p.organisation_id)?.kind).toBe('INTRODUCTION_UNIT');
      if (p.advisor_id) expect(users.get(p.advisor_id)).toMatchObject({ role: 'ADVISOR', organisation_id: p.organisation_id });
    }
    for (const a of data.languageAssessments) expect(participants.has(a.participant_id) && users.has(a.recorded_by_id)).toBe(true);
    for (const c of data.consents) expect(participants.has(c.participant_id) && users.has(c.recorded_by_id)).toBe(true);
    const links = data.participantTeachers.map((t) => `${t.participant_id}|${t.teacher_id}`);
    expect(new Set(links).size).toBe(links.length);
    for (const t of data.participantTeachers) expect(users.get(t.teacher_id)?.role).toBe('TEACHER');
    for (const p of data.placements) {
      const site = sites.get(p.site_id)!;
      expect(site.employer_id).toBe(p.employer_id);
      expect(p.area_code).toBe(site.area_code);
      expect(orgs.has(p.owner_organisation_id)).toBe(true);
      expect(users.get(p.posted_by_id)).toBeDefined();
      if (p.end_date) expect(p.end_date >= p.start_date).toBe(true);
      if (p.pairing) expect(p.capacity).toBeGreaterThanOrEqual(2);
      expect(p.weekdays.length).toBeGreaterThan(0);
    }
  });

  it('always creates the fixed demo users in the right places', () => {
    const orgs = new Map(data.organisations.map((o) => [o.id, o] as const));
    const byEmail = new Map(data.users.map((u) => [u.email, u] as const));
    const orgOf = (email: string) => orgs.get(byEmail.get(email)!.organisation_id)!;
    for (const [role, email] of Object.entries(DEMO_USERS)) expect(byEmail.get(email)?.role).toBe(role);
    expect(orgOf(DEMO_USERS.ADVISOR).name).toBe('Introduksjonsenheten Bydel Alna');
    expect(orgOf(DEMO_USERS.MARKET_CONTACT).name).toBe('NAV Alna');
    expect(orgOf(DEMO_USERS.TEACHER).name).toBe('Oslo voksenopplæring Rosenhof');
    expect(orgOf(DEMO_USERS.ADMIN).kind).toBe('OPERATOR');

    const employerOrg = orgOf(DEMO_USERS.EMPLOYER);
    const employer = data.employers.find((e) => e.id === employerOrg.employer_id)!;
    expect(employer.sector).toBe('KINDERGARTEN');
    expect(orgs.get(employer.owner_office_id!)?.name).toBe('NAV Alna');
    expect(data.placements.filter((p) => p.employer_id === employer.id && p.status === 'OPEN').length).toBeGreaterThanOrEqual(2);

    const teacher = byEmail.get(DEMO_USERS.TEACHER)!;
    const followed = data.participantTeachers.filter((t) => t.teacher_id === teacher.id).map((t) => t.participant_id);
    expect(followed).toHaveLength(10);
    const alna = orgOf(DEMO_USERS.ADVISOR).id;
    for (const id of followed) expect(data.participants.find((p) => p.id === id)?.organisation_id).toBe(alna);
  });

  it('looks like the introduction programme', () => {
    const share = (pred: (p: ParticipantRow) => boolean): number => data.participants.filter(pred).length / data.participants.length;
    expect(share((p) => p.preferred_languages[0] === 'ukrainsk')).toBeGreaterThan(0.35);
    expect(share((p) => p.status === 'ACTIVE')).toBeGreaterThan(0.75);
    expect(share((p) => p.available_weekdays.length === 2)).toBeGreaterThan(0.5);
    expect(share((p) => p.oral_level === 'A1' || p.oral_level === 'A2')).toBeGreaterThan(0.5);
    expect(share((p) => p.oral_level === 'B2' || p.oral_level === 'C1')).toBeLessThan(0.1);
    const consented = new Set(data.consents.filter((c) => c.scope === 'PROPOSE_TO_EMPLOYERS').map((c) => c.participant_id));
    expect(consented.size / data.participants.length).toBeGreaterThan(0.7);
    // Municipal kindergartens ask for B1 on all sub-tests in work practice.
    const kindergartenWork = data.placements.filter((p) => p.sector === 'KINDERGARTEN' && p.type === 'WORK_PRACTICE' && p.occupation_code === '5311');
    for (const p of kindergartenWork) expect(['A2', 'B1']).toContain(p.required_oral);
    const organisationKinds = new Set(data.organisations.map((o) => o.kind));
    expect([...organisationKinds].sort()).toEqual(['EMPLOYER', 'INTRODUCTION_UNIT', 'LEARNING_CENTRE', 'NAV_OFFICE', 'OPERATOR']);
    expect(data.organisations.filter((o) => o.kind === 'INTRODUCTION_UNIT' && o.municipality === 'Oslo')).toHaveLength(15);
  });
});
