import { type Actor, OrganisationKind, Role } from '#lib/access';
import { ErrorCode } from '#lib/core';
import { KpiDimension as D, KpiName, KPIS } from './definitions.js';
import { insightScope, type InsightScope } from './insight-scope.js';
import { type LabelledRow, type Report, reportCsv } from './report.js';
import { distributionTable, type KpiFact, parsePeriod, resolveGroupBy, shareTable, supplyTable } from './report-table.js';

const actor = (role: Role, organisationId = 'unitA'): Actor => ({ userId: 'u', role, organisationId, organisationKind: OrganisationKind.INTRODUCTION_UNIT, employerId: null, language: 'nb' });
const ALL: InsightScope = { kind: 'ALL' };

/** Outcome facts: `n` people in a unit, `k` of them in work or education. */
const people = (unit: string, office: string, n: number, k: number, basis = 'COLLECTIVE_PROTECTION'): KpiFact[] =>
  Array.from({ length: n }, (_, i) => ({ dims: { UNIT: unit, NAV_OFFICE: office, PROTECTION_BASIS: basis, EXIT_YEAR: '2023', FINAL_GOAL: 'WORK' }, hit: i < k }));
const outcomes = [...people('unitA', 'navA', 15, 7), ...people('unitB', 'navB', 3, 2, 'REFUGEE'), ...people('unitC', 'navB', 10, 5, 'REFUGEE')];
const spec = KPIS[KpiName.OUTCOME_SHARE];
const figures = (r: { dims: object; numerator: number | null; denominator: number | null; suppressed: boolean }) => [r.dims, r.numerator, r.denominator, r.suppressed];

describe('scope and grouping', () => {
  it('gives admins everything, advisors their unit, market contacts their office, and nothing to teachers or employers', () => {
    expect(insightScope(actor(Role.ADMIN))).toEqual({ kind: 'ALL' });
    expect(insightScope(actor(Role.ADVISOR))).toEqual({ kind: 'UNIT', unitId: 'unitA' });
    expect(insightScope(actor(Role.MARKET_CONTACT, 'navA'))).toEqual({ kind: 'NAV_OFFICE', navOfficeId: 'navA' });
    for (const role of [Role.TEACHER, Role.EMPLOYER]) expect(() => insightScope(actor(role))).toThrow(expect.objectContaining({ code: ErrorCode.FORBIDDEN }));
  });

  it('always splits a scoped caller’s rows by the scope’s dimension, and refuses foreign dimensions', () => {
    expect(resolveGroupBy(spec, ALL, [])).toEqual([]);
    expect(resolveGroupBy(spec, ALL, null)).toEqual([D.UNIT]);
    expect(resolveGroupBy(spec, { kind: 'UNIT', unitId: 'x' }, [D.PROTECTION_BASIS])).toEqual([D.UNIT, D.PROTECTION_BASIS]);
    expect(resolveGroupBy(spec, { kind: 'NAV_OFFICE', navOfficeId: 'x' }, [])).toEqual([D.NAV_OFFICE]);
    expect(resolveGroupBy(KPIS[KpiName.DECLINE_REASONS], ALL, [D.SECTOR])).toEqual([D.REASON, D.SECTOR]);
    expect(() => resolveGroupBy(spec, ALL, [D.SECTOR])).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, details: expect.objectContaining({ field: 'groupBy' }) }));
  });

  it('validates the period', () => {
    expect(parsePeriod({ from: '2023-01-01', to: '2023-12-31' })).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(() => parsePeriod({ from: '2023-02-30', to: '2023-12-31' })).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'period.from' }) }));
    expect(() => parsePeriod({ from: '2023-12-31', to: '2023-01-01' })).toThrow(/must not be before/);
    expect(() => parsePeriod({ from: '2000-01-01', to: '2023-01-01' })).toThrow(/ten years/);
  });

  it('keeps every KPI’s scope dimensions and defaults inside its own dimensions', () => {
    for (const kpi of Object.values(KPIS)) {
      expect(kpi.dims).toEqual(expect.arrayContaining([D.UNIT, D.NAV_OFFICE]));
      for (const d of [...kpi.defaultGroupBy, ...(kpi.alwaysGroupBy ?? [])]) expect(kpi.dims).toContain(d);
    }
    expect(new Set(Object.values(KPIS).map((k) => k.slug)).size).toBe(Object.values(KPIS).length);
  });
});

describe('share tables', () => {
  it('suppresses the small unit and its office sibling, shows the office and the total', () => {
    const table = shareTable(spec, outcomes, ALL, [D.UNIT]);
    expect(table.rows.map(figures)).toEqual([
      [{ UNIT: 'unitA' }, 7, 15, false],
      [{ UNIT: 'unitB' }, null, null, true],
      [{ UNIT: 'unitC' }, null, null, true],
    ]);
    expect(figures(table.total)).toEqual([{}, 14, 28, false]);
    expect(table.rows[0]!.share).toBe(0.4667);
    expect(shareTable(spec, outcomes, ALL, [D.NAV_OFFICE]).rows.map(figures)).toEqual([
      [{ NAV_OFFICE: 'navA' }, 7, 15, false],
      [{ NAV_OFFICE: 'navB' }, 7, 13, false],
    ]);
    expect(shareTable(spec, outcomes, ALL, [D.PROTECTION_BASIS]).rows.map(figures)).toEqual([
      [{ PROTECTION_BASIS: 'COLLECTIVE_PROTECTION' }, 7, 15, false],
      [{ PROTECTION_BASIS: 'REFUGEE' }, 7, 13, false],
    ]);
  });

  it('shows an advisor their own unit only, and a market contact the units of their office', () => {
    const advisor = shareTable(spec, outcomes, { kind: 'UNIT', unitId: 'unitA' }, [D.UNIT]);
    expect(advisor.rows.map(figures)).toEqual([[{ UNIT: 'unitA' }, 7, 15, false]]);
    expect(figures(advisor.total)).toEqual([{ UNIT: 'unitA' }, 7, 15, false]);
    const market = shareTable(spec, outcomes, { kind: 'NAV_OFFICE', navOfficeId: 'navB' }, [D.NAV_OFFICE, D.UNIT]);
    expect(market.rows.map(figures)).toEqual([
      [{ UNIT: 'unitB', NAV_OFFICE: 'navB' }, null, null, true],
      [{ UNIT: 'unitC', NAV_OFFICE: 'navB' }, null, null, true],
    ]);
    expect(figures(market.total)).toEqual([{ NAV_OFFICE: 'navB' }, 7, 13, false]);
    // A scope without any data: a suppressed, empty total.
    expect(shareTable(spec, outcomes, { kind: 'UNIT', unitId: 'elsewhere' }, [D.UNIT])).toMatchObject({ rows: [], total: { suppressed: true, numerator: null } });
  });

  it('gives medians with one decimal', () => {
    const start = KPIS[KpiName.PROGRAMME_START];
    const facts = [50, 50, 50, 50, 50, 142, 142, 142, 142, 142].map((days) => ({ dims: { UNIT: 'u', NAV_OFFICE: 'n', PROTECTION_BASIS: 'REFUGEE' }, hit: days <= 92, value: days }));
    expect(shareTable(start, facts, ALL, []).total).toMatchObject({ numerator: 5, denominator: 10, share: 0.5, median: 96 });
  });
});

describe('distribution tables', () => {
  it('gives each reason’s share of its group, with small reasons and their give-aways suppressed', () => {
    const decline = (reason: string, n: number): KpiFact[] => Array.from({ length: n }, () => ({ dims: { UNIT: 'u', NAV_OFFICE: 'n', DECLINED_BY: 'EMPLOYER', REASON: reason, SECTOR: 'RETAIL' } }));
    const facts = [...decline('ORAL_NORWEGIAN_TOO_WEAK', 6), ...decline('HOURS_DO_NOT_FIT', 5), ...decline('COMPETENCE_MISSING', 1)];
    const table = distributionTable(KPIS[KpiName.DECLINE_REASONS], facts, ALL, [D.DECLINED_BY, D.REASON]);
    expect(table.rows.map((r) => [r.dims.REASON, r.numerator, r.denominator, r.share, r.suppressed])).toEqual([
      ['COMPETENCE_MISSING', null, null, null, true],
      ['HOURS_DO_NOT_FIT', null, null, null, true],
      ['ORAL_NORWEGIAN_TOO_WEAK', 6, 12, 0.5, false],
    ]);
    expect(table.total).toMatchObject({ numerator: 12, denominator: 12, suppressed: false });
  });
});

describe('supply tables', () => {
  const waiting = (unit: string, office: string, n: number, sectors: string[], areas: string[]): KpiFact[] =>
    Array.from({ length: n }, () => ({ dims: { UNIT: unit, NAV_OFFICE: office, SECTOR: sectors, DISTRICT: areas } }));
  const facts = [
    ...waiting('unitA', 'navA', 5, ['KINDERGARTEN'], ['OSLO-ALNA']),
    ...waiting('unitB', 'navB', 6, ['KINDERGARTEN', 'RETAIL'], ['OSLO-ALNA']),
    ...waiting('unitC', 'navB', 2, ['CLEANING'], ['OSLO-GRORUD']),
  ];
  const slots = [
    { sector: 'KINDERGARTEN', district: 'OSLO-ALNA', slots: 5 },
    { sector: 'RETAIL', district: 'OSLO-GRORUD', slots: 1 },
  ];

  it('shows every open slot, and suppresses small numbers of people waiting', () => {
    const table = supplyTable(facts, slots, ALL, [D.SECTOR, D.DISTRICT]);
    // Unit B's six are interested in two sectors: counted in each, and the sectors do not add up to the total.
    expect(table.rows.map((r) => [r.dims, r.openSlots, r.openPlacements, r.participantsWaiting, r.suppressed])).toEqual([
      [{ SECTOR: 'CLEANING', DISTRICT: 'OSLO-GRORUD' }, 0, 0, null, true],
      [{ SECTOR: 'KINDERGARTEN', DISTRICT: 'OSLO-ALNA' }, 5, 1, 11, false],
      [{ SECTOR: 'RETAIL', DISTRICT: 'OSLO-ALNA' }, 0, 0, 6, false],
      [{ SECTOR: 'RETAIL', DISTRICT: 'OSLO-GRORUD' }, 1, 1, null, true],
    ]);
    expect(table.total).toMatchObject({ openSlots: 6, openPlacements: 2, participantsWaiting: 13 });
    // By district the parts do add up: the two in Grorud would be total − Alna, so Alna is hidden too.
    expect(supplyTable(facts, slots, ALL, [D.DISTRICT]).rows.map((r) => [r.dims, r.participantsWaiting])).toEqual([
      [{ DISTRICT: 'OSLO-ALNA' }, null],
      [{ DISTRICT: 'OSLO-GRORUD' }, null],
    ]);
  });

  it('counts only the caller’s participants but the whole pool’s slots', () => {
    const table = supplyTable(facts, slots, { kind: 'UNIT', unitId: 'unitA' }, [D.UNIT, D.SECTOR]);
    expect(table.rows.map((r) => [r.dims, r.openSlots, r.participantsWaiting])).toEqual([
      [{ UNIT: 'unitA', SECTOR: 'KINDERGARTEN' }, 5, 5],
      [{ UNIT: 'unitA', SECTOR: 'RETAIL' }, 1, null],
    ]);
  });
});

describe('report CSV', () => {
  const row = (over: Partial<LabelledRow>): LabelledRow => ({
    dims: {},
    names: {},
    numerator: null,
    denominator: null,
    share: null,
    median: null,
    openSlots: null,
    openPlacements: null,
    participantsWaiting: null,
    suppressed: true,
    ...over,
  });

  it('writes the grouping with names, the figures, empty fields where suppressed, and the total last', () => {
    const report: Report = {
      kpi: KPIS[KpiName.PROGRAMME_START],
      period: { from: '2022-01-01', to: '2022-12-31' },
      measuredAt: null,
      asOf: new Date('2022-12-31T23:00:00Z'),
      final: true,
      definitionsVersion: 'v',
      groupBy: [D.UNIT, D.PROTECTION_BASIS],
      rows: [
        row({ dims: { UNIT: 'id-a', PROTECTION_BASIS: 'REFUGEE' }, names: { UNIT: 'Bydel Alna, introduksjon' }, numerator: 5, denominator: 10, share: 0.5, median: 96, suppressed: false }),
        row({ dims: { UNIT: 'id-b', PROTECTION_BASIS: 'REFUGEE' }, names: { UNIT: '=Bydel B' } }),
      ],
      total: row({ numerator: 5, denominator: 12, share: 0.4167, median: 100, suppressed: false }),
    };
    const { filename, body } = reportCsv(report);
    expect(filename).toBe('programme-start_2022-01-01_2022-12-31.csv');
    expect(body.split('\r\n')).toEqual([
      '\uFEFFrow,unit_id,unit,protection_basis,numerator,denominator,share,median_days,suppressed',
      'group,id-a,"Bydel Alna, introduksjon",REFUGEE,5,10,0.5,96,false',
      "group,id-b,'=Bydel B,REFUGEE,,,,,true",
      'total,,,,5,12,0.4167,100,false',
      '',
    ]);
  });
});
