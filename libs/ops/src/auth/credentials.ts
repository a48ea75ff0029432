import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a presented secret with the configured one in constant time (hashing first hides the length too). */
export function secretsEqual(presented: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export const ADMIN_COOKIE = 'pb_admin';
export const ADMIN_COOKIE_PATH = '/admin';

/** Reads one cookie from a Cookie header (no dependency: the admin session is the only cookie the api reads). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

export interface CookieOptions {
  readonly maxAgeSeconds: number;
  readonly secure: boolean;
}

/** The admin session cookie: HttpOnly, SameSite=Strict, only sent to /admin, Secure outside local development. */
export function adminCookie(value: string, { maxAgeSeconds, secure }: CookieOptions): string {
  const parts = [`${ADMIN_COOKIE}=${encodeURIComponent(value)}`, `Path=${ADMIN_COOKIE_PATH}`, `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Strict'];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedAdminCookie(secure: boolean): string {
  return adminCookie('', { maxAgeSeconds: 0, secure });
}
