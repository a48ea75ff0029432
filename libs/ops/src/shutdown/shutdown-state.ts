import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#lib/config';

/**
 * The api's shutdown: on SIGTERM (Nest's shutdown hooks) readiness turns 503 at once, the api keeps serving for
 * SHUTDOWN_DRAIN_MS so the load balancer stops sending new requests, and only then Nest closes the HTTP server, which
 * stops accepting connections and waits for in-flight requests before the database pool and queues are closed.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private readonly log = new Logger(ShutdownState.name);
  private drainingSince: number | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.drainingSince = Date.now();
    const ms = this.config.ops.shutdownDrainMs;
    this.log.log(`shutting down${signal ? ` on ${signal}` : ''}: not ready; ${ms > 0 ? `draining ${ms} ms before closing the server` : 'closing the server'}`);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }
}
