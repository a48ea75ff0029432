import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EmailDispatcher } from '../application/email-dispatcher.js';
import { NotificationRetention } from '../application/notification-retention.js';
import { SmsDispatcher } from '../application/sms-dispatcher.js';
import { EMAIL_SENDER, type EmailSender } from '../domain/ports.js';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RETENTION_EVERY_MS = 3_600_000;
const FIRST_RETENTION_AFTER_MS = 60_000;

/**
 * Drives outbound work from PostgreSQL with in-process loops, each independent of the others:
 *  - compose: bundles due email deliveries into messages and hands SMS deliveries to their port, every tick;
 *  - send lanes (a few in parallel): each sends the next due message, so one slow SMTP conversation holds up one
 *    lane, never composing or the other lanes;
 *  - retention: hourly, deletes old settled emails.
 * None of them needs Redis, so mail keeps flowing while Redis is down (jobs Redis lost are re-added by the worker's
 * outbox sweeper).
 * Row locks and an advisory lock make any number of worker replicas safe.
 */
@Injectable()
export class NotificationDispatchLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(NotificationDispatchLoop.name);
  private stopped = false;
  private loops: Array<Promise<void>> = [];
  private retentionTimer?: NodeJS.Timeout;

  constructor(
    private readonly email: EmailDispatcher,
    private readonly sms: SmsDispatcher,
    private readonly retention: NotificationRetention,
    @Inject(EMAIL_SENDER) private readonly sender: EmailSender,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {}

  onApplicationBootstrap() {
    this.loops = [
      this.forever('compose', async () => {
        const composed = await this.email.compose();
        const texts = await this.sms.sendDue();
        return composed + texts > 0;
      }),
      ...Array.from({ length: this.options.sendConcurrency }, (_, i) => this.forever(`send lane ${i + 1}`, async () => (await this.email.sendOne()) !== 'none')),
    ];
    this.scheduleRetention(FIRST_RETENTION_AFTER_MS);
  }

  /** Runs `step` until shutdown: again at once while it finds work, after a tick when idle or failing. */
  private async forever(name: string, step: () => Promise<boolean>): Promise<void> {
    while (!this.stopped) {
      let busy = false;
      try {
        busy = await step();
      } catch (err) {
        // PostgreSQL away: nothing was marked, so the next round picks the same work up.
        this.log.warn(`notification ${name} failed, retrying: ${(err as Error).message}`);
      }
      if (!busy) await sleep(this.options.dispatchTickMs);
    }
  }

  private scheduleRetention(delay: number) {
    if (this.stopped) return;
    this.retentionTimer = setTimeout(() => {
      void this.retention
        .prune()
        .catch((err: Error) => this.log.warn(`email retention failed, retrying: ${err.message}`))
        .finally(() => this.scheduleRetention(RETENTION_EVERY_MS));
    }, delay);
  }

  async onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.retentionTimer);
    await Promise.all(this.loops);
    await this.sender.close();
  }
}
