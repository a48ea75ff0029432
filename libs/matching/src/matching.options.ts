import type { MatchWeights } from './domain/weights.js';

export const MATCHING_OPTIONS = Symbol('MATCHING_OPTIONS');

export interface MatchingOptions {
  readonly weights: MatchWeights;
  /** How often each api replica reads new outbox events into its matching index. */
  readonly feedIntervalMs: number;
  /** Allocation scopes with more waiting participants than this run as a background job. */
  readonly inlineAllocationLimit: number;
}
