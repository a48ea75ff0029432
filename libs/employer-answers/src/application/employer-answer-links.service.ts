import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { NotFoundError } from '#lib/core';
import { AnswerLinkError, AnswerLinkProblem } from '../domain/answer-link.exception.js';
import { type AnswerLinkClaims, type AnswerTokenKey, signAnswerToken, verifyAnswerToken } from '../domain/answer-token.js';
import { EmployerAnswerLinkEntity } from '../persistence/employer-answer-link.entity.js';

/**
 * Injection token for other libs (the notifications helper emails the link): a plain string, so a module
 * can `@Inject('EMPLOYER_ANSWER_LINKS')` and rely only on {@link EmployerAnswerLinkIssuer}.
 */
export const EMPLOYER_ANSWER_LINKS = 'EMPLOYER_ANSWER_LINKS';
export const EMPLOYER_ANSWER_LINK_OPTIONS = 'EMPLOYER_ANSWER_LINK_OPTIONS';

/** What other libs may rely on. */
export interface EmployerAnswerLinkIssuer {
  /** `${PUBLIC_URL}/answer/<token>` for a proposal and a contact of its employer (NotFoundError otherwise); valid 14 days by default. */
  linkFor(proposalId: string, contactId: string): Promise<string>;
}

export interface EmployerAnswerLinkOptions {
  /** How long an emailed link stays valid. */
  readonly ttlSeconds: number;
}

export const DEFAULT_ANSWER_LINK_OPTIONS: EmployerAnswerLinkOptions = { ttlSeconds: 14 * 86_400 };

export interface IssuedAnswerLink {
  readonly url: string;
  readonly jti: string;
  readonly expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Signed (HS256, the api's secret, its own audience), expiring, single-use links that let an employer
 * contact answer a proposal without an account. The token carries only ids; the row decides whether it
 * is still good, so a link can be revoked or shortened in the database.
 */
@Injectable()
export class EmployerAnswerLinks implements EmployerAnswerLinkIssuer {
  private readonly options: EmployerAnswerLinkOptions;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(EMPLOYER_ANSWER_LINK_OPTIONS) options?: Partial<EmployerAnswerLinkOptions>,
  ) {
    this.options = { ...DEFAULT_ANSWER_LINK_OPTIONS, ...options };
  }

  async linkFor(proposalId: string, contactId: string): Promise<string> {
    return (await this.issue(proposalId, contactId)).url;
  }

  /**
   * Records a new link. NOT_FOUND for an unknown proposal or a contact of another employer. The status is not
   * checked here: an email queued before a withdrawal still gets a link, and the page then says it needs no answer.
   */
  async issue(proposalId: string, contactId: string, ttlSeconds = this.options.ttlSeconds): Promise<IssuedAnswerLink> {
    if (!UUID.test(proposalId)) throw new NotFoundError('Proposal', proposalId);
    if (!UUID.test(contactId)) throw new NotFoundError('EmployerContact', contactId);
    const key = this.key();
    const [row] = (await this.dataSource.query(
      `SELECT pr.employer_id, c.id AS contact_id
         FROM proposals pr LEFT JOIN employer_contacts c ON c.id = $2 AND c.employer_id = pr.employer_id
        WHERE pr.id = $1`,
      [proposalId, contactId],
    )) as Array<{ employer_id: string; contact_id: string | null }>;
    if (!row) throw new NotFoundError('Proposal', proposalId);
    if (!row.contact_id) throw new NotFoundError('EmployerContact', contactId);
    // Whole seconds: the token's exp and the row's expires_at are the same instant.
    const expiresAt = new Date(Math.floor(Date.now() / 1000 + ttlSeconds) * 1000);
    const claims: AnswerLinkClaims = { jti: randomUUID(), proposalId, contactId, employerId: row.employer_id, expiresAt };
    await this.dataSource.getRepository(EmployerAnswerLinkEntity).insert({ ...claims, usedAt: null });
    const token = await signAnswerToken(key, claims);
    return { url: `${this.config.publicUrl.replace(/\/+$/, '')}/answer/${token}`, jti: claims.jti, expiresAt };
  }

  /** Verifies the token and its row: throws {@link AnswerLinkError} for a tampered, unknown, expired or used link. */
  async inspect(token: string): Promise<AnswerLinkClaims> {
    const claims = await verifyAnswerToken(this.key(), token);
    const row = await this.dataSource.getRepository(EmployerAnswerLinkEntity).findOneBy({ jti: claims.jti });
    if (!row || row.proposalId !== claims.proposalId || row.contactId !== claims.contactId || row.employerId !== claims.employerId) throw new AnswerLinkError(AnswerLinkProblem.UNKNOWN);
    if (row.usedAt) throw new AnswerLinkError(AnswerLinkProblem.USED);
    if (row.expiresAt.getTime() <= Date.now()) throw new AnswerLinkError(AnswerLinkProblem.EXPIRED);
    return claims;
  }

  /**
   * Marks the link used inside the caller's transaction. False when it is no longer unused and unexpired
   * (another answer got there first): the caller must then roll back.
   */
  async consume(em: EntityManager, jti: string, proposalId: string): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(EmployerAnswerLinkEntity)
      .set({ usedAt: () => 'now()' })
      .where('jti = :jti AND proposal_id = :proposalId AND used_at IS NULL AND expires_at > now()', { jti, proposalId })
      .execute();
    return result.affected === 1;
  }

  private key(): AnswerTokenKey {
    // With JWKS (RS256 from an identity provider) there is no local secret to sign links with.
    if (!this.config.jwt.secret) throw new Error('Employer answer links are signed with JWT_SECRET, which is not set');
    return { secret: this.config.jwt.secret, issuer: this.config.jwt.issuer };
  }
}
