/** Calendar arithmetic on ISO dates (YYYY-MM-DD) as whole UTC days; no time zones involved. */

const DAY_MS = 86_400_000;

export function toDay(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`Not an ISO date: ${iso}`);
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** Timestamp (ISO 8601, UTC) on the given day, `minutes` after midnight. */
export function timestampOn(day: number, minutes: number): string {
  return new Date(day * DAY_MS + Math.round(minutes) * 60_000).toISOString();
}

/** Weekday of a day number: 0 = Monday .. 6 = Sunday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
