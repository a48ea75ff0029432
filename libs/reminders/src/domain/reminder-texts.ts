import type { DueReminder } from './due.js';
import { RuleCode } from './rules.js';

export interface ReminderText {
  readonly title: string;
  readonly body: string;
}

type Lang = 'nb' | 'en';
const fmt = (iso: unknown, lang: Lang) => (typeof iso === 'string' ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(lang === 'nb' ? 'nb-NO' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : '');

/** One line per rule, in bokmål and English; escalations say the first reminder was not acted on. */
const TEXTS: Readonly<Record<RuleCode, (p: DueReminder['params'], lang: Lang) => ReminderText>> = {
  [RuleCode.PROGRAMME_START_DEADLINE]: (p, l) =>
    l === 'nb'
      ? { title: 'Programstart nærmer seg fristen', body: `Introduksjonsprogrammet skal starte innen ${fmt(p.deadline, l)} (3 måneder etter bosetting).` }
      : { title: 'Programme start deadline approaching', body: `The introduction programme must start by ${fmt(p.deadline, l)} (3 months after settlement).` },
  [RuleCode.WEEKLY_HOURS_RULE]: (p, l) =>
    l === 'nb'
      ? { title: `${p.required}-timersregelen er ikke oppfylt`, body: `Deltakeren har ${p.current} timer arbeidsrettet aktivitet i uken; kravet er ${p.required}.` }
      : { title: `The ${p.required}-hour rule is not met`, body: `The participant has ${p.current} hours of work-oriented activity a week; the rule requires ${p.required}.` },
  [RuleCode.THREE_WAY_MEETING]: (p, l) =>
    l === 'nb' ? { title: 'Trekantsamtale', body: `Trekantsamtale med deltaker og lærer bør holdes innen ${fmt(p.dueOn, l)}.` } : { title: 'Three-way meeting', body: `A three-way meeting with the participant and teacher is due by ${fmt(p.dueOn, l)}.` },
  [RuleCode.PLAN_REVIEW]: (p, l) =>
    l === 'nb' ? { title: 'Gjennomgang av integreringsplanen', body: `Planen skal gjennomgås innen ${fmt(p.dueOn, l)}.` } : { title: 'Integration plan review', body: `The plan is due for review by ${fmt(p.dueOn, l)}.` },
  [RuleCode.NAV_TRANSITION_DIALOGUE]: (p, l) =>
    l === 'nb'
      ? { title: 'Overgangsdialog med NAV', body: `Programmet slutter ${fmt(p.programmeEnd, l)}: dialogen med NAV om overgangen bør holdes innen ${fmt(p.dueOn, l)}.` }
      : { title: 'Transition dialogue with NAV', body: `The programme ends on ${fmt(p.programmeEnd, l)}: the dialogue with NAV about the transition is due by ${fmt(p.dueOn, l)}.` },
  [RuleCode.PRAKSIS_ENDING]: (p, l) =>
    l === 'nb'
      ? { title: 'Praksis avsluttes', body: `Praksisen slutter ${fmt(p.endDate, l)}: evaluer med arbeidsgiveren og avklar videre løp.` }
      : { title: 'Praksis ending', body: `The praksis ends on ${fmt(p.endDate, l)}: evaluate it with the employer and decide what comes next.` },
  [RuleCode.EMPLOYER_ANSWER_OVERDUE]: (p, l) =>
    l === 'nb'
      ? { title: 'Arbeidsgiveren har ikke svart', body: `Forslaget sendt ${fmt(p.proposedOn, l)} er ikke besvart. Ta kontakt med arbeidsgiveren.` }
      : { title: 'The employer has not answered', body: `The proposal sent on ${fmt(p.proposedOn, l)} has no answer yet. Contact the employer.` },
  [RuleCode.FOLLOW_UP_DUE]: (p, l) =>
    l === 'nb' ? { title: 'Oppfølging av praksis', body: `Et oppfølgingsbesøk er planlagt ${fmt(p.dueOn, l)}.` } : { title: 'Praksis follow-up', body: `A follow-up visit is planned for ${fmt(p.dueOn, l)}.` },
  [RuleCode.CASELOAD_HIGH]: (p, l) =>
    l === 'nb'
      ? { title: 'Høy saksmengde', body: `Du følger ${p.caseload} aktive deltakere (over ${p.threshold}).` }
      : { title: 'High caseload', body: `You follow ${p.caseload} active participants (more than ${p.threshold}).` },
};

export function reminderText(r: DueReminder, lang: Lang): ReminderText {
  const t = TEXTS[r.rule](r.params, lang);
  if (r.level === 0) return t;
  return lang === 'nb' ? { title: `Påminnelse: ${t.title}`, body: `${t.body} Den første påminnelsen er ikke fulgt opp.` } : { title: `Reminder: ${t.title}`, body: `${t.body} The first reminder has not been acted on.` };
}
