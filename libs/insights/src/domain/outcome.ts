import { addYears } from './dates.js';

/** When the outcome is measured: at programme exit, or one year after it (domain.md §5.6, §8). */
export enum OutcomeMeasure {
  EXIT = 'EXIT',
  ONE_YEAR_AFTER = 'ONE_YEAR_AFTER',
}

/**
 * What the participant went on to, in the audit's categories ("sluttårsak"), with two splits the
 * definitions need: wage-subsidised work (counts as work) and primary school (does not count as education).
 */
export enum OutcomeCategory {
  /** Ordinary paid work, part-time or full-time. */
  WORK = 'WORK',
  /** Work with lønnstilskudd: counts as work. */
  SUBSIDISED_WORK = 'SUBSIDISED_WORK',
  /** Upper-secondary (videregående), vocational or higher education. */
  EDUCATION = 'EDUCATION',
  /** Grunnskole: does not count as education in the work-or-education share. */
  PRIMARY_SCHOOL = 'PRIMARY_SCHOOL',
  /** A NAV labour-market measure or qualifying measure (arbeidsmarkedstiltak, KVP). */
  NAV_MEASURE = 'NAV_MEASURE',
  OTHER = 'OTHER',
  /** "Ikke registrert": a category of its own; counted in the denominator, never in the numerator. */
  NOT_REGISTERED = 'NOT_REGISTERED',
}

const WORK_OR_EDUCATION: ReadonlySet<OutcomeCategory> = new Set([OutcomeCategory.WORK, OutcomeCategory.SUBSIDISED_WORK, OutcomeCategory.EDUCATION]);

/** The numerator of the work-or-education share. */
export function countsAsWorkOrEducation(category: OutcomeCategory): boolean {
  return WORK_OR_EDUCATION.has(category);
}

/** The date a measurement falls due: the exit date, or its anniversary one year later (29 Feb → 28 Feb). */
export function measurementDate(measure: OutcomeMeasure, exitDate: string): string {
  return measure === OutcomeMeasure.EXIT ? exitDate : addYears(exitDate, 1);
}
