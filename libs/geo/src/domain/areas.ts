import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type AreaKind = 'DISTRICT' | 'MUNICIPALITY';
export type TravelMode = 'PUBLIC_TRANSPORT' | 'CAR';

/** An Oslo city district (bydel) or an Innlandet municipality, with an approximate centre point. */
export interface Area {
  /** "OSLO-ALNA" for Oslo districts, the 2024 municipality number ("3403") for municipalities. */
  readonly code: string;
  readonly name: string;
  readonly kind: AreaKind;
  readonly municipality: string;
  readonly county: string;
  readonly lat: number;
  readonly lon: number;
  readonly navOffice: string;
}

const DATA_FILE = join('libs', 'geo', 'data', 'areas.json');
const EARTH_RADIUS_KM = 6371.0088;

/** Walks up from this module's directory (source or dist) until libs/geo/data/areas.json is found. */
function locateDataFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, DATA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not locate ${DATA_FILE} above ${dirname(fileURLToPath(import.meta.url))}`);
    dir = parent;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseArea(value: unknown, index: number): Area {
  if (!isRecord(value)) throw new Error(`areas.json[${index}] is not an object`);
  const { code, name, kind, municipality, county, lat, lon, navOffice } = value;
  if (
    typeof code !== 'string' ||
    typeof name !== 'string' ||
    (kind !== 'DISTRICT' && kind !== 'MUNICIPALITY') ||
    typeof municipality !== 'string' ||
    typeof county !== 'string' ||
    typeof lat !== 'number' ||
    typeof lon !== 'number' ||
    typeof navOffice !== 'string'
  ) {
    throw new Error(`areas.json[${index}] is malformed`);
  }
  return Object.freeze({ code, name, kind, municipality, county, lat, lon, navOffice });
}

function loadAreas(): readonly Area[] {
  const raw: unknown = JSON.parse(readFileSync(locateDataFile(), 'utf8'));
  if (!Array.isArray(raw)) throw new Error('areas.json must contain an array');
  return Object.freeze(raw.map((entry: unknown, i) => parseArea(entry, i)));
}

const AREAS: readonly Area[] = loadAreas();

/** Great-circle distance in kilometres between two WGS84 points (haversine formula). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = (deg: number): number => (deg * Math.PI) / 180;
  const dLat = toRad(lat2 - lat1);
  const dLon = toRad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Estimate only, not a route planner: straight-line km to door-to-door minutes.
 * PUBLIC_TRANSPORT: 10 min fixed (walk + wait) + 2.5 min/km. CAR: 5 min fixed (parking) + 1.2 min/km.
 * Negative or non-finite distances are treated as 0.
 */
export function estimatedTravelMinutes(km: number, mode: TravelMode): number {
  const d = Number.isFinite(km) && km > 0 ? km : 0;
  const minutes = mode === 'PUBLIC_TRANSPORT' ? 10 + 2.5 * d : 5 + 1.2 * d;
  return Math.round(minutes);
}

export class AreaCatalogue {
  private static instance: AreaCatalogue | undefined;
  private readonly byCode: ReadonlyMap<string, Area>;

  constructor(private readonly areas: readonly Area[]) {
    const map = new Map<string, Area>();
    for (const area of areas) {
      if (map.has(area.code)) throw new Error(`Duplicate area code ${area.code}`);
      map.set(area.code, area);
    }
    this.byCode = map;
  }

  /** Catalogue backed by libs/geo/data/areas.json (loaded once at module load). */
  static default(): AreaCatalogue {
    AreaCatalogue.instance ??= new AreaCatalogue(AREAS);
    return AreaCatalogue.instance;
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  all(): readonly Area[] {
    return this.areas;
  }

  byMunicipality(name: string): Area[] {
    return this.areas.filter((a) => a.municipality === name);
  }

  /** Distinct NAV office names, sorted (Norwegian collation). */
  navOffices(): string[] {
    return [...new Set(this.areas.map((a) => a.navOffice))].sort((x, y) => x.localeCompare(y, 'nb'));
  }

  /** Straight-line distance between the centres of two areas, or undefined if either code is unknown. */
  distanceKm(a: string, b: string): number | undefined {
    const from = this.byCode.get(a);
    const to = this.byCode.get(b);
    if (!from || !to) return undefined;
    return haversineKm(from.lat, from.lon, to.lat, to.lon);
  }
}
