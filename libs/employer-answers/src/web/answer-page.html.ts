import { createHash } from 'node:crypto';
import { OccupationCatalogue } from '#lib/occupations';
import type { AnswerForm, AnswerPage, Language, ProposalView } from '../application/employer-answers.service.js';
import { NOTE_MAX_LENGTH } from '../application/employer-answers.service.js';
import { AnswerLinkError } from '../domain/answer-link.exception.js';
import { ANSWER_TEXTS, type AnswerTexts } from './answer-texts.js';
import { html, SafeHtml } from './html.js';

const CSS = `
:root{color-scheme:light;--ink:#1d2327;--muted:#5b6770;--line:#d9dee2;--bg:#f4f6f7;--card:#fff;--accent:#0b6e4f;--accent-ink:#fff;--warn:#a33a1f}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.top{display:flex;justify-content:space-between;align-items:center;max-width:46rem;margin:0 auto;padding:1rem 1.25rem}
.brand{font-weight:700;letter-spacing:.02em;color:var(--accent)}
.top a{color:var(--muted)}
main{max-width:46rem;margin:0 auto 3rem;padding:0 1.25rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.1rem;margin:0 0 .75rem}
h3{font-size:.95rem;margin:1rem 0 .35rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.lead{font-size:1.05rem;margin:0 0 1.25rem}
.panel{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:1.1rem 1.25rem;margin:0 0 1rem}
.title{font-size:1.2rem;font-weight:600;margin:0 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
dt{color:var(--muted)}
dd{margin:0}
.name{font-size:1.25rem;font-weight:600;margin:0}
ul{margin:0;padding-left:1.2rem}
table{border-collapse:collapse}
th,td{text-align:left;padding:.15rem 1rem .15rem 0;font-weight:normal}
th{color:var(--muted)}
.level{font-weight:700}
.muted,.hint{color:var(--muted)}
.hint{font-size:.9rem;margin:.25rem 0 .75rem}
.answers{display:grid;gap:1rem;grid-template-columns:1fr 1fr;align-items:start}
@media (max-width:40rem){.answers{grid-template-columns:1fr}}
.answers .panel{margin:0}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #9aa5ad;border-radius:.4rem;background:#fff;color:var(--ink)}
button{font:inherit;font-weight:600;border-radius:.4rem;padding:.7rem 1rem;cursor:pointer;width:100%}
.primary{background:var(--accent);color:var(--accent-ink);border:1px solid var(--accent)}
.secondary{background:#fff;color:var(--ink);border:1px solid #6b7780}
button:focus-visible,select:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #f2b705;outline-offset:2px}
.error{border-left:4px solid var(--warn);background:#fdf1ee;padding:.6rem .9rem;margin:0 0 1rem;border-radius:.3rem}
.notice h1{margin-top:0}
.other-language{margin-top:1.25rem;padding-top:1rem;border-top:1px solid var(--line);color:var(--muted)}
.other-language h2{font-size:1rem}
`.trim();

/** The one inline stylesheet is allowed by its hash: no inline script, no other source. */
const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');
export const ANSWER_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex, nofollow',
};

export interface RenderedPage {
  readonly status: number;
  readonly body: string;
}

const catalogue = OccupationCatalogue.default();

function formatDate(iso: string, t: AnswerTexts): string {
  return new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

function layout(lang: Language, title: string, body: SafeHtml, switchLanguage: boolean): string {
  const t = ANSWER_TEXTS[lang];
  const other = t.otherLanguage;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title} – Praksisbro</title>
<style>${new SafeHtml(CSS)}</style>
</head>
<body>
<header class="top"><span class="brand">Praksisbro</span>${switchLanguage ? html`<a href="?lang=${other.code}" lang="${other.code}" hreflang="${other.code}">${other.label}</a>` : null}</header>
<main>
${body}
</main>
</body>
</html>
`.value;
}

function placementFacts(view: ProposalView, t: AnswerTexts): SafeHtml {
  const p = view.placement;
  const period = `${formatDate(p.startDate, t)} – ${p.endDate ? formatDate(p.endDate, t) : t.openEnded}`;
  const days = p.weekdays.map((d) => t.weekdays[d]).join(', ');
  const place = [p.siteName, p.siteAddress].filter(Boolean).join(', ');
  return html`<section class="panel" aria-labelledby="placement-heading">
<h2 id="placement-heading">${t.placementHeading}</h2>
<p class="title">${p.title}</p>
<dl>
<dt>${t.kind}</dt><dd>${t.placementTypes[p.type] ?? p.type}</dd>
<dt>${t.period}</dt><dd>${period}</dd>
<dt>${t.place}</dt><dd>${view.employerName}${place ? html`<br>${place}` : null}</dd>
<dt>${t.scheduleLabel}</dt><dd>${t.schedule(days, p.hoursPerWeek.toLocaleString(t.locale))}</dd>
</dl>
</section>`;
}

function candidateCard(view: ProposalView, t: AnswerTexts, lang: Language): SafeHtml {
  const card = view.card;
  const list = (items: readonly string[]) => (items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : html`<p class="muted">${t.nothingRecorded}</p>`);
  const details = card.shared
    ? html`<h3>${t.norwegian}</h3>
${
  card.norwegian.length
    ? html`<table class="levels"><tbody>${card.norwegian.map(
        (n) => html`<tr><th scope="row">${t.skills[n.skill as keyof AnswerTexts['skills']] ?? n.skill}</th><td><span class="level">${t.levels[n.level]}</span> <span class="muted">(${t.sources[n.source]})</span></td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${t.nothingRecorded}</p>`
}
${card.otherLanguages.length ? html`<h3>${t.otherLanguages}</h3>${list(card.otherLanguages.map((l) => `${l.language} – ${t.levels[l.level]}`))}` : null}
<h3>${t.experience}</h3>
${list(
  card.experience.map((e) => {
    const occupation = catalogue.get(e.occupationCode);
    return `${occupation ? (lang === 'en' ? occupation.nameEn : occupation.nameNb) : e.occupationCode} – ${t.years(e.years)}`;
  }),
)}
<h3>${t.certificates}</h3>
${list(card.certificates)}`
    : html`<p class="muted">${t.notShared}</p>`;
  return html`<section class="panel" aria-labelledby="candidate-heading">
<h2 id="candidate-heading">${t.candidateHeading}</h2>
<p class="name">${card.displayName}</p>
${details}
</section>`;
}

function form(view: ProposalView, t: AnswerTexts, problem?: { field: 'decision' | 'reason' | 'note'; form: AnswerForm }): SafeHtml {
  const chosen = typeof problem?.form.reason === 'string' ? problem.form.reason : '';
  const note = typeof problem?.form.note === 'string' ? problem.form.note : '';
  return html`${problem ? html`<p class="error" role="alert">${t.problems[problem.field]}</p>` : null}
<div class="answers">
<form method="post" class="panel" aria-labelledby="accept-heading">
<h2 id="accept-heading">${t.acceptHeading}</h2>
<p class="hint">${t.acceptHelp}</p>
<input type="hidden" name="decision" value="ACCEPT">
<button type="submit" class="primary">${t.accept}</button>
</form>
<form method="post" class="panel" aria-labelledby="decline-heading">
<h2 id="decline-heading">${t.declineHeading}</h2>
<input type="hidden" name="decision" value="DECLINE">
<label for="reason">${t.reason}</label>
<select id="reason" name="reason" required>
<option value="">${t.chooseReason}</option>
${Object.entries(t.declineReasons).map(([code, label]) => html`<option value="${code}"${code === chosen ? html` selected` : null}>${label}</option>`)}
</select>
<label for="note">${t.note}</label>
<textarea id="note" name="note" rows="3" maxlength="${NOTE_MAX_LENGTH}" aria-describedby="note-hint">${note}</textarea>
<p class="hint" id="note-hint">${t.noteHelp}</p>
<button type="submit" class="secondary">${t.decline}</button>
</form>
</div>`;
}

function notice(title: string, body: SafeHtml | string): SafeHtml {
  return html`<section class="panel notice"><h1>${title}</h1>${typeof body === 'string' ? html`<p>${body}</p>` : body}</section>`;
}

/** A page for someone we cannot place (bad link, our own failure): in the asked language, with the other below. */
function bilingual(lang: Language, status: number, pick: (t: AnswerTexts) => { title: string; body: string }): RenderedPage {
  const first = pick(ANSWER_TEXTS[lang]);
  const otherLang = ANSWER_TEXTS[lang].otherLanguage.code;
  const second = pick(ANSWER_TEXTS[otherLang]);
  const body = html`<section class="panel notice"><h1>${first.title}</h1><p>${first.body}</p>
<div class="other-language" lang="${otherLang}"><h2>${second.title}</h2><p>${second.body}</p></div></section>`;
  return { status, body: layout(lang, first.title, body, false) };
}

/** Renders a page and picks its status: 200, 400 (form problem), 404/410 (link), 409 (not open or full). */
export function renderAnswerPage(page: AnswerPage, requested: Language | null): RenderedPage {
  switch (page.kind) {
    case 'LINK_PROBLEM':
      return bilingual(requested ?? 'nb', new AnswerLinkError(page.problem).httpStatus, (t) => t.linkProblems[page.problem]);
    case 'FORM': {
      const lang = requested ?? page.view.language;
      const t = ANSWER_TEXTS[lang];
      const body = html`<h1>${t.heading}</h1>
<p class="lead">${t.greeting(page.view.contactName, page.view.employerName)}</p>
${placementFacts(page.view, t)}
${candidateCard(page.view, t, lang)}
${form(page.view, t, page.problem)}`;
      return { status: page.problem ? 400 : 200, body: layout(lang, t.pageTitle, body, true) };
    }
    case 'ANSWERED': {
      const lang = requested ?? page.view.language;
      const t = ANSWER_TEXTS[lang];
      const accepted = page.decision === 'ACCEPT';
      const title = accepted ? t.acceptedTitle : t.declinedTitle;
      const what = (accepted ? t.accepted : t.declined)(page.view.card.displayName, page.view.placement.title);
      const body = notice(
        title,
        html`<p>${what}</p>${page.reason ? html`<p>${t.declinedReason}: ${t.declineReasons[page.reason]}</p>` : null}<p class="muted">${t.nextSteps}</p>`,
      );
      return { status: 200, body: layout(lang, title, body, false) };
    }
    case 'NOT_OPEN': {
      const lang = requested ?? page.context.language;
      const t = ANSWER_TEXTS[lang];
      const body = notice(t.notOpenTitle, html`<p class="title">${page.context.placement.title}</p><p>${t.notOpen(page.status)}</p>`);
      return { status: 409, body: layout(lang, t.notOpenTitle, body, true) };
    }
    case 'FULL': {
      const lang = requested ?? page.context.language;
      const t = ANSWER_TEXTS[lang];
      return { status: 409, body: layout(lang, t.fullTitle, notice(t.fullTitle, t.full), false) };
    }
  }
}

/** Our own failure: logged by the caller, shown without any detail. */
export function renderErrorPage(requested: Language | null): RenderedPage {
  return bilingual(requested ?? 'nb', 500, (t) => ({ title: t.errorTitle, body: t.error }));
}
