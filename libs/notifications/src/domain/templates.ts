import type { DeclineReason, ParticipantReason, ProposalStatus } from '#lib/proposals';
import { type Language, NotificationKind, type TemplatedKind } from './notification.js';

/** A rendered notification: the in-app title and text, and one section of an email. */
export interface MessageContent {
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly action?: { readonly label: string; readonly href: string } | null;
}

/** What templates may show: names and titles reloaded from PostgreSQL at processing time, never carried in jobs. */
export interface TemplateFacts {
  /** First name and initial, as on the candidate card employers see. */
  readonly participantName: string;
  readonly placementTitle: string;
  readonly employerName: string;
  /** The status a proposal moved to (PLACEMENT_PROGRESSED). */
  readonly status?: string | null;
  /** A decline, withdrawal or early-end reason code. */
  readonly reason?: string | null;
  readonly dueOn?: readonly string[];
  /** The signed link an employer contact answers through; null when none could be made. */
  readonly answerLink?: string | null;
  readonly daysWaiting?: number | null;
}

type Words = Readonly<Record<Language, string>>;

/** Reasons in words; keyed by every code the process records, so a new code without words does not compile. */
export const REASON_WORDS: Readonly<Record<`${DeclineReason}` | `${ParticipantReason}`, Words>> = {
  ORAL_NORWEGIAN_TOO_WEAK: { nb: 'muntlig norsk er foreløpig for svakt for oppgavene', en: 'spoken Norwegian is not yet strong enough for the tasks' },
  WRITTEN_NORWEGIAN_TOO_WEAK: { nb: 'skriftlig norsk er foreløpig for svakt for oppgavene', en: 'written Norwegian is not yet strong enough for the tasks' },
  NO_CAPACITY_NOW: { nb: 'arbeidsgiveren har ikke kapasitet til å ta imot noen nå', en: 'the employer has no capacity to take anyone right now' },
  HOURS_DO_NOT_FIT: { nb: 'arbeidstidene passer ikke', en: 'the hours do not fit' },
  COMPETENCE_MISSING: { nb: 'kompetanse som trengs mangler', en: 'competence the job needs is missing' },
  CANDIDATE_DID_NOT_SHOW: { nb: 'kandidaten møtte ikke opp', en: 'the candidate did not show up' },
  NOT_RELEVANT_TO_GOALS: { nb: 'praksisen er ikke relevant for deltakerens mål', en: 'the placement is not relevant to the participant’s goal' },
  HOURS: { nb: 'arbeidstiden passer ikke for deltakeren', en: 'the hours do not suit the participant' },
  TRAVEL: { nb: 'reiseveien er for lang', en: 'the journey is too long' },
  HEALTH_OR_FAMILY: { nb: 'helse eller familie', en: 'health or family reasons' },
  FOUND_OTHER_PLACEMENT: { nb: 'deltakeren har fått en annen praksisplass', en: 'the participant found another placement' },
  CONSENT_WITHDRAWN: { nb: 'deltakeren har trukket samtykket', en: 'the participant withdrew their consent' },
  OTHER: { nb: 'annen grunn', en: 'another reason' },
};

const STATUS_WORDS: Readonly<Partial<Record<`${ProposalStatus}`, Words>>> = {
  AGREED: { nb: 'praksisavtalen er inngått', en: 'the placement agreement is made' },
  STARTED: { nb: 'praksisen har startet', en: 'the placement has started' },
  COMPLETED: { nb: 'praksisen er fullført', en: 'the placement is completed' },
  ENDED_EARLY: { nb: 'praksisen ble avsluttet før tiden', en: 'the placement ended early' },
  CONVERTED: { nb: 'praksisen er gjort om til et nytt tiltak hos samme arbeidsgiver', en: 'the placement was converted into a new arrangement with the same employer' },
  HIRED: { nb: 'deltakeren har fått jobb', en: 'the participant was hired' },
};

export function reasonInWords(code: string | null | undefined, lang: Language): string | null {
  if (!code) return null;
  return (REASON_WORDS as Record<string, Words>)[code]?.[lang] ?? REASON_WORDS.OTHER[lang];
}

export function statusInWords(status: string | null | undefined, lang: Language): string {
  return (status && (STATUS_WORDS as Record<string, Words>)[status]?.[lang]) || (lang === 'nb' ? `status ${status ?? 'ukjent'}` : `status ${status ?? 'unknown'}`);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-01-19 → 19.01.2026 (nb) or 19 Jan 2026 (en). */
export function formatDate(iso: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === 'nb' ? `${d}.${mo}.${y}` : `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const list = (items: readonly string[], lang: Language) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${lang === 'nb' ? 'og' : 'and'} ${items[items.length - 1]}`;

type Template = (f: TemplateFacts, lang: Language) => MessageContent;

const TEMPLATES: Readonly<Record<TemplatedKind, Template>> = {
  [NotificationKind.PROPOSAL_RECEIVED]: (f, lang) =>
    lang === 'nb'
      ? {
          subject: `Ny kandidat til «${f.placementTitle}»`,
          paragraphs: [
            `Vi foreslår ${f.participantName} til praksisplassen «${f.placementTitle}» hos ${f.employerName}.`,
            f.answerLink
              ? 'Se kandidatkortet og svar ja eller nei med lenken under. Du trenger ingen brukerkonto.'
              : 'Logg inn i Praksisbro, eller svar markedskontakten din, for å si ja eller nei.',
          ],
          action: f.answerLink ? { label: 'Se kandidaten og svar', href: f.answerLink } : null,
        }
      : {
          subject: `New candidate for “${f.placementTitle}”`,
          paragraphs: [
            `We propose ${f.participantName} for the placement “${f.placementTitle}” at ${f.employerName}.`,
            f.answerLink
              ? 'See the candidate card and answer yes or no with the link below. You need no account.'
              : 'Sign in to Praksisbro, or reply to your market contact, to answer yes or no.',
          ],
          action: f.answerLink ? { label: 'See the candidate and answer', href: f.answerLink } : null,
        },

  [NotificationKind.PROPOSAL_ACCEPTED]: (f, lang) =>
    lang === 'nb'
      ? {
          subject: `${f.employerName} sier ja til ${f.participantName}`,
          paragraphs: [`${f.employerName} har godtatt forslaget om ${f.participantName} til «${f.placementTitle}».`, 'Neste steg er praksisavtalen: datoer, dager, timer, oppgaver og veileder.'],
        }
      : {
          subject: `${f.employerName} says yes to ${f.participantName}`,
          paragraphs: [`${f.employerName} accepted the proposal of ${f.participantName} for “${f.placementTitle}”.`, 'Next step is the placement agreement: dates, days, hours, tasks and supervisor.'],
        },

  [NotificationKind.PROPOSAL_DECLINED]: (f, lang) => {
    const reason = reasonInWords(f.reason, lang);
    return lang === 'nb'
      ? {
          subject: `${f.employerName} sier nei til ${f.participantName}`,
          paragraphs: [
            `${f.employerName} har takket nei til ${f.participantName} for «${f.placementTitle}».`,
            reason ? `Begrunnelse: ${reason}.` : 'Ingen begrunnelse er oppgitt.',
          ],
        }
      : {
          subject: `${f.employerName} says no to ${f.participantName}`,
          paragraphs: [`${f.employerName} declined ${f.participantName} for “${f.placementTitle}”.`, reason ? `Reason: ${reason}.` : 'No reason was given.'],
        };
  },

  [NotificationKind.PLACEMENT_PROGRESSED]: (f, lang) => {
    const what = statusInWords(f.status, lang);
    const reason = reasonInWords(f.reason, lang);
    const paragraphs =
      lang === 'nb'
        ? [`${capitalise(what)}: ${f.participantName} i «${f.placementTitle}» hos ${f.employerName}.`, ...(reason && f.status === 'ENDED_EARLY' ? [`Begrunnelse: ${reason}.`] : [])]
        : [`${capitalise(what)}: ${f.participantName} in “${f.placementTitle}” at ${f.employerName}.`, ...(reason && f.status === 'ENDED_EARLY' ? [`Reason: ${reason}.`] : [])];
    return { subject: `${f.participantName}: ${what}`, paragraphs };
  },

  [NotificationKind.FOLLOW_UP_SCHEDULED]: (f, lang) => {
    const dates = list((f.dueOn ?? []).map((d) => formatDate(d, lang)), lang);
    return lang === 'nb'
      ? {
          subject: `Oppfølging planlagt: ${f.participantName} hos ${f.employerName}`,
          paragraphs: [`Du følger opp ${f.participantName} i «${f.placementTitle}» hos ${f.employerName}.`, `Planlagt: ${dates}.`],
        }
      : {
          subject: `Follow-up planned: ${f.participantName} at ${f.employerName}`,
          paragraphs: [`You follow up ${f.participantName} in “${f.placementTitle}” at ${f.employerName}.`, `Planned: ${dates}.`],
        };
  },

  [NotificationKind.CANDIDATE_SUGGESTED]: (f, lang) =>
    lang === 'nb'
      ? {
          subject: `${f.participantName} er foreslått til «${f.placementTitle}»`,
          paragraphs: [`${f.participantName} er foreslått som kandidat til «${f.placementTitle}» hos ${f.employerName}.`, 'Forslaget er ikke sendt til arbeidsgiveren ennå.'],
        }
      : {
          subject: `${f.participantName} is suggested for “${f.placementTitle}”`,
          paragraphs: [`${f.participantName} is suggested as a candidate for “${f.placementTitle}” at ${f.employerName}.`, 'The proposal has not been sent to the employer yet.'],
        },

  [NotificationKind.PROPOSAL_ANSWER_REMINDER]: (f, lang) =>
    lang === 'nb'
      ? {
          subject: `Påminnelse: kandidat til «${f.placementTitle}»`,
          paragraphs: [
            `Vi venter fortsatt på svar om ${f.participantName} til «${f.placementTitle}» hos ${f.employerName}.`,
            f.answerLink ? 'Et kort ja eller nei med lenken under hjelper oss å finne en annen plass raskt om det ikke passer.' : 'Svar markedskontakten din med et kort ja eller nei.',
          ],
          action: f.answerLink ? { label: 'Se kandidaten og svar', href: f.answerLink } : null,
        }
      : {
          subject: `Reminder: candidate for “${f.placementTitle}”`,
          paragraphs: [
            `We are still waiting for your answer about ${f.participantName} for “${f.placementTitle}” at ${f.employerName}.`,
            f.answerLink ? 'A short yes or no with the link below helps us find another place quickly if it does not fit.' : 'Please reply to your market contact with a short yes or no.',
          ],
          action: f.answerLink ? { label: 'See the candidate and answer', href: f.answerLink } : null,
        },

  [NotificationKind.PROPOSAL_AWAITING_ANSWER]: (f, lang) =>
    lang === 'nb'
      ? {
          subject: `${f.employerName} har ikke svart om ${f.participantName}`,
          paragraphs: [`Forslaget om ${f.participantName} til «${f.placementTitle}» har ventet på svar${f.daysWaiting ? ` i ${f.daysWaiting} dager` : ''}.`],
        }
      : {
          subject: `${f.employerName} has not answered about ${f.participantName}`,
          paragraphs: [`The proposal of ${f.participantName} for “${f.placementTitle}” has waited for an answer${f.daysWaiting ? ` for ${f.daysWaiting} days` : ''}.`],
        },

  [NotificationKind.FOLLOW_UP_DUE]: (f, lang) => {
    const when = list((f.dueOn ?? []).map((d) => formatDate(d, lang)), lang);
    return lang === 'nb'
      ? { subject: `Oppfølging ${when}: ${f.participantName} hos ${f.employerName}`, paragraphs: [`Oppfølging av ${f.participantName} i «${f.placementTitle}» er planlagt ${when}.`] }
      : { subject: `Follow-up ${when}: ${f.participantName} at ${f.employerName}`, paragraphs: [`A follow-up of ${f.participantName} in “${f.placementTitle}” is due ${when}.`] };
  },
};

export function renderNotification(kind: TemplatedKind, lang: Language, facts: TemplateFacts): MessageContent {
  return TEMPLATES[kind](facts, lang);
}

/** Plain text of one notification (in-app body, SMS text). */
export function toPlainText(content: MessageContent): string {
  return [...content.paragraphs, ...(content.action ? [`${content.action.label}: ${content.action.href}`] : [])].join('\n\n');
}

