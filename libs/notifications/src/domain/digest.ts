import type { Language, RecipientKind } from './notification.js';
import { escapeHtml } from '#lib/core';
import type { MessageContent } from './templates.js';

/** An email delivery waiting to be bundled into a message. */
export interface PendingEmail {
  readonly deliveryId: string;
  readonly recipientKind: RecipientKind;
  readonly recipientId: string;
  readonly language: Language;
  readonly createdAt: Date;
}

export interface DigestPlan {
  readonly recipientKind: RecipientKind;
  readonly recipientId: string;
  /** The newest item's language: the recipient's current choice. */
  readonly language: Language;
  readonly deliveryIds: readonly string[];
}

export interface DigestPolicy {
  /** How long the first pending item of a recipient waits for others to join it. */
  readonly windowMs: number;
  /** A longer list is split into several messages. */
  readonly maxItems: number;
}

/**
 * Decides which pending emails leave now and how they are bundled: per recipient, once the oldest item has
 * waited a whole window, everything pending for that recipient goes in one message (split past maxItems).
 * So a burst of events becomes one email per recipient per window instead of a stream.
 */
export function planDigests(pending: readonly PendingEmail[], now: Date, policy: DigestPolicy): DigestPlan[] {
  const groups = new Map<string, PendingEmail[]>();
  for (const p of pending) {
    const key = `${p.recipientKind}:${p.recipientId}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const plans: DigestPlan[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.deliveryId.localeCompare(b.deliveryId));
    if (now.getTime() - group[0]!.createdAt.getTime() < policy.windowMs) continue;
    for (let i = 0; i < group.length; i += policy.maxItems) {
      const chunk = group.slice(i, i + policy.maxItems);
      const { recipientKind, recipientId } = chunk[0]!;
      plans.push({ recipientKind, recipientId, language: group[group.length - 1]!.language, deliveryIds: chunk.map((c) => c.deliveryId) });
    }
  }
  return plans;
}

export interface ComposedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const WORDS = {
  nb: {
    greeting: (name: string | null) => (name ? `Hei ${name},` : 'Hei,'),
    digestSubject: (n: number) => `${n} nye varsler fra Praksisbro`,
    digestIntro: (n: number) => `Her er ${n} nye varsler fra Praksisbro:`,
    footer: 'Du får denne e-posten fordi du er registrert i Praksisbro. Svar ikke på denne e-posten.',
  },
  en: {
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    digestSubject: (n: number) => `${n} new notifications from Praksisbro`,
    digestIntro: (n: number) => `Here are ${n} new notifications from Praksisbro:`,
    footer: 'You receive this email because you are registered in Praksisbro. Please do not reply to it.',
  },
} as const;

const sectionText = (c: MessageContent) => [...c.paragraphs, ...(c.action ? [`${c.action.label}: ${c.action.href}`] : [])].join('\n\n');
const sectionHtml = (c: MessageContent) =>
  [
    ...c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(c.action ? [`<p><a href="${escapeHtml(c.action.href)}">${escapeHtml(c.action.label)}</a></p>`] : []),
  ].join('\n');

/** One email for one or more notifications: a single item keeps its own subject; several become a digest. */
export function composeEmail(language: Language, recipientName: string | null, items: readonly MessageContent[]): ComposedEmail {
  if (items.length === 0) throw new RangeError('composeEmail needs at least one item');
  const w = WORDS[language];
  const greeting = w.greeting(recipientName);
  if (items.length === 1) {
    const [item] = items as [MessageContent];
    return {
      subject: item.subject,
      text: [greeting, sectionText(item), '--', w.footer].join('\n\n'),
      html: `<p>${escapeHtml(greeting)}</p>\n${sectionHtml(item)}\n<hr>\n<p><small>${escapeHtml(w.footer)}</small></p>`,
    };
  }
  const text = [greeting, w.digestIntro(items.length), ...items.map((c, i) => `${i + 1}. ${c.subject}\n\n${sectionText(c)}`), '--', w.footer].join('\n\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(w.digestIntro(items.length))}</p>`,
    ...items.map((c) => `<h3>${escapeHtml(c.subject)}</h3>\n${sectionHtml(c)}`),
    '<hr>',
    `<p><small>${escapeHtml(w.footer)}</small></p>`,
  ].join('\n');
  return { subject: w.digestSubject(items.length), text, html };
}
