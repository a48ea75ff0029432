import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { signHs256Token } from '#lib/auth';
import { AnswerLinkError, AnswerLinkProblem } from './answer-link.exception.js';
import { ANSWER_LINK_AUDIENCE, ANSWER_LINK_TYPE, type AnswerLinkClaims, signAnswerToken, verifyAnswerToken } from './answer-token.js';

const key = { secret: 'unit-test-secret-that-is-long-enough-for-hs256', issuer: 'praksisbro' };
const claims = (expiresInSeconds = 3600): AnswerLinkClaims => ({
  jti: randomUUID(),
  proposalId: randomUUID(),
  contactId: randomUUID(),
  employerId: randomUUID(),
  expiresAt: new Date(Math.floor(Date.now() / 1000 + expiresInSeconds) * 1000),
});
const problemOf = async (token: string, k = key): Promise<AnswerLinkProblem | 'OK'> => {
  try {
    await verifyAnswerToken(k, token);
    return 'OK';
  } catch (err) {
    if (err instanceof AnswerLinkError) return err.problem;
    throw err;
  }
};
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('answer link tokens', () => {
  it('round-trips the ids and the expiry, and carries nothing else', async () => {
    const c = claims();
    const token = await signAnswerToken(key, c);
    expect(await verifyAnswerToken(key, token)).toEqual(c);
    const [header, payload] = token.split('.').map((part, i) => (i < 2 ? JSON.parse(Buffer.from(part!, 'base64url').toString()) : part));
    expect(header).toEqual({ alg: 'HS256', typ: ANSWER_LINK_TYPE });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'cid', 'eid', 'exp', 'iat', 'iss', 'jti', 'pid']);
    expect(payload.aud).toBe(ANSWER_LINK_AUDIENCE);
  });

  it('refuses a tampered payload or signature as INVALID', async () => {
    const token = await signAnswerToken(key, claims());
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    expect(await problemOf(`${h}.${b64({ ...payload, pid: randomUUID() })}.${s}`)).toBe(AnswerLinkProblem.INVALID);
    expect(await problemOf(`${h}.${b64({ ...payload, exp: payload.exp + 86_400 })}.${s}`)).toBe(AnswerLinkProblem.INVALID);
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
    expect(await problemOf(`${h}.${p}.${flipped}`)).toBe(AnswerLinkProblem.INVALID);
    expect(await problemOf(`${h}.${p}.`)).toBe(AnswerLinkProblem.INVALID);
    // alg "none" with the signature stripped
    expect(await problemOf(`${b64({ alg: 'none', typ: ANSWER_LINK_TYPE })}.${p}.`)).toBe(AnswerLinkProblem.INVALID);
  });

  it('refuses garbage and oversized input as INVALID without throwing anything else', async () => {
    for (const junk of ['', 'abc', 'a.b.c', '../../etc/passwd', `${'x'.repeat(3000)}.y.z`, '<script>.x.y']) {
      expect(await problemOf(junk)).toBe(AnswerLinkProblem.INVALID);
    }
  });

  it('reports a correctly signed but expired link as EXPIRED', async () => {
    expect(await problemOf(await signAnswerToken(key, claims(-5)))).toBe(AnswerLinkProblem.EXPIRED);
  });

  it('refuses an expired token signed with another key as INVALID, not EXPIRED', async () => {
    const token = await signAnswerToken({ ...key, secret: 'another-secret-that-is-long-enough-for-hs256' }, claims(-5));
    expect(await problemOf(token)).toBe(AnswerLinkProblem.INVALID);
  });

  it('refuses the api’s own bearer tokens (wrong audience and type)', async () => {
    const bearer = await signHs256Token(key.secret, randomUUID(), 3600, { issuer: key.issuer, audience: 'praksisbro-api' });
    expect(await problemOf(bearer)).toBe(AnswerLinkProblem.INVALID);
  });

  it('refuses a token with the right type but another audience or issuer', async () => {
    const c = claims();
    const forge = (aud: string, iss: string) =>
      new SignJWT({ pid: c.proposalId, cid: c.contactId, eid: c.employerId })
        .setProtectedHeader({ alg: 'HS256', typ: ANSWER_LINK_TYPE })
        .setJti(c.jti)
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(key.secret));
    expect(await problemOf(await forge('praksisbro-api', key.issuer))).toBe(AnswerLinkProblem.INVALID);
    expect(await problemOf(await forge(ANSWER_LINK_AUDIENCE, 'someone-else'))).toBe(AnswerLinkProblem.INVALID);
    expect(await problemOf(await forge(ANSWER_LINK_AUDIENCE, key.issuer))).toBe('OK');
  });

  it('refuses a token whose ids are not UUIDs or that lacks one', async () => {
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256', typ: ANSWER_LINK_TYPE })
        .setJti(randomUUID())
        .setIssuer(key.issuer)
        .setAudience(ANSWER_LINK_AUDIENCE)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(key.secret));
    expect(await problemOf(await sign({ pid: "1' OR 1=1 --", cid: randomUUID(), eid: randomUUID() }))).toBe(AnswerLinkProblem.INVALID);
    expect(await problemOf(await sign({ pid: randomUUID(), cid: randomUUID() }))).toBe(AnswerLinkProblem.INVALID);
  });

  it('maps problems to 404 for links that never were and 410 for links that were good once', () => {
    expect(new AnswerLinkError(AnswerLinkProblem.INVALID).httpStatus).toBe(404);
    expect(new AnswerLinkError(AnswerLinkProblem.UNKNOWN).httpStatus).toBe(404);
    expect(new AnswerLinkError(AnswerLinkProblem.EXPIRED).httpStatus).toBe(410);
    expect(new AnswerLinkError(AnswerLinkProblem.USED).httpStatus).toBe(410);
  });
});
