import { errors, jwtVerify, SignJWT } from 'jose';
import { AnswerLinkError, AnswerLinkProblem } from './answer-link.exception.js';

/** Its own audience and type: an answer link is never a bearer token for the api, nor the other way round. */
export const ANSWER_LINK_AUDIENCE = 'praksisbro-employer-answer';
export const ANSWER_LINK_TYPE = 'praksisbro-answer+jwt';

export interface AnswerTokenKey {
  /** The api's HS256 secret (JWT_SECRET). */
  readonly secret: string;
  readonly issuer: string;
}

/** Only ids travel in the link; everything shown is read fresh from the database. */
export interface AnswerLinkClaims {
  readonly jti: string;
  readonly proposalId: string;
  readonly contactId: string;
  readonly employerId: string;
  readonly expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const encode = (secret: string) => new TextEncoder().encode(secret);

export function signAnswerToken(key: AnswerTokenKey, claims: AnswerLinkClaims): Promise<string> {
  // Short claim names keep the emailed URL short.
  return new SignJWT({ pid: claims.proposalId, cid: claims.contactId, eid: claims.employerId })
    .setProtectedHeader({ alg: 'HS256', typ: ANSWER_LINK_TYPE })
    .setJti(claims.jti)
    .setIssuer(key.issuer)
    .setAudience(ANSWER_LINK_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(encode(key.secret));
}

/**
 * Checks signature, algorithm, type, issuer, audience and expiry. An expired token is only reported as
 * EXPIRED after its signature was verified (jose checks claims after the signature); anything else is INVALID.
 */
export async function verifyAnswerToken(key: AnswerTokenKey, token: string): Promise<AnswerLinkClaims> {
  if (typeof token !== 'string' || token.length > 2048 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw new AnswerLinkError(AnswerLinkProblem.INVALID);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, encode(key.secret), {
      algorithms: ['HS256'],
      typ: ANSWER_LINK_TYPE,
      issuer: key.issuer,
      audience: ANSWER_LINK_AUDIENCE,
      requiredClaims: ['jti', 'exp', 'pid', 'cid', 'eid'],
    }));
  } catch (err) {
    throw new AnswerLinkError(err instanceof errors.JWTExpired ? AnswerLinkProblem.EXPIRED : AnswerLinkProblem.INVALID);
  }
  const { jti, pid, cid, eid, exp } = payload;
  for (const id of [jti, pid, cid, eid]) if (typeof id !== 'string' || !UUID.test(id)) throw new AnswerLinkError(AnswerLinkProblem.INVALID);
  return { jti: jti as string, proposalId: pid as string, contactId: cid as string, employerId: eid as string, expiresAt: new Date((exp as number) * 1000) };
}
