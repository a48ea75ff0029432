import fc from 'fast-check';
import {
  getNamedType,
  type GraphQLInputType,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { withCheckDigit } from '#lib/employers';
import { AreaCatalogue } from '#lib/geo';
import { OccupationCatalogue } from '#lib/occupations';

/**
 * fast-check arbitraries for GraphQL variables, built from the introspected input types, so every argument of every
 * mutation gets generated without a hand-written generator per field. Values are mostly *plausible* (known ids, real
 * area and occupation codes, dates) so calls reach the deep checks and sometimes succeed, mixed with the nasty kind:
 * strings of all sorts (long, unicode, NUL bytes, lone surrogates, SQL-ish), numbers at and beyond the bounds, nulls,
 * impossible dates, random UUIDs and non-UUIDs, unknown enum values, wrongly typed values.
 * Names steer the plausible part: `startDate` gets dates, `siteId` site ids, `areaCode` area codes, and so on.
 */

export type IdPools = Record<string, readonly string[]>;

export interface ArbitraryContext {
  /** Known ids by kind: employer, site, contact, placement, participant, proposal, consent, followUp, notification, user, teacher, org, deadLetter. */
  readonly ids: IdPools;
  /** The operation the variables are for: `id` arguments take their kind from it (updateEmployer → employer). */
  readonly operation: string;
}

const SQLISH = [
  "'; DROP TABLE participants; --",
  "' OR '1'='1",
  '%',
  '_',
  '\\',
  '%_%',
  '$1',
  '::uuid',
  '"); SELECT pg_sleep(0); --',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF x',
  '😀👩‍👩‍👧‍👦',
  '\u202Eevil',
  '<script>alert(1)</script>',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  ' ',
  '',
  '\t\n\r',
  'ÆØÅ æøå',
  'ሰላም',
  'مرحبا',
  'Здравствуйте',
];

const DATE_JUNK = [
  '2026-02-30',
  '2025-02-29',
  '2024-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-12-32',
  '0000-01-01',
  '0000-02-29',
  '0001-01-01',
  '1582-10-10',
  '9999-12-31',
  '10000-01-01',
  '-2026-01-01',
  '2026-1-1',
  '26-01-01',
  '2026/01/01',
  '01.01.2026',
  '2026-01-01T00:00:00Z',
  '2026-01-01 ',
  ' 2026-01-01',
  '2026-01-01\u0000',
  'today',
  '',
];

const REASONS = ['ORAL_NORWEGIAN_TOO_WEAK', 'WRITTEN_NORWEGIAN_TOO_WEAK', 'NO_CAPACITY_NOW', 'HOURS_DO_NOT_FIT', 'COMPETENCE_MISSING', 'CANDIDATE_DID_NOT_SHOW', 'OTHER', 'NOT_RELEVANT_TO_GOALS', 'HOURS', 'TRAVEL', 'HEALTH_OR_FAMILY', 'FOUND_OTHER_PLACEMENT', 'CONSENT_WITHDRAWN'];
const ATTENDANCE = ['PARTICIPANT', 'EMPLOYER', 'ADVISOR', 'MARKET_CONTACT', 'TEACHER', 'INTERPRETER'];
const CEFR = ['BELOW_A1', 'A1', 'A2', 'B1', 'B2', 'C1'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const areaCodes = () => AreaCatalogue.default().all().map((a) => a.code);
const occupationCodes = () => OccupationCatalogue.default().all().map((o) => o.code);

/** Strings of every sort: short and long, ASCII, unicode, binary (NUL, lone surrogates), SQL-ish, whitespace. */
export const nastyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 20, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 15, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 15, arbitrary: fc.constantFrom(...SQLISH) },
    { weight: 15, arbitrary: fc.tuple(fc.lorem({ maxCount: 1 }), fc.constantFrom('\u0000', '\uD800', '\uDC00', '\u0000\u0000')).map(([w, c]) => `${w}${c}${w}`) },
    { weight: 10, arbitrary: fc.tuple(fc.constantFrom('x', 'ø', '😀', ' ', 'a\u0000'), fc.constantFrom(2, 30, 39, 40, 41, 99, 100, 101, 199, 200, 201, 299, 300, 301, 500, 501, 1000, 1001, 2000, 2001, 4000, 4001, 8000, 8001, 100_000)).map(([c, n]) => c.repeat(n)) },
    
  );

const plausibleDate = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
    { weight: 3, arbitrary: fc.integer({ min: -400, max: 400 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)) },
  );

/** Dates valid and not: any year 0000–9999, months 0–13, days 0–32, and formats that are not dates at all. */
export const dateString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: plausibleDate() },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 1899, 2100, 9999)), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
    },
    { weight: 2, arbitrary: fc.constantFrom(...DATE_JUNK) },
    { weight: 1, arbitrary: nastyString() },
  );

export const dateTimeString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()) },
    { weight: 1, arbitrary: fc.constantFrom('0000-01-01T00:00:00Z', '2026-02-30T10:00:00Z', '2026-01-01T25:00:00Z', '2026-01-01', 'now', '') },
    { weight: 1, arbitrary: nastyString() },
  );

const nonUuid = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('abc', '1', '0', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000000040008000000000000000', '{00000000-0000-4000-8000-000000000000}', 'evt-1'),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.uuid().map((u) => u.slice(0, 35)),
    fc.uuid().map((u) => `${u} `),
    nastyString(),
  );

/** What kind of id an argument or field holds, from its name and the operation's. */
export function idKind(name: string, operation: string): string | null {
  if (name === 'id') {
    for (const [re, kind] of [
      [/FollowUp/, 'followUp'],
      [/DeadLetter/, 'deadLetter'],
      [/Consent/, 'consent'],
      [/Proposal/, 'proposal'],
      [/Placement/, 'placement'],
      [/Participant/, 'participant'],
      [/Employer/, 'employer'],
      [/Notification/, 'notification'],
      [/^(allocationRun)$/, 'allocationRun'],
      [/^(organisation)$/, 'org'],
    ] as const) {
      if (re.test(operation)) return kind;
    }
    return null;
  }
  if (name === 'ids') return /Notification/.test(operation) ? 'notification' : null;
  const m = /^(.*?)Ids?$/.exec(name);
  if (!m) return null;
  const base = m[1]!;
  const aliases: Record<string, string> = { followUpOwner: 'staff', actor: 'user', ownerOffice: 'org', unit: 'org', organisation: 'org', navOffice: 'org' };
  return aliases[base] ?? base;
}

/** A value of each kind: `clean` ones are plausible, `nasty` ones are anything a client could still send. */
interface Kinds {
  readonly clean: fc.Arbitrary<unknown>;
  readonly nasty: fc.Arbitrary<unknown>;
}

function idKinds(name: string, ctx: ArbitraryContext): Kinds {
  const kind = idKind(name, ctx.operation);
  const hinted = kind ? (ctx.ids[kind] ?? []) : [];
  const all = Object.values(ctx.ids).flat();
  const known = hinted.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...hinted) }, { weight: 1, arbitrary: all.length ? fc.constantFrom(...all) : fc.uuid() }) : all.length ? fc.constantFrom(...all) : fc.uuid();
  return {
    clean: fc.oneof({ weight: 6, arbitrary: known }, { weight: 1, arbitrary: fc.uuid() }),
    // GraphQL's ID also takes an Int (and makes a string of it).
    nasty: fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 3, arbitrary: nonUuid() }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 1000 }) }),
  };
}

/** A string argument or field: plausible by its name, or anything. */
function stringKinds(name: string): Kinds {
  const plausible = ((): fc.Arbitrary<string> | null => {
    if (/(date|Date|On|From|Before|programmeStart|programmeEnd)$/.test(name) || /^(from|to)$/.test(name)) return plausibleDate();
    if (/area/i.test(name)) return fc.constantFrom(...areaCodes());
    if (/ccupation/.test(name)) return fc.constantFrom(...occupationCodes());
    if (name === 'orgNumber') return fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => withCheckDigit(String(n)) ?? withCheckDigit(String(n - 1)) ?? '974760673');
    if (/email/i.test(name)) return fc.tuple(fc.stringMatching(/^[a-z]{1,12}(\.[a-z]{1,8})?$/), fc.constantFrom('example.no', 'nav.no', 'kommune.no')).map(([u, d]) => `${u}@${d}`);
    if (/phone/i.test(name)) return fc.stringMatching(/^\+47 [49]\d{2} \d{2} \d{3}$/);
    if (/^language$/.test(name)) return fc.constantFrom('nb', 'en');
    if (/language/i.test(name)) return fc.constantFrom('arabisk', 'ukrainsk', 'tigrinja', 'engelsk', 'dari');
    if (/^reason$/.test(name)) return fc.constantFrom(...REASONS);
    if (name === 'attendance') return fc.constantFrom(...ATTENDANCE);
    if (name === 'kind') return fc.constantFrom('VISIT', 'MEETING', 'CALL');
    if (/Level$/.test(name)) return fc.constantFrom(...CEFR, 'NONE');
    if (name === 'after') return fc.constant(null as unknown as string);
    return null;
  })();
  const junk = ((): fc.Arbitrary<string> => {
    if (/(date|Date|On|From|Before|programmeStart|programmeEnd)$/.test(name) || /^(from|to)$/.test(name)) return fc.oneof({ weight: 3, arbitrary: dateString() }, { weight: 1, arbitrary: nastyString() });
    if (name === 'orgNumber') return fc.oneof(fc.integer({ min: 0, max: 999_999_999 }).map((n) => String(n).padStart(9, '0')), fc.constantFrom('974 760 673', '974760674', '97476067', '9747606730', 'NO974760673MVA'), nastyString());
    if (/email/i.test(name)) return fc.oneof(fc.constantFrom('a@b', 'not-an-email', '@example.no', 'x@y.no', 'æøå@example.no'), fc.emailAddress(), nastyString());
    if (/phone/i.test(name)) return fc.oneof(fc.constantFrom('12345678', '+4712', '+47 000 00 000 000 000', '+47-900-00-000'), nastyString());
    // Forged cursors: well-formed base64url JSON with values that are no cursor's (key, id).
    if (name === 'after')
      return fc.oneof(
        fc.tuple(fc.oneof(nastyString(), fc.constantFrom('x', '2026-01-01T00:00:00Z')), fc.oneof(nastyString(), fc.uuid(), fc.constant('y'))).map((pair) => Buffer.from(JSON.stringify(pair)).toString('base64url')),
        fc.constantFrom('garbage', '', Buffer.from('{"offset":-1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url'), Buffer.from('-5').toString('base64url')),
        fc.base64String(),
      );
    return nastyString();
  })();
  return { clean: plausible ?? fc.lorem({ maxCount: 4 }), nasty: junk };
}

function intKinds(name: string): Kinds {
  const clean = /year/i.test(name)
    ? fc.integer({ min: 1940, max: 2012 })
    : /Exposure|Fit|score/i.test(name)
      ? fc.integer({ min: 1, max: 5 })
      : /hours/i.test(name)
        ? fc.integer({ min: 1, max: 40 })
        : /minutes/i.test(name)
          ? fc.integer({ min: 5, max: 180 })
          : /first/.test(name)
            ? fc.integer({ min: 1, max: 100 })
            : fc.integer({ min: 0, max: 30 });
  const nasty = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(-2147483648, -1, 0, 1, 5, 6, 15, 16, 40, 41, 50, 51, 80, 81, 100, 101, 180, 181, 200, 201, 1000, 1001, 3650, 3651, 32767, 32768, 2147483647) },
    { weight: 2, arbitrary: fc.integer() },
    // Not an Int at all: GraphQL must refuse them as input errors.
    { weight: 1, arbitrary: fc.constantFrom(2147483648, -2147483649, 1.5, '7', true, 1e21) },
  );
  return { clean, nasty };
}

function floatKinds(name: string): Kinds {
  const clean = /latitude/i.test(name) ? fc.double({ min: 58, max: 71, noNaN: true }) : /longitude/i.test(name) ? fc.double({ min: 5, max: 31, noNaN: true }) : /score/i.test(name) ? fc.double({ min: 0, max: 1, noNaN: true }) : /years/i.test(name) ? fc.double({ min: 0, max: 40, noNaN: true }) : fc.double({ min: 1, max: 40, noNaN: true });
  const nasty = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(-0, 0, 0.5, 0.99, 1, 4.9, 39.9, 40, 40.0001, 50.5, 56.9, 57, 72, 72.1, 3.9, 32.1, 1e-300, 5e-324, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 1e15, -1) },
    { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom('1.5', true) },
  );
  return { clean, nasty };
}

function scalarKinds(typeName: string, name: string, ctx: ArbitraryContext): Kinds {
  switch (typeName) {
    case 'ID':
      return idKinds(name, ctx);
    case 'String':
      return stringKinds(name);
    case 'Int':
      return intKinds(name);
    case 'Float':
      return floatKinds(name);
    case 'Boolean':
      return { clean: fc.boolean(), nasty: fc.constantFrom('true', 0, 1) };
    case 'DateTime':
      return { clean: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2050-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), nasty: dateTimeString() };
    default:
      return { clean: fc.lorem({ maxCount: 2 }), nasty: fc.oneof(nastyString(), fc.integer(), fc.boolean()) };
  }
}

/**
 * Three ways to build a value of a GraphQL input type:
 *   clean   plausible all the way down (calls get through validation and often succeed);
 *   oneBad  clean but for one nasty spot somewhere inside (the classic way a single field slips through);
 *   mixed   every spot may be nasty, null or left out.
 */
export interface InputArbitraries {
  readonly clean: fc.Arbitrary<unknown>;
  readonly oneBad: fc.Arbitrary<unknown>;
  readonly mixed: fc.Arbitrary<unknown>;
}

export function inputArbitraries(type: GraphQLInputType, name: string, ctx: ArbitraryContext, depth = 0): InputArbitraries {
  if (isNonNullType(type)) {
    const inner = inputArbitraries(type.ofType, name, ctx, depth);
    // null where non-null is required: GraphQL's coercion must refuse it as an input error.
    return { clean: inner.clean, oneBad: fc.oneof({ weight: 15, arbitrary: inner.oneBad }, { weight: 1, arbitrary: fc.constant(null) }), mixed: fc.oneof({ weight: 30, arbitrary: inner.mixed }, { weight: 1, arbitrary: fc.constant(null) }) };
  }
  const nullable = (a: InputArbitraries): InputArbitraries => ({ clean: a.clean, oneBad: fc.oneof({ weight: 10, arbitrary: a.oneBad }, { weight: 1, arbitrary: fc.constant(null) }), mixed: fc.oneof({ weight: 10, arbitrary: a.mixed }, { weight: 1, arbitrary: fc.constant(null) }) });
  if (isListType(type)) {
    const item = inputArbitraries(type.ofType, name, ctx, depth + 1);
    const clean = fc.array(item.clean, { minLength: 1, maxLength: 3 });
    const oneBad = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.array(item.clean, { maxLength: 3 }), item.oneBad, fc.nat()).map(([items, bad, at]) => { const out = [...items]; out.splice(at % (items.length + 1), 0, bad); return out; }) },
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(item.clean, { minLength: 8, maxLength: 60 }) },
      // A single value where a list is expected: GraphQL coerces it to a one-item list.
      { weight: 1, arbitrary: item.clean },
    );
    const mixed = fc.oneof({ weight: 8, arbitrary: fc.array(item.mixed, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(item.mixed, { minLength: 5, maxLength: 60 }) }, { weight: 1, arbitrary: item.mixed });
    return nullable({ clean, oneBad, mixed });
  }
  const named: GraphQLNamedType = getNamedType(type);
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    const clean = fc.constantFrom(...values);
    const nasty = fc.constantFrom('NOT_A_VALUE', values[0]!.toLowerCase(), '', 7);
    return nullable({ clean, oneBad: nasty, mixed: fc.oneof({ weight: 12, arbitrary: clean }, { weight: 1, arbitrary: nasty }) });
  }
  if (isInputObjectType(named)) {
    if (depth > 4) return { clean: fc.constant({}), oneBad: fc.constant({}), mixed: fc.constant({}) };
    const fields = Object.values(named.getFields()).map((f) => ({ name: f.name, required: isNonNullType(f.type), arb: inputArbitraries(f.type, f.name, ctx, depth + 1) }));
    const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    // Clean: required fields always, optional ones half the time.
    const cleanOf = (f: (typeof fields)[number]) => (f.required ? f.arb.clean : fc.option(f.arb.clean, { nil: undefined, freq: 2 }));
    const clean = fc.record(Object.fromEntries(fields.map((f) => [f.name, cleanOf(f)]))).map(compact);
    const oneBad = fields.length === 0
      ? clean
      : fc.oneof(
          ...fields.map((bad) => ({
            weight: 1,
            arbitrary: fc.record(Object.fromEntries(fields.map((f) => [f.name, f === bad ? fc.oneof({ weight: 9, arbitrary: f.arb.oneBad }, { weight: 1, arbitrary: fc.constant(undefined) }) : cleanOf(f)]))).map(compact),
          })),
          // A field the type does not have: GraphQL must refuse it as an input error.
          { weight: 1, arbitrary: clean.map((o) => ({ ...o, notAField: 1 })) },
        );
    const mixed = fc.record(Object.fromEntries(fields.map((f) => [f.name, f.required ? fc.oneof({ weight: 40, arbitrary: f.arb.mixed }, { weight: 1, arbitrary: fc.constant(undefined) }) : fc.option(f.arb.mixed, { nil: undefined, freq: 2 })]))).map(compact);
    return nullable({ clean, oneBad, mixed });
  }
  if (isScalarType(named)) {
    const { clean, nasty } = scalarKinds(named.name, name, ctx);
    return nullable({ clean, oneBad: nasty, mixed: fc.oneof({ weight: 2, arbitrary: clean }, { weight: 1, arbitrary: nasty }) });
  }
  return { clean: fc.constant(null), oneBad: fc.constant(null), mixed: fc.constant(null) };
}

/**
 * The variables of one operation: all clean, clean but for one nasty spot, or mixed throughout. Required arguments are
 * always sent; optional ones come and go.
 */
export function variablesArbitrary(args: ReadonlyArray<{ name: string; type: GraphQLInputType }>, ctx: ArbitraryContext): fc.Arbitrary<Record<string, unknown>> {
  const all = args.map((a) => ({ name: a.name, required: isNonNullType(a.type), arb: inputArbitraries(a.type, a.name, ctx) }));
  const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const opt = (a: (typeof all)[number], arb: fc.Arbitrary<unknown>) => (a.required ? arb : fc.option(arb, { nil: undefined, freq: 3 }));
  const clean = fc.record(Object.fromEntries(all.map((a) => [a.name, opt(a, a.arb.clean)]))).map(compact);
  if (all.length === 0) return clean;
  const oneBad = fc.oneof(...all.map((bad) => fc.record(Object.fromEntries(all.map((a) => [a.name, a === bad ? a.arb.oneBad : opt(a, a.arb.clean)]))).map(compact)));
  const mixed = fc.record(Object.fromEntries(all.map((a) => [a.name, opt(a, a.arb.mixed)]))).map(compact);
  return fc.oneof({ weight: 3, arbitrary: clean }, { weight: 6, arbitrary: oneBad }, { weight: 1, arbitrary: mixed });
}

/** How many leaf values an input type holds (its share of the fuzzing budget grows with it). */
export function inputComplexity(type: GraphQLInputType, seen = new Set<string>()): number {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) return 1;
  if (seen.has(named.name)) return 1;
  const next = new Set(seen).add(named.name);
  return Object.values(named.getFields()).reduce((n, f) => n + inputComplexity(f.type, next), 0);
}
