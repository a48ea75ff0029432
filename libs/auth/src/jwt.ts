import { SignJWT } from 'jose';

export interface TokenAudience {
  readonly issuer: string;
  readonly audience: string;
}

/** Signs a local HS256 bearer token naming the user; shared by the api, `npm run token` and the tests. */
export function signHs256Token(secret: string, userId: string, ttlSeconds: number, { issuer, audience }: TokenAudience): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
