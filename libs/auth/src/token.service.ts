import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { UnauthenticatedError } from '#lib/core';
import { signHs256Token } from './jwt.js';

/**
 * Bearer JWTs: HS256 with a shared secret for local use, RS256 against a JWKS URL in production.
 * The token names the user; role and organisation are always read fresh from the database.
 */
@Injectable()
export class TokenService {
  private readonly secret?: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.jwt.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwt.jwksUrl));
    else this.secret = new TextEncoder().encode(config.jwt.secret);
  }

  /** Local tokens only (demo users, tests); production tokens come from the identity provider. */
  async issue(userId: string, ttlSeconds = this.config.jwt.ttlSeconds): Promise<string> {
    if (!this.secret) throw new Error('Issuing tokens needs JWT_SECRET (HS256); with JWKS the identity provider issues them');
    return signHs256Token(this.config.jwt.secret!, userId, ttlSeconds, this.config.jwt);
  }

  async verify(token: string): Promise<string> {
    let payload: JWTPayload;
    try {
      const options = { issuer: this.config.jwt.issuer, audience: this.config.jwt.audience };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256'] })).payload
        : (await jwtVerify(token, this.secret!, { ...options, algorithms: ['HS256'] })).payload;
    } catch {
      throw new UnauthenticatedError('The bearer token is invalid or expired');
    }
    if (!payload.sub) throw new UnauthenticatedError('The bearer token has no subject');
    return payload.sub;
  }
}
