import { addDays, addMonths, addYears, daysBetween, isIsoDate } from './dates.js';
import { averageWeeklyHours, median, share } from './figures.js';
import { countsAsWorkOrEducation, measurementDate, OutcomeCategory, OutcomeMeasure } from './outcome.js';

describe('dates', () => {
  it('adds calendar months like PostgreSQL, clamping to the end of the month', () => {
    expect(addMonths('2022-01-10', 3)).toBe('2022-04-10');
    expect(addMonths('2022-11-30', 3)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
  });

  it('counts days across a DST change and rejects impossible dates', () => {
    expect(daysBetween('2022-03-01', '2022-04-01')).toBe(31);
    expect(daysBetween('2022-10-20', '2022-10-10')).toBe(-10);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });
});

describe('figures', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([142, 50, 50])).toBe(50);
    expect(median([31, 106, 184, 31])).toBe(68.5);
  });

  it('rounds shares to four decimals', () => {
    expect(share(7, 15)).toBe(0.4667);
    expect(share(0, 0)).toBeNull();
  });

  it('averages weekly hours over the days each activity covers', () => {
    const window = { from: '2022-10-01', to: '2022-12-31' }; // 92 days
    expect(averageWeeklyHours(window, [{ start: '2022-09-15', end: null, hoursPerWeek: 15 }])).toBe(15);
    expect(averageWeeklyHours(window, [{ start: '2022-11-16', end: null, hoursPerWeek: 20 }])).toBeCloseTo((20 * 46) / 92);
    // Ended before the window, ended inside it, and two at once.
    expect(averageWeeklyHours(window, [{ start: '2022-05-01', end: '2022-09-01', hoursPerWeek: 30 }])).toBe(0);
    expect(averageWeeklyHours(window, [{ start: '2022-09-01', end: '2022-11-16', hoursPerWeek: 12 }])).toBeCloseTo((12 * 46) / 92);
    expect(
      averageWeeklyHours(window, [
        { start: '2022-10-01', end: null, hoursPerWeek: 8 },
        { start: '2022-10-01', end: null, hoursPerWeek: 8 },
      ]),
    ).toBe(16);
  });
});

describe('outcome definitions', () => {
  it('counts wage-subsidised work as work, and primary school, measures and unregistered not as work or education', () => {
    const counted = Object.values(OutcomeCategory).filter(countsAsWorkOrEducation);
    expect(counted).toEqual([OutcomeCategory.WORK, OutcomeCategory.SUBSIDISED_WORK, OutcomeCategory.EDUCATION]);
    expect(countsAsWorkOrEducation(OutcomeCategory.PRIMARY_SCHOOL)).toBe(false);
    expect(countsAsWorkOrEducation(OutcomeCategory.NOT_REGISTERED)).toBe(false);
  });

  it('measures at exit, or on its anniversary', () => {
    expect(measurementDate(OutcomeMeasure.EXIT, '2023-06-30')).toBe('2023-06-30');
    expect(measurementDate(OutcomeMeasure.ONE_YEAR_AFTER, '2023-06-30')).toBe('2024-06-30');
  });
});
