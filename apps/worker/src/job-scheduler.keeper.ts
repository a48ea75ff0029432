import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { JobSchedulers } from '#lib/queue';

/**
 * Job schedulers live in Redis. This applies the declared ones at start, and re-creates any that went missing
 * (Redis came back empty, someone removed one) as soon as a queue's connection is ready again after a reconnect,
 * and otherwise every QUEUE_REPAIR_INTERVAL_MS, so no worker restart is needed.
 */
@Injectable()
export class JobSchedulerKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(JobSchedulerKeeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly schedulers: JobSchedulers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedulers.applyAll();
    for (const queue of new Set(this.schedulers.declared().map((s) => s.queue))) {
      // 'ready' follows every (re)connect: the Redis on the other side may be a new, empty one.
      queue.getBackend().on('ready', () => this.restoreSoon());
    }
    this.schedule();
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.restoreSoon();
      this.schedule();
    }, this.config.queueRepairIntervalMs);
  }

  /** One check at a time; a trigger during a check runs one more after it. */
  private restoreSoon() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.schedulers
      .restoreMissing()
      .then(() => undefined)
      .catch((err: Error) => this.log.warn(`job scheduler check failed, retrying: ${err.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.restoreSoon();
        }
      });
  }

  async onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    // A check waiting for an unreachable Redis is not awaited: nothing it does needs finishing.
  }
}
