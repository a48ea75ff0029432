import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AccessPolicy, type Actor, ParticipantView, Role } from '#lib/access';
import { ForbiddenError, NotFoundError, parseInput, SECTORS, ValidationError } from '#lib/core';
import { areaCodeSchema } from '#lib/geo';
import { ParticipantsService } from '#lib/participants';
import { PlacementsService, PlacementType, PUBLISHED_STATUSES } from '#lib/placements';
import { NEUTRAL_ADVISOR_TEXT, type ConstraintFailure } from '../domain/hard-constraints.js';
import type { MatchPlacement } from '../domain/match-model.js';
import type { ScoreComponent } from '../domain/score.js';
import type { MatchExplanation, ParticipantSelector, RankedItem, RankedList, WhatIf } from '../engine/match-engine.js';
import { MatchingStore } from './matching-store.js';

const MAX_RESULTS = 100;
const first = z.number().int().min(1, 'must be at least 1').max(MAX_RESULTS, `must be at most ${MAX_RESULTS}`);
const minScore = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullish();
const placementFilterSchema = z
  .object({ type: z.array(z.enum(PlacementType)).max(4).nullish(), sector: z.array(z.enum(SECTORS)).max(16).nullish(), areaCode: z.array(areaCodeSchema).max(80).nullish(), minScore })
  .strict();
const candidateFilterSchema = z.object({ unitId: z.array(z.uuid()).max(50).nullish(), minScore }).strict();

export type MatchFilterInput = z.input<typeof placementFilterSchema>;
export type CandidateFilterInput = z.input<typeof candidateFilterSchema>;

/** A ranked item or explanation with every text already cut to what this caller may read. */
export type VisibleComponent = Omit<ScoreComponent, 'sharedExplanation'>;
export interface VisibleRankedItem extends Omit<RankedItem, 'components'> {
  readonly components: readonly VisibleComponent[];
}
export interface VisibleRankedList extends Omit<RankedList, 'items'> {
  readonly items: readonly VisibleRankedItem[];
}
export interface VisibleExplanation extends Omit<MatchExplanation, 'components' | 'failures'> {
  readonly participantId: string;
  readonly placementId: string;
  readonly components: readonly VisibleComponent[];
  readonly failures: readonly ConstraintFailure[];
}

/**
 * Matching as callers see it: who may ask (advisors and market contacts), over which participants
 * (the access policy's scope), and which explanations they may read (advisor-only facts hidden).
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly store: MatchingStore,
    private readonly policy: AccessPolicy,
    private readonly participants: ParticipantsService,
    private readonly placements: PlacementsService,
    private readonly dataSource: DataSource,
  ) {}

  async matchesForParticipant(actor: Actor, participantId: string, filter: MatchFilterInput | null, count: number): Promise<VisibleRankedList> {
    this.assertCanMatch(actor);
    const f = parseInput(placementFilterSchema, filter ?? {}, 'filter');
    const n = parseFirst(count);
    const view = await this.visibleParticipantView(actor, participantId);
    const list = this.store.engine().matchesForParticipant(participantId, { types: f.type, sectors: f.sector, areaCodes: f.areaCode, minScore: f.minScore }, n, this.placementVisibility(actor));
    return { ...list, items: list.items.map((i) => ({ ...i, components: cut(i.components, view) })) };
  }

  async candidatesForPlacement(actor: Actor, placementId: string, filter: CandidateFilterInput | null, count: number): Promise<VisibleRankedList> {
    this.assertCanMatch(actor);
    const f = parseInput(candidateFilterSchema, filter ?? {}, 'filter');
    const n = parseFirst(count);
    await this.placements.get(actor, placementId);
    const { selector, view } = await this.participantSelector(actor);
    if (f.unitId?.length && selector.kind === 'UNITS' && f.unitId.some((u) => !selector.unitIds.includes(u))) {
      throw ValidationError.field('filter.unitId', 'names a unit whose participants you may not see');
    }
    const list = this.store.engine().candidatesForPlacement(placementId, selector, { unitIds: f.unitId, minScore: f.minScore }, n);
    return { ...list, items: list.items.map((i) => ({ ...i, components: cut(i.components, view) })) };
  }

  async explain(actor: Actor, participantId: string, placementId: string): Promise<VisibleExplanation> {
    this.assertCanMatch(actor);
    const view = await this.visibleParticipantView(actor, participantId);
    await this.placements.get(actor, placementId);
    const engine = this.store.engine();
    // Both are visible but one may not be in the index yet (just created): catch up once before answering.
    if (!engine.participant(participantId) || !engine.placement(placementId)) await this.store.catchUp();
    const explained = engine.explain(participantId, placementId);
    if (!explained) throw new NotFoundError(engine.participant(participantId) ? 'Placement' : 'Participant', engine.participant(participantId) ? placementId : participantId);
    return {
      ...explained,
      participantId,
      placementId,
      components: cut(explained.components, view),
      failures: explained.failures.map((f) => (f.advisorOnly && view !== ParticipantView.FULL ? { ...f, explanation: NEUTRAL_ADVISOR_TEXT } : f)),
    };
  }

  async whatIf(actor: Actor, placementId: string): Promise<WhatIf & { placementId: string }> {
    this.assertCanMatch(actor);
    await this.placements.get(actor, placementId);
    const { selector } = await this.participantSelector(actor);
    const result = this.store.engine().whatIf(placementId, selector);
    if (!result) throw new NotFoundError('Placement', placementId);
    return { ...result, placementId };
  }

  assertCanMatch(actor: Actor): void {
    if (actor.role !== Role.ADVISOR && actor.role !== Role.MARKET_CONTACT) {
      throw new ForbiddenError('Matching is available to programme advisors and market contacts');
    }
  }

  /** The participants the caller may match, as the access policy scopes them. */
  async participantSelector(actor: Actor): Promise<{ selector: ParticipantSelector & { kind: 'UNITS' }; view: ParticipantView }> {
    const scope = this.policy.participantScope(actor);
    switch (scope.kind) {
      case 'UNIT':
        return { selector: { kind: 'UNITS', unitIds: [scope.organisationId] }, view: scope.view };
      case 'SERVED_BY_NAV_OFFICE': {
        const rows = (await this.dataSource.query('SELECT id FROM organisations WHERE nav_office_id = $1', [scope.navOfficeId])) as Array<{ id: string }>;
        return { selector: { kind: 'UNITS', unitIds: rows.map((r) => r.id) }, view: scope.view };
      }
      default:
        throw new ForbiddenError('Matching is available to programme advisors and market contacts');
    }
  }

  private async visibleParticipantView(actor: Actor, participantId: string): Promise<ParticipantView> {
    const [visible] = await this.participants.findByIds(actor, [participantId]);
    if (!visible) throw new NotFoundError('Participant', participantId);
    return visible.view;
  }

  private placementVisibility(actor: Actor): (pl: MatchPlacement) => boolean {
    const scope = this.policy.placementScope(actor);
    switch (scope.kind) {
      case 'ALL':
        return () => true;
      case 'EMPLOYER':
        return (pl) => pl.employerId === scope.employerId;
      case 'PUBLISHED_OR_OWN':
        return (pl) => (PUBLISHED_STATUSES as readonly string[]).includes(pl.status) || pl.ownerOrganisationId === scope.organisationId;
    }
  }
}

function parseFirst(count: number): number {
  const parsed = first.safeParse(count);
  if (!parsed.success) throw ValidationError.field('first', parsed.error.issues[0]!.message);
  return parsed.data;
}

/** Advisor-only reasons in a component's explanation are replaced by their shared wording for other callers. */
function cut(components: readonly ScoreComponent[], view: ParticipantView): VisibleComponent[] {
  return components.map(({ sharedExplanation, ...c }) => (sharedExplanation && view !== ParticipantView.FULL ? { ...c, explanation: sharedExplanation } : c));
}

