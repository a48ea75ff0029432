import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { type RelayedEvent } from '#lib/outbox';
import { JobSchedulers, QueueName } from '#lib/queue';
import { DailyDigest } from '../application/daily-digest.js';
import { osloToday, ReminderScanner } from '../application/reminder-scanner.js';
import { addDays } from '../domain/due.js';
import { ruleInForce, RuleCode } from '../domain/rules.js';

export const SCAN_JOB = 'scan';
export const DIGEST_JOB = 'daily-digest';
export const ANSWER_DUE_JOB = 'answer-due';

const answerJobIds = (proposalId: string) => [`answer-due-${proposalId}-0`, `answer-due-${proposalId}-1`];

/**
 * Reminders run on BullMQ: job schedulers for the periodic scan and the morning digest (declared here, applied
 * and kept by the worker, so any number of workers share one schedule), and delayed jobs for an employer's answer
 * deadline, added when a proposal is sent and removed the moment it is answered or withdrawn.
 */
@Processor(QueueName.REMINDERS, { concurrency: 1 })
export class RemindersProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger(RemindersProcessor.name);

  constructor(
    private readonly scanner: ReminderScanner,
    private readonly digest: DailyDigest,
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.REMINDERS) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedulers: JobSchedulers,
  ) {
    super();
  }

  onModuleInit(): void {
    this.schedulers.declare({ queue: this.queue, id: 'reminder-scan', repeat: { every: this.config.reminders.scanIntervalMs }, template: { name: SCAN_JOB } });
    this.schedulers.declare({ queue: this.queue, id: 'daily-digest', repeat: { pattern: this.config.reminders.digestCron, tz: 'Europe/Oslo' }, template: { name: DIGEST_JOB } });
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SCAN_JOB:
        return this.scanner.scan();
      case DIGEST_JOB:
        return this.digest.run();
      case ANSWER_DUE_JOB:
        // The reason may have gone away since the job was planned: the scan re-reads the proposal.
        return this.scanner.scan(osloToday(), { proposalId: (job.data as { proposalId: string }).proposalId });
      case 'ProposalStatusChanged':
        return this.onProposalChanged(job.data as RelayedEvent);
      default:
        throw new Error(`No handler for reminders job ${job.name}`);
    }
  }

  /** Plans the answer deadline (and its escalation) when a proposal is sent; cancels both once it leaves PROPOSED. */
  private async onProposalChanged(event: RelayedEvent): Promise<{ planned: number; cancelled: number }> {
    const proposalId = event.aggregateId;
    if (event.payload?.from === 'PROPOSED') {
      let cancelled = 0;
      for (const id of answerJobIds(proposalId)) cancelled += (await this.queue.remove(id)) ? 1 : 0;
      return { planned: 0, cancelled };
    }
    if (event.payload?.to !== 'PROPOSED') return { planned: 0, cancelled: 0 };
    const [row] = (await this.dataSource.query(
      `SELECT par.organisation_id, (pr.proposed_at AT TIME ZONE 'Europe/Oslo')::date::text AS proposed_on FROM proposals pr JOIN participants par ON par.id = pr.participant_id WHERE pr.id = $1 AND pr.status = 'PROPOSED'`,
      [proposalId],
    )) as Array<{ organisation_id: string; proposed_on: string }>;
    if (!row) return { planned: 0, cancelled: 0 };
    const rule = ruleInForce(await this.scanner.rules(), RuleCode.EMPLOYER_ANSWER_OVERDUE, row.organisation_id, row.proposed_on);
    if (!rule) return { planned: 0, cancelled: 0 };
    const due = addDays(row.proposed_on, rule.params.days ?? 5);
    const escalation = addDays(due, rule.params.escalateAfterDays ?? 5);
    const [first, second] = answerJobIds(proposalId);
    // Fire at 08:00 Oslo time on the day (approximated as 07:00 UTC); the scan is the safety net.
    const at = (day: string) => Math.max(0, Date.parse(`${day}T07:00:00Z`) - Date.now());
    await this.queue.add(ANSWER_DUE_JOB, { proposalId }, { jobId: first, delay: at(due) });
    await this.queue.add(ANSWER_DUE_JOB, { proposalId }, { jobId: second, delay: at(escalation) });
    this.log.debug(`answer deadline for ${proposalId} planned for ${due}, escalation ${escalation}`);
    return { planned: 2, cancelled: 0 };
  }
}
