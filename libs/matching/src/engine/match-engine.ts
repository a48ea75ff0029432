import { CEFR_LEVELS, cefrStepDown, LANGUAGE_SKILLS } from '#lib/core';
import { type AllocationProblem } from '../allocation/index.js';
import { compileParticipant, compilePlacement, type CompiledParticipant, type CompiledPlacement, TravelTable } from '../domain/compile.js';
import { type ConstraintFailure, failedConstraints, type MatchContext, participantFits, placementAccepts, placementOpen } from '../domain/hard-constraints.js';
import { SKILL_NAMES, type SkillGap, skillGaps } from '../domain/language-fit.js';
import type { ExplanationText, MatchParticipant, MatchPlacement } from '../domain/match-model.js';
import { type ScoreComponent, scoreMatch, scoreValue } from '../domain/score.js';
import { DEFAULT_WEIGHTS, type MatchWeights } from '../domain/weights.js';

export interface MatchSnapshot {
  readonly participants: readonly MatchParticipant[];
  readonly placements: readonly MatchPlacement[];
}

/** Which participants a caller may match against: resolved by the access policy before the engine is asked. */
export type ParticipantSelector =
  | { readonly kind: 'UNITS'; readonly unitIds: readonly string[] }
  | { readonly kind: 'IDS'; readonly ids: readonly string[] };

export interface PlacementFilter {
  readonly types?: readonly string[] | null;
  readonly sectors?: readonly string[] | null;
  readonly areaCodes?: readonly string[] | null;
  readonly minScore?: number | null;
}

export interface CandidateFilter {
  /** Narrow to some of the units the caller may see. */
  readonly unitIds?: readonly string[] | null;
  readonly minScore?: number | null;
}

export interface RankedItem {
  readonly id: string;
  readonly score: number;
  readonly components: readonly ScoreComponent[];
  readonly languageGaps: readonly SkillGap[];
}

export interface RankedList {
  /** Eligible items (all pages). */
  readonly totalCount: number;
  readonly items: readonly RankedItem[];
  readonly weightsVersion: string;
}

export interface MatchExplanation {
  readonly eligible: boolean;
  readonly score: number;
  readonly components: readonly ScoreComponent[];
  readonly failures: readonly ConstraintFailure[];
  readonly languageGaps: readonly SkillGap[];
  readonly weightsVersion: string;
}

export enum RelaxationKind {
  LOWER_LANGUAGE_REQUIREMENT = 'LOWER_LANGUAGE_REQUIREMENT',
  OPEN_TO_LOW_NORWEGIAN = 'OPEN_TO_LOW_NORWEGIAN',
  DROP_CERTIFICATE = 'DROP_CERTIFICATE',
  ONE_MORE_WEEKDAY = 'ONE_MORE_WEEKDAY',
  NO_SHIFT_WORK = 'NO_SHIFT_WORK',
  FEWER_HOURS = 'FEWER_HOURS',
}

export interface Relaxation {
  readonly kind: RelaxationKind;
  /** What is relaxed: a language skill, a certificate name, … */
  readonly subject: string | null;
  readonly description: ExplanationText;
  /** Participants in scope who would qualify with this one change. */
  readonly qualifying: number;
  /** How many more than today. */
  readonly additional: number;
}

export interface WhatIf {
  readonly qualifying: number;
  readonly relaxations: readonly Relaxation[];
}

export interface EngineOptions {
  readonly weights?: MatchWeights;
  readonly travel?: TravelTable;
  /** ISO date of today; injectable for tests. */
  readonly today?: () => string;
}

/** A unit's waiting participant: active, consented, with no placement and no open proposal. */
export const isWaiting = (p: CompiledParticipant): boolean => p.active && p.src.consentToPropose && p.commitments.length === 0 && p.pending.size === 0;

/** The filter's own conditions (type, sector, area), as one predicate; empty lists filter nothing. */
function matchesFilter(filter: PlacementFilter): (pl: MatchPlacement) => boolean {
  const types = filter.types?.length ? new Set(filter.types) : null;
  const sectors = filter.sectors?.length ? new Set(filter.sectors) : null;
  const areas = filter.areaCodes?.length ? new Set(filter.areaCodes) : null;
  return (s) => (!types || types.has(s.type)) && (!sectors || sectors.has(s.sector)) && (!areas || areas.has(s.areaCode));
}

/**
 * The matching engine: every participant and placement compiled in memory, so a ranking is a scan
 * of plain objects (no I/O). Plain TypeScript; the api keeps one per process, fresh from the outbox.
 */
export class MatchEngine {
  private readonly participants = new Map<string, CompiledParticipant>();
  private readonly placements = new Map<string, CompiledPlacement>();
  private readonly byUnit = new Map<string, Set<string>>();
  readonly weights: MatchWeights;
  private readonly travel: TravelTable;
  private readonly today: () => string;

  private constructor(options: EngineOptions) {
    this.weights = options.weights ?? DEFAULT_WEIGHTS;
    this.travel = options.travel ?? TravelTable.default();
    this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  }

  static build(snapshot: MatchSnapshot, options: EngineOptions = {}): MatchEngine {
    const engine = new MatchEngine(options);
    for (const p of snapshot.participants) engine.upsertParticipant(p);
    for (const pl of snapshot.placements) engine.upsertPlacement(pl);
    return engine;
  }

  get size(): { participants: number; placements: number } {
    return { participants: this.participants.size, placements: this.placements.size };
  }

  upsertParticipant(p: MatchParticipant): void {
    const previous = this.participants.get(p.id);
    if (previous && previous.src.organisationId !== p.organisationId) this.byUnit.get(previous.src.organisationId)?.delete(p.id);
    this.participants.set(p.id, compileParticipant(p));
    let unit = this.byUnit.get(p.organisationId);
    if (!unit) this.byUnit.set(p.organisationId, (unit = new Set()));
    unit.add(p.id);
  }

  removeParticipant(id: string): void {
    const previous = this.participants.get(id);
    if (!previous) return;
    this.byUnit.get(previous.src.organisationId)?.delete(id);
    this.participants.delete(id);
  }

  upsertPlacement(pl: MatchPlacement): void {
    this.placements.set(pl.id, compilePlacement(pl));
  }

  removePlacement(id: string): void {
    this.placements.delete(id);
  }

  participant(id: string): MatchParticipant | undefined {
    return this.participants.get(id)?.src;
  }

  placement(id: string): MatchPlacement | undefined {
    return this.placements.get(id)?.src;
  }

  private context(): MatchContext {
    return { today: this.today(), travel: this.travel };
  }

  /** Placements that fit a participant, best first. `visible` applies the caller's placement scope. */
  matchesForParticipant(participantId: string, filter: PlacementFilter, first: number, visible: (pl: MatchPlacement) => boolean = () => true): RankedList {
    const p = this.participants.get(participantId);
    if (!p) return { totalCount: 0, items: [], weightsVersion: this.weights.version };
    const ctx = this.context();
    const wanted = matchesFilter(filter);
    const minScore = filter.minScore ?? 0;
    const hits: Array<{ pl: CompiledPlacement; score: number }> = [];
    for (const pl of this.placements.values()) {
      const s = pl.src;
      if (!wanted(s)) continue;
      if (!placementAccepts(pl, ctx) || !participantFits(p, pl, ctx) || !visible(s)) continue;
      const score = scoreValue(p, pl, ctx, this.weights);
      if (score >= minScore) hits.push({ pl, score });
    }
    hits.sort((a, b) => b.score - a.score || (a.pl.src.id < b.pl.src.id ? -1 : 1));
    return {
      totalCount: hits.length,
      items: hits.slice(0, first).map(({ pl }) => this.ranked(p, pl, ctx, pl.src.id)),
      weightsVersion: this.weights.version,
    };
  }

  /** Participants (within the selector) that fit a placement, best first. */
  candidatesForPlacement(placementId: string, selector: ParticipantSelector, filter: CandidateFilter, first: number): RankedList {
    const pl = this.placements.get(placementId);
    const ctx = this.context();
    if (!pl || !placementAccepts(pl, ctx)) return { totalCount: 0, items: [], weightsVersion: this.weights.version };
    const minScore = filter.minScore ?? 0;
    const hits: Array<{ p: CompiledParticipant; score: number }> = [];
    for (const p of this.select(selector, filter.unitIds)) {
      if (!participantFits(p, pl, ctx)) continue;
      const score = scoreValue(p, pl, ctx, this.weights);
      if (score >= minScore) hits.push({ p, score });
    }
    hits.sort((a, b) => b.score - a.score || (a.p.src.id < b.p.src.id ? -1 : 1));
    return {
      totalCount: hits.length,
      items: hits.slice(0, first).map(({ p }) => this.ranked(p, pl, ctx, p.src.id)),
      weightsVersion: this.weights.version,
    };
  }

  /** Why a pair does or does not fit: every failed hard constraint, the score and its components. */
  explain(participantId: string, placementId: string): MatchExplanation | undefined {
    const p = this.participants.get(participantId);
    const pl = this.placements.get(placementId);
    if (!p || !pl) return undefined;
    const ctx = this.context();
    const failures = failedConstraints(p, pl, ctx);
    const scored = scoreMatch(p, pl, ctx, this.weights);
    return { eligible: failures.length === 0, score: scored.score, components: scored.components, failures, languageGaps: skillGaps(p, pl), weightsVersion: this.weights.version };
  }

  /**
   * For market contacts negotiating with an employer: how many participants in scope would qualify
   * if each requirement were relaxed one step, computed with the same hard constraints.
   */
  whatIf(placementId: string, selector: ParticipantSelector): WhatIf | undefined {
    const pl = this.placements.get(placementId);
    if (!pl) return undefined;
    const ctx = this.context();
    const scope = [...this.select(selector)];
    const count = (candidate: CompiledPlacement) => scope.reduce((n, p) => (participantFits(p, candidate, ctx) ? n + 1 : n), 0);
    const qualifying = count(pl);
    const relaxations: Relaxation[] = [];
    const add = (kind: RelaxationKind, subject: string | null, description: ExplanationText, relaxed: MatchPlacement, missableDays = pl.missableDays) => {
      const n = count(compilePlacement(relaxed, missableDays));
      relaxations.push({ kind, subject, description, qualifying: n, additional: n - qualifying });
    };
    const s = pl.src;
    if (!s.openToLowNorwegian) {
      for (const skill of LANGUAGE_SKILLS) {
        const level = s.required[skill];
        const lower = level ? cefrStepDown(level) : null;
        if (!level || !lower) continue;
        const required = { ...s.required, [skill]: lower === CEFR_LEVELS[0] ? undefined : lower };
        const shown = lower === 'BELOW_A1' ? 'ingen krav' : lower;
        add(RelaxationKind.LOWER_LANGUAGE_REQUIREMENT, skill, { nb: `${SKILL_NAMES[skill].nb} ${level} → ${shown}`, en: `${SKILL_NAMES[skill].en} ${level} → ${lower === 'BELOW_A1' ? 'no requirement' : lower}` }, { ...s, required });
      }
      if (Object.values(s.required).some(Boolean)) {
        add(RelaxationKind.OPEN_TO_LOW_NORWEGIAN, null, { nb: 'Åpen for lavere norsknivå', en: 'Open to lower Norwegian levels' }, { ...s, openToLowNorwegian: true });
      }
    }
    for (const certificate of s.certificatesRequired) {
      add(RelaxationKind.DROP_CERTIFICATE, certificate, { nb: `${certificate} ikke påkrevd`, en: `${certificate} not required` }, { ...s, certificatesRequired: s.certificatesRequired.filter((c) => c !== certificate) });
    }
    add(RelaxationKind.ONE_MORE_WEEKDAY, null, { nb: 'Én ukedag til å velge mellom', en: 'One more weekday to choose from' }, s, pl.missableDays + 1);
    if (s.shiftWork) add(RelaxationKind.NO_SHIFT_WORK, null, { nb: 'Uten skiftarbeid', en: 'Without shift work' }, { ...s, shiftWork: false });
    if (s.hoursPerWeek > 5) {
      const hours = Math.max(1, s.hoursPerWeek - 5);
      add(RelaxationKind.FEWER_HOURS, String(hours), { nb: `${s.hoursPerWeek} → ${hours} timer i uken`, en: `${s.hoursPerWeek} → ${hours} hours a week` }, { ...s, hoursPerWeek: hours });
    }
    return { qualifying, relaxations };
  }

  /** Waiting participants of the selector: the input to a pool-wide allocation. */
  waitingParticipants(selector: ParticipantSelector): string[] {
    return [...this.select(selector)].filter(isWaiting).map((p) => p.src.id);
  }

  /** Open placements with free slots, optionally narrowed. */
  openPlacements(filter: PlacementFilter = {}, visible: (pl: MatchPlacement) => boolean = () => true): string[] {
    const ctx = this.context();
    const wanted = matchesFilter(filter);
    return [...this.placements.values()]
      .filter((pl) => placementAccepts(pl, ctx) && visible(pl.src) && wanted(pl.src))
      .map((pl) => pl.src.id)
      .sort();
  }

  /**
   * The allocation problem for these participants and placements: an edge per eligible pair with its
   * score; a placement's capacity is its free slots unless `capacityOf` says otherwise (benchmarks).
   */
  allocationProblem(participantIds: readonly string[], placementIds: readonly string[], capacityOf?: (placementId: string) => number) {
    const ctx = this.context();
    const ps = participantIds.map((id) => this.participants.get(id)).filter((p): p is CompiledParticipant => p !== undefined);
    const pls = placementIds
      .map((id) => this.placements.get(id))
      .filter((pl): pl is CompiledPlacement => pl !== undefined && placementOpen(pl, ctx));
    const edges: Array<{ participant: number; placement: number; score: number }> = [];
    ps.forEach((p, i) => {
      pls.forEach((pl, j) => {
        if (participantFits(p, pl, ctx)) edges.push({ participant: i, placement: j, score: Math.max(1e-6, scoreValue(p, pl, ctx, this.weights)) });
      });
    });
    const problem: AllocationProblem = {
      participantCount: ps.length,
      capacities: pls.map((pl) => Math.max(0, capacityOf ? capacityOf(pl.src.id) : pl.src.capacity - pl.src.occupied)),
      edges,
    };
    return { problem, participantIds: ps.map((p) => p.src.id), placementIds: pls.map((pl) => pl.src.id) };
  }

  private *select(selector: ParticipantSelector, narrowUnits?: readonly string[] | null): Iterable<CompiledParticipant> {
    if (selector.kind === 'IDS') {
      for (const id of selector.ids) {
        const p = this.participants.get(id);
        if (p && (!narrowUnits?.length || narrowUnits.includes(p.src.organisationId))) yield p;
      }
      return;
    }
    const units = narrowUnits?.length ? selector.unitIds.filter((u) => narrowUnits.includes(u)) : selector.unitIds;
    for (const unit of units) {
      const ids = this.byUnit.get(unit);
      if (!ids) continue;
      for (const id of ids) yield this.participants.get(id)!;
    }
  }

  private ranked(p: CompiledParticipant, pl: CompiledPlacement, ctx: MatchContext, id: string): RankedItem {
    const scored = scoreMatch(p, pl, ctx, this.weights);
    return { id, score: scored.score, components: scored.components, languageGaps: skillGaps(p, pl) };
  }
}
