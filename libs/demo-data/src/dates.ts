/** Calendar arithmetic on ISO dates (YYYY-MM-DD) as whole UTC days; no time zones involved. */

const DAY_MS = 86_400_000;

// Generation formats the same few thousand days over and over: memoise both directions.
const dayCache = new Map<string, number>();
const isoCache = new Map<number, string>();

export function toDay(iso: string): number {
  let day = dayCache.get(iso);
  if (day === undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`Not an ISO date: ${iso}`);
    day = Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    dayCache.set(iso, day);
  }
  return day;
}

export function fromDay(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** Timestamp (ISO 8601, UTC) on the given day, `minutes` after midnight. */
export function timestampOn(day: number, minutes: number): string {
  const total = Math.round(minutes);
  const d = day + Math.floor(total / 1440);
  const m = ((total % 1440) + 1440) % 1440;
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${fromDay(d)}T${hh}:${mm}:00.000Z`;
}

/** Weekday of a day number: 0 = Monday .. 6 = Sunday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
