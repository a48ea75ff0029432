import { currentLevels } from './current-level.js';

describe('currentLevels', () => {
  it('takes the most recent evidence per skill', () => {
    const levels = currentLevels([
      { skill: 'ORAL', level: 'A1', source: 'OFFICIAL_TEST', assessedOn: '2025-01-10' },
      { skill: 'ORAL', level: 'A2', source: 'TEACHER_ASSESSMENT', assessedOn: '2025-06-01' },
      { skill: 'WRITING', level: 'A1', source: 'SELF_REPORT', assessedOn: '2025-02-01' },
    ]);
    expect(levels.ORAL).toEqual({ level: 'A2', source: 'TEACHER_ASSESSMENT', assessedOn: '2025-06-01' });
    expect(levels.WRITING?.level).toBe('A1');
    expect(levels.READING).toBeUndefined();
  });

  it('prefers an official test over a teacher or self-report on the same day', () => {
    const levels = currentLevels([
      { skill: 'READING', level: 'B1', source: 'SELF_REPORT', assessedOn: '2025-03-03' },
      { skill: 'READING', level: 'A2', source: 'OFFICIAL_TEST', assessedOn: '2025-03-03' },
      { skill: 'READING', level: 'B2', source: 'TEACHER_ASSESSMENT', assessedOn: '2025-03-03' },
    ]);
    expect(levels.READING).toMatchObject({ level: 'A2', source: 'OFFICIAL_TEST' });
  });
});
