import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { OutboxRelay } from '#lib/outbox';

/**
 * Polls the outbox and relays committed events onto BullMQ. It lives in the worker process, not in
 * Redis, so a Redis restart cannot lose it; PostgreSQL is the source of truth for what is pending.
 */
@Injectable()
export class OutboxRelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OutboxRelayLoop.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    this.schedule(0);
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = undefined));
    }, delay);
  }

  private async tick(): Promise<void> {
    let relayed = 0;
    try {
      relayed = await this.relay.relayPending();
      if (Date.now() - this.lastPrune > 3600_000) {
        this.lastPrune = Date.now();
        await this.relay.prune();
      }
    } catch (err) {
      // Redis or PostgreSQL away: nothing is marked relayed, so the next tick simply tries again.
      this.log.warn(`outbox relay failed, retrying: ${(err as Error).message}`);
    }
    // A full batch means more is waiting: go again at once.
    this.schedule(relayed >= 500 ? 0 : this.config.outboxRelayIntervalMs);
  }

  async onApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
