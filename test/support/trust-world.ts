import type { DataSource } from 'typeorm';
import { OrganisationKind, Role } from '#lib/access';
import { withCheckDigit } from '#lib/employers';
import type { ApiHarness } from './api-harness.js';
import { createWorld, type World } from './world.js';

/**
 * The prepared world of the trust tests (authorisation matrix, fuzzing), on top of `createWorld`:
 * every organisation has an employer it owns, a DRAFT and an OPEN placement and a contact; participants carry
 * distinctive ("planted") values so a response can be searched for anything it must not contain; proposals
 * stand in each state a test needs. Everything goes through the API as staff would do it, except rows the API
 * cannot make (an organisation's employer, a second teacher and admin, notifications, a failed email).
 */

export type RoleName = `${Role}`;
export const ROLES: readonly RoleName[] = ['ADVISOR', 'MARKET_CONTACT', 'TEACHER', 'EMPLOYER', 'ADMIN'];

/** One organisation's resources. Keys: the caller sides of each role, and employer3's (nobody's) side. */
export type SideKey = 'unitA' | 'unitB' | 'navA' | 'navB' | 'emp1' | 'emp2' | 'emp3';

export interface Side {
  readonly key: SideKey;
  /** The organisation owning this side's placements (and employer, for units and offices). */
  readonly org: string;
  /** Who posts this side's placements. */
  readonly poster: string;
  /** An employer this side owns (for an employer's side: that employer itself). */
  readonly employer: string;
  readonly site: string;
  readonly contact: string;
  readonly draftPlacement: string;
  readonly openPlacement: string;
  /** The office that owns employers made for this side. */
  readonly ownerOffice: string;
}

/** Values that identify a participant in a raw response. `fullOnly` must reach nobody but the unit's advisors. */
export interface Planted {
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string;
  readonly email: string;
  readonly healthLimitations: string;
  readonly familyNotes: string;
  readonly preferredLanguage: string;
  readonly protectionBasis: string;
}

export const PLANTED: Record<'a' | 'b' | 's', Planted> = {
  a: { firstName: 'Quyzelia', lastName: 'Vantrobeck', phone: '+47 419 28 374', email: 'quyzelia.leak@example.test', healthLimitations: 'LEAKHEALTH-astma-A', familyNotes: 'LEAKFAMILY-fem-barn-A', preferredLanguage: 'LEAKLANG-A', protectionBasis: 'RESETTLEMENT_REFUGEE' },
  b: { firstName: 'Bexqorila', lastName: 'Brunhaxen', phone: '+47 428 37 465', email: 'bexqorila.leak@example.test', healthLimitations: 'LEAKHEALTH-rygg-B', familyNotes: 'LEAKFAMILY-to-barn-B', preferredLanguage: 'LEAKLANG-B', protectionBasis: 'RESETTLEMENT_REFUGEE' },
  s: { firstName: 'Sulvettia', lastName: 'Sonnqvikk', phone: '+47 437 46 556', email: 'sulvettia.leak@example.test', healthLimitations: 'LEAKHEALTH-migrene-S', familyNotes: 'LEAKFAMILY-eneforsorger-S', preferredLanguage: 'LEAKLANG-S', protectionBasis: 'RESETTLEMENT_REFUGEE' },
};

/** Values only the unit's advisors may receive (`Participant`, never `ParticipantMatchingView` or a card). */
export const fullOnlyValues = (p: Planted) => [p.lastName, p.phone, p.email, p.healthLimitations, p.familyNotes, p.preferredLanguage, p.protectionBasis];
/** Everything that identifies this participant, the first name (shown in matching views and cards) included. */
export const allValues = (p: Planted) => [p.firstName, p.lastName, p.phone, p.email, p.healthLimitations, p.familyNotes, p.preferredLanguage];

/** An occupation no other test file uses: list queries filtered by it see this file's participants only. */
export const RARE_OCCUPATION = '2265';
export const FUTURE = { startDate: '2026-12-07', endDate: '2027-03-31' };

export interface TrustWorld extends World {
  /** A made-up word in every title and employer name of this world, for list filters. */
  readonly tag: string;
  readonly employer3: string;
  readonly teacherB: string;
  readonly adminB: string;
  readonly sides: Record<SideKey, Side>;
  readonly participants: { readonly a: string; readonly b: string; readonly s: string };
  readonly proposals: {
    /** pA → employer1's open placement, PROPOSED: the A side's (and employer1's) own proposal. */
    readonly own: string;
    /** pB → employer2's open placement, PROPOSED. */
    readonly other: string;
    /** pB → employer3's open placement, PROPOSED. */
    readonly unrelated: string;
    /** pS → employer1's open placement, only SUGGESTED: employer1 must never see it. */
    readonly suggestedOnly: string;
  };
}

export class TrustFixtures {
  private orgnrSeed = 30_000_000 + Math.floor(Math.random() * 40_000_000);

  constructor(
    /** Replaceable: a test may restart the api (a new harness and its data source) and keep the world. */
    public api: ApiHarness,
    public ds: DataSource,
    /** Set once `prepare` has built the world. */
    public w: TrustWorld = undefined as unknown as TrustWorld,
  ) {}

  /** Builds the world. `ds` is the database the api runs on (the harness's own, or a private one). */
  static async prepare(api: ApiHarness, ds: DataSource): Promise<TrustFixtures> {
    const fx = new TrustFixtures(api, ds);
    const base = await createWorld(ds);
    const tag = madeUpWord();
    const one = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ id: string }>)[0]!.id;
    const employerUnitA = await fx.sqlEmployer(base.unitA, `Enhetens arbeidsgiver A ${tag}`);
    const employerUnitB = await fx.sqlEmployer(base.unitB, `Enhetens arbeidsgiver B ${tag}`);
    const employer3 = await fx.sqlEmployer(base.navB, `Uavhengig arbeidsgiver ${tag}`);
    await ds.query(`UPDATE employers SET name = name || ' ' || $3 WHERE id IN ($1, $2)`, [base.employer1, base.employer2, tag]);
    const teacherB = await one(`INSERT INTO users (email, name, role, organisation_id) VALUES ($1, 'Teacher B', 'TEACHER', $2) RETURNING id`, [`teacher-b-${tag}@test.no`, base.unitB]);
    const adminB = await one(`INSERT INTO users (email, name, role, organisation_id) VALUES ($1, 'Admin B', 'ADMIN', $2) RETURNING id`, [`admin-b-${tag}@test.no`, base.navB]);

    const sideBase: Record<SideKey, { org: string; poster: string; employer: string; ownerOffice: string }> = {
      unitA: { org: base.unitA, poster: base.users.advisorA, employer: employerUnitA, ownerOffice: base.unitA },
      unitB: { org: base.unitB, poster: base.users.advisorB, employer: employerUnitB, ownerOffice: base.unitB },
      navA: { org: base.navA, poster: base.users.marketA, employer: base.employer1, ownerOffice: base.navA },
      navB: { org: base.navB, poster: base.users.marketB, employer: base.employer2, ownerOffice: base.navB },
      emp1: { org: base.employerOrg1, poster: base.users.employer1, employer: base.employer1, ownerOffice: base.navA },
      emp2: { org: base.employerOrg2, poster: base.users.employer2, employer: base.employer2, ownerOffice: base.navB },
      emp3: { org: base.navB, poster: base.users.marketB, employer: employer3, ownerOffice: base.navB },
    };
    const sites: Record<string, string> = { [base.employer1]: base.site1, [base.employer2]: base.site2 };
    for (const e of [employerUnitA, employerUnitB, employer3]) {
      sites[e] = await one(`INSERT INTO employer_sites (employer_id, name, address, area_code) VALUES ($1, 'Hovedsete', 'Gata 1', 'OSLO-ALNA') RETURNING id`, [e]);
    }
    const contacts: Record<string, string> = {};
    for (const e of [base.employer1, base.employer2, employer3, employerUnitA, employerUnitB]) {
      contacts[e] = await one(`INSERT INTO employer_contacts (employer_id, name, email, language) VALUES ($1, 'Kontakt', $2, 'nb') RETURNING id`, [e, `kontakt-${e.slice(0, 8)}@example.test`]);
    }
    const sides = {} as Record<SideKey, Side>;
    fx.w = { ...base, tag, employer3, teacherB, adminB, sides, participants: undefined as never, proposals: undefined as never };
    for (const key of Object.keys(sideBase) as SideKey[]) {
      const b = sideBase[key];
      const site = sites[b.employer]!;
      const draftPlacement = await fx.placement(b.poster, b.employer, site, 'DRAFT', `Utkast ${key} ${tag}`);
      const openPlacement = await fx.placement(b.poster, b.employer, site, 'OPEN', `Åpen ${key} ${tag}`);
      sides[key] = { key, ...b, site, contact: contacts[b.employer]!, draftPlacement, openPlacement };
    }

    const pA = await fx.participant('A', PLANTED.a);
    const pB = await fx.participant('B', PLANTED.b);
    const pS = await fx.participant('A', PLANTED.s);
    await api.ok(base.users.advisorA, `mutation($p: ID!, $t: ID!) { assignTeacher(participantId: $p, teacherId: $t) { id } }`, { p: pA, t: base.users.teacherA });
    for (const [p, unit] of [[pA, 'A'], [pB, 'B'], [pS, 'A']] as const) {
      await fx.consent(p, unit, 'PROPOSE_TO_EMPLOYERS');
      await fx.consent(p, unit, 'SHARE_CARD_WITH_EMPLOYERS');
      await api.ok(unit === 'A' ? base.users.advisorA : base.users.advisorB, `mutation($p: ID!, $i: LanguageAssessmentInput!) { recordLanguageAssessment(participantId: $p, input: $i) { id } }`, {
        p,
        i: { skill: 'ORAL', level: 'B1', source: 'OFFICIAL_TEST', assessedOn: '2026-10-01', note: 'Muntlig prøve' },
      });
    }
    const own = await fx.proposalFor(pA, 'A', sides.navA.openPlacement, 'PROPOSED');
    const other = await fx.proposalFor(pB, 'B', sides.navB.openPlacement, 'PROPOSED');
    const unrelated = await fx.proposalFor(pB, 'B', sides.emp3.openPlacement, 'PROPOSED');
    const suggestedOnly = await fx.proposalFor(pS, 'A', sides.navA.openPlacement, 'SUGGESTED');
    fx.w = { ...fx.w, participants: { a: pA, b: pB, s: pS }, proposals: { own, other, unrelated, suggestedOnly } };
    return fx;
  }

  // ── building blocks (each makes something new) ────────────────────────────────────────────────────

  advisorOf(unit: 'A' | 'B'): string {
    return unit === 'A' ? this.w.users.advisorA : this.w.users.advisorB;
  }

  /** A participant of unit A or B, with planted values (defaults to a plain profile). */
  async participant(unit: 'A' | 'B', planted?: Planted, overrides: Record<string, unknown> = {}): Promise<string> {
    const identity = planted
      ? {
          firstName: planted.firstName,
          lastName: planted.lastName,
          phone: planted.phone,
          email: planted.email,
          preferredLanguages: [planted.preferredLanguage],
          protectionBasis: planted.protectionBasis,
          constraints: { noCareForOppositeSex: true, healthLimitations: planted.healthLimitations },
          familyNotes: planted.familyNotes,
        }
      : { firstName: `Deltaker ${madeUpWord().slice(0, 5)}`, lastName: 'Hansen', protectionBasis: 'REFUGEE' };
    const res = await this.api.ok<{ createParticipant: { id: string } }>(this.advisorOf(unit), `mutation($i: CreateParticipantInput!) { createParticipant(input: $i) { id } }`, {
      i: {
        birthYear: 1986,
        settlementDate: '2025-03-01',
        programmeStart: '2025-04-01',
        programmeEnd: '2027-06-30',
        finalGoal: 'WORK',
        wantedOccupations: [RARE_OCCUPATION, '5311'],
        availableWeekdays: ['MON', 'TUE', 'WED'],
        hoursPerWeek: 20,
        reachableAreas: ['OSLO-ALNA', 'OSLO-GRORUD'],
        ...identity,
        ...overrides,
      },
    });
    return res.createParticipant.id;
  }

  async consent(participantId: string, unit: 'A' | 'B', scope: 'PROPOSE_TO_EMPLOYERS' | 'SHARE_CARD_WITH_EMPLOYERS' | 'CONTACT_BY_MESSAGE'): Promise<string> {
    const res = await this.api.ok<{ recordConsent: { id: string } }>(this.advisorOf(unit), `mutation($p: ID!, $i: ConsentInput!) { recordConsent(participantId: $p, input: $i) { id } }`, {
      p: participantId,
      i: { scope, explainedInLanguage: 'arabisk', givenOn: '2026-11-01' },
    });
    return res.recordConsent.id;
  }

  /** A placement posted through the API by `poster`; OPEN ones are published (employers' own by SQL: they cannot publish). */
  async placement(poster: string, employerId: string, siteId: string, status: 'DRAFT' | 'OPEN', title = `Praksis ${this.w.tag}`): Promise<string> {
    const res = await this.api.ok<{ createPlacement: { id: string; status: string } }>(poster, `mutation($i: CreatePlacementInput!) { createPlacement(input: $i) { id status } }`, {
      i: { type: 'LANGUAGE_PRACTICE', title, occupationCode: '5311', employerId, siteId, ...FUTURE, weekdays: ['MON', 'TUE'], hoursPerWeek: 12, capacity: 50, requiredNorwegian: {}, publish: status === 'OPEN' },
    });
    if (res.createPlacement.status !== status) await this.ds.query(`UPDATE placements SET status = $2 WHERE id = $1`, [res.createPlacement.id, status]);
    return res.createPlacement.id;
  }

  async placementOf(side: SideKey, status: 'DRAFT' | 'OPEN'): Promise<string> {
    const s = this.w.sides[side];
    return this.placement(s.poster, s.employer, s.site, status);
  }

  /** A proposal walked through the API to `status` by the unit's advisor (the employer's answer given by staff). */
  async proposalFor(participantId: string, unit: 'A' | 'B', placementId: string, status: 'SUGGESTED' | 'PROPOSED' | 'ACCEPTED' | 'AGREED' | 'STARTED'): Promise<string> {
    const advisor = this.advisorOf(unit);
    const { suggestProposal } = await this.api.ok<{ suggestProposal: { id: string } }>(advisor, `mutation($p: ID!, $pl: ID!) { suggestProposal(input: { participantId: $p, placementId: $pl }) { id } }`, { p: participantId, pl: placementId });
    const id = suggestProposal.id;
    const move = (s: string) => this.api.ok(advisor, `mutation($id: ID!, $s: ProposalStatus!) { changeProposalStatus(id: $id, status: $s) { id } }`, { id, s });
    const order = ['SUGGESTED', 'PROPOSED', 'ACCEPTED', 'AGREED', 'STARTED'];
    for (const step of order.slice(1, order.indexOf(status) + 1)) {
      if (step === 'AGREED') {
        await this.api.ok(advisor, `mutation($id: ID!, $in: AgreementInput!) { agreeProposal(id: $id, input: $in) { id } }`, {
          id,
          in: { ...FUTURE, weekdays: ['MON', 'TUE'], hoursPerWeek: 12, tasks: ['Lek og aktiviteter'], supervisorName: 'Kari Nordmann' },
        });
      } else {
        await move(step);
      }
    }
    return id;
  }

  /** A fresh participant of the side's unit (followed by teacherA on the A side), consenting, proposed to `placementId`. */
  async freshProposal(unit: 'A' | 'B', placementId: string, status: 'PROPOSED' | 'ACCEPTED' | 'AGREED' | 'STARTED'): Promise<string> {
    const p = await this.participant(unit);
    await this.consent(p, unit, 'PROPOSE_TO_EMPLOYERS');
    return this.proposalFor(p, unit, placementId, status);
  }

  async plannedFollowUp(proposalId: string): Promise<string> {
    const rows = (await this.ds.query(`SELECT id FROM follow_ups WHERE proposal_id = $1 AND status = 'PLANNED' ORDER BY due_on LIMIT 1`, [proposalId])) as Array<{ id: string }>;
    if (!rows[0]) throw new Error(`proposal ${proposalId} has no planned follow-up`);
    return rows[0].id;
  }

  /** An employer registered straight in SQL, owned by `ownerOffice` (an office or a municipal unit). */
  /** A valid organisation number not used before in this run (mod-11 check digit). */
  nextOrgnr(): string {
    let orgnr: string | null = null;
    while (!orgnr) orgnr = withCheckDigit(String(this.orgnrSeed++).padStart(8, '0'));
    return orgnr;
  }

  async sqlEmployer(ownerOffice: string | null, name = `Arbeidsgiver ${madeUpWord()}`): Promise<string> {
    const orgnr = this.nextOrgnr();
    const rows = (await this.ds.query(
      `INSERT INTO employers (org_number, name, sector, owner_office_id, created_by_id) VALUES ($1, $2, 'KINDERGARTEN', $3, (SELECT id FROM users WHERE role = 'ADMIN' LIMIT 1)) RETURNING id`,
      [orgnr, name, ownerOffice],
    )) as Array<{ id: string }>;
    return rows[0]!.id;
  }

  /** A new employer with its own organisation and EMPLOYER user (for archiving "your own employer"). */
  async employerWithUser(ownerOffice: string): Promise<{ employerId: string; userId: string }> {
    const employerId = await this.sqlEmployer(ownerOffice);
    const [{ id: orgId }] = (await this.ds.query(`INSERT INTO organisations (name, kind, municipality, area_code, employer_id) VALUES ($1, $2, 'Oslo', 'OSLO-ALNA', $3) RETURNING id`, [`Arbeidsgiver ${employerId.slice(0, 8)}`, OrganisationKind.EMPLOYER, employerId])) as [{ id: string }];
    const [{ id: userId }] = (await this.ds.query(`INSERT INTO users (email, name, role, organisation_id) VALUES ($1, 'Leder', 'EMPLOYER', $2) RETURNING id`, [`leder-${employerId.slice(0, 8)}@example.test`, orgId])) as [{ id: string }];
    return { employerId, userId };
  }

  /** An in-app notification for `userId` (with the delivery row it belongs to). */
  async notification(userId: string): Promise<string> {
    const [{ id: deliveryId }] = (await this.ds.query(
      `INSERT INTO notification_deliveries (dedupe_key, recipient_kind, recipient_id, channel, kind, language, content, status) VALUES ($1, 'USER', $2, 'IN_APP', 'PROPOSAL_RECEIVED', 'nb', '{}', 'SENT') RETURNING id`,
      [`trust-${madeUpWord()}-${Date.now()}`, userId],
    )) as [{ id: string }];
    const [{ id }] = (await this.ds.query(
      `INSERT INTO notifications (recipient_id, delivery_id, kind, title, body) VALUES ($1, $2, 'PROPOSAL_RECEIVED', 'Nytt forslag', 'Et forslag venter') RETURNING id`,
      [userId, deliveryId],
    )) as [{ id: string }];
    return id;
  }

  /** An email that gave up (a dead letter an admin may retry). */
  async failedEmail(): Promise<string> {
    const [{ id }] = (await this.ds.query(
      `INSERT INTO email_messages (id, recipient_kind, recipient_id, to_address, language, subject, text_body, html_body, item_count, attempts, last_error, failed_at)
       VALUES (gen_random_uuid(), 'USER', $1, 'x@example.test', 'nb', 'Emne', 'Tekst', '<p>Tekst</p>', 1, 5, '550 mailbox unavailable', now()) RETURNING id`,
      [this.w.users.admin],
    )) as [{ id: string }];
    return id;
  }
}

export function madeUpWord(): string {
  return Array.from({ length: 10 }, () => 'bdfgklmnprstvz'[Math.floor(Math.random() * 14)]!).join('');
}

export const sideRole: Record<RoleName, { own: SideKey; other: SideKey; unrelated: SideKey }> = {
  ADVISOR: { own: 'unitA', other: 'unitB', unrelated: 'emp3' },
  TEACHER: { own: 'unitA', other: 'unitB', unrelated: 'emp3' },
  MARKET_CONTACT: { own: 'navA', other: 'navB', unrelated: 'emp3' },
  ADMIN: { own: 'navA', other: 'navB', unrelated: 'emp3' },
  EMPLOYER: { own: 'emp1', other: 'emp2', unrelated: 'emp3' },
};

/** The A-side user of each role (the caller), and the same role's user on the B side. */
export function callers(w: TrustWorld): Record<RoleName, { caller: string; counterpart: string }> {
  return {
    ADVISOR: { caller: w.users.advisorA, counterpart: w.users.advisorB },
    MARKET_CONTACT: { caller: w.users.marketA, counterpart: w.users.marketB },
    TEACHER: { caller: w.users.teacherA, counterpart: w.teacherB },
    EMPLOYER: { caller: w.users.employer1, counterpart: w.users.employer2 },
    ADMIN: { caller: w.users.admin, counterpart: w.adminB },
  };
}
