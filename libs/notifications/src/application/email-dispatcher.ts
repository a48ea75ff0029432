import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { composeEmail, planDigests, type PendingEmail } from '../domain/digest.js';
import { asLanguage, type RecipientKind, recipientKey } from '../domain/notification.js';
import { EmailNotAcceptedError } from '../domain/notifications.errors.js';
import { EMAIL_SENDER, type EmailSender } from '../domain/ports.js';
import { nextEmailAttempt } from '../domain/retry-policy.js';
import type { MessageContent } from '../domain/templates.js';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options.js';
import { NotificationFactsRepository } from '../persistence/notification-facts.repository.js';

const COMPOSE_LOCK = 7_311_2101;
const COMPOSE_BATCH = 10_000;

interface PendingRow {
  id: string;
  recipient_kind: RecipientKind;
  recipient_id: string;
  language: string;
  content: MessageContent;
  created_at: Date;
}

/**
 * Email in two steps, both driven from PostgreSQL (so a Redis outage never holds mail back):
 *
 * 1. compose: pending email deliveries are bundled per recipient (planDigests) into `email_messages` rows whose
 *    content and id are fixed from then on.
 * 2. send: each due message is sent while its row is locked (FOR UPDATE SKIP LOCKED) and marked sent in the same
 *    transaction right after SMTP accepted it. If the worker dies mid-send the lock goes with its connection and
 *    the message is sent again later — with the same Message-ID. The only duplicate window left is between the
 *    server's "250 OK" and that commit (one round trip to PostgreSQL); a message marked sent is never sent again.
 */
@Injectable()
export class EmailDispatcher {
  private readonly log = new Logger(EmailDispatcher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: NotificationFactsRepository,
    @Inject(EMAIL_SENDER) private readonly sender: EmailSender,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {}

  /** Bundles due deliveries into messages; returns how many messages were created (0 while another replica composes). */
  async compose(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked, now }] = (await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked, clock_timestamp() AS now', [COMPOSE_LOCK])) as [{ locked: boolean; now: Date }];
      if (!locked) return 0;
      const rows = (await em.query(
        `SELECT id, recipient_kind, recipient_id, language, content, created_at FROM notification_deliveries
          WHERE status = 'PENDING' AND channel <> 'IN_APP' AND email_message_id IS NULL AND channel = 'EMAIL'
          ORDER BY created_at, id LIMIT $1`,
        [COMPOSE_BATCH],
      )) as PendingRow[];
      if (rows.length === 0) return 0;
      const pending: PendingEmail[] = rows.map((r) => ({ deliveryId: r.id, recipientKind: r.recipient_kind, recipientId: r.recipient_id, language: asLanguage(r.language), createdAt: r.created_at }));
      const plans = planDigests(pending, now, { windowMs: this.options.digestWindowMs, maxItems: this.options.maxDigestItems });
      if (plans.length === 0) return 0;

      const byId = new Map(rows.map((r) => [r.id, r]));
      const reached = await this.facts.contacts(em, plans.map((p) => ({ kind: p.recipientKind, id: p.recipientId })));
      const messages: Array<Record<string, unknown>> = [];
      const assignments: Array<{ did: string; mid: string }> = [];
      const unreachable: string[] = [];
      for (const plan of plans) {
        const who = reached.get(recipientKey({ kind: plan.recipientKind, id: plan.recipientId }));
        if (!who?.email) {
          unreachable.push(...plan.deliveryIds);
          continue;
        }
        const email = composeEmail(plan.language, who.name, plan.deliveryIds.map((id) => byId.get(id)!.content));
        const id = randomUUID();
        messages.push({ id, recipient_kind: plan.recipientKind, recipient_id: plan.recipientId, to_address: who.email, language: plan.language, subject: email.subject, text_body: email.text, html_body: email.html, item_count: plan.deliveryIds.length });
        for (const did of plan.deliveryIds) assignments.push({ did, mid: id });
      }
      if (messages.length > 0) {
        await em.query(
          `INSERT INTO email_messages (id, recipient_kind, recipient_id, to_address, language, subject, text_body, html_body, item_count)
           SELECT id, recipient_kind, recipient_id, to_address, language, subject, text_body, html_body, item_count
             FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, recipient_kind text, recipient_id uuid, to_address text, language text, subject text, text_body text, html_body text, item_count int)`,
          [JSON.stringify(messages)],
        );
        await em.query(
          `UPDATE notification_deliveries d SET email_message_id = x.mid FROM jsonb_to_recordset($1::jsonb) AS x(did uuid, mid uuid) WHERE d.id = x.did`,
          [JSON.stringify(assignments)],
        );
      }
      if (unreachable.length > 0) {
        // The address was removed (or the user deactivated) after the notification was planned.
        await em.query(`UPDATE notification_deliveries SET status = 'NOT_SENT', detail = 'not sent: no email address' WHERE id = ANY($1::uuid[])`, [unreachable]);
      }
      return messages.length;
    });
  }

  /** Sends the next due message, if any. Run by several lanes at once; row locks keep them apart. */
  async sendOne(): Promise<'sent' | 'failed' | 'none'> {
    return this.dataSource.transaction(async (em) => {
      const [msg] = (await em.query(
        `SELECT id, to_address, subject, text_body, html_body, attempts FROM email_messages
          WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      )) as Array<{ id: string; to_address: string; subject: string; text_body: string; html_body: string; attempts: number }>;
      if (!msg) return 'none';
      try {
        const { response } = await this.sender.send({ id: msg.id, to: msg.to_address, subject: msg.subject, text: msg.text_body, html: msg.html_body });
        // One statement, then COMMIT: the whole duplicate window after SMTP's "250 OK".
        await em.query(
          `WITH m AS (UPDATE email_messages SET sent_at = clock_timestamp(), attempts = attempts + 1, smtp_response = $2, last_error = NULL WHERE id = $1 RETURNING sent_at)
           UPDATE notification_deliveries SET status = 'SENT', sent_at = (SELECT sent_at FROM m) WHERE email_message_id = $1`,
          [msg.id, response.slice(0, 500)],
        );
        return 'sent';
      } catch (err) {
        if (!(err instanceof EmailNotAcceptedError)) throw err;
        const attempts = msg.attempts + 1;
        const decision = nextEmailAttempt(attempts, err);
        if (decision.retry) {
          await em.query(`UPDATE email_messages SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`, [msg.id, attempts, err.message, decision.delayMs / 1000]);
          this.log.warn(`email ${msg.id} not accepted (attempt ${attempts}), retrying in ${decision.delayMs} ms: ${err.message}`);
        } else {
          await em.query(
            `WITH m AS (UPDATE email_messages SET attempts = $2, last_error = $3, failed_at = now() WHERE id = $1)
             UPDATE notification_deliveries SET status = 'FAILED', detail = $3 WHERE email_message_id = $1`,
            [msg.id, attempts, `${decision.reason}: ${err.message}`],
          );
          this.log.error(`email ${msg.id} given up (${decision.reason}) after ${attempts} attempts: ${err.message}`);
        }
        return 'failed';
      }
    });
  }
}
