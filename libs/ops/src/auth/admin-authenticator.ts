import { Inject, Injectable, Logger } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { type Actor, Role } from '#lib/access';
import { ActorLoader, TokenService } from '#lib/auth';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { DomainError, ErrorCode } from '#lib/core';
import { secretsEqual } from './credentials.js';

export type AdminCheck =
  | { readonly ok: true; readonly actor: Actor | null; readonly via: 'admin-token' | 'scrape-token' }
  | { readonly ok: false; readonly status: 401 | 403 | 503; readonly code: ErrorCode; readonly message: string };

const unauthenticated = (message: string): AdminCheck => ({ ok: false, status: 401, code: ErrorCode.UNAUTHENTICATED, message });

/**
 * The operations endpoints' gate: the same token verification and actor loading as the api's auth hook, then ADMIN only.
 * /metrics additionally accepts the static scrape token (METRICS_TOKEN), compared in constant time.
 */
@Injectable()
export class AdminAuthenticator {
  private readonly log = new Logger(AdminAuthenticator.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An admin's bearer JWT (header or session cookie). Deactivated users and changed roles take effect at once. */
  async admin(token: string | null): Promise<AdminCheck> {
    if (!token) return unauthenticated('An administrator token is required');
    try {
      const actor = await this.actors.load(await this.tokens.verify(token));
      if (actor.role !== Role.ADMIN) return { ok: false, status: 403, code: ErrorCode.FORBIDDEN, message: 'Administrators only' };
      return { ok: true, actor, via: 'admin-token' };
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.UNAUTHENTICATED) return unauthenticated(err.message);
      this.log.warn(`admin authentication failed on an internal error: ${(err as Error).message}`);
      return { ok: false, status: 503, code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The service is temporarily unavailable' };
    }
  }

  /** /metrics: the scrape token, or an admin's token. */
  async scraper(token: string | null): Promise<AdminCheck> {
    if (token && secretsEqual(token, this.config.ops.metricsToken)) return { ok: true, actor: null, via: 'scrape-token' };
    return this.admin(token);
  }

  /** Seconds until a (verified) token expires, capped: how long an admin session cookie may live. */
  secondsLeft(token: string, cap = 8 * 3600): number {
    try {
      const { exp } = decodeJwt(token);
      return exp ? Math.max(0, Math.min(cap, exp - Math.floor(Date.now() / 1000))) : cap;
    } catch {
      return 0;
    }
  }
}
