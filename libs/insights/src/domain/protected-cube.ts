/**
 * Small-number protection for every report (domain.md §2, §8).
 *
 * A report is one table over a few dimensions, computed for every combination of them at once: each
 * cell for each subset of the dimensions, so that a unit's row, a protection basis's row and the grand
 * total all come from the same cube (a "cell" is one such combination, a missing value meaning "all").
 * Then:
 *
 * - primary suppression: a cell fails when a count it shows or implies is below the threshold (see the
 *   rules below);
 * - secondary suppression: along each dimension, the parts of a shown whole must not give a suppressed
 *   part away by subtraction. When exactly one part of a shown whole is suppressed, or the suppressed
 *   parts together fail the primary rule, one more cell is suppressed: another part or the whole,
 *   whichever costs least (coarse cells and the headline margins cost most; a part that is all of its
 *   parent takes the parent with it); a suppressed whole must have at least one suppressed part, or it
 *   would be the sum of the shown ones. Units roll up into their NAV office (a unit is a part of its
 *   office, and offices of the total). Where a fact has several values in a dimension (sectors of
 *   interest) the parts overlap, do not add up, and are not subtracted.
 *
 * Lines are worked through coarse before fine, shortest first, and every line of a newly hidden cell
 * again, until no line needs anything. It is a greedy heuristic: it may hide more than an optimal
 * solver would, never less than the rules require.
 *
 * Every query slices the same protected cube (one grouping, then the caller's scope), so no two
 * reports of the same period and figure can be combined to recover a suppressed cell from totals.
 * The result is deterministic (ties broken by key), so a past report is reproduced exactly.
 */

/** One counted thing (a participant, a proposal, a follow-up) with its dimension values. */
export interface Fact<D extends string> {
  /** A value per dimension; several values (a participant interested in two sectors) count once in each. */
  readonly dims: Readonly<Partial<Record<D, string | readonly string[]>>>;
  /** Counts toward the numerator. */
  readonly hit?: boolean;
  /** Measured value for medians (days, hours); null when not measured. */
  readonly value?: number | null;
}

export interface Counts {
  /** Denominator: facts in the cell. */
  readonly n: number;
  /** Numerator: facts with `hit`. */
  readonly k: number;
}

/** True when the counts must not be published. */
export type PrimaryRule = (counts: Counts) => boolean;

export const MIN_COUNT = 5;

/** A share reveals the group, those with the attribute and (by subtraction) those without: all must be ≥ 5. */
export const shareRule: PrimaryRule = ({ n, k }) => n < MIN_COUNT || k < MIN_COUNT || n - k < MIN_COUNT;
/** A plain count (declines for a reason, participants waiting) must be ≥ 5. */
export const countRule: PrimaryRule = ({ n }) => n < MIN_COUNT;

export type CellKey<D extends string> = Readonly<Partial<Record<D, string>>>;

export interface Cell<D extends string> extends Counts {
  /** Dimensions absent from the key are "all". */
  readonly key: CellKey<D>;
  readonly values: readonly number[];
  readonly suppressed: boolean;
  readonly suppression: 'PRIMARY' | 'SECONDARY' | null;
}

interface MutableCell<D extends string> {
  /** Without the roll-up dimension when the finer one is set (a unit's key does not repeat its NAV office). */
  key: CellKey<D>;
  id: string;
  /** How fine the cell is: its set dimensions, counting those a roll-up implies. */
  level: number;
  n: number;
  k: number;
  /** The measured values of each group of facts in the cell (joined only for the cells asked for). */
  valueParts: number[][];
  suppression: 'PRIMARY' | 'SECONDARY' | null;
}

interface Line<D extends string> {
  readonly id: string;
  readonly dim: D;
  readonly parent: MutableCell<D>;
  readonly children: MutableCell<D>[];
}

/** `dim`'s values nest in `into`'s (each unit belongs to one NAV office): units are split out of their office, not out of the total. */
export interface Rollup<D extends string> {
  readonly dim: D;
  readonly into: D;
}

export interface CubeOptions<D extends string> {
  readonly rule: PrimaryRule;
  /** Along these dimensions a suppressed parent suppresses all its children (a distribution's shares would reveal it). */
  readonly inheritAlong?: readonly D[];
  readonly rollups?: ReadonlyArray<Rollup<D>>;
  /** Margins over only these dimensions (and the total) are the headline figures: other cells are hidden before them. */
  readonly headline?: readonly D[];
}

export class ProtectedCube<D extends string> {
  private constructor(
    readonly dims: readonly D[],
    private readonly rollups: ReadonlyArray<Rollup<D>>,
    /** For each roll-up dimension: value → the value it rolls up into. */
    private readonly rollupOf: ReadonlyMap<D, ReadonlyMap<string, string>>,
    private readonly cellsById: ReadonlyMap<string, MutableCell<D>>,
  ) {}

  static build<D extends string>(dims: readonly D[], facts: Iterable<Fact<D>>, options: CubeOptions<D>): ProtectedCube<D> {
    const rollups = options.rollups ?? [];
    const index = (d: D) => dims.indexOf(d);
    const skip = rollups.map((r) => (1 << index(r.dim)) | (1 << index(r.into)));
    const rollupOf = new Map<D, Map<string, string>>(rollups.map((r) => [r.dim, new Map()]));
    // Facts with the same dimension values are counted together first: a national report has many
    // thousand participants but only a few thousand distinct combinations.
    const groups = new Map<string, { valueLists: string[][]; n: number; k: number; values: number[] }>();
    for (const fact of facts) {
      const valueLists = dims.map((d) => {
        const v = fact.dims[d];
        if (v === undefined) throw new Error(`fact without a value for ${d}`);
        const list = typeof v === 'string' ? [v] : [...new Set(v)].sort();
        if (list.length === 0) throw new Error(`fact without a value for ${d}`);
        return list;
      });
      for (const r of rollups) {
        const [value, into] = [fact.dims[r.dim], fact.dims[r.into]];
        if (typeof value !== 'string' || typeof into !== 'string') throw new Error(`${r.dim} and ${r.into} take one value each`);
        const known = rollupOf.get(r.dim)!.get(value);
        if (known !== undefined && known !== into) throw new Error(`${r.dim} ${value} rolls up into both ${known} and ${into}`);
        rollupOf.get(r.dim)!.set(value, into);
      }
      const signature = JSON.stringify(valueLists);
      let group = groups.get(signature);
      if (!group) {
        group = { valueLists, n: 0, k: 0, values: [] };
        groups.set(signature, group);
      }
      group.n += 1;
      if (fact.hit) group.k += 1;
      if (fact.value !== undefined && fact.value !== null) group.values.push(fact.value);
    }

    const cells = new Map<string, MutableCell<D>>();
    const subsets = 1 << dims.length;
    for (const { valueLists, n, k, values: measured } of groups.values()) {
      for (let mask = 0; mask < subsets; mask++) {
        if (skip.some((both) => (mask & both) === both)) continue;
        let partials: Array<Array<string | null>> = [[]];
        dims.forEach((_, i) => {
          partials = mask & (1 << i) ? partials.flatMap((p) => valueLists[i]!.map((v) => [...p, v])) : partials.map((p) => [...p, null]);
        });
        for (const values of partials) {
          const id = JSON.stringify(values);
          let cell = cells.get(id);
          if (!cell) {
            const key: Partial<Record<D, string>> = {};
            dims.forEach((d, i) => {
              if (values[i] !== null) key[d] = values[i]!;
            });
            const level = Object.keys(key).length + rollups.filter((r) => key[r.dim] !== undefined).length;
            cell = { key, id, level, n: 0, k: 0, valueParts: [], suppression: null };
            cells.set(id, cell);
          }
          cell.n += n;
          cell.k += k;
          if (measured.length > 0) cell.valueParts.push(measured);
        }
      }
    }
    const cube = new ProtectedCube(dims, rollups, rollupOf, cells);
    cube.protect(options);
    return cube;
  }

  /** The cell for exactly these dimension values (the others "all"); undefined when nothing was counted there. */
  cell(key: CellKey<D>): Cell<D> | undefined {
    const internal = this.internalKey(key);
    const c = internal && this.cellsById.get(this.idOf(internal));
    return c ? this.freeze(c) : undefined;
  }

  /** Every cell grouped by exactly these dimensions, in key order (a unit's row names its NAV office too). */
  cells(groupBy: readonly D[]): Array<Cell<D>> {
    const wanted = new Set(groupBy);
    for (const r of this.rollups) if (wanted.has(r.dim)) wanted.delete(r.into);
    return [...this.cellsById.values()]
      .filter((c) => this.dims.every((d) => (c.key[d] !== undefined) === wanted.has(d)))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((c) => this.freeze(c));
  }

  private idOf(key: CellKey<D>): string {
    return JSON.stringify(this.dims.map((d) => key[d] ?? null));
  }

  /** Drops what a roll-up implies; null when the key contradicts it (a unit with another unit's office). */
  private internalKey(key: CellKey<D>): CellKey<D> | null {
    const internal: Partial<Record<D, string>> = { ...key };
    for (const r of this.rollups) {
      const value = key[r.dim];
      if (value === undefined) continue;
      if (key[r.into] !== undefined && this.rollupOf.get(r.dim)!.get(value) !== key[r.into]) return null;
      delete internal[r.into];
    }
    return internal;
  }

  private freeze(c: MutableCell<D>): Cell<D> {
    const key: Partial<Record<D, string>> = { ...c.key };
    for (const r of this.rollups) if (c.key[r.dim] !== undefined) key[r.into] = this.rollupOf.get(r.dim)!.get(c.key[r.dim]!)!;
    return { key, n: c.n, k: c.k, values: c.valueParts.flat(), suppressed: c.suppression !== null, suppression: c.suppression };
  }

  /** Where a cell's dimension `d` is split out of: the same key without it, or its roll-up's cell. */
  private parentKey(c: MutableCell<D>, d: D): CellKey<D> {
    const parent: Partial<Record<D, string>> = { ...c.key };
    delete parent[d];
    const rollup = this.rollups.find((r) => r.dim === d);
    if (rollup) parent[rollup.into] = this.rollupOf.get(d)!.get(c.key[d]!)!;
    return parent;
  }

  private protect(options: CubeOptions<D>): void {
    const { rule } = options;
    const inherit = new Set(options.inheritAlong ?? []);
    for (const c of this.cellsById.values()) if (rule(c)) c.suppression = 'PRIMARY';

    const byId = new Map<string, Line<D>>();
    for (const c of this.cellsById.values()) {
      for (const d of this.dims) {
        if (c.key[d] === undefined) continue;
        const parentId = this.idOf(this.parentKey(c, d));
        const id = `${d}|${parentId}`;
        let line = byId.get(id);
        if (!line) {
          line = { id, dim: d, parent: this.cellsById.get(parentId)!, children: [] };
          byId.set(id, line);
        }
        line.children.push(c);
      }
    }
    // Coarse before fine, then tight lines first: suppressions forced in the coarse tables are reused
    // further down instead of being matched by new ones (fewer cascades).
    const lines = [...byId.values()].sort((a, b) => a.parent.level - b.parent.level || a.children.length - b.children.length || (a.id < b.id ? -1 : 1));
    const linesOf = new Map<MutableCell<D>, number[]>();
    lines.forEach((line, i) => {
      line.children.sort(bySize);
      for (const c of [line.parent, ...line.children]) linesOf.set(c, [...(linesOf.get(c) ?? []), i]);
    });

    // What hiding a cell really costs: a cell that is the only part of its parent (all of a unit's people
    // have one protection basis) takes the parent with it. Coarse cells, and the headline margins most of
    // all, are the expensive ones; among equal costs the smaller cell goes.
    const headline = new Set(options.headline ?? []);
    const top = this.dims.length + 1;
    const weight = (c: MutableCell<D>) => top - c.level + ((Object.keys(c.key) as D[]).every((d) => headline.has(d)) ? top : 0);
    const twinParents = new Map<MutableCell<D>, Array<MutableCell<D>>>();
    for (const line of lines) {
      const [only] = line.children;
      if (line.children.length === 1 && only!.n === line.parent.n && only!.k === line.parent.k) twinParents.set(only!, [...(twinParents.get(only!) ?? []), line.parent]);
    }
    const cost = (c: MutableCell<D>): number => {
      let worst = 0;
      const seen = new Set<MutableCell<D>>();
      const visit = (x: MutableCell<D>) => {
        if (seen.has(x)) return;
        seen.add(x);
        if (x.suppression === null) worst = Math.max(worst, weight(x));
        for (const p of twinParents.get(x) ?? []) visit(p);
      };
      visit(c);
      return worst;
    };
    const cheapest = (candidates: ReadonlyArray<MutableCell<D>>) =>
      candidates.map((c, order) => ({ c, order, cost: cost(c) })).sort((a, b) => a.cost - b.cost || a.order - b.order)[0]?.c;

    // A work list in line order: whenever a cell is hidden, the lines it belongs to are looked at again.
    const queue = new MinHeap(lines.map((_, i) => i));
    const suppress = (c: MutableCell<D>) => {
      c.suppression = 'SECONDARY';
      for (const i of linesOf.get(c) ?? []) queue.push(i);
    };
    for (let i = queue.pop(); i !== undefined; i = queue.pop()) {
      const { dim, parent, children } = lines[i]!;
      const hidden = children.filter((c) => c.suppression !== null);
      if (parent.suppression !== null && inherit.has(dim)) {
        children.filter((c) => c.suppression === null).forEach(suppress);
        continue;
      }
      // Subtraction only works where the parts add up to the whole; where facts have several values
      // (interested in two sectors) the parts overlap and none can be isolated from the others.
      if (parent.n !== sum(children, 'n') || parent.k !== sum(children, 'k')) continue;
      if (parent.suppression !== null) {
        // Otherwise the parent would be the sum of its shown children.
        if (hidden.length === 0) suppress(cheapest(children)!);
        continue;
      }
      if (hidden.length === 0) continue;
      if (hidden.length === 1 || rule({ n: sum(hidden, 'n'), k: sum(hidden, 'k') })) {
        // Another part, or else the whole: hiding the parent also ends the subtraction.
        suppress(cheapest([...children.filter((c) => c.suppression === null), parent])!);
      }
    }
  }
}

/** Line indexes, smallest first, each at most once in the heap. */
class MinHeap {
  private readonly heap: number[] = [];
  private readonly queued = new Set<number>();

  constructor(initial: readonly number[]) {
    for (const i of initial) this.push(i);
  }

  push(i: number): void {
    if (this.queued.has(i)) return;
    this.queued.add(i);
    const h = this.heap;
    h.push(i);
    for (let at = h.length - 1; at > 0; ) {
      const up = (at - 1) >> 1;
      if (h[up]! <= h[at]!) break;
      [h[up], h[at]] = [h[at]!, h[up]!];
      at = up;
    }
  }

  pop(): number | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let at = 0; ; ) {
        const l = 2 * at + 1;
        const r = l + 1;
        let min = at;
        if (l < h.length && h[l]! < h[min]!) min = l;
        if (r < h.length && h[r]! < h[min]!) min = r;
        if (min === at) break;
        [h[min], h[at]] = [h[at]!, h[min]!];
        at = min;
      }
    }
    this.queued.delete(top);
    return top;
  }
}

const bySize = <D extends string>(a: MutableCell<D>, b: MutableCell<D>) => a.n - b.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sum = <D extends string>(cells: ReadonlyArray<MutableCell<D>>, f: 'n' | 'k') => cells.reduce((s, c) => s + c[f], 0);
