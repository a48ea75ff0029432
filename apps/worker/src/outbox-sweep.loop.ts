import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { OutboxSweeper } from '#lib/outbox';

/**
 * Every QUEUE_REPAIR_INTERVAL_MS, re-adds relayed events whose jobs Redis lost (see OutboxSweeper). Independent of
 * the relay loop: a sweep waiting for an unreachable Redis holds up nothing else.
 */
@Injectable()
export class OutboxSweepLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OutboxSweepLoop.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly sweeper: OutboxSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    this.schedule();
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sweeper
        .sweep()
        .catch((err: Error) => this.log.warn(`outbox sweep failed, retrying: ${err.message}`))
        .finally(() => this.schedule());
    }, this.config.queueRepairIntervalMs);
  }

  onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    // A sweep waiting for an unreachable Redis is not awaited: nothing it does needs finishing.
  }
}
