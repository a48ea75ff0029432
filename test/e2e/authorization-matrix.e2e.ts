import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GraphQLSchema } from 'graphql';
import { ApiHarness, type GqlResponse } from '../support/api-harness.js';
import { introspectSchema, operationFor, type RootField, rootFields, selectionFor } from '../support/schema-introspection.js';
import {
  allValues,
  callers,
  fullOnlyValues,
  PLANTED,
  RARE_OCCUPATION,
  type RoleName,
  ROLES,
  type Side,
  type SideKey,
  sideRole,
  TrustFixtures,
  type TrustWorld,
} from '../support/trust-world.js';

/*
 * The authorisation matrix: every Query and Mutation field × every role × target, against one prepared world
 * (test/support/trust-world.ts), each with the outcome the README's "Who sees what" gives it. A field that appears in
 * the schema without a row here fails the first test, so the matrix stays complete as the API grows.
 *
 * Callers are always the A side: advisorA and teacherA (unit A), marketA and admin (NAV office A), employer1.
 * Targets, from the caller's point of view:
 *   own        — the caller's organisation's resource: unit A's (advisor, teacher), NAV A's (market contact, admin),
 *                employer1's (employer); participant pA (unit A, followed by teacherA, proposed to employer1);
 *                proposal pA → employer1 (PROPOSED)
 *   other      — the same on the B side: unit B, NAV B, employer2; participant pB; proposal pB → employer2
 *   unrelated  — employer3's (owned by NAV B, nothing to do with any caller); proposal pB → employer3
 *   any        — the field takes no target (me, occupations, createParticipant, …)
 * For placement queries the target is the side's DRAFT (published placements are everyone's); for placement
 * mutations `other` is the B side's OPEN placement (visible, not yours: FORBIDDEN) and `unrelated` employer3's DRAFT
 * (invisible: NOT_FOUND).
 *
 * Outcomes: OK (no error, data), LISTED / HIDDEN (a list answers without error and contains / lacks the target),
 * NULL (a nullable field answers null: nothing to see), FORBIDDEN (visible but not yours to do), NOT_FOUND (outside
 * your scope: never a hint that it exists), BAD_USER_INPUT (an argument names something outside your scope).
 *
 * Every response is also searched for values the caller must never receive (planted in pA, pB and pS, a participant
 * only SUGGESTED to employer1): advisor-only values (identity, phone, email, protection basis, constraints, family
 * notes, preferred languages) reach only unit A's advisors; other units' participants reach nobody on the A side;
 * employers see no participant not proposed to them and no SUGGESTED proposal; admins see no participant at all.
 */

const run = promisify(execFile);
const ENV = { MEILI_URL: '', EMPLOYER_MONTHLY_PROPOSAL_CAP: '100000', EMPLOYER_COOLDOWN_DECLINES: '100000' };

type Outcome = 'OK' | 'LISTED' | 'HIDDEN' | 'NULL' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';
type Target = 'own' | 'other' | 'unrelated' | 'any';
/** A cell: the outcome the README's rules give, or that outcome with a note on the production bug that breaks it today. */
type Cell = Outcome | { readonly outcome: Outcome; readonly bug: string };
/** One cell per role, always in this order: ADVISOR, MARKET_CONTACT, TEACHER, EMPLOYER, ADMIN. */
type Row = readonly [Cell, Cell, Cell, Cell, Cell];
const row = (...cells: Row): Row => cells;

const OK = 'OK', LISTED = 'LISTED', HIDDEN = 'HIDDEN', NULL = 'NULL', FORBIDDEN = 'FORBIDDEN', NOT_FOUND = 'NOT_FOUND', BAD_INPUT = 'BAD_USER_INPUT';
const ALL = (cell: Cell): Row => row(cell, cell, cell, cell, cell);

interface Ctx {
  readonly role: RoleName;
  readonly target: Target;
  /** The A-side user of the role, and the same role's user on the B side. */
  readonly caller: string;
  readonly counterpart: string;
  readonly w: TrustWorld;
  readonly fx: TrustFixtures;
  /** The side the target names ('any': the caller's own). */
  readonly side: Side;
  readonly own: Side;
}

interface Call {
  readonly vars: Record<string, unknown>;
  /** Another user of the same role to call as (e.g. the user of a fresh employer). */
  readonly as?: string;
  /** The id a LISTED / HIDDEN outcome looks for. */
  readonly probe?: string;
}

interface Entry {
  readonly kind: 'query' | 'mutation';
  readonly call: (c: Ctx) => Call | Promise<Call>;
  readonly expect: Partial<Record<Target, Row>>;
  /** Nested-field entries bring their own document and name the root field to read. */
  readonly document?: string;
  readonly field?: string;
}

// ── targets ───────────────────────────────────────────────────────────────────────────────────────────

const participantOf = (c: Ctx) => (c.target === 'own' ? c.w.participants.a : c.w.participants.b);
const unitOf = (c: Ctx): 'A' | 'B' => (c.target === 'own' ? 'A' : 'B');
const proposalOf = (c: Ctx) => c.w.proposals[c.target === 'any' ? 'own' : c.target];
/** The open placement a target's proposals go to: employer1's (A), employer2's (B), employer3's. */
const proposalPlacement = (c: Ctx) => c.w.sides[c.target === 'own' ? 'navA' : c.target === 'other' ? 'navB' : 'emp3'].openPlacement;
const freshProposal = (c: Ctx, status: 'PROPOSED' | 'ACCEPTED' | 'AGREED' | 'STARTED') => c.fx.freshProposal(unitOf(c), proposalPlacement(c), status);
/** Placement mutations: your own OPEN one, the B side's OPEN one (visible, not yours), employer3's DRAFT (invisible). */
const writablePlacement = (c: Ctx) => c.fx.placementOf(c.side.key, c.target === 'unrelated' ? 'DRAFT' : 'OPEN');
const allocationRuns: Partial<Record<string, string>> = {};
const runOf = (c: Ctx) => allocationRuns[c.side.org] ?? allocationRuns[c.target === 'own' ? c.w.unitA : c.w.unitB]!;
let organisationNames: Record<string, string> = {};

// ── the table ─────────────────────────────────────────────────────────────────────────────────────────
// Every row(...) lists its cells in role order: ADVISOR, MARKET_CONTACT, TEACHER, EMPLOYER, ADMIN.

const EMPLOYER_WRITE = {
  own: row(OK, OK, FORBIDDEN, OK, OK),
  other: row(FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK),
  unrelated: row(FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK),
};
const PLACEMENT_WRITE = {
  own: ALL(OK),
  other: row(FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK),
  unrelated: row(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
};
const MATCHING_ON_PLACEMENT = {
  own: row(OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
  other: row(NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN),
  unrelated: row(NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN),
};
const MATCHING_ON_PARTICIPANT = {
  own: row(OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
  other: row(NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN),
};
const PROFILE_WRITE = {
  own: row(OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND),
  other: ALL(NOT_FOUND),
};
/** Staff run the process; employers may see the proposal (so FORBIDDEN); teachers and admins never see one. */
const PROCESS_STEP = {
  own: row(OK, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND),
  other: ALL(NOT_FOUND),
  unrelated: ALL(NOT_FOUND),
};
/** GDPR requests (export, erasure): the participant's own advisors; visible-but-matching-view callers are FORBIDDEN. */
const DATA_SUBJECT_REQUEST = {
  own: row(OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND),
  other: ALL(NOT_FOUND),
};
const STAFF_ONLY = row(OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN);
const ADMIN_ONLY = row(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK);

const TABLE: Record<string, Entry> = {
  // ── queries ──
  allocationRun: {
    kind: 'query',
    call: (c) => ({ vars: { id: runOf(c) } }),
    expect: { own: STAFF_ONLY, other: row(NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN) },
  },
  auditLog: { kind: 'query', call: () => ({ vars: { first: 20 } }), expect: { any: ADMIN_ONLY } },
  candidatesForPlacement: { kind: 'query', call: (c) => ({ vars: { placementId: c.side.draftPlacement, first: 50 } }), expect: MATCHING_ON_PLACEMENT },
  deadLetterNotifications: { kind: 'query', call: () => ({ vars: { first: 10 } }), expect: { any: ADMIN_ONLY } },
  failedJobs: { kind: 'query', call: () => ({ vars: { first: 10 } }), expect: { any: ADMIN_ONLY } },
  reminderRules: { kind: 'query', call: () => ({ vars: {} }), expect: { any: ADMIN_ONLY } },
  employer: {
    kind: 'query',
    call: (c) => ({ vars: { id: c.side.employer } }),
    expect: { own: ALL(OK), other: row(OK, OK, OK, NOT_FOUND, OK), unrelated: row(OK, OK, OK, NOT_FOUND, OK) },
  },
  employers: {
    kind: 'query',
    call: (c) => ({ vars: { filter: { search: c.w.tag }, first: 100 }, probe: c.side.employer }),
    expect: { own: ALL(LISTED), other: row(LISTED, LISTED, LISTED, HIDDEN, LISTED), unrelated: row(LISTED, LISTED, LISTED, HIDDEN, LISTED) },
  },
  exportParticipantData: { kind: 'query', call: (c) => ({ vars: { participantId: participantOf(c) } }), expect: DATA_SUBJECT_REQUEST },
  explainMatch: { kind: 'query', call: (c) => ({ vars: { participantId: participantOf(c), placementId: proposalPlacement(c) } }), expect: MATCHING_ON_PARTICIPANT },
  matchesForParticipant: { kind: 'query', call: (c) => ({ vars: { participantId: participantOf(c), first: 20 } }), expect: MATCHING_ON_PARTICIPANT },
  me: { kind: 'query', call: () => ({ vars: {} }), expect: { any: ALL(OK) } },
  myNotifications: {
    kind: 'query',
    call: async (c) => ({ vars: { first: 100 }, probe: await c.fx.notification(c.target === 'own' ? c.caller : c.counterpart) }),
    expect: { own: ALL(LISTED), other: ALL(HIDDEN) },
  },
  occupation: { kind: 'query', call: () => ({ vars: { code: '5311' } }), expect: { any: ALL(OK) } },
  occupations: { kind: 'query', call: () => ({ vars: { search: 'barnehage', first: 5 } }), expect: { any: ALL(OK) } },
  organisation: { kind: 'query', call: (c) => ({ vars: { id: c.side.org } }), expect: { own: ALL(OK), other: row(OK, OK, OK, NULL, OK) } },
  organisations: {
    kind: 'query',
    call: (c) => ({ vars: { filter: { search: organisationNames[c.side.org] }, first: 100 }, probe: c.side.org }),
    expect: { own: ALL(LISTED), other: row(LISTED, LISTED, LISTED, HIDDEN, LISTED) },
  },
  participant: { kind: 'query', call: (c) => ({ vars: { id: participantOf(c) } }), expect: { own: row(OK, OK, OK, NOT_FOUND, NOT_FOUND), other: ALL(NOT_FOUND) } },
  participantAccessHistory: {
    kind: 'query',
    call: (c) => ({ vars: { participantId: participantOf(c) } }),
    // The data subject's own export: the unit's advisors, and administrators (who see entries, never the profile).
    expect: { own: row(OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK), other: row(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK) },
  },
  participants: {
    kind: 'query',
    call: (c) => ({ vars: { filter: { wantsOccupation: RARE_OCCUPATION }, first: 100 }, probe: participantOf(c) }),
    expect: { own: row(LISTED, LISTED, LISTED, HIDDEN, HIDDEN), other: ALL(HIDDEN) },
  },
  placement: { kind: 'query', call: (c) => ({ vars: { id: c.side.draftPlacement } }), expect: { own: ALL(OK), other: row(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK), unrelated: row(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK) } },
  placements: {
    kind: 'query',
    call: (c) => ({ vars: { filter: { search: c.w.tag }, first: 100 }, probe: c.side.draftPlacement }),
    expect: { own: ALL(LISTED), other: row(HIDDEN, HIDDEN, HIDDEN, HIDDEN, LISTED), unrelated: row(HIDDEN, HIDDEN, HIDDEN, HIDDEN, LISTED) },
  },
  proposal: { kind: 'query', call: (c) => ({ vars: { id: proposalOf(c) } }), expect: { own: row(OK, OK, NOT_FOUND, OK, NOT_FOUND), other: ALL(NOT_FOUND), unrelated: ALL(NOT_FOUND) } },
  proposals: {
    kind: 'query',
    call: (c) => ({ vars: { filter: { placementId: proposalPlacement(c) }, first: 100 }, probe: proposalOf(c) }),
    expect: { own: row(LISTED, LISTED, HIDDEN, LISTED, HIDDEN), other: ALL(HIDDEN), unrelated: ALL(HIDDEN) },
  },
  requirementWhatIf: { kind: 'query', call: (c) => ({ vars: { placementId: c.side.draftPlacement } }), expect: MATCHING_ON_PLACEMENT },
  searchParticipants: {
    kind: 'query',
    call: (c) => ({ vars: { query: (c.target === 'own' ? PLANTED.a : PLANTED.b).lastName, first: 20 }, probe: participantOf(c) }),
    expect: { own: row(LISTED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN), other: row(HIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN) },
  },
  searchPlacements: {
    kind: 'query',
    call: (c) => ({ vars: { query: c.w.tag, first: 100 }, probe: c.side.draftPlacement }),
    expect: { own: ALL(LISTED), other: row(HIDDEN, HIDDEN, HIDDEN, HIDDEN, LISTED), unrelated: row(HIDDEN, HIDDEN, HIDDEN, HIDDEN, LISTED) },
  },
  unreadNotificationCount: { kind: 'query', call: () => ({ vars: {} }), expect: { any: ALL(OK) } },

  // ── nested fields with rules of their own (excluded from the generated selections) ──
  'Employer.ledger': {
    kind: 'query',
    document: `query($id: ID!) { employer(id: $id) { id ledger { employerId openProposals proposalsThisMonth monthlyCap recentDeclines { reason } } } }`,
    field: 'employer',
    call: (c) => ({ vars: { id: c.side.employer } }),
    expect: { own: row(OK, OK, FORBIDDEN, FORBIDDEN, OK), other: row(OK, OK, FORBIDDEN, NOT_FOUND, OK) },
  },

  // ── mutations ──
  addEmployerContact: { kind: 'mutation', call: (c) => ({ vars: { employerId: c.side.employer, input: { name: 'Ny kontakt', language: 'nb' } } }), expect: EMPLOYER_WRITE },
  addEmployerSite: { kind: 'mutation', call: (c) => ({ vars: { employerId: c.side.employer, input: { name: 'Filial', address: 'Veien 2', areaCode: 'OSLO-ALNA' } } }), expect: EMPLOYER_WRITE },
  agreeProposal: {
    kind: 'mutation',
    call: async (c) => ({
      vars: { id: await freshProposal(c, 'ACCEPTED'), input: { startDate: '2026-12-07', endDate: '2027-03-01', weekdays: ['MON'], hoursPerWeek: 10, tasks: ['Rydding'], supervisorName: 'Kari' } },
    }),
    expect: PROCESS_STEP,
  },
  archiveEmployer: {
    kind: 'mutation',
    call: async (c) => {
      if (c.role === 'EMPLOYER' && c.target === 'own') {
        const own = await c.fx.employerWithUser(c.w.navA);
        return { vars: { id: own.employerId }, as: own.userId };
      }
      return { vars: { id: await c.fx.sqlEmployer(c.side.ownerOffice) } };
    },
    expect: EMPLOYER_WRITE,
  },
  archiveParticipant: {
    kind: 'mutation',
    call: async (c) => {
      const id = await c.fx.participant(unitOf(c));
      if (c.target === 'own') await c.fx.api.ok(c.w.users.advisorA, `mutation($p: ID!, $t: ID!) { assignTeacher(participantId: $p, teacherId: $t) { id } }`, { p: id, t: c.w.users.teacherA });
      return { vars: { id } };
    },
    expect: PROFILE_WRITE,
  },
  archivePlacement: { kind: 'mutation', call: async (c) => ({ vars: { id: await writablePlacement(c) } }), expect: PLACEMENT_WRITE },
  assignTeacher: { kind: 'mutation', call: (c) => ({ vars: { participantId: participantOf(c), teacherId: c.w.users.teacherA } }), expect: PROFILE_WRITE },
  requestPlacement: { kind: 'mutation', call: (c) => ({ vars: { participantId: participantOf(c) } }), expect: PROFILE_WRITE },
  changePlacementStatus: {
    kind: 'mutation',
    call: async (c) => ({ vars: { id: await writablePlacement(c), status: c.target === 'unrelated' ? 'CLOSED' : 'PAUSED' } }),
    expect: PLACEMENT_WRITE,
  },
  changeProposalStatus: {
    kind: 'mutation',
    call: async (c) => ({ vars: { id: await freshProposal(c, 'PROPOSED'), status: 'ACCEPTED' } }),
    // The employer answers proposals made to it; staff may record an answer given by phone.
    expect: { own: row(OK, OK, NOT_FOUND, OK, NOT_FOUND), other: ALL(NOT_FOUND), unrelated: ALL(NOT_FOUND) },
  },
  createEmployer: {
    kind: 'mutation',
    call: (c) => ({ vars: { input: { orgNumber: c.fx.nextOrgnr(), name: `Ny arbeidsgiver ${c.role}`, sector: 'RETAIL' } } }),
    expect: { any: row(OK, OK, FORBIDDEN, FORBIDDEN, OK) },
  },
  createParticipant: {
    kind: 'mutation',
    call: () => ({ vars: { input: { firstName: 'Ny', lastName: 'Deltaker', birthYear: 1990, protectionBasis: 'REFUGEE', settlementDate: '2025-02-01' } } }),
    expect: { any: row(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN) },
  },
  eraseParticipant: {
    kind: 'mutation',
    call: async (c) => {
      const id = await c.fx.participant(unitOf(c));
      if (c.target === 'own') await c.fx.api.ok(c.w.users.advisorA, `mutation($p: ID!, $t: ID!) { assignTeacher(participantId: $p, teacherId: $t) { id } }`, { p: id, t: c.w.users.teacherA });
      return { vars: { participantId: id } };
    },
    expect: DATA_SUBJECT_REQUEST,
  },
  createPlacement: {
    kind: 'mutation',
    call: (c) => ({
      vars: { input: { type: 'WORK_PRACTICE', title: 'Lagermedarbeider', occupationCode: '9333', employerId: c.side.employer, siteId: c.side.site, startDate: '2027-01-04', weekdays: ['WED'], hoursPerWeek: 8 } },
    }),
    // Anyone but an employer may post for any employer of the shared pool; employers only for themselves.
    expect: { own: ALL(OK), other: row(OK, OK, OK, FORBIDDEN, OK), unrelated: row(OK, OK, OK, FORBIDDEN, OK) },
  },
  evaluateProposal: {
    kind: 'mutation',
    call: async (c) => ({ vars: { id: await freshProposal(c, 'STARTED'), input: { languageExposure: 4, tasksFit: 3, wouldHostAgain: true } } }),
    // The employer and the participant's advisor evaluate; a market contact sees the proposal but may not.
    expect: { own: row(OK, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND), other: ALL(NOT_FOUND), unrelated: ALL(NOT_FOUND) },
  },
  issueEmployerAnswerLink: {
    kind: 'mutation',
    call: (c) => ({ vars: { proposalId: proposalOf(c), contactId: c.w.sides[c.target === 'own' ? 'navA' : c.target === 'other' ? 'navB' : 'emp3'].contact } }),
    expect: { own: STAFF_ONLY, other: row(NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN), unrelated: row(NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN) },
  },
  logFollowUp: {
    kind: 'mutation',
    call: async (c) => ({ vars: { id: await c.fx.plannedFollowUp(await freshProposal(c, 'AGREED')), input: { heldOn: '2026-12-21', attendance: ['PARTICIPANT', 'EMPLOYER'], notes: 'Går bra' } } }),
    expect: PROCESS_STEP,
  },
  markAllNotificationsRead: { kind: 'mutation', call: () => ({ vars: {} }), expect: { any: ALL(OK) } },
  markNotificationsRead: {
    kind: 'mutation',
    call: async (c) => ({ vars: { ids: [await c.fx.notification(c.target === 'own' ? c.caller : c.counterpart)] } }),
    expect: { own: ALL(OK), other: ALL(NOT_FOUND) },
  },
  proposeAllocation: {
    kind: 'mutation',
    call: (c) => ({ vars: { scope: { unitId: [c.target === 'own' ? c.w.unitA : c.w.unitB] } } }),
    // Naming a unit outside your scope is a typed input error that says nothing about the unit.
    expect: { own: STAFF_ONLY, other: row(BAD_INPUT, BAD_INPUT, FORBIDDEN, FORBIDDEN, FORBIDDEN) },
  },
  recordParticipantOutcome: {
    kind: 'mutation',
    call: (c) => ({ vars: { participantId: participantOf(c), input: { measuredAt: 'EXIT', category: 'WORK', recordedOn: '2026-11-01' } } }),
    expect: PROFILE_WRITE,
  },
  recordConsent: {
    kind: 'mutation',
    call: (c) => ({ vars: { participantId: participantOf(c), input: { scope: 'CONTACT_BY_MESSAGE', explainedInLanguage: 'tigrinja', givenOn: '2026-10-01' } } }),
    expect: PROFILE_WRITE,
  },
  recordLanguageAssessment: {
    kind: 'mutation',
    call: (c) => ({ vars: { participantId: participantOf(c), input: { skill: 'READING', level: 'A2', source: 'TEACHER_ASSESSMENT', assessedOn: '2026-09-01' } } }),
    expect: {
      // The unit's advisors and the teacher who follows the participant record language evidence.
      own: row(
        OK,
        { outcome: FORBIDDEN, bug: 'a market contact who sees the participant gets NOT_FOUND instead of FORBIDDEN (participants.service.ts recordLanguageAssessment)' },
        OK,
        NOT_FOUND,
        NOT_FOUND,
      ),
      other: ALL(NOT_FOUND),
    },
  },
  retryAllFailedJobs: { kind: 'mutation', call: () => ({ vars: { queue: 'PRIVACY' } }), expect: { any: ADMIN_ONLY } },
  // No failed job with this id: the admin is told NOT_FOUND, everyone else FORBIDDEN before any lookup.
  retryFailedJob: { kind: 'mutation', call: () => ({ vars: { queue: 'PRIVACY', jobId: 'no-such-job' } }), expect: { any: row(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND) } },
  setReminderRule: {
    kind: 'mutation',
    call: (c) => ({ vars: { input: { code: 'FOLLOW_UP_DUE', organisationId: c.side.org, validFrom: '2026-01-01', params: { leadDays: 3 } } } }),
    expect: { any: ADMIN_ONLY },
  },
  retryDeadLetterNotification: { kind: 'mutation', call: async (c) => ({ vars: { id: await c.fx.failedEmail(), source: 'EMAIL' } }), expect: { any: ADMIN_ONLY } },
  scheduleFollowUp: { kind: 'mutation', call: async (c) => ({ vars: { proposalId: await freshProposal(c, 'AGREED'), input: { dueOn: '2027-02-01', kind: 'CALL' } } }), expect: PROCESS_STEP },
  suggestProposal: {
    kind: 'mutation',
    call: async (c) => {
      const participantId = await c.fx.participant(unitOf(c));
      await c.fx.consent(participantId, unitOf(c), 'PROPOSE_TO_EMPLOYERS');
      return { vars: { input: { participantId, placementId: c.w.sides.navA.openPlacement, note: 'Passer' } } };
    },
    expect: { own: STAFF_ONLY, other: row(NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN) },
  },
  updateEmployer: { kind: 'mutation', call: (c) => ({ vars: { id: c.side.employer, input: { description: 'Oppdatert beskrivelse' } } }), expect: EMPLOYER_WRITE },
  updateParticipant: { kind: 'mutation', call: (c) => ({ vars: { id: participantOf(c), input: { hoursPerWeek: 20 } } }), expect: PROFILE_WRITE },
  updatePlacement: {
    kind: 'mutation',
    call: (c) => ({ vars: { id: c.target === 'own' ? c.side.draftPlacement : c.target === 'other' ? c.side.openPlacement : c.side.draftPlacement, input: { description: 'Oppdatert' } } }),
    expect: PLACEMENT_WRITE,
  },
  withdrawConsent: {
    kind: 'mutation',
    call: async (c) => ({ vars: { consentId: await c.fx.consent(participantOf(c), unitOf(c), 'CONTACT_BY_MESSAGE') } }),
    // Consents are advisor-only data: outside everyone else's scope, so NOT_FOUND even where the participant is visible.
    expect: { own: row(OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND), other: ALL(NOT_FOUND) },
  },
};

// KPI reports (libs/insights): counts only; admins see every organisation, advisors their unit, market contacts
// their office's units; teachers and employers none. `other`: no row of the B side's unit reaches an A-side caller.
const KPI_QUERIES = ['declineReasons', 'employerAnswerTimes', 'followUpsOnTime', 'outcomeShare', 'placementSupply', 'praksisConversion', 'praksisParticipation', 'programmeStartTimes', 'timeToFirstPraksis', 'weeklyHoursRule'];
for (const name of KPI_QUERIES) {
  TABLE[name] = {
    kind: 'query',
    call: (c) => ({
      vars: { period: { from: '2025-01-01', to: new Date().toISOString().slice(0, 10) }, groupBy: ['UNIT'], ...(name === 'outcomeShare' ? { measuredAt: 'EXIT' } : {}) },
      probe: c.w.unitB,
    }),
    expect: { any: row(OK, OK, FORBIDDEN, FORBIDDEN, OK), other: row(HIDDEN, HIDDEN, FORBIDDEN, FORBIDDEN, OK) },
  };
}

/** Fields whose access is role-dependent below the root: tested by their own rows, left out of generated selections. */
const RESTRICTED_NESTED = new Set(['Employer.ledger']);

// ── leak checks ───────────────────────────────────────────────────────────────────────────────────────

/** Every selection asks for `__typename`: the full profile type in a non-advisor's response is a leak by itself. */
const FULL_PROFILE_KEYS = ['"__typename":"Participant"'];

function forbiddenValues(role: RoleName, w: TrustWorld): { text: string[]; ids: string[]; keys: string[] } {
  const { a, b, s } = PLANTED;
  switch (role) {
    case 'ADVISOR':
      return { text: allValues(b), ids: [w.participants.b], keys: [] };
    case 'MARKET_CONTACT':
      return { text: [...fullOnlyValues(a), ...fullOnlyValues(s), ...allValues(b)], ids: [w.participants.b], keys: FULL_PROFILE_KEYS };
    case 'TEACHER':
      return { text: [...fullOnlyValues(a), ...allValues(s), ...allValues(b)], ids: [w.participants.s, w.participants.b], keys: FULL_PROFILE_KEYS };
    case 'EMPLOYER':
      return {
        text: [...fullOnlyValues(a), ...allValues(s), ...allValues(b)],
        ids: [w.participants.s, w.participants.b, w.proposals.suggestedOnly, w.proposals.other, w.proposals.unrelated],
        keys: FULL_PROFILE_KEYS,
      };
    case 'ADMIN':
      return { text: [...allValues(a), ...allValues(s), ...allValues(b)], ids: [w.participants.a, w.participants.s, w.participants.b], keys: FULL_PROFILE_KEYS };
  }
}

/** Positive controls: the scans above are not vacuous (each role did receive what it may see). */
const seen: Record<RoleName, Set<string>> = { ADVISOR: new Set(), MARKET_CONTACT: new Set(), TEACHER: new Set(), EMPLOYER: new Set(), ADMIN: new Set() };

function assertNoLeak(role: RoleName, w: TrustWorld, res: GqlResponse, label: string): void {
  const raw = JSON.stringify(res);
  const data = JSON.stringify(res.data ?? null);
  const bad = forbiddenValues(role, w);
  const leaks = [...bad.text.filter((v) => raw.includes(v)), ...bad.ids.filter((id) => data.includes(id)).map((id) => `id ${id}`), ...bad.keys.filter((k) => data.includes(k))];
  if (leaks.length) throw new Error(`LEAK to ${role} in ${label}: ${leaks.join(', ')}\n${raw.slice(0, 1500)}`);
  for (const v of [PLANTED.a.firstName, PLANTED.a.lastName, PLANTED.s.firstName]) if (raw.includes(v)) seen[role].add(v);
}

// ── the run ───────────────────────────────────────────────────────────────────────────────────────────

interface Case {
  readonly name: string;
  readonly entry: Entry;
  readonly role: RoleName;
  readonly target: Target;
  readonly cell: Cell;
  readonly title: string;
}

const CASES: Case[] = Object.entries(TABLE).flatMap(([name, entry]) =>
  (Object.entries(entry.expect) as Array<[Target, Row]>).flatMap(([target, cells]) =>
    ROLES.map((role, i) => {
      const cell = cells[i]!;
      const outcome = typeof cell === 'string' ? cell : cell.outcome;
      const bug = typeof cell === 'string' ? '' : ' [KNOWN BUG: fails until fixed]';
      return { name, entry, role, target, cell, title: `${entry.kind} ${name} × ${role} × ${target} → ${outcome}${bug}` };
    }),
  ),
);

const observedOutcome = (res: GqlResponse, field: string, expected: Outcome, probe?: string): string => {
  if (res.errors?.length) return res.errors[0]!.extensions.code;
  const value = res.data?.[field];
  if (value === null || value === undefined) return NULL;
  if (probe && (expected === LISTED || expected === HIDDEN)) return JSON.stringify(value).includes(probe) ? LISTED : HIDDEN;
  return OK;
};

describe('authorisation matrix: every query and mutation × role × target', () => {
  let api: ApiHarness;
  let fx: TrustFixtures;
  let schema: GraphQLSchema;
  let roots: Map<string, RootField>;
  const tokens = new Map<string, string>();
  const token = async (userId: string) => tokens.get(userId) ?? tokens.set(userId, await api.token(userId, 3600)).get(userId)!;

  beforeAll(async () => {
    const started = Date.now();
    api = await ApiHarness.start(ENV);
    fx = await TrustFixtures.prepare(api, api.dataSource);
    // Search documents come from the outbox through the worker; none runs here, so rebuild them once from PostgreSQL.
    await run(process.execPath, ['dist/scripts/reindex.js', '--json'], { env: { ...process.env, ...ENV, NODE_OPTIONS: '' } });
    // Each api builds its matching index from PostgreSQL at start: a restart sees the prepared world without a worker.
    await api.stop();
    api = await ApiHarness.start(ENV);
    fx.api = api;
    fx.ds = api.dataSource;
    const w = fx.w;
    for (const [who, org] of [[w.users.advisorA, w.unitA], [w.users.advisorB, w.unitB], [w.users.marketA, w.navA], [w.users.marketB, w.navB]] as const) {
      allocationRuns[org] = (await api.ok<{ proposeAllocation: { id: string } }>(who, `mutation { proposeAllocation { id } }`)).proposeAllocation.id;
    }
    organisationNames = Object.fromEntries(((await api.dataSource.query(`SELECT id, name FROM organisations`)) as Array<{ id: string; name: string }>).map((o) => [o.id, o.name]));
    schema = await introspectSchema(api, await token(w.users.admin));
    roots = new Map(rootFields(schema).map((r) => [r.name, r]));
    process.stderr.write(`[authorization-matrix] world ready in ${Date.now() - started} ms; ${CASES.length} cases\n`);
  }, 120_000);
  afterAll(() => api?.stop());

  it('has a row for every query and mutation in the schema, and no row for a field that is gone', () => {
    const inSchema = [...roots.values()].map((r) => `${r.kind} ${r.name}`).sort();
    const inTable = Object.entries(TABLE)
      .filter(([name]) => !name.includes('.'))
      .map(([name, e]) => `${e.kind} ${name}`)
      .sort();
    expect({ missingFromTable: inSchema.filter((f) => !inTable.includes(f)), notInSchema: inTable.filter((f) => !inSchema.includes(f)) }).toEqual({ missingFromTable: [], notInSchema: [] });
  });

  it.each(CASES.map((c) => [c.title, c] as const))('%s', async (_title, kase) => {
    const { name, entry, role, target, cell } = kase;
    const w = fx.w;
    const who = callers(w)[role];
    const sides = sideRole[role];
    const side = w.sides[target === 'any' ? sides.own : (sides[target] as SideKey)];
    const ctx: Ctx = { role, target, caller: who.caller, counterpart: who.counterpart, w, fx, side, own: w.sides[sides.own] };
    const call = await entry.call(ctx);
    const root = roots.get(entry.field ?? name);
    if (!root) throw new Error(`${name} is not in the schema (remove its row)`);
    const document = entry.document ?? operationFor(root, call.vars, selectionFor(schema, root.field.type, { depth: 3, exclude: RESTRICTED_NESTED }));
    const res = await api.gql(await token(call.as ?? who.caller), document, call.vars);
    const expected = typeof cell === 'string' ? cell : cell.outcome;
    const observed = observedOutcome(res, root.name, expected, call.probe);
    if (observed !== expected) {
      const bug = typeof cell === 'string' ? '' : `\nKNOWN BUG: ${cell.bug}`;
      throw new Error(`${kase.title}: expected ${expected}, got ${observed}${bug}\n${JSON.stringify(res).slice(0, 1200)}`);
    }
    if (!['OK', 'LISTED', 'HIDDEN', 'NULL'].includes(expected)) expect(res.data?.[root.name] ?? null).toBeNull();
    assertNoLeak(role, w, res, kase.title);
  });

  it('scanned responses that did carry what each role may see (the leak checks are not vacuous)', () => {
    expect(seen.ADVISOR.has(PLANTED.a.lastName)).toBe(true);
    expect(seen.MARKET_CONTACT.has(PLANTED.a.firstName)).toBe(true);
    expect(seen.MARKET_CONTACT.has(PLANTED.s.firstName)).toBe(true);
    expect(seen.TEACHER.has(PLANTED.a.firstName)).toBe(true);
    expect(seen.EMPLOYER.has(PLANTED.a.firstName)).toBe(true);
  });

  describe('employers never see a participant that was not proposed to them', () => {
    it('BUG: a suggestion withdrawn (or declined by the participant) before it was proposed becomes visible to the employer', async () => {
      // libs/proposals/src/application/proposals.service.ts: employers see every status but SUGGESTED (EMPLOYER_VISIBLE),
      // so SUGGESTED → WITHDRAWN / DECLINED_BY_PARTICIPANT hands the employer a candidate it was never proposed.
      const w = fx.w;
      for (const [to, reason] of [['WITHDRAWN', 'HEALTH_OR_FAMILY'], ['DECLINED_BY_PARTICIPANT', 'TRAVEL']] as const) {
        const participant = await fx.participant('A', { ...PLANTED.s, firstName: `Wendolyna${to.length}`, lastName: 'Wexholm' });
        const id = (await api.ok<{ suggestProposal: { id: string } }>(w.users.advisorA, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: participant, pl: w.sides.navA.openPlacement })).suggestProposal.id;
        await api.ok(w.users.advisorA, `mutation($id: ID!, $s: ProposalStatus!, $in: ProposalTransitionInput) { changeProposalStatus(id: $id, status: $s, input: $in) { id } }`, { id, s: to, in: { reason, reasonNote: 'LEAKNOTE helse' } });
        const single = await api.gql(await token(w.users.employer1), `query($id: ID!) { proposal(id: $id) { id status reason reasonNote candidate { displayName } } }`, { id });
        const list = await api.gql(await token(w.users.employer1), `query($pl: ID!) { proposals(filter: { placementId: $pl }, first: 100) { id candidate { displayName } } }`, { pl: w.sides.navA.openPlacement });
        expect({ to, single: single.errors?.[0]?.extensions.code, listed: JSON.stringify(list.data).includes(id) }).toEqual({ to, single: 'NOT_FOUND', listed: false });
      }
    });
  });
});
