/** A small, fast, seeded PRNG (mulberry32) with the helpers the demo-data generator needs. */

/** FNV-1a hash of a string to 32 bits; used to derive independent streams from one seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Seed of a named sub-stream, so that changing how one table is generated does not shift the others. */
export function deriveSeed(seed: number, label: string): number {
  return (hash32(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number): string => BYTE_HEX[(n >>> 8) & 0xff]! + BYTE_HEX[n & 0xff]!;
const hex8 = (n: number): string => hex4(n >>> 16) + hex4(n & 0xffff);

export type Weighted<T> = readonly (readonly [T, number])[];

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned integer (mulberry32). */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Approximately normal (sum of uniforms), mean 0 and the given standard deviation. */
  normal(sd = 1): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3) * sd;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** `count` distinct items in random order (all of them if there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count));
  }

  /** A version-4 formatted UUID made from this stream: deterministic for a given seed. */
  uuid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    // Version nibble 4 (bits 12–15 of the third group), variant bits 10xx (top of the fourth group).
    const b2 = ((b & 0x0fff) | 0x4000) >>> 0;
    const c1 = (((c >>> 16) & 0x3fff) | 0x8000) >>> 0;
    return `${hex8(a)}-${hex4(b >>> 16)}-${hex4(b2)}-${hex4(c1)}-${hex4(c & 0xffff)}${hex8(d)}`;
  }
}
