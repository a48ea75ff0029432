import { type CefrLevel, type LanguageSkill, LANGUAGE_SKILLS, evidenceWeight } from '#lib/core';
import type { LanguageEvidence } from './participant.js';

export interface CurrentLevel {
  readonly level: CefrLevel;
  readonly source: LanguageEvidence['source'];
  readonly assessedOn: string;
}

/**
 * The current level of a skill is its most recent evidence; on the same date, the stronger
 * source wins (official test > teacher > self-report). Levels improve, so recency comes first.
 */
export function currentLevels(history: readonly LanguageEvidence[]): Partial<Record<LanguageSkill, CurrentLevel>> {
  const result: Partial<Record<LanguageSkill, CurrentLevel>> = {};
  for (const skill of LANGUAGE_SKILLS) {
    const best = history
      .filter((e) => e.skill === skill)
      .sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || evidenceWeight(b.source) - evidenceWeight(a.source))[0];
    if (best) result[skill] = { level: best.level, source: best.source, assessedOn: best.assessedOn };
  }
  return result;
}
