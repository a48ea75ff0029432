import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '#lib/core';
import { Channel, type Language, NotificationKind, type RecipientRef, recipientKey, type TemplatedKind } from '../domain/notification.js';
import { AnswerLinksNotConfiguredError } from '../domain/notifications.errors.js';
import { EMPLOYER_ANSWER_LINKS, type EmployerAnswerLinks } from '../domain/ports.js';
import type { PlannedNotification } from '../domain/recipient-rules.js';
import { type MessageContent, renderNotification } from '../domain/templates.js';
import { UnconfiguredEmployerAnswerLinks } from '../adapters/unconfigured-answer-links.js';
import { DeliveryStatus } from '../persistence/notification-delivery.entity.js';
import { type ProposalFacts, NotificationFactsRepository, type RecipientContact } from '../persistence/notification-facts.repository.js';

export interface NotificationTarget {
  readonly recipient: RecipientRef;
  readonly channels: readonly Channel[];
}

/** Ids and codes only: names and titles are reloaded from the proposal when the notification is written. */
export interface NotifyParams {
  readonly proposalId: string;
  readonly status?: string | null;
  readonly reason?: string | null;
  readonly dueOn?: readonly string[];
  readonly daysWaiting?: number | null;
}

/** A message its sender already wrote in both languages (reminders), for `notifyRendered`. */
export interface RenderedMessage {
  readonly kind: NotificationKind;
  readonly texts: Readonly<Record<Language, MessageContent>>;
  /** What it is about, shown with the in-app notification and used to forget it on erasure. */
  readonly subject?: { readonly type: string; readonly id: string } | null;
}

export interface NotifyResult {
  /** Delivery rows written now; 0 when the dedupe key had already been used for every recipient and channel. */
  readonly deliveries: number;
  readonly inApp: number;
}

/** Kinds whose email to an employer contact carries the signed answer link. */
const ANSWER_LINK_KINDS: ReadonlySet<NotificationKind> = new Set([NotificationKind.PROPOSAL_RECEIVED, NotificationKind.PROPOSAL_ANSWER_REMINDER]);

interface DeliveryRow {
  dedupe_key: string;
  event_id: string | null;
  recipient_kind: string;
  recipient_id: string;
  channel: Channel;
  kind: NotificationKind;
  language: string;
  content: MessageContent;
  subject_type: string | null;
  subject_id: string | null;
  status: DeliveryStatus;
  detail: string | null;
}

const unreachableOn = (channel: Channel, who: RecipientContact): string | null =>
  channel === Channel.IN_APP && who.ref.kind !== 'USER' ? 'no account' : channel === Channel.EMAIL && !who.email ? 'no email address' : channel === Channel.SMS && !who.phone ? 'no phone number' : null;

/**
 * Writes notifications: one delivery row per (dedupe key, recipient, channel) and, for in-app, the notification
 * itself, in the caller's transaction. Email and SMS rows are left PENDING for the dispatchers, so nothing outside
 * PostgreSQL is touched here and a rolled-back caller leaves no trace.
 */
@Injectable()
export class NotificationsService {
  private readonly log = new Logger(NotificationsService.name);
  private readonly answerLinks: EmployerAnswerLinks;
  private warnedNoLinks = false;

  constructor(
    private readonly facts: NotificationFactsRepository,
    // Bound by libs/employer-answers (a global module exporting the token); until then emails go without the link.
    @Optional() @Inject(EMPLOYER_ANSWER_LINKS) answerLinks?: EmployerAnswerLinks | null,
  ) {
    this.answerLinks = answerLinks ?? new UnconfiguredEmployerAnswerLinks();
  }

  /**
   * For other modules: notify `targets` about a proposal with one of this lib's templates, inside the caller's
   * transaction. The same `dedupeKey` never notifies the same recipient on the same channel twice.
   */
  async notify(em: EntityManager, targets: readonly NotificationTarget[], kind: TemplatedKind, params: NotifyParams, dedupeKey: string): Promise<NotifyResult> {
    assertInTransaction(em);
    const facts = await this.facts.proposalFacts(em, params.proposalId);
    if (!facts) throw new NotFoundError('Proposal', params.proposalId);
    return this.deliver(em, { dedupeKey, eventId: null, facts, params, planned: targets.map((t) => ({ ...t, kind })) });
  }

  /** For senders that word their own messages (reminders): written per recipient in their language, once per key. */
  async notifyRendered(em: EntityManager, targets: readonly NotificationTarget[], message: RenderedMessage, dedupeKey: string): Promise<NotifyResult> {
    assertInTransaction(em);
    const reached = await this.facts.contacts(em, targets.map((t) => t.recipient));
    const rows: DeliveryRow[] = [];
    for (const target of targets) {
      const who = reached.get(recipientKey(target.recipient));
      if (!who) continue;
      for (const channel of target.channels) rows.push(this.row(dedupeKey, null, who, channel, message.kind, message.texts[who.language], message.subject ?? null));
    }
    return this.write(em, rows);
  }

  /** The event path and `notify`: recipients as they are now, each in their language; the answer link for contacts. */
  async deliver(
    em: EntityManager,
    input: { dedupeKey: string; eventId: string | null; facts: ProposalFacts; params: NotifyParams; planned: readonly PlannedNotification[] },
  ): Promise<NotifyResult> {
    const { facts, params } = input;
    const reached = await this.facts.contacts(em, input.planned.map((p) => p.recipient));
    const subject = { type: 'Proposal', id: facts.proposalId };
    const rows: DeliveryRow[] = [];
    for (const planned of input.planned) {
      const who = reached.get(recipientKey(planned.recipient));
      if (!who) continue; // deactivated or removed since: nobody to tell
      for (const channel of planned.channels) {
        const wantsLink = channel !== Channel.IN_APP && !unreachableOn(channel, who) && who.ref.kind === 'EMPLOYER_CONTACT' && ANSWER_LINK_KINDS.has(planned.kind);
        const content = renderNotification(planned.kind, who.language, {
          participantName: facts.participantName,
          placementTitle: facts.placementTitle,
          employerName: facts.employerName,
          status: params.status ?? null,
          reason: params.reason ?? facts.reason,
          dueOn: params.dueOn ?? [],
          daysWaiting: params.daysWaiting ?? null,
          answerLink: wantsLink ? await this.linkFor(facts.proposalId, who.ref.id) : null,
        });
        rows.push(this.row(input.dedupeKey, input.eventId, who, channel, planned.kind, content, subject));
      }
    }
    return this.write(em, rows);
  }

  /**
   * Erasure: removes every notification about these subjects (e.g. an erased participant's proposals) with the
   * emails that carried them; a digest that also carried other notifications is rebuilt without them if unsent.
   */
  async forgetSubjects(em: EntityManager, subjectIds: readonly string[]): Promise<number> {
    if (subjectIds.length === 0) return 0;
    await em.query(
      `DELETE FROM email_messages WHERE id IN (SELECT email_message_id FROM notification_deliveries WHERE subject_id = ANY($1::uuid[]) AND email_message_id IS NOT NULL)`,
      [subjectIds],
    );
    const [, removed] = (await em.query(`DELETE FROM notification_deliveries WHERE subject_id = ANY($1::uuid[])`, [subjectIds])) as [unknown, number];
    return removed;
  }

  private row(dedupeKey: string, eventId: string | null, who: RecipientContact, channel: Channel, kind: NotificationKind, content: MessageContent, subject: RenderedMessage['subject']): DeliveryRow {
    const unreachable = unreachableOn(channel, who);
    return {
      dedupe_key: dedupeKey,
      event_id: eventId,
      recipient_kind: who.ref.kind,
      recipient_id: who.ref.id,
      channel,
      kind,
      language: who.language,
      content,
      subject_type: subject?.type ?? null,
      subject_id: subject?.id ?? null,
      // In-app is delivered by being written; email and SMS wait for their dispatcher.
      status: unreachable ? DeliveryStatus.NOT_SENT : channel === Channel.IN_APP ? DeliveryStatus.SENT : DeliveryStatus.PENDING,
      detail: unreachable ? `not sent: ${unreachable}` : null,
    };
  }

  private async write(em: EntityManager, rows: readonly DeliveryRow[]): Promise<NotifyResult> {
    if (rows.length === 0) return { deliveries: 0, inApp: 0 };
    // One statement: deliveries that are new (the UNIQUE key absorbs redeliveries) and, for those, the in-app rows.
    const [result] = (await em.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(dedupe_key text, event_id bigint, recipient_kind text, recipient_id uuid, channel notification_channel,
                                                          kind text, language text, content jsonb, subject_type text, subject_id uuid,
                                                          status notification_delivery_status, detail text)
       ), d AS (
         INSERT INTO notification_deliveries (dedupe_key, event_id, recipient_kind, recipient_id, channel, kind, language, content, subject_type, subject_id, status, detail, sent_at)
         SELECT dedupe_key, event_id, recipient_kind, recipient_id, channel, kind, language, content, subject_type, subject_id, status, detail,
                CASE WHEN status = 'SENT' THEN now() END FROM input
         ON CONFLICT (dedupe_key, recipient_kind, recipient_id, channel) DO NOTHING
         RETURNING id, recipient_id, channel, status, kind, content, subject_type, subject_id
       ), messages AS (
         INSERT INTO notifications (recipient_id, delivery_id, kind, subject_type, subject_id, title, body)
         SELECT d.recipient_id, d.id, d.kind, d.subject_type, d.subject_id, d.content->>'subject',
                array_to_string(ARRAY(SELECT jsonb_array_elements_text(d.content->'paragraphs')), E'\\n\\n')
           FROM d WHERE d.channel = 'IN_APP' AND d.status = 'SENT'
       )
       -- One in-app row per such delivery; counted from d, since row-level security lets a caller write but not
       -- read (RETURNING) another user's notifications.
       SELECT (SELECT count(*)::int FROM d) AS deliveries, (SELECT count(*)::int FROM d WHERE d.channel = 'IN_APP' AND d.status = 'SENT') AS in_app`,
      [JSON.stringify(rows)],
    )) as [{ deliveries: number; in_app: number }];
    return { deliveries: result.deliveries, inApp: result.in_app };
  }

  private async linkFor(proposalId: string, contactId: string): Promise<string | null> {
    try {
      return await this.answerLinks.linkFor(proposalId, contactId);
    } catch (err) {
      // Only a missing binding is tolerated; a real implementation failing should retry the job.
      if (!(err instanceof AnswerLinksNotConfiguredError)) throw err;
      if (!this.warnedNoLinks) {
        this.warnedNoLinks = true;
        this.log.warn('EMPLOYER_ANSWER_LINKS is not bound: employer emails are sent without the answer link');
      }
      return null;
    }
  }
}

function assertInTransaction(em: EntityManager): void {
  if (!em.queryRunner?.isTransactionActive) throw new Error('NotificationsService must be called inside the caller’s transaction');
}
