import type { CefrLevel, EvidenceSource, LanguageSkill, Weekday } from '#lib/core';
import type { PlacementType } from '#lib/placements';
import { DeclineReason, ProposalStatus } from '#lib/proposals';
import type { Language } from '../application/employer-answers.service.js';
import { AnswerLinkProblem } from '../domain/answer-link.exception.js';

/** Every text the answer pages show, in Norwegian (bokmål) and English. Records keyed by enums fail to compile when a value is missing. */
export interface AnswerTexts {
  readonly locale: string;
  readonly otherLanguage: { readonly code: Language; readonly label: string };
  readonly pageTitle: string;
  readonly heading: string;
  readonly greeting: (contact: string, employer: string) => string;
  readonly placementHeading: string;
  readonly period: string;
  readonly openEnded: string;
  readonly scheduleLabel: string;
  readonly schedule: (days: string, hours: string) => string;
  readonly place: string;
  readonly kind: string;
  readonly candidateHeading: string;
  readonly notShared: string;
  readonly norwegian: string;
  readonly otherLanguages: string;
  readonly experience: string;
  readonly years: (n: number) => string;
  readonly certificates: string;
  readonly nothingRecorded: string;
  readonly acceptHeading: string;
  readonly acceptHelp: string;
  readonly accept: string;
  readonly declineHeading: string;
  readonly reason: string;
  readonly chooseReason: string;
  readonly note: string;
  readonly noteHelp: string;
  readonly decline: string;
  readonly problems: { readonly decision: string; readonly reason: string; readonly note: string };
  readonly acceptedTitle: string;
  readonly accepted: (candidate: string, title: string) => string;
  readonly declinedTitle: string;
  readonly declined: (candidate: string, title: string) => string;
  readonly declinedReason: string;
  readonly nextSteps: string;
  readonly notOpenTitle: string;
  readonly notOpen: (status: ProposalStatus) => string;
  readonly fullTitle: string;
  readonly full: string;
  readonly errorTitle: string;
  readonly error: string;
  readonly linkProblems: Record<AnswerLinkProblem, { readonly title: string; readonly body: string }>;
  readonly skills: Record<LanguageSkill, string>;
  readonly levels: Record<CefrLevel, string>;
  readonly sources: Record<EvidenceSource, string>;
  readonly declineReasons: Record<DeclineReason, string>;
  readonly placementTypes: Record<PlacementType, string>;
  readonly weekdays: Record<Weekday, string>;
}

const ANSWERED = [ProposalStatus.ACCEPTED, ProposalStatus.AGREED, ProposalStatus.STARTED, ProposalStatus.COMPLETED, ProposalStatus.ENDED_EARLY, ProposalStatus.CONVERTED, ProposalStatus.HIRED];
const WITHDRAWN = [ProposalStatus.WITHDRAWN, ProposalStatus.DECLINED_BY_PARTICIPANT];

const nb: AnswerTexts = {
  locale: 'nb-NO',
  otherLanguage: { code: 'en', label: 'English' },
  pageTitle: 'Svar på forslag om kandidat',
  heading: 'Forslag om kandidat',
  greeting: (contact, employer) => `Hei ${contact}! ${employer} har fått forslag om en kandidat. Svar ja eller nei her – du trenger ingen brukerkonto.`,
  placementHeading: 'Plassen',
  period: 'Periode',
  openEnded: 'løpende',
  scheduleLabel: 'Arbeidstid',
  schedule: (days, hours) => `${days}, ${hours} timer i uka`,
  place: 'Sted',
  kind: 'Type',
  candidateHeading: 'Kandidaten',
  notShared: 'Kandidaten har ikke samtykket til å dele mer enn navnet. Den som foreslo kandidaten kan fortelle mer.',
  norwegian: 'Norsk',
  otherLanguages: 'Andre språk',
  experience: 'Arbeidserfaring',
  years: (n) => `${n.toLocaleString('nb-NO')} år`,
  certificates: 'Sertifikater og kurs',
  nothingRecorded: 'ikke oppgitt',
  acceptHeading: 'Ta imot kandidaten',
  acceptHelp: 'Den som foreslo kandidaten, tar kontakt for å avtale oppstart.',
  accept: 'Ja, vi tar imot kandidaten',
  declineHeading: 'Takke nei',
  reason: 'Årsak',
  chooseReason: 'Velg årsak …',
  note: 'Kommentar (valgfritt)',
  noteHelp: 'Ikke skriv helseopplysninger eller andre sensitive opplysninger.',
  decline: 'Takk nei',
  problems: { decision: 'Velg ja eller nei.', reason: 'Velg en årsak for å takke nei.', note: 'Kommentaren er for lang (høyst 2000 tegn).' },
  acceptedTitle: 'Takk for svaret!',
  accepted: (candidate, title) => `Dere har takket ja til ${candidate} for «${title}».`,
  declinedTitle: 'Takk for svaret',
  declined: (candidate, title) => `Dere har takket nei til ${candidate} for «${title}».`,
  declinedReason: 'Årsak',
  nextSteps: 'Svaret er registrert. Den som foreslo kandidaten, får beskjed og tar kontakt ved behov. Du kan lukke denne siden.',
  notOpenTitle: 'Forslaget trenger ikke svar lenger',
  notOpen: (status) =>
    ANSWERED.includes(status)
      ? 'Forslaget er allerede besvart: dere har takket ja.'
      : status === ProposalStatus.DECLINED
        ? 'Forslaget er allerede besvart: dere har takket nei.'
        : WITHDRAWN.includes(status)
          ? 'Forslaget er trukket tilbake, så dere trenger ikke å svare. Takk for at du så på det.'
          : 'Forslaget venter ikke på svar fra dere nå.',
  fullTitle: 'Plassen er fylt',
  full: 'Alle plassene er allerede tatt, så kandidaten kan ikke tas imot nå. Ta kontakt med den som foreslo kandidaten.',
  errorTitle: 'Noe gikk galt',
  error: 'Svaret ble ikke registrert. Prøv igjen om litt.',
  linkProblems: {
    [AnswerLinkProblem.INVALID]: { title: 'Lenken er ikke gyldig', body: 'Vi finner ikke denne lenken. Sjekk at hele lenken fra e-posten er med, eller be om en ny.' },
    [AnswerLinkProblem.UNKNOWN]: { title: 'Lenken er ikke gyldig', body: 'Vi finner ikke denne lenken. Sjekk at hele lenken fra e-posten er med, eller be om en ny.' },
    [AnswerLinkProblem.EXPIRED]: { title: 'Lenken har utløpt', body: 'Denne lenken er for gammel. Be den som foreslo kandidaten om en ny lenke.' },
    [AnswerLinkProblem.USED]: { title: 'Lenken er allerede brukt', body: 'Det er allerede svart med denne lenken. Hver lenke kan bare brukes én gang.' },
  },
  skills: { ORAL: 'Muntlig', LISTENING: 'Lytting', READING: 'Lesing', WRITING: 'Skriving' },
  levels: { BELOW_A1: 'under A1', A1: 'A1', A2: 'A2', B1: 'B1', B2: 'B2', C1: 'C1' },
  sources: { OFFICIAL_TEST: 'norskprøve', TEACHER_ASSESSMENT: 'vurdert av lærer', SELF_REPORT: 'egenvurdering' },
  declineReasons: {
    [DeclineReason.ORAL_NORWEGIAN_TOO_WEAK]: 'Muntlig norsk er for svakt',
    [DeclineReason.WRITTEN_NORWEGIAN_TOO_WEAK]: 'Skriftlig norsk er for svakt',
    [DeclineReason.NO_CAPACITY_NOW]: 'Vi har ikke kapasitet nå',
    [DeclineReason.HOURS_DO_NOT_FIT]: 'Arbeidstiden passer ikke',
    [DeclineReason.COMPETENCE_MISSING]: 'Kandidaten mangler nødvendig kompetanse',
    [DeclineReason.CANDIDATE_DID_NOT_SHOW]: 'Kandidaten møtte ikke',
    [DeclineReason.OTHER]: 'Annet',
  },
  placementTypes: { LANGUAGE_PRACTICE: 'Språkpraksis', WORK_PRACTICE: 'Arbeidspraksis', SUBSIDISED_JOB: 'Jobb med lønnstilskudd', JOB: 'Jobb' },
  weekdays: { MON: 'man', TUE: 'tir', WED: 'ons', THU: 'tor', FRI: 'fre', SAT: 'lør', SUN: 'søn' },
};

const en: AnswerTexts = {
  locale: 'en-GB',
  otherLanguage: { code: 'nb', label: 'Norsk' },
  pageTitle: 'Answer a proposed candidate',
  heading: 'A proposed candidate',
  greeting: (contact, employer) => `Hello ${contact}, ${employer} has been proposed a candidate. Answer yes or no here – you do not need an account.`,
  placementHeading: 'The placement',
  period: 'Period',
  openEnded: 'open-ended',
  scheduleLabel: 'Schedule',
  schedule: (days, hours) => `${days}, ${hours} hours a week`,
  place: 'Place',
  kind: 'Type',
  candidateHeading: 'The candidate',
  notShared: 'The candidate has not consented to share more than their name. The person who proposed them can tell you more.',
  norwegian: 'Norwegian',
  otherLanguages: 'Other languages',
  experience: 'Work experience',
  years: (n) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'year' : 'years'}`,
  certificates: 'Certificates and courses',
  nothingRecorded: 'not stated',
  acceptHeading: 'Accept the candidate',
  acceptHelp: 'The person who proposed the candidate will contact you to agree on a start.',
  accept: 'Yes, we accept the candidate',
  declineHeading: 'Decline',
  reason: 'Reason',
  chooseReason: 'Choose a reason …',
  note: 'Comment (optional)',
  noteHelp: 'Please do not write health details or other sensitive information.',
  decline: 'Decline',
  problems: { decision: 'Choose yes or no.', reason: 'Choose a reason to decline.', note: 'The comment is too long (2000 characters at most).' },
  acceptedTitle: 'Thank you for your answer!',
  accepted: (candidate, title) => `You have accepted ${candidate} for “${title}”.`,
  declinedTitle: 'Thank you for your answer',
  declined: (candidate, title) => `You have declined ${candidate} for “${title}”.`,
  declinedReason: 'Reason',
  nextSteps: 'Your answer has been recorded. The person who proposed the candidate is told and will be in touch if needed. You can close this page.',
  notOpenTitle: 'This proposal no longer needs an answer',
  notOpen: (status) =>
    ANSWERED.includes(status)
      ? 'This proposal has already been answered: you accepted the candidate.'
      : status === ProposalStatus.DECLINED
        ? 'This proposal has already been answered: you declined the candidate.'
        : WITHDRAWN.includes(status)
          ? 'This proposal has been withdrawn, so there is nothing to answer. Thank you for taking a look.'
          : 'This proposal is not waiting for your answer at the moment.',
  fullTitle: 'The placement is full',
  full: 'All places have already been taken, so the candidate cannot be accepted now. Please contact the person who proposed the candidate.',
  errorTitle: 'Something went wrong',
  error: 'Your answer was not recorded. Please try again in a little while.',
  linkProblems: {
    [AnswerLinkProblem.INVALID]: { title: 'This link is not valid', body: 'We cannot find this link. Check that the whole link from the email was used, or ask for a new one.' },
    [AnswerLinkProblem.UNKNOWN]: { title: 'This link is not valid', body: 'We cannot find this link. Check that the whole link from the email was used, or ask for a new one.' },
    [AnswerLinkProblem.EXPIRED]: { title: 'This link has expired', body: 'This link is too old. Ask the person who proposed the candidate for a new link.' },
    [AnswerLinkProblem.USED]: { title: 'This link has already been used', body: 'An answer has already been given with this link. Each link can only be used once.' },
  },
  skills: { ORAL: 'Speaking', LISTENING: 'Listening', READING: 'Reading', WRITING: 'Writing' },
  levels: { BELOW_A1: 'below A1', A1: 'A1', A2: 'A2', B1: 'B1', B2: 'B2', C1: 'C1' },
  sources: { OFFICIAL_TEST: 'official test', TEACHER_ASSESSMENT: 'teacher’s assessment', SELF_REPORT: 'self-assessed' },
  declineReasons: {
    [DeclineReason.ORAL_NORWEGIAN_TOO_WEAK]: 'Spoken Norwegian is too weak',
    [DeclineReason.WRITTEN_NORWEGIAN_TOO_WEAK]: 'Written Norwegian is too weak',
    [DeclineReason.NO_CAPACITY_NOW]: 'We have no capacity right now',
    [DeclineReason.HOURS_DO_NOT_FIT]: 'The hours do not fit',
    [DeclineReason.COMPETENCE_MISSING]: 'The candidate lacks a required competence',
    [DeclineReason.CANDIDATE_DID_NOT_SHOW]: 'The candidate did not show up',
    [DeclineReason.OTHER]: 'Other',
  },
  placementTypes: { LANGUAGE_PRACTICE: 'Language practice', WORK_PRACTICE: 'Work practice', SUBSIDISED_JOB: 'Wage-subsidised job', JOB: 'Job' },
  weekdays: { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' },
};

export const ANSWER_TEXTS: Readonly<Record<Language, AnswerTexts>> = { nb, en };
