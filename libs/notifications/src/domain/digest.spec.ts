import { composeEmail, type PendingEmail, planDigests } from './digest.js';
import type { MessageContent } from './templates.js';

const t0 = new Date('2026-01-05T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const pending = (deliveryId: string, recipientId: string, ms: number, language: 'nb' | 'en' = 'nb'): PendingEmail => ({ deliveryId, recipientKind: 'EMPLOYER_CONTACT', recipientId, language, createdAt: at(ms) });
const policy = { windowMs: 60_000, maxItems: 3 };

describe('planDigests (bundling)', () => {
  it('holds a recipient’s emails until the oldest has waited a whole window', () => {
    expect(planDigests([pending('d1', 'r1', 0)], at(59_999), policy)).toEqual([]);
    expect(planDigests([pending('d1', 'r1', 0)], at(60_000), policy)).toEqual([{ recipientKind: 'EMPLOYER_CONTACT', recipientId: 'r1', language: 'nb', deliveryIds: ['d1'] }]);
  });

  it('bundles everything pending for one recipient into one message, others separately', () => {
    const plans = planDigests([pending('d2', 'r1', 30_000), pending('d1', 'r1', 0), pending('d3', 'r2', 1_000), pending('d4', 'r1', 59_000)], at(61_000), policy);
    expect(plans).toEqual([
      { recipientKind: 'EMPLOYER_CONTACT', recipientId: 'r1', language: 'nb', deliveryIds: ['d1', 'd2', 'd4'] },
      { recipientKind: 'EMPLOYER_CONTACT', recipientId: 'r2', language: 'nb', deliveryIds: ['d3'] },
    ]);
  });

  it('a recipient whose oldest item is young waits, even if another recipient is due', () => {
    const plans = planDigests([pending('d1', 'r1', 0), pending('d2', 'r2', 30_000)], at(60_000), policy);
    expect(plans.map((p) => p.recipientId)).toEqual(['r1']);
  });

  it('splits a long list and uses the newest item’s language', () => {
    const items = [0, 1, 2, 3, 4].map((i) => pending(`d${i}`, 'r1', i, i === 4 ? 'en' : 'nb'));
    const plans = planDigests(items, at(120_000), policy);
    expect(plans.map((p) => p.deliveryIds)).toEqual([['d0', 'd1', 'd2'], ['d3', 'd4']]);
    expect(plans.every((p) => p.language === 'en')).toBe(true);
  });

  it('a zero window sends at once', () => {
    expect(planDigests([pending('d1', 'r1', 0)], at(0), { windowMs: 0, maxItems: 50 })).toHaveLength(1);
  });
});

describe('composeEmail', () => {
  const a: MessageContent = { subject: 'Ny kandidat til «Kokk»', paragraphs: ['Vi foreslår Ali H.'], action: { label: 'Svar', href: 'https://x/answer/1?a=1&b=2' } };
  const b: MessageContent = { subject: 'Ny kandidat til «Servitør»', paragraphs: ['Vi foreslår Mia S.'] };

  it('one item keeps its own subject', () => {
    const email = composeEmail('nb', 'Kari', [a]);
    expect(email.subject).toBe('Ny kandidat til «Kokk»');
    expect(email.text).toContain('Hei Kari,');
    expect(email.text).toContain('Svar: https://x/answer/1?a=1&b=2');
    expect(email.html).toContain('<a href="https://x/answer/1?a=1&amp;b=2">Svar</a>');
  });

  it('several items become one digest listing them all', () => {
    const email = composeEmail('en', 'Kari', [a, b]);
    expect(email.subject).toBe('2 new notifications from Praksisbro');
    expect(email.text).toContain('1. Ny kandidat til «Kokk»');
    expect(email.text).toContain('2. Ny kandidat til «Servitør»');
    expect(email.html.match(/<h3>/g)).toHaveLength(2);
    expect(composeEmail('nb', null, [a, b]).subject).toBe('2 nye varsler fra Praksisbro');
  });

  it('escapes names in HTML', () => {
    expect(composeEmail('nb', '<script>', [b]).html).toContain('Hei &lt;script&gt;,');
  });
});
