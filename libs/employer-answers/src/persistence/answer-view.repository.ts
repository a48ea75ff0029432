import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Weekday } from '#lib/core';
import type { PlacementType } from '#lib/placements';
import type { ProposalStatus } from '#lib/proposals';

/** What the answer page says about the proposal, besides the candidate card. */
export interface ProposalContext {
  readonly proposalId: string;
  readonly participantId: string;
  readonly status: ProposalStatus;
  /** The contact's language: the page speaks it. */
  readonly language: 'nb' | 'en';
  readonly contactName: string;
  readonly employerName: string;
  readonly placement: {
    readonly title: string;
    readonly type: PlacementType;
    readonly startDate: string;
    readonly endDate: string | null;
    readonly weekdays: readonly Weekday[];
    readonly hoursPerWeek: number;
    readonly siteName: string;
    readonly siteAddress: string | null;
  };
}

/** Read model for the answer page: one query, only the fields the employer may see. */
@Injectable()
export class AnswerViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  async contextOf(proposalId: string, contactId: string, participantId: string): Promise<Omit<ProposalContext, 'status'> | null> {
    const [row] = (await this.dataSource.query(
      `SELECT pl.title, pl.type, to_char(pl.start_date, 'YYYY-MM-DD') AS start_date, to_char(pl.end_date, 'YYYY-MM-DD') AS end_date,
              pl.weekdays, pl.hours_per_week::float8 AS hours_per_week, s.name AS site_name, s.address AS site_address,
              e.name AS employer_name, c.name AS contact_name, c.language AS contact_language
         FROM proposals pr
         JOIN placements pl ON pl.id = pr.placement_id
         JOIN employer_sites s ON s.id = pl.site_id
         JOIN employers e ON e.id = pr.employer_id
         JOIN employer_contacts c ON c.id = $2 AND c.employer_id = pr.employer_id
        WHERE pr.id = $1`,
      [proposalId, contactId],
    )) as Array<Record<string, any>>;
    if (!row) return null;
    return {
      proposalId,
      participantId,
      language: row.contact_language === 'en' ? 'en' : 'nb',
      contactName: row.contact_name,
      employerName: row.employer_name,
      placement: {
        title: row.title,
        type: row.type,
        startDate: row.start_date,
        endDate: row.end_date,
        weekdays: row.weekdays ?? [],
        hoursPerWeek: Number(row.hours_per_week),
        siteName: row.site_name,
        siteAddress: row.site_address,
      },
    };
  }
}
