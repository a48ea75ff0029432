import { escapeHtml } from '#lib/core';

/** The admin sign-in pages: plain HTML, no script, no external resources. */

export const ADMIN_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;

export function loginPage(message?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Praksisbro operations: sign in</title></head>
<body>
<h1>Praksisbro operations</h1>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<p>Paste an administrator's bearer token (<code>npm run token -- --role ADMIN</code>, or your identity provider's access token).
The queue dashboard keeps it in an HttpOnly cookie for this browser until the token expires.</p>
<form method="post" action="/admin/login">
<label>Token <input type="password" name="token" autocomplete="off" required></label>
<button type="submit">Sign in</button>
</form>
</body></html>`;
}

export function refusedPage(status: 401 | 403 | 503, message: string): string {
  const title = status === 401 ? 'Sign in required' : status === 403 ? 'Administrators only' : 'Temporarily unavailable';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${title}</title></head>
<body><h1>${title}</h1><p>${escape(message)}</p><p><a href="/admin/login">Sign in as an administrator</a></p></body></html>`;
}
