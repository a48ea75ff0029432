import { type Cell, countRule, type Fact, ProtectedCube, shareRule } from './protected-cube.js';

type Dim = 'UNIT' | 'OFFICE' | 'BASIS';
const DIMS: Dim[] = ['UNIT', 'OFFICE', 'BASIS'];
/** Units nest in their NAV office. */
const NESTED = { rule: shareRule, rollups: [{ dim: 'UNIT' as const, into: 'OFFICE' as const }] };

/** `n` facts of which `k` hit, in one unit/office/basis. */
function group(unit: string, office: string, n: number, k: number, basis = 'COLLECTIVE'): Array<Fact<Dim>> {
  return Array.from({ length: n }, (_, i) => ({ dims: { UNIT: unit, OFFICE: office, BASIS: basis }, hit: i < k, value: i }));
}

const shown = (c: Cell<Dim> | undefined) => c !== undefined && !c.suppressed;
const hidden = (c: Cell<Dim> | undefined) => c !== undefined && c.suppressed;

/**
 * The protection invariants over every line of the cube: under a shown parent, never exactly one
 * suppressed child and never a suppressed remainder that fails the rule; under a suppressed parent, never
 * only shown children.
 */
function assertProtected(cube: ProtectedCube<Dim>, dims: readonly Dim[], rule = shareRule) {
  const subsets = Array.from({ length: 1 << dims.length }, (_, m) => dims.filter((_, i) => m & (1 << i)));
  for (const groupBy of subsets) {
    // Units are split out of their office: grouped by unit means grouped by office too.
    if (groupBy.includes('UNIT') && !groupBy.includes('OFFICE')) continue;
    for (const parent of cube.cells(groupBy)) {
      for (const d of dims.filter((x) => !groupBy.includes(x) && (x !== 'UNIT' || groupBy.includes('OFFICE')))) {
        const children = cube.cells(d === 'OFFICE' && groupBy.includes('UNIT') ? groupBy : [...groupBy, d]).filter((c) => groupBy.every((g) => c.key[g] === parent.key[g]));
        const sup = children.filter((c) => c.suppressed);
        if (!parent.suppressed) {
          expect(sup.length).not.toBe(1);
          if (sup.length > 1) expect(rule({ n: sup.reduce((s, c) => s + c.n, 0), k: sup.reduce((s, c) => s + c.k, 0) })).toBe(false);
        } else if (children.length > 0) {
          expect(sup.length).toBeGreaterThan(0);
        }
      }
    }
  }
}

describe('ProtectedCube', () => {
  it('suppresses a share when the group, the numerator or its complement is below 5', () => {
    expect(shareRule({ n: 12, k: 6 })).toBe(false);
    expect(shareRule({ n: 4, k: 2 })).toBe(true);
    expect(shareRule({ n: 12, k: 4 })).toBe(true);
    expect(shareRule({ n: 12, k: 8 })).toBe(true); // 4 without: revealed by subtraction
    expect(shareRule({ n: 12, k: 0 })).toBe(true); // nobody: reveals everyone's status
    expect(countRule({ n: 5, k: 0 })).toBe(false);
    expect(countRule({ n: 4, k: 4 })).toBe(true);
  });

  it('counts every combination of dimensions, a missing value meaning all', () => {
    const cube = ProtectedCube.build(DIMS, [...group('A', 'navA', 12, 6), ...group('B', 'navB', 10, 5, 'REFUGEE')], NESTED);
    expect(cube.cell({})).toMatchObject({ n: 22, k: 11, suppressed: false });
    expect(cube.cell({ UNIT: 'A' })).toMatchObject({ n: 12, k: 6 });
    expect(cube.cell({ BASIS: 'REFUGEE' })).toMatchObject({ n: 10, k: 5 });
    expect(cube.cell({ UNIT: 'A', BASIS: 'REFUGEE' })).toBeUndefined();
    expect(cube.cells(['UNIT']).map((c) => c.key)).toEqual([{ UNIT: 'A', OFFICE: 'navA' }, { UNIT: 'B', OFFICE: 'navB' }]);
    expect(cube.cell({ UNIT: 'A', OFFICE: 'navA' })).toMatchObject({ n: 12 });
    expect(cube.cell({ UNIT: 'A', OFFICE: 'navB' })).toBeUndefined();
    expect(cube.cell({ UNIT: 'A' })!.values).toHaveLength(12);
  });

  it('suppresses a second unit so that a small one cannot be recovered from the total', () => {
    // A 15 (7 in work), B 3 (small), C 10 (5): total − A − C would give B away, so C goes too.
    const facts = [...group('A', 'navA', 15, 7), ...group('B', 'navB', 3, 2), ...group('C', 'navB', 10, 5)];
    const cube = ProtectedCube.build(DIMS, facts, NESTED);
    expect(cube.cell({ UNIT: 'B' })).toMatchObject({ suppressed: true, suppression: 'PRIMARY' });
    expect(cube.cell({ UNIT: 'C' })).toMatchObject({ suppressed: true, suppression: 'SECONDARY' });
    expect(shown(cube.cell({ UNIT: 'A' }))).toBe(true);
    // B and C together (13, 7 of them in work) may be shown: that is their NAV office. A is all of navA.
    expect(cube.cell({ OFFICE: 'navB' })).toMatchObject({ n: 13, k: 7, suppressed: false });
    expect(cube.cell({})).toMatchObject({ n: 28, k: 14, suppressed: false });
    assertProtected(cube, DIMS);
  });

  it('follows the suppression into every other grouping that would give it away', () => {
    // C shares navA with A: navA − A = C, so with C hidden A must go too.
    const facts = [...group('A', 'navA', 15, 7), ...group('B', 'navB', 12, 6), ...group('C', 'navA', 3, 1)];
    const cube = ProtectedCube.build(DIMS, facts, NESTED);
    expect(hidden(cube.cell({ UNIT: 'C' }))).toBe(true);
    expect(hidden(cube.cell({ UNIT: 'A' }))).toBe(true);
    expect(shown(cube.cell({ UNIT: 'B' }))).toBe(true);
    expect(shown(cube.cell({ OFFICE: 'navA' }))).toBe(true);
    assertProtected(cube, DIMS);
  });

  it('suppresses more when the suppressed cells together are still a small number', () => {
    const facts = [...group('A', 'navA', 20, 10), ...group('B', 'navA', 2, 1), ...group('C', 'navA', 1, 0), ...group('D', 'navA', 12, 6)];
    const cube = ProtectedCube.build(DIMS, facts, NESTED);
    // B + C = 3 people: subtracting A and D from the total would reveal it, so D (the smaller) goes too.
    expect(cube.cells(['UNIT']).filter((c) => c.suppressed).map((c) => c.key.UNIT)).toEqual(['B', 'C', 'D']);
    assertProtected(cube, DIMS);
  });

  it('gives a suppressed total a suppressed part, so the shown parts do not add up to it', () => {
    // u1 is hidden to protect u2; its two bases would otherwise sum to it.
    const facts = [...group('u1', 'nav', 10, 5, 'X'), ...group('u1', 'nav', 10, 5, 'Y'), ...group('u2', 'nav', 3, 1, 'X')];
    const cube = ProtectedCube.build(DIMS, facts, NESTED);
    expect(cube.cell({ UNIT: 'u1' })).toMatchObject({ suppressed: true, suppression: 'SECONDARY' });
    const parts = cube.cells(['UNIT', 'BASIS']).filter((c) => c.key.UNIT === 'u1');
    expect(parts.filter((c) => c.suppressed)).toHaveLength(1);
    assertProtected(cube, DIMS);
  });

  it('hides the breakdown rather than the headline figures when one person has a rare category', () => {
    // One participant in unit A is a refugee: the basis split goes, the units and offices stay.
    const facts = [...group('A', 'navA', 14, 7, 'COLL'), ...group('A', 'navA', 1, 1, 'REF'), ...group('B', 'navB', 3, 2, 'REF'), ...group('C', 'navB', 10, 5, 'REF')];
    const cube = ProtectedCube.build(DIMS, facts, { ...NESTED, headline: ['UNIT', 'OFFICE'] });
    expect(cube.cell({ UNIT: 'A' })).toMatchObject({ n: 15, k: 8, suppressed: false });
    expect(cube.cells(['OFFICE']).map((c) => c.suppressed)).toEqual([false, false]);
    expect(cube.cells(['BASIS']).map((c) => c.suppressed)).toEqual([true, true]);
    expect(cube.cell({ UNIT: 'A', BASIS: 'COLL' })!.suppressed).toBe(true);
    assertProtected(cube, DIMS);
  });

  it('suppresses all parts of a suppressed group along an inherited dimension', () => {
    type R = 'PARTY' | 'REASON';
    const declines = (party: string, reason: string, n: number): Array<Fact<R>> => Array.from({ length: n }, () => ({ dims: { PARTY: party, REASON: reason } }));
    const facts = [...declines('E', 'ORAL', 20), ...declines('P', 'TRAVEL', 6), ...declines('P', 'HOURS', 6), ...declines('Q', 'OTHER', 3)];
    // Q (3) is small, so P (12) is hidden to protect it; P's reasons would give its total away through their shares.
    const inherited = ProtectedCube.build<R>(['PARTY', 'REASON'], facts, { rule: countRule, inheritAlong: ['REASON'] });
    expect(inherited.cell({ PARTY: 'P' })).toMatchObject({ suppressed: true, suppression: 'SECONDARY' });
    expect(inherited.cells(['PARTY', 'REASON']).filter((c) => c.key.PARTY === 'P').every((c) => c.suppressed)).toBe(true);
    const plain = ProtectedCube.build<R>(['PARTY', 'REASON'], facts, { rule: countRule });
    expect(plain.cell({ PARTY: 'P', REASON: 'TRAVEL' })!.suppressed).toBe(false);
  });

  it('counts a fact with several values once in each and once in the total', () => {
    type S = 'SECTOR';
    const cube = ProtectedCube.build<S>(['SECTOR'], [{ dims: { SECTOR: ['RETAIL', 'CLEANING', 'RETAIL'] } }, { dims: { SECTOR: 'RETAIL' } }], { rule: () => false });
    expect(cube.cell({})!.n).toBe(2);
    expect(cube.cell({ SECTOR: 'RETAIL' })!.n).toBe(2);
    expect(cube.cell({ SECTOR: 'CLEANING' })!.n).toBe(1);
  });

  it('is deterministic whatever the order of the facts', () => {
    const facts = [...group('A', 'n1', 9, 5), ...group('B', 'n1', 9, 5), ...group('C', 'n2', 2, 1), ...group('D', 'n2', 9, 4, 'R')];
    const a = ProtectedCube.build(DIMS, facts, NESTED);
    const b = ProtectedCube.build(DIMS, [...facts].reverse(), NESTED);
    const view = (c: ProtectedCube<Dim>) => c.cells(['UNIT', 'BASIS']).map((x) => [x.key, x.suppressed]);
    expect(view(b)).toEqual(view(a));
  });

  it('holds its invariants on random tables', () => {
    let seed = 7;
    const rand = (m: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % m;
    };
    for (let round = 0; round < 120; round++) {
      const facts: Array<Fact<Dim>> = [];
      for (let u = 0; u < 1 + rand(6); u++) {
        const unit = `u${u}`;
        const office = `o${rand(3)}`;
        for (const basis of ['X', 'Y', 'Z']) {
          const n = rand(14);
          facts.push(...group(unit, office, n, rand(n + 1), basis));
        }
      }
      // One unit, one office: keep the office dimension consistent with the unit.
      const officeOf = new Map<string, string>();
      const consistent = facts.map((f) => {
        const unit = f.dims.UNIT as string;
        if (!officeOf.has(unit)) officeOf.set(unit, f.dims.OFFICE as string);
        return { ...f, dims: { ...f.dims, OFFICE: officeOf.get(unit)! } };
      });
      assertProtected(ProtectedCube.build(DIMS, consistent, { ...NESTED, headline: round % 2 === 0 ? ['UNIT', 'OFFICE'] : [] }), DIMS);
    }
  });
});
