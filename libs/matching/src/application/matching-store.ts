import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RowScopes } from '#lib/database';
import { MATCHING_OPTIONS, type MatchingOptions } from '../matching.options.js';
import { MatchEngine } from '../engine/match-engine.js';
import { MatchSnapshotRepository } from '../persistence/match-snapshot.repository.js';

interface Cursor {
  readonly relayedAt: string;
  readonly id: string;
}

const BEFORE_EVERYTHING: Cursor = { relayedAt: '-infinity', id: '0' };

/**
 * This process's matching engine. Built from PostgreSQL at start (the api answers health checks
 * only after), then kept fresh by following the outbox: every relayed event about a participant,
 * placement or proposal reloads that aggregate. Relay batches commit in `relayed_at` order (one
 * relayer at a time), so a (relayed_at, id) cursor sees each event; applying one twice is harmless.
 */
@Injectable()
export class MatchingStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(MatchingStore.name);
  private readonly repository: MatchSnapshotRepository;
  private current?: MatchEngine;
  private cursor: Cursor = BEFORE_EVERYTHING;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MATCHING_OPTIONS) private readonly options: MatchingOptions,
  ) {
    this.repository = new MatchSnapshotRepository(dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.rebuild();
    this.schedule();
  }

  engine(): MatchEngine {
    if (!this.current) throw new Error('The matching index is not built yet');
    return this.current;
  }

  /** Loads everything again; events relayed meanwhile are replayed from the cursor taken first. */
  async rebuild(): Promise<void> {
    return RowScopes.system(() => this.loadEverything());
  }

  /**
   * Applies every relayed event after the cursor; returns how many were applied. The index holds everyone and
   * requests filter it by the caller's scope, so its reads are the api's own work: they run with the system row
   * scope even when a request triggers them (a caller's scope would make rows it may not see look deleted).
   */
  async catchUp(): Promise<number> {
    return RowScopes.system(() => this.applyRelayed());
  }

  private async loadEverything(): Promise<void> {
    const started = Date.now();
    const cursor = await this.latestCursor();
    const snapshot = await this.repository.loadAll();
    this.current = MatchEngine.build(snapshot, { weights: this.options.weights });
    this.cursor = cursor;
    this.log.log(`matching index built: ${snapshot.participants.length} participants, ${snapshot.placements.length} placements in ${Date.now() - started} ms`);
  }

  private async applyRelayed(): Promise<number> {
    let applied = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT id::text AS id, relayed_at::text AS relayed_at, type, aggregate_type, aggregate_id, payload
           FROM outbox_events
          WHERE relayed_at IS NOT NULL AND (relayed_at, id) > ($1::timestamptz, $2::bigint)
          ORDER BY relayed_at, id
          LIMIT 1000`,
        [this.cursor.relayedAt, this.cursor.id],
      )) as Array<{ id: string; relayed_at: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown> }>;
      if (rows.length === 0) return applied;
      const participantIds = new Set<string>();
      const placementIds = new Set<string>();
      const employerIds = new Set<string>();
      for (const r of rows) {
        if (r.aggregate_type === 'Participant') participantIds.add(r.aggregate_id);
        else if (r.aggregate_type === 'Placement') placementIds.add(r.aggregate_id);
        else if (r.aggregate_type === 'Proposal') {
          // A proposal changes both sides: the participant's commitments and the placement's free slots.
          if (typeof r.payload.participantId === 'string') participantIds.add(r.payload.participantId);
          if (typeof r.payload.placementId === 'string') placementIds.add(r.payload.placementId);
          // Declines and evaluations change what matching learns about the employer: all its placements.
          const learns = r.payload.to === 'DECLINED' || r.type === 'EvaluationRecorded';
          if (learns && typeof r.payload.employerId === 'string') employerIds.add(r.payload.employerId);
        }
      }
      await this.refresh([...participantIds], [...placementIds], [...employerIds]);
      const last = rows[rows.length - 1]!;
      this.cursor = { relayedAt: last.relayed_at, id: last.id };
      applied += rows.length;
      if (rows.length < 1000) return applied;
    }
  }

  private async refresh(participantIds: string[], placementIds: string[], employerIds: string[]): Promise<void> {
    const engine = this.engine();
    if (participantIds.length > 0) {
      const found = await this.repository.participants(participantIds);
      const seen = new Set(found.map((p) => p.id));
      for (const p of found) engine.upsertParticipant(p);
      for (const id of participantIds) if (!seen.has(id)) engine.removeParticipant(id);
    }
    if (placementIds.length > 0) {
      const found = await this.repository.placements(placementIds);
      const seen = new Set(found.map((p) => p.id));
      for (const pl of found) engine.upsertPlacement(pl);
      for (const id of placementIds) if (!seen.has(id)) engine.removePlacement(id);
    }
    if (employerIds.length > 0) for (const pl of await this.repository.placementsOfEmployers(employerIds)) engine.upsertPlacement(pl);
  }

  private async latestCursor(): Promise<Cursor> {
    const [row] = (await this.dataSource.query(
      `SELECT id::text AS id, relayed_at::text AS relayed_at FROM outbox_events WHERE relayed_at IS NOT NULL ORDER BY relayed_at DESC, id DESC LIMIT 1`,
    )) as Array<{ id: string; relayed_at: string }>;
    return row ? { relayedAt: row.relayed_at, id: row.id } : BEFORE_EVERYTHING;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.catchUp()
        .catch((err: Error) => this.log.warn(`matching feed failed, retrying: ${err.message}`))
        .then(() => undefined)
        .finally(() => {
          this.polling = undefined;
          this.schedule();
        });
    }, this.options.feedIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }
}
