import { DeclineReason, ParticipantReason } from '#lib/proposals';
import { NotificationKind } from './notification.js';
import { escapeHtml } from '#lib/core';
import { formatDate, REASON_WORDS, reasonInWords, renderNotification, type TemplateFacts, toPlainText } from './templates.js';

const facts: TemplateFacts = { participantName: 'Olena K.', placementTitle: 'Barnehageassistent', employerName: 'Solsikken barnehage' };

describe('templates', () => {
  it.each(Object.values(NotificationKind).filter((k) => k !== NotificationKind.REMINDER))('%s renders in bokmål and English, naming the participant', (kind) => {
    const nb = renderNotification(kind, 'nb', { ...facts, status: 'STARTED', dueOn: ['2026-02-01'] });
    const en = renderNotification(kind, 'en', { ...facts, status: 'STARTED', dueOn: ['2026-02-01'] });
    for (const c of [nb, en]) {
      expect(c.subject.length).toBeGreaterThan(5);
      expect(c.paragraphs.length).toBeGreaterThan(0);
      expect(`${c.subject} ${c.paragraphs.join(' ')}`).toContain('Olena K.');
    }
    expect(nb.subject).not.toEqual(en.subject);
  });

  it('the employer email carries the answer link when there is one, and says how to answer when there is not', () => {
    const withLink = renderNotification(NotificationKind.PROPOSAL_RECEIVED, 'nb', { ...facts, answerLink: 'https://praksisbro.no/answer/abc' });
    expect(withLink.subject).toBe('Ny kandidat til «Barnehageassistent»');
    expect(withLink.action).toEqual({ label: 'Se kandidaten og svar', href: 'https://praksisbro.no/answer/abc' });
    expect(toPlainText(withLink)).toContain('https://praksisbro.no/answer/abc');
    const without = renderNotification(NotificationKind.PROPOSAL_RECEIVED, 'en', { ...facts, answerLink: null });
    expect(without.action).toBeNull();
    expect(without.paragraphs.join(' ')).toMatch(/Sign in to Praksisbro, or reply to your market contact/);
  });

  it('a decline carries its reason in words, in the recipient’s language', () => {
    const nb = renderNotification(NotificationKind.PROPOSAL_DECLINED, 'nb', { ...facts, reason: 'ORAL_NORWEGIAN_TOO_WEAK' });
    expect(nb.paragraphs).toContain('Begrunnelse: muntlig norsk er foreløpig for svakt for oppgavene.');
    const en = renderNotification(NotificationKind.PROPOSAL_DECLINED, 'en', { ...facts, reason: 'HOURS_DO_NOT_FIT' });
    expect(en.paragraphs).toContain('Reason: the hours do not fit.');
    expect(renderNotification(NotificationKind.PROPOSAL_DECLINED, 'en', facts).paragraphs).toContain('No reason was given.');
  });

  it('has words for every decline and participant reason the process records', () => {
    for (const code of [...Object.values(DeclineReason), ...Object.values(ParticipantReason)]) {
      expect(REASON_WORDS[code].nb).toBeTruthy();
      expect(REASON_WORDS[code].en).toBeTruthy();
    }
    expect(reasonInWords('SOMETHING_NEW', 'nb')).toBe('annen grunn');
    expect(reasonInWords(null, 'nb')).toBeNull();
  });

  it('progress names the new status; an early end gives the reason', () => {
    const c = renderNotification(NotificationKind.PLACEMENT_PROGRESSED, 'nb', { ...facts, status: 'ENDED_EARLY', reason: 'TRAVEL' });
    expect(c.subject).toBe('Olena K.: praksisen ble avsluttet før tiden');
    expect(c.paragraphs).toContain('Begrunnelse: reiseveien er for lang.');
    expect(renderNotification(NotificationKind.PLACEMENT_PROGRESSED, 'en', { ...facts, status: 'HIRED' }).subject).toBe('Olena K.: the participant was hired');
  });

  it('formats dates per language and lists several', () => {
    expect(formatDate('2026-01-19', 'nb')).toBe('19.01.2026');
    expect(formatDate('2026-01-19', 'en')).toBe('19 Jan 2026');
    const c = renderNotification(NotificationKind.FOLLOW_UP_SCHEDULED, 'nb', { ...facts, dueOn: ['2026-01-19', '2026-02-15', '2026-03-31'] });
    expect(c.paragraphs).toContain('Planlagt: 19.01.2026, 15.02.2026 og 31.03.2026.');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
