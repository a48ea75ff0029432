import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '#lib/access';
import { assertTimestampCursor, isUuid, NotFoundError, type Page, type PageRequest, toPage, ValidationError } from '#lib/core';

export interface InboxItem {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

export interface MarkReadResult {
  /** Notifications that were unread and are read now. */
  readonly marked: number;
  readonly unreadCount: number;
}

const MAX_IDS = 500;

/** The caller's own in-app notifications: every query is keyed by the caller, so nobody reads or marks another's. */
@Injectable()
export class NotificationInbox {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, unreadOnly: boolean, page: PageRequest): Promise<Page<InboxItem>> {
    const params: unknown[] = [actor.userId];
    let filter = 'recipient_id = $1';
    if (unreadOnly) filter += ' AND read_at IS NULL';
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM notifications WHERE ${filter}`, params)) as [{ total: number }];
    let keyset = '';
    if (page.after) {
      if (!isUuid(page.after.id)) throw ValidationError.field('after', 'is not a cursor returned by this API');
      assertTimestampCursor(page);
      params.push(page.after.key, page.after.id);
      keyset = ` AND (created_at, id) < ($2::timestamptz, $3::uuid)`;
    }
    params.push(page.first + 1);
    // The cursor keeps microseconds (a JS Date would drop them and skip rows written in the same millisecond).
    const rows = (await this.dataSource.query(
      `SELECT id, kind, title, body, subject_type, subject_id, created_at, read_at,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_key
         FROM notifications WHERE ${filter}${keyset}
        ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as Array<Record<string, any>>;
    const result = toPage(rows, page, (r) => [r.cursor_key, r.id], total);
    return {
      ...result,
      items: result.items.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, subjectType: r.subject_type, subjectId: r.subject_id, createdAt: r.created_at, readAt: r.read_at })),
    };
  }

  async unreadCount(actor: Actor): Promise<number> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`, [actor.userId])) as [{ n: number }];
    return n;
  }

  /** All or nothing: an id that is not the caller's is NOT_FOUND (never a hint that it exists) and nothing is marked. */
  async markRead(actor: Actor, ids: readonly string[]): Promise<MarkReadResult> {
    if (ids.length === 0) throw ValidationError.field('ids', 'name at least one notification');
    if (ids.length > MAX_IDS) throw ValidationError.field('ids', `at most ${MAX_IDS} at a time`);
    const bad = ids.find((id) => !isUuid(id));
    if (bad) throw new NotFoundError('Notification', bad);
    return this.dataSource.transaction(async (em) => {
      const own = (await em.query(`SELECT id FROM notifications WHERE id = ANY($1::uuid[]) AND recipient_id = $2 FOR UPDATE`, [ids, actor.userId])) as Array<{ id: string }>;
      const found = new Set(own.map((r) => r.id));
      const missing = ids.find((id) => !found.has(id));
      if (missing) throw new NotFoundError('Notification', missing);
      const [, marked] = (await em.query(`UPDATE notifications SET read_at = now() WHERE id = ANY($1::uuid[]) AND recipient_id = $2 AND read_at IS NULL`, [ids, actor.userId])) as [unknown, number];
      const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`, [actor.userId])) as [{ n: number }];
      return { marked, unreadCount: n };
    });
  }

  async markAllRead(actor: Actor): Promise<MarkReadResult> {
    const [, marked] = (await this.dataSource.query(`UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL`, [actor.userId])) as [unknown, number];
    // Not simply 0: a notification may have arrived since the update.
    return { marked, unreadCount: await this.unreadCount(actor) };
  }
}
