import { registerEnumType } from '@nestjs/graphql';
import { CEFR_LEVELS, EVIDENCE_SOURCES, LANGUAGE_SKILLS, SECTORS, WEEKDAYS } from '#lib/core';

/** GraphQL enums for the shared value types (string unions in the domain). */
const asEnum = <T extends readonly string[]>(values: T) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

export const SectorEnum = asEnum(SECTORS);
export const CefrLevelEnum = asEnum(CEFR_LEVELS);
export const LanguageSkillEnum = asEnum(LANGUAGE_SKILLS);
export const EvidenceSourceEnum = asEnum(EVIDENCE_SOURCES);
export const WeekdayEnum = asEnum(WEEKDAYS);

registerEnumType(SectorEnum, { name: 'Sector' });
registerEnumType(CefrLevelEnum, { name: 'CefrLevel', description: 'CEFR level as reported by norskprøven: BELOW_A1, A1 … C1' });
registerEnumType(LanguageSkillEnum, { name: 'LanguageSkill', description: 'ORAL (muntlig) and the written sub-tests LISTENING, READING, WRITING' });
registerEnumType(EvidenceSourceEnum, { name: 'EvidenceSource', description: 'OFFICIAL_TEST outweighs TEACHER_ASSESSMENT, which outweighs SELF_REPORT' });
registerEnumType(WeekdayEnum, { name: 'Weekday' });
