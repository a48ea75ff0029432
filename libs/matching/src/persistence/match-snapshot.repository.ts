import type { DataSource } from 'typeorm';
import { type CefrLevel, type EvidenceSource, groupedByIds, type LanguageSkill, type Weekday } from '#lib/core';
import { OCCUPYING_STATUSES, PENDING_STATUSES } from '#lib/proposals';
import type { Commitment, MatchParticipant, MatchPlacement } from '../domain/match-model.js';
import type { MatchSnapshot } from '../engine/match-engine.js';

/** Dates as text: ISO strings compare correctly and never shift with the process time zone. */
const PARTICIPANT_SQL = `
  SELECT p.id, p.organisation_id, p.status,
         p.oral_level, p.oral_source, p.listening_level, p.listening_source,
         p.reading_level, p.reading_source, p.writing_level, p.writing_source,
         p.wanted_occupations, p.long_term_occupations,
         ARRAY(SELECT e->>'occupationCode' FROM jsonb_array_elements(p.experience) e) AS experience_occupations,
         p.certificates, p.has_driving_licence, p.has_car, p.sectors_of_interest, p.sectors_refused,
         p.available_from::text AS available_from, p.available_weekdays, p.hours_per_week, p.reachable_areas,
         p.max_travel_minutes, p.final_goal, p.programme_start::text AS programme_start, p.programme_end::text AS programme_end,
         p.protection_basis, p.part_time, p.constraints,
         EXISTS (SELECT 1 FROM consents c WHERE c.participant_id = p.id AND c.scope = 'PROPOSE_TO_EMPLOYERS' AND c.withdrawn_at IS NULL) AS consent,
         ARRAY(SELECT DISTINCT d.employer_id FROM proposals d WHERE d.participant_id = p.id AND d.status = 'DECLINED' AND d.answered_at > now() - interval '180 days') AS declined_by
    FROM participants p`;

const PLACEMENT_SQL = `
  SELECT pl.id, pl.type, pl.status, pl.employer_id, pl.owner_organisation_id, pl.area_code, pl.sector, pl.occupation_code,
         pl.required_oral, pl.required_listening, pl.required_reading, pl.required_writing, pl.open_to_low_norwegian,
         pl.certificates_required, pl.start_date::text AS start_date, pl.end_date::text AS end_date, pl.weekdays,
         pl.hours_per_week::float8 AS hours_per_week, pl.shift_work, pl.capacity, pl.language_environment, pl.can_lead_to_job,
         (SELECT count(*)::int FROM proposals pr WHERE pr.placement_id = pl.id AND pr.status = ANY($1::proposal_status[])) AS occupied,
         -- Quality history: the employer's evaluations, each in [0, 1] (language exposure, tasks, would host again).
         (SELECT avg(((e.language_exposure - 1) / 4.0 + (e.tasks_fit - 1) / 4.0 + e.would_host_again::int) / 3)::float8
            FROM evaluations e WHERE e.employer_id = pl.employer_id) AS evaluation_score,
         (SELECT max(dp.oral_level)::text FROM proposals d JOIN participants dp ON dp.id = d.participant_id
           WHERE d.employer_id = pl.employer_id AND d.status = 'DECLINED' AND d.reason = 'ORAL_NORWEGIAN_TOO_WEAK' AND d.answered_at > now() - interval '365 days') AS declined_oral_level
    FROM placements pl`;

const PROPOSAL_SQL = `
  SELECT pr.participant_id, pr.placement_id, pr.status::text AS status,
         pl.start_date::text AS start_date, pl.end_date::text AS end_date, pl.weekdays, pl.hours_per_week::float8 AS hours_per_week
    FROM proposals pr JOIN placements pl ON pl.id = pr.placement_id
   WHERE pr.status = ANY($1::proposal_status[])`;

type Row = Record<string, any>;
const ACTIVE_PROPOSALS = [...OCCUPYING_STATUSES, ...PENDING_STATUSES];

/** Reads what matching needs straight from the source tables, in bulk (start-up) or by id (fresh events). */
export class MatchSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadAll(): Promise<MatchSnapshot> {
    const [participants, placements] = await Promise.all([this.participants(null), this.placements(null)]);
    return { participants, placements };
  }

  /** Archived participants are left out; a participant archived later is removed by its event. */
  async participants(ids: readonly string[] | null): Promise<MatchParticipant[]> {
    const rows = (await (ids
      ? this.dataSource.query(`${PARTICIPANT_SQL} WHERE p.id = ANY($1::uuid[]) AND p.status <> 'ARCHIVED'`, [ids])
      : this.dataSource.query(`${PARTICIPANT_SQL} WHERE p.status <> 'ARCHIVED'`))) as Row[];
    const proposals = (await (ids
      ? this.dataSource.query(`${PROPOSAL_SQL} AND pr.participant_id = ANY($2::uuid[])`, [ACTIVE_PROPOSALS, ids])
      : this.dataSource.query(PROPOSAL_SQL, [ACTIVE_PROPOSALS]))) as Row[];
    const proposalsOf = groupedByIds(rows.map((r) => r.id), proposals, (p) => p.participant_id);
    return rows.map((r, i) => toParticipant(r, proposalsOf[i]!));
  }

  /** Every placement of some employers: their decline and evaluation history changes all of them. */
  async placementsOfEmployers(employerIds: readonly string[]): Promise<MatchPlacement[]> {
    const rows = (await this.dataSource.query(`${PLACEMENT_SQL} WHERE pl.employer_id = ANY($2::uuid[])`, [OCCUPYING_STATUSES, employerIds])) as Row[];
    return rows.map(toPlacement);
  }

  async placements(ids: readonly string[] | null): Promise<MatchPlacement[]> {
    const rows = (await (ids
      ? this.dataSource.query(`${PLACEMENT_SQL} WHERE pl.id = ANY($2::uuid[])`, [OCCUPYING_STATUSES, ids])
      : this.dataSource.query(PLACEMENT_SQL, [OCCUPYING_STATUSES]))) as Row[];
    return rows.map(toPlacement);
  }
}

function level(r: Row, skill: string): { level: CefrLevel; source: EvidenceSource } | undefined {
  const l = r[`${skill}_level`];
  const s = r[`${skill}_source`];
  return l && s ? { level: l, source: s } : undefined;
}

function toParticipant(r: Row, proposals: Row[]): MatchParticipant {
  const levels: Partial<Record<LanguageSkill, { level: CefrLevel; source: EvidenceSource }>> = {};
  for (const [skill, column] of [['ORAL', 'oral'], ['LISTENING', 'listening'], ['READING', 'reading'], ['WRITING', 'writing']] as const) {
    const e = level(r, column);
    if (e) levels[skill] = e;
  }
  const c = (r.constraints ?? {}) as Record<string, unknown>;
  const commitments: Commitment[] = proposals
    .filter((pr) => (OCCUPYING_STATUSES as readonly string[]).includes(pr.status))
    .map((pr) => ({ placementId: pr.placement_id, startDate: pr.start_date, endDate: pr.end_date, weekdays: pr.weekdays as Weekday[], hoursPerWeek: Number(pr.hours_per_week), started: pr.status === 'STARTED' }));
  return {
    id: r.id,
    organisationId: r.organisation_id,
    status: r.status,
    levels,
    wantedOccupations: r.wanted_occupations,
    longTermOccupations: r.long_term_occupations,
    experienceOccupations: (r.experience_occupations as Array<string | null>).filter((x): x is string => !!x),
    certificates: r.certificates,
    hasDrivingLicence: r.has_driving_licence,
    hasCar: r.has_car,
    sectorsOfInterest: r.sectors_of_interest,
    sectorsRefused: r.sectors_refused,
    availableFrom: r.available_from,
    availableWeekdays: r.available_weekdays,
    hoursPerWeek: r.hours_per_week,
    reachableAreas: r.reachable_areas,
    maxTravelMinutes: r.max_travel_minutes,
    finalGoal: r.final_goal,
    programmeStart: r.programme_start,
    programmeEnd: r.programme_end,
    protectionBasis: r.protection_basis,
    partTime: r.part_time,
    constraints: {
      noShiftWork: c.noShiftWork === true,
      childcareDays: Array.isArray(c.childcareDays) ? (c.childcareDays as Weekday[]) : [],
      noCareForOppositeSex: c.noCareForOppositeSex === true,
      noPorkOrAlcohol: c.noPorkOrAlcohol === true,
      maxHoursPerWeek: typeof c.maxHoursPerWeek === 'number' ? c.maxHoursPerWeek : null,
    },
    consentToPropose: r.consent,
    commitments,
    pendingPlacementIds: proposals.filter((pr) => (PENDING_STATUSES as readonly string[]).includes(pr.status)).map((pr) => pr.placement_id),
    declinedByEmployers: r.declined_by,
  };
}

function toPlacement(r: Row): MatchPlacement {
  const required: Partial<Record<LanguageSkill, CefrLevel>> = {};
  if (r.required_oral) required.ORAL = r.required_oral;
  if (r.required_listening) required.LISTENING = r.required_listening;
  if (r.required_reading) required.READING = r.required_reading;
  if (r.required_writing) required.WRITING = r.required_writing;
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    employerId: r.employer_id,
    ownerOrganisationId: r.owner_organisation_id,
    areaCode: r.area_code,
    sector: r.sector,
    occupationCode: r.occupation_code,
    required,
    openToLowNorwegian: r.open_to_low_norwegian,
    certificatesRequired: r.certificates_required,
    startDate: r.start_date,
    endDate: r.end_date,
    weekdays: r.weekdays,
    hoursPerWeek: Number(r.hours_per_week),
    shiftWork: r.shift_work,
    capacity: r.capacity,
    occupied: r.occupied,
    languageEnvironment: r.language_environment,
    canLeadToJob: r.can_lead_to_job,
    evaluationScore: r.evaluation_score === null ? null : Number(r.evaluation_score),
    declinedOralLevel: r.declined_oral_level,
  };
}

export async function loadMatchSnapshot(dataSource: DataSource): Promise<MatchSnapshot> {
  return new MatchSnapshotRepository(dataSource).loadAll();
}
