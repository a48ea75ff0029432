import { addDays, daysBetween, maxDate, minDate } from './dates.js';

/** The middle value; the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounded for publication: shares to four decimals (0.4667), durations and hours to one (12.5). */
export const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export function share(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator, 4) : null;
}

/** A stretch of work-oriented activity: from `start` up to, not including, `end` (null: still going). */
export interface ActivityInterval {
  readonly start: string;
  readonly end: string | null;
  readonly hoursPerWeek: number;
}

/**
 * Average weekly hours over a window of dates (both ends included): each activity contributes its
 * agreed weekly hours for the share of the window's days it covers. Overlapping activities add up
 * (a praksis and a part-time job in the same weeks).
 */
export function averageWeeklyHours(window: { readonly from: string; readonly to: string }, activities: readonly ActivityInterval[]): number {
  const windowDays = daysBetween(window.from, window.to) + 1;
  if (windowDays <= 0) return 0;
  const windowEnd = addDays(window.to, 1);
  let hourDays = 0;
  for (const a of activities) {
    const start = maxDate(a.start, window.from);
    const end = minDate(a.end ?? windowEnd, windowEnd);
    const days = daysBetween(start, end);
    if (days > 0) hourDays += a.hoursPerWeek * days;
  }
  return hourDays / windowDays;
}
