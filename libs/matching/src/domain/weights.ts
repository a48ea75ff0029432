import { z } from 'zod';

/** The named parts of the soft score. */
export enum ScoreComponentName {
  OCCUPATION = 'OCCUPATION',
  SECTOR = 'SECTOR',
  LANGUAGE = 'LANGUAGE',
  DISTANCE = 'DISTANCE',
  URGENCY = 'URGENCY',
  PATH_TO_JOB = 'PATH_TO_JOB',
  QUALITY = 'QUALITY',
}

export interface MatchWeights {
  /** Named so a score can always be traced to the weights that produced it. */
  readonly version: string;
  readonly weights: Readonly<Record<ScoreComponentName, number>>;
}

/** Sane defaults: what the participant wants and can do first, then urgency and language. Sum 1. */
export const DEFAULT_WEIGHTS: MatchWeights = {
  version: '2026-11-25.1',
  weights: {
    OCCUPATION: 0.3,
    LANGUAGE: 0.15,
    URGENCY: 0.15,
    SECTOR: 0.1,
    DISTANCE: 0.1,
    PATH_TO_JOB: 0.1,
    QUALITY: 0.1,
  },
};

const weightsSchema = z.object({
  version: z.string().trim().min(1).max(60),
  weights: z
    .object(Object.fromEntries(Object.values(ScoreComponentName).map((k) => [k, z.number().min(0).max(1)])) as Record<ScoreComponentName, z.ZodNumber>)
    .partial()
    .strict(),
});

/**
 * Weights from configuration (JSON `{"version": "...", "weights": {"OCCUPATION": 0.4, ...}}`); components
 * not named keep their default, and the result is normalised so the weights sum to 1.
 */
export function parseMatchWeights(json: string | undefined | null): MatchWeights {
  if (!json) return DEFAULT_WEIGHTS;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('MATCH_WEIGHTS is not valid JSON');
  }
  const parsed = weightsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`MATCH_WEIGHTS is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const merged = { ...DEFAULT_WEIGHTS.weights, ...parsed.data.weights } as Record<ScoreComponentName, number>;
  const total = Object.values(merged).reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error('MATCH_WEIGHTS must give at least one component a positive weight');
  const weights = Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, v / total])) as Record<ScoreComponentName, number>;
  return { version: parsed.data.version, weights };
}
