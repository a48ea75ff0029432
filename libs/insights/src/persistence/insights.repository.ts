import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RowScopes } from '#lib/database';
import { OCCUPYING_STATUSES } from '#lib/proposals';
import type { OutcomeCategory, OutcomeMeasure } from '../domain/outcome.js';
import type { Period } from '../domain/report-table.js';

/**
 * The history reports read, as of a cut-off: every query takes the period as $1 (`from`) and $2 (`to`)
 * and sees only what had happened before midnight after `to` (Europe/Oslo). Participants' and
 * placements' attributes come from their history tables (filled by triggers on every change), proposal
 * states from proposal_transitions.occurred_at, outcomes from their append-only rows. Dates leave the
 * database as ISO text. PostgreSQL must type every parameter, so point-in-time queries that need only
 * `to` still name `from` (`$1::date <= $2::date`).
 */
const CUTOFF = `(($2::date + 1)::timestamp AT TIME ZONE 'Europe/Oslo')`;
const osloDate = (ts: string) => `(${ts} AT TIME ZONE 'Europe/Oslo')::date`;

/** Participants as they were at the cut-off (their latest version before it), with the unit's NAV office. */
const PARTICIPANTS_AS_OF = `
  p AS (
    SELECT DISTINCT ON (h.participant_id) h.participant_id AS id, h.organisation_id, h.status, h.protection_basis, h.settlement_date,
           h.programme_start, h.programme_end, h.part_time, h.final_goal, h.sectors_of_interest, h.reachable_areas
    FROM participant_history h
    WHERE h.valid_from < ${CUTOFF}
    ORDER BY h.participant_id, h.valid_from DESC, h.id DESC
  ),
  pu AS (SELECT p.*, o.nav_office_id FROM p JOIN organisations o ON o.id = p.organisation_id)`;

/** Placements as they were at the cut-off. */
const PLACEMENTS_AS_OF = `
  pl AS (
    SELECT DISTINCT ON (h.placement_id) h.placement_id AS id, h.status, h.type, h.capacity, h.sector, h.area_code, h.employer_id
    FROM placement_history h
    WHERE h.valid_from < ${CUTOFF}
    ORDER BY h.placement_id, h.valid_from DESC, h.id DESC
  )`;

/** Each proposal's status at the cut-off: the last transition before it. */
const PROPOSAL_STATES = `
  st AS (
    SELECT DISTINCT ON (t.proposal_id) t.proposal_id, t.to_status AS status
    FROM proposal_transitions t
    WHERE t.occurred_at < ${CUTOFF}
    ORDER BY t.proposal_id, t.occurred_at DESC, t.id DESC
  )`;

const PRAKSIS_TYPES = `('LANGUAGE_PRACTICE', 'WORK_PRACTICE')`;
/** Proposals holding a slot, as the placement process defines them. */
const OCCUPYING = `(${OCCUPYING_STATUSES.map((s) => `'${s}'`).join(', ')})`;

interface Scoped {
  readonly unitId: string;
  readonly navOfficeId: string | null;
}

export interface OutcomeFactRow extends Scoped {
  readonly category: OutcomeCategory;
  readonly protectionBasis: string;
  readonly finalGoal: string;
  readonly exitDate: string;
}

export interface ProgrammeStartRow extends Scoped {
  readonly protectionBasis: string;
  readonly settlementDate: string;
  readonly programmeStart: string;
}

export interface FirstPraksisRow extends Scoped {
  readonly protectionBasis: string;
  readonly programmeStart: string;
  readonly firstPraksis: string;
}

export interface ParticipationRow extends Scoped {
  readonly protectionBasis: string;
  readonly finalGoal: string;
  readonly hadPraksis: boolean;
}

export interface HoursRuleRow extends Scoped {
  readonly participantId: string;
  readonly partTime: boolean;
  readonly programmeStart: string;
  readonly programmeEnd: string | null;
}

export interface StartedIntervalRow {
  readonly participantId: string;
  readonly hoursPerWeek: number;
  readonly startedOn: string;
  /** The date it left STARTED before the cut-off, or null. */
  readonly endedOn: string | null;
}

export interface WaitingRow extends Scoped {
  readonly sectors: string[];
  readonly areas: string[];
}

export interface OpenSlotRow {
  readonly sector: string;
  readonly district: string;
  readonly slots: number;
}

export interface ConversionRow extends Scoped {
  readonly employerId: string;
  readonly sector: string;
  readonly converted: boolean;
}

export interface AnswerRow extends Scoped {
  readonly employerId: string;
  readonly sector: string;
  readonly days: number;
}

export interface DeclineRow extends Scoped {
  readonly declinedBy: 'EMPLOYER' | 'PARTICIPANT';
  readonly reason: string;
  readonly sector: string;
}

export interface FollowUpRow extends Scoped {
  readonly dueOn: string;
  readonly heldOn: string | null;
  readonly doneByCutoff: boolean;
}

@Injectable()
export class InsightsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Facts for the reports come from every organisation: the service cuts them to the caller's scope and suppresses
   * small counts (libs/insights domain), and only aggregates leave it. So they are read with the system row scope.
   */
  private query<T>(sql: string, period: Period, ...params: unknown[]): Promise<T[]> {
    return RowScopes.system(() => this.dataSource.query(sql, [period.from, period.to, ...params]) as Promise<T[]>);
  }

  /** The cut-off instant, and whether it has passed. */
  async cutoff(period: Period): Promise<{ asOf: Date; final: boolean }> {
    const [row] = await this.query<{ as_of: Date; final: boolean }>(`SELECT ${CUTOFF} AS as_of, ${CUTOFF} <= now() AS final WHERE $1::date IS NOT NULL`, period);
    return { asOf: row!.as_of, final: row!.final };
  }

  /** The latest outcome row per participant for the measurement, recorded before the cut-off, whose measurement fell due in the period. */
  outcomes(period: Period, measuredAt: OutcomeMeasure): Promise<OutcomeFactRow[]> {
    return this.query(
      `WITH latest AS (
         SELECT DISTINCT ON (o.participant_id) o.participant_id, o.category, o.exit_date, o.organisation_id, o.protection_basis, o.final_goal
         FROM participant_outcomes o
         WHERE o.measured_at = $3::outcome_measure AND o.created_at < ${CUTOFF} AND o.recorded_on <= $2
         ORDER BY o.participant_id, o.created_at DESC, o.id DESC
       )
       SELECT l.category, l.exit_date::text AS "exitDate", l.organisation_id AS "unitId", org.nav_office_id AS "navOfficeId",
              l.protection_basis AS "protectionBasis", l.final_goal AS "finalGoal"
       FROM latest l JOIN organisations org ON org.id = l.organisation_id
       WHERE (CASE WHEN $3::text = 'EXIT' THEN l.exit_date ELSE (l.exit_date + interval '1 year')::date END) BETWEEN $1 AND $2`,
      period,
      measuredAt,
    );
  }

  programmeStarts(period: Period): Promise<ProgrammeStartRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}
       SELECT organisation_id AS "unitId", nav_office_id AS "navOfficeId", protection_basis AS "protectionBasis",
              settlement_date::text AS "settlementDate", programme_start::text AS "programmeStart"
       FROM pu WHERE programme_start BETWEEN $1 AND $2 AND status <> 'ARCHIVED'`,
      period,
    );
  }

  private readonly firstPraksisCte = `
    first_praksis AS (
      SELECT pr.participant_id, min(t.occurred_at) AS started_at
      FROM proposal_transitions t
      JOIN proposals pr ON pr.id = t.proposal_id
      JOIN pl ON pl.id = pr.placement_id
      WHERE t.to_status = 'STARTED' AND t.occurred_at < ${CUTOFF} AND pl.type IN ${PRAKSIS_TYPES}
      GROUP BY pr.participant_id
    )`;

  firstPraksis(period: Period): Promise<FirstPraksisRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}, ${PLACEMENTS_AS_OF}, ${this.firstPraksisCte}
       SELECT pu.organisation_id AS "unitId", pu.nav_office_id AS "navOfficeId", pu.protection_basis AS "protectionBasis",
              pu.programme_start::text AS "programmeStart", ${osloDate('f.started_at')}::text AS "firstPraksis"
       FROM first_praksis f JOIN pu ON pu.id = f.participant_id
       WHERE ${osloDate('f.started_at')} BETWEEN $1 AND $2 AND pu.programme_start IS NOT NULL AND pu.status <> 'ARCHIVED'`,
      period,
    );
  }

  praksisParticipation(period: Period): Promise<ParticipationRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}, ${PLACEMENTS_AS_OF}, ${this.firstPraksisCte}
       SELECT pu.organisation_id AS "unitId", pu.nav_office_id AS "navOfficeId", pu.protection_basis AS "protectionBasis",
              pu.final_goal AS "finalGoal", (f.participant_id IS NOT NULL) AS "hadPraksis"
       FROM pu LEFT JOIN first_praksis f ON f.participant_id = pu.id
       WHERE pu.programme_start <= $2 AND (pu.programme_end IS NULL OR pu.programme_end >= $1) AND pu.status <> 'ARCHIVED'`,
      period,
    );
  }

  /** Participants the 15/10-hour rule applied to during some part of the period. */
  hoursRuleParticipants(period: Period, afterMonths: number): Promise<HoursRuleRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}
       SELECT id AS "participantId", organisation_id AS "unitId", nav_office_id AS "navOfficeId", part_time AS "partTime",
              programme_start::text AS "programmeStart", programme_end::text AS "programmeEnd"
       FROM pu
       WHERE protection_basis = 'COLLECTIVE_PROTECTION' AND final_goal = 'WORK' AND status <> 'ARCHIVED' AND programme_start IS NOT NULL
         AND (programme_start + make_interval(months => $3::int))::date <= $2
         AND (programme_end IS NULL OR programme_end >= GREATEST($1::date, (programme_start + make_interval(months => $3::int))::date))`,
      period,
      afterMonths,
    );
  }

  /** Every stretch a proposal of these participants spent in STARTED before the cut-off, with its agreed hours. */
  startedIntervals(period: Period, participantIds: readonly string[]): Promise<StartedIntervalRow[]> {
    if (participantIds.length === 0) return Promise.resolve([]);
    return this.query(
      `SELECT pr.participant_id AS "participantId", COALESCE((pr.agreement->>'hoursPerWeek')::float8, 0) AS "hoursPerWeek",
              ${osloDate('s.occurred_at')}::text AS "startedOn",
              (SELECT ${osloDate('min(e.occurred_at)')}::text FROM proposal_transitions e
                WHERE e.proposal_id = s.proposal_id AND e.from_status = 'STARTED' AND e.id <> s.id AND e.occurred_at >= s.occurred_at AND e.occurred_at < ${CUTOFF}) AS "endedOn"
       FROM proposal_transitions s JOIN proposals pr ON pr.id = s.proposal_id
       WHERE $1::date <= $2::date AND s.to_status = 'STARTED' AND s.occurred_at < ${CUTOFF} AND pr.participant_id = ANY($3::uuid[])`,
      period,
      participantIds,
    );
  }

  /** Active participants in the programme at the cut-off with no slot taken. */
  waitingParticipants(period: Period): Promise<WaitingRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}, ${PROPOSAL_STATES}
       SELECT pu.organisation_id AS "unitId", pu.nav_office_id AS "navOfficeId", pu.sectors_of_interest AS sectors, pu.reachable_areas AS areas
       FROM pu
       WHERE $1::date <= $2::date AND pu.status = 'ACTIVE' AND pu.programme_start <= $2 AND (pu.programme_end IS NULL OR pu.programme_end >= $2)
         AND NOT EXISTS (SELECT 1 FROM proposals pr JOIN st ON st.proposal_id = pr.id WHERE pr.participant_id = pu.id AND st.status IN ${OCCUPYING})`,
      period,
    );
  }

  /** Placements open at the cut-off with their free slots. */
  openSlots(period: Period): Promise<OpenSlotRow[]> {
    return this.query(
      `WITH ${PLACEMENTS_AS_OF}, ${PROPOSAL_STATES},
       taken AS (SELECT pr.placement_id, count(*)::int AS n FROM proposals pr JOIN st ON st.proposal_id = pr.id WHERE st.status IN ${OCCUPYING} GROUP BY pr.placement_id)
       SELECT pl.sector, pl.area_code AS district, GREATEST(pl.capacity - COALESCE(taken.n, 0), 0)::int AS slots
       FROM pl LEFT JOIN taken ON taken.placement_id = pl.id
       WHERE $1::date <= $2::date AND pl.status = 'OPEN'`,
      period,
    );
  }

  /** Praksis proposals whose praksis ended in the period, and whether they became a job by the cut-off. */
  praksisConversions(period: Period): Promise<ConversionRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}, ${PLACEMENTS_AS_OF}, ${PROPOSAL_STATES},
       ended AS (
         SELECT t.proposal_id, min(t.occurred_at) AS ended_at FROM proposal_transitions t
         WHERE t.from_status = 'STARTED' AND t.occurred_at < ${CUTOFF} GROUP BY t.proposal_id
       )
       SELECT pu.organisation_id AS "unitId", pu.nav_office_id AS "navOfficeId", pr.employer_id AS "employerId", pl.sector,
              (st.status IN ('CONVERTED', 'HIRED')) AS converted
       FROM ended
       JOIN proposals pr ON pr.id = ended.proposal_id
       JOIN pl ON pl.id = pr.placement_id
       JOIN st ON st.proposal_id = pr.id
       JOIN pu ON pu.id = pr.participant_id
       WHERE ${osloDate('ended.ended_at')} BETWEEN $1 AND $2 AND pl.type IN ${PRAKSIS_TYPES}`,
      period,
    );
  }

  employerAnswers(period: Period): Promise<AnswerRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}, ${PLACEMENTS_AS_OF}
       SELECT pu.organisation_id AS "unitId", pu.nav_office_id AS "navOfficeId", pr.employer_id AS "employerId", pl.sector,
              extract(epoch FROM (a.occurred_at - proposed.occurred_at))::float8 / 86400 AS days
       FROM proposal_transitions a
       JOIN proposal_transitions proposed ON proposed.proposal_id = a.proposal_id AND proposed.to_status = 'PROPOSED'
       JOIN proposals pr ON pr.id = a.proposal_id
       JOIN pl ON pl.id = pr.placement_id
       JOIN pu ON pu.id = pr.participant_id
       WHERE a.from_status = 'PROPOSED' AND a.to_status IN ('ACCEPTED', 'DECLINED')
         AND a.occurred_at < ${CUTOFF} AND ${osloDate('a.occurred_at')} BETWEEN $1 AND $2`,
      period,
    );
  }

  declines(period: Period): Promise<DeclineRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}, ${PLACEMENTS_AS_OF}
       SELECT pu.organisation_id AS "unitId", pu.nav_office_id AS "navOfficeId", pl.sector,
              CASE WHEN t.to_status = 'DECLINED' THEN 'EMPLOYER' ELSE 'PARTICIPANT' END AS "declinedBy", COALESCE(t.reason, 'NOT_GIVEN') AS reason
       FROM proposal_transitions t
       JOIN proposals pr ON pr.id = t.proposal_id
       JOIN pl ON pl.id = pr.placement_id
       JOIN pu ON pu.id = pr.participant_id
       WHERE t.to_status IN ('DECLINED', 'DECLINED_BY_PARTICIPANT') AND t.occurred_at < ${CUTOFF} AND ${osloDate('t.occurred_at')} BETWEEN $1 AND $2`,
      period,
    );
  }

  /** Follow-ups whose deadline (due date + grace) fell in the period and that were not cancelled by the cut-off. */
  followUps(period: Period, graceDays: number): Promise<FollowUpRow[]> {
    return this.query(
      `WITH ${PARTICIPANTS_AS_OF}
       SELECT pu.organisation_id AS "unitId", pu.nav_office_id AS "navOfficeId", f.due_on::text AS "dueOn", f.held_on::text AS "heldOn",
              (f.status = 'DONE' AND f.updated_at < ${CUTOFF}) AS "doneByCutoff"
       FROM follow_ups f
       JOIN proposals pr ON pr.id = f.proposal_id
       JOIN pu ON pu.id = pr.participant_id
       WHERE f.created_at < ${CUTOFF} AND (f.due_on + $3::int) BETWEEN $1 AND $2
         AND NOT (f.status = 'CANCELLED' AND f.updated_at < ${CUTOFF})`,
      period,
      graceDays,
    );
  }

  async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [ids])) as Array<{ id: string; name: string }>;
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async employerNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, name FROM employers WHERE id = ANY($1::uuid[])`, [ids])) as Array<{ id: string; name: string }>;
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
