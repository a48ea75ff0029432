import { AreaCatalogue, estimatedTravelMinutes, type TravelMode } from '#lib/geo';
import { cefrRank, LANGUAGE_SKILLS, type Weekday, WEEKDAYS } from '#lib/core';
import type { Commitment, MatchParticipant, MatchPlacement } from './match-model.js';

/**
 * Pre-computed forms of participants and placements (bit masks, ranks, sets), so one pair is
 * checked with a handful of integer operations: the engine scans up to 100,000 of them per query.
 */

export const weekdayMask = (days: readonly Weekday[]): number => days.reduce((m, d) => m | (1 << WEEKDAYS.indexOf(d)), 0);
export const bitCount = (mask: number): number => {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
};

/** Sectors whose work involves personal care of clients (a `noCareForOppositeSex` constraint excludes them). */
export const PERSONAL_CARE_SECTORS: ReadonlySet<string> = new Set(['HEALTH_CARE', 'HOME_CARE']);
/** Sectors where handling pork or alcohol is part of ordinary tasks. */
export const PORK_OR_ALCOHOL_SECTORS: ReadonlySet<string> = new Set(['RESTAURANT', 'CANTEEN', 'HOTEL']);
/** The certificate name used for a class B driving licence in profiles and placements. */
export const DRIVING_LICENCE_B = 'Førerkort klasse B';

export interface CompiledCommitment {
  readonly placementId: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly mask: number;
}

export interface CompiledParticipant {
  readonly src: MatchParticipant;
  readonly active: boolean;
  readonly mask: number;
  readonly childcareMask: number;
  /** Rank per skill in LANGUAGE_SKILLS order, -1 when no level is recorded. */
  readonly rank: Int8Array;
  readonly reachable: ReadonlySet<string>;
  readonly certificates: ReadonlySet<string>;
  readonly refused: ReadonlySet<string>;
  readonly interests: ReadonlySet<string>;
  readonly commitments: readonly CompiledCommitment[];
  readonly pending: ReadonlySet<string>;
  readonly declinedBy: ReadonlySet<string>;
  readonly travelMode: TravelMode;
  /** Work-oriented hours per week in praksis that has started. */
  readonly currentPraksisHours: number;
}

export interface CompiledPlacement {
  readonly src: MatchPlacement;
  readonly mask: number;
  /** Required rank per skill, -1 when the skill has no requirement. */
  readonly required: Int8Array;
  readonly personalCare: boolean;
  readonly porkOrAlcohol: boolean;
  /** Days of the placement's schedule a participant may be unavailable on (what-if: one more weekday to choose from). */
  readonly missableDays: number;
  readonly certificates: readonly string[];
  /** Rank of `declinedOralLevel`, -1 when none. */
  readonly declinedOralRank: number;
}

export function compileParticipant(p: MatchParticipant): CompiledParticipant {
  const rank = new Int8Array(LANGUAGE_SKILLS.length).fill(-1);
  LANGUAGE_SKILLS.forEach((skill, i) => {
    const e = p.levels[skill];
    if (e) rank[i] = cefrRank(e.level);
  });
  const certificates = new Set(p.certificates);
  if (p.hasDrivingLicence) certificates.add(DRIVING_LICENCE_B);
  return {
    src: p,
    active: p.status === 'ACTIVE',
    mask: weekdayMask(p.availableWeekdays),
    childcareMask: weekdayMask(p.constraints.childcareDays),
    rank,
    reachable: new Set(p.reachableAreas),
    certificates,
    refused: new Set(p.sectorsRefused),
    interests: new Set(p.sectorsOfInterest),
    commitments: p.commitments.map(compileCommitment),
    pending: new Set(p.pendingPlacementIds),
    declinedBy: new Set(p.declinedByEmployers),
    travelMode: p.hasCar && p.hasDrivingLicence ? 'CAR' : 'PUBLIC_TRANSPORT',
    currentPraksisHours: p.commitments.filter((c) => c.started).reduce((sum, c) => sum + c.hoursPerWeek, 0),
  };
}

function compileCommitment(c: Commitment): CompiledCommitment {
  return { placementId: c.placementId, startDate: c.startDate, endDate: c.endDate, mask: weekdayMask(c.weekdays) };
}

export function compilePlacement(pl: MatchPlacement, missableDays = 0): CompiledPlacement {
  const required = new Int8Array(LANGUAGE_SKILLS.length).fill(-1);
  LANGUAGE_SKILLS.forEach((skill, i) => {
    const level = pl.required[skill];
    if (level) required[i] = cefrRank(level);
  });
  return {
    src: pl,
    mask: weekdayMask(pl.weekdays),
    required,
    personalCare: PERSONAL_CARE_SECTORS.has(pl.sector),
    porkOrAlcohol: PORK_OR_ALCOHOL_SECTORS.has(pl.sector),
    missableDays,
    certificates: pl.certificatesRequired,
    declinedOralRank: pl.declinedOralLevel ? cefrRank(pl.declinedOralLevel) : -1,
  };
}

/** Dates as ISO strings compare correctly as text; null ends are open. */
export function periodsOverlap(aStart: string, aEnd: string | null, bStart: string, bEnd: string | null): boolean {
  return (bEnd === null || aStart <= bEnd) && (aEnd === null || bStart <= aEnd);
}

/**
 * Travel minutes between area centres, pre-computed for every pair of the (small) area catalogue;
 * an estimate from straight-line distance, not a route planner (see libs/geo).
 */
export class TravelTable {
  private readonly index = new Map<string, number>();
  private readonly publicTransport: Uint16Array;
  private readonly car: Uint16Array;

  constructor(areas = AreaCatalogue.default()) {
    const all = areas.all();
    all.forEach((a, i) => this.index.set(a.code, i));
    const n = all.length;
    this.publicTransport = new Uint16Array(n * n);
    this.car = new Uint16Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const km = areas.distanceKm(all[i]!.code, all[j]!.code) ?? 0;
        this.publicTransport[i * n + j] = estimatedTravelMinutes(km, 'PUBLIC_TRANSPORT');
        this.car[i * n + j] = estimatedTravelMinutes(km, 'CAR');
      }
    }
  }

  private static shared: TravelTable | undefined;
  static default(): TravelTable {
    TravelTable.shared ??= new TravelTable();
    return TravelTable.shared;
  }

  minutes(from: string, to: string, mode: TravelMode): number | undefined {
    const i = this.index.get(from);
    const j = this.index.get(to);
    if (i === undefined || j === undefined) return undefined;
    const n = this.index.size;
    return (mode === 'CAR' ? this.car : this.publicTransport)[i * n + j];
  }

  /** Shortest estimated trip from any of the participant's reachable areas, undefined when none is known. */
  fromNearest(p: CompiledParticipant, to: string): number | undefined {
    let best: number | undefined;
    for (const area of p.reachable) {
      const m = this.minutes(area, to, p.travelMode);
      if (m !== undefined && (best === undefined || m < best)) best = m;
    }
    return best;
  }
}
