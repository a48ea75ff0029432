import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { acrossOrganisations } from '#lib/database';
import { type Actor, Role } from '#lib/access';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { ForbiddenError, NotFoundError } from '#lib/core';

export interface EmployerLedger {
  readonly employerId: string;
  /** Proposals waiting for the employer's answer. */
  readonly openProposals: number;
  readonly proposalsThisMonth: number;
  readonly monthlyCap: number;
  /** Median hours from proposal to answer over the last 12 months, null without answers. */
  readonly medianAnswerHours: number | null;
  readonly recentDeclines: ReadonlyArray<{ reason: string; answeredAt: Date }>;
  /** Participants accepted, agreed or in praksis there now. */
  readonly currentParticipants: number;
  /** Set while new proposals are paused after repeated declines. */
  readonly coolingDownUntil: Date | null;
}

/**
 * Employers are a shared, finite resource: one view, for every office, of how much they are asked
 * and how they answer, so several offices do not flood the same employer unaware of each other.
 */
@Injectable()
export class EmployerLedgerService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forEmployer(actor: Actor, employerId: string): Promise<EmployerLedger> {
    if (actor.role !== Role.ADVISOR && actor.role !== Role.MARKET_CONTACT && actor.role !== Role.ADMIN) {
      throw new ForbiddenError('The employer ledger is for advisors and market contacts');
    }
    // Counts and reasons about one employer, from every office: the point of the ledger (row-level security would
    // show each office only its own share). No participant is named.
    const { row, declines } = await acrossOrganisations(this.dataSource.manager, async () => {
      const [row] = (await this.dataSource.query(
        `SELECT e.id, e.monthly_proposal_cap,
                (SELECT count(*)::int FROM proposals p WHERE p.employer_id = e.id AND p.status = 'PROPOSED') AS open_proposals,
                (SELECT count(*)::int FROM proposals p WHERE p.employer_id = e.id AND p.proposed_at >= date_trunc('month', now())) AS this_month,
                (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.answered_at - p.proposed_at) / 3600)
                   FROM proposals p WHERE p.employer_id = e.id AND p.answered_at IS NOT NULL AND p.proposed_at > now() - interval '12 months') AS median_hours,
                (SELECT count(*)::int FROM proposals p WHERE p.employer_id = e.id AND p.status IN ('ACCEPTED', 'AGREED', 'STARTED')) AS current
           FROM employers e WHERE e.id = $1`,
        [employerId],
      )) as Array<{ id: string; monthly_proposal_cap: number | null; open_proposals: number; this_month: number; median_hours: number | null; current: number }>;
      if (!row) throw new NotFoundError('Employer', employerId);
      const declines = (await this.dataSource.query(
        `SELECT reason, answered_at FROM proposals WHERE employer_id = $1 AND status = 'DECLINED' AND answered_at > now() - interval '90 days' ORDER BY answered_at DESC LIMIT 20`,
        [employerId],
      )) as Array<{ reason: string; answered_at: Date }>;
      return { row, declines };
    });
    const { cooldownDeclines, cooldownDays, monthlyProposalCap } = this.config.employerLimits;
    const inWindow = declines.filter((d) => d.answered_at.getTime() > Date.now() - cooldownDays * 86_400_000);
    const until = inWindow.length >= cooldownDeclines ? new Date(inWindow[0]!.answered_at.getTime() + cooldownDays * 86_400_000) : null;
    return {
      employerId,
      openProposals: row.open_proposals,
      proposalsThisMonth: row.this_month,
      monthlyCap: row.monthly_proposal_cap ?? monthlyProposalCap,
      medianAnswerHours: row.median_hours === null ? null : Math.round(Number(row.median_hours) * 10) / 10,
      recentDeclines: declines.map((d) => ({ reason: d.reason, answeredAt: d.answered_at })),
      currentParticipants: row.current,
      coolingDownUntil: until,
    };
  }
}
