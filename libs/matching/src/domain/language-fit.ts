import { CEFR_LEVELS, type CefrLevel, type EvidenceSource, LANGUAGE_SKILLS, type LanguageSkill } from '#lib/core';
import type { CompiledParticipant, CompiledPlacement } from './compile.js';
import type { ExplanationText } from './match-model.js';

/** How much a level is trusted: an official test outweighs a teacher's assessment, which outweighs a self-report. */
export const EVIDENCE_CONFIDENCE: Readonly<Record<EvidenceSource, number>> = {
  OFFICIAL_TEST: 1,
  TEACHER_ASSESSMENT: 0.8,
  SELF_REPORT: 0.55,
};

export const SKILL_NAMES: Readonly<Record<LanguageSkill, ExplanationText>> = {
  ORAL: { nb: 'muntlig', en: 'oral' },
  LISTENING: { nb: 'lytting', en: 'listening' },
  READING: { nb: 'lesing', en: 'reading' },
  WRITING: { nb: 'skriving', en: 'writing' },
};
const SOURCE_NAMES: Readonly<Record<EvidenceSource, ExplanationText>> = {
  OFFICIAL_TEST: { nb: 'norskprøve', en: 'official test' },
  TEACHER_ASSESSMENT: { nb: 'lærers vurdering', en: 'teacher’s assessment' },
  SELF_REPORT: { nb: 'egenvurdering', en: 'self-report' },
};
const STEPS_NB = ['null', 'ett', 'to', 'tre', 'fire', 'fem', 'seks'];
const STEPS_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'];
const label = (rank: number): string => (rank < 0 ? '–' : CEFR_LEVELS[rank]!.replace('BELOW_A1', 'under A1'));

export interface SkillGap {
  readonly skill: LanguageSkill;
  readonly required: CefrLevel;
  readonly actual: CefrLevel | null;
  readonly source: EvidenceSource | null;
  /** Steps short of the requirement (0 when met). */
  readonly gap: number;
  /** Steps above the requirement (0 when short or exactly met). */
  readonly margin: number;
  readonly explanation: ExplanationText;
}

/** Per required skill: the participant's level, its evidence, and how far short or above it is. */
export function skillGaps(p: CompiledParticipant, pl: CompiledPlacement): SkillGap[] {
  const gaps: SkillGap[] = [];
  LANGUAGE_SKILLS.forEach((skill, i) => {
    const req = pl.required[i]!;
    if (req < 0) return;
    const have = p.rank[i]!;
    const evidence = p.src.levels[skill] ?? null;
    const gap = Math.max(0, req - have);
    const margin = Math.max(0, have - req);
    gaps.push({
      skill,
      required: CEFR_LEVELS[req]!,
      actual: evidence?.level ?? null,
      source: evidence?.source ?? null,
      gap,
      margin,
      explanation: gapText(skill, have, req, gap, evidence?.source ?? null),
    });
  });
  return gaps;
}

function gapText(skill: LanguageSkill, have: number, req: number, gap: number, source: EvidenceSource | null): ExplanationText {
  const name = SKILL_NAMES[skill];
  const src = source ? SOURCE_NAMES[source] : null;
  const levelNb = have < 0 ? 'ikke vurdert' : `${label(have)} (${src!.nb})`;
  const levelEn = have < 0 ? 'not assessed' : `${label(have)} (${src!.en})`;
  const head = { nb: `${name.nb} ${levelNb}, krav ${label(req)}`, en: `${name.en} ${levelEn}, required ${label(req)}` };
  if (gap === 0) return { nb: `${head.nb}: oppfylt`, en: `${head.en}: met` };
  const nb = gap === 1 ? 'ett trinn for lavt' : `${STEPS_NB[gap] ?? gap} trinn for lavt`;
  const en = gap === 1 ? 'one step short' : `${STEPS_EN[gap] ?? gap} steps short`;
  return { nb: `${head.nb}: ${nb}`, en: `${head.en}: ${en}` };
}

/** True when every required skill is met. */
export function meetsLanguage(p: CompiledParticipant, pl: CompiledPlacement): boolean {
  const req = pl.required;
  const rank = p.rank;
  for (let i = 0; i < req.length; i++) if (req[i]! > rank[i]!) return false;
  return true;
}

/**
 * Language fit in [0, 1]: per required skill, a met requirement scores 0.7 plus 0.15 per step of
 * margin, a shortfall (only possible where the employer is open to lower levels) 0.35 minus 0.15
 * per step; each skill is then weighted by how trustworthy its evidence is. No requirement: 1.
 */
export function languageFit(p: CompiledParticipant, pl: CompiledPlacement): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < pl.required.length; i++) {
    const req = pl.required[i]!;
    if (req < 0) continue;
    const have = p.rank[i]!;
    const base = have >= req ? Math.min(1, 0.7 + 0.15 * (have - req)) : Math.max(0, 0.35 - 0.15 * (req - have - 1));
    const source = p.src.levels[LANGUAGE_SKILLS[i]!]?.source;
    sum += base * (source ? EVIDENCE_CONFIDENCE[source] : EVIDENCE_CONFIDENCE.SELF_REPORT);
    n++;
  }
  return n === 0 ? 1 : sum / n;
}
