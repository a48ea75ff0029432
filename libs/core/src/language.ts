/** CEFR levels as used by Norwegian tests (norskprøven reports below A1 .. C1). */
export const CEFR_LEVELS = ['BELOW_A1', 'A1', 'A2', 'B1', 'B2', 'C1'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

/** Norwegian is assessed per skill: oral, and the written sub-tests. */
export const LANGUAGE_SKILLS = ['ORAL', 'LISTENING', 'READING', 'WRITING'] as const;
export type LanguageSkill = (typeof LANGUAGE_SKILLS)[number];

/** Where a level comes from; an official test outranks a teacher, who outranks a self-report. */
export const EVIDENCE_SOURCES = ['SELF_REPORT', 'TEACHER_ASSESSMENT', 'OFFICIAL_TEST'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export function cefrRank(level: CefrLevel): number {
  return CEFR_LEVELS.indexOf(level);
}

/** Steps from `actual` up to `required`: 0 when the requirement is met, positive when short. */
export function cefrGap(actual: CefrLevel | null | undefined, required: CefrLevel): number {
  const have = actual ? cefrRank(actual) : -1;
  return Math.max(0, cefrRank(required) - have);
}

export function cefrStepDown(level: CefrLevel): CefrLevel | null {
  const i = cefrRank(level);
  return i > 0 ? CEFR_LEVELS[i - 1]! : null;
}

export function evidenceWeight(source: EvidenceSource): number {
  return EVIDENCE_SOURCES.indexOf(source) + 1;
}

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
