import { OccupationCatalogue } from '#lib/occupations';

/** Stands for "no requirement" / "not assessed" in the oral-level facets, so it can be filtered like a level. */
export const NO_LEVEL = 'NONE';

/**
 * What the index holds for a placement: only what search needs (text, facets, sort keys, visibility fields).
 * Nodes are loaded from PostgreSQL by id, so nothing else has to be copied.
 */
export interface PlacementDocument {
  readonly id: string;
  readonly title: string;
  readonly employerName: string;
  readonly occupationCode: string;
  readonly occupationName: string;
  readonly occupationSynonyms: readonly string[];
  readonly tasks: readonly string[];
  readonly description: string;
  readonly type: string;
  readonly sector: string;
  readonly areaCode: string;
  /** CEFR level, or NONE. */
  readonly requiredOral: string;
  readonly status: string;
  /** Visibility: employers see their own placements. */
  readonly employerId: string;
  /** Visibility: offices see their own placements besides the published pool. */
  readonly ownerOrganisationId: string;
  /** YYYY-MM-DD */
  readonly startDate: string;
  /** ISO timestamp */
  readonly createdAt: string;
  /** Source version (greatest of the placement's and employer's `updated_at`, epoch µs), for drift detection. */
  readonly version: number;
}

/**
 * A participant as advisors of the unit search them: name and occupations for text, facets, and the unit.
 * Nothing else of the profile (contact, health, family, constraints) is copied into the index.
 */
export interface ParticipantDocument {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  /** Norwegian names and synonyms of the occupations wanted now. */
  readonly wantedOccupations: readonly string[];
  /** Norwegian names and synonyms of the occupations the participant has worked in. */
  readonly experienceOccupations: readonly string[];
  readonly status: string;
  readonly finalGoal: string;
  /** Current oral CEFR level, or NONE. */
  readonly oralLevel: string;
  readonly reachableAreas: readonly string[];
  /** The participant's `updated_at` in epoch µs: drift detection, and "recently changed first" without words. */
  readonly version: number;
}

/** A placement row joined with its employer, as read from PostgreSQL. */
export interface PlacementSource {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly tasks: readonly string[];
  readonly occupationCode: string;
  readonly type: string;
  readonly sector: string;
  readonly areaCode: string;
  readonly requiredOral: string | null;
  readonly status: string;
  readonly employerId: string;
  readonly employerName: string;
  readonly ownerOrganisationId: string;
  readonly startDate: string;
  readonly createdAt: Date;
  readonly version: number;
}

export interface ParticipantSource {
  readonly id: string;
  readonly organisationId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly wantedOccupations: readonly string[];
  readonly experienceOccupations: readonly string[];
  readonly status: string;
  readonly finalGoal: string;
  readonly oralLevel: string | null;
  readonly reachableAreas: readonly string[];
  readonly version: number;
}

function occupationTerms(codes: readonly string[], catalogue: OccupationCatalogue): string[] {
  const terms = new Set<string>();
  for (const code of codes) {
    const occupation = catalogue.get(code);
    if (!occupation) continue;
    terms.add(occupation.nameNb);
    for (const s of occupation.synonymsNb) terms.add(s);
  }
  return [...terms];
}

export function toPlacementDocument(src: PlacementSource, catalogue = OccupationCatalogue.default()): PlacementDocument {
  const occupation = catalogue.get(src.occupationCode);
  return {
    id: src.id,
    title: src.title,
    employerName: src.employerName,
    occupationCode: src.occupationCode,
    occupationName: occupation?.nameNb ?? '',
    occupationSynonyms: occupation ? [...occupation.synonymsNb] : [],
    tasks: [...src.tasks],
    description: src.description,
    type: src.type,
    sector: src.sector,
    areaCode: src.areaCode,
    requiredOral: src.requiredOral ?? NO_LEVEL,
    status: src.status,
    employerId: src.employerId,
    ownerOrganisationId: src.ownerOrganisationId,
    startDate: src.startDate,
    createdAt: src.createdAt.toISOString(),
    version: src.version,
  };
}

export function toParticipantDocument(src: ParticipantSource, catalogue = OccupationCatalogue.default()): ParticipantDocument {
  return {
    id: src.id,
    organisationId: src.organisationId,
    name: `${src.firstName} ${src.lastName}`,
    wantedOccupations: occupationTerms(src.wantedOccupations, catalogue),
    experienceOccupations: occupationTerms(src.experienceOccupations, catalogue),
    status: src.status,
    finalGoal: src.finalGoal,
    oralLevel: src.oralLevel ?? NO_LEVEL,
    reachableAreas: [...src.reachableAreas],
    version: src.version,
  };
}

/** Text of a placement by weight: A title and occupation, B employer, C tasks and description. */
export function placementTextByWeight(doc: PlacementDocument): { a: string; b: string; c: string } {
  return {
    a: [doc.title, doc.occupationName, ...doc.occupationSynonyms].join(' \n '),
    b: doc.employerName,
    c: [...doc.tasks, doc.description].join(' \n '),
  };
}

/** Text of a participant by weight: A name, B wanted occupations, C experience. */
export function participantTextByWeight(doc: ParticipantDocument): { a: string; b: string; c: string } {
  return { a: doc.name, b: doc.wantedOccupations.join(' \n '), c: doc.experienceOccupations.join(' \n ') };
}
