import { createHash } from 'node:crypto';
import { PlacementType } from '#lib/placements';
import { DeclineReason, ProposalStatus } from '#lib/proposals';
import type { ProposalView } from '../application/employer-answers.service.js';
import { AnswerLinkProblem } from '../domain/answer-link.exception.js';
import { ANSWER_PAGE_HEADERS, renderAnswerPage, renderErrorPage } from './answer-page.html.js';
import { ANSWER_TEXTS } from './answer-texts.js';
import { escapeHtml } from '#lib/core';

const EVIL = `<script>alert("x")</script>&'`;
const view = (shared: boolean, language: 'nb' | 'en' = 'nb'): ProposalView => ({
  proposalId: 'p',
  participantId: 'x',
  status: ProposalStatus.PROPOSED,
  language,
  contactName: EVIL,
  employerName: `Bakeri ${EVIL}`,
  placement: { title: `Tittel ${EVIL}`, type: PlacementType.WORK_PRACTICE, startDate: '2027-01-04', endDate: null, weekdays: ['MON', 'WED'], hoursPerWeek: 7.5, siteName: 'Butikken', siteAddress: null },
  card: {
    participantId: 'x',
    displayName: `Ali ${EVIL}`,
    shared,
    norwegian: shared ? [{ skill: 'WRITING', level: 'A2', source: 'TEACHER_ASSESSMENT' }] : [],
    otherLanguages: [],
    experience: shared ? [{ occupationCode: '9999', years: 1.5 }] : [],
    certificates: shared ? [`Truckførerbevis ${EVIL}`] : [],
    wantedOccupations: [],
  },
});

describe('answer pages', () => {
  it('escapes every interpolated value', () => {
    const { status, body } = renderAnswerPage({ kind: 'FORM', view: view(true) }, null);
    expect(status).toBe(200);
    expect(body).not.toContain('<script>');
    expect(body).toContain(escapeHtml(EVIL));
    expect(body).toContain('Truckførerbevis &lt;script&gt;');
  });

  it('shows the card’s details only when it is shared', () => {
    const shared = renderAnswerPage({ kind: 'FORM', view: view(true) }, null).body;
    expect(shared).toContain('Skriving');
    expect(shared).toContain('vurdert av lærer');
    expect(shared).toContain('9999 – 1,5 år'); // an unknown occupation code falls back to the code
    const hidden = renderAnswerPage({ kind: 'FORM', view: view(false) }, null).body;
    expect(hidden).toContain('Ali &lt;script&gt;');
    expect(hidden).toContain(ANSWER_TEXTS.nb.notShared);
    expect(hidden).not.toContain('Skriving');
    expect(hidden).not.toContain('Truckførerbevis');
  });

  it('offers every structured decline reason, in the page’s language', () => {
    for (const lang of ['nb', 'en'] as const) {
      const body = renderAnswerPage({ kind: 'FORM', view: view(true, lang) }, null).body;
      expect(body).toContain(`<html lang="${lang}">`);
      for (const reason of Object.values(DeclineReason)) expect(body).toContain(`<option value="${reason}">${escapeHtml(ANSWER_TEXTS[lang].declineReasons[reason])}</option>`);
    }
    expect(renderAnswerPage({ kind: 'FORM', view: view(true, 'nb') }, 'en').body).toContain('<html lang="en">');
  });

  it('keeps what was typed and says what is missing when the form comes back', () => {
    const { status, body } = renderAnswerPage({ kind: 'FORM', view: view(true), problem: { field: 'reason', form: { decision: 'DECLINE', note: `hei ${EVIL}` } } }, null);
    expect(status).toBe(400);
    expect(body).toContain(ANSWER_TEXTS.nb.problems.reason);
    expect(body).toContain(`hei ${escapeHtml(EVIL)}</textarea>`);
  });

  it.each([
    [AnswerLinkProblem.INVALID, 404],
    [AnswerLinkProblem.UNKNOWN, 404],
    [AnswerLinkProblem.EXPIRED, 410],
    [AnswerLinkProblem.USED, 410],
  ])('shows %s links in both languages with status %i', (problem, status) => {
    const page = renderAnswerPage({ kind: 'LINK_PROBLEM', problem }, null);
    expect(page.status).toBe(status);
    expect(page.body).toContain(ANSWER_TEXTS.nb.linkProblems[problem].title);
    expect(page.body).toContain(ANSWER_TEXTS.en.linkProblems[problem].title);
  });

  it('answers 409 for a proposal that is no longer waiting, and 500 without details for our own failures', () => {
    const context = view(true);
    expect(renderAnswerPage({ kind: 'NOT_OPEN', context, status: ProposalStatus.WITHDRAWN }, 'en').body).toContain('has been withdrawn');
    expect(renderAnswerPage({ kind: 'NOT_OPEN', context, status: ProposalStatus.ACCEPTED }, null).status).toBe(409);
    expect(renderAnswerPage({ kind: 'FULL', context }, null).status).toBe(409);
    const error = renderErrorPage(null);
    expect(error.status).toBe(500);
    expect(error.body).toContain(ANSWER_TEXTS.nb.error);
  });

  it('allows exactly its own stylesheet and nothing else', () => {
    const body = renderAnswerPage({ kind: 'FORM', view: view(true) }, null).body;
    const css = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
    const hash = createHash('sha256').update(css).digest('base64');
    expect(ANSWER_PAGE_HEADERS['content-security-policy']).toBe(`default-src 'none'; style-src 'sha256-${hash}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`);
    expect(body).not.toMatch(/<script|\son\w+=/i);
    expect(ANSWER_PAGE_HEADERS['cache-control']).toBe('no-store');
    expect(ANSWER_PAGE_HEADERS['referrer-policy']).toBe('no-referrer');
  });
});
