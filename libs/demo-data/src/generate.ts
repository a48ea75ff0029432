/**
 * Pure generation of the demo data set: no I/O, no clock unless `today` is omitted. Each table draws from its own
 * seeded stream, so the same seed and date always give the same rows, ids included.
 */
import { OrganisationKind, Role } from '#lib/access';
import { type CefrLevel, CEFR_LEVELS, type EvidenceSource, type LanguageSkill, type Sector, SECTORS, type Weekday } from '#lib/core';
import { withCheckDigit } from '#lib/employers';
import { type Area, AreaCatalogue } from '#lib/geo';
import { OccupationCatalogue } from '#lib/occupations';
import { currentLevels } from '#lib/participants';
import { addDays, fromDay, timestampOn, toDay, todayIso } from './dates.js';
import {
  type ConstraintsJson,
  type ConsentRow,
  DEFAULT_SEED,
  DEMO_USERS,
  type DemoDataset,
  type EducationJson,
  type EmployerContactRow,
  type EmployerRow,
  type EmployerSiteRow,
  type ExperienceJson,
  type FinalGoalName,
  type GenerateOptions,
  type LanguageAssessmentRow,
  type OrganisationRow,
  type ParticipantRow,
  type ParticipantStatusName,
  type ParticipantTeacherRow,
  type PlacementRow,
  SCALES,
  type UserRow,
} from './model.js';
import {
  DIVERSE_STAFF,
  type EducationLevelName,
  FAMILY_NOTES,
  HEALTH_LIMITATIONS,
  NORWEGIAN_FEMALE,
  NORWEGIAN_MALE,
  NORWEGIAN_SURNAMES,
  type Origin,
  ORIGINS,
} from './names.js';
import {
  AREA_FLAVOUR,
  type AreaFlavour,
  DEMO_INNLANDET,
  GENERIC_STREETS,
  INNLANDET_UNIT_PREFIX,
  NAV_OFFICE_HOST,
  OSLO_LEARNING_CENTRES,
  STREET_SUFFIXES,
} from './places.js';
import { deriveSeed, Rng, type Weighted } from './random.js';
import {
  CAREER_PATHS,
  CERTIFICATES,
  type PlacementTypeName,
  type Requirement,
  type RoleTemplate,
  SECTOR_PROFILES,
  type SectorProfile,
  sectorProfile,
  WANTED_OCCUPATIONS,
} from './sectors.js';

const WORKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI'];
const SKILLS: readonly LanguageSkill[] = ['ORAL', 'LISTENING', 'READING', 'WRITING'];
const DEMO_DOMAIN = 'demo.praksisbro.no';

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** Folds a name to an e-mail/host friendly ASCII slug ("Grünerløkka" → "grunerlokka"). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const level = (rank: number): CefrLevel => CEFR_LEVELS[clamp(Math.round(rank), 0, CEFR_LEVELS.length - 1)]!;
const rankOf = (l: CefrLevel): number => CEFR_LEVELS.indexOf(l);
const sortDays = (days: readonly Weekday[]): Weekday[] => [...days].sort((a, b) => WORKDAYS.indexOf(a) - WORKDAYS.indexOf(b));
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Weighted choice among many items in O(log n): cumulative weights and binary search. */
class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(private readonly items: readonly T[], weight: (item: T) => number) {
    for (const item of items) {
      this.total += Math.max(0, weight(item));
      this.cumulative.push(this.total);
    }
    if (this.total <= 0) throw new Error('WeightedTable needs a positive total weight');
  }

  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Unique e-mail addresses: a number is appended on collision. */
class EmailBook {
  private readonly used = new Set<string>();
  /** Next number to try per base address, so common names do not probe from 2 every time. */
  private readonly next = new Map<string, number>();

  claim(local: string, domain: string): string {
    const base = slug(local).replace(/-/g, '.') || 'bruker';
    const key = `${base}@${domain}`;
    let candidate = key;
    let n = this.next.get(key) ?? 2;
    if (this.used.has(candidate)) {
      do candidate = `${base}${n++}@${domain}`;
      while (this.used.has(candidate));
    }
    this.next.set(key, n);
    this.used.add(candidate);
    return candidate;
  }

  reserve(email: string): void {
    this.used.add(email);
  }
}

function phoneNumber(rng: Rng): string {
  const first = rng.pick(['4', '9']);
  return `+47 ${first}${rng.int(0, 9)}${rng.int(0, 9)} ${rng.int(10, 99)} ${rng.int(100, 999)}`;
}

function staffName(rng: Rng): string {
  if (rng.chance(0.12)) {
    const [first, last] = rng.pick(DIVERSE_STAFF);
    return `${first} ${last}`;
  }
  const first = rng.chance(0.62) ? rng.pick(NORWEGIAN_FEMALE) : rng.pick(NORWEGIAN_MALE);
  return `${first} ${rng.pick(NORWEGIAN_SURNAMES)}`;
}

function flavourOf(area: Area): AreaFlavour {
  return AREA_FLAVOUR[area.code] ?? { places: [area.name], postcodes: [['0000', area.municipality]], weight: 0.5 };
}

// ---------------------------------------------------------------------------------------------------------------
// Context shared by the sections

interface NavOffice {
  readonly org: OrganisationRow;
  readonly marketContacts: UserRow[];
}

interface LearningCentre {
  readonly org: OrganisationRow;
  readonly teachers: UserRow[];
  readonly served: number;
}

interface Unit {
  readonly org: OrganisationRow;
  readonly area: Area;
  readonly nav: NavOffice;
  readonly centre: LearningCentre;
  readonly participantCount: number;
  readonly advisors: UserRow[];
  readonly caseload: WeightedTable<UserRow>;
}

interface EmployerInfo {
  readonly row: EmployerRow;
  readonly profile: SectorProfile;
  readonly municipal: boolean;
  readonly sites: EmployerSiteRow[];
  readonly homeArea: Area;
  readonly user: UserRow | null;
}

interface ParticipantInfo {
  readonly row: ParticipantRow;
  readonly unit: Unit;
}

class Context {
  readonly catalogue = AreaCatalogue.default();
  readonly occupations = OccupationCatalogue.default();
  readonly emails = new EmailBook();
  readonly todayDay: number;
  readonly yesterday: number;
  readonly areas: readonly Area[];
  readonly organisations: OrganisationRow[] = [];
  readonly users: UserRow[] = [];
  readonly navByName = new Map<string, NavOffice>();
  readonly units = new Map<string, Unit>();
  readonly centres: LearningCentre[] = [];
  /** Areas within reach of each area, nearest first (own area first). */
  private readonly neighbours = new Map<string, readonly (readonly [string, number])[]>();
  readonly fixed: {
    advisor?: UserRow;
    market?: UserRow;
    teacher?: UserRow;
    employerUser?: UserRow;
    admin?: UserRow;
  } = {};

  constructor(readonly seed: number, readonly today: string, readonly scale: GenerateOptions['scale']) {
    this.todayDay = toDay(today);
    this.yesterday = this.todayDay - 1;
    const all = this.catalogue.all();
    const innlandet = new Set<string>(DEMO_INNLANDET);
    this.areas = scale === 'national' ? all : all.filter((a) => a.kind === 'DISTRICT' || innlandet.has(a.code));
    for (const a of all) {
      const list = all
        .map((b) => [b.code, this.catalogue.distanceKm(a.code, b.code) ?? Infinity] as const)
        .sort((x, y) => x[1] - y[1] || (x[0] === a.code ? -1 : y[0] === a.code ? 1 : x[0].localeCompare(y[0])));
      this.neighbours.set(a.code, list);
    }
  }

  rng(label: string): Rng {
    return new Rng(deriveSeed(this.seed, label));
  }

  /** Area codes within `km` of the area, the area itself first. */
  within(code: string, km: number): string[] {
    return (this.neighbours.get(code) ?? []).filter(([c, d]) => c === code || d <= km).map(([c]) => c);
  }

  selectedWithin(code: string, km: number): Area[] {
    const selected = new Set(this.areas.map((a) => a.code));
    return this.within(code, km)
      .filter((c) => selected.has(c))
      .map((c) => this.catalogue.get(c)!);
  }

  unitOf(areaCode: string): Unit {
    const unit = this.units.get(areaCode);
    if (!unit) throw new Error(`No introduction unit for ${areaCode}`);
    return unit;
  }

  navOf(areaCode: string): NavOffice {
    const area = this.catalogue.get(areaCode);
    const nav = area && this.navByName.get(area.navOffice);
    if (!nav) throw new Error(`No NAV office for ${areaCode}`);
    return nav;
  }

  timestamp(rng: Rng, day: number): string {
    return timestampOn(Math.min(day, this.yesterday), rng.int(7 * 60, 16 * 60));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Organisations and staff

/** Splits `total` over items by weight (largest remainder), so counts add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const counts = raw.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}

function buildOrganisations(ctx: Context, participantTotal: number): void {
  const rng = ctx.rng('organisations');
  const ids = ctx.rng('ids:organisations');
  const userRng = ctx.rng('staff');
  const userIds = ctx.rng('ids:users');
  const createdAt = (): string => ctx.timestamp(rng, ctx.todayDay - rng.int(400, 1100));

  const org = (name: string, kind: OrganisationKind, area: Area | null, municipality: string, navOfficeId: string | null = null): OrganisationRow => {
    const row: OrganisationRow = { id: ids.uuid(), name, kind, area_code: area?.code ?? null, municipality, nav_office_id: navOfficeId, employer_id: null, created_at: createdAt() };
    ctx.organisations.push(row);
    return row;
  };
  const user = (role: Role, organisation: OrganisationRow, name?: string, email?: string): UserRow => {
    const fullName = name ?? staffName(userRng);
    const address = email ?? ctx.emails.claim(fullName, `${slug(organisation.name)}.${DEMO_DOMAIN}`);
    if (email) ctx.emails.reserve(email);
    const row: UserRow = {
      id: userIds.uuid(),
      email: address,
      name: fullName,
      role,
      organisation_id: organisation.id,
      language: email ? 'nb' : userRng.chance(0.06) ? 'en' : 'nb',
      active: email ? true : !userRng.chance(0.02),
      created_at: ctx.timestamp(userRng, ctx.todayDay - userRng.int(60, 1000)),
    };
    ctx.users.push(row);
    return row;
  };

  // The operator and its administrator.
  const operator = org('Praksisbro drift', OrganisationKind.OPERATOR, null, 'Oslo');
  ctx.fixed.admin = user(Role.ADMIN, operator, 'Praksisbro administrator', DEMO_USERS.ADMIN);

  // NAV offices (each once) with 2–4 market contacts.
  for (const area of ctx.areas) {
    if (ctx.navByName.has(area.navOffice)) continue;
    const host = ctx.catalogue.get(NAV_OFFICE_HOST[area.navOffice] ?? area.code) ?? area;
    const row = org(area.navOffice, OrganisationKind.NAV_OFFICE, host, host.municipality);
    const nav: NavOffice = { org: row, marketContacts: [] };
    if (area.navOffice === 'NAV Alna') {
      ctx.fixed.market = user(Role.MARKET_CONTACT, row, 'Jonas Berg', DEMO_USERS.MARKET_CONTACT);
      nav.marketContacts.push(ctx.fixed.market);
    }
    const extra = Math.max(0, userRng.int(2, 4) - nav.marketContacts.length);
    for (let i = 0; i < extra; i++) nav.marketContacts.push(user(Role.MARKET_CONTACT, row));
    ctx.navByName.set(area.navOffice, nav);
  }

  // Participants per area, by settlement weight.
  const counts = apportion(participantTotal, ctx.areas.map((a) => flavourOf(a).weight));
  const countByArea = new Map(ctx.areas.map((a, i) => [a.code, counts[i]!] as const));

  // Learning centres: Oslo has a few large ones; in Innlandet one per NAV region, in the host municipality.
  const centreOf = new Map<string, LearningCentre>();
  const osloCentres = OSLO_LEARNING_CENTRES.slice(0, ctx.scale === 'national' ? OSLO_LEARNING_CENTRES.length : 3);
  const osloAreas = ctx.areas.filter((a) => a.kind === 'DISTRICT');
  const osloCentreRows = osloCentres.map(([name, code]) => ({ row: org(name, OrganisationKind.LEARNING_CENTRE, ctx.catalogue.get(code)!, 'Oslo'), code }));
  const osloServed = new Map<string, Area[]>();
  for (const area of osloAreas) {
    const nearest = [...osloCentreRows].sort((x, y) => (ctx.catalogue.distanceKm(area.code, x.code) ?? 0) - (ctx.catalogue.distanceKm(area.code, y.code) ?? 0))[0]!;
    osloServed.set(nearest.row.id, [...(osloServed.get(nearest.row.id) ?? []), area]);
  }
  const innlandetServed = new Map<string, Area[]>();
  for (const area of ctx.areas.filter((a) => a.kind === 'MUNICIPALITY')) {
    innlandetServed.set(area.navOffice, [...(innlandetServed.get(area.navOffice) ?? []), area]);
  }
  const addCentre = (row: OrganisationRow, served: readonly Area[]): void => {
    const participants = served.reduce((sum, a) => sum + (countByArea.get(a.code) ?? 0), 0);
    const centre: LearningCentre = { org: row, teachers: [], served: participants };
    if (row.name === 'Oslo voksenopplæring Rosenhof') {
      ctx.fixed.teacher = user(Role.TEACHER, row, 'Hilde Solberg', DEMO_USERS.TEACHER);
      centre.teachers.push(ctx.fixed.teacher);
    }
    const wanted = Math.max(2, Math.round(participants / 40));
    while (centre.teachers.length < wanted) centre.teachers.push(user(Role.TEACHER, row));
    ctx.centres.push(centre);
    for (const a of served) centreOf.set(a.code, centre);
  };
  for (const { row } of osloCentreRows) addCentre(row, osloServed.get(row.id) ?? []);
  for (const [navOffice, served] of innlandetServed) {
    const host = ctx.catalogue.get(NAV_OFFICE_HOST[navOffice] ?? served[0]!.code) ?? served[0]!;
    addCentre(org(`Voksenopplæringen ${host.name}`, OrganisationKind.LEARNING_CENTRE, host, host.municipality), served);
  }

  // Introduction units with advisors: about 1 per 25–35 participants; a few units are understaffed (40+).
  for (const area of ctx.areas) {
    const nav = ctx.navByName.get(area.navOffice)!;
    const name =
      area.kind === 'DISTRICT'
        ? `Introduksjonsenheten Bydel ${area.name}`
        : `${area.code === '3403' ? 'Flyktningtjenesten' : rng.pick(INNLANDET_UNIT_PREFIX)} ${area.name}`;
    const row = org(name, OrganisationKind.INTRODUCTION_UNIT, area, area.municipality, nav.org.id);
    const participants = countByArea.get(area.code) ?? 0;
    // The fixed demo advisor (Alna) has an ordinary caseload; Stovner and Hamar always show the caseload problem.
    const understaffed = area.code === 'OSLO-STOVNER' || area.code === '3403' || (area.code !== 'OSLO-ALNA' && rng.chance(0.15));
    const perAdvisor = area.code === 'OSLO-ALNA' ? 30 : understaffed ? rng.int(41, 46) : rng.int(25, 35);
    const advisors: UserRow[] = [];
    if (area.code === 'OSLO-ALNA') {
      ctx.fixed.advisor = user(Role.ADVISOR, row, 'Marte Kristiansen', DEMO_USERS.ADVISOR);
      advisors.push(ctx.fixed.advisor);
    }
    const wanted = Math.max(1, Math.round(participants / perAdvisor));
    while (advisors.length < wanted) advisors.push(user(Role.ADVISOR, row));
    const caseload = new WeightedTable(advisors, () => rng.float(0.85, 1.15));
    ctx.units.set(area.code, { org: row, area, nav, centre: centreOf.get(area.code)!, participantCount: participants, advisors, caseload });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Employers

function uniqueOrgNumber(rng: Rng, used: Set<string>): string {
  for (;;) {
    const first8 = `${rng.pick(['8', '9'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    const orgnr = withCheckDigit(first8);
    if (orgnr && !used.has(orgnr)) {
      used.add(orgnr);
      return orgnr;
    }
  }
}

function address(rng: Rng, area: Area, place: string): string {
  const flavour = flavourOf(area);
  const suffixes = area.kind === 'DISTRICT' ? STREET_SUFFIXES.filter((s) => s !== 'vegen') : STREET_SUFFIXES;
  const street = /^[A-ZÆØÅ][a-zæøå]+$/.test(place) && rng.chance(0.45) ? `${place}${rng.pick(suffixes)}` : rng.pick(GENERIC_STREETS);
  const [postcode, town] = rng.pick(flavour.postcodes);
  return `${street} ${rng.int(1, 120)}, ${postcode} ${town}`;
}

function jitter(rng: Rng, area: Area): readonly [number, number] {
  const oslo = area.kind === 'DISTRICT';
  const lat = area.lat + rng.normal(oslo ? 0.005 : 0.012);
  const lon = area.lon + rng.normal(oslo ? 0.009 : 0.024);
  return [Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5];
}

interface EmployerTables {
  readonly employers: EmployerRow[];
  readonly sites: EmployerSiteRow[];
  readonly contacts: EmployerContactRow[];
  readonly infos: EmployerInfo[];
}

function buildEmployers(ctx: Context, total: number): EmployerTables {
  const rng = ctx.rng('employers');
  const ids = ctx.rng('ids:employers');
  const siteIds = ctx.rng('ids:employer_sites');
  const contactIds = ctx.rng('ids:employer_contacts');
  const orgIds = ctx.rng('ids:employer_organisations');
  const userIds = ctx.rng('ids:employer_users');
  const usedOrgNumbers = new Set<string>();
  const usedNames = new Set<string>();
  const out: EmployerTables = { employers: [], sites: [], contacts: [], infos: [] };

  const areaTable = new WeightedTable(ctx.areas, (a) => flavourOf(a).weight * 0.5 + (a.kind === 'DISTRICT' ? 2 : 0.5));

  const make = (
    profile: SectorProfile,
    home: Area,
    place: string,
    named: { name: string; municipal: boolean; description: string | null },
    opts: { ownerNav?: NavOffice | null; createdBy?: UserRow; withUser?: { name: string; email: string; title: string } | boolean } = {},
  ): EmployerInfo => {
    let name = named.name;
    for (let n = 2; usedNames.has(name); n++) name = `${named.name} (avd. ${n})`;
    usedNames.add(name);

    const homeNav = ctx.navOf(home.code);
    const ownerNav = opts.ownerNav === undefined ? (rng.chance(0.88) ? homeNav : null) : opts.ownerNav;
    const creator = opts.createdBy ?? rng.pick((ownerNav ?? homeNav).marketContacts);
    const createdDay = ctx.todayDay - rng.int(30, 1000);
    const archived = opts.withUser === undefined && rng.chance(0.015);
    const row: EmployerRow = {
      id: ids.uuid(),
      org_number: uniqueOrgNumber(rng, usedOrgNumbers),
      name,
      sector: profile.sector,
      description: named.description,
      owner_office_id: ownerNav?.org.id ?? null,
      archived_at: archived ? ctx.timestamp(rng, ctx.todayDay - rng.int(1, 25)) : null,
      created_by_id: creator.id,
      created_at: ctx.timestamp(rng, createdDay),
      updated_at: ctx.timestamp(rng, createdDay + rng.int(0, Math.max(0, ctx.yesterday - createdDay))),
    };
    out.employers.push(row);

    // Sites: the first at home, further ones in nearby areas (chains, home care zones, cleaning customers).
    const fixedUser = typeof opts.withUser === 'object' ? opts.withUser : null;
    const siteCount = fixedUser ? 1 : rng.chance(profile.multiSite) ? rng.weighted<number>([[2, 3], [3, 1]]) : 1;
    const nearby = ctx.selectedWithin(home.code, home.kind === 'DISTRICT' ? 8 : 30);
    const sites: EmployerSiteRow[] = [];
    for (let i = 0; i < siteCount; i++) {
      const area = i === 0 ? home : rng.pick(nearby);
      const sitePlace = i === 0 ? place : rng.pick(flavourOf(area).places);
      const [latitude, longitude] = jitter(rng, area);
      const site: EmployerSiteRow = {
        id: siteIds.uuid(),
        employer_id: row.id,
        name: siteCount === 1 ? name : `${name} – ${sitePlace}${i > 0 && sitePlace === place ? ` ${i + 1}` : ''}`,
        address: address(rng, area, sitePlace),
        area_code: area.code,
        latitude,
        longitude,
        created_at: row.created_at,
      };
      sites.push(site);
      out.sites.push(site);
    }

    // Contacts: 1–2 named people.
    const contactCount = rng.chance(0.3) ? 2 : 1;
    const contacts: EmployerContactRow[] = [];
    for (let i = 0; i < contactCount; i++) {
      const personName = i === 0 && fixedUser ? fixedUser.name : staffName(rng);
      const contact: EmployerContactRow = {
        id: contactIds.uuid(),
        employer_id: row.id,
        site_id: i === 0 ? (rng.chance(0.7) ? sites[0]!.id : null) : sites[Math.min(i, sites.length - 1)]!.id,
        name: personName,
        title: i === 0 && fixedUser ? fixedUser.title : rng.chance(0.9) ? rng.pick(profile.contactTitles) : null,
        email: i === 0 && fixedUser ? fixedUser.email : rng.chance(0.92) ? ctx.emails.claim(personName, `${slug(name)}.${DEMO_DOMAIN}`) : null,
        phone: rng.chance(0.85) ? phoneNumber(rng) : null,
        language: rng.chance(profile.sector === 'IT' || profile.sector === 'HOTEL' ? 0.2 : 0.04) ? 'en' : 'nb',
        created_at: row.created_at,
      };
      contacts.push(contact);
      out.contacts.push(contact);
    }

    // About 30% have their own login: an EMPLOYER organisation for the orgnr identity and one user.
    let user: UserRow | null = null;
    const wantsUser = opts.withUser === undefined ? !archived && rng.chance(0.3) : opts.withUser !== false;
    if (wantsUser) {
      const orgRow: OrganisationRow = {
        id: orgIds.uuid(),
        name,
        kind: OrganisationKind.EMPLOYER,
        area_code: home.code,
        municipality: home.municipality,
        nav_office_id: null,
        employer_id: row.id,
        created_at: ctx.timestamp(rng, createdDay + 1),
      };
      ctx.organisations.push(orgRow);
      const first = contacts[0]!;
      const email = fixedUser ? fixedUser.email : (first.email ?? ctx.emails.claim(first.name, `${slug(name)}.${DEMO_DOMAIN}`));
      if (fixedUser) ctx.emails.reserve(email);
      user = {
        id: userIds.uuid(),
        email,
        name: first.name,
        role: Role.EMPLOYER,
        organisation_id: orgRow.id,
        language: first.language,
        active: true,
        created_at: ctx.timestamp(rng, createdDay + 1),
      };
      ctx.users.push(user);
    }

    const info: EmployerInfo = { row, profile, municipal: named.municipal, sites, homeArea: home, user };
    out.infos.push(info);
    return info;
  };

  // The fixed demo employer: a kindergarten in Alna whose relationship NAV Alna owns.
  const alna = ctx.catalogue.get('OSLO-ALNA')!;
  const fixed = make(
    sectorProfile('KINDERGARTEN'),
    alna,
    'Furuset',
    { name: 'Solsikken barnehage', municipal: false, description: 'Privat barnehage på Furuset med fire avdelinger og 72 barn. Vi legger vekt på lek, språk og uteliv.' },
    { ownerNav: ctx.navOf('OSLO-ALNA'), createdBy: ctx.fixed.market!, withUser: { name: 'Line Amundsen', email: DEMO_USERS.EMPLOYER, title: 'Styrer' } },
  );
  ctx.fixed.employerUser = fixed.user!;

  const sectorTables = new Map<boolean, WeightedTable<SectorProfile>>([
    [true, new WeightedTable(SECTOR_PROFILES, (p) => p.employerWeight)],
    [false, new WeightedTable(SECTOR_PROFILES, (p) => p.employerWeight * p.innlandetFactor)],
  ]);
  const hospitalTowns = new Set(['Hamar', 'Elverum', 'Gjøvik', 'Lillehammer', 'Kongsvinger', 'Tynset']);
  while (out.infos.length < total) {
    const home = areaTable.pick(rng);
    const oslo = home.kind === 'DISTRICT';
    const profile = sectorTables.get(oslo)!.pick(rng);
    const place = rng.pick(flavourOf(home).places);
    let named = profile.name({ rng, place, areaName: home.name, oslo });
    if (named.name.startsWith('Sykehuset Innlandet') && !hospitalTowns.has(home.name)) named = { ...named, name: `${place} legekontor` };
    make(profile, home, place, named);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Participants

interface FieldProfile {
  readonly field: string;
  readonly experience: string;
  readonly wanted: readonly string[];
  readonly longTerm: readonly string[];
}

const HIGHER_FIELDS: Weighted<FieldProfile> = [
  [{ field: 'Pedagogikk', experience: '2341', wanted: ['5312', '5311'], longTerm: ['2341', '2342'] }, 5],
  [{ field: 'Økonomi', experience: '4311', wanted: ['4110', '5223'], longTerm: ['4311', '2411'] }, 4],
  [{ field: 'Ingeniørfag', experience: '2142', wanted: ['9313', '7411', '4321'], longTerm: ['2142', '3112'] }, 3],
  [{ field: 'Sykepleie', experience: '2223', wanted: ['5329', '5321'], longTerm: ['2223'] }, 3],
  [{ field: 'Medisin', experience: '2211', wanted: ['5329'], longTerm: ['2211'] }, 1],
  [{ field: 'Informatikk', experience: '2512', wanted: ['3512', '2512'], longTerm: ['2512', '2522'] }, 2],
  [{ field: 'Jus', experience: '2611', wanted: ['4110'], longTerm: ['2611', '3353'] }, 1],
  [{ field: 'Språk og litteratur', experience: '2353', wanted: ['5312', '2643'], longTerm: ['2353', '2643'] }, 2],
  [{ field: 'Landbruk', experience: '6111', wanted: ['9214'], longTerm: ['6113'] }, 1],
];

const VOCATIONAL_FIELDS: Weighted<FieldProfile> = [
  [{ field: 'Elektro', experience: '7411', wanted: ['9313', '7411'], longTerm: ['7411'] }, 2],
  [{ field: 'Bygg', experience: '7115', wanted: ['9313', '7115'], longTerm: ['7115'] }, 3],
  [{ field: 'Helse og omsorg', experience: '5321', wanted: ['5329', '5321'], longTerm: ['5321'] }, 3],
  [{ field: 'Frisør', experience: '5141', wanted: ['5141'], longTerm: ['5141'] }, 1],
  [{ field: 'Kokk', experience: '5120', wanted: ['9412', '5120'], longTerm: ['5120'] }, 2],
  [{ field: 'Bilmekaniker', experience: '7231', wanted: ['7231'], longTerm: ['7231'] }, 1],
  [{ field: 'Regnskap', experience: '4311', wanted: ['4110'], longTerm: ['4311'] }, 1],
  [{ field: 'Sveising', experience: '7212', wanted: ['9329', '7212'], longTerm: ['7212'] }, 1],
  [{ field: 'Søm og tekstil', experience: '7531', wanted: ['7531', '5223'], longTerm: ['7531'] }, 1],
];

const INFORMAL_EXPERIENCE_FEMALE: Weighted<string> = [['7531', 3], ['9111', 3], ['6111', 2], ['5223', 3], ['5141', 2], ['5311', 2], ['5329', 1], ['5120', 1]];
const INFORMAL_EXPERIENCE_MALE: Weighted<string> = [['9313', 4], ['7115', 2], ['7131', 2], ['8322', 3], ['5221', 2], ['6111', 2], ['9213', 1], ['5120', 2], ['7231', 2], ['7212', 1], ['5223', 2], ['7531', 1]];

interface LevelsDraft {
  readonly ranks: Readonly<Record<LanguageSkill, number>>;
}

function draftLevels(rng: Rng, months: number, education: EducationLevelName, origin: Origin, age: number): LevelsDraft {
  const boost = { HIGHER: 1, VOCATIONAL: 0.6, UPPER_SECONDARY: 0.5, PRIMARY: 0.2, NONE: 0 }[education];
  const ability = 0.55 + months * (0.075 + 0.055 * boost) + rng.normal(0.65) + (origin.code === 'UA' ? 0.2 : 0) - (age > 45 ? 0.3 : 0);
  const oral = clamp(Math.round(ability), 0, 4);
  const listening = clamp(oral + rng.weighted<number>([[-1, 2], [0, 6], [1, 2]]), 0, 4);
  const literate = education === 'HIGHER' || education === 'VOCATIONAL' || education === 'UPPER_SECONDARY';
  const reading = clamp(oral + (literate ? rng.weighted<number>([[-1, 2], [0, 5], [1, 3]]) : rng.weighted<number>([[-2, 1], [-1, 5], [0, 5]])), 0, 4);
  const writing = clamp(reading + rng.weighted<number>([[-1, 3], [0, 7]]), 0, 4);
  return { ranks: { ORAL: oral, LISTENING: listening, READING: reading, WRITING: writing } };
}

const SOURCE_NOTES: Readonly<Record<EvidenceSource, string>> = {
  SELF_REPORT: 'Egenvurdering ved kartlegging',
  TEACHER_ASSESSMENT: 'Vurdering fra norsklærer',
  OFFICIAL_TEST: 'Norskprøven',
};

interface ParticipantTables {
  readonly participants: ParticipantInfo[];
  readonly assessments: LanguageAssessmentRow[];
  readonly consents: ConsentRow[];
  readonly teachers: ParticipantTeacherRow[];
}

function buildParticipants(ctx: Context): ParticipantTables {
  const rng = ctx.rng('participants');
  const ids = ctx.rng('ids:participants');
  const assessmentIds = ctx.rng('ids:language_assessments');
  const consentIds = ctx.rng('ids:consents');
  const out: ParticipantTables = { participants: [], assessments: [], consents: [], teachers: [] };
  const originTable = new WeightedTable(ORIGINS, (o) => o.weight);
  const wantedFemale = new WeightedTable(WANTED_OCCUPATIONS, ([, f]) => f);
  const wantedMale = new WeightedTable(WANTED_OCCUPATIONS, ([, , m]) => m);
  const year = Number(ctx.today.slice(0, 4));
  const muslimMajority = new Set(['SY', 'AF', 'SO', 'SD', 'PS', 'IQ']);
  const teacherLinks = new Set<string>();

  for (const area of ctx.areas) {
    const unit = ctx.unitOf(area.code);
    const oslo = area.kind === 'DISTRICT';
    for (let i = 0; i < unit.participantCount; i++) {
      const id = ids.uuid();
      const origin = originTable.pick(rng);
      const female = rng.chance(origin.femaleShare);
      const firstName = rng.pick(female ? origin.female : origin.male);
      const lastName = rng.pick(origin.surnames);
      const [amin, amax] = origin.ageRange;
      const age = clamp(Math.round(amin + (amax - amin) * ((rng.next() + rng.next()) / 2)), 18, 55);
      const advisor = rng.chance(0.01) ? null : unit.caseload.pick(rng);
      const recorder = advisor ?? unit.advisors[0]!;

      // Programme dates.
      const protection = rng.weighted(origin.protection);
      const delayRange = rng.weighted<readonly [number, number]>([[[7, 90], 80], [[91, 180], 14], [[181, 300], 6]]);
      const delay = rng.int(delayRange[0], delayRange[1]);
      const lengthDays =
        protection === 'COLLECTIVE_PROTECTION'
          ? rng.weighted<number>([[365, 65], [rng.int(430, 540), 25], [730, 10]])
          : rng.weighted<number>([[365, 10], [rng.int(540, 700), 25], [730, 45], [rng.int(800, 1095), 20]]);
      // Most of the register is in (or waiting for) a programme; the rest settled at any time in the last 3 years.
      const settledAgo = rng.chance(0.8) ? rng.int(0, Math.min(1095, delay + lengthDays - 1)) : rng.int(0, 1095);
      const settlementDay = ctx.todayDay - settledAgo;
      const startDay = settlementDay + delay;
      const started = startDay <= ctx.yesterday;
      const planned = startDay <= ctx.todayDay + 60;
      const endDay = startDay + lengthDays;
      const partTime = rng.chance(0.1);
      const leave = rng.chance(0.03);
      const status: ParticipantStatusName = planned && endDay < ctx.todayDay ? (ctx.todayDay - endDay > 365 && rng.chance(0.3) ? 'ARCHIVED' : 'COMPLETED') : started && leave ? 'ON_LEAVE' : 'ACTIVE';
      const programmeStart = planned ? fromDay(startDay) : null;
      const programmeEnd = planned ? fromDay(endDay) : null;
      const monthsIn = started ? (Math.min(ctx.todayDay, endDay) - startDay) / 30.4 : 0;

      // Education and experience.
      let education = rng.weighted(origin.education);
      if (age < 22 && (education === 'HIGHER' || education === 'VOCATIONAL')) education = 'UPPER_SECONDARY';
      const educationJson: EducationJson[] = [];
      const experience: ExperienceJson[] = [];
      const wanted: string[] = [];
      const longTerm: string[] = [];
      const recognition = (): EducationJson['recognition'] =>
        rng.weighted<EducationJson['recognition']>([['NOT_APPLIED', 40], ['APPLIED', 25], ['RECOGNISED', 20], ['PARTLY_RECOGNISED', 10], ['REJECTED', 5]]);
      const country = rng.chance(0.85) ? origin.country : rng.pick(origin.transit);
      if (education === 'HIGHER' || education === 'VOCATIONAL') {
        const field = rng.weighted(education === 'HIGHER' ? HIGHER_FIELDS : VOCATIONAL_FIELDS);
        educationJson.push({ level: 'UPPER_SECONDARY', field: null, country: origin.country, years: rng.int(11, 12), recognition: 'NOT_APPLIED' });
        educationJson.push({ level: education, field: field.field, country: origin.country, years: education === 'HIGHER' ? rng.int(3, 6) : rng.int(2, 3), recognition: recognition() });
        if (rng.chance(0.75)) experience.push({ occupationCode: field.experience, years: rng.int(1, Math.max(1, age - 22)), country, description: null });
        if (rng.chance(0.7)) wanted.push(rng.pick(field.wanted));
        if (rng.chance(0.6)) longTerm.push(rng.pick(field.longTerm));
      } else {
        const years = { NONE: rng.int(0, 3), PRIMARY: rng.int(5, 9), UPPER_SECONDARY: rng.int(11, 12) }[education];
        educationJson.push({ level: education, field: null, country: origin.country, years, recognition: 'NOT_APPLIED' });
        if (rng.chance(female ? 0.55 : 0.8)) {
          const code = rng.weighted(female ? INFORMAL_EXPERIENCE_FEMALE : INFORMAL_EXPERIENCE_MALE);
          experience.push({ occupationCode: code, years: rng.int(1, Math.max(1, Math.min(20, age - 17))), country, description: null });
        }
      }
      if (experience.length > 0 && rng.chance(0.2)) {
        const code = rng.weighted(female ? INFORMAL_EXPERIENCE_FEMALE : INFORMAL_EXPERIENCE_MALE);
        if (!experience.some((e) => e.occupationCode === code)) experience.push({ occupationCode: code, years: rng.int(1, 4), country: rng.pick(origin.transit), description: null });
      }
      const wantCount = rng.weighted<number>([[1, 35], [2, 45], [3, 20]]);
      for (let guard = 0; wanted.length < wantCount && guard < 10; guard++) {
        const [code] = (female ? wantedFemale : wantedMale).pick(rng);
        if (!wanted.includes(code)) wanted.push(code);
      }
      if (longTerm.length === 0 && rng.chance(0.55)) {
        const path = CAREER_PATHS[wanted[0]!];
        if (path) longTerm.push(rng.pick(path));
      }
      const sectorsOfInterest = [...new Set(wanted.map((c) => ctx.occupations.get(c)!.sector as Sector))];
      if (rng.chance(0.25)) {
        const extra = rng.pick(SECTORS);
        if (!sectorsOfInterest.includes(extra) && extra !== 'OTHER') sectorsOfInterest.push(extra);
      }

      // Advisor-only constraints (about 25%).
      const constraints: ConstraintsJson = { noShiftWork: false, childcareDays: [], noCareForOppositeSex: false, noPorkOrAlcohol: false };
      if (rng.chance(0.25)) {
        const kinds = rng.sample(['shift', 'childcare', 'pork', 'health', 'gender', 'hours'] as const, rng.weighted<number>([[1, 3], [2, 1]]));
        for (const kind of kinds) {
          if (kind === 'shift') constraints.noShiftWork = true;
          else if (kind === 'childcare') constraints.childcareDays = rng.pick<Weekday[]>([['FRI'], ['MON'], ['WED'], ['MON', 'FRI']]);
          else if (kind === 'pork' && muslimMajority.has(origin.code)) constraints.noPorkOrAlcohol = true;
          else if (kind === 'health') constraints.healthLimitations = rng.pick(HEALTH_LIMITATIONS);
          else if (kind === 'gender' && muslimMajority.has(origin.code)) constraints.noCareForOppositeSex = true;
          else if (kind === 'hours') constraints.maxHoursPerWeek = rng.int(10, 15);
          else constraints.noShiftWork = true;
        }
      }
      const sectorsRefused: Sector[] = [];
      if (constraints.noPorkOrAlcohol && !sectorsOfInterest.includes('RESTAURANT')) sectorsRefused.push('RESTAURANT');
      if (rng.chance(0.18)) {
        const refused = rng.pick<Sector>(['CLEANING', 'CONSTRUCTION', 'HEALTH_CARE', 'AGRICULTURE', 'TRANSPORT', 'RESTAURANT', 'HOTEL']);
        if (!sectorsOfInterest.includes(refused) && !sectorsRefused.includes(refused)) sectorsRefused.push(refused);
      }

      // Availability: school takes ~3 days, so praksis usually fits the other 2.
      const dayCount = rng.weighted<number>([[1, 10], [2, 68], [3, 17], [4, 3], [5, 2]]);
      const freeDays = WORKDAYS.filter((d) => !constraints.childcareDays.includes(d));
      const weekdays = sortDays(rng.sample(freeDays, Math.min(dayCount, freeDays.length)));
      let hours = clamp(weekdays.length * rng.int(5, 8), 8, 30);
      if (partTime) hours = Math.min(hours, 15);
      if (constraints.maxHoursPerWeek) hours = Math.min(hours, constraints.maxHoursPerWeek);
      const licence = rng.chance(clamp(origin.drivingLicence * (female ? 0.7 : 1.3), 0, 0.95));
      const car = licence && rng.chance(oslo ? 0.25 : 0.55);
      const radius = oslo ? rng.float(5, 10) : car ? rng.float(20, 35) : 10;
      const reachable = ctx.within(area.code, radius).slice(0, 80);
      const maxTravel = oslo ? rng.weighted<number>([[30, 3], [45, 4], [60, 2]]) : car ? rng.weighted<number>([[30, 2], [45, 3], [60, 2]]) : rng.weighted<number>([[20, 1], [30, 2], [45, 2]]);

      const certificates: string[] = [];
      if (licence) certificates.push('Førerkort klasse B');
      const wants = (codes: readonly string[]): boolean => wanted.some((c) => codes.includes(c));
      if (wants(['4321', '8344']) && rng.chance(0.3)) certificates.push('Truckførerbevis');
      if (wants(['9412', '5120', '5246', '7512']) && rng.chance(0.3)) certificates.push('Hygienekurs');
      if (wants(['9313', '7115', '7131', '7411']) && rng.chance(0.35)) certificates.push('HMS-kort');
      if (wants(['5329', '5321', '5322', '5311']) && rng.chance(0.25)) certificates.push(rng.pick(['Førstehjelpskurs', 'Kurs i smittevern']));
      if (rng.chance(0.03)) {
        const extra = rng.pick(CERTIFICATES);
        if (!certificates.includes(extra)) certificates.push(extra);
      }

      // Languages.
      const otherLanguages: { language: string; level: CefrLevel }[] = [];
      let mainLanguage = origin.mainLanguage;
      if (origin.code === 'CD' && rng.chance(0.35)) mainLanguage = 'fransk';
      otherLanguages.push({ language: mainLanguage, level: 'C1' });
      for (const odds of origin.otherLanguages) {
        if (odds.language !== mainLanguage && rng.chance(odds.probability)) otherLanguages.push({ language: odds.language, level: rng.weighted(odds.levels) });
      }
      const english = otherLanguages.find((l) => l.language === 'engelsk');
      const goodEnglish = english !== undefined && rankOf(english.level) >= rankOf('B1');
      const preferredLanguages = [mainLanguage];
      if (origin.code === 'UA' && rng.chance(0.1)) preferredLanguages.push('russisk');
      if (goodEnglish && rng.chance(0.4)) preferredLanguages.push('engelsk');

      // Norwegian: current levels and the history behind them.
      const draft = draftLevels(rng, monthsIn, education, origin, age);
      const firstDay = Math.min(started ? startDay : settlementDay + rng.int(10, 30), ctx.yesterday);
      const noAssessment = firstDay < settlementDay || (!started && rng.chance(0.4));
      // Completed programmes stopped collecting evidence when they ended.
      const lastPossible = status === 'COMPLETED' || status === 'ARCHIVED' ? Math.min(ctx.yesterday, endDay) : ctx.yesterday;
      const history: LanguageAssessmentRow[] = [];
      if (!noAssessment) {
        const span = lastPossible - firstDay;
        const testDay = span > 240 && rng.chance(0.55) ? lastPossible - rng.int(7, Math.min(120, Math.floor(span * 0.3))) : null;
        for (const skill of SKILLS) {
          const final = draft.ranks[skill];
          const count = span < 60 ? 1 : span < 200 ? rng.int(1, 2) : rng.weighted<number>([[1, 2], [2, 4], [3, 4]]);
          const events: { day: number; source: EvidenceSource }[] = [];
          if (count === 1) {
            events.push(span < 60 ? { day: firstDay, source: rng.chance(0.6) ? 'SELF_REPORT' : 'TEACHER_ASSESSMENT' } : { day: testDay ?? firstDay + rng.int(Math.floor(span / 2), span), source: testDay ? 'OFFICIAL_TEST' : 'TEACHER_ASSESSMENT' });
          } else {
            events.push({ day: firstDay, source: skill === 'ORAL' || rng.chance(0.5) ? 'SELF_REPORT' : 'TEACHER_ASSESSMENT' });
            if (count === 3) events.push({ day: firstDay + Math.max(1, Math.floor(span * rng.float(0.3, 0.55))), source: 'TEACHER_ASSESSMENT' });
            const previous = events[events.length - 1]!.day;
            const lastDay = testDay && testDay > previous ? testDay : Math.max(previous + 1, lastPossible - rng.int(0, Math.floor(span * 0.3)));
            events.push({ day: lastDay, source: testDay && testDay > previous ? 'OFFICIAL_TEST' : 'TEACHER_ASSESSMENT' });
          }
          const start = clamp(final - (events.length - 1) - (rng.chance(0.3) ? 1 : 0), 0, final);
          events.forEach((event, k) => {
            const rank = k === events.length - 1 ? final : Math.round(start + ((final - start) * k) / (events.length - 1));
            history.push({
              id: assessmentIds.uuid(),
              participant_id: id,
              skill,
              level: level(rank),
              source: event.source,
              assessed_on: fromDay(event.day),
              note: event.source === 'OFFICIAL_TEST' ? `${SOURCE_NOTES.OFFICIAL_TEST} (${{ ORAL: 'muntlig', LISTENING: 'lytteforståelse', READING: 'leseforståelse', WRITING: 'skriftlig framstilling' }[skill]})` : rng.chance(0.5) ? SOURCE_NOTES[event.source] : null,
              recorded_by_id: recorder.id,
              recorded_at: ctx.timestamp(rng, event.day + rng.int(0, 3)),
            });
          });
        }
      }
      const current = currentLevels(history.map((h) => ({ skill: h.skill, level: h.level, source: h.source, assessedOn: h.assessed_on })));
      const oralRank = current.ORAL ? rankOf(current.ORAL.level) : 0;
      const interpreter = oralRank <= 1 && !goodEnglish ? rng.chance(0.8) : rng.chance(0.08);

      // Final goal: set within about 6 months of the start.
      const finalGoal: FinalGoalName =
        monthsIn < 4 && rng.chance(0.4)
          ? 'NOT_SET'
          : rng.weighted<FinalGoalName>(age < 25 ? [['EDUCATION', 35], ['WORK_AND_EDUCATION', 30], ['WORK', 30], ['NOT_SET', 5]] : [['WORK', 58], ['WORK_AND_EDUCATION', 20], ['EDUCATION', 15], ['NOT_SET', 7]]);

      const createdDay = Math.min(settlementDay + rng.int(1, 20), ctx.yesterday);
      const lastTouched = history.reduce((d, h) => Math.max(d, toDay(h.assessed_on)), createdDay);
      const emailLocal = `${firstName}.${lastName}`;
      const row: ParticipantRow = {
        id,
        organisation_id: unit.org.id,
        advisor_id: advisor?.id ?? null,
        status,
        first_name: firstName,
        last_name: lastName,
        birth_year: year - age,
        phone: rng.chance(0.92) ? phoneNumber(rng) : null,
        email: rng.chance(0.55) ? ctx.emails.claim(emailLocal, `deltaker.${DEMO_DOMAIN}`) : null,
        preferred_languages: preferredLanguages,
        interpreter_needed: interpreter,
        protection_basis: protection,
        settlement_date: fromDay(settlementDay),
        programme_start: programmeStart,
        programme_end: programmeEnd,
        part_time: partTime,
        final_goal: finalGoal,
        oral_level: current.ORAL?.level ?? null,
        oral_source: current.ORAL?.source ?? null,
        listening_level: current.LISTENING?.level ?? null,
        listening_source: current.LISTENING?.source ?? null,
        reading_level: current.READING?.level ?? null,
        reading_source: current.READING?.source ?? null,
        writing_level: current.WRITING?.level ?? null,
        writing_source: current.WRITING?.source ?? null,
        other_languages: otherLanguages,
        education: educationJson,
        experience,
        certificates,
        wanted_occupations: wanted,
        long_term_occupations: longTerm,
        sectors_of_interest: sectorsOfInterest,
        sectors_refused: sectorsRefused,
        available_from: programmeStart ? addDays(programmeStart, rng.int(30, 120)) : null,
        available_weekdays: weekdays,
        hours_per_week: hours,
        reachable_areas: reachable,
        max_travel_minutes: maxTravel,
        has_driving_licence: licence,
        has_car: car,
        constraints,
        family_notes: rng.chance(0.2) ? rng.pick(FAMILY_NOTES.filter((n) => origin.code === 'UA' || !n.includes('Ukraina'))) : null,
        created_by_id: recorder.id,
        created_at: ctx.timestamp(rng, createdDay),
        updated_at: ctx.timestamp(rng, lastTouched + rng.int(0, 5)),
      };
      out.participants.push({ row, unit });
      out.assessments.push(...history);

      // Consent to be proposed to employers (about 80%), explained in their own language.
      if (status !== 'ARCHIVED' && rng.chance(0.8)) {
        const givenDay = Math.min(firstDay + rng.int(0, 30), ctx.yesterday);
        const scopes: ConsentRow['scope'][] = rng.chance(0.95) ? ['PROPOSE_TO_EMPLOYERS', 'SHARE_CARD_WITH_EMPLOYERS'] : ['PROPOSE_TO_EMPLOYERS'];
        if (rng.chance(0.6)) scopes.push('CONTACT_BY_MESSAGE');
        const withdrawn = rng.chance(0.02) && givenDay < ctx.yesterday;
        for (const scope of scopes) {
          out.consents.push({
            id: consentIds.uuid(),
            participant_id: id,
            scope,
            explained_in_language: mainLanguage,
            interpreter_used: interpreter,
            given_on: fromDay(givenDay),
            withdrawn_at: withdrawn && scope !== 'CONTACT_BY_MESSAGE' ? ctx.timestamp(rng, rng.int(givenDay + 1, ctx.yesterday)) : null,
            recorded_by_id: recorder.id,
            recorded_at: ctx.timestamp(rng, givenDay),
          });
        }
      }

      // Some participants are followed by a teacher at their learning centre.
      if (status === 'ACTIVE' && started && rng.chance(0.3)) {
        // The fixed demo teacher follows exactly the ten Alna participants linked below.
        const teachers = unit.centre.teachers.filter((t) => t !== ctx.fixed.teacher);
        const teacher = rng.pick(teachers.length > 0 ? teachers : unit.centre.teachers);
        teacherLinks.add(`${id}|${teacher.id}`);
        out.teachers.push({ participant_id: id, teacher_id: teacher.id, since: ctx.timestamp(rng, Math.max(startDay, ctx.yesterday - rng.int(0, 200))) });
      }
    }
  }

  // The fixed teacher follows ten of the fixed advisor's active participants in Alna.
  const fixedTeacher = ctx.fixed.teacher;
  const fixedAdvisor = ctx.fixed.advisor;
  if (fixedTeacher && fixedAdvisor) {
    const mine = out.participants.filter((p) => p.row.advisor_id === fixedAdvisor.id && p.row.status === 'ACTIVE' && p.row.programme_start !== null && p.row.programme_start < ctx.today);
    for (const p of mine.slice(0, 10)) {
      if (teacherLinks.has(`${p.row.id}|${fixedTeacher.id}`)) continue;
      teacherLinks.add(`${p.row.id}|${fixedTeacher.id}`);
      out.teachers.push({ participant_id: p.row.id, teacher_id: fixedTeacher.id, since: ctx.timestamp(rng, Math.max(toDay(p.row.programme_start!), ctx.yesterday - 90)) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Placements

const TYPE_TEXT: Readonly<Record<PlacementTypeName, string>> = {
  LANGUAGE_PRACTICE: 'Språkpraksis for deltaker i introduksjonsprogrammet. Målet er å bruke norsk i hverdagslige arbeidssituasjoner og bli kjent med norsk arbeidsliv.',
  WORK_PRACTICE: 'Arbeidspraksis der deltakeren prøver ut arbeidsoppgavene og bygger relevant erfaring og referanser.',
  SUBSIDISED_JOB: 'Stilling med lønnstilskudd fra NAV i inntil seks måneder, med mulighet for forlengelse ved god utvikling.',
  JOB: 'Ordinær deltidsstilling. Vi ønsker søkere som vil lære faget hos oss.',
};

const ENVIRONMENT_TEXT = {
  WORKS_WITH_COLLEAGUES: 'Du jobber tett sammen med kolleger store deler av dagen, så det blir mye norsk i praksis.',
  MIXED: 'Noen oppgaver gjøres alene og andre sammen med kolleger.',
  MOSTLY_ALONE: 'Mye av arbeidet gjøres alene, så det er begrenset med språktrening underveis.',
} as const;

function title(type: PlacementTypeName, role: string, hours: number): string {
  switch (type) {
    case 'LANGUAGE_PRACTICE':
      return `Språkpraksis – ${role}`;
    case 'WORK_PRACTICE':
      return `Arbeidspraksis – ${role}`;
    case 'SUBSIDISED_JOB':
      return `${capitalise(role)} med lønnstilskudd`;
    case 'JOB':
      return `${capitalise(role)}, ${Math.round((hours / 37.5) * 20) * 5} % stilling`;
  }
}

/** Required level per skill: the role's level, relaxed for language practice (which is for learning the language). */
function requirementFor(rng: Rng, role: RoleTemplate, municipal: boolean, type: PlacementTypeName): Requirement {
  const base = (municipal && role.municipalRequirement) || role.requirement;
  if (type !== 'LANGUAGE_PRACTICE') return base;
  return base.map((l) => {
    if (l === null || !rng.chance(0.5)) return l;
    const r = rankOf(l) - 1;
    return r >= 1 ? CEFR_LEVELS[r]! : null;
  }) as unknown as Requirement;
}

interface PlacementSpec {
  readonly employer: EmployerInfo;
  readonly type?: PlacementTypeName;
  readonly status?: PlacementRow['status'];
  readonly poster?: { readonly user: UserRow; readonly kind: PlacementRow['posted_by_kind']; readonly owner: OrganisationRow };
}

function buildPlacements(ctx: Context, employers: readonly EmployerInfo[], total: number): PlacementRow[] {
  const rng = ctx.rng('placements');
  const ids = ctx.rng('ids:placements');
  const rows: PlacementRow[] = [];
  const active = employers.filter((e) => e.row.archived_at === null);
  const employerTable = new WeightedTable(active, (e) => e.profile.placementsPerEmployer * (e.sites.length > 1 ? 1.5 : 1));
  const orgById = new Map(ctx.organisations.map((o) => [o.id, o] as const));

  const make = (spec: PlacementSpec): PlacementRow => {
    const { employer } = spec;
    const site = rng.pick(employer.sites);
    let type = spec.type ?? rng.weighted<PlacementTypeName>([['LANGUAGE_PRACTICE', 50], ['WORK_PRACTICE', 32], ['SUBSIDISED_JOB', 11], ['JOB', 7]]);
    const candidates = employer.profile.roles.filter((r) => type !== 'LANGUAGE_PRACTICE' || !r.noLanguagePractice);
    const role = rng.weighted(candidates.map((r) => [r, r.weight] as const));
    if (type === 'LANGUAGE_PRACTICE' && role.noLanguagePractice) type = 'WORK_PRACTICE';
    const status = spec.status ?? rng.weighted<PlacementRow['status']>([['OPEN', 58], ['DRAFT', 8], ['FILLED', 18], ['PAUSED', 3], ['CLOSED', 10], ['EXPIRED', 3]]);

    // Schedule.
    const offset =
      status === 'CLOSED' || status === 'EXPIRED' ? rng.int(-90, -20) : status === 'FILLED' ? rng.int(-90, 30) : status === 'DRAFT' ? rng.int(0, 90) : rng.int(-30, 90);
    const startDay = ctx.todayDay + offset;
    const endDay =
      type === 'JOB' ? (rng.chance(0.6) ? null : startDay + 365) : type === 'SUBSIDISED_JOB' ? startDay + rng.int(90, 180) : startDay + rng.int(60, 180);
    const dayCount = type === 'JOB' ? rng.int(3, 5) : rng.weighted<number>([[2, 65], [3, 35]]);
    const weekdays = sortDays(rng.sample(WORKDAYS, dayCount));
    const hours =
      type === 'JOB' ? clamp(dayCount * rng.int(5, 7), 15, 30) : type === 'SUBSIDISED_JOB' ? rng.int(15, 25) : clamp(dayCount * rng.int(4, 8), 8, 25);

    const [oral, listening, reading, writing] = requirementFor(rng, role, employer.municipal, type);
    const openToLow = rng.chance(type === 'LANGUAGE_PRACTICE' ? (role.openToLow ?? 0.05) + 0.1 : (role.openToLow ?? 0) * 0.5);
    const alone = rng.chance(role.mostlyAlone ?? 0.03);
    const environment: PlacementRow['language_environment'] = alone ? 'MOSTLY_ALONE' : rng.chance(0.7) ? 'WORKS_WITH_COLLEAGUES' : 'MIXED';
    const capacity = rng.weighted<number>([[1, 60], [2, 28], [3, 12]]);
    const supervisor = rng.chance(0.8) ? staffName(rng) : null;
    const certificates = (role.certificates ?? []).filter((c) => c !== 'Førerkort klasse B' || rng.chance(0.6));

    // Who posted it and which office follows it.
    let poster = spec.poster;
    if (!poster) {
      const kind = rng.weighted<PlacementRow['posted_by_kind']>([
        ['MARKET_CONTACT', 70],
        ['ADVISOR', 15],
        ['EMPLOYER', employer.user ? 12 : 0],
        ['TEACHER', type === 'LANGUAGE_PRACTICE' ? 8 : 0],
        ['PARTICIPANT', type === 'JOB' ? 0 : 4],
      ]);
      const unit = ctx.unitOf(site.area_code);
      const ownerOffice = (employer.row.owner_office_id && orgById.get(employer.row.owner_office_id)) || ctx.navOf(site.area_code).org;
      if (kind === 'MARKET_CONTACT') {
        const nav = [...ctx.navByName.values()].find((n) => n.org.id === ownerOffice.id) ?? ctx.navOf(site.area_code);
        poster = { user: rng.pick(nav.marketContacts), kind, owner: nav.org };
      } else if (kind === 'EMPLOYER') {
        poster = { user: employer.user!, kind, owner: ownerOffice };
      } else if (kind === 'TEACHER') {
        poster = { user: rng.pick(unit.centre.teachers), kind, owner: unit.centre.org };
      } else {
        poster = { user: rng.pick(unit.advisors), kind, owner: unit.org };
      }
    }

    const description = [
      employer.row.description ?? `${employer.row.name} søker ${role.role}.`,
      TYPE_TEXT[type],
      ENVIRONMENT_TEXT[environment],
      supervisor ? `Fast veileder på arbeidsplassen: ${supervisor}.` : '',
    ]
      .filter((s) => s !== '')
      .join(' ');
    const createdDay = Math.min(startDay - rng.int(7, 45), ctx.yesterday);
    const row: PlacementRow = {
      id: ids.uuid(),
      type,
      status,
      title: title(type, role.role, hours),
      description,
      tasks: rng.sample(role.tasks, rng.int(3, Math.min(5, role.tasks.length))),
      sector: employer.row.sector,
      occupation_code: role.occupation,
      employer_id: employer.row.id,
      site_id: site.id,
      area_code: site.area_code,
      owner_organisation_id: poster.owner.id,
      posted_by_id: poster.user.id,
      posted_by_kind: poster.kind,
      required_oral: oral,
      required_listening: listening,
      required_reading: reading,
      required_writing: writing,
      open_to_low_norwegian: openToLow,
      competences: rng.sample(role.competences, rng.int(1, Math.min(3, role.competences.length))),
      certificates_required: certificates,
      formal_competence_required: role.formal ?? false,
      start_date: fromDay(startDay),
      end_date: endDay === null ? null : fromDay(endDay),
      weekdays,
      hours_per_week: hours,
      shift_work: rng.chance((role.shiftWork ?? 0) * (type === 'LANGUAGE_PRACTICE' ? 0.3 : 1)),
      capacity,
      pairing: capacity >= 2 && rng.chance(0.25),
      mentor_subsidy: type === 'SUBSIDISED_JOB' ? rng.chance(0.3) : type === 'WORK_PRACTICE' ? rng.chance(0.08) : false,
      supervisor_name: supervisor,
      language_environment: environment,
      can_lead_to_job: type === 'JOB' || rng.chance({ LANGUAGE_PRACTICE: 0.15, WORK_PRACTICE: 0.4, SUBSIDISED_JOB: 0.75 }[type]),
      created_at: ctx.timestamp(rng, createdDay),
      updated_at: ctx.timestamp(rng, Math.min(ctx.yesterday, createdDay + rng.int(0, 30))),
    };
    rows.push(row);
    return row;
  };

  // The fixed employer always has something to show: two open language practices and one filled work practice.
  const fixedEmployer = employers.find((e) => e.user?.email === DEMO_USERS.EMPLOYER);
  const market = ctx.fixed.market;
  if (fixedEmployer && market) {
    const poster = { user: market, kind: 'MARKET_CONTACT' as const, owner: ctx.navOf('OSLO-ALNA').org };
    make({ employer: fixedEmployer, type: 'LANGUAGE_PRACTICE', status: 'OPEN', poster });
    make({ employer: fixedEmployer, type: 'LANGUAGE_PRACTICE', status: 'OPEN', poster });
    make({ employer: fixedEmployer, type: 'WORK_PRACTICE', status: 'FILLED', poster });
  }
  while (rows.length < total) make({ employer: employerTable.pick(rng) });
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------

/** Generates the whole demo data set in memory. Pure: same options ⇒ same rows. */
export function generateDemoData(options: GenerateOptions): DemoDataset {
  const size = SCALES[options.scale];
  if (!size) throw new Error(`Unknown scale ${String(options.scale)}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? todayIso();
  const ctx = new Context(seed, today, options.scale);

  buildOrganisations(ctx, size.participants);
  const employers = buildEmployers(ctx, size.employers);
  const participants = buildParticipants(ctx);
  const placements = buildPlacements(ctx, employers.infos, size.placements);

  return {
    scale: options.scale,
    seed,
    today,
    organisations: ctx.organisations,
    users: ctx.users,
    employers: employers.employers,
    employerSites: employers.sites,
    employerContacts: employers.contacts,
    participants: participants.participants.map((p) => p.row),
    languageAssessments: participants.assessments,
    consents: participants.consents,
    participantTeachers: participants.teachers,
    placements,
  };
}
