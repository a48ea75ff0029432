import { ADMIN_COOKIE, adminCookie, clearedAdminCookie, readCookie, secretsEqual } from './credentials.js';

describe('operations credentials', () => {
  it('compares the scrape token exactly, and never matches when none is configured', () => {
    const token = 'a-scrape-token-that-is-long-enough-123';
    expect(secretsEqual(token, token)).toBe(true);
    expect(secretsEqual(`${token}x`, token)).toBe(false);
    expect(secretsEqual(token.slice(0, -1), token)).toBe(false);
    expect(secretsEqual('', undefined)).toBe(false);
    expect(secretsEqual('anything', undefined)).toBe(false);
    expect(secretsEqual('', '')).toBe(false);
  });

  it('writes a strict, HttpOnly admin cookie for /admin, Secure when asked, and reads it back among others', () => {
    const cookie = adminCookie('abc.def.ghi', { maxAgeSeconds: 3600.7, secure: true });
    expect(cookie).toBe(`${ADMIN_COOKIE}=abc.def.ghi; Path=/admin; Max-Age=3600; HttpOnly; SameSite=Strict; Secure`);
    expect(adminCookie('t', { maxAgeSeconds: 10, secure: false })).not.toContain('Secure');
    expect(clearedAdminCookie(false)).toContain('Max-Age=0');
    expect(readCookie(`other=1; ${ADMIN_COOKIE}=abc.def.ghi; x=y`, ADMIN_COOKIE)).toBe('abc.def.ghi');
    expect(readCookie(`x${ADMIN_COOKIE}=nope`, ADMIN_COOKIE)).toBeNull();
    expect(readCookie(`${ADMIN_COOKIE}=%E0%A4%A`, ADMIN_COOKIE)).toBeNull();
    expect(readCookie(undefined, ADMIN_COOKIE)).toBeNull();
  });
});
